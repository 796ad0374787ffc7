"""``salesops smtp`` (the built-in listener) and ``salesops intake …`` (review, bans)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    intake_app = typer.Typer(help="Intake review: rejected deliveries, spam bans (I-9).")
    app.add_typer(intake_app, name="intake")

    @app.command("smtp")
    def smtp(
        host: Annotated[str | None, typer.Option(help="default SALESOPS_SMTP_HOST")] = None,
        port: Annotated[int | None, typer.Option(help="default SALESOPS_SMTP_PORT")] = None,
    ) -> None:
        """Receive mail for the sales alias and logging addresses (I-3, I-4, A-3)."""
        from salesops.cli import console, runtime
        from salesops.smtp import serve_smtp

        rt = runtime()
        h, p = host or rt.settings.smtp_host, port or rt.settings.smtp_port
        console.print(f"SMTP intake on {h}:{p} for {rt.settings.sales_alias}; Ctrl-C to stop")
        serve_smtp(rt, h, p)

    @intake_app.command("rejections")
    def rejections(limit: int = 20, source: str | None = None, hours: int = 24) -> None:
        """How often each source rejected deliveries (last ``hours``), then the recent
        ones kept for review, newest first."""
        from datetime import timedelta

        from sqlalchemy import select

        from salesops.cli import console, runtime
        from salesops.core import clock
        from salesops.intake.models import IntakeRejection
        from salesops.intake.rejections import rejection_totals

        rt = runtime()
        with rt.uow(readonly=True) as s:
            for t in rejection_totals(s, clock.now() - timedelta(hours=hours), source):
                console.print(
                    f"{t.count:>8} {t.source:<8} {t.http_status} {t.code:<16} "
                    f"last {t.last_at:%Y-%m-%d %H:%M}  {t.reason}"
                )
            console.print("-- kept for review (a sample per source, reason and hour):")
            q = select(IntakeRejection).order_by(IntakeRejection.id.desc()).limit(limit)
            if source:
                q = q.where(IntakeRejection.source == source)
            for r in s.scalars(q):
                console.print(
                    f"{r.at:%Y-%m-%d %H:%M} {r.source:<8} {r.http_status} {r.code:<16} "
                    f"{r.sender or '-'}  {r.reason}"
                )

    @intake_app.command("prune-rejections")
    def prune_rejections_cmd() -> None:
        """Drop kept rejections and hourly counts past their retention now (the worker
        does it hourly)."""
        from salesops.cli import console, runtime
        from salesops.core import clock
        from salesops.intake.rejections import prune_rejections

        rt = runtime()
        with rt.uow() as s:
            samples, counts = prune_rejections(
                s,
                clock.now(),
                sample_days=rt.settings.rejection_retention_days,
                count_days=rt.settings.rejection_count_retention_days,
            )
        console.print(f"pruned {samples} kept rejection(s) and {counts} hourly count(s)")

    @intake_app.command("ban")
    def ban(
        value: str,
        by: Annotated[str, typer.Option(help="the admin's email")],
        reason: str = "",
    ) -> None:
        """Ban a sender address or domain (I-9). Only for genuine spam."""
        from salesops.accounts import bans
        from salesops.cli import console, fail, runtime
        from salesops.core import clock
        from salesops.core.errors import DomainError
        from salesops.users.service import get_user_by_email

        rt = runtime()
        try:
            with rt.uow() as s:
                row = bans.ban_sender(s, get_user_by_email(s, by), value, reason, clock.now())
                console.print(f"banned {row.kind} {row.value} (ban {row.id})")
        except DomainError as exc:
            fail(exc.detail)

    @intake_app.command("unban")
    def unban(ban_id: int, by: Annotated[str, typer.Option(help="the admin's email")]) -> None:
        """Lift a spam ban (I-9)."""
        from salesops.accounts import bans
        from salesops.cli import console, fail, runtime
        from salesops.core import clock
        from salesops.core.errors import DomainError
        from salesops.users.service import get_user_by_email

        rt = runtime()
        try:
            with rt.uow() as s:
                row = bans.lift_ban(s, get_user_by_email(s, by), ban_id, clock.now())
                console.print(f"lifted the ban on {row.value}")
        except DomainError as exc:
            fail(exc.detail)
