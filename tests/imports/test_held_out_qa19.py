"""Held-out check qa19 (issue 19): a Salesforce Data Export written as a customer's org
produces it (UTF-8 with a BOM, CRLF and LF files, quoted fields with newlines and commas,
15- and 18-character ids mixed across files, deleted rows, custom fields, queue and
unknown owners, converted leads, a custom lead status, no Event.csv) and European
spreadsheet values, imported and checked the way a careful person would."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from salesops.accounts.models import Account, Contact
from salesops.flows.imports import values as v
from salesops.flows.imports.service import Options, import_generic, import_salesforce
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_user
from tests.imports.helpers import DATA, NOW, rows

HELD_OUT = DATA / "salesforce_qa19"


@pytest.fixture
def team(rt: Runtime) -> dict[str, int]:
    return {
        n: make_user(rt, f"{n}@example.com", name=n.title()).id for n in ("anna", "ben", "olga")
    }


def opts(tmp_path: Path) -> Options:
    return Options(errors=tmp_path / "errors.csv", now=NOW)


def test_held_out_salesforce_export_counts_errors_and_rerun(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """Items 1, 5: deleted rows left out, the converted lead skipped, bad rows with the
    file and the line their record starts on (quoted newlines counted), M-1/M-2 merges
    across 15- and 18-character ids; the second run changes nothing."""
    report = import_salesforce(rt, HELD_OUT, opts(tmp_path)).as_dict()
    c = report["objects"]
    assert (c["Account"]["created"], c["Account"]["merged"]) == (8, 1)  # acme.com twice
    assert (c["Contact"]["created"], c["Contact"]["merged"], c["Contact"]["errors"]) == (7, 1, 2)
    assert (c["Opportunity"]["created"], c["Opportunity"]["errors"]) == (7, 2)
    assert c["OpportunityContactRole"]["created"] == 3
    with (tmp_path / "errors.csv").open(newline="") as f:
        errors = {(r["file"], r["line"]) for r in csv.DictReader(f)}
    assert {("Contact.csv", "10"), ("Lead.csv", "8"), ("Opportunity.csv", "9")} <= errors
    again = import_salesforce(rt, HELD_OUT, opts(tmp_path)).as_dict()["objects"]
    assert all(n["created"] == n["updated"] == n["merged"] == 0 for n in again.values())


def test_held_out_placeholder_company_names_the_free_mail_account_after_the_person(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """M-2: a free-mail lead whose Company is web-to-lead's "[not provided]" gave no
    company, so their own account is named after them, not "[not provided]"."""
    import_salesforce(rt, HELD_OUT, opts(tmp_path))
    contact = next(c for c in rows(rt, Contact) if c.email == "fred.free@yahoo.com")
    account = next(a for a in rows(rt, Account) if a.id == contact.account_id)
    assert account.name == "Fred Free" and account.domain is None
    task = next(t for t in rows(rt, Task) if t.contact_id == contact.id)
    assert "not provided" not in task.title


def test_held_out_existing_customer_type_wins_over_a_generic_record_type(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """Q-1: the org's "New Business" record type with Type "Existing Customer - Upgrade"
    on a paying account is an upsell (New Revenue – Existing Customer), not New Revenue
    (which requires a never-paying account); a Renewal record type still goes to the
    renewal pipeline and a "New Customer" stays New Revenue."""
    import_salesforce(rt, HELD_OUT, opts(tmp_path))
    deals = {o.name: o for o in rows(rt, Opportunity)}
    assert deals["Acme - expansion"].record_type == "New Revenue – Existing Customer"
    assert deals["Acme - 500 seats"].record_type == "New Revenue"
    assert deals["Umbrella renewal 2027"].record_type == "Renewal"
    assert deals["Umbrella renewal 2027"].pipeline == "renewal"


def test_european_counts_and_day_first_dates_read_as_written(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """Item 3 (exports from anything else): a German spreadsheet's "1.200" employees is
    1200 (it was read as 1.2 and cut to 1, silently), and "31/12/2026" is a date (only
    month-first was read); a month-first date stays month-first."""
    assert v.whole("1.200", "employees") == 1200
    assert v.whole("12.500.000", "employees") == 12_500_000
    assert v.whole("1,200", "employees") == 1200
    # amounts too (q19): no export writes three decimals, so dotted groups are thousands
    assert v.money("2.000", "amount") == Decimal("2000.00")
    assert v.money("€ 12.500.000", "amount") == Decimal("12500000.00")
    assert v.money("2.5", "amount") == Decimal("2.50")
    assert v.money("1234.567", "amount") == Decimal("1234.57")  # not groups of three
    assert v.money("1.234,50", "amount") == Decimal("1234.50")
    assert v.day("31/12/2026", "close date") == date(2026, 12, 31)
    assert v.day("12/24/2026", "close date") == date(2026, 12, 24)
    orgs = tmp_path / "orgs.csv"
    orgs.write_bytes(b"Org;Name;Web;Mitarbeiter\r\n1;Beispiel GmbH;www.beispiel.de;1.200\r\n")
    cols = tmp_path / "cols.yaml"
    cols.write_text("id: Org\nname: Name\nwebsite: Web\nemployees: Mitarbeiter\n")
    import_generic(rt, opts(tmp_path), object_name="accounts", path=orgs, columns=cols)
    (account,) = rows(rt, Account)
    assert account.employee_count == 1200


def test_a_later_lead_file_alone_still_finds_the_owners_an_earlier_run_matched(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """Items 1, 5 (a later export updates what changed): User.csv matched once is
    remembered, so a Lead.csv imported alone (one file uploaded) keeps its owners; they
    were all reported unknown and left unowned — for good, as re-runs are unchanged."""
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for name in ("User.csv", "Account.csv"):
        shutil.copy(HELD_OUT / name, first / name)
    shutil.copy(HELD_OUT / "Lead.csv", later / "Lead.csv")
    import_salesforce(rt, first, opts(tmp_path))
    report = import_salesforce(rt, later, opts(tmp_path)).as_dict()
    assert list(report["unknown_owners"]) == ["00G5g00000QuEuEEAV"]  # the queue only
    owners = {
        c.email: t.owner_id
        for t in rows(rt, Task)
        for c in rows(rt, Contact)
        if c.id == t.contact_id
    }
    assert owners["nina@piedpiper.com"] == team["anna"]
    assert owners["walt@vandelay.com"] == team["ben"]
    assert owners["quinn@tyrell.com"] is None
