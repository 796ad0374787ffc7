"""Scoring section of the playbook: the ICP score (S-2) and the lead score (S-3).

Both are tables an admin edits; the scorer only looks values up in them and
reports which row gave how many points (S-4). Bands are half-open
``[min, max)`` ranges: "11–1000 employees" is ``min: 11, max: 1001``.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from salesops.playbook.schema_base import (
    ISO_COUNTRY_CODES,
    FrozenModel,
    Problems,
    check_bands,
    duplicates,
)


def _check_keys(table: dict[str, float] | dict[str, int], problems: Problems, name: str) -> None:
    for key in table:
        if key != key.strip().lower():
            problems.add((name, key), "keys are lower-case without surrounding spaces")


class IcpBand(FrozenModel):
    min: int
    max: int | None = None
    points: float = Field(ge=0)


class IndustryTier(FrozenModel):
    """S-2: industries scored alike (matched case-insensitively)."""

    name: str = Field(min_length=1)
    points: float = Field(ge=0)
    industries: list[str] = Field(min_length=1)


class AbilityToPay(FrozenModel):
    """S-2: full points when revenue or funding raised is above its threshold (USD)."""

    revenue_over: int = Field(default=10_000_000, ge=0)
    funding_over: int = Field(default=20_000_000, ge=0)
    points: float = Field(default=1.0, ge=0)


class IcpScoring(FrozenModel):
    """S-2: ICP score on a 0–``max_score`` scale (at most 5), weights as data."""

    max_score: float = Field(default=5, gt=0, le=5)
    industries: list[IndustryTier] = []
    employees: list[IcpBand] = []
    ability_to_pay: AbilityToPay = AbilityToPay()
    roles: dict[str, float] = {}
    business_model: dict[str, float] = {}  # "b2b" / "b2c"

    @property
    def max_possible(self) -> float:
        """The highest score the table can give: the best row of every factor."""
        return (
            max((t.points for t in self.industries), default=0)
            + max((b.points for b in self.employees), default=0)
            + self.ability_to_pay.points
            + max(self.roles.values(), default=0)
            + max(self.business_model.values(), default=0)
        )

    def industry_points(self, industry: str | None) -> tuple[str | None, float]:
        """The tier an industry falls in and its points (``(None, 0)`` when in none)."""
        wanted = (industry or "").strip().casefold()
        for tier in self.industries:
            if wanted and wanted in {i.casefold() for i in tier.industries}:
                return tier.name, tier.points
        return None, 0.0

    @model_validator(mode="after")
    def _consistent(self) -> IcpScoring:
        problems = Problems()
        check_bands(self.employees, problems, ("employees",))
        for name, table in (("roles", self.roles), ("business_model", self.business_model)):
            _check_keys(table, problems, name)
            for key, points in table.items():
                if points < 0:
                    problems.add((name, key), "points are 0 or more")
        for dup in duplicates(i.casefold() for t in self.industries for i in t.industries):
            problems.add(("industries",), f"industry {dup!r} is in more than one tier")
        if self.max_possible > self.max_score:
            problems.add(
                ("max_score",),
                f"the table can give {self.max_possible:g} points, more than "
                f"max_score {self.max_score:g} (S-2: the ICP score is 0–5)",
            )
        problems.raise_if_any()
        return self


class LeadBand(FrozenModel):
    min: int
    max: int | None = None
    points: int = Field(ge=0)


class CountryTier(FrozenModel):
    """S-3: countries (ISO 3166-1 alpha-2) scored alike."""

    points: int = Field(ge=0)
    countries: list[str] = Field(min_length=1)


class LeadScoring(FrozenModel):
    """S-3: lead score, 0–``max_score``; role keys are lower-case, missing ones score 0."""

    max_score: int = Field(default=70, ge=1)
    employees: list[LeadBand] = []
    revenue: list[LeadBand] = []
    roles: dict[str, int] = {}
    sub_roles: dict[str, int] = {}
    countries: list[CountryTier] = []

    @property
    def max_possible(self) -> int:
        return (
            max((b.points for b in self.employees), default=0)
            + max((b.points for b in self.revenue), default=0)
            + max(self.roles.values(), default=0)
            + max(self.sub_roles.values(), default=0)
            + max((t.points for t in self.countries), default=0)
        )

    def country_points(self, country: str | None) -> int:
        code = (country or "").strip().upper()
        for tier in self.countries:
            if code in tier.countries:
                return tier.points
        return 0

    @model_validator(mode="after")
    def _consistent(self) -> LeadScoring:
        problems = Problems()
        check_bands(self.employees, problems, ("employees",))
        check_bands(self.revenue, problems, ("revenue",))
        for name, table in (("roles", self.roles), ("sub_roles", self.sub_roles)):
            _check_keys(table, problems, name)
            for key, points in table.items():
                if points < 0:
                    problems.add((name, key), "points are 0 or more")
        seen: set[str] = set()
        for ti, tier in enumerate(self.countries):
            for ci, code in enumerate(tier.countries):
                loc = ("countries", ti, "countries", ci)
                if code not in ISO_COUNTRY_CODES:
                    problems.add(loc, f"{code!r} is not an ISO 3166-1 alpha-2 code (upper-case)")
                elif code in seen:
                    problems.add(loc, f"{code!r} is already in another tier")
                seen.add(code)
        if self.max_possible != self.max_score:
            problems.add(
                ("max_score",),
                f"the table's highest possible score is {self.max_possible}, "
                f"not max_score {self.max_score} (S-3: 0–70 by default); update one of them",
            )
        problems.raise_if_any()
        return self


class PriceTier(FrozenModel):
    """Triage spend estimate: price per event up to ``up_to`` monthly events (null: no cap)."""

    up_to: int | None = None
    price_per_event: float = Field(ge=0)


class Triage(FrozenModel):
    """Triage recommendation (issue 4): never applied automatically except R-1."""

    events_per_mau: int = Field(default=75, ge=1)  # handbook: 50–100 events per user a month
    price_tiers: list[PriceTier] = []  # monthly events → price; first tier is the free tier
    hands_on_min_monthly_events: int = Field(default=5_000_000, ge=0)
    hands_on_keywords: list[str] = []  # annual commitment, guided evaluation, …
    startup_keywords: list[str] = []  # L-2
    startup_max_employees: int = Field(default=50, ge=1)
    startup_max_funding: int = Field(default=5_000_000, ge=0)
    qualify_min_lead_score: int = Field(default=30, ge=0)  # unknown volume: call when ≥
    qualify_min_icp_score: int = Field(default=3, ge=0)
    use_cases: dict[str, list[str]] = {}  # use case → phrases / interests that suggest it
    note_max_length: int = Field(default=250, ge=1)  # D-1

    @model_validator(mode="after")
    def _tiers_sorted(self) -> Triage:
        problems = Problems()
        last = -1
        for i, tier in enumerate(self.price_tiers):
            if tier.up_to is None and i != len(self.price_tiers) - 1:
                problems.add(("price_tiers", i, "up_to"), "only the last tier may be open (null)")
            elif tier.up_to is not None and tier.up_to <= last:
                problems.add(("price_tiers", i, "up_to"), "tiers must be sorted ascending")
            last = tier.up_to if tier.up_to is not None else last
        problems.raise_if_any()
        return self


class Scoring(FrozenModel):
    """S-2 and S-3, and the triage recommendation's parameters."""

    icp: IcpScoring
    lead: LeadScoring
    triage: Triage = Triage()
