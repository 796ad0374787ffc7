"""O-8 decision records: stored with inputs, rules, reason and playbook version; append-only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from salesops.core.audit import record_decision
from salesops.playbook.runtime import Runtime


def _record(rt: Runtime, subject_id: int = 7, rules: list[str] | None = None) -> int:
    with rt.uow() as s:
        d = record_decision(
            s,
            "route",
            ("task", subject_id),
            {"country": "DE"},
            rules or ["R-3", "R-4"],
            "Europe & Africa round robin picked ana",
            owner_id=3,
            territory="Europe & Africa",
        )
        s.flush()
        return d.id


def test_o8_record_carries_playbook_version(
    rt: Runtime, client: TestClient, admin_headers: dict
) -> None:
    _record(rt)
    r = client.get("/api/v1/decisions?subject_type=task&subject_id=7", headers=admin_headers)
    [d] = r.json()["items"]
    assert d["playbook_version"] == 1
    assert d["rule_ids"] == ["R-3", "R-4"]
    assert d["inputs"] == {"country": "DE"}


def test_o8_search_by_rule_owner_territory(
    rt: Runtime, client: TestClient, admin_headers: dict
) -> None:
    _record(rt, 1, ["R-2"])
    _record(rt, 2, ["R-3", "R-4"])
    r = client.get("/api/v1/decisions?rule=R-3", headers=admin_headers).json()
    assert [d["subject_id"] for d in r["items"]] == [2]
    r = client.get(
        "/api/v1/decisions?owner_id=3&territory=Europe %26 Africa", headers=admin_headers
    )
    assert r.json()["total"] == 2


@pytest.mark.parametrize("sql", ["UPDATE decisions SET reason = 'x'", "DELETE FROM decisions"])
def test_o8_decisions_are_append_only(rt: Runtime, sql: str) -> None:
    _record(rt)
    with pytest.raises(DBAPIError, match="append-only"), rt.db.unit_of_work() as s:
        s.execute(text(sql))
