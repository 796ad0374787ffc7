"""Matching use-cases (M-1, M-2): find or create the contact and account of an email.

Linking a new task to its account's open conversation (M-3) and finding a returning
lead (R-3a) read work (tasks, opportunities): they are routing's facts
(``routing.facts``).

Every match records a decision (O-8) naming what matched and why. Creation is
safe under concurrency: a unique-key race (two deliveries for one new domain on
PostgreSQL) is caught in a savepoint and the winner's row is used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.accounts.service import territory_name
from salesops.core.addresses import is_free_mail, normalise_email, registrable_domain
from salesops.core.audit import defer_decision
from salesops.core.fastsql import insert_object, insert_objects, select_in_later
from salesops.playbook.runtime import playbook_of

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


def _lookups(column: Any) -> tuple[Any, Any]:
    """A unique column's lookups, built once: a plain bind for one value (its compiled
    form is cached; an expanding IN is re-rendered per call) and an IN for several."""
    entity = column.class_
    return (
        select(entity).where(column == bindparam("v")),
        select(entity).where(column.in_(bindparam("vs", expanding=True))),
    )


# Built once (bound parameters): intake runs these on every delivery.
_ACCOUNTS_BY_DOMAIN = _lookups(Account.domain)
_CONTACTS_BY_EMAIL = _lookups(Contact.email)
_ACCOUNTS_BY_ID = select(Account).where(Account.id.in_(bindparam("ids", expanding=True)))


@dataclass(frozen=True)
class Known:
    """Which of some emails have a contact and which of their domains an account, as
    read ahead (``known_later``): ``match_contacts`` then loads only those. A row a
    concurrent transaction adds after the read is still found: creating it again hits
    the unique key, and the winner's row is read back."""

    emails: frozenset[str]
    domains: frozenset[str]


def known_later(session: Session, emails: Sequence[str]) -> Callable[[], Known]:
    """Read ahead for ``match_contacts``: which of ``emails`` have a contact and which of
    their registrable domains an account (two SELECTs of keys only; inside
    ``core.fastsql.pipelined`` they share the block's round trip). Call the result after
    the block."""
    wanted = sorted({normalise_email(e) for e in emails})
    domains = sorted({d for e in wanted if (d := registrable_domain(e)) is not None})
    contacts = select_in_later(session, CONTACTS, "email", "email", wanted)
    accounts = select_in_later(session, ACCOUNTS, "domain", "domain", domains)

    def known() -> Known:
        return Known(
            frozenset(r[0] for r in contacts.rows()), frozenset(r[0] for r in accounts.rows())
        )

    return known


CONTACTS = cast(Table, Contact.__table__)
ACCOUNTS = cast(Table, Account.__table__)


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


@dataclass
class Sender:
    """Who a delivery is from, as ``match_contacts`` takes it."""

    email: str
    name: str | None = None
    company: str | None = None
    lead_source: str | None = None
    fill: dict[str, Any] = field(default_factory=dict)
    overwrite: dict[str, Any] = field(default_factory=dict)
    source: str = "intake"


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
    """M-2 for one email (``match_accounts`` of one)."""
    sender = Sender(email, person_name, company, fill={"country": country, "us_state": us_state})
    return match_accounts(session, [sender], now=now)[0]


def match_accounts(
    session: Session, senders: Sequence[Sender], *, now: datetime, known: Known | None = None
) -> list[AccountMatch]:
    """M-2: the account of each email's registrable domain; free-mail → a personal account.

    Set-based: one SELECT for all domains and one ``INSERT … ON CONFLICT DO NOTHING``
    for the new ones (in domain order, so concurrent batches cannot deadlock); a domain
    taken meanwhile by a concurrent transaction is read back. Senders sharing a new
    domain share its account: the first one creates it (its company names it). With
    ``known`` (read ahead), only domains known to have an account are loaded."""
    extra = frozenset(playbook_of(session).intake.free_mail_extra_domains)
    domains = [registrable_domain(s.email) for s in senders]
    wanted = sorted({d for d in domains if d is not None and not is_free_mail(d, extra)})
    if known is not None:
        wanted = [d for d in wanted if d in known.domains]
    found = _accounts_by_domain(session, wanted)
    personal: list[Account] = []
    new: dict[str, Account] = {}
    first: dict[str, int] = {}
    for i, (sender, domain) in enumerate(zip(senders, domains, strict=True)):
        personal_mail = domain is None or is_free_mail(domain, extra)
        if domain is not None and not personal_mail and (domain in found or domain in new):
            continue
        country, us_state = sender.fill.get("country"), sender.fill.get("us_state")
        account = Account(
            name=sender.company or sender.name or sender.email,
            domain=None,
            country=country,
            us_state=us_state,
            territory=territory_name(session, country, us_state),
            created_at=now,
            updated_at=now,
        )
        if personal_mail or domain is None:
            personal.append(account)
        else:
            account.name = sender.company or domain.split(".", 1)[0].title()
            account.domain = domain
            new[domain] = account
            first[domain] = i
    insert_objects(session, personal)
    names = sorted(new)  # key order: concurrent batches cannot deadlock
    inserted = insert_objects(session, [new[d] for d in names], on_conflict=("domain",))
    taken = [d for d, ok in zip(names, inserted, strict=True) if not ok]
    found.update({d: new[d] for d, ok in zip(names, inserted, strict=True) if ok})
    found.update(_accounts_by_domain(session, taken))  # created meanwhile by another
    out: list[AccountMatch] = []
    personal_iter = iter(personal)
    for i, domain in enumerate(domains):
        if domain is None or is_free_mail(domain, extra):
            why = f"{domain or 'no domain'} is a free-mail domain: a personal account"
            out.append(AccountMatch(next(personal_iter), True, why, None))
        elif first.get(domain) == i and domain not in taken:
            out.append(
                AccountMatch(found[domain], True, f"new account for domain {domain}", domain)
            )
        else:
            out.append(
                AccountMatch(found[domain], False, f"account matched by domain {domain}", domain)
            )
    return out


def _rows_by(session: Session, lookups: tuple[Any, Any], values: Sequence[Any]) -> list[Any]:
    if not values:
        return []
    one, many = lookups
    if len(values) == 1:
        return list(session.execute(one, {"v": values[0]}).scalars())
    return list(session.execute(many, {"vs": list(values)}).scalars())


def _accounts_by_domain(session: Session, domains: Sequence[str]) -> dict[str, Account]:
    return {a.domain: a for a in _rows_by(session, _ACCOUNTS_BY_DOMAIN, domains)}


def _contacts_by_email(session: Session, emails: Sequence[str]) -> dict[str, Contact]:
    return {c.email: c for c in _rows_by(session, _CONTACTS_BY_EMAIL, emails)}


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
    """M-1/M-2 for one email (``match_contacts`` of one)."""
    sender = Sender(email, name, company, lead_source, fill or {}, overwrite or {}, source)
    return match_contacts(session, [sender], now=now, record=record)[0]


def match_contacts(
    session: Session,
    senders: Sequence[Sender],
    *,
    now: datetime,
    record: bool = True,
    known: Known | None = None,
) -> list[ContactMatch]:
    """M-1/M-2: find each sender's contact by email (case-insensitive, trimmed) or create it
    with its account. ``fill`` sets blank fields only; ``overwrite`` sets given values.

    Set-based, with the outcome of matching the senders one after another: a second
    sender with an email (or a new domain) the batch already created matches it.
    ``known`` (``known_later``, read ahead): only what it names is loaded."""
    senders = [
        Sender(
            normalise_email(s.email),
            s.name,
            s.company,
            s.lead_source,
            {k: v for k, v in s.fill.items() if v not in (None, "", [])},
            {k: v for k, v in s.overwrite.items() if v is not None},
            s.source,
        )
        for s in senders
    ]
    emails = sorted({s.email for s in senders})
    if known is not None:
        emails = [e for e in emails if e in known.emails]
    contacts = _contacts_by_email(session, emails)
    known_accounts = sorted({c.account_id for c in contacts.values()})
    if known_accounts:
        session.execute(_ACCOUNTS_BY_ID, {"ids": known_accounts}).scalars().all()  # identity map
    fresh: dict[str, int] = {}  # new email -> index of its first sender
    for i, s in enumerate(senders):
        if s.email not in contacts and s.email not in fresh:
            fresh[s.email] = i
    creators = [senders[i] for i in fresh.values()]
    accounts = match_accounts(session, creators, now=now, known=known)
    matched_accounts = dict(zip(fresh, accounts, strict=True))
    candidates = [
        Contact(
            email=s.email,
            name=s.name or "",
            account_id=matched_accounts[s.email].account.id,
            lead_source=s.lead_source,
            created_at=now,
            updated_at=now,
            **{**s.fill, **s.overwrite},
        )
        for s in creators
    ]
    ordered = sorted(candidates, key=lambda c: c.email)  # key order: no deadlock between batches
    created = {
        c.email
        for c, ok in zip(
            ordered, insert_objects(session, ordered, on_conflict=("email",)), strict=True
        )
        if ok
    }
    contacts.update({c.email: c for c in candidates if c.email in created})
    contacts.update(_contacts_by_email(session, sorted(set(fresh) - created)))
    out: list[ContactMatch] = []
    for i, s in enumerate(senders):
        contact = contacts[s.email]
        contact_created = account_created = False
        if fresh.get(s.email) == i:
            am = matched_accounts[s.email]
            account, account_created = am.account, am.created
            contact_created = s.email in created
            reason = f"new contact {s.email}; {am.reason} (M-2)"
        else:
            account = session.get(Account, contact.account_id)  # type: ignore[assignment]
            reason = f"contact {s.email} matched by email (M-1)"
        if not contact_created:
            if contact.account_id != account.id:
                account = session.get(Account, contact.account_id) or account
            _apply(contact, s.name, s.lead_source, s.fill, s.overwrite, now)
        if not account_created and account.country is None and s.fill.get("country"):
            account.country = s.fill["country"]
            account.us_state = s.fill.get("us_state")
            account.territory = territory_name(session, account.country, account.us_state)
            account.updated_at = now
        if record:
            defer_decision(
                session,
                "match",
                contact,
                {"email": s.email, "company": s.company, "source": s.source},
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
        out.append(ContactMatch(contact, account, contact_created, account_created, reason))
    return out


#: Contact fields a sender states about themselves (a later intake's value is a person's).
STATED_FIELDS = frozenset({"role", "sub_role"})


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
    given: set[str] = set()
    for key, value in fill.items():
        if getattr(contact, key, None) in (None, ""):
            setattr(contact, key, value)
            given.add(key)
    for key, value in overwrite.items():
        setattr(contact, key, value)
        given.add(key)
    # A role the sender states now is theirs, not one derived earlier from a title (S-4:
    # a second form with a role rescores with it; scoring reads ``field_sources``).
    stated = {k for k in given & STATED_FIELDS if getattr(contact, k, None)}
    if stated:
        contact.field_sources = {**(contact.field_sources or {}), **dict.fromkeys(stated, "form")}
    contact.updated_at = now
