"""Send email from salesops over HTTP (issue 20 item 1): preview a draft, send it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, status
from pydantic import Field

from salesops.core.http import ReadModel, StrictModel
from salesops.flows import outreach, ownership
from salesops.users.http import CtxDep
from salesops.users.service import require_role

router = APIRouter(tags=["emails"])


class EmailDraftIn(StrictModel):
    task_id: int | None = None
    contact_id: int | None = None
    account_id: int | None = None
    opportunity_id: int | None = None
    template: str | None = Field(default=None, max_length=40)
    to: list[str] | None = Field(default=None, max_length=20)
    subject: str = Field(default="", max_length=250)
    body: str = Field(default="", max_length=100_000)


class EmailSend(EmailDraftIn):
    idempotency_key: str | None = Field(
        default=None,
        max_length=120,
        description="The same key again sends nothing new (else the Idempotency-Key header)",
    )


class TemplateRef(ReadModel):
    key: str
    name: str


class EmailDraft(ReadModel):
    to: list[str]
    subject: str
    body: str
    template: str | None
    warning: str | None
    templates: list[TemplateRef]


class EmailSent(ReadModel):
    delivery_id: int
    activity_id: int | None
    message_id: str
    reply_to: str
    warning: str | None
    duplicate: bool


@router.post(
    "/emails/preview",
    response_model=EmailDraft,
    summary="A draft: the template rendered with its merge fields, and the A-4 warning",
)
def preview_email(ctx: CtxDep, body: EmailDraftIn) -> Any:
    with ctx.uow(readonly=True) as s:
        draft = outreach.compose(s, ctx.user, body.model_dump(), ctx.now())
        return EmailDraft(
            to=draft.to, subject=draft.subject, body=draft.body, template=draft.template,
            warning=draft.warning, templates=[TemplateRef(**t) for t in draft.templates],
        )  # fmt: skip


@router.post(
    "/emails",
    response_model=EmailSent,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Send an email (X-1 outbox; logged as email_out, A-1; a touch, T-3)",
)
def send_email(
    ctx: CtxDep,
    body: EmailSend,
    idempotency_key: Annotated[str | None, Header(max_length=120)] = None,
) -> Any:
    key = body.idempotency_key or idempotency_key or ""
    with ctx.uow() as s:
        sent = outreach.send_email(s, ctx.user, body.model_dump(), ctx.now(), key=key)
        return EmailSent(**sent.__dict__)


# -- reassign a task, an account or a deal (issue 17 item 4; U-2, M-3) ----------------

owner_router = APIRouter(tags=["ownership"])


class ReassignIn(StrictModel):
    owner_id: int = Field(description="Who gets it (an active user)")
    why: str = Field(min_length=1, max_length=300, description="Kept in the decision log (O-8)")
    with_account: bool | None = Field(
        default=None,
        description="A task or deal on an account someone else owns: true moves the whole "
        "account with its open work (M-3), false only this record; required then",
    )


class ReassignOut(ReadModel):
    status: str  # "done" (an admin) or "requested" (a salesperson: an admin approves)
    request_id: int | None
    plan: dict[str, Any]


class RequestAnswer(StrictModel):
    approve: bool
    note: str = Field(default="", max_length=300)


class RequestRead(ReadModel):
    id: int
    requested_by: int | None
    at: Any
    request: dict[str, Any]


def _reassign(ctx: Any, kind: str, record_id: int, body: ReassignIn) -> ReassignOut:
    with ctx.uow() as s:
        plan, asked = ownership.reassign(
            s, ctx.user, kind, record_id, body.owner_id, why=body.why, now=ctx.now(),
            with_account=body.with_account,
        )  # fmt: skip
        return ReassignOut(
            status="requested" if asked else "done",
            request_id=asked.id if asked else None,
            plan=plan.as_json(),
        )


@owner_router.post(
    "/tasks/{task_id}/reassign",
    response_model=ReassignOut,
    summary="Reassign a task (admins) or ask an admin to (sales): U-2, M-3",
)
def reassign_task(ctx: CtxDep, task_id: int, body: ReassignIn) -> Any:
    return _reassign(ctx, "task", task_id, body)


@owner_router.post(
    "/accounts/{account_id}/reassign",
    response_model=ReassignOut,
    summary="Reassign an account with its open tasks and deals (M-3); sales ask an admin",
)
def reassign_account(ctx: CtxDep, account_id: int, body: ReassignIn) -> Any:
    return _reassign(ctx, "account", account_id, body)


@owner_router.post(
    "/opportunities/{opp_id}/reassign",
    response_model=ReassignOut,
    summary="Reassign a deal (admins) or ask an admin to (sales): U-2, M-3",
)
def reassign_opportunity(ctx: CtxDep, opp_id: int, body: ReassignIn) -> Any:
    return _reassign(ctx, "opportunity", opp_id, body)


@owner_router.get(
    "/reassign-requests",
    response_model=list[RequestRead],
    summary="Reassignment requests waiting for an admin (admins)",
)
def reassign_requests(ctx: CtxDep) -> Any:
    require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        return [
            RequestRead(id=d.id, requested_by=d.actor_id, at=d.at, request=dict(d.inputs or {}))
            for d in ownership.pending_requests(s)
        ]


@owner_router.post(
    "/reassign-requests/{request_id}",
    response_model=ReassignOut,
    summary="Approve (it changes hands) or refuse a reassignment request (admins)",
)
def answer_reassign_request(ctx: CtxDep, request_id: int, body: RequestAnswer) -> Any:
    with ctx.uow() as s:
        plan = ownership.resolve_request(
            s, ctx.user, request_id, approve=body.approve, now=ctx.now(), note=body.note
        )
        return ReassignOut(
            status="done" if plan else "refused",
            request_id=request_id,
            plan=plan.as_json() if plan else {},
        )


router.include_router(owner_router)
