"""Territories, their round-robin members and the routing preview as HTML (O-7, R-3, R-8)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.core.errors import DomainError, ValidationFailed
from salesops.routing import territories as service
from salesops.routing.models import Territory, TerritoryMember
from salesops.routing.preview import preview as routing_preview
from salesops.users.http import Ctx
from salesops.users.models import User
from salesops.users.service import get_user
from salesops.web.common import Csrf, WebCtx, flash, is_htmx, pop_flash, redirect, render

router = APIRouter(include_in_schema=False)


@router.get("/admin/territories", response_class=HTMLResponse)
def territories_page(ctx: WebCtx) -> Response:
    with ctx.uow(readonly=True) as s:
        rows = list(s.scalars(select(Territory).order_by(Territory.name)))
        counts: dict[int, int] = {}
        for m in s.scalars(select(TerritoryMember).where(TerritoryMember.active.is_(True))):
            counts[m.territory_id] = counts.get(m.territory_id, 0) + 1
    return render(ctx.request, "routing/territories.html", ctx=ctx, rows=rows, counts=counts)


def _territory_page(
    ctx: Ctx, territory_id: int, *, status_code: int = 200, **extra: Any
) -> Response:
    with ctx.uow(readonly=True) as s:
        territory = service.get_territory(s, territory_id)
        members = service.members(s, territory.id)
        people = {u.id: u for u in s.scalars(select(User).order_by(User.name))}
    member_ids = {m.user_id for m in members}
    candidates = [
        u for u in people.values() if u.active and u.role == "sales" and u.id not in member_ids
    ]
    return render(
        ctx.request,
        "routing/territory.html",
        ctx=ctx,
        status_code=status_code,
        territory=territory,
        members=members,
        people=people,
        candidates=candidates,
        flash=pop_flash(ctx.request),
        errors=extra.get("errors", {}),
    )


@router.get("/admin/territories/{territory_id}", response_class=HTMLResponse)
def territory_page(ctx: WebCtx, territory_id: int) -> Response:
    return _territory_page(ctx, territory_id)


def _int(value: str, field: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValidationFailed(f"{field} must be a whole number", field=field, rule="R-3") from None


@router.post("/admin/territories/{territory_id}/members/{user_id}", dependencies=[Csrf])
def update_member(
    ctx: WebCtx,
    territory_id: int,
    user_id: int,
    priority: Annotated[str, Form()],
    adjustment: Annotated[str, Form()],
    active: Annotated[str, Form()] = "",
) -> Response:
    """R-3: change a member's weighting (priority k: one lead per k; adjustment: count offset)."""
    try:
        changes = {
            "priority": _int(priority, "priority"),
            "adjustment": _int(adjustment, "adjustment"),
            "active": bool(active),
        }
        with ctx.uow() as s:
            service.update_member(
                s, ctx.user, service.get_territory(s, territory_id), user_id, changes, ctx.now()
            )
    except DomainError as exc:
        return _territory_page(
            ctx, territory_id, status_code=exc.status, errors={str(user_id): exc.detail}
        )
    flash(ctx.request, "Member saved.")
    return redirect(f"/admin/territories/{territory_id}")


@router.post("/admin/territories/{territory_id}/members", dependencies=[Csrf])
def add_member(
    ctx: WebCtx,
    territory_id: int,
    user_id: Annotated[str, Form()],
    priority: Annotated[str, Form()] = "1",
    adjustment: Annotated[str, Form()] = "0",
) -> Response:
    try:
        uid = _int(user_id, "user_id")
        with ctx.uow() as s:
            service.add_member(
                s,
                ctx.user,
                service.get_territory(s, territory_id),
                get_user(s, uid),
                now=ctx.now(),
                priority=_int(priority, "priority"),
                adjustment=_int(adjustment, "adjustment"),
            )
    except DomainError as exc:
        return _territory_page(
            ctx, territory_id, status_code=exc.status, errors={"add": exc.detail}
        )
    flash(ctx.request, "Member added to the rotation.")
    return redirect(f"/admin/territories/{territory_id}")


PREVIEW_FIELDS = ("email", "company", "domain", "country", "us_state", "lead_source", "message")


@router.get("/admin/routing-preview", response_class=HTMLResponse)
def preview_form(ctx: WebCtx) -> Response:
    return render(ctx.request, "routing/preview.html", ctx=ctx, lead={}, result=None, error=None)


@router.post("/admin/routing-preview", dependencies=[Csrf])
async def preview(request: Request, ctx: WebCtx) -> Response:
    """R-8: what would happen to this lead now; nothing is written."""
    form = await request.form()
    lead: dict[str, Any] = {k: str(form.get(k) or "").strip() for k in PREVIEW_FIELDS}
    lead = {k: v for k, v in lead.items() if v}
    error, result, status_code = None, None, 200
    try:
        with ctx.uow(readonly=True) as s:
            result = routing_preview(s, lead, ctx.now())
            names = {u.id: u.name for u in s.scalars(select(User))}
    except DomainError as exc:
        error, status_code, names = exc.detail, exc.status, {}
    template = "routing/_preview_result.html" if is_htmx(request) else "routing/preview.html"
    return render(
        request,
        template,
        ctx=ctx,
        status_code=status_code,
        lead=lead,
        result=result,
        error=error,
        names=names,
    )
