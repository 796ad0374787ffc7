"""Export and restore (issue 19 item 6): ``salesops export DIR`` writes every object as
CSV (one file per table, a header of column names) plus ``manifest.json``; ``salesops
import salesops DIR`` loads it into an empty database of either backend, ids kept, so
counts and reports come out the same (SQLite → PostgreSQL included).

Streaming both ways: rows are read and written in batches. In the CSV, NULL is ``\\N``
(as PostgreSQL's COPY writes it), JSON columns are JSON text, timestamps ISO 8601 UTC.
Process state is left out: secrets, sign-in sessions and throttles, API tokens, jobs,
outbound deliveries, heartbeats and import jobs (a restored install makes its own).
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    Numeric,
    Table,
    func,
    select,
)
from sqlalchemy.engine import Connection

from salesops.core import clock
from salesops.core.db import Base, UTCDateTime
from salesops.core.errors import ValidationFailed
from salesops.playbook.runtime import Runtime
from salesops.reports import rollups

FORMAT = "salesops-export"
VERSION = 1
NULL = "\\N"
BATCH = 2000
LEFT_OUT = frozenset(
    {
        "installation_secrets",
        "web_sessions",
        "login_throttle",
        "api_tokens",
        "jobs",
        "deliveries",
        "heartbeats",
        "import_jobs",
        # derived: the report rollups are rebuilt from the restored rows (issue 18)
        "report_lead_facts",
        "report_lead_counts",
        "report_lead_dirty",
        "report_mrr_accounts",
        "report_mrr_counts",
        "report_mrr_dirty",
        "report_deal_facts",
        "report_deal_counts",
        "report_deal_dirty",
        "report_snap_facts",
        "report_snap_counts",
        "report_snap_meta",
    }
)
#: Tables that must be empty to restore (a fresh install has only its bootstrap rows).
RECORDS = ("users", "accounts", "contacts", "tasks", "opportunities", "activities", "decisions")


def tables() -> list[Table]:
    """Every table to carry over, parents first (the surface has loaded every domain's
    tables: ``salesops.tables.load_all``)."""
    if "accounts" not in Base.metadata.tables or "import_sources" not in Base.metadata.tables:
        raise RuntimeError("load every domain's tables first (salesops.tables.load_all)")
    return [t for t in Base.metadata.sorted_tables if t.name not in LEFT_OUT]


def _decoder(column: Any) -> Any:
    t = column.type
    if isinstance(t, JSON):
        return json.loads
    if isinstance(t, LargeBinary):
        return _bytes
    if isinstance(t, Boolean):
        return lambda s: s == "true"
    if isinstance(t, UTCDateTime | DateTime):
        return datetime.fromisoformat
    if isinstance(t, Date):
        return date.fromisoformat
    if isinstance(t, Numeric) and not isinstance(t, Integer):
        return Decimal
    if isinstance(t, Integer):
        return int
    return str


def _bytes(text: str) -> bytes:
    """A binary column's hex text (exports before this wrote the bytes as text: those
    are taken as UTF-8, which is what they held to survive that export)."""
    try:
        return bytes.fromhex(text)
    except ValueError:
        return text.encode("utf-8")


def _select_sql(table: Table, dialect: Any) -> str:
    """The table's rows as text in SQL, ordered by key, in the CSV's forms: NULL as
    ``\\N``, JSON as its text, booleans true/false, timestamps ISO 8601 with their UTC
    offset (SQLite keeps them naive), numbers and dates as the database writes them —
    so no value is decoded into Python and encoded again."""
    q = dialect.identifier_preparer.quote
    pg = dialect.name == "postgresql"
    exprs: list[str] = []
    for c in table.columns:
        col, t = q(c.name), c.type
        if isinstance(t, Boolean):
            e = f"CASE WHEN {col} THEN 'true' WHEN NOT {col} THEN 'false' END"
        elif isinstance(t, UTCDateTime | DateTime):
            if pg:
                e = f"""to_char({col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')"""
            else:  # stored naive ('YYYY-MM-DD HH:MM:SS.ffffff'); an offset kept if written
                e = (
                    f"CASE WHEN substr({col}, 20) GLOB '*[+Z-]*' THEN replace({col}, ' ', 'T') "
                    f"ELSE replace({col}, ' ', 'T') || '+00:00' END"
                )
        elif isinstance(t, Date) and pg:
            e = f"to_char({col}, 'YYYY-MM-DD')"
        elif isinstance(t, LargeBinary):  # raw bytes (gzip, NUL): as hex, both ways
            hexed = f"encode({col}, 'hex')" if pg else f"lower(hex({col}))"
            e = f"CASE WHEN {col} IS NOT NULL THEN {hexed} END"  # SQLite: hex(NULL) = ''"
        else:
            e = f"CAST({col} AS TEXT)"
        exprs.append(e if pg else f"coalesce({e}, '\\N')")
    order = ", ".join(q(c.name) for c in table.primary_key.columns)
    return f"SELECT {', '.join(exprs)} FROM {q(table.name)} ORDER BY {order}"


def _write_rows(conn: Connection, table: Table, f: Any) -> int:
    """Stream the table's rows into ``f`` (after its header): PostgreSQL's ``COPY … TO
    STDOUT`` in CSV, SQLite's cursor in chunks through ``csv.writer`` (no ORM, no
    per-value Python); returns how many."""
    sql = _select_sql(table, conn.dialect)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    if conn.dialect.name == "postgresql":
        f.flush()
        out = f.buffer if hasattr(f, "buffer") else f
        pg_cur: Any = raw.cursor()  # psycopg 3
        with pg_cur:
            with pg_cur.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, NULL '\\N')") as cp:
                for data in cp:
                    out.write(data)
            return int(pg_cur.rowcount)  # COPY's count (read before the cursor closes)
    w = csv.writer(f, lineterminator="\n")
    cur = raw.cursor()
    n = 0
    try:
        cur.execute(sql)
        while rows := cur.fetchmany(BATCH):
            w.writerows(rows)
            n += len(rows)
    finally:
        cur.close()
    return n


def export(rt: Runtime, folder: Path) -> dict[str, Any]:
    """Write every table's rows (ids kept) and the manifest; returns the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": clock.now().isoformat(),
        "backend": rt.db.backend,
        "tables": [],
        "counts": {},
    }
    with rt.db.engine.connect() as conn:
        for table in tables():
            cols = [c.name for c in table.columns]
            path = folder / f"{table.name}.csv"
            with path.open("w", newline="", encoding="utf-8") as f:
                csv.writer(f, lineterminator="\n").writerow(cols)
                n = _write_rows(conn, table, f)
            manifest["tables"].append(
                {"name": table.name, "file": path.name, "columns": cols, "rows": n}
            )
            manifest["counts"][table.name] = n
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / "manifest.json"
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationFailed(f"{path}: not a salesops export ({exc})", field="folder") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise ValidationFailed(
            f"{path}: not a salesops export of version {VERSION}", field="folder"
        )
    return manifest


def restore(rt: Runtime, folder: Path) -> dict[str, int]:
    """Load an export into an empty database (its bootstrap rows — the default playbook,
    territories — are replaced by the export's); returns the rows restored per table."""
    manifest = _read_manifest(folder)
    known = {t.name: t for t in tables()}
    listed = [e for e in manifest["tables"] if e["name"] in known]
    counts: dict[str, int] = {}
    with rt.db.engine.begin() as conn:
        for name in RECORDS:
            if name in known and conn.scalar(select(func.count()).select_from(known[name])):
                raise ValidationFailed(
                    f"the database is not empty ({name} has rows): restore into a new database",
                    field="database",
                )
        for entry in reversed(listed):  # bootstrap rows out, children first
            conn.execute(known[entry["name"]].delete())
        for entry in listed:
            table = known[entry["name"]]
            counts[table.name] = _load(conn, table, folder / entry["file"])
            if counts[table.name] != entry["rows"]:
                raise ValidationFailed(
                    f"{entry['file']}: {counts[table.name]} rows, "
                    f"the manifest says {entry['rows']}",
                    field="folder",
                )
        if conn.dialect.name == "postgresql":
            for table in known.values():
                pk = list(table.primary_key.columns)
                if len(pk) == 1 and isinstance(pk[0].type, Integer) and pk[0].autoincrement:
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                        f"coalesce(max({pk[0].name}), 1), max({pk[0].name}) IS NOT NULL) "
                        f"FROM {table.name}"
                    )
        rollups.rebuild_all(conn)  # the report rollups, from the restored rows
    rt.playbooks.invalidate()  # the restored versions are the current ones now
    return counts


def _load(conn: Connection, table: Table, path: Path) -> int:
    try:
        f = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise ValidationFailed(f"{path}: {exc}", field="folder") from exc
    n = 0
    with f:
        reader = csv.reader(f)
        header = next(reader, None) or []
        cols = [table.columns[h] for h in header if h in table.columns]
        if len(cols) != len(header):
            unknown = [h for h in header if h not in table.columns]
            raise ValidationFailed(f"{path.name}: unknown columns {unknown}", field="folder")
        decode = [_decoder(c) for c in cols]
        batch: list[dict[str, Any]] = []
        for row in reader:
            batch.append(
                {
                    c.key: (None if raw == NULL else fn(raw))
                    for c, fn, raw in zip(cols, decode, row, strict=True)
                }
            )
            if len(batch) >= BATCH:
                conn.execute(table.insert(), batch)
                n += len(batch)
                batch = []
        if batch:
            conn.execute(table.insert(), batch)
            n += len(batch)
    return n
