"""``create_app(settings)`` → the ASGI app: every domain's routers and one error handler."""

from __future__ import annotations

import importlib
import logging
import signal
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from salesops import __version__
from salesops.core import fastlane, secretstore
from salesops.core.config import Settings
from salesops.core.errors import (
    PROBLEM,
    DomainError,
    ValidationFailed,
    internal_error,
    problem_headers,
)
from salesops.core.openapi import problem_openapi
from salesops.core.overload import InFlightLimit
from salesops.core.ticker import Ticker
from salesops.flows.bootstrap import settle_heap
from salesops.playbook.runtime import Runtime

log = logging.getLogger("salesops")

# Each domain's JSON routes (mounted under /api/v1) and HTML routes. Add yours here.
API_ROUTERS = [
    "salesops.system_api",
    "salesops.users.api",
    "salesops.accounts.api",
    "salesops.tasks.api",
    "salesops.scoring.api",
    "salesops.routing.api",
    "salesops.playbook.api",
    "salesops.intake.api",
    "salesops.intake.review_api",
    "salesops.activities.api",
    "salesops.tasks.lifecycle_api",
    "salesops.opportunities.api",
    "salesops.integrations.api",
    "salesops.reports.api",
    "salesops.flows.api",
    "salesops.intake.mailbox_api",
]
WEB_ROUTERS = [
    "salesops.web.views",
    "salesops.web.deals",
    "salesops.web.deal_list",
    "salesops.web.records",
    "salesops.web.search",
    "salesops.web.lists",
    "salesops.web.admin",
    "salesops.web.deactivate",
    "salesops.web.imports",
    "salesops.users.web",
    "salesops.tasks.web",
    "salesops.accounts.web",
    "salesops.routing.web",
    "salesops.playbook.web",
    "salesops.opportunities.web",
    "salesops.intake.web",
    "salesops.reports.web",
    "salesops.web.compose",
    "salesops.web.ownership",
]


class BodySizeLimit:
    """Answer 413 for bodies over ``settings.max_body_bytes`` (declared or streamed); the
    paths in ``larger`` (the admin's export uploads, issue 19) have their own limit."""

    def __init__(self, app: ASGIApp, limit: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope.get("path", ""), self.limit)
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await _send_problem(send, fastlane.too_large(limit))
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise fastlane.too_large(limit)
            return message

        await self.app(scope, limited, send)


async def _send_problem(send: Send, error: DomainError) -> None:
    response = JSONResponse(
        error.to_problem(), error.status, problem_headers(error), media_type=PROBLEM
    )
    await response({"type": "http"}, _empty_receive, send)


async def _empty_receive() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/i/v1/")) or path in ("/openapi.json", "/batch/", "/batch"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _problem_response(
    request: Request, body: dict[str, Any], status: int, headers: dict[str, str] | None = None
) -> Response:
    if _wants_html(request):
        from salesops.web.common import render

        # The page keeps the signed-in user's navigation (issue 17 item 9).
        return render(
            request,
            "error.html",
            user=_signed_in(request),
            problem=body,
            status_code=status,
            headers=headers,
        )
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM)


def _signed_in(request: Request) -> Any:
    """The web session's user for an error page, or None (never a second error: a 500
    may come from the very database this looks in)."""
    from salesops.users.http import authenticate

    try:
        return authenticate(request)
    except Exception:  # noqa: BLE001 - the error page is drawn without the user then
        log.warning("error page drawn without the signed-in user", exc_info=True)
        return None


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if len(parts) > 1 and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts) or "body"


INT_LIMIT = 2**31 - 1  # ids and counts are 32-bit on PostgreSQL


def _oversized_number_field(request: Request) -> str | None:
    """The path or query parameter whose integer does not fit the database (for the 422)."""
    candidates = [*request.path_params.items(), *request.query_params.multi_items()]
    for name, value in candidates:
        text = str(value).strip().lstrip("+-")
        if text.isdigit() and int(text) > INT_LIMIT:
            return str(name)
    return None


def _is_nul_error(exc: DataError) -> bool:
    """PostgreSQL refuses NUL in text and ``\\u0000`` in JSON: the client's input, a 422."""
    text = str(exc.orig)
    return "NUL" in text or "0x00" in text or "Unicode escape" in text


def data_problem(exc: Exception, field: str | None = None) -> dict[str, Any] | None:
    """The 422 for input the database refused: NUL characters, a number out of range
    (``field`` if known, else the body); None for anything else (a 500)."""
    if isinstance(exc, DataError) and _is_nul_error(exc):
        error = ValidationFailed("text must not contain NUL (\\x00) characters", field="body")
    elif isinstance(exc, OverflowError) or (
        isinstance(exc, DataError)
        and any(word in str(exc.orig) for word in ("out of range", "overflow"))
    ):
        detail = f"{field}: number out of range" if field else "a number is out of range"
        error = ValidationFailed(detail, field=field or "body")
    else:
        return None
    return error.to_problem()


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> Response:
        return _problem_response(request, exc.to_problem(), exc.status, problem_headers(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = []
        for err in exc.errors():
            field = _field_of(err.get("loc", ()))
            if err.get("type") == "json_invalid":
                message = "body is not valid JSON"
            elif err.get("type") == "extra_forbidden":
                message = "unknown field"
            else:
                message = str(err.get("msg", "invalid"))
            errors.append({"field": field, "message": message})
        first = errors[0] if errors else {"field": "body", "message": "invalid"}
        detail = f"{first['field']}: {first['message']}"
        if exc.errors() and _wants_html(request):  # a person reads it: words, not keys
            from salesops.web.forms import human_failure

            detail = human_failure(dict(exc.errors()[0])).detail
        body = {
            "type": "https://salesops.dev/problems/validation-failed",
            "title": "Validation failed",
            "status": 422,
            "detail": detail,
            "field": first["field"],
            "errors": errors,
        }
        return _problem_response(request, body, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        body = {
            "type": "about:blank",
            "title": str(exc.detail),
            "status": exc.status_code,
            "detail": str(exc.detail),
        }
        return _problem_response(request, body, exc.status_code)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def out_of_range(request: Request, exc: Exception) -> Response:
        body = data_problem(exc, _oversized_number_field(request))
        if body is None:
            return await unexpected(request, exc)
        return _problem_response(request, body, 422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _problem_response(request, internal_error(), 500)


def start_background(rt: Runtime) -> Ticker | None:
    """This API process's own background work: the new-lead pipeline drained at start-up
    and every ``pipeline_poll_seconds`` (unless workers run it), and SIGTERM/SIGINT
    telling a running drain to stop after its batch. None when there is nothing to run."""
    from salesops.flows import pipeline

    if not rt.settings.pipeline_in_api:
        return None
    if threading.current_thread() is threading.main_thread():  # uvicorn's, in `serve`
        for signum in (signal.SIGTERM, signal.SIGINT):
            previous = signal.getsignal(signum)

            def stop_then(sig: int, frame: FrameType | None, previous: Any = previous) -> None:
                pipeline.stop_draining(rt)
                if callable(previous):
                    previous(sig, frame)

            signal.signal(signum, stop_then)
    ticker = Ticker(
        "pipeline-drain", lambda: pipeline.drain_queued(rt), rt.settings.pipeline_poll_seconds
    )
    ticker.start()
    return ticker


def stop_background(rt: Runtime, ticker: Ticker | None) -> None:
    """Shutdown: no new drain batch; wait for the running one (it commits or rolls back
    whole, and what is left stays queued for the next process)."""
    from salesops.flows import pipeline

    pipeline.stop_draining(rt)
    if ticker is not None:
        ticker.stop()


def create_app(
    settings: Settings | None = None, runtime: Runtime | None = None, *, background: bool = False
) -> FastAPI:
    """The app; ``background``: also run this process's background work
    (``start_background``), as ``salesops serve`` does."""
    settings = settings or Settings()
    rt = runtime or Runtime(settings)
    rt.ensure_secrets(settings)  # never a built-in or empty session key (issue 13)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        settle_heap()
        ticker = start_background(rt) if background else None
        yield
        if background:
            await run_in_threadpool(stop_background, rt, ticker)

    app = FastAPI(
        lifespan=lifespan,
        title="salesops",
        version=__version__,
        description="Self-hosted sales-operations CRM: intake, routing, tasks, opportunities.",
        docs_url=None,  # served offline by salesops.web.apidocs (issue 17 item 9)
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.openapi = problem_openapi(app.openapi)  # type: ignore[method-assign]
    app.state.runtime = rt
    app.state.settings = settings
    from salesops.web.templating import make_templates

    app.state.templates = make_templates()
    install_error_handlers(app)
    from salesops.web.common import install_web_errors

    install_web_errors(app)
    for name in API_ROUTERS:
        module = importlib.import_module(name)
        app.include_router(module.router, prefix="/api/v1")
        for extra in getattr(module, "extra_routers", []):
            app.include_router(extra)
    for name in WEB_ROUTERS:
        app.include_router(importlib.import_module(name).router)
    from salesops.web import apidocs

    apidocs.install(app)
    static = Path(__file__).parent / "web" / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.add_middleware(
        SessionMiddleware,
        secret_key=secretstore.required(settings, "secret_key"),
        session_cookie="salesops_session",
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(
        BodySizeLimit,
        limit=settings.max_body_bytes,
        larger={"/admin/imports": settings.import_upload_max_bytes},
    )
    if settings.fast_lane:
        lanes: dict[tuple[str, str], fastlane.Handler] = {}
        for name in API_ROUTERS:
            fast_routes = getattr(importlib.import_module(name), "fast_routes", None)
            if fast_routes is not None:
                lanes.update({(m, "/api/v1" + p): h for (m, p), h in fast_routes(rt).items()})
        app.add_middleware(
            fastlane.FastLane,
            routes=lanes,
            max_body_bytes=settings.max_body_bytes,
            problem_of=data_problem,
        )
    # Outermost: past capacity a request is refused before any work (503, Retry-After).
    app.add_middleware(InFlightLimit, limit=settings.max_in_flight)

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def root(request: Request) -> Response:
        from fastapi.responses import RedirectResponse

        return RedirectResponse("/app" if request.session.get("sid") else "/login", 303)

    return app
