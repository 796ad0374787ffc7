"""Held-out check q19 (issue 19): a generated Salesforce Data Export of a few hundred rows
per object, imported through the CLI (dry run first) and checked through the HTTP API
against numbers computed from the rows (tests/imports/heldout_q19.py)."""

from __future__ import annotations

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from salesops.cli import app
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from tests.factories import make_user
from tests.imports import heldout_q19 as gen
from tests.imports import heldout_q19_hubspot as hs
from tests.imports.helpers import counts
from tests.imports.test_export_restore import fresh, pipeline_totals, report_totals

__all__ = ["fresh"]  # the fixture, used by name

runner = CliRunner()


@pytest.fixture
def team(rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    return {
        m: make_user(rt, m, name=m.split("@")[0].title()).id
        for m in ("anna@ourco.com", "ben@ourco.com", "olga@ourco.com")
    }


def cli(*args: str) -> str:
    r = runner.invoke(app, ["import", *args, "--quiet"])
    assert r.exit_code == 0, r.output + repr(r.exception)
    return r.output


def every(client: TestClient, path: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        r = client.get(f"/api/v1/{path}", params={"limit": 500, "offset": offset}, headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["items"]
        offset = body["next_offset"]
    return out


def test_salesforce_export_through_the_cli_checked_through_the_api(
    rt: Runtime,
    team: dict[str, int],
    client: TestClient,
    admin_headers: dict[str, str],
    tmp_path: Path,
) -> None:
    export = tmp_path / "export"
    e = gen.salesforce(export)
    errors = tmp_path / "errors.csv"
    before = counts(rt, "accounts", "contacts", "tasks", "opportunities")
    dry = cli("salesforce", str(export), "--dry-run", "--errors", str(errors))
    assert counts(rt, "accounts", "contacts", "tasks", "opportunities") == before, dry
    real = cli("salesforce", str(export), "--errors", str(errors))

    accounts = every(client, "accounts", admin_headers)
    contacts = every(client, "contacts", admin_headers)
    tasks = every(client, "tasks", admin_headers)
    opps = every(client, "opportunities", admin_headers)
    assert len(accounts) == e.accounts, real
    assert len(contacts) == e.contacts, real
    assert len(opps) == e.opps, real
    assert len(tasks) == e.lead_tasks, real
    assert Counter(t["status"] for t in tasks) == Counter(e.statuses)

    assert sum(Decimal(str(o["amount"])) for o in opps) == e.amount
    won = [o for o in opps if o["is_won"]]
    assert (len(won), sum(Decimal(str(o["amount"])) for o in won)) == (e.won, e.won_amount)
    by_id = {v: k for k, v in team.items()}
    assert {o["name"]: by_id.get(o["owner_id"]) for o in opps} == e.opp_owner
    assert {o["name"]: o["close_date"] for o in opps} == e.close

    # M-2: a free-mail contact without a company has an account of its own
    per_account = Counter(c["account_id"] for c in contacts)
    for c in contacts:
        if c["email"] in e.free_mail_alone:
            assert per_account[c["account_id"]] == 1, c

    with errors.open(newline="") as f:
        bad = {(r["file"], int(r["line"])): r["reason"] for r in csv.DictReader(f)}
    assert e.bad <= set(bad), sorted(bad)
    assert all(reason for reason in bad.values())

    again = cli("salesforce", str(export), "--errors", str(errors))
    after = counts(rt, "accounts", "contacts", "tasks", "opportunities", "decisions")
    assert cli("salesforce", str(export), "--errors", str(errors)) == again
    assert counts(rt, "accounts", "contacts", "tasks", "opportunities", "decisions") == after

    gen.salesforce(export, later=True)
    cli("salesforce", str(export), "--errors", str(errors))
    moved = every(client, "opportunities", admin_headers)
    changed = {o["name"] for o in moved} and {
        o["name"] for o in moved if (o["stage"], o["amount"]) != _stage_amount(opps, o["id"])
    }
    assert len(changed) == 4 + 1, changed  # 4 open deals won (one already closed), 1 amount
    assert counts(rt, "accounts", "contacts", "tasks", "opportunities") == {
        k: v for k, v in after.items() if k != "decisions"
    }


def _stage_amount(opps: list[dict[str, Any]], oid: int) -> tuple[str, Any]:
    o = next(o for o in opps if o["id"] == oid)
    return o["stage"], o["amount"]


def test_hubspot_export_through_the_cli_checked_through_the_api(
    rt: Runtime,
    team: dict[str, int],
    client: TestClient,
    admin_headers: dict[str, str],
    tmp_path: Path,
) -> None:
    e, f = hs.hubspot(tmp_path / "hs")
    errors = tmp_path / "errors.csv"
    args = ["hubspot", "--companies", str(f["companies"]), "--contacts", str(f["contacts"])]
    args += ["--deals", str(f["deals"]), "--errors", str(errors)]
    cli(*args, "--dry-run")
    assert counts(rt, "accounts", "contacts", "opportunities") == {
        "accounts": 0,
        "contacts": 0,
        "opportunities": 0,
    }
    real = cli(*args)
    accounts = every(client, "accounts", admin_headers)
    contacts = every(client, "contacts", admin_headers)
    tasks = every(client, "tasks", admin_headers)
    opps = every(client, "opportunities", admin_headers)
    assert len(accounts) == e.accounts, real
    assert len(contacts) == e.contacts, real
    assert len(tasks) == e.lead_tasks, real
    assert Counter(t["status"] for t in tasks) == Counter(e.statuses)
    assert len(opps) == e.opps, real
    assert sum(Decimal(str(o["amount"])) for o in opps) == e.amount
    won = [o for o in opps if o["is_won"]]
    assert (len(won), sum(Decimal(str(o["amount"])) for o in won)) == (e.won, e.won_amount)
    assert {o["name"]: o["close_date"] for o in opps} == e.close
    by_id = {v: k for k, v in team.items()}
    assert {o["name"]: by_id.get(o["owner_id"]) for o in opps} == e.opp_owner
    per_account = Counter(c["account_id"] for c in contacts)
    for c in contacts:
        if c["email"] in e.free_mail_alone:
            assert per_account[c["account_id"]] == 1, c
    with errors.open(newline="") as fh:
        bad = {(r["file"], int(r["line"])) for r in csv.DictReader(fh)}
    assert e.bad <= bad, sorted(bad)
    after = counts(rt, "accounts", "contacts", "tasks", "opportunities", "decisions")
    cli(*args)
    assert counts(rt, "accounts", "contacts", "tasks", "opportunities", "decisions") == after
    # a later export: one deal won, nothing else moves
    text = f["deals"].read_text(encoding="utf-8")
    f["deals"].write_text(text.replace("HS deal 0,appointmentscheduled", "HS deal 0,closedwon"))
    later = cli(*args)
    assert "created 0, updated 1," in later, later
    won_now = {o["name"] for o in every(client, "opportunities", admin_headers) if o["is_won"]}
    assert won_now == {o["name"] for o in won} | {"HS deal 0"}


def test_both_exports_round_trip_from_sqlite_into_the_test_database(
    rt: Runtime, fresh: Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 6: the held-out data imported into SQLite through the CLI, `salesops export`,
    `salesops import salesops` into the test backend (PostgreSQL in its half): the same
    counts, pipeline and report totals, and a re-import there changes nothing."""
    for mail in ("anna@ourco.com", "ben@ourco.com", "olga@ourco.com"):
        make_user(fresh, mail, name=mail.split("@")[0].title())
    monkeypatch.setenv("SALESOPS_DATABASE_URL", fresh.db.url)
    gen.salesforce(tmp_path / "sf")
    _, f = hs.hubspot(tmp_path / "hs")
    cli("salesforce", str(tmp_path / "sf"), "--errors", str(tmp_path / "e.csv"))
    hub = ["--companies", str(f["companies"]), "--contacts", str(f["contacts"])]
    cli("hubspot", *hub, "--deals", str(f["deals"]), "--errors", str(tmp_path / "e.csv"))
    r = runner.invoke(app, ["export", str(tmp_path / "dump")])
    assert r.exit_code == 0, r.output
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    r = runner.invoke(app, ["import", "salesops", str(tmp_path / "dump")])
    assert r.exit_code == 0, r.output
    names = ("users", "accounts", "contacts", "tasks", "opportunities", "decisions")
    assert counts(rt, *names) == counts(fresh, *names)
    assert pipeline_totals(rt) == pipeline_totals(fresh)
    assert report_totals(rt) == report_totals(fresh)
    before = counts(rt, *names)
    cli("salesforce", str(tmp_path / "sf"), "--errors", str(tmp_path / "e.csv"))
    assert counts(rt, *names) == before


def test_a_hubspot_pipeline_mapped_to_renewal_wins_over_the_deal_type(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """Q-1: HubSpot's "Pipeline" is the deal's record type, as Salesforce's RecordTypeId
    is, so a deal of the "Renewals" pipeline (`record_types`: Renewals → Renewal) is a
    renewal even with Deal Type "Existing Business"; a deal of the default pipeline
    still reads its Deal Type (an upsell)."""
    deals = tmp_path / "deals.csv"
    deals.write_text(
        "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Deal Type,"
        "Associated Company IDs (Primary)\n"
        '1,Renew Co,Commercial & Legal Review,Renewals,"1,234.50",2027-03-05 00:00,'
        "Existing Business,9\n"
        "2,Upsell Co,contractsent,Sales Pipeline,500,03/05/2027,Existing Business,9\n",
        encoding="utf-8",
    )
    companies = tmp_path / "companies.csv"
    companies.write_text("Record ID,Company name,Company Domain Name\n9,Co,co.example\n")
    out = cli(
        "hubspot",
        "--companies",
        str(companies),
        "--deals",
        str(deals),
        "--errors",
        str(tmp_path / "e.csv"),
    )
    with rt.uow(readonly=True) as s:
        got = {o.name: (o.pipeline, o.record_type) for o in s.scalars(select(Opportunity))}
    assert got == {
        "Renew Co": ("renewal", "Renewal"),
        "Upsell Co": ("new_business", "New Revenue – Existing Customer"),
    }, out
