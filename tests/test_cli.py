"""The `salesops` command: users, tokens and the playbook (U-1, U-2, P-1, P-2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from salesops.cli import app
from salesops.core.errors import NotFound
from salesops.playbook.loader import default_playbook_text
from salesops.playbook.runtime import Runtime
from salesops.users import service as users

runner = CliRunner()


@pytest.fixture
def env(rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> Runtime:
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    return rt


def test_users_add_with_territory_and_token(env: Runtime) -> None:
    r = runner.invoke(
        app,
        [
            "users",
            "add",
            "ana@example.com",
            "--role",
            "sales",
            "--territory",
            "Europe & Africa",
            "--password",
            "longenough1",
        ],
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["tokens", "create", "ana@example.com"])
    assert r.exit_code == 0, r.output
    token = r.output.strip().splitlines()[-1]
    with env.uow(readonly=True) as s:
        user = users.user_for_token(s, token)
        assert user is not None and user.email == "ana@example.com"
    r = runner.invoke(app, ["users", "list"])
    assert "ana@example.com" in r.output


def test_users_add_rejects_bad_role_and_unknown_territory(env: Runtime) -> None:
    r = runner.invoke(app, ["users", "add", "x@example.com", "--role", "boss", "--no-password"])
    assert r.exit_code == 1 and "role" in r.output
    r = runner.invoke(
        app, ["users", "add", "y@example.com", "--territory", "Mars", "--no-password"]
    )
    assert r.exit_code == 1 and "Mars" in r.output
    with env.uow(readonly=True) as s, pytest.raises(NotFound):  # nothing half-created
        users.get_user_by_email(s, "y@example.com")


def test_p1_playbook_check_names_key_and_line(tmp_path: Path, env: Runtime) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(default_playbook_text())
    assert runner.invoke(app, ["playbook", "check", str(good)]).exit_code == 0
    bad_text = default_playbook_text().replace(
        "reassign_after_days: 10", "reassign_after_days: ten", 1
    )
    line = next(i for i, t in enumerate(bad_text.splitlines(), 1) if "reassign_after_days" in t)
    bad = tmp_path / "bad.yaml"
    bad.write_text(bad_text)
    r = runner.invoke(app, ["playbook", "check", str(bad)])
    assert r.exit_code == 1
    assert "stale.reassign_after_days" in r.output and f":{line}:" in r.output


def test_p2_playbook_load_records_new_version_with_diff(tmp_path: Path, env: Runtime) -> None:
    changed = tmp_path / "pb.yaml"
    changed.write_text(
        default_playbook_text().replace("reassign_after_days: 10", "reassign_after_days: 12", 1)
    )
    r = runner.invoke(app, ["playbook", "load", str(changed)])
    assert r.exit_code == 0, r.output
    assert "playbook v2 active" in r.output and "+  reassign_after_days: 12" in r.output
    again = runner.invoke(app, ["playbook", "load", str(changed)])
    assert "playbook v2 active" in again.output  # unchanged file: no new version
    shown = runner.invoke(app, ["playbook", "show", "--version", "1"])
    assert "reassign_after_days: 10" in shown.output


def test_worker_refuses_an_unknown_lane_and_a_worker_with_nothing_to_do(env: Runtime) -> None:
    """Issue 20 item 3: ``--lanes`` names registered channels; ``--lanes none --no-passes``
    would leave the worker idle for ever."""
    r = runner.invoke(app, ["worker", "--once", "--lanes", "slack_dm,pigeon"])
    assert r.exit_code == 1 and "unknown delivery lane(s) pigeon" in r.output, r.output
    r = runner.invoke(app, ["worker", "--once", "--lanes", "none", "--no-passes"])
    assert r.exit_code == 1 and "nothing to do" in r.output, r.output
    r = runner.invoke(app, ["worker", "--once", "--lanes", "notify_email,slack_dm", "--no-passes"])
    assert r.exit_code == 0 and "processed 0 item(s)" in r.output, r.output
