"""Send email from salesops over HTTP (issue 20 item 1): preview a draft, send it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, status
from pydantic import Field

from salesops.core.http import ReadModel, StrictModel
from salesops.flows import outreach
from salesops.users.http import CtxDep

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
