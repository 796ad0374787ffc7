"""Users, tokens and time off over HTTP (U-1, U-2, R-6)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Query, Response, status
from fastapi.responses import JSONResponse
from pydantic import Field
from sqlalchemy import select

from salesops.core.errors import NotFound, PermissionDenied, ValidationFailed
from salesops.core.http import PageDep, ReadModel, StrictModel, page_of, paginate
from salesops.flows import deactivation_jobs, deactivation_store, people
from salesops.users import auth, notify, service
from salesops.users.http import CtxDep
from salesops.users.models import TimeOff, User
from salesops.users.notifications import Notification
from salesops.users.schemas import (
    DeactivationConfirm,
    PasswordChange,
    TimeOffCreate,
    TimeOffRead,
    TokenCreate,
    TokenIssued,
    TokenRead,
    UserCreate,
    UserRead,
    UserUpdate,
)

router = APIRouter(tags=["users"])


@router.get("/me", response_model=UserRead, summary="The authenticated user")
def me(ctx: CtxDep) -> Any:
    return ctx.user


@router.get("/users", summary="List users")
def list_users(
    ctx: CtxDep,
    page: PageDep,
    role: str | None = None,
    active: bool | None = None,
) -> Any:
    with ctx.uow(readonly=True) as s:
        q = select(User)
        if role:
            q = q.where(User.role == role)
        if active is not None:
            q = q.where(User.active == active)
        rows, total = paginate(
            s,
            q,
            page,
            sortable={"email": User.email, "name": User.name, "created_at": User.created_at},
            default_sort="email",
            id_column=User.id,
        )
        return page_of(rows, total, page, UserRead)


@router.get("/users/{user_id}", response_model=UserRead)
def get_user(ctx: CtxDep, user_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        return service.get_user(s, user_id)


@router.post("/users", response_model=UserRead, status_code=status.HTTP_201_CREATED)
def create_user(ctx: CtxDep, body: UserCreate) -> Any:
    service.require_role(ctx.user, "admin")
    with ctx.uow() as s:
        return service.create_user(s, now=ctx.now(), **body.model_dump())


@router.patch("/users/{user_id}", response_model=UserRead)
def update_user(ctx: CtxDep, user_id: int, body: UserUpdate) -> Any:
    with ctx.uow() as s:
        user = service.get_user(s, user_id)
        if user.active and body.active is False:
            people.require_no_open_work(s, user)  # the deactivation flow hands it on
        return people.update_user(
            s, ctx.user, user, now=ctx.now(), **body.model_dump(exclude_unset=True)
        )


@router.post(
    "/users/{user_id}/deactivation/preview",
    summary="Who would get a leaving user's open work (R-7): the stored plan; nothing moves",
)
def preview_deactivation(
    ctx: CtxDep,
    background: BackgroundTasks,
    user_id: int,
    offset: Annotated[int, Query(ge=0, description="first account listed")] = 0,
    limit: Annotated[int, Query(ge=0, le=1000, description="accounts listed")] = 200,
) -> Any:
    """The stored plan (the web preview's): counts per new owner, its ``digest`` to
    confirm, and in ``moves`` the records of the accounts ``offset`` … ``offset + limit``
    (id order). A large hand-over is planned by a background job: ``202`` with
    ``status: planning`` — ask again. Nothing changes hands until the confirmation."""
    with ctx.uow() as s:
        user = service.get_user(s, user_id)
        view = deactivation_store.preview(s, ctx.user, user, ctx.now(), offset=offset, limit=limit)
        body = view.as_json(offset)
    if view.run_jobs:
        background.add_task(deactivation_jobs.run_jobs, ctx.rt)
    return JSONResponse(body, status_code=202 if body["status"] == "planning" else 200)


@router.post(
    "/users/{user_id}/deactivation",
    summary="Confirm a previewed deactivation (R-7): the hand-over runs as a background job",
)
def deactivate_user(
    ctx: CtxDep, background: BackgroundTasks, user_id: int, body: DeactivationConfirm
) -> Any:
    """``{"confirm": true, "digest": …}`` from the preview: the user is deactivated and
    their work handed on by the ``users.deactivation.apply`` job (``202``; its progress
    and outcome from ``GET …/deactivation``). A plan that changed since the preview is
    refused (409: preview again); confirming twice queues nothing twice."""
    if not body.confirm:
        raise ValidationFailed(
            "confirm must be true: preview first, then confirm", field="confirm", rule="R-7"
        )
    if not body.digest:
        raise ValidationFailed(
            "digest is required: send the digest of the preview you confirm",
            field="digest",
            rule="R-7",
        )
    with ctx.uow() as s:
        user = service.get_user(s, user_id)
        plan = deactivation_store.confirm(s, ctx.user, user, ctx.now(), digest=body.digest)
        answer = deactivation_store.View(plan, user.email).as_json()
    background.add_task(deactivation_jobs.run_jobs, ctx.rt)
    return JSONResponse(answer, status_code=status.HTTP_202_ACCEPTED)


@router.get(
    "/users/{user_id}/deactivation",
    summary="A deactivation's plan, progress and outcome (R-7)",
)
def deactivation_progress(ctx: CtxDep, user_id: int) -> Any:
    """The user's latest plan: ``planning``, ``planned``, ``confirmed``/``applying`` with
    ``done`` of ``total`` records moved, ``done``, or ``failed`` with the reason."""
    with ctx.uow() as s:
        user = service.get_user(s, user_id)
        return deactivation_store.progress(s, ctx.user, user, ctx.now()).as_json()


@router.post(
    "/users/{user_id}/tokens", response_model=TokenIssued, status_code=status.HTTP_201_CREATED
)
def create_token(ctx: CtxDep, user_id: int, body: TokenCreate) -> Any:
    if ctx.user.id != user_id:
        service.require_role(ctx.user, "admin")
    with ctx.uow() as s:
        issued = service.create_token(
            s, service.get_user(s, user_id), now=ctx.now(), name=body.name
        )
        return TokenIssued(id=issued.token.id, name=issued.token.name, token=issued.secret)


@router.get("/users/{user_id}/tokens", response_model=list[TokenRead], summary="API tokens")
def list_tokens(ctx: CtxDep, user_id: int) -> Any:
    """A user's tokens (never their secrets): your own, or anyone's for an admin (U-1)."""
    if ctx.user.id != user_id:
        service.require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        return service.tokens_of(s, service.get_user(s, user_id))


@router.delete(
    "/users/{user_id}/tokens/{token_id}", response_model=TokenRead, summary="Revoke an API token"
)
def revoke_token(ctx: CtxDep, user_id: int, token_id: int) -> Any:
    """U-1: the token stops working at once (it is kept, marked revoked, for the record)."""
    with ctx.uow() as s:
        token = service.get_token(s, token_id)
        if token.user_id != user_id:
            raise NotFound(f"user {user_id} has no token {token_id}", field="token_id")
        return service.revoke_token(s, ctx.user, token, ctx.now())


@router.post(
    "/me/password",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Change your password; every web session of yours ends",
)
def change_password(ctx: CtxDep, body: PasswordChange) -> Response:
    """Throttled like a sign-in (429 with Retry-After); API tokens keep working."""
    host = ctx.request.client.host if ctx.request.client else None
    auth.change_password(
        ctx.rt.db,
        ctx.user.id,
        body.current_password,
        body.new_password,
        host,
        ctx.now(),
        ctx.rt.settings.session_max_age,
    )
    if "session" in ctx.request.scope and ctx.request.session.get("sid"):
        ctx.request.session.clear()  # this browser signs in again with the new password
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/users/{user_id}/time-off", response_model=list[TimeOffRead])
def list_time_off(ctx: CtxDep, user_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        service.get_user(s, user_id)
        return list(
            s.scalars(select(TimeOff).where(TimeOff.user_id == user_id).order_by(TimeOff.starts_on))
        )


@router.post(
    "/users/{user_id}/time-off", response_model=TimeOffRead, status_code=status.HTTP_201_CREATED
)
def add_time_off(ctx: CtxDep, user_id: int, body: TimeOffCreate) -> Any:
    if ctx.user.id != user_id and ctx.user.role != "admin":
        raise PermissionDenied("only admins record time off for someone else", rule="U-2")
    service.require_writer(ctx.user)
    with ctx.uow() as s:
        user = service.get_user(s, user_id)
        return service.add_time_off(
            s, user, body.starts_on, body.ends_on, now=ctx.now(), note=body.note,
            actor=ctx.user,
        )  # fmt: skip


# -- notifications (issue 20 item 3) ------------------------------------------------


class NotificationRead(ReadModel):
    id: int
    event: str
    title: str
    body: str
    link: str | None
    created_at: datetime
    read_at: datetime | None


class UnreadCount(ReadModel):
    unread: int


class Preferences(StrictModel):
    events: dict[str, list[str]] | None = None
    digest: bool | None = None
    slack_user_id: str | None = Field(default=None, max_length=40)


class PreferencesRead(ReadModel):
    events: dict[str, list[str]]
    digest: bool
    slack_user_id: str | None


class SlackIdBody(StrictModel):
    slack_user_id: str | None = Field(default=None, max_length=40)


@router.put(
    "/users/{user_id}/slack-user-id",
    summary="A-4: map a user to their Slack member id (themselves, or an admin for anyone)",
)
def set_slack_user_id(ctx: CtxDep, user_id: int, body: SlackIdBody) -> Any:
    with ctx.uow() as s:
        user = service.get_user(s, user_id)
        return notify.set_slack_user_id(s, ctx.user, user, body.slack_user_id, ctx.now())


@router.get("/notifications", summary="Your notifications, newest first (?unread=true)")
def list_notifications(ctx: CtxDep, page: PageDep, unread: bool = False) -> Any:
    with ctx.uow(readonly=True) as s:
        rows, total = paginate(
            s,
            notify.inbox_query(ctx.user.id, unread=unread),
            page,
            sortable={"id": Notification.id},
            default_sort="-id",
            id_column=Notification.id,
        )
        return page_of(rows, total, page, NotificationRead)


@router.get("/notifications/unread-count", response_model=UnreadCount)
def unread_count(ctx: CtxDep) -> Any:
    with ctx.uow(readonly=True) as s:
        return UnreadCount(unread=notify.unread_count(s, ctx.user.id))


@router.post("/notifications/{notification_id}/read", response_model=UnreadCount)
def mark_read(ctx: CtxDep, notification_id: int) -> Any:
    with ctx.uow() as s:
        notify.mark_read(s, ctx.user, notification_id, ctx.now())
        return UnreadCount(unread=notify.unread_count(s, ctx.user.id))


@router.post("/notifications/read-all", response_model=UnreadCount)
def mark_all_read(ctx: CtxDep) -> Any:
    with ctx.uow() as s:
        notify.mark_read(s, ctx.user, None, ctx.now())
        return UnreadCount(unread=0)


@router.get("/notifications/preferences", response_model=PreferencesRead)
def get_preferences(ctx: CtxDep) -> Any:
    with ctx.uow(readonly=True) as s:
        return notify.preferences(s, s.get(User, ctx.user.id))  # type: ignore[arg-type]


@router.put(
    "/notifications/preferences",
    response_model=PreferencesRead,
    summary="Channels per event (in_app, email, slack), daily digest, Slack member id",
)
def put_preferences(ctx: CtxDep, body: Preferences) -> Any:
    with ctx.uow() as s:
        user = s.get(User, ctx.user.id)
        return notify.set_preferences(s, user, body.model_dump(exclude_unset=True))  # type: ignore[arg-type]
