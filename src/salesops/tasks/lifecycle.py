"""Closing a lead task: disqualification (D-1 … D-4) and its status rules (L-1).

``disqualify`` is the one way a task becomes Unqualified — by a person, by the
classifier (R-1) or by the stale sweep (T-2). Side effects (D-3) are outbox
rows written by ``salesops.tasks.side_effects`` in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from salesops.core.audit import record_decision
from salesops.core.errors import InvalidTransition, ValidationFailed
from salesops.core.runtime import playbook_of
from salesops.tasks.models import Task
from salesops.tasks.service import touch
from salesops.users.models import User


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
) -> Task:
    """D-1: disqualify with a picklist reason and optional notes (≤ the playbook's limit).

    ``actor`` None means an automation (R-1, T-2): it is recorded as a decision
    and does not count as a touch (T-3).
    """
    pb = playbook_of(session)
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
    session.flush()
    return task
