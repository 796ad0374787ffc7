"""Item 4: the outbox's queries stay cheap however big the backlog (X-1).

Claims are one ordered range scan per channel of ``ix_deliveries_channel_due`` that
stops at its LIMIT (never a sort of the backlog), checked with EXPLAIN on this
backend; an idle worker with a parked backlog runs one or two index probes a poll.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, func, insert, select

from salesops.core.outbox import Delivery
from salesops.playbook.runtime import Runtime
from salesops.worker import Worker

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _backlog(rt: Runtime, n: int) -> None:
    rows = [
        {
            "channel": ("slack", "email")[i % 2],
            "payload": {"text": f"lead {i}"},
            "idempotency_key": f"k-{i}",
            "state": "pending",
            "attempts": 0,
            "max_attempts": 8,
            "next_attempt_at": NOW - timedelta(seconds=i),
            "due_at": NOW - timedelta(seconds=i),
            "maybe_sent": False,
            "created_at": NOW,
        }
        for i in range(n)
    ]
    with rt.uow() as s:
        s.execute(insert(Delivery), rows)
    if rt.db.backend == "postgresql":
        with rt.db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE deliveries")


@contextmanager
def _statements(rt: Runtime) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def on_execute(conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool) -> None:
        seen.append((sql, params))

    event.listen(rt.db.engine, "before_cursor_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(rt.db.engine, "before_cursor_execute", on_execute)


def _plan(rt: Runtime, sql: str, params: Any) -> str:
    raw = rt.db.engine.raw_connection()
    try:
        cur = raw.cursor()
        if rt.db.backend == "sqlite":
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
            return "\n".join(str(row[-1]) for row in cur.fetchall())
        cur.execute("EXPLAIN " + sql, params)
        return "\n".join(str(row[0]) for row in cur.fetchall())
    finally:
        raw.rollback()
        raw.close()


def test_x1_claims_read_an_index_range_in_order_never_sort_the_backlog(rt: Runtime) -> None:
    _backlog(rt, 4000)
    rt.settings.slack_webhook_url = "http://127.0.0.1:9/slack"  # nothing listens: refused
    rt.settings.outbound_smtp_host, rt.settings.outbound_smtp_port = "127.0.0.1", 9
    rt.settings.outbox_concurrency = {"slack": 5, "email": 5}
    with _statements(rt) as seen:
        handled = Worker(rt, worker_id="w").deliveries.run_batch(NOW)
    assert handled == 10  # five of each lane, tried and refused
    probes = [(q, p) for q, p in seen if "ORDER BY deliveries.due_at" in q]
    assert len(probes) == 2  # the claim (slack, email) and the park probe (the others)
    for sql, params in probes:
        plan = _plan(rt, sql, params)
        assert "ix_deliveries_channel_due" in plan, plan
        assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan  # no sort, either backend
        assert "SCAN deliveries" not in plan and "Seq Scan" not in plan, plan
    with rt.uow(readonly=True) as s:
        taken = s.scalars(select(Delivery.idempotency_key).where(Delivery.attempts == 1)).all()
    # the oldest due first, per channel (k-3998 and k-3999 are the oldest of each)
    assert sorted(taken, key=lambda k: -int(k[2:])) == [f"k-{i}" for i in range(3999, 3989, -1)]


def test_x1_an_idle_worker_with_a_parked_backlog_runs_one_probe_a_poll(rt: Runtime) -> None:
    """No channel configured: the whole backlog is parked in bounded chunks, then each
    poll costs one indexed probe that finds nothing (no retries, no sort)."""
    lanes = Worker(rt, worker_id="w").deliveries
    lanes.run_batch(NOW)  # its first pass also looks for rows of unregistered channels
    _backlog(rt, 2500)
    passes = 0
    while lanes.run_batch(NOW):
        passes += 1
    assert passes == 2  # at most 1,000 rows a channel per unit of work: 2,000 then 500
    with rt.uow(readonly=True) as s:
        states = dict(s.execute(select(Delivery.state, func.count()).group_by("state")).all())
    assert states == {"parked": 2500}
    with _statements(rt) as seen:
        assert lanes.run_batch(NOW + timedelta(hours=1)) == 0
    queries = [(q, p) for q, p in seen if not q.lstrip().upper().startswith(("BEGIN", "COMMIT"))]
    # one probe for the unconfigured channels (and, when a test registered a channel that
    # needs no setting, one claim probe for it): index range scans that find nothing
    assert 1 <= len(queries) <= 2, queries
    for sql, params in queries:
        assert sql.lstrip().upper().startswith("SELECT"), sql
        plan = _plan(rt, sql, params)
        assert "ix_deliveries_channel_due" in plan and "Seq Scan" not in plan, plan
