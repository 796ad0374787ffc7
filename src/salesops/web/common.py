"""Plumbing every HTML route shares: the signed-in user, CSRF, rendering, pages of rows.

HTML routes stay thin like the API's: parse the form, call the same service
function the API calls, and render. A ``DomainError`` raised by a service in a
form action is shown next to the form (``form_error``), never as a 500.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from starlette.routing import Match

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
    if status_code >= 400 and status_code not in NOT_REDIRECTED and form_navigation(request):
        answer = _refused_render(request, name, context)
        if answer is not None:
            return answer
    elif request.method == "GET":
        context.update(_pop_render_state(request))
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


# A list's total is counted up to here (issue 17 benchmarks: counting a million decision
# records took 0.1–0.7 s on every page); beyond it the pager says "more than 10,000".
COUNT_CAP = 10_000


@dataclass
class PageOf:
    """One page of a list view; ``number`` counts from 1. ``capped``: the total is at
    least ``total`` (the count stopped at ``COUNT_CAP``)."""

    items: list[Any]
    total: int
    number: int
    size: int
    capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        if self.capped:
            return len(self.items) == self.size
        return self.number < self.pages


def bounded_count(session: Session, query: Select[Any], cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many rows ``query`` has, counted up to ``cap`` (and whether it stopped there)."""
    inner = query.order_by(None).limit(cap + 1).subquery()
    total = int(session.scalar(select(func.count()).select_from(inner)) or 0)
    return min(total, cap), total > cap


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
    total, capped = bounded_count(session, query)
    limited = query.limit(size).offset((number - 1) * size)
    items = list(session.scalars(limited)) if scalars else list(session.execute(limited).all())
    return PageOf(items=items, total=total, number=number, size=size, capped=capped)


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


# -- the same for every other refused form: one pattern, applied in ``render`` ---------
# A form a browser submitted (not htmx, not fetch) that is answered with a 4xx page is
# answered instead with a 303 back to the page it came from (its Referer, else the POST
# path without its last segment), and what the page would have shown for the refusal
# (the error, the typed values) waits in the session for that GET. A refused form whose
# state does not fit the cookie (say, a whole playbook typed into the editor) is still
# rendered with its 4xx, so nothing typed is lost.
RENDER_STATE = "refused_render"
# Not a form's content but who sends it (a wrong password, a role that may not, a stale
# CSRF token) or when (429: too many sign-ins, with its Retry-After): answered where it
# was posted, with its status and headers, nothing to re-fill.
NOT_REDIRECTED = (401, 403, 429)
CARRIED = (
    "errors",
    "error",
    "flash",
    "form",
    "values",
    "email",
    "note",
    "draft",
    "log_body",
    "dq_reason",
    "dq_notes",
    "posted_criteria",
    "posted_deal",
)
RENDER_STATE_MAX = 3000


def form_navigation(request: Request) -> bool:
    """A POST the browser navigates with (a plain form submit), not an htmx swap or a
    script's fetch (``Sec-Fetch-Mode: navigate`` where the browser says so)."""
    if request.method != "POST" or request.headers.get("hx-request"):
        return False
    mode = request.headers.get("sec-fetch-mode")
    if mode is not None:
        return mode == "navigate"
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


def back_to(request: Request) -> str:
    """Where a refused form goes back to: the page it was on (same site only)."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.path and (not referer.netloc or referer.netloc == request.url.netloc):
        return _local(referer.path + (f"?{referer.query}" if referer.query else ""))
    path = request.url.path.rstrip("/") or "/app"
    while path and not _has_page(request, path):
        path = path.rsplit("/", 1)[0]
    return path or "/app"


def _has_page(request: Request, path: str) -> bool:
    scope = {"type": "http", "path": path, "method": "GET", "root_path": ""}
    return any(r.matches(scope)[0] == Match.FULL for r in request.app.router.routes)


def _refused_render(request: Request, name: str, context: dict[str, Any]) -> Response | None:
    carried: dict[str, Any] = {}
    for key in CARRIED:
        if key in context and context[key] is not None:
            carried[key] = _plain(context[key])
    problem = context.get("problem")
    if name == "error.html" and isinstance(problem, dict):
        carried["flash"] = str(problem.get("detail") or problem.get("title") or "")
    carried = {k: v for k, v in carried.items() if v is not _NOT_PLAIN}
    try:
        size = len(json.dumps(carried))
    except (TypeError, ValueError):
        return None
    if size > RENDER_STATE_MAX or not carried:
        return None
    url = _local(str(context.pop("refused_to", "") or back_to(request)))
    path = url.split("#", 1)[0].split("?", 1)[0]
    request.session[RENDER_STATE] = {"path": path, "context": carried}
    return RedirectResponse(url, status_code=303)


def _plain(value: Any) -> Any:
    """JSON-able copies of what a refused form carries (form data becomes a dict; no
    password or CSRF token is kept)."""
    if hasattr(value, "multi_items") or isinstance(value, dict):
        items = value.multi_items() if hasattr(value, "multi_items") else value.items()
        out = {
            str(k): _plain(v)
            for k, v in items
            if k != "csrf_token" and "password" not in str(k) and not hasattr(v, "filename")
        }
        return {k: v for k, v in out.items() if v is not _NOT_PLAIN}
    if isinstance(value, list | tuple | set):
        return [v for v in map(_plain, value) if v is not _NOT_PLAIN]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return _NOT_PLAIN


_NOT_PLAIN: Any = object()  # an object a page builds itself (not carried)


def pending_form(request: Request) -> dict[str, Any]:
    """What a refused form left for this page (read before the page builds its own)."""
    state = request.session.get(RENDER_STATE) if "session" in request.scope else None
    if not state or state.get("path") != request.url.path:
        return {}
    return dict(state.get("context") or {})


def _pop_render_state(request: Request) -> dict[str, Any]:
    if "session" not in request.scope:
        return {}
    state = request.session.get(RENDER_STATE)
    if not state or state.get("path") != request.url.path:
        return {}
    request.session.pop(RENDER_STATE, None)
    return dict(state.get("context") or {})
