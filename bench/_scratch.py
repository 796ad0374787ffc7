"""Scratch databases for the benchmarks: a temp SQLite file, and a PostgreSQL database
created for the run and dropped after it (when a server URL is given)."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from salesops.core.config import normalise_db_url


def each_database(pg: str | None, *, sqlite: bool = True, name: str) -> Iterator[tuple[str, str]]:
    """Yield ``(label, url)`` per backend; each database lives until the loop moves on."""
    if sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            yield "sqlite", f"sqlite:///{Path(tmp) / f'{name}.db'}"
    if not pg:
        print("postgresql: skipped (pass --pg URL or set SALESOPS_TEST_DATABASE_URL)")
        return
    base = sa.engine.make_url(normalise_db_url(pg))
    db_name = f"salesops_bench_{name}_{secrets.token_hex(3)}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{db_name}"')
    try:
        yield "postgresql", base.set(database=db_name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        admin.dispose()
