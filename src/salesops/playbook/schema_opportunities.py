"""Opportunity section of the playbook (Q-1 … Q-12).

The handbook changed its stages and probabilities more than once; keeping them
here makes the next change a playbook edit rather than a release (P-1).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, model_validator

from salesops.playbook.schema_base import (
    CrossFieldError,
    FrozenModel,
    Problems,
    check_bands,
    duplicates,
)


class RecordType(FrozenModel):
    """Q-1: which pipeline the opportunity runs in and which accounts may have it.

    ``requires_paying``: true → the account must be paying; false → it must not
    be paying (prospect or churned); null → no constraint.
    """

    name: str = Field(min_length=1)
    description: str = ""
    requires_paying: bool | None = None
    pipeline: str = Field(min_length=1)


class OpportunityType(FrozenModel):
    """Q-2: how the deal is billed."""

    name: str = Field(min_length=1)
    description: str = ""
    creates_renewal: bool = False  # Annual Plan
    max_arr: int | None = Field(default=None, ge=0)  # Monthly Contract: below $20k a year


class ExitCriterion(FrozenModel):
    """Q-4: ``minimum: true`` marks the bold criteria needed to advance."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    minimum: bool = False


class Stage(FrozenModel):
    """One pipeline stage with its win probability (V-2) and exit criteria (Q-4)."""

    name: str = Field(min_length=1)
    description: str = ""
    probability: int = Field(ge=0, le=100)
    closed: bool = False
    won: bool = False
    requires_loss_reason: bool = False
    exit_criteria: list[ExitCriterion] = []

    @property
    def lost(self) -> bool:
        return self.closed and not self.won

    @property
    def minimum_criteria(self) -> list[ExitCriterion]:
        return [c for c in self.exit_criteria if c.minimum]

    @model_validator(mode="after")
    def _consistent(self) -> Stage:
        problems = Problems()
        if self.won and not self.closed:
            problems.add(("closed",), "a won stage is closed")
        if self.won and self.probability != 100:
            problems.add(("probability",), "a won stage has probability 100")
        if self.lost and self.probability != 0:
            problems.add(("probability",), "a lost stage has probability 0")
        if self.requires_loss_reason and not self.lost:
            problems.add(("requires_loss_reason",), "only a lost stage asks for a loss reason")
        for dup in duplicates(c.key for c in self.exit_criteria):
            problems.add(("exit_criteria",), f"criterion key {dup!r} listed twice")
        problems.raise_if_any()
        return self


class ForecastCategory(FrozenModel):
    """Q-6: listed from most to least committed."""

    name: str = Field(min_length=1)
    description: str = ""


FollowUpKind = Literal[
    "after_months", "every_months", "feature_shipped", "certification_obtained", "none"
]


class LossFollowUp(FrozenModel):
    """Q-8: the follow-up created automatically for a loss reason."""

    kind: FollowUpKind = "none"
    months: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _months(self) -> LossFollowUp:
        problems = Problems()
        timed = self.kind in ("after_months", "every_months")
        if timed and self.months is None:
            problems.add(("months",), f"required when kind is {self.kind!r}")
        if not timed and self.months is not None:
            problems.add(("months",), f"not used when kind is {self.kind!r}")
        problems.raise_if_any()
        return self


class LossReason(FrozenModel):
    name: str = Field(min_length=1)
    follow_up: LossFollowUp = LossFollowUp()


class RenewalSettings(FrozenModel):
    """Q-7: the renewal created when an opportunity of a ``creates_renewal`` type is Closed Won."""

    record_type: str = "Renewal"
    close_date_fallback_weeks: int = Field(default=4, ge=0)


class TrialBand(FrozenModel):
    """Q-11: trial length for an expected ARR in ``[min, max)``."""

    min: int
    max: int | None = None
    weeks: int = Field(ge=1)


class Trials(FrozenModel):
    bands: list[TrialBand] = []
    wrap_up_days_before_end: int = Field(default=7, ge=0)
    pricing_after_days: int = Field(default=7, ge=0)

    @model_validator(mode="after")
    def _bands(self) -> Trials:
        problems = Problems()
        check_bands(self.bands, problems, ("bands",))
        problems.raise_if_any()
        return self


class CheckInPhase(FrozenModel):
    """A cadence (every N days or N calendar months) kept for ``for_months`` (null: forever)."""

    every_days: int | None = Field(default=None, ge=1)
    every_months: int | None = Field(default=None, ge=1)
    for_months: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_cadence(self) -> CheckInPhase:
        if (self.every_days is None) == (self.every_months is None):
            raise ValueError("set exactly one of every_days and every_months")
        return self


class CheckInBand(FrozenModel):
    """Q-12: check-in cadence after Closed Won for an ARR in ``[min, max)``."""

    min: int
    max: int | None = None
    phases: list[CheckInPhase] = Field(min_length=1)

    @model_validator(mode="after")
    def _phases(self) -> CheckInBand:
        problems = Problems()
        for i, phase in enumerate(self.phases[:-1]):
            if phase.for_months is None:
                problems.add(("phases", i, "for_months"), "only the last phase may run forever")
        problems.raise_if_any()
        return self


class CheckIns(FrozenModel):
    bands: list[CheckInBand] = []

    @model_validator(mode="after")
    def _bands(self) -> CheckIns:
        problems = Problems()
        check_bands(self.bands, problems, ("bands",))
        problems.raise_if_any()
        return self


#: Why ``opportunities.self_serve_hands_on`` is refused in a new version (issue 16 item 4).
HANDS_ON_LIVES_IN_TRIAGE = (
    "retired: Q-9's hands-on thresholds are read from scoring.triage "
    "(hands_on_min_monthly_events, hands_on_min_recordings, hands_on_keywords), which "
    "triage applies to every new lead; remove this key"
)


class Opportunities(FrozenModel):
    """Q-1 … Q-12."""

    record_types: list[RecordType] = Field(min_length=1)
    types: list[OpportunityType] = Field(min_length=1)
    default_type: str = "Monthly Plan"  # blank type
    default_amount: int = Field(default=20_000, ge=0)
    default_term_months: int = Field(default=12, ge=1)
    pipelines: dict[str, list[Stage]]
    require_all_exit_criteria: bool = False
    forecast_categories: list[ForecastCategory] = Field(min_length=1)
    default_forecast_category: str = "Pipeline"
    loss_reasons: list[LossReason] = Field(min_length=1)
    renewal: RenewalSettings = RenewalSettings()
    trials: Trials = Trials()
    check_ins: CheckIns = CheckIns()
    next_step_required: bool = True

    @model_validator(mode="before")
    @classmethod
    def _retired(cls, data: Any, info: ValidationInfo) -> Any:
        """Q-9 lives in ``scoring.triage`` (one source, P-1): a stored version's copy is
        dropped, a new version's refused."""
        if isinstance(data, dict) and "self_serve_hands_on" in data:
            if not (info.context or {}).get("stored"):
                raise CrossFieldError([(("self_serve_hands_on",), HANDS_ON_LIVES_IN_TRIAGE)])
            data = {k: v for k, v in data.items() if k != "self_serve_hands_on"}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Opportunities:
        problems = Problems()
        for key in ("new_business", "renewal"):
            if key not in self.pipelines:
                problems.add(("pipelines",), f"missing the {key!r} pipeline (Q-4, Q-5)")
        for key, stages in self.pipelines.items():
            if not stages:
                problems.add(("pipelines", key), "a pipeline has at least one stage")
                continue
            for dup in duplicates(s.name for s in stages):
                problems.add(("pipelines", key), f"stage {dup!r} listed twice")
            if sum(s.won for s in stages) != 1:
                problems.add(("pipelines", key), "exactly one stage is the won stage")
            if not any(s.lost for s in stages):
                problems.add(("pipelines", key), "at least one stage is closed and lost")
        for dup in duplicates(r.name for r in self.record_types):
            problems.add(("record_types",), f"record type {dup!r} listed twice")
        for i, rt in enumerate(self.record_types):
            if rt.pipeline not in self.pipelines:
                problems.add(("record_types", i, "pipeline"), f"unknown pipeline {rt.pipeline!r}")
        type_names = [t.name for t in self.types]
        for dup in duplicates(type_names):
            problems.add(("types",), f"type {dup!r} listed twice")
        if self.default_type not in type_names:
            problems.add(("default_type",), f"unknown type {self.default_type!r}")
        if not any(t.creates_renewal for t in self.types):
            problems.add(("types",), "no type creates a renewal (Q-7)")
        if self.renewal.record_type not in {r.name for r in self.record_types}:
            problems.add(
                ("renewal", "record_type"), f"unknown record type {self.renewal.record_type!r}"
            )
        category_names = [c.name for c in self.forecast_categories]
        for dup in duplicates(category_names):
            problems.add(("forecast_categories",), f"category {dup!r} listed twice")
        if self.default_forecast_category not in category_names:
            problems.add(
                ("default_forecast_category",),
                f"unknown forecast category {self.default_forecast_category!r}",
            )
        for dup in duplicates(r.name for r in self.loss_reasons):
            problems.add(("loss_reasons",), f"loss reason {dup!r} listed twice")
        problems.raise_if_any()
        return self
