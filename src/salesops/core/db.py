"""Engine, sessions and the unit of work (STYLE habits 4 and 7).

The entrypoint — an HTTP route, a CLI command, a worker job — owns the
transaction: it opens ``unit_of_work()``, calls services (which ``flush()`` but
never commit), and the block commits on success or rolls back on error.

SQLite runs in WAL mode with foreign keys on, and write transactions start with
``BEGIN IMMEDIATE`` so concurrent writers queue on the database lock instead of
failing on a lock upgrade: on SQLite writers are serialised, on PostgreSQL
concurrency is handled by row locks and conditional UPDATEs.
"""

from __future__ import annotations

from collections.abc import Iterator
import threading
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
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


def make_engine(url: str, *, pool: bool = True, echo: bool = False) -> Engine:
    url = normalise_db_url(url)
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
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
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        readonly = conn.get_execution_options().get("salesops_readonly", False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


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

    def dispose(self) -> None:
        self.engine.dispose()
