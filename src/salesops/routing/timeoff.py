"""Time off (R-6) as pure functions: who is out of rotation, who is away, on their own day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from salesops.playbook.schema import Routing


def local_date(now: datetime, tz_name: str) -> date:
    """The calendar day ``now`` falls on for a user in ``tz_name`` (unknown zones → UTC)."""
    try:
        tz = ZoneInfo(tz_name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    return now.astimezone(tz).date()


def merge_ranges(ranges: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Overlapping or back-to-back PTO ranges form one absence ("consecutive days", R-6)."""
    merged: list[tuple[date, date]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class Availability:
    in_rotation: bool
    away: bool  # on PTO today (flags owned accounts' tasks "owner away", R-2)
    reason: str


def availability(
    ranges: Iterable[tuple[date, date]], today: date, routing: Routing
) -> Availability:
    """R-6 for one user on their local ``today``.

    Out for ``pto_min_days_out`` (2) or more consecutive days → out of rotation
    from the first day until ``pto_back_days_before_return`` (1) day before the
    return day; one day or less → stays in. Any PTO today means "away".
    """
    for start, end in merge_ranges(ranges):
        if not start <= today <= end:
            continue
        days = (end - start).days + 1
        back_from = end + timedelta(days=1) - timedelta(days=routing.pto_back_days_before_return)
        if days < routing.pto_min_days_out:
            return Availability(True, True, f"off {start}…{end} ({days} day): stays in (R-6)")
        if today >= back_from:
            return Availability(
                True, True, f"off {start}…{end}: back in rotation from {back_from} (R-6)"
            )
        return Availability(
            False, True, f"off {start}…{end} ({days} days): out of rotation until {back_from}"
        )
    return Availability(True, False, "")
