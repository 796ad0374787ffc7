"""The outbox of outbound side effects (X-1, STYLE habit 5).

A service that must notify Slack, open a ticket or send an email calls
``enqueue_delivery`` in its own transaction: the side effect is a row, so a
rollback drops it and a commit makes it durable. Workers deliver it after commit
(``core.lanes``: concurrent sends in their own thread, a total deadline per attempt,
leases renewed while a send is in flight), with the row's idempotency key, retrying
with backoff, dead-lettering for an admin; what happens after each attempt is
``core.outbox_rules``. A channel registers its sender with ``@sender``, naming the
settings it needs (a channel without them is parked, not retried) and whether its
receiver deduplicates resends. The network call happens outside any transaction.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Boolean, Index, Integer, String, Text, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from salesops.core.config import Settings
from salesops.core.db import Base, JSONType, UTCDateTime
from salesops.core.errors import Conflict, NotFound
from salesops.core.fastsql import insert_object, insert_rows
from salesops.core.outbox_rules import CANCELLABLE, REARMABLE, STATES, not_configured
from salesops.core.wake import announce

__all__ = ["STATES", "Delivery", "DeliveryResult", "NotConfigured", "enqueue_delivery"]


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
    # When a worker may claim it: the next attempt (pending) or the lease's end
    # (in_flight); NULL otherwise. The claim is one ordered range scan of this index.
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # An earlier attempt may have reached the receiver (its outcome is unknown).
    maybe_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    subject_type: Mapped[str | None] = mapped_column(String(40), nullable=True)
    subject_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        Index("ix_deliveries_state_next", "state", "next_attempt_at"),
        Index(
            "ix_deliveries_channel_due",
            "channel",
            "due_at",
            sqlite_where=due_at.isnot(None),
            postgresql_where=due_at.isnot(None),
        ),
    )


@dataclass(frozen=True)
class DeliveryResult:
    """What a sender reports back: stored on the row (e.g. a created ticket's id)."""

    data: dict[str, Any]


class NotConfigured(RuntimeError):
    """Raised by a sender whose channel lacks a setting: the delivery is parked, not
    retried (``outbox_rules.not_configured``)."""


class Refused(RuntimeError):
    """The request never reached the receiver, or it answered with an error: nothing
    happened there, so a retry is safe. ``retry_after``: the pause it asked for."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class SendContext:
    """What a sender gets besides the row: settings and the lane's shared clients
    (an ``aiohttp.ClientSession`` as ``http``; ``pools`` for e.g. SMTP connections).
    ``sent`` is set once the request may have reached the receiver: a failure after
    that is an unsure outcome (``outbox_rules``)."""

    settings: Settings
    http: Any
    pools: dict[str, Any]
    sent: bool = False


Send = Callable[[SendContext, "Delivery"], Awaitable[DeliveryResult]]
# Coalescing (issue 20): the payload of ONE message telling what several deliveries of
# the same group (payload ``coalesce``) would have told one by one (``core.coalesce``).
Combine = Callable[[list[dict[str, Any]]], dict[str, Any]]
# After a successful delivery, a channel may write its result back (in a new transaction),
# e.g. the ticket link into the task's next steps (D-3).
AfterDelivery = Callable[[Session, "Delivery", DeliveryResult, datetime], None]


@dataclass(frozen=True)
class Channel:
    """A registered outbound channel (X-1)."""

    name: str
    send: Send
    requires: tuple[str, ...] = ()  # Settings fields that must be set, else parked
    concurrency: int = 8  # sends in flight per worker (SALESOPS_OUTBOX_CONCURRENCY)
    dedupes: bool = True  # the receiver can tell a resend from a new send
    combine: Combine | None = None  # several coalesced deliveries as one message

    def missing(self, settings: Settings) -> list[str]:
        return [name for name in self.requires if not getattr(settings, name, None)]

    def parked_reason(self, settings: Settings) -> str | None:
        missing = self.missing(settings)
        return not_configured(self.name, missing) if missing else None

    def limit(self, settings: Settings) -> int:
        return max(1, int(settings.outbox_concurrency.get(self.name, self.concurrency)))


CHANNELS: dict[str, Channel] = {}
AFTER_DELIVERY: dict[str, AfterDelivery] = {}


def sender(
    channel: str,
    *,
    requires: tuple[str, ...] = (),
    concurrency: int = 8,
    dedupes: bool = True,
    combine: Combine | None = None,
) -> Callable[[Send], Send]:
    """Register ``async def send(ctx, delivery) -> DeliveryResult`` for ``channel``;
    ``combine``: how deliveries marked ``coalesced`` become one message."""

    def register(fn: Send) -> Send:
        CHANNELS[channel] = Channel(channel, fn, requires, concurrency, dedupes, combine)
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
    autoflush: bool = True,
) -> Delivery:
    """Record a side effect in the caller's transaction (X-1); the worker delivers it later.

    The same idempotency key twice returns the existing row: a side effect is
    queued at most once. One ``INSERT … ON CONFLICT DO NOTHING RETURNING id``
    (race-safe on both backends); a SELECT only when the key was already taken.
    ``autoflush=False``: the session's pending changes are not written first (the row
    refers to nothing by foreign key; a batch's changes then go out together).
    """
    row = Delivery(**_row(channel, payload, idempotency_key, now, subject, max_attempts))
    if insert_object(session, row, on_conflict=_KEY, autoflush=autoflush):
        announce(session)  # idle lanes start a round when this commits
        return row
    existing = session.scalar(select(Delivery).where(Delivery.idempotency_key == idempotency_key))
    assert existing is not None
    return existing


def enqueue_deliveries(
    session: Session, items: list[dict[str, Any]], *, now: datetime, counted: bool = True
) -> int | None:
    """Several side effects in one INSERT (X-1); keys already queued are skipped.

    Each item has ``channel``, ``payload``, ``idempotency_key`` and optionally
    ``subject``, ``max_attempts`` (as ``enqueue_delivery``) and ``delay`` (seconds
    before it is due: ``coalesced``). Returns how many
    rows were new, or None with ``counted=False`` (nothing read back: inside
    ``core.fastsql.pipelined`` the INSERT shares the block's round trip). For hot paths
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
            i.get("delay", 0.0),
        )
        for i in items
    ]
    new = insert_rows(session, Delivery.__table__, values, on_conflict=_KEY, returning=counted)
    announce(session)  # idle lanes start a round when this commits
    return sum(1 for i in new if i is not None) if counted else None


_KEY = ("idempotency_key",)  # unique: a side effect is queued at most once


SALES_CHANNEL = "sales-channel"  # the coalescing group of the sales channel's messages


def coalesced(item: dict[str, Any], group: str, window: float) -> dict[str, Any]:
    """Issue 20: ``item`` (an ``enqueue_deliveries`` item) may share one message with
    the other deliveries of its channel and ``group`` (one recipient: a person's DM or
    email, the sales channel, the sales alias) that are ready with it: it waits at most
    ``window`` seconds for them (``core.coalesce``). ``window`` 0: sent alone, at once."""
    if window <= 0:
        return item
    return {**item, "payload": {**item["payload"], "coalesce": group}, "delay": window}


def _row(
    channel: str,
    payload: dict[str, Any],
    key: str,
    now: datetime,
    subject: tuple[str, int] | None,
    max_attempts: int,
    delay: float = 0.0,
) -> dict[str, Any]:
    due = now + timedelta(seconds=delay) if delay > 0 else now
    return {
        "channel": channel,
        "payload": payload,
        "idempotency_key": key,
        "state": "pending",
        "attempts": 0,
        "max_attempts": max_attempts,
        "next_attempt_at": due,
        "due_at": due,
        "maybe_sent": False,
        "locked_by": None,
        "locked_until": None,
        "last_error": None,
        "result": None,
        "subject_type": subject[0] if subject else None,
        "subject_id": subject[1] if subject else None,
        "created_at": now,
        "delivered_at": None,
    }


def rearm(session: Session, delivery_id: int, now: datetime) -> Delivery:
    """Admin retry (X-1): a dead, parked or held (``unknown``) delivery goes back to
    pending, due now; a dead one gets a fresh attempt budget. The key stays, so a
    receiver that deduplicates still acts once."""
    row = session.get(Delivery, delivery_id)
    if row is None:
        raise NotFound(f"delivery {delivery_id} not found", field="id")
    if row.state not in REARMABLE:
        raise Conflict(
            f"delivery {delivery_id} is {row.state}; only {', '.join(REARMABLE)} "
            "deliveries can be retried",
            field="state",
            rule="X-1",
        )
    if row.state == "dead":
        row.attempts = 0
    row.state = "pending"
    row.next_attempt_at = now
    row.due_at = now
    row.locked_by = None
    row.locked_until = None
    session.flush()
    announce(session)
    return row


retry_dead = rearm  # the earlier name


def discard(session: Session, delivery_id: int, now: datetime, why: str) -> Delivery:
    """Admin discard (X-1): a dead, parked or held delivery is given up for good; it
    becomes ``cancelled`` with the reason (never sent; the row and its history stay)."""
    row = session.get(Delivery, delivery_id)
    if row is None:
        raise NotFound(f"delivery {delivery_id} not found", field="id")
    if row.state not in REARMABLE:
        raise Conflict(
            f"delivery {delivery_id} is {row.state}; only {', '.join(REARMABLE)} "
            "deliveries can be discarded",
            field="state",
            rule="X-1",
        )
    row.state, row.due_at, row.locked_by, row.locked_until = "cancelled", None, None, None
    row.last_error = f"{why} ({now:%Y-%m-%d %H:%M} UTC); was: {row.last_error or ''}"[:4000]
    session.flush()
    return row


def cancel_unsent(session: Session, *, key_prefix: str, now: datetime) -> list[int]:
    """Cancel the deliveries whose key starts with ``key_prefix`` and that are not sent
    nor being sent (pending, dead, parked): the decision that queued them was reversed.
    One in flight or delivered is left alone (it may have reached the receiver).
    Returns the cancelled ids; ``enqueue_delivery`` with the same key later returns the
    cancelled row, which its caller may re-arm."""
    ids = list(
        session.scalars(
            update(Delivery)
            .where(
                Delivery.idempotency_key.startswith(key_prefix, autoescape=True),
                Delivery.state.in_(CANCELLABLE),
            )
            .values(state="cancelled", due_at=None, locked_by=None, locked_until=None,
                    last_error=f"cancelled at {now.isoformat()}")
            .returning(Delivery.id)
            .execution_options(synchronize_session=False)
        )
    )  # fmt: skip
    for row in session.identity_map.values():
        if isinstance(row, Delivery) and row.id in ids:
            session.expire(row)
    return sorted(ids)


def counts_by_state(session: Session) -> dict[str, int]:
    rows = session.execute(select(Delivery.state, func.count()).group_by(Delivery.state)).all()
    return {state: int(n) for state, n in rows}
