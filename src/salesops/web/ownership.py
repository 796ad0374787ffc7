"""Reassign a task, an account or a deal from its page (issue 17 item 4; U-2, M-3).

``/reassign/{kind}/{id}`` asks who gets it, then shows what moves (an account takes its
open tasks and deals with it; a task or deal on someone else's account asks whether
the account moves too) and asks for a reason before anything changes. An admin's
confirmation applies it; a salesperson's becomes a request in the admins' approval
inbox (``/admin/reassign-requests``). Everything goes through ``flows.ownership``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.core.errors import DomainError
from salesops.flows import ownership
from salesops.users.http import Ctx
from salesops.users.models import User
from salesops.users.service import require_role
from salesops.web.common import Csrf, WebCtx, flash, pop_flash, redirect, render
from salesops.web.forms import int_or_none

router = APIRouter(include_in_schema=False)
PAGE = {"task": "/tasks/{}", "account": "/accounts/{}", "opportunity": "/opportunities/{}"}


def _choice(value: Any) -> bool | None:
    return {"account": True, "record": False}.get(str(value or ""))


def _page(
    ctx: Ctx, kind: str, record_id: int, owner: int | None, choice: Any, *, status_code: int = 200,
    error: str | None = None, why: str = "",
) -> Response:  # fmt: skip
    plan = None
    with ctx.uow(readonly=True) as s:
        record = ownership.record_of(s, kind, record_id)
        name, current = ownership.name_of(record), record.owner_id
        people = list(s.scalars(select(User).where(User.active.is_(True)).order_by(User.name)))
        names = {u.id: u.name for u in s.scalars(select(User))}
        if owner is not None:
            try:
                plan = ownership.plan(s, kind, record_id, owner, _choice(choice))
            except DomainError as exc:
                if error is None:
                    error, status_code = exc.detail, exc.status
    return render(
        ctx.request,
        "records/reassign.html",
        ctx=ctx,
        status_code=status_code,
        kind=kind,
        noun=ownership.NOUN[kind],
        record_id=record_id,
        back=PAGE[kind].format(record_id),
        record_name=name,
        current=current,
        people=people,
        names=names,
        owner=owner,
        choice=str(choice or ""),
        plan=plan,
        why=why,
        error=error,
    )


@router.get("/reassign/{kind}/{record_id}", response_class=HTMLResponse)
def reassign_page(
    ctx: WebCtx, kind: str, record_id: int, owner_id: str = "", with_account: str = ""
) -> Response:
    """Who gets it, then what moves with it (M-3), then the reason and the confirmation."""
    if kind not in PAGE:
        return redirect("/app")
    return _page(ctx, kind, record_id, _int(owner_id), with_account)


def _int(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


@router.post("/reassign/{kind}/{record_id}", dependencies=[Csrf])
async def reassign(request: Request, ctx: WebCtx, kind: str, record_id: int) -> Response:
    """U-2: an admin's confirmation reassigns; a salesperson's asks an admin."""
    form = await request.form()
    why = str(form.get("why") or "")
    try:
        owner = int_or_none(form.get("owner_id"), "owner_id")
        with ctx.uow() as s:
            plan, asked = ownership.reassign(
                s, ctx.user, kind, record_id, owner, why=why, now=ctx.now(),
                with_account=_choice(form.get("with_account")),
            )  # fmt: skip
            to = s.get(User, plan.to_id)
            to_name = to.name if to else f"user {plan.to_id}"
    except DomainError as exc:
        if exc.status == 404:
            raise
        return _page(
            ctx, kind, record_id, _int(form.get("owner_id")), form.get("with_account"),
            status_code=exc.status, error=exc.detail, why=why,
        )  # fmt: skip
    if asked is not None:
        flash(ctx.request, f"Asked an admin to give {plan.name} to {to_name}: it changes hands "
              "once they approve.")  # fmt: skip
    else:
        flash(ctx.request, f"{plan.name} now belongs to {to_name}" + _moved(plan) + ".")
    return redirect(PAGE[kind].format(record_id))


def _moved(plan: ownership.Plan) -> str:
    if not plan.with_account:
        return ""
    t, d = len(plan.tasks), len(plan.deals)
    return (
        f", with the account {plan.account_name}, its {t} open task{'' if t == 1 else 's'} "
        f"and {d} open deal{'' if d == 1 else 's'}"
    )


def _inbox(ctx: Ctx, *, status_code: int = 200, error: str | None = None) -> Response:
    require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        rows = ownership.pending_requests(s)
        names = {u.id: u.name for u in s.scalars(select(User))}
    return render(
        ctx.request,
        "admin/reassign_requests.html",
        ctx=ctx,
        status_code=status_code,
        rows=rows,
        names=names,
        pages=PAGE,
        nouns=ownership.NOUN,
        error=error,
        flash=pop_flash(ctx.request),
    )


@router.get("/admin/reassign-requests", response_class=HTMLResponse)
def reassign_requests(ctx: WebCtx) -> Response:
    """U-2: salespeople's reassignment requests waiting for an admin."""
    return _inbox(ctx)


@router.post("/admin/reassign-requests/{request_id}", dependencies=[Csrf])
async def answer(request: Request, ctx: WebCtx, request_id: int) -> Response:
    form = await request.form()
    approve = form.get("decision") == "approve"
    try:
        with ctx.uow() as s:
            ownership.resolve_request(
                s, ctx.user, request_id, approve=approve, now=ctx.now(),
                note=str(form.get("note") or ""),
            )  # fmt: skip
    except DomainError as exc:
        return _inbox(ctx, status_code=exc.status, error=exc.detail)
    flash(ctx.request, "Reassignment approved: it has changed hands." if approve
          else "Reassignment refused: nothing changed hands.")  # fmt: skip
    return redirect("/admin/reassign-requests")
