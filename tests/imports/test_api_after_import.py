"""Imported records read back through the API (issue 19 acceptance: held-out exports are
imported through the CLI and checked against the API)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from salesops.flows.imports.service import Options, import_hubspot, import_salesforce
from salesops.playbook.runtime import Runtime
from tests.factories import make_user
from tests.imports.helpers import DATA, NOW, SALESFORCE


def _all(client: TestClient, path: str, headers: dict[str, str]) -> list[dict]:  # type: ignore[type-arg]
    r = client.get(f"/api/v1/{path}", params={"limit": 200}, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    return body["items"] if isinstance(body, dict) else body


def test_imported_records_read_back_through_the_api(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str], tmp_path: Path
) -> None:
    make_user(rt, "ana@ourco.com", name="Ana Alvarez")
    make_user(rt, "ben@ourco.com", name="Ben Baker")
    import_salesforce(rt, SALESFORCE, Options(errors=tmp_path / "e.csv", now=NOW))
    hub = DATA / "hubspot"
    import_hubspot(
        rt,
        Options(errors=tmp_path / "h.csv", now=NOW),
        companies=hub / "companies.csv",
        contacts=hub / "contacts.csv",
        deals=hub / "deals.csv",
    )
    accounts = _all(client, "accounts", admin_headers)
    assert {"acme.com", "globex.com", "wayneenterprises.com"} <= {a["domain"] for a in accounts}
    for a in accounts[:5]:
        r = client.get(f"/api/v1/accounts/{a['id']}", headers=admin_headers)
        assert r.status_code == 200, r.text
    contacts = _all(client, "contacts", admin_headers)
    assert "carla@acme.com" in {c["email"] for c in contacts}
    tasks = _all(client, "tasks", admin_headers)
    assert {t["status"] for t in tasks} >= {"New", "Working", "Nurturing", "Unqualified"}
    for t in tasks:
        r = client.get(f"/api/v1/tasks/{t['id']}", headers=admin_headers)
        assert r.status_code == 200, r.text
    opps = _all(client, "opportunities", admin_headers)
    assert len(opps) == 7
    for o in opps:
        r = client.get(f"/api/v1/opportunities/{o['id']}", headers=admin_headers)
        assert r.status_code == 200, r.text
        h = client.get(f"/api/v1/opportunities/{o['id']}/history", headers=admin_headers)
        assert h.status_code == 200 and h.json()["stages"], h.text
