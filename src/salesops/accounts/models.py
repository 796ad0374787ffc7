"""Accounts (O-1), contacts (O-2) and banned senders (I-9)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base, JSONType, UTCDateTime
from salesops.core.limits import Money

CUSTOMER_STATUSES = ("prospect", "paying", "churned")


class Account(Base):
    __tablename__ = "accounts"
    subject_type = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Registrable domain (M-2). NULL for a personal account of a free-mail contact.
    domain: Mapped[str | None] = mapped_column(String(253), unique=True, nullable=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    territory: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    industry: Mapped[str | None] = mapped_column(String(120), nullable=True)
    employee_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    estimated_revenue: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    total_funding: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    us_state: Mapped[str | None] = mapped_column(String(2), nullable=True)
    is_b2b: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    customer_status: Mapped[str] = mapped_column(String(16), default="prospect")
    mrr: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    paying_since: Mapped[date | None] = mapped_column(Date, nullable=True)
    slack_channels: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    support_ticket_ids: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    # Where each firmographic value came from (S-1): {"industry": "firmographics.csv", ...}
    field_sources: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    icp_score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    icp_breakdown: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    # The accounts list's default order (latest change first, id to break ties).
    __table_args__ = (Index("ix_accounts_updated_id", "updated_at", "id"),)


class Contact(Base):
    __tablename__ = "contacts"
    subject_type = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # lower-cased, trimmed (M-1)
    name: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str | None] = mapped_column(String(200), nullable=True)
    role: Mapped[str | None] = mapped_column(String(60), nullable=True)
    sub_role: Mapped[str | None] = mapped_column(String(60), nullable=True)
    role_at_organization: Mapped[str | None] = mapped_column(String(120), nullable=True)
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    us_state: Mapped[str | None] = mapped_column(String(2), nullable=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="RESTRICT"), index=True
    )
    lead_source: Mapped[str | None] = mapped_column(String(60), nullable=True)
    selected_deployment_type: Mapped[str | None] = mapped_column(String(40), nullable=True)
    product_signup_ts: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    is_organization_first_user: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    slack_user_id: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    lead_score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lead_score_breakdown: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    # Where role / sub_role / country came from (S-1): {"role": "title", "country": "form"}
    field_sources: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    revisit_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    revisit_reason: Mapped[str | None] = mapped_column(String(120), nullable=True)
    last_activity_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    __table_args__ = (Index("ix_contacts_lead_source", "lead_source"),)


class SpamBan(Base):
    """I-9: a banned sender address or domain; lifting keeps the row (``lifted_at``)."""

    __tablename__ = "spam_bans"
    subject_type = "spam_ban"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[str] = mapped_column(String(254), index=True)  # address or domain, lower
    kind: Mapped[str] = mapped_column(String(10))  # address|domain
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    lifted_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (Index("ix_spam_bans_active", "value", "lifted_at"),)


class MrrChange(Base):
    """V-6: an account's MRR changed on ``effective_on`` (O-1), from ``mrr_before`` to
    ``mrr_after``. Written on every MRR change (API, web, import; ``accounts.revenue``);
    revenue and NRR over time are computed from these rows (``reports.revenue``)."""

    __tablename__ = "account_mrr_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    effective_on: Mapped[date] = mapped_column(Date)
    mrr_before: Mapped[Decimal] = mapped_column(Money())
    mrr_after: Mapped[Decimal] = mapped_column(Money())
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    __table_args__ = (
        Index("ix_account_mrr_changes_account", "account_id", "effective_on"),
        Index("ix_account_mrr_changes_effective", "effective_on"),
    )


# The text the list filters (``?q=``) search, spelled exactly as the trigram indexes of
# migration 0003_search (``reports.search``) index it, so PostgreSQL answers a filter
# from ``ix_search_accounts_trgm`` / ``ix_search_contacts_trgm`` instead of a scan.
ACCOUNT_TEXT = "lower(accounts.name || ' ' || coalesce(accounts.domain, ''))"
CONTACT_TEXT = "lower(coalesce(contacts.name, '') || ' ' || contacts.email)"
