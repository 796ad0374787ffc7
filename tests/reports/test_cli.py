"""``salesops report NAME`` prints the same rows as the API (issue 18: "the CLI prints the
same rows"; V-1 … V-7)."""

from __future__ import annotations

import json

import pytest
import time_machine
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from salesops.reports.registry import REPORTS
from tests.factories import token_for
from tests.reports.conftest import NOW, World


@pytest.fixture
def cli(world: World, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    import salesops.cli as root

    monkeypatch.setattr(root, "runtime", lambda: world.rt)
    return root.app


def test_cli_json_and_csv_equal_the_api(world: World, cli, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    client.headers["Authorization"] = f"Bearer {token_for(world.rt, world.admin)}"
    runner = CliRunner()
    for name in REPORTS:
        args = ["--from", "2026-01-01", "--to", "2026-03-31"]
        query = "from=2026-01-01&to=2026-03-31"
        with time_machine.travel(NOW, tick=False):
            out = runner.invoke(cli, ["report", name, *args, "--format", "json"])
            api = client.get(f"/api/v1/reports/{name}?{query}").json()
            csv_out = runner.invoke(cli, ["report", name, *args, "--format", "csv"])
            api_csv = client.get(f"/api/v1/reports/{name}?{query}&format=csv").text
        assert out.exit_code == 0, out.output
        assert json.loads(out.stdout) == api, name
        assert csv_out.stdout.replace("\r\n", "\n") == api_csv.replace("\r\n", "\n"), name


def test_cli_table_as_of_and_errors(world: World, cli) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    with time_machine.travel(NOW, tick=False):
        r = runner.invoke(cli, ["report", "forecast", "--as-of", "2026-01-11"])
        assert r.exit_code == 0, r.output
        assert "2026-Q1" in r.output and "10000" in r.output and '"arr": 40000.0' in r.output
        r = runner.invoke(cli, ["report", "nonsense"])
        assert r.exit_code == 1 and "unknown report" in r.output
        r = runner.invoke(cli, ["report", "funnel", "--from", "soon"])
        assert r.exit_code == 1 and "from" in r.output
        r = runner.invoke(cli, ["report", "forecast-movements", "--from", "2026-01-31"])
        assert r.exit_code == 0 and "up" in r.output
        r = runner.invoke(
            cli, ["report", "forecast", "--as", "bob@example.com", "--format", "json"]
        )
        owners = {row["owner_id"] for row in json.loads(r.stdout)["rows"]}
        assert owners == {world.bob.id}
