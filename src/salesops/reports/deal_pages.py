"""The pipeline board's column totals from the deal rollups
(issue 17, fourth pass): a few hundred rollup rows (``report_deal_counts``, issue 18)
instead of a GROUP BY over every deal (50,000: ~30–50 ms of PostgreSQL CPU a page).
While the rollups do not hold every write (``deals.rollup_usable``), the raw queries
answer — ``opportunities.board.column_totals``, which stays the definition these must
equal. (The forecast page reads the V-1 report, ``reports.forecast``.)"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from salesops.opportunities import board
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


def _dec(value: Any) -> Decimal:
    return Decimal(str(value or 0))
