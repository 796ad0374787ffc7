"""Notifications for people (issue 20 item 3): the in-app centre and per-event choices.

A ``Notification`` row is written in the transaction of the event that causes it
(a lead assigned, a task reassigned, …), so the bell counts it the moment that
commits; email and Slack copies are outbox rows (X-1) written beside it. ``key`` is
unique: the same event notifies a person once however often its producer runs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base, JSONType, UTCDateTime


class Notification(Base):
    __tablename__ = "notifications"
    subject_type = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str | None] = mapped_column(String(500), nullable=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    shown: Mapped[bool] = mapped_column(Boolean, default=True)  # in the bell (in-app)
    in_digest: Mapped[bool] = mapped_column(Boolean, default=False)  # awaits the daily digest
    about_type: Mapped[str | None] = mapped_column(String(40), nullable=True)  # e.g. "task"
    about_id: Mapped[int | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    digested_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        Index("ix_notifications_user_read", "user_id", "read_at"),
        Index("ix_notifications_digest", "in_digest", "digested_at"),
    )


class NotificationPreference(Base):
    """Which channels (in_app, email, slack) one user wants for one event type."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    event: Mapped[str] = mapped_column(String(40), primary_key=True)
    channels: Mapped[list[Any]] = mapped_column(JSONType, default=list)


class NotificationSettings(Base):
    """One user's notification settings beside their per-event choices: the Slack member
    id for direct messages (else looked up by email) and the daily digest (email notices
    grouped into one mail a day instead of one each)."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    slack_user_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    digest: Mapped[bool] = mapped_column(Boolean, default=False)
