"""Issue 16 item 4 (P-2, R-3, R-6) from the CLI: a settings change made with ``salesops``
names who made it — the ``--actor`` admin, or the OS user as ``cli:<name>`` — never nobody."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from salesops.cli import app
from salesops.core.audit import Decision
from salesops.playbook.runtime import Runtime
from tests.factories import make_user

EU = "Europe & Africa"


@pytest.fixture
def cli(rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    monkeypatch.setattr("getpass.getuser", lambda: "qa-operator")
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(app, list(args))

    return run


def _changes(rt: Runtime) -> list[Decision]:
    with rt.uow(readonly=True) as s:
        return list(
            s.scalars(
                select(Decision).where(Decision.kind == "settings_change").order_by(Decision.id)
            )
        )


def test_p2_a_cli_membership_change_without_actor_names_the_os_user(rt: Runtime, cli: Any) -> None:
    """Issue 16 item 4 (R-3): `territories add-member` without --actor is recorded as made
    by ``cli:<OS user>`` — in the inputs and the sentence — not by nobody."""
    make_user(rt, "ana@example.com")
    r = cli("territories", "add-member", EU, "ana@example.com", "--priority", "2")
    assert r.exit_code == 0, r.output
    [change] = _changes(rt)
    assert change.actor_id is None
    assert change.inputs["by"] == "cli:qa-operator"
    assert change.reason.endswith("(by cli:qa-operator)"), change.reason
    assert "priority none → 2" in change.reason


def test_p2_cli_actor_option_records_the_admin(rt: Runtime, cli: Any) -> None:
    """Issue 16 item 4 (R-6, R-3): with --actor EMAIL the change carries that admin's id,
    for time off and for a new user's rotation."""
    boss = make_user(rt, "boss@example.com", role="admin")
    make_user(rt, "ana@example.com")
    r = cli("pto", "add", "ana@example.com", "2030-01-06", "2030-01-10", "--actor", boss.email)
    assert r.exit_code == 0, r.output
    args = ["users", "add", "carl@example.com", "--no-password", "--territory", EU]
    r = cli(*args, "--actor", boss.email)
    assert r.exit_code == 0, r.output
    changes = _changes(rt)
    assert [c.actor_id for c in changes] == [boss.id, boss.id]
    assert "time off of ana@example.com" in changes[0].reason
    assert "carl@example.com in" in changes[1].reason
    assert all("by" not in c.inputs for c in changes)


def test_p2_cli_actor_must_be_an_existing_admin(rt: Runtime, cli: Any) -> None:
    """U-2: --actor names an admin; a salesperson or an unknown address is refused in
    words and nothing changes (nor is audited)."""
    make_user(rt, "ana@example.com")
    r = cli(
        "pto", "add", "ana@example.com", "2030-01-06", "2030-01-10", "--actor", "ana@example.com"
    )
    assert r.exit_code == 1 and "admin role" in r.output, r.output
    r = cli("territories", "add-member", EU, "ana@example.com", "--actor", "ghost@example.com")
    assert r.exit_code == 1 and "ghost@example.com" in r.output, r.output
    assert _changes(rt) == []


def test_p2_cli_changes_show_who_on_the_admin_page(rt: Runtime, cli: Any, client: Any) -> None:
    """Issue 16 item 4: the admin decisions page shows the CLI's who, not "system"."""
    from fastapi.testclient import TestClient

    from tests.web.conftest import log_in

    make_user(rt, "boss@example.com", role="admin", password="boss-password1")
    make_user(rt, "ana@example.com")
    assert cli("territories", "add-member", EU, "ana@example.com").exit_code == 0
    web = TestClient(client.app, headers={"accept": "text/html"})
    log_in(web, "boss@example.com", "boss-password1")
    page = web.get("/admin/decisions", params={"kind": "settings_change"}).text
    assert "<td>cli:qa-operator</td>" in page, page[-3000:]
