"""``salesops users deactivate`` (R-7, issue 17): the same stored plan and background job
as the admin page and the API — the preview (planned by the ``users.deactivation.plan``
job when it is large), a confirmation (``--yes`` skips the question), then the hand-over
as the ``users.deactivation.apply`` job, run here with a progress bar, or left to the
worker (``--no-wait``). Thin: parse, open a unit of work, call ``deactivation_store``."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Annotated

import typer

from salesops.core import clock
from salesops.core.errors import DomainError

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console
    from sqlalchemy.orm import Session

    from salesops.flows.deactivation_models import DeactivationPlan
    from salesops.flows.deactivation_store import View
    from salesops.playbook.runtime import Runtime
    from salesops.users.models import User

SHOWN = 20  # accounts whose records the preview lists


def register(app: typer.Typer) -> None:
    from salesops.cli import console, fail, runtime, users_app

    @users_app.command("deactivate")
    def users_deactivate(
        email: str,
        as_user: Annotated[str, typer.Option("--as", help="the admin doing it (email)")],
        yes: Annotated[bool, typer.Option("--yes", help="confirm without asking")] = False,
        no_wait: Annotated[
            bool,
            typer.Option("--no-wait", help="queue the hand-over for the worker and return"),
        ] = False,
    ) -> None:
        """Deactivate a user (R-7): preview who gets their open tasks, opportunities and
        accounts (the account's other owner, else round robin), confirm, and hand the work
        on as a background job (a progress bar; with --no-wait the worker does it)."""
        rt = runtime()
        try:
            view = _preview(rt, email, as_user)
            if view.status == "planning":
                with console.status(f"Planning who gets {email}'s work…"):
                    _follow(rt, view.plan.id, lambda row: None)
                view = _preview(rt, email, as_user)
        except DomainError as exc:
            fail(exc.detail)
        if view.status != "planned":
            fail(_not_planned(view))
        _show(console, view)
        if not yes and not typer.confirm(f"Deactivate {email} and hand this work on?"):
            fail("not confirmed: nothing changed")
        try:
            with rt.uow() as s:
                admin, user = _people(s, as_user, email)
                from salesops.flows import deactivation_store

                plan = deactivation_store.confirm(s, admin, user, clock.now(), digest=view.digest)
                plan_id, total = plan.id, plan.total
        except DomainError as exc:
            fail(exc.detail)
        if no_wait:
            console.print(
                f"Confirmed: the worker hands on {total:,} records of {email} (R-7); "
                "`salesops worker` must be running. Progress: the admin page "
                "(Users → Deactivate…) or GET /api/v1/users/{id}/deactivation."
            )
            return
        row = _with_progress(rt, plan_id, total)
        if row.status != "done":
            fail(f"the hand-over stopped: {row.error or row.status} ({row.done:,} moved)")
        console.print(f"{email} deactivated; {row.done:,} records handed on (R-7).")


def _people(s: Session, as_user: str, email: str) -> tuple[User, User]:
    from salesops.users import service

    return service.get_user_by_email(s, as_user), service.get_user_by_email(s, email)


def _preview(rt: Runtime, email: str, as_user: str) -> View:
    from salesops.flows import deactivation_store

    with rt.uow() as s:
        admin, user = _people(s, as_user, email)
        view = deactivation_store.preview(s, admin, user, clock.now(), limit=SHOWN)
        s.flush()
        s.expunge(view.plan)  # read after the commit
        return view


def _follow(
    rt: Runtime, plan_id: int, report: Callable[[DeactivationPlan], object]
) -> DeactivationPlan:
    from salesops.flows import deactivation_jobs

    return deactivation_jobs.follow(rt, plan_id, on_progress=report, pause=time.sleep)


def _with_progress(rt: Runtime, plan_id: int, total: int) -> DeactivationPlan:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("handing on"), BarColumn(), MofNCompleteColumn()) as bar:
        task = bar.add_task("records", total=max(total, 1))
        return _follow(rt, plan_id, lambda row: bar.update(task, completed=row.done))


def _not_planned(view: View) -> str:
    if view.status in ("confirmed", "applying"):
        return (
            f"{view.user}'s hand-over is already under way: {view.plan.done:,} of "
            f"{view.total:,} records moved"
        )
    if view.status == "done":
        return f"{view.user} is already deactivated; {view.plan.done:,} records were handed on"
    return f"{view.user}'s hand-over cannot start: {view.plan.error or view.status}"


def _show(console: Console, view: View) -> None:
    from rich.table import Table

    owners = Table("new owner", "accounts", "tasks", "deals", title=f"{view.user} leaves")
    for o in view.by_owner():
        owners.add_row(o["owner"] or "nobody (left as is)", f"{o['accounts']:,}",
                       f"{o['tasks']:,}", f"{o['deals']:,}")  # fmt: skip
    table = Table("what", "id", "name", "account", "new owner", "rules")
    for m in view.moves:
        table.add_row(m.kind, str(m.id), m.name, str(m.account_id),
                      m.new_owner or "nobody (left as is)", ",".join(m.rule_ids))  # fmt: skip
    console.print(owners)
    console.print(table)
    if view.accounts_total > SHOWN:
        console.print(f"… and the records of {view.accounts_total - SHOWN:,} more accounts")
