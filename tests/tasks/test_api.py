"""Tasks over HTTP, and the other endpoints that take a user or record id in the body:
an id that names nobody is a 422 naming the field, never a 500 from the database's
foreign key (O-3, O-6, R-7, U-2)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from salesops.core import clock
from salesops.playbook.runtime import Runtime
from salesops.users import service as users
from tests.factories import make_account, make_contact, make_task, make_user

GHOST = 987_654


@pytest.fixture
def strict_client(rt: Runtime) -> TestClient:
    """A client that answers a server error as the 500 it is, not a raised exception."""
    from salesops.app import create_app

    return TestClient(create_app(rt.settings, runtime=rt), raise_server_exceptions=False)


def problem(response: Any, status: int, field: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["field"] == field, body
    return body


def test_patch_task_with_an_unknown_owner_is_a_422_naming_owner_id(
    rt: Runtime, strict_client: TestClient, admin_headers: dict[str, str]
) -> None:
    """Issue 13: this was the only 5xx schemathesis found (a foreign-key error)."""
    seller = make_user(rt, "seller@example.com")
    task = make_task(rt, make_account(rt, "Co"), make_contact(rt, "b@co.com"), owner_id=seller.id)
    r = strict_client.patch(
        f"/api/v1/tasks/{task.id}", json={"owner_id": GHOST}, headers=admin_headers
    )
    body = problem(r, 422, "owner_id")
    assert str(GHOST) in body["detail"]
    got = strict_client.get(f"/api/v1/tasks/{task.id}", headers=admin_headers).json()
    assert got["owner_id"] == seller.id  # nothing changed


def test_a_deactivated_user_cannot_be_given_a_task(
    rt: Runtime, strict_client: TestClient, admin_headers: dict[str, str]
) -> None:
    """R-7: a user who left gets no new work, by routing or by hand."""
    gone = make_user(rt, "gone@example.com")
    with rt.uow() as s:
        admin = users.get_user_by_email(s, "admin@example.com")
        users.update_user(s, admin, users.get_user(s, gone.id), now=clock.now(), active=False)
    task = make_task(rt, make_account(rt, "Co"), make_contact(rt, "b@co.com"))
    r = strict_client.patch(
        f"/api/v1/tasks/{task.id}", json={"owner_id": gone.id}, headers=admin_headers
    )
    assert problem(r, 422, "owner_id")["rule"] == "R-7"


def test_create_task_with_an_unknown_owner_is_a_422(
    rt: Runtime, strict_client: TestClient, admin_headers: dict[str, str]
) -> None:
    account, contact = make_account(rt, "Co"), make_contact(rt, "b@co.com")
    body = {
        "account_id": account.id,
        "contact_id": contact.id,
        "lead_source": "Contact form",
        "owner_id": GHOST,
    }
    problem(strict_client.post("/api/v1/tasks", json=body, headers=admin_headers), 422, "owner_id")


def test_opportunity_owner_and_activity_opportunity_must_exist(
    rt: Runtime, strict_client: TestClient, admin_headers: dict[str, str]
) -> None:
    """The same foreign-key fields on other endpoints (Q-3 owner, A-1 opportunity)."""
    account = make_account(rt, "Co")
    opp = {"account_id": account.id, "name": "Deal", "record_type": "New Revenue"}
    r = strict_client.post(
        "/api/v1/opportunities", json={**opp, "owner_id": GHOST}, headers=admin_headers
    )
    problem(r, 422, "owner_id")
    created = strict_client.post("/api/v1/opportunities", json=opp, headers=admin_headers)
    assert created.status_code == 201, created.text
    r = strict_client.patch(
        f"/api/v1/opportunities/{created.json()['id']}",
        json={"owner_id": GHOST},
        headers=admin_headers,
    )
    problem(r, 422, "owner_id")
    note = {"account_id": account.id, "kind": "note", "subject": "s", "body": "b"}
    r = strict_client.post(
        "/api/v1/activities", json={**note, "opportunity_id": GHOST}, headers=admin_headers
    )
    problem(r, 422, "opportunity_id")
    other = make_account(rt, "Other")
    r = strict_client.post(
        "/api/v1/activities",
        json={**note, "account_id": other.id, "opportunity_id": created.json()["id"]},
        headers=admin_headers,
    )
    problem(r, 422, "opportunity_id")


def test_a_milestone_marked_twice_is_the_same_milestone(
    strict_client: TestClient, admin_headers: dict[str, str]
) -> None:
    """Q-8: found by schemathesis, a non-ASCII name posted twice was a unique-key 500 on
    SQLite (its lower() folds ASCII only)."""
    body = {"kind": "feature_shipped", "name": "Ærø export"}
    first = strict_client.post("/api/v1/milestones", json=body, headers=admin_headers)
    again = strict_client.post("/api/v1/milestones", json=body, headers=admin_headers)
    assert first.status_code == again.status_code == 201, again.text
    assert first.json()["id"] == again.json()["id"]


def test_an_admin_cannot_lock_themselves_out(
    strict_client: TestClient, admin: Any, admin_headers: dict[str, str]
) -> None:
    """U-2: demoting or deactivating yourself leaves nobody to undo it (a 409), and the
    live schemathesis run (admin token) keeps its rights."""
    url = f"/api/v1/users/{admin.id}"
    problem(strict_client.patch(url, json={"role": "sales"}, headers=admin_headers), 409, "role")
    problem(strict_client.patch(url, json={"active": False}, headers=admin_headers), 409, "active")
    ok = strict_client.patch(url, json={"name": "Still Admin"}, headers=admin_headers)
    assert ok.status_code == 200 and ok.json()["role"] == "admin"
