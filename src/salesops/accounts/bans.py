"""Banned senders (I-9): an admin bans an address or a domain, and lifts it; audited (O-8).

Records of senders, below the layers that act on them: intake refuses a banned sender's
mail (``intake.service.banned``), and a Spam disqualification may ban its sender (D-3,
``tasks.side_effects``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, SpamBan
from salesops.core.addresses import is_free_mail, normalise_email, registrable_domain
from salesops.core.audit import Decision, record_decision
from salesops.core.errors import Conflict, NotFound, ValidationFailed
from salesops.playbook.runtime import playbook_of
from salesops.users import service as users
from salesops.users.models import User


def check_ban_value(session: Session, value: str) -> tuple[str, str]:
    """I-9: ``(value, kind)`` of a ban that may be made; a ban on a free-mail domain or on
    a very broad one (a public suffix, a paying customer's domain) is refused with the
    reason (issue 17 item 6): it would refuse every honest sender there."""
    value = normalise_email(value)
    if "@" in value:
        if value.count("@") != 1 or registrable_domain(value) is None:
            raise ValidationFailed(f"{value!r} is not an email address", field="value", rule="I-9")
        return value, "address"
    value = value.strip(".")
    reg = registrable_domain(value)
    if reg is None:
        raise ValidationFailed(
            f"{value!r} is not a company's domain (a public suffix like .com or .co.uk is "
            "far too broad to ban)",
            field="value",
            rule="I-9",
        )
    extra = frozenset(playbook_of(session).intake.free_mail_extra_domains)
    if is_free_mail(reg, extra):
        raise ValidationFailed(
            f"{reg} is a free-mail domain: banning it would refuse mail from everyone on it. "
            "Ban the spammer's address instead",
            field="value",
            rule="I-9",
        )
    customer = session.scalar(
        select(Account).where(Account.domain == reg, Account.customer_status == "paying")
    )
    if customer is not None:
        raise ValidationFailed(
            f"{reg} is the domain of {customer.name}, a paying customer: ban the address instead",
            field="value",
            rule="I-9",
        )
    return value, "domain"


def ban_sender(session: Session, actor: User, value: str, reason: str, now: datetime) -> SpamBan:
    """I-9: ban an address or a domain (admins; genuine spam only); audited (O-8)."""
    users.require_role(actor, "admin")
    value, kind = check_ban_value(session, value)
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


# -- the admins' approval inbox for salespeople's ban requests (issue 17 item 6) -------

REQUEST_KIND = "spam_ban_request"  # written by tasks.side_effects.request_ban (D-3)
RESOLVED_KIND = "spam_ban_request_resolved"


def pending_requests(session: Session, limit: int = 100) -> list[Decision]:
    """Ban requests a salesperson made on a Spam disqualification that no admin has
    approved or declined yet, newest first (the decision log is the request's record)."""
    recent = session.scalars(
        select(Decision)
        .where(Decision.kind == REQUEST_KIND)
        .order_by(Decision.id.desc())
        .limit(max(limit * 5, 500))
    )
    asked = [d for d in recent if (d.inputs or {}).get("outcome") == "requested"]
    if not asked:
        return []
    done = set(
        session.scalars(
            select(Decision.subject_id).where(
                Decision.kind == RESOLVED_KIND,
                Decision.subject_type == "decision",
                Decision.subject_id.in_([d.id for d in asked]),
            )
        )
    )
    return [d for d in asked if d.id not in done][:limit]


def resolve_request(
    session: Session, actor: User, request_id: int, *, approve: bool, now: datetime, note: str = ""
) -> SpamBan | None:
    """An admin approves (the ban is made, with the same checks) or declines a request;
    either way the answer is recorded (O-8) and the request leaves the inbox."""
    users.require_role(actor, "admin")
    request = session.get(Decision, request_id)
    if request is None or request.kind != REQUEST_KIND:
        raise NotFound(f"ban request {request_id} not found", field="request_id")
    if request not in pending_requests(session, limit=10_000):
        raise Conflict("this ban request was already answered", field="request_id", rule="I-9")
    value = str((request.inputs or {}).get("value", ""))
    ban = None
    if approve:
        existing = session.scalar(
            select(SpamBan).where(
                SpamBan.value == normalise_email(value), SpamBan.lifted_at.is_(None)
            )
        )
        ban = existing or ban_sender(
            session, actor, value, f"spam (task {request.subject_id}), requested", now
        )
    record_decision(
        session,
        RESOLVED_KIND,
        ("decision", request.id),
        {"value": value, "approved": approve, "note": note.strip() or None,
         "task_id": request.subject_id, "requested_by": request.actor_id},
        ["I-9"],
        f"ban request for {value} {'approved' if approve else 'declined'} by {actor.email}",
        outcome={"ban_id": ban.id if ban else None},
        actor_id=actor.id,
        at=now,
    )  # fmt: skip
    session.flush()
    return ban
