"""The CLI calls the same services (Q-4, Q-10, X-1)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from salesops.playbook.runtime import Runtime
from tests.factories import make_account, make_user


def test_cli_opportunity_stage_hygiene_and_deliveries(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    import salesops.cli as cli
    from salesops.core import clock
    from salesops.opportunities import service

    monkeypatch.setattr(cli, "runtime", lambda: rt)
    rep = make_user(rt, "rep@example.com", password=None)
    account = make_account(rt, "Acme")
    with rt.uow() as s:
        opp = service.create_opportunity(
            s,
            s.get(service.User, rep.id),
            {"account_id": account.id, "record_type": "New Revenue"},
            clock.now(),
        )
    runner = CliRunner()
    r = runner.invoke(
        cli.app,
        ["opportunities", "stage", str(opp.id), "Solution Agreement", "--as", "rep@example.com"],
    )
    assert r.exit_code == 1 and "Quantified pain" in r.output and "quantified_pain" not in r.output
    r = runner.invoke(
        cli.app,
        [
            "opportunities",
            "stage",
            str(opp.id),
            "Closed Lost",
            "--as",
            "rep@example.com",
            "--loss-reason",
            "Pricing",
        ],
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli.app, ["opportunities", "list"])
    assert "Closed Lost" in r.output
    r = runner.invoke(cli.app, ["deliveries", "list", "--state", "dead"])
    assert r.exit_code == 0
    r = runner.invoke(cli.app, ["deliveries", "list", "--state", "bogus"])
    assert r.exit_code == 1
