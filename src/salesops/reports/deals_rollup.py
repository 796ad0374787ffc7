"""Keeping the deal reports' rollups (``deal_rollup_models``) true on every write (issue 18).

Database triggers on ``opportunities``, ``opportunity_snapshots`` and ``accounts`` (a
territory move) mark the opportunities a write changed in ``report_deal_dirty`` —
whatever the path (ORM, bulk UPDATE, imports, raw SQL). Before a unit of work commits,
``rollups``' hook calls ``refresh``: in the same transaction it rewrites those
opportunities' fact rows (now and per snapshot) and moves the counts by the difference
between what the old rows and the new rows contribute (set-based: one query of
contributions per chunk). ``rebuild`` recomputes everything (backfill, repair).

Month checkpoints (``span`` ``c``) exist up to ``report_snap_meta.through``, the month
of the latest snapshot change; a change in a later month first rolls the checkpoints
forward (the last checkpoint plus the day changes since), a backdated change moves every
checkpoint after it. Writers take the meta row's lock first (one order: no deadlock).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.sql.elements import TextClause

from salesops.core.db import UTCDateTime
from salesops.reports.deal_rollup_models import KEY, NO_CLOSE, SUM
from salesops.reports.deal_triggers import install, uninstall

CHUNK = 2000
__all__ = ["install", "pending", "rebuild", "refresh", "uninstall"]
KEYS = ", ".join(KEY)
Sums = list[Any]  # [n, arr, weighted]


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def moment(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


# -- facts ----------------------------------------------------------------------------


def _month(dialect: str, col: str) -> str:
    if dialect == "postgresql":
        return f"COALESCE(CAST(date_trunc('month', {col}) AS DATE), DATE '{NO_CLOSE}')"
    return f"COALESCE(date({col}, 'start of month'), '{NO_CLOSE}')"


def _day(dialect: str, col: str) -> str:
    if dialect == "postgresql":
        return f"CAST({col} AT TIME ZONE 'UTC' AS DATE)"
    return f"date({col})"


def _key_select(dialect: str, d: str) -> str:
    """The key of a deal state ``d`` (an opportunity or a snapshot of ``o``), account ``a``."""
    return (
        f"{_month(dialect, d + '.close_date')}, COALESCE({d}.forecast_category, ''), "
        f"COALESCE({d}.owner_id, 0), COALESCE(a.territory, ''), COALESCE(o.lead_source, ''), "
        f"{d}.pipeline, {d}.stage, {d}.probability"
    )


def _finite(amount: str) -> str:
    """An amount as the rollups count it: NaN, infinity or out of range (written before
    the checks or by hand, issue 16 item 6) counts 0, so one bad row can neither poison
    its group's sums for good (NaN + x) nor break a later write (∞ − ∞)."""
    return f"CASE WHEN {amount} BETWEEN -1e12 AND 1e12 THEN {amount} ELSE 0 END"


def _deal_facts(dialect: str, where: str) -> str:
    return (
        f"INSERT INTO report_deal_facts (opportunity_id, {KEYS}, amount) "
        f"SELECT o.id, {_key_select(dialect, 'o')}, {_finite('o.amount')} FROM opportunities o "
        f"JOIN accounts a ON a.id = o.account_id WHERE {where}"
    )


def _snap_facts(dialect: str, where: str) -> str:
    return (
        "INSERT INTO report_snap_facts (snapshot_id, opportunity_id, valid_from, valid_to, "
        f"{KEYS}, amount) SELECT s.id, s.opportunity_id, s.valid_from, s.valid_to, "
        f"{_key_select(dialect, 's')}, {_finite('s.amount')} FROM opportunity_snapshots s "
        "JOIN opportunities o ON o.id = s.opportunity_id "
        f"JOIN accounts a ON a.id = o.account_id WHERE {where}"
    )


# -- contributions --------------------------------------------------------------------


def _deal_contributions(where: str) -> str:
    return (
        f"SELECT {KEYS}, COUNT(*), SUM(amount), SUM(amount * probability) "
        f"FROM report_deal_facts WHERE {where} GROUP BY {KEYS}"
    )


def _day_contributions(dialect: str, where: str) -> str:
    starts = (
        f"SELECT {_day(dialect, 'valid_from')} AS start, {KEYS}, 1 AS n, amount AS arr, "
        f"amount * probability AS w FROM report_snap_facts WHERE {where}"
    )
    ends = (
        f"SELECT {_day(dialect, 'valid_to')} AS start, {KEYS}, -1 AS n, -amount AS arr, "
        f"-amount * probability AS w FROM report_snap_facts "
        f"WHERE valid_to IS NOT NULL AND ({where})"
    )
    return (
        f"SELECT 'd', start, {KEYS}, SUM(n), SUM(arr), SUM(w) FROM ({starts} UNION ALL "
        f"{ends}) e GROUP BY start, {KEYS}"
    )


def _months_between(first: date, last: date) -> list[date]:
    out = []
    while first <= last:
        out.append(first)
        first = next_month(first)
    return out


def _checkpoint_contributions(where: str, months: list[date], into: str = "") -> TextClause | None:
    """The month checkpoints' counts of the facts matching ``where``: each fact counts in
    every checkpoint it is valid at (started before the month, not ended before it)."""
    if not months:
        return None
    parts = " UNION ALL ".join(f"SELECT :m{i} AS m, :t{i} AS t" for i in range(len(months)))
    sql = text(
        f"{into}SELECT 'c', mm.m, {', '.join('f.' + k for k in KEY)}, COUNT(*), SUM(f.amount), "
        f"SUM(f.amount * f.probability) FROM report_snap_facts f JOIN ({parts}) mm "
        "ON f.valid_from < mm.t AND (f.valid_to IS NULL OR f.valid_to >= mm.t) "
        f"WHERE {where} GROUP BY mm.m, {', '.join('f.' + k for k in KEY)}"
    )
    binds = []
    for i, m in enumerate(months):
        binds += [bindparam(f"m{i}", m), bindparam(f"t{i}", moment(m), type_=UTCDateTime())]
    return sql.bindparams(*binds)


def _add(total: dict[tuple[Any, ...], Sums], rows: Iterable[Any], sign: int, width: int) -> None:
    for row in rows:
        key = tuple(_norm(v) for v in row[:width])
        sums = total.setdefault(key, [0, Decimal(0), Decimal(0)])
        sums[0] += sign * int(row[width])
        sums[1] += sign * _dec(row[width + 1])
        sums[2] += sign * _dec(row[width + 2])


def _norm(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) and _is_day(value) else value


def _is_day(value: str) -> bool:
    return len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit()


def _dec(value: Any) -> Decimal:
    if value is None:
        return Decimal(0)
    amount = value if isinstance(value, Decimal) else Decimal(repr(value))
    return amount.quantize(Decimal("0.01")) if amount.is_finite() else amount


def _zero(sums: Sums) -> bool:
    return all(v == 0 for v in sums)


def _move(conn: Connection, table: str, key: tuple[str, ...], delta: dict[Any, Sums]) -> None:
    # in key order: concurrent commits lock the count rows in one order (no deadlock)
    rows = [
        dict(zip(key, k, strict=True), n=s[0], arr=s[1], w=s[2])
        for k, s in sorted(delta.items(), key=lambda kv: tuple(map(str, kv[0])))
        if not _zero(s)
    ]
    if not rows:
        return
    cols = ", ".join(key)
    conn.execute(
        text(
            f"INSERT INTO {table} ({cols}, n, arr, weighted) VALUES "
            f"({', '.join(':' + k for k in key)}, :n, :arr, :w) ON CONFLICT ({cols}) "
            f"DO UPDATE SET n = {table}.n + excluded.n, arr = {table}.arr + excluded.arr, "
            f"weighted = {table}.weighted + excluded.weighted"
        ).bindparams(bindparam("arr", type_=SUM), bindparam("w", type_=SUM)),
        rows,
    )
    conn.execute(
        text(
            f"DELETE FROM {table} WHERE n = 0 AND arr = 0 AND weighted = 0 AND "
            + " AND ".join(f"{k} = :{k}" for k in key)
        ),
        [{k: r[k] for k in key} for r in rows],
    )


# -- the month checkpoints' horizon ---------------------------------------------------


def _through(conn: Connection, *, lock: bool) -> date | None:
    sql = "SELECT through FROM report_snap_meta WHERE id = 1"
    if lock and conn.dialect.name == "postgresql":
        sql += " FOR UPDATE"
    row = conn.exec_driver_sql(sql).first()
    if row is None:
        conn.exec_driver_sql("INSERT INTO report_snap_meta (id, through) VALUES (1, NULL)")
        return None
    through = _norm(row[0])
    return through if isinstance(through, date) else None


def _latest_month(conn: Connection, ids: list[int]) -> date | None:
    """The month of the latest change (start or end) of these deals' snapshots."""
    found = conn.execute(
        _q(
            "SELECT MAX(valid_from), MAX(valid_to) FROM opportunity_snapshots "
            "WHERE opportunity_id IN :ids",
            conn.dialect.name,
        ),
        {"ids": ids},
    ).first()
    moments = [_when(v) for v in found or () if v is not None]
    return max(moments).date().replace(day=1) if moments else None


def _when(value: Any) -> datetime:
    """A stored UTC moment (PostgreSQL: aware; SQLite: naive text) as an aware datetime."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


_IN_IDS = re.compile(r"(\S+) IN :ids")


def _q(sql: str, dialect: str = "sqlite") -> TextClause:
    """``sql`` with ``:ids`` bound when it names one: on PostgreSQL ``= ANY(:ids)``, one
    array parameter (an expanded IN of 2,000 parameters costs the driver and the server
    more to parse than the statement's work, and psycopg caches no such long text; see
    ``common.id_test``); elsewhere an expanding ``IN`` list."""
    if dialect == "postgresql":
        sql = _IN_IDS.sub(r"\1 = ANY(:ids)", sql)
    stmt = text(sql)
    if ":ids" not in sql:
        return stmt
    return stmt.bindparams(bindparam("ids", expanding=dialect != "postgresql"))


def _advance(conn: Connection, through: date | None, to: date) -> date:
    """Checkpoints for the months after ``through`` up to ``to``: the last one plus the
    day changes since (what the counts hold now)."""
    if through is not None and to <= through:
        return through
    for m in _months_between(next_month(through), to) if through is not None else []:
        conn.execute(
            text(
                f"INSERT INTO report_snap_counts (span, start, {KEYS}, n, arr, weighted) "
                f"SELECT 'c', :m, {KEYS}, SUM(n), SUM(arr), SUM(weighted) "
                "FROM report_snap_counts WHERE (span = 'c' AND start = :c) "
                "OR (span = 'd' AND start >= :c AND start < :m) "
                f"GROUP BY {KEYS} HAVING SUM(n) <> 0 OR SUM(arr) <> 0 OR SUM(weighted) <> 0"
            ),
            {"m": m, "c": through},
        )
    conn.execute(text("UPDATE report_snap_meta SET through = :t WHERE id = 1"), {"t": to})
    return to


def _snap_delta(
    conn: Connection, where: str, params: dict[str, Any], through: date | None
) -> dict[Any, Sums]:
    """What the snapshot facts matching ``where`` contribute (day changes, checkpoints)."""
    total: dict[Any, Sums] = {}
    width = 2 + len(KEY)
    dialect = conn.dialect.name
    _add(total, conn.execute(_q(_day_contributions(dialect, where), dialect), params), 1, width)
    if through is None:
        return total
    first = conn.execute(
        _q(f"SELECT MIN(valid_from) FROM report_snap_facts WHERE {where}", dialect), params
    ).scalar()
    if first is None:
        return total
    start = next_month(_when(first).date().replace(day=1))
    if dialect == "postgresql":
        where = _IN_IDS.sub(r"\1 = ANY(:ids)", where)
    query = _checkpoint_contributions(where, _months_between(start, through))
    if query is not None:
        if ":ids" in where:
            query = query.bindparams(bindparam("ids", expanding=dialect != "postgresql"))
        _add(total, conn.execute(query, params), 1, width)
    return total


def _merge(into: dict[Any, Sums], other: dict[Any, Sums], sign: int) -> None:
    for k, s in other.items():
        sums = into.setdefault(k, [0, Decimal(0), Decimal(0)])
        for i in range(3):
            sums[i] += sign * s[i]


# -- refresh and rebuild --------------------------------------------------------------


def pending(conn: Connection) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM report_deal_dirty LIMIT 1").first() is not None


def refresh(conn: Connection) -> int:
    """Turn the marks into fact and count changes; returns how many deals were redone."""
    if not pending(conn):
        return 0
    through = _through(conn, lock=True)
    taken = conn.exec_driver_sql("DELETE FROM report_deal_dirty RETURNING opportunity_id")
    ids = sorted(r[0] for r in taken)
    for i in range(0, len(ids), CHUNK):
        through = _apply(conn, ids[i : i + CHUNK], through)
    return len(ids)


def _apply(conn: Connection, ids: list[int], through: date | None) -> date | None:
    dialect = conn.dialect.name
    params = {"ids": ids}

    def run(sql: str) -> Any:
        return conn.execute(_q(sql, dialect), params)

    # now
    delta: dict[Any, Sums] = {}
    _add(delta, run(_deal_contributions("opportunity_id IN :ids")), -1, len(KEY))
    run("DELETE FROM report_deal_facts WHERE opportunity_id IN :ids")
    run(_deal_facts(dialect, "o.id IN :ids"))
    _add(delta, run(_deal_contributions("opportunity_id IN :ids")), 1, len(KEY))
    _move(conn, "report_deal_counts", KEY, delta)
    # as of: first the checkpoints up to the month of the latest change, then the move
    latest = _latest_month(conn, ids)
    if latest is not None:
        through = _advance(conn, through, latest)
    where = "opportunity_id IN :ids"
    snap: dict[Any, Sums] = {}
    _merge(snap, _snap_delta(conn, where, params, through), -1)
    run("DELETE FROM report_snap_facts WHERE opportunity_id IN :ids")
    run(_snap_facts(dialect, "s.opportunity_id IN :ids"))
    _merge(snap, _snap_delta(conn, where, params, through), 1)
    _move(conn, "report_snap_counts", ("span", "start", *KEY), snap)
    return through


def rebuild(conn: Connection) -> dict[str, int]:
    """Recompute every fact and count (the migration's backfill, and a repair)."""
    dialect = conn.dialect.name
    kept = _through(conn, lock=False)  # never moved back: the kept counts' horizon
    for table in (
        "report_deal_dirty",
        "report_deal_counts",
        "report_deal_facts",
        "report_snap_counts",
        "report_snap_facts",
        "report_snap_meta",
    ):
        conn.exec_driver_sql(f"DELETE FROM {table}")
    conn.exec_driver_sql(_deal_facts(dialect, "1 = 1"))
    conn.exec_driver_sql(
        f"INSERT INTO report_deal_counts ({KEYS}, n, arr, weighted) " + _deal_contributions("1 = 1")
    )
    conn.exec_driver_sql(_snap_facts(dialect, "1 = 1"))
    found = conn.exec_driver_sql(
        "SELECT MAX(valid_from), MAX(valid_to) FROM report_snap_facts"
    ).first()
    moments = [_when(v) for v in found or () if v is not None]
    through = max(moments).date().replace(day=1) if moments else None
    if kept is not None and (through is None or kept > through):
        through = kept
    conn.execute(text("INSERT INTO report_snap_meta (id, through) VALUES (1, :t)"), {"t": through})
    into = f"INSERT INTO report_snap_counts (span, start, {KEYS}, n, arr, weighted) "
    conn.exec_driver_sql(into + _day_contributions(dialect, "1 = 1"))
    first = conn.exec_driver_sql("SELECT MIN(valid_from) FROM report_snap_facts").scalar()
    if through is not None and first is not None:
        months = _months_between(next_month(_when(first).date().replace(day=1)), through)
        query = _checkpoint_contributions("1 = 1", months, into)
        if query is not None:
            conn.execute(query)
    sizes = {}
    for table in ("report_deal_counts", "report_snap_facts", "report_snap_counts"):
        sizes[table] = int(conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one())
    return sizes
