"""Delivery lanes: the worker's outbound sends, concurrent and bounded (X-1).

Each registered channel is a lane with its own limit of sends in flight per worker
(``Channel.concurrency``, ``SALESOPS_OUTBOX_CONCURRENCY``). Sends run as asyncio
tasks on one event loop — in a thread of their own under ``salesops worker``
(``start``), so a slow receiver never holds up the worker's jobs and lead pipeline —
and every attempt has a total deadline (``SALESOPS_OUTBOX_DEADLINE_SECONDS``),
however slowly a receiver trickles its answer. A claim is a lease renewed while the
send is in flight, so no other worker takes it; the deadline is at most half the
lease. Database work runs on a helper thread, one unit of work per round: the
outcomes since the last round, parking unconfigured channels' rows, and claiming up
to each lane's free slots with one indexed query (``claim.pick_due``).
"""

from __future__ import annotations

import asyncio
import threading
import time
import traceback
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from datetime import datetime, timedelta
from typing import Any, TypeVar

import aiohttp
from sqlalchemy import Connection

from salesops.core import clock
from salesops.core.config import Settings
from salesops.core.db import Database
from salesops.core.ledger import Ledger, Outcome, log
from salesops.core.outbox import CHANNELS, Delivery, NotConfigured, Refused, SendContext
from salesops.core.outbox_rules import attempt_deadline
from salesops.core.wake import due_on, listen, listen_url

T = TypeVar("T")

RETRY_AFTER_CAP = 300.0  # longest pause of a lane a receiver's Retry-After may ask for
RIPE_SLACK = 0.002  # seconds past a coalesced delivery's due time before its round


class DeliveryLanes:
    """The outbound lanes of one worker (``worker_id`` is the name on its leases)."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        worker_id: str,
        channels: frozenset[str] | None = None,
    ) -> None:
        """``channels``: the lanes to run (None: every registered channel's)."""
        self.settings, self.worker_id = settings, worker_id
        self.ledger = Ledger(db, settings, worker_id, channels)
        self.stats = self.ledger.stats  # claimed, delivered, failed, parked, held
        self._inflight: dict[int, tuple[Delivery, asyncio.Task[Outcome]]] = {}
        self._busy: Counter[str] = Counter()
        self._done: list[Outcome] = []
        self._paused: dict[str, float] = {}  # channel -> monotonic time its pause ends
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._stopping = threading.Event()
        self._notified = False  # PostgreSQL: LISTENing, new work wakes the lanes

    # --- configuration --------------------------------------------------------------

    @property
    def deadline(self) -> float:
        return attempt_deadline(
            self.settings.outbox_deadline_seconds, self.settings.outbox_lease_seconds
        )

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.settings.outbox_lease_seconds)

    def _free(self) -> dict[str, int]:
        """Free slots per configured, unpaused lane."""
        moment = time.monotonic()
        return {
            name: ch.limit(self.settings) - self._busy[name]
            for name, ch in CHANNELS.items()
            if self.ledger.serves(name)
            and not ch.missing(self.settings)
            and self._paused.get(name, 0.0) <= moment
        }

    # --- one pass, synchronously (tests, ``worker --once``, a worker without ``start``) --

    def run_batch(self, now: datetime | None = None) -> int:
        """Claim what is due (each lane up to its limit), send it concurrently, record the
        outcomes; returns how many deliveries were handled (sent, failed, parked, held).
        Returns within about the attempt deadline, whatever the receivers do."""
        if self.running:
            return 0
        return asyncio.run(self._batch(now or clock.now()))

    async def _batch(self, now: datetime) -> int:
        self._wake = asyncio.Event()
        started = time.monotonic()
        async with self._clients() as ctx:
            self.ledger.park_now()
            got = await self._db(self.ledger.round, [], now, self._free())
            for row in got.claimed:
                self._launch(ctx, row)
            while self._inflight:
                await self._wait(self._renew_every())
                elapsed = timedelta(seconds=time.monotonic() - started)
                await self._db(self.ledger.renew, list(self._inflight), now + elapsed)
            done, self._done = self._done, []
            await self._db(self.ledger.round, done, now, None)
        return got.handled

    # --- continuously, in a thread of its own (``salesops worker``) --------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Deliver in a thread of its own until ``stop``."""
        if self.running:
            return
        self._stopping.clear()
        self._inflight.clear()  # a loop that died took its tasks along (their leases lapse)
        self._busy.clear()
        self._thread = threading.Thread(
            target=lambda: asyncio.run(self._run()), name="salesops-deliveries", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Claim nothing more; let the sends in flight finish (each within its deadline),
        record their outcomes, and end the thread."""
        self._stopping.set()
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with suppress(RuntimeError):  # the loop already ended
                loop.call_soon_threadsafe(wake.set)
        if self._thread is not None:
            self._thread.join(timeout if timeout is not None else self.deadline + 10)

    async def _run(self) -> None:
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        url = listen_url(self.ledger.db)
        listener = (
            asyncio.get_running_loop().create_task(listen(url, self._wake.set, self._listening))
            if url
            else None
        )
        try:
            await self._rounds()
        finally:
            if listener is not None:
                listener.cancel()
                with suppress(asyncio.CancelledError):
                    await listener

    def _listening(self, up: bool) -> None:
        self._notified = up

    async def _rounds(self) -> None:
        renew_at = time.monotonic() + self._renew_every()
        gap, last = self.settings.outbox_round_gap_seconds, 0.0
        async with self._clients() as ctx:
            while True:
                stopping = self._stopping.is_set()
                if stopping and not self._inflight and not self._done:
                    break
                # Busy: let the sends that finish within the gap share this round (its
                # statements cost as much for one outcome as for forty).
                rest = gap - (time.monotonic() - last)
                if rest > 0 and not stopping:
                    await asyncio.sleep(rest)
                last = time.monotonic()
                done, self._done = self._done, []
                try:
                    free = None if stopping else self._free()
                    got = await self._db(self.ledger.round, done, clock.now(), free)
                except Exception:  # the database is away: keep the outcomes, try again
                    log.exception("delivery round failed")
                    self._done = done + self._done
                    await self._wait(self.settings.worker_poll_seconds)
                    continue
                for row in got.claimed:
                    self._launch(ctx, row)
                if self._inflight and time.monotonic() >= renew_at:
                    try:
                        await self._db(self.ledger.renew, list(self._inflight), clock.now())
                        renew_at = time.monotonic() + self._renew_every()
                    except Exception:  # the deadline is half the lease: next round again
                        log.exception("renewing delivery leases failed")
                if got.more or self._done or (stopping and not self._inflight):
                    continue
                wait = self.settings.worker_poll_seconds
                if got.ripe_at is not None:  # coalesced deliveries due then (core.coalesce)
                    ripe = (got.ripe_at - clock.now()).total_seconds()
                    wait = min(wait, max(0.0, ripe) + RIPE_SLACK)
                if self._inflight:
                    await self._wait(min(wait, max(0.0, renew_at - time.monotonic())))
                elif got.ripe_at is not None:  # rows wait for siblings: no look before then
                    await self._wait(wait)
                else:
                    await self._idle(wait)

    async def _idle(self, timeout: float) -> None:
        """Nothing in flight: wait until new work is announced (PostgreSQL's NOTIFY, see
        ``core.wake``) or, without notifications, until a short indexed look finds a
        due row; at most ``timeout`` (then a full round runs anyway)."""
        step = self.settings.outbox_wake_seconds
        if self._notified or step <= 0 or step >= timeout:
            await self._wait(timeout)
            return
        end = time.monotonic() + timeout
        conn: Connection | None = None  # kept for this idle spell's looks
        try:
            while (left := end - time.monotonic()) > 0 and not self._stopping.is_set():
                if await self._wait(min(step, left)):
                    return
                free = [name for name, n in self._free().items() if n > 0]
                if not free:
                    continue
                # Nothing is in flight here, so a sub-millisecond read may run on the loop
                # itself (no hand-off to the helper thread ten times a second).
                try:
                    conn = conn or self.ledger.db.engine.connect()
                    if due_on(conn, free, clock.now()):
                        return
                except Exception:  # the database is away: the full round reports, retries
                    log.exception("looking for due deliveries failed")
                    return
        finally:
            if conn is not None:
                with suppress(Exception):
                    conn.close()

    # --- sends ----------------------------------------------------------------------

    def _renew_every(self) -> float:
        return max(0.05, self.settings.outbox_lease_seconds / 4)

    async def _wait(self, timeout: float) -> bool:
        """Until woken or ``timeout``; whether it was woken."""
        assert self._wake is not None
        woken = False
        with suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout)
            woken = True
        self._wake.clear()
        return woken

    @asynccontextmanager
    async def _clients(self) -> AsyncIterator[SendContext]:
        """The clients every send of this lane shares: one HTTP connection pool (its
        connect timeout within the deadline), and pools senders add (SMTP)."""
        trace = aiohttp.TraceConfig()
        trace.on_request_headers_sent.append(_mark_sent)
        connect = min(5.0, self.deadline / 2)
        http = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=connect, connect=connect),
            connector=aiohttp.TCPConnector(limit=0, limit_per_host=0),  # the lanes bound it
            trace_configs=[trace],
        )
        ctx = SendContext(self.settings, http, {})
        try:
            yield ctx
        finally:
            for pool in ctx.pools.values():
                await pool.aclose()
            await http.close()

    def _launch(self, shared: SendContext, row: Delivery) -> None:
        task = asyncio.get_running_loop().create_task(self._attempt(shared, row))
        self._inflight[row.id] = (row, task)
        self._busy[row.channel] += 1
        task.add_done_callback(lambda t: self._finished(row, t))

    def _finished(self, row: Delivery, task: asyncio.Task[Outcome]) -> None:
        self._inflight.pop(row.id, None)
        self._busy[row.channel] -= 1
        outcome = task.result()  # _attempt never raises
        if outcome.retry_after is not None:
            self._paused[row.channel] = time.monotonic() + min(outcome.retry_after, RETRY_AFTER_CAP)
        self._done.append(outcome)
        if self._wake is not None:
            self._wake.set()

    async def _attempt(self, shared: SendContext, row: Delivery) -> Outcome:
        ctx = SendContext(shared.settings, shared.http, shared.pools)
        channel = CHANNELS[row.channel]
        try:
            async with asyncio.timeout(self.deadline):
                return Outcome(row, result=await channel.send(ctx, row))
        except NotConfigured as exc:
            return Outcome(row, parked=str(exc))
        except Refused as exc:
            return Outcome(row, error=str(exc), retry_after=exc.retry_after)
        except TimeoutError:
            error = (
                f"no complete answer within {self.deadline:g} s "
                "(SALESOPS_OUTBOX_DEADLINE_SECONDS); attempt abandoned"
            )
            return Outcome(row, error=error, unsure=ctx.sent)
        except Exception as exc:  # noqa: BLE001 - any failure is the row's outcome
            error = f"{type(exc).__name__}: {exc}\n" + traceback.format_exc(limit=3)
            return Outcome(row, error=error[-4000:], unsure=ctx.sent)

    # --- the database side (on a helper thread) ------------------------------------------

    async def _db(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(fn, *args)


async def _mark_sent(session: Any, trace_ctx: Any, params: Any) -> None:
    """aiohttp trace: the request's headers are on the wire, so from here on a failure
    leaves the outcome unknown (``SendContext.sent``; senders pass their context as
    ``trace_request_ctx``)."""
    ctx = trace_ctx.trace_request_ctx
    if isinstance(ctx, SendContext):
        ctx.sent = True


def deliver_due(db: Database, settings: Settings, worker_id: str, now: datetime) -> int:
    """One synchronous pass over what is due (``DeliveryLanes.run_batch``)."""
    return DeliveryLanes(db, settings, worker_id).run_batch(now)
