"""The stale sweep (T-1 … T-4) over 100k and 1M tasks, 1% stale, on SQLite and PostgreSQL.

Builds the tasks with one set-based INSERT … SELECT per size on a scratch database
(a temp SQLite file; a PostgreSQL database created and dropped, from ``--pg URL``
or ``SALESOPS_TEST_DATABASE_URL``), then times one sweep pass as of a fixed
``now`` and a second, idle pass. Half the stale tasks are due for reassignment
(T-1), half for auto-close (T-2); the other 99% are open-and-fresh or closed.
Target: ≤ 2 s for 1M tasks on each database, and the idle pass (pure selection
cost) barely growing from 100k to 1M.

    .venv/bin/python bench/sweep.py [--sizes 100000,1000000] [--pg URL] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from _scratch import each_database  # bench/ is on sys.path when run as a script

from salesops.core.config import Settings
from salesops.core.db import Base, Database, UTCDateTime
from salesops.playbook.runtime import Runtime
from salesops.tables import load_all

NOW = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
ACCOUNTS = 1000


def setup(url: str) -> tuple[Runtime, list[tuple[int, str]]]:
    """Schema, playbook, 3 salespeople per territory, accounts and contacts."""
    from salesops.core.audit import install_append_only_triggers
    from salesops.flows.bootstrap import prepare
    from salesops.routing import territories
    from salesops.users import service as users

    load_all()
    # A worker has its modules loaded: keep first-import time out of the timed sweep.
    import salesops.routing.sweep  # noqa: F401
    import salesops.tasks.lifecycle  # noqa: F401

    db = Database(url)
    Base.metadata.create_all(db.engine)
    with db.engine.begin() as conn:
        install_append_only_triggers(conn)
    rt = Runtime(Settings(database_url=url, _env_file=None), db=db)  # type: ignore[call-arg]
    prepare(rt, migrate=False)
    owners: list[tuple[int, str]] = []
    with rt.uow() as s:
        for t in territories.sync_territories(s, s.info["playbook"], NOW):
            for i in range(3):
                u = users.create_user(s, email=f"{i}.{t.id}@bench.test", role="sales", now=NOW)
                territories.add_member(s, None, t, u, now=NOW)
                owners.append((u.id, t.name))
        from salesops.accounts.models import Account, Contact

        s.execute(  # ORM bulk INSERT: column defaults applied, one executemany
            sa.insert(Account),
            [
                {
                    "id": i,
                    "name": f"A{i}",
                    "domain": f"a{i}.test",
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for i in range(1, ACCOUNTS + 1)
            ],
        )
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
                for i in range(1, ACCOUNTS + 1)
            ],
        )
    return rt, owners


EXPLICIT = {
    "id",
    "kind",
    "title",
    "account_id",
    "contact_id",
    "lead_source",
    "owner_id",
    "status",
    "territory",
    "reassignment_count",
    "created_at",
    "updated_at",
    "assigned_at",
    "stale_anchor_at",
}


def _other_required_columns() -> tuple[str, str]:
    """NOT NULL task columns this script does not set, filled with their model defaults."""
    from salesops.tasks.models import Task

    cols, vals = [], []
    for col in Task.__table__.columns:
        if col.name in EXPLICIT or col.nullable or col.default is None:
            continue
        arg = col.default.arg  # type: ignore[attr-defined]
        if callable(arg):
            value = arg(None)
            literal = "'[]'" if isinstance(value, list) else "'{}'"
        elif isinstance(arg, bool):
            literal = "true" if arg else "false"
        elif isinstance(arg, int | float):
            literal = str(arg)
        else:
            literal = "'" + str(arg).replace("'", "''") + "'"
        cols.append(col.name)
        vals.append(literal)
    return "".join(f", {c}" for c in cols), "".join(f", {v}" for v in vals)


def build(rt: Runtime, owners: list[tuple[int, str]], start: int, stop: int) -> None:
    """Tasks ``start`` … ``stop - 1`` in one INSERT … SELECT over a number sequence."""
    n_owners = len(owners)
    owner_case = " ".join(f"WHEN {i} THEN {uid}" for i, (uid, _) in enumerate(owners))
    terr_case = " ".join(f"WHEN {i} THEN '{name}'" for i, (_, name) in enumerate(owners))
    if rt.db.backend == "postgresql":
        seq = f"(SELECT generate_series({start}, {stop - 1}) AS x) seq"
        prefix = ""
    else:
        prefix = (
            f"WITH RECURSIVE seq(x) AS (SELECT {start} UNION ALL SELECT x + 1 FROM seq "
            f"WHERE x < {stop - 1}) "
        )
        seq = "seq"
    # x % 200 == 0 → stale, never reassigned (T-1); == 1 → stale after reassignment (T-2);
    # x % 10 in 2..4 → open and recently touched; the rest closed long ago.
    extra_cols, extra_vals = _other_required_columns()
    sql = f"""{prefix}INSERT INTO tasks (id, kind, title, account_id, contact_id, lead_source,
        owner_id, status, territory, reassignment_count, created_at, updated_at, assigned_at,
        stale_anchor_at{extra_cols})
      SELECT x, 'lead', 'bench', 1 + x % {ACCOUNTS}, 1 + x % {ACCOUNTS}, 'Contact form',
        CASE x % {n_owners} {owner_case} END,
        CASE WHEN x % 200 IN (0, 1) THEN 'New' WHEN x % 10 IN (2, 3, 4) THEN 'Working'
             WHEN x % 10 IN (5, 6, 7, 8) THEN 'Unqualified' ELSE 'Converted' END,
        CASE x % {n_owners} {terr_case} END,
        CASE WHEN x % 200 = 1 THEN 1 ELSE 0 END, :old, :old, :old,
        CASE WHEN x % 200 = 0 THEN :stale1 WHEN x % 200 = 1 THEN :stale2
             WHEN x % 10 IN (2, 3, 4) THEN :fresh ELSE :old END{extra_vals}
      FROM {seq}"""
    stmt = sa.text(sql).bindparams(
        *(sa.bindparam(k, type_=UTCDateTime()) for k in ("old", "stale1", "stale2", "fresh"))
    )
    with rt.db.engine.begin() as conn:
        conn.execute(
            stmt,
            {
                "old": NOW - timedelta(days=60),
                "stale1": NOW - timedelta(days=15),
                "stale2": NOW - timedelta(days=12),
                "fresh": NOW - timedelta(days=3),
            },
        )
        if rt.db.backend == "postgresql":
            conn.exec_driver_sql("ANALYZE tasks")


def timed_sweep(rt: Runtime) -> tuple[float, dict[str, int]]:
    from salesops.routing import service

    t0 = time.perf_counter()
    with rt.uow() as s:
        stats = service.sweep(s, NOW)
    return time.perf_counter() - t0, stats


def bench(label: str, url: str, sizes: list[int]) -> list[str]:
    rt, owners = setup(url)
    lines = []
    done = 0
    for size in sizes:
        t0 = time.perf_counter()
        build(rt, owners, done + 1, size + 1)
        built = time.perf_counter() - t0
        done = size
        elapsed, stats = timed_sweep(rt)
        idle, idle_stats = timed_sweep(rt)
        assert idle_stats["reassigned"] == 0 and idle_stats["closed"] == 0, idle_stats
        lines.append(
            f"{label:<10} {size:>9,} tasks (built in {built:5.1f}s): sweep {elapsed:6.3f}s "
            f"[{stats['reassigned']} reassigned, {stats['closed']} closed] "
            f"= {elapsed / max(1, stats['candidates']) * 1e6:5.0f} µs/stale task; "
            f"idle re-run {idle * 1000:6.1f} ms"
        )
        print(lines[-1], flush=True)
    rt.close()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    for label, url in each_database(args.pg, sqlite=not args.no_sqlite, name="sweep"):
        bench(label, url, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
