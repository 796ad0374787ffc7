"""Routing test helpers: salespeople in territories and leads created through the service layer."""

from __future__ import annotations

import itertools
from typing import Any

from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task

_seq = itertools.count(1)


def lead(rt: Runtime, country: str | None = "DE", *, account: Any = None, **fields: Any) -> Task:
    """A new lead task on ``account`` (or a fresh account in ``country``), routed on creation."""
    n = next(_seq)
    if account is None:
        account = make_account(rt, f"Co{n}", country=country)
    contact = make_contact(rt, f"p{n}@{account.domain or 'free.example'}", account_id=account.id)
    return make_task(rt, account, contact, **fields)


def store_lead(s: Any, email: str, country: str, now: Any) -> Task:
    """Match or create the lead's account (M-2) and add its contact and task, unrouted.

    A concurrent creator of the same domain may win the account insert; then we re-read it.
    """
    from sqlalchemy import select
    from sqlalchemy.exc import IntegrityError

    from salesops.accounts.models import Account, Contact
    from salesops.accounts.service import match_or_create_account
    from salesops.core.addresses import registrable_domain
    from salesops.playbook.runtime import playbook_of

    try:
        with s.begin_nested():
            account = match_or_create_account(s, email, None, "", now)
    except IntegrityError:
        domain = registrable_domain(email)
        account = s.scalars(select(Account).where(Account.domain == domain)).one()
    if account.country is None:
        account.country = country
        account.territory = playbook_of(s).territory_for(country).name
    contact = Contact(email=email, account_id=account.id, created_at=now, updated_at=now)
    s.add(contact)
    s.flush()
    task = Task(
        kind="lead",
        status="New",
        account_id=account.id,
        contact_id=contact.id,
        lead_source="Contact form",
        title=email,
        created_at=now,
        updated_at=now,
    )
    s.add(task)
    s.flush()
    return task


def submit_lead(rt: Runtime, email: str, country: str, now: Any) -> int:
    """What intake does for one inbound lead, through the service layer: store it and
    route it (R-5). Returns the task id."""
    from salesops.routing.service import route_task

    with rt.uow() as s:
        task = store_lead(s, email, country, now)
        route_task(s, task, now)
        return task.id
