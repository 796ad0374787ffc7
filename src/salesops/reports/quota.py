"""V-7 Quota retirement: won ARR per owner against their quota (Q-9).

Deals won in the period (``won_at``, days included) count for their owner, except
those marked "Self serve – post engagement" (Q-9): they count for nobody and show
as ``excluded_self_serve_arr``. Quotas come from the playbook (``reports.quotas``:
owner email, period ``YYYY`` / ``YYYY-Qn`` / ``YYYY-MM``, amount); a quota period that
only partly overlaps the report's period counts pro rata by days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.opportunities.forecast import quarter_of
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.playbook.schema_reports import period_range
from salesops.reports.common import (
    Filters,
    Result,
    Scope,
    day_start,
    money,
    number,
    owner_label,
    rate,
)
from salesops.users.models import User

COLUMNS = [
    "owner_id",
    "owner",
    "won_arr",
    "won_count",
    "excluded_self_serve_arr",
    "quota",
    "attainment",
]


def quota_for(quotas: list[tuple[str, Decimal]], start: date, end: date) -> Decimal:
    """The quota for [start, end] (days included) from (period, amount) pairs, pro rata."""
    total = Decimal(0)
    stop = end + timedelta(days=1)
    for period, amount in quotas:
        p_start, p_end = period_range(period)
        overlap = (min(stop, p_end) - max(start, p_start)).days
        if overlap > 0:
            total += Decimal(amount) * overlap / (p_end - p_start).days
    return total


def quota(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-7: per owner, won ARR (without Q-9 self-serve), won count, the excluded ARR,
    the quota and the attainment (won ARR / quota)."""
    this_q = quarter_of(now.date())
    filters = filters.with_period(this_q.start, this_q.end - timedelta(days=1))
    assert filters.start and filters.end and filters.end_exclusive
    excluded = Opportunity.self_serve_post_engagement.is_(True)
    query = (
        select(
            Opportunity.owner_id,
            func.sum(case((excluded, 0), else_=Opportunity.amount)).label("won_arr"),
            func.count(case((excluded, None), else_=Opportunity.id)).label("won_count"),
            func.sum(case((excluded, Opportunity.amount), else_=0)).label("excluded"),
        )
        .join(Account, Account.id == Opportunity.account_id)
        .where(
            Opportunity.is_won.is_(True),
            Opportunity.won_at >= day_start(filters.start),
            Opportunity.won_at < day_start(filters.end_exclusive),
        )
        .group_by(Opportunity.owner_id)
    )
    if filters.owner_id is not None:
        query = query.where(Opportunity.owner_id == filters.owner_id)
    if filters.territory:
        query = query.where(Account.territory == filters.territory)
    if filters.lead_source:
        query = query.where(Opportunity.lead_source == filters.lead_source)
    clause = scope.clause(Opportunity.owner_id, Account.territory)
    if clause is not None:
        query = query.where(clause)
    won = {r.owner_id: r for r in session.execute(query)}
    by_email: dict[str, list[tuple[str, Decimal]]] = {}
    for q in playbook_of(session).reports.quotas:
        by_email.setdefault(q.owner, []).append((q.period, Decimal(str(q.amount))))
    users = {
        u.id: u
        for u in session.scalars(
            select(User).where(
                (User.id.in_([k for k in won if k is not None]))
                | (func.lower(User.email).in_(list(by_email)))
            )
        )
    }
    owners = set(won)
    for uid, person in users.items():
        if person.email.lower() in by_email and (
            filters.owner_id in (None, uid) and (scope.everything or scope.user_id == uid)
        ):
            owners.add(uid)
    rows = []
    for uid in owners:  # one row per owner
        r = won.get(uid)
        user = users.get(uid) if uid is not None else None
        target = (
            quota_for(by_email.get(user.email.lower(), []), filters.start, filters.end)
            if user
            else Decimal(0)
        )
        won_arr = money(r.won_arr if r else 0)
        rows.append(
            {
                "owner_id": uid,
                "owner": owner_label(uid, user.name if user else None),
                "won_arr": won_arr,
                "won_count": int(r.won_count) if r else 0,
                "excluded_self_serve_arr": money(r.excluded if r else 0),
                "quota": money(target) if user else None,
                "attainment": number(rate(won_arr, target)) if user else None,
            }
        )
    rows.sort(key=lambda r: (r["owner_id"] is None, r["owner"], r["owner_id"] or 0))
    won_arr = money(sum(r["won_arr"] for r in rows))
    quota_total = money(sum(r["quota"] or 0 for r in rows))
    totals = {
        "won_arr": won_arr,
        "won_count": sum(r["won_count"] for r in rows),
        "excluded_self_serve_arr": money(sum(r["excluded_self_serve_arr"] for r in rows)),
        "quota": quota_total,
        "attainment": number(rate(won_arr, quota_total)),
    }
    return Result(COLUMNS, rows, totals, now, extra={"from": filters.start, "to": filters.end})
