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
