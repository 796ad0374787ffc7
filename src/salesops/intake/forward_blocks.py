"""I-4 (issue 15 item 1): the forwarded-header blocks of a body, as ``forwards.py``
reads them — labelled header blocks in any client's layout and language
(``forward_labels``), separator lines, Yahoo's one-line header, "On … wrote:" attribution
lines, HCL Notes' label-less sender line. Which of them count is ``forwards.find_forward``'s
decision.

Linear and capped (issue 13): one pass over the body's first ``MAX_LINES`` lines, each cut
at ``MAX_LINE_CHARS`` and split at its first colon by ``str.find``; labels are set
look-ups; a :class:`~salesops.intake.budget.Budget` is checked as the pass goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from salesops.intake import forward_labels as fl
from salesops.intake.budget import UNLIMITED_SECONDS, Budget

MAX_LINES = 20_000  # body lines examined for forwarded-header blocks
MAX_LINE_CHARS = 1_000  # of each line
MAX_LABEL_CHARS = 32  # "Másolatot kap", "Data d'enviament"
MAX_WROTE_CHARS = 400  # an "On …, Name <x@y> wrote:" line
CHECK_EVERY = 1024  # lines between budget checks
MARKER_REACH = 3  # lines between a separator and the block it opens
# Starts only where a run of local-part characters starts (the look-behind): a search
# without it retries from every character of a long run, which is quadratic.
# The domain may be an IDN, in Unicode ("müller-bau.de", "завод.рф", "日本企業.jp") or
# punycode ("xn--caf-dma.ie"): its labels are word characters of any script, with the
# combining marks of Indic and South-East Asian scripts.
_DOMAIN_CHARS = r"\w\u0300-\u036f\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff-"
EMAIL_IN_TEXT = re.compile(
    rf"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[{_DOMAIN_CHARS}]+(?:\.[{_DOMAIN_CHARS}]+)+"
)
_INVISIBLE = dict.fromkeys(map(ord, "*\u200b\u200c\u200e\u200f\ufeff"), None)


@dataclass(frozen=True)
class Sender:
    email: str
    name: str


def _clean(line: str) -> str:
    line = line.replace("\xa0", " ").replace("\t", " ").translate(_INVISIBLE)
    return line.lstrip("> |").strip()


def _sender_from(value: str) -> Sender | None:
    """The address of a header value: the one in angle brackets or after ``mailto:`` when
    the display name is itself an address ("purchasing@x <nadia@x>"), else the first."""
    match = EMAIL_IN_TEXT.search(value)
    if match is None:
        return None
    later = EMAIL_IN_TEXT.search(value, match.end())
    if later is not None and not value[: match.start()].rstrip().endswith(("<", "mailto:")):
        between = value[match.end() : later.start()].strip(" \"'")
        if between in ("<", "[mailto:", "<mailto:", "(", "["):
            match = later  # the display name was an address; the real one follows
    name = value[: match.start()].replace("mailto:", "")
    name = name.strip().strip("<[(\"'«„“ ").strip().rstrip("»”\"'").strip()
    return Sender(email=match.group(0).lower().rstrip("."), name=name)


def _label(line: str) -> tuple[str, str] | None:
    """``(label, value)`` of a ``Label: value`` line (label lower-cased), else None."""
    at = line.find(":", 0, MAX_LABEL_CHARS + 2)
    wide = line.find("：", 0, MAX_LABEL_CHARS + 2)
    if wide != -1 and (at == -1 or wide < at):
        at = wide
    if at <= 0:
        return None
    label = " ".join(line[:at].split()).lower()
    if not label or len(label) > MAX_LABEL_CHARS or not label[0].isalpha():
        return None
    if label.count(" ") > 3 or "@" in label or "<" in label or "http" in label:
        return None
    return label, line[at + 1 :].strip()


def _marker(line: str) -> tuple[str, str] | None:
    """``(kind, rest)`` for a separator line: kind 'forward' (it says "forwarded"),
    'apple' (a "Begin forwarded message:" line) or 'separator'; ``rest`` is what follows
    the separator on the same line (Yahoo's one-line header)."""
    low = line.lower()
    if low.startswith(("--", "__", "==", "—")):
        body = low.lstrip("-_=— ")
        if not body:
            return ("separator", "") if len(low) >= 8 else None
        end = body.find("---")
        words, rest = (body, "") if end == -1 else (body[:end], body[end:].lstrip("-— "))
        if end != -1 and rest:
            rest = line[len(line) - len(rest) :]
        if any(w in words for w in fl.FORWARD_WORDS):
            return "forward", rest
        if any(w in words for w in fl.ORIGINAL_WORDS) or len(words) < 60:
            return "separator", rest
        return None
    one_colon = low.count(":") + low.count("：") == 1
    if len(low) <= 70 and low.endswith((":", "：")) and one_colon and _says_forwarded(low):
        return "apple", ""
    return None


def _says_forwarded(low: str) -> bool:
    return any(w in low for w in fl.FORWARD_WORDS) or "przekazywan" in low


@dataclass
class _Block:
    start: int  # line index of the first header line
    end: int  # line index after the last header line
    sender: Sender | None
    subject: str | None
    kind: str  # forward | apple | separator | '' (what announced it) | wrote | marked-wrote
    finnish: bool = False
    reply_to: Sender | None = None
    recipients: tuple[Sender, ...] = ()  # its To and Cc


def _lines(text: str) -> list[str]:
    """The body's first ``MAX_LINES`` lines, each cut at ``MAX_LINE_CHARS``."""
    lines = text.split("\n", MAX_LINES)[:MAX_LINES]
    return [_clean(x[:MAX_LINE_CHARS]) for x in lines]


def _one_line_block(i: int, kind: str, rest: str) -> _Block | None:
    """Yahoo: "----- Forwarded Message ----- From: A <a@x>To: …Subject: …"."""
    sender = _sender_from(rest)
    if sender is None:
        return None
    subject = None
    low = rest.lower()
    for label in fl.SUBJECT:
        at = low.rfind(label + ":")
        if at != -1:
            subject = rest[at + len(label) + 1 :].strip()
            break
    return _Block(i, i + 1, sender, subject, kind or "forward")


def _read_block(lines: list[str], i: int, kind: str) -> tuple[_Block | None, int]:
    """The header block starting at line ``i`` (a ``Label: value`` line), if it is one,
    and the line where reading stopped (a failed run is not read again: linear)."""
    fields: list[tuple[str, str, int]] = []
    at, blanks = i, 0
    while at < len(lines) and len(fields) < 12:
        line = lines[at]
        if not line:
            blanks += 1
            if blanks > 2 or fields and fields[-1][0] in fl.SUBJECT:
                break
            at += 1
            continue
        parsed = _label(line)
        last = fields[-1] if fields else None
        if last and not last[1] and not blanks and (parsed is None or parsed[0] not in fl.LABELS):
            # A label on a line of its own, its value below ("From:\nJane [mailto:j@x]",
            # as some HTML-to-text conversions of Outlook's table leave it)
            fields[-1] = (last[0], line, last[2])
            blanks = 0
            at += 1
            continue
        if parsed is None:
            if fields and fields[-1][0] in fl.TO | fl.CC and "@" in line and not blanks:
                at += 1  # a recipient list wrapped onto the next line
                continue
            last = fields[-1] if fields else None
            if last and last[0] in fl.FROM and "@" not in last[1] and "@" in line:
                fields[-1] = (last[0], f"{last[1]} {line}", last[2])  # the address below
                at += 1
                continue
            break
        blanks = 0
        fields.append((parsed[0], parsed[1], at))
        at += 1
    if len(fields) < 2:
        return None, at
    known = [f for f in fields if f[0] in fl.LABELS]
    sender_field = next((f for f in fields if f[0] in fl.FROM and "@" in f[1]), None)
    if sender_field is None and fields[0][0] in fl.FROM and not fields[0][1]:
        return None, at
    if sender_field is None or len(known) < 2:
        # Unknown labels: the shape of a header block, announced by a separator.
        # The sender is the first field with an address that is not a known recipient
        # label: first in Outlook / Gmail / Apple order, third in Thunderbird's
        # (Subject, Date, From, To) and Roundcube's.
        first = next((f for f in fields if "@" in f[1]), None)
        if not kind or len(fields) < 3 or first is None:
            return None, at
        if first[0] in fl.TO | fl.CC | fl.SUBJECT:
            return None, at
        if not any(any(c.isdigit() for c in f[1]) for f in fields if f is not first):
            return None, at
        sender_field = first
    elif kind == "subject":
        kind = ""  # known labels: an ordinary block, not one found by its shape alone
    sender = _sender_from(sender_field[1])
    subject = next((f[1] for f in fields if f[0] in fl.SUBJECT), None)
    finnish = any(f[0] in fl.FINNISH_LABELS for f in fields)
    reply = next((f[1] for f in fields if f[0] in fl.REPLY_TO and "@" in f[1]), None)
    recipients = tuple(
        found
        for f in fields
        if f[0] in fl.TO | fl.CC
        for part in f[1].replace(";", ",").split(",")
        if (found := _sender_from(part)) is not None
    )
    reply_to = _sender_from(reply) if reply else None
    block = _Block(i, fields[-1][2] + 1, sender, subject, kind, finnish, reply_to, recipients)
    return block, at


def _wrote_line(lines: list[str], i: int) -> _Block | None:
    """Outlook 2019 for Mac and quoting clients: "On …, "Name" <x@y> wrote:" (one line,
    or wrapped onto a second); GroupWise's ">>> Name <x@y> date >>>" alike."""
    line = lines[i]
    if "@" not in line or len(line) > MAX_WROTE_CHARS:
        return None
    if line.endswith(">>>"):  # GroupWise: ">>> Name <x@y> 01.12.2026 09:42 >>>" (task h15)
        line = line.rstrip("> ") + ":"
    if not line.endswith((":", "：")):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not nxt.endswith((":", "：")) or len(nxt) > 80 or "@" in nxt:
            return None
        line = f"{line} {nxt}"
    sender = _sender_from(line)
    if sender is None:
        return None
    return _Block(i, i + 1, sender, None, "wrote")


def _sender_line(lines: list[str], i: int) -> _Block | None:
    """HCL Notes' classic layout under "----- Forwarded by … -----": the sender alone on a
    line ("Jane Doe <jane@x>", no label), the date on the next, then "To" / "Subject"
    labels without colons."""
    line = lines[i]
    if "@" not in line or len(line) > 160 or _label(line) is not None:
        return None
    nxt = next((x for x in lines[i + 1 : i + 3] if x), "")
    sender = _sender_from(line)
    if sender is None or not any(c.isdigit() for c in nxt) or "@" in nxt:
        return None
    return _Block(i, i + 1, sender, None, "marked-wrote")


def header_blocks(
    text: str, budget: Budget | None = None, *, announced: bool = False
) -> list[_Block]:
    """Forwarded-header blocks and "wrote:" lines in a body, in text order. ``announced``:
    the subject says "forwarded" (or carries an unknown prefix), so the first block is
    recognised by its shape alone, with no separator line above it (kind "subject")."""
    budget = budget or Budget(UNLIMITED_SECONDS)
    lines = _lines(text)
    blocks: list[_Block] = []
    marker_kind, marker_at = "", -10
    i = 0
    while i < len(lines):
        if i % CHECK_EVERY == 0:
            budget.check("forward detection")
        line = lines[i]
        if not line:
            i += 1
            continue
        marker = _marker(line)
        if marker is not None:
            marker_kind, marker_at = marker[0], i
            if marker[1]:
                one = _one_line_block(i, marker[0], marker[1])
                if one is not None:
                    blocks.append(one)
                    marker_kind = ""
            i += 1
            continue
        kind = marker_kind if i - marker_at <= MARKER_REACH else ""
        if not kind and announced and not blocks:
            kind = "subject"
        block, stop = _read_block(lines, i, kind) if _label(line) else (None, i + 1)
        if block is None:
            block = _wrote_line(lines, i)
            if block is None and kind == "forward":
                block = _sender_line(lines, i)
            elif block is not None and kind in ("forward", "apple"):
                # Mail.ru / Yandex: "-------- Пересылаемое сообщение --------" then
                # "…, 9:41 +03:00 от Name <x@y>:" — an attribution line the marker
                # announces is the forwarded sender, not a quoted reply.
                block.kind = "marked-wrote"
        if block is not None:
            blocks.append(block)
            marker_kind = ""
            i = block.end
            continue
        i = max(i + 1, stop - 1) if stop > i + 2 else i + 1
    return blocks
