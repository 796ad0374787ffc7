"""What routing knows about a lead beyond its account and territory (M-3, R-3a).

The open conversation on the lead's account (M-3: one account, one conversation) and
the previous lead from its domain within the playbook's months (R-3a), for one lead
(``link_open_conversation``, ``previous_lead``: intake calls them from above) and for a
batch (``load_batch_facts``: ``routing.batch``). They read and link lead tasks and
opportunities (work), so they sit with routing, above work.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.audit import defer_decision
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.playbook.schema import Playbook
from salesops.routing import rules
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users.models import User


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


# -- a batch's facts (routing.batch) ----------------------------------------------


@dataclass
class AccountFacts:
    """What routing reads of an account (R-2, R-4)."""

    id: int
    owner_id: int | None
    territory: str | None
    country: str | None
    us_state: str | None


@dataclass
class BatchFacts:
    """Everything the chain reads for one batch, loaded with one query per kind."""

    accounts: dict[int, AccountFacts]
    linked: dict[int, Any]  # task id → (status, owner_id)
    opportunity: dict[int, tuple[int, int]]  # account id → (opportunity id, owner)
    previous: dict[int, tuple[int, int]]  # account id → (task id, owner) for R-3a
    users: dict[int, User] = field(default_factory=dict)

    def active(self, user_id: int | None) -> bool:
        user = self.users.get(user_id) if user_id is not None else None
        return user is not None and user.active


def load_batch_facts(
    session: Session, batch: Sequence[Any], now: datetime, pb: Playbook, pg: bool
) -> BatchFacts:
    """The facts of a batch of unassigned leads (``routing.batch``), one query per kind:
    their accounts (locked in id order on PostgreSQL, R-5), linked tasks (M-3), open
    owned opportunities (M-3), previous leads (R-3a) and the users they name."""
    account_ids = sorted({row.account_id for row in batch})
    aq = (
        select(Account.id, Account.owner_id, Account.territory, Account.country, Account.us_state)
        .where(Account.id.in_(account_ids))
        .order_by(Account.id)
    )
    if pg:  # the same lock route_task takes, in id order (no deadlock between batches)
        aq = aq.with_for_update(key_share=True, of=Account)
    accounts = {r.id: AccountFacts(*r) for r in session.execute(aq)}
    linked_ids = sorted({row.linked_task_id for row in batch if row.linked_task_id})
    linked = (
        {
            r.id: r
            for r in session.execute(
                select(Task.id, Task.status, Task.owner_id).where(Task.id.in_(linked_ids))
            )
        }
        if linked_ids
        else {}
    )
    opportunity: dict[int, tuple[int, int]] = {}
    for r in session.execute(
        select(Opportunity.account_id, Opportunity.id, Opportunity.owner_id)
        .where(
            Opportunity.account_id.in_(account_ids),
            Opportunity.is_closed.is_(False),
            Opportunity.owner_id.is_not(None),
        )
        .order_by(Opportunity.id.desc())
    ):
        opportunity.setdefault(r.account_id, (r.id, r.owner_id))
    previous = previous_leads(session, account_ids, now, pb.routing.returning_lead_months)
    facts = BatchFacts(accounts, linked, opportunity, previous)
    user_ids = {a.owner_id for a in accounts.values()} | {r.owner_id for r in linked.values()}
    user_ids |= {o for _, o in opportunity.values()} | {o for _, o in previous.values()}
    user_ids.discard(None)
    if user_ids:
        facts.users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(user_ids)))}
    return facts


def previous_leads(
    session: Session, account_ids: list[int], now: datetime, months: int
) -> dict[int, tuple[int, int]]:
    """R-3a: per account, the latest owned lead within ``months`` (one query over the
    accounts' leads; the owner test is done here so the plan follows the account index)."""
    if months <= 0:
        return {}
    rows = session.execute(
        select(Task.account_id, Task.id, Task.owner_id)
        .where(
            Task.account_id.in_(account_ids),
            Task.kind == "lead",
            Task.created_at >= rules.months_ago(now, months),
        )
        .order_by(Task.account_id, Task.created_at.desc(), Task.id.desc())
    )
    out: dict[int, tuple[int, int]] = {}
    for r in rows:
        if r.owner_id is not None and r.account_id not in out:
            out[r.account_id] = (r.id, r.owner_id)
    return out
