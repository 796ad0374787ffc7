"""The MIME parts of a parsed message, read cheaply (issue 13's bounds): raw header items,
content types from the raw header, a non-recursive walk, a report's type (RFC 6522) and a
calendar part's METHOD (RFC 5546). Used by ``email_parse``."""

from __future__ import annotations

from email.message import Message

CALENDAR_TYPES = frozenset(
    {"text/calendar", "application/ics", "text/x-vcalendar", "application/x-ics"}
)
CALENDAR_HEAD = 4096  # bytes of a text/calendar part searched for its METHOD line


def raw_items(msg: Message) -> list[tuple[str, str]]:
    raw = getattr(msg, "raw_items", None)
    return list(raw()) if raw is not None else list(msg.items())


def ctype(part: Message) -> str:
    """A part's content type from its raw header (the standard library's parsed header
    objects cost more than the rest of the check); the library's defaults when absent."""
    for key, raw in raw_items(part):
        if str(key).lower() == "content-type":
            value = str(raw).split(";", 1)[0].strip().lower()
            if value.count("/") == 1 and " " not in value:
                return value
            break
    return part.get_content_type()


def walk(msg: Message) -> list[Message]:
    """The message's parts, depth first, without recursion (the parse bounds how many)."""
    found: list[Message] = []
    stack = [msg]
    while stack:
        part = stack.pop()
        found.append(part)
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend(p for p in reversed(payload) if isinstance(p, Message))
    return found


def report_type(msg: Message) -> str:
    if ctype(msg) != "multipart/report":
        return ""
    try:
        value = msg.get_param("report-type")
    except Exception:
        return "unknown"
    return str(value or "unknown").strip().lower()[:60]


def _filename(part: Message) -> str:
    try:
        return str(part.get_filename() or "").lower()
    except Exception:  # a malformed parameter is no file name
        return ""


def calendar_method(msg: Message) -> str:
    """The METHOD of the first ``text/calendar`` part: its Content-Type parameter, else
    the ``METHOD:`` line in the part's first ``CALENDAR_HEAD`` bytes (RFC 5546)."""
    for part in walk(msg):
        # Some clients attach the answer as an ``.ics`` file (``application/ics``,
        # ``application/octet-stream; name=invite.ics``) rather than ``text/calendar``.
        kind = ctype(part)
        if kind not in CALENDAR_TYPES and not (
            kind == "application/octet-stream" and _filename(part).endswith((".ics", ".ical"))
        ):
            continue
        try:
            value = str(part.get_param("method") or "")
        except Exception:
            value = ""
        if not value:
            data = part.get_payload(decode=True)
            head = data[:CALENDAR_HEAD].upper() if isinstance(data, bytes) else b""
            at = head.find(b"METHOD:")
            if at != -1:
                value = head[at + 7 : at + 40].split(b"\n", 1)[0].decode("ascii", "replace")
        return value.strip().upper()[:20]
    return ""
