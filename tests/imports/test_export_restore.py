"""Export and restore (issue 19 item 6): every object as CSV plus a manifest, restored
into an empty database of either backend with the same counts and report totals."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from salesops.core.config import Settings
from salesops.core.db import Database
from salesops.core.errors import ValidationFailed
from salesops.flows.bootstrap import prepare
from salesops.flows.imports.dump import export, restore
from salesops.flows.imports.service import Options, import_salesforce
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tables import load_all
from tests.conftest import build_schema
from tests.factories import make_user
from tests.imports.helpers import NOW, SALESFORCE, counts


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Runtime]:
    """A second, empty salesops database (SQLite) as a new install has it."""
    db = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    build_schema(db.engine)
    runtime = Runtime(Settings(database_url=db.url, _env_file=None), db=db)  # type: ignore[call-arg]
    prepare(runtime, migrate=False)
    yield runtime
    db.dispose()


def pipeline_totals(rt: Runtime) -> list[tuple[Any, ...]]:
    """V-2's numbers: by pipeline and stage, count, sum and probability-weighted sum."""
    with rt.uow(readonly=True) as s:
        q = (
            select(
                Opportunity.pipeline,
                Opportunity.stage,
                func.count(),
                func.sum(Opportunity.amount),
                func.sum(Opportunity.amount * Opportunity.probability / 100),
            )
            .group_by(Opportunity.pipeline, Opportunity.stage)
            .order_by(Opportunity.pipeline, Opportunity.stage)
        )
        return [
            (p, st, n, round(float(a), 2), round(float(w), 2)) for p, st, n, a, w in s.execute(q)
        ]


def report_totals(rt: Runtime) -> dict[str, Any]:
    """Every report (V-1 … V-7) as the API answers it, for everything, as of NOW."""
    from salesops.reports import registry
    from salesops.reports.common import Filters, Scope

    out: dict[str, Any] = {}
    with rt.uow(readonly=True) as s:
        for name in registry.REPORTS:
            body = registry.run(s, name, Filters(), Scope(everything=True), NOW).as_json()
            out[name] = {"rows": body["rows"], "totals": body["totals"]}
    return out


def seeded(rt: Runtime, tmp_path: Path) -> None:
    make_user(rt, "ana@ourco.com", name="Ana Alvarez")
    make_user(rt, "ben@ourco.com", name="Ben Baker")
    import_salesforce(rt, SALESFORCE, Options(errors=tmp_path / "e.csv", now=NOW))


def test_export_then_restore_gives_the_same_counts_and_reports(
    rt: Runtime, fresh: Runtime, tmp_path: Path
) -> None:
    """Item 6: export → restore into a fresh database → identical counts and totals."""
    seeded(rt, tmp_path)
    load_all()
    manifest = export(rt, tmp_path / "dump")
    assert manifest["counts"]["accounts"] > 0 and manifest["counts"]["decisions"] > 0
    assert "installation_secrets" not in manifest["counts"]  # process state stays home
    on_disk = json.loads((tmp_path / "dump" / "manifest.json").read_text())
    assert on_disk["counts"] == manifest["counts"]
    restored = restore(fresh, tmp_path / "dump")
    assert restored == manifest["counts"]
    names = tuple(manifest["counts"])
    assert counts(fresh, *names) == counts(rt, *names)
    assert pipeline_totals(fresh) == pipeline_totals(rt)
    reports = report_totals(rt)
    assert reports["revenue"]["rows"] and reports["forecast"]["rows"]
    assert report_totals(fresh) == reports  # V-1 … V-7: the same numbers
    # the restored database keeps working: new ids do not collide, re-imports are no-ops
    again = import_salesforce(fresh, SALESFORCE, Options(errors=tmp_path / "e2.csv", now=NOW))
    assert again.totals()["created"] == 0
    make_user(fresh, "new@ourco.com")


def test_restore_refuses_a_database_with_records(rt: Runtime, tmp_path: Path) -> None:
    seeded(rt, tmp_path)
    load_all()
    export(rt, tmp_path / "dump")
    with pytest.raises(ValidationFailed, match="not empty"):
        restore(rt, tmp_path / "dump")


def test_export_and_import_commands(
    rt: Runtime, fresh: Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`salesops export DIR` and `salesops import salesops DIR` (item 6)."""
    from salesops.cli import app

    seeded(rt, tmp_path)
    runner = CliRunner()
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    r = runner.invoke(app, ["export", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert "exported" in r.output
    monkeypatch.setenv("SALESOPS_DATABASE_URL", fresh.db.url)
    r = runner.invoke(app, ["import", "salesops", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert counts(fresh, "accounts", "tasks") == counts(rt, "accounts", "tasks")
    r = runner.invoke(app, ["import", "salesops", str(tmp_path / "nowhere")])
    assert r.exit_code == 2 and "not a salesops export" in r.output


def test_sqlite_export_restores_into_the_test_database(
    rt: Runtime, fresh: Runtime, tmp_path: Path
) -> None:
    """Item 6: SQLite → the test backend (PostgreSQL in the PostgreSQL half), then the
    restored database takes new rows after the restored ids."""
    seeded(fresh, tmp_path)
    load_all()
    manifest = export(fresh, tmp_path / "dump")
    restore(rt, tmp_path / "dump")
    names = tuple(manifest["counts"])
    assert counts(rt, *names) == counts(fresh, *names)
    assert pipeline_totals(rt) == pipeline_totals(fresh)
    user = make_user(rt, "after@ourco.com")
    assert user.id > manifest["counts"]["users"]
