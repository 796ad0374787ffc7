"""Deliveries over HTTP (X-1): list (e.g. ``?state=dead``, ``?state=unknown``), read,
admin retry of a dead, parked or held delivery."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter

from salesops.core.http import PageDep, ReadModel, page_of, paginate
from salesops.core.outbox import Delivery
from salesops.integrations import service
from salesops.users.http import CtxDep

router = APIRouter(tags=["deliveries"])


class DeliveryRead(ReadModel):
    id: int
    channel: str
    payload: dict[str, Any]
    idempotency_key: str
    state: str
    attempts: int
    max_attempts: int
    next_attempt_at: datetime
    maybe_sent: bool
    last_error: str | None
    result: dict[str, Any] | None
    subject_type: str | None
    subject_id: int | None
    created_at: datetime
    delivered_at: datetime | None


@router.get("/deliveries", summary="Outbound deliveries; ?state=dead is the dead-letter list")
def list_deliveries(
    ctx: CtxDep,
    page: PageDep,
    state: str | None = None,
    channel: str | None = None,
    subject_type: str | None = None,
    subject_id: int | None = None,
) -> Any:
    with ctx.uow(readonly=True) as s:
        query = service.deliveries_query(
            state=state, channel=channel, subject_type=subject_type, subject_id=subject_id
        )
        rows, total = paginate(
            s,
            query,
            page,
            sortable={"id": Delivery.id, "created_at": Delivery.created_at},
            default_sort="-id",
            id_column=Delivery.id,
        )
        return page_of(rows, total, page, DeliveryRead)


@router.get("/deliveries/{delivery_id}", response_model=DeliveryRead)
def get_delivery(ctx: CtxDep, delivery_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        return service.get_delivery(s, delivery_id)


@router.post(
    "/deliveries/{delivery_id}/retry",
    response_model=DeliveryRead,
    summary="Admin: send a dead, parked (not configured) or held (outcome unknown) delivery again",
)
def retry_delivery(ctx: CtxDep, delivery_id: int) -> Any:
    with ctx.uow() as s:
        return service.retry(s, ctx.user, delivery_id, ctx.now())
