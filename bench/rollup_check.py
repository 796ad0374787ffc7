"""Rollups kept on write == rollups rebuilt from scratch, after a randomised workload
(issue 18: one PostgreSQL mismatch was seen once and never explained; this makes such a
drift visible on the bench's own data, on either backend).

``check(rt, batches, seed)`` writes ``batches`` units of work of raw SQL the triggers must
see — deals' category / amount / close date / owner, snapshot history closed and
continued (and backdated), lead tasks' status / first touch / owner, account territory
moves, MRR changes — each committed through the runtime (whose commit hook keeps the
rollups), then, in one transaction it rolls back, reads every count table, rebuilds all
rollups and reads them again. Returns the number of differing rows per table (all 0 when
kept == rebuilt). ``bench/reports.py --check-rollups N`` runs it after the timings.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from salesops.core.db import UTCDateTime
from salesops.playbook.runtime import Runtime

TABLES = {  # count table: its key columns, then its sums (ids differ by design)
    "report_lead_counts": "span, start, lead_source, owner_id, territory, measure, bin, label, n",
    "report_deal_counts": "month, category, owner_id, territory, lead_source, pipeline, "
    "stage, probability, n, arr, weighted",
    "report_snap_counts": "span, start, month, category, owner_id, territory, lead_source, "
    "pipeline, stage, probability, n, arr, weighted",
    "report_mrr_counts": "measure, p, m, owner_id, territory, cents",
}
SUMS = {"report_lead_counts": 1, "report_deal_counts": 3, "report_snap_counts": 3}
CATEGORIES = [None, "Commit", "Best case", "Pipeline", "Omitted"]


def _rows(conn: Any, table: str) -> dict[tuple[str, ...], int]:
    """The table's rows that count (any non-zero sum), as a multiset of strings."""
    out: dict[tuple[str, ...], int] = {}
    for r in conn.exec_driver_sql(f"SELECT {TABLES[table]} FROM {table}"):
        if not any(r[-SUMS.get(table, 1) :]):  # all sums 0: no row (a rebuild writes none)
            continue
        key = tuple(str(v) for v in r)
        out[key] = out.get(key, 0) + 1
    return out


def _workload(rt: Runtime, rng: random.Random, now: datetime) -> None:
    with rt.db.engine.connect() as conn:
        top = {
            t: conn.exec_driver_sql(f"SELECT MAX(id) FROM {t}").scalar_one() or 1
            for t in ("opportunities", "tasks", "accounts", "users")
        }
    ts = sa.bindparam("ts", type_=UTCDateTime())
    with rt.uow() as s:
        for _ in range(40):
            opp = rng.randint(1, top["opportunities"])
            s.execute(
                sa.text(
                    "UPDATE opportunities SET forecast_category = :c, amount = :a, "
                    "close_date = :d, owner_id = :o WHERE id = :i"
                ),
                {
                    "c": rng.choice(CATEGORIES),
                    "a": rng.randrange(1000, 90000, 500),
                    "d": (now + timedelta(days=rng.randint(-200, 200))).date(),
                    "o": rng.randint(1, top["users"]),
                    "i": opp,
                },
            )
            when = now - timedelta(days=rng.randint(0, 300), minutes=rng.randint(0, 1440))
            s.execute(
                sa.text(
                    "UPDATE opportunity_snapshots SET valid_to = :ts WHERE opportunity_id = :i "
                    "AND valid_to IS NULL AND valid_from < :ts"
                ).bindparams(ts),
                {"ts": when, "i": opp},
            )
            s.execute(
                sa.text(
                    "INSERT INTO opportunity_snapshots (opportunity_id, valid_from, valid_to, "
                    "owner_id, pipeline, stage, probability, forecast_category, amount, "
                    "close_date, is_closed, is_won) SELECT id, :ts, NULL, owner_id, pipeline, "
                    "stage, probability, forecast_category, amount, close_date, is_closed, "
                    "is_won FROM opportunities WHERE id = :i AND NOT EXISTS (SELECT 1 FROM "
                    "opportunity_snapshots WHERE opportunity_id = :i AND valid_from >= :ts)"
                ).bindparams(ts),
                {"ts": when, "i": opp},
            )
        for _ in range(60):
            s.execute(
                sa.text(
                    "UPDATE tasks SET status = :st, owner_id = :o, first_touched_at = "
                    "CASE WHEN :touch = 1 THEN created_at END WHERE id = :i"
                ),
                {
                    "st": rng.choice(["Working", "Unqualified", "Converted"]),
                    "o": rng.randint(1, top["users"]),
                    "touch": rng.randint(0, 1),
                    "i": rng.randint(1, top["tasks"]),
                },
            )
        for _ in range(5):
            account = rng.randint(1, top["accounts"])
            s.execute(
                sa.text("UPDATE accounts SET territory = :t WHERE id = :i"),
                {"t": rng.choice(["U.S. East", "U.S. West", "Europe & Africa"]), "i": account},
            )
            s.execute(
                sa.text(
                    "INSERT INTO account_mrr_changes (account_id, effective_on, mrr_before, "
                    "mrr_after, at) VALUES (:i, :d, 100, :m, :ts)"
                ).bindparams(ts),
                {
                    "i": account,
                    "d": (now - timedelta(days=rng.randint(0, 360))).date(),
                    "m": rng.choice([0, 50, 150, 400]),
                    "ts": now,
                },
            )


def check(rt: Runtime, batches: int, seed: int = 18) -> dict[str, int]:
    from salesops.reports import rollups

    rng = random.Random(seed)
    now = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
    for _ in range(batches):
        _workload(rt, rng, now)
    differing: dict[str, int] = {}
    with rt.db.engine.connect() as conn:
        tx = conn.begin()
        try:
            kept = {t: _rows(conn, t) for t in TABLES}
            rollups.rebuild_all(conn)
            for table in TABLES:
                rebuilt = _rows(conn, table)
                keys = set(kept[table]) | set(rebuilt)
                differing[table] = sum(
                    1 for k in keys if kept[table].get(k, 0) != rebuilt.get(k, 0)
                )
        finally:
            tx.rollback()
    return differing
