"""Housekeeping for sign-ins (issue 13 item 9): expired web sessions and throttle counts
nobody looks at any more are deleted, so neither table grows without bound."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from salesops.core.jobs import job, scheduled
from salesops.users.auth import forget_expired
from salesops.users.notify import send_digests


@job("users.forget_expired")
def forget_expired_sign_ins(session: Session, payload: dict[str, Any], now: datetime) -> None:
    forget_expired(session, now)


scheduled("users.forget_expired", every=timedelta(hours=1))


@job("users.digest")
def daily_digest(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """Issue 20 item 3: each finished day's notices, one email per user who chose the digest."""
    send_digests(session, now)


scheduled("users.digest", every=timedelta(minutes=15))
