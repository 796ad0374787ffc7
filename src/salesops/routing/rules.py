"""Routing rules as pure functions (R-2 … R-7, T-1, T-2): values + now + playbook in, decision out.

No session and no I/O here: the service loads the facts, calls these, and
persists the outcome with a decision record (O-8). Every result carries the
rule IDs that decided it and a one-line reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from salesops.playbook.schema import Routing, Stale


@dataclass(frozen=True)
class Candidate:
    """One member of a territory's rotation, as the weighted round robin sees it (R-3)."""

    member_id: int
    user_id: int
    priority: int
    adjustment: int
    assigned_count: int
    eligible: bool = True
    why_not: str = ""
    email: str = ""

    @property
    def load(self) -> int:
        """R-3: priority k gets one lead per k the others get, so load = (count + adj) · k."""
        return (self.assigned_count + self.adjustment) * self.priority


@dataclass(frozen=True)
class Pick:
    candidate: Candidate | None
    reason: str
    rule_ids: tuple[str, ...] = ("R-3",)


def pick_next(
    candidates: Sequence[Candidate],
    *,
    last_member_id: int = 0,
    exclude_user_ids: Iterable[int] = (),
) -> Pick:
    """R-3: the eligible member with the lowest weighted load; ties go round the rotation.

    ``last_member_id`` is the territory's rotation position (the member picked
    last): among equal loads the first member after it (by id, wrapping) wins.
    ``exclude_user_ids`` keeps e.g. the current owner out (T-1).
    """
    excluded = set(exclude_user_ids)
    pool = [c for c in candidates if c.eligible and c.user_id not in excluded]
    if not pool:
        skipped = [c for c in candidates if not c.eligible or c.user_id in excluded]
        detail = "; ".join(
            f"{c.email or c.user_id}: {c.why_not or 'current owner'}" for c in skipped
        )
        return Pick(None, "no eligible member" + (f" ({detail})" if detail else ""))

    def key(c: Candidate) -> tuple[int, int]:
        return (c.load, (c.member_id - last_member_id - 1) % (1 << 62))

    best = min(pool, key=key)
    others = ", ".join(f"{c.email or c.user_id}={c.load}" for c in pool if c is not best)
    reason = (
        f"weighted round robin: {best.email or best.user_id} has the lowest load "
        f"{best.load} (count {best.assigned_count} + adjustment {best.adjustment}) × "
        f"priority {best.priority}" + (f"; others {others}" if others else "")
    )
    return Pick(best, reason)


def level_adjustment(member: Candidate, present: Sequence[Candidate]) -> int:
    """R-3/R-6: the adjustment that brings a member back from time off level with the others.

    Returns the new adjustment (never lower than the current one), so the
    returning member is not flooded and nobody else's count changes.
    """
    loads = [c.load for c in present if c.member_id != member.member_id and c.eligible]
    if not loads:
        return member.adjustment
    target = math.ceil(min(loads) / member.priority) - member.assigned_count
    return max(member.adjustment, target)


# --- time off (R-6) -----------------------------------------------------------


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


# --- returning leads (R-3a) ---------------------------------------------------


def months_ago(now: datetime, months: int) -> datetime:
    """``now`` minus whole calendar months (day clamped to the month's end)."""
    year, month = now.year, now.month - months
    while month <= 0:
        month += 12
        year -= 1
    for day in range(now.day, 27, -1):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return now.replace(year=year, month=month, day=min(now.day, 28))


# --- the stale sweep (T-1, T-2) ---------------------------------------------


@dataclass(frozen=True)
class StaleCutoffs:
    reassign_before: datetime  # untouched since at or before → T-1
    autoclose_before: datetime  # untouched since the reassignment at or before → T-2


def stale_cutoffs(now: datetime, stale: Stale) -> StaleCutoffs:
    """T-1/T-2: exactly N untouched days is stale; a touch at day N-1 restarts the clock."""
    return StaleCutoffs(
        reassign_before=now - timedelta(days=stale.reassign_after_days),
        autoclose_before=now - timedelta(days=stale.autoclose_after_days),
    )


def stale_action(
    *, reassignment_count: int, anchor: datetime, now: datetime, stale: Stale
) -> str | None:
    """T-1/T-2 for one open, owned task: "reassign", "autoclose" or None (not stale)."""
    cut = stale_cutoffs(now, stale)
    if reassignment_count < stale.max_reassignments:
        return "reassign" if anchor <= cut.reassign_before else None
    return "autoclose" if anchor <= cut.autoclose_before else None


@dataclass
class RulePath:
    """The steps routing took for one task, in order (R-8 shows it; O-8 records it)."""

    steps: list[dict[str, object]] = field(default_factory=list)

    def add(self, rule_ids: Sequence[str], outcome: str, reason: str) -> None:
        self.steps.append({"rule_ids": list(rule_ids), "outcome": outcome, "reason": reason})

    def rule_ids(self) -> list[str]:
        """Every rule applied, in order, once each."""
        return list(dict.fromkeys(r for s in self.steps for r in s["rule_ids"]))  # type: ignore[attr-defined]
