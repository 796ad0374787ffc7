"""The worker under signals and load: SIGTERM stops it after its current batch (issue 13
item 10), and each pipeline batch is stamped with its own time, not the time the
worker's pass began."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from salesops.flows import pipeline
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.worker import Worker
from tests.factories import make_user
from tests.ops.process import eventually, salesops
from tests.ops.test_serve import committed_lead, queued

EU = "Europe & Africa"
T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def own_signals() -> Iterator[None]:
    """``run_forever`` installs SIGTERM/SIGINT handlers in this process: put pytest's back."""
    previous = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    yield
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def test_sigterm_stops_the_worker_after_its_current_pipeline_batch(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch, own_signals: None
) -> None:
    """Five leads queued, batches of two: SIGTERM arrives while the first batch runs.
    That batch commits whole (both leads routed); no other batch starts; the loop ends."""
    make_user(rt, "ana@example.com", territory=EU)
    ids = [committed_lead(rt, f"p{i}@term{i}.io") for i in range(5)]
    monkeypatch.setattr(pipeline, "BATCH", 2)
    real = pipeline.steps()
    signalled: list[int] = []

    def sigterm_once(session: object, task: Task, now: datetime) -> None:
        if not signalled:
            signalled.append(task.id)
            os.kill(os.getpid(), signal.SIGTERM)  # the operator's `kill`

    monkeypatch.setattr(pipeline, "steps", lambda: (sigterm_once, *real))
    Worker(rt, worker_id="term").run_forever()  # returns: it stopped
    assert signalled == [ids[0]]
    assert queued(rt) == ids[2:]  # the rest waits for the next worker
    with rt.uow(readonly=True) as s:
        owners = dict(s.execute(select(Task.id, Task.owner_id).where(Task.id.in_(ids))).all())
    assert [owners[i] is not None for i in ids] == [True, True, False, False, False]


def test_a_worker_process_exits_cleanly_on_sigterm(rt: Runtime, tmp_path: Path) -> None:
    """The real signal path: ``salesops worker`` idles, gets SIGTERM, exits 0 at once
    (it waits on an event, not a sleep)."""
    with salesops(rt, tmp_path, "worker", SALESOPS_WORKER_POLL_SECONDS="30") as proc:
        eventually(lambda: "started" in proc.output(), 60, "worker started", proc)
        proc.signal(signal.SIGTERM)
        assert proc.wait(15) == 0, proc.output()
        assert "stopped" in proc.output()


def test_each_pipeline_batch_is_stamped_with_its_own_time(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker pass that drains two batches: the second batch's leads are assigned at the
    time that batch ran, not when the pass began (R-9 and T-1 clocks start right)."""
    make_user(rt, "ana@example.com", territory=EU)
    with time_machine.travel(T0, tick=False) as traveller:
        ids = [committed_lead(rt, f"p{i}@stamp{i}.io") for i in range(4)]
        monkeypatch.setattr(pipeline, "BATCH", 2)
        real = pipeline.steps()

        def slow(session: object, task: Task, now: datetime) -> None:
            traveller.shift(timedelta(minutes=1))  # each lead takes a "minute"

        monkeypatch.setattr(pipeline, "steps", lambda: (slow, *real))
        Worker(rt, worker_id="stamp").run_once()
    with rt.uow(readonly=True) as s:
        stamps = dict(s.execute(select(Task.id, Task.assigned_at).where(Task.id.in_(ids))).all())
    first, second = {stamps[i] for i in ids[:2]}, {stamps[i] for i in ids[2:]}
    assert len(first) == len(second) == 1  # one time per batch
    assert second.pop() - first.pop() == timedelta(minutes=2)
