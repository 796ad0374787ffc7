"""The deal reports' rollups (V-1 forecast, V-2 pipeline; issue 18 performance).

Every deal counts under one key: its close-date month, forecast category, owner,
account territory, lead source, pipeline, stage and probability (``KEY``). No owner /
category / territory / lead source is stored as 0 / '' and no close date as
``NO_CLOSE`` (0001-01-01), so the keys have no NULLs.

Now (``deals.state_at(None)``):

- ``report_deal_facts``: one row per opportunity — its key and amount as last counted;
- ``report_deal_counts``: per key, ``n`` deals, ``arr`` = Σ amount and ``weighted`` =
  Σ amount × probability (percent; the report divides by 100).

As of a past moment (the snapshot history, ``opportunity_snapshots``):

- ``report_snap_facts``: one row per snapshot — its key, amount and validity range;
- ``report_snap_counts``: ``span`` ``c`` — the state just before the month ``start``
  begins (every snapshot valid then), for each month up to ``report_snap_meta.through``;
  ``span`` ``d`` — the day ``start``'s change: snapshots starting that day count +1,
  snapshots ending that day −1. The state at t is the checkpoint of t's month, plus the
  day changes of the month's earlier days, plus the facts starting or ending on t's day
  up to t: a few thousand rows whatever the date.
- ``report_deal_dirty``: opportunities a write changed (database triggers on
  ``opportunities``, ``opportunity_snapshots`` and ``accounts``); the commit hook turns
  them into fact and count changes in the same transaction (``deals_rollup.refresh``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base, UTCDateTime

NO_CLOSE = date(1, 1, 1)
KEY = (
    "month",
    "category",
    "owner_id",
    "territory",
    "lead_source",
    "pipeline",
    "stage",
    "probability",
)
MOVED = ("opportunity_id", "month", "category", "amount", "owner_id", "territory", "lead_source")
SUM = Numeric(24, 2)  # sums of Numeric(14, 2) amounts (× 100 for weighted)


class _Key:
    month: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int] = mapped_column(Integer)
    territory: Mapped[str] = mapped_column(String(80))
    lead_source: Mapped[str] = mapped_column(String(60))
    pipeline: Mapped[str] = mapped_column(String(40))
    stage: Mapped[str] = mapped_column(String(60))
    probability: Mapped[int] = mapped_column(Integer)


class DealFact(_Key, Base):
    __tablename__ = "report_deal_facts"

    opportunity_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))


class DealCount(_Key, Base):
    __tablename__ = "report_deal_counts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
    arr: Mapped[Decimal] = mapped_column(SUM)
    weighted: Mapped[Decimal] = mapped_column(SUM)

    __table_args__ = (UniqueConstraint(*KEY, name="uq_report_deal_counts_key"),)


class SnapFact(_Key, Base):
    __tablename__ = "report_snap_facts"

    snapshot_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    opportunity_id: Mapped[int] = mapped_column(Integer, index=True)
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_to: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))

    # V-1 movements read the facts that started, or ended, between two moments from the
    # index alone (0006_movement_indexes); "as of" reads the same ranges.
    __table_args__ = (
        Index("ix_report_snap_facts_moved_from", "valid_from", "valid_to", *MOVED),
        Index("ix_report_snap_facts_moved_to", "valid_to", "valid_from", *MOVED),
    )


class SnapCount(_Key, Base):
    __tablename__ = "report_snap_counts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    span: Mapped[str] = mapped_column(String(1))  # c: checkpoint at a month start; d: a day
    start: Mapped[date] = mapped_column(Date)
    n: Mapped[int] = mapped_column(Integer)
    arr: Mapped[Decimal] = mapped_column(SUM)
    weighted: Mapped[Decimal] = mapped_column(SUM)

    __table_args__ = (
        UniqueConstraint("span", "start", *KEY, name="uq_report_snap_counts_key"),
        Index("ix_report_snap_counts_read", "span", "start"),
    )


class SnapMeta(Base):
    """One row: the month checkpoints exist for every month start up to ``through``."""

    __tablename__ = "report_snap_meta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    through: Mapped[date | None] = mapped_column(Date, nullable=True)


class DealDirty(Base):
    __tablename__ = "report_deal_dirty"

    opportunity_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
