"""Scheduled work for follow-ups (Q-8, Q-11, Q-12, L-1 reminders).

Every few minutes the worker turns Scheduled follow-ups whose date has come
into Open tasks (they appear in the owner's queue) and turns due follow-up
plans (recurring check-ins, "every 6 months") into tasks.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from salesops.core.jobs import job, scheduled
from salesops.opportunities.follow_ups import make_due


@job("opportunities.follow_ups_due")
def follow_ups_due(session: Session, payload: dict[str, Any], now: datetime) -> None:
    make_due(session, now)


scheduled("opportunities.follow_ups_due", every=timedelta(minutes=15))
