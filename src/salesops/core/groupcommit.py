"""Group commit: concurrent requests share one transaction, each answered after its commit.

A hot write path (contact-form intake) pays per transaction (BEGIN, COMMIT, the
SQLite write lock), per statement and per thread hand-off far more than per row.
``GroupCommit`` collects the items of concurrent requests on the event loop and
runs them as one batch through a set-based function, in one unit of work, in a
worker thread; each request awaits its own item's result. While a batch runs,
newly arriving items queue up and form the next batch, so batches grow with load
and a request waits at most for the batch before its own.

Durability is unchanged: ``submit`` returns only after the item's batch has
committed. If a batch fails as a whole, its items are retried one by one, so a
single bad item cannot fail the others; each gets its own result or exception.

Bounded: past ``max_queue`` waiting items a submission is refused at once, and an
item still waiting after ``max_wait`` seconds is taken out of the queue and refused
(``overloaded()``, a 503); a refused item was never in a batch, so nothing of it is
stored. An item whose batch has started waits for that batch's outcome.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from starlette.concurrency import run_in_threadpool

from salesops.core.errors import Unavailable

T = TypeVar("T")
GATHER_BELOW = 4  # batches smaller than this wait ``gather_seconds`` for company
R = TypeVar("R")


class GroupCommit(Generic[T, R]):
    """Batch concurrent ``submit`` calls through ``process`` (one call per batch).

    ``process(items)`` runs in a worker thread; it must commit its work before
    returning one result per item, in order. ``max_batch`` bounds a batch (and so
    the latency of its last item); ``concurrency`` batches may run at once (more
    than one only where the database takes concurrent writers: PostgreSQL, where a
    batch spends much of its time waiting for the server). ``gather_seconds``: a
    batch of fewer than ``GATHER_BELOW`` items first waits that long for more (the
    fixed cost of a transaction is then shared at moderate rates too; under load
    batches are big anyway). Use from one event loop at a time.
    """

    def __init__(
        self,
        process: Callable[[Sequence[T]], Sequence[R]],
        *,
        max_batch: int = 200,
        concurrency: int = 1,
        gather_seconds: float = 0.0,
        max_queue: int | None = None,
        max_wait: float | None = None,
        overloaded: Callable[[str], BaseException] = lambda why: Unavailable(why),
    ):
        self._process = process
        self._max = max_batch
        self._concurrency = concurrency
        self._gather = gather_seconds
        self._max_queue = max_queue
        self._max_wait = max_wait
        self._overloaded = overloaded
        self._queue: list[tuple[T, asyncio.Future[R]]] = []
        self._active = 0  # batches running (at most ``concurrency``)
        self.batches = 0  # statistics, for benchmarks and tests
        self.items = 0
        self.refused = 0

    async def submit(self, item: T) -> R:
        """Run ``item`` in the next batch; its result once that batch has committed.
        Raises ``overloaded(reason)`` instead when the queue is full or the item waited
        ``max_wait`` seconds without its batch starting (then nothing of it is stored)."""
        if self._max_queue is not None and len(self._queue) >= self._max_queue:
            self.refused += 1
            raise self._overloaded(f"{len(self._queue)} submissions are already waiting")
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._queue.append((item, future))
        if self._active < self._concurrency:
            self._active += 1
            asyncio.ensure_future(self._run())
        if self._max_wait is None:
            return await future
        try:
            return await asyncio.wait_for(asyncio.shield(future), self._max_wait)
        except TimeoutError:
            for i, (_, queued) in enumerate(self._queue):
                if queued is future:  # its batch has not started: withdraw it
                    del self._queue[i]
                    future.cancel()
                    self.refused += 1
                    raise self._overloaded(
                        f"waited {self._max_wait:g} s without being stored"
                    ) from None
            return await future  # in a running batch: that batch's commit decides

    async def _run(self) -> None:
        batch: list[tuple[T, asyncio.Future[R]]] = []
        try:
            while True:
                if self._gather and len(self._queue) < GATHER_BELOW:
                    # A batch of one costs nearly what a batch of eight does: at a
                    # moderate rate, wait a moment for the next arrivals to join.
                    await asyncio.sleep(self._gather)
                batch = self._queue[: self._max]
                del self._queue[: self._max]
                if not batch:  # another run took them
                    self._active -= 1
                    return
                outcomes = await run_in_threadpool(self._batch, [item for item, _ in batch])
                self.batches += 1
                self.items += len(batch)
                last = not self._queue
                if last:
                    # Decided before any future is resolved (no await in between): the
                    # next submit starts a new run, and this one ends in this step.
                    self._active -= 1
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if future.done():  # the request went away (client disconnected)
                        continue
                    if isinstance(outcome, _Failed):
                        future.set_exception(outcome.error)
                    else:
                        future.set_result(outcome)
                batch = []
                if last:
                    return
        except BaseException as exc:  # a cancelled loop, say: nobody may wait forever
            self._active = 0
            for _, future in [*batch, *self._queue]:
                if not future.done():
                    future.set_exception(exc)
            self._queue.clear()
            raise

    def _batch(self, items: list[T]) -> list[Any]:
        """Worker thread: the batch, else each item alone (its own result or failure)."""
        try:
            return list(self._process(items))
        except Exception as exc:
            if len(items) == 1:
                return [_Failed(exc)]
        out: list[Any] = []
        for item in items:
            try:
                out.append(self._process([item])[0])
            except Exception as exc:  # noqa: BLE001 - handed to that item's request
                out.append(_Failed(exc))
        return out


class _Failed:
    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error
