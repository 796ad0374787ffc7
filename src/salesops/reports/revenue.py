"""V-6 Revenue: MRR per month and its movements (new, expansion, contraction, churn), and
net revenue retention (NRR), from the account MRR history (``account_mrr_changes``).

An account's MRR at the start of a day is the sum of its changes effective before that
day (each change is ``mrr_after − mrr_before``, so the sum ends at the account's MRR even
when a change is entered late).

- ``mrr``: total MRR at the end of the month.
- ``new``: MRR of accounts at 0 at the start and above 0 at the end.
- ``expansion`` / ``contraction``: growth / shrinkage of accounts above 0 at both ends.
- ``churned``: start MRR of accounts that ended the month at 0.
- ``nrr`` (row): (start + expansion − contraction − churned) / start of that month.
- ``totals.nrr``: MRR at the end of the window of the accounts paying at its start,
  divided by their MRR at the start.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, MrrChange
from salesops.reports import revenue_rollup
from salesops.reports.common import Filters, Result, Scope, money, number, rate

COLUMNS = ["month", "start_mrr", "mrr", "new", "expansion", "contraction", "churned", "nrr"]


def month_starts(start: date, end: date) -> list[date]:
    """The first days of the months from ``start``'s to ``end``'s, plus the one after."""
    days = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        days.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    days.append(date(year, month, 1))
    return days


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months, this one included."""
    year, month = today.year, today.month - 11
    if month < 1:
        year, month = year - 1, month + 12
    return date(year, month, 1), today


def _scoped(query: Any, filters: Filters, scope: Scope) -> Any:
    """Owner and territory filters and the U-2 scope on a query over ``MrrChange``."""
    if filters.owner_id is None and not filters.territory and scope.everything:
        return query
    query = query.join(Account, Account.id == MrrChange.account_id)
    if filters.owner_id is not None:
        query = query.where(Account.owner_id == filters.owner_id)
    if filters.territory:
        query = query.where(Account.territory == filters.territory)
    clause = scope.clause(Account.owner_id, Account.territory)
    return query if clause is None else query.where(clause)


def revenue(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-6 from the monthly rollups (``revenue_rollup``) when they hold every write, else
    from the raw MRR changes (``revenue_raw``)."""
    if revenue_rollup.pending(session.connection()):
        return revenue_raw(session, filters, scope, now)
    start, end = default_period(now.date())
    filters = filters.with_period(start, end)
    assert filters.start and filters.end
    bounds = month_starts(filters.start, filters.end)
    return revenue_rollup.revenue(session, filters, scope, now, bounds)


def revenue_raw(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-6: MRR, new, expansion, contraction, churned and NRR per month of the period.

    Set-based: each account's MRR before the period (one GROUP BY over the changes before
    it), the net change per account and month inside it (one GROUP BY), and a window sum
    that gives each (account, month) its MRR at the month's start; one more GROUP BY per
    month turns those into the movements. Accounts without a change in a month do not move.
    """
    start, end = default_period(now.date())
    filters = filters.with_period(start, end)
    assert filters.start and filters.end
    bounds = month_starts(filters.start, filters.end)
    n = len(bounds) - 1
    delta = MrrChange.mrr_after - MrrChange.mrr_before
    base = _scoped(
        select(MrrChange.account_id, func.sum(delta).label("base"))
        .where(MrrChange.effective_on < bounds[0])
        .group_by(MrrChange.account_id),
        filters,
        scope,
    ).subquery("base")
    month = case(*((MrrChange.effective_on < bounds[i + 1], i) for i in range(n)), else_=n)
    moves = _scoped(
        select(MrrChange.account_id, month.label("m"), func.sum(delta).label("d"))
        .where(MrrChange.effective_on >= bounds[0], MrrChange.effective_on < bounds[-1])
        .group_by(MrrChange.account_id, month),
        filters,
        scope,
    ).subquery("moves")
    before = func.sum(moves.c.d).over(
        partition_by=moves.c.account_id, order_by=moves.c.m, rows=(None, -1)
    )
    running = (
        select(
            moves.c.account_id,
            moves.c.m,
            moves.c.d,
            (func.coalesce(base.c.base, 0) + func.coalesce(before, 0)).label("s"),
        )
        .select_from(moves)
        .outerjoin(base, base.c.account_id == moves.c.account_id)
        .subquery("running")
    )
    s, d = running.c.s, running.c.d
    e = s + d
    per_month = {
        r.m: r
        for r in session.execute(
            select(
                running.c.m,
                func.sum(d).label("net"),
                func.sum(case(((s <= 0) & (e > 0), e), else_=0)).label("new"),
                func.sum(case(((s > 0) & (e > s), e - s), else_=0)).label("expansion"),
                func.sum(case(((s > 0) & (e > 0) & (e < s), s - e), else_=0)).label("contraction"),
                func.sum(case(((s > 0) & (e <= 0), s), else_=0)).label("churned"),
            ).group_by(running.c.m)
        )
    }
    window = (
        select(moves.c.account_id, func.sum(moves.c.d).label("net"))
        .group_by(moves.c.account_id)
        .subquery("window")
    )
    cohort = session.execute(
        select(
            func.sum(base.c.base).label("total"),
            func.sum(case((base.c.base > 0, base.c.base), else_=0)).label("start"),
            func.sum(
                case((base.c.base > 0, base.c.base + func.coalesce(window.c.net, 0)), else_=0)
            ).label("end"),
        )
        .select_from(base)
        .outerjoin(window, window.c.account_id == base.c.account_id)
    ).one()
    rows = []
    level = money(cohort.total)
    for m in range(n):  # one row per month of the period (not per record)
        r = per_month.get(m)
        start_mrr = level
        level = money(level + Decimal(r.net if r else 0))
        expansion = money(r.expansion if r else 0)
        contraction = money(r.contraction if r else 0)
        churned = money(r.churned if r else 0)
        kept = start_mrr + expansion - contraction - churned
        rows.append(
            {
                "month": bounds[m].strftime("%Y-%m"),
                "start_mrr": start_mrr,
                "mrr": level,
                "new": money(r.new if r else 0),
                "expansion": expansion,
                "contraction": contraction,
                "churned": churned,
                "nrr": number(rate(kept, start_mrr)),
            }
        )
    totals = {
        "start_mrr": rows[0]["start_mrr"] if rows else money(0),
        "mrr": rows[-1]["mrr"] if rows else money(0),
        "new": money(sum(r["new"] for r in rows)),
        "expansion": money(sum(r["expansion"] for r in rows)),
        "contraction": money(sum(r["contraction"] for r in rows)),
        "churned": money(sum(r["churned"] for r in rows)),
        "nrr": number(rate(cohort.end, cohort.start)),
    }
    return Result(COLUMNS, rows, totals, now, extra={"from": filters.start, "to": filters.end})
