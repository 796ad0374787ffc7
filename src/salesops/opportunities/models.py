"""Opportunities (O-4, Q-1 … Q-13), their contact roles and histories.

``StageChange`` and ``ForecastChange`` keep every move (Q-4, Q-6; V-1 reads
the forecast as of a past date from them). ``FollowUpPlan`` holds the Q-8
follow-ups that are not a dated task yet: a recurring check-in (every N
months) or a wait for a feature to ship / a certification to be obtained.
``Milestone`` is an admin's "feature X shipped" / "certification Y obtained".
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base, JSONType, UTCDateTime
from salesops.core.limits import Money

SORT_INDEXES = (
    ("name", "name"),
    ("stage", "stage"),
    ("owner", "owner_id"),
    ("amount", "amount"),
    ("close", "close_date"),
)


class Opportunity(Base):
    __tablename__ = "opportunities"
    subject_type = "opportunity"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="RESTRICT"))
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True
    )
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    record_type: Mapped[str] = mapped_column(String(60))
    opp_type: Mapped[str] = mapped_column(String(40), default="Monthly Plan")
    pipeline: Mapped[str] = mapped_column(String(40))
    stage: Mapped[str] = mapped_column(String(60))
    probability: Mapped[int] = mapped_column(Integer, default=0)
    is_closed: Mapped[bool] = mapped_column(Boolean, default=False)
    is_won: Mapped[bool] = mapped_column(Boolean, default=False)
    close_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal("20000"))
    arr_up_for_renewal: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    term_months: Mapped[int] = mapped_column(Integer, default=12)
    total_credit_amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    discount_pct: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), nullable=True)
    contract_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    products: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    contract_link: Mapped[str | None] = mapped_column(String(500), nullable=True)
    lead_source: Mapped[str | None] = mapped_column(String(60), nullable=True)
    meddpicc: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    exit_criteria: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    next_step: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    next_step_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    forecast_category: Mapped[str | None] = mapped_column(String(20), nullable=True)
    loss_reason: Mapped[str | None] = mapped_column(String(80), nullable=True)
    loss_detail: Mapped[str | None] = mapped_column(Text, nullable=True)
    self_serve_post_engagement: Mapped[bool] = mapped_column(Boolean, default=False)
    rfp: Mapped[str | None] = mapped_column(String(20), nullable=True)  # solicited|unsolicited
    task_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # C-2: converted from
    trial_starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    trial_ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # exactly one renewal per won annual opportunity (unique).
    renewal_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), nullable=True, unique=True
    )
    won_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_opportunities_account", "account_id"),
        # The board's cards (issue 17): each open column's first cards by close date, each
        # closed column's latest closed (read backwards), from the index: a top-N, not a
        # sort of the whole stage.
        Index("ix_opportunities_stage_close", "pipeline", "stage", "close_date", "id"),
        Index("ix_opportunities_stage_closed", "pipeline", "stage", "closed_at", "id"),
        Index("ix_opportunities_close_date", "close_date"),
        Index("ix_opportunities_won_at", "won_at"),  # V-7: won in a period
        # The board's column totals (issue 17 item 7): deals, ARR and weighted ARR per
        # stage, for everyone or one owner, read from this index alone (covering).
        Index("ix_opportunities_board", "pipeline", "stage", "owner_id", "amount", "probability"),
        # The deal list's default order (issue 17 item 3): open deals, latest change first.
        Index("ix_opportunities_recent", "is_closed", "updated_at", "id"),
        # Its sortable columns (``web.deal_list.SORTS``, either direction, the id breaking
        # ties the same way): the first page is read from the index, not sorted.
        *(Index(f"ix_opportunities_sort_{n}", "is_closed", c, "id") for n, c in SORT_INDEXES),
        # Q-7's renewals due (the forecast page, the queue): a few among all the deals.
        Index("ix_opportunities_renewals", "record_type", "is_closed", "close_date", "id"),
    )


class OpportunityContactRole(Base):
    __tablename__ = "opportunity_contact_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(60), default="Primary")
    note: Mapped[str] = mapped_column(Text, default="")


class StageChange(Base):
    """Q-4 / Q-5: every stage move, with who made it."""

    __tablename__ = "opportunity_stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    from_stage: Mapped[str | None] = mapped_column(String(60), nullable=True)
    to_stage: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


class ForecastChange(Base):
    """Q-6: forecast-category history; ``moved_earlier`` flags a move to a less committed one."""

    __tablename__ = "opportunity_forecast_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    from_category: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_category: Mapped[str] = mapped_column(String(20))
    moved_earlier: Mapped[bool] = mapped_column(Boolean, default=False)
    close_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


class OpportunitySnapshot(Base):
    """V-1 / Q-6: the forecast-relevant state of an opportunity over a time range.

    The stage and forecast-category history extended to amount, close date and
    owner: one row per change, valid from ``valid_from`` until ``valid_to`` (null:
    still current). "As of" a moment is one range condition (``reports.forecast``).
    Written by ``opportunities.history.record`` after every change.
    """

    __tablename__ = "opportunity_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"))
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_to: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    owner_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pipeline: Mapped[str] = mapped_column(String(40))
    stage: Mapped[str] = mapped_column(String(60))
    probability: Mapped[int] = mapped_column(Integer, default=0)
    forecast_category: Mapped[str | None] = mapped_column(String(20), nullable=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    close_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    is_closed: Mapped[bool] = mapped_column(Boolean, default=False)
    is_won: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_opportunity_snapshots_open", "opportunity_id", "valid_to"),
        Index("ix_opportunity_snapshots_close_date", "close_date", "valid_from"),
        Index("ix_opportunity_snapshots_valid_from", "valid_from"),  # V-1 movements
    )


class FollowUpPlan(Base):
    """Q-8 / Q-12: a follow-up that becomes a task later (recurring, or waiting on a milestone).

    kind: ``every_months`` (``next_on`` advances by ``every_months`` each time a task is
    made), ``feature_shipped`` / ``certification_obtained`` (``waiting_for`` names the
    feature or certification; ``next_on`` is null until an admin marks it).
    """

    __tablename__ = "follow_up_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    task_kind: Mapped[str] = mapped_column(String(20), default="follow_up")
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    every_months: Mapped[int | None] = mapped_column(Integer, nullable=True)
    waiting_for: Mapped[str | None] = mapped_column(String(200), nullable=True)
    next_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        Index("ix_follow_up_plans_due", "active", "next_on"),
        Index("ix_follow_up_plans_waiting", "kind", "waiting_for"),
    )


class Milestone(Base):
    """Q-8: an admin marked a feature shipped or a certification obtained."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # feature_shipped|certification_obtained
    name: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (UniqueConstraint("kind", "name"),)
