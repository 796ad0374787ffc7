"""V-1 Forecast: ARR and count by close-date quarter × forecast category × owner,
now or as of any past moment (Q-6), and what moved between two moments.

One GROUP BY over the deals' state (``reports.deals``: the table, or the snapshot
history for "as of"); quarters are labelled in SQL (``YYYY-Qn``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesops.opportunities.forecast import quarter_of
from salesops.playbook.runtime import playbook_of
from salesops.reports import deals
from salesops.reports.common import Filters, Result, Scope, money, owner_label, quarter_label
from salesops.reports.movements import Page, summarise
from salesops.users.models import User

COLUMNS = ["quarter", "category", "owner_id", "owner", "arr", "count"]
MOVEMENT_COLUMNS = [
    "opportunity_id",
    "opportunity",
    "movement",
    "from_category",
    "to_category",
    "from_quarter",
    "to_quarter",
    "arr_before",
    "arr_after",
    "owner_id",
]


def window(filters: Filters, today: date) -> tuple[date, date]:
    """The close dates covered: the quarters from ``from`` to ``to``; by default the
    quarter of the as-of day (or today) and the next one. [start, end)."""
    anchor = filters.as_of.date() if filters.as_of else today
    first = quarter_of(filters.start or anchor)
    last = quarter_of(filters.end) if filters.end else first.next()
    return first.start, last.end


def forecast(session: Session, filters: Filters, scope: Scope, now: datetime) -> Result:
    """V-1: per quarter, category and owner the ARR and count, as of ``filters.as_of``."""
    pb = playbook_of(session)
    categories = [c.name for c in pb.opportunities.forecast_categories]
    default = pb.opportunities.default_forecast_category
    start, end = window(filters, (filters.as_of or now).date())
    if deals.rollup_usable(session):
        rows = _rollup_rows(session, filters, scope, default, (start, end))
    else:
        rows = forecast_raw_rows(session, filters, scope, default, (start, end))
    order = {name: i for i, name in enumerate(categories)}
    rows.sort(  # the Unowned row (U-2) last in its category
        key=lambda r: (r["quarter"], order.get(r["category"], 99), not r["owner_id"], r["owner"])
    )
    by_category = {c: money(sum(r["arr"] for r in rows if r["category"] == c)) for c in categories}
    totals = {
        "arr": money(sum(r["arr"] for r in rows)),
        "count": sum(r["count"] for r in rows),
        "by_category": by_category,
    }
    return Result(
        COLUMNS,
        rows,
        totals,
        filters.as_of or now,
        extra={"from": start, "to": end - timedelta(days=1), "categories": categories},
    )


def forecast_raw_rows(
    session: Session, filters: Filters, scope: Scope, default: str, window: tuple[date, date]
) -> list[dict[str, Any]]:
    """V-1's rows from the deals (or their snapshots) themselves: the definition the
    rollups must equal (``deals.rollup_sums``)."""
    deal = deals.state_at(filters.as_of)
    quarter = quarter_label(session, deal.c.close_date).label("quarter")
    category = func.coalesce(deal.c.forecast_category, default).label("category")
    query = deals.joined(
        select(
            quarter,
            category,
            deal.c.owner_id,
            func.max(User.name).label("owner"),
            func.sum(deal.c.amount).label("arr"),
            func.count().label("n"),
        ).select_from(deal),
        deal,
    ).outerjoin(User, User.id == deal.c.owner_id)
    query = deals.restrict(
        query.where(deal.c.close_date >= window[0], deal.c.close_date < window[1]),
        deal,
        filters,
        scope,
    ).group_by(quarter, category, deal.c.owner_id)
    return [
        {
            "quarter": r.quarter,
            "category": r.category,
            "owner_id": r.owner_id,
            "owner": owner_label(r.owner_id, r.owner),
            "arr": money(r.arr),
            "count": int(r.n),
        }
        for r in session.execute(query)
    ]


def _rollup_rows(
    session: Session, filters: Filters, scope: Scope, default: str, window: tuple[date, date]
) -> list[dict[str, Any]]:
    """V-1's rows from the deal rollups: per close month, category and owner, summed
    into quarters here (a few hundred grouped rows, not deals)."""
    found = deals.rollup_sums(
        session, filters.as_of, filters, scope, ["month", "category", "owner_id"], window
    )
    ids = sorted({r.owner_id for r in found if r.owner_id})
    names: dict[int, str] = {}
    if ids:
        names = {
            i: n for i, n in session.execute(select(User.id, User.name).where(User.id.in_(ids)))
        }
    merged: dict[tuple[str, str, int], list[Any]] = {}
    for r in found:
        month = r.month if isinstance(r.month, date) else date.fromisoformat(str(r.month))
        quarter = f"{month.year}-Q{(month.month + 2) // 3}"
        key = (quarter, r.category or default, r.owner_id)
        sums = merged.setdefault(key, [0, Decimal(0)])
        sums[0] += int(r.n)
        sums[1] += money(r.arr)
    return [
        {
            "quarter": quarter,
            "category": category,
            "owner_id": owner or None,
            "owner": owner_label(owner, names.get(owner)),
            "arr": money(arr),
            "count": n,
        }
        for (quarter, category, owner), (n, arr) in merged.items()
        if n
    ]


def movements(
    session: Session,
    filters: Filters,
    scope: Scope,
    before: datetime,
    after: datetime,
    page: Page | None = None,
) -> Result:
    """V-1: what moved into, out of, up or down the forecast window between two moments.

    The window is the quarters of ``window(filters)`` (as of ``after``). "up" is a move to
    a more committed category (Q-6 order), "down" to a less committed one; "in"/"out" are
    deals whose close date entered or left the window (or that did not exist before).
    A deal moved when its state at ``before`` differs from its state at ``after``
    (``reports.movements``). The totals count every moved deal (per kind and per category
    transition); the rows are one page of them (``page``: kind, transition, offset, limit).
    """
    pb = playbook_of(session)
    categories = [c.name for c in pb.opportunities.forecast_categories]
    default = pb.opportunities.default_forecast_category
    start, end = window(filters, after.date())
    page = page or Page()
    totals, rows, selected = summarise(
        session, filters, scope, before, after, (start, end), categories, default, page
    )
    shown = page.offset + len(rows)
    return Result(
        MOVEMENT_COLUMNS,
        rows,
        totals,
        after,
        extra={
            "from": before,
            "to": after,
            "window": [start, end - timedelta(days=1)],
            "page": {
                "movement": page.movement,
                "from_category": page.from_category,
                "to_category": page.to_category,
                "offset": page.offset,
                "limit": page.limit,
                "rows": selected,
                "next_offset": shown if shown < selected else None,
            },
        },
    )
