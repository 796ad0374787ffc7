"""I-7 manual entry: a user creates (or picks) the account and contact and a lead task
in one call, with a lead source from the playbook's manual picklist.

A flow: intake's records and task, then the new-lead pipeline inline (a person waits for
the owner), so intake itself never calls the pipeline above it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import EmailStr, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts import service as accounts
from salesops.accounts.models import Account, Contact
from salesops.core.addresses import normalise_email, registrable_domain
from salesops.core.audit import record_decision
from salesops.core.errors import Conflict, ValidationFailed
from salesops.core.http import StrictModel
from salesops.flows import pipeline
from salesops.intake import service
from salesops.matching.service import ContactMatch
from salesops.playbook.runtime import playbook_of
from salesops.users import service as users
from salesops.users.models import User


class ManualAccount(StrictModel):
    name: str = Field(min_length=1, max_length=200)
    domain: str | None = Field(default=None, max_length=253)
    industry: str | None = Field(default=None, max_length=120)
    employee_count: int | None = Field(default=None, ge=0)
    country: str | None = Field(default=None, max_length=60)
    us_state: str | None = Field(default=None, max_length=30)


class ManualContact(StrictModel):
    email: EmailStr
    name: str = Field(default="", max_length=200)
    title: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=60)
    country: str | None = Field(default=None, max_length=60)
    us_state: str | None = Field(default=None, max_length=30)


class ManualLead(StrictModel):
    lead_source: str = Field(description="one of the playbook's tasks.manual_lead_sources")
    account_id: int | None = None
    account: ManualAccount | None = None
    contact_id: int | None = None
    contact: ManualContact | None = None
    message: str | None = Field(default=None, max_length=20_000)
    interest: list[str] = Field(default_factory=list)
    mau: int | None = Field(default=None, ge=0)
    monthly_events: int | None = Field(default=None, ge=0)


def _account(session: Session, actor: User, lead: ManualLead, now: datetime) -> Account:
    if lead.account_id is not None:
        return accounts.get_account(session, lead.account_id)
    if lead.account is None:
        if lead.contact is None and lead.contact_id is None:
            raise ValidationFailed("give account_id or account", field="account", rule="I-7")
        return None  # type: ignore[return-value]  # matched from the contact's email
    domain = registrable_domain(lead.account.domain) if lead.account.domain else None
    if domain is not None:
        existing = session.scalar(select(Account).where(Account.domain == domain))
        if existing is not None:
            return existing
    return accounts.create_account(session, actor, lead.account.model_dump(), now)


def create_manual_lead(session: Session, actor: User, lead: ManualLead, now: datetime) -> Any:
    """I-7: account + contact + lead task by hand; M-3 linking and the pipeline apply
    (inline: the answer shows the owner)."""
    users.require_writer(actor)
    allowed = playbook_of(session).tasks.manual_lead_sources
    if lead.lead_source not in allowed:
        raise ValidationFailed(
            f"Lead source must be one of: {', '.join(allowed)}", field="lead_source", rule="I-7"
        )
    account = _account(session, actor, lead, now)
    if lead.contact_id is not None:
        contact = accounts.get_contact(session, lead.contact_id)
    elif lead.contact is not None:
        email = normalise_email(lead.contact.email)
        found = session.scalar(select(Contact).where(Contact.email == email))
        if found is None:
            data: dict[str, Any] = {**lead.contact.model_dump(), "lead_source": lead.lead_source}
            if account is not None:
                data["account_id"] = account.id
            found = accounts.create_contact(session, actor, data, now)
        contact = found
    else:
        raise ValidationFailed("give contact_id or contact", field="contact", rule="I-7")
    if account is None:
        account = accounts.get_account(session, contact.account_id)
    if contact.account_id != account.id:
        raise Conflict(
            f"contact {contact.email} belongs to account {contact.account_id}, not {account.id}",
            field="contact",
        )
    match = ContactMatch(contact, account, False, False, f"entered by {actor.email}")
    record_decision(
        session, "match", contact, {"email": contact.email, "account_id": account.id},
        ["I-7"], f"manual entry by {actor.email}: contact {contact.email} on {account.name!r}",
        actor_id=actor.id, at=now,
    )  # fmt: skip
    task = service.create_lead_task(
        session, match, lead_source=lead.lead_source, rule_id="I-7", now=now,
        message=lead.message, interest=lead.interest, mau=lead.mau,
        monthly_events=lead.monthly_events,
    )  # fmt: skip
    # A person is waiting for the answer: the pipeline (S-1 … S-4, R-1, R-2 … R-7) runs
    # now, in this transaction, instead of after the commit as for the other sources.
    pipeline.run_queued(session, now, task_ids=[task.id])
    service.timeline(
        session, match, "note", f"Lead entered by hand ({lead.lead_source})",
        lead.message or "", now, task=task, meta={"entered_by": actor.id},
    )  # fmt: skip
    return task
