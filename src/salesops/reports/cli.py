"""``salesops report NAME`` (V-1 … V-7): the same rows as the API, as a table, CSV or JSON.

``salesops report forecast --as-of 2026-02-01``; ``salesops report funnel --from 2026-01-01
--to 2026-03-31 --format csv``. Runs with everything in view, or as a user (``--as``: U-2).
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from salesops.core import clock
from salesops.core.errors import DomainError


def register(app: typer.Typer) -> None:
    import salesops.cli as root
    from salesops.cli import console, fail

    @app.command("report")
    def report(
        name: Annotated[
            str,
            typer.Argument(
                help="forecast, forecast-movements, pipeline, funnel, disqualifications, "
                "speed-to-lead, revenue or quota"
            ),
        ],
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="a date or ISO timestamp (V-1, V-2)")
        ] = None,
        start: Annotated[str | None, typer.Option("--from", help="first day (YYYY-MM-DD)")] = None,
        end: Annotated[str | None, typer.Option("--to", help="last day, included")] = None,
        owner_id: Annotated[int | None, typer.Option("--owner", help="owner's user id")] = None,
        territory: Annotated[str | None, typer.Option("--territory")] = None,
        lead_source: Annotated[str | None, typer.Option("--lead-source")] = None,
        fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
        as_user: Annotated[
            str | None, typer.Option("--as", help="see only what this user sees (U-2)")
        ] = None,
    ) -> None:
        """A report (V-1 … V-7): the API's rows and totals."""
        from salesops.reports import forecast, registry
        from salesops.reports.common import (
            EVERYTHING,
            Filters,
            parse_day,
            parse_moment,
            scope_of,
        )
        from salesops.reports.movements import Page
        from salesops.users import service as users

        if fmt not in ("table", "csv", "json"):
            fail("--format must be table, csv or json")
        rt = root.runtime()
        now = clock.now()
        try:
            with rt.uow(readonly=True) as s:
                scope = scope_of(s, users.get_user_by_email(s, as_user)) if as_user else EVERYTHING
                if name == "forecast-movements":
                    before = parse_moment(start, "from")
                    after = parse_moment(end, "to") or now
                    if before is None:
                        fail("forecast-movements needs --from (the earlier moment)")
                        return
                    window = Filters(
                        owner_id=owner_id, territory=territory, lead_source=lead_source
                    )
                    # the API's default page (V-1 drill-down): the same rows
                    page = Page(limit=1000)
                    result = forecast.movements(s, window, scope, before, after, page)
                else:
                    filters = Filters(
                        start=parse_day(start, "from"),
                        end=parse_day(end, "to"),
                        as_of=parse_moment(as_of),
                        owner_id=owner_id,
                        territory=territory,
                        lead_source=lead_source,
                    )
                    result = registry.run(s, name, filters, scope, now)
        except DomainError as exc:
            fail(exc.detail)
            return
        if fmt == "csv":
            sys.stdout.write(result.as_csv())
        elif fmt == "json":
            sys.stdout.write(json.dumps(result.as_json(), indent=2) + "\n")
        else:
            from rich.console import Console
            from rich.measure import Measurement
            from rich.table import Table

            from salesops.reports.common import csv_cell

            table = Table(title=f"{name} · as of {result.as_of.isoformat(timespec='seconds')}")
            for column in result.columns:
                table.add_column(column)
            for row in result.rows:
                table.add_row(*(csv_cell(row.get(c)) for c in result.columns))
            # never cut a header or a number to fit 80 columns (qa18): as wide as it needs
            wide = Measurement.get(console, console.options.update_width(10_000), table).maximum
            Console(width=max(console.width, wide)).print(table)
            flat = {k: v for k, v in result.as_json()["totals"].items()}
            console.print("totals: " + json.dumps(flat))
