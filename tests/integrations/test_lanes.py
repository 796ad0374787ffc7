"""Delivery lanes (X-1; issue 13 items 3 and 4) against misbehaving local receivers.

Real workers, real sockets on 127.0.0.1: these tests take real (short) time, because
what they check is what happens while a receiver is slow. Leases, deadlines and the
poll interval are shrunk to fractions of a second for that.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from salesops.core import clock
from salesops.core.audit import Decision
from salesops.core.outbox import Delivery, enqueue_delivery
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.worker import Worker
from tests.factories import make_user
from tests.integrations.receivers import SlowReceiver, start_slow_receiver
from tests.tasks.test_pipeline_queue import EU, committed_lead


@pytest.fixture
def receivers() -> Iterator[Callable[..., SlowReceiver]]:
    started: list[tuple[SlowReceiver, Any]] = []

    def start(gap: float = 0.0, hold: bool = False) -> SlowReceiver:
        receiver, server = start_slow_receiver(gap=gap, hold=hold)
        started.append((receiver, server))
        return receiver

    yield start
    for receiver, server in started:
        receiver.stop()
        server.shutdown()
        server.server_close()


@pytest.fixture
def workers(rt: Runtime) -> Iterator[Callable[[str], Worker]]:
    made: list[Worker] = []

    def make(name: str) -> Worker:
        w = Worker(rt, worker_id=name)
        made.append(w)
        return w

    yield make
    for w in made:
        w.deliveries.stop()


def _fast(rt: Runtime, *, lease: float, deadline: float) -> None:
    s = rt.settings
    s.outbox_lease_seconds, s.outbox_deadline_seconds = lease, deadline
    s.worker_poll_seconds = 0.05


def _queue(rt: Runtime, channel: str, key: str, payload: dict[str, Any] | None = None) -> int:
    with rt.uow() as s:
        row = enqueue_delivery(s, channel, payload or {"text": "hi"}, idempotency_key=key,
                               now=clock.now())  # fmt: skip
        return row.id


def _row(rt: Runtime, delivery_id: int) -> Delivery:
    with rt.uow(readonly=True) as s:
        row = s.get(Delivery, delivery_id)
        assert row is not None
        s.expunge(row)
        return row


def _until(check: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Wait for real concurrent work (other threads, sockets) to reach a state."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return check()


def test_x1_trickling_slack_receiver_two_workers_one_message(
    rt: Runtime, receivers: Callable[..., SlowReceiver], workers: Callable[[str], Worker]
) -> None:
    """Item 3: a receiver that acts at once and then trickles its answer for 3 s. The
    attempt is abandoned at its 0.5 s deadline (the worker is free again), and since a
    Slack webhook cannot tell a resend, the message is held as ``unknown``, never sent
    again — by this worker or the other one polling beside it, before or after the
    lease (1 s) would have run out."""
    _fast(rt, lease=1.0, deadline=0.5)
    slow = receivers(gap=0.05)  # ~60 bytes: 3 s
    rt.settings.slack_webhook_url = f"{slow.url}/hooks/T0/B0/secret"
    did = _queue(rt, "slack", "k-trickle-slack")
    started = time.monotonic()
    for name in ("w1", "w2"):
        workers(name).deliveries.start()
    assert _until(lambda: _row(rt, did).state == "unknown")
    held_after = time.monotonic() - started
    assert _until(lambda: time.monotonic() - started > 2.0)  # past the lease, both polling
    row = _row(rt, did)
    assert len(slow.posts()) == 1
    assert held_after < 2.0 and not slow.posts()[0].finished  # abandoned mid-trickle
    assert row.state == "unknown" and row.maybe_sent and row.attempts == 1
    assert row.due_at is None and "SALESOPS_OUTBOX_DEADLINE_SECONDS" in (row.last_error or "")
    assert "secret" not in (row.last_error or "")  # a webhook URL is never shown
    with rt.uow(readonly=True) as s:
        decided = s.scalars(select(Decision).where(Decision.subject_id == did)).all()
    assert [d.kind for d in decided] == ["delivery_outcome"] and "X-1" in decided[0].rule_ids


def test_x1_trickling_ticketing_receiver_ignoring_the_key_gets_one_ticket(
    rt: Runtime, receivers: Callable[..., SlowReceiver], workers: Callable[[str], Worker]
) -> None:
    """Item 3, a channel that can check: the abandoned attempt is retried, but the ticket
    is first looked up by ``external_id`` and found, so the receiver — which ignores
    ``Idempotency-Key`` — creates one ticket, and its id is the delivery's result."""
    _fast(rt, lease=1.0, deadline=0.5)
    slow = receivers(gap=0.05)
    s = rt.settings
    s.ticketing_url, s.ticketing_user, s.ticketing_token = slow.url, "agent@example.com", "t"
    did = _queue(rt, "ticketing", "k-trickle-ticket", {"subject": "Help", "body": "x"})
    for name in ("w1", "w2"):
        workers(name).deliveries.start()
    assert _until(lambda: _row(rt, did).state == "delivered")
    row = _row(rt, did)
    assert [r.method for r in slow.requests] == ["POST", "GET"]
    assert slow.requests[1].path.endswith("external_id=k-trickle-ticket")
    assert row.result is not None and row.result["ticket_id"] == 5001
    assert row.maybe_sent and row.attempts == 2


def test_x1_the_pipeline_keeps_draining_while_a_send_is_stuck(
    rt: Runtime, receivers: Callable[..., SlowReceiver], workers: Callable[[str], Worker]
) -> None:
    """Item 3: with its deliveries in their own lane, a worker whose Slack send is stuck
    on a trickling receiver still routes a new lead at once; the stuck send's lease
    is renewed while it is in flight."""
    # Generous lease and deadline, and a receiver that holds its answer: the send stays
    # in flight however long a loaded machine takes over run_once (no time budget here).
    _fast(rt, lease=16.0, deadline=8.0)
    slow = receivers(hold=True)
    rt.settings.slack_webhook_url = f"{slow.url}/slack"
    make_user(rt, "ana@example.com", territory=EU)
    did = _queue(rt, "slack", "k-stuck")
    w = workers("w")
    w.deliveries.start()
    assert slow.wait_for_posts(1)
    first_lease = _row(rt, did).locked_until
    task_id = committed_lead(rt, "cto@stuck.io", now=clock.now())
    started = time.monotonic()
    w.run_once()
    took = time.monotonic() - started
    with rt.uow(readonly=True) as s:
        task = s.get(Task, task_id)
        assert task is not None and task.owner_id is not None
    # Not waited for: run_once routed the lead and returned while the send was still held
    # by its receiver (inside its 8 s deadline) — an order, not a time budget.
    assert _row(rt, did).state == "in_flight" and not slow.posts()[0].finished, took
    assert _until(lambda: (_row(rt, did).locked_until or first_lease) > first_lease, 8.0)


def test_x1_sends_run_concurrently_up_to_the_channel_limit(
    rt: Runtime, receivers: Callable[..., SlowReceiver], workers: Callable[[str], Worker]
) -> None:
    """Item 4: one worker has several sends of a channel in flight at once, never more
    than the channel's limit (``SALESOPS_OUTBOX_CONCURRENCY``)."""
    _fast(rt, lease=10.0, deadline=5.0)
    held = receivers(hold=True)
    rt.settings.slack_webhook_url = f"{held.url}/slack"
    rt.settings.outbox_concurrency = {"slack": 3}
    ids = [_queue(rt, "slack", f"k-conc-{i}") for i in range(10)]
    workers("w").deliveries.start()
    assert held.wait_concurrent(3)
    assert not held.wait_for_posts(4, timeout=0.3)  # the other seven wait for a slot
    held.release()
    assert _until(lambda: all(_row(rt, i).state == "delivered" for i in ids))
    assert held.max_concurrent == 3 and len(held.posts()) == 10


def test_x1_a_worker_that_died_mid_send_slack_held_ticket_looked_up(
    rt: Runtime, receivers: Callable[..., SlowReceiver], workers: Callable[[str], Worker]
) -> None:
    """Item 3: rows another worker claimed and never settled (it was killed): once the
    lease is over, the Slack one is held as ``unknown`` (not posted again), the ticket is
    looked up by ``external_id`` first and then created once."""
    fast = receivers()
    s = rt.settings
    s.slack_webhook_url = f"{fast.url}/slack"
    s.ticketing_url, s.ticketing_user, s.ticketing_token = fast.url, "agent@example.com", "t"
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with rt.uow() as session:
        for channel, key in (("slack", "k-dead-slack"), ("ticketing", "k-dead-ticket")):
            row = enqueue_delivery(session, channel, {"text": "x", "subject": "y"},
                                   idempotency_key=key, now=now)  # fmt: skip
            row.state, row.attempts, row.locked_by = "in_flight", 1, "killed:1"
            row.locked_until = row.due_at = now  # its lease ran out at ``now``
    workers("w").deliveries.run_batch(now)
    with rt.uow(readonly=True) as session:
        rows = {r.channel: r for r in session.scalars(select(Delivery))}
    assert rows["slack"].state == "unknown" and "killed:1" in (rows["slack"].last_error or "")
    assert rows["ticketing"].state == "delivered" and rows["ticketing"].attempts == 2
    assert [(r.method, r.path.split("?")[0]) for r in fast.requests] == [
        ("GET", "/api/v2/tickets.json"),
        ("POST", "/api/v2/tickets.json"),
    ]
