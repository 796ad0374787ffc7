"""MIME helpers for the third held-out mail corpus (issue 15, task auth).

Messages are assembled by hand (not with email.message) so that the raw bytes look the way
real clients and MTAs write them: header order, folding, encodings and line endings vary.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import quopri
import random
from email.header import Header
from email.utils import format_datetime

R = random.Random(20261207)

ALIAS = "sales@example.com"
COMPANY = "example.com"

# Python codec names for the MIME charset labels used below.
CODEC = {
    "iso-2022-jp": "iso2022_jp",
    "ks_c_5601-1987": "cp949",
    "gb2312": "gb2312",
    "gbk": "gbk",
    "gb18030": "gb18030",
    "windows-1250": "cp1250",
    "windows-1251": "cp1251",
    "windows-1252": "cp1252",
    "windows-1253": "cp1253",
    "windows-1254": "cp1254",
    "windows-1257": "cp1257",
}


def codec(charset: str) -> str:
    return CODEC.get(charset.lower(), charset)


def fits(text: str, charset: str) -> bool:
    try:
        text.encode(codec(charset))
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def pick_charset(text: str, options: list[str]) -> str:
    for cs in options:
        if fits(text, cs):
            return cs
    return "utf-8"


STYLE: dict[str, str | None] = {"client": None}


def mid(domain: str) -> str:
    style = R.choice([0, 2, 3])
    if domain == "gmail":
        style = 1
    if style == 0:
        return f"<{R.getrandbits(64):016x}@{domain}>"
    if style == 1:
        return f"<CA+{base64.b64encode(R.randbytes(24)).decode()[:30]}@mail.gmail.com>"
    if style == 2:
        u = R.getrandbits(128)
        return f"<{u:032X}@{domain}>"
    return f"<{R.randint(10**9, 10**10)}.{R.randint(1000, 99999)}.{R.getrandbits(32):08x}@{domain}>"


def when(day_from: int = 1, day_to: int = 7, tz_hours: float | None = None) -> dt.datetime:
    if tz_hours is None:
        tz_hours = R.choice([0, 1, 1, 1, 2, 3, -5, -8, 9, 8, 5.5, 0, 1])
    tz = dt.timezone(dt.timedelta(hours=tz_hours))
    return dt.datetime(
        2026,
        12,
        R.randint(day_from, day_to),
        R.randint(7, 19),
        R.randint(0, 59),
        R.randint(0, 59),
        tzinfo=tz,
    )


def rfcdate(d: dt.datetime) -> str:
    return format_datetime(d)


def enc_words(text: str, charset: str = "utf-8") -> str:
    """An unstructured header value, RFC 2047-encoded when it is not ASCII."""
    if text.isascii():
        return text
    cs = pick_charset(text, [charset, "utf-8"])
    h = Header(text, cs if codec(cs) == cs else cs, maxlinelen=76)
    if codec(cs) != cs:  # the email package does not know e.g. windows-1250 encoders by label
        h = Header(text, "utf-8", maxlinelen=76)
    return h.encode(linesep="\n")


def addr(name: str, email: str, charset: str = "utf-8", quote: bool = False) -> str:
    if not name:
        return email if R.random() < 0.5 else f"<{email}>"
    if name.isascii():
        if quote or any(c in name for c in ",.;:()@"):
            return f'"{name}" <{email}>'
        return f"{name} <{email}>"
    return f"{enc_words(name, charset)} <{email}>"


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def text_to_html(text: str) -> str:
    return "<br>\n".join(esc(line) for line in text.split("\n"))


def encode_body(text: str, charset: str, cte: str) -> bytes:
    data = text.encode(codec(charset))
    if cte == "base64":
        return base64.encodebytes(data)
    if cte == "quoted-printable":
        return quopri.encodestring(data)
    if cte == "7bit" and not data.isascii():
        raise ValueError("7bit with 8-bit data")
    return data if data.endswith(b"\n") else data + b"\n"


def leaf(
    ctype: str, text: str, charset: str = "utf-8", cte: str | None = None, extra: str = ""
) -> bytes:
    if not fits(text, charset):
        charset = "utf-8"
    if cte is None:
        ascii_ = text.isascii()
        cte = (
            "7bit"
            if ascii_
            else R.choice(["quoted-printable", "base64", "8bit", "quoted-printable"])
        )
    if cte == "7bit" and not text.isascii():
        cte = "8bit"
    head = f'Content-Type: {ctype}; charset="{charset}"\n'
    if R.random() < 0.3:
        head = f"Content-Type: {ctype}; charset={charset}\n"
    head += f"Content-Transfer-Encoding: {cte}\n{extra}\n"
    return head.encode() + encode_body(text, charset, cte)


def boundary() -> str:
    client = STYLE["client"] or ""
    style = (
        2
        if client.startswith("apple")
        else 1
        if client.startswith(("outlook", "new_outlook"))
        else 0
        if client.startswith("gmail")
        else R.choice([3, 4])
    )
    if style == 4:
        return f"----=_NextPart_000_{R.getrandbits(16):04X}_01DB{R.getrandbits(32):08X}"
    if style == 0:
        return f"000000000000{R.getrandbits(40):010x}"
    if style == 1:
        return f"_000_{R.getrandbits(64):016X}EXCH_"
    if style == 2:
        return f"Apple-Mail={R.getrandbits(128):032X}"
    return f"----=_Part_{R.randint(1, 99999)}_{R.randint(10**8, 10**9)}.{R.randint(10**12, 10**13)}"


def multipart(subtype: str, parts: list[bytes], params: str = "", preamble: str = "") -> bytes:
    b = boundary()
    out = f'Content-Type: multipart/{subtype}; boundary="{b}"{params}\n\n'.encode()
    if preamble:
        out += preamble.encode() + b"\n"
    for p in parts:
        out += f"--{b}\n".encode() + p
        if not out.endswith(b"\n"):
            out += b"\n"
    out += f"--{b}--\n".encode()
    return out


def alternative(plain: str | None, htm: str | None, charset: str, cte: str | None = None) -> bytes:
    parts = []
    if plain is not None:
        parts.append(leaf("text/plain", plain, charset, cte))
    if htm is not None:
        parts.append(leaf("text/html", htm, charset, cte))
    if len(parts) == 1:
        return parts[0]
    return multipart("alternative", parts)


def message(headers: list[tuple[str, str]], entity: bytes, crlf: bool | None = None) -> bytes:
    """Top-level headers (MIME-Version added) followed by an entity (its own Content-* headers)."""
    lines = []
    for k, v in headers:
        if v is None:
            continue
        lines.append(f"{k}: {v}")
    if not any(k.lower() == "mime-version" for k, _ in headers):
        lines.append("MIME-Version: 1.0")
    raw = ("\n".join(lines) + "\n").encode("utf-8") + entity
    if crlf is None:
        crlf = R.random() < 0.45
    if crlf:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return raw
