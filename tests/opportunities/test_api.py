"""Over HTTP: lead in by form → routed → worked → converted → stages → Closed Won Annual →
renewal and check-ins (L, C, Q, X end to end), plus the illegal moves as 4xx naming the item."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient

from salesops.intake.rules import sign_hex
from salesops.playbook.runtime import Runtime
from salesops.worker import Worker
from tests.factories import make_user, token_for
from tests.integrations.fakes import FakeServices, SmtpSink

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SIX = {
    "call_held": True,
    "problem_identified": True,
    "important_now": True,
    "pricing_in_ballpark": True,
    "decision_maker": True,
    "next_step_agreed": True,
}


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _h(rt: Runtime, user: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(rt, user)}"}


def test_lead_to_closed_won_annual_end_to_end(
    configured: Runtime, client: TestClient, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    rt = configured
    rep = make_user(rt, "rep@example.com", territory="Europe & Africa", password=None)
    h = _h(rt, rep)
    # Lead in by the contact form (I-2) → routed by territory round robin.
    body = json.dumps({
        "submission_id": "e2e-1", "name": "Jane Doe", "email": "jane@acme.io",
        "company": "Acme", "role": "engineering", "country": "Germany",
        "message": "We need pricing for an annual contract", "consent": True,
    }).encode()  # fmt: skip
    r = client.post("/api/v1/intake/form", content=body, headers={
        "Content-Type": "application/json",
        "X-Salesops-Signature": sign_hex(rt.settings.form_secret, body)})  # fmt: skip
    assert r.status_code == 200, r.text
    task_id = r.json()["task_id"]
    task = client.get(f"/api/v1/tasks/{task_id}", headers=h).json()
    assert task["owner_id"] == rep.id and task["status"] == "New"
    # Worked (L-1).
    r = client.patch(f"/api/v1/tasks/{task_id}", json={"status": "Working"}, headers=h)
    assert r.status_code == 200 and r.json()["status"] == "Working"
    # Converting with 5 of 6 criteria is refused naming the missing one (C-1).
    five = {**SIX, "important_now": False, "engineer_on_first_call": True}
    r = client.post(f"/api/v1/tasks/{task_id}/convert", json={"criteria": five}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "criteria.important_now"
    assert r.json()["missing"] == ["important_now"]
    # Converted (C-1 … C-3).
    r = client.post(f"/api/v1/tasks/{task_id}/convert", headers=h, json={
        "criteria": {**SIX, "engineer_on_first_call": True}, "contact_role": "Champion",
        "opportunity": {"opp_type": "Annual Plan", "amount": 48000, "contract_start": "2025-04-01",
                        "next_step": {"what": "Security review"},
                        "next_step_date": "2025-03-10"}})  # fmt: skip
    assert r.status_code == 201, r.text
    opp = r.json()
    oid = opp["id"]
    assert (opp["record_type"], opp["lead_source"], opp["stage"]) == (
        "New Revenue",
        "Contact form",
        "Problem Agreement",
    )
    assert opp["contact_roles"][0]["role"] == "Champion" and opp["owner_id"] == rep.id
    assert opp["contract_end"] == "2026-04-01"
    assert client.get(f"/api/v1/tasks/{task_id}", headers=h).json()["status"] == "Converted"
    # Skipping stages without criteria is refused naming them.
    r = client.post(f"/api/v1/opportunities/{oid}/stage", json={"stage": "Closed Won"}, headers=h)
    assert r.status_code == 409 and r.json()["field"] == "stage"
    assert "quantified_pain" in r.json()["missing"] and "contract_signed" in r.json()["missing"]
    # Stages with their criteria.
    for stage, criteria in [
        ("Solution Agreement", {"quantified_pain": True}),
        ("Priority Agreement", {"usage_or_trial": True, "documented_decision": True}),
        ("Commercial Agreement", {"budget_confirmed": True, "decision_process_mapped": True}),
        (
            "Vendor Approval",
            {"price_agreed": True, "terms_agreed": True, "paper_process_mapped": True},
        ),
        ("Closed Won", {"contract_signed": True}),
    ]:
        r = client.patch(
            f"/api/v1/opportunities/{oid}", json={"exit_criteria": criteria}, headers=h
        )
        assert r.status_code == 200, r.text
        r = client.post(f"/api/v1/opportunities/{oid}/stage", json={"stage": stage}, headers=h)
        assert r.status_code == 200, r.text
        assert r.json()["stage"] == stage
    assert r.json()["is_won"] and r.json()["probability"] == 100
    # The renewal exists with the copied amount and dates.
    renewals = client.get("/api/v1/opportunities?record_type=Renewal", headers=h).json()
    [renewal] = renewals["items"]
    assert renewal["renewal_of_id"] == oid and renewal["amount"] == "48000.00"
    assert renewal["close_date"] == "2026-04-01" and renewal["stage"] == "Qualification"
    full = client.get(f"/api/v1/opportunities/{renewal['id']}", headers=h).json()
    assert full["arr_up_for_renewal"] == "48000.00" and full["contract_start"] == "2026-04-01"
    # Check-in tasks exist for the owner.
    check_ins = client.get(f"/api/v1/tasks?kind=check_in&owner_id={rep.id}", headers=h).json()
    assert check_ins["total"] == 3
    assert sorted(t["due_on"] for t in check_ins["items"]) == [
        "2025-04-03",
        "2025-05-03",
        "2025-06-03",
    ]
    # Reopen and re-win: still one renewal.
    for stage in ("Vendor Approval", "Closed Won"):
        r = client.post(f"/api/v1/opportunities/{oid}/stage", json={"stage": stage}, headers=h)
        assert r.status_code == 200, r.text
    assert client.get("/api/v1/opportunities?record_type=Renewal", headers=h).json()["total"] == 1
    history = client.get(f"/api/v1/opportunities/{oid}/history", headers=h).json()
    assert [c["to_stage"] for c in history["stages"]][-2:] == ["Vendor Approval", "Closed Won"]
    # The account pays now: New Revenue is the wrong record type.
    r = client.post(
        "/api/v1/opportunities",
        headers=h,
        json={"account_id": opp["account_id"], "record_type": "New Revenue"},
    )
    assert r.status_code == 422 and r.json()["field"] == "record_type"
    # The intake's notifications went out for real.
    Worker(rt).drain(NOW)
    assert len(fake_services.to("/slack")) == 1 and len(smtp_sink.messages) == 1


def test_illegal_moves_are_4xx_naming_the_item(rt: Runtime, client: TestClient) -> None:
    from tests.factories import make_account, make_contact, make_task

    rep = make_user(rt, "rep@example.com", password=None)
    h = _h(rt, rep)
    account = make_account(rt, "Acme")
    contact = make_contact(rt, "ann@acme.com", account_id=account.id)
    task = make_task(rt, account, contact, owner_id=rep.id)
    r = client.post(f"/api/v1/tasks/{task.id}/disqualify", json={"reason": "Meh"}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "reason"
    r = client.post(
        f"/api/v1/tasks/{task.id}/disqualify",
        json={"reason": "Other", "notes": "x" * 251},
        headers=h,
    )
    assert r.status_code == 422 and r.json()["field"] == "notes"
    r = client.post(
        f"/api/v1/tasks/{task.id}/nurture", json={"follow_up_on": "2025-01-01"}, headers=h
    )
    assert r.status_code == 422 and r.json()["field"] == "follow_up_on"
    r = client.post(
        f"/api/v1/tasks/{task.id}/convert",
        json={"criteria": {**SIX, "engineer_on_first_call": False}},
        headers=h,
    )
    assert r.status_code == 422 and r.json()["field"] == "criteria.second_call_on"
    r = client.post(
        "/api/v1/opportunities",
        headers=h,
        json={"account_id": account.id, "record_type": "Existing – Convert to Annual"},
    )
    assert r.status_code == 422 and r.json()["field"] == "record_type"
    r = client.post(
        "/api/v1/opportunities",
        headers=h,
        json={"account_id": account.id, "record_type": "New Revenue", "next_step": {"what": "x"}},
    )
    oid = r.json()["id"]
    r = client.post(f"/api/v1/opportunities/{oid}/stage", json={"stage": "Closed Lost"}, headers=h)
    assert r.status_code == 409 and r.json()["field"] == "loss_reason"
    r = client.post(
        f"/api/v1/opportunities/{oid}/stage",
        json={"stage": "Closed Lost", "loss_reason": "Product/feature gap"},
        headers=h,
    )
    assert r.status_code == 422 and r.json()["field"] == "waiting_for"
    assert "(waiting_for)" not in str(r.json())  # human words, not the internal key
    assert "Waiting for" in str(r.json())
    r = client.post(f"/api/v1/opportunities/{oid}/stage", json={"stage": "Nope"}, headers=h)
    assert r.status_code == 409 and r.json()["field"] == "stage"
    r = client.post("/api/v1/milestones", json={"kind": "feature_shipped", "name": "x"}, headers=h)
    assert r.status_code == 403
    # D-1 over HTTP, with the startup-plan email queued (L-2) and nurture (L-1).
    r = client.post(
        f"/api/v1/tasks/{task.id}/nurture", json={"follow_up_on": "2025-06-01"}, headers=h
    )
    assert r.status_code == 200 and r.json()["status"] == "Nurturing"
    r = client.post(
        f"/api/v1/tasks/{task.id}/disqualify",
        json={"reason": "No Response – Prospect", "notes": "ghosted"},
        headers=h,
    )
    assert r.status_code == 200 and r.json()["disqualification_reason"] == "No Response – Prospect"
    revisits = client.get("/api/v1/revisits", headers=h).json()
    assert [c["email"] for c in revisits] == ["ann@acme.com"]
    hygiene = client.get("/api/v1/opportunities/hygiene", headers=h).json()
    assert hygiene == []  # a next step without a date is fine
