"""D-3/D-4 side effects of a disqualification, written as outbox rows (X-1).

Issue 6 fills this in: support/billing tickets, the self-serve onboarding
event, optional spam ban, startup-plan email, Prospect revisit lists.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from salesops.tasks.models import Task
from salesops.users.models import User


def after_disqualify(
    session: Session,
    task: Task,
    reason: str,
    *,
    now: datetime,
    actor: User | None,
    options: dict[str, object],
) -> None:
    """Queue the side effects the playbook attaches to ``reason`` (D-3, D-4)."""
    return None
