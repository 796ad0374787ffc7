"""Intake tables: delivery keys (idempotency), the rejected-deliveries log, and the
per-account product signals product-led rules read (I-1 … I-10). Spam bans (I-9) are
records of senders, below intake: ``accounts.models.SpamBan``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base, JSONType, UTCDateTime


class IntakeDelivery(Base):
    """One accepted (or ignored) delivery, unique by source + key (event uuid, Message-ID,
    ticket id + tag, form submission id): the second delivery finds this row and changes
    nothing."""

    __tablename__ = "intake_deliveries"
    subject_type = "intake_delivery"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default="accepted")  # accepted|ignored
    result: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("source", "key"),)


class IntakeRejection(Base):
    """A rejected delivery kept for review: bad signature, malformed, or a business reason.
    A sample: the first ``SALESOPS_REJECTION_SAMPLES_PER_HOUR`` per source, reason and
    hour (``IntakeRejectionCount`` counts them all)."""

    __tablename__ = "intake_rejections"
    subject_type = "intake_rejection"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    source: Mapped[str] = mapped_column(String(20), index=True)
    code: Mapped[str] = mapped_column(String(40))  # e.g. bad-signature, banned-sender
    reason: Mapped[str] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(80), nullable=True)
    http_status: Mapped[int] = mapped_column(Integer)
    sender: Mapped[str | None] = mapped_column(String(254), nullable=True)
    key: Mapped[str | None] = mapped_column(String(300), nullable=True)
    remote_addr: Mapped[str | None] = mapped_column(String(64), nullable=True)
    headers: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    body_excerpt: Mapped[str] = mapped_column(Text, default="")  # readable, NUL-free
    body_size: Mapped[int] = mapped_column(Integer, default=0)
    # The raw bytes as received (the first BODY_KEPT_BYTES): gzip, NUL and all, on every
    # backend (issue 15 item 5).
    body: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class IntakeRejectionCount(Base):
    """How many deliveries were rejected per source, reason (code) and hour. Every
    rejection counts here; only the first few of each hour are kept whole
    (``IntakeRejection``), so a flood of bad signatures cannot fill the database."""

    __tablename__ = "intake_rejection_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(40))
    bucket: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # the hour's start
    count: Mapped[int] = mapped_column(Integer, default=0)
    http_status: Mapped[int] = mapped_column(Integer)  # the latest one's
    reason: Mapped[str] = mapped_column(Text, default="")  # the latest one's
    first_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("source", "code", "bucket"),)


class ProductSignals(Base):
    """I-8: what product events said about an account (signups, events, invited users)."""

    __tablename__ = "account_product_signals"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    signups: Mapped[int] = mapped_column(Integer, default=0)
    events_ingested: Mapped[int] = mapped_column(Integer, default=0)
    invited_users: Mapped[int] = mapped_column(Integer, default=0)
    first_signup_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True
    )
    first_signup_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    fired_rules: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PersonProfile(Base):
    """I-1: what the analytics platform's ``$identify`` / ``$set`` events said about one
    ``distinct_id`` (its email above all), so a later ``user signed up`` that carries
    only the ``distinct_id`` finds its person (issue 15 item 6). An identified user's
    anonymous id (``$anon_distinct_id``) gets a row of its own pointing at the same email.
    """

    __tablename__ = "person_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    distinct_id: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    properties: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
