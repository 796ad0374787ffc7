"""Fast lane: a few hot webhook routes served as plain ASGI, ahead of the framework stack.

Contact-form intake is posted by machines at hundreds of requests a second. Through
the full stack (sessions, routing through every router, dependency solving, the
exception middlewares) a request costs about 0.6 ms of CPU before any intake work,
a quarter of the whole lead. A lane route skips that: it reads the body (with the
same size limit, 413 above it), calls its handler, and answers its JSON or a
problem document. The handler is the same coroutine the route's FastAPI endpoint
calls, so both paths give the same answers; the FastAPI route stays for the
OpenAPI document and as the fallback when the lane is off
(``SALESOPS_FAST_LANE=false``).

A handler may return work to run after the answer is sent (like Starlette's
background tasks, which run in the same request cycle): intake's pipeline drain.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from salesops.core.errors import (
    PROBLEM,
    DomainError,
    PayloadTooLarge,
    internal_error,
    problem_headers,
)

log = logging.getLogger("salesops")


class Request:
    """What a lane handler gets: the exact body bytes, lower-cased headers, the client."""

    __slots__ = ("body", "headers", "client_host")

    def __init__(self, body: bytes, headers: dict[str, str], client_host: str | None):
        self.body = body
        self.headers = headers
        self.client_host = client_host


# A handler answers (JSON body, work to run after the response, or None).
Handler = Callable[[Request], Awaitable[tuple[Any, Callable[[], Any] | None]]]


class FastLane:
    """ASGI middleware: ``routes`` maps (method, path) to a handler; anything else goes
    on to ``app``."""

    def __init__(
        self,
        app: ASGIApp,
        routes: Mapping[tuple[str, str], Handler],
        max_body_bytes: int,
        problem_of: Callable[[Exception], dict[str, Any] | None] = lambda _exc: None,
    ) -> None:
        self.app = app
        self.routes = dict(routes)
        self.limit = max_body_bytes
        self.problem_of = problem_of  # the app's 4xx for other errors (the database's)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = None
        if scope["type"] == "http":
            handler = self.routes.get((scope["method"], scope["path"]))
        if handler is None:
            await self.app(scope, receive, send)
            return
        after = None
        try:
            request = await self._request(scope, receive)
            content, after = await handler(request)
            response = JSONResponse(content)
        except DomainError as exc:
            response = JSONResponse(
                exc.to_problem(), exc.status, problem_headers(exc), media_type=PROBLEM
            )
        except Exception as exc:
            problem = self.problem_of(exc)
            if problem is None:
                log.exception("unhandled error on %s %s", scope["method"], scope["path"])
                problem = internal_error()
            response = JSONResponse(problem, problem["status"], media_type=PROBLEM)
        await response(scope, receive, send)
        if after is not None:
            await run_in_threadpool(after)

    async def _request(self, scope: Scope, receive: Receive) -> Request:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            raise too_large(self.limit)
        chunks: list[bytes] = []
        size = 0
        while True:
            message: Message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                raise too_large(self.limit)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        client = scope.get("client")
        return Request(b"".join(chunks), headers, client[0] if client else None)


def too_large(limit: int) -> PayloadTooLarge:
    """The 413 for a body over ``SALESOPS_MAX_BODY_BYTES`` (here and in ``BodySizeLimit``)."""
    return PayloadTooLarge(
        f"request body is larger than the {limit} byte limit (SALESOPS_MAX_BODY_BYTES)",
        field="body",
    )
