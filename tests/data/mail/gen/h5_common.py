# ruff: noqa  (task auth5's generator, adapted: data tables, long header and body strings)
"""Shared helpers for the holdout5 generator: MIME assembly by hand (so charsets, transfer
encodings and line endings are exactly what we choose), dates, people, the manifest."""

from __future__ import annotations

import base64
import hashlib
import json
import quopri
import random
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.utils import format_datetime, formataddr

ALIAS = "sales@example.com"
R = random.Random(20261207)

COLLEAGUES = [
    ("Ines Moreau", "ines.moreau@example.com"),
    ("Rahul Mehta", "rahul.mehta@example.com"),
    ("Katarzyna Wójcik", "katarzyna.wojcik@example.com"),
    ("Jonas Berg", "jonas.berg@example.com"),
    ("Amara Nwosu", "amara.nwosu@example.com"),
    ("Lucia Ferraro", "lucia.ferraro@example.com"),
    ("Haruto Kimura", "haruto.kimura@example.com"),
    ("Sara Cohen", "sara.cohen@example.com"),
    ("Dmytro Kovalenko", "dmytro.kovalenko@example.com"),
    ("Mei Lin", "mei.lin@example.com"),
    ("Oliver Grant", "oliver.grant@example.com"),
    ("Fatima Haddad", "fatima.haddad@example.com"),
]

OUR_SENDERS = COLLEAGUES
_ci = [0]


def colleague(i: int | None = None) -> tuple[str, str]:
    if i is None:
        _ci[0] += 1
        i = _ci[0]
    return COLLEAGUES[i % len(COLLEAGUES)]


def other_colleague(c: tuple[str, str]) -> tuple[str, str]:
    i = COLLEAGUES.index(c)
    return COLLEAGUES[(i + 5) % len(COLLEAGUES)]


TZ = {
    "en": -5,
    "de": 1,
    "fr": 1,
    "es": 1,
    "it": 1,
    "pt": 0,
    "nl": 1,
    "pl": 1,
    "cs": 1,
    "sk": 1,
    "hu": 1,
    "ro": 2,
    "sv": 1,
    "da": 1,
    "nb": 1,
    "fi": 2,
    "et": 2,
    "lv": 2,
    "lt": 2,
    "sl": 1,
    "hr": 1,
    "bg": 2,
    "el": 2,
    "tr": 3,
    "ru": 3,
    "uk": 2,
    "zh-CN": 8,
    "zh-TW": 8,
    "ja": 9,
    "ko": 9,
    "vi": 7,
    "id": 7,
    "th": 7,
    "he": 2,
    "ar": 4,
    "hi": 5.5,
    "ms": 8,
    "ca": 1,
}


def when(n: int, lang: str = "en", minutes_back: int = 0) -> datetime:
    """A deterministic date in early December 2026 in the language's usual time zone."""
    off = TZ.get(lang, 0)
    tz = timezone(timedelta(hours=off))
    base = datetime(2026, 11, 30, 7, 3, tzinfo=timezone.utc) + timedelta(minutes=n * 53 % 9000)
    return (base - timedelta(minutes=minutes_back)).astimezone(tz)


def rfc(d: datetime) -> str:
    return format_datetime(d)


def mid(n: int, domain: str, style: int = 0) -> str:
    h = hashlib.sha1(f"{n}-{domain}-{style}".encode()).hexdigest()
    if style == 1:
        return f"<{h[:8].upper()}{h[8:16].upper()}@{domain}>"
    if style == 2:
        return f"<CA+{base64.b64encode(bytes.fromhex(h[:36])).decode().rstrip('=')}@mail.gmail.com>"
    if style == 3:
        return f"<{h[:12]}.{h[12:20]}.{n}@{domain}>"
    return f"<{h[:16]}@{domain}>"


def hval(s: str, charset: str = "utf-8") -> str:
    """A header value, encoded-word when not ASCII."""
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        pass
    try:
        return Header(s, charset, maxlinelen=998).encode()
    except (UnicodeEncodeError, LookupError):
        return Header(s, "utf-8", maxlinelen=998).encode()


def addr(name: str | None, email: str, charset: str = "utf-8") -> str:
    if not name:
        return email
    try:
        name.encode("ascii")
        return formataddr((name, email))
    except UnicodeEncodeError:
        return f"{hval(name, charset)} <{email}>"


# --- MIME entities: (headers, body bytes) or (headers, [children]) -------------------------


def leaf(
    text: str | bytes,
    ctype: str = "text/plain",
    charset: str | None = "utf-8",
    cte: str = "qp",
    extra: list[tuple[str, str]] | None = None,
    params: str = "",
) -> dict:
    if isinstance(text, str):
        try:
            data = text.encode(charset or "utf-8")
        except (UnicodeEncodeError, LookupError):
            charset, data = "utf-8", text.encode("utf-8")
    else:
        data = text
    if cte == "7bit" and any(b > 127 for b in data):
        cte = "quoted-printable"
    if cte in ("qp", "quoted-printable"):
        cte = "quoted-printable"
        body = quopri.encodestring(data)
    elif cte == "base64":
        body = base64.encodebytes(data)
    else:
        body = data
    ct = ctype + (f'; charset="{charset}"' if charset else "") + params
    headers = [("Content-Type", ct), ("Content-Transfer-Encoding", cte)] + (extra or [])
    return {"h": headers, "b": body}


def multi(sub: str, parts: list[dict], params: str = "", extra=None, n: int = 0) -> dict:
    boundary = (
        "=_" + hashlib.md5(f"{sub}{n}{len(parts)}{params}{R.random()}".encode()).hexdigest()[:24]
    )
    return {
        "h": [("Content-Type", f'multipart/{sub}; boundary="{boundary}"' + params)] + (extra or []),
        "parts": parts,
        "bd": boundary,
    }


def rfc822(raw: bytes, cte: str = "7bit", name: str | None = None, octet: bool = False) -> dict:
    if octet:
        ct = f'application/octet-stream; name="{name or "message.eml"}"'
    else:
        ct = "message/rfc822" + (f'; name="{name}"' if name else "")
    extra = [("Content-Disposition", f'attachment; filename="{name}"')] if name else []
    if cte == "base64":
        body = base64.encodebytes(raw)
    elif cte == "qp":
        cte, body = "quoted-printable", quopri.encodestring(raw)
    else:
        body = raw
        if cte == "7bit" and any(b > 127 for b in raw):
            cte = "8bit"
    return {"h": [("Content-Type", ct), ("Content-Transfer-Encoding", cte)] + extra, "b": body}


def _ser(e: dict) -> bytes:
    out = b"".join(f"{k}: {v}\n".encode() for k, v in e["h"]) + b"\n"
    if "parts" in e:
        for p in e["parts"]:
            out += f"--{e['bd']}\n".encode() + _ser(p)
            if not out.endswith(b"\n"):
                out += b"\n"
        out += f"--{e['bd']}--\n".encode()
    else:
        out += e["b"]
    return out


def message(
    headers: list[tuple[str, str]], body: dict, crlf: bool = False, mime: bool = True
) -> bytes:
    hs = list(headers) + ([("MIME-Version", "1.0")] if mime else [])
    raw = b"".join(f"{k}: {v}\n".encode("utf-8") for k, v in hs) + _ser(body)
    if crlf:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return raw


def received(host: str, by: str, d: datetime, n: int) -> tuple[str, str]:
    ip = f"198.51.100.{(n * 37) % 250 + 2}"
    return (
        "Received",
        f"from {host} ({host} [{ip}])\n\tby {by} with ESMTPS id {hashlib.md5(str(n).encode()).hexdigest()[:10]}\n\tfor <{ALIAS}>; {rfc(d)}",
    )


# --- manifest --------------------------------------------------------------------------


class Corpus:
    def __init__(self) -> None:
        self.items: list[tuple[str, bytes, dict]] = []
        self.n = 0
        self.leads: set[str] = set()

    def next(self) -> int:
        self.n += 1
        return self.n

    def add(
        self,
        kind: str,
        client: str,
        lang: str,
        raw: bytes,
        n: int,
        lead: str | None = None,
        referrer: str | None = None,
        case: str | None = None,
        ignored: bool = False,
        stem: str | None = None,
    ) -> None:
        if lead:
            assert lead not in self.leads, f"duplicate lead {lead}"
            self.leads.add(lead)
        if kind == "forward":
            path = f"forward/{client}/{lang}-{n}.eml"
        else:
            path = f"{kind}/{stem or client}-{lang}-{n}.eml"
        e = {"file": path, "kind": kind, "client": client, "language": lang}
        if lead:
            e["lead"] = lead
        if referrer:
            e["referrer"] = referrer
        if case:
            e["case"] = case
        if ignored:
            e["ignored"] = True
        self.items.append((path, raw, e))

    def manifest(self) -> str:
        lines = [
            "# Issue 15's fifth held-out corpus (task auth5), written unseen: the author read no",
            "# detector code or phrase list. Every person and company is invented.",
            f"alias: {ALIAS}",
            "company_domains: [example.com]",
            "messages:",
        ]
        for _, _, e in self.items:
            parts = []
            for k, v in e.items():
                if isinstance(v, bool):
                    parts.append(f"{k}: {'true' if v else 'false'}")
                elif k in ("file", "kind", "client", "language", "lead", "referrer") and all(
                    c.isalnum() or c in "/._-@+" for c in v
                ):
                    parts.append(f"{k}: {v}")
                else:
                    parts.append(f"{k}: {json.dumps(v, ensure_ascii=False)}")
            lines.append("- {" + ", ".join(parts) + "}")
        return "\n".join(lines) + "\n"
