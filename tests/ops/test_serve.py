"""A lone ``salesops serve`` (no worker) routes the leads it acknowledged even when it
crashed before draining them: every API process drains the pipeline queue at start-up
and on a timer, not only after an intake request (issue 13 item 6; S-1 … S-4, R-1,
R-2 … R-7 run by ``flows.pipeline``). Real subprocesses on the test database."""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path

import httpx
from sqlalchemy import select

from salesops.core import clock
from salesops.intake.forms import receive_form
from salesops.intake.rules import sign_hex
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import LeadPipelineQueue, Task
from tests.factories import make_user
from tests.ops.process import eventually, form_body, post_form, serve, terminate, wait_ready

EU = "Europe & Africa"


def committed_lead(rt: Runtime, email: str) -> int:
    """Intake committed, never drained: what a process killed between its answer and
    its drain leaves behind (the queue row is in intake's transaction)."""
    body = json.dumps({"email": email, "company": "Co", "country": "DE"}).encode()
    signature = sign_hex(rt.settings.form_secret, body)
    with rt.uow() as s:
        outcome = receive_form(s, rt.settings, body, signature, clock.now())
    return int(outcome.ids["task_id"])


def queued(rt: Runtime) -> list[int]:
    with rt.uow(readonly=True) as s:
        return list(s.scalars(select(LeadPipelineQueue.task_id).order_by("task_id")))


def routed(rt: Runtime, ids: list[int]) -> bool:
    """Every one of ``ids`` has an owner, and none is queued any more."""
    with rt.uow(readonly=True) as s:
        owners = list(s.scalars(select(Task.owner_id).where(Task.id.in_(ids))))
        left = s.scalar(select(LeadPipelineQueue.task_id).limit(1))
    return len(owners) == len(ids) and None not in owners and left is None


def test_serve_routes_leads_stranded_by_a_crash_at_start_up_without_a_request(
    rt: Runtime, tmp_path: Path
) -> None:
    make_user(rt, "ana@example.com", territory=EU)
    ids = [committed_lead(rt, f"p{i}@stranded{i}.io") for i in range(3)]
    assert queued(rt) == ids  # New, unassigned, queued: the crash
    # The timer is an hour away: only the start-up drain can route them, and no
    # request of any kind is made.
    with serve(rt, tmp_path, SALESOPS_PIPELINE_POLL_SECONDS="3600") as proc:
        eventually(lambda: routed(rt, ids), 60, "stranded leads routed at start-up", proc)
        terminate(proc)


def test_serve_drains_on_a_timer_what_another_process_left(rt: Runtime, tmp_path: Path) -> None:
    """Several API processes: one dies after committing; a live one routes its leads
    within the poll interval, with no intake request of its own."""
    make_user(rt, "ana@example.com", territory=EU)
    with serve(rt, tmp_path, SALESOPS_PIPELINE_POLL_SECONDS="0.2") as proc:
        wait_ready(proc)
        ids = [committed_lead(rt, f"late{i}@elsewhere{i}.io") for i in range(2)]
        eventually(lambda: routed(rt, ids), 30, "leads routed by the timer", proc)
        terminate(proc)


def test_kill_9_under_load_then_restart_routes_every_acknowledged_lead(
    rt: Runtime, tmp_path: Path
) -> None:
    """The drill: a lone serve takes contact-form leads from 8 senders and is killed -9
    mid-stream. Every lead it answered 200 exists, and after a restart (no further
    intake) every one of them is routed."""
    make_user(rt, "ana@example.com", territory=EU)
    acknowledged: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()

    def sender(n: int, url: str) -> None:
        with httpx.Client(timeout=10) as client:
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    r = post_form(client, url, form_body(f"s{n}-{i}@load{n}-{i}.io"))
                except httpx.HTTPError:
                    return  # the server is gone
                if r.status_code == 200:
                    with lock:
                        acknowledged.append(int(r.json()["task_id"]))

    with serve(rt, tmp_path, SALESOPS_PIPELINE_POLL_SECONDS="3600") as proc:
        wait_ready(proc)
        threads = [threading.Thread(target=sender, args=(n, proc.url)) for n in range(8)]
        for t in threads:
            t.start()
        eventually(lambda: len(acknowledged) >= 120, 60, "120 leads acknowledged", proc)
        proc.signal(signal.SIGKILL)
        proc.wait(10)
        stop.set()
        for t in threads:
            t.join(15)
    assert len(set(acknowledged)) == len(acknowledged) >= 120
    with serve(rt, tmp_path, SALESOPS_PIPELINE_POLL_SECONDS="3600") as again:
        eventually(lambda: routed(rt, acknowledged), 60, "acknowledged leads routed", again)
        terminate(again)
