"""Global search time (issue 17 item 2: ≤ 100 ms p95 at 1M contacts).

    .venv/bin/python bench/search.py [--contacts 1000000] [--runs 20] [--database-url URL]

Builds a fresh database (SQLite in a temp dir by default; PostgreSQL with
``--database-url``, whose tables are dropped afterwards) with the search indexes of
migration 0003_search (FTS5 triggers / pg_trgm), bulk-inserts contacts with their
accounts, then times ``reports.search.search`` in-process for typical queries: a first
name, a first-name prefix, a full email, a surname and company, and a word nobody has.
Prints p50 / p95 / max in ms per query and the p95's ratio to the 100 ms target.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from salesops.accounts.models import Account, Contact
from salesops.core.db import Base, Database
from salesops.reports import search
from salesops.tables import load_all

CHUNK = 20_000
FIRST = [
    "gavin",
    "richard",
    "monica",
    "jared",
    "dinesh",
    "bertram",
    "laurie",
    "erlich",
    "jian",
    "russ",
    "peter",
    "carla",
    "dana",
    "fox",
    "walter",
    "skyler",
    "jesse",
    "saul",
]
LAST = [
    "belson",
    "hendricks",
    "hall",
    "dunn",
    "chugtai",
    "gilfoyle",
    "bream",
    "bachman",
    "yang",
    "hanneman",
    "gregory",
    "walsh",
    "scully",
    "mulder",
    "white",
    "pinkman",
]
QUERIES = ["gavin", "gav", "richard.hendricks{n}@company{m}.com", "scully company1", "zzyzx"]


def build(db: Database, n: int) -> float:
    rnd = random.Random(7)
    now = datetime.now(UTC)
    n_accounts = max(10, n // 10)
    t0 = time.perf_counter()
    with db.engine.begin() as conn:
        for start in range(0, n_accounts, CHUNK):
            conn.execute(
                sa.insert(Account),
                [
                    {
                        "name": f"Company {i}",
                        "domain": f"company{i}.com",
                        "territory": "Europe",
                        "customer_status": "prospect",
                        "mrr": Decimal(0),
                        "slack_channels": [],
                        "support_ticket_ids": [],
                        "field_sources": {},
                        "icp_breakdown": [],
                        "notes": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in range(start, min(n_accounts, start + CHUNK))
                ],
            )
        ids = [r[0] for r in conn.execute(sa.select(Account.id).order_by(Account.id))]
        for start in range(0, n, CHUNK):
            rows = []
            for i in range(start, min(n, start + CHUNK)):
                first, last = rnd.choice(FIRST), rnd.choice(LAST)
                account = i % len(ids)
                rows.append(
                    {
                        "email": f"{first}.{last}{i}@company{account}.com",
                        "name": f"{first.title()} {last.title()}",
                        "account_id": ids[account],
                        "lead_score_breakdown": [],
                        "field_sources": {},
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            conn.execute(sa.insert(Contact), rows)
    if db.backend == "postgresql":
        with db.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    return time.perf_counter() - t0


def time_queries(db: Database, n: int, runs: int) -> list[tuple[str, float, float, float]]:
    from sqlalchemy.orm import Session

    sample = f"richard.hendricks{n // 2}@company{(n // 2) % max(10, n // 10)}.com"
    out = []
    with Session(db.engine) as s:
        email = s.scalar(sa.select(Contact.email).where(Contact.id == n // 2)) or sample
        for template in QUERIES:
            q = email if "{n}" in template else template
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                search.search(s, q)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            out.append((q, statistics.median(times), p95, times[-1]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'search.db'}"
        db = Database(url)
        load_all()
        Base.metadata.drop_all(db.engine)
        Base.metadata.create_all(db.engine)
        with db.engine.begin() as conn:
            search.install(conn)
        built = build(db, args.contacts)
        print(f"\n## {db.backend}: {args.contacts:,} contacts (built in {built:.1f}s)")
        print("| query | p50 ms | p95 ms | max ms | p95 / 100 ms target |")
        print("|---|---:|---:|---:|---:|")
        for q, p50, p95, worst in time_queries(db, args.contacts, args.runs):
            print(f"| `{q}` | {p50:.1f} | {p95:.1f} | {worst:.1f} | {p95 / 100:.2f} |")
        if args.database_url:
            with db.engine.begin() as conn:
                search.uninstall(conn)
            Base.metadata.drop_all(db.engine)
        db.dispose()


if __name__ == "__main__":
    main()
