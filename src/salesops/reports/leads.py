"""Reports over lead tasks (O-3): V-3 funnel, V-4 disqualifications, V-5 speed to lead.

Set-based: GROUP BY over ``tasks`` (lead tasks only) with conditional counts;
medians by window functions (``common.median``). The period (``from``/``to``,
both days included) is the task's creation day for V-3 and V-5 and the day it
was disqualified (``closed_at``) for V-4.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, case, cast, func, literal, select, union_all
from sqlalchemy.orm import Session

from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.reports import leads_rollup
from salesops.reports.common import (
    Filters,
    Result,
    Scope,
    day_start,
    median,
    number,
    owner_label,
    rate,
    seconds_between,
)
from salesops.tasks.models import Task
from salesops.users.models import User

FUNNEL_COLUMNS = [
    "lead_source",
    "tasks",
    "opportunities",
    "won",
    "task_to_opportunity_rate",
    "opportunity_to_won_rate",
    "median_days_to_opportunity",
    "median_days_to_won",
]
DISQUALIFICATION_COLUMNS = ["category", "reason", "lead_source", "owner_id", "owner", "count"]
SPEED_COLUMNS = [
    "owner_id",
    "owner",
    "tasks",
    "median_hours_to_first_touch",
    "share_within_24h",
    "reassigned",
    "autoclosed",
]
DAY = 86400.0
ALL = "*"  # the key of the median over every group


def with_overall(session: Session, key: Any, value: Any, where: Any) -> dict[Any, float]:
    """Medians of ``value`` per ``key`` and over all rows (key ``ALL``) in one ranked query."""
    per = select(cast(key, String).label("g"), value.label("v"))
    every = select(literal(ALL, String).label("g"), value.label("v"))
    if where is not None:
        per, every = per.where(where), every.where(where)
    found = median(session, union_all(per, every).subquery("vals"), ["g"], "v")
    out: dict[Any, float] = {}
    for k, v in found.items():
        out[k if k == ALL else _typed(k)] = v
    return out


def _typed(key: str) -> Any:
    return int(key) if key.lstrip("-").isdigit() else key


def lead_tasks(query: Any, filters: Filters, scope: Scope, when: Any) -> Any:
    """Lead tasks in the period (by ``when``), filtered and scoped (U-2)."""
    query = query.where(Task.kind == "lead")
    if filters.start:
        query = query.where(when >= day_start(filters.start))
    if filters.end_exclusive:
        query = query.where(when < day_start(filters.end_exclusive))
    if filters.owner_id is not None:
        query = query.where(Task.owner_id == filters.owner_id)
    if filters.territory:
        query = query.where(Task.territory == filters.territory)
    if filters.lead_source:
        query = query.where(Task.lead_source == filters.lead_source)
    clause = scope.clause(Task.owner_id, Task.territory)
    return query if clause is None else query.where(clause)


def funnel(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-3: by lead source, tasks → opportunities → won, the rates and median days between
    — from the rollups (``leads_rollup``) when they hold every write, else the raw rows."""
    if leads_rollup.usable(session):
        return leads_rollup.funnel(session, filters, scope, now)
    return funnel_raw(session, filters, scope, now)


def funnel_raw(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-3 from the lead tasks themselves (the definition the rollups must equal)."""
    counts = lead_tasks(
        select(
            Task.lead_source,
            func.count(Task.id).label("tasks"),
            func.count(Opportunity.id).label("opportunities"),
            func.count(case((Opportunity.is_won.is_(True), Opportunity.id))).label("won"),
        )
        .select_from(Task)
        .outerjoin(Opportunity, Opportunity.id == Task.opportunity_id),
        filters,
        scope,
        Task.created_at,
    ).group_by(Task.lead_source)
    waits = lead_tasks(
        select(
            Task.lead_source.label("lead_source"),
            (seconds_between(session, Opportunity.created_at, Task.created_at) / DAY).label(
                "to_opp"
            ),
            case(
                (
                    Opportunity.is_won.is_(True),
                    seconds_between(session, Opportunity.won_at, Task.created_at) / DAY,
                ),
                else_=literal(None),
            ).label("to_won"),
        )
        .select_from(Task)
        .join(Opportunity, Opportunity.id == Task.opportunity_id),
        filters,
        scope,
        Task.created_at,
    ).cte("waits")
    to_opp = with_overall(session, waits.c.lead_source, waits.c.to_opp, None)
    to_won = with_overall(session, waits.c.lead_source, waits.c.to_won, waits.c.to_won.is_not(None))
    rows = [
        {
            "lead_source": r.lead_source,
            "tasks": int(r.tasks),
            "opportunities": int(r.opportunities),
            "won": int(r.won),
            "task_to_opportunity_rate": number(rate(r.opportunities, r.tasks)),
            "opportunity_to_won_rate": number(rate(r.won, r.opportunities)),
            "median_days_to_opportunity": number(to_opp.get(r.lead_source)),
            "median_days_to_won": number(to_won.get(r.lead_source)),
        }
        for r in session.execute(counts)
    ]
    return funnel_result(rows, number(to_opp.get(ALL)), number(to_won.get(ALL)), now)


def funnel_result(
    rows: list[dict[str, Any]], days_to_opp: Any, days_to_won: Any, now: datetime
) -> Result:
    """V-3's rows in report order and its totals, however the rows were counted (raw
    rows or the rollups); the overall medians come from the caller."""
    rows.sort(key=lambda r: (-r["tasks"], r["lead_source"]))
    tasks = sum(r["tasks"] for r in rows)
    opps = sum(r["opportunities"] for r in rows)
    won = sum(r["won"] for r in rows)
    totals = {
        "tasks": tasks,
        "opportunities": opps,
        "won": won,
        "task_to_opportunity_rate": number(rate(opps, tasks)),
        "opportunity_to_won_rate": number(rate(won, opps)),
        "median_days_to_opportunity": days_to_opp,
        "median_days_to_won": days_to_won,
    }
    return Result(FUNNEL_COLUMNS, rows, totals, now)


def disqualifications(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-4: disqualified lead tasks by category and reason (D-2), lead source and owner —
    from the rollups when they hold every write and the period is bounded, else the raw
    rows."""
    if filters.start and filters.end and leads_rollup.usable(session):
        return leads_rollup.disqualifications(session, filters, scope, now)
    return disqualifications_raw(session, filters, scope, now)


def disqualifications_raw(
    session: Session, filters: Filters, scope: Scope, now: datetime
) -> Result:
    """V-4 from the lead tasks themselves (the definition the rollups must equal)."""
    pb = playbook_of(session)
    mapping = [(r.name, c.name) for c in pb.disqualification.categories for r in c.reasons]
    category = case(
        *((Task.disqualification_reason == reason, cat) for reason, cat in mapping),
        else_=literal("Other"),
    ).label("category")
    query = lead_tasks(
        select(
            category,
            Task.disqualification_reason.label("reason"),
            Task.lead_source,
            Task.owner_id,
            func.max(User.name).label("owner"),
            func.count().label("n"),
        )
        .select_from(Task)
        .outerjoin(User, User.id == Task.owner_id)
        .where(Task.status == "Unqualified", Task.disqualification_reason.is_not(None)),
        filters,
        scope,
        Task.closed_at,
    ).group_by(category, Task.disqualification_reason, Task.lead_source, Task.owner_id)
    rows = [
        {
            "category": r.category,
            "reason": r.reason,
            "lead_source": r.lead_source,
            "owner_id": r.owner_id,
            "owner": owner_label(r.owner_id, r.owner),
            "count": int(r.n),
        }
        for r in session.execute(query)
    ]
    return disqualification_result(session, rows, now)


def disqualification_result(session: Session, rows: list[dict[str, Any]], now: datetime) -> Result:
    """V-4's rows in order, and their totals (raw rows and rollups alike)."""
    pb = playbook_of(session)
    order = {c.name: i for i, c in enumerate(pb.disqualification.categories)}
    rows.sort(
        key=lambda r: (
            order.get(r["category"], 99),
            r["reason"],
            -r["count"],
            r["lead_source"] or "",
            r["owner_id"] or 0,
        )
    )
    by_category: dict[str, int] = {}
    by_reason: dict[str, int] = {}
    for r in rows:
        by_category[r["category"]] = by_category.get(r["category"], 0) + r["count"]
        by_reason[r["reason"]] = by_reason.get(r["reason"], 0) + r["count"]
    totals = {
        "count": sum(r["count"] for r in rows),
        "by_category": by_category,
        "by_reason": by_reason,
    }
    return Result(DISQUALIFICATION_COLUMNS, rows, totals, now)


def speed_to_lead(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-5: per owner, lead tasks, median hours to first touch, share touched within 24 h,
    reassigned (T-1) and auto-closed (T-2) counts — from the rollups when they hold every
    write (``leads_rollup``), else the raw rows."""
    if leads_rollup.usable(session):
        return leads_rollup.speed_to_lead(session, filters, scope, now)
    return speed_to_lead_raw(session, filters, scope, now)


def speed_to_lead_raw(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-5 from the lead tasks themselves (the definition the rollups must equal)."""
    pb = playbook_of(session)
    wait = seconds_between(session, Task.first_touched_at, Task.created_at)
    autoclose = pb.stale.autoclose_reason
    query = lead_tasks(
        select(
            Task.owner_id,
            func.max(User.name).label("owner"),
            func.count().label("tasks"),
            func.count(case((wait <= 24 * 3600, Task.id))).label("within"),
            func.count(case((Task.reassignment_count > 0, Task.id))).label("reassigned"),
            func.count(case((Task.disqualification_reason == autoclose, Task.id))).label(
                "autoclosed"
            ),
        )
        .select_from(Task)
        .outerjoin(User, User.id == Task.owner_id),
        filters,
        scope,
        Task.created_at,
    ).group_by(Task.owner_id)
    hours = lead_tasks(
        select(
            Task.owner_id.label("owner_id"), (wait / 3600.0).label("h"), literal(1).label("k")
        ).where(Task.first_touched_at.is_not(None)),
        filters,
        scope,
        Task.created_at,
    ).cte("hours")
    medians = with_overall(session, func.coalesce(hours.c.owner_id, 0), hours.c.h, None)
    rows = [
        {
            "owner_id": r.owner_id,
            "owner": owner_label(r.owner_id, r.owner),
            "tasks": int(r.tasks),
            "median_hours_to_first_touch": number(medians.get(r.owner_id or 0)),
            "share_within_24h": number(rate(r.within, r.tasks)),
            "reassigned": int(r.reassigned),
            "autoclosed": int(r.autoclosed),
            "_within": int(r.within),
        }
        for r in session.execute(query)
    ]
    return speed_result(rows, number(medians.get(ALL)), now)


def speed_result(rows: list[dict[str, Any]], hours_to_touch: Any, now: datetime) -> Result:
    """V-5's rows in report order and its totals, raw or from the rollups."""
    rows.sort(key=lambda r: (not r["owner_id"], r["owner"], r["owner_id"] or 0))  # Unowned last
    tasks = sum(r["tasks"] for r in rows)
    totals = {
        "tasks": tasks,
        "median_hours_to_first_touch": hours_to_touch,
        "share_within_24h": number(rate(sum(r["_within"] for r in rows), tasks)),
        "reassigned": sum(r["reassigned"] for r in rows),
        "autoclosed": sum(r["autoclosed"] for r in rows),
    }
    return Result(SPEED_COLUMNS, rows, totals, now)
