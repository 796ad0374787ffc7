"""CSRF protection for web forms: a per-session token checked on every POST."""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request

from salesops.core.errors import PermissionDenied


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get("csrf")
    if not expected or not submitted or not hmac.compare_digest(str(expected), submitted):
        raise PermissionDenied(
            "the form expired or was not sent from salesops; reload and retry", field="csrf_token"
        )
