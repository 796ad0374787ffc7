"""Database-backed background jobs and the schedule (issue 2, item 7).

A domain declares its work next to its code::

    @job("routing.sweep")
    def sweep(session, payload, now): ...

    scheduled("routing.sweep", every=timedelta(minutes=15))

``enqueue`` writes a row in the caller's transaction, so a job queued by a
request that rolls back never runs. The worker claims one due job at a time
(``claim_one``), runs its handler in a unit of work, and marks it done in that
same transaction; a failure rolls the work back and re-queues with backoff.
"""

from __future__ import annotations

import random
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Index, Integer, String, Text, and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from salesops.core.claim import claim_one
from salesops.core.db import Base, Database, JSONType, UTCDateTime

Handler = Callable[[Session, dict[str, Any], datetime], None]


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(80))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued|running|done|dead
    run_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=5)
    locked_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), nullable=True, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (Index("ix_jobs_status_run_at", "status", "run_at"),)


@dataclass(frozen=True)
class JobSpec:
    kind: str
    handler: Handler
    max_attempts: int
    lease: timedelta


@dataclass(frozen=True)
class Schedule:
    kind: str
    every: timedelta


JOBS: dict[str, JobSpec] = {}
SCHEDULE: dict[str, Schedule] = {}


def job(
    kind: str, *, max_attempts: int = 5, lease: timedelta = timedelta(minutes=5)
) -> Callable[[Handler], Handler]:
    """Register a job handler under ``kind``."""

    def register(fn: Handler) -> Handler:
        JOBS[kind] = JobSpec(kind, fn, max_attempts, lease)
        return fn

    return register


def scheduled(kind: str, *, every: timedelta) -> None:
    """Run job ``kind`` once per ``every``, however many workers run (one per time slot)."""
    SCHEDULE[kind] = Schedule(kind, every)


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    now: datetime,
    run_at: datetime | None = None,
    dedupe_key: str | None = None,
) -> Job | None:
    """Queue a job in the caller's transaction; with ``dedupe_key``, at most once ever."""
    if dedupe_key is not None:
        existing = session.scalar(select(Job.id).where(Job.dedupe_key == dedupe_key))
        if existing is not None:
            return None
    spec = JOBS.get(kind)
    row = Job(
        kind=kind,
        payload=payload or {},
        status="queued",
        run_at=run_at or now,
        attempts=0,
        max_attempts=spec.max_attempts if spec else 5,
        dedupe_key=dedupe_key,
        created_at=now,
    )
    if dedupe_key is None:
        session.add(row)
        session.flush()
        return row
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another process queued the same slot first
        return None
    return row


def enqueue_due_schedules(
    session: Session, now: datetime, seen: dict[str, int] | None = None
) -> int:
    """Queue each scheduled job for the current time slot (idempotent across workers).

    ``seen`` (a worker's own memo: kind → the last slot it queued or found queued) skips
    the slots already handled, so a busy worker's passes cost no query a schedule."""
    queued = 0
    for sched in SCHEDULE.values():
        slot = int(now.timestamp() // sched.every.total_seconds())
        if seen is not None and seen.get(sched.kind) == slot:
            continue
        if enqueue(session, sched.kind, {}, now=now, dedupe_key=f"{sched.kind}@{slot}"):
            queued += 1
        if seen is not None:
            seen[sched.kind] = slot
    return queued


def _due(now: datetime) -> Any:
    return or_(
        and_(Job.status == "queued", Job.run_at <= now),
        and_(Job.status == "running", Job.locked_until < now),
    )


def backoff(attempt: int, *, base: float = 2.0, cap: float = 3600.0) -> timedelta:
    """Exponential backoff with jitter: about base·2^(attempt-1) seconds, never above cap."""
    delay = min(cap, base * (2 ** max(0, attempt - 1)))
    return timedelta(seconds=delay * (0.5 + random.random() / 2))


def run_one_job(
    db: Database, worker_id: str, now: datetime, *, rt: Any = None,
    kinds: tuple[str, ...] | None = None,
) -> bool:  # fmt: skip
    """Claim and run one due job (of ``kinds`` only, when given: a page running the jobs
    it queued). Returns whether there was work.

    With a runtime, the handler's unit of work carries the active playbook.
    """
    with db.unit_of_work() as s:
        lease = max((j.lease for j in JOBS.values()), default=timedelta(minutes=5))
        due = _due(now) if kinds is None else and_(_due(now), Job.kind.in_(kinds))
        job_id = claim_one(
            s,
            Job,
            due,
            Job.run_at,
            worker_id=worker_id,
            now=now,
            lease=lease,
            values={"status": "running", "attempts": Job.attempts + 1},
        )
        if job_id is None:
            return False
        row = s.get(Job, job_id)
        assert row is not None
        kind, payload, attempts, max_attempts = (
            row.kind,
            row.payload,
            row.attempts,
            row.max_attempts,
        )
    spec = JOBS.get(kind)
    try:
        if spec is None:
            raise LookupError(f"no handler registered for job kind {kind!r}")
        with rt.uow() if rt is not None else db.unit_of_work() as s:
            spec.handler(s, dict(payload or {}), now)
            done = s.execute(
                update(Job)
                .where(Job.id == job_id, Job.locked_by == worker_id, Job.status == "running")
                .values(status="done", finished_at=now, locked_until=None, last_error=None)
            )
            if done.rowcount != 1:  # type: ignore[union-attr]
                raise RuntimeError("job lease lost to another worker; work rolled back")
    except Exception:
        error = traceback.format_exc(limit=5)
        with db.unit_of_work() as s:
            dead = attempts >= max_attempts
            s.execute(
                update(Job)
                .where(Job.id == job_id, Job.locked_by == worker_id)
                .values(
                    status="dead" if dead else "queued",
                    run_at=now + backoff(attempts),
                    locked_until=None,
                    last_error=error[-4000:],
                    finished_at=now if dead else None,
                )
            )
    return True
