"""V-1 forecast movements between two moments, set-based (issue 18 performance).

A deal moved between ``before`` and ``after`` when its state at ``before`` differs from
its state at ``after`` — never the sum of the changes in between: a deal that went
Pipeline → Commit → Pipeline did not move. Only a deal with a history row that started
or ended between the two moments can differ, and for such a deal

- its state at ``before`` is the row that *ended* in (before, after] and started at or
  before ``before`` (none: the deal did not exist yet);
- its state at ``after`` is the row that *started* in (before, after] and is still valid
  at ``after`` (none: it no longer exists).

Both are range reads of an index on the row's start or end time (``report_snap_facts``
when the deal rollups are usable, ``opportunity_snapshots`` otherwise), so the cost
follows the deals changed in the window, not the history. The per-deal pairs are
grouped into the totals (in / out / up / down and per category transition: count and
ARR); the moved deals themselves are a page of the drill-down (``Page``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, and_, case, cast, func, literal, null, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import CTE, Subquery

from salesops.accounts.models import Account
from salesops.opportunities.models import Opportunity, OpportunitySnapshot
from salesops.reports import deals
from salesops.reports.common import Filters, Scope, money
from salesops.reports.deal_rollup_models import NO_CLOSE, SnapFact

KINDS = ("in", "out", "up", "down")
MAX_LIMIT = 10_000


@dataclass(frozen=True)
class Page:
    """Which moved deals to list: one movement kind and/or transition, ``limit`` rows
    from ``offset`` (ordered by opportunity id)."""

    movement: str | None = None
    from_category: str | None = None
    to_category: str | None = None
    offset: int = 0
    limit: int = 100


def page_of(params: Mapping[str, str | None], default_limit: int = 100) -> Page:
    """The drill-down's page from request parameters ``movement``, ``from_category``,
    ``to_category``, ``offset`` and ``limit`` (V-1); a clear error for a bad one."""
    from salesops.core.errors import ValidationFailed

    def whole(name: str, default: int, low: int, high: int) -> int:
        raw = (params.get(name) or "").strip()
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ValidationFailed(
                f"{name} must be a whole number", field=name, rule="V-1"
            ) from None
        if not low <= value <= high:
            raise ValidationFailed(f"{name} must be {low} to {high}", field=name, rule="V-1")
        return value

    movement = (params.get("movement") or "").strip() or None
    if movement is not None and movement not in KINDS:
        raise ValidationFailed(
            "movement must be one of " + ", ".join(KINDS), field="movement", rule="V-1"
        )
    return Page(
        movement=movement,
        from_category=(params.get("from_category") or "").strip() or None,
        to_category=(params.get("to_category") or "").strip() or None,
        offset=whole("offset", 0, 0, 10**9),
        limit=whole("limit", default_limit, 1, MAX_LIMIT),
    )


def _sides(
    session: Session,
    filters: Filters,
    before: datetime,
    after: datetime,
    window: tuple[date, date],
    categories: list[str],
    default: str,
    rollup: bool | None,
) -> tuple[Subquery, Subquery]:
    """(old, new): per deal whose history changed between the two moments, its state at
    ``before`` and at ``after`` — (opportunity_id, category, its Q-6 rank, close, whether
    the close is in ``window``, amount, owner_id, territory). Territory and lead source
    filters apply here: they are the deal's current ones, the same on both sides."""
    start, end = window
    if deals.rollup_usable(session) if rollup is None else rollup:
        f = SnapFact
        category: Any = case((f.category == "", default), else_=f.category)
        close: Any = f.month
        base = select(
            f.opportunity_id,
            func.nullif(f.owner_id, 0).label("owner_id"),
            func.nullif(f.territory, "").label("territory"),
            f.amount.label("amount"),
        )
        if filters.territory:
            base = base.where(f.territory == filters.territory)
        if filters.lead_source:
            base = base.where(f.lead_source == filters.lead_source)
        valid_from, valid_to = f.valid_from, f.valid_to
    else:
        s = OpportunitySnapshot
        category = func.coalesce(s.forecast_category, default)
        close = s.close_date
        base = (
            select(
                s.opportunity_id,
                s.owner_id.label("owner_id"),
                Account.territory.label("territory"),
                s.amount.label("amount"),
            )
            .join(Opportunity, Opportunity.id == s.opportunity_id)
            .join(Account, Account.id == Opportunity.account_id)
        )
        if filters.territory:
            base = base.where(Account.territory == filters.territory)
        if filters.lead_source:
            base = base.where(Opportunity.lead_source == filters.lead_source)
        valid_from, valid_to = s.valid_from, s.valid_to
    base = base.add_columns(
        category.label("category"),
        case(*((category == name, i) for i, name in enumerate(categories)), else_=99).label("rank"),
        close.label("close"),
        case((and_(close >= start, close < end), 1), else_=0).label("inside"),
    )
    old = base.where(valid_to > before, valid_to <= after, valid_from <= before)
    new = base.where(
        valid_from > before, valid_from <= after, or_(valid_to.is_(None), valid_to > after)
    )
    return old.subquery("old"), new.subquery("new")


def _moved(
    session: Session,
    filters: Filters,
    scope: Scope,
    before: datetime,
    after: datetime,
    window: tuple[date, date],
    categories: list[str],
    default: str,
    rollup: bool | None,
) -> CTE:
    """One row per deal that moved: its movement, categories, closes, ARR and owner (the
    two states side by side: a full outer join on the deal; on SQLite, per side its deals
    inside the window left-joined to the other side — a deal outside the window at both
    moments cannot have moved)."""
    old, new = _sides(session, filters, before, after, window, categories, default, rollup)
    sqlite = session.get_bind().dialect.name == "sqlite"
    o: Any = old.element.cte("old") if sqlite else old
    n: Any = new.element.cte("new") if sqlite else new
    was_in = func.coalesce(o.c.inside, 0)
    now_in = func.coalesce(n.c.inside, 0)
    movement = case(
        (now_in > was_in, literal("in")),
        (was_in > now_in, literal("out")),
        (n.c.rank < o.c.rank, literal("up")),
        (n.c.rank > o.c.rank, literal("down")),
        else_=literal(""),
    )
    pair = select(
        func.coalesce(n.c.opportunity_id, o.c.opportunity_id).label("opportunity_id"),
        movement.label("movement"),
        o.c.category.label("from_category"),
        n.c.category.label("to_category"),
        o.c.close.label("old_close"),
        n.c.close.label("new_close"),
        o.c.amount.label("arr_before"),
        n.c.amount.label("arr_after"),
        func.coalesce(n.c.owner_id, o.c.owner_id).label("owner_id"),
        func.coalesce(n.c.territory, o.c.territory).label("territory"),
    )
    same = n.c.opportunity_id == o.c.opportunity_id
    if sqlite:
        # Only a deal inside the window on one side or the other can have moved: each
        # half is driven by one side's deals inside the window (a third of the changed
        # deals in the bench's data), left-joined to the other side — every pair with
        # was_in + now_in > 0 exactly once (SQLite has no fast full join of two
        # subqueries: it scans one for each row of the other).
        pairs = union_all(
            pair.select_from(o.outerjoin(n, same)).where(o.c.inside == 1),
            pair.select_from(n.outerjoin(o, same)).where(
                n.c.inside == 1, or_(o.c.opportunity_id.is_(None), o.c.inside == 0)
            ),
        ).subquery("pairs")
    else:  # a full outer join (hash join) of the two sides, then the window test
        full = o.join(n, same, full=True)
        pairs = pair.where(was_in + now_in > 0).select_from(full).subquery("pairs")
    query = select(*(c for c in pairs.c if c.name != "territory")).where(pairs.c.movement != "")
    if filters.owner_id is not None:
        query = query.where(pairs.c.owner_id == filters.owner_id)
    clause = scope.clause(pairs.c.owner_id, pairs.c.territory)
    if clause is not None:
        query = query.where(clause)
    return query.cte("moved")


def _quarter(close: Any) -> str | None:
    if close is None:
        return None
    day = close if isinstance(close, date) else date.fromisoformat(str(close)[:10])
    if day == NO_CLOSE:
        return None
    return f"{day.year}-Q{(day.month + 2) // 3}"


def _amount(value: Any) -> Decimal | None:
    return money(value) if value is not None else None


def summarise(
    session: Session,
    filters: Filters,
    scope: Scope,
    before: datetime,
    after: datetime,
    window: tuple[date, date],
    categories: list[str],
    default: str,
    page: Page,
    *,
    rollup: bool | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
    """(totals, the page's rows, how many rows the page's selection has in all).
    ``rollup``: read the deal rollups (None: when usable) or the snapshots themselves.

    One statement: the moved deals are a CTE read twice — grouped per transition, and
    the page of them — so the two states are joined once."""
    moved = _moved(session, filters, scope, before, after, window, categories, default, rollup)
    m = moved.c
    groups = select(
        literal("g").label("part"),
        m.movement,
        m.from_category,
        m.to_category,
        func.count().label("n"),
        func.sum(m.arr_before).label("arr_before"),
        func.sum(m.arr_after).label("arr_after"),
        cast(null(), Integer).label("opportunity_id"),
        cast(null(), m.old_close.type).label("old_close"),
        cast(null(), m.new_close.type).label("new_close"),
        cast(null(), Integer).label("owner_id"),
        cast(null(), Opportunity.name.type).label("opportunity"),
    ).group_by(m.movement, m.from_category, m.to_category)
    listed = select(moved)
    if page.movement is not None:
        listed = listed.where(m.movement == page.movement)
    if page.from_category is not None:
        listed = listed.where(m.from_category == page.from_category)
    if page.to_category is not None:
        listed = listed.where(m.to_category == page.to_category)
    listed_q = (
        listed.order_by(m.opportunity_id).offset(page.offset).limit(page.limit).subquery("page")
    )
    p = listed_q.c
    rows_part = select(
        literal("r"),
        p.movement,
        p.from_category,
        p.to_category,
        cast(null(), Integer),
        p.arr_before,
        p.arr_after,
        p.opportunity_id,
        p.old_close,
        p.new_close,
        p.owner_id,
        Opportunity.name,
    ).join(Opportunity, Opportunity.id == p.opportunity_id)
    found = session.execute(union_all(groups, rows_part)).all()
    order = {name: i for i, name in enumerate(categories)}
    transitions = sorted(
        (
            {
                "movement": g.movement,
                "from_category": g.from_category,
                "to_category": g.to_category,
                "count": int(g.n),
                "arr_before": money(g.arr_before or 0),
                "arr_after": money(g.arr_after or 0),
            }
            for g in found
            if g.part == "g"
        ),
        key=lambda t: (
            KINDS.index(t["movement"]),
            order.get(t["from_category"] or "", -1),
            order.get(t["to_category"] or "", -1),
        ),
    )
    totals: dict[str, Any] = {}
    for kind in KINDS:
        mine = [t for t in transitions if t["movement"] == kind]
        side = "arr_before" if kind == "out" else "arr_after"
        totals[kind] = {
            "count": sum(t["count"] for t in mine),
            "arr": money(sum(t[side] for t in mine)),
        }
    totals["transitions"] = transitions

    def chosen(t: dict[str, Any]) -> bool:
        return (
            (page.movement is None or t["movement"] == page.movement)
            and (page.from_category is None or t["from_category"] == page.from_category)
            and (page.to_category is None or t["to_category"] == page.to_category)
        )

    selected = sum(t["count"] for t in transitions if chosen(t))
    listed_rows = sorted((r for r in found if r.part == "r"), key=lambda r: r.opportunity_id)
    return totals, _page_rows(listed_rows), selected


def _page_rows(found: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "opportunity_id": r.opportunity_id,
            "opportunity": r.opportunity,
            "movement": r.movement,
            "from_category": r.from_category,
            "to_category": r.to_category,
            "from_quarter": _quarter(r.old_close),
            "to_quarter": _quarter(r.new_close),
            "arr_before": _amount(r.arr_before),
            "arr_after": _amount(r.arr_after),
            "owner_id": r.owner_id,
        }
        for r in found
    ]
