"""Deliveries (X-1) for people: the dead-letter list and the admin retry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from salesops.core.audit import record_decision
from salesops.core.errors import DomainError, NotFound, ValidationFailed
from salesops.core.outbox import STATES, Delivery, discard, rearm
from salesops.users import service as users
from salesops.users.models import User


def deliveries_query(
    *,
    state: str | None = None,
    channel: str | None = None,
    subject_type: str | None = None,
    subject_id: int | None = None,
) -> Select[Any]:
    query = select(Delivery)
    if state:
        if state not in STATES:
            raise ValidationFailed(f"state must be one of: {', '.join(STATES)}", field="state")
        query = query.where(Delivery.state == state)
    if channel:
        query = query.where(Delivery.channel == channel)
    if subject_type:
        query = query.where(Delivery.subject_type == subject_type)
    if subject_id is not None:
        query = query.where(Delivery.subject_id == subject_id)
    return query


def get_delivery(session: Session, delivery_id: int) -> Delivery:
    row = session.get(Delivery, delivery_id)
    if row is None:
        raise NotFound(f"delivery {delivery_id} not found", field="delivery_id")
    return row


def retry(session: Session, actor: User, delivery_id: int, now: datetime) -> Delivery:
    """X-1: an admin sends a dead, parked or held delivery again (same idempotency key;
    a dead one gets fresh attempts)."""
    users.require_role(actor, "admin")
    before = session.get(Delivery, delivery_id)
    was = before.state if before is not None else None
    row = rearm(session, delivery_id, now)
    record_decision(
        session,
        "delivery_retry",
        ("delivery", row.id),
        {"channel": row.channel, "idempotency_key": row.idempotency_key, "was": was},
        ["X-1"],
        f"admin retried {was} {row.channel} delivery",
        actor_id=actor.id,
        at=now,
    )
    return row


#: At most this many deliveries in one bulk action (a page of dead letters is 50).
BULK_LIMIT = 500


def discard_one(session: Session, actor: User, delivery_id: int, now: datetime) -> Delivery:
    """X-1: an admin gives up a dead, parked or held delivery (recorded, O-8)."""
    users.require_role(actor, "admin")
    before = session.get(Delivery, delivery_id)
    was = before.state if before is not None else None
    row = discard(session, delivery_id, now, f"discarded by {actor.name or actor.email}")
    record_decision(
        session,
        "delivery_discard",
        ("delivery", row.id),
        {"channel": row.channel, "idempotency_key": row.idempotency_key, "was": was},
        ["X-1"],
        f"admin discarded {was} {row.channel} delivery",
        actor_id=actor.id,
        at=now,
    )
    return row


def bulk(
    session: Session, actor: User, action: str, ids: list[int], now: datetime
) -> tuple[list[int], dict[int, str]]:
    """X-1: retry or discard many deliveries at once. Each one is done or refused on its
    own (a delivered one cannot be retried); returns (done ids, {id: why refused})."""
    users.require_role(actor, "admin")
    if action not in ("retry", "discard"):
        raise ValidationFailed("action must be retry or discard", field="action")
    unique = list(dict.fromkeys(ids))
    if not unique:
        raise ValidationFailed("choose at least one delivery", field="ids")
    if len(unique) > BULK_LIMIT:
        raise ValidationFailed(f"at most {BULK_LIMIT} deliveries at once", field="ids")
    act = retry if action == "retry" else discard_one
    done: list[int] = []
    refused: dict[int, str] = {}
    for delivery_id in unique:
        try:
            with session.begin_nested():
                act(session, actor, delivery_id, now)
            done.append(delivery_id)
        except DomainError as exc:
            refused[delivery_id] = exc.detail
    return done, refused
