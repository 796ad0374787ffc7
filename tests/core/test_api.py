"""The REST API's contract: auth (U-1, U-2), pagination, filtering, and clear 4xx errors."""

from __future__ import annotations

from fastapi.testclient import TestClient

from salesops.playbook.runtime import Runtime
from tests.factories import make_account, make_contact, make_task, make_user, token_for


def test_health_names_backend_without_auth(client: TestClient, rt: Runtime) -> None:
    r = client.get("/api/v1/health")
    assert r.status_code == 200
    assert r.json()["database"] == rt.db.backend
    assert r.json()["playbook_version"] == 1


def test_u1_anonymous_api_calls_get_401(client: TestClient) -> None:
    for path in ("/api/v1/accounts", "/api/v1/tasks", "/api/v1/users", "/api/v1/decisions"):
        r = client.get(path)
        assert r.status_code == 401, path
        assert r.headers["content-type"].startswith("application/problem+json")
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_u1_token_authenticates(client: TestClient, admin_headers: dict[str, str]) -> None:
    r = client.get("/api/v1/me", headers=admin_headers)
    assert r.status_code == 200
    assert r.json()["role"] == "admin"


def test_openapi_lists_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/accounts", "/api/v1/tasks", "/api/v1/decisions", "/api/v1/health"):
        assert path in spec["paths"]


def test_account_crud_and_domain_normalised(client: TestClient, admin_headers: dict) -> None:
    r = client.post(
        "/api/v1/accounts",
        json={"name": "Acme UK", "domain": "eu.acme.co.uk", "country": "United Kingdom"},
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["domain"] == "acme.co.uk"  # M-2
    assert body["country"] == "GB"
    assert body["territory"] == "Europe & Africa"
    r = client.patch(
        f"/api/v1/accounts/{body['id']}", json={"employee_count": 250}, headers=admin_headers
    )
    assert r.json()["employee_count"] == 250
    dup = client.post(
        "/api/v1/accounts", json={"name": "x", "domain": "acme.co.uk"}, headers=admin_headers
    )
    assert dup.status_code == 409 and dup.json()["field"] == "domain"


def test_pagination_filter_and_sort(client: TestClient, rt: Runtime, admin_headers: dict) -> None:
    for i in range(7):
        make_account(rt, f"Company{i}", country="DE" if i % 2 else "US", us_state=None)
    r = client.get("/api/v1/accounts?limit=3&sort=-name", headers=admin_headers).json()
    assert r["total"] == 7 and len(r["items"]) == 3 and r["next_offset"] == 3
    assert [a["name"] for a in r["items"]] == ["Company6", "Company5", "Company4"]
    last = client.get("/api/v1/accounts?limit=3&offset=6", headers=admin_headers).json()
    assert len(last["items"]) == 1 and last["next_offset"] is None
    de = client.get("/api/v1/accounts?territory=Europe %26 Africa", headers=admin_headers).json()
    assert de["total"] == 3
    bad = client.get("/api/v1/accounts?sort=password", headers=admin_headers)
    assert bad.status_code == 422 and bad.json()["field"] == "sort"


def test_tasks_filter_by_owner_status_source(
    client: TestClient, rt: Runtime, admin_headers: dict
) -> None:
    acct = make_account(rt, "Globex")
    other = make_account(rt, "Hooli")  # a second account: M-3 would link same-account tasks
    c1 = make_contact(rt, "a@globex.com")
    c2 = make_contact(rt, "b@hooli.com")
    seller = make_user(rt, "seller@example.com")
    make_task(rt, acct, c1, owner_id=seller.id)
    make_task(rt, other, c2, lead_source="Email")
    r = client.get(f"/api/v1/tasks?owner_id={seller.id}", headers=admin_headers).json()
    assert r["total"] == 1
    r = client.get("/api/v1/tasks?lead_source=Email&status=New", headers=admin_headers).json()
    assert r["total"] == 1 and r["items"][0]["contact_id"] == c2.id


def test_bad_input_is_a_clear_4xx(client: TestClient, admin_headers: dict) -> None:
    h = {**admin_headers, "content-type": "application/json"}
    r = client.post("/api/v1/accounts", content=b"{not json", headers=h)
    assert r.status_code == 422 and "JSON" in r.json()["detail"]
    r = client.post("/api/v1/accounts", json={"name": "x", "colour": "red"}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "colour"
    r = client.post("/api/v1/accounts", json={"domain": "x.com"}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "name"
    r = client.post("/api/v1/accounts", json={"name": "x", "employee_count": "many"}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "employee_count"
    r = client.post("/api/v1/accounts", json={"name": "x", "country": "Narnia"}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "country"
    r = client.post("/api/v1/contacts", json={"email": "not-an-email"}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "email"
    r = client.get("/api/v1/accounts/999999", headers=h)
    assert r.status_code == 404
    r = client.get("/api/v1/accounts?limit=100000", headers=h)
    assert r.status_code == 422 and r.json()["field"] == "limit"


def test_oversize_body_is_413(client: TestClient, rt: Runtime, admin_headers: dict) -> None:
    big = b'{"name": "' + b"x" * (rt.settings.max_body_bytes + 10) + b'"}'
    r = client.post(
        "/api/v1/accounts",
        content=big,
        headers={**admin_headers, "content-type": "application/json"},
    )
    assert r.status_code == 413


def test_u2_viewer_cannot_write(client: TestClient, rt: Runtime) -> None:
    viewer = make_user(rt, "viewer@example.com", role="viewer")
    h = {"Authorization": f"Bearer {token_for(rt, viewer)}"}
    assert client.get("/api/v1/accounts", headers=h).status_code == 200
    r = client.post("/api/v1/accounts", json={"name": "Nope"}, headers=h)
    assert r.status_code == 403 and r.json()["rule"] == "U-2"


def test_u2_sales_cannot_edit_users_or_territories(client: TestClient, rt: Runtime) -> None:
    seller = make_user(rt, "s@example.com")
    h = {"Authorization": f"Bearer {token_for(rt, seller)}"}
    assert (
        client.post("/api/v1/users", json={"email": "x@example.com"}, headers=h).status_code == 403
    )
    assert (
        client.patch(f"/api/v1/users/{seller.id}", json={"role": "admin"}, headers=h).status_code
        == 403
    )
    terr = client.get("/api/v1/territories", headers=h).json()["items"][0]
    r = client.post(
        f"/api/v1/territories/{terr['id']}/members", json={"user_id": seller.id}, headers=h
    )
    assert r.status_code == 403


def test_u2_sales_edit_own_and_unowned_only(client: TestClient, rt: Runtime) -> None:
    a = make_user(rt, "a@example.com")
    b = make_user(rt, "b@example.com")
    acct = make_account(rt, "Initech")
    theirs = make_task(rt, acct, make_contact(rt, "p@initech.com"), owner_id=b.id)
    # Another account, in a territory with no members: routing leaves it unowned.
    lone = make_account(rt, "Lone Co")
    unowned = make_task(rt, lone, make_contact(rt, "q@loneco.com"))
    assert unowned.owner_id is None
    h = {"Authorization": f"Bearer {token_for(rt, a)}"}
    r = client.patch(f"/api/v1/tasks/{theirs.id}", json={"status": "Working"}, headers=h)
    assert r.status_code == 403
    r = client.patch(f"/api/v1/tasks/{unowned.id}", json={"status": "Working"}, headers=h)
    assert r.status_code == 200 and r.json()["last_touched_at"] is not None  # T-3
    r = client.patch(f"/api/v1/tasks/{unowned.id}", json={"owner_id": b.id}, headers=h)
    assert r.status_code == 403  # reassign only with admin


def test_l1_task_transitions_are_checked(
    client: TestClient, rt: Runtime, admin_headers: dict
) -> None:
    acct = make_account(rt, "Umbrella")
    task = make_task(rt, acct, make_contact(rt, "x@umbrella.com"))
    r = client.patch(
        f"/api/v1/tasks/{task.id}", json={"status": "Converted"}, headers=admin_headers
    )
    assert r.status_code == 409 and r.json()["rule"] == "L-1"
    r = client.patch(
        f"/api/v1/tasks/{task.id}", json={"status": "Nurturing"}, headers=admin_headers
    )
    assert r.status_code == 422 and r.json()["field"] == "follow_up_on"


def test_null_for_a_required_field_is_named_not_a_500(
    client: TestClient, rt: Runtime, admin_headers: dict
) -> None:
    acct = make_account(rt, "Nully")
    task = make_task(rt, acct, make_contact(rt, "n@nully.com"))
    for path, body, field in (
        (f"/api/v1/tasks/{task.id}", {"interest": None}, "interest"),
        (f"/api/v1/tasks/{task.id}", {"title": None}, "title"),
        (f"/api/v1/accounts/{acct.id}", {"name": None}, "name"),
        (f"/api/v1/accounts/{acct.id}", {"mrr": None}, "mrr"),
    ):
        r = client.patch(path, json=body, headers=admin_headers)
        assert r.status_code == 422 and r.json()["field"] == field, (path, body, r.text)
    # An empty domain is no domain, twice over (no unique-constraint 500).
    for _ in range(2):
        r = client.post("/api/v1/accounts", json={"name": "x", "domain": ""}, headers=admin_headers)
        assert r.status_code == 201 and r.json()["domain"] is None


def test_huge_numbers_are_a_422_naming_the_parameter(
    client: TestClient, admin_headers: dict
) -> None:
    r = client.get("/api/v1/users/34211079313337765918146", headers=admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "user_id"
    r = client.get("/api/v1/accounts?owner_id=-95764503087575224811", headers=admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "owner_id"
    r = client.get("/api/v1/territories?offset=99999999999999999999", headers=admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "offset"


def test_nul_characters_are_a_422_on_both_databases(
    client: TestClient, rt: Runtime, admin_headers: dict
) -> None:
    acct = make_account(rt, "Nul Co")
    task = make_task(rt, acct, make_contact(rt, "z@nulco.com"))
    r = client.patch(
        f"/api/v1/tasks/{task.id}", json={"interest": ["a\u0000b"]}, headers=admin_headers
    )
    assert r.status_code == 422 and r.json()["field"] == "interest"
    r = client.post("/api/v1/accounts", json={"name": "x\u0000"}, headers=admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "name"
