"""Mail intake: the sales inbox (I-3), forwarded opportunities (I-4) and the users'
logging addresses (A-3), for a raw RFC 822 message from HTTP or the SMTP listener.

Outcomes, in order: malformed → 422 (never a 500); past its CPU budget → "not
understood" (ignored, kept in the rejections log); the same Message-ID again →
the first answer; mail to a logging address → logged on every matching contact;
mail to the sales alias → a task, unless it is an auto-reply, from a banned
sender, has the alias only in Cc/Bcc, or comes from a colleague and is not a
forward of an external sender (all "ignored: <reason>", logged).

Two steps (issue 13): ``read_mail`` parses the message and finds the forward —
the work whose cost the sender controls — outside any transaction; ``store_mail``
then opens none itself but does only bounded lookups and the writes, in the
entrypoint's unit of work.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from email.utils import getaddresses

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Contact
from salesops.activities.service import log_activity
from salesops.core.audit import record_decision
from salesops.core.config import Settings
from salesops.core.errors import Unauthorized, ValidationFailed
from salesops.intake import service
from salesops.intake.budget import Budget, BudgetExceeded
from salesops.intake.email_parse import MailRejected, ParsedMail, is_address, parse_message
from salesops.intake.forwards import ForwardInfo, Sender, find_forward, original_external_sender
from salesops.intake.identity import MailIdentity, identity_of, mail_identity
from salesops.intake.models import IntakeDelivery
from salesops.intake.replies import find_reply, log_reply
from salesops.intake.robots import is_robot_address, robot_reason
from salesops.intake.rules import auto_reply_reason, is_internal, resent, verify_hmac_hex
from salesops.matching.service import match_contact
from salesops.playbook.runtime import playbook_of
from salesops.tasks import service as tasks
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users.models import User

SOURCE = "email"
MAX_MESSAGE_CHARS = 20_000
MAX_ENVELOPE = 100  # envelope recipients considered (SMTP RCPT, ?envelope_to=)

log = logging.getLogger("salesops.intake.mail")


@dataclass
class ReadMail:
    """A message as read outside the transaction: its idempotency key, the parsed
    mail and, for a colleague's mail, the forward and its original external sender;
    or why it was not understood (``mail`` is then None)."""

    raw: bytes
    key: str
    mail: ParsedMail | None
    not_understood: str | None = None
    forward: ForwardInfo | None = None
    original: Sender | None = None
    robot: str | None = None  # why a machine wrote it (robots.py): ignored


def read_mail(settings: Settings, raw: bytes, identity: MailIdentity | None = None) -> ReadMail:
    """Parse a raw message and, when a colleague sent it, find the forward (I-3, I-4):
    linear, capped, within ``SALESOPS_MAIL_CPU_BUDGET_MS``. A malformed message is a
    422 naming the header or body at fault; past the budget it is "not understood"."""
    if not raw.strip():
        raise ValidationFailed("the message is empty", field="body", rule="I-3")
    budget = Budget(settings.mail_cpu_budget_ms / 1000)
    digest = content_key(raw)
    try:
        mail = parse_message(raw, budget)
    except MailRejected as exc:
        if exc.code != "not-understood":
            raise ValidationFailed(exc.reason, field=exc.field or "body", rule="I-3") from None
        return _not_understood(raw, digest, exc.reason, budget)
    key = mail.message_id or digest
    ident = identity or mail_identity(None, settings)  # the caller passes the playbook's
    domains = ident.domains
    _undo_group_rewrite(mail, ident.aliases)
    internal = bool(mail.from_addr) and is_internal(mail.from_addr, domains)
    robot = robot_reason(mail, body=not internal, own_domains=domains)
    if robot is not None or not internal:
        return ReadMail(raw, key, mail, robot=robot)
    try:
        forward = find_forward(mail, budget, lambda e: is_internal(e, domains))
    except BudgetExceeded as exc:
        return _not_understood(raw, key, f"not understood: {exc}", budget)
    original = (
        original_external_sender(forward, lambda e: is_internal(e, domains)) if forward else None
    )
    return ReadMail(raw, key, mail, forward=forward, original=original)


def _undo_group_rewrite(mail: ParsedMail, aliases: frozenset[str]) -> None:
    """The sales alias run as a Google Group rewrites an external sender's From for
    DMARC ("'Jane Doe' via Sales <sales@…>") and keeps the original in
    ``X-Original-From`` (and ``Reply-To``): the sender is that original (I-3)."""
    if mail.from_addr not in aliases and " via " not in mail.from_name:
        return
    lowered = {k.lower(): v for k, v in mail.headers.items()}
    for name in ("x-original-from", "reply-to"):
        found = [(n, a.strip().lower()) for n, a in getaddresses([lowered.get(name, "")])]
        found = [(n, a) for n, a in found if is_address(a) and a not in aliases]
        if found:
            mail.from_name, mail.from_addr = found[0][0], found[0][1]
            return


# Headers each relay adds or rewrites: an MTA's retry of the same message differs in
# these only (issue 15 item 8).
TRANSPORT_HEADERS = (
    b"received", b"return-path", b"delivered-to", b"x-original-to", b"dkim-signature",
    b"arc-", b"authentication-results", b"received-spf", b"x-received", b"x-google-",
    b"x-ms-exchange-", b"x-forefront-", b"x-microsoft-antispam", b"x-spam", b"x-virus",
    b"x-envelope-", b"envelope-to", b"x-gm-", b"x-originating-ip", b"x-mailgun-",
)  # fmt: skip


def content_key(raw: bytes) -> str:
    """The idempotency key of a message without a Message-ID (issue 15 item 8): SHA-256
    of its bytes without the transport headers and with line ends normalised, so an
    MTA's retry with one more ``Received:`` is the same delivery. Linear: one pass."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition(b"\n\n")
    if not sep:
        return "sha256:" + hashlib.sha256(raw).hexdigest()
    digest = hashlib.sha256()
    skipping = False
    for line in head.replace(b"\r\n", b"\n").split(b"\n"):
        if line[:1] in (b" ", b"\t"):  # a folded continuation of the header above
            if not skipping:
                digest.update(line.strip() + b"\n")
            continue
        skipping = line.lower().startswith(TRANSPORT_HEADERS)
        if not skipping:
            digest.update(line.rstrip() + b"\n")
    digest.update(b"\n")
    digest.update(body.replace(b"\r\n", b"\n"))
    return "sha256:" + digest.hexdigest()


def _not_understood(raw: bytes, key: str, reason: str, budget: Budget) -> ReadMail:
    log.warning("mail of %d bytes %s (%.0f ms CPU)", len(raw), reason, budget.spent() * 1000)
    return ReadMail(raw, key, None, not_understood=reason)


def read_mail_http(
    settings: Settings,
    raw: bytes,
    *,
    content_type: str,
    signature: str | None,
    identity: MailIdentity | None = None,
) -> ReadMail:
    """``POST /intake/email``: signed (I-10, ``SALESOPS_EMAIL_SECRET``), ``message/rfc822``;
    then ``read_mail``."""
    verdict = verify_hmac_hex(
        settings.email_secret, raw, signature, setting="SALESOPS_EMAIL_SECRET"
    )
    if not verdict.ok:
        raise Unauthorized(verdict.reason, rule="I-10")
    if content_type.split(";")[0].strip().lower() != "message/rfc822":
        raise ValidationFailed(
            f"Content-Type must be message/rfc822, not {content_type or 'missing'}",
            field="content-type",
        )
    return read_mail(settings, raw, identity)


def logging_users(session: Session, addresses: set[str]) -> list[User]:
    """A-3: active users whose personal logging address is among the recipients."""
    if not addresses:
        return []
    return list(
        session.scalars(
            select(User)
            .where(User.logging_address.in_(addresses), User.active.is_(True))
            .order_by(User.id)
        )
    )


def receive_email(
    session: Session,
    settings: Settings,
    raw: bytes,
    now: datetime,
    *,
    envelope_to: list[str] | None = None,
) -> service.Outcome:
    """``read_mail`` then ``store_mail`` in the caller's unit of work (tests, scripts)."""
    read = read_mail(settings, raw, identity_of(session))
    return store_mail(session, settings, read, now, envelope_to=envelope_to)


def store_mail(
    session: Session,
    settings: Settings,
    read: ReadMail,
    now: datetime,
    *,
    envelope_to: list[str] | None = None,
) -> service.Outcome:
    """I-3 / I-4 / A-3 for one message read by ``read_mail``; idempotent by Message-ID."""
    delivery, seen = service.claim(session, SOURCE, read.key, now)
    if seen is not None:
        return seen
    mail, raw = read.mail, read.raw
    if mail is None:
        return service.ignore(
            session, delivery, "not-understood", read.not_understood or "not understood", now,
            rule_ids=["I-3"], body=raw,
        )  # fmt: skip
    if read.robot is not None:  # issue 15 item 2: before logging too
        log.info("mail from %s ignored: %s", mail.from_addr or "<>", read.robot)
        return service.ignore(
            session, delivery, "auto-reply", read.robot, now, rule_ids=["I-3"],
            sender=mail.from_addr or None, body=raw,
            inputs={"subject": mail.subject, "to": mail.to, "cc": mail.cc},
        )  # fmt: skip
    ident = identity_of(session)
    envelope = {a.strip().lower() for a in (envelope_to or [])[:MAX_ENVELOPE]}
    envelope |= set(mail.delivered_to)
    everyone = set(mail.to) | set(mail.cc) | envelope | resent(mail.headers)[1]
    reply = find_reply(session, settings, mail, everyone)  # issue 20: a reply to our mail
    if reply is not None:
        return service.finish(delivery, log_reply(session, mail, reply, delivery, raw, now))
    loggers = logging_users(session, everyone)
    logged = _log_for_users(session, ident, mail, loggers, delivery.id, now) if loggers else []
    if not ident.aliases & everyone:
        if loggers:
            return service.finish(
                delivery, service.Outcome("accepted", ids={"logged_activity_ids": logged})
            )
        return service.ignore(
            session, delivery, "not-addressed",
            "not addressed to the sales alias or a logging address", now,
            rule_ids=["I-3", "A-3"], sender=mail.from_addr, body=raw,
        )  # fmt: skip
    outcome = _sales_inbox(session, ident, read, mail, delivery, now)
    if logged:
        outcome.ids["logged_activity_ids"] = logged
        if outcome.status == "ignored":
            outcome = service.Outcome("accepted", outcome.reason, ids=outcome.ids)
    return service.finish(delivery, outcome)


def _sales_inbox(
    session: Session,
    ident: MailIdentity,
    read: ReadMail,
    mail: ParsedMail,
    delivery: IntakeDelivery,
    now: datetime,
) -> service.Outcome:
    def ignored(code: str, reason: str, rules: list[str]) -> service.Outcome:
        return service.ignore(
            session, delivery, code, reason, now, rule_ids=rules, sender=mail.from_addr,
            body=read.raw,
            inputs={"subject": mail.subject, "to": mail.to, "cc": mail.cc},
        )  # fmt: skip

    # I-4: a colleague's redirect (Resent-From a colleague, Resent-To the alias) hands on
    # the customer's own mail: From is the lead, the colleague the referrer (task h15).
    redirected_by, redirected_to = resent(mail.headers)
    if not (redirected_by and is_internal(redirected_by, ident.domains)) or not (
        ident.aliases & redirected_to
    ):
        redirected_by = ""
    if not ident.aliases & set(mail.to) and not redirected_by:
        return ignored("alias-not-in-to", "the sales alias is only in Cc/Bcc", ["I-4"])
    markers = playbook_of(session).intake.auto_reply_markers
    auto = auto_reply_reason(mail.headers, mail.from_addr, mail.subject, markers)
    if auto is not None:
        return ignored("auto-reply", auto, ["I-3"])
    ban = service.banned(session, mail.from_addr)
    if ban is not None:
        return ignored("banned-sender", f"sender {ban} is banned", ["I-9"])
    domains = ident.domains
    referrer: str | None = None
    lead_email, lead_name, text, subject = mail.from_addr, mail.from_name, mail.text, mail.subject
    lead_source, rule = "Email", "I-3"
    if redirected_by and not is_internal(mail.from_addr, domains):
        referrer, lead_source, rule = redirected_by, "Forwarded", "I-4"
    elif is_internal(mail.from_addr, domains):
        forward, original = read.forward, read.original  # found by ``read_mail``
        if forward is None:
            return ignored(
                "not-a-forward",
                f"{mail.from_addr} is a colleague and the message is not a forward",
                ["I-3", "I-4"],
            )
        if original is None or ident.is_alias(original.email):
            return ignored("no-external-sender", "the forward carries no external sender", ["I-4"])
        if is_robot_address(original.email):
            return ignored(
                "auto-reply",
                f"the forwarded mail is an automated notification from {original.email}",
                ["I-3", "I-4"],
            )
        ban = service.banned(session, original.email)
        if ban is not None:
            return ignored("banned-sender", f"original sender {ban} is banned", ["I-9", "I-4"])
        referrer = mail.from_addr
        lead_email, lead_name, text = original.email, original.name, forward.text
        lead_source, rule = "Forwarded", "I-4"
    match = match_contact(
        session, lead_email, now=now, name=lead_name, lead_source=lead_source, source=SOURCE
    )
    task = service.create_lead_task(
        session,
        match,
        lead_source=lead_source,
        rule_id=rule,
        now=now,
        title=f"{lead_source}: {subject or lead_email}",
        message=text[:MAX_MESSAGE_CHARS] or None,
        referrer_email=referrer,
        source_ref=f"message-id:{mail.message_id}" if mail.message_id else None,
    )
    service.timeline(
        session, match, "email_in", subject, text[:MAX_MESSAGE_CHARS], now,
        task=task, source_ref=mail.message_id, occurred_at=mail.date or now,
        meta={"from": mail.from_addr, "to": mail.to, "cc": mail.cc, "referrer": referrer},
    )  # fmt: skip
    return service.accepted(task, match)


def _log_for_users(
    session: Session,
    ident: MailIdentity,
    mail: ParsedMail,
    loggers: list[User],
    delivery_id: int,
    now: datetime,
) -> list[int]:
    """A-3: log the mail on every contact among its correspondents; on their open task it
    counts as a touch (T-3, a human sent or received it)."""
    user = loggers[0]
    internal = {u.email.lower() for u in loggers} | set(ident.aliases)
    internal |= {u.logging_address for u in loggers if u.logging_address}
    people = ({mail.from_addr} | set(mail.to) | set(mail.cc)) - internal
    people = {p for p in people if not is_internal(p, ident.domains)}
    contacts = list(
        session.scalars(select(Contact).where(Contact.email.in_(people)).order_by(Contact.id))
    ) if people else []  # fmt: skip
    outgoing = mail.from_addr in internal or is_internal(mail.from_addr, ident.domains)
    ids: list[int] = []
    for contact in contacts:
        task = session.scalar(
            select(Task)
            .where(Task.contact_id == contact.id, Task.status.in_(OPEN_STATUSES))
            .order_by(Task.id.desc())
            .limit(1)
        )
        if task is not None:
            tasks.touch(task, now)
        activity = log_activity(
            session,
            kind="email_out" if outgoing else "email_in",
            account_id=contact.account_id,
            contact=contact,
            task_id=task.id if task else None,
            actor_id=user.id,
            subject=mail.subject,
            body=mail.text[:MAX_MESSAGE_CHARS],
            source_ref=mail.message_id,
            occurred_at=mail.date or now,
            meta={"from": mail.from_addr, "to": mail.to, "cc": mail.cc, "logged_by": user.id},
            now=now,
        )
        session.flush()
        ids.append(activity.id)
    record_decision(
        session,
        "match",
        ("intake_delivery", delivery_id),
        {"logged_by": [u.id for u in loggers], "correspondents": sorted(people)},
        ["A-3", "M-1"],
        f"logged for {user.email} on {len(contacts)} matching contact(s)"
        + (f": {', '.join(c.email for c in contacts)}" if contacts else ""),
        outcome={"contact_ids": [c.id for c in contacts], "activity_ids": ids},
        actor_id=user.id,
        at=now,
    )
    return ids
