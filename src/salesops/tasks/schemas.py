from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from salesops.core.http import ReadModel, StrictModel
from salesops.core.limits import INT64


class TaskCreate(StrictModel):
    account_id: int
    contact_id: int
    lead_source: str = Field(min_length=1, max_length=60)
    title: str = Field(default="", max_length=300)
    owner_id: int | None = None
    sales_form_message: str | None = Field(default=None, max_length=20000)
    interest: list[str] = Field(default_factory=list)
    mau: int | None = Field(default=None, ge=0, le=INT64)
    monthly_events: int | None = Field(default=None, ge=0, le=INT64)
    next_steps: str | None = Field(default=None, max_length=5000)
    rfp: Literal["solicited", "unsolicited"] | None = Field(default=None, description="Q-13")


class TaskUpdate(StrictModel):
    status: str | None = Field(default=None, description="New, Working or Nurturing")
    owner_id: int | None = None
    title: str | None = Field(default=None, max_length=300)
    next_steps: str | None = Field(default=None, max_length=5000)
    interest: list[str] | None = None
    mau: int | None = Field(default=None, ge=0, le=INT64)
    monthly_events: int | None = Field(default=None, ge=0, le=INT64)
    follow_up_on: date | None = None
    rfp: Literal["solicited", "unsolicited"] | None = Field(
        default=None, description="Q-13: is this lead an RFP, solicited or not"
    )


class TaskRead(ReadModel):
    id: int
    kind: str
    title: str
    account_id: int
    contact_id: int
    lead_source: str
    owner_id: int | None
    status: str
    territory: str | None
    classification: str | None
    classification_signals: list[Any]
    disqualification_reason: str | None
    disqualification_notes: str | None
    sales_form_message: str | None
    interest: list[Any]
    mau: int | None
    monthly_events: int | None
    next_steps: str | None
    referrer_email: str | None
    rfp: str | None
    source_ref: str | None
    linked_task_id: int | None
    opportunity_id: int | None
    owner_away: bool
    follow_up_on: date | None
    due_on: date | None
    triage: dict[str, Any]
    reassignment_count: int
    created_at: datetime
    updated_at: datetime
    assigned_at: datetime | None
    first_touched_at: datetime | None
    last_touched_at: datetime | None
    closed_at: datetime | None
    # an unsolicited RFP's decline suggestion, on one task's answer (GET / PATCH
    # /tasks/{id}); lists leave it null (one look-up per task would cost every page).
    rfp_suggestion: str | None = None
