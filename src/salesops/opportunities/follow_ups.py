"""Follow-up and check-in tasks (L-1 nurture reminders, Q-8, Q-11, Q-12).

A follow-up is a task (kind ``follow_up`` or ``check_in``) owned by the
deal's owner with a ``due_on``. It is ``Scheduled`` until its date, when the
worker's ``make_due`` turns it ``Open`` so it shows in the owner's queue, and
``Done`` once the owner completes it. Recurring follow-ups and waits for a
feature or certification live in ``FollowUpPlan`` until they become tasks.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from salesops.core.audit import record_decision
from salesops.core.errors import InvalidTransition, ValidationFailed
from salesops.opportunities.models import FollowUpPlan, Milestone, Opportunity
from salesops.opportunities.rules import add_months
from salesops.tasks.models import Task
from salesops.tasks.service import create_follow_up_task
from salesops.users import service as users
from salesops.users.models import User

FOLLOW_UP_KINDS = ("follow_up", "check_in")
MILESTONE_KINDS = ("feature_shipped", "certification_obtained")


def task_for_opportunity(
    session: Session, opp: Opportunity, *, kind: str, title: str, due_on: date, now: datetime
) -> Task:
    """A follow-up on a deal, owned by its owner (or the account's contact's task owner)."""
    contact_id = opp.contact_id
    if contact_id is None:
        from salesops.accounts.models import Contact

        contact_id = session.scalar(
            select(Contact.id).where(Contact.account_id == opp.account_id).limit(1)
        )
    if contact_id is None:
        raise ValidationFailed(
            f"opportunity {opp.id} has no contact to follow up with", field="contact_id"
        )
    return create_follow_up_task(
        session,
        kind=kind,
        title=f"{title} — {opp.name}",
        account_id=opp.account_id,
        contact_id=contact_id,
        owner_id=opp.owner_id,
        lead_source=opp.lead_source or "Manual",
        due_on=due_on,
        now=now,
        opportunity_id=opp.id,
    )


def add_plan(
    session: Session,
    opp: Opportunity,
    *,
    kind: str,
    title: str,
    now: datetime,
    next_on: date | None = None,
    every_months: int | None = None,
    waiting_for: str | None = None,
    task_kind: str = "follow_up",
) -> FollowUpPlan:
    plan = FollowUpPlan(
        opportunity_id=opp.id,
        task_kind=task_kind,
        kind=kind,
        title=title,
        every_months=every_months,
        waiting_for=waiting_for,
        next_on=next_on,
        active=True,
        created_at=now,
    )
    session.add(plan)
    session.flush()
    return plan


def cancel_plans(session: Session, opp: Opportunity, now: datetime) -> None:
    """A reopened deal no longer waits on its closed-lost follow-ups (Q-8)."""
    session.execute(
        update(FollowUpPlan)
        .where(FollowUpPlan.opportunity_id == opp.id, FollowUpPlan.active.is_(True))
        .values(active=False, resolved_at=now)
    )


def _run_plan(session: Session, plan: FollowUpPlan, now: datetime) -> Task | None:
    """Turn one due plan into a task; recurring plans move to their next date."""
    today = now.date()
    if plan.next_on is None or plan.next_on > today:
        return None
    due = plan.next_on
    if plan.every_months:
        nxt = due
        while nxt <= today:
            nxt = add_months(nxt, plan.every_months)
        values: dict[str, object] = {"next_on": nxt}
    else:
        values = {"active": False, "resolved_at": now}
    claimed = session.execute(
        update(FollowUpPlan)
        .where(FollowUpPlan.id == plan.id, FollowUpPlan.next_on == due, FollowUpPlan.active)
        .values(**values)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None  # another worker ran it
    opp = session.get(Opportunity, plan.opportunity_id)
    if opp is None:
        return None
    return task_for_opportunity(
        session, opp, kind=plan.task_kind, title=plan.title, due_on=due, now=now
    )


def make_due(session: Session, now: datetime) -> dict[str, int]:
    """The worker's pass: Scheduled follow-ups whose date came become Open; due plans → tasks."""
    today = now.date()
    opened = session.execute(
        update(Task)
        .where(Task.kind.in_(FOLLOW_UP_KINDS), Task.status == "Scheduled", Task.due_on <= today)
        .values(status="Open", updated_at=now)
        .execution_options(synchronize_session=False)
    )
    plans = list(
        session.scalars(
            select(FollowUpPlan)
            .where(FollowUpPlan.active.is_(True), FollowUpPlan.next_on <= today)
            .order_by(FollowUpPlan.id)
            .limit(1000)
        )
    )
    created = sum(1 for plan in plans if _run_plan(session, plan, now) is not None)
    return {"opened": int(opened.rowcount or 0), "created": created}  # type: ignore[attr-defined]


def mark_milestone(
    session: Session, actor: User, kind: str, name: str, now: datetime
) -> tuple[Milestone, list[Task]]:
    """Q-8: an admin marks a feature shipped / certification obtained; waiting follow-ups → due."""
    users.require_role(actor, "admin")
    if kind not in MILESTONE_KINDS:
        raise ValidationFailed(f"kind must be one of {', '.join(MILESTONE_KINDS)}", field="kind")
    name = name.strip()
    if not name:
        raise ValidationFailed("name is required", field="name", rule="Q-8")
    # The exact name too: SQLite's lower() folds ASCII only, and (kind, name) is unique.
    milestone = session.scalar(
        select(Milestone)
        .where(
            Milestone.kind == kind,
            or_(Milestone.name == name, func.lower(Milestone.name) == name.lower()),
        )
        .order_by(Milestone.name != name, Milestone.id)
        .limit(1)
    )
    if milestone is None:
        milestone = Milestone(kind=kind, name=name, at=now, actor_id=actor.id)
        session.add(milestone)
        session.flush()
    waiting = list(
        session.scalars(
            select(FollowUpPlan).where(
                FollowUpPlan.kind == kind,
                FollowUpPlan.active.is_(True),
                FollowUpPlan.next_on.is_(None),
                func.lower(FollowUpPlan.waiting_for) == name.lower(),
            )
        )
    )
    tasks: list[Task] = []
    for plan in waiting:
        plan.next_on = now.date()
        session.flush()
        task = _run_plan(session, plan, now)
        if task is not None:
            tasks.append(task)
            record_decision(
                session,
                "follow_up_due",
                task,
                {"milestone": kind, "name": name, "opportunity_id": plan.opportunity_id},
                ["Q-8"],
                f"{name} {'shipped' if kind == 'feature_shipped' else 'obtained'}: follow up",
                actor_id=actor.id,
                owner_id=task.owner_id,
                at=now,
            )
    return milestone, tasks


def milestone_reached(session: Session, kind: str, name: str) -> bool:
    return (
        session.scalar(
            select(Milestone.id).where(
                Milestone.kind == kind, func.lower(Milestone.name) == name.strip().lower()
            )
        )
        is not None
    )


def complete(session: Session, actor: User, task: Task, now: datetime) -> Task:
    """The owner did the follow-up or check-in: it leaves their queue."""
    users.require_can_edit_owned(actor, task.owner_id)
    if task.kind not in FOLLOW_UP_KINDS:
        raise InvalidTransition(
            "only follow-up and check-in tasks are completed; lead tasks convert or disqualify",
            field="kind",
            rule="L-1",
        )
    if task.status == "Done":
        return task
    task.status = "Done"
    task.closed_at = now
    task.updated_at = now
    task.last_touched_at = now
    if task.first_touched_at is None:
        task.first_touched_at = now
    session.flush()
    return task
