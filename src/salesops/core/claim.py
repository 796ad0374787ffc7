"""Claiming one due row safely with many workers, on SQLite and PostgreSQL.

A portable conditional UPDATE (``... WHERE id = :id AND <still due>``) decides
who wins; ``FOR UPDATE SKIP LOCKED`` on PostgreSQL only avoids contention.
A claim is a lease: a worker that dies leaves ``locked_until`` to expire and the
row becomes claimable again, so nothing is lost.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session


def claim_one(
    session: Session,
    model: Any,
    due: ColumnElement[bool],
    order_by: Any,
    *,
    worker_id: str,
    now: datetime,
    lease: timedelta,
    values: dict[str, Any],
    attempts: int = 3,
) -> int | None:
    """Mark one due row as taken by ``worker_id``; return its id, or None when none is due."""
    for _ in range(attempts):
        query = select(model.id).where(due).order_by(order_by).limit(1)
        if session.info.get("backend") == "postgresql":
            query = query.with_for_update(skip_locked=True)
        row_id = session.scalar(query)
        if row_id is None:
            return None
        result = session.execute(
            update(model)
            .where(model.id == row_id, due)
            .values(locked_by=worker_id, locked_until=now + lease, **values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            return int(row_id)
    return None
