"""Deliveries (X-1) for people: the dead-letter list and the admin retry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from salesops.core.audit import record_decision
from salesops.core.errors import NotFound, ValidationFailed
from salesops.core.outbox import STATES, Delivery, rearm
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
