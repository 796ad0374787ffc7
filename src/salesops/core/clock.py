"""The one clock (STYLE habit 3).

Every rule gets ``now`` passed in; services read it here once per operation.
Tests travel in time with time-machine (``tick=False``) and never sleep.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def now() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    return now().date()


def aware(value: datetime) -> datetime:
    """Treat a naive datetime as UTC (SQLite hands back naive values)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
