"""Opportunities as they stand now or as they stood at a past moment (V-1, V-2).

``deals`` returns one selectable with the same columns either way: the
``opportunities`` table for "now", or the snapshot history
(``opportunity_snapshots``: one row per change, ``valid_from <= t < valid_to``)
for "as of". Filters (owner, territory, lead source) and the U-2 scope are
applied by joining the opportunity and its account.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Select, func, literal, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from salesops.accounts.models import Account
from salesops.opportunities.models import Opportunity, OpportunitySnapshot
from salesops.reports.common import Filters, Scope
from salesops.reports.deal_rollup_models import (
    KEY,
    NO_CLOSE,
    DealCount,
    SnapCount,
    SnapFact,
    SnapMeta,
)

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


# -- from the rollups (issue 18 performance) -------------------------------------------


def rollup_usable(session: Session) -> bool:
    """The deal rollups exist and hold every write (no mark waits for its commit hook)."""
    from salesops.reports import deals_rollup, rollups

    conn = session.connection()
    return rollups.deals_ready(conn) and not deals_rollup.pending(conn)


def whole_months(start: date | None, end_exclusive: date | None) -> bool:
    """Close dates from ``start`` to ``end_exclusive`` are whole months (the rollups' grain)."""
    return all(d is None or d.day == 1 for d in (start, end_exclusive))


def rollup_sums(
    session: Session,
    as_of: datetime | None,
    filters: Filters,
    scope: Scope,
    group: list[str],
    close: tuple[date | None, date | None] = (None, None),
) -> list[Any]:
    """Σ deals, ARR and amount × probability per ``group`` (names of ``KEY``) of the deals
    now or at ``as_of``, with close dates in [close[0], close[1]) (whole months): rows of
    the group's values then ``n``, ``arr``, ``weighted``."""
    state = _state_sums(session, as_of)
    cols = [state.c[g] for g in group]
    where = []
    start, end = close
    if start is not None or end is not None:
        where.append(state.c.month != NO_CLOSE)
    if start is not None:
        where.append(state.c.month >= start)
    if end is not None:
        where.append(state.c.month < end)
    if filters.owner_id is not None:
        where.append(state.c.owner_id == filters.owner_id)
    if filters.territory:
        where.append(state.c.territory == filters.territory)
    if filters.lead_source:
        where.append(state.c.lead_source == filters.lead_source)
    clause = scope.clause(state.c.owner_id, state.c.territory)
    if clause is not None:
        where.append(clause)
    query = (
        select(
            *cols,
            func.sum(state.c.n).label("n"),
            func.sum(state.c.arr).label("arr"),
            func.sum(state.c.weighted).label("weighted"),
        )
        .where(*where)
        .group_by(*cols)
        .having(func.sum(state.c.n) != 0)
    )
    return list(session.execute(query))


def _state_sums(session: Session, as_of: datetime | None) -> Any:
    """Per key, the (n, arr, weighted) parts whose sum is the deals' state now or at
    ``as_of``: the counts now; or the month checkpoint of ``as_of`` (the last one, if its
    month has none yet), the day changes of the month's earlier days, and the facts
    that started (+) or ended (−) on ``as_of``'s day up to ``as_of``."""
    if as_of is None:
        c = DealCount
        return select(*(getattr(c, k) for k in KEY), c.n, c.arr, c.weighted).subquery("st")
    s, f = SnapCount, SnapFact
    day = as_of.astimezone(UTC).date()
    through = session.scalar(select(SnapMeta.through).where(SnapMeta.id == 1))
    month = day.replace(day=1)
    anchor = month if through is None or month <= through else through
    keys = [getattr(s, k) for k in KEY]
    fkeys = [getattr(f, k) for k in KEY]
    since = datetime.combine(day, time(0), tzinfo=UTC)
    one = literal(1)
    return union_all(
        select(*keys, s.n, s.arr, s.weighted).where(s.span == "c", s.start == anchor),
        select(*keys, s.n, s.arr, s.weighted).where(
            s.span == "d", s.start >= anchor, s.start < day
        ),
        select(*fkeys, one, f.amount, f.amount * f.probability).where(
            f.valid_from >= since, f.valid_from <= as_of
        ),
        select(*fkeys, -one, -f.amount, -f.amount * f.probability).where(
            f.valid_to >= since, f.valid_to <= as_of
        ),
    ).subquery("st")
