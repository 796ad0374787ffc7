"""X-1: real clients deliver outbox rows to local fakes; retries, dead letters, admin retry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from fastapi.testclient import TestClient

from salesops.core.outbox import Delivery, enqueue_delivery
from salesops.integrations.clients import ulid_for
from salesops.playbook.runtime import Runtime
from salesops.worker import Worker
from tests.factories import make_user, token_for
from tests.integrations.fakes import FakeServices, SmtpSink

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def _queue(rt: Runtime, channel: str, payload: dict[str, Any], key: str, **kw: Any) -> int:
    with rt.uow() as s:
        return enqueue_delivery(s, channel, payload, idempotency_key=key, now=NOW, **kw).id


def _row(rt: Runtime, delivery_id: int) -> Delivery:
    with rt.uow(readonly=True) as s:
        row = s.get(Delivery, delivery_id)
        assert row is not None
        s.expunge(row)
        return row


def test_x1_ticket_sent_with_basic_auth_and_idempotency_key(
    configured: Runtime, fake_services: FakeServices
) -> None:
    payload = {
        "subject": "Support Request: Ann",
        "body": "It broke",
        "requester": {"name": "Ann", "email": "ann@acme.com"},
        "cc": ["owner@example.com"],
        "team": "support",
        "tags": ["salesops"],
    }
    did = _queue(configured, "ticketing", payload, "k-ticket-1")
    Worker(configured).drain(NOW)
    row = _row(configured, did)
    assert row.state == "delivered", row.last_error
    [seen] = fake_services.to("/api/v2/tickets.json")
    assert seen.status == 201
    assert seen.headers["idempotency-key"] == "k-ticket-1"
    ticket = seen.body["ticket"]
    assert seen.body["idempotency_key"] == "k-ticket-1"
    assert ticket["email_ccs"] == [{"user_email": "owner@example.com", "action": "put"}]
    assert ticket["requester"]["email"] == "ann@acme.com"
    assert "support" in ticket["tags"]
    assert row.result and row.result["url"].endswith(f"/agent/tickets/{row.result['ticket_id']}")


def test_x1_customerio_event_shape(configured: Runtime, fake_services: FakeServices) -> None:
    did = _queue(
        configured,
        "email_automation",
        {"customer_id": "ann+x@acme.com", "name": "self_serve_onboarding", "data": {"a": 1}},
        "k-cio-1",
    )
    Worker(configured).drain(NOW)
    assert _row(configured, did).state == "delivered"
    [seen] = fake_services.to("/api/v1/customers/")
    assert seen.path == "/api/v1/customers/ann%2Bx%40acme.com/events"
    assert seen.body == {
        "name": "self_serve_onboarding",
        "id": ulid_for("k-cio-1", NOW),  # Customer.io drops an event whose id it has seen
        "data": {"a": 1, "idempotency_key": "k-cio-1"},
    }


def test_x1_customerio_event_id_is_a_ulid_of_the_key() -> None:
    """Same key, same id (a resend is recognised); another key, another id; ULID form:
    26 Crockford base32 characters, the creation time in the first ten."""
    a = ulid_for("k-1", NOW)
    assert a == ulid_for("k-1", NOW) and a != ulid_for("k-2", NOW)
    assert len(a) == 26 and set(a) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert a[:10] == ulid_for("other", NOW)[:10] != ulid_for("k-1", NOW.replace(year=2030))[:10]


def test_x1_slack_and_email(
    configured: Runtime, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    s1 = _queue(configured, "slack", {"text": "New lead"}, "k-slack-1")
    e1 = _queue(
        configured,
        "email",
        {"to": ["ann@acme.com"], "cc": ["o@example.com"], "subject": "Hi", "body": "Apply"},
        "k-mail-1",
    )
    Worker(configured).drain(NOW)
    assert _row(configured, s1).state == "delivered"
    assert _row(configured, e1).state == "delivered"
    [seen] = fake_services.to("/slack")
    assert seen.body["text"] == "New lead" and seen.headers["idempotency-key"] == "k-slack-1"
    [msg] = smtp_sink.messages
    assert msg["Subject"] == "Hi" and msg["Idempotency-Key"] == "k-mail-1"
    assert "k-mail-1" in msg["Message-ID"]
    assert sorted(smtp_sink.envelopes[0][1]) == ["ann@acme.com", "o@example.com"]


def test_x1_wrong_credentials_are_refused_and_retried(
    configured: Runtime, fake_services: FakeServices
) -> None:
    configured.settings.ticketing_token = "wrong"
    did = _queue(configured, "ticketing", {"subject": "x"}, "k-bad-auth")
    Worker(configured).drain(NOW)
    row = _row(configured, did)
    assert row.state == "pending" and row.attempts == 1
    assert "401" in (row.last_error or "")
    assert fake_services.effects["k-bad-auth"] == 0


def test_x1_unconfigured_channel_is_parked_at_once_and_rearmed_when_configured(
    rt: Runtime, fake_services: FakeServices, client: TestClient
) -> None:
    """Item 4: without its setting a channel's deliveries are parked on the first pass —
    not attempted, not retried, the reason naming the setting — and go out once the
    setting appears; an admin can also re-arm a parked one."""
    first = _queue(rt, "slack", {"text": "hi"}, "k-unconf")
    w = Worker(rt)
    assert w.deliveries.run_batch(NOW) == 1  # handled: parked
    row = _row(rt, first)
    assert row.state == "parked" and row.attempts == 0 and row.due_at is None
    assert "slack is not configured: set SALESOPS_SLACK_WEBHOOK_URL" in (row.last_error or "")
    assert "not retried" in (row.last_error or "")
    assert w.deliveries.run_batch(NOW + timedelta(days=2)) == 0  # no attempt, ever
    second = _queue(rt, "slack", {"text": "again"}, "k-unconf-2")
    w.drain(NOW)
    assert _row(rt, second).state == "parked"
    admin = make_user(rt, "boss@example.com", role="admin")
    h = {"Authorization": f"Bearer {token_for(rt, admin)}"}
    with time_machine.travel(NOW, tick=False):
        parked = client.get("/api/v1/deliveries?state=parked", headers=h).json()
        assert sorted(d["id"] for d in parked["items"]) == [first, second]
        r = client.post(f"/api/v1/deliveries/{second}/retry", headers=h)
    assert r.status_code == 200 and r.json()["state"] == "pending"
    w.drain(NOW)  # still not configured: parked again, still not attempted
    assert _row(rt, second).state == "parked" and _row(rt, second).attempts == 0
    rt.settings.slack_webhook_url = f"{fake_services.url}/slack"
    w.drain(NOW)
    assert [_row(rt, i).state for i in (first, second)] == ["delivered", "delivered"]
    assert sorted(s.body["text"] for s in fake_services.to("/slack")) == [
        "again",
        "hi",
    ]  # concurrent
    assert fake_services.effects["k-unconf"] == 1


def test_x1_failing_target_retried_dead_lettered_then_admin_retry_delivers_once(
    configured: Runtime, fake_services: FakeServices, client: TestClient
) -> None:
    """X-1: retried with backoff, dead-lettered, listed, retried by an admin, effect once."""
    fake_services.fail_next(1000)
    did = _queue(configured, "ticketing", {"subject": "x"}, "k-flaky", max_attempts=3)
    w = Worker(configured)
    now = NOW
    attempts_seen = []
    for _ in range(6):
        w.drain(now)
        attempts_seen.append(_row(configured, did).attempts)
        now += timedelta(hours=2)
    row = _row(configured, did)
    assert row.state == "dead" and row.attempts == 3
    assert attempts_seen[:3] == [1, 2, 3]  # one attempt per backoff window
    admin = make_user(configured, "boss@example.com", role="admin")
    sales = make_user(configured, "rep@example.com", role="sales")
    h_admin = {"Authorization": f"Bearer {token_for(configured, admin)}"}
    h_sales = {"Authorization": f"Bearer {token_for(configured, sales)}"}
    dead = client.get("/api/v1/deliveries?state=dead", headers=h_sales).json()
    assert [d["id"] for d in dead["items"]] == [did]
    assert "503" in dead["items"][0]["last_error"]
    assert client.post(f"/api/v1/deliveries/{did}/retry", headers=h_sales).status_code == 403
    fake_services.fail_next(0)
    with time_machine.travel(now, tick=False):
        r = client.post(f"/api/v1/deliveries/{did}/retry", headers=h_admin)
        again = client.post(f"/api/v1/deliveries/{did}/retry", headers=h_admin)
    assert r.status_code == 200 and r.json()["state"] == "pending"
    assert again.status_code == 409 and again.json()["field"] == "state"
    w.drain(now)
    assert _row(configured, did).state == "delivered"
    assert fake_services.effects["k-flaky"] == 1
    assert len(fake_services.to("/api/v2/tickets.json")) == 4  # 3 failures + 1 success
    bad = client.get("/api/v1/deliveries?state=nope", headers=h_admin)
    assert bad.status_code == 422 and bad.json()["field"] == "state"


def test_x1_a_rate_limited_receiver_is_left_alone_for_its_retry_after(
    configured: Runtime, fake_services: FakeServices
) -> None:
    """429 with ``Retry-After: 120``: the next attempt waits at least that long (not the
    2 s backoff), and the worker's Slack lane pauses meanwhile."""
    fake_services.fail_next(1, status=429)
    first = _queue(configured, "slack", {"text": "one"}, "k-429-a")
    w = Worker(configured)
    w.drain(NOW)
    row = _row(configured, first)
    assert row.state == "pending" and row.attempts == 1 and "429" in (row.last_error or "")
    assert row.next_attempt_at >= NOW + timedelta(seconds=120)
    second = _queue(configured, "slack", {"text": "two"}, "k-429-b")
    w.drain(NOW)  # the lane is paused: not even tried
    assert _row(configured, second).attempts == 0
    Worker(configured).drain(NOW + timedelta(seconds=121))  # a worker after the pause
    assert [_row(configured, i).state for i in (first, second)] == ["delivered"] * 2


def test_x1_lost_response_replayed_by_key_has_one_effect(
    configured: Runtime, fake_services: FakeServices
) -> None:
    """At-least-once: the same key delivered twice (e.g. a lost answer) acts once remotely."""
    import asyncio

    import aiohttp

    from salesops.core.outbox import SendContext
    from salesops.integrations import clients

    row = Delivery(
        channel="ticketing", payload={"subject": "x"}, idempotency_key="k-twice", created_at=NOW
    )

    async def twice() -> None:
        async with aiohttp.ClientSession() as http:
            for _ in range(2):
                await clients.create_ticket(SendContext(configured.settings, http, {}), row)

    asyncio.run(twice())
    assert fake_services.effects["k-twice"] == 1
    assert len(fake_services.to("/api/v2/tickets.json")) == 2
