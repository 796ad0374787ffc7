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
    """O-8: the lead-score and ICP decisions, their JSON encoded once per distinct score,
    read back as objects with the score and its breakdown, one per scored contact."""
    _import(rt, tmp_path)
    with rt.uow(readonly=True) as s:
        contacts = {c.id: c for c in s.scalars(select(Contact))}
        lead = list(s.scalars(select(Decision).where(Decision.kind == "lead_score")))
        icp = list(s.scalars(select(Decision).where(Decision.kind == "icp_score")))
        imported = list(s.scalars(select(Decision).where(Decision.kind == "import")))
    assert {d.subject_id for d in lead} == set(contacts)
    for d in lead:
        c = contacts[d.subject_id]
        assert d.outcome == {"score": c.lead_score, "breakdown": c.lead_score_breakdown}
        assert d.inputs["facts"]["role"] == c.role and d.rule_ids == ["S-3", "S-4"]
    assert icp and all(isinstance(d.outcome["breakdown"], list) for d in icp)
    assert all(d.inputs["system"] == "salesforce" for d in imported)
    per_row = [d for d in imported if "object" in d.inputs]  # the rest: paying (O-1, V-6)
    assert per_row and all(d.inputs["id"] and d.reason.startswith("Salesforce ") for d in per_row)


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
