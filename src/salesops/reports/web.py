"""The reports as pages (V-1 … V-7): filters, a Chart.js chart, the table, and every number
linking to the records behind it. Same ``registry.run`` as the API and the CLI; a sales
user sees their own and their territories' rows (U-2).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.core.errors import DomainError
from salesops.playbook.runtime import playbook_of
from salesops.reports import forecast, registry
from salesops.reports.common import (
    FIELD_WORDS,
    Filters,
    Result,
    jsonable,
    parse_day,
    parse_moment,
    scope_of,
)
from salesops.reports.movements import page_of
from salesops.reports.records import KEYS, records
from salesops.routing.models import Territory
from salesops.users.http import Ctx
from salesops.users.models import User
from salesops.web.common import WebCtx, render

router = APIRouter(include_in_schema=False)

# Which numeric columns link to which records (extra key values for the drill-down).
LINKS: dict[str, dict[str, dict[str, str]]] = {
    "forecast": {"arr": {}, "count": {}},
    "pipeline": {"count": {}, "arr": {}, "weighted_arr": {}},
    "funnel": {
        "tasks": {"stage": "tasks"},
        "opportunities": {"stage": "opportunities"},
        "won": {"stage": "won"},
    },
    "disqualifications": {"count": {}},
    "speed-to-lead": {"tasks": {}, "reassigned": {}, "autoclosed": {}},
    "revenue": {"mrr": {}, "new": {}, "expansion": {}, "contraction": {}, "churned": {}},
    "quota": {
        "won_arr": {"self_serve": "0"},
        "won_count": {"self_serve": "0"},
        "excluded_self_serve_arr": {"self_serve": "1"},
    },
}
MONEY = {
    "arr",
    "weighted_arr",
    "mrr",
    "new",
    "expansion",
    "contraction",
    "churned",
    "won_arr",
    "excluded_self_serve_arr",
    "quota",
    "arr_before",
    "arr_after",
}
RATES = {
    "task_to_opportunity_rate",
    "opportunity_to_won_rate",
    "share_within_24h",
    "nrr",
    "attainment",
}


def _filters(params: dict[str, str]) -> Filters:
    owner = params.get("owner_id") or ""
    return Filters(
        start=parse_day(params.get("from"), "from"),
        end=parse_day(params.get("to"), "to"),
        as_of=parse_moment(params.get("as_of")),
        owner_id=int(owner) if owner.isdigit() else None,
        territory=params.get("territory") or None,
        lead_source=params.get("lead_source") or None,
    )


# The filter fields as the page labels them: an error names what the user sees.
LABELS = {"from": "From", "to": "To", "as_of": "As of", "compare": "Compare with"}


def _worded(exc: DomainError) -> str:
    """The API's message with its query parameter named by the filter's label."""
    label = LABELS.get(exc.field or "")
    if label:  # the API names "as_of (the moment the report is as of)"; the page its label
        for named in (FIELD_WORDS.get(exc.field or ""), exc.field):
            if named and exc.detail.startswith(f"{named} "):
                return f"{label}{exc.detail[len(named) :]}"
    return exc.detail


def _query(params: dict[str, str]) -> str:
    keep = ("from", "to", "as_of", "owner_id", "territory", "lead_source")
    return urlencode({k: params[k] for k in keep if params.get(k)})


def drill(params: dict[str, str], **choice: Any) -> str:
    """The forecast page's query for one slice of the movements (V-1 drill-down): the
    report's filters and ``compare``, and ``movement`` / categories / ``offset``."""
    query = {k: v for k, v in params.items() if k in ("compare",) and v}
    query.update({k: str(v) for k, v in choice.items() if v is not None})
    base = _query(params)
    extra = urlencode(query)
    return "?" + "&".join(part for part in (base, extra) if part)


def chart_of(report: registry.Report, result: Result) -> dict[str, Any]:
    """Chart.js data: one bar (or line, for revenue) per label; one dataset per series."""
    label_key, value_key, series_key = report.chart
    labels: list[str] = []
    series: dict[str, dict[str, float]] = {}
    for row in result.rows:  # the report's rows, already grouped by SQL
        label = str(row.get(label_key) if row.get(label_key) is not None else "—")
        if label not in labels:
            labels.append(label)
        name = str(row.get(series_key)) if series_key else report.title
        cell = series.setdefault(name, {})
        cell[label] = cell.get(label, 0.0) + float(row.get(value_key) or 0)
    if report.name == "forecast":
        order = result.extra.get("categories", [])
        series = {k: series[k] for k in order if k in series}
    return {
        "type": "line" if report.name == "revenue" else "bar",
        "stacked": bool(series_key),
        "labels": labels,
        "title": f"{report.title}: {value_key.replace('_', ' ')}",
        "datasets": [
            {"label": name, "data": [values.get(label, 0.0) for label in labels]}
            for name, values in series.items()
        ],
    }


def _options(ctx: Ctx, s: Any) -> dict[str, Any]:
    pb = playbook_of(s)
    owners = [
        (u.id, u.name or u.email)
        for u in s.scalars(select(User).where(User.role != "viewer").order_by(User.name, User.id))
    ]
    return {
        "owners": owners,
        "territories": list(s.scalars(select(Territory.name).order_by(Territory.name))),
        "lead_sources": list(pb.tasks.lead_sources),
    }


@router.get("/reports", response_class=HTMLResponse)
def index(ctx: WebCtx) -> Response:
    """The reports (V-1 … V-7)."""
    return render(ctx.request, "reports/index.html", ctx=ctx, reports=registry.REPORTS)


@router.get("/reports/{name}", response_class=HTMLResponse)
def report_page(ctx: WebCtx, name: str) -> Response:
    """One report with filters, a chart and its table; numbers link to their records."""
    params = dict(ctx.request.query_params)
    status, error = 200, None
    report = registry.REPORTS.get(name)
    if report is None:
        return render(
            ctx.request,
            "reports/index.html",
            ctx=ctx,
            reports=registry.REPORTS,
            status_code=404,
            error=f"unknown report {name!r}",
        )
    now = ctx.now()
    result: Result | None = None
    moved: Result | None = None
    with ctx.uow(readonly=True) as s:
        options = _options(ctx, s)
        try:
            filters = _filters(params)
            scope = scope_of(s, ctx.user)
            result = registry.run(s, name, filters, scope, now)
            compare = parse_moment(params.get("compare"), "compare")
            if name == "forecast" and compare is not None:
                after = filters.as_of or now
                if compare > after:
                    compare, after = after, compare
                window = Filters(
                    owner_id=filters.owner_id,
                    territory=filters.territory,
                    lead_source=filters.lead_source,
                )
                page = page_of(params, default_limit=50)
                moved = forecast.movements(s, window, scope, compare, after, page)
        except DomainError as exc:
            status, error = exc.status, _worded(exc)
    return render(
        ctx.request,
        "reports/report.html",
        ctx=ctx,
        status_code=status,
        error=error,
        report=report,
        result=result,
        moved=moved,
        drill=drill,
        params=params,
        query=_query(params),
        keys=KEYS[name],
        links=LINKS.get(name, {}),
        money_cols=MONEY,
        rate_cols=RATES,
        chart=json.dumps(chart_of(report, result)) if result else "null",
        today=now.date(),
        default_compare=(now - timedelta(days=7)).date().isoformat(),
        **options,
    )


@router.get("/reports/{name}/records", response_class=HTMLResponse)
def records_page(ctx: WebCtx, name: str) -> Response:
    """The records behind one number of a report."""
    params = dict(ctx.request.query_params)
    status, error, found = 200, None, []
    report = registry.REPORTS.get(name)
    with ctx.uow(readonly=True) as s:
        try:
            registry.get_report(name)
            filters = _filters(params)
            key = {k: params.get(k) for k in (*KEYS.get(name, ()), "stage", "self_serve")}
            found = records(s, name, filters, scope_of(s, ctx.user), key, ctx.now())
        except DomainError as exc:
            status, error = exc.status, _worded(exc)
    described = ", ".join(
        f"{k.replace('_', ' ')} {v}" for k, v in params.items() if v and k in KEYS.get(name, ())
    )
    return render(
        ctx.request,
        "reports/records.html",
        ctx=ctx,
        status_code=status,
        error=error,
        report=report,
        report_name=name,
        described=described,
        records=found,
        back=f"/reports/{name}?{_query(params)}",
        jsonable=jsonable,
    )
