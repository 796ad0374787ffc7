"""Opportunities over HTTP (Q-1 … Q-13) and the Q-8 milestones (feature shipped, certified)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel

from salesops.core.http import PageDep, page_of, paginate
from salesops.opportunities import follow_ups, service, stages
from salesops.opportunities.models import Opportunity
from salesops.opportunities.schemas import (
    HistoryRead,
    MilestoneCreate,
    MilestoneRead,
    OpportunityCreate,
    OpportunityRead,
    OpportunitySummary,
    OpportunityUpdate,
    StageMove,
    TrialStart,
)
from salesops.users.http import CtxDep

router = APIRouter(tags=["opportunities"])

SORTS = {
    "created_at": Opportunity.created_at,
    "close_date": Opportunity.close_date,
    "amount": Opportunity.amount,
    "stage": Opportunity.stage,
}


def fields_of(model: BaseModel, *, exclude_unset: bool = False) -> dict[str, Any]:
    """A body as service data; nested models (next step) as JSON-ready dicts."""
    data = model.model_dump(exclude_unset=exclude_unset)
    if data.get("next_step") is not None:
        data["next_step"] = model.next_step.model_dump(mode="json")  # type: ignore[attr-defined]
    return data


def _read(ctx: CtxDep, s: Any, opp: Opportunity) -> OpportunityRead:
    return OpportunityRead.model_validate(service.view(s, opp, ctx.now().date()))


@router.get("/opportunities", summary="List opportunities")
def list_opportunities(
    ctx: CtxDep,
    page: PageDep,
    owner_id: int | None = None,
    account_id: int | None = None,
    stage: str | None = None,
    record_type: str | None = None,
    is_closed: bool | None = None,
) -> Any:
    with ctx.uow(readonly=True) as s:
        query = service.opportunities_query(
            owner_id=owner_id,
            account_id=account_id,
            stage=stage,
            record_type=record_type,
            is_closed=is_closed,
        )
        rows, total = paginate(
            s, query, page, sortable=SORTS, default_sort="-created_at", id_column=Opportunity.id
        )
        return page_of(rows, total, page, OpportunitySummary)


@router.get("/opportunities/hygiene", summary="Q-10: open deals without a (current) next step")
def hygiene(ctx: CtxDep, owner_id: int | None = None) -> Any:
    with ctx.uow(readonly=True) as s:
        return service.next_step_hygiene(s, ctx.now().date(), owner_id=owner_id)


@router.post("/opportunities", response_model=OpportunityRead, status_code=status.HTTP_201_CREATED)
def create_opportunity(ctx: CtxDep, body: OpportunityCreate) -> Any:
    with ctx.uow() as s:
        opp = service.create_opportunity(s, ctx.user, fields_of(body), ctx.now())
        return _read(ctx, s, opp)


@router.get("/opportunities/{opportunity_id}", response_model=OpportunityRead)
def get_opportunity(ctx: CtxDep, opportunity_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        return _read(ctx, s, service.get_opportunity(s, opportunity_id))


@router.patch("/opportunities/{opportunity_id}", response_model=OpportunityRead)
def update_opportunity(ctx: CtxDep, opportunity_id: int, body: OpportunityUpdate) -> Any:
    with ctx.uow() as s:
        opp = service.get_opportunity(s, opportunity_id)
        service.update_opportunity(s, ctx.user, opp, fields_of(body, exclude_unset=True), ctx.now())
        return _read(ctx, s, opp)


@router.post("/opportunities/{opportunity_id}/stage", response_model=OpportunityRead)
def move_stage(ctx: CtxDep, opportunity_id: int, body: StageMove) -> Any:
    """Q-4 / Q-5: 409 names the missing exit criteria; Closed Lost needs a loss reason."""
    with ctx.uow() as s:
        opp = service.get_opportunity(s, opportunity_id)
        stages.move_stage(
            s,
            ctx.user,
            opp,
            body.stage,
            ctx.now(),
            loss_reason=body.loss_reason,
            loss_detail=body.loss_detail,
            waiting_for=body.waiting_for,
        )
        return _read(ctx, s, opp)


@router.post("/opportunities/{opportunity_id}/trial", response_model=OpportunityRead)
def start_trial(ctx: CtxDep, opportunity_id: int, body: TrialStart) -> Any:
    """Q-11: trial length by size, wrap-up and pricing reminders."""
    with ctx.uow() as s:
        opp = service.get_opportunity(s, opportunity_id)
        stages.start_trial(s, ctx.user, opp, body.starts_on, ctx.now())
        return _read(ctx, s, opp)


@router.get("/opportunities/{opportunity_id}/history", response_model=HistoryRead)
def history(ctx: CtxDep, opportunity_id: int) -> Any:
    """Q-4 / Q-6: stage and forecast-category history (moves to earlier categories flagged)."""
    with ctx.uow(readonly=True) as s:
        return service.history(s, service.get_opportunity(s, opportunity_id))


@router.post("/milestones", response_model=MilestoneRead, status_code=status.HTTP_201_CREATED)
def mark_milestone(ctx: CtxDep, body: MilestoneCreate) -> Any:
    """Q-8 (admin): a feature shipped or a certification obtained; waiting follow-ups → due."""
    with ctx.uow() as s:
        milestone, tasks = follow_ups.mark_milestone(s, ctx.user, body.kind, body.name, ctx.now())
        read = MilestoneRead.model_validate(milestone)
        read.follow_up_task_ids = [t.id for t in tasks]
        return read
