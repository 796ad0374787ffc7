"""Issue 16 item 7 (X-1, D-3): side effects a team can see.

- a dead letter shows a one-line reason (the traceback only behind a click);
- an admin retries or discards many at once (web and API), each done or refused alone,
  recorded (O-8); nobody else may;
- the task that promised a side effect shows its owner that effect's state, and an
  unconfigured channel says which setting to set.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.core import clock
from salesops.core.audit import Decision
from salesops.core.outbox import Delivery, enqueue_delivery
from salesops.core.outbox_rules import effect_state, one_line_reason
from salesops.playbook.runtime import Runtime
from salesops.worker import Worker
from tests.factories import make_account, make_contact, make_task, token_for
from tests.web.conftest import post

TRACE = (
    "ConnectError: connection refused by 127.0.0.1:9\n"
    "Traceback (most recent call last):\n"
    '  File "lanes.py", line 210, in attempt\n'
    "    await send(ctx, row)\n"
    "httpx.ConnectError: connection refused"
)


def test_x1_one_line_reason_hides_the_traceback() -> None:
    assert one_line_reason(TRACE) == "ConnectError: connection refused by 127.0.0.1:9"
    only_trace = "Traceback (most recent call last):\n  File x\nValueError: bad payload"
    assert one_line_reason(only_trace) == "ValueError: bad payload"
    assert one_line_reason(None) == ""
    long = one_line_reason("x" * 500)
    assert len(long) == 160 and long.endswith("…")
    parked = effect_state("ticketing", "parked", "ticketing is not configured: set X")
    assert parked == {
        "what": "Support ticket",
        "state": "not configured",
        "reason": "ticketing is not configured: set X",
    }
    assert effect_state("ticketing", "delivered", "old error")["reason"] == ""


def _dead(rt: Runtime, key: str, error: str = TRACE, state: str = "dead") -> int:
    with rt.uow() as s:
        row = enqueue_delivery(s, "slack", {"text": key}, idempotency_key=key, now=clock.now())
        row.state, row.due_at, row.last_error = state, None, error
        return row.id


def test_x1_api_bulk_retry_and_discard_each_done_or_refused(
    rt: Runtime, client: TestClient, admin, sales
) -> None:  # type: ignore[no-untyped-def]
    a, b, c = (_dead(rt, f"k{i}") for i in range(3))
    sent = _dead(rt, "k-sent", error="", state="delivered")
    ha = {"Authorization": f"Bearer {token_for(rt, admin)}"}
    hs = {"Authorization": f"Bearer {token_for(rt, sales)}"}
    body = {"action": "retry", "ids": [a, b, sent]}
    assert client.post("/api/v1/deliveries/bulk", json=body, headers=hs).status_code == 403
    r = client.post("/api/v1/deliveries/bulk", json=body, headers=ha)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["done"] == [a, b]
    assert list(out["refused"]) == [str(sent)] and "delivered" in out["refused"][str(sent)]
    one = client.get(f"/api/v1/deliveries/{c}", headers=ha).json()
    assert one["reason"] == "ConnectError: connection refused by 127.0.0.1:9"
    r = client.post("/api/v1/deliveries/bulk", json={"action": "discard", "ids": [c]}, headers=ha)
    assert r.json() == {"done": [c], "refused": {}}
    bad = client.post("/api/v1/deliveries/bulk", json={"action": "burn", "ids": [c]}, headers=ha)
    assert bad.status_code == 422
    empty = client.post("/api/v1/deliveries/bulk", json={"action": "retry", "ids": []}, headers=ha)
    assert empty.status_code == 422
    with rt.uow(readonly=True) as s:
        states = {d.id: d.state for d in s.scalars(select(Delivery))}
        kinds = sorted(s.scalars(select(Decision.kind).where(Decision.kind.like("delivery_%"))))
    assert states == {a: "pending", b: "pending", c: "cancelled", sent: "delivered"}
    assert kinds == ["delivery_discard", "delivery_retry", "delivery_retry"]
    # a discarded delivery is never sent and cannot be discarded again
    again = client.post(f"/api/v1/deliveries/{c}/discard", headers=ha)
    assert again.status_code == 409


def test_x1_admin_page_lists_one_line_reasons_and_acts_on_the_ticked(
    rt: Runtime, as_user, admin
) -> None:  # type: ignore[no-untyped-def]
    a, b = _dead(rt, "p1"), _dead(rt, "p2")
    c = as_user(admin, "admin-password")
    page = c.get("/admin/deliveries?state=dead").text
    assert "<summary>ConnectError: connection refused by 127.0.0.1:9</summary>" in page
    assert 'action="/admin/deliveries/bulk"' in page and "data-confirm" in page
    r = post(c, "/admin/deliveries/bulk", {"action": "discard", "state": "dead",
                                          "ids": [str(a), str(b)]})  # type: ignore[dict-item]  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] == "/admin/deliveries?state=dead"
    shown = c.get(r.headers["location"]).text
    assert "2 deliveries discarded (never sent)." in shown
    assert "No dead letters" in shown
    nothing = post(c, "/admin/deliveries/bulk", {"action": "retry", "state": "dead"})
    refused = c.get(nothing.headers["location"]).text
    assert "Nothing changed: choose at least one delivery" in refused


def test_d3_x1_the_task_shows_its_owner_the_promised_ticket_state(
    rt: Runtime, client: TestClient, as_user, sales
) -> None:  # type: ignore[no-untyped-def]
    """D-3: disqualified as a support request → a ticket is promised; without the
    ticketing settings it is parked at once and the task says which setting is missing."""
    account = make_account(rt, "Acme")
    contact = make_contact(rt, "ann@acme.com", account_id=account.id)
    task = make_task(rt, account, contact, owner_id=sales.id)
    h = {"Authorization": f"Bearer {token_for(rt, sales)}"}
    r = client.post(
        f"/api/v1/tasks/{task.id}/disqualify",
        json={"reason": "Support Request", "notes": "login bug"},
        headers=h,
    )
    assert r.status_code == 200, r.text
    Worker(rt).drain(clock.now() + timedelta(seconds=1))
    effects = client.get(f"/api/v1/tasks/{task.id}/side-effects", headers=h).json()["items"]
    [ticket] = [e for e in effects if e["channel"] == "ticketing"]
    assert ticket["what"] == "Support ticket" and ticket["state"] == "not configured"
    assert "SALESOPS_TICKETING_URL" in ticket["reason"] and "Traceback" not in ticket["reason"]
    page = as_user(sales).get(f"/tasks/{task.id}").text
    assert 'id="side-effects"' in page and "Support ticket" in page
    assert "not configured" in page and "SALESOPS_TICKETING_URL" in page
    missing = client.get("/api/v1/tasks/999999/side-effects", headers=h)
    assert missing.status_code == 404
