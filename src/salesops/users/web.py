"""Your account: API tokens (create, revoke) and your password (U-1; issue 13, item 9).
Admins see and revoke anyone's tokens at ``/admin/users/{id}/tokens``. Thin: the same
services as the API and the CLI."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, Response

from salesops.core.errors import DomainError, NotFound, ValidationFailed, problem_headers
from salesops.users import auth, service
from salesops.users.http import Ctx
from salesops.web.common import Csrf, WebCtx, flash, pop_flash, redirect, render

router = APIRouter(include_in_schema=False)


def _page(
    ctx: Ctx,
    user_id: int,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    own = user_id == ctx.user.id
    with ctx.uow(readonly=True) as s:
        if not own:
            service.require_role(ctx.user, "admin")
        target = service.get_user(s, user_id)
        tokens = service.tokens_of(s, target)
    return render(
        ctx.request,
        "account/account.html",
        ctx=ctx,
        status_code=status_code,
        headers=headers,
        own=own,
        target=target,
        tokens=tokens,
        base="/account" if own else f"/admin/users/{user_id}",
        flash=pop_flash(ctx.request),
        issued=extra.get("issued"),
        errors=extra.get("errors", {}),
    )


@router.get("/account", response_class=HTMLResponse)
def account(ctx: WebCtx) -> Response:
    return _page(ctx, ctx.user.id)


@router.get("/admin/users/{user_id}/tokens", response_class=HTMLResponse)
def user_tokens(ctx: WebCtx, user_id: int) -> Response:
    return _page(ctx, user_id)


@router.post("/account/tokens", dependencies=[Csrf])
def create_token(ctx: WebCtx, name: Annotated[str, Form()] = "api") -> Response:
    """The new token is shown on the answer, once (never stored, never redirected)."""
    try:
        with ctx.uow() as s:
            me = service.get_user(s, ctx.user.id)
            issued = service.create_token(s, me, now=ctx.now(), name=name.strip()[:100])
            secret = issued.secret
    except DomainError as exc:
        return _page(ctx, ctx.user.id, status_code=exc.status, errors={"tokens": exc.detail})
    return _page(ctx, ctx.user.id, status_code=201, issued=secret)


def _revoke(ctx: Ctx, user_id: int, token_id: int, back: str) -> Response:
    try:
        with ctx.uow() as s:
            token = service.get_token(s, token_id)
            if token.user_id != user_id:
                raise NotFound(f"user {user_id} has no token {token_id}", field="token_id")
            service.revoke_token(s, ctx.user, token, ctx.now())
            label = token.name
    except DomainError as exc:
        return _page(ctx, user_id, status_code=exc.status, errors={"tokens": exc.detail})
    flash(ctx.request, f"Token {label} revoked: it no longer works.")
    return redirect(back)


@router.post("/account/tokens/{token_id}/revoke", dependencies=[Csrf])
def revoke_own(ctx: WebCtx, token_id: int) -> Response:
    return _revoke(ctx, ctx.user.id, token_id, "/account")


@router.post("/admin/users/{user_id}/tokens/{token_id}/revoke", dependencies=[Csrf])
def revoke_any(ctx: WebCtx, user_id: int, token_id: int) -> Response:
    return _revoke(ctx, user_id, token_id, f"/admin/users/{user_id}/tokens")


@router.post("/account/password", dependencies=[Csrf])
def change_password(
    ctx: WebCtx,
    current_password: Annotated[str, Form()],
    new_password: Annotated[str, Form()],
) -> Response:
    """Every web session of the user ends; this browser goes on with a new one."""
    request = ctx.request
    try:
        session_id = auth.change_password(
            ctx.rt.db,
            ctx.user.id,
            current_password,
            new_password,
            request.client.host if request.client else None,
            ctx.now(),
            ctx.rt.settings.session_max_age,
        )
    except DomainError as exc:
        return _page(
            ctx,
            ctx.user.id,
            status_code=exc.status,
            headers=problem_headers(exc),
            errors={"password": exc.detail},
        )
    request.session["sid"] = session_id
    request.session["login_at"] = ctx.now().isoformat()
    flash(request, "Password changed. Your other browsers are signed out.")
    return redirect("/account")


@router.post("/admin/users/{user_id}/password", dependencies=[Csrf])
def reset_password(
    ctx: WebCtx, user_id: int, new_password: Annotated[str, Form()] = ""
) -> Response:
    """An admin resets someone's password (issue 17 item 6): their web sessions end."""
    try:
        with ctx.uow() as s:
            service.require_role(ctx.user, "admin")
            if user_id == ctx.user.id:
                raise ValidationFailed(
                    "change your own password on Your account (it asks the current one)",
                    field="user_id",
                )
            target = service.get_user(s, user_id)
            service.set_password(s, target, new_password, ctx.now())
            service.record_password_reset(s, ctx.user, target, ctx.now())
            label = target.name or target.email
    except DomainError as exc:
        return _page(ctx, user_id, status_code=exc.status, errors={"reset": exc.detail})
    flash(ctx.request, f"Password of {label} reset; they are signed out everywhere.")
    return redirect(f"/admin/users/{user_id}/tokens")
