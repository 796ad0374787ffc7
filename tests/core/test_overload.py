"""Overload (issue 13 item 10): past capacity the server answers 503 with Retry-After
at once, a lead refused is not stored, and every lead answered 2xx is (I-2, X-1)."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Sequence
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from salesops.core.overload import InFlightLimit
from salesops.intake import api as intake_api
from salesops.intake.models import IntakeDelivery, IntakeRejection
from salesops.intake.rules import sign_hex
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.intake.live import live_server


def test_in_flight_limit_answers_503_with_retry_after_before_any_work() -> None:
    started: list[str] = []
    release = asyncio.Event()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        started.append(scope["path"])
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    limit = InFlightLimit(app, limit=2)

    async def call(path: str) -> tuple[int, dict[bytes, bytes], bytes]:
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {"type": "http", "path": path, "method": "GET", "headers": []}
        await limit(scope, receive, send)
        return sent[0]["status"], dict(sent[0]["headers"]), sent[1]["body"]

    async def scenario() -> list[tuple[int, dict[bytes, bytes], bytes]]:
        held = [asyncio.ensure_future(call(f"/api/v1/tasks/{i}")) for i in range(2)]
        await asyncio.sleep(0)
        refused = await call("/api/v1/tasks/3")  # answered while the two are held
        health = asyncio.ensure_future(call("/api/v1/health"))  # liveness always passes
        await asyncio.sleep(0)
        release.set()
        return [refused, *await asyncio.gather(*held, health)]

    refused, *rest = asyncio.run(scenario())
    status, headers, body = refused
    assert status == 503 and headers[b"retry-after"] == b"1"
    assert headers[b"content-type"] == b"application/problem+json"
    assert "SALESOPS_MAX_IN_FLIGHT" in json.loads(body)["detail"]
    assert [r[0] for r in rest] == [200, 200, 200]
    assert "/api/v1/tasks/3" not in started and limit.active == 0 and limit.refused == 1


class Gate:
    """Holds every contact-form group-commit batch until ``open``: the queue behind the
    running batches fills as it would behind slow transactions."""

    def __init__(self) -> None:
        self.opened = threading.Event()
        self.entered = threading.Semaphore(0)

    def hold_all_slots(self, rt: Runtime, url: str, send: Any) -> list[threading.Thread]:
        """Fill every concurrent batch slot (SQLite 1, PostgreSQL 2) with one lead each
        (numbered from 0) and wait until each of their batches is held."""
        slots = 2 if rt.db.backend == "postgresql" else 1
        threads = [threading.Thread(target=send, args=(n, url)) for n in range(slots)]
        for t in threads:
            t.start()
            assert self.entered.acquire(timeout=30)
        return threads


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    held = Gate()
    real = intake_api.receive_forms

    def slow(session: Any, settings: Any, forms: Sequence[Any], now: Any) -> Any:
        held.entered.release()
        assert held.opened.wait(60)
        return real(session, settings, forms, now)

    monkeypatch.setattr(intake_api, "receive_forms", slow)
    return held


def _post(url: str, rt: Runtime, n: int) -> httpx.Response:
    body = json.dumps(
        {"submission_id": f"load-{n}", "email": f"p{n}@load{n}.io", "country": "DE"}
    ).encode()
    headers = {"X-Salesops-Signature": sign_hex(rt.settings.form_secret, body)}
    return httpx.post(url + "/api/v1/intake/form", content=body, headers=headers, timeout=30)


def _stored_keys(rt: Runtime) -> set[str]:
    with rt.uow(readonly=True) as s:
        return set(s.scalars(select(IntakeDelivery.key).where(IntakeDelivery.source == "form")))


def test_a_full_intake_queue_answers_503_and_stores_exactly_the_2xx_leads(
    rt: Runtime, gate: Gate
) -> None:
    """The running batches are held; five leads wait (SALESOPS_INTAKE_QUEUE_MAX=5); six
    more are answered 503 with Retry-After at once. Released, the waiting ones are
    answered 200. Stored: exactly the leads answered 200; none of the 503 ones, and no
    503 is logged as a rejected delivery."""
    rt.settings.intake_queue_max = 5
    answers: dict[int, httpx.Response] = {}

    def send(n: int, url: str) -> None:
        answers[n] = _post(url, rt, n)

    with live_server(rt) as url:
        held = gate.hold_all_slots(rt, url, send)
        rest = [threading.Thread(target=send, args=(n, url)) for n in range(100, 111)]
        for t in rest:
            t.start()
        deadline = time.monotonic() + 30  # the six refusals come at once; bounded anyway
        while len(answers) < 6 and time.monotonic() < deadline:
            time.sleep(0.01)  # polling other threads' answers, not a clock rule
        assert sorted(r.status_code for r in list(answers.values())) == [503] * 6
        gate.opened.set()
        for t in [*held, *rest]:
            t.join(30)
    codes = {n: r.status_code for n, r in answers.items()}
    assert sorted(codes.values()) == [200] * (len(held) + 5) + [503] * 6, codes
    for r in answers.values():
        if r.status_code == 503:
            assert r.headers["retry-after"] == "1"
            assert r.headers["content-type"] == "application/problem+json"
            assert "SALESOPS_INTAKE_QUEUE_MAX" in r.json()["detail"]
    ok = {f"load-{n}" for n, code in codes.items() if code == 200}
    assert _stored_keys(rt) == ok
    with rt.uow(readonly=True) as s:
        stored_tasks = set(s.scalars(select(Task.source_ref)))
        assert s.scalar(select(IntakeRejection.id).limit(1)) is None
    assert stored_tasks == {f"form:{key}" for key in ok}


def test_a_lead_still_queued_after_max_wait_is_refused_and_never_stored(
    rt: Runtime, gate: Gate
) -> None:
    """SALESOPS_INTAKE_MAX_WAIT_SECONDS: the client gets a 503 it can retry, never a
    timeout while its lead is stored later. A lead whose batch had started is stored and
    answered 200 however long that batch takes."""
    rt.settings.intake_max_wait_seconds = 0.3
    answers: dict[int, httpx.Response] = {}

    def send(n: int, url: str) -> None:
        answers[n] = _post(url, rt, n)

    with live_server(rt) as url:
        held = gate.hold_all_slots(rt, url, send)
        queued = [threading.Thread(target=send, args=(n, url)) for n in (100, 101)]
        for t in queued:
            t.start()
        for t in queued:
            t.join(30)  # answered 503 while the running batches are still held
        assert [answers[n].status_code for n in (100, 101)] == [503, 503]
        gate.opened.set()
        for t in held:
            t.join(30)
    assert answers[100].headers["retry-after"] == "1"
    assert {r.status_code for n, r in answers.items() if n < 100} == {200}
    assert _stored_keys(rt) == {f"load-{n}" for n in answers if n < 100}


def test_each_lead_is_stamped_with_its_own_arrival_time_not_its_batchs(
    rt: Runtime, gate: Gate
) -> None:
    """Two leads that arrive a minute apart while a batch holds share the next batch; each
    task keeps its own arrival time as created_at (R-9's speed-to-lead clock)."""
    from datetime import UTC, datetime, timedelta

    import time_machine

    t0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)
    answers: dict[int, httpx.Response] = {}

    def send(n: int, url: str) -> None:
        answers[n] = _post(url, rt, n)

    with time_machine.travel(t0, tick=False) as traveller, live_server(rt) as url:
        held = gate.hold_all_slots(rt, url, send)
        later = []
        for n in (1, 2):
            traveller.shift(timedelta(minutes=1))
            later.append(threading.Thread(target=send, args=(100 + n, url)))
            later[-1].start()
            deadline = time.monotonic() + 30
            while len(intake_api.form_batches(rt)._queue) < n and time.monotonic() < deadline:
                time.sleep(0.01)  # wait until it is queued, before moving the clock on
        gate.opened.set()
        for t in [*held, *later]:
            t.join(30)
    assert {r.status_code for r in answers.values()} == {200}
    with rt.uow(readonly=True) as s:
        created = dict(s.execute(select(Task.source_ref, Task.created_at)).all())
    assert created["form:load-101"] == t0 + timedelta(minutes=1)
    assert created["form:load-102"] == t0 + timedelta(minutes=2)
