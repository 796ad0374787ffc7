"""``salesops opportunities``, ``milestones``, ``deliveries`` and ``leads`` commands. Thin.

Writes run as a named user (``--as EMAIL``) so access rules (U-2) and the
audit trail apply exactly as over HTTP.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from salesops.core import clock
from salesops.core.errors import DomainError

AsUser = Annotated[str, typer.Option("--as", help="act as this user (email)")]


def register(app: typer.Typer) -> None:
    import salesops.cli as root
    from salesops.cli import console, fail

    opp_app = typer.Typer(help="Opportunities (Q-1 … Q-13).", no_args_is_help=True)
    ms_app = typer.Typer(
        help="Features shipped / certifications obtained (Q-8).", no_args_is_help=True
    )
    dl_app = typer.Typer(help="Outbound deliveries and dead letters (X-1).", no_args_is_help=True)
    lead_app = typer.Typer(
        help="Lead task status actions (L-1, L-2, D-1 … D-4).", no_args_is_help=True
    )
    app.add_typer(opp_app, name="opportunities")
    app.add_typer(ms_app, name="milestones")
    app.add_typer(dl_app, name="deliveries")
    app.add_typer(lead_app, name="leads")

    def run(write: bool, fn):  # type: ignore[no-untyped-def]
        rt = root.runtime()
        try:
            with rt.uow(readonly=not write) as s:
                return fn(s)
        except DomainError as exc:
            fail(exc.detail)

    def user(s, email: str):  # type: ignore[no-untyped-def]
        from salesops.users import service as users

        return users.get_user_by_email(s, email)

    @opp_app.command("list")
    def opp_list(open_only: Annotated[bool, typer.Option("--open")] = False) -> None:
        """Opportunities, newest first."""
        from salesops.opportunities import service
        from salesops.opportunities.models import Opportunity

        def body(s):  # type: ignore[no-untyped-def]
            q = service.opportunities_query(is_closed=False if open_only else None)
            for o in s.scalars(q.order_by(Opportunity.id.desc()).limit(200)):
                console.print(
                    f"{o.id:>5} {o.stage:<22} {o.amount:>12} {o.record_type:<32} {o.name}"
                )

        run(False, body)

    @opp_app.command("show")
    def opp_show(opportunity_id: int) -> None:
        """One opportunity with its computed fields and flags (JSON)."""
        from salesops.opportunities import service

        def body(s):  # type: ignore[no-untyped-def]
            view = service.view(s, service.get_opportunity(s, opportunity_id), clock.today())
            console.print_json(json.dumps(view, default=str))

        run(False, body)

    @opp_app.command("stage")
    def opp_stage(
        opportunity_id: int,
        stage: str,
        as_user: AsUser,
        loss_reason: Annotated[str | None, typer.Option()] = None,
        waiting_for: Annotated[str | None, typer.Option()] = None,
    ) -> None:
        """Move to a stage (Q-4: exit criteria enforced; Closed Lost needs --loss-reason)."""
        from salesops.opportunities import service, stages

        def body(s):  # type: ignore[no-untyped-def]
            opp = service.get_opportunity(s, opportunity_id)
            stages.move_stage(
                s,
                user(s, as_user),
                opp,
                stage,
                clock.now(),
                loss_reason=loss_reason,
                waiting_for=waiting_for,
            )
            console.print(f"opportunity {opp.id} is now {opp.stage}")

        run(True, body)

    @opp_app.command("hygiene")
    def opp_hygiene() -> None:
        """Open deals without a next step or past their next-step date (Q-10)."""
        from salesops.opportunities import service

        def body(s):  # type: ignore[no-untyped-def]
            for row in service.next_step_hygiene(s, clock.today()):
                console.print(f"{row['opportunity_id']:>5} {row['name']}: {row['flag']}")

        run(False, body)

    @ms_app.command("mark")
    def ms_mark(
        kind: Annotated[str, typer.Argument(help="feature_shipped or certification_obtained")],
        name: str,
        as_user: AsUser,
    ) -> None:
        """Mark a feature shipped / certification obtained: waiting follow-ups become due."""
        from salesops.opportunities import follow_ups

        def body(s):  # type: ignore[no-untyped-def]
            _, tasks = follow_ups.mark_milestone(s, user(s, as_user), kind, name, clock.now())
            console.print(f"{kind} {name}: {len(tasks)} follow-up task(s) now due")

        run(True, body)

    @dl_app.command("list")
    def dl_list(
        state: Annotated[str | None, typer.Option(help="e.g. dead, unknown, parked")] = None,
    ) -> None:
        """Deliveries (newest first); --state dead is the dead-letter list."""
        from salesops.core.outbox import Delivery
        from salesops.integrations import service

        def body(s):  # type: ignore[no-untyped-def]
            q = service.deliveries_query(state=state)
            for d in s.scalars(q.order_by(Delivery.id.desc()).limit(200)):
                error = (d.last_error or "").splitlines()[0][:80] if d.last_error else ""
                console.print(
                    f"{d.id:>5} {d.channel:<16} {d.state:<10} {d.attempts}/"
                    f"{d.max_attempts} {d.idempotency_key} {error}"
                )

        run(False, body)

    @dl_app.command("retry")
    def dl_retry(delivery_id: int, as_user: AsUser) -> None:
        """Send a dead, parked or held (unknown) delivery again (admin)."""
        from salesops.integrations import service

        def body(s):  # type: ignore[no-untyped-def]
            service.retry(s, user(s, as_user), delivery_id, clock.now())
            console.print(f"delivery {delivery_id} queued again")

        run(True, body)

    @lead_app.command("disqualify")
    def lead_disqualify(
        task_id: int,
        reason: str,
        as_user: AsUser,
        notes: Annotated[str | None, typer.Option()] = None,
        ban_sender: Annotated[bool, typer.Option(help="Spam only (I-9)")] = False,
        revisit_on: Annotated[
            str | None,
            typer.Option(help="D-4, Prospect reasons: revisit date YYYY-MM-DD (default: playbook)"),
        ] = None,
    ) -> None:
        """Disqualify a lead task with a picklist reason (D-1 … D-4)."""
        from datetime import date

        from salesops.tasks import lifecycle
        from salesops.tasks.service import get_task
        from salesops.users import service as users

        try:  # D-4: the user chooses the date on every path (issue 16 item 6)
            revisit = date.fromisoformat(revisit_on.strip()) if revisit_on else None
        except ValueError:
            fail(f"revisit_on: {revisit_on!r} is not a date (YYYY-MM-DD)")

        def body(s):  # type: ignore[no-untyped-def]
            actor = user(s, as_user)
            task = get_task(s, task_id)
            users.require_can_edit_owned(actor, task.owner_id)
            lifecycle.disqualify(
                s,
                task,
                reason,
                now=clock.now(),
                notes=notes,
                actor=actor,
                options={"ban_sender": ban_sender, "revisit_on": revisit},
                picked=True,
            )
            console.print(f"task {task_id} disqualified: {reason}")

        run(True, body)
