"""Task use-cases (O-3, L-1, T-3): create (lead tasks, dated follow-ups), update, read, list.

"Touched" (T-3) is maintained here: every human action on a task through this
service sets ``last_touched_at`` (and ``first_touched_at`` once, for R-9).
Automated changes (routing, the stale sweep) never call ``touch``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, literal, select, update
from sqlalchemy.orm import Session

from salesops.accounts.service import get_account, get_contact
from salesops.core.audit import record_decision
from salesops.core.errors import InvalidTransition, NotFound, ValidationFailed
from salesops.core.updates import reject_nulls
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task
from salesops.users import service as users
from salesops.users.models import User
from salesops.users.notify import Notice, notify

# Statuses reached only through their own use-case (issue 6: convert, disqualify).
TERMINAL_VIA_ENDPOINT = {"Converted": "convert", "Unqualified": "disqualify"}


def get_task(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(f"task {task_id} not found", field="task_id")
    return task


def touch(task: Task, now: datetime) -> None:
    """T-3: a human acted on the task (status/field change, note, logged email or call)."""
    if task.first_touched_at is None:
        task.first_touched_at = now
    task.last_touched_at = now
    task.stale_anchor_at = now  # T-1/T-2: a touch restarts the stale clock
    task.updated_at = now


def touch_many(session: Session, task_ids: Sequence[int], now: datetime) -> None:
    """T-3 for many tasks in one UPDATE (``touch``, set-based: mailbox capture)."""
    if not task_ids:
        return
    session.execute(
        update(Task)
        .where(Task.id.in_(list(task_ids)))
        .values(
            first_touched_at=func.coalesce(
                Task.first_touched_at, literal(now, Task.first_touched_at.type)
            ),
            last_touched_at=now,
            stale_anchor_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )


def check_lead_source(session: Session, lead_source: str) -> None:
    sources = playbook_of(session).tasks.lead_sources
    if lead_source not in sources:
        raise ValidationFailed(
            f"lead_source must be one of: {', '.join(sources)}", field="lead_source", rule="I-7"
        )


def create_task(session: Session, actor: User, data: dict[str, Any], now: datetime) -> Task:
    """Create a lead task by hand (I-7); it is always on an account and a contact (O-3)."""
    users.require_writer(actor)
    account = get_account(session, data["account_id"])
    contact = get_contact(session, data["contact_id"])
    if contact.account_id != account.id:
        raise ValidationFailed(
            f"contact {contact.id} belongs to account {contact.account_id}, not {account.id}",
            field="contact_id",
        )
    users.require_can_add_to_account(actor, account.owner_id)  # U-2
    check_lead_source(session, data["lead_source"])
    owner_id = data.pop("owner_id", None)
    if owner_id is not None:
        users.require_can_reassign(actor, None, owner_id)
        users.require_assignable(session, owner_id)
    task = Task(
        kind="lead",
        status="New",
        territory=account.territory,
        owner_id=owner_id,
        assigned_at=now if owner_id else None,
        stale_anchor_at=now if owner_id else None,
        created_at=now,
        updated_at=now,
        **data,
    )
    if not task.title:
        task.title = f"{data['lead_source']}: {contact.name or contact.email}"
    session.add(task)
    session.flush()
    return task  # unassigned: the caller runs the new-lead pipeline (flows.pipeline.create_task)


def create_follow_up_task(
    session: Session,
    *,
    kind: str,
    title: str,
    account_id: int,
    contact_id: int,
    owner_id: int | None,
    lead_source: str,
    due_on: date,
    now: datetime,
    opportunity_id: int | None = None,
    linked_task_id: int | None = None,
) -> Task:
    """A dated follow-up/check-in task; Open at once when already due, else Scheduled."""
    task = Task(
        kind=kind,
        title=title[:300],
        account_id=account_id,
        contact_id=contact_id,
        owner_id=owner_id,
        lead_source=lead_source,
        status="Open" if due_on <= now.date() else "Scheduled",
        due_on=due_on,
        opportunity_id=opportunity_id,
        linked_task_id=linked_task_id,
        created_at=now,
        updated_at=now,
        assigned_at=now if owner_id else None,
    )
    session.add(task)
    session.flush()
    return task


def check_transition(session: Session, current: str, new: str) -> None:
    """L-1: only the playbook's allowed moves; Converted/Unqualified via their own actions."""
    if new == current:
        return
    if new in TERMINAL_VIA_ENDPOINT:
        raise InvalidTransition(
            f"a task becomes {new} only through POST /api/v1/tasks/{{id}}/"
            f"{TERMINAL_VIA_ENDPOINT[new]}",
            field="status",
            rule="L-1",
        )
    pb = playbook_of(session)
    if new not in pb.tasks.statuses:
        raise ValidationFailed(
            f"status must be one of: {', '.join(pb.tasks.statuses)}", field="status", rule="L-1"
        )
    allowed = pb.tasks.transitions.get(current, [])
    if new not in allowed:
        raise InvalidTransition(
            f"cannot move a task from {current} to {new}; allowed: {', '.join(allowed) or 'none'}",
            field="status",
            rule="L-1",
        )


def update_task(
    session: Session, actor: User, task: Task, changes: dict[str, Any], now: datetime
) -> Task:
    """A human edit: validated, applied, and counted as a touch (T-3)."""
    users.require_can_edit_owned(actor, task.owner_id)
    if "status" in changes and changes["status"] is None:
        changes.pop("status")
    reject_nulls(Task, changes)
    if "owner_id" in changes:
        users.require_can_reassign(actor, task.owner_id, changes["owner_id"])
        if changes["owner_id"] != task.owner_id:
            users.require_assignable(session, changes["owner_id"])
            task.assigned_at = now
            notify(session, _reassigned(task, changes["owner_id"], actor, now), now)
    if "status" in changes and changes["status"] is not None:
        check_transition(session, task.status, changes["status"])
        if changes["status"] == "Nurturing" and not (
            changes.get("follow_up_on") or task.follow_up_on
        ):
            raise ValidationFailed(
                "a Nurturing task needs a follow_up_on date", field="follow_up_on", rule="L-1"
            )
    elif "status" in changes:
        changes.pop("status")
    for key, value in changes.items():
        setattr(task, key, value)
    touch(task, now)
    session.flush()
    return task


def _reassigned(task: Task, new_owner: int | None, actor: User, now: datetime) -> list[Notice]:
    """Issue 20 item 3: a person reassigning a task tells both owners (not themselves)."""
    who = actor.name or actor.email
    stamp = now.isoformat()
    return [
        Notice(
            uid,
            "task_reassigned",
            f"{who} reassigned task {task.id} {direction} you",
            key=f"reassign:{task.id}:{stamp}:{uid}:{direction[:2]}",
            link=f"/tasks/{task.id}",
            about=("task", task.id),
            body=task.title or "",
        )  # fmt: skip
        for uid, direction in ((new_owner, "to"), (task.owner_id, "away from"))
        if uid is not None and uid != actor.id
    ]


def tasks_query(
    *,
    owner_id: int | None = None,
    status: str | None = None,
    territory: str | None = None,
    lead_source: str | None = None,
    account_id: int | None = None,
    kind: str | None = None,
    updated_since: datetime | None = None,
    untouched_before: datetime | None = None,
) -> Select[Any]:
    query = select(Task)
    if owner_id is not None:
        query = query.where(Task.owner_id == owner_id)
    if status:
        query = query.where(Task.status.in_([s.strip() for s in status.split(",")]))
    if territory:
        query = query.where(Task.territory == territory)
    if lead_source:
        query = query.where(Task.lead_source == lead_source)
    if account_id is not None:
        query = query.where(Task.account_id == account_id)
    if kind:
        query = query.where(Task.kind == kind)
    if updated_since:
        query = query.where(Task.updated_at >= updated_since)
    if untouched_before is not None:  # open leads nobody has touched since creation
        query = query.where(
            Task.first_touched_at.is_(None),
            Task.created_at <= untouched_before,
            Task.status.in_(("New", "Working", "Nurturing")),
        )
    return query


FOLLOW_UP_KINDS = ("follow_up", "check_in")


def snooze(session: Session, actor: User, task: Task, until: date, now: datetime) -> Task:
    """Issue 17 item 5: a follow-up, check-in or reminder comes back on ``until``: it leaves
    the queue (Scheduled) until then; audited (O-8). A Nurturing lead snoozes through
    ``lifecycle.nurture`` (its follow-up date and reminder move together)."""
    users.require_can_edit_owned(actor, task.owner_id)
    if task.kind not in FOLLOW_UP_KINDS or task.status not in ("Open", "Scheduled"):
        raise InvalidTransition(
            "only an open follow-up, check-in or reminder can be snoozed",
            field="status",
            rule="L-1",
        )
    if until <= now.date():
        raise ValidationFailed("Snooze until must be a later day", field="until", rule="L-1")
    before = task.due_on
    task.due_on = until
    task.status = "Scheduled"
    touch(task, now)
    record_decision(
        session,
        "snooze",
        task,
        {"from": before.isoformat() if before else None, "until": until.isoformat()},
        ["L-1"],
        f"snoozed by {actor.email} until {until.isoformat()}",
        actor_id=actor.id,
        owner_id=task.owner_id,
        at=now,
    )
    session.flush()
    return task
