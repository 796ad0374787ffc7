"""Issue 16 item 4 (P-2): membership, priority, adjustment, time off, roles and activation
changes are audited like playbook versions — who, when, before → after — and listed by
the API (``GET /api/v1/decisions?kind=settings_change``) and the admin page."""

from __future__ import annotations

from typing import Any

import time_machine
from fastapi.testclient import TestClient

from salesops.core import clock
from salesops.playbook.runtime import Runtime
from tests.factories import make_user, token_for
from tests.web.conftest import log_in


def _changes(api: TestClient) -> list[dict[str, Any]]:
    r = api.get("/api/v1/decisions", params={"kind": "settings_change", "limit": 50})
    assert r.status_code == 200, r.text
    return list(reversed(r.json()["items"]))  # oldest first


def test_p2_settings_changes_are_audited_with_who_when_before_after(
    rt: Runtime, client: TestClient
) -> None:
    boss = make_user(rt, "boss@example.com", role="admin", password="boss-password1")
    ana = make_user(rt, "ana@example.com")
    client.headers["Authorization"] = f"Bearer {token_for(rt, boss)}"
    terr = client.get("/api/v1/territories", params={"limit": 10}).json()["items"][0]
    at = clock.now().replace(microsecond=0)
    with time_machine.travel(at, tick=False):
        base = f"/api/v1/territories/{terr['id']}/members"
        assert client.post(base, json={"user_id": ana.id, "priority": 2}).status_code == 201
        r = client.patch(f"{base}/{ana.id}", json={"priority": 3, "adjustment": 50})
        assert r.status_code == 200, r.text
        r = client.post(
            f"/api/v1/users/{ana.id}/time-off",
            json={"starts_on": "2030-01-06", "ends_on": "2030-01-10"},
        )
        assert r.status_code == 201, r.text
        r = client.patch(
            f"/api/v1/users/{ana.id}", json={"role": "viewer", "in_round_robin": False}
        )
        assert r.status_code == 200, r.text
    rows = _changes(client)
    reasons = [r["reason"] for r in rows]
    who = f"ana@example.com in {terr['name']}'s rotation"
    assert reasons == [
        f"{who}: member no → yes, active none → yes, priority none → 2, adjustment none → 0",
        f"{who}: priority 2 → 3, adjustment 0 → 50",
        "time off of ana@example.com: time off none → 2030-01-06 to 2030-01-10",
        "user ana@example.com: role sales → viewer, in round robin yes → no",
    ]
    assert {r["actor_id"] for r in rows} == {boss.id}
    assert all(r["at"].startswith(at.isoformat()[:19]) for r in rows)
    assert rows[1]["inputs"]["before"]["priority"] == 2
    assert rows[1]["inputs"]["after"] == {"active": True, "priority": 3, "adjustment": 50}
    # nothing changed → nothing recorded
    client.patch(f"/api/v1/users/{ana.id}", json={"role": "viewer"})
    assert len(_changes(client)) == 4
    # the admin page lists them with who made them
    web = TestClient(client.app, headers={"accept": "text/html"})
    log_in(web, "boss@example.com", "boss-password1")
    page = web.get("/admin/decisions", params={"kind": "settings_change"}).text
    assert "priority 2 → 3, adjustment 0 → 50" in page, page[-3000:]
    assert "<td>Boss</td>" in page  # who
    assert "Settings changes" in web.get("/admin").text
