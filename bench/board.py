"""The pipeline board's column totals (issue 17 item 7) at scale: one grouped query.

    .venv/bin/python bench/board.py [--opportunities 200000] [--runs 9] [--database-url URL]

Builds a fresh database (SQLite in a temp dir by default) with bulk inserts of accounts
and open/closed opportunities spread over the new-business stages and 10 owners, then
times ``opportunities.board.column_totals`` for the whole pipeline and for one owner
("Only mine"), and prints the median and worst of ``--runs``. Print the load average
beside the numbers (``cat /proc/loadavg``): the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from salesops.accounts.models import Account
from salesops.core.config import Settings
from salesops.core.db import Base, Database
from salesops.flows.bootstrap import prepare
from salesops.opportunities.board import column_totals
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tables import load_all
from salesops.users.models import User

CHUNK = 5000
STAGES = [
    ("Problem Agreement", 10), ("Solution Agreement", 25), ("Priority Agreement", 40),
    ("Commercial Agreement", 60), ("Vendor Approval", 80), ("Closed Won", 100),
    ("Closed Lost", 0),
]  # fmt: skip


def build(rt: Runtime, n: int) -> list[int]:
    now = datetime.now(UTC)
    with rt.db.engine.begin() as conn:
        conn.execute(
            sa.insert(User),
            [{"email": f"rep{i}@example.com", "name": f"Rep {i}", "role": "sales",
              "active": True, "in_round_robin": True, "timezone": "UTC",
              "created_at": now, "updated_at": now} for i in range(10)],
        )  # fmt: skip
        owners = list(conn.scalars(sa.select(User.id).order_by(User.id)))
        accounts = max(1, n // 2)
        for start in range(0, accounts, CHUNK):
            conn.execute(
                sa.insert(Account),
                [{"name": f"Account {i}", "domain": f"a{i}.example.com",
                  "customer_status": "prospect", "created_at": now, "updated_at": now}
                 for i in range(start, min(accounts, start + CHUNK))],
            )  # fmt: skip
        first = conn.scalar(sa.select(sa.func.min(Account.id))) or 1
        for start in range(0, n, CHUNK):
            rows = []
            for i in range(start, min(n, start + CHUNK)):
                stage, prob = STAGES[i % len(STAGES)]
                rows.append({
                    "name": f"Deal {i}", "account_id": first + i % accounts,
                    "owner_id": owners[i % 10], "record_type": "New Revenue",
                    "opp_type": "Annual Plan", "pipeline": "new_business", "stage": stage,
                    "probability": prob, "is_closed": prob in (0, 100), "is_won": prob == 100,
                    "close_date": (now + timedelta(days=i % 170)).date(),
                    "amount": Decimal(20000 + i % 90000), "term_months": 12, "products": [],
                    "meddpicc": {}, "exit_criteria": {}, "next_step": {},
                    "forecast_category": "Pipeline", "self_serve_post_engagement": False,
                    "created_at": now, "updated_at": now,
                })  # fmt: skip
            conn.execute(sa.insert(Opportunity), rows)
    return owners


def timed(fn: object, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--opportunities", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--explain", action="store_true", help="print PostgreSQL's plan")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'board.db'}"
        db = Database(url)
        load_all()
        Base.metadata.drop_all(db.engine)
        Base.metadata.create_all(db.engine)
        rt = Runtime(Settings(database_url=url, _env_file=None), db=db)  # type: ignore[call-arg]
        prepare(rt, migrate=False)
        owners = build(rt, args.opportunities)
        if db.backend == "postgresql":  # what autovacuum does in production: statistics,
            with db.engine.connect() as conn:  # and the visibility map (index-only scans)
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                    sa.text("VACUUM ANALYZE opportunities")
                )
        print(f"## {db.backend}: {args.opportunities:,} opportunities; "
              f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
        print("| query | median ms | max ms |\n|---|---:|---:|")
        if args.explain and db.backend == "postgresql":
            with rt.uow(readonly=True) as s:
                sql = (
                    "EXPLAIN (ANALYZE, BUFFERS) SELECT stage, count(*), sum(amount), "
                    "sum(amount * probability) FROM opportunities "
                    "WHERE pipeline = 'new_business' GROUP BY stage"
                )
                print("\n".join(r[0] for r in s.execute(sa.text(sql))))
        with rt.uow(readonly=True) as s:
            totals = column_totals(s, "new_business")
            assert sum(t.count for t in totals.values()) == args.opportunities
            for label, owner in (("whole pipeline", None), ("one owner (Only mine)", owners[0])):
                median, worst = timed(
                    lambda o=owner: column_totals(s, "new_business", o), args.runs
                )
                print(f"| column totals, {label} | {median:.1f} | {worst:.1f} |")
        if args.database_url:
            Base.metadata.drop_all(db.engine)
        db.dispose()


if __name__ == "__main__":
    main()
