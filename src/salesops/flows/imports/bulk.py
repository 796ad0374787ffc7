"""Bulk-load helpers of the import writer (issue 19, performance): the batch's decision
records in one multi-row INSERT, and the garbage collector kept out of the way.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from salesops.core.audit import Decision, subject_of
from salesops.core.fastsql import copy_rows

DECISIONS = cast(Table, Decision.__table__)


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
