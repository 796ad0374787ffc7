"""Claiming due rows safely with many workers, on SQLite and PostgreSQL.

A portable conditional UPDATE (``... WHERE id = :id AND <still due>``) decides
who wins; ``FOR UPDATE SKIP LOCKED`` on PostgreSQL only avoids contention.
A claim is a lease: a worker that dies leaves ``locked_until`` to expire and the
row becomes claimable again, so nothing is lost. ``claim_one`` takes one row
(jobs); ``pick_due`` + ``take`` take many per round trip, group by group (outbox
deliveries by channel), and ``renew`` extends the leases of work still in flight.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, bindparam, select, union_all, update
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


def pick_due(
    session: Session,
    model: Any,
    group: Any,
    due: Any,
    limits: dict[str, int],
    now: datetime,
) -> list[tuple[int, str, str | None, Any]]:
    """Up to ``limits[g]`` rows of each group ``g`` whose ``due`` time has come, oldest
    first: ``(id, state, locked_by, group)`` each. One statement for all groups, each an
    ordered range scan of an index on ``(group, due)`` that stops after its limit, so
    the cost follows the rows taken, never the backlog. On PostgreSQL the rows are
    locked ``FOR UPDATE SKIP LOCKED`` (concurrent workers take disjoint rows); on SQLite
    the caller's write transaction (``BEGIN IMMEDIATE``) already excludes them. The
    statement is built once per set of groups (only its parameters change)."""
    groups = tuple(g for g, limit in limits.items() if limit > 0)
    if not groups:
        return []
    backend = session.info.get("backend")
    key = (model, group.key, due.key, len(groups), backend)
    statement = _PICKS.get(key)
    if statement is None:
        statement = _PICKS[key] = _pick_statement(model, group, due, len(groups), backend)
    params: dict[str, Any] = {"now": now}
    for i, value in enumerate(groups):
        params[f"group_{i}"], params[f"limit_{i}"] = value, limits[value]
    rows = session.execute(statement, params).all()
    return [(int(i), str(s), b, g) for i, s, b, g in rows]


_PICKS: dict[tuple[Any, ...], Any] = {}


def _pick_statement(model: Any, group: Any, due: Any, n: int, backend: str | None) -> Any:
    now = bindparam("now", type_=due.type)
    parts = []
    for i in range(n):
        query = (
            select(model.id, model.state, model.locked_by, group)
            .where(group == bindparam(f"group_{i}", type_=group.type), due <= now)
            .order_by(due)
            .limit(bindparam(f"limit_{i}", type_=Integer))
        )
        if backend == "postgresql":
            query = query.with_for_update(skip_locked=True)
        sub = query.subquery(f"due_{i}")
        parts.append(select(*sub.c))
    return parts[0] if n == 1 else union_all(*parts)


def take(
    session: Session,
    model: Any,
    ids: list[int],
    due: Any,
    *,
    now: datetime,
    worker_id: str,
    until: datetime,
    values: dict[str, Any],
) -> list[Any]:
    """Lease the rows ``pick_due`` found to ``worker_id`` until ``until``; returns the
    ORM objects of those still due (conditional UPDATE … RETURNING: the portable
    arbiter when two workers picked the same row), detached from the session."""
    if not ids:
        return []
    rows = list(
        session.scalars(
            update(model)
            .where(model.id.in_(ids), due <= now)
            .values(locked_by=worker_id, locked_until=until, **values)
            .returning(model)
            .execution_options(synchronize_session=False)
        )
    )
    for row in rows:
        session.expunge(row)
    return rows


def renew(
    session: Session,
    model: Any,
    ids: list[int],
    *,
    worker_id: str,
    state: str,
    until: datetime,
    values: dict[str, Any] | None = None,
) -> int:
    """Extend ``worker_id``'s leases on ``ids`` (rows still in ``state``) to ``until``;
    returns how many it still held."""
    if not ids:
        return 0
    result = session.execute(
        update(model)
        .where(model.id.in_(ids), model.locked_by == worker_id, model.state == state)
        .values(locked_until=until, **(values or {}))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
