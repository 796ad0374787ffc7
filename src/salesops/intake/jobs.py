"""Intake's scheduled work: pruning the rejected-deliveries log (issue 13, item 12)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from salesops.core.jobs import enqueue, job, scheduled
from salesops.intake.rejections import PRUNE_BATCH, prune_rejections
from salesops.playbook.runtime import settings_of


@job("intake.prune_rejections")
def prune(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """Drop kept rejections and hourly counts past their retention, a bounded batch at a
    time; a full batch queues the next run at once."""
    settings = settings_of(session)
    samples, counts = prune_rejections(
        session,
        now,
        sample_days=settings.rejection_retention_days,
        count_days=settings.rejection_count_retention_days,
    )
    if max(samples, counts) >= PRUNE_BATCH:
        enqueue(session, "intake.prune_rejections", now=now)


scheduled("intake.prune_rejections", every=timedelta(hours=1))
