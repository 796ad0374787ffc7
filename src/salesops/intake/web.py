"""Spam bans (I-9) and rejected intake deliveries, as admin pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.accounts import bans
from salesops.accounts.models import SpamBan
from salesops.core.errors import DomainError
from salesops.intake.models import IntakeRejection
from salesops.intake.rejections import rejection_totals
from salesops.playbook.runtime import playbook_of
from salesops.users.http import Ctx
from salesops.users.models import User
from salesops.users.service import require_role
from salesops.web.common import Csrf, WebCtx, flash, page_number, paged, pop_flash, redirect, render

router = APIRouter(include_in_schema=False)


def _bans(ctx: Ctx, page: int, *, status_code: int = 200, **extra: Any) -> Response:
    with ctx.uow(readonly=True) as s:
        query = select(SpamBan).where(SpamBan.lifted_at.is_(None)).order_by(SpamBan.id.desc())
        rows = paged(s, query, page)
        notice = playbook_of(s).intake.spam_ban_notice
    return render(
        ctx.request,
        "intake/bans.html",
        ctx=ctx,
        status_code=status_code,
        rows=rows,
        notice=notice,
        flash=pop_flash(ctx.request),
        error=extra.get("error"),
        form=extra.get("form", {}),
        params={},
    )


@router.get("/admin/spam-bans", response_class=HTMLResponse)
def bans_page(ctx: WebCtx, page: str = "1") -> Response:
    return _bans(ctx, page_number(page))


@router.post("/admin/spam-bans", dependencies=[Csrf])
def ban(
    ctx: WebCtx, value: Annotated[str, Form()], reason: Annotated[str, Form()] = ""
) -> Response:
    """I-9: ban a sender address or domain (genuine spam only)."""
    try:
        with ctx.uow() as s:
            bans.ban_sender(s, ctx.user, value, reason, ctx.now())
    except DomainError as exc:
        return _bans(
            ctx,
            1,
            status_code=exc.status,
            error=exc.detail,
            form={"value": value, "reason": reason},
        )
    flash(ctx.request, f"{value} is banned.")
    return redirect("/admin/spam-bans")


@router.post("/admin/spam-bans/{ban_id}/lift", dependencies=[Csrf])
def lift(ctx: WebCtx, ban_id: int) -> Response:
    try:
        with ctx.uow() as s:
            bans.lift_ban(s, ctx.user, ban_id, ctx.now())
    except DomainError as exc:
        return _bans(ctx, 1, status_code=exc.status, error=exc.detail)
    flash(ctx.request, "Ban lifted.")
    return redirect("/admin/spam-bans")


def _requests(ctx: Ctx, *, status_code: int = 200, error: str | None = None) -> Response:
    require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        rows = bans.pending_requests(s)
        names = {u.id: u.name for u in s.scalars(select(User))}
    return render(
        ctx.request,
        "intake/ban_requests.html",
        ctx=ctx,
        status_code=status_code,
        rows=rows,
        names=names,
        error=error,
        flash=pop_flash(ctx.request),
    )


@router.get("/admin/ban-requests", response_class=HTMLResponse)
def ban_requests(ctx: WebCtx) -> Response:
    """Issue 17 item 6: salespeople's spam-ban requests (D-3, I-9) waiting for an admin."""
    return _requests(ctx)


@router.post("/admin/ban-requests/{request_id}", dependencies=[Csrf])
def answer_ban_request(
    ctx: WebCtx,
    request_id: int,
    decision: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    approve = decision == "approve"
    try:
        with ctx.uow() as s:
            bans.resolve_request(s, ctx.user, request_id, approve=approve, now=ctx.now(), note=note)
    except DomainError as exc:
        return _requests(ctx, status_code=exc.status, error=exc.detail)
    flash(
        ctx.request,
        "Ban request approved: the sender is banned." if approve else "Ban request declined.",
    )
    return redirect("/admin/ban-requests")


@router.get("/admin/rejected", response_class=HTMLResponse)
def rejected_page(ctx: WebCtx, source: str = "", page: str = "1") -> Response:
    """Rejected deliveries kept for review: nothing is silently dropped (intake)."""
    require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        query = select(IntakeRejection)
        if source:
            query = query.where(IntakeRejection.source == source)
        rows = paged(s, query.order_by(IntakeRejection.id.desc()), page_number(page))
        sources = list(s.scalars(select(IntakeRejection.source).distinct()))
        totals = rejection_totals(s, ctx.now() - timedelta(days=TOTALS_DAYS), source or None)
    return render(
        ctx.request,
        "intake/rejected.html",
        ctx=ctx,
        rows=rows,
        source=source,
        sources=sources,
        totals=totals,
        totals_days=TOTALS_DAYS,
        samples_per_hour=ctx.rt.settings.rejection_samples_per_hour,
        params={"source": source} if source else {},
    )


TOTALS_DAYS = 7  # the rejected page's counts look back this far
