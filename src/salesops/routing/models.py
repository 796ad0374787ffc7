"""Territories (O-7) and their round-robin membership (R-3, R-4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base, JSONType, UTCDateTime


class Territory(Base):
    """A territory; its countries and states mirror the active playbook (R-4)."""

    __tablename__ = "territories"
    subject_type = "territory"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    countries: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    us_states: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    is_fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    rr_position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TerritoryMember(Base):
    """A salesperson in a territory's rotation, with weighting (R-3).

    ``priority`` k gets one lead for every k the others get; ``adjustment`` is a
    count offset (e.g. +50 for someone joining mid-month). ``assigned_count`` is
    never reset by membership changes.
    """

    __tablename__ = "territory_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    territory_id: Mapped[int] = mapped_column(
        ForeignKey("territories.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    priority: Mapped[int] = mapped_column(Integer, default=1)
    adjustment: Mapped[int] = mapped_column(Integer, default=0)
    assigned_count: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # out on time off at the last pick; on return the count is levelled (no flood).
    away: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("territory_id", "user_id"),)
