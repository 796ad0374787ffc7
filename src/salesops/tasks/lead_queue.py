"""The new-lead queue (``lead_pipeline_queue``): intake writes, the pipeline drains.

Intake ``enqueue``\\ s its new lead tasks in its own transaction (one INSERT), so a
committed lead is never lost; the new-lead pipeline (``salesops.flows.pipeline``,
above every domain it strings together) takes them after the commit. Here: the queue
table, the INSERT and the "what is due" query both sides share.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from salesops.core.fastsql import insert_rows
from salesops.tasks.models import LeadPipelineQueue

if TYPE_CHECKING:
    from salesops.playbook.runtime import Runtime

#: A lead whose batch failed this often on its own stays in the queue, logged, for an operator.
MAX_ATTEMPTS = 5

QUEUE = cast(Table, LeadPipelineQueue.__table__)


def enqueue(session: Session, task_ids: Sequence[int], now: datetime) -> None:
    """Queue new lead tasks for the pipeline, in the caller's transaction (one INSERT)."""
    rows = [{"task_id": int(i), "queued_at": now, "attempts": 0} for i in task_ids]
    insert_rows(session, QUEUE, rows, returning=False)  # one INSERT


def due(limit: int, task_ids: Sequence[int] | None, *, lock: bool) -> Any:
    """Queued leads, oldest first; those that failed before wait behind the fresh ones."""
    query = (
        select(QUEUE.c.task_id)
        .where(QUEUE.c.attempts < MAX_ATTEMPTS)
        .order_by(QUEUE.c.attempts, QUEUE.c.queued_at, QUEUE.c.task_id)
        .limit(limit)
    )
    if task_ids is not None:
        query = query.where(QUEUE.c.task_id.in_(list(task_ids)))
    if lock:  # PostgreSQL: several processes drain at once, each taking other rows
        query = query.with_for_update(skip_locked=True)
    return query


def is_queued(rt: Runtime) -> bool:
    """Whether any lead waits for the pipeline: one indexed SELECT, no write lock."""
    with rt.db.unit_of_work(readonly=True) as s:
        return s.scalar(due(1, None, lock=False)) is not None
