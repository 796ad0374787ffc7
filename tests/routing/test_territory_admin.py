"""Territories defined over the API become playbook versions (O-7, R-4, P-2)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from salesops.playbook import service as playbooks
from salesops.playbook.runtime import Runtime
from tests.factories import make_user, token_for


def test_r4_create_territory_moves_countries_and_records_a_playbook_version(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    r = client.post(
        "/api/v1/territories",
        json={"name": "DACH", "countries": ["de", "AT", "CH"]},
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["countries"] == ["DE", "AT", "CH"]
    europe = next(
        t
        for t in client.get("/api/v1/territories", headers=admin_headers).json()["items"]
        if t["name"] == "Europe & Africa"
    )
    assert "DE" not in europe["countries"]  # a country belongs to one territory
    with rt.uow(readonly=True) as s:
        latest = playbooks.latest(s)
        assert latest is not None and latest.version == 2
        assert latest.loaded_by == "admin@example.com" and "DACH" in latest.diff
    rt.playbooks.invalidate()
    with rt.uow(readonly=True) as s:
        assert s.info["playbook"].territory_for("DE").name == "DACH"


def test_r4_rename_and_validation(client: TestClient, rt: Runtime, admin_headers: dict) -> None:
    terr = client.get("/api/v1/territories", headers=admin_headers).json()["items"][0]
    r = client.patch(
        f"/api/v1/territories/{terr['id']}", json={"name": "Renamed"}, headers=admin_headers
    )
    assert r.status_code == 200 and r.json()["name"] == "Renamed"
    bad = client.post(
        "/api/v1/territories", json={"name": "X", "countries": ["ZZ"]}, headers=admin_headers
    )
    assert bad.status_code == 422 and "ZZ" in bad.json()["detail"]
    dup = client.post("/api/v1/territories", json={"name": "Renamed"}, headers=admin_headers)
    assert dup.status_code == 409


def test_u2_sales_cannot_define_territories(client: TestClient, rt: Runtime) -> None:
    seller = make_user(rt, "s@example.com")
    h = {"Authorization": f"Bearer {token_for(rt, seller)}"}
    assert client.post("/api/v1/territories", json={"name": "X"}, headers=h).status_code == 403
