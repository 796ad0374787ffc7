"""Accounts and contacts use-cases (O-1, O-2): create, update, read, list."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, literal_column, select
from sqlalchemy.orm import Session

from salesops.accounts.models import ACCOUNT_TEXT, CONTACT_TEXT, Account, Contact
from salesops.accounts.revenue import effective_day, record_mrr
from salesops.core.addresses import is_free_mail, normalise_email, registrable_domain
from salesops.core.errors import Conflict, NotFound, ValidationFailed
from salesops.core.geo import ca_province_code, is_junk, read_country, us_state_code
from salesops.core.updates import reject_nulls
from salesops.playbook.runtime import playbook_of
from salesops.users import service as users
from salesops.users.models import User


def get_account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(f"account {account_id} not found", field="account_id")
    return account


def get_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(f"contact {contact_id} not found", field="contact_id")
    return contact


def clean_country(value: str | None, field: str = "country") -> str | None:
    """An ISO code from a code or a name in any language (``core.geo``); a "none of these"
    answer ("Other", "N/A") is unknown (None, R-4's fallback); a typo is a 422 here,
    where a person can fix it (intake drops it with a note instead, issue 15 item 3)."""
    place = read_country(value)
    if place.code is None and not place.junk:
        raise ValidationFailed(f"unknown country {value!r}", field=field)
    return place.code


def clean_us_state(value: str | None, country: str | None, field: str = "us_state") -> str | None:
    """A USPS code for a US address; a Canadian province with Canada (or no country)
    is understood and not stored (only US states route, R-4)."""
    if value is None or not value.strip() or is_junk(value):
        return None
    if country in (None, "US"):
        code = us_state_code(value)
        if code is not None:
            return code
    if country in (None, "CA") and ca_province_code(value) is not None:
        return None
    if country not in (None, "US"):
        raise ValidationFailed("us_state is only valid for US addresses", field=field)
    raise ValidationFailed(f"unknown US state {value!r}", field=field)


def clean_location_changes(
    changes: dict[str, Any], country: str | None, us_state: str | None
) -> None:
    """Normalise a change set's country/state in place, checking the state against the
    (possibly changed) country."""
    if "country" in changes:
        changes["country"] = clean_country(changes["country"])
    if "us_state" in changes or "country" in changes:
        changes["us_state"] = clean_us_state(
            changes.get("us_state", us_state), changes.get("country", country)
        )


def territory_name(session: Session, country: str | None, us_state: str | None) -> str:
    """R-4: the account's territory from its country (and US state), else the fallback."""
    return playbook_of(session).territory_for(country, us_state).name


def _check_owner(session: Session, owner_id: int | None) -> None:
    if owner_id is None:
        return
    owner = session.get(User, owner_id)
    if owner is None or not owner.active:
        raise ValidationFailed(f"owner {owner_id} is not an active user", field="owner_id")


def create_account(session: Session, actor: User, data: dict[str, Any], now: datetime) -> Account:
    """Create an account by hand (I-7); the domain is reduced to its registrable form (M-2)."""
    users.require_writer(actor)
    mrr_day = effective_day(data.pop("mrr_effective_on", None), now)
    users.require_can_reassign(actor, None, data.get("owner_id"))
    _check_owner(session, data.get("owner_id"))
    domain = (data.pop("domain", None) or "").strip() or None
    if domain:
        reg = registrable_domain(domain)
        if reg is None:
            raise ValidationFailed(f"{domain!r} is not a domain", field="domain", rule="M-2")
        if is_free_mail(reg):
            raise ValidationFailed(
                f"{reg} is a free-mail domain and cannot identify a company",
                field="domain",
                rule="M-2",
            )
        if session.scalar(select(Account.id).where(Account.domain == reg)) is not None:
            raise Conflict(f"an account with domain {reg} already exists", field="domain")
        domain = reg
    data["country"] = clean_country(data.get("country"))
    data["us_state"] = clean_us_state(data.get("us_state"), data["country"])
    account = Account(
        domain=domain,
        territory=territory_name(session, data["country"], data["us_state"]),
        created_at=now,
        updated_at=now,
        field_sources={k: "manual" for k, v in data.items() if v not in (None, "", [])},
        **data,
    )
    session.add(account)
    session.flush()
    record_mrr(session, account, Decimal(0), account.mrr, mrr_day, now, actor.id)  # V-6
    return account


def update_account(
    session: Session, actor: User, account: Account, changes: dict[str, Any], now: datetime
) -> Account:
    users.require_can_edit_owned(actor, account.owner_id)
    mrr_day = effective_day(changes.pop("mrr_effective_on", None), now)
    reject_nulls(Account, changes)
    mrr_before = account.mrr
    if "owner_id" in changes:
        users.require_can_reassign(actor, account.owner_id, changes["owner_id"])
        _check_owner(session, changes["owner_id"])
    clean_location_changes(changes, account.country, account.us_state)
    for key, value in changes.items():
        setattr(account, key, value)
        if key not in ("owner_id", "notes"):
            account.field_sources = {**account.field_sources, key: "manual"}
    if "country" in changes or "us_state" in changes:
        account.territory = territory_name(session, account.country, account.us_state)
    account.updated_at = now  # S-4: the caller rescores (flows.records.update_account)
    if "mrr" in changes:
        record_mrr(session, account, mrr_before, account.mrr, mrr_day, now, actor.id)  # V-6
    session.flush()
    return account


def accounts_query(
    *,
    owner_id: int | None = None,
    territory: str | None = None,
    customer_status: str | None = None,
    updated_since: datetime | None = None,
    q: str | None = None,
) -> Select[Any]:
    query = select(Account)
    if owner_id is not None:
        query = query.where(Account.owner_id == owner_id)
    if territory:
        query = query.where(Account.territory == territory)
    if customer_status:
        query = query.where(Account.customer_status == customer_status)
    if updated_since:
        query = query.where(Account.updated_at >= updated_since)
    if q:
        query = query.where(literal_column(ACCOUNT_TEXT).like(f"%{q.lower()}%"))
    return query


def personal_account(session: Session, name: str, email: str, now: datetime) -> Account:
    """M-2: a free-mail contact gets an account of their own, named after them."""
    account = Account(
        name=name or email,
        domain=None,
        territory=territory_name(session, None, None),
        created_at=now,
        updated_at=now,
    )
    session.add(account)
    session.flush()
    return account


def create_contact(session: Session, actor: User, data: dict[str, Any], now: datetime) -> Contact:
    """Create a contact (O-2) by hand; without an account, match one by domain (M-2)."""
    users.require_writer(actor)
    email = normalise_email(str(data.pop("email")))
    if session.scalar(select(Contact.id).where(Contact.email == email)) is not None:
        raise Conflict(f"a contact with email {email} already exists", field="email", rule="M-1")
    company = data.pop("company", None)
    account_id = data.pop("account_id", None)
    if account_id is not None:
        account = get_account(session, account_id)
    else:
        account = match_or_create_account(session, email, company, data.get("name", ""), now)
    users.require_can_add_to_account(actor, account.owner_id)  # U-2, matched accounts too
    data["country"] = clean_country(data.get("country"))
    data["us_state"] = clean_us_state(data.get("us_state"), data["country"])
    contact = Contact(email=email, account_id=account.id, created_at=now, updated_at=now, **data)
    session.add(contact)
    session.flush()
    return contact


def match_or_create_account(
    session: Session, email: str, company: str | None, person_name: str, now: datetime
) -> Account:
    """M-2: the account of the email's registrable domain, created if new; free-mail → personal."""
    domain = registrable_domain(email)
    extra = frozenset(playbook_of(session).intake.free_mail_extra_domains)
    if domain is None or is_free_mail(domain, extra):
        return personal_account(session, company or person_name, email, now)
    account = session.scalar(select(Account).where(Account.domain == domain))
    if account is None:
        account = Account(
            name=company or domain.split(".", 1)[0].title(),
            domain=domain,
            territory=territory_name(session, None, None),
            created_at=now,
            updated_at=now,
        )
        session.add(account)
        session.flush()
    return account


def update_contact(
    session: Session, actor: User, contact: Contact, changes: dict[str, Any], now: datetime
) -> Contact:
    """U-2: a contact follows its account's owner (unowned: any salesperson)."""
    users.require_can_add_to_account(actor, get_account(session, contact.account_id).owner_id)
    reject_nulls(Contact, changes)
    clean_location_changes(changes, contact.country, contact.us_state)
    for key, value in changes.items():
        setattr(contact, key, value)
    contact.updated_at = now  # S-4: the caller rescores (flows.records.update_contact)
    session.flush()
    return contact


def contacts_query(
    *,
    account_id: int | None = None,
    lead_source: str | None = None,
    updated_since: datetime | None = None,
    q: str | None = None,
) -> Select[Any]:
    query = select(Contact)
    if account_id is not None:
        query = query.where(Contact.account_id == account_id)
    if lead_source:
        query = query.where(Contact.lead_source == lead_source)
    if updated_since:
        query = query.where(Contact.updated_at >= updated_since)
    if q:
        query = query.where(literal_column(CONTACT_TEXT).like(f"%{q.lower()}%"))
    return query
