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
from collections.abc import Iterator
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
    Numeric,
    Table,
    Text,
    cast,
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


def _text(v: Any) -> str:
    return NULL if v is None else str(v)


def _flag(v: Any) -> str:
    return NULL if v is None else ("true" if v else "false")


def _iso(v: Any) -> str:
    return NULL if v is None else v.isoformat()


def _columns(table: Table) -> tuple[list[Any], list[Any]]:
    """What to select per column, and how to write it: JSON comes out as its text (no
    decoding and encoding again), booleans as true/false, times as ISO 8601."""
    exprs: list[Any] = []
    encoders: list[Any] = []
    for c in table.columns:
        t = c.type
        if isinstance(t, JSON):
            exprs.append(cast(c, Text).label(c.name))
            encoders.append(_text)
            continue
        exprs.append(c)
        if isinstance(t, Boolean):
            encoders.append(_flag)
        elif isinstance(t, UTCDateTime | DateTime | Date):
            encoders.append(_iso)
        else:
            encoders.append(_text)
    return exprs, encoders


def _decoder(column: Any) -> Any:
    t = column.type
    if isinstance(t, JSON):
        return json.loads
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


def _rows(conn: Connection, table: Table, exprs: list[Any]) -> Iterator[Any]:
    order = list(table.primary_key.columns)
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(
        select(*exprs).order_by(*order)
    )
    yield from result


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
            cols = list(table.columns)
            exprs, encoders = _columns(table)
            path = folder / f"{table.name}.csv"
            n = 0
            with path.open("w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow([c.name for c in cols])
                for row in _rows(conn, table, exprs):
                    w.writerow([enc(v) for enc, v in zip(encoders, row, strict=True)])
                    n += 1
            manifest["tables"].append(
                {
                    "name": table.name,
                    "file": path.name,
                    "columns": [c.name for c in cols],
                    "rows": n,
                }
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
