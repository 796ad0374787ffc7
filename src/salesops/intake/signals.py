"""Per-account product signals (I-1, I-8): atomic counters and the product-led rules.

Concurrent product events for one account must all count (issue 13: 400 concurrent
``events ingested`` counted 234 on PostgreSQL when each transaction read the row,
added in Python and wrote the sum back). So every event changes the row with one
``INSERT … ON CONFLICT DO UPDATE SET n = n + :k … RETURNING`` — the increment is
the database's, applied to the latest committed value — and the product-led rules
(I-8) are evaluated on the values that statement returns. On PostgreSQL the
statement leaves the row locked until commit, so two events cannot both see a
rule's threshold crossed; the rule's delivery key (``product-led``,
``account:rule``) is the second guard. SQLite has one writer at a time anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, case, func, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core.audit import record_decision
from salesops.core.limits import INT32
from salesops.intake import service
from salesops.intake.models import ProductSignals
from salesops.intake.rules import AccountSignals, product_led_rule_fired
from salesops.matching.service import ContactMatch
from salesops.playbook.runtime import playbook_of

SIGNALS = cast(Table, ProductSignals.__table__)


@dataclass(frozen=True)
class Signals:
    """An account's signals as one event left them (not yet committed)."""

    account_id: int
    signups: int
    events_ingested: int
    invited_users: int
    first_signup_contact_id: int | None
    fired_rules: tuple[str, ...]


@dataclass(frozen=True)
class Bump:
    """What one event adds: increments, absolute totals it reports, a signup's contact."""

    signups: int = 0
    events_ingested: int = 0
    invited_users: int = 0
    total_events_ingested: int | None = None
    total_invited_users: int | None = None
    signup_contact_id: int | None = None


def _grown(column: Any, step: int, total: int | None) -> Any:
    """``max(min(column + step, INT32), total)`` in SQL: the counter saturates instead
    of overflowing its column, and an absolute total only ever raises it."""
    # Compared before adding: INTEGER arithmetic past the limit is an error on PostgreSQL.
    added = case((column > INT32 - step, INT32), else_=column + step) if step else column
    if total is None:
        return added
    return case((added >= total, added), else_=total)


def bump_signals(session: Session, account_id: int, bump: Bump, at: datetime) -> Signals:
    """Apply one event to the account's signals atomically and return the new values
    (one statement; creates the row for the account's first event)."""
    backend = session.info.get("backend", "sqlite")
    insert = pg_insert if backend == "postgresql" else sqlite_insert
    first = bump.signup_contact_id
    stmt = insert(SIGNALS).values(
        account_id=account_id,
        signups=bump.signups,
        events_ingested=max(bump.events_ingested, bump.total_events_ingested or 0),
        invited_users=max(bump.invited_users, bump.total_invited_users or 0),
        first_signup_contact_id=first,
        first_signup_at=at if first is not None else None,
        fired_rules=[],
        updated_at=at,
    )
    c = SIGNALS.c
    changes: dict[str, Any] = {
        "signups": _grown(c.signups, bump.signups, None),
        "events_ingested": _grown(
            c.events_ingested, bump.events_ingested, bump.total_events_ingested
        ),
        "invited_users": _grown(c.invited_users, bump.invited_users, bump.total_invited_users),
        "updated_at": literal(at, c.updated_at.type),
    }
    if first is not None:  # the first signup's contact and time stay the first ones
        changes["first_signup_contact_id"] = func.coalesce(c.first_signup_contact_id, first)
        changes["first_signup_at"] = case(
            (c.first_signup_contact_id.is_(None), literal(at, c.first_signup_at.type)),
            else_=c.first_signup_at,
        )
    row = session.execute(
        stmt.on_conflict_do_update(index_elements=[c.account_id], set_=changes).returning(
            c.signups,
            c.events_ingested,
            c.invited_users,
            c.first_signup_contact_id,
            c.fired_rules,
        )  # fmt: skip
    ).one()
    return Signals(account_id, row[0], row[1], row[2], row[3], tuple(row[4] or ()))


def product_led(
    session: Session, match: ContactMatch, signals: Signals, now: datetime
) -> int | None:
    """I-8: when a product-led rule fires on the account's signals (as ``bump_signals``
    returned them), a task — once per rule and account."""
    facts = AccountSignals(
        employees=match.account.employee_count,
        events_ingested=signals.events_ingested,
        invited_users=signals.invited_users,
        signups=signals.signups,
        fired_rules=signals.fired_rules,
    )
    fired = product_led_rule_fired(playbook_of(session).intake.product_led_rules, facts)
    if fired is None:
        return None
    rule, reason = fired
    session.execute(
        update(SIGNALS)
        .where(SIGNALS.c.account_id == signals.account_id)
        .values(fired_rules=[*signals.fired_rules, rule.name])
    )
    delivery, seen = service.claim(session, "product-led", f"{match.account.id}:{rule.name}", now)
    if seen is not None:
        return None
    contact = match.contact
    if rule.first_signup_only and signals.first_signup_contact_id not in (None, contact.id):
        contact = session.get(Contact, signals.first_signup_contact_id) or contact
    lead = ContactMatch(contact, match.account, False, False, reason)
    record_decision(
        session, "product_led", match.account,
        {"rule": rule.name, "employees": facts.employees, "events_ingested": facts.events_ingested,
         "invited_users": facts.invited_users, "signups": facts.signups},
        ["I-8"], reason, outcome={"contact_id": contact.id}, at=now,
    )  # fmt: skip
    task = service.create_lead_task(
        session, lead, lead_source=rule.lead_source, rule_id="I-8", now=now,
        title=f"{rule.lead_source}: {match.account.name} ({rule.name})",
        message=rule.description or None, source_ref=f"product-led:{rule.name}",
    )  # fmt: skip
    service.finish(delivery, service.Outcome("accepted", ids={"task_id": task.id}))
    return task.id


def reevaluate_product_led(session: Session, account: Account, now: datetime) -> int | None:
    """I-8 when an account's facts change without a product event (enrichment, an edit,
    a playbook whose rules changed): the rules are evaluated on its stored signals; a
    task once per rule and account, as for an event. None when nothing fired."""
    stmt = select(ProductSignals).where(ProductSignals.account_id == account.id)
    if session.info.get("backend", "sqlite") == "postgresql":
        stmt = stmt.with_for_update()  # one evaluation at a time per account, as bump_signals
    row = session.scalar(stmt)
    if row is None:
        return None
    contact = (
        session.get(Contact, row.first_signup_contact_id) if row.first_signup_contact_id else None
    )
    if contact is None:
        contact = session.scalar(
            select(Contact).where(Contact.account_id == account.id).order_by(Contact.id).limit(1)
        )
    if contact is None:
        return None
    signals = Signals(
        account.id,
        row.signups,
        row.events_ingested,
        row.invited_users,
        row.first_signup_contact_id,
        tuple(row.fired_rules or ()),
    )
    match = ContactMatch(contact, account, False, False, "account facts changed (I-8)")
    return product_led(session, match, signals, now)
