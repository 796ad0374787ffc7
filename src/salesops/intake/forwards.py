"""I-4: recognise a forward and find the original external sender in it.

Formats: Gmail ("---------- Forwarded message ---------"), Apple Mail ("Begin
forwarded message:"), Outlook header blocks ("From: … Sent: … To: … Subject:",
also in German and French), and forwards carried as an attached
``message/rfc822``. Nested forwards: the innermost external sender wins.
A reply (``Re:`` with a quoted Outlook block, "On … wrote:") is not a forward.
Pure functions over a :class:`ParsedMail`.

Linear and capped (issue 13): one pass over the body's first ``MAX_LINES`` lines,
each examined up to ``MAX_LINE_CHARS`` characters (header-block lines are short),
no pattern that backtracks over a line, and a
:class:`~salesops.intake.budget.Budget` checked as the pass goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from salesops.intake.budget import UNLIMITED_SECONDS, Budget
from salesops.intake.email_parse import ParsedMail

MAX_LINES = 20_000  # body lines examined for forwarded-header blocks
MAX_LINE_CHARS = 1_000  # of each line
CHECK_EVERY = 1024  # lines between budget checks

FORWARD_MARKERS = (
    # Gmail and its localisations
    re.compile(r"^-{5,}\s*forwarded message\s*-{5,}", re.I),
    re.compile(r"^-{5,}\s*weitergeleitete nachricht\s*-{5,}", re.I),
    re.compile(r"^-{5,}\s*message transf[ée]r[ée]\s*-{5,}", re.I),
    # Apple Mail
    re.compile(r"^begin forwarded message\s*:", re.I),
    re.compile(r"^anfang der weitergeleiteten (nachricht|e-mail)\s*:", re.I),
    re.compile(r"^d[ée]but du message r[ée]exp[ée]di[ée]\s*:", re.I),
    # Outlook / Thunderbird
    re.compile(r"^-{3,}\s*(original message|urspr[üu]ngliche nachricht|message d'origine)", re.I),
    re.compile(r"^-{5,}\s*(forwarded message|weitergeleitete nachricht)", re.I),
)
EXPLICIT_FORWARD = FORWARD_MARKERS[:6]  # Gmail and Apple markers mean "forward" by themselves
FORWARD_SUBJECT = re.compile(r"^\s*(\[[^\]]*\]\s*)?(fwd?|fw|wg|tr|rv|enc|doorst)\s*:", re.I)
REPLY_SUBJECT = re.compile(r"^\s*(\[[^\]]*\]\s*)?(re|aw|sv|antw|r[ée]p?)\s*:", re.I)

# Outlook header words: English, German, French.
FROM_WORDS = r"from|von|de|expéditeur|expediteur"
OTHER_WORDS = (
    r"sent|date|to|cc|subject|gesendet|datum|an|betreff|envoyé|envoye|à|a|objet|"
    r"date d'envoi|pour"
)
FROM_LINE = re.compile(rf"^\*?\s*({FROM_WORDS})\s*:\s*\*?\s*(?P<value>.+)$", re.I)
OTHER_LINE = re.compile(rf"^\*?\s*({OTHER_WORDS})\s*:\s*\*?", re.I)
# Starts only where a run of local-part characters starts (the look-behind): a search
# without it retries from every character of a long run, which is quadratic.
EMAIL_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)


@dataclass(frozen=True)
class Sender:
    email: str
    name: str


@dataclass(frozen=True)
class ForwardInfo:
    """What the forward carried: its format, the chain of senders (outermost first),
    and the text of the innermost forwarded part."""

    format: str  # gmail | apple | outlook | attachment
    chain: tuple[Sender, ...]
    text: str
    subject: str


def _clean(line: str) -> str:
    return line.replace("\xa0", " ").lstrip("> ").strip()


def _sender_from(value: str) -> Sender | None:
    match = EMAIL_IN_TEXT.search(value)
    if match is None:
        return None
    name = value[: match.start()].replace("mailto:", "")
    name = name.strip().strip("<[(\"' ").strip()
    return Sender(email=match.group(0).lower().rstrip("."), name=name)


@dataclass
class _Block:
    sender: Sender | None
    start: int  # line index of the From line
    explicit: bool  # preceded by a Gmail/Apple marker


def _lines(text: str) -> list[str]:
    """The body's first ``MAX_LINES`` lines, each cut at ``MAX_LINE_CHARS``."""
    lines = text.split("\n", MAX_LINES)[:MAX_LINES]
    return [x[:MAX_LINE_CHARS] for x in lines]


def header_blocks(text: str, budget: Budget | None = None) -> list[_Block]:
    """Forwarded-header blocks in a body, outermost (first in the text) first."""
    budget = budget or Budget(UNLIMITED_SECONDS)
    lines = [_clean(x) for x in _lines(text)]
    blocks: list[_Block] = []
    marker_at: int | None = None
    explicit = False
    for i, line in enumerate(lines):
        if i % CHECK_EVERY == 0:
            budget.check("forward detection")
        if not line:
            continue
        for k, marker in enumerate(FORWARD_MARKERS):
            if marker.search(line):
                marker_at, explicit = i, k < len(EXPLICIT_FORWARD)
                break
        match = FROM_LINE.match(line)
        if match is None:
            continue
        nearby = [lines[j] for j in range(max(0, i - 4), min(len(lines), i + 6)) if j != i]
        if not any(OTHER_LINE.match(x) for x in nearby):
            continue
        value = match.group("value")
        sender = _sender_from(value)
        if sender is None and i + 1 < len(lines):
            sender = _sender_from(lines[i + 1]) if not OTHER_LINE.match(lines[i + 1]) else None
        near_marker = marker_at is not None and i - marker_at <= 3
        blocks.append(_Block(sender, i, explicit and near_marker))
        if near_marker:
            marker_at = None
    return blocks


def _text_after(text: str, block: _Block) -> str:
    """The forwarded part's text: what follows the block's header lines (one pass)."""
    lines = text.split("\n")
    at = block.start + 1
    # skip the rest of the header block
    while at < len(lines) and (
        not lines[at].strip() or OTHER_LINE.match(_clean(lines[at][:MAX_LINE_CHARS]))
    ):
        at += 1
    return "\n".join(lines[at:]).strip()


def find_forward(mail: ParsedMail, budget: Budget | None = None) -> ForwardInfo | None:
    """I-4: the forward this mail carries, or None when it is not a forward (e.g. a reply).
    Raises ``BudgetExceeded`` past the budget."""
    budget = budget or Budget(UNLIMITED_SECONDS)
    chain: list[Sender] = [Sender(mail.from_addr, mail.from_name)]
    if mail.attached:
        inner = mail.attached[0]
        nested = find_forward(inner, budget)
        if nested is not None:
            return ForwardInfo("attachment", (*chain, *nested.chain), nested.text, nested.subject)
        chain.append(Sender(inner.from_addr, inner.from_name))
        return ForwardInfo("attachment", tuple(chain), inner.text, inner.subject)
    blocks = [b for b in header_blocks(mail.text, budget) if b.sender is not None]
    if not blocks:
        return None
    is_reply = bool(REPLY_SUBJECT.match(mail.subject)) and not FORWARD_SUBJECT.match(mail.subject)
    explicit = any(b.explicit for b in blocks)
    if not explicit and (is_reply or not FORWARD_SUBJECT.match(mail.subject)):
        return None  # an Outlook-style quoted block in a reply is not a forward
    fmt = "outlook"
    text_lower = mail.text.lower()
    if "forwarded message" in text_lower and "begin forwarded" not in text_lower:
        fmt = "gmail"
    elif "begin forwarded message" in text_lower or "anfang der weitergeleiteten" in text_lower:
        fmt = "apple"
    chain.extend(b.sender for b in blocks if b.sender is not None)
    last = blocks[-1]
    return ForwardInfo(fmt, tuple(chain), _text_after(mail.text, last), mail.subject)


def original_external_sender(
    forward: ForwardInfo, is_internal: Callable[[str], bool]
) -> Sender | None:
    """I-4: the innermost sender outside the company's own domains (nested forwards)."""
    for sender in reversed(forward.chain):
        if not is_internal(sender.email):
            return sender
    return None
