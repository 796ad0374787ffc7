"""Deliveries over HTTP (X-1): list (e.g. ``?state=dead``, ``?state=unknown``), read,
admin retry or discard of a dead, parked or held delivery, one or many at once."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field

from salesops.core.http import PageDep, ReadModel, StrictModel, page_of, paginate
from salesops.core.outbox import Delivery
from salesops.core.outbox_rules import one_line_reason
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
    reason: str = ""  # the last error as one line a person can read (no traceback)


def _read(row: Delivery) -> DeliveryRead:
    out = DeliveryRead.model_validate(row)
    out.reason = one_line_reason(row.last_error)
    return out


class BulkDeliveries(StrictModel):
    action: Literal["retry", "discard"]
    ids: list[int] = Field(min_length=1, max_length=service.BULK_LIMIT)


class BulkResult(ReadModel):
    done: list[int]
    refused: dict[int, str]


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
        out = page_of(rows, total, page, DeliveryRead)
        for item, row in zip(out["items"], rows, strict=True):
            item.reason = one_line_reason(row.last_error)
        return out


@router.get("/deliveries/{delivery_id}", response_model=DeliveryRead)
def get_delivery(ctx: CtxDep, delivery_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        return _read(service.get_delivery(s, delivery_id))


@router.post(
    "/deliveries/{delivery_id}/retry",
    response_model=DeliveryRead,
    summary="Admin: send a dead, parked (not configured) or held (outcome unknown) delivery again",
)
def retry_delivery(ctx: CtxDep, delivery_id: int) -> Any:
    with ctx.uow() as s:
        return _read(service.retry(s, ctx.user, delivery_id, ctx.now()))


@router.post(
    "/deliveries/{delivery_id}/discard",
    response_model=DeliveryRead,
    summary="Admin: give up a dead, parked or held delivery (it is never sent)",
)
def discard_delivery(ctx: CtxDep, delivery_id: int) -> Any:
    with ctx.uow() as s:
        return _read(service.discard_one(s, ctx.user, delivery_id, ctx.now()))


@router.post(
    "/deliveries/bulk",
    response_model=BulkResult,
    summary="Admin: retry or discard many deliveries at once; each is done or refused alone",
)
def bulk_deliveries(ctx: CtxDep, body: BulkDeliveries) -> Any:
    with ctx.uow() as s:
        done, refused = service.bulk(s, ctx.user, body.action, body.ids, ctx.now())
    return BulkResult(done=done, refused=refused)
