"""Engine, sessions and the unit of work (STYLE habits 4 and 7).

The entrypoint — an HTTP route, a CLI command, a worker job — owns the
transaction: it opens ``unit_of_work()``, calls services (which ``flush()`` but
never commit), and the block commits on success or rolls back on error.

SQLite runs in WAL mode with foreign keys on, and write transactions start with
``BEGIN IMMEDIATE`` so concurrent writers queue on the database lock instead of
failing on a lock upgrade: on SQLite writers are serialised, on PostgreSQL
concurrency is handled by row locks and conditional UPDATEs.

Hot paths write through ``core.fastsql`` (raw multi-row statements) in the same unit
of work; everything else uses the ORM.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    MetaData,
    create_engine,
    event,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import (
    DeclarativeBase,
    Session,
    sessionmaker,
)
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator

from salesops.core.config import normalise_db_url

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both backends (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONType = JSON().with_variant(JSONB(), "postgresql")


class RawJSON(str):
    """JSON text already encoded by ``json_dumps`` (a hot path memoising the encoding of
    values it writes many times): the JSON columns' serializer writes it as it is."""


def json_dumps(value: Any) -> str:
    """The JSON columns' serializer: dates as ISO 8601, sets as lists, other objects as
    text — what ``audit._jsonable`` makes of decision inputs, without a walk first."""
    if type(value) is RawJSON:
        return str(value)
    if not value and isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"  # most JSON columns, most rows
    try:
        return _ENCODER.encode(value)
    except TypeError:  # e.g. a dict key json cannot take
        return _ENCODER.encode(_plain(value))


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return list(value)
    return str(value)


# One encoder for every call: json.dumps(default=...) builds a new one each time.
_ENCODER = json.JSONEncoder(default=_json_default)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def make_engine(url: str, *, pool: bool = True, echo: bool = False) -> Engine:
    url = normalise_db_url(url)
    kwargs: dict[str, Any] = {"echo": echo, "future": True, "json_serializer": json_dumps}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    if not pool:
        kwargs["poolclass"] = NullPool
    else:
        kwargs.update(pool_size=10, max_overflow=20, pool_pre_ping=True)
    return create_engine(url, **kwargs)


# SQLite WAL: the committing connection checkpoints when the WAL passes this many pages
# (default 1000), while this process still holds its write lock — a stall of several ms
# for every writer queued behind it. Instead, every CHECKPOINT_EVERY write units one
# PASSIVE checkpoint runs after the lock is released, concurrently with the next writer.
AUTOCHECKPOINT_PAGES = 20000
CHECKPOINT_EVERY = 200


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN itself.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        # Checkpoints run outside the write lock (Database.unit_of_work); this is only the
        # safety net for processes that write without units of work.
        cur.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        readonly = conn.get_execution_options().get("salesops_readonly", False)
        if readonly:
            conn.exec_driver_sql("BEGIN")
            return
        _begin_immediate(conn.connection.driver_connection)


def _begin_immediate(raw: Any) -> None:
    """BEGIN IMMEDIATE, waiting for another process's write lock in short steps.

    SQLite's own busy handler backs off to sleeps of 25–100 ms, so a writer that
    just missed the lock idles long after it was freed (the API beside a worker
    would wait hundreds of ms). Here the wait polls every 0.5 ms, up to the same
    30 s as ``busy_timeout``."""
    deadline = time.monotonic() + 30
    raw.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.0005)
    finally:
        raw.execute("PRAGMA busy_timeout=30000")


class Database:
    """One engine and its session factory; created once per process."""

    def __init__(self, url: str, *, pool: bool = True, echo: bool = False) -> None:
        self.url = normalise_db_url(url)
        self.engine = make_engine(self.url, pool=pool, echo=echo)
        self.backend = self.engine.dialect.name  # "sqlite" | "postgresql"
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            bind=self.engine.execution_options(salesops_readonly=True),
            expire_on_commit=False,
        )
        # SQLite has one writer at a time. Queue this process's writers on a lock
        # instead of letting them collide on the database lock, whose busy handler
        # sleeps in growing steps and turns contention into long latency tails.
        # Other processes are still serialised by BEGIN IMMEDIATE + busy_timeout.
        self._write_lock = threading.RLock() if self.backend == "sqlite" else None
        self._writes = 0
        self._checkpointing = threading.Event()
        self._file_db = self.backend == "sqlite" and self.engine.url.database not in (
            None,
            "",
            ":memory:",
        )

    @contextmanager
    def unit_of_work(self, *, readonly: bool = False, **info: Any) -> Iterator[Session]:
        """A session whose work commits when the block ends cleanly and rolls back otherwise."""
        factory = self._read_sessions if readonly else self._sessions
        lock = self._write_lock if (self._write_lock is not None and not readonly) else None
        with lock if lock is not None else nullcontext():
            session = factory()
            session.info.update(info)
            session.info["backend"] = self.backend
            try:
                yield session
                if not readonly:
                    session.commit()
                # A read-only unit ends by close(): objects stay loaded (rollback would
                # expire them) and the pool rolls the connection back.
            except BaseException:
                session.rollback()
                raise
            finally:
                session.close()
        if lock is not None and self._file_db:
            self._writes += 1  # under the GIL; an occasional miscount is harmless
            if self._writes % CHECKPOINT_EVERY == 0 and not self._checkpointing.is_set():
                # In its own thread: the unit of work that crossed the mark (intake's
                # group commit, whose requests await it) must not wait for the copy.
                self._checkpointing.set()
                threading.Thread(target=self._checkpoint_once, daemon=True).start()

    def _checkpoint_once(self) -> None:
        try:
            self.checkpoint()
        finally:
            self._checkpointing.clear()

    def checkpoint(self) -> None:
        """SQLite: copy the WAL back into the database file (PASSIVE: never waits for or
        blocks readers and writers); a failure is left to the next attempt."""
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - best effort, the WAL stays valid
            pass
        finally:
            raw.close()

    def dispose(self) -> None:
        self.engine.dispose()
