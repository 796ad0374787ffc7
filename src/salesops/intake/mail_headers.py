"""A message read in two steps for mailbox capture (issue 20 item 2; A-1, I-3).

A mailbox sync reads thousands of messages and logs only those to or from known
contacts, so it first reads the headers alone (``parse_headers``: what decides
whether a message is logged — sender, recipients, Message-ID, the robot markers) and
fetches and parses the body only of the messages it will log (``with_body``).

The headers are parsed with the standard library's ``compat32`` policy, which keeps
them as written (no header objects built per header: that was most of a sync's CPU),
then unfolded and their encoded words decoded as ``email_parse.header`` does; the same
bounds apply (``MAX_HEADERS`` per message, ``MAX_HEADER_CHARS`` per header, address
lists through ``email_parse.addresses``). ``with_body`` parses the whole message as the
sales inbox does (``email_parse``: bounded, budgeted) and keeps its text and MIME
structure, so the robot rules that read the body and the parts (a DSN's
``message/delivery-status``, a calendar reply) see what intake sees.
"""

from __future__ import annotations

import dataclasses
import re
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser

from salesops.intake.budget import Budget, BudgetExceeded
from salesops.intake.email_parse import (
    _ADDRESS_HEADERS,
    MAX_HEADER_CHARS,
    MAX_HEADERS,
    MAX_REPEATS,
    ParsedMail,
    _date,
    _decode_words,
    _feed,
    _raw_values,
    addresses,
    body_text,
    is_address,
)
from salesops.intake.mime_parts import ctype as _ctype
from salesops.intake.mime_parts import raw_items as _raw_items
from salesops.intake.mime_parts import report_type as _report_type
from salesops.intake.mime_parts import walk as _walk

# One address as people's mail clients write it, ``addr`` or ``Name <addr>``, with none
# of the characters that need the full parser (quotes, comments, groups, lists).
_ONE_ADDRESS = re.compile(r'\s*(?:([^<>",;:()\\\[\]]*?)\s*<([^<>\s]+)>|([^<>\s",;:()\\\[\]]+))\s*')
MAX_HEADER_BYTES = 256 * 1024  # of a message's header block: more is cut (and malformed)
_PARSER = BytesHeaderParser(policy=policy.compat32)


def _unfolded(raw: object) -> str:
    value = "".join(str(raw).splitlines()).replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # 8-bit bytes the parser kept as surrogates
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return value[:MAX_HEADER_CHARS]


def _addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """``email_parse.addresses``, with a fast path for the usual single address (the
    standard library's ``getaddresses`` was a third of a sync's header work)."""
    values = _raw_values(msg, name, MAX_REPEATS)
    if len(values) == 1:
        found = _ONE_ADDRESS.fullmatch(values[0])
        if found is not None:
            addr = (found.group(2) or found.group(3) or "").lower()
            if not is_address(addr):
                return []
            return [(" ".join(_decode_words(found.group(1) or "").split()), addr)]
    return addresses(msg, name)


def parse_headers(raw: bytes) -> ParsedMail | None:
    """The message's sender, recipients, subject, date, Message-ID and headers from its
    header block (``BODY.PEEK[HEADER]``); no text yet. None if it cannot be read. A
    message without a usable From keeps an empty ``from_addr`` (a bounce to the robot
    rules, never logged)."""
    try:
        msg = _PARSER.parsebytes(raw[:MAX_HEADER_BYTES])
    except Exception:  # noqa: BLE001 - one odd message never stops a sync
        return None
    items = _raw_items(msg)[:MAX_HEADERS]
    headers: dict[str, str] = {}
    for key, value in items:
        name = str(key)
        if name in headers or len(headers) >= 100:
            continue
        text = _unfolded(value)
        if name.lower() not in _ADDRESS_HEADERS:
            text = _decode_words(text)
        headers[name] = " ".join(text.split())
    first = {k.lower(): v for k, v in reversed(list(headers.items()))}
    senders = _addresses(msg, "From") or _addresses(msg, "Sender")
    name, addr = senders[0] if senders else (first.get("from", "")[:200] or "<>", "")
    return ParsedMail(
        message_id=first.get("message-id", "").strip()[:300] or None,
        from_addr=addr,
        from_name=name,
        to=[a for _, a in _addresses(msg, "To")],
        cc=[a for _, a in _addresses(msg, "Cc")],
        subject=first.get("subject", "")[:500],
        date=_date(first.get("date", "")),
        text="",
        headers=headers,
        content_types=(_ctype(msg),),
        report_type=_report_type(msg),
    )


def with_body(mail: ParsedMail, raw: bytes, budget: Budget) -> ParsedMail | None:
    """``mail`` with the text and MIME structure of its whole message (``BODY.PEEK[]``);
    None if the message cannot be parsed within ``budget`` (it is then not logged)."""
    try:
        msg, truncated = _feed(raw, budget)
        text = body_text(msg, budget)
        parts: list[Message] = _walk(msg)
        return dataclasses.replace(
            mail,
            text=text,
            truncated=truncated,
            content_types=tuple(dict.fromkeys(_ctype(p) for p in parts)),
            report_type=_report_type(msg),
        )
    except (BudgetExceeded, Exception):  # noqa: BLE001 - as parse_message: never raises
        return None
