"""Bulk-load helpers of the import writer (issue 19, performance): the batch's decision
records in one multi-row INSERT, the garbage collector kept out of the way, and the next
batch read while this one is written (``read_ahead``).
"""

from __future__ import annotations

import gc
import queue
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, TypeVar, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from salesops.core.audit import Decision, subject_of
from salesops.core.fastsql import copy_rows

DECISIONS = cast(Table, Decision.__table__)
T = TypeVar("T")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def read_ahead(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``chunks(items, size)``, the next chunk read — the files' rows parsed into records,
    pure Python touching no database — by a thread of its own while the caller writes
    this one. The writing waits on the database most of the time (SQLite's engine and
    PostgreSQL's socket let go of the interpreter meanwhile), so parsing overlaps it
    instead of adding to it. One chunk ahead at most: memory stays flat. An error while
    reading (a file not UTF-8 halfway) is raised here, in order, after the chunks read
    before it; a caller that stops early stops the reader (``close``)."""
    ahead: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def put(kind: str, value: Any) -> bool:
        while not stop.is_set():
            try:
                ahead.put((kind, value), timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for chunk in chunks(items, size):
                if not put("chunk", chunk):
                    return
            put("end", None)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            put("error", exc)

    reader = threading.Thread(target=read, name="import-read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            kind, value = ahead.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        reader.join()


FULL_GC_EVERY = 8  # batches; the young generations are collected after each one


@contextmanager
def bulk_gc() -> Iterator[None]:
    """The collector's automatic passes made rare for the import's duration, as for any
    bulk load: each batch allocates some hundred thousand objects, and the passes they
    trigger walk the whole heap over and over (a third of the import's time). Each batch
    is collected when it is done instead (``Importer.batches``: the young generations,
    and everything every ``FULL_GC_EVERY`` batches), so memory stays flat; the objects
    alive before the import are left out of those passes (frozen)."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(200_000, 50, 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def write_decisions(s: Session, decisions: list[dict[str, Any]]) -> None:
    """The batch's decision records (O-8) as plain rows in one multi-row INSERT: what
    ``core.audit.record_decisions`` writes (the JSON columns' serializer takes dates and
    sets), without the walk over every value first."""
    if not decisions:
        return
    version = s.info.get("playbook_version")
    rows = []
    for d in decisions:
        subject_type, subject_id = subject_of(d["subject"])
        rows.append(
            {
                "at": d["at"],
                "kind": d["kind"],
                "subject_type": subject_type,
                "subject_id": subject_id,
                "inputs": d.get("inputs") or {},
                "rule_ids": d.get("rule_ids") or [],
                "reason": d["reason"],
                "outcome": d.get("outcome") or {},
                "playbook_version": version,
                "actor_id": None,
                "owner_id": d.get("owner_id"),
                "territory": d.get("territory"),
            }
        )
    copy_rows(s, DECISIONS, rows)
