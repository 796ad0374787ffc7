"""Plumbing every HTML route shares: the signed-in user, CSRF, rendering, pages of rows.

HTML routes stay thin like the API's: parse the form, call the same service
function the API calls, and render. A ``DomainError`` raised by a service in a
form action is shown next to the form (``form_error``), never as a 500.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from salesops.users.http import Ctx, authenticate, runtime
from salesops.web.csrf import check_csrf, csrf_token

PAGE_SIZE = 50
# Set at login, cleared at logout: a request without a session but with this cookie had
# one that expired, so the login page can say so (U-1).
SEEN_COOKIE = "salesops_signed_in"


class LoginRequired(Exception):
    """Raised by ``web_ctx`` for an anonymous or expired session; answered by a redirect."""

    def __init__(self, next_url: str, expired: bool) -> None:
        super().__init__(next_url)
        self.next_url = next_url
        self.expired = expired


def web_ctx(request: Request) -> Ctx:
    """The signed-in user (U-1), or a redirect to the login page."""
    user = authenticate(request)
    if user is None:
        path = request.url.path
        if request.method == "GET" and request.url.query:
            path += "?" + request.url.query
        if request.method != "GET" or request.headers.get("hx-request"):
            path = request.headers.get("hx-current-url") or path
        expired = bool(getattr(request.state, "session_expired", False)) or bool(
            request.cookies.get(SEEN_COOKIE)
        )
        raise LoginRequired(path, expired)
    return Ctx(request=request, user=user, rt=runtime(request))


WebCtx = Annotated[Ctx, Depends(web_ctx)]


async def csrf_protect(request: Request) -> None:
    """Every state-changing form carries the session's CSRF token (form field or header)."""
    submitted = request.headers.get("x-csrf-token")
    if not submitted:
        form = await request.form()
        value = form.get("csrf_token")
        submitted = value if isinstance(value, str) else None
    check_csrf(request, submitted)


Csrf = Depends(csrf_protect)


def install_web_errors(app: FastAPI) -> None:
    """Anonymous or expired sessions go to the login page (htmx: via ``HX-Redirect``)."""

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        target = "/login?next=" + quote(_local(exc.next_url), safe="/")
        if exc.expired:
            target += "&expired=1"
        if request.headers.get("hx-request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)


def _local(url: str) -> str:
    """Only same-site paths are followed after login."""
    if "://" in url:
        url = "/" + url.split("://", 1)[1].split("/", 1)[-1]
    return url if url.startswith("/") and not url.startswith("//") else "/app"


def is_htmx(request: Request) -> bool:
    return bool(request.headers.get("hx-request")) and not request.headers.get("hx-boosted")


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    """Every cookie is HttpOnly, SameSite=Lax, and Secure behind https (issue 13)."""
    secure = runtime(request).settings.secure_cookies
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax", secure=secure)


def delete_cookie(request: Request, response: Response, name: str) -> None:
    secure = runtime(request).settings.secure_cookies
    response.delete_cookie(name, httponly=True, samesite="lax", secure=secure)


def render(
    request: Request,
    name: str,
    *,
    ctx: Ctx | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    """Render a template with the user, their role flags and the CSRF token."""
    templates = request.app.state.templates
    user = ctx.user if ctx is not None else context.pop("user", None)
    context["user"] = user
    context["can_write"] = user is not None and user.role in ("admin", "sales")
    context["is_admin"] = user is not None and user.role == "admin"
    context["csrf_token"] = csrf_token(request)
    context.setdefault("path", request.url.path)
    return templates.TemplateResponse(  # type: ignore[no-any-return]
        request, name, context, status_code=status_code, headers=headers
    )


def redirect(url: str) -> Response:
    """Post/redirect/get after a successful form action."""
    return RedirectResponse(url, status_code=303)


def flash(request: Request, message: str) -> None:
    request.session["flash"] = message


def pop_flash(request: Request) -> str | None:
    value = request.session.pop("flash", None)
    return str(value) if value else None


@dataclass
class PageOf:
    """One page of a list view; ``number`` counts from 1."""

    items: list[Any]
    total: int
    number: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def page_number(value: str | int | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def paged(
    session: Session,
    query: Select[Any],
    number: int,
    *,
    size: int = PAGE_SIZE,
    scalars: bool = True,
) -> PageOf:
    """A page of ``query`` (already ordered) and the total count."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    limited = query.limit(size).offset((number - 1) * size)
    items = list(session.scalars(limited)) if scalars else list(session.execute(limited).all())
    return PageOf(items=items, total=int(total or 0), number=number, size=size)


# -- Post/Redirect/Get for a refused form (issue 17 item 9) ---------------------------
# The error and what was typed wait in the (signed, cookie-held) session for the next GET
# of the page, so a reload never re-submits. Bounded: a cookie holds about 4 KB.
FORM_STATE = "form_state"
VALUE_MAX = 300
STATE_MAX = 2500


def refused(request: Request, url: str, errors: dict[str, str], values: Any = None) -> Response:
    """Redirect (303) to ``url`` and show ``errors`` (and the typed ``values``) there."""
    kept: dict[str, str] = {}
    size = sum(len(v) for v in errors.values())
    for key, value in dict(values or {}).items():
        text = str(value)[:VALUE_MAX]
        if key == "csrf_token" or "password" in key or size + len(text) > STATE_MAX:
            continue
        kept[str(key)] = text
        size += len(text) + len(key)
    path = url.split("#", 1)[0].split("?", 1)[0]
    request.session[FORM_STATE] = {"path": path, "errors": errors, "values": kept}
    return RedirectResponse(url, status_code=303)


def pop_refused(request: Request) -> tuple[dict[str, str], dict[str, str]]:
    """The errors and typed values a refused form left for this page, once."""
    state = request.session.get(FORM_STATE)
    if not state or state.get("path") != request.url.path:
        return {}, {}
    request.session.pop(FORM_STATE, None)
    return dict(state.get("errors") or {}), dict(state.get("values") or {})
