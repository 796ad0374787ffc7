"""Routing throughput (M-3, R-2 … R-7): queued lead tasks routed through the service layer.

Builds ``--leads`` unowned lead tasks (two per account on average, so about
half go by R-2/R-3a and half by the territory round robin, across all five
territories with three salespeople each) on a scratch database, then routes
them with ``routing.batch.route_queued`` (the service layer's batch router: the
same chain as ``route_task``, with its decision records) in transactions of
``--batch`` leads. Target: ≥ 3,000 leads/s.

    .venv/bin/python bench/routing.py [--leads 100000] [--batch 1000] [--pg URL] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))

from _scratch import each_database  # bench/ is on sys.path when run as a script
from sweep import NOW, _other_required_columns, setup  # noqa: E402

from salesops.playbook.runtime import Runtime  # noqa: E402

COUNTRIES = ["DE", "FR", "JP", "AU", "BR", "GB", "IN", "NZ", "CA", "ZA"]


def build(rt: Runtime, leads: int) -> None:
    """Accounts (country set, unowned), one contact each, and ``leads`` unowned tasks."""
    from salesops.accounts.models import Account, Contact

    n_accounts = max(1, leads // 2)
    with rt.uow() as s:
        s.execute(sa.delete(Contact))
        s.execute(sa.delete(Account))
        rows = []
        pb = s.info["playbook"]
        for i in range(1, n_accounts + 1):
            country = COUNTRIES[i % len(COUNTRIES)]
            rows.append(
                {
                    "id": i,
                    "name": f"A{i}",
                    "domain": f"a{i}.test",
                    "country": country,
                    "territory": pb.territory_for(country).name,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
        s.execute(sa.insert(Account), rows)
        s.execute(
            sa.insert(Contact),
            [
                {
                    "id": i,
                    "email": f"c{i}@a{i}.test",
                    "account_id": i,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for i in range(1, n_accounts + 1)
            ],
        )
    extra_cols, extra_vals = _other_required_columns()
    if rt.db.backend == "postgresql":
        prefix, seq = "", f"(SELECT generate_series(1, {leads}) AS x) seq"
    else:
        prefix = (
            "WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq "
            f"WHERE x < {leads}) "
        )
        seq = "seq"
    sql = f"""{prefix}INSERT INTO tasks (id, kind, title, account_id, contact_id, lead_source,
        status, reassignment_count, created_at, updated_at{extra_cols})
      SELECT x, 'lead', 'bench', 1 + x % {n_accounts}, 1 + x % {n_accounts}, 'Contact form',
        'New', 0, :now, :now{extra_vals} FROM {seq}"""
    from salesops.core.db import UTCDateTime

    with rt.db.engine.begin() as conn:
        conn.execute(
            sa.text(sql).bindparams(sa.bindparam("now", type_=UTCDateTime())), {"now": NOW}
        )
        if rt.db.backend == "postgresql":
            conn.exec_driver_sql("ANALYZE")


def route_all(rt: Runtime, batch: int) -> float:
    """``routing.batch.route_queued`` batch by batch, each in its own unit of work."""
    from salesops.routing.batch import route_queued

    t0 = time.perf_counter()
    after = 0
    while True:
        with rt.uow() as s:
            after = route_queued(s, NOW, limit=batch, after_id=after)
        if not after:
            break
    return time.perf_counter() - t0


def bench(label: str, url: str, leads: int, batch: int) -> None:
    from salesops.tasks.models import Task

    rt, _ = setup(url)
    build(rt, leads)
    elapsed = route_all(rt, batch)
    with rt.uow(readonly=True) as s:
        unrouted = s.scalar(sa.select(sa.func.count()).where(Task.owner_id.is_(None)))
    print(
        f"{label:<10} {leads:,} leads routed in {elapsed:.2f}s = {leads / elapsed:,.0f} leads/s "
        f"(batch {batch}; unrouted {unrouted})",
        flush=True,
    )
    rt.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    for label, url in each_database(args.pg, sqlite=not args.no_sqlite, name="routing"):
        bench(label, url, args.leads, args.batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
