"""Banned senders (I-9): an admin bans an address or a domain, and lifts it; audited (O-8).

Records of senders, below the layers that act on them: intake refuses a banned sender's
mail (``intake.service.banned``), and a Spam disqualification may ban its sender (D-3,
``tasks.side_effects``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import SpamBan
from salesops.core.addresses import normalise_email, registrable_domain
from salesops.core.audit import record_decision
from salesops.core.errors import Conflict, NotFound, ValidationFailed
from salesops.users import service as users
from salesops.users.models import User


def ban_sender(session: Session, actor: User, value: str, reason: str, now: datetime) -> SpamBan:
    """I-9: ban an address or a domain (admins; genuine spam only); audited (O-8)."""
    users.require_role(actor, "admin")
    value = normalise_email(value)
    if "@" in value:
        kind = "address"
        if value.count("@") != 1 or registrable_domain(value) is None:
            raise ValidationFailed(f"{value!r} is not an email address", field="value", rule="I-9")
    else:
        kind = "domain"
        if registrable_domain(value) is None:
            raise ValidationFailed(f"{value!r} is not a domain", field="value", rule="I-9")
    existing = session.scalar(
        select(SpamBan).where(SpamBan.value == value, SpamBan.lifted_at.is_(None))
    )
    if existing is not None:
        raise Conflict(f"{value} is already banned (ban {existing.id})", field="value", rule="I-9")
    ban = SpamBan(value=value, kind=kind, reason=reason, created_at=now, created_by=actor.id)
    session.add(ban)
    session.flush()
    record_decision(
        session,
        "spam_ban",
        ban,
        {"value": value, "kind": kind, "reason": reason},
        ["I-9"],
        f"{kind} {value} banned by {actor.email}: {reason or 'no reason given'}",
        actor_id=actor.id,
        at=now,
    )
    return ban


def lift_ban(session: Session, actor: User, ban_id: int, now: datetime) -> SpamBan:
    """I-9: lift a ban; the row and its audit trail stay."""
    users.require_role(actor, "admin")
    ban = session.get(SpamBan, ban_id)
    if ban is None:
        raise NotFound(f"ban {ban_id} not found", field="ban_id")
    if ban.lifted_at is not None:
        raise Conflict(f"ban {ban_id} was already lifted", field="ban_id", rule="I-9")
    ban.lifted_at = now
    ban.lifted_by = actor.id
    record_decision(
        session,
        "spam_ban_lifted",
        ban,
        {"value": ban.value},
        ["I-9"],
        f"ban on {ban.value} lifted by {actor.email}",
        actor_id=actor.id,
        at=now,
    )
    session.flush()
    return ban
