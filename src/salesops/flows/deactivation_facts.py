"""The R-7 plan's facts, set-based: a leaving user's accounts and what routing reads of them.

One query per kind over every account the user owns or has open work on (never one per
account): the user's open tasks and open deals counted per account (with the sum of
their ids, so the plan's digest changes when the work does), the accounts themselves,
the oldest open lead task someone else owns (M-3), the newest open owned deal (M-3)
and the latest owned lead within ``returning_lead_months`` (R-3a). The accounts'
ids travel as one array parameter on PostgreSQL. The rotations are
read once per territory (``Rotations``), their counts moved in memory as the plan
takes slots (R-3), so the plan is one pass over the accounts in id order (R-5).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ARRAY, Integer, and_, any_, func, literal, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.opportunities.models import Opportunity
from salesops.routing import rules
from salesops.routing.rotations import RotationLookup
from salesops.tasks.models import LIVE_STATUSES, OPEN_STATUSES, Task


@dataclass
class AccountWork:
    """One account of the leaving user: what routing reads and what moves with it."""

    id: int
    name: str
    owner_id: int | None
    territory: str | None
    country: str | None
    us_state: str | None
    domain: str | None
    tasks: int = 0  # the user's open tasks on it
    task_ids: int = 0  # their ids' sum (the digest)
    deals: int = 0
    deal_ids: int = 0
    linked: tuple[int, int | None] | None = None  # M-3: another owner's open lead task
    opportunity: tuple[int, int | None] | None = None  # M-3: the newest open owned deal
    previous: rules.PreviousLead | None = None  # R-3a


def user_tasks(user_id: int) -> Any:
    return and_(Task.owner_id == user_id, Task.status.in_(LIVE_STATUSES))


def user_deals(user_id: int) -> Any:
    return and_(Opportunity.owner_id == user_id, Opportunity.is_closed.is_(False))


def _chunks(session: Session, column: Any, ids: list[int]) -> Iterator[Any]:
    """``column IN ids`` as few conditions as the backend takes: one array parameter on
    PostgreSQL (no 10,000-parameter statement to parse), lists of 5,000 on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        yield column == any_(literal(ids, ARRAY(Integer)))
        return
    for i in range(0, len(ids), 5000):
        yield column.in_(ids[i : i + 5000])


def load(session: Session, user_id: int, now: datetime, months: int) -> list[AccountWork]:
    """Every account the user owns or has open tasks or open deals on, with its facts, in
    id order (R-5's lock order). The user's work per account comes from the owner's
    index alone (``ix_tasks_owner_work``); the rest is looked up by account id. Core rows
    (no ORM loading): 10,000 accounts' facts are plain tuples."""
    db = session.connection()
    tasks = {
        int(r[0]): (int(r[1]), int(r[2] or 0))
        for r in db.execute(
            select(Task.account_id, func.count(), func.sum(Task.id))
            .where(user_tasks(user_id))
            .group_by(Task.account_id)
        ).all()
    }
    deals = {
        int(r[0]): (int(r[1]), int(r[2] or 0))
        for r in db.execute(
            select(Opportunity.account_id, func.count(), func.sum(Opportunity.id))
            .where(user_deals(user_id))
            .group_by(Opportunity.account_id)
        ).all()
    }
    owned = set(db.scalars(select(Account.id).where(Account.owner_id == user_id)))
    ids = sorted(owned | set(tasks) | set(deals))
    out: dict[int, AccountWork] = {}
    if not ids:
        return []
    for cond in _chunks(session, Account.id, ids):
        for r in db.execute(
            select(
                Account.id,
                Account.name,
                Account.owner_id,
                Account.territory,
                Account.country,
                Account.us_state,
                Account.domain,
            ).where(cond)
        ).all():
            work = out[r.id] = AccountWork(*r)
            work.tasks, work.task_ids = tasks.get(r.id, (0, 0))
            work.deals, work.deal_ids = deals.get(r.id, (0, 0))
    for cond in _chunks(session, Task.account_id, ids):
        # M-3: the account's oldest open lead task another user owns (the conversation)
        first = (
            select(Task.account_id, func.min(Task.id).label("id"))
            .where(
                cond,
                Task.status.in_(OPEN_STATUSES),
                Task.kind == "lead",
                Task.owner_id.is_not(None),
                Task.owner_id != user_id,
            )
            .group_by(Task.account_id)
            .subquery()
        )
        for t in db.execute(
            select(Task.account_id, Task.id, Task.owner_id).join(first, first.c.id == Task.id)
        ).all():
            out[t.account_id].linked = (t.id, t.owner_id)
        if months > 0:
            _previous(session, cond, out, now, months)
    for cond in _chunks(session, Opportunity.account_id, ids):
        # M-3: the newest open owned deal (the leaving user's own is skipped: not active)
        newest = (
            select(Opportunity.account_id, func.max(Opportunity.id).label("id"))
            .where(cond, Opportunity.is_closed.is_(False), Opportunity.owner_id.is_not(None))
            .group_by(Opportunity.account_id)
            .subquery()
        )
        for o in db.execute(
            select(Opportunity.account_id, Opportunity.id, Opportunity.owner_id).join(
                newest, newest.c.id == Opportunity.id
            )
        ).all():
            out[o.account_id].opportunity = (o.id, o.owner_id)
    return [out[k] for k in ids if k in out]


def _previous(
    session: Session, cond: Any, out: dict[int, AccountWork], now: datetime, months: int
) -> None:
    """R-3a (``routing.facts.previous_leads``' rule, for many accounts at once): the latest
    owned lead task created within ``months``, on domain accounts."""
    ranked = (
        select(
            Task.account_id,
            Task.id,
            Task.owner_id,
            Task.created_at,
            func.row_number()
            .over(partition_by=Task.account_id, order_by=(Task.created_at.desc(), Task.id.desc()))
            .label("n"),
        )
        .where(
            cond,
            Task.kind == "lead",
            Task.owner_id.is_not(None),
            Task.created_at >= rules.months_ago(now, months),
        )
        .subquery()
    )
    for r in session.connection().execute(select(ranked).where(ranked.c.n == literal(1))).all():
        work = out.get(r.account_id)
        if work is not None and work.domain is not None:
            work.previous = rules.PreviousLead(r.id, r.owner_id, r.created_at)


class Rotations(Mapping[str, rules.RotationFacts]):
    """``RouteFacts.rotations`` for a plan over many accounts: each territory's rotation
    read once (through ``RotationLookup``: locked when applying, R-5), then its counts and
    position moved here as the plan takes slots (R-3) — the same picks one look-up per
    account would make, without re-reading the members for every account."""

    def __init__(self, inner: RotationLookup) -> None:
        self._inner = inner
        self._seen: dict[str, rules.RotationFacts] = {}

    def __getitem__(self, name: str) -> rules.RotationFacts:
        if name not in self._seen:
            self._seen[name] = self._inner[name]
        return self._seen[name]

    def take(self, name: str, member_id: int) -> None:
        self._inner.take(name, member_id)  # the real slot when applying
        cands = list(self[name].candidates)
        i = next(i for i, c in enumerate(cands) if c.member_id == member_id)
        cands[i] = replace(cands[i], assigned_count=cands[i].assigned_count + 1)
        self._seen[name] = rules.RotationFacts(name, cands, member_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._seen)

    def __len__(self) -> int:
        return len(self._seen)
