"""``salesops route``, ``sweep``, ``pto`` and ``territories`` (R-3 … R-8, T-1 … T-4). Thin."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated

import typer

from salesops.core import clock
from salesops.core.errors import DomainError
from salesops.users.cli import ActorOption, audited_uow


def register(app: typer.Typer) -> None:
    from salesops.cli import console, fail, runtime

    pto_app = typer.Typer(help="Time off (R-6).", no_args_is_help=True)
    terr_app = typer.Typer(help="Territories and their rotation (R-3, R-4).", no_args_is_help=True)
    app.add_typer(pto_app, name="pto")
    app.add_typer(terr_app, name="territories")

    @app.command("route")
    def route(
        preview: Annotated[
            str | None, typer.Option(help="a JSON lead, e.g. '{\"email\": …}'")
        ] = None,
        queued: Annotated[
            bool, typer.Option("--queued", help="route every stored unassigned lead task")
        ] = False,
        batch: Annotated[int, typer.Option(help="leads per transaction with --queued")] = 1000,
    ) -> None:
        """Preview a lead's routing without writing (R-8), or route the queued leads (--queued)."""
        from salesops.routing import service

        if queued:
            _route_queued(batch)
            return
        if preview is None:
            fail("give --preview '<json lead>' or --queued")
            return
        try:
            lead = json.loads(preview)
        except json.JSONDecodeError as exc:
            fail(f"--preview is not valid JSON: {exc}")
        rt = runtime()
        try:
            with rt.uow(readonly=True) as s:
                result = service.preview(s, lead, clock.now())
        except DomainError as exc:
            fail(exc.detail)
        console.print_json(json.dumps(result, default=str))

    def _route_queued(batch: int) -> None:
        from salesops import cli as root  # looked up at call time (tests swap the runtime)
        from salesops.routing.batch import route_queued

        if batch < 1:
            fail("--batch must be 1 or more")
        rt = root.runtime()
        now, after, stats = clock.now(), 0, {"routed": 0, "unassigned": 0}
        while True:  # one transaction per batch: progress is kept if interrupted
            with rt.uow() as s:
                after = route_queued(s, now, limit=batch, after_id=after, stats=stats)
            if not after:
                break
        console.print(" ".join(f"{k}={v}" for k, v in stats.items()))

    @app.command("sweep")
    def sweep(
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="ISO time to sweep as of (default: now)")
        ] = None,
    ) -> None:
        """Reassign stale tasks once, then auto-close them (T-1 … T-4)."""
        from salesops.routing import service

        now = clock.now()
        if as_of:
            try:
                now = datetime.fromisoformat(as_of)
            except ValueError:
                fail(f"--as-of must be an ISO time, not {as_of!r}")
            if now.tzinfo is None:
                fail("--as-of needs a time zone, e.g. 2024-05-01T09:00:00+00:00")
        rt = runtime()
        with rt.uow() as s:
            stats = service.sweep(s, now)
        console.print(" ".join(f"{k}={v}" for k, v in stats.items()))

    @pto_app.command("add")
    def pto_add(
        email: str, start: str, end: str, note: str = "", actor: ActorOption = None
    ) -> None:
        """Record time off, both days inclusive, in the user's own time zone (R-6)."""
        from salesops.users import service as users

        try:
            starts_on, ends_on = date.fromisoformat(start), date.fromisoformat(end)
        except ValueError:
            fail("START and END must be dates like 2024-05-01")
        rt = runtime()
        try:
            with audited_uow(rt, actor) as (s, admin):
                user = users.get_user_by_email(s, email)
                row = users.add_time_off(
                    s, user, starts_on, ends_on, now=clock.now(), note=note, actor=admin
                )
                console.print(f"time off {row.starts_on}…{row.ends_on} for {user.email}")
        except DomainError as exc:
            fail(exc.detail)

    @terr_app.command("list")
    def territories_list() -> None:
        """Territories with their countries, states and member count."""
        from rich.table import Table

        from salesops.routing import territories as terr
        from salesops.routing.models import Territory

        rt = runtime()
        with rt.uow(readonly=True) as s:
            from sqlalchemy import select

            table = Table("id", "name", "fallback", "members", "countries / states")
            for t in s.scalars(select(Territory).order_by(Territory.name)):
                places = ", ".join([*t.us_states, *t.countries])
                n = sum(1 for m in terr.members(s, t.id) if m.active)
                fb = "yes" if t.is_fallback else ""
                table.add_row(str(t.id), t.name, fb, str(n), places[:60])
        console.print(table)

    @terr_app.command("members")
    def territories_members(name: str) -> None:
        """A territory's rotation: priority, adjustment, count, active (R-3)."""
        from rich.table import Table

        from salesops.routing import territories as terr
        from salesops.users.models import User

        rt = runtime()
        try:
            with rt.uow(readonly=True) as s:
                t = terr.get_territory_by_name(s, name)
                table = Table("user", "priority", "adjustment", "count", "active", "away")
                for m in terr.members(s, t.id):
                    user = s.get(User, m.user_id)
                    table.add_row(
                        user.email if user else str(m.user_id),
                        str(m.priority),
                        str(m.adjustment),
                        str(m.assigned_count),
                        str(m.active),
                        str(m.away),
                    )
        except DomainError as exc:
            fail(exc.detail)
        console.print(table)

    @terr_app.command("add-member")
    def territories_add_member(
        name: str,
        email: str,
        priority: int = 1,
        adjustment: Annotated[int, typer.Option(help="count offset, e.g. 50 mid-month")] = 0,
        actor: ActorOption = None,
    ) -> None:
        """Add a salesperson to a territory's rotation; nobody else's count changes (R-3)."""
        from salesops.routing import territories as terr
        from salesops.users import service as users

        rt = runtime()
        try:
            with audited_uow(rt, actor) as (s, admin):
                member = terr.add_member(
                    s,
                    admin,
                    terr.get_territory_by_name(s, name),
                    users.get_user_by_email(s, email),
                    now=clock.now(),
                    priority=priority,
                    adjustment=adjustment,
                )
                console.print(f"{email} joins {name} (priority {member.priority})")
        except DomainError as exc:
            fail(exc.detail)
