"""The forecast-relevant history of an opportunity (Q-6, V-1): one snapshot per change.

``record`` runs at the end of every use-case that changes an opportunity
(create, edit, stage move, forecast category): if the stage, category, amount,
close date, owner or probability differ from the open snapshot, that one is
closed at ``now`` and a new one opens. Reports read "as of" a moment with one
range condition (``valid_from <= t < valid_to``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.opportunities.models import Opportunity, OpportunitySnapshot

TRACKED = (
    "owner_id",
    "pipeline",
    "stage",
    "probability",
    "forecast_category",
    "amount",
    "close_date",
    "is_closed",
    "is_won",
)


def state_of(opp: Opportunity) -> dict[str, Any]:
    values = {key: getattr(opp, key) for key in TRACKED}
    values["amount"] = Decimal(values["amount"] if values["amount"] is not None else 0)
    return values


def _same(snapshot: OpportunitySnapshot, state: dict[str, Any]) -> bool:
    return all(
        (Decimal(getattr(snapshot, k)) == v) if k == "amount" else getattr(snapshot, k) == v
        for k, v in state.items()
    )


def record(session: Session, opp: Opportunity, now: datetime) -> OpportunitySnapshot | None:
    """Keep the snapshot history in step with ``opp`` (Q-6, V-1); None when nothing changed."""
    session.flush()
    state = state_of(opp)
    current = session.scalar(
        select(OpportunitySnapshot)
        .where(
            OpportunitySnapshot.opportunity_id == opp.id,
            OpportunitySnapshot.valid_to.is_(None),
        )
        .order_by(OpportunitySnapshot.id.desc())
        .limit(1)
    )
    if current is not None:
        if _same(current, state):
            return None
        if current.valid_from >= now:  # changed again at the same moment: amend it
            for key, value in state.items():
                setattr(current, key, value)
            session.flush()
            return current
        current.valid_to = now
    snapshot = OpportunitySnapshot(opportunity_id=opp.id, valid_from=now, valid_to=None, **state)
    session.add(snapshot)
    session.flush()
    return snapshot
