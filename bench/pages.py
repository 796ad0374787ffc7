"""Server time of every web page at 100,000 accounts / 1,000,000 tasks (issue 17).

    .venv/bin/python bench/pages.py --accounts 100000 --tasks 1000000 \
        --database-url postgresql://…/scratch          # issue 17's scale (PostgreSQL)
    .venv/bin/python bench/pages.py                     # SQLite, 10,000 / 100,000 (make bench)
    .venv/bin/python bench/pages.py --database-url … --reuse   # the same rows again

Builds the data set inside the database, set-based (``INSERT … SELECT`` over
``generate_series`` on PostgreSQL, a recursive CTE on SQLite), then the search indexes
(migration 0003_search), the report rollups (0004_report_rollups: triggers and backfill),
every salesperson in every territory's round robin, and ``ANALYZE``. It signs in as a
salesperson through the login form (an admin for ``/admin`` pages) and times every GET
page of the web routers in-process with TestClient (so: server time, no network), each
after one warm-up request. Pages over the target (300 ms) list their slowest SQL
statements, to take to ``EXPLAIN ANALYZE``. ``--reuse`` times an already built
database (with any index the models gained since created first), so a fix is
re-measured on the same rows.

Each page prints its wall time and, because the machine is shared, what does not depend
on the load: the app process's CPU time (SQLite's work included), the CPU time of the
PostgreSQL backends the bench's connections use (from ``/proc``, in 10 ms ticks; parallel
query workers are not counted) and the statements' wall time.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from salesops.core.audit import install_append_only_triggers
from salesops.core.config import Settings
from salesops.core.db import Base, Database
from salesops.flows.bootstrap import prepare
from salesops.playbook.runtime import Runtime
from salesops.reports import rollups, search
from salesops.tables import load_all
from salesops.users import service as users

SALES = 10
TARGET_MS = 300.0
STATUSES = ("New", "Working", "Nurturing", "Converted", "Unqualified")
STAGES = (
    "Problem Agreement",
    "Solution Agreement",
    "Priority Agreement",
    "Commercial Agreement",
    "Vendor Approval",
)


MEMBERS = (
    "INSERT INTO territory_members (territory_id, user_id, priority, adjustment, "
    "assigned_count, active, away, joined_at) SELECT t.id, u.id, 1, 0, 0, TRUE, FALSE, "
    "CURRENT_TIMESTAMP FROM territories t, users u WHERE u.role = 'sales'"
)


class Sql:
    """The few expressions that differ between the backends, for set-based inserts."""

    def __init__(self, backend: str) -> None:
        self.pg = backend == "postgresql"

    def json(self, literal: str) -> str:
        return f"CAST('{literal}' AS jsonb)" if self.pg else f"'{literal}'"

    def ago(self, minutes: str) -> str:
        if self.pg:
            return f"(now() - ({minutes}) * interval '1 minute')"
        return f"datetime('now', '-' || ({minutes}) || ' minutes')"

    def days_ahead(self, days: str) -> str:
        if self.pg:
            return f"(current_date + ({days})::int)"
        return f"date('now', '+' || ({days}) || ' days')"

    def flag(self, condition: str) -> str:
        return f"({condition})"

    def pick(self, index: str, values: tuple[str, ...]) -> str:
        whens = " ".join(f"WHEN {n} THEN '{v}'" for n, v in enumerate(values))
        return f"(CASE {index} % {len(values)} {whens} END)"

    def insert(self, conn: sa.Connection, table: str, n: int, columns: dict[str, str]) -> None:
        names = ", ".join(columns)
        values = ", ".join(columns.values())
        if self.pg:
            sql = (
                f"INSERT INTO {table} ({names}) SELECT {values} "
                f"FROM generate_series(0, {n - 1}) AS s(i)"
            )
        else:
            sql = (
                f"WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s "
                f"WHERE i < {n - 1}) INSERT INTO {table} ({names}) SELECT {values} FROM s"
            )
        conn.exec_driver_sql(sql.replace("%", "%%") if self.pg else sql)  # psycopg's format


def build(rt: Runtime, n_accounts: int, n_tasks: int) -> dict[str, int]:
    """Users, accounts (one contact each), tasks, deals, a decision per task, deliveries."""
    q = Sql(rt.db.backend)
    now = q.ago("0")
    hashed = users.hash_password("password123")
    n_opps = max(20, n_tasks // 20)
    with rt.db.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO users (email, name, role, password_hash, active, in_round_robin,"
                " timezone, created_at, updated_at) VALUES (:e, :n, :r, :h, :a, :t, 'UTC',"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            [
                {"e": f"sales{i}@example.com", "n": f"Sales {i}", "r": "sales", "h": hashed}
                | {"a": True, "t": True}
                for i in range(SALES)
            ]
            + [
                {"e": "admin@example.com", "n": "Admin", "r": "admin", "h": hashed}
                | {"a": True, "t": False}
            ],
        )
        first = conn.execute(sa.text("SELECT min(id) FROM users WHERE role = 'sales'")).scalar()
        # every salesperson in every territory's round robin (the R-7 plan routes through it)
        conn.exec_driver_sql(MEMBERS)
        owner = f"({first} + i % {SALES})"
        q.insert(
            conn,
            "accounts",
            n_accounts,
            {
                "name": "'Company ' || i",
                "domain": "'company' || i || '.com'",
                "owner_id": owner,
                "territory": "'Europe & Africa'",
                "country": "'DE'",
                "customer_status": "'prospect'",
                "mrr": "0",
                "slack_channels": q.json("[]"),
                "support_ticket_ids": q.json("[]"),
                "field_sources": q.json("{}"),
                "icp_breakdown": q.json("[]"),
                "icp_score": "i % 6",
                "notes": "''",
                "created_at": q.ago("i"),
                "updated_at": now,
            },
        )
        q.insert(
            conn,
            "contacts",
            n_accounts,
            {
                "email": "'person' || i || '@company' || i || '.com'",
                "name": "'Person ' || i",
                "account_id": "i + 1",
                "lead_score": "(i * 7) % 71",
                "lead_score_breakdown": q.json("[]"),
                "field_sources": q.json("{}"),
                "created_at": q.ago("i"),
                "updated_at": now,
            },
        )
        q.insert(
            conn,
            "tasks",
            n_tasks,
            {
                "kind": "'lead'",
                "title": f"'Contact form: Person ' || (i % {n_accounts})",
                "account_id": f"i % {n_accounts} + 1",
                "contact_id": f"i % {n_accounts} + 1",
                "lead_source": "'Contact form'",
                "owner_id": owner,
                "status": q.pick("i", STATUSES),
                "territory": "'Europe & Africa'",
                "classification_signals": q.json("[]"),
                "interest": q.json("[]"),
                "owner_away": q.flag("1 = 0"),
                "conversion_criteria": q.json("{}"),
                "triage": q.json("{}"),
                "reassignment_count": "0",
                "created_at": q.ago("i"),
                "updated_at": now,
            },
        )
        q.insert(
            conn,
            "opportunities",
            n_opps,
            {
                "name": "'Deal ' || i",
                "account_id": f"i % {n_accounts} + 1",
                "owner_id": owner,
                "record_type": "'New Revenue'",
                "opp_type": "'Annual Plan'",
                "pipeline": "'new_business'",
                "stage": q.pick("i", STAGES),
                "probability": "10",
                "is_closed": q.flag("1 = 0"),
                "is_won": q.flag("1 = 0"),
                "close_date": q.days_ahead("i % 170"),
                "amount": "20000 + i",
                "term_months": "12",
                "products": q.json("[]"),
                "meddpicc": q.json("{}"),
                "exit_criteria": q.json("{}"),
                "next_step": q.json("{}"),
                "forecast_category": "'Pipeline'",
                "self_serve_post_engagement": q.flag("1 = 0"),
                "created_at": q.ago("i"),
                "updated_at": now,
            },
        )
        q.insert(
            conn,
            "decisions",
            n_tasks,
            {
                "at": q.ago(f"{n_tasks} - i"),
                "kind": "'route'",
                "subject_type": "'task'",
                "subject_id": "i + 1",
                "inputs": q.json("{}"),
                "rule_ids": q.json('["R-3"]'),
                "reason": "'round robin'",
                "outcome": q.json("{}"),
                "playbook_version": "1",
                "owner_id": owner,
                "territory": "'Europe & Africa'",
            },
        )
        q.insert(
            conn,
            "deliveries",
            min(n_tasks, 20_000),
            {
                "channel": "'slack'",
                "payload": q.json("{}"),
                "idempotency_key": "'k' || i",
                "state": "(CASE WHEN i % 10 = 0 THEN 'dead' ELSE 'delivered' END)",
                "attempts": "1",
                "max_attempts": "8",
                "maybe_sent": q.flag("1 = 0"),
                "next_attempt_at": now,
                "created_at": q.ago("i"),
            },
        )
        search.install(conn)  # after the rows: one index build, not a million updates
        rollups.install(conn)  # the report rollups (0004_report_rollups): triggers, backfill
        rollups.rebuild_all(conn)
    analyze(rt.db)
    return {"accounts": n_accounts, "contacts": n_accounts, "tasks": n_tasks, "deals": n_opps}


def analyze(db: Database) -> None:
    """Fresh planner statistics, as autovacuum would give."""
    if db.backend == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def ensure_indexes(db: Database) -> list[str]:
    """The models' indexes a reused database lacks (added by a fix since it was built)."""
    made = []
    with db.engine.begin() as conn:  # one connection (SQLite: a second one would wait)
        have_tables = set(sa.inspect(conn).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in have_tables:  # a model added since (e.g. R-7's plans)
                table.create(conn)
                made.append(table.name)
        inspector = sa.inspect(conn)
        for table in Base.metadata.sorted_tables:
            have = {ix["name"] for ix in inspector.get_indexes(table.name)}
            for index in table.indexes:
                if index.name not in have:
                    index.create(conn)
                    made.append(str(index.name))
    if made:
        analyze(db)
    return made


def pages(rt: Runtime) -> list[tuple[str, str]]:
    """(who, path) for every GET page of the web routers, ids filled from the data set."""
    from salesops.app import WEB_ROUTERS
    from salesops.reports import registry

    with rt.db.engine.connect() as conn:

        def one(sql: str) -> Any:
            return conn.exec_driver_sql(sql).scalar()

        ids = {
            "task_id": one(
                "SELECT min(id) FROM tasks WHERE owner_id = "
                "(SELECT min(id) FROM users WHERE role = 'sales')"
            ),
            "account_id": one("SELECT min(id) FROM accounts"),
            "contact_id": one("SELECT min(id) FROM contacts"),
            "opp_id": one("SELECT min(id) FROM opportunities"),
            "user_id": one("SELECT min(id) FROM users"),
            "territory_id": one("SELECT min(id) FROM territories"),
        }
    out: list[tuple[str, str]] = []
    for name in WEB_ROUTERS:
        for route in importlib.import_module(name).router.routes:
            path = getattr(route, "path", "")
            if "GET" not in getattr(route, "methods", ()) or path in ("/login", "/api/v1/search"):
                continue
            if "{name}" in path:
                out += [("sales", path.replace("{name}", r)) for r in registry.REPORTS]
                continue
            params = re.findall(r"{(\w+)}", path)
            if any(ids.get(p) is None for p in params):
                continue  # e.g. an import job: the data set has none
            for p in params:
                path = path.replace("{" + p + "}", str(ids[p]))
            out.append(("admin" if path.startswith("/admin") else "sales", path))
    extra = [
        "/app?status=Working&page=3",
        "/app?q=person 1",
        "/accounts?q=company 99",
        "/accounts?page=1000",
        "/contacts?q=person 99",
        "/search?q=person 4242",
        "/search?q=gav",
        "/pipeline?stage=Vendor Approval",
        "/opportunities?sort=amount&dir=desc",
        "/opportunities?status=all&q=deal 4242",
    ]
    out += [("sales", p) for p in extra]
    out += [("admin", "/admin/decisions?rule=R-3"), ("admin", "/admin/decisions?page=500")]
    return out


BACKENDS: set[int] = set()  # PostgreSQL server processes the bench's connections use


def backend_cpu_ms() -> float:
    """CPU time (user + system) of the bench's PostgreSQL backends, from /proc (the
    server runs on this machine): the database's share of a page, whatever the load."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in list(BACKENDS):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            BACKENDS.discard(pid)
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total * 1000 / tick


@contextmanager
def statements(db: Database) -> Iterator[list[tuple[float, str]]]:
    """The SQL run while the block runs, with each statement's time in ms."""
    seen: list[tuple[float, str]] = []

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info.setdefault("t0", []).append(time.perf_counter())

    def after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(((time.perf_counter() - conn.info["t0"].pop()) * 1000, statement))
        pid = getattr(getattr(conn.connection.dbapi_connection, "info", None), "backend_pid", 0)
        if pid:
            BACKENDS.add(pid)

    sa.event.listen(db.engine, "before_cursor_execute", before)
    sa.event.listen(db.engine, "after_cursor_execute", after)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", before)
        sa.event.remove(db.engine, "after_cursor_execute", after)


def signed_in(app: Any, email: str) -> Any:
    from fastapi.testclient import TestClient

    client = TestClient(app, headers={"accept": "text/html"})
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    r = client.post(
        "/login",
        data={"email": email, "password": "password123", "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[:300]
    return client


def time_pages(rt: Runtime, runs: int, only: str | None) -> list[dict[str, Any]]:
    from salesops.app import create_app

    app = create_app(rt.settings, runtime=rt)
    clients = {"sales": signed_in(app, "sales0@example.com")}
    clients["admin"] = signed_in(app, "admin@example.com")
    results = []
    todo = pages(rt)
    for who, path in todo:  # grows: a paged preview's next page is timed after it
        if only and not re.search(only, path):
            continue
        client = clients[who]
        start, cpu0, db0 = time.perf_counter(), time.process_time(), backend_cpu_ms()
        warm = client.get(path)  # warm up
        status = warm.status_code
        if 'http-equiv="refresh"' in warm.text and "Planning" in warm.text:
            # the R-7 preview of a large hand-over: its plan job ran after this response
            print(
                f"  first request, with the R-7 plan job after it: "
                f"{(time.perf_counter() - start) * 1000:.0f} ms wall, "
                f"{(time.process_time() - cpu0) * 1000:.0f} ms app CPU, "
                f"{backend_cpu_ms() - db0:.0f} ms db CPU",
                flush=True,
            )
            warm = client.get(path)
        found = re.search(r'href="([^"]+plan=[^"]+)" rel="next"', warm.text)
        if found and "page=" not in path:  # the R-7 preview's page 2 (its plan kept)
            todo.append((who, found.group(1).replace("&amp;", "&")))
        samples, cpu, sql, db_cpu = [], [], [], []
        with statements(rt.db) as seen:
            for _ in range(runs):
                seen.clear()
                start, cpu0, db0 = time.perf_counter(), time.process_time(), backend_cpu_ms()
                status = client.get(path).status_code
                samples.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - cpu0) * 1000)
                db_cpu.append(backend_cpu_ms() - db0)
                sql.append(sum(ms for ms, _ in seen))
        slowest = sorted(seen, reverse=True)[:3]
        results.append(
            {
                "path": path,
                "who": who,
                "status": status,
                "median": statistics.median(samples),
                "max": max(samples),
                "cpu": statistics.median(cpu),
                "sql": statistics.median(sql),
                "db_cpu": statistics.median(db_cpu),
                "queries": len(seen),
                "slowest": slowest,
            }
        )
        print(
            f"  {statistics.median(samples):8.1f} ms  (cpu {statistics.median(cpu):6.1f}, db cpu "
            f"{statistics.median(db_cpu):6.1f}, sql {statistics.median(sql):6.1f})  "
            f"{status}  {path}",
            flush=True,
        )
    return results


def time_handover(rt: Runtime, email: str) -> None:
    """R-7's confirmation at scale: preview ``email``'s hand-over, confirm it and time the
    background job that moves the records (it runs after the POST's response, in-process)."""
    from salesops.app import create_app
    from salesops.flows import deactivation_store

    app = create_app(rt.settings, runtime=rt)
    client = signed_in(app, "admin@example.com")
    with rt.db.engine.connect() as conn:
        user_id = conn.exec_driver_sql(f"SELECT id FROM users WHERE email = '{email}'").scalar()
    path = f"/admin/users/{user_id}/deactivate"
    with statements(rt.db):  # the backends this process uses (their CPU, from /proc)
        page = client.get(path).text
        if "Planning" in page:
            page = client.get(path).text
    digest = re.search(r'name="digest" value="([^"]+)"', page)
    assert digest is not None, page[:2000]
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    print(f"\n## R-7 hand-over of {email}, load before {load()}")
    with statements(rt.db):
        start, cpu0, db0 = time.perf_counter(), time.process_time(), backend_cpu_ms()
        r = client.post(
            path,
            data={"digest": digest.group(1), "csrf_token": csrf.group(1) if csrf else ""},
            follow_redirects=False,
        )
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
        db_cpu = (backend_cpu_ms() - db0) / 1000
    with rt.uow(readonly=True) as s:
        plan = deactivation_store.latest(s, int(user_id))
        assert plan is not None
        status, done, total = plan.status, plan.done, plan.total
    print(
        f"POST {r.status_code}; plan {status}: {done:,} of {total:,} records moved in "
        f"{wall:.1f} s wall ({done / wall:,.0f} records/s), app CPU {cpu:.1f} s "
        f"({cpu * 1e6 / max(done, 1):.0f} µs/record), db CPU {db_cpu:.1f} s "
        f"(this process's backends); load after {load()}"
    )


def load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=10_000, help="issue 17: 100000")
    parser.add_argument("--tasks", type=int, default=100_000, help="issue 17: 1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--reuse", action="store_true", help="time the data already there")
    parser.add_argument("--only", default=None, help="a regular expression over the paths")
    parser.add_argument(
        "--handover", default=None, help="R-7: confirm this user's deactivation and time it"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        db = Database(url)
        load_all()
        rt = Runtime(Settings(database_url=url, _env_file=None), db=db)
        if args.reuse:
            print("reused data set; indexes created now:", ensure_indexes(db) or "none")
        else:
            with db.engine.begin() as conn:
                search.uninstall(conn)
            Base.metadata.drop_all(db.engine)
            Base.metadata.create_all(db.engine)
            with db.engine.begin() as conn:
                install_append_only_triggers(conn)
            prepare(rt, migrate=False)
            t0 = time.perf_counter()
            sizes = build(rt, args.accounts, args.tasks)
            print(f"built {sizes} in {time.perf_counter() - t0:.0f}s, load {load()}")
        if args.handover:
            time_handover(rt, args.handover)
            db.dispose()
            return
        print(f"\n## {db.backend}, load before {load()}")
        results = time_pages(rt, args.runs, args.only)
        print(f"load after {load()}\n")
        print(
            "| page | status | median ms | max ms | app CPU ms | db CPU ms | SQL ms | queries |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|"
        )
        for r in results:
            mark = " **over**" if r["median"] > TARGET_MS else ""
            print(
                f"| `{r['path']}` | {r['status']} | {r['median']:.1f}{mark} | {r['max']:.1f} "
                f"| {r['cpu']:.1f} | {r['db_cpu']:.1f} | {r['sql']:.1f} | {r['queries']} |"
            )
        for r in results:
            if r["median"] > TARGET_MS:
                print(f"\n### {r['path']} ({r['median']:.0f} ms): slowest statements")
                for ms, sql in r["slowest"]:
                    print(f"- {ms:.0f} ms: {' '.join(sql.split())[:600]}")
        db.dispose()


if __name__ == "__main__":
    main()
