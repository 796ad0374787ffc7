"""Shared pieces of the corpus generator: people, localised dates (CLDR via Babel, as the
clients themselves use), and MIME assembly with each client's transfer encodings."""

from __future__ import annotations

import base64
import hashlib
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from babel.dates import format_date, format_skeleton, format_time

ALIAS = "sales@example.com"
COMPANY = "example.com"
SMTP = policy.SMTP  # CRLF line ends, RFC 2047 encoded words, as mail travels

# Offsets the corpus's people live in (a rough map: language -> UTC offset in hours).
OFFSETS = {
    "en": 0,
    "pt": 0,
    "ga": 1,
    "ja": 9,
    "ru": 3,
    "tr": 3,
    "uk": 2,
    "bg": 2,
    "el": 2,
    "fi": 2,
    "et": 2,
    "lt": 2,
    "lv": 2,
    "ro": 2,
}
TZ_NAMES = {"de": "MEZ", "en": "GMT", "fr": "UTC+1", "ru": "GMT+3", "ja": "JST", "tr": "GMT+3"}


@dataclass(frozen=True)
class Person:
    name: str
    email: str

    @property
    def first(self) -> str:
        return self.name.split()[0] if self.name else self.email.split("@")[0]

    def addr(self) -> str:
        return formataddr((self.name, self.email)) if self.name else self.email

    def plain(self) -> str:
        """``Name <email>`` as the clients write it into a forward, unencoded."""
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass
class Built:
    """One generated message and what intake should make of it."""

    path: str
    raw: bytes
    kind: str
    client: str
    language: str
    lead: str | None = None
    referrer: str | None = None
    case: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def tz_for(lang: str) -> timezone:
    return timezone(timedelta(hours=OFFSETS.get(lang, 1)))


def when(rng: random.Random, lang: str) -> tuple[datetime, datetime]:
    """(original, forwarded): a customer's mail and the colleague's forward hours later."""
    base = datetime(2024, 1, 8, 8, 0, tzinfo=tz_for(lang))
    original = base + timedelta(days=rng.randrange(0, 600), minutes=rng.randrange(0, 600))
    return original, original + timedelta(minutes=rng.randrange(7, 2000))


def _loc(lang: str) -> str:
    return {"en": "en_US", "pt": "pt_PT", "no": "nb"}.get(lang, lang)


def gmail_date(lang: str, dt: datetime, at: str) -> str:
    """Gmail: 'Wed, Oct 27, 2021 at 9:31 AM', 'Mi., 27. Okt. 2021 um 09:31 Uhr' …"""
    loc = _loc(lang)
    day = format_skeleton("yMMMEd", dt, locale=loc)
    clock = format_time(dt, "h:mm a" if lang == "en" else "H:mm", locale=loc)
    if lang == "de":
        return f"{day} {at} {clock} Uhr"
    if not at:
        return f"{day}, {clock}" if lang in ("hu", "tr") else f"{day} {clock}"
    return f"{day} {at} {clock}"


def outlook_date(lang: str, dt: datetime) -> str:
    """Outlook desktop: the full date and the short time of the Windows locale."""
    loc = _loc(lang)
    clock = format_time(dt, "short", locale=loc).replace("\u202f", " ")
    return f"{format_date(dt, 'full', locale=loc)} {clock}"


def owa_date(lang: str, dt: datetime) -> str:
    loc = _loc(lang)
    return f"{format_date(dt, 'full', locale=loc)} {dt:%H:%M}"


def mac_new_date(lang: str, dt: datetime, at: str) -> str:
    """New Outlook for Mac: 'Donnerstag, 28. Oktober 2021 um 12:46'."""
    loc = _loc(lang)
    full = format_date(dt, "full", locale=loc)
    if lang == "en":
        return f"{full} at {dt:%-I:%M %p}"
    return f"{full} {at} {dt:%H:%M}" if at else f"{full} {dt:%H:%M}"


def apple_date(lang: str, dt: datetime, at: str) -> str:
    """Apple Mail: '26. Oktober 2021 um 14:25:08 MESZ', 'October 26, 2021 at 2:25:08 PM GMT+1'."""
    loc = _loc(lang)
    day = format_date(dt, "long", locale=loc)
    zone = TZ_NAMES.get(lang, f"GMT+{int(dt.utcoffset().total_seconds() // 3600)}")  # type: ignore[union-attr]
    if lang == "en":
        return f"{day} at {dt:%-I:%M:%S %p} {zone}"
    return f"{day} {at} {dt:%H:%M:%S} {zone}" if at else f"{day} {dt:%H:%M:%S} {zone}"


def long_date(lang: str, dt: datetime, sep: str = ", ") -> str:
    """Yahoo / HubSpot / Zimbra: the full date and the time with seconds."""
    loc = _loc(lang)
    return f"{format_date(dt, 'full', locale=loc)}{sep}{format_time(dt, 'medium', locale=loc)}"


def rfc_date(dt: datetime) -> str:
    return format_datetime(dt)


def token(rng: random.Random, n: int, alphabet: str = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()


def gmail_id(rng: random.Random) -> str:
    raw = bytes(rng.getrandbits(8) for _ in range(36))
    return "<CA" + base64.urlsafe_b64encode(raw).decode().rstrip("=") + "@mail.gmail.com>"


def outlook_id(rng: random.Random, host: str = "example.com") -> str:
    return (
        f"<{rng.getrandbits(48):012x}${rng.getrandbits(32):08x}${rng.getrandbits(32):08x}$@{host}>"
    )


def exchange_id(rng: random.Random) -> str:
    box = "AM" + str(rng.choice([0, 6, 8, 9])) + "PR0" + str(rng.randrange(1, 9)) + "MB"
    box += str(rng.randrange(1000, 9999))
    host = f"{box}.eurprd0{rng.randrange(1, 8)}.prod.outlook.com"
    return f"<{box}{token(rng, 20)}@{host}>"


def received(
    rng: random.Random, dt: datetime, helo: str, by: str = "mx1.example.com", rcpt: str = ALIAS
) -> str:
    ip = ".".join(
        str(rng.randrange(lo, hi)) for lo, hi in ((11, 220), (0, 255), (0, 255), (1, 254))
    )
    qid = token(rng, 12)
    via = f"by {by} (Postfix) with ESMTPS id {qid}"
    return f"from {helo} ({helo} [{ip}]) {via} for <{rcpt}>; {rfc_date(dt)}"


def mail(
    headers: list[tuple[str, str]],
    text: str | None,
    html: str | None = None,
    *,
    charset: str = "utf-8",
    cte: str = "quoted-printable",
    params: dict[str, str] | None = None,
) -> EmailMessage:
    """A message with its headers in the given order and a text and/or HTML body."""
    msg = EmailMessage(policy=SMTP)
    for name, value in headers:
        msg[name] = value
    if text is not None:
        msg.set_content(text, subtype="plain", charset=charset, cte=cte, params=params or {})
        if html is not None:
            msg.add_alternative(html, subtype="html", charset=charset, cte=cte)
    elif html is not None:
        msg.set_content(html, subtype="html", charset=charset, cte=cte)
    return msg


def _fold(line: str, width: int = 78) -> str:
    """Fold a long ASCII header line at spaces (continuation lines start with a tab)."""
    if "\r\n" in line or len(line) <= width:
        return line
    out, cur = [], ""
    for word in line.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    out.append(cur)
    return "\r\n\t".join(out)


def header_bytes(headers: list[tuple[str, str]]) -> bytes:
    """Header lines as they go on the wire (folded, RFC 2047 encoded), ending in a blank line."""
    out = b""
    for name, value in headers:
        if value.isascii():  # as given (robots' odd senders such as "<>" stay as they are)
            out += _fold(f"{name}: {value}").encode() + b"\r\n"
        else:
            out += SMTP.header_factory(name, value).fold(policy=SMTP).encode("ascii")
    return out + b"\r\n"


def to_bytes(msg: EmailMessage) -> bytes:
    """The message on the wire; multipart boundaries derived from its Message-ID, so the
    corpus is the same bytes on every run."""
    for i, part in enumerate(msg.walk()):
        if part.is_multipart() and part.get_boundary() is None:
            digest = hashlib.sha1(f"{msg['Message-ID']}/{i}".encode()).hexdigest()
            part.set_boundary(f"000000000000{digest[:16]}")
    return msg.as_bytes(policy=SMTP)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_paras(text: str, tag: str = "div") -> str:
    out = []
    for para in text.split("\n\n"):
        out.append(f"<{tag}>" + "<br>".join(esc(x) for x in para.split("\n")) + f"</{tag}>")
    return f"<{tag}><br></{tag}>".join(out)


def flowed(text: str, width: int = 72) -> str:
    """format=flowed (RFC 3676) as Thunderbird writes it: soft breaks end in a space."""
    out: list[str] = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break
            out.append(line[: cut + 1])
            line = line[cut + 1 :]
        out.append(line)
    return "\n".join(out)


def seed(*parts: object) -> random.Random:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))
