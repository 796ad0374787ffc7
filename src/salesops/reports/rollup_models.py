"""The lead reports' rollups (V-3 funnel, V-5 speed to lead; issue 18 performance).

- ``report_lead_facts``: one row per lead task — what the two reports read of it (its day,
  lead source, owner, territory, whether it became an opportunity and was won, the waits
  in seconds and each wait's histogram bin). It is what the rollups last counted.
- ``report_lead_counts``: per day *and* per month (``span`` ``d``/``m``) × lead source ×
  owner × territory, counts by ``measure``: ``tasks``, ``opps``, ``won``, ``within``
  (touched within 24 h), ``reassigned``, ``reason`` (by disqualification reason, in
  ``label``) and the wait histograms ``touch``, ``to_opp``, ``to_won`` (by ``bin``).
- ``report_lead_dirty``: task ids a write changed (marked by database triggers on
  ``tasks`` and ``opportunities``, so every write path marks them); the commit hook turns
  them into fact and count changes in the same transaction (``rollups.refresh``).

No owner / territory / lead source is stored as 0 / '' so the rollup keys have no NULLs.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base


class LeadFact(Base):
    __tablename__ = "report_lead_facts"

    task_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    day: Mapped[date] = mapped_column(Date)
    month: Mapped[date] = mapped_column(Date)
    lead_source: Mapped[str] = mapped_column(String(60))
    owner_id: Mapped[int] = mapped_column(Integer)
    territory: Mapped[str] = mapped_column(String(80))
    has_opp: Mapped[bool] = mapped_column(Boolean)
    won: Mapped[bool] = mapped_column(Boolean)
    reassigned: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(80), nullable=True)
    touch_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    touch_bin: Mapped[int | None] = mapped_column(Integer, nullable=True)
    opp_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    opp_bin: Mapped[int | None] = mapped_column(Integer, nullable=True)
    won_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    won_bin: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # V-4: the day (and month) it was disqualified, if it is (0005_deal_rollups)
    dq_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    dq_month: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        # exact medians: the values of one histogram bin in a period, per group and overall
        Index("ix_report_lead_facts_touch_owner", "owner_id", "touch_bin", "day", "touch_s"),
        Index("ix_report_lead_facts_touch", "touch_bin", "day", "touch_s"),
        Index("ix_report_lead_facts_opp_source", "lead_source", "opp_bin", "day", "opp_s"),
        Index("ix_report_lead_facts_opp", "opp_bin", "day", "opp_s"),
        Index("ix_report_lead_facts_won_source", "lead_source", "won_bin", "day", "won_s"),
        Index("ix_report_lead_facts_won", "won_bin", "day", "won_s"),
    )


class LeadCount(Base):
    __tablename__ = "report_lead_counts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    span: Mapped[str] = mapped_column(String(1))  # d: a day, m: a month
    start: Mapped[date] = mapped_column(Date)
    lead_source: Mapped[str] = mapped_column(String(60))
    owner_id: Mapped[int] = mapped_column(Integer)
    territory: Mapped[str] = mapped_column(String(80))
    measure: Mapped[str] = mapped_column(String(12))
    bin: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(80))
    n: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint(
            "span",
            "start",
            "lead_source",
            "owner_id",
            "territory",
            "measure",
            "bin",
            "label",
            name="uq_report_lead_counts_key",
        ),
        Index("ix_report_lead_counts_read", "measure", "span", "start"),
    )


class LeadDirty(Base):
    __tablename__ = "report_lead_dirty"

    task_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class MrrAccount(Base):
    """V-6: an account's MRR profile as the revenue counts last counted it: its owner and
    territory, and its net MRR change per month (``[[YYYY-MM-01, cents], ...]``)."""

    __tablename__ = "report_mrr_accounts"

    account_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    owner_id: Mapped[int] = mapped_column(Integer)
    territory: Mapped[str] = mapped_column(String(80))
    profile: Mapped[str] = mapped_column(Text)


class MrrCount(Base):
    """V-6 rollup, in cents, per owner × territory: ``net``/``new``/``expansion``/
    ``contraction``/``churned`` of month ``p`` (``m`` = ``p``); ``pos``: the change, at
    month start ``p``, of the MRR of accounts above 0; ``x``: MRR change in month ``m`` of
    the accounts above 0 at month start ``p`` (the NRR cohort of a window starting at p)."""

    __tablename__ = "report_mrr_counts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    measure: Mapped[str] = mapped_column(String(12))
    p: Mapped[date] = mapped_column(Date)
    m: Mapped[date] = mapped_column(Date)
    owner_id: Mapped[int] = mapped_column(Integer)
    territory: Mapped[str] = mapped_column(String(80))
    cents: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (
        UniqueConstraint(
            "measure", "p", "m", "owner_id", "territory", name="uq_report_mrr_counts_key"
        ),
    )


class MrrDirty(Base):
    __tablename__ = "report_mrr_dirty"

    account_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
