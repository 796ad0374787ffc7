"""``salesops import salesforce|hubspot|csv|salesops`` and ``salesops export`` (issue 19). Thin:
each command calls one function of ``salesops.flows.imports``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from salesops.core.config import Settings
from salesops.core.errors import DomainError
from salesops.playbook.runtime import Runtime
from salesops.reports import rollups  # noqa: F401  (the rollups' commit hook, issue 18)
from salesops.tables import load_all

if TYPE_CHECKING:
    from salesops.flows.imports.service import Options

console = Console()
err = Console(stderr=True, soft_wrap=True)

DryRun = Annotated[bool, typer.Option("--dry-run", help="write nothing; print what would happen")]
MappingOpt = Annotated[
    Path | None, typer.Option("--mapping", help="a YAML/JSON mapping file (picklists → playbook)")
]
RouteOpt = Annotated[
    bool,
    typer.Option(
        "--route-unowned",
        help="route unowned open leads through round robin and put owned ones on the stale clock",
    ),
]
ErrorsOpt = Annotated[
    Path, typer.Option("--errors", help="where bad rows are written (file, line, reason)")
]


QuietOpt = Annotated[bool, typer.Option("--quiet", help="no progress bar")]


def _run(
    call: Callable[[Options], Any],
    *,
    dry_run: bool,
    route_unowned: bool,
    mapping: Path | None,
    errors: Path,
    quiet: bool,
) -> None:
    """One import: its options, a progress bar with ETA on a terminal, the report printed."""
    from salesops.flows.imports.service import Options

    opts = Options(dry_run=dry_run, route_unowned=route_unowned, mapping=mapping, errors=errors)
    try:
        if quiet or not console.is_terminal:
            report = call(opts)
        else:
            with Progress(
                TextColumn("[bold]importing"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=err,
            ) as bar:
                task = bar.add_task("import", total=None)
                opts.progress = lambda done, total: bar.update(task, completed=done, total=total)
                report = call(opts)
    except DomainError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    for line in report.lines():
        typer.echo(line)


def register(app: typer.Typer) -> None:
    imp = typer.Typer(
        help="Bring records in from Salesforce, HubSpot, CSV or a salesops export.",
        no_args_is_help=True,
    )
    app.add_typer(imp, name="import")

    def rt() -> Runtime:
        load_all()  # every domain's tables: export and restore walk them all
        return Runtime(Settings())

    @imp.command("salesforce")
    def salesforce(
        folder: Annotated[Path, typer.Argument(help="the unzipped Data Export folder")],
        dry_run: DryRun = False,
        mapping: MappingOpt = None,
        route_unowned: RouteOpt = False,
        errors: ErrorsOpt = Path("import-errors.csv"),
        quiet: QuietOpt = False,
    ) -> None:
        """Import a Salesforce Data Export (User, Account, Contact, Lead, Opportunity, … .csv)."""
        from salesops.flows.imports.service import import_salesforce

        r = rt()
        _run(
            lambda o: import_salesforce(r, folder, o),
            dry_run=dry_run,
            route_unowned=route_unowned,
            mapping=mapping,
            errors=errors,
            quiet=quiet,
        )

    @imp.command("hubspot")
    def hubspot(
        companies: Annotated[
            Path | None, typer.Option("--companies", help="companies export (CSV or XLSX)")
        ] = None,
        contacts: Annotated[Path | None, typer.Option("--contacts", help="contacts export")] = None,
        deals: Annotated[Path | None, typer.Option("--deals", help="deals export")] = None,
        dry_run: DryRun = False,
        mapping: MappingOpt = None,
        route_unowned: RouteOpt = False,
        errors: ErrorsOpt = Path("import-errors.csv"),
        quiet: QuietOpt = False,
    ) -> None:
        """Import HubSpot export files (display-name headers, CSV or XLSX)."""
        from salesops.flows.imports.service import import_hubspot

        r = rt()
        _run(
            lambda o: import_hubspot(r, o, companies=companies, contacts=contacts, deals=deals),
            dry_run=dry_run,
            route_unowned=route_unowned,
            mapping=mapping,
            errors=errors,
            quiet=quiet,
        )

    @imp.command("csv")
    def generic(
        object_name: Annotated[
            str, typer.Argument(help="accounts | contacts | leads | opportunities")
        ],
        path: Annotated[Path, typer.Argument(help="the CSV (or XLSX) file")],
        columns: Annotated[
            Path, typer.Option("--columns", help="YAML/JSON: field → column header")
        ],
        dry_run: DryRun = False,
        mapping: MappingOpt = None,
        route_unowned: RouteOpt = False,
        errors: ErrorsOpt = Path("import-errors.csv"),
        quiet: QuietOpt = False,
    ) -> None:
        """Import one object from any CSV, with a column mapping file."""
        from salesops.flows.imports.service import import_generic

        r = rt()
        _run(
            lambda o: import_generic(r, o, object_name=object_name, path=path, columns=columns),
            dry_run=dry_run,
            route_unowned=route_unowned,
            mapping=mapping,
            errors=errors,
            quiet=quiet,
        )

    @imp.command("salesops")
    def restore(
        folder: Annotated[Path, typer.Argument(help="a folder written by `salesops export`")],
    ) -> None:
        """Restore a salesops export into an empty database (e.g. SQLite → PostgreSQL)."""
        from salesops.flows.imports.dump import restore as do_restore

        r = rt()
        try:
            counts = do_restore(r, folder)
        except DomainError as exc:
            err.print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(2) from exc
        for table, n in counts.items():
            typer.echo(f"{table:<32}{n:>10}")
        typer.echo(f"restored {sum(counts.values())} rows from {folder}")

    @app.command("export")
    def export(
        folder: Annotated[
            Path, typer.Argument(help="where to write the CSV files and manifest.json")
        ],
    ) -> None:
        """Write every object as CSV plus a JSON manifest (restore: `salesops import salesops`)."""
        from salesops.flows.imports.dump import export as do_export

        r = rt()
        manifest = do_export(r, folder)
        for table, n in manifest["counts"].items():
            typer.echo(f"{table:<32}{n:>10}")
        typer.echo(f"exported {sum(manifest['counts'].values())} rows to {folder}")
