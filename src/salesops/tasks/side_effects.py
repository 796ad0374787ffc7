"""D-3/D-4 side effects of a disqualification, written as outbox rows (X-1).

Everything here runs in the disqualification's own transaction and only
writes rows: a ticket, an onboarding event or an email is an outbox delivery
the worker sends after commit, so a failing receiver never rolls the lead or
its disqualification back. Idempotency keys are per task and effect, so
disqualifying, reopening and disqualifying again queues each effect once.

- support_ticket / billing_ticket → ``ticketing`` (owner CC'd); once delivered,
  ``write_ticket_link`` puts the ticket link into the task's next steps.
- onboarding_flow → ``email_automation`` (Customer.io event ``self_serve_onboarding``).
- spam_ban_optional → with ``options["ban_sender"]``, ``accounts.bans``'
  ``ban_sender`` (admins); for anyone else the request is recorded for an admin.
- startup_application → ``email`` with the playbook's application link (L-2).
- a revisit (Prospect) reason → the contact's ``revisit_on`` date (D-4).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.bans import ban_sender, check_ban_value
from salesops.accounts.models import Account, Contact
from salesops.core.audit import record_decision
from salesops.core.errors import Conflict, PermissionDenied, ValidationFailed
from salesops.core.outbox import (
    AFTER_DELIVERY,
    Delivery,
    DeliveryResult,
    cancel_unsent,
    enqueue_delivery,
)
from salesops.core.outbox_rules import effect_state
from salesops.core.wake import announce
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task
from salesops.tasks.revisits import revisit_date, schedule_revisit
from salesops.users.models import User

ONBOARDING_EVENT = "self_serve_onboarding"


def effects_of(session: Session, task_id: int, limit: int = 20) -> list[dict[str, Any]]:
    """D-3, X-1: the side effects this task promised and how each stands, for its owner
    (a support ticket queued, sent, not configured, failed with its reason, cancelled)."""
    rows = session.execute(
        select(Delivery.id, Delivery.channel, Delivery.state, Delivery.last_error,
               Delivery.created_at, Delivery.delivered_at)
        .where(Delivery.subject_type == "task", Delivery.subject_id == task_id)
        .order_by(Delivery.id.desc())
        .limit(limit)
    ).all()  # fmt: skip
    return [
        {"id": r.id, "channel": r.channel, "state_code": r.state, "created_at": r.created_at,
         "delivered_at": r.delivered_at, **effect_state(r.channel, r.state, r.last_error)}
        for r in rows
    ]  # fmt: skip


def after_disqualify(
    session: Session,
    task: Task,
    reason: str,
    *,
    now: datetime,
    actor: User | None,
    options: dict[str, object],
) -> None:
    """Queue the side effects the playbook attaches to ``reason`` (D-3, D-4)."""
    pb = playbook_of(session)
    spec = pb.reason(reason)
    contact = session.get(Contact, task.contact_id)
    assert contact is not None
    for effect in spec.side_effects:
        if effect in ("support_ticket", "billing_ticket"):
            queue_ticket(session, task, contact, reason, spec.support_team or "support", now)
        elif effect == "onboarding_flow":
            queue_onboarding(session, task, contact, reason, now)
        elif effect == "startup_application":
            queue_startup_application(session, task, contact, now)
        elif effect == "spam_ban_optional" and options.get("ban_sender"):
            request_ban(
                session, task, contact, actor, str(options.get("ban_scope") or "address"), now
            )
    days = pb.revisit_after_days(reason)
    if days is not None:  # D-4: Prospect → revisit list; Pass → nothing
        contact.revisit_on = revisit_date(options.get("revisit_on"), now, days)
        contact.revisit_reason = reason[:120]
        contact.updated_at = now
        schedule_revisit(session, task, contact, reason, contact.revisit_on, now)
        _decide(
            session,
            task,
            "revisit",
            {"reason": reason, "revisit_on": str(contact.revisit_on)},
            ["D-4"],
            f"contact on the revisit list until {contact.revisit_on}",
            actor,
            now,
        )


# D-3 side effects as the disqualify form previews them before confirming.
SIDE_EFFECT_TEXT = {
    "support_ticket": "A ticket is opened for the {team} team in the support system, "
    "the owner is CC'd, and the ticket link is written to the task's next steps.",
    "billing_ticket": "A ticket is opened for the {team} team in the support system, "
    "the owner is CC'd, and the ticket link is written to the task's next steps.",
    "onboarding_flow": "The contact enters the automated self-serve onboarding flow.",
    "spam_ban_optional": "You may also ban the sender (address or domain) from creating leads.",
    "startup_application": "The startup-plan application link is emailed to the contact.",
}


def preview(session: Session, reason_name: str, now: datetime) -> dict[str, Any]:
    """What choosing ``reason_name`` will do (D-3, D-4), read from the playbook."""
    pb = playbook_of(session)
    if reason_name not in pb.all_reason_names:
        return {"reason": None, "effects": [], "revisit": None, "category": None}
    reason = pb.reason(reason_name)
    effects = [
        SIDE_EFFECT_TEXT[e].format(team=reason.support_team or "support")
        for e in reason.side_effects
    ]
    revisit = pb.revisit_after_days(reason_name) if reason.revisit else None
    return {
        "reason": reason,
        "effects": effects,
        "revisit": revisit,
        "revisit_on": (now.date() + timedelta(days=revisit)).isoformat() if revisit else None,
        "revisit_min": (now.date() + timedelta(days=1)).isoformat(),
        "category": pb.category_of(reason_name),
        "can_ban": "spam_ban_optional" in reason.side_effects,
        "ban_notice": pb.intake.spam_ban_notice,
    }


def _owner_email(session: Session, task: Task) -> str | None:
    owner = session.get(User, task.owner_id) if task.owner_id else None
    return owner.email if owner is not None else None


def _decide(
    session: Session,
    task: Task,
    kind: str,
    inputs: dict[str, Any],
    rule_ids: list[str],
    reason: str,
    actor: User | None,
    now: datetime,
) -> None:
    record_decision(
        session,
        kind,
        task,
        inputs,
        rule_ids,
        reason,
        actor_id=actor.id if actor else None,
        owner_id=task.owner_id,
        territory=task.territory,
        at=now,
    )


def _queue_effect(
    session: Session,
    task: Task,
    channel: str,
    payload: dict[str, Any],
    key: str,
    inputs: dict[str, Any],
    rule_ids: list[str],
    what: str,
    now: datetime,
) -> Delivery:
    """X-1: one outbox row per task and effect (idempotent by key), and its decision."""
    delivery = enqueue_delivery(
        session,
        channel,
        payload,
        idempotency_key=f"task:{task.id}:{key}",
        now=now,
        subject=("task", task.id),
        # Not a flush of everything pending: in the new-lead pipeline's batch that
        # wrote every earlier lead's changes row by row (one R-1 lead in three; the
        # batch writes them set-based at its end). The task has its id already.
        autoflush=False,
    )
    if delivery.state == "cancelled":  # an override cancelled it; disqualified again: re-arm
        delivery.state, delivery.due_at, delivery.next_attempt_at = "pending", now, now
        delivery.payload, delivery.attempts, delivery.last_error = payload, 0, None
        announce(session)
    _decide(session, task, "side_effect", inputs, rule_ids, f"{what} (delivery {delivery.id})",
            None, now)  # fmt: skip
    return delivery


def cancel_side_effects(
    session: Session, task: Task, now: datetime, *, actor: User | None, why: str
) -> list[int]:
    """R-1 override back to sales: the task's D-3 side effects not yet sent (a support
    ticket, an onboarding email still queued, parked or dead) are cancelled and the
    decision recorded; one already sent or sending is left (and named in the decision)."""
    cancelled = cancel_unsent(session, key_prefix=f"task:{task.id}:", now=now)
    sent = list(
        session.scalars(
            select(Delivery.id).where(
                Delivery.idempotency_key.startswith(f"task:{task.id}:", autoescape=True),
                Delivery.state.not_in(["cancelled"]),
            )
        )
    )
    if cancelled or sent:
        what = f"cancelled queued side effects {cancelled}" if cancelled else "nothing to cancel"
        if sent:
            what += f"; already sent or sending: {sorted(sent)}"
        _decide(session, task, "side_effect_cancelled", {"why": why, "sent": sorted(sent)},
                ["R-1", "D-3", "X-1"], what, actor, now)  # fmt: skip
    return cancelled


def queue_ticket(
    session: Session, task: Task, contact: Contact, reason: str, team: str, now: datetime
) -> Delivery:
    """D-3: a ticket for the reason's team with the owner CC'd."""
    owner = _owner_email(session, task)
    account = session.get(Account, task.account_id)
    body = task.sales_form_message or f"Re-routed from sales task {task.id}: {reason}."
    return _queue_effect(
        session,
        task,
        "ticketing",
        {
            "subject": f"{reason}: {contact.name or contact.email}"
            + (f" ({account.name})" if account else ""),
            "body": body,
            "requester": {"name": contact.name, "email": contact.email},
            "cc": [owner] if owner else [],
            "team": team,
            "tags": ["salesops", f"task-{task.id}"],
            "task_id": task.id,
        },
        "ticket",
        {"effect": "ticket", "team": team, "cc": owner},
        ["D-3", "X-1"],
        f"{team} ticket queued",
        now,
    )


def write_ticket_link(
    session: Session, delivery: Delivery, result: DeliveryResult, now: datetime
) -> None:
    """D-3: after the ticket exists, its link goes into the task's next steps (once)."""
    if delivery.subject_type != "task" or delivery.subject_id is None:
        return
    task = session.get(Task, delivery.subject_id)
    url = result.data.get("url")
    if task is None or not url:
        return
    line = f"Support ticket: {url}"
    if line not in (task.next_steps or ""):
        task.next_steps = f"{task.next_steps}\n{line}" if task.next_steps else line
        task.updated_at = now
    account = session.get(Account, task.account_id)
    ticket_id = result.data.get("ticket_id")
    if account is not None and ticket_id is not None:
        ids = list(account.support_ticket_ids or [])
        if str(ticket_id) not in [str(i) for i in ids]:
            account.support_ticket_ids = [*ids, ticket_id]


AFTER_DELIVERY["ticketing"] = write_ticket_link


def queue_onboarding(
    session: Session, task: Task, contact: Contact, reason: str, now: datetime
) -> Delivery:
    """D-3 / Q-9: start the self-serve onboarding flow in the email-automation system."""
    return _queue_effect(
        session,
        task,
        "email_automation",
        {
            "customer_id": contact.email,
            "name": ONBOARDING_EVENT,
            "data": {
                "task_id": task.id,
                "reason": reason,
                "email": contact.email,
                "name": contact.name,
                "monthly_events": task.monthly_events,
            },
        },
        "onboarding",
        {"effect": "onboarding_flow"},
        ["D-3", "Q-9", "X-1"],
        "self-serve onboarding event queued",
        now,
    )


def queue_startup_application(
    session: Session, task: Task, contact: Contact, now: datetime
) -> Delivery:
    """L-2 / D-3: email the startup-plan application link (once per task)."""
    url = playbook_of(session).disqualification.startup_application_url
    owner = _owner_email(session, task)
    return _queue_effect(
        session,
        task,
        "email",
        {
            "to": [contact.email],
            "cc": [owner] if owner else [],
            "subject": "Apply for the startup plan",
            "body": (
                f"Hi {contact.name or 'there'},\n\nYou look eligible for our startup plan. "
                f"Apply here: {url}\n"
            ),
            "task_id": task.id,
        },
        "startup_application",
        {"effect": "startup_application", "url": url},
        ["L-2", "D-3", "X-1"],
        "startup-plan application queued",
        now,
    )


def request_ban(
    session: Session, task: Task, contact: Contact, actor: User | None, scope: str, now: datetime
) -> None:
    """D-3 / I-9: ban the spam sender (address or domain) (``accounts.bans``).

    Bans are an admin action; a salesperson's request is recorded for an admin instead.
    """
    value = contact.email if scope != "domain" else contact.email.rpartition("@")[2]
    outcome = "requested"
    try:
        check_ban_value(session, value)  # free-mail or too broad: refused, not requested
    except ValidationFailed as exc:
        outcome = f"not banned: {exc.detail}"
    if actor is not None and outcome == "requested":
        try:
            with session.begin_nested():
                ban_sender(session, actor, value, f"spam (task {task.id})", now)
            outcome = "banned"
        except Conflict:
            outcome = "already banned"
        except PermissionDenied:
            outcome = "requested"
        except ValidationFailed as exc:
            outcome = f"not banned: {exc.detail}"
    _decide(
        session,
        task,
        "spam_ban_request",
        {"value": value, "scope": scope, "outcome": outcome},
        ["D-3", "I-9"],
        f"sender ban {outcome}: {value}",
        actor,
        now,
    )
