"""Send an email from salesops (issue 20 item 1; A-1, A-4, T-3, X-1, L-2, Q-11, Q-12).

The composer (a task, contact, account or opportunity page; ``POST /api/v1/emails``)
picks a playbook template, whose merge fields ``compose`` fills from the records
(``core.mailmerge``: sandboxed, strict), and shows the A-4 warning before sending.
``send_email`` then, in one transaction: logs the mail on the timeline as
``email_out`` (A-1; on a task a touch, T-3, through ``log_human_activity``) and
writes one ``email`` outbox row (X-1) whose idempotency key is the sender's and the
client's key, so a retried request or a resubmitted form sends once. The mail
carries a signed per-thread ``Reply-To`` (``core.replies``) and a Message-ID known
in advance (the activity's ``source_ref``): intake threads a reply onto the same
task by either (``intake.replies``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.accounts.service import get_account, get_contact
from salesops.activities.conversations import parallel_conversation_warning
from salesops.activities.service import log_human_activity
from salesops.core.errors import ValidationFailed
from salesops.core.mailmerge import render
from salesops.core.outbox import Delivery, enqueue_delivery
from salesops.core.replies import reply_address
from salesops.intake.identity import identity_of
from salesops.integrations.clients import message_id_for
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of, settings_of
from salesops.tasks import service as tasks
from salesops.tasks.models import Task
from salesops.users import service as users
from salesops.users.models import User

MAX_RECIPIENTS = 20


@dataclass
class Thread:
    """The records an email is about, resolved from the ids the composer was opened with."""

    account: Account
    contact: Contact | None
    task: Task | None
    opportunity: Opportunity | None


@dataclass
class Draft:
    to: list[str]
    subject: str
    body: str
    template: str | None
    warning: str | None
    thread: Thread
    templates: list[dict[str, str]] = field(default_factory=list)


@dataclass
class SentEmail:
    delivery_id: int
    activity_id: int | None
    message_id: str
    reply_to: str
    warning: str | None
    duplicate: bool


def resolve(session: Session, data: dict[str, Any]) -> Thread:
    """The task, opportunity, contact and account named (each checked against the others)."""
    task = tasks.get_task(session, data["task_id"]) if data.get("task_id") else None
    opp = None
    if data.get("opportunity_id"):
        opp = session.get(Opportunity, data["opportunity_id"])
        if opp is None:
            raise ValidationFailed(
                f"opportunity_id: there is no opportunity {data['opportunity_id']}",
                field="opportunity_id",
            )
    contact_id = data.get("contact_id") or (task.contact_id if task else None)
    contact_id = contact_id or (opp.contact_id if opp else None)
    contact = get_contact(session, contact_id) if contact_id else None
    account_id = data.get("account_id") or (task.account_id if task else None)
    account_id = account_id or (opp.account_id if opp else None)
    account_id = account_id or (contact.account_id if contact else None)
    if account_id is None:
        raise ValidationFailed(
            "write from a task, an opportunity, a contact or an account (none was given)",
            field="account_id",
        )
    account = get_account(session, account_id)
    for name, rec in (("task_id", task), ("opportunity_id", opp), ("contact_id", contact)):
        if rec is not None and rec.account_id != account.id:
            raise ValidationFailed(f"{name}: not on account {account.id}", field=name)
    if contact is None:  # an account page: its first contact, if it has one
        contact = session.scalar(
            select(Contact).where(Contact.account_id == account.id).order_by(Contact.id).limit(1)
        )
    return Thread(account, contact, task, opp)


def merge_fields(session: Session, sender: User, thread: Thread) -> dict[str, Any]:
    """What a template may say: documented in ``playbook.schema_emails.MERGE_FIELDS``."""
    pb = playbook_of(session)
    c, a, t, o = thread.contact, thread.account, thread.task, thread.opportunity
    name = (c.name if c else "") or ""
    sender_name = sender.name or sender.email
    return {
        "contact": {
            "name": name,
            "first_name": name.split()[0] if name.split() else "there",
            "email": c.email if c else "",
        },
        "account": {"name": a.name, "domain": a.domain or ""},
        "sender": {
            "name": sender_name,
            "first_name": sender_name.split()[0],
            "email": sender.email,
        },
        "task": {"id": t.id, "title": t.title} if t else {"id": "", "title": ""},
        "opportunity": {"name": o.name, "arr": o.amount} if o else {"name": "", "arr": ""},
        "trial": {"ends_on": o.trial_ends_on.isoformat() if o and o.trial_ends_on else ""},
        "startup_application_url": pb.disqualification.startup_application_url,
        "resources": [r.model_dump() for r in pb.emails.resources],
    }


def compose(session: Session, actor: User, data: dict[str, Any], now: datetime) -> Draft:
    """The composer's draft: recipients, the template rendered, and the A-4 warning."""
    thread = resolve(session, data)
    pb = playbook_of(session)
    key = data.get("template") or None
    subject, body = data.get("subject") or "", data.get("body") or ""
    if key:
        template = pb.emails.template(key)
        if template is None:
            known = ", ".join(t.key for t in pb.emails.templates)
            raise ValidationFailed(
                f"template: no template {key!r} in the playbook; one of {known}", field="template"
            )
        fields = merge_fields(session, actor, thread)
        subject = subject or render(template.subject, fields, field="subject")
        body = body or render(template.body, fields, field="body")
    to = list(data.get("to") or ([thread.contact.email] if thread.contact else []))
    return Draft(
        to=to,
        subject=subject,
        body=body,
        template=key,
        warning=parallel_conversation_warning(session, thread.account.id, actor.id, now),
        thread=thread,
        templates=[{"key": t.key, "name": t.name} for t in pb.emails.templates],
    )


def _recipients(values: list[str]) -> list[str]:
    clean = []
    for value in values:
        address = value.strip().lower()
        local, at, domain = address.partition("@")
        if not at or not local or "." not in domain or any(ch in address for ch in " \r\n,<>"):
            raise ValidationFailed(f"to: {value!r} is not an email address", field="to")
        clean.append(address)
    if not clean:
        raise ValidationFailed("to: who should receive this email?", field="to")
    if len(clean) > MAX_RECIPIENTS:
        raise ValidationFailed(f"to: at most {MAX_RECIPIENTS} recipients", field="to")
    return clean


def send_email(
    session: Session, actor: User, data: dict[str, Any], now: datetime, *, key: str
) -> SentEmail:
    """Log and queue one email (see the module doc); ``key`` the client's idempotency key."""
    users.require_writer(actor)
    if not key or len(key) > 120:
        raise ValidationFailed("idempotency_key: 1 to 120 characters", field="idempotency_key")
    delivery_key = f"compose:{actor.id}:{key}"
    settings = settings_of(session)
    existing = session.scalar(select(Delivery).where(Delivery.idempotency_key == delivery_key))
    if existing is not None:  # the same request again: nothing new is logged or sent
        p = existing.payload
        return SentEmail(
            existing.id, p.get("activity_id"), p.get("message_id", ""), p.get("reply_to", ""),
            None, True,
        )  # fmt: skip
    draft = compose(session, actor, data, now)
    to = _recipients(draft.to)
    if not draft.subject.strip():
        raise ValidationFailed("subject: write a subject", field="subject")
    if not draft.body.strip():
        raise ValidationFailed("body: write the message", field="body")
    thread = draft.thread
    activity = log_human_activity(
        session,
        actor,
        {
            "kind": "email_out",
            "account_id": thread.account.id,
            "contact_id": thread.contact.id if thread.contact else None,
            "task_id": thread.task.id if thread.task else None,
            "opportunity_id": thread.opportunity.id if thread.opportunity else None,
            "subject": draft.subject,
            "body": draft.body,
        },
        now,
    )  # A-1; a touch on the task (T-3); U-2 checks
    message_id = message_id_for(settings.outbound_from, delivery_key)
    secret = str(settings.secret_key or "")
    if thread.task is not None:
        reply_to = reply_address(identity_of(session).primary, secret, "task", thread.task.id)
    elif thread.contact is not None:
        reply_to = reply_address(identity_of(session).primary, secret, "contact", thread.contact.id)
    else:
        reply_to = actor.email
    activity.source_ref = message_id
    activity.meta = {
        "to": to,
        "template": draft.template,
        "reply_to": reply_to,
        "sent_by": actor.id,
        "delivery_key": delivery_key,
    }
    delivery = enqueue_delivery(
        session,
        "email",
        {
            "to": to,
            "subject": draft.subject,
            "body": draft.body,
            "reply_to": reply_to,
            "message_id": message_id,
            "activity_id": activity.id,
            "task_id": thread.task.id if thread.task else None,
        },
        idempotency_key=delivery_key,
        now=now,
        subject=("task", thread.task.id) if thread.task else ("account", thread.account.id),
    )
    session.flush()
    return SentEmail(delivery.id, activity.id, message_id, reply_to, draft.warning, False)
