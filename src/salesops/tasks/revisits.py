"""D-4 Pass vs Prospect: a Prospect reason puts the contact on the revisit list on a date
the user chooses (default from the playbook), and a reminder task appears in the owner's
queue on that date (Scheduled until then; ``opportunities.follow_ups_due`` opens it)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Contact
from salesops.core.errors import ValidationFailed
from salesops.tasks.models import Task
from salesops.tasks.service import create_follow_up_task


def revisit_date(chosen: object, now: datetime, default_days: int) -> date:
    """D-4: the revisit date the user chose (a date after today), else the playbook's
    default for the reason."""
    if chosen in (None, ""):
        return now.date() + timedelta(days=default_days)
    try:
        day = chosen if isinstance(chosen, date) else date.fromisoformat(str(chosen).strip())
    except ValueError:
        raise ValidationFailed(
            "the revisit date must be a date (YYYY-MM-DD)", field="revisit_on", rule="D-4"
        ) from None
    if day <= now.date():
        raise ValidationFailed(
            "the revisit date must be after today", field="revisit_on", rule="D-4"
        )
    return day


def schedule_revisit(
    session: Session, task: Task, contact: Contact, reason: str, on: date, now: datetime
) -> Task:
    """D-4: a reminder task for the revisit, Scheduled until its date, when the worker's
    follow-up job opens it in the owner's queue. Disqualifying again moves the one
    reminder instead of adding another."""
    title = f"Revisit {contact.name or contact.email} ({reason})"
    reminder = session.scalar(
        select(Task).where(
            Task.linked_task_id == task.id,
            Task.kind == "follow_up",
            Task.status.in_(("Scheduled", "Open")),
            Task.title.startswith("Revisit ", autoescape=True),
        )
    )
    if reminder is not None:
        reminder.due_on, reminder.title, reminder.updated_at = on, title[:300], now
        reminder.owner_id = task.owner_id
        reminder.status = "Open" if on <= now.date() else "Scheduled"
        return reminder
    return create_follow_up_task(
        session,
        kind="follow_up",
        title=title,
        account_id=task.account_id,
        contact_id=task.contact_id,
        owner_id=task.owner_id,
        lead_source=task.lead_source,
        due_on=on,
        now=now,
        linked_task_id=task.id,
    )
