"""The forecast read model (V-1, Q-6, Q-7): ARR and count by close-date quarter × category × owner.

One GROUP BY over ``ix_opportunities_close_date``; the web page draws it with the
vendored Chart.js. "As of a past moment", movements and filters: ``reports.forecast``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def start(self) -> date:
        return date(self.year, 3 * (self.number - 1) + 1, 1)

    @property
    def end(self) -> date:
        """Exclusive."""
        return self.next().start

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}"


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def forecast(session: Session, quarters: list[Quarter]) -> dict[str, Any]:
    """V-1: per quarter, category and owner, the sum of ARR and the count (omits none)."""
    pb = playbook_of(session)
    categories = [c.name for c in pb.opportunities.forecast_categories]
    start, end = quarters[0].start, quarters[-1].end
    rows = session.execute(
        select(
            Opportunity.close_date,
            Opportunity.forecast_category,
            Opportunity.owner_id,
            func.sum(Opportunity.amount),
            func.count(),
        )
        .where(Opportunity.close_date >= start, Opportunity.close_date < end)
        .group_by(Opportunity.close_date, Opportunity.forecast_category, Opportunity.owner_id)
    ).all()
    cells: dict[tuple[str, str, int | None], list[Any]] = {}
    for close, category, owner, amount, count in rows:
        if close is None:
            continue
        key = (
            quarter_of(close).label,
            category or pb.opportunities.default_forecast_category,
            owner,
        )
        cell = cells.setdefault(key, [Decimal("0"), 0])
        cell[0] += Decimal(amount or 0)
        cell[1] += int(count)
    return {"categories": categories, "quarters": [q.label for q in quarters], "cells": cells}


def renewals_due(
    session: Session,
    start: date | None,
    end: date,
    limit: int = 100,
    *,
    owner_id: int | None = None,
) -> list[Opportunity]:
    """Q-7: open renewal opportunities closing in [start, end), soonest first (``start``
    None: overdue ones too; ``owner_id``: one owner's, for their queue)."""
    pb = playbook_of(session)
    record_type = pb.opportunities.renewal.record_type
    query = select(Opportunity).where(
        Opportunity.record_type == record_type,
        Opportunity.is_closed.is_(False),
        Opportunity.close_date < end,
    )
    if start is not None:
        query = query.where(Opportunity.close_date >= start)
    if owner_id is not None:
        query = query.where(Opportunity.owner_id == owner_id)
    return list(
        session.scalars(query.order_by(Opportunity.close_date, Opportunity.id).limit(limit))
    )
