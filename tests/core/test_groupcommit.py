"""Group commit: concurrent submissions share a batch, each gets its own answer after the
batch's commit, and one bad item cannot fail its neighbours."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import pytest

from salesops.core.groupcommit import GroupCommit


class Recorder:
    """A process function whose first batch holds until the test releases it."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.threads: set[int] = set()
        self.release = threading.Event()

    def __call__(self, items: Sequence[str]) -> list[str]:
        self.batches.append(list(items))
        self.threads.add(threading.get_ident())
        if len(self.batches) == 1:
            assert self.release.wait(10)
        if "bad" in items:
            raise ValueError("bad item")
        return [i.upper() for i in items]


async def gather(
    gc: GroupCommit[str, str], rec: Recorder, first: str, rest: list[str]
) -> list[object]:
    """Submit ``first``; while its batch runs, submit ``rest``; then release the batch."""
    head = asyncio.ensure_future(gc.submit(first))
    await asyncio.sleep(0)  # let it start its batch
    tail = [asyncio.ensure_future(gc.submit(x)) for x in rest]
    await asyncio.sleep(0)
    rec.release.set()
    return list(await asyncio.gather(head, *tail, return_exceptions=True))


def test_waiting_submissions_go_in_one_batch_and_each_gets_its_answer() -> None:
    rec = Recorder()
    gc: GroupCommit[str, str] = GroupCommit(rec)
    out = asyncio.run(gather(gc, rec, "a", list("bcde")))
    assert out == ["A", "B", "C", "D", "E"]
    assert rec.batches == [["a"], ["b", "c", "d", "e"]]
    assert (gc.batches, gc.items) == (2, 5)
    assert threading.get_ident() not in rec.threads  # batches run off the event loop
    assert not gc._active and not gc._queue


def test_a_failing_batch_is_retried_item_by_item() -> None:
    rec = Recorder()
    gc: GroupCommit[str, str] = GroupCommit(rec)
    out = asyncio.run(gather(gc, rec, "a", ["b", "bad", "c"]))
    assert out[0] == "A" and out[1] == "B" and out[3] == "C"
    assert isinstance(out[2], ValueError)
    assert rec.batches[1] == ["b", "bad", "c"] and ["bad"] in rec.batches[2:]


def test_alone_a_submission_is_its_own_batch() -> None:
    gc: GroupCommit[int, int] = GroupCommit(lambda items: [i * 2 for i in items])

    async def one_by_one() -> list[int]:
        return [await gc.submit(i) for i in range(3)]

    assert asyncio.run(one_by_one()) == [0, 2, 4]
    assert gc.batches == 3 and not gc._active


def test_max_batch_bounds_a_batch() -> None:
    rec = Recorder()
    gc: GroupCommit[str, str] = GroupCommit(rec, max_batch=2)
    out = asyncio.run(gather(gc, rec, "a", list("bcde")))
    assert out == ["A", "B", "C", "D", "E"]
    assert rec.batches == [["a"], ["b", "c"], ["d", "e"]]


def test_a_new_event_loop_starts_a_new_run() -> None:
    """The TestClient runs each request on its own loop: nothing may be left running."""
    gc: GroupCommit[int, int] = GroupCommit(lambda items: list(items))
    assert asyncio.run(gc.submit(1)) == 1
    assert asyncio.run(gc.submit(2)) == 2


@pytest.mark.parametrize("exc", [KeyboardInterrupt])
def test_base_exceptions_reach_the_waiting_items(exc: type[BaseException]) -> None:
    def boom(items: Sequence[int]) -> list[int]:
        raise exc

    gc: GroupCommit[int, int] = GroupCommit(boom)
    with pytest.raises(exc):
        asyncio.run(gc.submit(1))
    assert not gc._active


def test_with_concurrency_two_batches_run_at_once() -> None:
    """PostgreSQL: a second batch need not wait for the first one's round trips."""
    started = threading.Barrier(2, timeout=10)

    def both_at_once(items: Sequence[str]) -> list[str]:
        started.wait()  # passes only when two batches are inside at the same time
        return [i.upper() for i in items]

    gc: GroupCommit[str, str] = GroupCommit(both_at_once, concurrency=2)

    async def two() -> list[str]:
        first = asyncio.ensure_future(gc.submit("a"))
        await asyncio.sleep(0)  # its run starts and takes "a" alone
        second = asyncio.ensure_future(gc.submit("b"))
        return list(await asyncio.gather(first, second))

    assert asyncio.run(two()) == ["A", "B"]
    assert gc.batches == 2 and not gc._active


def test_a_small_batch_waits_gather_seconds_for_company() -> None:
    """``gather_seconds``: a lone submission waits a moment, so those arriving meanwhile
    share its transaction; without it, it goes alone."""

    async def run(gather_seconds: float) -> list[list[str]]:
        batches: list[list[str]] = []

        def process(items: Sequence[str]) -> list[str]:
            batches.append(list(items))
            return [i.upper() for i in items]

        gc = GroupCommit(process, gather_seconds=gather_seconds)
        first = asyncio.ensure_future(gc.submit("a"))
        await asyncio.sleep(0.01)
        rest = [asyncio.ensure_future(gc.submit(x)) for x in ("b", "c")]
        assert await asyncio.gather(first, *rest) == ["A", "B", "C"]
        return batches

    assert asyncio.run(run(0.5)) == [["a", "b", "c"]]
    assert asyncio.run(run(0.0))[0] == ["a"]


def test_past_max_queue_a_submission_is_refused_at_once_and_never_processed() -> None:
    """Issue 13 item 10: the queue is bounded; the refused item is in no batch."""
    from salesops.core.errors import Unavailable

    rec = Recorder()
    gc: GroupCommit[str, str] = GroupCommit(rec, max_queue=2)
    out = asyncio.run(gather(gc, rec, "a", ["b", "c", "d", "e"]))
    assert out[:3] == ["A", "B", "C"]
    assert all(isinstance(o, Unavailable) and o.status == 503 for o in out[3:])
    assert [i for batch in rec.batches for i in batch] == ["a", "b", "c"]
    assert gc.refused == 2


def test_an_item_waiting_past_max_wait_is_withdrawn_but_a_running_batch_is_awaited() -> None:
    """The first item's batch is running when the time is up: it still gets its result.
    The item queued behind it is taken out and refused; it is never processed."""
    from salesops.core.errors import Unavailable

    rec = Recorder()
    gc: GroupCommit[str, str] = GroupCommit(rec, max_wait=0.05)

    async def scenario() -> list[object]:
        head = asyncio.ensure_future(gc.submit("a"))
        await asyncio.sleep(0)  # its batch starts (and holds)
        tail = asyncio.ensure_future(gc.submit("b"))
        refused = await asyncio.gather(tail, return_exceptions=True)  # times out queued
        rec.release.set()
        return [await head, *refused]

    out = asyncio.run(scenario())
    assert out[0] == "A"
    assert isinstance(out[1], Unavailable)
    assert rec.batches == [["a"]] and not gc._queue and gc.refused == 1
