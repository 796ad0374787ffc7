"""What routing knows about a lead beyond its account and territory (M-3, R-3a).

The open conversation on the lead's account (M-3: one account, one conversation) and
the previous lead from its domain within the playbook's months (R-3a). They read and
link lead tasks and opportunities (work), so they sit with routing, above work; the
new-lead intake calls ``link_open_conversation`` and ``previous_lead`` from above.
"""

from __future__ import annotations

import calendar
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.audit import defer_decision
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import OPEN_STATUSES, Task


def open_conversation(session: Session, task: Task) -> tuple[Task | None, Opportunity | None]:
    """M-3: the account's open lead task created before this one (owned first, oldest
    first) or its open opportunity."""
    other = session.scalar(
        select(Task)
        .where(
            Task.account_id == task.account_id,
            Task.id < task.id,  # earlier tasks: a batch's later leads are not there yet
            Task.kind == "lead",
            Task.status.in_(OPEN_STATUSES),
        )
        .order_by(Task.owner_id.is_(None), Task.id)
        .limit(1)
    )
    if other is not None:
        return other, None
    opp = session.scalar(
        select(Opportunity)
        .where(Opportunity.account_id == task.account_id, Opportunity.is_closed.is_(False))
        .order_by(Opportunity.id)
        .limit(1)
    )
    if opp is None:
        return None, None
    converted = session.scalar(
        select(Task).where(Task.opportunity_id == opp.id).order_by(Task.id).limit(1)
    )
    return converted, opp


def link_open_conversation(session: Session, task: Task, now: datetime) -> bool:
    """M-3: one account, one conversation. A new task on an account with an open task or
    open opportunity is linked to it and goes to the same owner. Returns whether linked."""
    other, opp = open_conversation(session, task)
    if other is None and opp is None:
        return False
    root = other.linked_task_id or other.id if other is not None else None
    owner_id = opp.owner_id if opp is not None else (other.owner_id if other else None)
    task.linked_task_id = root
    if owner_id is not None and task.owner_id is None:
        task.owner_id = owner_id
        task.assigned_at = now
        task.stale_anchor_at = now  # T-1/T-2: its stale clock starts like any assigned task's
    what = f"open opportunity {opp.id}" if opp is not None else f"open task {root}"
    defer_decision(
        session,
        "link",
        task,
        {"account_id": task.account_id, "open_task_id": root, "opportunity_id": opp and opp.id},
        ["M-3"],
        f"account {task.account_id} already has {what}: linked"
        + (f" and given to its owner {owner_id}" if owner_id else " (no owner yet)"),
        outcome={"linked_task_id": root, "owner_id": owner_id},
        owner_id=owner_id,
        territory=task.territory,
        at=now,
    )
    session.flush()
    return True


def previous_lead(session: Session, task: Task, now: datetime) -> Task | None:
    """R-3a input: the account's most recent earlier lead task created within the playbook's
    ``routing.returning_lead_months`` (domain accounts only; personal accounts never match)."""
    months = playbook_of(session).routing.returning_lead_months
    if months <= 0:
        return None
    since = _months_before(now, months)
    return session.scalar(
        select(Task)
        .join(Account, Account.id == Task.account_id)
        .where(
            Task.account_id == task.account_id,
            Task.id < task.id,  # earlier tasks: a batch's later leads are not there yet
            Task.kind == "lead",
            Task.created_at >= since,
            Account.domain.is_not(None),
        )
        .order_by(Task.created_at.desc(), Task.id.desc())
        .limit(1)
    )


def _months_before(now: datetime, months: int) -> datetime:
    month = now.month - months
    year = now.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(now.day, calendar.monthrange(year, month)[1])
    return now.replace(year=year, month=month, day=day)
