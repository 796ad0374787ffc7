"""Scheduled tasks work: the new-lead pipeline's safety net (S-1 … S-4, R-1, R-2 … R-7).

Intake drains the pipeline queue right after its commit (``tasks.pipeline.drain``).
A lead whose process died in between stays New and unassigned with its queue row;
this job picks it up within a few seconds, on any worker (several workers take
different rows: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from salesops.core.jobs import enqueue, job, scheduled
from salesops.tasks import pipeline

EVERY = timedelta(seconds=10)


@job("tasks.lead_pipeline")
def lead_pipeline_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """One batch of queued leads; a full batch queues the next one as a new job."""
    limit = int(payload.get("limit") or pipeline.BATCH)
    if pipeline.run_queued(session, now, limit=limit) >= limit:
        enqueue(session, "tasks.lead_pipeline", {"limit": limit}, now=now)


scheduled("tasks.lead_pipeline", every=EVERY)
