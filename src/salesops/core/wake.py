"""Idle delivery lanes wake on new work (issue 20 item 3; X-1).

A notice is worth little if it waits for the worker's next poll (``worker_poll_seconds``,
1 s), and polling faster costs every idle worker CPU. So:

* **PostgreSQL**: a transaction that queued deliveries says so as it commits
  (``announce`` sets a flag; ``NOTIFY salesops_outbox`` goes with the commit, once per
  transaction, and is delivered only if it commits). Each worker's lanes ``LISTEN`` on
  a connection of their own (``listen``) and start a round at once. An idle worker
  waits in a blocked socket read: no CPU.
* **SQLite** has no notifications between processes: idle lanes look every
  ``outbox_wake_seconds`` (0.1 s) with one read-only indexed query (``due_soon``: a
  range scan of ``ix_deliveries_channel_due`` that stops at its first row) and start a
  round only when something is due — about a tenth of a millisecond of CPU per look.

Either way the full round (a write transaction: outcomes, parking, claims) runs only
when there is work, or every ``worker_poll_seconds`` as before (retries that came due
by the clock, parked rows, leases).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, event, select, text
from sqlalchemy.orm import Session

from salesops.core.db import Database

log = logging.getLogger("salesops.outbox")

CHANNEL = "salesops_outbox"
_FLAG = "salesops.wake_outbox"
RETRY_LISTEN_SECONDS = 5.0


def announce(session: Session) -> None:
    """The transaction queued deliveries: wake the idle lanes when it commits."""
    session.info[_FLAG] = True


@event.listens_for(Session, "before_commit")
def _notify_on_commit(session: Session) -> None:
    if not session.info.pop(_FLAG, False):
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"NOTIFY {CHANNEL}"))


@event.listens_for(Session, "after_soft_rollback")
def _drop_on_rollback(session: Session, previous: Any) -> None:
    if previous.parent is None:
        session.info.pop(_FLAG, None)


def due_soon(db: Database, channels: Iterable[str], now: datetime) -> bool:
    """Whether any delivery of ``channels`` is due: one indexed read, no lock taken."""
    with db.engine.connect() as conn:
        return due_on(conn, channels, now)


def due_on(conn: Connection, channels: Iterable[str], now: datetime) -> bool:
    """``due_soon`` on a connection the caller keeps between looks (half the cost of a
    pool checkout each time); the read transaction ends at once (no WAL snapshot held)."""
    names = sorted(channels)
    if not names:
        return False
    try:
        found = conn.execute(_due_statement(), {"channels": names, "now": now}).first()
    finally:
        conn.rollback()
    return found is not None


_STATEMENTS: dict[str, Any] = {}


def _due_statement() -> Any:
    statement = _STATEMENTS.get("due")
    if statement is None:
        from salesops.core.outbox import Delivery  # the model module imports this one

        statement = _STATEMENTS["due"] = (
            select(Delivery.id)
            .where(
                Delivery.channel.in_(bindparam("channels", expanding=True)),
                Delivery.due_at <= bindparam("now", type_=Delivery.due_at.type),
            )
            .limit(1)
        )
    return statement


def listen_url(db: Database) -> str | None:
    """The libpq URL to LISTEN on (PostgreSQL only)."""
    url = db.engine.url
    if url.get_backend_name() != "postgresql":
        return None
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def listen(url: str, wake: Callable[[], None], listening: Callable[[bool], None]) -> None:
    """Until cancelled: ``LISTEN salesops_outbox`` and call ``wake`` per notification;
    ``listening`` is told when the connection is up or lost (lost: the lanes poll
    instead, and it connects again)."""
    import psycopg

    while True:
        try:
            conn = await psycopg.AsyncConnection.connect(url, autocommit=True)
            async with conn:
                await conn.execute(f"LISTEN {CHANNEL}")
                listening(True)
                wake()  # anything queued before the LISTEN took effect
                async for _ in conn.notifies():
                    wake()
        except asyncio.CancelledError:
            raise
        except Exception:  # the database is away: poll meanwhile, connect again
            log.warning("outbox LISTEN connection lost; polling until it is back", exc_info=True)
        listening(False)
        await asyncio.sleep(RETRY_LISTEN_SECONDS)
