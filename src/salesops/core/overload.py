"""Overload: past capacity a request is refused at once with 503 and ``Retry-After``,
instead of queueing without bound until clients time out (while their work still
happens) and memory grows.

Two bounds, both per process (see docs/operations.md, "Capacity and overload"):

* ``InFlightLimit`` — at most ``SALESOPS_MAX_IN_FLIGHT`` HTTP requests in progress;
  the next one is answered 503 before any of its work starts. Health checks pass.
* the contact-form group commit (``core.groupcommit``) — at most
  ``SALESOPS_INTAKE_QUEUE_MAX`` submissions waiting for their transaction, each for at
  most ``SALESOPS_INTAKE_MAX_WAIT_SECONDS``; a submission refused with 503 was never
  stored, one answered 2xx is committed.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from salesops.core.errors import PROBLEM, Unavailable, problem_headers

RETRY_AFTER_SECONDS = 1
EXEMPT = frozenset({"/api/v1/health"})  # liveness probes must not fail under load


class InFlightLimit:
    """ASGI middleware: at most ``limit`` requests in progress in this process."""

    def __init__(self, app: ASGIApp, limit: int, retry_after: int = RETRY_AFTER_SECONDS):
        self.app = app
        self.limit = limit
        self.retry_after = retry_after
        self.active = 0  # one event loop per process: no lock needed
        self.refused = 0  # statistics, for tests and benchmarks

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT:
            await self.app(scope, receive, send)
            return
        if self.active >= self.limit:
            self.refused += 1
            error = Unavailable(
                f"the server is at capacity ({self.limit} requests in progress, "
                "SALESOPS_MAX_IN_FLIGHT); nothing was done, try again shortly",
                retry_after=self.retry_after,
            )
            response = JSONResponse(
                error.to_problem(), error.status, problem_headers(error), media_type=PROBLEM
            )
            await response(scope, receive, send)
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1
