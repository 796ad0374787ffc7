"""The account timeline (A-1) and human activity logging (T-3)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task, make_user, token_for


def test_a1_timeline_is_newest_first_and_logging_on_a_task_touches_it(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    acct = make_account(rt, "Acme")
    jane = make_contact(rt, "jane@acme.com")
    task = make_task(rt, acct, jane)
    for when, kind in (("2024-05-01T10:00:00Z", "call"), ("2024-05-02T10:00:00Z", "note")):
        r = client.post(
            "/api/v1/activities",
            json={"kind": kind, "task_id": task.id, "occurred_at": when, "body": kind},
            headers=admin_headers,
        )
        assert r.status_code == 201, r.text
        assert r.json()["account_id"] == acct.id and r.json()["contact_id"] == jane.id
    tl = client.get(f"/api/v1/accounts/{acct.id}/timeline", headers=admin_headers).json()
    assert [i["kind"] for i in tl["items"]] == ["note", "call"]
    only_calls = client.get(
        f"/api/v1/accounts/{acct.id}/timeline?kind=call", headers=admin_headers
    ).json()
    assert only_calls["total"] == 1
    with rt.uow(readonly=True) as s:
        assert s.get(Task, task.id).last_touched_at is not None


def test_activity_input_errors_name_the_field(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    acct = make_account(rt, "Acme")
    other = make_account(rt, "Globex")
    jane = make_contact(rt, "jane@acme.com")
    r = client.post("/api/v1/activities", json={"kind": "note"}, headers=admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "account_id"
    r = client.post(
        "/api/v1/activities",
        json={"kind": "note", "account_id": other.id, "contact_id": jane.id},
        headers=admin_headers,
    )
    assert r.status_code == 422 and r.json()["field"] == "contact_id"
    r = client.post(
        "/api/v1/activities", json={"kind": "system", "account_id": acct.id}, headers=admin_headers
    )
    assert r.status_code == 422 and r.json()["field"] == "kind"
    assert client.get("/api/v1/accounts/999/timeline", headers=admin_headers).status_code == 404


def test_viewers_read_the_timeline_but_cannot_log(client: TestClient, rt: Runtime) -> None:
    viewer = make_user(rt, "v@example.com", role="viewer")
    acct = make_account(rt, "Acme")
    headers = {"Authorization": f"Bearer {token_for(rt, viewer)}"}
    r = client.post(
        "/api/v1/activities", json={"kind": "note", "account_id": acct.id}, headers=headers
    )
    assert r.status_code == 403
    assert client.get(f"/api/v1/accounts/{acct.id}/timeline", headers=headers).status_code == 200
