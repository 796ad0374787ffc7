"""The reports (V-1 … V-7) at volume: p50/max per report and per report page, both backends.

Issue 18's volumes at ``--scale 1``: 1,000,000 lead tasks, 200,000 opportunities, 5,000,000
decision rows and a year of history (3 snapshots per deal, 6 MRR changes per account).
Targets: each report ≤ 200 ms p50 on PostgreSQL and ≤ 500 ms on SQLite, ``as_of`` any
date included; pages ≤ 300 ms. The data is built with set-based INSERT … SELECT over a
number sequence on a scratch database (a temp SQLite file; a PostgreSQL database created
and dropped, from ``--pg URL`` or ``SALESOPS_TEST_DATABASE_URL``).

    .venv/bin/python bench/reports.py [--scale 0.1] [--runs 5] [--pg URL] [--no-sqlite]

At ``--scale 1`` building takes many minutes per backend; ``--url URL`` (repeatable) builds
into a database you keep instead (a SQLite path, or an existing empty PostgreSQL database),
and ``--url URL --reuse`` times a database built earlier without building again (used to
time the same data before and after a change).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from _scratch import each_database  # bench/ is on sys.path when run as a script

from salesops.core.config import Settings
from salesops.core.db import Base, Database, UTCDateTime
from salesops.playbook.runtime import Runtime
from salesops.tables import load_all

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
SOURCES = ["Contact form", "Product signup", "Email", "Event", "Referral", "Forwarded"]
REASONS = ["Spam", "No Budget", "Stale – Autoclosed", "Not a Good Fit", "Duplicate Lead"]
STAGES = [  # (stage, probability, closed, won)
    ("Problem Agreement", 10, False, False),
    ("Solution Agreement", 25, False, False),
    ("Priority Agreement", 50, False, False),
    ("Commercial Agreement", 75, False, False),
    ("Vendor Approval", 90, False, False),
    ("Closed Won", 100, True, True),
    ("Closed Lost", 0, True, False),
]
CATEGORIES = ["Commit", "Best case", "Pipeline", "Omitted"]


def seq(backend: str, start: int, stop: int) -> tuple[str, str]:
    """(WITH prefix, FROM item) of the numbers start … stop - 1 as column ``x``."""
    if backend == "postgresql":
        return "", f"(SELECT generate_series({start}, {stop - 1}) AS x) seq"
    return (
        f"WITH RECURSIVE seq(x) AS (SELECT {start} UNION ALL SELECT x + 1 FROM seq "
        f"WHERE x < {stop - 1}) ",
        "seq",
    )


def ago(backend: str, days: str, hours: str = "0") -> str:
    """SQL for NOW minus ``days`` days and ``hours`` hours, stored as the column type does."""
    if backend == "postgresql":
        return f"(:now - ({days}) * interval '1 day' - ({hours}) * interval '1 hour')"
    return (
        f"strftime('%Y-%m-%d %H:%M:%S.000000', :now_text, '-' || ({days}) || ' days', "
        f"'-' || ({hours}) || ' hours')"
    )


def plus(backend: str, base: str, days: str) -> str:
    if backend == "postgresql":
        return f"({base} + ({days}) * interval '1 day')"
    return f"strftime('%Y-%m-%d %H:%M:%S.000000', {base}, '+' || ({days}) || ' days')"


def day_sql(backend: str, days: str) -> str:
    """A DATE ``days`` after NOW's day."""
    if backend == "postgresql":
        return f"(CAST(:now AS date) + ({days}))"
    return f"date(:now_text, ({days}) || ' days')"


def case(expr: str, values: list[Any]) -> str:
    whens = " ".join(f"WHEN {i} THEN {v}" for i, v in enumerate(values))
    return f"CASE ({expr}) % {len(values)} {whens} END"


def q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def defaults(model: Any, explicit: set[str]) -> tuple[str, str]:
    """NOT NULL columns this script does not set, filled with their model defaults."""
    cols, vals = [], []
    for col in model.__table__.columns:
        if col.name in explicit or col.nullable or col.default is None or col.primary_key:
            continue
        arg = col.default.arg
        if callable(arg):
            literal = "'[]'" if isinstance(arg(None), list) else "'{}'"
        elif isinstance(arg, bool):
            literal = "true" if arg else "false"
        elif isinstance(arg, int | float):
            literal = str(arg)
        else:
            literal = q(str(arg))
        cols.append(col.name)
        vals.append(literal)
    return "".join(f", {c}" for c in cols), "".join(f", {v}" for v in vals)


def run_sql(rt: Runtime, sql: str) -> None:
    params = {"now": NOW, "now_text": NOW.strftime("%Y-%m-%d %H:%M:%S")}
    used = {k for k in params if re.search(rf":{k}\b", sql)}
    stmt = sa.text(sql)
    if "now" in used:
        stmt = stmt.bindparams(sa.bindparam("now", type_=UTCDateTime()))
    with rt.db.engine.begin() as conn:
        conn.execute(stmt, {k: v for k, v in params.items() if k in used})


def setup(url: str) -> tuple[Runtime, list[tuple[int, str]]]:
    from salesops.core.audit import install_append_only_triggers
    from salesops.flows.bootstrap import prepare
    from salesops.routing import territories
    from salesops.users import service as users

    load_all()
    db = Database(url)
    Base.metadata.create_all(db.engine)
    with db.engine.begin() as conn:
        install_append_only_triggers(conn)
    rt = Runtime(Settings(database_url=url, _env_file=None), db=db)  # type: ignore[call-arg]
    prepare(rt, migrate=False)
    owners: list[tuple[int, str]] = []
    with rt.uow() as s:
        for t in territories.sync_territories(s, s.info["playbook"], NOW):
            for i in range(6):
                u = users.create_user(
                    s,
                    email=f"{i}.{t.id}@bench.test",
                    name=f"Rep {i}.{t.id}",
                    role="sales",
                    now=NOW,
                    password="password123" if not owners else None,
                )
                territories.add_member(s, None, t, u, now=NOW)
                owners.append((u.id, t.name))
        users.create_user(s, email="boss@bench.test", role="admin", now=NOW, password="password123")
    return rt, owners


def loadavg() -> str:
    with open("/proc/loadavg") as f:
        return f.read().strip()


def reopen(url: str) -> Runtime:
    """A runtime on a database built by an earlier run (tables added since are created)."""
    load_all()
    db = Database(url)
    Base.metadata.create_all(db.engine)
    rt = Runtime(Settings(database_url=url, _env_file=None), db=db)  # type: ignore[call-arg]
    rollup(rt, only_missing=True)
    return rt


def rollup(rt: Runtime, *, only_missing: bool = False) -> None:
    """What migrations 0004_report_rollups and 0005_deal_rollups do: the triggers, then
    the backfill (timed). ``only_missing``: a kept database gets the rollups its build
    had no code for yet (the deal rollups on a database built before them), no more."""
    try:
        from salesops.reports import rollups
    except ImportError:  # a tree before issue 18's rollups (the "before" numbers)
        return
    t0 = time.perf_counter()
    with rt.db.engine.begin() as conn:
        rollups.install(conn)
        if not only_missing:
            sizes = rollups.rebuild_all(conn)
        else:
            sizes = {}
            try:
                from salesops.reports import deals_rollup
            except ImportError:
                return
            if conn.exec_driver_sql("SELECT 1 FROM report_snap_meta").first() is None:
                sizes = {"deals": deals_rollup.rebuild(conn)}
            columns = sa.inspect(conn).get_columns("report_lead_facts")
            if "dq_day" not in {c["name"] for c in columns}:  # what 0005 adds for V-4
                for col in ("dq_day", "dq_month"):
                    conn.exec_driver_sql(f"ALTER TABLE report_lead_facts ADD COLUMN {col} DATE")
                rollups.uninstall(conn)
                rollups.install(conn)
                sizes["leads"] = rollups.rebuild(conn)
        if not sizes:
            return
    with rt.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if rt.db.backend == "postgresql" else "ANALYZE")
    print(f"rollups rebuilt: {sizes} in {time.perf_counter() - t0:.0f}s", flush=True)


def build(rt: Runtime, owners: list[tuple[int, str]], scale: float) -> dict[str, int]:
    from salesops.accounts.models import Account, Contact
    from salesops.core.audit import Decision
    from salesops.opportunities.models import Opportunity
    from salesops.tasks.models import Task

    b = rt.db.backend
    n_tasks = int(1_000_000 * scale)
    n_opps = n_tasks // 5
    n_accounts = max(1000, n_tasks // 20)
    n_decisions = int(5_000_000 * scale)
    owner_ids = [str(o) for o, _ in owners]
    terrs = [q(t) for _, t in owners]
    w, f = seq(b, 1, n_accounts + 1)
    extra_c, extra_v = defaults(
        Account,
        {
            "id",
            "name",
            "domain",
            "owner_id",
            "territory",
            "customer_status",
            "mrr",
            "created_at",
            "updated_at",
        },
    )
    run_sql(
        rt,
        f"""{w}INSERT INTO accounts (id, name, domain, owner_id, territory, customer_status,
        mrr, created_at, updated_at{extra_c})
      SELECT x, 'A' || x, 'a' || x || '.test', {case("x", owner_ids)}, {case("x", terrs)},
        'paying', 100 + (x % 50) * 10, {ago(b, "400")}, {ago(b, "400")}{extra_v} FROM {f}""",
    )
    extra_c, extra_v = defaults(Contact, {"id", "email", "account_id", "created_at", "updated_at"})
    run_sql(
        rt,
        f"""{w}INSERT INTO contacts (id, email, account_id, created_at, updated_at{extra_c})
      SELECT x, 'c' || x || '@a' || x || '.test', x, {ago(b, "400")}, {ago(b, "400")}{extra_v}
      FROM {f}""",
    )
    # MRR history: 6 changes per account over the year
    run_sql(
        rt,
        f"""{w}INSERT INTO account_mrr_changes (account_id, effective_on, mrr_before,
        mrr_after, at)
      SELECT x, {day_sql(b, "-365 + k * 60 + (x % 30)")}, 100 + k * 10, 100 + (k + 1) * 10
        - CASE WHEN (x + k) % 9 = 0 THEN 100 + (k + 1) * 10 ELSE 0 END, :now
      FROM {f} CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL
        SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) ks""",
    )
    # opportunities: y = 1 … n_opps, converted from task 5y
    w, f = seq(b, 1, n_opps + 1)
    stage = case("y", [q(s[0]) for s in STAGES])
    prob = case("y", [str(s[1]) for s in STAGES])
    closed = case("y", ["true" if s[2] else "false" for s in STAGES])
    won = case("y", ["true" if s[3] else "false" for s in STAGES])
    explicit = {
        "id",
        "name",
        "account_id",
        "owner_id",
        "record_type",
        "opp_type",
        "pipeline",
        "stage",
        "probability",
        "is_closed",
        "is_won",
        "close_date",
        "amount",
        "lead_source",
        "forecast_category",
        "self_serve_post_engagement",
        "task_id",
        "won_at",
        "closed_at",
        "created_at",
        "updated_at",
    }
    extra_c, extra_v = defaults(Opportunity, explicit)
    created = ago(b, "y % 365")
    run_sql(
        rt,
        f"""{w.replace("seq(x)", "seq(y)").replace("x + 1", "y + 1").replace("x <", "y <")}
      INSERT INTO opportunities (id, name, account_id, owner_id, record_type, opp_type, pipeline,
        stage, probability, is_closed, is_won, close_date, amount, lead_source,
        forecast_category, self_serve_post_engagement, task_id, won_at, closed_at, created_at,
        updated_at{extra_c})
      SELECT y, 'Deal ' || y, 1 + y % {n_accounts}, {case("y", owner_ids)}, 'New Revenue',
        'Annual Plan', 'new_business', {stage}, {prob}, {closed}, {won},
        {day_sql(b, "(y % 540) - 270")}, 5000 + (y % 50) * 1000,
        {case("y", [q(s) for s in SOURCES])},
        {case("y", [q(c) for c in CATEGORIES])}, (y % 13 = 0), 5 * y,
        CASE WHEN y % 7 = 5 THEN {plus(b, created, "20")} END,
        CASE WHEN y % 7 IN (5, 6) THEN {plus(b, created, "20")} END, {created}, {created}{extra_v}
      FROM {f.replace("AS x", "AS y")}""".replace("FROM seq", "FROM seq"),
    )
    # a year of history: three snapshots per deal (60 days apart; ARR and category moved)
    born = ago(b, "id % 365")
    snap_from = [born, plus(b, born, "60"), plus(b, born, "120")]
    for k in range(3):
        until = snap_from[k + 1] if k < 2 else "NULL"
        run_sql(
            rt,
            f"""INSERT INTO opportunity_snapshots (opportunity_id, valid_from, valid_to,
            owner_id, pipeline, stage, probability, forecast_category, amount, close_date,
            is_closed, is_won)
          SELECT id, {snap_from[k]}, {until}, owner_id, pipeline,
            {"stage" if k == 2 else q("Problem Agreement")}, {"probability" if k == 2 else "10"},
            {"forecast_category" if k == 2 else q(CATEGORIES[2 - k])}, amount - {2 - k} * 1000,
            {"close_date" if k == 2 else day_sql(b, f"(id % 540) - 270 - {(2 - k) * 30}")},
            {"is_closed" if k == 2 else "false"}, {"is_won" if k == 2 else "false"}
          FROM opportunities""",
        )
    # lead tasks: x = 1 … n_tasks; every fifth converted (opportunity x / 5)
    w, f = seq(b, 1, n_tasks + 1)
    explicit = {
        "id",
        "kind",
        "title",
        "account_id",
        "contact_id",
        "lead_source",
        "owner_id",
        "status",
        "territory",
        "disqualification_reason",
        "reassignment_count",
        "opportunity_id",
        "created_at",
        "updated_at",
        "first_touched_at",
        "closed_at",
    }
    extra_c, extra_v = defaults(Task, explicit)
    created = ago(b, "x % 365", "x % 24")
    status = (
        "CASE WHEN x % 5 = 0 THEN 'Converted' WHEN x % 5 IN (1, 2) THEN 'Unqualified' "
        "ELSE 'Working' END"
    )
    run_sql(
        rt,
        f"""{w}INSERT INTO tasks (id, kind, title, account_id, contact_id, lead_source,
        owner_id, status, territory, disqualification_reason, reassignment_count, opportunity_id,
        created_at, updated_at, first_touched_at, closed_at{extra_c})
      SELECT x, 'lead', 'bench', 1 + x % {n_accounts}, 1 + x % {n_accounts},
        {case("x", [q(s) for s in SOURCES])}, {case("x", owner_ids)}, {status}, {case("x", terrs)},
        CASE WHEN x % 5 IN (1, 2) THEN {case("x / 5", [q(r) for r in REASONS])} END,
        CASE WHEN x % 7 = 0 THEN 1 ELSE 0 END, CASE WHEN x % 5 = 0 THEN x / 5 END,
        {created}, {created},
        CASE WHEN x % 10 <> 3 THEN {plus(b, created, "(x % 72) / 24.0")} END,
        CASE WHEN x % 5 IN (1, 2) THEN {plus(b, created, "5")} END{extra_v}
      FROM {f}""",
    )
    # decision rows (O-8): the log the reports never scan, at its volume (after the ones
    # the setup wrote: creating users and territories is audited)
    with rt.db.engine.connect() as conn:
        first = conn.exec_driver_sql("SELECT COALESCE(MAX(id), 0) FROM decisions").scalar_one()
    w, f = seq(b, first + 1, first + n_decisions + 1)
    extra_c, extra_v = defaults(
        Decision,
        {"id", "at", "kind", "subject_type", "subject_id", "reason", "owner_id", "territory"},
    )
    run_sql(
        rt,
        f"""{w}INSERT INTO decisions (id, at, kind, subject_type, subject_id, reason,
        owner_id, territory{extra_c})
      SELECT x, {ago(b, "x % 365")}, 'route', 'task', 1 + x % {max(1, n_tasks)}, 'bench',
        {case("x", owner_ids)}, {case("x", terrs)}{extra_v} FROM {f}""",
    )
    with rt.db.engine.begin() as conn:
        if b == "postgresql":  # the rows above chose their ids: later inserts follow them
            for table in ("accounts", "contacts", "opportunities", "tasks", "decisions"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT MAX(id) FROM {table}))"
                )
        conn.exec_driver_sql("ANALYZE")
    rollup(rt)
    return {
        "tasks": n_tasks,
        "opportunities": n_opps,
        "accounts": n_accounts,
        "decisions": n_decisions,
        "snapshots": 3 * n_opps,
        "mrr_changes": 6 * n_accounts,
    }


def cases() -> list[tuple[str, str, dict[str, Any]]]:
    quarter = {"start": date(2026, 4, 1), "end": date(2026, 6, 30)}
    year = {"start": date(2025, 7, 1), "end": date(2026, 6, 14)}
    return [
        ("forecast (now)", "forecast", {}),
        ("forecast as of 2026-01-15", "forecast", {"as_of": datetime(2026, 1, 15, tzinfo=UTC)}),
        ("forecast as of 2025-09-01", "forecast", {"as_of": datetime(2025, 9, 1, tzinfo=UTC)}),
        ("forecast movements 30 days", "movements", {}),
        ("pipeline (now)", "pipeline", {}),
        ("pipeline as of 2026-03-01", "pipeline", {"as_of": datetime(2026, 3, 1, tzinfo=UTC)}),
        ("funnel (quarter)", "funnel", quarter),
        ("funnel (year)", "funnel", year),
        ("disqualifications (quarter)", "disqualifications", quarter),
        ("speed-to-lead (quarter)", "speed-to-lead", quarter),
        ("speed-to-lead (year)", "speed-to-lead", year),
        ("revenue (12 months)", "revenue", {}),
        ("quota (quarter)", "quota", quarter),
        ("quota (year)", "quota", year),
    ]


def backend_cpu(conn: Any) -> float:
    """CPU seconds the PostgreSQL backend serving ``conn`` has used (its /proc entry: the
    server runs on this machine); 0 on SQLite (it runs in this process)."""
    if conn.dialect.name != "postgresql":
        return 0.0
    pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_cpu(rt: Runtime) -> float:
    """CPU seconds used so far by every PostgreSQL backend connected to the bench database
    (the app's pooled connections serve a page; this one asks); 0 on SQLite."""
    if rt.db.backend != "postgresql":
        return 0.0
    with rt.db.engine.connect() as conn:
        pids = conn.exec_driver_sql(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        ).scalars()
        total = 0.0
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def time_reports(rt: Runtime, runs: int, only: set[str]) -> list[tuple[str, float, float, float]]:
    """(label, p50 ms, max ms, p50 CPU ms: this process + the database backend — a
    number the machine's load does not inflate the way it does wall time)."""
    from salesops.reports import forecast, registry
    from salesops.reports.common import EVERYTHING, Filters

    out = []
    for label, name, f in cases():
        if only and name not in only:
            continue
        samples, cpu = [], []
        for i in range(runs + 1):
            t0, c0 = time.perf_counter(), time.process_time()
            with rt.uow(readonly=True) as s:
                b0 = backend_cpu(s.connection())
                if name == "movements":
                    forecast.movements(s, Filters(), EVERYTHING, NOW - timedelta(days=30), NOW)
                else:
                    registry.run(s, name, Filters(**f), EVERYTHING, NOW)
                b1 = backend_cpu(s.connection())
            if i:  # the first run warms caches
                samples.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0 + b1 - b0) * 1000)
        out.append((label, statistics.median(samples), max(samples), statistics.median(cpu)))
    return out


def time_pages(rt: Runtime, runs: int, only: set[str]) -> list[tuple[str, float, float, float]]:
    """(path, p50 ms, max ms, p50 CPU ms: this process — the app runs in it — plus the
    database's backends)."""
    import time_machine
    from fastapi.testclient import TestClient

    from salesops.app import create_app

    out = []
    with time_machine.travel(NOW, tick=True):
        client = TestClient(create_app(rt.settings, runtime=rt))
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token is not None
        client.post(
            "/login",
            data={
                "email": "boss@bench.test",
                "password": "password123",
                "csrf_token": token.group(1),
            },
        )
        paths = [
            "/reports/forecast",
            "/reports/forecast?as_of=2026-01-15&compare=2025-12-15",
            "/reports/pipeline",
            "/reports/funnel",
            "/reports/disqualifications",
            "/reports/speed-to-lead",
            "/reports/revenue",
            "/reports/quota",
            "/forecast",
        ]
        for path in paths:
            if only and path.split("?")[0].rsplit("/", 1)[-1] not in only:
                continue
            samples, cpu = [], []
            for i in range(runs + 1):
                d0 = database_cpu(rt)
                t0, c0 = time.perf_counter(), time.process_time()
                r = client.get(path)
                t1, c1 = time.perf_counter(), time.process_time()
                assert r.status_code == 200, (path, r.text[:300])
                if i:
                    samples.append((t1 - t0) * 1000)
                    cpu.append((c1 - c0 + database_cpu(rt) - d0) * 1000)
            out.append((path, statistics.median(samples), max(samples), statistics.median(cpu)))
    return out


def before_run(tree: str, url: str) -> bool:
    """Time ``url`` with the code of ``tree`` (the same bench, the earlier ``src/``) in a
    child process: the "before" beside this run's "after", same data, minutes apart."""
    import subprocess

    argv = [a for a in sys.argv[1:] if not a.startswith("--before")]
    if "--before" in sys.argv:
        i = sys.argv.index("--before")
        argv = sys.argv[1:i] + sys.argv[i + 2 :]
    argv = [a for i, a in enumerate(argv) if a != "--url" and (i == 0 or argv[i - 1] != "--url")]
    env = dict(os.environ, PYTHONPATH=os.path.join(os.path.abspath(tree), "src"))
    print(f"\n## before ({tree})", flush=True)
    done = subprocess.run([sys.executable, __file__, *argv, "--url", url], env=env, check=False)
    return done.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.05, help="1 = the issue's volumes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--url", action="append", help="build into (or reuse) this database")
    parser.add_argument("--reuse", action="store_true", help="time --url databases, no build")
    parser.add_argument(
        "--before",
        metavar="TREE",
        help="with --reuse: first time each database with the code of TREE (a checkout "
        "or `git archive` of the earlier commit: its src/ is imported), then with this one",
    )
    parser.add_argument("--only", default="", help="comma-separated report names to time")
    parser.add_argument(
        "--check-rollups",
        type=int,
        default=0,
        metavar="N",
        help="after timing: N random write batches, then kept rollups == a rebuild?",
    )
    args = parser.parse_args()
    targets = {"sqlite": 500.0, "postgresql": 200.0}
    only = {n.strip() for n in args.only.split(",") if n.strip()}
    ok = True
    if args.url:
        databases: Any = [(u.split(":")[0].split("+")[0], u) for u in args.url]
    else:
        databases = each_database(args.pg, sqlite=not args.no_sqlite, name="reports")
    for label, url in databases:
        if args.before and args.reuse:
            ok &= before_run(args.before, url)
            print(f"\n## {label}: after (this tree)", flush=True)
        print(f"load average at start: {loadavg()}", flush=True)
        if args.reuse:
            rt = reopen(url)
            print(f"\n## {label}: reusing {url}")
        else:
            rt, owners = setup(url)
            t0 = time.perf_counter()
            sizes = build(rt, owners, args.scale)
            print(
                f"\n## {label}, scale {args.scale}: {sizes} "
                f"(built in {time.perf_counter() - t0:.0f}s)",
                flush=True,
            )
        print(
            f"| report | p50 ms | max ms | CPU ms (p50) | target {targets[label]:.0f} ms |\n"
            "|---|---:|---:|---:|---|"
        )
        for name, p50, worst, cpu in time_reports(rt, args.runs, only):
            met = p50 <= targets[label]
            ok &= met
            print(
                f"| {name} | {p50:.1f} | {worst:.1f} | {cpu:.0f} | {'yes' if met else 'NO'} |",
                flush=True,
            )
        if not args.no_pages:
            print(
                "| page | p50 ms | max ms | CPU ms (p50) | target 300 ms |\n"
                "|---|---:|---:|---:|---|"
            )
            for path, p50, worst, cpu in time_pages(rt, args.runs, only):
                print(
                    f"| `{path}` | {p50:.1f} | {worst:.1f} | {cpu:.0f} | "
                    f"{'yes' if p50 <= 300 else 'NO'} |",
                    flush=True,
                )
        print(f"load average at end: {loadavg()}", flush=True)
        if args.check_rollups:
            from rollup_check import check

            t0 = time.perf_counter()
            differing = check(rt, args.check_rollups)
            same = not any(differing.values())
            ok &= same
            print(
                f"rollups kept == rebuilt after {args.check_rollups} random write batches: "
                f"{'yes' if same else 'NO'} {differing} ({time.perf_counter() - t0:.0f}s)",
                flush=True,
            )
        rt.db.dispose()
    print("\nall report targets met" if ok else "\nsome report targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
