"""An admin changes a user (O-6, U-2); one who leaves is out of every rotation (R-7).

A flow: the user is the users layer's; the rotations (``routing.territories``) sit in
routing, above it, so users never imports routing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

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
