"""The pipeline board's column totals and the forecast page's cells from the deal rollups
(issue 17, fourth pass): a few hundred rollup rows (``report_deal_counts``, issue 18)
instead of a GROUP BY over every deal (50,000: ~30–50 ms of PostgreSQL CPU a page).
While the rollups do not hold every write (``deals.rollup_usable``), the raw queries
answer — ``opportunities.board.column_totals`` and ``opportunities.forecast.forecast``,
which stay the definitions these must equal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from salesops.opportunities import board
from salesops.opportunities import forecast as raw_forecast
from salesops.opportunities.forecast import Quarter, quarter_of
from salesops.playbook.runtime import playbook_of
from salesops.reports import deals
from salesops.reports.common import Filters, Scope

EVERYTHING = Scope(everything=True)


def column_totals(
    session: Session, pipeline: str, owner_id: int | None = None
) -> dict[str, board.Totals]:
    """Per stage of ``pipeline`` (``owner_id``'s deals only, when given): deals, ARR and
    ARR × probability (V-2), as ``board.column_totals`` counts them."""
    if not deals.rollup_usable(session):
        return board.column_totals(session, pipeline, owner_id)
    rows = deals.rollup_sums(
        session, None, Filters(owner_id=owner_id), EVERYTHING, ["pipeline", "stage"]
    )
    return {
        r.stage: board.Totals(int(r.n), _dec(r.arr), _dec(r.weighted) / 100)
        for r in rows
        if r.pipeline == pipeline
    }


def forecast(session: Session, quarters: list[Quarter]) -> dict[str, Any]:
    """V-1: per quarter, category and owner, the ARR and the count of the deals closing
    in ``quarters`` (``opportunities.forecast.forecast``'s answer)."""
    if not deals.rollup_usable(session):
        return raw_forecast.forecast(session, quarters)
    pb = playbook_of(session)
    default = pb.opportunities.default_forecast_category
    rows = deals.rollup_sums(
        session, None, Filters(), EVERYTHING, ["month", "category", "owner_id"],
        (quarters[0].start, quarters[-1].end),
    )  # fmt: skip
    cells: dict[tuple[str, str, int | None], list[Any]] = {}
    for r in rows:
        key = (quarter_of(r.month).label, r.category or default, r.owner_id or None)
        cell = cells.setdefault(key, [Decimal("0"), 0])
        cell[0] += _dec(r.arr)
        cell[1] += int(r.n)
    return {
        "categories": [c.name for c in pb.opportunities.forecast_categories],
        "quarters": [q.label for q in quarters],
        "cells": cells,
    }


def _dec(value: Any) -> Decimal:
    return Decimal(str(value or 0))
