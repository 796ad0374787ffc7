"""V-1 movements computed independently: each deal's state at both moments from the raw
snapshot history (``deals.state_at``), compared in Python (issue 18). The reports'
set-based movements (rollup and raw paths) must list exactly these rows and totals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.opportunities.models import Opportunity
from salesops.reports import deals, forecast
from salesops.reports.common import Filters, Scope

CATEGORIES = ["Commit", "Best case", "Pipeline", "Omitted"]
DEFAULT = "Pipeline"


def _states(s: Session, moment: datetime) -> dict[int, Any]:
    deal = deals.state_at(moment)
    query = (
        select(deal, Account.territory, Opportunity.lead_source, Opportunity.name)
        .join(Opportunity, Opportunity.id == deal.c.opportunity_id)
        .join(Account, Account.id == Opportunity.account_id)
    )
    return {r.opportunity_id: r for r in s.execute(query)}


def _quarter(day: date | None) -> str | None:
    return None if day is None else f"{day.year}-Q{(day.month + 2) // 3}"


def expected(
    s: Session, filters: Filters, scope: Scope, before: datetime, after: datetime
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(rows ordered by opportunity id, totals per kind) as ``forecast.movements`` means them."""
    start, end = forecast.window(filters, after.date())
    old, new = _states(s, before), _states(s, after)
    rank = {c: i for i, c in enumerate(CATEGORIES)}
    rows = []
    for opp_id in sorted(set(old) | set(new)):
        o, n = old.get(opp_id), new.get(opp_id)
        any_ = n or o
        assert any_ is not None
        owner = n.owner_id if n is not None else o.owner_id  # type: ignore[union-attr]
        if filters.owner_id is not None and owner != filters.owner_id:
            continue
        if filters.territory and any_.territory != filters.territory:
            continue
        if filters.lead_source and any_.lead_source != filters.lead_source:
            continue
        if not scope.everything and not (
            owner == scope.user_id or any_.territory in scope.territories
        ):
            continue

        def inside(d: Any) -> bool:
            return d is not None and d.close_date is not None and start <= d.close_date < end

        was_in, now_in = inside(o), inside(n)
        o_cat = (o.forecast_category or DEFAULT) if o is not None else None
        n_cat = (n.forecast_category or DEFAULT) if n is not None else None
        if now_in and not was_in:
            kind = "in"
        elif was_in and not now_in:
            kind = "out"
        elif not was_in:
            kind = ""
        elif rank.get(n_cat or "", 99) < rank.get(o_cat or "", 99):
            kind = "up"
        elif rank.get(n_cat or "", 99) > rank.get(o_cat or "", 99):
            kind = "down"
        else:
            kind = ""
        if not kind:
            continue
        rows.append(
            {
                "opportunity_id": opp_id,
                "opportunity": any_.name,
                "movement": kind,
                "from_category": o_cat,
                "to_category": n_cat,
                "from_quarter": _quarter(o.close_date) if o is not None else None,
                "to_quarter": _quarter(n.close_date) if n is not None else None,
                "arr_before": Decimal(o.amount) if o is not None else None,
                "arr_after": Decimal(n.amount) if n is not None else None,
                "owner_id": owner,
            }
        )
    totals = {}
    for kind in ("in", "out", "up", "down"):
        mine = [r for r in rows if r["movement"] == kind]
        side = "arr_before" if kind == "out" else "arr_after"
        totals[kind] = {
            "count": len(mine),
            "arr": sum((r[side] or Decimal(0) for r in mine), Decimal("0.00")),
        }
    return rows, totals
