"""Parse one raw RFC 822 message into plain values (I-3, I-4, A-3).

``parse_message`` never raises anything but :class:`MailRejected`: ``malformed`` or
``missing-sender`` (the message cannot be used: 422 over HTTP, 554 over SMTP) or
``not-understood`` (it ran past its CPU budget: kept in the rejections log and
answered "ignored"). Odd MIME, 8-bit headers, unknown charsets, nested multiparts
and HTML-only bodies all parse to something. Python's ``email`` package with
``policy=default`` does the MIME work.

Hostile input (issue 13): the work is linear in the message's size and capped.
The message is fed to the parser in ``FEED_CHUNK`` pieces and feeding stops once
``MAX_PARTS`` MIME parts exist (later parts are not examined); each part keeps
its first ``MAX_HEADERS`` headers and each header its first ``MAX_HEADER_CHARS``
characters (the structured address parser is superlinear on long lists); each
address header gives at most ``MAX_ADDRESSES``; an HTML body is cut at
``MAX_HTML_CHARS`` and converted by lxml (the standard library's ``HTMLParser``
takes minutes on some 60 KB inputs); the text keeps ``MAX_BODY_CHARS``. A
:class:`~salesops.intake.budget.Budget` is checked between the steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.feedparser import BytesFeedParser
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from salesops.intake.budget import UNLIMITED_SECONDS, Budget, BudgetExceeded
from salesops.intake.html_text import html_to_text
from salesops.intake.mime_parts import calendar_method as _calendar_method
from salesops.intake.mime_parts import ctype as _ctype
from salesops.intake.mime_parts import raw_items as _raw_items
from salesops.intake.mime_parts import report_type as _report_type
from salesops.intake.mime_parts import walk as _walk

MAX_DEPTH = 5  # attached messages inside attached messages …
MAX_BODY_CHARS = 200_000
MAX_PARTS = 100  # MIME parts examined (a few more may come with the last chunk fed)
MAX_HEADERS = 200  # headers kept per part
MAX_HEADER_CHARS = 8_000  # of one header's raw value
MAX_ADDRESSES = 100  # of one address header
MAX_REPEATS = 5  # values read of a header given several times
FEED_CHUNK = 4096  # bytes fed to the parser between checks (bounds the overshoot too)
MAX_ADDRESS_CHARS = 254  # RFC 5321's limit on a forward path
ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")


def is_address(value: str) -> bool:
    """An email address as intake accepts one. Length first: ``ADDRESS`` backtracks
    quadratically on long dotted input."""
    return len(value) <= MAX_ADDRESS_CHARS and ADDRESS.match(value) is not None


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
    truncated: bool = False  # parts past MAX_PARTS were not examined
    content_types: tuple[str, ...] = ()  # of every part examined (robots.py reads them)
    report_type: str = ""  # a multipart/report's report-type (RFC 6522)
    calendar_method: str = ""  # an iCalendar part's METHOD (RFC 5546), upper-cased


class _BoundedMessage(EmailMessage):
    """A part that keeps its first ``MAX_HEADERS`` headers, each cut at
    ``MAX_HEADER_CHARS``: whatever reads a header later (the parser looking for a
    boundary, the structured header parser) works on bounded text."""

    def set_raw(self, name: str, value: Any) -> None:
        if len(self) < MAX_HEADERS:
            if isinstance(value, str) and len(value) > MAX_HEADER_CHARS:
                value = value[:MAX_HEADER_CHARS]
            super().set_raw(name, value)

    def get_content_maintype(self) -> str:
        """A ``message/*`` part sent base64 or quoted-printable (RFC 2046 forbids it;
        Outlook and Thunderbird do it) is kept whole as a leaf, for
        ``_attached_messages`` to decode and parse: the parser would otherwise read
        the encoded text as a message."""
        maintype = super().get_content_maintype()
        if maintype == "message" and _encoded(self):
            return "application"
        return maintype


class _Parts:
    """The feed parser's message factory: bounded parts, counted."""

    def __init__(self) -> None:
        self.made = 0

    def __call__(self, policy: Any = policy.default) -> EmailMessage:
        self.made += 1
        return _BoundedMessage(policy=policy)


def parse_message(raw: bytes, budget: Budget | None = None) -> ParsedMail:
    """The message's sender, recipients, subject, text body and attached messages."""
    budget = budget or Budget(UNLIMITED_SECONDS)
    try:
        msg, truncated = _feed(raw, budget)
        parsed = _parsed(msg, 0, budget)
        parsed.truncated = truncated
        return parsed
    except MailRejected:
        raise
    except BudgetExceeded as exc:
        raise MailRejected("not-understood", f"not understood: {exc}") from None
    except Exception as exc:  # any parser surprise is a malformed message, never a 500
        raise MailRejected(
            "malformed", f"the message could not be parsed ({exc.__class__.__name__})"
        ) from exc


def _feed(raw: bytes, budget: Budget) -> tuple[Message, bool]:
    """Feed ``raw`` to the parser in chunks, stopping after ``MAX_PARTS`` parts."""
    parts = _Parts()
    parser = BytesFeedParser(_factory=parts, policy=policy.default)
    parts.made = 0  # the parser made one to try the factory
    truncated = False
    for at in range(0, len(raw), FEED_CHUNK):
        parser.feed(raw[at : at + FEED_CHUNK])
        budget.check("MIME parsing")
        if parts.made > MAX_PARTS:
            truncated = True
            break
    return parser.close(), truncated


def _parsed(msg: Message, depth: int, budget: Budget) -> ParsedMail:
    senders = addresses(msg, "From") or addresses(msg, "Sender")
    if senders:
        name, addr = senders[0]
    elif depth == 0 and _null_sender(msg):
        name, addr = header(msg, "From")[:200] or "<>", ""  # a bounce: robots.py ignores it
    else:
        raise MailRejected("missing-sender", "the message has no valid From address", "From")
    attached: list[ParsedMail] = []
    if depth < MAX_DEPTH:
        for inner in _attached_messages(msg, budget):
            try:
                attached.append(_parsed(inner, depth + 1, budget))
            except MailRejected:
                continue  # an unusable attachment does not spoil the outer message
    budget.check("reading the headers")
    headers = {k: header(msg, k) for k in _header_names(msg)}
    budget.check("reading the headers")
    return ParsedMail(
        message_id=_message_id(msg),
        from_addr=addr,
        from_name=name,
        to=[a for _, a in addresses(msg, "To")],
        cc=[a for _, a in addresses(msg, "Cc")],
        subject=header(msg, "Subject")[:500],
        date=_date(header(msg, "Date")),
        text=body_text(msg, budget),
        headers=headers,
        attached=attached,
        delivered_to=[a for h in ("Delivered-To", "X-Original-To") for _, a in addresses(msg, h)],
        content_types=tuple(dict.fromkeys(_ctype(p) for p in _walk(msg))),
        report_type=_report_type(msg),
        calendar_method=_calendar_method(msg),
    )


NULL_SENDERS = (
    "mailer-daemon", "postmaster", "mail delivery", "mail administrator",
    "system administrator", "microsoft outlook", "microsoft exchange",
)  # fmt: skip


def _null_sender(msg: Message) -> bool:
    """A bounce's sender (issue 15 item 2): ``<>``, ``MAILER-DAEMON <>``, an unqualified
    ``<MAILER-DAEMON>`` or bare ``MAILER-DAEMON``, a system's name without an address
    ("Mail Delivery System"); or a From without an address on a ``multipart/report``,
    with a null ``Return-Path`` or an ``Auto-Submitted`` header (a robot's, not a
    person's malformed mail)."""
    written = header(msg, "From").lower()
    value = written.replace("<>", "").strip(' <>"')
    if value.startswith(NULL_SENDERS) or (written and not value):
        return True
    auto = header(msg, "Auto-Submitted").strip().lower()
    return (
        header(msg, "Return-Path").strip() == "<>"
        or _ctype(msg) == "multipart/report"
        or bool(auto and not auto.startswith("no"))
    )


def header(msg: Message, name: str) -> str:
    """A header's decoded value, or its raw text when decoding fails; '' when absent.
    Address headers are read as written (``addresses`` parses them)."""
    if name.lower() in _ADDRESS_HEADERS:
        return " ".join(" ".join(_raw_values(msg, name, 1)).replace("\x00", "").split())
    try:
        value = msg.get(name)
        if value is None:
            return ""
        return " ".join(str(value).replace("\x00", "").split())
    except Exception:
        return " ".join(" ".join(_raw_values(msg, name, 1)).split())


# The headers the standard library parses as address lists: its structured parser is
# superlinear on long lists, so ``addresses`` reads them with ``getaddresses`` instead.
_ADDRESS_HEADERS = {
    "from", "sender", "to", "cc", "bcc", "reply-to", "delivered-to", "x-original-to",
    "resent-from", "resent-sender", "resent-to", "resent-cc", "resent-bcc",
}  # fmt: skip


def _raw_values(msg: Message, name: str, limit: int) -> list[str]:
    """The first ``limit`` values of a header as written: unfolded, 8-bit text read
    as UTF-8."""
    values: list[str] = []
    for key, raw in _raw_items(msg):
        if str(key).lower() != name.lower():
            continue
        value = "".join(str(raw).splitlines())
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # bytes the parser kept as surrogates
            value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        values.append(value)
        if len(values) >= limit:
            break
    return values


def _header_names(msg: Message) -> list[str]:
    seen: dict[str, None] = {}
    for key, _ in _raw_items(msg):
        seen.setdefault(str(key), None)
    return list(seen)[:100]


def _decode_words(value: str) -> str:
    """RFC 2047 encoded words in a display name (``=?utf-8?q?J=C3=BCrgen?=``)."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except Exception:
        return value


def addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lower-cased address) pairs of an address header, valid ones only:
    from its first ``MAX_REPEATS`` values, at most ``MAX_ADDRESSES``."""
    found: list[tuple[str, str]] = []
    values = _raw_values(msg, name, MAX_REPEATS)
    pairs = getaddresses(values)
    if "=?" in "".join(values) and not any(is_address(a.strip("<> ").lower()) for _, a in pairs):
        # The whole "Name <x@y>" inside one RFC 2047 encoded word (RFC 2047 forbids it;
        # some mailers do it): decode, then read the address.
        pairs = getaddresses([_decode_words(v) for v in values])
    for display, addr in pairs:
        addr = addr.strip().strip("<>").lower()
        if is_address(addr):
            found.append((" ".join(_decode_words(display.strip()).split()), addr))
            if len(found) >= MAX_ADDRESSES:
                break
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


def _encoded(part: Message) -> bool:
    cte = str(part.get("Content-Transfer-Encoding", "") or "").strip().lower()
    return cte in ("base64", "quoted-printable")


EML_TYPES = {"application/octet-stream", "application/eml", "message/eml"}
MAX_DECODED_ATTACHMENTS = 3  # attached messages decoded and parsed again, per message


def _looks_like_message(data: bytes) -> bool:
    head = data[:8192].lower().replace(b"\r\n", b"\n")
    return head.startswith(b"from:") or b"\nfrom:" in head.split(b"\n\n", 1)[0]


def _attached_messages(msg: Message, budget: Budget) -> list[Message]:
    """Forwarded messages attached: ``message/rfc822`` in any transfer encoding, or an
    ``.eml`` file sent as ``application/octet-stream`` (issue 15 item 1)."""
    found: list[Message] = []
    if not msg.is_multipart():
        return found
    decoded = 0
    for part in _walk(msg):
        budget.check("looking for attached messages")
        if part is msg:
            continue
        ctype = _ctype(part)
        if ctype == "message/rfc822" and part.is_multipart():
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else payload
            if isinstance(inner, Message):
                found.append(inner)
            continue
        if ctype != "message/rfc822" and ctype not in EML_TYPES:
            continue
        named = str(part.get_filename() or "").lower() if ctype in EML_TYPES else ""
        if ctype != "message/rfc822" and not named.endswith(".eml"):
            continue
        if part.is_multipart() or decoded >= MAX_DECODED_ATTACHMENTS:
            continue
        data = part.get_payload(decode=True)
        if isinstance(data, bytes) and _looks_like_message(data):
            decoded += 1
            found.append(_feed(data, budget)[0])
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


def body_text(msg: Message, budget: Budget | None = None) -> str:
    """The plain-text body (its first ``MAX_BODY_CHARS``); an HTML-only body converted
    to text; '' when there is none."""
    budget = budget or Budget(UNLIMITED_SECONDS)
    part: Message | None = None
    if isinstance(msg, EmailMessage):
        try:
            part = msg.get_body(preferencelist=("plain", "html"))
        except Exception:
            part = None
    budget.check("finding the body")
    if part is None:
        for candidate in _walk(msg):
            if candidate.get_content_maintype() == "text":
                part = candidate
                break
    if part is None:
        return ""
    text = _decoded(part)
    budget.check("decoding the body")
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
        budget.check("converting the HTML body")
    # A little slack: the replacements below only shorten the text.
    text = text[: MAX_BODY_CHARS * 2]
    # NUL cannot be stored in PostgreSQL text; drop it on every backend alike.
    text = text.replace("\r\n", "\n").replace("\xa0", " ").replace("\x00", "")
    return text[:MAX_BODY_CHARS]
