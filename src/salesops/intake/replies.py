"""Replies to mail sent from salesops thread back onto their task (issue 20 item 1; A-1).

A reply is recognised, in this order, by a signed per-thread reply address among its
recipients (``core.replies``: ``sales+t42.<sig>@…``, set as ``Reply-To`` by
``flows.outreach``), or by ``In-Reply-To``/``References`` naming the Message-ID of an
``email_out`` on the timeline. It is logged as ``email_in`` on the same task (and its
contact, account and opportunity); it creates no new lead task. Auto-replies are
ignored as the sales inbox ignores them (I-3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Contact
from salesops.activities.models import Activity
from salesops.activities.service import log_activity
from salesops.core.config import Settings
from salesops.core.replies import message_ids, parse_reply_address
from salesops.intake import service
from salesops.intake.email_parse import ParsedMail
from salesops.intake.identity import identity_of
from salesops.intake.models import IntakeDelivery
from salesops.intake.rules import auto_reply_reason
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task

MAX_CHARS = 20_000


@dataclass(frozen=True)
class ReplyTarget:
    account_id: int
    contact_id: int | None
    task_id: int | None
    opportunity_id: int | None
    how: str  # "reply-address" | "in-reply-to"


def _header(mail: ParsedMail, name: str) -> str:
    return next((v for k, v in mail.headers.items() if k.lower() == name), "")


def find_reply(
    session: Session, settings: Settings, mail: ParsedMail, recipients: set[str]
) -> ReplyTarget | None:
    """The thread this mail replies to, or None when it replies to nothing we sent."""
    # Any sales alias (playbook, issue 16 item 4) and the environment's: replies signed
    # before the playbook named its aliases still thread.
    aliases = sorted(identity_of(session).aliases | {settings.sales_alias.strip().lower()})
    secret = str(settings.secret_key or "")
    if secret and "+" in "".join(recipients):
        for address in sorted(recipients):
            found = (parse_reply_address(address, alias, secret) for alias in aliases)
            thread = next((t for t in found if t is not None), None)
            if thread is None:
                continue
            if thread.kind == "task":
                task = session.get(Task, thread.id)
                if task is not None:
                    return ReplyTarget(
                        task.account_id, task.contact_id, task.id, task.opportunity_id,
                        "reply-address",
                    )  # fmt: skip
            else:
                contact = session.get(Contact, thread.id)
                if contact is not None:
                    return ReplyTarget(contact.account_id, contact.id, None, None, "reply-address")
    ids = message_ids(_header(mail, "in-reply-to")) + message_ids(_header(mail, "references"))
    if not ids:
        return None
    sent = session.execute(
        select(Activity.account_id, Activity.contact_id, Activity.task_id, Activity.opportunity_id)
        .where(Activity.kind == "email_out", Activity.source_ref.in_(ids))
        .order_by(Activity.id.desc())
        .limit(1)
    ).first()
    if sent is None:
        return None
    return ReplyTarget(sent[0], sent[1], sent[2], sent[3], "in-reply-to")


def log_reply(
    session: Session,
    mail: ParsedMail,
    target: ReplyTarget,
    delivery: IntakeDelivery,
    raw: bytes,
    now: datetime,
) -> service.Outcome:
    """A-1: the reply on the thread's timeline (``email_in``), or ignored if automatic."""
    markers = playbook_of(session).intake.auto_reply_markers
    auto = auto_reply_reason(mail.headers, mail.from_addr, mail.subject, markers)
    if auto is not None:
        return service.ignore(
            session, delivery, "auto-reply", auto, now, rule_ids=["I-3"],
            sender=mail.from_addr, body=raw,
        )  # fmt: skip
    activity = log_activity(
        session,
        kind="email_in",
        account_id=target.account_id,
        contact_id=target.contact_id,
        task_id=target.task_id,
        opportunity_id=target.opportunity_id,
        subject=mail.subject,
        body=mail.text[:MAX_CHARS],
        source_ref=mail.message_id,
        occurred_at=mail.date or now,
        meta={"from": mail.from_addr, "to": mail.to, "cc": mail.cc, "threaded_by": target.how},
        now=now,
    )
    session.flush()
    ids = {"activity_id": activity.id, "task_id": target.task_id}
    return service.Outcome("accepted", "reply threaded", ids=ids)
