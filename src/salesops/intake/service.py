"""Intake's shared use-cases: idempotency keys, the rejections log, business ignores,
spam bans (I-9), and turning a matched contact into a lead task (I-1 … I-8, M-3).

Each source's module (``forms``, ``mail``, ``product_events``, ``zendesk``,
``slack``, ``manual``) parses and authenticates its delivery and then calls these.
Services flush, never commit: the entrypoint commits before answering success.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import set_committed_value

from salesops.accounts.models import SpamBan
from salesops.activities.models import Activity
from salesops.activities.service import add_activities, new_activity
from salesops.core.addresses import normalise_email, registrable_domain
from salesops.core.audit import defer_decision, record_decision
from salesops.core.errors import ValidationFailed
from salesops.core.fastsql import insert_objects, insert_objects_later, select_in_later, update_rows
from salesops.intake.models import IntakeDelivery
from salesops.intake.rejections import log_rejection as log_rejection  # every source's way
from salesops.intake.rules import ban_for
from salesops.matching.service import ContactMatch
from salesops.playbook.runtime import playbook_of
from salesops.routing.facts import link_open_conversation, previous_lead
from salesops.tasks.models import Task


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
    """Claim one delivery key (``claim_many`` of one)."""
    return claim_many(session, source, [key], now)[0]


def claim_many(
    session: Session, source: str, keys: Sequence[str], now: datetime
) -> list[tuple[IntakeDelivery, Outcome | None]]:
    """Claim distinct delivery keys. A key seen before comes back with its first outcome
    (marked duplicate): the caller must then change nothing for it. One INSERT … ON
    CONFLICT DO NOTHING for all (in key order, so concurrent batches cannot deadlock);
    safe under concurrency: a concurrent first delivery makes this one wait for its
    commit and then do nothing."""
    return claim_later(session, source, keys, now)()


def claim_later(
    session: Session, source: str, keys: Sequence[str], now: datetime
) -> Callable[[], list[tuple[IntakeDelivery, Outcome | None]]]:
    """``claim_many``, its outcome taken later: inside ``core.fastsql.pipelined`` the claim
    shares the block's round trip; call the result after the block."""
    keys = [k[:300] for k in keys]
    if len(set(keys)) != len(keys):
        raise ValueError("claim_many: keys must be distinct")
    rows = {
        k: IntakeDelivery(source=source, key=k, status="accepted", result={}, received_at=now)
        for k in sorted(keys)
    }
    ordered = list(rows.values())
    inserted = insert_objects_later(session, ordered, on_conflict=("source", "key"))

    def outcome() -> list[tuple[IntakeDelivery, Outcome | None]]:
        fresh = inserted()
        seen = [row.key for row, ok in zip(ordered, fresh, strict=True) if not ok]
        existing: dict[str, IntakeDelivery] = {}
        if seen:
            found = session.execute(_DELIVERIES_BY_KEYS, {"source": source, "keys": seen})
            existing = {d.key: d for d in found.scalars()}
        out: list[tuple[IntakeDelivery, Outcome | None]] = []
        for key in keys:
            first = existing.get(key)
            if first is None:
                out.append((rows[key], None))
                continue
            result = dict(first.result or {})
            status = result.pop("status", first.status)
            reason = result.pop("reason", "")
            out.append((first, Outcome(status, reason, duplicate=True, ids=result)))
        return out

    return outcome


def accepted(task: Task, match: ContactMatch) -> Outcome:
    """The answer for a delivery that became a lead task: what it created or matched."""
    ids = {"task_id": task.id, "contact_id": match.contact.id, "account_id": match.account.id}
    return Outcome("accepted", ids=ids)


def finish(delivery: IntakeDelivery, outcome: Outcome) -> Outcome:
    """Store the outcome on the delivery so a duplicate answers the same (``finish_many``)."""
    return finish_many([(delivery, outcome)])[0]


def finish_many(done: Sequence[tuple[IntakeDelivery, Outcome]]) -> list[Outcome]:
    """Store each outcome on its delivery so a duplicate answers the same.

    One executemany UPDATE right away (not a unit-of-work flush at commit): intake's
    hot path; nothing is read back (``core.fastsql.pipelined``)."""
    rows = []
    session = None
    for delivery, outcome in done:
        body = outcome.body()
        session = object_session(delivery)
        if session is None:
            delivery.status, delivery.result = outcome.status, body
            continue
        rows.append({"id": delivery.id, "status": outcome.status, "result": body})
        set_committed_value(delivery, "status", outcome.status)
        set_committed_value(delivery, "result", body)
    if rows and session is not None:
        update_rows(session, DELIVERIES, rows)
    return [outcome for _, outcome in done]


_DELIVERIES_BY_KEYS = select(IntakeDelivery).where(
    IntakeDelivery.source == bindparam("source"),
    IntakeDelivery.key.in_(bindparam("keys", expanding=True)),
)
DELIVERIES = cast(Table, IntakeDelivery.__table__)  # Core statements: no ORM bookkeeping


# --- rejections (counted and sampled: ``intake.rejections``) -----------------------


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
        if not isinstance(data, dict):
            raise ValidationFailed("body must be a JSON object", field="body")
        if b"\\u0000" not in body:  # JSON can only carry NUL escaped: nothing to drop
            return data
        return _without_nul(data)  # type: ignore[no-any-return]
    except UnicodeDecodeError:
        raise ValidationFailed("body is not UTF-8", field="body") from None
    except ValueError as exc:
        raise ValidationFailed(f"body is not valid JSON ({exc})", field="body") from None
    except RecursionError:  # "[[[[…": the parser's (or our walk's) stack runs out
        raise ValidationFailed("body is nested too deeply", field="body") from None


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


@dataclass
class NewLead:
    """One lead task to create on a matched contact (``create_lead_tasks``)."""

    match: ContactMatch
    lead_source: str
    rule_id: str
    title: str | None = None
    message: str | None = None
    interest: list[str] | None = None
    mau: int | None = None
    monthly_events: int | None = None
    referrer_email: str | None = None
    source_ref: str | None = None
    received_at: datetime | None = None  # its own arrival time, else the batch's ``now``


def create_lead_task(
    session: Session, match: ContactMatch, *, now: datetime, **fields: Any
) -> Task:
    """One new lead task (``create_lead_tasks`` of one); ``fields`` as ``NewLead`` takes
    them (``lead_source`` and ``rule_id`` required)."""
    return create_lead_tasks(session, [NewLead(match, **fields)], now)[0]


def create_lead_tasks(
    session: Session, leads: Sequence[NewLead], now: datetime, *, queue: bool = True
) -> list[Task]:
    """New lead tasks on their matched accounts and contacts (O-3), in one INSERT: each
    linked to its account's open conversation (M-3) and recorded (O-8). The pipeline
    (enrichment, scoring, classification, routing) runs on them after the commit: they
    are queued for it in the same transaction, so none is lost (``flows.pipeline``).
    ``queue=False``: the caller queues them (``tasks.lead_queue.enqueue``) before its
    commit, in a ``pipelined`` block with its other writes."""
    from salesops.tasks.lead_queue import enqueue

    status = playbook_of(session).tasks.initial_status
    tasks = [
        Task(
            kind="lead",
            status=status,
            title=(
                lead.title
                or f"{lead.lead_source}: {lead.match.contact.name or lead.match.contact.email}"
            )[:300],
            account_id=lead.match.account.id,
            contact_id=lead.match.contact.id,
            lead_source=lead.lead_source,
            territory=lead.match.account.territory,
            sales_form_message=lead.message,
            interest=lead.interest or [],
            mau=lead.mau,
            monthly_events=lead.monthly_events,
            referrer_email=lead.referrer_email,
            source_ref=lead.source_ref[:300] if lead.source_ref else None,
            created_at=lead.received_at or now,
            updated_at=now,
        )
        for lead in leads
    ]
    insert_objects(session, tasks)  # one INSERT, no unit-of-work flush
    for lead, task in zip(leads, tasks, strict=True):
        account, contact, match = lead.match.account, lead.match.contact, lead.match
        # A brand-new account has no other conversation and no earlier lead: skip the lookups.
        fresh = match.account_created
        linked = False if fresh else link_open_conversation(session, task, now)
        prev = None if linked or fresh else previous_lead(session, task, now)
        defer_decision(  # written with the next flush, in one INSERT with the other records
            session,
            "intake",
            task,
            {
                "lead_source": lead.lead_source,
                "email": contact.email,
                "account_id": account.id,
                "referrer_email": lead.referrer_email,
                "source_ref": lead.source_ref,
                # R-3a: what routing needs to give a returning lead to the earlier owner.
                "previous_lead": None
                if prev is None
                else {
                    "task_id": prev.task_id,
                    "owner_id": prev.owner_id,
                    "created_at": prev.created_at,
                },
            },
            [lead.rule_id, "M-1", "M-2"],
            f"{lead.lead_source} lead from {contact.email} on account {account.name!r}: task"
            f" created ({match.reason})",
            outcome={"task_id": task.id, "contact_id": contact.id, "account_id": account.id},
            territory=account.territory,
            at=now,
        )
    if queue:
        enqueue(session, [t.id for t in tasks], now)
    return tasks


def timeline(
    session: Session, match: ContactMatch, kind: str, subject: str, body: str, now: datetime,
    **fields: Any,
) -> None:  # fmt: skip
    """A-1: every intake leaves an activity on the account timeline (``fields`` as
    ``timeline_entry`` takes them)."""
    entry = timeline_entry(match, kind, subject, body, now, **fields)
    add_activities(session, [entry], [match.contact])


def timeline_entry(
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
) -> Activity:
    """A-1: an intake's timeline activity, for ``add_activities`` (several in one INSERT)."""
    return new_activity(
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
    """I-9: the active ban covering a sender (``banned_many`` of one)."""
    return banned_many(session, [email])[0]


def banned_many(session: Session, emails: Sequence[str]) -> list[str | None]:
    """I-9: the active ban covering each sender (address, domain or registrable domain),
    from one SELECT."""
    return bans_later(session, emails)()


def bans_later(session: Session, emails: Sequence[str]) -> Callable[[], list[str | None]]:
    """``banned_many``, its answer taken later: inside ``core.fastsql.pipelined`` the SELECT
    shares the block's round trip; call the result after the block."""
    values: set[str] = set()
    for email in emails:
        email = normalise_email(email)
        host = email.rsplit("@", 1)[-1]
        values.update((email, host, registrable_domain(host) or host))
    found = select_in_later(session, _BAN_TABLE, "value", "value", sorted(values), _ACTIVE)

    def answer() -> list[str | None]:
        active = [row[0] for row in found.rows()]
        return [ban_for(email, active) if active else None for email in emails]

    return answer


_BAN_TABLE = SpamBan.__table__
_ACTIVE = "lifted_at IS NULL"  # a lifted ban no longer applies
