from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import EmailStr, Field

from salesops.core.http import ReadModel, StrictModel
from salesops.core.limits import INT32, INT64, MONEY_MAX

CustomerStatus = Literal["prospect", "paying", "churned"]


class AccountCreate(StrictModel):
    name: str = Field(min_length=1, max_length=200)
    domain: str | None = Field(default=None, max_length=253)
    owner_id: int | None = None
    industry: str | None = Field(default=None, max_length=120)
    employee_count: int | None = Field(default=None, ge=0, le=INT32)
    estimated_revenue: int | None = Field(default=None, ge=0, le=INT64)
    total_funding: int | None = Field(default=None, ge=0, le=INT64)
    country: str | None = Field(default=None, max_length=60)
    us_state: str | None = Field(default=None, max_length=30)
    is_b2b: bool | None = None
    customer_status: CustomerStatus = "prospect"
    mrr: Decimal = Field(default=Decimal("0"), ge=0, le=MONEY_MAX, decimal_places=2)
    paying_since: date | None = None
    mrr_effective_on: date | None = Field(
        default=None, description="V-6: the day the MRR took effect (default today)"
    )
    slack_channels: list[str] = Field(default_factory=list)
    notes: str = ""


class AccountUpdate(StrictModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    owner_id: int | None = None
    industry: str | None = Field(default=None, max_length=120)
    employee_count: int | None = Field(default=None, ge=0, le=INT32)
    estimated_revenue: int | None = Field(default=None, ge=0, le=INT64)
    total_funding: int | None = Field(default=None, ge=0, le=INT64)
    country: str | None = Field(default=None, max_length=60)
    us_state: str | None = Field(default=None, max_length=30)
    is_b2b: bool | None = None
    customer_status: CustomerStatus | None = None
    mrr: Decimal | None = Field(default=None, ge=0, le=MONEY_MAX, decimal_places=2)
    paying_since: date | None = None
    mrr_effective_on: date | None = Field(
        default=None, description="V-6: the day an MRR change took effect (default today)"
    )
    slack_channels: list[str] | None = None
    notes: str | None = None


class AccountRead(ReadModel):
    id: int
    name: str
    domain: str | None
    owner_id: int | None
    territory: str | None
    industry: str | None
    employee_count: int | None
    estimated_revenue: int | None
    total_funding: int | None
    country: str | None
    us_state: str | None
    is_b2b: bool | None
    customer_status: str
    mrr: Decimal
    paying_since: date | None
    slack_channels: list[Any]
    support_ticket_ids: list[Any]
    field_sources: dict[str, Any]
    icp_score: int | None
    icp_breakdown: list[Any]
    notes: str
    created_at: datetime
    updated_at: datetime


class ContactCreate(StrictModel):
    email: EmailStr
    name: str = Field(default="", max_length=200)
    account_id: int | None = Field(
        default=None, description="Defaults to the account matched by the email's domain (M-2)"
    )
    company: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=60)
    role_at_organization: str | None = Field(default=None, max_length=120)
    country: str | None = Field(default=None, max_length=60)
    us_state: str | None = Field(default=None, max_length=30)
    lead_source: str | None = Field(default=None, max_length=60)


class ContactUpdate(StrictModel):
    name: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=60)
    role_at_organization: str | None = Field(default=None, max_length=120)
    country: str | None = Field(default=None, max_length=60)
    us_state: str | None = Field(default=None, max_length=30)
    lead_source: str | None = Field(default=None, max_length=60)


class ContactRead(ReadModel):
    id: int
    email: str
    name: str
    title: str | None
    role: str | None
    sub_role: str | None
    role_at_organization: str | None
    country: str | None
    us_state: str | None
    account_id: int
    lead_source: str | None
    selected_deployment_type: str | None
    product_signup_ts: datetime | None
    is_organization_first_user: bool | None
    lead_score: int | None
    lead_score_breakdown: list[Any]
    revisit_on: date | None
    created_at: datetime
    updated_at: datetime
