"""Held-out-style checks of the importers (issue 19, qa19): small export files written by
the tests themselves with the real column headers, in the shapes the real exports have
(UTF-8 BOM, CRLF, quoted multi-line fields)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import update

from salesops.accounts.models import Account, Contact
from salesops.flows.imports.service import Options, import_hubspot, import_salesforce
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users.models import User
from tests.factories import make_user
from tests.imports.helpers import NOW, rows


def write_csv(path: Path, header: list[str], data: list[list[str]]) -> Path:
    """As the exports write them: UTF-8 with a BOM, CRLF line ends, every field quoted."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    out.writerow(header)
    out.writerows(data)
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    return path


def deactivate(rt: Runtime, user_id: int) -> None:
    with rt.uow() as s:
        s.execute(update(User).where(User.id == user_id).values(active=False))


def test_salesforce_owner_who_is_a_deactivated_user_is_reported_and_left_unowned(
    rt: Runtime, tmp_path: Path
) -> None:
    """Issue 19 item 1 (unknown owners reported, left unowned) with R-7: a user who has left
    owns no imported open work; the import names them instead of handing them records."""
    ana = make_user(rt, "ana@ourco.com", name="Ana Alvarez")
    olga = make_user(rt, "olga@ourco.com", name="Olga Old")
    deactivate(rt, olga.id)
    src = tmp_path / "export"
    src.mkdir()
    write_csv(
        src / "User.csv",
        ["Id", "Username", "LastName", "FirstName", "Email", "IsActive"],
        [
            ["005Hs00000A1b2cIAB", "ana@sf.test", "Alvarez", "Ana", "ana@ourco.com", "true"],
            ["005Hs00000A1b2dIAB", "olga@sf.test", "Old", "Olga", "olga@ourco.com", "false"],
        ],
    )
    write_csv(
        src / "Account.csv",
        ["Id", "IsDeleted", "Name", "Website", "BillingCountry", "OwnerId"],
        [
            ["001Hs00000AbCdE", "false", "Umbrella, Inc.", "umbrella.com", "Germany",
             "005Hs00000A1b2d"],
            ["001Hs00000AbCdF", "false", "Initech", "initech.com", "Germany", "005Hs00000A1b2c"],
        ],
    )  # fmt: skip
    write_csv(
        src / "Lead.csv",
        ["Id", "IsDeleted", "LastName", "FirstName", "Company", "Email", "Status", "OwnerId",
         "IsConverted", "CreatedDate"],
        [["00QHs00000L1aaa", "false", "Three", "Tia", "Hooli", "tia@hooli.com",
          "Working - Contacted", "005Hs00000A1b2dIAB", "false", "2024-03-01T10:00:00.000Z"]],
    )  # fmt: skip
    write_csv(
        src / "Opportunity.csv",
        ["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "CloseDate",
         "OwnerId"],
        [["006Hs00000O1aaa", "false", "001Hs00000AbCdE", "Umbrella deal", "Prospecting",
          "$1,234.50", "2024-03-01", "005Hs00000A1b2d"]],
    )  # fmt: skip
    report = import_salesforce(rt, src, Options(errors=tmp_path / "e.csv", now=NOW)).as_dict()
    accounts = {a.domain: a for a in rows(rt, Account)}
    assert accounts["initech.com"].owner_id == ana.id
    assert accounts["umbrella.com"].owner_id is None
    assert [t.owner_id for t in rows(rt, Task)] == [None]
    assert [o.owner_id for o in rows(rt, Opportunity)] == [None]
    assert olga.id not in {a.owner_id for a in rows(rt, Account)}
    assert "olga@ourco.com" in " ".join(report["unknown_owners"].values())


def test_hubspot_owner_by_name_of_a_deactivated_user_is_left_unowned(
    rt: Runtime, tmp_path: Path
) -> None:
    """The same for HubSpot's owner names (issue 19 items 1, 2; R-7)."""
    make_user(rt, "ana@ourco.com", name="Ana Alvarez")
    olga = make_user(rt, "olga@ourco.com", name="Olga Old")
    deactivate(rt, olga.id)
    companies = write_csv(
        tmp_path / "companies.csv",
        ["Record ID", "Company name", "Company owner", "Company Domain Name",
         "Country/Region"],
        [["5001", "No Domain GmbH", "Olga Old", "", "Austria"],
         ["5002", "Acme", "olga@ourco.com", "acme.io", "Germany"]],
    )  # fmt: skip
    contacts = write_csv(
        tmp_path / "contacts.csv",
        ["Record ID", "First Name", "Last Name", "Email", "Contact owner", "Lead Status",
         "Associated Company IDs (Primary)"],
        [["101", "Al", "Gee", "al@gmail.com", "Olga Old", "New", ""]],
    )  # fmt: skip
    deals = write_csv(
        tmp_path / "deals.csv",
        ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount",
         "Pipeline", "Associated Company IDs (Primary)"],
        [["9001", "Acme deal", "Appointment Scheduled", "2024-03-01 10:00", "Olga Old",
          "1234.5", "Sales Pipeline", "5002"]],
    )  # fmt: skip
    opts = Options(errors=tmp_path / "e.csv", now=NOW)
    report = import_hubspot(rt, opts, companies=companies, contacts=contacts, deals=deals).as_dict()
    assert olga.id not in {a.owner_id for a in rows(rt, Account)}
    assert [t.owner_id for t in rows(rt, Task)] == [None]
    assert [o.owner_id for o in rows(rt, Opportunity)] == [None]
    assert report["unknown_owners"]


SF_STAGES = [
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Id. Decision Makers",
    "Perception Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
]


def test_salesforce_renewals_at_every_default_stage_import(rt: Runtime, tmp_path: Path) -> None:
    """Issue 19 item 1 ("defaulting to sensible name matches"), Q-5: a Renewal record type's
    opportunity at any of Salesforce's default stages maps to a renewal stage."""
    src = tmp_path / "export"
    src.mkdir()
    write_csv(
        src / "RecordType.csv",
        ["Id", "Name", "DeveloperName", "SobjectType", "IsActive"],
        [["0125e000000RnwAAAS", "Renewal", "Renewal", "Opportunity", "true"]],
    )
    write_csv(
        src / "Account.csv",
        ["Id", "IsDeleted", "Name", "Website"],
        [["001Hs00000AbCdE", "false", "Umbrella", "umbrella.com"]],
    )
    write_csv(
        src / "Opportunity.csv",
        ["Id", "IsDeleted", "AccountId", "RecordTypeId", "Name", "StageName", "Amount",
         "CloseDate", "Type"],
        [[f"006Hs00000O1a{i:02d}", "false", "001Hs00000AbCdE", "0125e000000RnwAAAS",
          f"Renewal {i}", stage, "1000", "2024-03-01", "Existing Customer - Upgrade"]
         for i, stage in enumerate(SF_STAGES)],
    )  # fmt: skip
    report = import_salesforce(rt, src, Options(errors=tmp_path / "e.csv", now=NOW)).as_dict()
    assert report["objects"]["Opportunity"]["errors"] == 0, (tmp_path / "e.csv").read_text()
    opps = {o.name: o for o in rows(rt, Opportunity)}
    assert {o.record_type for o in opps.values()} == {"Renewal"}
    assert opps["Renewal 4"].stage == "Product Evaluation"  # Id. Decision Makers
    assert opps["Renewal 5"].stage == "Product Evaluation"  # Perception Analysis
    assert opps["Renewal 8"].stage == "Closed Won"


def test_hubspot_subscriber_without_lead_status_is_a_contact_not_a_lead_task(
    rt: Runtime, tmp_path: Path
) -> None:
    """Issue 19 item 2 (docs/imports.md): only a "Lead Status" or a lead lifecycle stage
    (Lead, MQL, SQL) makes a lead task (L-1); a newsletter Subscriber is only a contact."""
    companies = write_csv(
        tmp_path / "companies.csv",
        ["Record ID", "Company name", "Company Domain Name"],
        [["1", "Foo", "foo.com"]],
    )
    contacts = write_csv(
        tmp_path / "contacts.csv",
        ["Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage", "Lead Status",
         "Associated Company IDs (Primary)"],
        [["11", "Sub", "Scriber", "sub@foo.com", "Subscriber", "", "1"],
         ["12", "Marketing", "Lead", "mql@foo.com", "Marketing Qualified Lead", "", "1"],
         ["13", "Sub", "Working", "subw@foo.com", "Subscriber", "In Progress", "1"]],
    )  # fmt: skip
    deals = write_csv(tmp_path / "deals.csv", ["Record ID", "Deal Name", "Deal Stage"], [])
    opts = Options(errors=tmp_path / "e.csv", now=NOW)
    import_hubspot(rt, opts, companies=companies, contacts=contacts, deals=deals)
    emails = {c.id: c.email for c in rows(rt, Contact)}
    assert len(emails) == 3
    tasks = {emails[t.contact_id]: t.status for t in rows(rt, Task)}
    assert tasks == {"mql@foo.com": "New", "subw@foo.com": "Working"}


def test_amounts_with_a_decimal_comma_are_read_not_scaled(rt: Runtime, tmp_path: Path) -> None:
    """Issue 19 item 5 (a bad number is a bad row, never a wrong one): amounts written by a
    European-locale export ("1.234,50", "1 234,50") keep their value (Q-3 amount)."""
    companies = write_csv(
        tmp_path / "companies.csv",
        ["Record ID", "Company name", "Company Domain Name", "Annual Revenue"],
        [["1", "Foo", "foo.com", "2.500.000,00"]],
    )
    contacts = write_csv(tmp_path / "contacts.csv", ["Record ID", "Email"], [])
    deals = write_csv(
        tmp_path / "deals.csv",
        ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Amount", "Pipeline",
         "Associated Company IDs (Primary)"],
        [["21", "Euro", "Contract Sent", "2024-03-01", "€1.234,50", "Sales Pipeline", "1"],
         ["22", "Spaced", "Contract Sent", "2024-03-01", "1 234,50", "Sales Pipeline", "1"],
         ["23", "US", "Contract Sent", "2024-03-01", "$1,234.50", "Sales Pipeline", "1"],
         ["24", "Plain", "Contract Sent", "2024-03-01", "1234.5", "Sales Pipeline", "1"]],
    )  # fmt: skip
    opts = Options(errors=tmp_path / "e.csv", now=NOW)
    import_hubspot(rt, opts, companies=companies, contacts=contacts, deals=deals)
    amounts = {o.name: str(o.amount) for o in rows(rt, Opportunity)}
    assert amounts == {"Euro": "1234.50", "Spaced": "1234.50", "US": "1234.50", "Plain": "1234.50"}
    assert [a.estimated_revenue for a in rows(rt, Account)] == [2_500_000]
