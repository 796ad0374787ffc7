"""The ``salesops`` command. Thin: parse arguments, open a unit of work, call a service."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from salesops.core import clock
from salesops.core.config import Settings
from salesops.core.errors import DomainError
from salesops.core.limits import REPLAY_MAX_DAYS
from salesops.playbook.runtime import Runtime
from salesops.users.cli import ActorOption, audited_uow

app = typer.Typer(
    help="salesops — a self-hosted sales-operations CRM.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
users_app = typer.Typer(help="Users and roles (U-2).", no_args_is_help=True)
playbook_app = typer.Typer(help="The playbook file (P-1, P-2).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(playbook_app, name="playbook")

console = Console()
err = Console(stderr=True)

# Domains that add their own commands expose ``register(app: typer.Typer)``.
CLI_MODULES: list[str] = [
    "salesops.users.cli",
    "salesops.flows.cli",  # users deactivate
    "salesops.demo",
    "salesops.routing.cli",
    "salesops.intake.cli",
    "salesops.scoring.cli",
    "salesops.opportunities.cli",
    "salesops.reports.cli",
    "salesops.imports_cli",
]


def runtime() -> Runtime:
    return Runtime(Settings())


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def prepared(rt: Runtime, *, migrate: bool = True) -> int:
    """``prepare`` (migrations, secrets, playbook), refusing a weak secret in words."""
    from salesops.core.secretstore import SecretError
    from salesops.flows.bootstrap import prepare

    try:
        return prepare(rt, migrate=migrate)
    except SecretError as exc:
        fail(str(exc))
    except DomainError as exc:  # the configured playbook is invalid or orphans records (P-2)
        fail(str(exc.detail))
    raise AssertionError("unreachable")


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes")] = 1,
    migrate: Annotated[bool, typer.Option(help="apply migrations first")] = True,
    smtp: Annotated[
        bool, typer.Option(help="also run the sales-inbox SMTP listener (SALESOPS_SMTP_PORT)")
    ] = False,
) -> None:
    """Serve the web app and API (migrates and activates the playbook first)."""
    import uvicorn

    rt = runtime()
    version = prepared(rt, migrate=migrate)
    console.print(
        f"salesops on http://{host}:{port}  database: {rt.db.backend}  playbook v{version}"
    )
    if smtp:
        from salesops.smtp import start_smtp

        start_smtp(rt, rt.settings.smtp_host, rt.settings.smtp_port)  # a daemon thread
        console.print(f"SMTP intake on {rt.settings.smtp_host}:{rt.settings.smtp_port}")
    else:
        rt.close()
    uvicorn.run(
        "salesops.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        proxy_headers=True,
    )


@app.command()
def worker(
    once: Annotated[bool, typer.Option(help="process what is due, then exit")] = False,
    worker_id: Annotated[str | None, typer.Option("--id", help="name in job locks")] = None,
    lanes: Annotated[
        str,
        typer.Option(
            help="delivery lanes to run: all, none, or channels separated by commas "
            "(e.g. notify_email,slack_dm: the notifications' own worker)"
        ),
    ] = "all",
    passes: Annotated[
        bool,
        typer.Option(
            "--passes/--no-passes",
            help="run schedules, jobs, the lead pipeline, imports and mailbox syncs "
            "(--no-passes: a deliveries-only worker)",
        ),
    ] = True,
) -> None:
    """Run background jobs, scheduled automations and outbound deliveries. Any number of
    workers may run against one database (claims are leases); see docs/operations.md
    "Scaling the worker" for splitting the lanes and the pass between them."""
    from salesops.core.secretstore import SecretError, check_given
    from salesops.worker import Worker, lane_names

    rt = runtime()
    try:
        check_given(rt.settings)  # a weak secret refuses here too (issue 13)
        chosen = lane_names(lanes)
    except (SecretError, ValueError) as exc:
        fail(str(exc))
    if not passes and chosen == frozenset():
        fail("--lanes none --no-passes leaves the worker nothing to do")
    w = Worker(rt, worker_id=worker_id, lanes=chosen, passes=passes)
    if once:
        n = w.drain()
        console.print(f"processed {n} item(s)")
    else:
        w.handle_signals()
        console.print(f"worker {w.worker_id} started on {rt.db.backend}; Ctrl-C to stop")
        w.run_forever()
        console.print(f"worker {w.worker_id} stopped")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply migrations, resolve the secrets, activate the playbook and sync territories."""
    rt = runtime()
    version = prepared(rt)
    console.print(f"database {rt.db.backend} is up to date; playbook v{version}")


@users_app.command("add")
def users_add(
    email: str,
    role: Annotated[str, typer.Option(help="admin, sales or viewer")] = "sales",
    territory: Annotated[list[str] | None, typer.Option(help="territory name (repeatable)")] = None,
    name: str = "",
    password: Annotated[
        str | None, typer.Option(help="password for web login (prompted if omitted)")
    ] = None,
    no_password: Annotated[bool, typer.Option(help="API-token-only user")] = False,
    actor: ActorOption = None,
) -> None:
    """Add a user, optionally to territories' round robin."""
    from salesops.routing.territories import add_member, get_territory_by_name
    from salesops.users import service

    if password is None and not no_password:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    rt = runtime()
    try:
        with audited_uow(rt, actor) as (s, admin):
            user = service.create_user(
                s, email=email, role=role, name=name, password=password, now=clock.now()
            )
            for tname in territory or []:
                add_member(s, admin, get_territory_by_name(s, tname), user, now=clock.now())
            console.print(f"added {user.email} ({user.role}) id={user.id}")
    except DomainError as exc:
        fail(exc.detail)


@users_app.command("set-password")
def users_set_password(
    email: str,
    password: Annotated[
        str | None, typer.Option(help="the new password (prompted if omitted)")
    ] = None,
) -> None:
    """Set a user's password (an admin's reset, issue 17 item 6); their sessions end."""
    from salesops.users import service

    if password is None:
        password = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    rt = runtime()
    try:
        with rt.uow() as s:
            user = service.get_user_by_email(s, email)
            service.set_password(s, user, password, clock.now())
            console.print(f"password of {user.email} set; their web sessions ended")
    except DomainError as exc:
        fail(exc.detail)


@users_app.command("list")
def users_list() -> None:
    """List users."""
    from rich.table import Table
    from sqlalchemy import select

    from salesops.users.models import User

    rt = runtime()
    with rt.uow(readonly=True) as s:
        table = Table("id", "email", "name", "role", "active", "round robin")
        for u in s.scalars(select(User).order_by(User.id)):
            table.add_row(str(u.id), u.email, u.name, u.role, str(u.active), str(u.in_round_robin))
    console.print(table)


@playbook_app.command("check")
def playbook_check(file: Path) -> None:
    """Validate a playbook file; errors name the key and line."""
    from salesops.playbook.loader import PlaybookError, load_playbook_file

    try:
        pb = load_playbook_file(file)
    except PlaybookError as exc:
        fail(str(exc.detail))
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    console.print(f"[green]ok[/]: {file} is a valid playbook ({pb.name})")


@playbook_app.command("show")
def playbook_show(
    version: Annotated[int | None, typer.Option(help="a past version")] = None,
) -> None:
    """Print the active playbook (or a past version)."""
    from salesops.playbook import service

    rt = runtime()
    with rt.uow(readonly=True) as s:
        row = service.get_version(s, version) if version else service.latest(s)
        if row is None:
            from salesops.flows.bootstrap import playbook_source

            text, source = playbook_source(rt)
            err.print(f"# no playbook loaded into the database yet; showing {source}")
            sys.stdout.write(text)
            return
        err.print(
            f"# playbook v{row.version} from {row.source}, "
            f"loaded {row.loaded_at:%Y-%m-%d %H:%M} UTC by {row.loaded_by}"
        )
        sys.stdout.write(row.content)


@playbook_app.command("load")
def playbook_load(
    file: Path,
    actor: str = "cli",
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="FIELD:OLD=NEW for a value records use that the file drops or renames "
            "(repeatable), e.g. --map 'stage:Problem Agreement=Problem Agreed'",
        ),
    ] = None,
) -> None:
    """Activate a playbook file (a new version if it changed; P-2), checked against live
    records: a dropped value they use is refused unless --map says where it goes."""
    from salesops.flows.playbook_change import activate_checked, parse_mapping

    rt = runtime()
    try:
        text = file.read_text(encoding="utf-8")
        with rt.db.unit_of_work() as s:
            row, check = activate_checked(
                s,
                text,
                source=str(file),
                actor=actor,
                now=clock.now(),
                mapping=parse_mapping(map_ or []),
            )
            number, diff = row.version, row.diff
    except DomainError as exc:
        fail(str(exc.detail))
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    rt.playbooks.invalidate()
    console.print(f"playbook v{number} active")
    for a in check.affected:
        console.print(f"moved {a.count} {a.records}: {a.label} {a.value!r} → {a.maps_to!r}")
    if diff:
        sys.stdout.write(diff)


@playbook_app.command("impact")
def playbook_impact(
    file: Path,
    days: Annotated[
        int, typer.Option(min=1, max=REPLAY_MAX_DAYS, help="replay the leads of the last N days")
    ] = 90,
    format_: Annotated[
        str, typer.Option("--format", help="table or json", case_sensitive=False)
    ] = "table",
) -> None:
    """What activating FILE would change over the last --days of leads (R-8): leads and
    owners per territory, classifications, disqualifications, scores. Changes nothing."""
    from salesops.flows.playbook_impact import impact
    from salesops.flows.playbook_impact_text import render_text

    if format_.lower() not in ("table", "json"):
        fail("--format must be table or json")
    rt = runtime()
    try:
        text = file.read_text(encoding="utf-8")
        with rt.uow(readonly=True) as s:
            report = impact(s, text, now=clock.now(), days=days, source=str(file))
    except DomainError as exc:
        fail(str(exc.detail))
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror}")
    if format_.lower() == "json":
        sys.stdout.write(json.dumps(report, indent=2, default=str) + "\n")
    else:
        sys.stdout.write(render_text(report))


@app.command("decisions")
def decisions(
    subject: Annotated[str, typer.Argument(help="TYPE:ID, e.g. task:42")],
    limit: int = 20,
) -> None:
    """Show the decision records (O-8) of one subject."""
    from sqlalchemy import select

    from salesops.core.audit import Decision

    kind, _, ident = subject.partition(":")
    if not ident.isdigit():
        fail("subject must look like task:42")
    rt = runtime()
    with rt.uow(readonly=True) as s:
        rows = s.scalars(
            select(Decision)
            .where(Decision.subject_type == kind, Decision.subject_id == int(ident))
            .order_by(Decision.id.desc())
            .limit(limit)
        )
        for d in rows:
            console.print(
                f"{d.at:%Y-%m-%d %H:%M} {d.kind:<14} {','.join(d.rule_ids):<10} "
                f"v{d.playbook_version} {d.reason}"
            )
            console.print(f"    inputs: {json.dumps(d.inputs, default=str)[:200]}", style="dim")


def _register_domains() -> None:
    for name in CLI_MODULES:
        importlib.import_module(name).register(app)


_register_domains()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
