"""The import's plain-row path (issue 19, performance): what it writes is what the ORM
services would have written — scores (S-2, S-3) as the scoring service computes them,
decision records (O-8) readable as JSON — and the export writes the documented text
forms on either backend."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from salesops.accounts.models import Account, Contact
from salesops.core.audit import Decision
from salesops.core.db import RawJSON, json_dumps
from salesops.flows.imports.dump import export
from salesops.flows.imports.service import Options, import_salesforce
from salesops.playbook.runtime import Runtime
from salesops.scoring import service as scoring
from tests.factories import make_user
from tests.imports.helpers import NOW, SALESFORCE


def _import(rt: Runtime, tmp_path: Path) -> None:
    make_user(rt, "ana@ourco.com", name="Ana Alvarez")
    make_user(rt, "ben@ourco.com", name="Ben Baker")
    import_salesforce(rt, SALESFORCE, Options(errors=tmp_path / "errors.csv", now=NOW))


def test_imported_scores_are_the_scoring_services(rt: Runtime, tmp_path: Path) -> None:
    """S-2, S-3, S-4: every imported contact's lead score (computed before its INSERT with
    the pure rules) and every account's ICP score are what ``scoring.service`` computes
    for them afterwards: recomputing changes nothing."""
    _import(rt, tmp_path)
    with rt.uow() as s:
        contacts = list(s.scalars(select(Contact)))
        assert contacts and all(c.lead_score is not None for c in contacts)
        assert all(c.lead_score_breakdown for c in contacts)
        changed = sum(scoring.rescore_account(s, a, NOW) for a in s.scalars(select(Account)))
        assert changed == 0
        s.rollback()


def test_score_decisions_are_json_objects_with_breakdowns(rt: Runtime, tmp_path: Path) -> None:
    """O-8: a new contact's lead score (S-3) and a new account's ICP score (S-2) are kept
    in the one import decision record of the row that made them — its facts in
    ``inputs``, score and breakdown in ``outcome``, the rule IDs and reason with the
    import's — read back as JSON objects; one record per imported row, each contact's
    score in exactly one record (a lead's on its task, naming the contact)."""
    _import(rt, tmp_path)
    with rt.uow(readonly=True) as s:
        contacts = {c.id: c for c in s.scalars(select(Contact))}
        accounts = {a.id: a for a in s.scalars(select(Account))}
        lead = list(s.scalars(select(Decision).where(Decision.kind == "lead_score")))
        icp = list(s.scalars(select(Decision).where(Decision.kind == "icp_score")))
        imported = list(s.scalars(select(Decision).where(Decision.kind == "import")))
    carried: dict[int, Decision] = {}
    for d in imported:
        if "lead_score" not in d.outcome:
            continue
        cid = d.subject_id if d.subject_type == "contact" else d.outcome["contact_id"]
        assert d.subject_type in ("contact", "task") and cid not in carried
        carried[cid] = d
        c = contacts[cid]
        assert d.outcome["lead_score"] == {
            "score": c.lead_score,
            "breakdown": c.lead_score_breakdown,
        }
        assert d.inputs["lead_score"]["facts"]["role"] == c.role
        assert {"M-1", "M-2", "S-3", "S-4"} <= set(d.rule_ids)
        assert "lead score" in d.reason and d.reason.startswith("Salesforce ")
    assert carried and not {d.subject_id for d in lead} & set(carried)
    assert set(carried) | {d.subject_id for d in lead} == set(contacts)
    # a new account's first ICP score: in the record of the row that made it — its own
    # (Account.csv), or the contact's or lead's whose email's domain created it (M-2)
    new_accounts = [d for d in imported if "icp_score" in d.outcome]
    assert {d.subject_type for d in new_accounts} == {"account", "contact", "task"}
    for d in new_accounts:
        assert isinstance(d.outcome["icp_score"]["breakdown"], list)
        assert {"M-2", "S-2", "S-4"} <= set(d.rule_ids) and "facts" in d.inputs["icp_score"]
        assert "ICP score" in d.reason
        if d.subject_type == "account":
            assert accounts[d.subject_id].icp_score is not None
    assert all(isinstance(d.outcome["breakdown"], list) for d in icp)
    assert all(d.inputs["system"] == "salesforce" for d in imported)
    per_row = [d for d in imported if "object" in d.inputs]  # the rest: paying (O-1, V-6)
    assert per_row and all(d.inputs["id"] and d.reason.startswith("Salesforce ") for d in per_row)
    rows = [(d.inputs["object"], d.inputs["id"]) for d in per_row]
    new_rows = [r for r, d in zip(rows, per_row, strict=True) if "M-2" in d.rule_ids]
    assert len(new_rows) == len(set(new_rows))  # one record per new row, not one per rule


def test_raw_json_is_written_as_it_is() -> None:
    """The JSON columns' serializer takes text a hot path encoded once as it is."""
    value = {"score": 3, "breakdown": [{"why": "tier – 1"}]}
    encoded = RawJSON(json_dumps(value))
    assert json_dumps(encoded) == json_dumps(value)
    assert json_dumps("text") == '"text"'  # a plain string is still a JSON string


def test_export_writes_the_documented_text_forms(rt: Runtime, tmp_path: Path) -> None:
    """Item 6: NULL as \\N, booleans true/false, times ISO 8601 with their UTC offset,
    JSON as JSON text — the same on SQLite and PostgreSQL (values made text in SQL)."""
    _import(rt, tmp_path)
    folder = tmp_path / "dump"
    manifest = export(rt, folder)
    with (folder / "opportunities.csv").open(newline="", encoding="utf-8") as f:
        opps = list(csv.DictReader(f))
    assert len(opps) == manifest["counts"]["opportunities"] > 0
    assert {o["is_won"] for o in opps} <= {"true", "false"}
    assert all(o["created_at"].endswith("+00:00") and "T" in o["created_at"] for o in opps)
    assert any(o["contract_link"] == "\\N" for o in opps)
    assert all(o["products"].startswith("[") for o in opps)
    with (folder / "decisions.csv").open(newline="", encoding="utf-8") as f:
        first = next(csv.DictReader(f))
    assert first["inputs"].startswith("{")
