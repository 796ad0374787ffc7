"""Built-in jobs: a heartbeat that proves the worker and schedule run."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from salesops.core.db import Base, UTCDateTime
from salesops.core.jobs import job, scheduled


class Heartbeat(Base):
    __tablename__ = "heartbeats"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


@job("system.heartbeat")
def heartbeat(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """Record that a worker ran the schedule (shown by ``/api/v1/health``)."""
    row = session.scalar(select(Heartbeat).where(Heartbeat.name == "worker"))
    if row is None:
        session.add(Heartbeat(name="worker", at=now))
    else:
        row.at = now


scheduled("system.heartbeat", every=timedelta(minutes=1))
