"""The records behind a report's number (issue 18: "every number links to the records").

``records(session, name, filters, scope, key, now)`` lists the opportunities, lead tasks
or MRR changes counted in one row of a report (``key``: that row's identifying values,
e.g. quarter + category + owner for V-1), with the same filters and U-2 scope; at most
``LIMIT`` of them, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, MrrChange
from salesops.core.errors import ValidationFailed
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.reports import deals, forecast, leads, registry
from salesops.reports.common import Filters, Scope, day_start, quarter_label
from salesops.reports.revenue import default_period
from salesops.tasks.models import Task

LIMIT = 200
KEYS: dict[str, tuple[str, ...]] = {
    "forecast": ("quarter", "category", "owner_id"),
    "pipeline": ("pipeline", "stage"),
    "funnel": ("lead_source", "stage"),
    "disqualifications": ("reason", "lead_source", "owner_id"),
    "speed-to-lead": ("owner_id",),
    "revenue": ("month",),
    "quota": ("owner_id", "self_serve"),
}


@dataclass(frozen=True)
class Record:
    kind: str  # opportunity | task | account
    id: int
    label: str
    detail: str

    @property
    def href(self) -> str:
        return {"opportunity": "/opportunities/", "task": "/tasks/", "account": "/accounts/"}[
            self.kind
        ] + str(self.id)


def _owner(value: Any) -> int | None:
    if value in (None, "", "none"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationFailed("owner_id must be a number", field="owner_id") from None


def _same_owner(column: Any, key: dict[str, Any]) -> Any:
    owner = _owner(key.get("owner_id"))
    return column.is_(None) if owner is None else column == owner


def records(
    session: Session,
    name: str,
    filters: Filters,
    scope: Scope,
    key: dict[str, Any],
    now: datetime,
) -> list[Record]:
    """The records counted in one row of report ``name`` (V-1 … V-7)."""
    report = registry.get_report(name)
    if report.quarter_default and not (filters.start and filters.end):
        from salesops.opportunities.forecast import quarter_of

        q = quarter_of(now.date())
        filters = filters.with_period(q.start, q.end - timedelta(days=1))
    if name in ("forecast", "pipeline"):
        return _deals(session, name, filters, scope, key, now)
    if name == "quota":
        return _won(session, filters, scope, key)
    if name == "revenue":
        return _mrr(session, filters, scope, key, now)
    return _tasks(session, name, filters, scope, key)


def _deals(
    session: Session, name: str, filters: Filters, scope: Scope, key: dict[str, Any], now: datetime
) -> list[Record]:
    deal = deals.state_at(filters.as_of)
    query = deals.joined(
        select(
            Opportunity.id, Opportunity.name, deal.c.amount, deal.c.stage, deal.c.close_date
        ).select_from(deal),
        deal,
    )
    if name == "forecast":
        start, end = forecast.window(filters, (filters.as_of or now).date())
        default = playbook_of(session).opportunities.default_forecast_category
        query = query.where(
            deal.c.close_date >= start,
            deal.c.close_date < end,
            quarter_label(session, deal.c.close_date) == key.get("quarter"),
            func.coalesce(deal.c.forecast_category, default) == key.get("category"),
            _same_owner(deal.c.owner_id, key),
        )
    else:
        query = query.where(
            deal.c.pipeline == key.get("pipeline"), deal.c.stage == key.get("stage")
        )
        if filters.start:
            query = query.where(deal.c.close_date >= filters.start)
        if filters.end_exclusive:
            query = query.where(deal.c.close_date < filters.end_exclusive)
    query = deals.restrict(query, deal, filters, scope).order_by(Opportunity.id.desc()).limit(LIMIT)
    return [
        Record("opportunity", r.id, r.name, f"${r.amount:,.0f} · {r.stage} · closes {r.close_date}")
        for r in session.execute(query)
    ]


def _won(session: Session, filters: Filters, scope: Scope, key: dict[str, Any]) -> list[Record]:
    assert filters.start and filters.end_exclusive
    query = (
        select(
            Opportunity.id,
            Opportunity.name,
            Opportunity.amount,
            Opportunity.won_at,
            Opportunity.self_serve_post_engagement,
        )
        .join(Account, Account.id == Opportunity.account_id)
        .where(
            Opportunity.is_won.is_(True),
            Opportunity.won_at >= day_start(filters.start),
            Opportunity.won_at < day_start(filters.end_exclusive),
            _same_owner(Opportunity.owner_id, key),
        )
    )
    if key.get("self_serve") in ("0", "1"):
        query = query.where(Opportunity.self_serve_post_engagement.is_(key["self_serve"] == "1"))
    if filters.territory:
        query = query.where(Account.territory == filters.territory)
    if filters.lead_source:
        query = query.where(Opportunity.lead_source == filters.lead_source)
    clause = scope.clause(Opportunity.owner_id, Account.territory)
    if clause is not None:
        query = query.where(clause)
    rows = session.execute(query.order_by(Opportunity.won_at.desc()).limit(LIMIT))
    return [
        Record(
            "opportunity",
            r.id,
            r.name,
            f"${r.amount:,.0f} won {r.won_at:%Y-%m-%d}"
            + (" · self serve – post engagement (Q-9)" if r.self_serve_post_engagement else ""),
        )
        for r in rows
    ]


def _mrr(
    session: Session, filters: Filters, scope: Scope, key: dict[str, Any], now: datetime
) -> list[Record]:
    month = str(key.get("month") or "")
    try:
        first = date.fromisoformat(month + "-01")
    except ValueError:
        first = default_period(now.date())[0]
    nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    query = (
        select(
            Account.id,
            Account.name,
            MrrChange.effective_on,
            MrrChange.mrr_before,
            MrrChange.mrr_after,
        )
        .join(Account, Account.id == MrrChange.account_id)
        .where(MrrChange.effective_on >= first, MrrChange.effective_on < nxt)
    )
    if filters.owner_id is not None:
        query = query.where(Account.owner_id == filters.owner_id)
    if filters.territory:
        query = query.where(Account.territory == filters.territory)
    clause = scope.clause(Account.owner_id, Account.territory)
    if clause is not None:
        query = query.where(clause)
    rows = session.execute(
        query.order_by(MrrChange.effective_on.desc(), MrrChange.id.desc()).limit(LIMIT)
    )
    return [
        Record(
            "account",
            r.id,
            r.name,
            f"MRR ${r.mrr_before:,.0f} → ${r.mrr_after:,.0f} on {r.effective_on}",
        )
        for r in rows
    ]


def _tasks(
    session: Session, name: str, filters: Filters, scope: Scope, key: dict[str, Any]
) -> list[Record]:
    when = Task.closed_at if name == "disqualifications" else Task.created_at
    query = leads.lead_tasks(
        select(
            Task.id,
            Task.title,
            Task.lead_source,
            Task.status,
            Task.created_at,
            Task.disqualification_reason,
        ),
        filters,
        scope,
        when,
    )
    if name == "funnel":
        query = query.where(Task.lead_source == key.get("lead_source"))
        if key.get("stage") in ("opportunities", "won"):
            query = query.join(Opportunity, Opportunity.id == Task.opportunity_id)
            if key["stage"] == "won":
                query = query.where(Opportunity.is_won.is_(True))
    elif name == "disqualifications":
        query = query.where(
            Task.status == "Unqualified",
            Task.disqualification_reason == key.get("reason"),
            Task.lead_source == key.get("lead_source"),
            _same_owner(Task.owner_id, key),
        )
    else:
        query = query.where(_same_owner(Task.owner_id, key))
    rows = session.execute(query.order_by(Task.created_at.desc()).limit(LIMIT))
    return [
        Record(
            "task",
            r.id,
            r.title or f"Task {r.id}",
            f"{r.lead_source} · {r.status}"
            + (f" ({r.disqualification_reason})" if r.disqualification_reason else "")
            + f" · created {r.created_at:%Y-%m-%d %H:%M}",
        )
        for r in rows
    ]
