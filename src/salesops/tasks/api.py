"""Tasks over HTTP."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from salesops.core.errors import ValidationFailed
from salesops.core.http import PageDep, page_of, paginate
from salesops.flows import pipeline
from salesops.opportunities.rfp import task_rfp_suggestion
from salesops.tasks import service, side_effects
from salesops.tasks.models import Task
from salesops.tasks.schemas import TaskCreate, TaskRead, TaskUpdate
from salesops.users.http import CtxDep

router = APIRouter(tags=["tasks"])


def parse_age(value: str, field: str) -> timedelta:
    """'24h', '90m', '2d' → a timedelta; anything else is a 422 naming the field."""
    units = {"m": "minutes", "h": "hours", "d": "days"}
    number, unit = value.strip()[:-1], value.strip()[-1:].lower()
    if unit not in units or not number.isdigit():
        raise ValidationFailed(f"{field} must look like 24h, 90m or 2d", field=field, rule="R-9")
    return timedelta(**{units[unit]: int(number)})


TASK_SORTS = {
    "created_at": Task.created_at,
    "updated_at": Task.updated_at,
    "last_touched_at": Task.last_touched_at,
    "status": Task.status,
    "due_on": Task.due_on,
}


@router.get("/tasks", summary="List tasks")
def list_tasks(
    ctx: CtxDep,
    page: PageDep,
    owner_id: int | None = None,
    status: str | None = None,
    territory: str | None = None,
    lead_source: str | None = None,
    account_id: int | None = None,
    kind: str | None = None,
    updated_since: datetime | None = None,
    overdue: Annotated[
        str | None, Query(description="R-9: untouched for longer than e.g. 24h, 90m or 2d")
    ] = None,
) -> Any:
    untouched_before = ctx.now() - parse_age(overdue, "overdue") if overdue else None
    with ctx.uow(readonly=True) as s:
        query = service.tasks_query(
            owner_id=owner_id,
            status=status,
            territory=territory,
            lead_source=lead_source,
            account_id=account_id,
            kind=kind,
            updated_since=updated_since,
            untouched_before=untouched_before,
        )
        rows, total = paginate(
            s, query, page, sortable=TASK_SORTS, default_sort="-created_at", id_column=Task.id
        )
        return page_of(rows, total, page, TaskRead)


def _read(s: Any, task: Task) -> TaskRead:
    """One task's answer, with Q-13's suggestion (as the task page shows it)."""
    out = TaskRead.model_validate(task)
    out.rfp_suggestion = task_rfp_suggestion(s, task)
    return out


@router.get("/tasks/{task_id}", response_model=TaskRead)
def get_task(ctx: CtxDep, task_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        return _read(s, service.get_task(s, task_id))


@router.get(
    "/tasks/{task_id}/side-effects",
    summary="D-3, X-1: the side effects this task promised (ticket, onboarding email, …) "
    "and how each stands",
)
def task_side_effects(ctx: CtxDep, task_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        service.get_task(s, task_id)
        return {"items": side_effects.effects_of(s, task_id)}


@router.post("/tasks", response_model=TaskRead, status_code=status.HTTP_201_CREATED)
def create_task(ctx: CtxDep, body: TaskCreate) -> Any:
    with ctx.uow() as s:
        return pipeline.create_task(s, ctx.user, body.model_dump(), ctx.now())


@router.patch("/tasks/{task_id}", response_model=TaskRead)
def update_task(ctx: CtxDep, task_id: int, body: TaskUpdate) -> Any:
    with ctx.uow() as s:
        task = service.get_task(s, task_id)
        task = service.update_task(
            s, ctx.user, task, body.model_dump(exclude_unset=True), ctx.now()
        )
        return _read(s, task)
