"""Admin pages: users and roles, time off, the decision log and deliveries (U-2, R-6, O-8, X-1).

Anyone signed in may read these pages; only admins see and can use the forms
(the services check the role again: U-2).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.accounts.bans import pending_requests
from salesops.core.audit import Decision, decision_kinds, decisions_query
from salesops.core.errors import DomainError, ValidationFailed
from salesops.core.outbox import STATES, Delivery, counts_by_state
from salesops.flows import ownership, people
from salesops.integrations import service as deliveries
from salesops.users import service as users
from salesops.users.http import Ctx
from salesops.users.models import ROLES, TimeOff, User
from salesops.web.common import (
    Csrf,
    WebCtx,
    flash,
    page_number,
    paged,
    pop_flash,
    redirect,
    render,
)
from salesops.web.forms import label

router = APIRouter(include_in_schema=False)


@router.get("/admin", response_class=HTMLResponse)
def admin_index(ctx: WebCtx) -> Response:
    with ctx.uow(readonly=True) as s:
        deliveries = counts_by_state(s)
        admin = ctx.user.role == "admin"
        waiting = len(pending_requests(s)) if admin else 0
        moves = len(ownership.pending_requests(s)) if admin else 0
    return render(
        ctx.request, "admin/index.html", ctx=ctx, deliveries=deliveries, ban_requests=waiting,
        reassign_requests=moves,
    )  # fmt: skip


# --- users and roles (O-6, U-2) ---------------------------------------------------


def _users_page(ctx: Ctx, *, status_code: int = 200, **extra: Any) -> Response:
    with ctx.uow(readonly=True) as s:
        rows = list(s.scalars(select(User).order_by(User.active.desc(), User.name)))
    return render(
        ctx.request,
        "admin/users.html",
        ctx=ctx,
        status_code=status_code,
        users=rows,
        roles=ROLES,
        flash=pop_flash(ctx.request),
        errors=extra.pop("errors", {}),
        **extra,
    )


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(ctx: WebCtx) -> Response:
    return _users_page(ctx)


@router.post("/admin/users", dependencies=[Csrf])
def create_user(
    ctx: WebCtx,
    email: Annotated[str, Form()],
    role: Annotated[str, Form()],
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    try:
        with ctx.uow() as s:
            users.require_role(ctx.user, "admin")
            users.create_user(
                s, email=email, role=role, name=name, password=password or None, now=ctx.now()
            )
    except DomainError as exc:
        return _users_page(
            ctx,
            status_code=exc.status,
            errors={"create": exc.detail},
            form={"email": email, "name": name, "role": role},
        )
    flash(ctx.request, f"User {email} created.")
    return redirect("/admin/users")


@router.post("/admin/users/{user_id}", dependencies=[Csrf])
def update_user(
    ctx: WebCtx,
    user_id: int,
    role: Annotated[str, Form()],
    active: Annotated[str, Form()] = "",
    in_round_robin: Annotated[str, Form()] = "",
) -> Response:
    try:
        with ctx.uow() as s:
            target = users.get_user(s, user_id)
            # Unticking "active" never deactivates from this table: R-7's preview shows
            # who gets the user's open work and the admin confirms it there (issue 17).
            deactivating = target.active and not active
            people.update_user(
                s,
                ctx.user,
                target,
                now=ctx.now(),
                role=role,
                active=target.active or bool(active),
                in_round_robin=bool(in_round_robin),
            )
            label, name = target.email, target.name or target.email
    except DomainError as exc:
        return _users_page(ctx, status_code=exc.status, errors={str(user_id): exc.detail})
    if deactivating:
        flash(ctx.request, f"{name} is still active: see who gets their open work, then confirm.")
        return redirect(f"/admin/users/{user_id}/deactivate")
    flash(ctx.request, f"{label} saved.")
    return redirect("/admin/users")


# --- time off (R-6) ---------------------------------------------------------------


def _time_off_page(ctx: Ctx, *, status_code: int = 200, **extra: Any) -> Response:
    today = ctx.now().date()
    with ctx.uow(readonly=True) as s:
        rows = list(
            s.execute(
                select(TimeOff, User)
                .join(User, User.id == TimeOff.user_id)
                .where(TimeOff.ends_on >= today - timedelta(days=30))
                .order_by(TimeOff.starts_on, User.name)
                .limit(500)
            ).all()
        )
        people = list(s.scalars(select(User).where(User.active.is_(True)).order_by(User.name)))
    weeks = _calendar(today, rows)
    return render(
        ctx.request,
        "admin/time_off.html",
        ctx=ctx,
        status_code=status_code,
        rows=rows,
        people=people,
        weeks=weeks,
        today=today,
        flash=pop_flash(ctx.request),
        error=extra.get("error"),
        form=extra.get("form", {}),
    )


def _calendar(today: date, rows: list[Any]) -> list[list[tuple[date, list[str]]]]:
    """Six weeks from this Monday, each day with who is out."""
    start = today - timedelta(days=today.weekday())
    weeks = []
    for w in range(6):
        week = []
        for d in range(7):
            day = start + timedelta(days=w * 7 + d)
            out = [u.name for t, u in rows if t.starts_on <= day <= t.ends_on]
            week.append((day, out))
        weeks.append(week)
    return weeks


@router.get("/admin/time-off", response_class=HTMLResponse)
def time_off_page(ctx: WebCtx) -> Response:
    return _time_off_page(ctx)


@router.post("/admin/time-off", dependencies=[Csrf])
def add_time_off(
    ctx: WebCtx,
    user_id: Annotated[str, Form()],
    starts_on: Annotated[str, Form()],
    ends_on: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    form = {"user_id": user_id, "starts_on": starts_on, "ends_on": ends_on, "note": note}
    try:
        start = _date(starts_on, "starts_on")
        end = _date(ends_on, "ends_on")
        with ctx.uow() as s:
            target = users.get_user(s, page_number(user_id))
            if target.id != ctx.user.id:
                users.require_role(ctx.user, "admin")
            users.require_writer(ctx.user)
            users.add_time_off(s, target, start, end, now=ctx.now(), note=note, actor=ctx.user)
    except DomainError as exc:
        return _time_off_page(ctx, status_code=exc.status, error=exc.detail, form=form)
    flash(ctx.request, "Time off added.")
    return redirect("/admin/time-off")


def _date(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed(f"{label(field)} must be a date (YYYY-MM-DD)", field=field) from None


# --- the decision log (O-8) ---------------------------------------------------------


@router.get("/admin/decisions", response_class=HTMLResponse)
def decisions_page(
    ctx: WebCtx,
    kind: str = "",
    rule: str = "",
    subject_type: str = "",
    subject_id: str = "",
    owner_id: str = "",
    territory: str = "",
    since: str = "",
    until: str = "",
    page: str = "1",
) -> Response:
    filters = {
        "kind": kind,
        "rule": rule,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "owner_id": owner_id,
        "territory": territory,
        "since": since,
        "until": until,
    }
    error = None
    with ctx.uow(readonly=True) as s:
        try:
            query = decisions_query(
                s,
                kind=kind.strip() or None,
                rule=rule.strip().upper() or None,
                subject_type=subject_type.strip() or None,
                subject_id=_int(subject_id, "subject_id"),
                owner_id=_int(owner_id, "owner_id"),
                territory=territory or None,
                since=_day_start(since, "since"),
                until=_day_start(until, "until", plus_days=1),
            )
            rows = paged(s, query.order_by(Decision.id.desc()), page_number(page))
        except ValidationFailed as exc:
            error = exc.detail
            rows = paged(s, select(Decision).where(Decision.id < 0), 1)
        names = {u.id: u.name or u.email for u in s.scalars(select(User))}
        kinds = decision_kinds(s)
    return render(
        ctx.request,
        "admin/decisions.html",
        ctx=ctx,
        status_code=422 if error else 200,
        rows=rows,
        filters=filters,
        params={k: v for k, v in filters.items() if v},
        names=names,
        kinds=kinds,
        error=error,
    )


def _int(value: str, field: str) -> int | None:
    if not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        raise ValidationFailed(f"{field} must be a number", field=field) from None


def _day_start(value: str, field: str, plus_days: int = 0) -> datetime | None:
    if not value.strip():
        return None
    day = _date(value.strip(), field) + timedelta(days=plus_days)
    return datetime.combine(day, time.min, tzinfo=UTC)


# --- deliveries and dead letters (X-1) ------------------------------------------------


@router.get("/admin/deliveries", response_class=HTMLResponse)
def deliveries_page(ctx: WebCtx, state: str = "dead", page: str = "1") -> Response:
    return _deliveries(ctx, state, page_number(page))


def _deliveries(
    ctx: Ctx, state: str, number: int, *, status_code: int = 200, error: str | None = None
) -> Response:
    with ctx.uow(readonly=True) as s:
        query = select(Delivery)
        if state in STATES:
            query = query.where(Delivery.state == state)
        rows = paged(s, query.order_by(Delivery.id.desc()), number)
        counts = counts_by_state(s)
    return render(
        ctx.request,
        "admin/deliveries.html",
        ctx=ctx,
        status_code=status_code,
        rows=rows,
        state=state,
        counts=counts,
        params={"state": state},
        flash=pop_flash(ctx.request),
        error=error,
    )


@router.post("/admin/deliveries/{delivery_id}/retry", dependencies=[Csrf])
def retry_delivery(ctx: WebCtx, delivery_id: int) -> Response:
    """X-1: an admin sends a dead, parked or held delivery back to the queue."""
    try:
        with ctx.uow() as s:
            row = s.get(Delivery, delivery_id)
            was = row.state if row is not None else "dead"
            deliveries.retry(s, ctx.user, delivery_id, ctx.now())  # admins only; O-8
    except DomainError as exc:
        return _deliveries(ctx, "dead", 1, status_code=exc.status, error=exc.detail)
    flash(ctx.request, f"Delivery {delivery_id} queued again for delivery.")
    return redirect(f"/admin/deliveries?state={was}")


@router.post("/admin/deliveries/bulk", dependencies=[Csrf])
async def bulk_deliveries(ctx: WebCtx) -> Response:
    """X-1: an admin retries or discards the ticked deliveries (each done or refused alone)."""
    form = await ctx.request.form()
    state = str(form.get("state") or "dead")
    back = f"/admin/deliveries?state={state if state in STATES else 'dead'}"
    ids = [int(str(v)) for v in form.getlist("ids") if str(v).isdigit()]
    action = str(form.get("action") or "")
    try:
        with ctx.uow() as s:
            done, refused = deliveries.bulk(s, ctx.user, action, ids, ctx.now())
    except DomainError as exc:
        flash(ctx.request, f"Nothing changed: {exc.detail}.")
        return redirect(back)
    verb = "queued again" if action == "retry" else "discarded (never sent)"
    message = f"{len(done)} deliver{'y' if len(done) == 1 else 'ies'} {verb}."
    if refused:
        reasons = "; ".join(refused.values())
        message += f" {len(refused)} refused: {reasons[:300]}"
    flash(ctx.request, message)
    return redirect(back)
