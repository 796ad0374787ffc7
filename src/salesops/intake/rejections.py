"""The rejected-deliveries log (I-10, I-3, I-4, I-9): counted, sampled and pruned.

Every rejection — a bad signature, a malformed body, a business reason — is
counted per source, reason (code) and hour (``IntakeRejectionCount``); only the
first ``SALESOPS_REJECTION_SAMPLES_PER_HOUR`` of each are kept whole, with their
body excerpt and headers (``IntakeRejection``). A flood of bad signatures
(issue 13: 2,000 rows in 15 s) thus adds one counter row an hour and a handful
of samples; the admin view shows both: what was rejected and how often. A
scheduled job (``intake.jobs``) prunes samples after
``SALESOPS_REJECTION_RETENTION_DAYS`` and counts after
``SALESOPS_REJECTION_COUNT_RETENTION_DAYS``.

``log_rejection`` only queues the entry on the session; it is written just
before the commit, counters in key order (so concurrent transactions lock them in
one order, never crosswise) and a rollback drops it with the rest.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, delete, event, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from salesops.core.fastsql import insert_rows
from salesops.intake.models import IntakeRejection, IntakeRejectionCount
from salesops.playbook.runtime import settings_of

BODY_EXCERPT_BYTES = 4096
BODY_KEPT_BYTES = 64 * 1024  # the raw bytes kept with a sample (issue 15 item 5)
LOGGED_HEADERS = ("content-type", "content-length", "content-encoding", "user-agent")
PENDING = "salesops_pending_rejections"
PRUNE_BATCH = 10_000  # rows deleted per table and run
COUNT, KEEP = "_count", "_keep"  # a counted-only entry (``count_ignored``)

REJECTIONS = cast(Table, IntakeRejection.__table__)
COUNTS = cast(Table, IntakeRejectionCount.__table__)


def log_rejection(
    session: Session,
    source: str,
    *,
    code: str,
    reason: str,
    http_status: int,
    now: datetime,
    field: str | None = None,
    sender: str | None = None,
    key: str | None = None,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    remote_addr: str | None = None,
) -> None:
    """Count a rejected delivery and keep it for review if its hour's sample has room:
    nothing is silently dropped. Written just before the session commits."""
    kept = {
        _text(k, 100): _text(v, 300)
        for k, v in (headers or {}).items()
        if k.lower() in LOGGED_HEADERS
    }
    entry = {
        "at": now,
        "source": source[:20],
        "code": _text(code, 40),
        "reason": _text(reason, 2000),
        "field": _text(field, 80) if field else None,
        "http_status": http_status,
        "sender": _text(sender, 254) if sender else None,
        "key": _text(key, 300) if key else None,
        "remote_addr": remote_addr[:64] if remote_addr else None,
        "headers": kept,
        "body_excerpt": _text(readable(body).decode("utf-8", errors="replace")),
        "body_size": len(body),
        "body": bytes(body[:BODY_KEPT_BYTES]),
    }
    session.info.setdefault(PENDING, []).append(entry)


def count_ignored(
    session: Session, source: str, code: str, reason: str, n: int, now: datetime
) -> None:
    """Count ``n`` deliveries ignored for one reason without keeping any of them (events
    intake does nothing with, such as ``$pageview``: issue 15 item 6). One counter
    upsert per source, reason and hour at commit, however many there were."""
    if n <= 0:
        return
    entry = {
        "at": now,
        "source": source[:20],
        "code": _text(code, 40),
        "reason": _text(reason, 2000),
        "http_status": 200,
        COUNT: n,
        KEEP: False,
    }
    session.info.setdefault(PENDING, []).append(entry)


def readable(body: bytes) -> bytes:
    """The excerpt's bytes: a gzip body (every SDK batch, issue 15 item 5) decompressed,
    at most ``BODY_EXCERPT_BYTES`` of it; a broken one as it came."""
    if body[:2] == b"\x1f\x8b":
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, BODY_EXCERPT_BYTES)
        except zlib.error:
            pass
    return body[:BODY_EXCERPT_BYTES]


def _text(value: str, limit: int | None = None) -> str:
    """Storable text: PostgreSQL refuses NUL in text columns (a rejected delivery's body
    may hold some); dropped on every backend alike."""
    return value.replace("\x00", "")[:limit]


def hour_of(at: datetime) -> datetime:
    return at.replace(minute=0, second=0, microsecond=0)


def write_rejections(session: Session) -> int:
    """Write the queued entries: count each, keep those within their hour's sample.
    Returns how many were kept whole."""
    pending: list[dict[str, Any]] = session.info.pop(PENDING, None) or []
    if not pending:
        return 0
    samples = settings_of(session).rejection_samples_per_hour
    by_key: dict[tuple[str, str, datetime], list[dict[str, Any]]] = {}
    for entry in pending:
        by_key.setdefault((entry["source"], entry["code"], hour_of(entry["at"])), []).append(entry)
    keep: list[dict[str, Any]] = []
    for key in sorted(by_key):  # one lock order for every transaction
        entries = by_key[key]
        n = sum(e.get(COUNT, 1) for e in entries)
        total = _count(session, key, entries, n)
        room = samples - (total - n)
        keep += [e for e in entries if e.get(KEEP, True)][: max(0, room)]
    if keep:
        insert_rows(session, REJECTIONS, keep, autoflush=False, returning=False)
    return len(keep)


def _count(
    session: Session, key: tuple[str, str, datetime], entries: list[dict[str, Any]], n: int
) -> int:
    """Add ``n`` (``entries``) to their hour's counter (one upsert); the new total."""
    source, code, bucket = key
    first, last = entries[0], entries[-1]
    insert = pg_insert if session.info.get("backend") == "postgresql" else sqlite_insert
    stmt = insert(COUNTS).values(
        source=source,
        code=code,
        bucket=bucket,
        count=n,
        http_status=last["http_status"],
        reason=last["reason"][:500],
        first_at=first["at"],
        last_at=last["at"],
    )
    c = COUNTS.c
    stmt = stmt.on_conflict_do_update(
        index_elements=[c.source, c.code, c.bucket],
        set_={
            "count": c.count + n,
            "http_status": stmt.excluded.http_status,
            "reason": stmt.excluded.reason,
            "last_at": stmt.excluded.last_at,
        },
    )
    return int(session.execute(stmt.returning(c.count)).scalar_one())


@event.listens_for(Session, "before_commit")
def _write_on_commit(session: Session) -> None:
    if session.info.get(PENDING):
        write_rejections(session)


@event.listens_for(Session, "after_soft_rollback")
def _drop_on_rollback(session: Session, previous: Any) -> None:
    if previous.parent is None:  # the transaction itself, not a savepoint, rolled back
        session.info.pop(PENDING, None)


# --- review ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RejectionTotal:
    """How often one source rejected deliveries for one reason since some time."""

    source: str
    code: str
    count: int
    http_status: int
    reason: str  # the latest one's
    first_at: datetime
    last_at: datetime


def rejection_totals(
    session: Session, since: datetime, source: str | None = None
) -> list[RejectionTotal]:
    """Counts per source and reason from the hourly counters since ``since`` (the hour
    it falls in included), most frequent first."""
    c = COUNTS.c
    where = [c.bucket >= hour_of(since)]
    if source:
        where.append(c.source == source)
    groups = (
        select(
            c.source,
            c.code,
            func.sum(c.count).label("total"),
            func.min(c.first_at).label("first_at"),
            func.max(c.last_at).label("last_at"),
        )
        .where(*where)
        .group_by(c.source, c.code)
        .subquery()
    )
    latest = select(
        groups.c.source, groups.c.code, groups.c.total, groups.c.first_at, groups.c.last_at,
        c.reason, c.http_status,
    ).join(
        COUNTS,
        and_(c.source == groups.c.source, c.code == groups.c.code, c.last_at == groups.c.last_at),
    )  # fmt: skip
    seen: dict[tuple[str, str], RejectionTotal] = {}
    for row in session.execute(latest.order_by(groups.c.total.desc(), groups.c.source)):
        key = (row.source, row.code)
        if key not in seen:  # two counters with the same last_at: either reason will do
            seen[key] = RejectionTotal(
                row.source, row.code, int(row.total), row.http_status, row.reason,
                row.first_at, row.last_at,
            )  # fmt: skip
    return list(seen.values())


def prune_rejections(
    session: Session, now: datetime, *, sample_days: int, count_days: int
) -> tuple[int, int]:
    """Delete kept rejections older than ``sample_days`` and counters older than
    ``count_days``, at most ``PRUNE_BATCH`` of each; returns how many of each went."""
    old_samples = (
        select(REJECTIONS.c.id)
        .where(REJECTIONS.c.at < now - timedelta(days=sample_days))
        .order_by(REJECTIONS.c.id)
        .limit(PRUNE_BATCH)
    )
    samples = session.execute(delete(REJECTIONS).where(REJECTIONS.c.id.in_(old_samples)))
    old_counts = (
        select(COUNTS.c.id)
        .where(COUNTS.c.bucket < hour_of(now - timedelta(days=count_days)))
        .order_by(COUNTS.c.id)
        .limit(PRUNE_BATCH)
    )
    counts = session.execute(delete(COUNTS).where(COUNTS.c.id.in_(old_counts)))
    return samples.rowcount, counts.rowcount  # type: ignore[attr-defined]
