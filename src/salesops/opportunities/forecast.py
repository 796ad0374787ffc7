"""Quarters (V-1, Q-6) and renewals due (Q-7) for the forecast page.

The forecast's numbers — ARR and count by close-date quarter × category × owner, now or
as of a past moment, movements, filters, U-2 — are the reports layer's
(``reports.forecast``, read from the deal rollups); the ``/forecast`` page calls it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
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
