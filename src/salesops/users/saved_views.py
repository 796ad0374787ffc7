"""Saved views of a list (issue 17 item 3): per user, optionally shared with everyone."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from salesops.core.errors import NotFound, PermissionDenied, ValidationFailed
from salesops.users.models import SavedView, User

LISTS = ("queue", "accounts", "contacts", "deals")
SKIPPED = {"page", "format", "csrf_token"}


def clean_query(query: str) -> str:
    """The list's filters and sort, without the page number or an export format."""
    pairs = [(k, v) for k, v in parse_qsl(query.lstrip("?"), keep_blank_values=False)]
    return urlencode([(k, v) for k, v in pairs if k not in SKIPPED][:30])


def save_view(
    session: Session,
    user: User,
    list_name: str,
    name: str,
    query: str,
    shared: bool,
    now: datetime,
) -> SavedView:
    if list_name not in LISTS:
        raise ValidationFailed(f"List must be one of: {', '.join(LISTS)}", field="list_name")
    name = name.strip()
    if not name:
        raise ValidationFailed("Name the view", field="name")
    if len(name) > 100:
        raise ValidationFailed("Name must be at most 100 characters", field="name")
    view = SavedView(
        user_id=user.id,
        list_name=list_name,
        name=name,
        query=clean_query(query),
        shared=shared,
        created_at=now,
    )
    session.add(view)
    session.flush()
    return view


def views_for(session: Session, user: User, list_name: str) -> list[SavedView]:
    """The user's own views of the list, then those others shared."""
    return list(
        session.scalars(
            select(SavedView)
            .where(
                SavedView.list_name == list_name,
                or_(SavedView.user_id == user.id, SavedView.shared.is_(True)),
            )
            .order_by((SavedView.user_id != user.id), SavedView.name, SavedView.id)
            .limit(100)
        )
    )


def delete_view(session: Session, user: User, view_id: int) -> SavedView:
    view = session.get(SavedView, view_id)
    if view is None:
        raise NotFound("that saved view does not exist", field="view_id")
    if view.user_id != user.id and user.role != "admin":
        raise PermissionDenied("only its owner or an admin deletes a shared view", field="view_id")
    session.delete(view)
    session.flush()
    return view
