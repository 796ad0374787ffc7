"""The minimal web shell: login, logout and the signed-in user's task list (U-1)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from salesops.core import clock
from salesops.core.http import authenticate, runtime
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users import service as users
from salesops.web.csrf import check_csrf, csrf_token

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    templates = request.app.state.templates
    context.setdefault("user", None)
    context["csrf_token"] = csrf_token(request)
    return templates.TemplateResponse(request, name, context, status_code=status_code)  # type: ignore[no-any-return]


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/app") -> Response:
    return render(request, "login.html", next=next, error=None, email="")


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/app",
) -> Response:
    check_csrf(request, csrf_token)
    rt = runtime(request)
    with rt.db.unit_of_work(readonly=True) as s:
        user = users.authenticate_password(s, email, password)
        user_id = user.id if user else None
    if user_id is None:
        return render(
            request,
            "login.html",
            status_code=401,
            next=next,
            email=email,
            error="Email or password is wrong, or the account is deactivated.",
        )
    request.session.clear()
    request.session["user_id"] = user_id
    request.session["login_at"] = clock.now().isoformat()
    target = next if next.startswith("/") and not next.startswith("//") else "/app"
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    check_csrf(request, csrf_token)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/app", response_class=HTMLResponse)
def home(request: Request) -> Response:
    user = authenticate(request)
    if user is None:
        return RedirectResponse("/login?next=/app", status_code=303)
    rt = runtime(request)
    with rt.uow(readonly=True) as s:
        tasks = list(
            s.scalars(
                select(Task)
                .where(Task.owner_id == user.id, Task.status.in_(OPEN_STATUSES))
                .order_by(Task.created_at)
                .limit(100)
            )
        )
    return render(request, "home.html", user=user, tasks=tasks)
