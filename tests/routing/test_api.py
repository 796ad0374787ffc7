"""Routing over HTTP: preview (R-8), speed to lead and overdue (R-9), decision search (O-8)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from salesops.core.db import Base
from salesops.playbook.runtime import Runtime
from salesops.tasks import service as tasks
from tests.factories import _actor, make_account, make_user
from tests.routing.helpers import lead

NOW = datetime(2024, 3, 20, 10, 0, tzinfo=UTC)
EU = "Europe & Africa"


def _row_counts(rt: Runtime) -> dict[str, int]:
    with rt.uow(readonly=True) as s:
        return {
            t.name: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in Base.metadata.sorted_tables
        }


@time_machine.travel(NOW, tick=False)
def test_r8_preview_shows_territory_candidates_owner_and_path_without_writing(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    a = make_user(rt, "ana@example.com", territory=EU)
    b = make_user(rt, "ben@example.com", territory=EU)
    lead(rt, "DE")  # ana has one
    before = _row_counts(rt)
    with rt.uow(readonly=True) as s:
        from salesops.routing.models import TerritoryMember

        counts_before = list(s.execute(select(TerritoryMember.assigned_count)).scalars())
    r = client.post(
        "/api/v1/routing/preview",
        json={"email": "x@newco.fr", "country": "France", "message": "pricing for 5M events"},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["territory"] == EU and body["owner_id"] == b.id
    assert {c["user_id"]: c["assigned_count"] for c in body["candidates"]} == {a.id: 1, b.id: 0}
    assert body["rule_ids"][-2:] == ["R-4", "R-3"]
    if body["classification"] is not None:
        assert body["classification"]["label"] == "sales"
    assert _row_counts(rt) == before
    with rt.uow(readonly=True) as s:
        assert list(s.execute(select(TerritoryMember.assigned_count)).scalars()) == counts_before


@time_machine.travel(NOW, tick=False)
def test_r8_preview_of_a_known_account_shows_its_owner(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    a = make_user(rt, "ana@example.com", territory=EU)
    make_user(rt, "ben@example.com", territory=EU)
    account = make_account(rt, "Known", country="DE")
    lead(rt, account=account)
    r = client.post(
        "/api/v1/routing/preview", json={"email": "new@known.com"}, headers=admin_headers
    )
    body = r.json()
    assert body["owner_id"] == a.id and "M-3" in body["rule_ids"]  # its open task
    assert body["account"]["domain"] == "known.com"


def test_r8_preview_bad_input_is_a_4xx_naming_the_field(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    r = client.post("/api/v1/routing/preview", json={"country": "Atlantis"}, headers=admin_headers)
    assert r.status_code == 422 and "country" in r.text


def test_r9_overdue_filter_and_speed_to_lead_per_owner(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    with time_machine.travel(NOW, tick=False):
        a = make_user(rt, "ana@example.com", territory=EU)
        touched = lead(rt, "DE")
        untouched = lead(rt, "DE")
    later = NOW + timedelta(hours=3)
    actor = _actor(rt)  # before the unit of work: one SQLite writer
    with time_machine.travel(later, tick=False), rt.uow() as s:
        tasks.update_task(s, actor, tasks.get_task(s, touched.id), {"status": "Working"}, later)
    with time_machine.travel(NOW + timedelta(hours=25), tick=False):
        r = client.get("/api/v1/tasks?overdue=24h", headers=admin_headers)
        assert [t["id"] for t in r.json()["items"]] == [untouched.id]
        assert client.get("/api/v1/tasks?overdue=26h", headers=admin_headers).json()["total"] == 0
        bad = client.get("/api/v1/tasks?overdue=soon", headers=admin_headers)
        assert bad.status_code == 422 and "overdue" in bad.text
        r = client.get("/api/v1/routing/speed-to-lead", headers=admin_headers)
    [row] = r.json()["owners"]
    assert row["owner_id"] == a.id and row["leads"] == 2 and row["touched"] == 1
    assert row["median_hours_to_first_touch"] == 3.0
    assert row["share_within_target"] == 0.5 and row["untouched_overdue"] == 1


@time_machine.travel(NOW, tick=False)
def test_o8_routing_decisions_searchable_by_owner_territory_rule_and_date(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    a = make_user(rt, "ana@example.com", territory=EU)
    t = lead(rt, "DE")
    params = {
        "kind": "route",
        "owner_id": a.id,
        "territory": EU,
        "rule": "R-3",
        "since": (NOW - timedelta(minutes=1)).isoformat(),
    }
    items = client.get("/api/v1/decisions", params=params, headers=admin_headers).json()["items"]
    assert [d["subject_id"] for d in items] == [t.id]
    per_task = client.get(
        f"/api/v1/decisions?subject_type=task&subject_id={t.id}", headers=admin_headers
    ).json()["items"]
    assert any(d["kind"] == "route" for d in per_task)


def test_t4_sweep_endpoint_needs_admin(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    assert client.post("/api/v1/routing/sweep", headers=admin_headers).status_code == 200
