"""Account MRR history (O-1, V-6): every MRR change is kept with the day it took effect.

``record_mrr`` is called by every path that sets an account's MRR (create,
update over the API and web, imports); ``reports.revenue`` computes MRR, its
movements and NRR over time from these rows.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from salesops.accounts.models import Account, MrrChange
from salesops.core.errors import ValidationFailed


def effective_day(value: date | None, now: datetime) -> date:
    """The day an MRR change takes effect: given, else today; never in the future (V-6)."""
    if value is None:
        return now.date()
    if value > now.date():
        raise ValidationFailed(
            "the MRR change date cannot be in the future", field="mrr_effective_on", rule="V-6"
        )
    return value


def record_mrr(
    session: Session,
    account: Account,
    before: Decimal | None,
    after: Decimal | None,
    effective_on: date,
    now: datetime,
    actor_id: int | None = None,
) -> MrrChange | None:
    """Keep one MRR change (V-6); None when the amount did not change."""
    old = Decimal(before or 0)
    new = Decimal(after or 0)
    if old == new:
        return None
    change = MrrChange(
        account_id=account.id,
        effective_on=effective_on,
        mrr_before=old,
        mrr_after=new,
        at=now,
        actor_id=actor_id,
    )
    session.add(change)
    return change
