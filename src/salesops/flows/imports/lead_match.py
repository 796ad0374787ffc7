"""M-1, M-2 for a batch of leads (issue 19, performance): what
``matching.service.match_contacts`` decides for each lead's email, with the new contacts
left as plain rows (``rows``) for one INSERT once they are filled and scored.

An email already known is the same person (M-1): its contact (an ORM object) gets the
lead's blanks filled. A new email creates a contact on the account of its registrable
domain, or a personal account for free mail (M-2, ``match_accounts``, which creates the
accounts); a second lead with the same new email in the batch matches the first one's
contact. ``insert`` writes the rows; one whose email another transaction took meanwhile
(R-5) is merged into the winner's contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.accounts.service import territory_name
from salesops.core.fastsql import among
from salesops.flows.imports.records import LeadIn
from salesops.flows.imports.rows import complete
from salesops.matching.service import Sender, match_accounts


@dataclass
class LeadMatch:
    contact: Any  # Contact (known) or a new contact row (dict)
    account: Account
    contact_created: bool
    account_created: bool
    reason: str


def _fill(rec: LeadIn) -> dict[str, Any]:
    given = {"title": rec.title, "country": rec.country, "us_state": rec.us_state}
    return {k: v for k, v in given.items() if v not in (None, "", [])}


def _apply(contact: Any, name: str | None, fill: dict[str, Any], now: datetime) -> None:
    """A later lead's values on a known contact: blanks only (``matching._apply``)."""
    if isinstance(contact, dict):
        if name and not contact["name"]:
            contact["name"] = name
        for key, value in fill.items():
            if contact.get(key) in (None, ""):
                contact[key] = value
        contact["updated_at"] = now
        return
    if name and not contact.name:
        contact.name = name
    for key, value in fill.items():
        if getattr(contact, key, None) in (None, ""):
            setattr(contact, key, value)
    contact.updated_at = now


def match_leads(s: Session, recs: list[LeadIn], *, now: datetime) -> list[LeadMatch]:
    """Each lead's contact and account, in order, as ``match_contacts(record=False)``."""
    emails = sorted({r.email for r in recs})
    contacts: dict[str, Any] = (
        {c.email: c for c in s.scalars(select(Contact).where(among(s, Contact.email, emails)))}
        if emails
        else {}
    )
    by_id: dict[int, Account] = {}
    if contacts:
        ids = sorted({c.account_id for c in contacts.values()})
        by_id = {a.id: a for a in s.scalars(select(Account).where(among(s, Account.id, ids)))}
    fresh: dict[str, int] = {}  # new email -> index of its first lead
    for i, r in enumerate(recs):
        if r.email not in contacts and r.email not in fresh:
            fresh[r.email] = i
    fills = [_fill(r) for r in recs]
    creators = [
        Sender(recs[i].email, recs[i].name, recs[i].company, fill=fills[i]) for i in fresh.values()
    ]
    matched = dict(zip(fresh, match_accounts(s, creators, now=now), strict=True))
    for email, i in fresh.items():
        am = matched[email]
        by_id[am.account.id] = am.account
        contacts[email] = complete(
            Contact,
            {
                "email": email,
                "name": recs[i].name or "",
                "account_id": am.account.id,
                "lead_source": None,
                "created_at": now,
                "updated_at": now,
                "field_sources": {},
                **fills[i],
            },
        )
    out: list[LeadMatch] = []
    for i, r in enumerate(recs):
        contact = contacts[r.email]
        fill = fills[i]
        if fresh.get(r.email) == i:
            am = matched[r.email]
            account, contact_created, account_created = am.account, True, am.created
            reason = f"new contact {r.email}; {am.reason} (M-2)"
        else:
            account_id = contact["account_id"] if isinstance(contact, dict) else contact.account_id
            found = by_id.get(account_id) or s.get(Account, account_id)
            assert found is not None
            account, contact_created, account_created = found, False, False
            reason = f"contact {r.email} matched by email (M-1)"
            _apply(contact, r.name, fill, now)
        if not account_created and account.country is None and fill.get("country"):
            account.country = fill["country"]
            account.us_state = fill.get("us_state")
            account.territory = territory_name(s, account.country, account.us_state)
            account.updated_at = now
        out.append(LeadMatch(contact, account, contact_created, account_created, reason))
    return out
