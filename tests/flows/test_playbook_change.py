"""P-2: a playbook change is checked against live records; R-8: its impact is visible
(issue 16 item 5). API and CLI; SQLite and PostgreSQL (conftest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from salesops.cli import app as cli
from salesops.core.audit import Decision
from salesops.opportunities.models import Opportunity
from salesops.playbook.loader import default_playbook_text
from salesops.playbook.models import PlaybookVersion
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task, make_user, token_for
from tests.flows.test_playbook_orphans import _world

runner = CliRunner()
RENAMED = default_playbook_text().replace("- name: Problem Agreement", "- name: Problem Agreed")


@pytest.fixture
def env(rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> Runtime:
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    return rt


def _api(rt: Runtime, client: TestClient) -> TestClient:
    boss = make_user(rt, "boss@example.com", role="admin")
    client.headers["Authorization"] = f"Bearer {token_for(rt, boss)}"
    return client


def _versions(rt: Runtime) -> int:
    with rt.uow(readonly=True) as s:
        return int(s.scalar(select(func.count()).select_from(PlaybookVersion)) or 0)


def _stages(rt: Runtime) -> list[str]:
    with rt.uow(readonly=True) as s:
        return list(s.scalars(select(Opportunity.stage).order_by(Opportunity.id)))


def test_p2_renaming_a_stage_live_deals_use_is_refused_naming_them(
    rt: Runtime, client: TestClient
) -> None:
    _, deal_ids, _ = _world(rt)
    api = _api(rt, client)
    before = _versions(rt)
    r = api.post("/api/v1/playbook/versions", json={"content": RENAMED})
    assert r.status_code == 409, r.text
    body = r.json()
    assert "1 deal has the deal stage 'Problem Agreement'" in body["detail"]
    assert f"deal #{deal_ids[0]} Orphan — New Revenue" in body["detail"]
    assert "map it to a current deal stage" in body["detail"]
    (gone,) = body["affected"]
    assert (gone["field"], gone["count"], gone["pipeline"]) == ("stage", 1, "new_business")
    assert "Problem Agreed" in gone["allowed"]
    assert _versions(rt) == before and _stages(rt)[0] == "Problem Agreement"
    # the read-only check says the same without a write
    checked = api.post("/api/v1/playbook/check", json={"content": RENAMED}).json()
    assert checked["ok"] is False and checked["affected"][0]["examples"] == [
        f"deal #{deal_ids[0]} Orphan — New Revenue"
    ]


def test_p2_a_mapping_moves_the_records_in_the_activation_and_is_recorded(
    rt: Runtime, client: TestClient
) -> None:
    _, deal_ids, _ = _world(rt)
    api = _api(rt, client)
    bad = {"stage": {"Problem Agreement": "Nowhere"}}
    r = api.post("/api/v1/playbook/versions", json={"content": RENAMED, "mapping": bad})
    assert r.status_code == 409
    assert "mapped to 'Nowhere', which is not a deal stage" in r.json()["detail"]
    good = {"stage": {"Problem Agreement": "Problem Agreed"}}
    r = api.post("/api/v1/playbook/versions", json={"content": RENAMED, "mapping": good})
    assert r.status_code == 201, r.text
    version = r.json()["version"]
    assert r.json()["moved"][0]["count"] == 1
    assert _stages(rt)[0] == "Problem Agreed"
    with rt.uow(readonly=True) as s:
        d = s.scalars(select(Decision).where(Decision.kind == "playbook_mapping")).one()
        assert (d.subject_id, d.playbook_version, d.rule_ids) == (version, version, ["P-2"])
        assert d.inputs["mapping"] == {"stage": {"Problem Agreement": "Problem Agreed"}}
    page = api.get(f"/api/v1/opportunities/{deal_ids[0]}").json()
    assert page["stage"] == "Problem Agreed"


def test_p2_cli_load_refuses_then_accepts_with_map(env: Runtime, tmp_path: Path) -> None:
    _world(env)
    file = tmp_path / "renamed.yaml"
    file.write_text(RENAMED.replace("- name: No Budget\n", "- name: Budget Missing\n"))
    r = runner.invoke(cli, ["playbook", "load", str(file)])
    assert r.exit_code == 1
    assert "disqualification reason 'No Budget'" in r.output
    assert "deal stage 'Problem Agreement'" in r.output
    r = runner.invoke(
        cli,
        ["playbook", "load", str(file), "--map", "stage:Problem Agreement=Problem Agreed",
         "--map", "disqualification_reason:No Budget=Budget Missing"],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "moved 1 lead tasks: disqualification reason 'No Budget' → 'Budget Missing'" in r.output
    with env.uow(readonly=True) as s:
        reasons = set(s.scalars(select(Task.disqualification_reason)))
    assert reasons == {None, "Budget Missing"}
    r = runner.invoke(cli, ["playbook", "load", str(file), "--map", "stage-no-colon"])
    assert r.exit_code == 1 and "FIELD:OLD=NEW" in r.output


# -- impact preview -------------------------------------------------------------

DE_TO_ASIA = (
    default_playbook_text()
    .replace("CY, CZ, DE, DJ,", "CY, CZ, DJ,")
    .replace("countries: [AE, AF,", "countries: [DE, AE, AF,")
)


def _leads(rt: Runtime) -> None:
    make_user(rt, "eu@example.com", territory="Europe & Africa")
    make_user(rt, "asia@example.com", territory="Asia & Middle East")
    for i, country in enumerate(["DE", "DE", "FR", "JP"]):
        account = make_account(rt, f"Co{i}", country=country)
        contact = make_contact(rt, f"p{i}@co{i}.com", account_id=account.id)
        make_task(rt, account, contact, sales_form_message="we want a demo for 20 seats")


def test_r8_impact_preview_shows_territory_and_owner_changes_and_writes_nothing(
    rt: Runtime, client: TestClient
) -> None:
    _leads(rt)
    api = _api(rt, client)
    with rt.uow(readonly=True) as s:
        decisions = s.scalar(select(func.count()).select_from(Decision))
    r = api.post("/api/v1/playbook/impact", json={"content": DE_TO_ASIA, "days": 90})
    assert r.status_code == 200, r.text
    rep = r.json()
    assert rep["leads"] == 4 and rep["territories"]["changed"] == 2
    counts = {c["territory"]: (c["before"], c["after"]) for c in rep["territories"]["counts"]}
    assert counts["Europe & Africa"] == (3, 1) and counts["Asia & Middle East"] == (1, 3)
    loads = {c["owner"]: (c["before"], c["after"]) for c in rep["owners"]["loads"]}
    assert loads["eu@example.com"] == (3, 1) and loads["asia@example.com"] == (1, 3)
    assert "Europe & Africa → Asia & Middle East" in rep["territories"]["examples"][0]
    assert rep["classifications"]["changed"] == 0 and rep["live_data"]["ok"] is True
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == decisions
    bad = api.post("/api/v1/playbook/impact", json={"content": "territories: 3"})
    assert bad.status_code == 422 and "territories" in bad.text


def test_r8_impact_cli_table_and_json(env: Runtime, tmp_path: Path) -> None:
    _leads(env)
    file = tmp_path / "draft.yaml"
    file.write_text(DE_TO_ASIA)
    r = runner.invoke(cli, ["playbook", "impact", str(file), "--days", "30"])
    assert r.exit_code == 0, r.output
    assert "Replayed 4 leads of the last 30 days" in r.output
    assert "Leads per territory — 2 leads change" in r.output
    r = runner.invoke(cli, ["playbook", "impact", str(file), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["owners"]["changed"] == 2
