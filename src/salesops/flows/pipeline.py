"""What happens to every new lead task: enrich and score it (S-1 … S-4), classify it (R-1),
route it (M-3, R-2 … R-7), each step recording its decisions (O-8).

Two ways in:

* **Inline** — ``on_task_created(session, task, now)`` in the transaction that created
  the task (manual entry: the person sees the owner in the answer).
* **Queued** — intake, whose throughput matters, only ``enqueue``\\ s its new leads
  (``tasks.lead_queue``: one INSERT in its own transaction, so a committed lead is never
  lost; intake sits below this flow and never calls it) and the pipeline
  runs after the commit, in batches: ``run_queued`` processes up to ``limit`` queued
  leads in the caller's unit of work, and ``drain`` runs it until the queue is empty.
  Intake entrypoints call ``drain`` after their commit (HTTP as a background task,
  the SMTP listener, the demo) unless ``pipeline_in_api`` is off; every worker pass
  drains too (``worker.Worker.run_once``), and so does every API process at start-up
  and every ``SALESOPS_PIPELINE_POLL_SECONDS`` (``drain_queued``, one indexed SELECT
  when nothing is queued), which picks up the leads of a process that died between
  its commit and its drain. Until then such a lead is New and unassigned, with its
  queue row.

A flow (``salesops.flows``): it strings intake's queue, scoring, classification and
routing together, so none of them imports another upward. Steps are plain functions
``(session, task, now) -> None`` in their domain's service.
In batch mode every step but routing runs lead by lead, and routing runs once for the
batch (``routing.batch.route_batch``: the same chain as ``route_task``).
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core import clock
from salesops.core.objwrites import write_changes_many
from salesops.flows.notices import announce_new_leads
from salesops.playbook.runtime import Runtime
from salesops.routing.batch import route_batch
from salesops.routing.service import route_task
from salesops.scoring.service import ICP_ROLES, preload_icp_roles
from salesops.tasks import service as tasks_service
from salesops.tasks.lead_queue import MAX_ATTEMPTS as MAX_ATTEMPTS  # the queue's side
from salesops.tasks.lead_queue import QUEUE, due
from salesops.tasks.lead_queue import enqueue as enqueue
from salesops.tasks.lead_queue import is_queued as is_queued
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users.models import User

log = logging.getLogger("salesops.pipeline")

Step = Callable[[Session, Task, datetime], None]

# In order. Each entry is (module, function).
PIPELINE: list[tuple[str, str]] = [
    ("salesops.scoring.service", "enrich_and_score_task"),  # S-1 … S-4
    ("salesops.scoring.service", "classify_task"),
    ("salesops.routing.service", "route_task"),  # M-3, R-2 … R-7
]
CLOSED = ("Unqualified", "Converted")  # R-1 disqualified it: support, billing, spam skip routing

#: Leads per ``run_queued`` batch (one unit of work each). A lead's owner is told when its
#: batch commits (the notice is written in the routing's transaction, X-1), and on SQLite
#: a batch holds the one write lock from start to commit, so a batch is what notices,
#: intake's group commit and the delivery lanes' rounds wait behind (issue 20): 100
#: leads is ~0.1 s of pipeline on a quiet core (500 took 0.5 s quiet, 1–1.5 s at load
#: 10). A batch has a fixed cost (~25 statements: ~0.15 ms a lead at 100, measured in
#: docs/performance.md), so much smaller batches lose throughput.
BATCH = 100
DRAIN_PACE_SECONDS = 0.2  # under load, at most 5 drain batches a second per process
#: SQLite, between two full batches of a backlog: the write lock is left free this long,
#: so writers of other processes (intake's group commit, the notification lanes' rounds,
#: which poll for it every 0.5 ms: ``core.db``) get their turn instead of this loop
#: taking the lock straight back after each commit.
YIELD_SECONDS = 0.003
_due = due  # the queue's "what is due" query (``tasks.lead_queue``)


@cache
def steps() -> tuple[Step, ...]:
    """The step functions, looked up on first use (tests swap ``PIPELINE``)."""
    return tuple(getattr(importlib.import_module(m), f) for m, f in PIPELINE)


def on_task_created(session: Session, task: Task, now: datetime) -> None:
    """Run every pipeline step for a new lead task (same transaction)."""
    for step in steps():
        step(session, task, now)
        if task.status in CLOSED:
            break
    if task.kind == "lead" and task.status in OPEN_STATUSES:
        announce_new_leads(session, [task], now)  # issue 20 item 3


def create_task(session: Session, actor: User, data: dict[str, Any], now: datetime) -> Task:
    """A lead task made by hand (``POST /tasks``, O-3): ``tasks.service.create_task``; one
    given no owner runs the pipeline now, in this transaction (a person waits for the
    answer)."""
    task = tasks_service.create_task(session, actor, data, now)
    if task.owner_id is None:
        on_task_created(session, task, now)
    return task


def run_queued(
    session: Session,
    now: datetime,
    *,
    limit: int = BATCH,
    task_ids: Sequence[int] | None = None,
) -> int:
    """Run the pipeline for up to ``limit`` queued leads (or just ``task_ids``), in the
    caller's unit of work; returns how many queue rows it took (and removed).

    A handful of statements per batch, whatever its size: the batch's queue rows
    (``FOR UPDATE SKIP LOCKED`` on PostgreSQL), its tasks, accounts and contacts
    (locked in id order, as routing locks them, R-5) and their ICP roles (S-2) in one
    query each; then scoring and classification lead by lead in memory (closed tasks
    are skipped); one UPDATE per table for what they changed, one INSERT of their
    decision records (O-8); routing for all still unassigned open leads at once
    (``routing.batch.route_batch``); one DELETE of the queue rows. Only R-1's D-3 side
    effects (outbox rows) cost a statement or two per lead.
    """
    pg = session.get_bind().dialect.name == "postgresql"
    ids = list(session.scalars(_due(limit, task_ids, lock=pg)))
    if not ids:
        return 0
    tasks, loaded = _load(session, ids, pg)
    per_task, routes = _batch_steps()
    preload_icp_roles(session, [t.account_id for t in tasks])  # S-2 without a query a lead
    try:
        with session.no_autoflush:  # the batch's writes go out together, below
            for task in tasks:
                if task.status not in OPEN_STATUSES:
                    continue  # closed (or converted) before its turn: nothing left to decide
                for step in per_task:
                    step(session, task, now)
                    if task.status in CLOSED:
                        break
    finally:
        session.info.pop(ICP_ROLES, None)
    write_changes_many(session, [*tasks, *loaded])  # one UPDATE per table for the steps
    if routes:
        open_leads = [
            t
            for t in tasks
            if t.kind == "lead" and t.owner_id is None and t.status in OPEN_STATUSES
        ]
        route_batch(session, open_leads, now)  # flushes the steps' writes first
        announce_new_leads(session, open_leads, now)  # the owners, the sales channel
    session.execute(delete(QUEUE).where(QUEUE.c.task_id.in_(ids)))
    del loaded
    return len(ids)


def _load(session: Session, ids: list[int], pg: bool) -> tuple[list[Task], list[Any]]:
    """The batch's tasks, and its accounts and contacts, in one query each: the steps
    find them in the identity map (which holds objects weakly: the caller keeps the
    returned list). PostgreSQL: tasks and accounts locked in id order."""
    tq = select(Task).where(Task.id.in_(ids)).order_by(Task.id)
    if pg:
        tq = tq.with_for_update(key_share=True, of=Task)
    tasks = list(session.scalars(tq))
    loaded: list[Any] = []
    account_ids = sorted({t.account_id for t in tasks})
    if account_ids:
        aq = select(Account).where(Account.id.in_(account_ids)).order_by(Account.id)
        if pg:  # FOR NO KEY UPDATE: the lock route_task takes
            aq = aq.with_for_update(key_share=True, of=Account)
        loaded.extend(session.scalars(aq))
        contact_ids = sorted({t.contact_id for t in tasks})
        cq = select(Contact).where(Contact.id.in_(contact_ids)).order_by(Contact.id)
        if pg:  # written below with every changed column: nobody may change them meanwhile
            cq = cq.with_for_update(key_share=True, of=Contact)
        loaded.extend(session.scalars(cq))
    return tasks, loaded


def _batch_steps() -> tuple[tuple[Step, ...], bool]:
    """The steps run lead by lead, and whether routing (run for the batch) is one of them."""
    every = steps()
    return tuple(s for s in every if s is not route_task), route_task in every


# -- draining after commit -----------------------------------------------------------


@dataclass
class _DrainState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    running: bool = False
    more: bool = False
    stopping: bool = False  # the process is shutting down: no new batch starts

    def flag_if_running(self) -> bool:
        """With ``lock`` held: if a drain runs, tell it there is more (it loops once
        more) and say so."""
        if self.running:
            self.more = True
        return self.running


def _drain_state(rt: Runtime) -> _DrainState:
    """This process's drain state (one per runtime)."""
    return rt.local("tasks.pipeline.drain", _DrainState)  # the key predates flows/


def drain_is_due(rt: Runtime) -> bool:
    """Whether ``drain_after_intake`` has anything to do, decided without a thread:
    False when workers run the pipeline, or when this process's drain is running (it
    is told there is more, and loops once more). The fast lane asks before handing the
    drain to a worker thread, a hand-off per request that mostly found a drain busy."""
    if not rt.settings.pipeline_in_api:
        return False
    state = _drain_state(rt)
    with state.lock:
        return not state.flag_if_running()


def stop_draining(rt: Runtime) -> None:
    """Shutting down (SIGTERM): a running drain ends after its current batch, and no new
    one starts in this process. What is left stays queued for the next process."""
    state = _drain_state(rt)
    with state.lock:
        state.stopping = True


def drain_queued(rt: Runtime) -> int:
    """What an API process runs at start-up and on its timer: the drain, if this process
    runs the pipeline, none of its drains is running, and a lead is queued. It routes the
    leads a crashed process acknowledged but never drained, without waiting for the next
    intake request; with several processes each takes other leads (PostgreSQL: SKIP
    LOCKED) or waits its turn (SQLite's one writer)."""
    if not drain_is_due(rt) or not is_queued(rt):
        return 0
    return drain(rt)


def drain_after_intake(rt: Runtime) -> int:
    """What an intake entrypoint runs after its commit: the drain, in this process unless
    workers run the pipeline (``SALESOPS_PIPELINE_IN_API=false``)."""
    return drain(rt) if rt.settings.pipeline_in_api else 0


def drain(rt: Runtime, now: datetime | None = None, *, limit: int | None = None) -> int:
    """Run the queued pipeline in ``rt.uow()`` batches until the queue is empty; returns
    how many leads this call processed.

    Coalescing, per process: while a drain runs, another call only flags "more work"
    and returns 0 at once, and the running drain loops once more — so under load many
    intake requests share one drain that takes their leads in batches; while leads keep
    arriving, batches start at most every ``DRAIN_PACE_SECONDS``. ``now`` defaults
    to the clock, read per batch (each batch's leads are stamped with their own
    batch's time). A failing batch is retried lead by lead, so one bad lead cannot
    hold up the others (``MAX_ATTEMPTS``). After ``stop_draining`` the drain ends
    after its current batch.
    """
    limit = limit or BATCH
    state = _drain_state(rt)
    with state.lock:
        if state.stopping or state.flag_if_running():
            return 0
        state.running, state.more = True, False
    done = 0
    try:
        while True:
            started = time.monotonic()
            n, clean = _drain_batch(rt, now, limit)
            done += n
            with state.lock:
                if state.stopping:
                    state.running = False
                    return done
            if clean and n >= limit:  # a full batch: there may be more
                if rt.db.backend == "sqlite":
                    time.sleep(YIELD_SECONDS)  # the lock's turn for other processes
                continue
            with state.lock:
                if not state.more:
                    state.running = False
                    return done
                state.more = False
            # Leads keep arriving: let them gather for a moment. A batch costs a fixed
            # ~25 statements, so fewer, bigger batches leave more of the CPU (and of
            # SQLite's write lock) to intake; a lead still waits only milliseconds.
            rest = DRAIN_PACE_SECONDS - (time.monotonic() - started)
            if rest > 0:
                time.sleep(rest)
    except BaseException:
        with state.lock:
            state.running = False
        raise


def _drain_batch(rt: Runtime, now: datetime | None, limit: int) -> tuple[int, bool]:
    """One batch; on failure, its leads one by one. Returns (leads done, batch succeeded)."""
    at = now or clock.now()
    try:
        with rt.uow() as s:
            return run_queued(s, at, limit=limit), True
    except Exception:
        log.exception("lead pipeline: a batch failed; running its leads one by one")
    with rt.uow(readonly=True) as s:
        ids = list(s.scalars(_due(limit, None, lock=False)))
    done = 0
    for task_id in ids:
        try:
            with rt.uow() as s:
                done += run_queued(s, at, limit=1, task_ids=[task_id])
        except Exception:
            log.exception("lead pipeline: task %s failed", task_id)
            with rt.uow() as s:
                attempts = _failed(s, task_id)
            if attempts >= MAX_ATTEMPTS:
                log.error(
                    "lead pipeline: task %s failed %s times; it stays New and unassigned, "
                    "queued in lead_pipeline_queue (reset attempts to retry)",
                    task_id,
                    attempts,
                )
    return done, False


def _failed(session: Session, task_id: int) -> int:
    """Count a failed attempt: the lead now waits behind every fresh one."""
    session.execute(
        update(QUEUE).where(QUEUE.c.task_id == task_id).values(attempts=QUEUE.c.attempts + 1)
    )
    return int(session.scalar(select(QUEUE.c.attempts).where(QUEUE.c.task_id == task_id)) or 0)
