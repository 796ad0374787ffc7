"""The stored R-7 plan (issue 17): a leaving user's hand-over, planned and applied by jobs.

``DeactivationPlan`` is one preview of one user's hand-over: the ``inputs`` it was planned
from (the user's open tasks, open deals and owned accounts as counts and id sums: a new
task arriving changes them, so a stale plan is detected by three index-only counts), the
plan's ``digest`` (what the admin confirms), its status — ``planning`` → ``planned`` →
``confirmed`` → ``applying`` → ``done``, or ``failed`` with a reason in plain words, or
``stale`` — the counts per new owner (``summary``) and the confirmation's progress.
``DeactivationPlanRow`` is one account of it: who gets the account and the user's work
on it, by which rules and why (the preview's pages and the confirmation read these).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base, JSONType, UTCDateTime


class DeactivationPlan(Base):
    __tablename__ = "deactivation_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    inputs: Mapped[str] = mapped_column(String(200))
    digest: Mapped[str | None] = mapped_column(String(32), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="planning")
    summary: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    total: Mapped[int] = mapped_column(Integer, default=0)  # records that change hands
    done: Mapped[int] = mapped_column(Integer, default=0)  # records moved so far
    after_account: Mapped[int] = mapped_column(Integer, default=0)  # the confirmation's cursor
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (Index("ix_deactivation_plans_user", "user_id", "id"),)


class DeactivationPlanRow(Base):
    __tablename__ = "deactivation_plan_rows"

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("deactivation_plans.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), default="")
    new_owner_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    new_owner: Mapped[str] = mapped_column(String(255), default="")
    owns_account: Mapped[bool] = mapped_column(Boolean, default=False)
    tasks: Mapped[int] = mapped_column(Integer, default=0)
    deals: Mapped[int] = mapped_column(Integer, default=0)
    away: Mapped[bool] = mapped_column(Boolean, default=False)
    rule_ids: Mapped[list[str]] = mapped_column(JSONType, default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
