"""Reports over HTTP (V-1 … V-7): stable paths for external dashboards.

``GET /api/v1/reports/<name>`` answers ``{"rows": [...], "totals": {...}, "as_of": ...}``;
``?format=csv`` answers ``text/csv`` whose header is the row keys. Sales users get their
own and their territories' rows, admins and viewers everything (U-2).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from salesops.reports import forecast, registry
from salesops.reports.common import Filters, Result, parse_day, parse_moment, scope_of
from salesops.users.http import Ctx, CtxDep

router = APIRouter(tags=["reports"])

Format = Literal["json", "csv"]


def filters_from(
    as_of: Annotated[
        str | None,
        Query(description="a date (its end of day) or an ISO timestamp, UTC; V-1 and V-2"),
    ] = None,
    start: Annotated[
        str | None, Query(alias="from", description="first day of the period (YYYY-MM-DD)")
    ] = None,
    end: Annotated[
        str | None, Query(alias="to", description="last day of the period, included")
    ] = None,
    owner_id: int | None = None,
    territory: Annotated[str | None, Query(max_length=80)] = None,
    lead_source: Annotated[str | None, Query(max_length=60)] = None,
) -> Filters:
    return Filters(
        start=parse_day(start, "from"),
        end=parse_day(end, "to"),
        as_of=parse_moment(as_of),
        owner_id=owner_id,
        territory=territory or None,
        lead_source=lead_source or None,
    )


FiltersDep = Annotated[Filters, Depends(filters_from)]


def answer(result: Result, fmt: str, name: str) -> Response:
    if fmt == "csv":
        return Response(
            result.as_csv(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    return JSONResponse(result.as_json())


def run_report(ctx: Ctx, name: str, filters: Filters) -> Result:
    now = ctx.now()
    with ctx.uow(readonly=True) as s:
        return registry.run(s, name, filters, scope_of(s, ctx.user), now)


def _route(name: str) -> Callable[..., Response]:
    def endpoint(ctx: CtxDep, filters: FiltersDep, format: Format = "json") -> Response:  # noqa: A002
        return answer(run_report(ctx, name, filters), format, name)

    return endpoint


RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "rows, totals and as_of (JSON), or CSV with ?format=csv",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/csv": {"schema": {"type": "string"}},
        },
    }
}


@router.get(
    "/reports/forecast/movements",
    summary="V-1: what moved into, out of, up or down the forecast between two moments",
    response_class=Response,
    responses=RESPONSES,
)
def forecast_movements(ctx: CtxDep, filters: FiltersDep, format: Format = "json") -> Response:  # noqa: A002
    """``from`` and ``to`` are the two moments (dates mean their end of day; ``to``
    defaults to now); the window is the quarter of ``to`` and the next one. ``totals``
    count every moved deal (per kind and per category transition); ``rows`` are one page
    of them: ``movement``, ``from_category``, ``to_category`` choose which, ``offset``
    and ``limit`` (default 1000, at most 10000) the page; ``page.next_offset`` the next."""
    from salesops.core.errors import ValidationFailed
    from salesops.reports.movements import page_of

    request = ctx.request
    before = parse_moment(request.query_params.get("from"), "from")
    after = parse_moment(request.query_params.get("to"), "to") or ctx.now()
    if before is None:
        raise ValidationFailed("from (the earlier moment) is required", field="from", rule="V-1")
    after = registry.not_after(after, ctx.now(), "to")
    before = registry.not_after(before, ctx.now(), "from")
    if before > after:
        raise ValidationFailed("from is after to", field="from", rule="V-1")
    window = Filters(
        owner_id=filters.owner_id, territory=filters.territory, lead_source=filters.lead_source
    )
    page = page_of(request.query_params, default_limit=1000)
    with ctx.uow(readonly=True) as s:
        result = forecast.movements(s, window, scope_of(s, ctx.user), before, after, page)
    return answer(result, format, "forecast-movements")


for _report in registry.REPORTS.values():
    router.add_api_route(
        f"/reports/{_report.name}",
        _route(_report.name),
        methods=["GET"],
        summary=f"{_report.rule} {_report.title}: {_report.description}",
        response_class=Response,
        responses=RESPONSES,
        name=f"report_{_report.name.replace('-', '_')}",
    )
