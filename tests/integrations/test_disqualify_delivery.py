"""X-1 acceptance: a ticketing system down for a while never rolls back the lead or its
disqualification (D-3); the ticket is retried, dead-lettered, delivered on admin retry, its
link written into the task's next steps, and the receiver acted on the key once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from fastapi.testclient import TestClient

from salesops.playbook.runtime import Runtime
from salesops.worker import Worker
from tests.factories import make_account, make_contact, make_task, make_user, token_for
from tests.integrations.fakes import FakeServices

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def test_x1_d3_ticket_survives_outage_and_admin_retry(
    configured: Runtime, fake_services: FakeServices, client: TestClient
) -> None:
    rt = configured
    rep = make_user(rt, "rep@example.com", password=None)
    admin = make_user(rt, "boss@example.com", role="admin", password=None)
    h, ha = ({"Authorization": f"Bearer {token_for(rt, u)}"} for u in (rep, admin))
    account = make_account(rt, "Acme")
    contact = make_contact(rt, "ann@acme.com", account_id=account.id)
    task = make_task(rt, account, contact, owner_id=rep.id)
    fake_services.fail_next(10_000)
    with time_machine.travel(NOW, tick=False):
        r = client.post(
            f"/api/v1/tasks/{task.id}/disqualify",
            json={"reason": "Support Request", "notes": "login bug"},
            headers=h,
        )
    assert r.status_code == 200
    w = Worker(rt)
    now = NOW
    for _ in range(12):
        w.drain(now)
        now += timedelta(hours=2)
    with time_machine.travel(now, tick=False):
        dead = client.get("/api/v1/deliveries?state=dead&channel=ticketing", headers=h).json()
        [d] = dead["items"]
        assert d["subject_id"] == task.id and d["attempts"] == d["max_attempts"] == 8
        t = client.get(f"/api/v1/tasks/{task.id}", headers=h).json()
        assert t["status"] == "Unqualified" and t["disqualification_reason"] == "Support Request"
        assert t["next_steps"] is None
        fake_services.fail_next(0)
        assert client.post(f"/api/v1/deliveries/{d['id']}/retry", headers=ha).status_code == 200
    w.drain(now)
    with time_machine.travel(now, tick=False):
        t = client.get(f"/api/v1/tasks/{task.id}", headers=h).json()
        assert client.get(f"/api/v1/deliveries/{d['id']}", headers=h).json()["state"] == (
            "delivered"
        )
    assert t["next_steps"].startswith(f"Support ticket: {fake_services.url}/agent/tickets/")
    assert fake_services.effects[d["idempotency_key"]] == 1
    assert len(fake_services.to("/api/v2/tickets.json")) == 9
