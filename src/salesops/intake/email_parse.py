"""Parse one raw RFC 822 message into plain values (I-3, I-4, A-3).

``parse_message`` never raises anything but :class:`MailRejected` (the documented
rejection, ``code="malformed"`` or ``"missing-sender"``): odd MIME, 8-bit headers,
unknown charsets, nested multiparts and HTML-only bodies all parse to something.
Python's ``email`` package with ``policy=default`` does the MIME work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

MAX_DEPTH = 5  # attached messages inside attached messages …
MAX_BODY_CHARS = 200_000
ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")


class MailRejected(Exception):  # noqa: N818 - a documented outcome, not a bug
    """The only exception the parser raises: the message cannot be used, and why."""

    def __init__(self, code: str, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.field = field


@dataclass
class ParsedMail:
    message_id: str | None
    from_addr: str
    from_name: str
    to: list[str]
    cc: list[str]
    subject: str
    date: datetime | None
    text: str
    headers: dict[str, str]
    attached: list[ParsedMail] = field(default_factory=list)
    delivered_to: list[str] = field(default_factory=list)


def parse_message(raw: bytes) -> ParsedMail:
    """The message's sender, recipients, subject, text body and attached messages."""
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
        return _parsed(msg, depth=0)
    except MailRejected:
        raise
    except Exception as exc:  # any parser surprise is a malformed message, never a 500
        raise MailRejected(
            "malformed", f"the message could not be parsed ({exc.__class__.__name__})"
        ) from exc


def _parsed(msg: Message, depth: int) -> ParsedMail:
    senders = addresses(msg, "From") or addresses(msg, "Sender")
    if not senders:
        raise MailRejected("missing-sender", "the message has no valid From address", "From")
    name, addr = senders[0]
    attached: list[ParsedMail] = []
    if depth < MAX_DEPTH:
        for inner in _attached_messages(msg):
            try:
                attached.append(_parsed(inner, depth + 1))
            except MailRejected:
                continue  # an unusable attachment does not spoil the outer message
    return ParsedMail(
        message_id=_message_id(msg),
        from_addr=addr,
        from_name=name,
        to=[a for _, a in addresses(msg, "To")],
        cc=[a for _, a in addresses(msg, "Cc")],
        subject=header(msg, "Subject")[:500],
        date=_date(header(msg, "Date")),
        text=body_text(msg)[:MAX_BODY_CHARS],
        headers={k: header(msg, k) for k in _header_names(msg)},
        attached=attached,
        delivered_to=[a for h in ("Delivered-To", "X-Original-To") for _, a in addresses(msg, h)],
    )


def header(msg: Message, name: str) -> str:
    """A header's decoded value, or its raw text when decoding fails; '' when absent."""
    try:
        value = msg.get(name)
        if value is None:
            return ""
        return " ".join(str(value).replace("\x00", "").split())
    except Exception:
        for key, raw in _raw_items(msg):
            if key.lower() == name.lower():
                return " ".join(str(raw).split())
        return ""


def _raw_items(msg: Message) -> list[tuple[str, str]]:
    raw = getattr(msg, "raw_items", None)
    return list(raw()) if raw is not None else list(msg.items())


def _header_names(msg: Message) -> list[str]:
    seen: dict[str, None] = {}
    for key, _ in _raw_items(msg):
        seen.setdefault(str(key), None)
    return list(seen)[:100]


def addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lower-cased address) pairs of an address header, valid ones only."""
    values: list[str] = []
    try:
        values = [str(v) for v in msg.get_all(name) or []]
    except Exception:
        values = [str(v) for k, v in _raw_items(msg) if k.lower() == name.lower()]
    found: list[tuple[str, str]] = []
    for display, addr in getaddresses(values):
        addr = addr.strip().strip("<>").lower()
        if ADDRESS.match(addr):
            found.append((display.strip(), addr))
    return found


def _message_id(msg: Message) -> str | None:
    value = header(msg, "Message-ID").strip()
    return value[:300] or None


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _attached_messages(msg: Message) -> list[Message]:
    found: list[Message] = []
    if not msg.is_multipart():
        return found
    for part in msg.walk():
        if part is msg or part.get_content_type() != "message/rfc822":
            continue
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else payload
        if isinstance(inner, Message):
            found.append(inner)
    return found


def _decoded(part: Message) -> str:
    try:
        if isinstance(part, EmailMessage):
            content = part.get_content()
            if isinstance(content, str):
                return content
    except Exception:
        pass
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return "" if payload is None else str(payload)
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def body_text(msg: Message) -> str:
    """The plain-text body; an HTML-only body converted to text; '' when there is none."""
    part: Message | None = None
    if isinstance(msg, EmailMessage):
        try:
            part = msg.get_body(preferencelist=("plain", "html"))
        except Exception:
            part = None
    if part is None:
        for candidate in msg.walk():
            if candidate.get_content_maintype() == "text":
                part = candidate
                break
    if part is None:
        return ""
    text = _decoded(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    # NUL cannot be stored in PostgreSQL text; drop it on every backend alike.
    return text.replace("\r\n", "\n").replace("\xa0", " ").replace("\x00", "")


_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table"}
_BLOCK_TAGS |= {"blockquote", "pre"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._mailto: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self._mailto.append(href[7:] if href.lower().startswith("mailto:") else None)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "a" and self._mailto:
            addr = self._mailto.pop()
            if addr and addr.split("?")[0] not in "".join(self.parts[-3:]):
                self.parts.append(f" <{addr.split('?')[0]}>")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Readable text from HTML: block elements become line breaks; mailto links keep
    their address (Outlook's HTML forwards name the sender only in the link)."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        return re.sub(r"<[^>]*>", " ", html)
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
