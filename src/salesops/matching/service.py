"""Matching use-cases (M-1 … M-3): find or create the contact and account of an email,
link a new task to the account's open conversation, and find a returning lead (R-3a).

Every match records a decision (O-8) naming what matched and why. Creation is
safe under concurrency: a unique-key race (two deliveries for one new domain on
PostgreSQL) is caught in a savepoint and the winner's row is used.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.accounts.service import territory_name
from salesops.core.audit import defer_decision
from salesops.core.db import insert_object
from salesops.core.runtime import playbook_of
from salesops.matching.rules import is_free_mail, normalise_email, registrable_domain
from salesops.opportunities.models import Opportunity
from salesops.tasks.models import OPEN_STATUSES, Task

T = TypeVar("T")


def insert_or_get(
    session: Session, row: T, lookup: Callable[[], Any], *, unique: tuple[str, ...] = ()
) -> tuple[T, bool]:
    """Insert ``row``; on a unique-key race return the winner's row.

    With ``unique`` (the key's columns): one ``INSERT … ON CONFLICT DO NOTHING``
    on both backends, then ``lookup`` only if the key was taken. Without it: in a
    savepoint on PostgreSQL; on SQLite writers are serialised (``BEGIN IMMEDIATE``),
    so the lookup the caller just made is current and the savepoint is skipped."""
    if unique:
        if insert_object(session, row, on_conflict=unique):
            return row, True
        existing = lookup()
        if existing is None:
            raise RuntimeError(f"{type(row).__name__}: conflict on {unique} but no row found")
        return cast(T, existing), False
    if session.info.get("backend") == "sqlite":
        session.add(row)
        session.flush()
        return row, True
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
        return row, True
    except IntegrityError:
        existing = lookup()
        if existing is None:
            raise
        return cast(T, existing), False


# Built once (bound parameters): intake runs these on every delivery.
_ACCOUNT_BY_DOMAIN = select(Account).where(Account.domain == bindparam("domain"))
_CONTACT_BY_EMAIL = select(Contact).where(Contact.email == bindparam("email"))


@dataclass
class AccountMatch:
    account: Account
    created: bool
    reason: str
    domain: str | None


@dataclass
class ContactMatch:
    contact: Contact
    account: Account
    contact_created: bool
    account_created: bool
    reason: str
    rule_ids: list[str] = field(default_factory=lambda: ["M-1", "M-2"])


def match_account(
    session: Session,
    email: str,
    *,
    company: str | None,
    person_name: str,
    now: datetime,
    country: str | None = None,
    us_state: str | None = None,
) -> AccountMatch:
    """M-2: the account of the email's registrable domain; free-mail → a personal account."""
    domain = registrable_domain(email)
    extra = frozenset(playbook_of(session).intake.free_mail_extra_domains)
    territory = territory_name(session, country, us_state)
    if domain is None or is_free_mail(domain, extra):
        account = Account(
            name=company or person_name or email,
            domain=None,
            country=country,
            us_state=us_state,
            territory=territory,
            created_at=now,
            updated_at=now,
        )
        insert_object(session, account)
        why = f"{domain or 'no domain'} is a free-mail domain: a personal account"
        return AccountMatch(account, True, why, None)
    found = session.execute(_ACCOUNT_BY_DOMAIN, {"domain": domain}).scalar()
    if found is not None:
        return AccountMatch(found, False, f"account matched by domain {domain}", domain)
    candidate = Account(
        name=company or domain.split(".", 1)[0].title(),
        domain=domain,
        country=country,
        us_state=us_state,
        territory=territory,
        created_at=now,
        updated_at=now,
    )
    account, created = insert_or_get(
        session,
        candidate,
        lambda: session.execute(_ACCOUNT_BY_DOMAIN, {"domain": domain}).scalar(),
        unique=("domain",),
    )
    why = f"new account for domain {domain}" if created else f"account matched by domain {domain}"
    return AccountMatch(account, created, why, domain)


def match_contact(
    session: Session,
    email: str,
    *,
    now: datetime,
    name: str | None = None,
    company: str | None = None,
    lead_source: str | None = None,
    fill: dict[str, Any] | None = None,
    overwrite: dict[str, Any] | None = None,
    source: str = "intake",
    record: bool = True,
) -> ContactMatch:
    """M-1/M-2: find the contact by email (case-insensitive, trimmed) or create it with its
    account. ``fill`` sets blank fields only; ``overwrite`` sets given values."""
    email = normalise_email(email)
    fill = {k: v for k, v in (fill or {}).items() if v not in (None, "", [])}
    overwrite = {k: v for k, v in (overwrite or {}).items() if v is not None}
    found = session.execute(_CONTACT_BY_EMAIL, {"email": email}).scalar()
    account_created = contact_created = False
    if found is not None:
        contact = found
        account = session.get(Account, contact.account_id)
        assert account is not None
        reason = f"contact {email} matched by email (M-1)"
    else:
        am = match_account(
            session,
            email,
            company=company,
            person_name=name or "",
            now=now,
            country=fill.get("country"),
            us_state=fill.get("us_state"),
        )
        account, account_created = am.account, am.created
        candidate = Contact(
            email=email,
            name=name or "",
            account_id=account.id,
            lead_source=lead_source,
            created_at=now,
            updated_at=now,
            **{**fill, **overwrite},
        )
        contact, contact_created = insert_or_get(
            session,
            candidate,
            lambda: session.execute(_CONTACT_BY_EMAIL, {"email": email}).scalar(),
            unique=("email",),
        )
        reason = f"new contact {email}; {am.reason} (M-2)"
    if not contact_created:
        if contact.account_id != account.id:
            account = session.get(Account, contact.account_id) or account
        _apply(contact, name, lead_source, fill, overwrite, now)
    if not account_created and account.country is None and fill.get("country"):
        account.country = fill["country"]
        account.us_state = fill.get("us_state")
        account.territory = territory_name(session, account.country, account.us_state)
        account.updated_at = now
    if record:
        defer_decision(
            session,
            "match",
            contact,
            {"email": email, "company": company, "source": source},
            ["M-1", "M-2"],
            reason,
            outcome={
                "contact_id": contact.id,
                "account_id": account.id,
                "contact_created": contact_created,
                "account_created": account_created,
            },
            at=now,
        )
    return ContactMatch(contact, account, contact_created, account_created, reason)


def _apply(
    contact: Contact,
    name: str | None,
    lead_source: str | None,
    fill: dict[str, Any],
    overwrite: dict[str, Any],
    now: datetime,
) -> None:
    if name and not contact.name:
        contact.name = name
    if lead_source and not contact.lead_source:
        contact.lead_source = lead_source
    for key, value in fill.items():
        if getattr(contact, key, None) in (None, ""):
            setattr(contact, key, value)
    for key, value in overwrite.items():
        setattr(contact, key, value)
    contact.updated_at = now


def open_conversation(session: Session, task: Task) -> tuple[Task | None, Opportunity | None]:
    """M-3: the account's open lead task (owned first, oldest first) or open opportunity."""
    other = session.scalar(
        select(Task)
        .where(
            Task.account_id == task.account_id,
            Task.id != task.id,
            Task.kind == "lead",
            Task.status.in_(OPEN_STATUSES),
        )
        .order_by(Task.owner_id.is_(None), Task.id)
        .limit(1)
    )
    if other is not None:
        return other, None
    opp = session.scalar(
        select(Opportunity)
        .where(Opportunity.account_id == task.account_id, Opportunity.is_closed.is_(False))
        .order_by(Opportunity.id)
        .limit(1)
    )
    if opp is None:
        return None, None
    converted = session.scalar(
        select(Task).where(Task.opportunity_id == opp.id).order_by(Task.id).limit(1)
    )
    return converted, opp


def link_open_conversation(session: Session, task: Task, now: datetime) -> bool:
    """M-3: one account, one conversation. A new task on an account with an open task or
    open opportunity is linked to it and goes to the same owner. Returns whether linked."""
    other, opp = open_conversation(session, task)
    if other is None and opp is None:
        return False
    root = other.linked_task_id or other.id if other is not None else None
    owner_id = opp.owner_id if opp is not None else (other.owner_id if other else None)
    task.linked_task_id = root
    if owner_id is not None and task.owner_id is None:
        task.owner_id = owner_id
        task.assigned_at = now
    what = f"open opportunity {opp.id}" if opp is not None else f"open task {root}"
    defer_decision(
        session,
        "link",
        task,
        {"account_id": task.account_id, "open_task_id": root, "opportunity_id": opp and opp.id},
        ["M-3"],
        f"account {task.account_id} already has {what}: linked"
        + (f" and given to its owner {owner_id}" if owner_id else " (no owner yet)"),
        outcome={"linked_task_id": root, "owner_id": owner_id},
        owner_id=owner_id,
        territory=task.territory,
        at=now,
    )
    session.flush()
    return True


def previous_lead(session: Session, task: Task, now: datetime) -> Task | None:
    """R-3a input: the account's most recent other lead task created within the playbook's
    ``routing.returning_lead_months`` (domain accounts only; personal accounts never match)."""
    months = playbook_of(session).routing.returning_lead_months
    if months <= 0:
        return None
    since = _months_before(now, months)
    return session.scalar(
        select(Task)
        .join(Account, Account.id == Task.account_id)
        .where(
            Task.account_id == task.account_id,
            Task.id != task.id,
            Task.kind == "lead",
            Task.created_at >= since,
            Account.domain.is_not(None),
        )
        .order_by(Task.created_at.desc(), Task.id.desc())
        .limit(1)
    )


def _months_before(now: datetime, months: int) -> datetime:
    month = now.month - months
    year = now.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(now.day, calendar.monthrange(year, month)[1])
    return now.replace(year=year, month=month, day=day)
