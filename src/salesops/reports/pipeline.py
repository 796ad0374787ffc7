"""V-2 Pipeline: per pipeline and stage the count, the ARR and the probability-weighted
ARR (Q-4, Q-5), now or as of a past moment; ``from``/``to`` restrict the close dates.

One GROUP BY over the deals' state (``reports.deals``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesops.playbook.runtime import playbook_of
from salesops.reports import deals
from salesops.reports.common import Filters, Result, Scope, money

COLUMNS = ["pipeline", "stage", "probability", "count", "arr", "weighted_arr"]


def pipeline(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-2: count, sum of ARR and sum of ARR × probability per stage."""
    pb = playbook_of(session)
    close = (filters.start, filters.end_exclusive)
    if deals.rollup_usable(session) and deals.whole_months(*close):
        found = deals.rollup_sums(
            session, filters.as_of, filters, scope, ["pipeline", "stage", "probability"], close
        )
    else:  # the raw deals (or their snapshots): also the definition the rollups must equal
        found = pipeline_raw(session, filters, scope)
    order = {
        (name, stage.name): (pi, si)
        for pi, (name, stages) in enumerate(pb.opportunities.pipelines.items())
        for si, stage in enumerate(stages)
    }
    closed = {
        (name, stage.name)
        for name, stages in pb.opportunities.pipelines.items()
        for stage in stages
        if stage.closed
    }
    rows = [
        {
            "pipeline": r.pipeline,
            "stage": r.stage,
            "probability": int(r.probability),
            "count": int(r.n),
            "arr": money(r.arr),
            "weighted_arr": money(Decimal(r.weighted or 0) / 100),
            "closed": (r.pipeline, r.stage) in closed,
        }
        for r in found
        if r.n
    ]
    rows.sort(key=lambda r: (order.get((r["pipeline"], r["stage"]), (99, 99)), r["probability"]))
    open_rows = [r for r in rows if not r["closed"]]
    totals = {
        "count": sum(r["count"] for r in rows),
        "arr": money(sum(r["arr"] for r in rows)),
        "weighted_arr": money(sum(r["weighted_arr"] for r in rows)),
        "open_count": sum(r["count"] for r in open_rows),
        "open_arr": money(sum(r["arr"] for r in open_rows)),
        "open_weighted_arr": money(sum(r["weighted_arr"] for r in open_rows)),
    }
    return Result(COLUMNS, rows, totals, filters.as_of or now)


def pipeline_raw(session: Session, filters: Filters, scope: Scope) -> list[Any]:
    """Per pipeline, stage and probability: n, arr, weighted (Σ amount × probability)."""
    deal = deals.state_at(filters.as_of)
    query = deals.joined(
        select(
            deal.c.pipeline,
            deal.c.stage,
            deal.c.probability,
            func.count().label("n"),
            func.sum(deal.c.amount).label("arr"),
            func.sum(deal.c.amount * deal.c.probability).label("weighted"),
        ).select_from(deal),
        deal,
    )
    if filters.start:
        query = query.where(deal.c.close_date >= filters.start)
    if filters.end_exclusive:
        query = query.where(deal.c.close_date < filters.end_exclusive)
    query = deals.restrict(query, deal, filters, scope).group_by(
        deal.c.pipeline, deal.c.stage, deal.c.probability
    )
    return list(session.execute(query))
