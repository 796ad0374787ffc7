"""``salesops tokens`` (API tokens, U-1) and ``salesops secrets`` (the installation's
secrets, docs/operations.md); ``--actor`` for every command that changes a setting
(issue 16 item 4). Thin: parse arguments, open a unit of work, call a service."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from salesops.core import clock
from salesops.core.errors import DomainError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from salesops.playbook.runtime import Runtime
    from salesops.users.models import User


#: ``--actor EMAIL`` on the commands that change settings (issue 16 item 4: who, when,
#: before and after). Without it the change is recorded as made by ``cli:<OS user>``.
ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor",
        metavar="EMAIL",
        help="the admin making the change (recorded in the audit); default: your OS user, "
        "recorded as cli:<name>",
    ),
]


def os_user() -> str:
    """The OS account running the command, or "unknown" when it has no name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name and no passwd entry (a bare container)
        return "unknown"


@contextmanager
def audited_uow(rt: Runtime, actor: str | None) -> Iterator[tuple[Session, User | None]]:
    """A unit of work whose settings changes name who made them: the ``--actor`` admin
    (must exist and be an admin), else ``cli:<OS user>``."""
    with rt.uow(actor_name=f"cli:{os_user()}") as s:
        user = None
        if actor:
            from salesops.users import service

            user = service.get_user_by_email(s, actor)
            service.require_role(user, "admin")
            s.info["actor_id"] = user.id
        yield s, user


def register(app: typer.Typer) -> None:
    from salesops.cli import console, err, fail, runtime

    tokens_app = typer.Typer(help="API tokens (U-1).", no_args_is_help=True)
    secrets_app = typer.Typer(
        help="This installation's secrets (docs/operations.md).", no_args_is_help=True
    )
    app.add_typer(tokens_app, name="tokens")
    app.add_typer(secrets_app, name="secrets")

    @tokens_app.command("create")
    def tokens_create(email: str, name: str = "cli") -> None:
        """Create an API token for a user; it is shown once."""
        from salesops.users import service

        rt = runtime()
        try:
            with rt.uow() as s:
                issued = service.create_token(
                    s, service.get_user_by_email(s, email), now=clock.now(), name=name
                )
        except DomainError as exc:
            fail(exc.detail)
        console.print("Token (shown once, store it now):")
        print(issued.secret)

    @tokens_app.command("list")
    def tokens_list(email: str) -> None:
        """List a user's API tokens (never their secrets)."""
        from rich.table import Table

        from salesops.users import service

        rt = runtime()
        with rt.uow(readonly=True) as s:
            try:
                rows = service.tokens_of(s, service.get_user_by_email(s, email))
            except DomainError as exc:
                fail(exc.detail)
            table = Table("id", "name", "prefix", "created", "last used", "revoked")
            for t in rows:
                table.add_row(
                    str(t.id),
                    t.name,
                    t.prefix + "…",
                    f"{t.created_at:%Y-%m-%d %H:%M}",
                    f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "",
                    f"{t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "",
                )
        console.print(table)

    @tokens_app.command("revoke")
    def tokens_revoke(
        token: Annotated[str, typer.Argument(help="the token's id, or its prefix (so_…)")],
    ) -> None:
        """Revoke an API token: it stops working at once, in every process (U-1)."""
        from salesops.users import service

        rt = runtime()
        try:
            with rt.uow() as s:
                row = service.revoke_token(s, None, service.find_token(s, token), clock.now())
                console.print(f"revoked token {row.id} ({row.name}, {row.prefix}…)")
        except DomainError as exc:
            fail(exc.detail)

    @secrets_app.command("show")
    def secrets_show() -> None:
        """Each secret setting: where its value comes from, and the generated values that
        senders need (SALESOPS_SECRET_KEY's is never printed: nothing outside uses it)."""
        from salesops.core import secretstore

        rt = runtime()
        try:
            sources = rt.ensure_secrets()
        except secretstore.SecretError as exc:
            fail(str(exc))
        for spec in secretstore.SPECS:
            source = sources[spec.name]
            if source == "database" and spec.name != "secret_key":
                shown = f"={getattr(rt.settings, spec.name)}"
            else:
                shown = ""
            note = {
                "environment": "set in the environment",
                "disabled": "set empty: this source is disabled",
                "database": "generated, kept in the database",
            }[source]
            console.print(f"{spec.env}{shown}", soft_wrap=True)
            console.print(f"    {note}; {spec.purpose}", style="dim", soft_wrap=True)

    @secrets_app.command("rotate")
    def secrets_rotate(
        name: Annotated[str, typer.Argument(help="e.g. form_secret or SALESOPS_FORM_SECRET")],
    ) -> None:
        """Replace a generated secret with a new random one; restart every process afterwards
        (docs/operations.md says what each rotation means for its senders)."""
        from salesops.core import secretstore

        key = name.lower().removeprefix("salesops_")
        spec = secretstore.BY_NAME.get(key)
        if spec is None:
            fail(f"unknown secret {name!r}; one of: {', '.join(secretstore.BY_NAME)}")
            return
        rt = runtime()
        if getattr(rt.settings, key) is not None:
            err.print(
                f"[yellow]note:[/] {spec.env} is set in the environment, which overrides the "
                "stored value; change it there to rotate what processes use"
            )
        try:
            value = secretstore.rotate(rt.db, key, clock.now())
        except secretstore.SecretError as exc:
            fail(str(exc))
        console.print(f"{spec.env} rotated; restart `salesops serve` and every worker.")
        if key != "secret_key":
            console.print("Give the new value to the sender:")
            print(value)
        else:
            console.print("Every web session ends at the restart; API tokens keep working.")
