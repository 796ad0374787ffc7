"""The reports (V-1 … V-7) by their stable names: what the API, the pages and the CLI run.

``run(session, name, filters, user_or_scope, now)`` applies the report's default period
(V-3, V-4, V-5: this quarter; V-6: the last twelve months; V-7: this quarter) and the
U-2 scope, and returns the ``Result``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from salesops.core.errors import NotFound, ValidationFailed
from salesops.opportunities.forecast import quarter_of
from salesops.reports import forecast, leads, pipeline, quota, revenue
from salesops.reports.common import PERIOD_BACKWARDS, Filters, Result, Scope, check_period

Runner = Callable[[Session, Filters, Scope, datetime], Result]


@dataclass(frozen=True)
class Report:
    name: str
    rule: str
    title: str
    description: str
    run: Runner
    as_of: bool = False  # answers "as of a past moment"
    quarter_default: bool = False  # no period given: this quarter
    chart: tuple[str, str, str] = ("", "", "")  # (label key, value key, series key)


REPORTS: dict[str, Report] = {
    r.name: r
    for r in (
        Report(
            "forecast",
            "V-1",
            "Forecast",
            "ARR and count by close-date quarter, forecast category and owner; as of any "
            "past moment.",
            forecast.forecast,
            as_of=True,
            chart=("quarter", "arr", "category"),
        ),
        Report(
            "pipeline",
            "V-2",
            "Pipeline",
            "Count, ARR and probability-weighted ARR per stage.",
            pipeline.pipeline,
            as_of=True,
            chart=("stage", "arr", ""),
        ),
        Report(
            "funnel",
            "V-3",
            "Funnel",
            "Lead tasks → opportunities → won by lead source, with rates and median days.",
            leads.funnel,
            quarter_default=True,
            chart=("lead_source", "tasks", ""),
        ),
        Report(
            "disqualifications",
            "V-4",
            "Disqualifications",
            "Disqualified lead tasks by category and reason, lead source and owner.",
            leads.disqualifications,
            quarter_default=True,
            chart=("reason", "count", ""),
        ),
        Report(
            "speed-to-lead",
            "V-5",
            "Speed to lead",
            "Time to first touch, share within 24 hours, reassigned and auto-closed counts "
            "per owner.",
            leads.speed_to_lead,
            quarter_default=True,
            chart=("owner", "median_hours_to_first_touch", ""),
        ),
        Report(
            "revenue",
            "V-6",
            "Revenue",
            "MRR per month with new, expansion, contraction and churn, and NRR.",
            revenue.revenue,
            chart=("month", "mrr", ""),
        ),
        Report(
            "quota",
            "V-7",
            "Quota retirement",
            "Won ARR per owner against quota; self-serve post-engagement deals count for "
            "nobody (Q-9).",
            quota.quota,
            quarter_default=True,
            chart=("owner", "won_arr", ""),
        ),
    )
}


def not_after(moment: datetime, now: datetime, field: str) -> datetime:
    """A moment later today means now; a later day is refused (there is no future yet)."""
    if moment <= now:
        return moment
    if moment.date() <= now.date():
        return now
    raise ValidationFailed(f"{field} cannot be in the future", field=field, rule="V-1")


def get_report(name: str) -> Report:
    report = REPORTS.get(name)
    if report is None:
        raise NotFound(
            f"unknown report {name!r}; one of: {', '.join(REPORTS)}", field="name", rule="V-1"
        )
    return report


def run(session: Session, name: str, filters: Filters, scope: Scope, now: datetime) -> Result:
    """Run report ``name`` (V-1 … V-7) with its default period, for ``scope`` (U-2)."""
    report = get_report(name)
    check_period(filters)
    if filters.as_of is not None:
        if not report.as_of:
            raise ValidationFailed(f"the {name} report has no as_of", field="as_of")
        filters = replace(filters, as_of=not_after(filters.as_of, now, "as_of"))
    if report.quarter_default:
        q = quarter_of(now.date())
        filters = filters.with_period(q.start, q.end - timedelta(days=1))
        if filters.end and filters.start and filters.end < filters.start:
            raise ValidationFailed(PERIOD_BACKWARDS, field="to")
    return report.run(session, filters, scope, now)
