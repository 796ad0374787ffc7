"""Salesforce Data Export import (issue 19 items 1, 4, 5): real API-name headers, 15-
and 18-character ids, duplicates, free-mail contacts, unknown owners, bad rows, re-runs."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from salesops.accounts.models import Account, Contact
from salesops.activities.models import Activity
from salesops.core.audit import Decision
from salesops.flows.imports.service import Options, import_salesforce
from salesops.opportunities.models import (
    ForecastChange,
    Opportunity,
    OpportunityContactRole,
    StageChange,
)
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import LeadPipelineQueue, Task
from tests.factories import make_user
from tests.imports.helpers import NOW, SALESFORCE, counts, rows

RECORD_TABLES = (
    "accounts",
    "contacts",
    "tasks",
    "opportunities",
    "activities",
    "opportunity_contact_roles",
    "opportunity_stage_changes",
    "import_sources",
)


@pytest.fixture
def team(rt: Runtime) -> dict[str, int]:
    ana = make_user(rt, "ana@ourco.com", name="Ana Alvarez")
    ben = make_user(rt, "ben@ourco.com", name="Ben Baker")
    return {"ana": ana.id, "ben": ben.id}


def run(rt: Runtime, folder: Path, tmp_path: Path, **kw: object) -> dict:  # type: ignore[type-arg]
    opts = Options(errors=tmp_path / "errors.csv", now=NOW, **kw)  # type: ignore[arg-type]
    return import_salesforce(rt, folder, opts).as_dict()


def by_domain(rt: Runtime) -> dict[str | None, Account]:
    return {a.domain: a for a in rows(rt, Account)}


def test_salesforce_export_imports_with_matching_owners_and_bad_rows(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """Items 1, 4, 5: M-1/M-2 (duplicates merged, free mail never shared), unknown owners
    reported and unowned, bad rows to the errors file, L-1 statuses, Q-4 stages mapped."""
    report = run(rt, SALESFORCE, tmp_path)
    accts = by_domain(rt)
    # M-2: two Salesforce accounts of globex.com are one account; its first owner kept (M-3)
    assert report["objects"]["Account"] == {
        "created": 3,
        "updated": 0,
        "merged": 1,
        "unchanged": 0,
        "skipped": 0,
        "errors": 1,
    }
    assert accts["globex.com"].owner_id == team["ben"]
    assert accts["acme.com"].owner_id == team["ana"]  # a 15-character OwnerId
    assert accts["acme.com"].country == "US" and accts["acme.com"].us_state == "CA"
    assert accts["hooli.co.uk"].owner_id is None  # unknown owner: left unowned
    assert "0055e00000ZZZZZAAA" in report["unknown_owners"]
    assert "initech.io" not in accts  # bad AnnualRevenue: the row is skipped
    assert "deleted.com" not in accts  # IsDeleted
    # S-1 … S-4: imported accounts are scored
    assert accts["acme.com"].icp_score is not None and accts["acme.com"].icp_breakdown
    # M-1: CARLA@ACME.COM (another account's contact) merges into carla@acme.com
    contacts = {c.email: c for c in rows(rt, Contact)}
    assert report["objects"]["Contact"]["merged"] == 1
    assert report["objects"]["Contact"]["errors"] == 1  # not-an-email
    assert contacts["carla@acme.com"].account_id == accts["acme.com"].id
    assert contacts["carla@acme.com"].lead_score is not None
    # M-2: a free-mail contact with an account joins it; one without gets its own
    assert contacts["dan.diaz@gmail.com"].account_id == accts["acme.com"].id
    finn = contacts["finn@gmail.com"]
    assert finn.account_id not in {a.id for a in accts.values() if a.domain}
    assert contacts["lou.lee@yahoo.fr"].account_id != finn.account_id
    # Leads: L-1 statuses, M-3, converted skipped, unknown status a bad row
    tasks = {t.source_ref.rsplit(":", 1)[1]: t for t in rows(rt, Task)}
    assert tasks["00Q5e00000L1AAAAAA"].status == "New"
    assert tasks["00Q5e00000L1AAAAAA"].owner_id == team["ana"]
    kai = tasks["00Q5e00000L2AAAAAA"]
    assert kai.status == "Working" and kai.owner_id == team["ana"]  # M-3: acme's owner
    assert tasks["00Q5e00000L3AAAAAA"].status == "Nurturing"
    assert tasks["00Q5e00000L3AAAAAA"].follow_up_on is not None
    closed = tasks["00Q5e00000L4AAAAAA"]
    assert closed.status == "Unqualified" and closed.disqualification_reason == "Other"
    assert "Closed - Not Converted" in (closed.disqualification_notes or "")
    assert "00Q5e00000L5AAAAAA" not in tasks  # converted
    assert "00Q5e00000L6AAAAAA" not in tasks  # status "Dreaming": a bad row
    unowned = tasks["00Q5e00000L7AAAAAA"]
    assert unowned.owner_id is None and unowned.stale_anchor_at is None  # no round robin
    assert all(t.stale_anchor_at is None for t in tasks.values())  # no stale sweep
    assert counts(rt, "lead_pipeline_queue")["lead_pipeline_queue"] == 0
    assert report["objects"]["Lead"]["skipped"] == 1
    # Opportunities: stages, record types, forecast, contact roles; history seeded
    opps = {o.name: o for o in rows(rt, Opportunity)}
    assert set(opps) == {
        "Acme - Annual",
        "Globex - Expansion",
        "Acme - Renewal 2027",
        "Hooli - Pilot",
    }
    won = opps["Acme - Annual"]
    assert (won.stage, won.is_won, won.opp_type, won.forecast_category) == (
        "Closed Won",
        True,
        "Annual Plan",
        "Commit",
    )
    assert opps["Globex - Expansion"].stage == "Commercial Agreement"
    assert opps["Globex - Expansion"].forecast_category == "Best case"
    renewal = opps["Acme - Renewal 2027"]
    assert (renewal.record_type, renewal.pipeline, renewal.stage) == (
        "Renewal",
        "renewal",
        "Qualification",
    )
    lost = opps["Hooli - Pilot"]
    assert lost.loss_reason == "Don't know" and lost.forecast_category == "Omitted"
    assert won.contact_id == contacts["carla@acme.com"].id
    assert len(rows(rt, OpportunityContactRole)) == 2  # the third names a bad contact
    assert len(rows(rt, StageChange)) == 4 and len(rows(rt, ForecastChange)) == 4
    # V-6: a won annual contract still running makes the account paying
    acme = by_domain(rt)["acme.com"]
    assert acme.customer_status == "paying" and str(acme.mrr) == "4000.00"
    from salesops.accounts.models import MrrChange
    from salesops.opportunities.models import OpportunitySnapshot

    (mrr,) = rows(rt, MrrChange, MrrChange.account_id == acme.id)
    assert (str(mrr.effective_on), str(mrr.mrr_before), str(mrr.mrr_after)) == (
        "2026-06-30",
        "0.00",
        "4000.00",
    )
    snaps = rows(rt, OpportunitySnapshot, OpportunitySnapshot.opportunity_id == won.id)
    assert [(x.valid_from, x.stage) for x in snaps] == [(won.created_at, "Closed Won")]
    # activities on the timeline; the orphan task is skipped
    acts = rows(rt, Activity)
    assert {a.kind for a in acts} == {"call", "email_out", "meeting"}
    # O-8: a decision record for each imported record
    decisions = rows(rt, Decision, Decision.kind == "import")
    assert any("M-3" in d.rule_ids for d in decisions)
    assert any(d.inputs.get("id") == "00Q5e00000L2AAAAAA" for d in decisions)
    # bad rows and skipped orphans (a role whose contact was a bad row, a task on
    # nothing imported): file, line, reason
    with (tmp_path / "errors.csv").open() as f:
        errors = list(csv.DictReader(f))
    assert {(e["file"], e["line"]) for e in errors} == {
        ("Account.csv", "5"),
        ("Contact.csv", "6"),
        ("Lead.csv", "7"),
        ("Opportunity.csv", "6"),
        ("Opportunity.csv", "7"),
        ("OpportunityContactRole.csv", "4"),
        ("Task.csv", "4"),
    }
    reasons = " ".join(e["reason"] for e in errors)
    assert "annual revenue" in reasons and "not a valid email" in reasons
    assert "Dreaming" in reasons and "Haggling" in reasons and "amount" in reasons


def test_rerun_changes_nothing_and_later_export_updates(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """Item 5: idempotent re-run; a later export updates what changed (and history)."""
    first = run(rt, SALESFORCE, tmp_path)
    before = counts(rt, *RECORD_TABLES)
    again = run(rt, SALESFORCE, tmp_path)
    assert counts(rt, *RECORD_TABLES) == before
    t = again["totals"]
    assert t["created"] == t["updated"] == t["merged"] == 0
    assert t["unchanged"] == sum(first["totals"][k] for k in ("created", "merged", "unchanged"))
    later = tmp_path / "later"
    shutil.copytree(SALESFORCE, later)
    opp = (
        (later / "Opportunity.csv")
        .read_text()
        .replace(
            "Globex - Expansion,,Proposal/Price Quote,30000", "Globex - Expansion,,Closed Won,36000"
        )
    )
    (later / "Opportunity.csv").write_text(opp)
    lead = (
        (later / "Lead.csv")
        .read_text()
        .replace("Wants a demo,Web,Open - Not Contacted", "Wants a demo,Web,Working")
    )
    (later / "Lead.csv").write_text(lead)
    third = run(rt, later, tmp_path)
    assert third["objects"]["Opportunity"]["updated"] == 1
    assert third["objects"]["Lead"]["updated"] == 1
    assert counts(rt, "opportunities", "tasks") == {
        k: before[k] for k in ("opportunities", "tasks")
    }
    globex = [o for o in rows(rt, Opportunity) if o.name == "Globex - Expansion"][0]
    assert (globex.stage, globex.is_won, str(globex.amount)) == ("Closed Won", True, "36000.00")
    moves = rows(rt, StageChange, StageChange.opportunity_id == globex.id)
    assert [m.to_stage for m in sorted(moves, key=lambda m: m.id)] == [
        "Commercial Agreement",
        "Closed Won",
    ]
    jay = [t for t in rows(rt, Task) if t.source_ref.endswith("L1AAAAAA")][0]
    assert jay.status == "Working"


def test_dry_run_writes_nothing_and_counts_the_same(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """Item 5: --dry-run prints what would be created, updated, merged and skipped."""
    dry = run(rt, SALESFORCE, tmp_path, dry_run=True)
    assert all(n == 0 for n in counts(rt, *RECORD_TABLES).values())
    assert len(rows(rt, Decision, Decision.kind == "import")) == 0
    real = run(rt, SALESFORCE, tmp_path)
    assert dry["objects"] == real["objects"] and dry["dry_run"] is True


def test_route_unowned_queues_open_unowned_leads(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """Item 4: with --route-unowned, unowned open leads go to routing (R-3) and owned
    open ones start the stale clock (T-1)."""
    make_user(rt, "eu@ourco.com", name="Eu Rep", territory="Europe & Africa")
    report = run(rt, SALESFORCE, tmp_path, route_unowned=True)
    assert any("routed" in n for n in report["notes"])
    assert rows(rt, LeadPipelineQueue) == []  # queued, then drained by the pipeline
    tasks = {t.source_ref.rsplit(":", 1)[1]: t for t in rows(rt, Task)}
    pia = tasks["00Q5e00000L7AAAAAA"]  # unowned, Germany: round robin of Europe
    assert pia.owner_id is not None and pia.classification is not None
    assert tasks["00Q5e00000L4AAAAAA"].owner_id is None  # closed: not routed
    assert tasks["00Q5e00000L1AAAAAA"].stale_anchor_at == NOW


def test_import_salesforce_command_dry_run_then_real(
    rt: Runtime, team: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`salesops import salesforce DIR --dry-run` prints the report and writes nothing."""
    from typer.testing import CliRunner

    from salesops.cli import app

    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    runner = CliRunner()
    errors = tmp_path / "bad.csv"
    args = ["import", "salesforce", str(SALESFORCE), "--errors", str(errors), "--quiet"]
    r = runner.invoke(app, [*args, "--dry-run"])
    assert r.exit_code == 0, r.output
    assert "would be created" in r.output and "bad rows 5" in r.output
    assert counts(rt, "accounts")["accounts"] == 0
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert counts(rt, "accounts")["accounts"] == 8  # 4 companies, 4 from leads and free mail
    assert "unknown owner" in r.output
    r = runner.invoke(app, ["import", "salesforce", str(tmp_path / "missing")])
    assert r.exit_code == 2 and "is not a folder" in r.output


def test_mapping_file_overrides_a_stage(rt: Runtime, team: dict[str, int], tmp_path: Path) -> None:
    """Item 1: --mapping FILE maps an unusual stage; an unknown key is refused by name."""
    from salesops.core.errors import ValidationFailed

    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("stages:\n  new_business:\n    Haggling: Commercial Agreement\n")
    report = run(rt, SALESFORCE, tmp_path, mapping=mapping)
    # "Haggling" is a stage now; its account (Initech) was a bad row, so it is skipped
    assert report["objects"]["Opportunity"]["errors"] == 1
    assert report["objects"]["Opportunity"]["skipped"] == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("stagez: {}\n")
    with pytest.raises(ValidationFailed, match="unknown key 'stagez'"):
        run(rt, SALESFORCE, tmp_path, mapping=bad)


def test_long_values_fit_their_columns(rt: Runtime, team: dict[str, int], tmp_path: Path) -> None:
    """Salesforce allows 255-character names: they are cut to fit, not a failed batch."""
    folder = tmp_path / "long"
    folder.mkdir()
    name = "N" * 255
    (folder / "Account.csv").write_text(
        f"Id,Name,Website,Industry\n0015e00000LongAAAA,{name},long.com,{'I' * 200}\n"
    )
    (folder / "Lead.csv").write_text(
        "Id,Email,LastName,Company,Status,Title\n"
        f"00Q5e00000LongAAAA,x@long.com,{name},{name},Working,{'T' * 250}\n"
    )
    report = run(rt, folder, tmp_path)
    assert report["totals"]["errors"] == 0, report
    (acct,) = [a for a in rows(rt, Account) if a.domain == "long.com"]
    assert len(acct.name) == 200 and len(acct.industry or "") == 120


def test_a_domain_taken_meanwhile_merges_into_the_winner(rt: Runtime, tmp_path: Path) -> None:
    """R-5 for imports: an account another transaction created after the import looked
    (live intake on PostgreSQL) is not a failed batch: the row merges into it."""
    from salesops.flows.imports.report import Report
    from salesops.flows.imports.writer import Importer
    from tests.factories import make_account

    winner = make_account(rt, "Acme", domain="acme.com")
    report = Report("salesforce")
    imp = Importer(rt, "salesforce", report, now=NOW)
    with rt.uow() as s:
        late = Account(name="Acme Corp", domain="acme.com", created_at=NOW, updated_at=NOW)
        fresh = Account(name="Other", domain="other.com", created_at=NOW, updated_at=NOW)
        report.count("Account", "created", 2)
        imp.link("Account", "0015e00000AcmeAAAA", "account", "row", late)
        lost = imp.insert_unique(s, "Account", [late, fresh], Account.domain, "domain")
        assert lost[id(late)].id == winner.id and fresh.id is not None
        imp.finish(s)
    assert dict(report.counts["Account"]) == {"created": 1, "merged": 1}
    with rt.uow(readonly=True) as s:
        assert imp.ids(s, "Account", ["0015e00000AcmeAAAA"]) == {"0015e00000AcmeAAAA": winner.id}


def test_orphan_opportunities_are_in_the_errors_file(
    rt: Runtime, team: dict[str, int], tmp_path: Path
) -> None:
    """Item 5: an opportunity whose AccountId is not in the export (or that names none)
    is skipped, never quietly: the errors CSV has its file, line and reason."""
    folder = tmp_path / "orphans"
    folder.mkdir()
    (folder / "Account.csv").write_text("Id,Name,Website\n0015e00000KeptAAAA,Kept,kept.com\n")
    (folder / "Opportunity.csv").write_text(
        "Id,AccountId,Name,StageName,Amount,CloseDate\n"
        "0065e00000OkAAAAAA,0015e00000KeptAAAA,Fine,Prospecting,100,2026-12-01\n"
        "0065e00000LostAAAA,0015e00000GoneAAAA,Orphan,Prospecting,100,2026-12-01\n"
        "0065e00000NoneAAAA,,Nobody's,Prospecting,100,2026-12-01\n"
    )
    report = run(rt, folder, tmp_path)
    assert report["objects"]["Opportunity"]["created"] == 1
    assert report["objects"]["Opportunity"]["skipped"] == 2
    assert report["errors_file"] == str(tmp_path / "errors.csv")
    with (tmp_path / "errors.csv").open() as f:
        errors = list(csv.DictReader(f))
    assert [(e["file"], e["line"]) for e in errors] == [
        ("Opportunity.csv", "3"),
        ("Opportunity.csv", "4"),
    ]
    assert "0015e00000GoneAAAA" in errors[0]["reason"]
    assert "account" in errors[1]["reason"]
    assert [o.name for o in rows(rt, Opportunity)] == ["Fine"]
