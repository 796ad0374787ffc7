"""Opportunities as they stand now or as they stood at a past moment (V-1, V-2).

``deals`` returns one selectable with the same columns either way: the
``opportunities`` table for "now", or the snapshot history
(``opportunity_snapshots``: one row per change, ``valid_from <= t < valid_to``)
for "as of". Filters (owner, territory, lead source) and the U-2 scope are
applied by joining the opportunity and its account.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.sql import Subquery

from salesops.accounts.models import Account
from salesops.opportunities.models import Opportunity, OpportunitySnapshot
from salesops.reports.common import Filters, Scope

COLUMNS = (
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


def state_at(as_of: datetime | None) -> Subquery:
    """Each opportunity's state (``COLUMNS`` + ``opportunity_id``) now or at ``as_of``."""
    if as_of is None:
        return select(
            Opportunity.id.label("opportunity_id"),
            *(getattr(Opportunity, c).label(c) for c in COLUMNS),
        ).subquery("deal")
    snap = OpportunitySnapshot
    return (
        select(snap.opportunity_id, *(getattr(snap, c).label(c) for c in COLUMNS))
        .where(
            snap.valid_from <= as_of,
            or_(snap.valid_to.is_(None), snap.valid_to > as_of),
        )
        .subquery("deal")
    )


def restrict(query: Select[Any], deal: Any, filters: Filters, scope: Scope) -> Select[Any]:
    """Owner, territory and lead-source filters and the U-2 scope on a query over ``deal``
    (which must already be joined to ``Opportunity`` and ``Account``)."""
    if filters.owner_id is not None:
        query = query.where(deal.c.owner_id == filters.owner_id)
    if filters.territory:
        query = query.where(Account.territory == filters.territory)
    if filters.lead_source:
        query = query.where(Opportunity.lead_source == filters.lead_source)
    clause = scope.clause(deal.c.owner_id, Account.territory)
    if clause is not None:
        query = query.where(clause)
    return query


def joined(query: Select[Any], deal: Any) -> Select[Any]:
    return query.join(Opportunity, Opportunity.id == deal.c.opportunity_id).join(
        Account, Account.id == Opportunity.account_id
    )
