"""Who is told what, and when (issue 20 item 3): the producers of notifications that look
across domains, and the jobs that find what is due.

- ``announce_new_leads`` (from the new-lead pipeline): the owner of a freshly routed
  lead ("lead_assigned"), and the sales channel about every new lead whatever its
  source (the contact form already tells it, I-2, so form leads are not told twice).
- ``due_today`` (a job): follow-ups, check-ins (Q-12), renewals and revisits (D-4, L-1
  nurture follow-ups) whose date is today, to their owners.
- ``speed_to_lead`` (a job): a lead untouched past the R-9 target, to its owner; past
  the playbook's escalation delay as well, to the territory's admin (its ``admin``,
  else every active admin).
- ``failed_side_effects`` (a job): a promised side effect (a ticket, an onboarding
  event, a mail to the customer) that went dead (X-1), to the task's owner.

Each notice's key makes a rerun harmless (``users.notify``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.core.jobs import job, scheduled
from salesops.core.markup import mrkdwn
from salesops.core.outbox import SALES_CHANNEL, Delivery, coalesced, enqueue_deliveries
from salesops.playbook.runtime import playbook_of, settings_of
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users.models import User
from salesops.users.notify import NOTIFY_CHANNELS, Notice, notify

FORM_SOURCE = "Contact form"  # I-2 already notifies the sales channel for these
NOTIFICATION_CHANNELS = NOTIFY_CHANNELS  # their failure is not told about again (no loop)


def announce_new_leads(session: Session, tasks: Sequence[Task], now: datetime) -> None:
    """After routing: "lead_assigned" to each new owner; the sales channel hears of every
    new lead not from the contact form. Two INSERTs whatever the batch size."""
    notices = [
        Notice(
            user_id=t.owner_id,
            event="lead_assigned",
            title=f"New lead assigned to you: {t.title or f'task {t.id}'}",
            body=f"Source: {t.lead_source}. Contact them within the speed-to-lead target.",
            link=f"/tasks/{t.id}",
            key=f"assigned:{t.id}:{t.owner_id}",
            about=("task", t.id),
        )
        for t in tasks
        if t.owner_id is not None
    ]
    notify(session, notices, now)
    settings = settings_of(session)
    base = settings.base_url.rstrip("/")
    enqueue_deliveries(
        session,
        [
            coalesced(
                {
                    "channel": "slack",
                    "payload": {
                        "text": f"New {mrkdwn(t.lead_source)} lead: {mrkdwn(t.title or '')}\n"
                        f"<{base}/tasks/{t.id}|Open task {t.id}>",
                        "task_id": t.id,
                    },
                    "idempotency_key": f"new-lead:{t.id}:slack",
                    "subject": ("task", t.id),
                },
                SALES_CHANNEL,
                settings.notify_coalesce_seconds,
            )
            for t in tasks
            if t.lead_source != FORM_SOURCE
        ],
        now=now,
    )


def due_today(session: Session, now: datetime) -> int:
    """Follow-ups, check-ins, renewals and revisits due today, to their owners (UTC day)."""
    today = now.date()
    rows = session.execute(
        select(Task.id, Task.owner_id, Task.kind, Task.title)
        .where(
            Task.owner_id.is_not(None),
            (
                (Task.kind.in_(("follow_up", "check_in")) & (Task.due_on == today))
                | ((Task.status == "Nurturing") & (Task.follow_up_on == today))
            ),
            Task.status.in_(("Scheduled", "Open", *OPEN_STATUSES)),
        )
        .limit(10_000)
    ).all()
    label = {"follow_up": "Follow-up", "check_in": "Check-in", "lead": "Revisit"}
    return notify(
        session,
        [
            Notice(
                user_id=owner,
                event="due_today",
                title=f"{label.get(kind, 'Task')} due today: {title or f'task {tid}'}",
                link=f"/tasks/{tid}",
                key=f"due:{tid}:{today.isoformat()}",
                about=("task", tid),
            )
            for tid, owner, kind, title in rows
        ],
        now,
    )


def _territory_admins(session: Session) -> dict[str | None, list[int]]:
    pb = playbook_of(session)
    admins = list(
        session.execute(
            select(User.id, User.email).where(User.role == "admin", User.active.is_(True))
        )
    )
    by_email = {email.lower(): uid for uid, email in admins}
    out: dict[str | None, list[int]] = {None: [uid for uid, _ in admins]}
    for territory in pb.territories.items:
        named = by_email.get((territory.admin or "").lower())
        out[territory.name] = [named] if named else out[None]
    return out


def speed_to_lead(session: Session, now: datetime) -> int:
    """R-9: leads untouched past the target, to their owner; past the escalation delay,
    to the territory's admin as well."""
    pb = playbook_of(session)
    target = timedelta(hours=pb.routing.speed_to_lead_hours)
    escalate = target + timedelta(hours=pb.notifications.speed_to_lead_escalate_after_hours)
    rows = session.execute(
        select(Task.id, Task.owner_id, Task.title, Task.territory, Task.created_at)
        .where(
            Task.kind == "lead",
            Task.status.in_(OPEN_STATUSES),
            Task.owner_id.is_not(None),
            Task.first_touched_at.is_(None),
            Task.created_at <= now - target,
            Task.created_at > now - timedelta(days=30),  # bounded: older ones were told
        )
        .limit(10_000)
    ).all()
    admins = _territory_admins(session) if rows else {}
    notices: list[Notice] = []
    for tid, owner, title, territory, created in rows:
        hours = int((now - created).total_seconds() // 3600)
        what = f"{title or f'task {tid}'} is untouched after {hours} hours"
        notices.append(
            Notice(
                user_id=owner,
                event="speed_to_lead",
                title=f"Past the {pb.routing.speed_to_lead_hours}h speed-to-lead target: {what}",
                link=f"/tasks/{tid}",
                key=f"r9:{tid}",
                about=("task", tid),
            )
        )
        if now - created >= escalate:
            for admin in admins.get(territory, admins.get(None, [])):
                notices.append(
                    Notice(
                        user_id=admin,
                        event="speed_to_lead",
                        title=f"Escalated (R-9): {what} (owner user {owner})",
                        link=f"/tasks/{tid}",
                        key=f"r9-escalated:{tid}:{admin}",
                        about=("task", tid),
                    )
                )
    return notify(session, notices, now)


def failed_side_effects(session: Session, now: datetime) -> int:
    """X-1: a dead delivery promised for a task (not a notification itself), to the task's
    owner; once per delivery."""
    rows = session.execute(
        select(Delivery.id, Delivery.channel, Delivery.last_error, Task.id, Task.owner_id)
        .join(Task, Task.id == Delivery.subject_id)
        .where(
            Delivery.state == "dead",
            Delivery.subject_type == "task",
            Delivery.channel.not_in(NOTIFICATION_CHANNELS),
            Task.owner_id.is_not(None),
            Delivery.created_at > now - timedelta(days=14),
        )
        .limit(10_000)
    ).all()
    notices = [
        Notice(
            user_id=owner,
            event="side_effect_failed",
            title=f"A {channel} side effect for task {tid} failed",
            body=(error or "")[:500],
            link=f"/tasks/{tid}",
            key=f"failed:{did}",
            about=("task", tid),
        )
        for did, channel, error, tid, owner in rows
    ]
    return notify(session, notices, now)


@job("notices.due_today")
def _due_today_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    due_today(session, now)


@job("notices.speed_to_lead")
def _speed_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    speed_to_lead(session, now)


@job("notices.failed_side_effects")
def _failed_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    failed_side_effects(session, now)


scheduled("notices.due_today", every=timedelta(minutes=15))
scheduled("notices.speed_to_lead", every=timedelta(minutes=5))
scheduled("notices.failed_side_effects", every=timedelta(minutes=1))
