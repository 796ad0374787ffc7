"""U-2, the role matrix: admin / the account's salesperson / another salesperson / a
viewer × every write endpoint on accounts, contacts, activities, opportunities and tasks
(issue 13 item 8). Sales write their own and unowned records only; owning the new
record (a deal "owned by myself") is no way onto a colleague's account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from salesops.playbook.runtime import Runtime
from tests.factories import make_account, make_contact, make_task, make_user, token_for

ROLES = ("admin", "owner", "other", "viewer")


@dataclass
class World:
    tokens: dict[str, str]
    user_ids: dict[str, int]
    account: int
    contact: int
    task: int
    opportunity: int


@pytest.fixture
def world(client: TestClient, rt: Runtime, admin: Any, admin_headers: dict[str, str]) -> World:
    olga = make_user(rt, "olga@example.com", role="sales")
    oscar = make_user(rt, "oscar@example.com", role="sales")
    vic = make_user(rt, "vic@example.com", role="viewer")
    account = make_account(rt, "Olga Co", owner_id=olga.id)  # domain olgaco.com
    contact = make_contact(rt, "cto@olgaco.com", account_id=account.id)
    task = make_task(rt, account, contact, owner_id=olga.id)
    r = client.post(
        "/api/v1/opportunities",
        json={"account_id": account.id, "record_type": "New Revenue", "owner_id": olga.id},
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    users = {"admin": admin, "owner": olga, "other": oscar, "viewer": vic}
    return World(
        tokens={role: token_for(rt, u) for role, u in users.items()},
        user_ids={role: u.id for role, u in users.items()},
        account=account.id,
        contact=contact.id,
        task=task.id,
        opportunity=r.json()["id"],
    )


def requests(w: World, role: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(case, method, path, body); the last ones change the task's and deal's state."""
    a, c, t, o, me = w.account, w.contact, w.task, w.opportunity, w.user_ids[role]
    return [
        ("create an account", "POST", "/accounts", {"name": f"New {role}", "domain": f"{role}.io"}),
        ("edit the account", "PATCH", f"/accounts/{a}", {"industry": "Consulting"}),
        (
            "add a contact to it",
            "POST",
            "/contacts",
            {"email": f"{role}@olgaco.com", "account_id": a},
        ),
        ("add a contact matched to it", "POST", "/contacts", {"email": f"{role}.2@olgaco.com"}),
        ("edit its contact", "PATCH", f"/contacts/{c}", {"title": f"CTO ({role})"}),
        ("log a note on it", "POST", "/activities", {"kind": "note", "account_id": a}),
        ("log a call on its task", "POST", "/activities", {"kind": "call", "task_id": t}),
        (
            "log a note on its deal",
            "POST",
            "/activities",
            {"kind": "note", "account_id": a, "opportunity_id": o},
        ),
        (
            "add a deal to it",
            "POST",
            "/opportunities",
            {"account_id": a, "record_type": "New Revenue"},
        ),
        (
            "add a deal owned by myself",
            "POST",
            "/opportunities",
            {"account_id": a, "record_type": "New Revenue", "owner_id": me},
        ),
        ("edit its deal", "PATCH", f"/opportunities/{o}", {"name": f"Deal ({role})"}),
        (
            "add a task to it",
            "POST",
            "/tasks",
            {"account_id": a, "contact_id": c, "lead_source": "Referral"},
        ),
        ("edit its task", "PATCH", f"/tasks/{t}", {"next_steps": f"call ({role})"}),
        (
            "move its deal's stage",
            "POST",
            f"/opportunities/{o}/stage",
            {"stage": "Solution Agreement"},
        ),
        ("nurture its task", "POST", f"/tasks/{t}/nurture", {"follow_up_on": "2031-01-05"}),
        (
            "disqualify its task",
            "POST",
            f"/tasks/{t}/disqualify",
            {"reason": "Other", "notes": "x"},
        ),
    ]


def expected(role: str, case: str) -> bool:
    if role == "viewer":
        return False
    if role == "other":
        return case == "create an account"
    return True


@pytest.mark.parametrize("role", ROLES)
def test_u2_role_matrix(client: TestClient, world: World, role: str) -> None:
    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
    wrong = []
    for case, method, path, body in requests(world, role):
        r = client.request(method, "/api/v1" + path, json=body, headers=headers)
        assert r.status_code < 500, (case, r.text)
        allowed = r.status_code not in (401, 403)
        if allowed != expected(role, case):
            wrong.append(f"{case}: {r.status_code} {r.text[:160]}")
        if not allowed:
            assert r.json().get("rule") == "U-2", (case, r.text)
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)


def test_u2_a_task_the_sweep_gave_me_lets_me_work_it_on_a_colleagues_account(
    client: TestClient, rt: Runtime, world: World, admin_headers: dict[str, str]
) -> None:
    """T-1 can give another salesperson a task on an owned account: they log on it and
    convert it (C-2), but still cannot touch the rest of the account."""
    oscar = world.user_ids["other"]
    r = client.post(
        "/api/v1/tasks",
        json={"account_id": world.account, "contact_id": world.contact,
              "lead_source": "Referral", "owner_id": oscar},
        headers=admin_headers,
    )  # fmt: skip
    assert r.status_code == 201, r.text
    task = r.json()["id"]
    headers = {"Authorization": f"Bearer {world.tokens['other']}"}
    r = client.post("/api/v1/activities", json={"kind": "call", "task_id": task}, headers=headers)
    assert r.status_code == 201, r.text
    six = dict.fromkeys(
        ["call_held", "problem_identified", "important_now", "pricing_in_ballpark",
         "decision_maker", "next_step_agreed", "engineer_on_first_call"], True
    )  # fmt: skip
    r = client.post(f"/api/v1/tasks/{task}/convert", json={"criteria": six}, headers=headers)
    assert r.status_code == 201, r.text
    assert r.json()["owner_id"] == oscar
    r = client.post(
        "/api/v1/activities", json={"kind": "note", "account_id": world.account}, headers=headers
    )
    assert r.status_code == 403
    r = client.patch(f"/api/v1/contacts/{world.contact}", json={"title": "x"}, headers=headers)
    assert r.status_code == 403


def test_u2_unowned_accounts_are_open_to_every_salesperson(
    client: TestClient, rt: Runtime, world: World
) -> None:
    account = make_account(rt, "Nobody Co")
    contact = make_contact(rt, "a@nobodyco.com", account_id=account.id)
    headers = {"Authorization": f"Bearer {world.tokens['other']}"}
    r = client.patch(f"/api/v1/contacts/{contact.id}", json={"title": "VP"}, headers=headers)
    assert r.status_code == 200, r.text
    r = client.post(
        "/api/v1/opportunities",
        json={"account_id": account.id, "record_type": "New Revenue"},
        headers=headers,
    )
    assert r.status_code == 201 and r.json()["owner_id"] == world.user_ids["other"]
