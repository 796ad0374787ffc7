"""V-6 Revenue: MRR per month and its movements (new, expansion, contraction, churn), and
net revenue retention (NRR), from the account MRR history (``account_mrr_changes``).

An account's MRR at the start of a day is its latest change effective before that day.
Month boundaries are a small derived table; a window function picks each account's
value at each boundary; one GROUP BY turns (start, end) pairs into the movements.

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
from typing import Any

from sqlalchemy import Date, Integer, case, cast, func, literal, select, union_all
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, MrrChange
from salesops.reports.common import Filters, Result, Scope, dialect, money, number, rate

COLUMNS = ["month", "mrr", "new", "expansion", "contraction", "churned", "nrr"]


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


def _values(session: Session, bounds: list[date], filters: Filters, scope: Scope) -> Any:
    """(i, account_id, mrr): each account's MRR at the start of ``bounds[i]``."""
    pg = dialect(session) == "postgresql"  # SQLite: CAST(... AS DATE) would make a number
    table = union_all(
        *(
            select(
                literal(i, Integer).label("i"),
                (cast(literal(day, Date), Date) if pg else literal(day, Date)).label("d"),
            )
            for i, day in enumerate(bounds)
        )
    ).subquery("bounds")
    ranked = (
        select(
            table.c.i,
            MrrChange.account_id,
            MrrChange.mrr_after.label("mrr"),
            func.row_number()
            .over(
                partition_by=(table.c.i, MrrChange.account_id),
                order_by=(MrrChange.effective_on.desc(), MrrChange.id.desc()),
            )
            .label("rn"),
        )
        .select_from(table)
        .join(MrrChange, MrrChange.effective_on < table.c.d)
    )
    if filters.owner_id is not None or filters.territory or not scope.everything:
        ranked = ranked.join(Account, Account.id == MrrChange.account_id)
        if filters.owner_id is not None:
            ranked = ranked.where(Account.owner_id == filters.owner_id)
        if filters.territory:
            ranked = ranked.where(Account.territory == filters.territory)
        clause = scope.clause(Account.owner_id, Account.territory)
        if clause is not None:
            ranked = ranked.where(clause)
    sub = ranked.subquery("ranked")
    return select(sub.c.i, sub.c.account_id, sub.c.mrr).where(sub.c.rn == 1).subquery("val")


def revenue(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-6: MRR, new, expansion, contraction, churned and NRR per month of the period."""
    start, end = default_period(now.date())
    filters = filters.with_period(start, end)
    assert filters.start and filters.end
    bounds = month_starts(filters.start, filters.end)
    n = len(bounds) - 1
    val = _values(session, bounds, filters, scope)
    zero = literal(0)
    sides = union_all(
        select(val.c.i.label("m"), val.c.account_id, val.c.mrr.label("s"), zero.label("e")),
        select((val.c.i - 1).label("m"), val.c.account_id, zero.label("s"), val.c.mrr.label("e")),
    ).subquery("sides")
    pairs = (
        select(
            sides.c.m,
            sides.c.account_id,
            func.sum(sides.c.s).label("s"),
            func.sum(sides.c.e).label("e"),
        )
        .where(sides.c.m >= 0, sides.c.m < n)
        .group_by(sides.c.m, sides.c.account_id)
        .subquery("pairs")
    )
    s, e = pairs.c.s, pairs.c.e
    query = select(
        pairs.c.m,
        func.sum(s).label("start"),
        func.sum(e).label("mrr"),
        func.sum(case(((s == 0) & (e > 0), e), else_=0)).label("new"),
        func.sum(case(((s > 0) & (e > s), e - s), else_=0)).label("expansion"),
        func.sum(case(((s > 0) & (e > 0) & (e < s), s - e), else_=0)).label("contraction"),
        func.sum(case(((s > 0) & (e == 0), s), else_=0)).label("churned"),
    ).group_by(pairs.c.m)
    found = {r.m: r for r in session.execute(query)}
    rows = []
    for m in range(n):  # one row per month of the period (not per record)
        r = found.get(m)
        start_mrr = money(r.start if r else 0)
        expansion = money(r.expansion if r else 0)
        contraction = money(r.contraction if r else 0)
        churned = money(r.churned if r else 0)
        kept = start_mrr + expansion - contraction - churned
        rows.append(
            {
                "month": bounds[m].strftime("%Y-%m"),
                "start_mrr": start_mrr,
                "mrr": money(r.mrr if r else 0),
                "new": money(r.new if r else 0),
                "expansion": expansion,
                "contraction": contraction,
                "churned": churned,
                "nrr": number(rate(kept, start_mrr)),
            }
        )
    cohort = select(
        func.sum(case((val.c.i == 0, val.c.mrr), else_=0)).label("start"),
        func.sum(case((val.c.i == n, val.c.mrr), else_=0)).label("end"),
    ).where(val.c.account_id.in_(select(val.c.account_id).where(val.c.i == 0, val.c.mrr > 0)))
    c = session.execute(cohort).one()
    totals = {
        "start_mrr": rows[0]["start_mrr"] if rows else money(0),
        "mrr": rows[-1]["mrr"] if rows else money(0),
        "new": money(sum(r["new"] for r in rows)),
        "expansion": money(sum(r["expansion"] for r in rows)),
        "contraction": money(sum(r["contraction"] for r in rows)),
        "churned": money(sum(r["churned"] for r in rows)),
        "nrr": number(rate(c.end, c.start)),
    }
    return Result(COLUMNS, rows, totals, now, extra={"from": filters.start, "to": filters.end})
