"""A person edits an account or a contact (O-1, O-2), and the scores follow (S-4).

A flow: the record's service (``accounts.service``) applies the edit; scoring, a
layer above records, recomputes what the changed inputs feed (``inputs_changed``).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from salesops.accounts import service as accounts
from salesops.accounts.models import Account, Contact
from salesops.intake.signals import reevaluate_product_led
from salesops.scoring.service import (
    enrich_account,
    enrich_and_score,
    inputs_changed,
    score_account,
)
from salesops.users.models import User

log = logging.getLogger("salesops.records")


def create_account(session: Session, actor: User, data: dict[str, Any], now: datetime) -> Account:
    """An account by hand (I-7); S-1, S-2: enriched and ICP-scored at once (issue 16)."""
    account = accounts.create_account(session, actor, data, now)
    try:
        enrich_account(session, account, now)
    except Exception:  # S-1: enrichment never blocks a record
        log.exception("enrichment failed for account %s", account.id)
    score_account(session, account, now)
    session.flush()
    return account


def create_contact(session: Session, actor: User, data: dict[str, Any], now: datetime) -> Contact:
    """A contact by hand (O-2, I-7); S-1 … S-3: its account enriched, both scored (issue 16)."""
    contact = accounts.create_contact(session, actor, data, now)
    account = session.get(Account, contact.account_id)
    if account is not None:
        enrich_and_score(session, account, contact, now)
    session.flush()
    return contact


def update_account(
    session: Session, actor: User, account: Account, changes: dict[str, Any], now: datetime
) -> Account:
    """Edit an account (U-2); S-4: the scores whose inputs changed are recomputed."""
    accounts.update_account(session, actor, account, changes, now)
    inputs_changed(session, now, account=account, changed=changes)
    if changes.keys() & {"employee_count"}:
        reevaluate_product_led(session, account, now)  # I-8 on every change of its facts
    session.flush()
    return account


def update_contact(
    session: Session, actor: User, contact: Contact, changes: dict[str, Any], now: datetime
) -> Contact:
    """Edit a contact (U-2); S-4: the scores whose inputs changed are recomputed."""
    accounts.update_contact(session, actor, contact, changes, now)
    inputs_changed(session, now, contact=contact, changed=changes)
    session.flush()
    return contact
