"""The reports section of the playbook (V-7): sales quotas per owner and period.

A quota names its owner by email and its period as a year (``2026``), a
quarter (``2026-Q1``) or a month (``2026-03``). A playbook change is audited
and versioned like any other (P-2), so quotas have a history.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import Field, field_validator

from salesops.playbook.schema_base import FrozenModel

_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")


def period_range(period: str) -> tuple[date, date]:
    """``2026`` / ``2026-Q2`` / ``2026-05`` as [start, end) dates; ValueError otherwise."""
    match = _PERIOD.match(period.strip())
    if match is None:
        raise ValueError(f"period {period!r} is not YYYY, YYYY-Qn or YYYY-MM")
    year = int(match.group(1))
    if match.group(2):
        first = 3 * (int(match.group(2)) - 1) + 1
        start, months = date(year, first, 1), 3
    elif match.group(3):
        start, months = date(year, int(match.group(3)), 1), 1
    else:
        start, months = date(year, 1, 1), 12
    total = start.month - 1 + months
    return start, date(start.year + total // 12, total % 12 + 1, 1)


class Quota(FrozenModel):
    """V-7: one owner's quota (won ARR) for one period."""

    owner: str = Field(min_length=3, description="the salesperson's email")
    period: str = Field(description="YYYY, YYYY-Qn or YYYY-MM")
    amount: float = Field(ge=0, description="won ARR expected in the period")

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        period_range(value)
        return value.strip()

    @field_validator("owner")
    @classmethod
    def _owner(cls, value: str) -> str:
        return value.strip().lower()


class Reports(FrozenModel):
    """V-1 … V-7 settings: quotas (V-7)."""

    quotas: list[Quota] = []
