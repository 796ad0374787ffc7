"""HubSpot import (issue 19 items 2, 4, 5): display-name headers, CSV and XLSX, owners by
name, duplicates, free-mail contacts, lead statuses, bad rows, re-runs."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from salesops.accounts.models import Account, Contact
from salesops.flows.imports.service import Options, import_hubspot
from salesops.opportunities.models import Opportunity, OpportunityContactRole
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_user
from tests.imports.helpers import DATA, NOW, counts, rows

HUBSPOT = DATA / "hubspot"


@pytest.fixture
def team(rt: Runtime) -> dict[str, int]:
    return {
        "ana": make_user(rt, "ana@ourco.com", name="Ana Alvarez").id,
        "ben": make_user(rt, "ben@ourco.com", name="Ben Baker").id,
    }


def to_xlsx(src: Path, dest: Path) -> Path:
    """The same rows as an XLSX workbook (numbers and dates typed, as HubSpot writes them)."""
    from datetime import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    with src.open(newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            cells: list[object] = []
            for value in row:
                if i and value.isdigit():
                    cells.append(int(value))
                elif i and len(value) == 16 and value[4] == "-" and value[10] == " ":
                    cells.append(datetime.strptime(value, "%Y-%m-%d %H:%M"))  # noqa: DTZ007
                else:
                    cells.append(value or None)
            sheet.append(cells)
    book.save(dest)
    return dest


def run(
    rt: Runtime, tmp_path: Path, folder: Path = HUBSPOT, ext: str = "csv", **kw: object
) -> dict:  # type: ignore[type-arg]
    files = {n: folder / f"{n}.{ext}" for n in ("companies", "contacts", "deals")}
    opts = Options(errors=tmp_path / "errors.csv", now=NOW, **kw)  # type: ignore[arg-type]
    return import_hubspot(rt, opts, **files).as_dict()


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_hubspot_export_imports(
    rt: Runtime, team: dict[str, int], tmp_path: Path, ext: str
) -> None:
    folder = HUBSPOT
    if ext == "xlsx":
        folder = tmp_path / "xlsx"
        folder.mkdir()
        for n in ("companies", "contacts", "deals"):
            to_xlsx(HUBSPOT / f"{n}.csv", folder / f"{n}.xlsx")
    report = run(rt, tmp_path, folder, ext)
    accts = {a.domain: a for a in rows(rt, Account)}
    # M-2: de.starkindustries.com is starkindustries.com — merged, first owner kept (M-3)
    assert report["objects"]["company"]["merged"] == 1
    assert report["objects"]["company"]["errors"] == 1  # "many" employees
    assert accts["wayneenterprises.com"].owner_id == team["ana"]  # owner by name
    # "Somebody Else" is no user: unowned until the merged duplicate brings Ben (M-3)
    assert accts["starkindustries.com"].owner_id == team["ben"]
    assert "Somebody Else" in report["unknown_owners"]
    assert accts["wayneenterprises.com"].us_state == "NJ"
    contacts = {c.email: c for c in rows(rt, Contact)}
    assert "bad-email@" not in contacts
    assert contacts["pepper@starkindustries.com"].account_id == accts["starkindustries.com"].id
    assert report["objects"]["contact"]["merged"] == 1  # Pepper@StarkIndustries.com (M-1)
    happy = contacts["happy.hogan@gmail.com"]
    assert happy.account_id not in {a.id for a in accts.values() if a.domain}  # free mail
    # leads: a lead status (or a lead lifecycle stage) makes a lead task (L-1)
    tasks = {t.source_ref.rsplit(":", 1)[1]: t for t in rows(rt, Task)}
    assert tasks["7002"].status == "Working"
    assert tasks["7003"].status == "New" and tasks["7003"].owner_id == team["ben"]
    assert tasks["7005"].status == "Unqualified"
    assert "7001" not in tasks  # a customer without a lead status: no task
    assert report["objects"]["lead"]["errors"] == 1  # "Sleeping"
    # deals: stages, record types, contacts
    opps = {o.name: o for o in rows(rt, Opportunity)}
    assert set(opps) == {"Wayne - Annual", "Stark - Expansion", "Wayne - Lost"}
    stark = opps["Stark - Expansion"]
    assert (stark.stage, stark.record_type, stark.forecast_category) == (
        "Commercial Agreement",
        "New Revenue – Existing Customer",
        "Commit",
    )
    assert opps["Wayne - Annual"].is_won and opps["Wayne - Lost"].forecast_category == "Omitted"
    roles = rows(rt, OpportunityContactRole, OpportunityContactRole.opportunity_id == stark.id)
    assert len(roles) == 2
    assert accts["wayneenterprises.com"].customer_status == "paying"
    with (tmp_path / "errors.csv").open() as f:
        errors = list(csv.DictReader(f))
    assert len(errors) == 4 and {e["file"] for e in errors} == {
        f"companies.{ext}",
        f"contacts.{ext}",
        f"deals.{ext}",
    }
    # a re-run changes nothing (item 5)
    before = counts(rt, "accounts", "contacts", "tasks", "opportunities", "decisions")
    again = run(rt, tmp_path, folder, ext)
    assert again["totals"]["created"] == again["totals"]["updated"] == 0
    assert counts(rt, "accounts", "contacts", "tasks", "opportunities", "decisions") == before


def test_hubspot_command(
    rt: Runtime, team: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from salesops.cli import app

    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    r = CliRunner().invoke(
        app,
        [
            "import",
            "hubspot",
            "--companies",
            str(HUBSPOT / "companies.csv"),
            "--contacts",
            str(HUBSPOT / "contacts.csv"),
            "--deals",
            str(HUBSPOT / "deals.csv"),
            "--errors",
            str(tmp_path / "e.csv"),
            "--dry-run",
            "--quiet",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "would be created" in r.output
    assert counts(rt, "accounts")["accounts"] == 0
