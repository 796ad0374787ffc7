"""Storing an SDK batch (``POST /batch/``, I-1) in parts: bounded units of work, so a
6 MB batch never holds SQLite's write lock for long (issue 13). Entrypoint code: it
opens the units of work that ``product_batch.store_batch`` works in.
"""

from __future__ import annotations

import time
from datetime import datetime

from sqlalchemy.exc import OperationalError

from salesops.intake.product_batch import BatchCounts, PreparedBatch, store_batch
from salesops.intake.product_events import SOURCE
from salesops.intake.rejections import count_ignored
from salesops.playbook.runtime import Runtime


def store_batch_in_parts(rt: Runtime, prepared: PreparedBatch, now: datetime) -> BatchCounts:
    """A batch in bounded units of work (``product_batch.store_batch``), so no single
    transaction holds SQLite's write lock for long. A part PostgreSQL aborts as a
    deadlock (two batches locking the same accounts' rows crosswise) is retried."""
    prepared, ignored = prepared.without_ignored()
    counts, at = BatchCounts(ignored=sum(ignored.values())), 0
    if ignored:  # issue 15 item 6: counted (one upsert), never written row by row
        names = ", ".join(sorted(ignored, key=lambda n: -ignored[n])[:5])
        with rt.uow() as s:
            count_ignored(s, SOURCE, "unknown-event", f"unknown event types: {names}",
                          counts.ignored, now)  # fmt: skip
    while at < len(prepared.items):
        for attempt in range(DEADLOCK_RETRIES + 1):
            try:
                with rt.uow() as s:
                    at_next, part = store_batch(s, prepared, at, now)
                break
            except OperationalError as exc:
                if not _deadlocked(exc) or attempt == DEADLOCK_RETRIES:
                    raise
        at = at_next
        counts.add(part)
        if rt.db.backend == "sqlite" and at < len(prepared.items):
            # Hand the write lock over: a writer woken when it was released (another
            # request's unit of work) takes it now instead of racing the next part.
            time.sleep(SQLITE_HANDOVER_SECONDS)
    return counts


def _deadlocked(exc: OperationalError) -> bool:
    return getattr(exc.orig, "sqlstate", None) == "40P01"


DEADLOCK_RETRIES = 3
SQLITE_HANDOVER_SECONDS = 0.002
