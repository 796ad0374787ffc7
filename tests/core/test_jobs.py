"""Background jobs and the outbox (issue 2 item 7, X-1): claimed once, retried, dead-lettered."""

from __future__ import annotations

import multiprocessing
import os
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from salesops.core.config import Settings
from salesops.core.db import Database
from salesops.core.jobs import JOBS, Job, enqueue, enqueue_due_schedules, job, run_one_job
from salesops.core.lanes import deliver_due
from salesops.core.outbox import (
    Delivery,
    DeliveryResult,
    SendContext,
    enqueue_delivery,
    retry_dead,
    sender,
)
from salesops.core.system_jobs import Heartbeat
from salesops.playbook.runtime import Runtime

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
RUNS: list[int] = []


@job("test.record", max_attempts=3)
def _record(session: Session, payload: dict[str, Any], now: datetime) -> None:
    session.execute(
        text("INSERT INTO heartbeats (name, at) VALUES (:n, :at)"),
        {"n": f"job-{payload['n']}", "at": now.replace(tzinfo=None)},
    )


@job("test.fail", max_attempts=2)
def _fail(session: Session, payload: dict[str, Any], now: datetime) -> None:
    RUNS.append(1)
    raise RuntimeError("boom")


def test_job_runs_once_and_commits_with_its_work(rt: Runtime) -> None:
    with rt.uow() as s:
        enqueue(s, "test.record", {"n": 1}, now=T0)
    assert run_one_job(rt.db, "w1", T0) is True
    assert run_one_job(rt.db, "w1", T0) is False  # nothing left
    with rt.uow() as s:
        assert s.scalar(select(Job.status)) == "done"
        assert s.scalar(select(func.count()).select_from(Heartbeat)) == 1


def test_job_queued_in_rolled_back_transaction_never_runs(rt: Runtime) -> None:
    with pytest.raises(RuntimeError), rt.uow() as s:
        enqueue(s, "test.record", {"n": 1}, now=T0)
        raise RuntimeError("request failed")
    assert run_one_job(rt.db, "w1", T0) is False


def test_failed_job_is_retried_with_backoff_then_dead(rt: Runtime) -> None:
    RUNS.clear()
    with rt.uow() as s:
        enqueue(s, "test.fail", {}, now=T0)
    assert run_one_job(rt.db, "w1", T0)
    with rt.uow() as s:
        row = s.scalar(select(Job))
        assert row.status == "queued" and row.run_at > T0 and "boom" in row.last_error
    assert run_one_job(rt.db, "w1", T0) is False  # not due yet
    later = T0 + timedelta(hours=1)
    assert run_one_job(rt.db, "w1", later)
    with rt.uow() as s:
        assert s.scalar(select(Job.status)) == "dead"
    assert len(RUNS) == 2


def test_dead_worker_lease_expires_and_job_is_not_lost(rt: Runtime) -> None:
    with rt.uow() as s:
        enqueue(s, "test.record", {"n": 5}, now=T0)
        s.flush()
        # A worker claimed it and died before finishing.
        s.execute(
            text("UPDATE jobs SET status='running', locked_by='dead', locked_until=:t"),
            {
                "t": (T0 + timedelta(minutes=5)).replace(tzinfo=None)
                if rt.db.backend == "sqlite"
                else T0 + timedelta(minutes=5)
            },
        )
    assert run_one_job(rt.db, "w2", T0) is False  # lease still held
    assert run_one_job(rt.db, "w2", T0 + timedelta(minutes=6)) is True
    with rt.uow() as s:
        assert s.scalar(select(Job.status)) == "done"


def test_schedule_enqueues_once_per_slot_across_workers(rt: Runtime) -> None:
    with rt.uow() as s:
        enqueue_due_schedules(s, T0)
    with rt.uow() as s:
        enqueue_due_schedules(s, T0 + timedelta(seconds=10))  # same minute: no duplicate
    with rt.uow() as s:
        n = s.scalar(select(func.count()).select_from(Job).where(Job.kind == "system.heartbeat"))
    assert n == 1


def test_a_workers_memo_skips_the_slots_it_has_queued(rt: Runtime) -> None:
    """A busy worker's passes look each schedule up once per slot, not once per pass."""
    seen: dict[str, int] = {}
    with rt.uow() as s:
        assert enqueue_due_schedules(s, T0, seen) >= 1
        s.execute(text("DELETE FROM jobs"))  # were it asked again, it would queue again
        assert enqueue_due_schedules(s, T0 + timedelta(seconds=10), seen) == 0
        assert s.scalar(select(func.count()).select_from(Job)) == 0
        assert enqueue_due_schedules(s, T0 + timedelta(minutes=1), seen) >= 1  # next slot
        assert s.scalar(select(Job.id).where(Job.kind == "system.heartbeat")) is not None


# --- outbox (X-1) ----------------------------------------------------------------

CALLS: list[str] = []
FAIL_TIMES = {"n": 0}


@sender("test.flaky")
async def _flaky(ctx: SendContext, delivery: Delivery) -> DeliveryResult:
    if FAIL_TIMES["n"] > 0:
        FAIL_TIMES["n"] -= 1
        raise ConnectionError("target down")
    CALLS.append(delivery.idempotency_key)
    return DeliveryResult({"ok": True})


def deliver_one(db: Database, settings: Settings, worker_id: str, now: datetime) -> bool:
    return deliver_due(db, settings, worker_id, now) > 0


def test_x1_delivery_retries_then_dead_then_admin_retry(rt: Runtime) -> None:
    CALLS.clear()
    FAIL_TIMES["n"] = 3
    with rt.uow() as s:
        enqueue_delivery(s, "test.flaky", {"x": 1}, idempotency_key="k1", now=T0, max_attempts=2)
        enqueue_delivery(s, "test.flaky", {"x": 1}, idempotency_key="k1", now=T0)  # same key
    with rt.uow() as s:
        assert s.scalar(select(func.count()).select_from(Delivery)) == 1
    now = T0
    assert deliver_one(rt.db, rt.settings, "w", now)
    now += timedelta(hours=2)
    assert deliver_one(rt.db, rt.settings, "w", now)
    with rt.uow() as s:
        row = s.scalar(select(Delivery))
        assert row.state == "dead" and "target down" in row.last_error
        retry_dead(s, row.id, now)
    assert deliver_one(rt.db, rt.settings, "w", now)  # fails once more (3rd failure)
    now += timedelta(hours=2)
    assert deliver_one(rt.db, rt.settings, "w", now)
    with rt.uow() as s:
        assert s.scalar(select(Delivery.state)) == "delivered"
    assert CALLS == ["k1"]


def test_x1_delivery_dropped_on_rollback(rt: Runtime) -> None:
    with pytest.raises(RuntimeError), rt.uow() as s:
        enqueue_delivery(s, "test.flaky", {}, idempotency_key="k2", now=T0)
        raise RuntimeError
    assert deliver_one(rt.db, rt.settings, "w", T0) is False


# --- several worker processes on PostgreSQL -------------------------------------


def _worker_proc(url: str, worker_id: str, now_iso: str) -> None:
    import tests.core.test_jobs  # noqa: F401  registers test.record in the child

    db = Database(url)
    now = datetime.fromisoformat(now_iso)
    while run_one_job(db, worker_id, now):
        pass
    db.dispose()


@pytest.mark.postgres_only
def test_two_worker_processes_run_each_job_exactly_once(rt: Runtime) -> None:
    if rt.db.backend != "postgresql":
        pytest.skip("multi-process claim test runs on the PostgreSQL half of `make test`")
    with rt.uow() as s:
        for n in range(400):
            enqueue(s, "test.record", {"n": n}, now=T0)
    ctx = multiprocessing.get_context("spawn")
    procs = [
        ctx.Process(target=_worker_proc, args=(rt.db.url, f"w{i}", T0.isoformat()))
        for i in range(2)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with rt.uow() as s:
        assert s.scalar(select(func.count()).select_from(Job).where(Job.status == "done")) == 400
        names = list(s.scalars(select(Heartbeat.name)))
        assert len(names) == len(set(names)) == 400  # each job's work exactly once
        workers = set(s.scalars(select(Job.locked_by)))
    assert workers == {"w0", "w1"} or len(workers) >= 1
    assert "test.record" in JOBS and os.getpid()
