"""I-3 (issue 15 item 2, task h15fix): what a machine's mail says of itself when its
headers and structure say nothing — the weakest evidence ``robots.py`` reads, so each
rule needs two or three independent signs, and none applies to a writer who asks
something (a false "robot" is a lost lead).

- ``own_text``: the writer's own words — the body up to the first quoted line, separator
  or quoted header (an auto-reply that quotes the customer's question is still one).
- ``asks``: the own text asks a question (``?``, ``？``, ``¿``, ``؟``): a person's mail.
- ``out_of_office``: an absence (on leave, out of the office …) *and* a return or a date
  *and* an automatic reply's courtesy (an urgent-matters referral, "thank you for your
  message", "limited access to email") in about 30 languages, with no question but an
  urgent-matters one ("Need urgent help? Call …").
- ``returned_mail``: an SMTP reply with an enhanced status code ("550 5.1.1",
  "452 4.2.2", "#5.1.1", "Status: 5.1.1") *and* an address of our own in the text (the
  original we sent, quoted back) or a mail system's sender (``mailer@``, ``admin@`` …) —
  a DSN that is not ``multipart/report``.
- ``unattended``: "this mailbox is no longer monitored", "has left the company" — with
  no question.
- ``ticket_ack``: a ticket number in the subject ("[#48213]", "Ticket#…", "n° 5521")
  *and* a receipt ("has been received", "accusons réception") in the own text.

The phrase tables and compiled patterns live in ``robot_phrases.py`` (one place for
every table the robot rules read); this module holds only the rules. No maintained
multilingual source of these phrases exists on the package index (PyPI ``autoresponse``
0.3.1 dates from 2012); the lists are written from the clients' own localisations and
kept short: each is only one of two or three signs. Pure and linear.
"""

from __future__ import annotations

import re

from salesops.intake.robot_phrases import (
    ABSENCE,
    BACK,
    COURTESY,
    LEFT,
    POSTSCRIPT,
    QUESTION,
    QUESTION_FORMS,
    RECEIPT,
    RECEIPT_SAID,
    REFERRAL,
    RETURN,
    SMTP_STATUS,
    SYSTEM_LOCALS,
    TICKET,
    UNATTENDED,
    URGENT,
)

OWN_CHARS = 1_500  # of the writer's own text examined
_QUOTE_STARTS = (">", "-----", "_____", "=====", "———", "*From:*")


def own_text(text: str, limit: int = OWN_CHARS) -> str:
    """The writer's own words, lower-cased: lines up to the first quoted line, separator
    or ``Label: … @…`` header line (at most ``limit`` characters)."""
    out: list[str] = []
    size = 0
    for line in text[: limit * 4].split("\n"):
        stripped = line.strip()
        if stripped.startswith(_QUOTE_STARTS):
            break
        colon = stripped.find(":", 0, 34)
        if (
            colon > 0
            and "@" in stripped
            and (stripped.endswith(":") or " " not in stripped[:colon])
        ):
            break  # "On …, Jane <jane@…> wrote:" or "From: Jane <jane@…>"
        out.append(stripped)
        size += len(stripped) + 1
        if size >= limit:
            break
    return " ".join(" ".join(out).lower().split())[:limit]


def asks(own: str) -> bool:
    """``own`` asks something: a question mark, or a CJK question form without one."""
    return any(q in own for q in QUESTION) or any(q in own for q in QUESTION_FORMS)


_SENTENCE_END = re.compile(r"(?<=[.!?？¿؟。！])\s*")


def _without_urgent_questions(own: str) -> str:
    """``own`` without its questions about urgent matters (an auto-reply's "Need urgent
    help?" is a referral, not a person asking)."""
    parts = _SENTENCE_END.split(own)
    return " ".join(p for p in parts if not (asks(p) and any(u in p for u in URGENT)))


def out_of_office(own: str) -> str | None:
    """Why ``own`` reads as an out-of-office reply (absence + return or date +
    courtesy, and no question but an urgent-matters one: "Need urgent help? Call …"),
    else None."""
    if asks(_without_urgent_questions(own)):
        return None
    ps = POSTSCRIPT.search(own)
    main = own[: ps.start()] if ps is not None else own  # an absence said in a P.S. is an aside
    absence = next((p for p in ABSENCE if p in main), None)
    if absence is None or any(p in own for p in BACK):
        return None  # (task h15) a writer back from an absence says so in passing
    if not any(p in own for p in RETURN) and not any(c.isdigit() for c in own):
        return None
    if not any(p in own for p in COURTESY):
        return None
    return f"out-of-office reply: the text says {absence!r} (and when, and whom to ask)"


def agrees_away(own: str) -> bool:
    """The own text bears out an automatic-reply subject: no question, and empty or an
    absence or return said (task h15b)."""
    if asks(own) or any(p in own for p in BACK):
        return False
    return len(own) < 20 or any(p in own for p in ABSENCE) or any(p in own for p in RETURN)


def unattended(own: str) -> str | None:
    """Why ``own`` reads as a mailbox's automatic notice that nobody reads it."""
    if asks(own):
        return None
    found = next((p for p in UNATTENDED if p in own), None)
    if found is None:
        left = next((p for p in LEFT if p in own), None)
        if left is None or not any(r in own for r in REFERRAL):
            return None
        found = left
    return f"auto-reply: the text says {found!r}"


def returned_mail(text: str, own_domains: frozenset[str], sender: str = "") -> str | None:
    """Why ``text`` reads as a returned message: an SMTP status and either, quoted back,
    an address of one of our own domains, or a mail system's sender (``SYSTEM_LOCALS``)."""
    head = text[:8000]
    status = SMTP_STATUS.search(head)
    if status is None:
        return None
    if asks(own_text(text)):
        return None  # a person telling us our mail bounced ("use my new address?")
    low = head.lower()
    if any(f"@{d}" in low for d in own_domains):
        return f"bounce: the text gives SMTP status {status.group(0)!r} for mail of ours"
    local = sender.lower().rpartition("@")[0]
    if local in SYSTEM_LOCALS:
        return f"bounce: {sender} gives SMTP status {status.group(0)!r}"
    return None


def ticket_ack(subject: str, own: str) -> str | None:
    """Why a mail reads as a help desk's acknowledgement (a ticket number in the subject,
    a receipt in the text, no question)."""
    if asks(own):
        return None
    number = TICKET.search(subject)
    if number is None or not any(w in own for w in RECEIPT):
        return None
    return f"help desk acknowledgement: ticket {number.group(0)!r} received"


def receipt_said(text: str, attachments: bool = False) -> str | None:
    """Why a mail under a receipt subject ("Read:", "Delivered:", "Lesebestätigung") reads
    as a receipt: its text says the message *was* read, displayed or delivered
    ("Your message … was read on …") and asks nothing; or it has no text and nothing
    attached. A person's "Read: our requirements" with their own words is a person's
    (task h15, item 1)."""
    head = " ".join(text[: OWN_CHARS * 2].split())
    if not head:
        return None if attachments else "read receipt: a receipt subject and no text"
    if asks(own_text(text)):
        return None
    found = RECEIPT_SAID.search(head)
    if found is None:
        return None
    return f"read receipt: the text says {found.group(0)!r}"
