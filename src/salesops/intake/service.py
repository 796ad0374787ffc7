"""Intake's shared use-cases: idempotency keys, the rejections log, business ignores,
spam bans (I-9), and turning a matched contact into a lead task (I-1 … I-8, M-3).

Each source's module (``forms``, ``mail``, ``product_events``, ``zendesk``,
``slack``, ``manual``) parses and authenticates its delivery and then calls these.
Services flush, never commit: the entrypoint commits before answering success.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import set_committed_value

from salesops.activities.service import log_activity
from salesops.core.audit import defer_decision, record_decision
from salesops.core.db import insert_object
from salesops.core.errors import Conflict, NotFound, ValidationFailed
from salesops.core.runtime import playbook_of
from salesops.intake.models import IntakeDelivery, IntakeRejection, SpamBan
from salesops.intake.rules import ban_for
from salesops.matching.rules import normalise_email, registrable_domain
from salesops.matching.service import ContactMatch, link_open_conversation, previous_lead
from salesops.tasks.models import Task
from salesops.users import service as users
from salesops.users.models import User

BODY_EXCERPT_BYTES = 4096
LOGGED_HEADERS = ("content-type", "content-length", "content-encoding", "user-agent")


@dataclass
class Outcome:
    """What an intake delivery led to; ``body()`` is the JSON answer."""

    status: str  # accepted | ignored
    reason: str = ""
    duplicate: bool = False
    ids: dict[str, Any] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, **self.ids}
        if self.reason:
            out["reason"] = self.reason
        if self.duplicate:
            out["duplicate"] = True
        return out


# --- idempotency -----------------------------------------------------------------


def claim(
    session: Session, source: str, key: str, now: datetime
) -> tuple[IntakeDelivery, Outcome | None]:
    """Claim a delivery key. A key seen before returns the first outcome (marked duplicate):
    the caller must then change nothing. Safe under concurrency (unique key, ON CONFLICT)."""
    key = key[:300]
    row = IntakeDelivery(source=source, key=key, status="accepted", result={}, received_at=now)
    # One statement, race-safe on both backends: a concurrent first delivery makes this
    # one wait for its commit and then do nothing.
    if insert_object(session, row, on_conflict=("source", "key")):
        return row, None
    existing = session.execute(_DELIVERY_BY_KEY, {"source": source, "key": key}).scalar()
    assert existing is not None
    result = dict(existing.result or {})
    status = result.pop("status", existing.status)
    reason = result.pop("reason", "")
    return existing, Outcome(status, reason, duplicate=True, ids=result)


def finish(delivery: IntakeDelivery, outcome: Outcome) -> Outcome:
    """Store the outcome on the delivery so a duplicate answers the same.

    One UPDATE right away (not a unit-of-work flush at commit): intake's hot path."""
    body = outcome.body()
    session = object_session(delivery)
    if session is None:
        delivery.status, delivery.result = outcome.status, body
        return outcome
    session.execute(_FINISH, {"d_id": delivery.id, "status": outcome.status, "result": body})
    set_committed_value(delivery, "status", outcome.status)
    set_committed_value(delivery, "result", body)
    return outcome


_DELIVERY_BY_KEY = select(IntakeDelivery).where(
    IntakeDelivery.source == bindparam("source"), IntakeDelivery.key == bindparam("key")
)
DELIVERIES = cast(Table, IntakeDelivery.__table__)  # Core statements: no ORM bookkeeping
_FINISH = (
    update(DELIVERIES)
    .where(DELIVERIES.c.id == bindparam("d_id"))
    .values(status=bindparam("status"), result=bindparam("result"))
)


# --- rejections ------------------------------------------------------------------


def log_rejection(
    session: Session,
    source: str,
    *,
    code: str,
    reason: str,
    http_status: int,
    now: datetime,
    field: str | None = None,
    sender: str | None = None,
    key: str | None = None,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    remote_addr: str | None = None,
) -> IntakeRejection:
    """Keep a rejected delivery for review (I-10, I-3, I-4, I-9): nothing is silently dropped."""
    kept = {k: v[:300] for k, v in (headers or {}).items() if k.lower() in LOGGED_HEADERS}
    row = IntakeRejection(
        at=now,
        source=source,
        code=code[:40],
        reason=reason,
        field=field,
        http_status=http_status,
        sender=sender[:254] if sender else None,
        key=key[:300] if key else None,
        remote_addr=remote_addr,
        headers=kept,
        body_excerpt=body[:BODY_EXCERPT_BYTES].decode("utf-8", errors="replace"),
        body_size=len(body),
    )
    session.add(row)
    session.flush()
    return row


def ignore(
    session: Session,
    delivery: IntakeDelivery,
    code: str,
    reason: str,
    now: datetime,
    *,
    rule_ids: list[str],
    sender: str | None = None,
    body: bytes = b"",
    inputs: dict[str, Any] | None = None,
) -> Outcome:
    """A business rejection: answered 2xx "ignored: <reason>", logged, decision recorded."""
    log_rejection(
        session,
        delivery.source,
        code=code,
        reason=reason,
        http_status=200,
        now=now,
        sender=sender,
        key=delivery.key,
        body=body,
    )
    record_decision(
        session,
        "intake_ignored",
        delivery,
        {"source": delivery.source, "key": delivery.key, "sender": sender, **(inputs or {})},
        rule_ids,
        f"ignored: {reason}",
        outcome={"code": code},
        at=now,
    )
    return finish(delivery, Outcome("ignored", reason))


def parse_json(body: bytes) -> dict[str, Any]:
    """A JSON object body, or a 422 naming the problem."""
    try:
        data = json.loads(body)
    except UnicodeDecodeError:
        raise ValidationFailed("body is not UTF-8", field="body") from None
    except ValueError as exc:
        raise ValidationFailed(f"body is not valid JSON ({exc})", field="body") from None
    if not isinstance(data, dict):
        raise ValidationFailed("body must be a JSON object", field="body")
    return _without_nul(data)  # type: ignore[no-any-return]


def _without_nul(value: Any) -> Any:
    """Drop NUL characters from every string: PostgreSQL cannot store them, and intake
    must behave the same on both backends."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    return value


# --- lead tasks ------------------------------------------------------------------


def create_lead_task(
    session: Session,
    match: ContactMatch,
    *,
    lead_source: str,
    rule_id: str,
    now: datetime,
    title: str | None = None,
    message: str | None = None,
    interest: list[str] | None = None,
    mau: int | None = None,
    monthly_events: int | None = None,
    referrer_email: str | None = None,
    source_ref: str | None = None,
) -> Task:
    """A new lead task on the matched account and contact (O-3): linked to the account's
    open conversation (M-3), recorded (O-8), then scored, classified and routed."""
    from salesops.tasks.pipeline import on_task_created

    account, contact = match.account, match.contact
    task = Task(
        kind="lead",
        status=playbook_of(session).tasks.initial_status,
        title=(title or f"{lead_source}: {contact.name or contact.email}")[:300],
        account_id=account.id,
        contact_id=contact.id,
        lead_source=lead_source,
        territory=account.territory,
        sales_form_message=message,
        interest=interest or [],
        mau=mau,
        monthly_events=monthly_events,
        referrer_email=referrer_email,
        source_ref=source_ref[:300] if source_ref else None,
        created_at=now,
        updated_at=now,
    )
    insert_object(session, task)  # one INSERT, no unit-of-work flush
    # A brand-new account has no other conversation and no earlier lead: skip the lookups.
    fresh = match.account_created
    linked = False if fresh else link_open_conversation(session, task, now)
    prev = None if linked or fresh else previous_lead(session, task, now)
    defer_decision(  # written with the pipeline's next flush, in one INSERT with its records
        session,
        "intake",
        task,
        {
            "lead_source": lead_source,
            "email": contact.email,
            "account_id": account.id,
            "referrer_email": referrer_email,
            "source_ref": source_ref,
            # R-3a: what routing needs to give a returning lead to the earlier owner.
            "previous_lead": None
            if prev is None
            else {"task_id": prev.id, "owner_id": prev.owner_id, "created_at": prev.created_at},
        },
        [rule_id, "M-1", "M-2"],
        f"{lead_source} lead from {contact.email} on account {account.name!r}: task created"
        f" ({match.reason})",
        outcome={"task_id": task.id, "contact_id": contact.id, "account_id": account.id},
        territory=account.territory,
        at=now,
    )
    on_task_created(session, task, now)
    return task


def timeline(
    session: Session,
    match: ContactMatch,
    kind: str,
    subject: str,
    body: str,
    now: datetime,
    *,
    task: Task | None = None,
    source_ref: str | None = None,
    meta: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
) -> None:
    """A-1: every intake leaves an activity on the account timeline."""
    log_activity(
        session,
        kind=kind,
        account_id=match.account.id,
        contact=match.contact,
        task_id=task.id if task is not None else None,
        subject=subject,
        body=body,
        source_ref=source_ref,
        meta=meta,
        occurred_at=occurred_at,
        now=now,
    )


# --- spam bans (I-9) ---------------------------------------------------------------


def banned(session: Session, email: str) -> str | None:
    """I-9: the active ban covering a sender (address, domain or registrable domain)."""
    email = normalise_email(email)
    host = email.rsplit("@", 1)[-1]
    site = registrable_domain(host) or host
    values = session.execute(_BANS, {"email": email, "host": host, "site": site}).scalars().all()
    return ban_for(email, values)


# Built once: a fixed number of binds keeps the compiled statement cached (an expanding
# IN list is re-rendered on every call).
_BAN_TABLE = SpamBan.__table__
_BANS = select(_BAN_TABLE.c.value).where(
    _BAN_TABLE.c.value.in_([bindparam("email"), bindparam("host"), bindparam("site")]),
    _BAN_TABLE.c.lifted_at.is_(None),
)


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
