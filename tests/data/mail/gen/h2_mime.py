"""Holdout 2: building raw messages byte by byte (CRLF, chosen charset and transfer
encoding), so each message is what a client puts on the wire, not what the stdlib would."""

from __future__ import annotations

import base64
import hashlib
import html
import quopri
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.utils import format_datetime, formataddr

ALIAS = "sales@example.com"
COLLEAGUES = (
    ("Alex Meyer", "alex.meyer@example.com"),
    ("Jana Vogt", "jana.vogt@example.com"),
    ("Kim Berger", "kim.berger@example.com"),
    ("Sam Ortega", "sam.ortega@example.com"),
)


def hdr(value: str, charset: str = "utf-8") -> str:
    """An unstructured header value, RFC 2047-encoded when it is not ASCII."""
    try:
        value.encode("ascii")
        return value
    except UnicodeEncodeError:
        return Header(value, charset if charset != "iso-2022-jp" else "utf-8").encode(
            linesep="\r\n"
        )


def addr(name: str, email: str) -> str:
    return formataddr((name, email), charset="utf-8")


def encode_text(text: str, charset: str) -> tuple[str, bytes]:
    """The body in ``charset`` (UTF-8 when it cannot hold the text)."""
    try:
        return charset, text.encode(charset)
    except (UnicodeEncodeError, LookupError):
        return "utf-8", text.encode("utf-8")


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def part(ctype: str, text: str, charset: str = "utf-8", cte: str = "quoted-printable") -> bytes:
    """A text part: headers and the body in ``cte`` (7bit/8bit/quoted-printable/base64)."""
    cs, raw = encode_text(crlf(text), charset)
    if cs == "iso-2022-jp" and cte != "base64":
        cte = "7bit"
    if cte == "base64":
        body = base64.encodebytes(raw).replace(b"\n", b"\r\n")
    elif cte == "quoted-printable":
        body = quopri.encodestring(raw).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    else:
        if cte == "7bit" and any(b > 127 for b in raw):
            cte = "8bit"
        body = raw if raw.endswith(b"\r\n") else raw + b"\r\n"
    head = f'Content-Type: {ctype}; charset="{cs}"\r\nContent-Transfer-Encoding: {cte}\r\n\r\n'
    return head.encode("ascii") + body


def boundary(seed: str) -> str:
    return "=_h2_" + hashlib.sha1(seed.encode()).hexdigest()[:20]


def multipart(subtype: str, parts: list[bytes], seed: str, extra: str = "") -> bytes:
    b = boundary(seed + subtype)
    out = f'Content-Type: multipart/{subtype}; boundary="{b}"{extra}\r\n\r\n'.encode()
    out += b"This is a multi-part message in MIME format.\r\n"
    for p in parts:
        out += f"\r\n--{b}\r\n".encode() + p
    out += f"\r\n--{b}--\r\n".encode()
    return out


def message(headers: list[tuple[str, str]], body: bytes) -> bytes:
    """Top-level headers (folded lines kept short) then a MIME body (its own headers)."""
    lines = [f"{k}: {v}" for k, v in headers]
    lines.append("MIME-Version: 1.0")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8") + body


def to_html(text: str) -> str:
    """A plain body as a client's HTML editor would write it."""
    paras = html.escape(text).split("\n")
    inner = "".join(f"<div>{p or '<br>'}</div>\n" for p in paras)
    return f'<html><head><meta charset="utf-8"></head><body dir="auto">\n{inner}</body></html>\n'


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def msgid(key: str, host: str) -> str:
    return f"<h2.{hashlib.sha1(key.encode()).hexdigest()[:16]}@{host}>"


def rfc_date(i: int) -> str:
    cet = timezone(timedelta(hours=1))
    when = datetime(2026, 12, 1 + i % 27, 8 + i % 10, (i * 7) % 60, (i * 13) % 60, tzinfo=cet)
    return format_datetime(when)
