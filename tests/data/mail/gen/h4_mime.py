"""Holdout 4 (task h15fix): raw messages assembled byte by byte — CRLF, RFC 2047 headers,
quoted-printable or 8-bit bodies, multiparts with fixed boundaries — so the corpus is the
same bytes on every run."""

from __future__ import annotations

import hashlib
from email.header import Header
from email.utils import formataddr

ALIAS = "sales@example.com"
KIM = ("Kim Berger", "kim.berger@example.com")
SAM = ("Sam Ortega", "sam.ortega@example.com")
ALEX = ("Alex Meyer", "alex.meyer@example.com")
Entry = tuple[str, bytes, dict[str, object]]


def enc(value: str) -> str:
    """An unstructured header value, RFC 2047-encoded when it is not ASCII."""
    return value if value.isascii() else Header(value, "utf-8").encode(linesep="\r\n")


def who(name: str, email: str) -> str:
    """A From/To value: the name encoded, the address as given (punycode or ASCII)."""
    return formataddr((name, email), charset="utf-8") if name else email


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _qp(data: bytes) -> bytes:
    import quopri

    return quopri.encodestring(data).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def text_part(text: str, subtype: str = "plain", cte: str = "quoted-printable") -> bytes:
    raw = crlf(text).encode("utf-8")
    if cte == "8bit" or raw.isascii():
        cte = "8bit" if not raw.isascii() else "7bit"
        body = raw if raw.endswith(b"\r\n") else raw + b"\r\n"
    else:
        body = _qp(raw)
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\nContent-Transfer-Encoding: {cte}\r\n\r\n'
    ).encode() + body


def multipart(subtype: str, parts: list[bytes], seed: str, extra: str = "") -> bytes:
    b = "=_h4_" + hashlib.sha1((seed + subtype).encode()).hexdigest()[:20]
    out = f'Content-Type: multipart/{subtype}; boundary="{b}"{extra}\r\n\r\n'.encode()
    for p in parts:
        out += f"--{b}\r\n".encode() + p + b"\r\n"
    return out + f"--{b}--\r\n".encode()


def message(
    i: int,
    sender: str,
    subject: str,
    body: bytes,
    *,
    to: str = ALIAS,
    cc: str = "",
    extra: tuple[tuple[str, str], ...] = (),
    day: int = 0,
    host: str = "mail.example.net",
) -> bytes:
    """Headers (as a client writes them) and a MIME body (a part with its own headers)."""
    date = f"Tue, {3 + day % 20:02d} Nov 2026 {8 + i % 9:02d}:{i % 60:02d}:17 +0100"
    lines = [
        *(f"{k}: {v}" for k, v in extra),
        f"From: {sender}",
        f"To: {to}",
        *([f"Cc: {cc}"] if cc else []),
        f"Subject: {enc(subject)}",
        f"Date: {date}",
        f"Message-ID: <h4.{i}.{hashlib.sha1(subject.encode()).hexdigest()[:10]}@{host}>",
        "MIME-Version: 1.0",
    ]
    return ("\r\n".join(lines) + "\r\n").encode() + body


def fields(kind: str, client: str, lang: str, **more: object) -> dict[str, object]:
    out: dict[str, object] = {"kind": kind, "client": client, "language": lang}
    out.update({k: v for k, v in more.items() if v is not None})
    return out
