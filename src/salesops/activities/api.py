"""The account timeline (A-1) and human activity logging over HTTP."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, status
from pydantic import Field

from salesops.accounts.service import get_account
from salesops.activities import service
from salesops.activities.models import Activity
from salesops.core.http import PageDep, ReadModel, StrictModel, page_of, paginate
from salesops.users.http import CtxDep

router = APIRouter(tags=["activities"])


class ActivityCreate(StrictModel):
    kind: Literal["email_in", "email_out", "call", "meeting", "note"]
    account_id: int | None = None
    contact_id: int | None = None
    task_id: int | None = None
    opportunity_id: int | None = None
    occurred_at: datetime | None = None
    subject: str = Field(default="", max_length=500)
    body: str = Field(default="", max_length=100_000)


class ActivityRead(ReadModel):
    id: int
    kind: str
    account_id: int
    contact_id: int | None
    task_id: int | None
    opportunity_id: int | None
    actor_id: int | None
    occurred_at: datetime
    subject: str
    body: str
    source_ref: str | None
    meta: dict[str, Any]
    created_at: datetime


@router.get("/accounts/{account_id}/timeline", summary="The account timeline (A-1), newest first")
def timeline(
    ctx: CtxDep,
    page: PageDep,
    account_id: int,
    contact_id: int | None = None,
    task_id: int | None = None,
    kind: Annotated[list[str] | None, Query(description="filter by kind (repeatable)")] = None,
) -> Any:
    with ctx.uow(readonly=True) as s:
        get_account(s, account_id)
        query = service.timeline_query(
            account_id, contact_id=contact_id, task_id=task_id, kinds=kind
        )
        rows, total = paginate(
            s,
            query,
            page,
            sortable={"occurred_at": Activity.occurred_at},
            default_sort="-occurred_at",
            id_column=Activity.id,
        )
        return page_of(rows, total, page, ActivityRead)


@router.post(
    "/activities",
    response_model=ActivityRead,
    status_code=status.HTTP_201_CREATED,
    summary="Log a call, note, meeting or email (A-1; on a task it counts as a touch, T-3)",
)
def create_activity(ctx: CtxDep, body: ActivityCreate) -> Any:
    with ctx.uow() as s:
        return service.log_human_activity(s, ctx.user, body.model_dump(), ctx.now())
