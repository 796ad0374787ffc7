"""Territories and membership (O-7, R-3, R-4): mirrored from the playbook, members in the DB."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from salesops.core import clock
from salesops.core.audit import record_change
from salesops.core.errors import Conflict, NotFound, ValidationFailed
from salesops.playbook.schema import Playbook
from salesops.routing.models import Territory, TerritoryMember
from salesops.users import service as users
from salesops.users.models import User


def sync_territories(session: Session, playbook: Playbook, now: datetime) -> list[Territory]:
    """Make the territory rows match the playbook (R-4); members and counts are kept."""
    existing = {t.name: t for t in session.scalars(select(Territory))}
    rows = []
    for item in playbook.territories.items:
        row = existing.get(item.name)
        if row is None:
            row = Territory(name=item.name, created_at=now, rr_position=0)
            session.add(row)
        row.countries = list(item.countries)
        row.us_states = list(item.us_states)
        row.is_fallback = item.name == playbook.territories.fallback
        row.updated_at = now
        rows.append(row)
    session.flush()
    return rows


def get_territory(session: Session, territory_id: int) -> Territory:
    row = session.get(Territory, territory_id)
    if row is None:
        raise NotFound(f"territory {territory_id} not found", field="territory_id")
    return row


def get_territory_by_name(session: Session, name: str) -> Territory:
    row = session.scalar(select(Territory).where(Territory.name == name))
    if row is None:
        names = ", ".join(session.scalars(select(Territory.name).order_by(Territory.name)))
        raise NotFound(f"no territory named {name!r}; known: {names}", field="territory")
    return row


def members(session: Session, territory_id: int) -> list[TerritoryMember]:
    return list(
        session.scalars(
            select(TerritoryMember)
            .where(TerritoryMember.territory_id == territory_id)
            .order_by(TerritoryMember.id)
        )
    )


def add_member(
    session: Session,
    actor: User | None,
    territory: Territory,
    user: User,
    *,
    now: datetime,
    priority: int = 1,
    adjustment: int = 0,
) -> TerritoryMember:
    """Add a salesperson to a territory's rotation; nobody else's count changes (R-3)."""
    if actor is not None:
        users.require_role(actor, "admin")
    if priority < 1:
        raise ValidationFailed("priority must be 1 or more", field="priority", rule="R-3")
    if not user.active:
        raise ValidationFailed(f"{user.email} is deactivated", field="user_id", rule="R-7")
    existing = session.scalar(
        select(TerritoryMember).where(
            TerritoryMember.territory_id == territory.id, TerritoryMember.user_id == user.id
        )
    )
    what = f"{user.email} in {territory.name}'s rotation"
    if existing is not None:
        if existing.active:
            raise Conflict(f"{user.email} is already in {territory.name}", field="user_id")
        before = _member_state(existing)
        existing.active = True
        existing.priority = priority
        existing.adjustment = adjustment
        session.flush()
        record_change(
            session, existing, what, before, _member_state(existing), ["R-3", "P-2"],
            actor_id=actor.id if actor else None, at=now,
        )  # fmt: skip
        return existing
    member = TerritoryMember(
        territory_id=territory.id,
        user_id=user.id,
        priority=priority,
        adjustment=adjustment,
        assigned_count=0,
        active=True,
        joined_at=now,
    )
    session.add(member)
    session.flush()
    record_change(
        session, member, what, {"member": False}, {"member": True, **_member_state(member)},
        ["R-3", "P-2"], actor_id=actor.id if actor else None, at=now,
    )  # fmt: skip
    return member


def _member_state(member: TerritoryMember) -> dict[str, Any]:
    return {"active": member.active, "priority": member.priority, "adjustment": member.adjustment}


def update_member(
    session: Session,
    actor: User,
    territory: Territory,
    user_id: int,
    changes: dict[str, Any],
    now: datetime | None = None,
) -> TerritoryMember:
    """Change a member's weighting or take them out of the rotation (R-3)."""
    users.require_role(actor, "admin")
    member = session.scalar(
        select(TerritoryMember).where(
            TerritoryMember.territory_id == territory.id, TerritoryMember.user_id == user_id
        )
    )
    if member is None:
        raise NotFound(f"user {user_id} is not a member of {territory.name}", field="user_id")
    if changes.get("priority") is not None and changes["priority"] < 1:
        raise ValidationFailed("priority must be 1 or more", field="priority", rule="R-3")
    before = _member_state(member)
    for key in ("priority", "adjustment", "active"):
        if changes.get(key) is not None:
            setattr(member, key, changes[key])
    session.flush()
    email = session.scalar(select(User.email).where(User.id == user_id))
    record_change(
        session, member, f"{email} in {territory.name}'s rotation", before,
        _member_state(member), ["R-3", "P-2"], actor_id=actor.id, at=now or clock.now(),
    )  # fmt: skip
    return member


def leave_all_rotations(session: Session, user_id: int) -> None:
    """R-7: a user who leaves is out of every rotation; the others' counts stay (R-3)."""
    session.execute(
        update(TerritoryMember)
        .where(TerritoryMember.user_id == user_id)
        .values(active=False)
        .execution_options(synchronize_session="fetch")
    )
