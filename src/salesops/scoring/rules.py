"""Pure scoring rules: the ICP score (S-2), the lead score (S-3) and enrichment merging (S-1).

Every function takes plain values and the playbook's tables and returns the
score *with its breakdown* — one ``Row(rule, points, why)`` per factor — so a
salesperson sees which rule gave how many points (S-4). No session, no I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from salesops.playbook.schema_base import band_for
from salesops.playbook.schema_scoring import IcpScoring, LeadScoring


class Row(NamedTuple):
    """One line of a breakdown: which rule, how many points, and why."""

    rule: str
    points: float
    why: str

    def as_json(self) -> dict[str, Any]:
        points: float | int = int(self.points) if float(self.points).is_integer() else self.points
        return {"rule": self.rule, "points": points, "why": self.why}


@dataclass(frozen=True)
class Score:
    """A score, its exact (unrounded) total and its breakdown."""

    score: int
    total: float
    breakdown: list[Row] = field(default_factory=list)

    def breakdown_json(self) -> list[dict[str, Any]]:
        return [row.as_json() for row in self.breakdown]


@dataclass(frozen=True)
class IcpFacts:
    industry: str | None = None
    employee_count: int | None = None
    estimated_revenue: int | None = None
    total_funding: int | None = None
    role: str | None = None
    is_b2b: bool | None = None


@dataclass(frozen=True)
class LeadFacts:
    employee_count: int | None = None
    estimated_revenue: int | None = None
    role: str | None = None
    sub_role: str | None = None
    country: str | None = None


def _money(value: int | None) -> str:
    if value is None:
        return "unknown"
    if value >= 1_000_000:
        return f"${value / 1_000_000:g}m"
    if value >= 1_000:
        return f"${value / 1_000:g}k"
    return f"${value}"


def _band_text(lo: int, hi: int | None) -> str:
    return f"{lo}+" if hi is None else f"{lo}–{hi - 1}"


def round_half_up(value: float) -> int:
    return int(math.floor(value + 0.5))


def icp_score(facts: IcpFacts, table: IcpScoring) -> Score:
    """S-2: ICP score 0–5 from industry, employees, ability to pay, role and B2B/B2C.

    The stored score is the total rounded half up (0–5); the breakdown keeps
    the exact points of each factor.
    """
    rows: list[Row] = []
    tier, points = table.industry_points(facts.industry)
    if facts.industry is None:
        rows.append(Row("S-2 industry", 0, "industry unknown"))
    elif tier is None:
        rows.append(Row("S-2 industry", 0, f"industry {facts.industry!r} is not a focus"))
    else:
        rows.append(Row("S-2 industry", points, f"industry {facts.industry!r} is in tier {tier}"))

    rows.append(_employees_row("S-2 employees", table.employees, facts.employee_count))

    pay = table.ability_to_pay
    revenue, funding = facts.estimated_revenue, facts.total_funding
    if revenue is not None and revenue > pay.revenue_over:
        rows.append(
            Row(
                "S-2 ability to pay",
                pay.points,
                f"revenue {_money(revenue)} > {_money(pay.revenue_over)}",
            )
        )
    elif funding is not None and funding > pay.funding_over:
        rows.append(
            Row(
                "S-2 ability to pay",
                pay.points,
                f"raised {_money(funding)} > {_money(pay.funding_over)}",
            )
        )
    else:
        rows.append(
            Row(
                "S-2 ability to pay",
                0,
                f"revenue {_money(revenue)} ≤ {_money(pay.revenue_over)} and raised "
                f"{_money(funding)} ≤ {_money(pay.funding_over)}",
            )
        )

    role = (facts.role or "").lower()
    role_points = table.roles.get(role, 0.0)
    rows.append(
        Row("S-2 role", role_points, f"role {role or 'unknown'}" + ("" if role_points else ": 0"))
    )

    if facts.is_b2b is None:
        rows.append(Row("S-2 business model", 0, "B2B/B2C unknown"))
    else:
        key = "b2b" if facts.is_b2b else "b2c"
        rows.append(
            Row("S-2 business model", table.business_model.get(key, 0.0), f"{key.upper()} company")
        )

    total = min(sum(r.points for r in rows), table.max_score)
    return Score(score=round_half_up(total), total=total, breakdown=rows)


def _employees_row(rule: str, bands: Any, employees: int | None) -> Row:
    """The points an employee count earns in ``bands`` (S-2, S-3), with the why."""
    band = band_for(bands, employees)
    if employees is None:
        return Row(rule, 0, "employee count unknown")
    if band is None:
        return Row(rule, 0, f"{employees} employees: no band")
    return Row(rule, band.points, f"{employees} employees in band {_band_text(band.min, band.max)}")


def _revenue_row(rule: str, bands: Any, revenue: int | None) -> Row:
    """The points an estimated revenue earns in ``bands`` (S-3), with the why."""
    band = band_for(bands, revenue)
    if revenue is None:
        return Row(rule, 0, "estimated revenue unknown")
    if band is None:
        return Row(rule, 0, f"revenue {_money(revenue)}: no band")
    hi = "+" if band.max is None else f"–{_money(band.max)}"
    return Row(rule, band.points, f"revenue {_money(revenue)} in band {_money(band.min)}{hi}")


def lead_score(facts: LeadFacts, table: LeadScoring) -> Score:
    """S-3: lead score 0–70 from employees, revenue, role, sub-role and country."""
    rows: list[Row] = []
    rows.append(_employees_row("S-3 employees", table.employees, facts.employee_count))

    rows.append(_revenue_row("S-3 revenue", table.revenue, facts.estimated_revenue))

    role = (facts.role or "").lower()
    rows.append(Row("S-3 role", table.roles.get(role, 0), f"role {role or 'unknown'}"))
    sub = (facts.sub_role or "").lower()
    rows.append(Row("S-3 sub-role", table.sub_roles.get(sub, 0), f"sub-role {sub or 'none'}"))
    country = (facts.country or "").upper() or None
    rows.append(
        Row("S-3 country", table.country_points(country), f"country {country or 'unknown'}")
    )
    total = float(sum(r.points for r in rows))
    return Score(score=int(min(total, table.max_score)), total=total, breakdown=rows)


# -- S-1: merging what a provider found into what we already know ------------

FIRMOGRAPHIC_FIELDS = (
    "industry",
    "employee_count",
    "estimated_revenue",
    "total_funding",
    "country",
    "us_state",
    "is_b2b",
)

#: Sources a later enrichment may overwrite; anything else (form, signup, manual) wins.
ENRICHMENT_SOURCE_PREFIXES = ("firmographics", "enrichment")


def is_enrichment_source(source: str | None) -> bool:
    return source is not None and source.startswith(ENRICHMENT_SOURCE_PREFIXES)


def merge_firmographics(
    current: dict[str, Any], sources: dict[str, Any], found: dict[str, Any], source: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """S-1: the changes a provider's values make, and their sources.

    A value given by the form, a signup or a person is never replaced; a value
    from an earlier enrichment is refreshed; an empty field is filled.
    """
    changes: dict[str, Any] = {}
    new_sources: dict[str, str] = {}
    for key in FIRMOGRAPHIC_FIELDS:
        value = found.get(key)
        if value is None:
            continue
        have = current.get(key)
        if have is not None and not is_enrichment_source(sources.get(key)):
            continue  # the form / signup / a person said so: it wins
        if key == "us_state" and (changes.get("country") or current.get("country")) not in (
            None,
            "US",
        ):
            continue
        if have != value:
            changes[key] = value
        if sources.get(key) != source:
            new_sources[key] = source
    return changes, new_sources
