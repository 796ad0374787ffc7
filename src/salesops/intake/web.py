"""Spam bans (I-9) and rejected intake deliveries, as admin pages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.accounts import bans
from salesops.accounts.models import SpamBan
from salesops.core.errors import DomainError
from salesops.core.limits import DATE_MAX, DATE_MIN
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


# --- I-1 review: new signups by ICP (seed 001) -------------------------------------------


@router.get("/signups", response_class=HTMLResponse)
def signups_page(ctx: WebCtx, view: str = "high", day: str = "") -> Response:
    """The day's product signups, ICP above the playbook's threshold first (``view=high``),
    the rest apart (``view=rest``), each with one-click "Make a lead task"."""
    from salesops.intake.signups import View, signups_for_review

    chosen = _day(day, ctx)
    which: View = "rest" if view == "rest" else "high"
    with ctx.uow(readonly=True) as s:
        rows, above = signups_for_review(s, chosen, which)
    return render(
        ctx.request,
        "intake/signups.html",
        ctx=ctx,
        rows=rows,
        view=which,
        above=above,
        day=chosen,
        previous=chosen - timedelta(days=1),
        following=chosen + timedelta(days=1),
        today=ctx.now().date(),
        flash=pop_flash(ctx.request),
    )


def _day(value: str, ctx: Ctx) -> date:
    """The day asked for, else today (also for one outside 1900–2999: its neighbours'
    links would overflow the calendar)."""
    try:
        chosen = date.fromisoformat(value) if value else ctx.now().date()
    except ValueError:
        return ctx.now().date()
    return chosen if DATE_MIN <= chosen <= DATE_MAX else ctx.now().date()


@router.post("/signups/{contact_id}/lead-task", dependencies=[Csrf])
def signup_lead_task(ctx: WebCtx, contact_id: int) -> Response:
    """One click: a lead task for this signup (the open one if it exists), routed now."""
    from salesops.flows.signups import make_lead_task

    try:
        with ctx.uow() as s:
            task, new = make_lead_task(s, ctx.user, contact_id, ctx.now())
            task_id = task.id
    except DomainError as exc:
        flash(ctx.request, exc.detail)
        return redirect("/signups")
    flash(ctx.request, "Lead task created." if new else "This signup already has an open task.")
    return redirect(f"/tasks/{task_id}")
