"""Scores, classification and triage over HTTP (S-1 … S-4, R-1). Thin."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field

from salesops.core.http import StrictModel
from salesops.flows import reclassify, rescoring
from salesops.scoring import service
from salesops.tasks.service import get_task
from salesops.users import service as users
from salesops.users.http import CtxDep

router = APIRouter(tags=["scoring"])


class ClassificationOverride(StrictModel):
    classification: Literal["sales", "support", "billing", "spam"]
    note: str | None = Field(default=None, max_length=250)


@router.get("/tasks/{task_id}/scores", summary="Scores, breakdowns, signals and triage of a task")
def task_scores(ctx: CtxDep, task_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        return service.task_scores(s, get_task(s, task_id))


@router.post("/tasks/{task_id}/classification", summary="Override a task's classification (R-1)")
def override_classification(ctx: CtxDep, task_id: int, body: ClassificationOverride) -> Any:
    with ctx.uow() as s:
        task = get_task(s, task_id)
        reclassify.override_classification(
            s,
            users.get_user(s, ctx.user.id),
            task,
            body.classification,
            ctx.now(),
            note=body.note,
        )
        return service.task_scores(s, task) | {"status": task.status, "owner_id": task.owner_id}


@router.post("/scoring/recompute", summary="Recompute every score under the active playbook (S-4)")
def recompute(ctx: CtxDep) -> Any:
    users.require_role(ctx.user, "admin")
    with ctx.uow() as s:
        return service.recompute_all(s, ctx.now())


@router.get(
    "/scoring/recompute",
    summary="Progress of the latest background recompute (S-4, after a playbook change)",
)
def recompute_progress(ctx: CtxDep) -> Any:
    """A playbook version that changes scoring weights or I-8 rules queues it by itself."""
    with ctx.uow(readonly=True) as s:
        return rescoring.recompute_progress(s)


@router.post(
    "/scoring/recompute/jobs",
    status_code=202,
    summary="Queue a background recompute of every score (S-4); follow it with GET",
)
def queue_recompute(ctx: CtxDep) -> Any:
    users.require_role(ctx.user, "admin")
    with ctx.uow() as s:
        rescoring.queue_recompute(s, ctx.now())
        return rescoring.recompute_progress(s)
