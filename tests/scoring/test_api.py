"""Scores over HTTP: the breakdown view, the R-1 override, and the admin recompute (S-4)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.core.audit import Decision
from salesops.playbook.runtime import Runtime
from tests.factories import make_account, make_contact, make_task, make_user, token_for


def _support_task(rt: Runtime):  # type: ignore[no-untyped-def]
    account = make_account(rt, "Smallsaas", domain="smallsaas.io")
    contact = make_contact(rt, "dev@smallsaas.io", account_id=account.id, title="CTO")
    return make_task(
        rt, account, contact, sales_form_message="Our dashboard is broken, nothing is loading."
    )


def test_s4_scores_endpoint_shows_breakdowns_signals_and_triage(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    task = _support_task(rt)
    body = client.get(f"/api/v1/tasks/{task.id}/scores", headers=admin_headers).json()
    assert body["classification"] == "support"
    assert body["classification_signals"][0]["why"]
    assert {r["rule"] for r in body["contact"]["lead_score_breakdown"]} >= {"S-3 role"}
    assert body["contact"]["role"] == "leadership"
    assert body["account"]["icp_breakdown"]
    assert body["triage"]["disposition"] == "disqualify"
    assert client.get("/api/v1/tasks/999/scores", headers=admin_headers).status_code == 404


def test_r1_override_to_sales_reopens_and_is_recorded(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    task = _support_task(rt)
    r = client.post(
        f"/api/v1/tasks/{task.id}/classification",
        json={"classification": "sales", "note": "they want a quote too"},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["classification"] == "sales"
    assert r.json()["status"] == "New"
    with rt.uow(readonly=True) as s:
        d = s.scalars(
            select(Decision).where(
                Decision.kind == "classification_override", Decision.subject_id == task.id
            )
        ).one()
        assert d.actor_id is not None and d.outcome["reopened"] is True
        assert d.inputs["from"] == "support"


def test_r1_override_to_spam_disqualifies_an_open_task(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    account = make_account(rt, "Acme")
    contact = make_contact(rt, "a@acme.com", account_id=account.id)
    task = make_task(rt, account, contact, sales_form_message="Pricing please")
    r = client.post(
        f"/api/v1/tasks/{task.id}/classification",
        json={"classification": "spam"},
        headers=admin_headers,
    )
    assert r.json()["status"] == "Unqualified"
    task_body = client.get(f"/api/v1/tasks/{task.id}", headers=admin_headers).json()
    assert task_body["disqualification_reason"] == "Spam"


def test_r1_override_rejects_unknown_class_with_422(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    task = _support_task(rt)
    r = client.post(
        f"/api/v1/tasks/{task.id}/classification",
        json={"classification": "maybe"},
        headers=admin_headers,
    )
    assert r.status_code == 422 and r.json()["field"] == "classification"


def test_s4_recompute_is_admin_only(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    _support_task(rt)
    sales = make_user(rt, "rep@example.com", role="sales")
    headers = {"Authorization": f"Bearer {token_for(rt, sales)}"}
    assert client.post("/api/v1/scoring/recompute", headers=headers).status_code == 403
    r = client.post("/api/v1/scoring/recompute", headers=admin_headers)
    assert r.status_code == 200 and r.json()["accounts"] >= 1
