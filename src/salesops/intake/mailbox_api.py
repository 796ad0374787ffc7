"""Your mailbox over HTTP (issue 20 item 2): connect, look, sync now, disconnect."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response, status
from pydantic import Field

from salesops.core.errors import ValidationFailed
from salesops.core.http import ReadModel, StrictModel
from salesops.intake import mailboxes
from salesops.intake.imap_sync import sync_mailbox
from salesops.users.http import CtxDep

router = APIRouter(tags=["mailbox"])


class MailboxConnect(StrictModel):
    host: str = Field(max_length=253, description="e.g. imap.gmail.com, outlook.office365.com")
    port: int = 993
    use_ssl: bool = True
    login: str = Field(max_length=254)
    password: str = Field(max_length=500, description="an app password; stored encrypted")


class MailboxRead(ReadModel):
    id: int
    host: str
    port: int
    use_ssl: bool
    login: str
    folders: dict[str, Any]
    synced_at: datetime | None
    last_error: str | None


class SyncResult(ReadModel):
    read: int
    logged: int


@router.put("/mailbox", response_model=MailboxRead, summary="Connect your IMAP mailbox")
def connect(ctx: CtxDep, body: MailboxConnect) -> Any:
    with ctx.uow() as s:
        return mailboxes.connect_mailbox(s, ctx.user, body.model_dump(), ctx.now())


@router.get("/mailbox", response_model=MailboxRead)
def show(ctx: CtxDep) -> Any:
    with ctx.uow(readonly=True) as s:
        return mailboxes.mailbox_of(s, ctx.user)


@router.post("/mailbox/sync", response_model=SyncResult, summary="Sync INBOX and Sent now")
def sync_now(ctx: CtxDep) -> Any:
    with ctx.uow(readonly=True) as s:
        box_id = mailboxes.mailbox_of(s, ctx.user).id
    try:
        return SyncResult(**sync_mailbox(ctx.rt, box_id, ctx.now()))
    except Exception as exc:  # the server's answer, in words; kept on the mailbox too
        raise ValidationFailed(
            f"mailbox: could not sync: {type(exc).__name__}: {exc}"[:500], field="mailbox"
        ) from None


@router.delete("/mailbox", status_code=status.HTTP_204_NO_CONTENT)
def disconnect(ctx: CtxDep) -> Response:
    with ctx.uow() as s:
        mailboxes.disconnect_mailbox(s, ctx.user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
