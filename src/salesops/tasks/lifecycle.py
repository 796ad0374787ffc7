"""Lead task statuses (L-1, L-2): disqualification (D-1 … D-4), nurturing, the startup plan.

``disqualify`` is the one way a task becomes Unqualified — by a person, by the
classifier (R-1) or by the stale sweep (T-2). Side effects (D-3) are outbox
rows written by ``salesops.tasks.side_effects`` in the same transaction.
``nurture`` parks a task with a follow-up date and a reminder task for its
owner (L-1); ``startup_plan`` sends the application and disqualifies, or
nurtures a heavy user instead (L-2). Conversion (C-1 … C-3) is in
``salesops.flows.conversion``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from salesops.core.audit import record_decision, record_decisions
from salesops.core.errors import InvalidTransition, ValidationFailed
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task
from salesops.tasks.service import check_transition, create_follow_up_task, touch
from salesops.users import service as users
from salesops.users.models import User

CHUNK = 1000  # ids per UPDATE … WHERE id IN (…): well under SQLite's bound-parameter limit


def check_picked_reason(pb: Any, reason: str, notes: str | None) -> None:
    """Issue 17 item 6: a person may not pick an automation's reason, and writes notes
    where the playbook asks for them (D-1)."""
    chosen = pb.reason(reason)
    if chosen.automation_only:
        raise ValidationFailed(
            f"“{reason}” is recorded by the automation only; choose the reason that says "
            "what you found",
            field="reason",
            rule="D-2",
        )
    if chosen.notes_required and not (notes or "").strip():
        raise ValidationFailed(
            f"Notes are required for “{reason}”: say what it was", field="notes", rule="D-1"
        )


def disqualify(
    session: Session,
    task: Task,
    reason: str,
    *,
    now: datetime,
    notes: str | None = None,
    actor: User | None = None,
    rule_ids: tuple[str, ...] = ("D-1",),
    why: str | None = None,
    options: dict[str, object] | None = None,
    flush: bool = True,
    picked: bool = False,
) -> Task:
    """D-1: disqualify with a picklist reason and optional notes (≤ the playbook's limit).

    ``picked``: a person chose the reason from the picklist (web, API, CLI): reasons
    marked ``automation_only`` are refused and ``notes_required`` ones need notes
    (issue 17 item 6).

    ``actor`` None means an automation (R-1, T-2): it is recorded as a decision
    and does not count as a touch (T-3). ``flush=False`` leaves the writes to the
    caller's next flush (the new-lead pipeline writes a whole batch at once).
    """
    pb = playbook_of(session)
    if task.kind != "lead":
        raise InvalidTransition(
            f"task {task.id} is a {task.kind} task; only lead tasks are disqualified",
            field="kind",
            rule="L-1",
        )
    if not reason:
        raise ValidationFailed(
            "a disqualification reason from the picklist is required", field="reason", rule="D-1"
        )
    if task.status in ("Converted", "Unqualified"):
        raise InvalidTransition(
            f"task {task.id} is already {task.status}", field="status", rule="L-1"
        )
    if reason not in pb.all_reason_names:
        raise ValidationFailed(
            f"unknown disqualification reason {reason!r}; see the playbook's picklist",
            field="reason",
            rule="D-2",
        )
    if picked:
        check_picked_reason(pb, reason, notes)
    if (options or {}).get("revisit_on") and pb.revisit_after_days(reason) is None:
        raise ValidationFailed(
            f"{reason!r} is a Pass reason: only a Prospect reason takes a revisit date",
            field="revisit_on",
            rule="D-4",
        )
    limit = pb.disqualification.notes_max_length
    if notes is not None and len(notes) > limit:
        raise ValidationFailed(
            f"notes must be at most {limit} characters (got {len(notes)})",
            field="notes",
            rule="D-1",
        )
    task.status = "Unqualified"
    task.disqualification_reason = reason
    task.disqualification_notes = notes
    task.closed_at = now
    task.updated_at = now
    if actor is not None:
        touch(task, now)
    record_decision(
        session,
        "disqualify",
        task,
        {"reason": reason, "category": pb.category_of(reason), "notes": notes},
        list(rule_ids),
        why or f"disqualified: {reason}",
        actor_id=actor.id if actor else None,
        owner_id=task.owner_id,
        territory=task.territory,
        at=now,
    )
    from salesops.tasks import side_effects

    side_effects.after_disqualify(
        session, task, reason, now=now, actor=actor, options=options or {}
    )
    if flush:
        session.flush()
    return task


def disqualify_many(
    session: Session,
    task_ids: Iterable[int],
    reason: str,
    *,
    now: datetime,
    rule_ids: tuple[str, ...] = ("D-1",),
    why: str | Callable[[Any], str] | None = None,
    where: Sequence[ColumnElement[bool]] = (),
) -> list[int]:
    """D-1 for many tasks at once, by an automation (the stale sweep, T-2); returns the ids closed.

    The same outcome as ``disqualify`` with ``actor=None`` per task — status,
    reason, ``closed_at``, a decision record each, no touch (T-3) — as one
    conditional ``UPDATE … RETURNING`` per chunk plus one decision INSERT: only
    open lead tasks (and rows matching ``where``) change, so a task closed or
    converted meanwhile is left alone. D-3/D-4 side effects run per task through
    ``side_effects.after_disqualify`` only when the playbook attaches any to
    ``reason``. ``why`` may be a function of the returned row (id, owner_id,
    territory, stale_anchor_at).
    """
    pb = playbook_of(session)
    if not reason or reason not in pb.all_reason_names:
        raise ValidationFailed(
            f"unknown disqualification reason {reason!r}; see the playbook's picklist",
            field="reason",
            rule="D-2",
        )
    ids = sorted(set(task_ids))
    category = pb.category_of(reason)
    closed: list[int] = []
    decisions: list[dict[str, Any]] = []
    for i in range(0, len(ids), CHUNK):
        rows = session.execute(
            update(Task)
            .where(
                Task.id.in_(ids[i : i + CHUNK]),
                Task.kind == "lead",
                Task.status.not_in(("Converted", "Unqualified")),
                *where,
            )
            .values(
                status="Unqualified",
                disqualification_reason=reason,
                disqualification_notes=None,
                closed_at=now,
                updated_at=now,
            )
            .returning(Task.id, Task.owner_id, Task.territory, Task.stale_anchor_at)
            .execution_options(synchronize_session=False)
        ).all()
        for row in rows:
            closed.append(row.id)
            loaded = session.identity_map.get(identity_key(Task, row.id))
            if loaded is not None:  # a task object already in this session: reload on access
                session.expire(loaded)
            decisions.append(
                {
                    "kind": "disqualify",
                    "subject": ("task", row.id),
                    "inputs": {"reason": reason, "category": category, "notes": None},
                    "rule_ids": list(rule_ids),
                    "reason": (why(row) if callable(why) else why) or f"disqualified: {reason}",
                    "owner_id": row.owner_id,
                    "territory": row.territory,
                    "at": now,
                }
            )
    record_decisions(session, decisions)
    spec = pb.reason(reason)
    if closed and (spec.side_effects or pb.revisit_after_days(reason) is not None):
        from salesops.tasks import side_effects

        found = session.scalars(
            select(Task)
            .where(Task.id.in_(closed))
            .order_by(Task.id)
            .execution_options(populate_existing=True)
        ).all()
        for task in found:
            side_effects.after_disqualify(session, task, reason, now=now, actor=None, options={})
        session.flush()
    return closed


def nurture(
    session: Session,
    actor: User,
    task: Task,
    *,
    now: datetime,
    follow_up_on: date | None = None,
    notes: str | None = None,
) -> Task:
    """L-1: not ready now — Nurturing with a follow-up date and a reminder for the owner."""
    users.require_can_edit_owned(actor, task.owner_id)
    _require_lead(task)
    pb = playbook_of(session)
    check_transition(session, task.status, "Nurturing")
    follow_up_on = follow_up_on or now.date() + timedelta(days=pb.tasks.nurture_default_days)
    if follow_up_on <= now.date():
        raise ValidationFailed(
            "follow_up_on must be in the future", field="follow_up_on", rule="L-1"
        )
    task.status = "Nurturing"
    task.follow_up_on = follow_up_on
    if notes:
        task.next_steps = f"{task.next_steps}\n{notes}" if task.next_steps else notes
    touch(task, now)
    remind_on = follow_up_on - timedelta(days=pb.follow_ups.nurture_reminder_days_before)
    reminder = session.scalar(
        select(Task).where(
            Task.linked_task_id == task.id, Task.kind == "follow_up", Task.status == "Scheduled"
        )
    )
    if reminder is not None:
        reminder.due_on = remind_on
        reminder.owner_id = task.owner_id
        reminder.updated_at = now
    else:
        create_follow_up_task(
            session,
            kind="follow_up",
            title=f"Nurture follow-up: {task.title}",
            account_id=task.account_id,
            contact_id=task.contact_id,
            owner_id=task.owner_id,
            lead_source=task.lead_source,
            due_on=max(remind_on, now.date()),
            now=now,
            linked_task_id=task.id,
        )
    record_decision(
        session,
        "nurture",
        task,
        {"follow_up_on": follow_up_on.isoformat()},
        ["L-1"],
        f"nurturing until {follow_up_on.isoformat()}",
        actor_id=actor.id,
        owner_id=task.owner_id,
        territory=task.territory,
        at=now,
    )
    session.flush()
    return task


def startup_plan(
    session: Session,
    actor: User,
    task: Task,
    *,
    now: datetime,
    heavy_user: bool = False,
    follow_up_on: date | None = None,
    notes: str | None = None,
) -> Task:
    """L-2: send the startup-plan application; disqualify "Startup Plan / YC", or nurture a
    heavy user instead."""
    users.require_can_edit_owned(actor, task.owner_id)
    _require_lead(task)
    pb = playbook_of(session)
    reason = pb.disqualification.automatic.startup_plan
    if not heavy_user:
        return disqualify(
            session, task, reason, now=now, notes=notes, actor=actor, rule_ids=("L-2", "D-1")
        )
    from salesops.accounts.models import Contact
    from salesops.tasks.side_effects import queue_startup_application

    contact = session.get(Contact, task.contact_id)
    assert contact is not None
    queue_startup_application(session, task, contact, now)
    return nurture(session, actor, task, now=now, follow_up_on=follow_up_on, notes=notes)


def _require_lead(task: Task) -> None:
    if task.kind != "lead":
        raise InvalidTransition(
            f"task {task.id} is a {task.kind} task; this applies to lead tasks",
            field="kind",
            rule="L-1",
        )


def reopen(session: Session, actor: User, task: Task, *, now: datetime, note: str = "") -> Task:
    """Issue 17 item 6: undo a disqualification. The task is Working again, its reason and
    notes are cleared, and a decision record keeps what they were and who reopened it (the
    D-3 side effects already sent, e.g. a support ticket, are not recalled)."""
    users.require_can_edit_owned(actor, task.owner_id)
    if task.status != "Unqualified":
        raise InvalidTransition(
            f"only a disqualified task can be reopened; this one is {task.status}",
            field="status",
            rule="L-1",
        )
    previous = {"reason": task.disqualification_reason, "notes": task.disqualification_notes}
    task.status = "Working"
    task.disqualification_reason = None
    task.disqualification_notes = None
    task.closed_at = None
    touch(task, now)
    record_decision(
        session,
        "reopen",
        task,
        {"previous": previous, "note": note.strip() or None},
        ["L-1", "D-1"],
        f"reopened by {actor.email}; was disqualified: {previous['reason']}",
        outcome={"status": "Working"},
        actor_id=actor.id,
        owner_id=task.owner_id,
        at=now,
    )
    session.flush()
    return task
