"""Who is asking (U-1): the request's runtime, authentication (Bearer token or web session),
the cookie-write check, and ``Ctx``/``CtxDep`` for every domain's routes.

In the users layer (it knows ``User``); the generic plumbing — input and read
models, pagination — is ``salesops.core.http``."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from salesops.core import clock
from salesops.core.errors import PermissionDenied, Unauthorized
from salesops.playbook.runtime import Runtime
from salesops.users.models import User


def runtime(request: Request) -> Runtime:
    return request.app.state.runtime  # type: ignore[no-any-return]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def authenticate(request: Request) -> User | None:
    """The user behind a Bearer token or a live web session (U-1), or None.

    A web session is a row (``users.auth``): the signed cookie alone — say, one forged
    with a leaked key, or kept after logout — gives nothing."""
    from salesops.users import auth
    from salesops.users import service as users

    rt = runtime(request)
    token = _bearer(request)
    if token is not None:
        with rt.db.unit_of_work(readonly=True) as s:
            return users.user_for_token(s, token)
    session_id = request.session.get("sid") if "session" in request.scope else None
    if not isinstance(session_id, str) or not session_id:
        return None
    if session_expired(request):
        request.session.clear()
        request.state.session_expired = True
        return None
    with rt.db.unit_of_work(readonly=True) as s:
        user = auth.user_for_session(s, session_id, clock.now())
    if user is None:
        request.session.clear()  # ended elsewhere (logout, password change): forget it
    return user


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def check_cookie_write(request: Request) -> None:
    """The JSON API refuses a write authenticated only by the session cookie unless it
    carries the session's CSRF token in ``X-CSRF-Token`` (issue 13 item 9): a page on
    another site can make a browser send the cookie, never read the token. Bearer
    tokens are not sent by browsers on their own, so they need nothing more."""
    if request.method in SAFE_METHODS or _bearer(request) is not None:
        return
    expected = request.session.get("csrf")
    given = request.headers.get("x-csrf-token", "")
    if not expected or not given or not hmac.compare_digest(str(expected), given):
        raise PermissionDenied(
            "a write with the session cookie needs the X-CSRF-Token header of that session; "
            "scripts and integrations send 'Authorization: Bearer <token>' instead",
            field="X-CSRF-Token",
        )


def session_expired(request: Request) -> bool:
    """U-1: a web session ends ``session_max_age`` seconds after login, however active."""
    login_at = request.session.get("login_at")
    if not login_at:
        return True
    try:
        started = datetime.fromisoformat(str(login_at))
    except ValueError:
        return True
    age = (clock.now() - started).total_seconds()
    return age > runtime(request).settings.session_max_age or age < -300


@dataclass
class Ctx:
    """One request's context: who is asking, and how to open a unit of work."""

    request: Request
    user: User
    rt: Runtime

    @contextmanager
    def uow(self, *, readonly: bool = False) -> Iterator[Session]:
        with self.rt.uow(readonly=readonly, actor_id=self.user.id) as s:
            yield s

    def now(self) -> datetime:
        return clock.now()


def api_context(request: Request) -> Ctx:
    user = authenticate(request)
    if user is None:
        raise Unauthorized(
            "send 'Authorization: Bearer <token>' (create one with `salesops tokens create`)"
        )
    check_cookie_write(request)
    return Ctx(request=request, user=user, rt=runtime(request))


CtxDep = Annotated[Ctx, Depends(api_context)]
