"""The email composer and the notification centre, as HTML (issue 20 items 1 and 3).

The composer opens from a task, contact, account or opportunity page, fills the
chosen playbook template (``flows.outreach.compose``), shows the A-4 warning before
anything is sent, and sends through ``flows.outreach.send_email`` (the same use-case
as ``POST /api/v1/emails``); a hidden one-time key makes a double submit send once.
The bell in the top bar is an htmx fragment polled every few seconds.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.core.errors import DomainError
from salesops.flows import outreach
from salesops.intake import mailboxes
from salesops.intake.imap_sync import sync_mailbox
from salesops.intake.mailboxes import Mailbox
from salesops.users import notify
from salesops.users.models import User
from salesops.users.notifications import Notification
from salesops.web.common import Csrf, WebCtx, flash, pending_form, pop_flash, redirect, render

router = APIRouter(include_in_schema=False)
IDS = ("task_id", "contact_id", "account_id", "opportunity_id")
BELL_POLL_SECONDS = 5


def _ids(values: dict[str, Any]) -> dict[str, int]:
    out = {}
    for name in IDS:
        value = str(values.get(name) or "").strip()
        if value.isdigit():
            out[name] = int(value)
    return out


def _back(ids: dict[str, int], draft: outreach.Draft | None = None) -> str:
    if "task_id" in ids:
        return f"/tasks/{ids['task_id']}"
    if "opportunity_id" in ids:
        return f"/opportunities/{ids['opportunity_id']}"
    if draft is not None:
        return f"/accounts/{draft.thread.account.id}"
    return "/app"


@router.get("/compose", response_class=HTMLResponse)
def compose_page(request: Request, ctx: WebCtx, template: str = "") -> Response:
    """A DomainError (an unknown task or template) is the app's HTML error page."""
    ids = _ids(dict(request.query_params))
    typed = pending_form(request).get("values") or {}  # a refused send's text (PRG)
    with ctx.uow(readonly=True) as s:
        wanted = {**ids, "template": template, **typed}
        draft = outreach.compose(s, ctx.user, wanted, ctx.now())
        thread = draft.thread
        context: dict[str, Any] = {
            "draft": draft,
            "contact": thread.contact,
            "account": thread.account,
            "task": thread.task,
        }
    return render(
        request, "compose/compose.html", ctx=ctx, ids=ids, back=_back(ids, draft),
        key=secrets.token_urlsafe(12), flash=pop_flash(request), errors={}, **context,
    )  # fmt: skip


@router.post("/compose", dependencies=[Csrf])
def send(
    request: Request,
    ctx: WebCtx,
    to: Annotated[str, Form()] = "",
    subject: Annotated[str, Form()] = "",
    body: Annotated[str, Form()] = "",
    template: Annotated[str, Form()] = "",
    key: Annotated[str, Form()] = "",
    task_id: Annotated[str, Form()] = "",
    contact_id: Annotated[str, Form()] = "",
    account_id: Annotated[str, Form()] = "",
    opportunity_id: Annotated[str, Form()] = "",
) -> Response:
    ids = _ids(
        {"task_id": task_id, "contact_id": contact_id, "account_id": account_id,
         "opportunity_id": opportunity_id}
    )  # fmt: skip
    recipients = [a.strip() for a in to.replace(";", ",").split(",") if a.strip()]
    data: dict[str, Any] = {
        **ids,
        "to": recipients,
        "subject": subject,
        "body": body,
    }
    try:
        with ctx.uow() as s:
            sent = outreach.send_email(s, ctx.user, data, ctx.now(), key=key)
    except DomainError as exc:
        with ctx.uow(readonly=True) as s:
            draft = outreach.compose(s, ctx.user, {**ids, **data}, ctx.now())
            thread = draft.thread
            return render(
                request, "compose/compose.html", ctx=ctx, status_code=exc.status, ids=ids,
                back=_back(ids, draft), key=key, draft=draft, contact=thread.contact,
                account=thread.account, task=thread.task, errors={"send": exc.detail},
                values={"to": recipients, "subject": subject, "body": body, "template": template},
                refused_to="/compose?" + urlencode({**ids, "template": template}),
            )  # fmt: skip
    flash(
        request,
        f"Email to {', '.join(recipients) or 'the contact'} queued: it is on the timeline."
        if not sent.duplicate
        else "That email was already sent.",
    )
    return redirect(_back(ids) if ids.get("task_id") or ids.get("opportunity_id") else "/app")


# -- notification centre ---------------------------------------------------------


@router.get("/notifications/bell", response_class=HTMLResponse)
def bell(request: Request, ctx: WebCtx) -> Response:
    with ctx.uow(readonly=True) as s:
        count = notify.unread_count(s, ctx.user.id)
    return render(request, "notifications/_bell.html", ctx=ctx, count=count)


@router.get("/notifications", response_class=HTMLResponse)
def notifications_page(request: Request, ctx: WebCtx) -> Response:
    with ctx.uow(readonly=True) as s:
        items = list(
            s.scalars(notify.inbox_query(ctx.user.id).order_by(Notification.id.desc()).limit(100))
        )
        prefs = notify.preferences(s, s.get(User, ctx.user.id))  # type: ignore[arg-type]
        for item in items:
            s.expunge(item)
    return render(
        request, "notifications/list.html", ctx=ctx, items=items, prefs=prefs,
        events=notify.EVENTS, channels=notify.CHANNELS, flash=pop_flash(request),
    )  # fmt: skip


@router.post("/notifications/read-all", dependencies=[Csrf])
def read_all(request: Request, ctx: WebCtx) -> Response:
    with ctx.uow() as s:
        notify.mark_read(s, ctx.user, None, ctx.now())
    return redirect("/notifications")


@router.post("/notifications/preferences", dependencies=[Csrf])
async def save_preferences(request: Request, ctx: WebCtx) -> Response:
    form = await request.form()
    events = {e: [c for c in notify.CHANNELS if form.get(f"{e}:{c}")] for e in notify.EVENTS}
    data = {
        "events": events,
        "digest": bool(form.get("digest")),
        "slack_user_id": str(form.get("slack_user_id") or ""),
    }
    try:
        with ctx.uow() as s:
            notify.set_preferences(s, s.get(User, ctx.user.id), data)  # type: ignore[arg-type]
    except DomainError as exc:
        flash(request, exc.detail)
        return redirect("/notifications")
    flash(request, "Notification choices saved.")
    return redirect("/notifications")


# -- your mailbox (issue 20 item 2) ---------------------------------------------------


@router.get("/mailbox", response_class=HTMLResponse)
def mailbox_page(request: Request, ctx: WebCtx) -> Response:
    with ctx.uow(readonly=True) as s:
        box = s.scalar(select(Mailbox).where(Mailbox.user_id == ctx.user.id))
        if box is not None:
            s.expunge(box)
    return render(
        request, "notifications/mailbox.html", ctx=ctx, box=box, flash=pop_flash(request),
        errors={},
    )  # fmt: skip


@router.post("/mailbox", dependencies=[Csrf])
def mailbox_connect(
    request: Request,
    ctx: WebCtx,
    host: Annotated[str, Form()] = "",
    port: Annotated[str, Form()] = "993",
    login: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    use_ssl: Annotated[str, Form()] = "",
) -> Response:
    data = {"host": host, "port": port if port.isdigit() else 0, "login": login,
            "password": password, "use_ssl": bool(use_ssl)}  # fmt: skip
    try:
        with ctx.uow() as s:
            mailboxes.connect_mailbox(s, ctx.user, data, ctx.now())
    except DomainError as exc:
        return render(
            request, "notifications/mailbox.html", ctx=ctx, status_code=exc.status, box=None,
            errors={"connect": exc.detail}, form=data,
        )  # fmt: skip
    flash(request, "Mailbox connected: it syncs every few minutes (or now, below).")
    return redirect("/mailbox")


@router.post("/mailbox/sync", dependencies=[Csrf])
def mailbox_sync(request: Request, ctx: WebCtx) -> Response:
    with ctx.uow(readonly=True) as s:
        box = s.scalar(select(Mailbox.id).where(Mailbox.user_id == ctx.user.id))
    if box is None:
        return redirect("/mailbox")
    try:
        got = sync_mailbox(ctx.rt, box, ctx.now())
        flash(request, f"Synced: {got['read']} new message(s), {got['logged']} on timelines.")
    except Exception as exc:  # noqa: BLE001 - shown to the user, kept on the mailbox
        flash(request, f"Could not sync: {type(exc).__name__}: {exc}"[:300])
    return redirect("/mailbox")
