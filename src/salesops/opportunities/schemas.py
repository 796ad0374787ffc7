from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field

from salesops.core.http import ReadModel, StrictModel
from salesops.core.limits import MONEY_MAX, DealDate


def _web_link(value: str | None) -> str | None:
    """A contract link is a web address: a ``javascript:`` (or any other scheme) link on
    the deal's page would run in whoever clicks it (stored XSS)."""
    if value and not value.strip().lower().startswith(("https://", "http://")):
        raise ValueError("must be a web address starting with https:// or http://")
    return value.strip() if value else value


WebLink = Annotated[str, Field(max_length=500), AfterValidator(_web_link)]


class NextStep(StrictModel):
    """Q-3: what, the customer-side owner, the binary outcome, when."""

    what: str = Field(min_length=1, max_length=500)
    owner: str = Field(default="", max_length=200)
    outcome: str = Field(default="", max_length=500)
    at: datetime | None = None


class OpportunityFields(StrictModel):
    """Fields a person may set when creating (or converting into) an opportunity."""

    name: str | None = Field(default=None, max_length=300)
    opp_type: str | None = Field(default=None, description="Q-2; blank = Monthly Plan")
    amount: Decimal | None = Field(
        default=None, ge=0, le=MONEY_MAX, decimal_places=2, description="ARR; $20,000 when blank"
    )
    term_months: int | None = Field(default=None, ge=1, le=120)
    total_credit_amount: Decimal | None = Field(default=None, ge=0, le=MONEY_MAX, decimal_places=2)
    discount_pct: Decimal | None = Field(default=None, ge=0, le=100, decimal_places=2)
    contract_start: DealDate | None = None
    close_date: DealDate | None = None
    products: list[str] = Field(default_factory=list)
    meddpicc: dict[str, Any] = Field(default_factory=dict)
    next_step: NextStep | None = None
    next_step_date: DealDate | None = None
    rfp: Literal["solicited", "unsolicited"] | None = None


class OpportunityCreate(OpportunityFields):
    account_id: int
    contact_id: int | None = None
    contact_role: str = Field(default="Primary", max_length=60)
    record_type: str = Field(description="Q-1: must agree with the account's paying status")
    owner_id: int | None = None
    lead_source: str | None = Field(default=None, max_length=60)


class OpportunityUpdate(StrictModel):
    name: str | None = Field(default=None, max_length=300)
    owner_id: int | None = None
    opp_type: str | None = None
    amount: Decimal | None = Field(default=None, ge=0, le=MONEY_MAX, decimal_places=2)
    term_months: int | None = Field(default=None, ge=1, le=120)
    total_credit_amount: Decimal | None = Field(default=None, ge=0, le=MONEY_MAX, decimal_places=2)
    discount_pct: Decimal | None = Field(default=None, ge=0, le=100, decimal_places=2)
    contract_start: DealDate | None = None
    close_date: DealDate | None = None
    products: list[str] | None = None
    contract_link: WebLink | None = None
    meddpicc: dict[str, Any] | None = None
    exit_criteria: dict[str, bool] | None = Field(default=None, description="Q-4 keys → bool")
    next_step: NextStep | None = None
    next_step_date: DealDate | None = None
    forecast_category: str | None = Field(default=None, description="Q-6")
    self_serve_post_engagement: bool | None = Field(default=None, description="Q-9")
    rfp: Literal["solicited", "unsolicited"] | None = None


class StageMove(StrictModel):
    stage: str = Field(min_length=1)
    loss_reason: str | None = Field(default=None, description="Required for Closed Lost (Q-8)")
    loss_detail: str | None = Field(default=None, max_length=2000)
    waiting_for: str | None = Field(
        default=None, max_length=200, description="Q-8: the feature or certification to wait for"
    )


class TrialStart(StrictModel):
    starts_on: DealDate


class MilestoneCreate(StrictModel):
    kind: Literal["feature_shipped", "certification_obtained"]
    name: str = Field(min_length=1, max_length=200)


class OpportunityRead(ReadModel):
    id: int
    name: str
    account_id: int
    contact_id: int | None
    owner_id: int | None
    record_type: str
    opp_type: str
    pipeline: str
    stage: str
    probability: int
    is_closed: bool
    is_won: bool
    close_date: date | None
    amount: Decimal
    arr_up_for_renewal: Decimal | None
    term_months: int
    total_credit_amount: Decimal | None
    discount_pct: Decimal | None
    arr_discounted: Decimal | None
    contract_start: date | None
    contract_end: date | None
    products: list[Any]
    contract_link: str | None
    lead_source: str | None
    meddpicc: dict[str, Any]
    exit_criteria: dict[str, Any]
    missing_exit_criteria: list[str]
    next_step: dict[str, Any]
    next_step_date: date | None
    next_step_flag: str | None
    forecast_category: str | None
    loss_reason: str | None
    loss_detail: str | None
    self_serve_post_engagement: bool
    counts_for_quota: bool
    rfp: str | None
    rfp_suggestion: str | None
    renewal_of_id: int | None
    task_id: int | None
    trial_starts_on: date | None
    trial_ends_on: date | None
    contact_roles: list[dict[str, Any]]
    won_at: datetime | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime


class OpportunitySummary(ReadModel):
    id: int
    name: str
    account_id: int
    owner_id: int | None
    record_type: str
    opp_type: str
    stage: str
    probability: int
    amount: Decimal
    close_date: date | None
    forecast_category: str | None
    is_closed: bool
    is_won: bool
    renewal_of_id: int | None


class StageChangeRead(ReadModel):
    from_stage: str | None
    to_stage: str
    at: datetime
    actor_id: int | None


class ForecastChangeRead(ReadModel):
    from_category: str | None
    to_category: str
    moved_earlier: bool
    close_date: date | None
    amount: Decimal | None
    at: datetime
    actor_id: int | None


class HistoryRead(StrictModel):
    stages: list[StageChangeRead]
    forecast: list[ForecastChangeRead]


class MilestoneRead(ReadModel):
    id: int
    kind: str
    name: str
    at: datetime
    follow_up_task_ids: list[int] = []
