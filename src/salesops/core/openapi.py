"""The OpenAPI document says what errors look like: every operation lists the problem
responses (RFC 9457, ``application/problem+json``) any request may get, with one
``Problem`` schema, so clients and schemathesis can check them.

FastAPI documents only the success response and its own 422 (``HTTPValidationError``,
``application/json``), which is not what the app answers: ``salesops.app`` renders every
error, its own validation failures included, as a problem document (``core.errors``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from salesops.core.errors import PROBLEM

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "An RFC 9457 problem document. `field` names the input at fault, "
    "`rule` the spec rule applied; a validation failure lists every error in `errors`.",
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "field": {"type": "string"},
        "rule": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
    "additionalProperties": True,
}

RETRY_AFTER: dict[str, Any] = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 0},
    }
}

#: Status → (description, headers). Any operation may answer these.
PROBLEMS: dict[int, tuple[str, dict[str, Any]]] = {
    400: ("Bad request", {}),
    401: ("Authentication required, or a bad webhook signature (U-1, I-10)", {}),
    403: ("Permission denied (U-2)", {}),
    404: ("Not found", {}),
    409: ("Conflict: the record changed, exists already, or the move is not allowed", {}),
    413: ("Request body larger than SALESOPS_MAX_BODY_BYTES", {}),
    422: ("Validation failed: `field` names the input", {}),
    429: ("Too many requests; `Retry-After` says when to try again", RETRY_AFTER),
    503: ("Over capacity; `Retry-After` says when to try again (nothing was stored)", RETRY_AFTER),
}

_REF = {"$ref": "#/components/schemas/Problem"}


def add_problem_responses(document: dict[str, Any]) -> dict[str, Any]:
    """Give every operation the ``PROBLEMS`` responses (replacing FastAPI's 422) and the
    document the ``Problem`` schema; drops FastAPI's unused validation schemas."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, (description, headers) in PROBLEMS.items():
                response: dict[str, Any] = {
                    "description": description,
                    "content": {PROBLEM: {"schema": _REF}},
                }
                if headers:
                    response["headers"] = headers
                responses[str(status)] = response
            operation["responses"] = dict(sorted(responses.items()))
    text = repr(document.get("paths", {}))
    for name in ("HTTPValidationError", "ValidationError"):
        if f"/{name}'" not in text:
            schemas.pop(name, None)
    return document


def problem_openapi(build: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """Wrap FastAPI's ``app.openapi``: the document with problem responses, built once."""
    done: list[dict[str, Any]] = []

    def openapi() -> dict[str, Any]:
        if not done:
            done.append(add_problem_responses(build()))
        return done[0]

    return openapi
