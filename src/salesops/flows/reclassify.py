"""R-1: a person overrides a task's classification, and the task follows the new class.

A flow: the override is scoring's (R-1), re-opening is the task's (L-1), and a task
re-opened as *sales* is routed (R-2 … R-7), and routing sits above scoring.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core.audit import Decision, record_decision
from salesops.core.errors import ValidationFailed
from salesops.playbook.runtime import playbook_of
from salesops.routing.service import route_task
from salesops.scoring.classification import reason_for, triage_task
from salesops.scoring.classify import LABELS
from salesops.tasks.lifecycle import disqualify
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.tasks.service import touch
from salesops.tasks.side_effects import cancel_side_effects
from salesops.users import service as users
from salesops.users.models import User


def _auto_disqualified_by_r1(session: Session, task: Task) -> bool:
    last = session.scalars(
        select(Decision)
        .where(
            Decision.subject_type == "task",
            Decision.subject_id == task.id,
            Decision.kind == "disqualify",
        )
        .order_by(Decision.id.desc())
        .limit(1)
    ).first()
    return last is not None and last.actor_id is None and "R-1" in (last.rule_ids or [])


def override_classification(
    session: Session,
    actor: User,
    task: Task,
    label: str,
    now: datetime,
    *,
    note: str | None = None,
) -> Task:
    """R-1: a person reclassifies a task; recorded, and the task follows the new class.

    To *sales* from an R-1 auto-disqualification: the task re-opens (New) and is
    routed. To support / billing / spam while open: it is disqualified with the
    matching reason by that person (D-3 side effects follow).
    """
    users.require_can_edit_owned(actor, task.owner_id)
    if label not in LABELS:
        raise ValidationFailed(
            f"classification must be one of: {', '.join(LABELS)}",
            field="classification",
            rule="R-1",
        )
    if task.kind != "lead":
        raise ValidationFailed("only lead tasks are classified", field="task_id", rule="R-1")
    previous = task.classification
    reopen = label == "sales" and task.status == "Unqualified"
    reopen = reopen and _auto_disqualified_by_r1(session, task)
    record_decision(
        session,
        "classification_override",
        task,
        {"from": previous, "to": label, "note": note, "status": task.status},
        ["R-1"],
        f"{actor.email} reclassified {previous or 'unclassified'} → {label}"
        + (f": {note}" if note else ""),
        outcome={"classification": label, "reopened": reopen},
        actor_id=actor.id,
        owner_id=task.owner_id,
        territory=task.territory,
        at=now,
    )
    task.classification = label
    task.classification_signals = [
        *(task.classification_signals or []),
        {
            "signal": "override",
            "label": label,
            "points": 0,
            "why": f"set by {actor.email}" + (f": {note}" if note else ""),
        },
    ]
    account = session.get(Account, task.account_id)
    contact = session.get(Contact, task.contact_id)
    if account is not None and contact is not None:
        task.triage = triage_task(session, task, account, contact)
    touch(task, now)
    if reopen:
        # The ticket (or email) the auto-disqualification queued and not yet sent is
        # cancelled: it was never support's after all (issue 16 item 2).
        cancel_side_effects(
            session, task, now, actor=actor, why=f"reclassified sales by {actor.email}"
        )
        task.status = playbook_of(session).tasks.initial_status
        task.disqualification_reason = None
        task.disqualification_notes = None
        task.closed_at = None
        session.flush()
        route_reopened(session, task, now)
    elif label != "sales" and task.status in OPEN_STATUSES:
        disqualify(
            session,
            task,
            reason_for(session, label),
            now=now,
            notes=note,
            actor=actor,
            rule_ids=("R-1", "D-3"),
            why=f"reclassified {label} by {actor.email}",
        )
    session.flush()
    return task


def route_reopened(session: Session, task: Task, now: datetime) -> None:
    """Run routing (R-2 … R-7) for a task re-opened by an override."""
    route_task(session, task, now)
