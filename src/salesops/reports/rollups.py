"""Keeping the lead reports' rollups (``rollup_models``) true on every write (issue 18).

Database triggers on ``tasks`` and ``opportunities`` mark the lead tasks a write changed
in ``report_lead_dirty`` — whatever the path (ORM, bulk UPDATE, the sweep, imports, a
restore). Before a unit of work commits, ``refresh`` takes the marks and, in the same
transaction, rewrites those tasks' ``report_lead_facts`` rows and moves the counts by the
difference between what the old rows and the new rows contribute (set-based: one query
of contributions per chunk). ``rebuild`` recomputes everything (the migration's backfill,
and a repair). A report that finds marks nobody has turned into counts yet (a write
through a bare connection) answers from the raw rows instead (``pending``).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.orm import ORMExecuteState, Session

from salesops.core.fastsql import RAW_WROTE
from salesops.reports import (  # noqa: F401  (the tables)
    deal_rollup_models,
    deals_rollup,
    revenue_rollup,
    rollup_models,
)
from salesops.reports.common import id_test

WROTE = "report_rollups_wrote"
CHUNK = 2000
BINS_PER_DOUBLING = 16  # a bin spans 4.4 % of its values: the k-th value is read in one
KEY = ("span", "start", "lead_source", "owner_id", "territory", "measure", "bin", "label")
TASK_COLUMNS = (
    "kind, created_at, lead_source, owner_id, territory, opportunity_id, first_touched_at, "
    "reassignment_count, disqualification_reason, status, closed_at"
)
OPP_COLUMNS = "id, is_won, won_at, created_at"


# -- triggers -------------------------------------------------------------------------


def install(conn: Connection, *, deals: bool = True) -> None:
    """The triggers that mark changed lead tasks and accounts' MRR (migration
    0004_report_rollups), and deals (0005_deal_rollups)."""
    revenue_rollup.install(conn)
    if deals:  # not at 0004, whose database has no deal rollup tables yet
        deals_rollup.install(conn)
    if conn.dialect.name == "postgresql":
        for sql in _pg_triggers():
            conn.exec_driver_sql(sql)
        return
    mark = "INSERT OR IGNORE INTO report_lead_dirty (task_id)"
    by_opp = "SELECT id FROM tasks WHERE kind = 'lead' AND opportunity_id ="
    for sql in (
        "CREATE TRIGGER IF NOT EXISTS report_lead_task_ins AFTER INSERT ON tasks "
        f"WHEN NEW.kind = 'lead' BEGIN {mark} VALUES (NEW.id); END",
        f"CREATE TRIGGER IF NOT EXISTS report_lead_task_upd AFTER UPDATE OF {TASK_COLUMNS} "
        "ON tasks WHEN NEW.kind = 'lead' OR OLD.kind = 'lead' "
        f"BEGIN {mark} VALUES (NEW.id); END",
        "CREATE TRIGGER IF NOT EXISTS report_lead_task_del AFTER DELETE ON tasks "
        f"WHEN OLD.kind = 'lead' BEGIN {mark} VALUES (OLD.id); END",
        "CREATE TRIGGER IF NOT EXISTS report_lead_opp_ins AFTER INSERT ON opportunities "
        f"BEGIN {mark} {by_opp} NEW.id; END",
        f"CREATE TRIGGER IF NOT EXISTS report_lead_opp_upd AFTER UPDATE OF {OPP_COLUMNS} "
        f"ON opportunities BEGIN {mark} {by_opp} NEW.id; END",
        "CREATE TRIGGER IF NOT EXISTS report_lead_opp_del AFTER DELETE ON opportunities "
        f"BEGIN {mark} {by_opp} OLD.id; END",
    ):
        conn.exec_driver_sql(sql)


def _pg_triggers() -> list[str]:
    mark = "INSERT INTO report_lead_dirty (task_id)"
    by_opp = "SELECT id FROM tasks WHERE kind = 'lead' AND opportunity_id ="
    return [
        f"""CREATE OR REPLACE FUNCTION report_lead_mark_task() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            IF OLD.kind = 'lead' THEN {mark} VALUES (OLD.id) ON CONFLICT DO NOTHING; END IF;
            RETURN OLD;
          END IF;
          IF NEW.kind = 'lead' THEN
            {mark} VALUES (NEW.id) ON CONFLICT DO NOTHING;
          ELSIF TG_OP = 'UPDATE' THEN
            IF OLD.kind = 'lead' THEN {mark} VALUES (NEW.id) ON CONFLICT DO NOTHING; END IF;
          END IF;
          RETURN NEW;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION report_lead_mark_opp() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            {mark} {by_opp} OLD.id ON CONFLICT DO NOTHING;
            RETURN OLD;
          END IF;
          {mark} {by_opp} NEW.id ON CONFLICT DO NOTHING;
          RETURN NEW;
        END $$""",
        "DROP TRIGGER IF EXISTS report_lead_task ON tasks",
        f"""CREATE TRIGGER report_lead_task AFTER INSERT OR DELETE OR UPDATE OF {TASK_COLUMNS}
        ON tasks FOR EACH ROW EXECUTE FUNCTION report_lead_mark_task()""",
        "DROP TRIGGER IF EXISTS report_lead_opp ON opportunities",
        f"""CREATE TRIGGER report_lead_opp AFTER INSERT OR DELETE OR UPDATE OF {OPP_COLUMNS}
        ON opportunities FOR EACH ROW EXECUTE FUNCTION report_lead_mark_opp()""",
    ]


def uninstall(conn: Connection) -> None:
    revenue_rollup.uninstall(conn)
    deals_rollup.uninstall(conn)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS report_lead_task ON tasks")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS report_lead_opp ON opportunities")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS report_lead_mark_task()")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS report_lead_mark_opp()")
        return
    for name in ("task_ins", "task_upd", "task_del", "opp_ins", "opp_upd", "opp_del"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS report_lead_{name}")


# -- facts and their contributions ----------------------------------------------------


# V-4 counts what ``leads.disqualifications`` does, on the disqualification's day
DQ = "t.status = 'Unqualified' AND t.disqualification_reason IS NOT NULL"


def _facts_select(dialect: str, *, dq: bool = True) -> str:
    """SELECT of ``report_lead_facts`` columns from lead tasks ``t`` (and their deal ``o``);
    the waits are the expressions the raw reports use (``common.seconds_between``)."""
    if dialect == "postgresql":

        def secs(later: str, earlier: str) -> str:
            return f"CAST(EXTRACT(EPOCH FROM ({later} - {earlier})) AS DOUBLE PRECISION)"

        def bin_(v: str) -> str:
            def log(x: str) -> str:
                return f"CAST(floor({BINS_PER_DOUBLING} * ln(1 + {x} / 60.0) / ln(2.0)) AS INTEGER)"

            return _bins(v, log)

        day = "CAST(t.created_at AT TIME ZONE 'UTC' AS DATE)"
        month = "CAST(date_trunc('month', t.created_at AT TIME ZONE 'UTC') AS DATE)"
        dq_day = "CAST(t.closed_at AT TIME ZONE 'UTC' AS DATE)"
        dq_month = "CAST(date_trunc('month', t.closed_at AT TIME ZONE 'UTC') AS DATE)"
        won = "(o.is_won IS TRUE)"
    else:

        def secs(later: str, earlier: str) -> str:
            return f"((julianday({later}) - julianday({earlier})) * 86400.0)"

        def bin_(v: str) -> str:
            def log(x: str) -> str:
                return f"CAST(floor({BINS_PER_DOUBLING} * log2(1 + {x} / 60.0)) AS INTEGER)"

            return _bins(v, log)

        day = "date(t.created_at)"
        month = "date(t.created_at, 'start of month')"
        dq_day = "date(t.closed_at)"
        dq_month = "date(t.closed_at, 'start of month')"
        won = "(o.id IS NOT NULL AND o.is_won = 1)"
    dq_columns = f", CASE WHEN {DQ} THEN {dq_day} END, CASE WHEN {DQ} THEN {dq_month} END"
    if not dq:
        dq_columns = ""
    touch = secs("t.first_touched_at", "t.created_at")
    to_opp = f"CASE WHEN o.id IS NOT NULL THEN {secs('o.created_at', 't.created_at')} END"
    to_won = f"CASE WHEN {won} THEN {secs('o.won_at', 't.created_at')} END"
    return f"""SELECT t.id, {day}, {month}, COALESCE(t.lead_source, ''),
        COALESCE(t.owner_id, 0), COALESCE(t.territory, ''), (o.id IS NOT NULL), {won},
        (t.reassignment_count > 0), t.disqualification_reason,
        {touch}, {bin_(touch)}, {to_opp}, {bin_(to_opp)}, {to_won}, {bin_(to_won)}{dq_columns}
      FROM tasks t LEFT JOIN opportunities o ON o.id = t.opportunity_id
      WHERE t.kind = 'lead'"""


def _bins(v: str, log: Any) -> str:
    """A wait's histogram bin: monotone in the wait, ``BINS_PER_DOUBLING`` per doubling
    of it past a minute, mirrored below 0 (a deal created before its lead task)."""
    return (
        f"CASE WHEN {v} IS NULL THEN NULL WHEN {v} < 0 THEN -1 - {log('-(' + v + ')')} "
        f"ELSE {log(v)} END"
    )


FACT_COLUMNS = (
    "task_id, day, month, lead_source, owner_id, territory, has_opp, won, reassigned, "
    "reason, touch_s, touch_bin, opp_s, opp_bin, won_s, won_bin, dq_day, dq_month"
)
# measure: (condition on the fact row, its bin, its label)
MEASURES = {
    "tasks": ("1 = 1", "0", "''"),
    "opps": ("f.has_opp", "0", "''"),
    "won": ("f.won", "0", "''"),
    "within": ("f.touch_s <= 86400", "0", "''"),
    "reassigned": ("f.reassigned", "0", "''"),
    "reason": ("f.reason IS NOT NULL", "0", "f.reason"),
    "touch": ("f.touch_bin IS NOT NULL", "f.touch_bin", "''"),
    "to_opp": ("f.opp_bin IS NOT NULL", "f.opp_bin", "''"),
    "to_won": ("f.won_bin IS NOT NULL", "f.won_bin", "''"),
    "dq": ("f.dq_day IS NOT NULL", "0", "f.reason"),
}
# a measure counted on another day than the task's creation: (day column, month column)
WHEN = {"dq": ("f.dq_day", "f.dq_month")}


def _contributions(where: str, without: tuple[str, ...] = ()) -> str:
    """What the fact rows matching ``where`` count, per rollup key (UNION ALL of GROUP BYs)."""
    parts = []
    for span, i in (("d", 0), ("m", 1)):
        for measure, (cond, bin_, label) in MEASURES.items():
            if measure in without:
                continue
            col = WHEN.get(measure, ("f.day", "f.month"))[i]
            group = [col, "f.lead_source", "f.owner_id", "f.territory"]
            group += [c for c in (bin_, label) if c.startswith("f.")]  # not constants
            parts.append(
                f"SELECT '{span}' AS span, {col} AS start, f.lead_source, f.owner_id, "
                f"f.territory, '{measure}' AS measure, {bin_} AS bin, {label} AS label, "
                f"COUNT(*) AS n FROM report_lead_facts f WHERE ({where}) AND {cond} "
                f"GROUP BY {', '.join(group)}"
            )
    return " UNION ALL ".join(parts)


def rebuild_all(conn: Connection, *, deals: bool = True) -> dict[str, Any]:
    """Every rollup recomputed (the migrations' backfill; a repair)."""
    sizes = {"leads": rebuild(conn, dq=deals), "revenue": revenue_rollup.rebuild(conn)}
    if deals:  # not at 0004, whose database has no deal rollup tables (nor V-4's) yet
        sizes["deals"] = deals_rollup.rebuild(conn)
    return sizes


def rebuild(conn: Connection, *, dq: bool = True) -> dict[str, int]:
    """Recompute the facts and counts from every lead task (backfill and repair).
    ``dq=False``: without V-4's columns (migration 0004, whose table has none yet)."""
    conn.exec_driver_sql("DELETE FROM report_lead_dirty")
    conn.exec_driver_sql("DELETE FROM report_lead_counts")
    conn.exec_driver_sql("DELETE FROM report_lead_facts")
    columns = FACT_COLUMNS if dq else FACT_COLUMNS.removesuffix(", dq_day, dq_month")
    select_ = _facts_select(conn.dialect.name, dq=dq)
    conn.exec_driver_sql(f"INSERT INTO report_lead_facts ({columns}) {select_}")
    contributions = _contributions("1 = 1", without=() if dq else ("dq",))
    conn.exec_driver_sql(f"INSERT INTO report_lead_counts ({', '.join(KEY)}, n) {contributions}")
    facts = conn.exec_driver_sql("SELECT COUNT(*) FROM report_lead_facts").scalar_one()
    counts = conn.exec_driver_sql("SELECT COUNT(*) FROM report_lead_counts").scalar_one()
    return {"facts": int(facts), "counts": int(counts)}


def pending(conn: Connection) -> bool:
    """Marked changes not yet in the counts (the reports then read the raw rows)."""
    return conn.exec_driver_sql("SELECT 1 FROM report_lead_dirty LIMIT 1").first() is not None


def refresh(conn: Connection) -> int:
    """Turn the marks into fact and count changes; returns how many tasks were redone."""
    if not pending(conn):
        return 0
    ids = sorted(
        r[0] for r in conn.exec_driver_sql("DELETE FROM report_lead_dirty RETURNING task_id")
    )
    for i in range(0, len(ids), CHUNK):
        _apply(conn, ids[i : i + CHUNK])
    return len(ids)


def _apply(conn: Connection, ids: list[int]) -> None:
    dialect = conn.dialect.name
    by_fact, in_ids = id_test(conn, "f.task_id")
    contributions = text(_contributions(by_fact)).bindparams(in_ids)
    delta: dict[tuple[Any, ...], int] = {}
    for row in conn.execute(contributions, {"ids": ids}):
        delta[tuple(row[:-1])] = delta.get(tuple(row[:-1]), 0) - int(row[-1])
    conn.execute(
        text(f"DELETE FROM report_lead_facts WHERE {id_test(conn, 'task_id')[0]}").bindparams(
            in_ids
        ),
        {"ids": ids},
    )
    conn.execute(
        text(
            f"INSERT INTO report_lead_facts ({FACT_COLUMNS}) {_facts_select(dialect)} "
            f"AND {id_test(conn, 't.id')[0]}"
        ).bindparams(in_ids),
        {"ids": ids},
    )
    for row in conn.execute(contributions, {"ids": ids}):
        delta[tuple(row[:-1])] = delta.get(tuple(row[:-1]), 0) + int(row[-1])
    _move(conn, ((k, n) for k, n in delta.items() if n))


def _move(conn: Connection, moves: Iterable[tuple[tuple[Any, ...], int]]) -> None:
    # in key order: concurrent commits lock the count rows in one order (no deadlock)
    rows = [dict(zip(KEY, key, strict=True), n=n) for key, n in sorted(moves)]
    if not rows:
        return
    cols = ", ".join(KEY)
    conn.execute(
        text(
            f"INSERT INTO report_lead_counts ({cols}, n) VALUES "
            f"({', '.join(':' + k for k in KEY)}, :n) ON CONFLICT ({cols}) "
            "DO UPDATE SET n = report_lead_counts.n + excluded.n"
        ),
        rows,
    )
    shrunk = [r for r in rows if r["n"] < 0]
    if shrunk:
        conn.execute(
            text(
                "DELETE FROM report_lead_counts WHERE n <= 0 AND "
                + " AND ".join(f"{k} = :{k}" for k in KEY)
            ),
            shrunk,
        )


# -- the commit hook ------------------------------------------------------------------


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    session.info[WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if not state.is_select:  # DML, ORM or Core or text(): the commit looks for marks
        state.session.info[WROTE] = True


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()
    wrote = session.info.pop(RAW_WROTE, False)  # raw writes (``core.fastsql``) as well
    if session.info.pop(WROTE, False) or wrote:
        conn = session.connection()
        if ready(conn):
            refresh(conn)
            revenue_rollup.refresh(conn)
            if deals_ready(conn):
                deals_rollup.refresh(conn)


_READY: weakref.WeakSet[Engine] = weakref.WeakSet()
_DEALS_READY: weakref.WeakSet[Engine] = weakref.WeakSet()


def ready(conn: Connection) -> bool:
    """The rollup tables exist (a database not yet at 0004_report_rollups has none)."""
    return _has_table(conn, "report_lead_dirty", _READY)


def deals_ready(conn: Connection) -> bool:
    """The deal rollup tables exist (a database not yet at 0005_deal_rollups has none)."""
    return _has_table(conn, "report_deal_dirty", _DEALS_READY)


def _has_table(conn: Connection, table: str, seen: weakref.WeakSet[Engine]) -> bool:
    """Whether ``table`` exists, remembered per engine once it does (asked on every commit)."""
    if conn.engine in seen:
        return True
    if conn.dialect.name == "postgresql":
        found = bool(conn.exec_driver_sql(f"SELECT to_regclass('{table}') IS NOT NULL").scalar())
    else:
        sql = f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
        found = conn.exec_driver_sql(sql).first() is not None
    if found:
        seen.add(conn.engine)
    return found
