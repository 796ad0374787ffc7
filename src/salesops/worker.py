"""The worker: claims due jobs and deliveries, and runs the schedule.

Like healthchecks' ``sendalerts``, each step processes one item and says
whether there was work; the loop sleeps only when a whole pass found nothing.
Outbound deliveries have a lane of their own (``core.lanes``): under
``run_forever`` they are sent concurrently in their own thread, so a slow receiver
never holds up jobs or the lead pipeline; ``run_once`` without it sends one batch
and waits for it (tests, ``worker --once``). Any number of workers can run against
one PostgreSQL (claims are conditional UPDATEs with leases, see ``core.claim``).
"""

from __future__ import annotations

import importlib
import logging
import os
import signal
import socket
import threading
from datetime import datetime
from types import FrameType

from salesops.core import clock
from salesops.core.jobs import enqueue_due_schedules, run_one_job
from salesops.core.lanes import DeliveryLanes
from salesops.core.outbox import CHANNELS
from salesops.flows import pipeline
from salesops.flows.imports import jobs as import_jobs
from salesops.intake import imap_sync
from salesops.playbook.runtime import Runtime
from salesops.reports import rollups  # noqa: F401  (the rollups' commit hook, issue 18)

log = logging.getLogger("salesops.worker")

# Modules that register jobs (@job), schedules and outbox senders on import.
JOB_MODULES = [
    "salesops.core.system_jobs",
    "salesops.integrations.senders",  # ticketing, email_automation, slack, email
    "salesops.tasks.side_effects",  # D-3: ticket link written back after delivery
    "salesops.opportunities.jobs",  # L-1: follow-ups made due
    "salesops.routing.jobs",  # T-1 … T-4: the stale sweep
    "salesops.intake.jobs",  # the rejected-deliveries log's retention
    "salesops.users.jobs",  # expired web sessions and sign-in throttle counts; digest
    "salesops.flows.rescoring",  # S-4: rescoring after a playbook change, with progress
    "salesops.flows.deactivation_jobs",  # a large hand-over planned and applied
    "salesops.flows.notices",  # issue 20: due today, R-9 speed to lead, failed side effects
]


def load_job_modules() -> None:
    for name in JOB_MODULES:
        importlib.import_module(name)


def lane_names(spec: str | None) -> frozenset[str] | None:
    """``--lanes``: "all" (None: every registered channel), "none", or channel names
    separated by commas; an unknown name is a ValueError naming the known ones."""
    load_job_modules()
    text = (spec or "all").strip().lower()
    if text == "all":
        return None
    if text == "none":
        return frozenset()
    names = frozenset(n.strip() for n in text.split(",") if n.strip())
    unknown = sorted(names - set(CHANNELS))
    if unknown:
        raise ValueError(
            f"unknown delivery lane(s) {', '.join(unknown)}; known: {', '.join(sorted(CHANNELS))}"
        )
    return names


class Worker:
    """``lanes``: the delivery lanes this worker runs (None: all; empty: none);
    ``passes``: whether it runs the pass (schedules, jobs, the lead pipeline, imports,
    mailboxes). Several workers may split them, e.g. one running only the notification
    lanes (``users.notify.NOTIFY_CHANNELS``) so notices never wait behind a busy
    pipeline or other mail (issue 20 item 3, docs/operations.md "Scaling the worker")."""

    def __init__(
        self,
        rt: Runtime,
        worker_id: str | None = None,
        *,
        lanes: frozenset[str] | None = None,
        passes: bool = True,
    ) -> None:
        load_job_modules()
        self.rt = rt
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.deliveries = DeliveryLanes(rt.db, rt.settings, self.worker_id, lanes)
        self.sends = lanes is None or bool(lanes)
        self.passes = passes
        self._slots: dict[str, int] = {}  # schedules queued for their current slot
        self.leads_arriving = False  # the last pass's drain found leads
        self._stop = threading.Event()

    def run_once(self, now: datetime | None = None) -> bool:
        """One pass: queue due schedules, run one job, send the due deliveries (unless
        their lanes run in their own thread: ``deliveries.start``), and run the pipeline
        of the new leads intake queued (until the queue is empty; none queued costs one
        SELECT). Busy (no poll sleep) while any step had a full load.

        ``now`` (tests) fixes the time of the whole pass; by default each step reads the
        clock, and the pipeline reads it per batch, so a lead is stamped with the time it
        was routed, not the time the pass began."""
        lanes = self.deliveries
        sent = self.sends and not lanes.running and lanes.run_batch(now or clock.now()) > 0
        if not self.passes or self._stop.is_set():
            return sent
        at = now or clock.now()
        slots = dict(self._slots)
        with self.rt.uow() as s:
            enqueue_due_schedules(s, at, slots)
        self._slots = slots  # once committed
        ran_job = run_one_job(self.rt.db, self.worker_id, now or clock.now(), rt=self.rt)
        if self._stop.is_set():
            return False
        # A full batch means more are queued; after a partial one the next pass comes
        # a drain pace later (``run_forever``), so that under load leads are drained in
        # batches (each costs a fixed ~25 statements) rather than a few at a time.
        drained = pipeline.drain(self.rt, now)
        self.leads_arriving = drained > 0
        piped = drained >= pipeline.BATCH
        imported = import_jobs.run_due(self.rt) > 0  # issue 19: the admin page's imports
        synced = imap_sync.sync_due(self.rt, now) > 0  # issue 20 item 2: one mailbox a pass
        return ran_job or sent or piped or imported or synced

    def drain(self, now: datetime | None = None, limit: int = 100_000) -> int:
        """Process until nothing is due (for tests, ``worker --once`` and cron)."""
        n = 0
        while n < limit and self.run_once(now):
            n += 1
        return n

    def run_forever(self) -> None:
        """Until SIGTERM or SIGINT: then the current step finishes (a pipeline drain ends
        after its current batch) and the loop returns; a second signal aborts at once
        (the running transaction rolls back; its work is claimed again later)."""
        from salesops.flows.bootstrap import settle_heap

        self.handle_signals()
        settle_heap()
        if self.sends:
            self.deliveries.start()  # sends in their own thread, beside jobs and pipeline
        try:
            while not self._stop.is_set():
                if self.sends and not self.deliveries.running and not self._stop.is_set():
                    log.error("delivery lanes stopped unexpectedly; starting them again")
                    self.deliveries.start()  # never left without its sends
                if not self.passes:  # the lanes' thread does the work
                    self._stop.wait(self.rt.settings.worker_poll_seconds)
                    continue
                try:
                    busy = self.run_once()
                except Exception:  # keep the worker alive; the item is retried
                    log.exception("worker pass failed")
                    busy = False
                if not busy:
                    # Leads are arriving: the next batch in a pace's time (a new lead
                    # waits ~0.2 s to be routed, not a whole poll), else the poll.
                    poll = self.rt.settings.worker_poll_seconds
                    pace = pipeline.DRAIN_PACE_SECONDS
                    self._stop.wait(min(poll, pace) if self.leads_arriving else poll)
        except BaseException:  # aborted (a second signal): sends in flight keep their leases
            self.deliveries.stop(timeout=0)
            raise
        self.deliveries.stop()  # claims nothing more; sends in flight end within their deadline
        log.info("worker %s stopped", self.worker_id)

    def handle_signals(self) -> None:
        """SIGTERM/SIGINT stop the loop after the current step (``run_forever`` calls it;
        the CLI calls it before saying it started, so no signal finds Python's default)."""
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)

    def stop(self) -> None:
        """Stop after the current step: no new pass, no new pipeline batch, no new claim
        of a delivery (the sends in flight finish within their deadline)."""
        self._stop.set()
        pipeline.stop_draining(self.rt)
        self.deliveries.stop(timeout=0)  # no wait here: run_forever waits for the sends

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._stop.is_set():
            log.warning("worker %s: signal %s again, aborting", self.worker_id, signum)
            raise SystemExit(128 + signum)
        log.info("worker %s stopping after its current step (signal %s)", self.worker_id, signum)
        self.stop()
