"""Task status actions over HTTP (L-1, L-2, D-1 … D-4, C-1 … C-3) and follow-up completion."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field
from sqlalchemy import select

from salesops.accounts.models import Contact
from salesops.core.http import ReadModel, StrictModel
from salesops.flows import conversion
from salesops.opportunities import follow_ups
from salesops.opportunities import service as opportunities
from salesops.opportunities.api import fields_of
from salesops.opportunities.schemas import OpportunityFields, OpportunityRead
from salesops.tasks import lifecycle
from salesops.tasks.schemas import TaskRead
from salesops.tasks.service import get_task
from salesops.users import service as users
from salesops.users.http import CtxDep

router = APIRouter(tags=["tasks"])


class DisqualifyBody(StrictModel):
    reason: str = Field(description="A reason from the playbook's picklist (D-2)")
    notes: str | None = Field(default=None, description="≤ 250 characters, specific (D-1)")
    ban_sender: bool = Field(default=False, description="Spam only: ban the sender (I-9)")
    ban_scope: Literal["address", "domain"] = "address"
    revisit_on: date | None = Field(
        default=None, description="D-4: Prospect reasons: when to revisit (default: the playbook's)"
    )


class NurtureBody(StrictModel):
    follow_up_on: date | None = Field(default=None, description="When to chat again (L-1)")
    notes: str | None = Field(default=None, max_length=2000)


class StartupPlanBody(StrictModel):
    heavy_user: bool = Field(default=False, description="Nurture instead of disqualifying (L-2)")
    follow_up_on: date | None = None
    notes: str | None = None


class CriteriaBody(StrictModel):
    criteria: dict[str, bool | date | None] = Field(
        description="C-1 keys (call_held, problem_identified, …) and the C-3 call facts "
        "(engineer_on_first_call, second_call_on)"
    )


class ConvertBody(StrictModel):
    criteria: dict[str, bool | date | None] = Field(default_factory=dict)
    record_type: str | None = Field(default=None, description="Q-1; by paying status if blank")
    contact_role: str = Field(default="Primary", max_length=60)
    opportunity: OpportunityFields = Field(
        default_factory=OpportunityFields,
        description="Optional opportunity fields: name, opp_type, amount, close_date, …",
    )


class RevisitRead(ReadModel):
    id: int
    email: str
    name: str
    account_id: int
    revisit_on: date | None
    revisit_reason: str | None


@router.post("/tasks/{task_id}/disqualify", response_model=TaskRead)
def disqualify(ctx: CtxDep, task_id: int, body: DisqualifyBody) -> Any:
    """D-1 … D-4: disqualify with a picklist reason; side effects go through the outbox."""
    with ctx.uow() as s:
        task = get_task(s, task_id)
        users.require_can_edit_owned(ctx.user, task.owner_id)
        return lifecycle.disqualify(
            s,
            task,
            body.reason,
            now=ctx.now(),
            notes=body.notes,
            actor=ctx.user,
            options={
                "ban_sender": body.ban_sender,
                "ban_scope": body.ban_scope,
                "revisit_on": body.revisit_on,
            },
            picked=True,
        )


@router.post("/tasks/{task_id}/reopen", response_model=TaskRead)
def reopen(ctx: CtxDep, task_id: int) -> Any:
    """Issue 17 item 6: a disqualified task is Working again; the decision log keeps the
    reason it had."""
    with ctx.uow() as s:
        return lifecycle.reopen(s, ctx.user, get_task(s, task_id), now=ctx.now())


@router.post("/tasks/{task_id}/nurture", response_model=TaskRead)
def nurture(ctx: CtxDep, task_id: int, body: NurtureBody) -> Any:
    """L-1: Nurturing with a follow-up date; a reminder task is due for the owner."""
    with ctx.uow() as s:
        return lifecycle.nurture(
            s,
            ctx.user,
            get_task(s, task_id),
            now=ctx.now(),
            follow_up_on=body.follow_up_on,
            notes=body.notes,
        )


@router.post("/tasks/{task_id}/startup-plan", response_model=TaskRead)
def startup_plan(ctx: CtxDep, task_id: int, body: StartupPlanBody) -> Any:
    """L-2: send the startup-plan application; disqualify, or nurture a heavy user."""
    with ctx.uow() as s:
        return lifecycle.startup_plan(
            s,
            ctx.user,
            get_task(s, task_id),
            now=ctx.now(),
            heavy_user=body.heavy_user,
            follow_up_on=body.follow_up_on,
            notes=body.notes,
        )


@router.put("/tasks/{task_id}/conversion-criteria", response_model=TaskRead)
def record_criteria(ctx: CtxDep, task_id: int, body: CriteriaBody) -> Any:
    """C-1: record criteria as they become true."""
    with ctx.uow() as s:
        return conversion.record_criteria(
            s, ctx.user, get_task(s, task_id), body.criteria, ctx.now()
        )


@router.post("/tasks/{task_id}/convert", status_code=201)
def convert(ctx: CtxDep, task_id: int, body: ConvertBody) -> Any:
    """C-1 … C-3: convert to an opportunity; 422 names the missing criteria."""
    now = ctx.now()
    with ctx.uow() as s:
        opp = conversion.convert(
            s,
            ctx.user,
            get_task(s, task_id),
            now=now,
            criteria=body.criteria,
            record_type=body.record_type,
            contact_role=body.contact_role,
            opportunity=fields_of(body.opportunity),
        )
        return OpportunityRead.model_validate(opportunities.view(s, opp, now.date()))


@router.post("/tasks/{task_id}/complete", response_model=TaskRead)
def complete(ctx: CtxDep, task_id: int) -> Any:
    """Mark a follow-up or check-in task done (Q-8, Q-11, Q-12, L-1 reminders)."""
    with ctx.uow() as s:
        return follow_ups.complete(s, ctx.user, get_task(s, task_id), ctx.now())


@router.get("/revisits", response_model=list[RevisitRead], summary="D-4: the revisit list")
def revisits(ctx: CtxDep, due_by: date | None = None) -> Any:
    with ctx.uow(readonly=True) as s:
        query = select(Contact).where(Contact.revisit_on.is_not(None))
        if due_by is not None:
            query = query.where(Contact.revisit_on <= due_by)
        return list(s.scalars(query.order_by(Contact.revisit_on, Contact.id).limit(500)))
