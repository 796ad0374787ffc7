"""Idle delivery lanes wake on new work (issue 20 item 3; X-1): a notice does not wait
for the worker's poll interval. PostgreSQL: LISTEN/NOTIFY (the short look turned off,
so only the notification can wake them); SQLite: a short indexed look.

Real lanes and a real receiver on 127.0.0.1, so these take real (short) time."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from salesops.core import clock
from salesops.core.outbox import Delivery, enqueue_delivery
from salesops.core.wake import due_soon
from salesops.playbook.runtime import Runtime
from salesops.worker import Worker
from tests.integrations.receivers import SlowReceiver, start_slow_receiver

POLL = 30.0  # the full round's interval: far longer than any wait below


@pytest.fixture
def receiver() -> Iterator[SlowReceiver]:
    got, server = start_slow_receiver()
    yield got
    got.stop()
    server.shutdown()
    server.server_close()


@pytest.fixture
def lanes(rt: Runtime, receiver: SlowReceiver) -> Iterator[Worker]:
    s = rt.settings
    s.worker_poll_seconds = POLL
    s.outbox_wake_seconds = 0.0 if rt.db.backend == "postgresql" else 0.05
    s.slack_webhook_url = f"{receiver.url}/hooks/T0/B0/wake"
    w = Worker(rt, worker_id="wake")
    w.deliveries.start()
    yield w
    w.deliveries.stop(timeout=5)


def _until(check: Callable[[], bool], timeout: float) -> bool:
    """Wait for the lanes' thread (real concurrency) to reach a state."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return check()


def _state(rt: Runtime, delivery_id: int) -> str:
    with rt.uow(readonly=True) as s:
        return str(s.scalar(select(Delivery.state).where(Delivery.id == delivery_id)))


def _queue(rt: Runtime, key: str, payload: dict[str, Any]) -> int:
    with rt.uow() as s:
        return enqueue_delivery(s, "slack", payload, idempotency_key=key, now=clock.now()).id


def test_x1_idle_lanes_send_new_work_without_waiting_for_the_poll(
    rt: Runtime, lanes: Worker, receiver: SlowReceiver
) -> None:
    if rt.db.backend == "postgresql":
        assert _until(lambda: lanes.deliveries._notified, 10)  # LISTENing
    time.sleep(0.3)  # past the first round: the lanes are idle, the next round is 30 s off
    for n in range(3):  # each one wakes them again
        started = time.monotonic()
        did = _queue(rt, f"wake-{n}", {"text": f"notice {n}"})
        assert _until(lambda d=did: _state(rt, d) == "delivered", 10)  # type: ignore[misc]
        assert time.monotonic() - started < 5.0 < POLL
    assert len(receiver.posts()) == 3


def test_x1_a_rolled_back_enqueue_wakes_nobody_and_sends_nothing(
    rt: Runtime, lanes: Worker, receiver: SlowReceiver
) -> None:
    with pytest.raises(RuntimeError), rt.uow() as s:
        enqueue_delivery(s, "slack", {"text": "never"}, idempotency_key="gone", now=clock.now())
        raise RuntimeError("the caller's transaction fails")
    did = _queue(rt, "kept", {"text": "kept"})
    assert _until(lambda: _state(rt, did) == "delivered", 10)
    [post] = receiver.posts()
    assert "kept" in str(post.body) and "never" not in str(post.body)


def test_due_soon_sees_only_due_rows_of_the_named_channels(rt: Runtime) -> None:
    now = clock.now()
    assert not due_soon(rt.db, ["slack"], now)
    with rt.uow() as s:
        enqueue_delivery(s, "email", {"to": ["a@b.c"]}, idempotency_key="e1", now=now)
    assert not due_soon(rt.db, ["slack"], now) and due_soon(rt.db, ["email", "slack"], now)
    assert not due_soon(rt.db, [], now)
