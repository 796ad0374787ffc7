"""Domain errors that carry their HTTP status (STYLE habit 6).

Services raise these; one handler in ``salesops.app`` renders them as RFC 9457
problem documents for the API and as HTML pages for the web app.
"""

from __future__ import annotations

from typing import Any

PROBLEM = "application/problem+json"  # RFC 9457's media type


def internal_error() -> dict[str, Any]:
    """The 500 problem document: what went wrong is logged, never shown."""
    return {
        "type": "about:blank",
        "title": "Internal error",
        "status": 500,
        "detail": "an unexpected error occurred; it has been logged",
    }


class DomainError(Exception):
    """A business error with a status, a stable code, and the field or rule it concerns."""

    status: int = 400
    code: str = "error"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        field: str | None = None,
        rule: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.rule = rule
        self.extra = extra or {}

    def to_problem(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"https://salesops.dev/problems/{self.code}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.field:
            body["field"] = self.field
        if self.rule:
            body["rule"] = self.rule
        body.update(self.extra)
        return body


class ValidationFailed(DomainError):
    status = 422
    code = "validation-failed"
    title = "Validation failed"


class NotFound(DomainError):
    status = 404
    code = "not-found"
    title = "Not found"


class Conflict(DomainError):
    status = 409
    code = "conflict"
    title = "Conflict"


class InvalidTransition(DomainError):
    status = 409
    code = "invalid-transition"
    title = "Invalid transition"


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"
    title = "Authentication required"


class PermissionDenied(DomainError):
    status = 403
    code = "permission-denied"
    title = "Permission denied"


class PayloadTooLarge(DomainError):
    status = 413
    code = "payload-too-large"
    title = "Payload too large"


class TooManyRequests(DomainError):
    """429: too many attempts (sign-in throttling, issue 13 item 9); try again after
    ``retry_after`` seconds (sent as the ``Retry-After`` header)."""

    status = 429
    code = "too-many-requests"
    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after: int, **kwargs: Any) -> None:
        super().__init__(detail, **kwargs)
        self.retry_after = retry_after
        self.extra.setdefault("retry_after", retry_after)


class Unavailable(DomainError):
    """Over capacity: nothing was done or stored; try again after ``retry_after`` seconds
    (sent as the ``Retry-After`` header)."""

    status = 503
    code = "unavailable"
    title = "Service unavailable"

    def __init__(self, detail: str, *, retry_after: int = 1, **kwargs: Any) -> None:
        super().__init__(detail, **kwargs)
        self.retry_after = retry_after
        self.extra.setdefault("retry_after", retry_after)


def problem_headers(error: DomainError) -> dict[str, str]:
    """The headers a problem answer carries: ``Retry-After`` when the error says when."""
    retry_after = getattr(error, "retry_after", None)
    return {} if retry_after is None else {"Retry-After": str(int(retry_after))}
