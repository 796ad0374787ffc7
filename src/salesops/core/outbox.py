"""The outbox of outbound side effects (X-1, STYLE habit 5).

A service that must notify Slack, open a ticket or send an email calls
``enqueue_delivery`` in its own transaction: the side effect is a row, so a
rollback drops it and a commit makes it durable. The worker then delivers it
after commit, at least once, with the row's idempotency key, retrying with
exponential backoff and jitter, and finally moving it to the dead-letter state
that an admin can retry. The network call happens outside any transaction.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Index, Integer, String, Text, and_, func, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from salesops.core.claim import claim_one
from salesops.core.config import Settings
from salesops.core.db import Base, Database, JSONType, UTCDateTime, insert_object, insert_rows
from salesops.core.errors import Conflict, NotFound
from salesops.core.jobs import backoff

STATES = ("pending", "in_flight", "delivered", "dead")


class Delivery(Base):
    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=8)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    locked_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    subject_type: Mapped[str | None] = mapped_column(String(40), nullable=True)
    subject_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (Index("ix_deliveries_state_next", "state", "next_attempt_at"),)


@dataclass(frozen=True)
class DeliveryResult:
    """What a sender reports back: stored on the row (e.g. a created ticket's id)."""

    data: dict[str, Any]


Sender = Callable[[Settings, Delivery], DeliveryResult]
# After a successful delivery, a channel may write its result back (in a new transaction),
# e.g. the ticket link into the task's next steps (D-3).
AfterDelivery = Callable[[Session, Delivery, DeliveryResult, datetime], None]

SENDERS: dict[str, Sender] = {}
AFTER_DELIVERY: dict[str, AfterDelivery] = {}


def sender(channel: str) -> Callable[[Sender], Sender]:
    def register(fn: Sender) -> Sender:
        SENDERS[channel] = fn
        return fn

    return register


def enqueue_delivery(
    session: Session,
    channel: str,
    payload: dict[str, Any],
    *,
    idempotency_key: str,
    now: datetime,
    subject: tuple[str, int] | None = None,
    max_attempts: int = 8,
) -> Delivery:
    """Record a side effect in the caller's transaction (X-1); the worker delivers it later.

    The same idempotency key twice returns the existing row: a side effect is
    queued at most once. One ``INSERT … ON CONFLICT DO NOTHING RETURNING id``
    (race-safe on both backends); a SELECT only when the key was already taken.
    """
    row = Delivery(**_row(channel, payload, idempotency_key, now, subject, max_attempts))
    if insert_object(session, row, on_conflict=_KEY):
        return row
    existing = session.scalar(select(Delivery).where(Delivery.idempotency_key == idempotency_key))
    assert existing is not None
    return existing


def enqueue_deliveries(
    session: Session, items: list[dict[str, Any]], *, now: datetime, counted: bool = True
) -> int | None:
    """Several side effects in one INSERT (X-1); keys already queued are skipped.

    Each item has ``channel``, ``payload``, ``idempotency_key`` and optionally
    ``subject`` and ``max_attempts`` (as ``enqueue_delivery``). Returns how many
    rows were new, or None with ``counted=False`` (nothing read back: inside
    ``core.db.pipelined`` the INSERT shares the block's round trip). For hot paths
    that do not need the rows back (intake).
    """
    if not items:
        return 0
    values = [
        _row(
            i["channel"],
            i["payload"],
            i["idempotency_key"],
            now,
            i.get("subject"),
            i.get("max_attempts", 8),
        )
        for i in items
    ]
    new = insert_rows(session, Delivery.__table__, values, on_conflict=_KEY, returning=counted)
    return sum(1 for i in new if i is not None) if counted else None


_KEY = ("idempotency_key",)  # unique: a side effect is queued at most once


def _row(
    channel: str,
    payload: dict[str, Any],
    key: str,
    now: datetime,
    subject: tuple[str, int] | None,
    max_attempts: int,
) -> dict[str, Any]:
    return {
        "channel": channel,
        "payload": payload,
        "idempotency_key": key,
        "state": "pending",
        "attempts": 0,
        "max_attempts": max_attempts,
        "next_attempt_at": now,
        "locked_by": None,
        "locked_until": None,
        "last_error": None,
        "result": None,
        "subject_type": subject[0] if subject else None,
        "subject_id": subject[1] if subject else None,
        "created_at": now,
        "delivered_at": None,
    }


def _due(now: datetime) -> Any:
    return or_(
        and_(Delivery.state == "pending", Delivery.next_attempt_at <= now),
        and_(Delivery.state == "in_flight", Delivery.locked_until < now),
    )


def deliver_one(
    db: Database, settings: Settings, worker_id: str, now: datetime, *, lease: float = 120.0
) -> bool:
    """Claim one due delivery and send it. Returns whether there was work."""
    with db.unit_of_work() as s:
        delivery_id = claim_one(
            s,
            Delivery,
            _due(now),
            Delivery.next_attempt_at,
            worker_id=worker_id,
            now=now,
            lease=timedelta(seconds=lease),
            values={"state": "in_flight", "attempts": Delivery.attempts + 1},
        )
        if delivery_id is None:
            return False
        row = s.get(Delivery, delivery_id)
        assert row is not None
        s.expunge(row)
    try:
        send = SENDERS.get(row.channel)
        if send is None:
            raise LookupError(f"no sender configured for channel {row.channel!r}")
        result = send(settings, row)
    except Exception as exc:  # the lead is never rolled back by a failed delivery
        error = f"{type(exc).__name__}: {exc}\n" + traceback.format_exc(limit=3)
        with db.unit_of_work() as s:
            dead = row.attempts >= row.max_attempts
            s.execute(
                update(Delivery)
                .where(Delivery.id == row.id, Delivery.locked_by == worker_id)
                .values(
                    state="dead" if dead else "pending",
                    next_attempt_at=now + backoff(row.attempts),
                    locked_until=None,
                    last_error=error[-4000:],
                )
            )
        return True
    with db.unit_of_work() as s:
        s.execute(
            update(Delivery)
            .where(Delivery.id == row.id)
            .values(
                state="delivered",
                delivered_at=now,
                locked_until=None,
                last_error=None,
                result=result.data,
            )
        )
        after = AFTER_DELIVERY.get(row.channel)
        if after is not None:
            after(s, row, result, now)
    return True


def retry_dead(session: Session, delivery_id: int, now: datetime) -> Delivery:
    """Admin retry of a dead letter (X-1): back to pending with a fresh attempt budget."""
    row = session.get(Delivery, delivery_id)
    if row is None:
        raise NotFound(f"delivery {delivery_id} not found", field="id")
    if row.state != "dead":
        raise Conflict(
            f"delivery {delivery_id} is {row.state}; only dead deliveries can be retried",
            field="state",
            rule="X-1",
        )
    row.state = "pending"
    row.attempts = 0
    row.next_attempt_at = now
    row.locked_until = None
    session.flush()
    return row


def counts_by_state(session: Session) -> dict[str, int]:
    rows = session.execute(select(Delivery.state, func.count()).group_by(Delivery.state)).all()
    return {state: int(n) for state, n in rows}
