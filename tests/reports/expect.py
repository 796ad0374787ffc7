"""Expected-row arithmetic shared by the held-out report checks (V-1 … V-7): the two
scenarios build their worlds independently; these are the definitions they both apply
(SPEC section V, docs/reports.md), computed in plain Python, never read from the database."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

DAY = 86400.0


class FunnelLead(Protocol):
    created: datetime
    opp_at: datetime | None
    won_at: datetime | None


def median(values: list[float]) -> float | None:
    """The median (an even count: the mean of the middle two); None for no values."""
    return statistics.median(values) if values else None


def rate(a: float, b: float) -> float | None:
    """a / b, null when dividing by 0."""
    return a / b if b else None


def funnel_row(source: str, leads: Sequence[FunnelLead]) -> dict[str, Any]:
    """V-1: one lead source's funnel row from the leads created in the window."""
    opp = [x for x in leads if x.opp_at]
    won = [x for x in opp if x.won_at]
    return {
        "lead_source": source,
        "tasks": len(leads),
        "opportunities": len(opp),
        "won": len(won),
        "task_to_opportunity_rate": rate(len(opp), len(leads)),
        "opportunity_to_won_rate": rate(len(won), len(opp)),
        "median_days_to_opportunity": median(
            [(x.opp_at - x.created).total_seconds() / DAY for x in opp]  # type: ignore[operator]
        ),
        "median_days_to_won": median(
            [(x.won_at - x.created).total_seconds() / DAY for x in won]  # type: ignore[operator]
        ),
    }
