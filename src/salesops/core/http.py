"""HTTP plumbing shared by every domain's routes: auth, context, pagination, errors."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, ConfigDict, field_validator
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from salesops.core import clock
from salesops.core.errors import PermissionDenied, Unauthorized, ValidationFailed
from salesops.core.runtime import Runtime
from salesops.users.models import User

T = TypeVar("T")


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


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


class StrictModel(BaseModel):
    """Input models refuse unknown fields so typos are named, not ignored, and refuse
    NUL characters, which PostgreSQL cannot store in text."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("must not contain NUL (\\x00) characters")
        return value


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
    next_offset: int | None


@dataclass
class PageParams:
    limit: int
    offset: int
    sort: str | None


def page_params(
    limit: Annotated[int, Query(ge=1, le=500, description="Page size (max 500)")] = 50,
    offset: Annotated[int, Query(ge=0, description="Rows to skip")] = 0,
    sort: Annotated[
        str | None, Query(description="Field to sort by; prefix with - for descending")
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, offset=offset, sort=sort)


PageDep = Annotated[PageParams, Depends(page_params)]


def paginate(
    session: Session,
    query: Select[Any],
    params: PageParams,
    *,
    sortable: dict[str, Any],
    default_sort: str,
    id_column: Any,
) -> tuple[list[Any], int]:
    """Apply sorting (a whitelisted field, ``-`` for descending) and a page; count the total."""
    sort = params.sort or default_sort
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in sortable:
        raise ValidationFailed(
            f"cannot sort by {key!r}; choose one of {', '.join(sorted(sortable))}", field="sort"
        )
    column = sortable[key]
    ordered = query.order_by(
        column.desc() if desc else column.asc(), id_column.desc() if desc else id_column.asc()
    )
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = list(session.scalars(ordered.limit(params.limit).offset(params.offset)))
    return rows, int(total or 0)


def page_of(rows: list[Any], total: int, params: PageParams, model: type[BaseModel]) -> Any:
    items = [model.model_validate(r) for r in rows]
    nxt = params.offset + len(items)
    return {
        "items": items,
        "total": total,
        "limit": params.limit,
        "offset": params.offset,
        "next_offset": nxt if nxt < total else None,
    }
