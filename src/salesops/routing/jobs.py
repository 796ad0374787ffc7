"""Scheduled routing work: the stale sweep (T-1 … T-4), once per slot however many workers run."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from salesops.core.jobs import job, scheduled
from salesops.routing import service

log = logging.getLogger("salesops.routing")


@job("routing.sweep")
def sweep_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """T-1 … T-4 as of the worker's ``now``; idempotent, so a retried or doubled run is harmless."""
    stats = service.sweep(session, now)
    log.info("stale sweep: %s", stats)


scheduled("routing.sweep", every=timedelta(minutes=15))


@job("routing.route_queued")
def route_queued_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """M-3, R-2 … R-7 for stored unassigned leads: one batch, then the next batch as a new job."""
    from salesops.core.jobs import enqueue
    from salesops.routing.batch import route_queued

    limit = int(payload.get("limit") or 1000)
    last = route_queued(session, now, limit=limit, after_id=int(payload.get("after_id") or 0))
    if last:
        enqueue(session, "routing.route_queued", {"after_id": last, "limit": limit}, now=now)
