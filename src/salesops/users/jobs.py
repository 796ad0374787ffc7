"""Housekeeping for sign-ins (issue 13 item 9): expired web sessions and throttle counts
nobody looks at any more are deleted, so neither table grows without bound."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from salesops.core.jobs import job, scheduled
from salesops.users.auth import forget_expired


@job("users.forget_expired")
def forget_expired_sign_ins(session: Session, payload: dict[str, Any], now: datetime) -> None:
    forget_expired(session, now)


scheduled("users.forget_expired", every=timedelta(hours=1))
