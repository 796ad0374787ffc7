"""V-3 funnel and V-5 speed to lead read from the rollups (``rollup_models``; issue 18).

What they read is bounded by the period's days and months, not by its lead tasks: the
counts come from ``report_lead_counts`` (whole months of the period from the month rows,
the days at either end from the day rows); each median is exact — the wait histograms
give how many values lie below each bin, so the middle value(s) are the k-th value of one
bin, read from ``report_lead_facts`` through an index on (group, bin, day, value).
Same numbers as the raw queries in ``leads`` (the tests compare both on every path).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from salesops.playbook.runtime import playbook_of
from salesops.reports import rollups
from salesops.reports.common import Filters, Result, Scope, number, owner_label, rate
from salesops.reports.rollup_models import LeadCount, LeadFact
from salesops.users.models import User

DAY = 86400.0
ALL = "*"
VALUES = {  # histogram measure: (value column, bin column) of the facts
    "touch": (LeadFact.touch_s, LeadFact.touch_bin),
    "to_opp": (LeadFact.opp_s, LeadFact.opp_bin),
    "to_won": (LeadFact.won_s, LeadFact.won_bin),
}


def usable(session: Session) -> bool:
    """The rollups hold every write (no marked change waits for its commit hook)."""
    return not rollups.pending(session.connection())


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_clause(filters: Filters) -> ColumnElement[bool]:
    """The count rows that cover the period exactly: whole months by month rows, the rest
    of it by day rows."""
    c = LeadCount
    start, end = filters.start, filters.end
    first = None if start is None else (start if start.day == 1 else _next_month(start))
    after = None if end is None else _month_start(end + timedelta(days=1))
    if first is not None and after is not None and first >= after:  # no whole month
        assert start is not None and end is not None
        return and_(c.span == "d", c.start >= start, c.start <= end)
    months = [c.span == "m"]
    parts = []
    if first is not None:
        months.append(c.start >= first)
        assert start is not None
        parts.append(and_(c.span == "d", c.start >= start, c.start < first))
    if after is not None:
        months.append(c.start < after)
        assert end is not None
        parts.append(and_(c.span == "d", c.start >= after, c.start <= end))
    return or_(and_(*months), *parts)


def filter_clauses(table: Any, filters: Filters, scope: Scope) -> list[Any]:
    """Owner, territory and lead source filters and the U-2 scope on facts or counts."""
    parts: list[Any] = []
    if filters.owner_id is not None:
        parts.append(table.owner_id == filters.owner_id)
    if filters.territory:
        parts.append(table.territory == filters.territory)
    if filters.lead_source:
        parts.append(table.lead_source == filters.lead_source)
    clause = scope.clause(table.owner_id, table.territory)
    if clause is not None:
        parts.append(clause)
    return parts


def counts(
    session: Session, filters: Filters, scope: Scope, group: str, measures: list[str]
) -> dict[Any, dict[tuple[str, str], int]]:
    """{group value: {(measure, label): count}} over the period."""
    c = LeadCount
    key = getattr(c, group)
    query = (
        select(key, c.measure, c.label, func.sum(c.n))
        .where(c.measure.in_(measures), period_clause(filters), *filter_clauses(c, filters, scope))
        .group_by(key, c.measure, c.label)
    )
    out: dict[Any, dict[tuple[str, str], int]] = {}
    for g, measure, label, n in session.execute(query):
        out.setdefault(g, {})[(measure, label)] = int(n)
    return out


def _rank(bins: list[tuple[int, int]], k: int) -> tuple[int, int]:
    """(bin, 0-based offset in it) of the k-th (1-based) value of a sorted histogram."""
    below = 0
    for b, n in bins:
        if k <= below + n:
            return b, k - below - 1
        below += n
    raise AssertionError("rank beyond the histogram")


def medians(
    session: Session, filters: Filters, scope: Scope, measure: str, group: str
) -> dict[Any, float]:
    """Exact medians (in seconds) of a wait per ``group`` value and over all (``ALL``)."""
    c, f = LeadCount, LeadFact
    key = getattr(c, group)
    hist: dict[Any, dict[int, int]] = {}
    for g, b, n in session.execute(
        select(key, c.bin, func.sum(c.n))
        .where(c.measure == measure, period_clause(filters), *filter_clauses(c, filters, scope))
        .group_by(key, c.bin)
    ):
        for k in (g, ALL):
            hist.setdefault(k, {})
            hist[k][b] = hist[k].get(b, 0) + int(n)
    value, bin_col = VALUES[measure]
    common = filter_clauses(f, filters, scope)
    if filters.start:
        common.append(f.day >= filters.start)
    if filters.end:
        common.append(f.day <= filters.end)
    parts = []
    for i, (g, per_bin) in enumerate(hist.items()):
        bins = sorted(per_bin.items())
        total = sum(n for _, n in bins)
        if total == 0:
            continue
        wanted: dict[int, list[int]] = {}  # bin: offsets of the middle value(s)
        for k in sorted({(total + 1) // 2, (total + 2) // 2}):
            b, offset = _rank(bins, k)
            wanted.setdefault(b, []).append(offset)
        for b, offsets in wanted.items():
            where = [bin_col == b, *common]
            if g != ALL:
                where.append(getattr(f, group) == g)
            inner = (
                select(literal(i).label("g"), value.label("v"))
                .where(*where)
                .order_by(value)
                .limit(len(offsets))
                .offset(offsets[0])
                .subquery()
            )
            parts.append(select(inner.c.g, inner.c.v))
    if not parts:
        return {}
    keys = list(hist)
    found: dict[Any, list[float]] = {}
    for g, v in session.execute(union_all(*parts)):
        found.setdefault(keys[g], []).append(float(v))
    return {k: sum(vs) / len(vs) for k, vs in found.items()}


def funnel(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-3 from the rollups (``leads.funnel`` answers the same from the raw rows)."""
    from salesops.reports.leads import funnel_result

    found = counts(session, filters, scope, "lead_source", ["tasks", "opps", "won"])
    to_opp = medians(session, filters, scope, "to_opp", "lead_source")
    to_won = medians(session, filters, scope, "to_won", "lead_source")
    rows: list[dict[str, Any]] = []
    for source, n in found.items():
        tasks, opps, won = (n.get((m, ""), 0) for m in ("tasks", "opps", "won"))
        if not tasks:
            continue
        rows.append(
            {
                "lead_source": source,
                "tasks": tasks,
                "opportunities": opps,
                "won": won,
                "task_to_opportunity_rate": number(rate(opps, tasks)),
                "opportunity_to_won_rate": number(rate(won, opps)),
                "median_days_to_opportunity": _days(to_opp.get(source)),
                "median_days_to_won": _days(to_won.get(source)),
            }
        )
    return funnel_result(rows, _days(to_opp.get(ALL)), _days(to_won.get(ALL)), now)


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / DAY


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 3600.0


def speed_to_lead(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-5 from the rollups (``leads.speed_to_lead`` answers the same from the raw rows)."""
    from salesops.reports.leads import speed_result

    autoclose = playbook_of(session).stale.autoclose_reason
    rows: list[dict[str, Any]] = []
    found = counts(session, filters, scope, "owner_id", ["tasks", "within", "reassigned", "reason"])
    waits = medians(session, filters, scope, "touch", "owner_id")
    ids = [o for o in found if o]
    names: dict[int, str] = {}
    if ids:
        names = {
            i: n for i, n in session.execute(select(User.id, User.name).where(User.id.in_(ids)))
        }
    for owner, n in found.items():
        tasks = n.get(("tasks", ""), 0)
        if not tasks:
            continue
        rows.append(
            {
                "owner_id": owner or None,
                "owner": owner_label(owner, names.get(owner)),
                "tasks": tasks,
                "median_hours_to_first_touch": _hours(waits.get(owner)),
                "share_within_24h": number(rate(n.get(("within", ""), 0), tasks)),
                "reassigned": n.get(("reassigned", ""), 0),
                "autoclosed": n.get(("reason", autoclose), 0),
                "_within": n.get(("within", ""), 0),
            }
        )
    return speed_result(rows, _hours(waits.get(ALL)), now)


def disqualifications(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-4 from the rollups: the ``dq`` counts, kept on the day of the disqualification
    (``leads.disqualifications`` answers the same from the raw rows)."""
    from salesops.reports.leads import disqualification_result

    pb = playbook_of(session)
    category = {r.name: c.name for c in pb.disqualification.categories for r in c.reasons}
    c = LeadCount
    found = session.execute(
        select(c.label, c.lead_source, c.owner_id, func.sum(c.n))
        .where(c.measure == "dq", period_clause(filters), *filter_clauses(c, filters, scope))
        .group_by(c.label, c.lead_source, c.owner_id)
    ).all()
    ids = sorted({o for _, _, o, _ in found if o})
    names: dict[int, str] = {}
    if ids:
        names = {
            i: n for i, n in session.execute(select(User.id, User.name).where(User.id.in_(ids)))
        }
    rows = [
        {
            "category": category.get(reason, "Other"),
            "reason": reason,
            "lead_source": source or None,
            "owner_id": owner or None,
            "owner": owner_label(owner, names.get(owner)),
            "count": int(n),
        }
        for reason, source, owner, n in found
        if n
    ]
    return disqualification_result(session, rows, now)
