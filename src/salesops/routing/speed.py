"""R-9 speed to lead: time from a lead task's creation to its first human touch, per owner."""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task
from salesops.users.models import User


def speed_to_lead(
    session: Session,
    now: datetime,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    owner_id: int | None = None,
) -> dict[str, Any]:
    """Per owner: leads, touched, median and mean hours to first touch, share within 24 h,
    and leads still untouched past the target (R-9)."""
    hours = playbook_of(session).routing.speed_to_lead_hours
    target = timedelta(hours=hours)
    query = select(Task.owner_id, Task.created_at, Task.first_touched_at).where(
        Task.kind == "lead", Task.owner_id.is_not(None)
    )
    if since is not None:
        query = query.where(Task.created_at >= since)
    if until is not None:
        query = query.where(Task.created_at < until)
    if owner_id is not None:
        query = query.where(Task.owner_id == owner_id)
    per: dict[int, list[tuple[datetime, datetime | None]]] = defaultdict(list)
    for oid, created, touched in session.execute(query):
        if oid is not None:
            per[oid].append((created, touched))
    emails = dict(session.execute(select(User.id, User.email).where(User.id.in_(list(per)))).all())
    owners = []
    for oid in sorted(per):
        rows = per[oid]
        waits = [(t - c).total_seconds() / 3600 for c, t in rows if t is not None]
        overdue = sum(1 for c, t in rows if t is None and now - c > target)
        within = sum(1 for c, t in rows if t is not None and t - c <= target)
        owners.append(
            {
                "owner_id": oid,
                "email": emails.get(oid),
                "leads": len(rows),
                "touched": len(waits),
                "median_hours_to_first_touch": round(statistics.median(waits), 2)
                if waits
                else None,
                "mean_hours_to_first_touch": round(statistics.fmean(waits), 2) if waits else None,
                "share_within_target": round(within / len(rows), 3),
                "untouched_overdue": overdue,
            }
        )
    return {"target_hours": hours, "owners": owners}
