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

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    MetaData,
    create_engine,
    event,
    inspect,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import (
    ColumnProperty,
    DeclarativeBase,
    Session,
    make_transient_to_detached,
    sessionmaker,
)
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator

from salesops.core.config import normalise_db_url

T = TypeVar("T")

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


def json_dumps(value: Any) -> str:
    """The JSON columns' serializer: dates as ISO 8601, sets as lists, other objects as
    text — what ``audit._jsonable`` makes of decision inputs, without a walk first."""
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


def insert_object(session: Session, obj: Any, *, on_conflict: tuple[str, ...] = ()) -> bool:
    """INSERT one new ORM object (``insert_objects`` of one); True unless the key was taken."""
    return insert_objects(session, [obj], on_conflict=on_conflict)[0]


def insert_objects(
    session: Session, objs: Sequence[Any], *, on_conflict: tuple[str, ...] = ()
) -> list[bool]:
    """INSERT new ORM objects of one class (one multi-row INSERT … RETURNING on both
    backends) and attach them as persistent.

    For hot paths (intake): a unit-of-work flush costs several times the statement
    (``insert_rows`` runs it). Unset columns get their Python-side defaults, so the
    attached objects are fully loaded (no lazy SELECT later). With ``on_conflict``
    (the columns of a unique key) the INSERT is ``ON CONFLICT DO NOTHING``: an object
    whose key is already there (or committed by a concurrent transaction meanwhile,
    or earlier in ``objs``) is left transient and gets False; the others get True.
    ``pending_to_persistent`` listeners run as after a flush.
    """
    return insert_objects_later(session, objs, on_conflict=on_conflict)()


def insert_objects_later(
    session: Session, objs: Sequence[Any], *, on_conflict: tuple[str, ...] = ()
) -> Callable[[], list[bool]]:
    """``insert_objects``, its outcome taken later: inside ``pipelined`` the INSERT goes
    with the block's other statements (one round trip to PostgreSQL); call the result
    after the block to attach the objects and get the list ``insert_objects`` returns."""
    if not objs:
        return list
    mapper = inspect(type(objs[0]))
    pk = mapper.local_table.primary_key.columns[0]
    ids = insert_rows_later(session, mapper.local_table, object_rows(objs), on_conflict=on_conflict)
    pk_key = mapper.get_property_by_column(pk).key

    def attach() -> list[bool]:
        new_ids = ids()
        for obj, new_id in zip(objs, new_ids, strict=True):
            if new_id is None:
                continue
            obj.__dict__[pk_key] = new_id
            make_transient_to_detached(obj)  # it is in the database: attach it as persistent
            session.add(obj)
            session.dispatch.pending_to_persistent(session, inspect(obj))
        return [new_id is not None for new_id in new_ids]

    return attach


def object_rows(objs: Sequence[Any]) -> list[dict[str, Any]]:
    """New ORM objects' INSERT values for ``insert_rows`` (their primary key left to the
    database); unset columns get (and are set to) their Python-side defaults."""
    if not objs:
        return []
    mapper = inspect(type(objs[0]))
    pk = mapper.local_table.primary_key.columns[0]
    return [_column_values(mapper, pk, obj) for obj in objs]


def insert_rows(
    session: Session,
    table: Any,
    rows: Sequence[dict[str, Any]],
    *,
    on_conflict: tuple[str, ...] = (),
    autoflush: bool = True,
    returning: bool = True,
) -> list[Any]:
    """INSERT plain rows (dicts with the same keys, Python values) into ``table`` in the
    session's transaction: one multi-row INSERT … RETURNING per 500 rows. Returns each
    row's new primary key, or None where ``on_conflict`` (a unique key's columns, as
    ``insert_objects``) found the key taken.

    The SQL text is built once per shape (``_InsertShape``) and the values go to the
    driver through the columns' own bind processors: SQLAlchemy's per-statement and
    per-row machinery costs more than SQLite takes to run the statement. Columns
    NULL in every row are left out (no column has a server default). ``autoflush``
    writes pending ORM changes first, as ``session.execute`` would. Without
    ``returning`` nothing is read back (it returns ``[]``): inside ``pipelined`` such
    INSERTs share one round trip to PostgreSQL."""
    if not rows:
        return []
    if not returning:
        _insert(session, table, rows, on_conflict, autoflush=autoflush, returning=False)
        return []
    return insert_rows_later(session, table, rows, on_conflict=on_conflict, autoflush=autoflush)()


def insert_rows_later(
    session: Session,
    table: Any,
    rows: Sequence[dict[str, Any]],
    *,
    on_conflict: tuple[str, ...] = (),
    autoflush: bool = True,
) -> Callable[[], list[Any]]:
    """``insert_rows`` (returning the new keys), its outcome taken later: inside
    ``pipelined`` the INSERT goes with the block's other statements; call the result
    after the block for the keys."""
    if not rows:
        return list
    pk = table.primary_key.columns[0].name
    cols, dialect, sent = _insert(session, table, rows, on_conflict, autoflush=autoflush)

    def new_ids() -> list[Any]:
        out: list[Any] = []
        for chunk, later in sent:
            result = later.rows()
            if on_conflict:
                by_key = {tuple(r[1:]): r[0] for r in result}
                out += [by_key.pop(tuple(row[c] for c in on_conflict), None) for row in chunk]
            elif pk in cols:  # the rows name their keys
                out += [row[pk] for row in chunk]
            else:
                # Ids come from one sequence (PostgreSQL) or max(rowid) + 1 (SQLite) row by
                # row, so they ascend in VALUES order, whatever order RETURNING lists them.
                ids = sorted(r[0] for r in result)
                if dialect == "sqlite":
                    _check_consecutive(ids)
                out += ids
        return out

    return new_ids


def _insert(
    session: Session,
    table: Any,
    rows: Sequence[dict[str, Any]],
    on_conflict: tuple[str, ...],
    *,
    autoflush: bool,
    returning: bool = True,
) -> tuple[tuple[str, ...], str, list[tuple[Sequence[dict[str, Any]], Later]]]:
    """Send ``insert_rows``' statements: the columns, the dialect's name and each chunk
    of rows with its (``returning``) rows to come."""
    conn = session.connection()
    if autoflush and not _in_pipeline(conn):  # ``pipelined`` flushed on entry
        session.flush()
    cols = tuple(c for c in rows[0] if any(row[c] is not None for row in rows))
    shape = _InsertShape.get(table, conn.dialect, cols, on_conflict, returning=returning)
    sent = []
    for at in range(0, len(rows), shape.rows_per_statement):
        chunk = rows[at : at + shape.rows_per_statement]
        sql, params = shape.sql(len(chunk)), shape.params(chunk)
        sent.append((chunk, _run_raw(conn, sql, params, fetch="later" if returning else False)))
    return cols, conn.dialect.name, sent


def _run_raw(
    conn: Any,
    sql: str,
    params: Any,
    *,
    fetch: bool | str = True,
    many: bool = False,
    custom_plan: bool = False,
) -> Any:
    """Execute on the driver's connection inside the session's transaction. ``fetch``:
    True, the rows; False, nothing (in a ``pipelined`` block the result is then read at
    the block's end); ``"later"``, a ``Later`` whose rows are read when asked (after a
    ``pipelined`` block: its statements share one round trip). ``many``: ``params`` is
    a sequence of parameter tuples. ``custom_plan`` (PostgreSQL): never a prepared
    statement, so each run is planned for its values: a lookup's generic plan, made
    while a table was small, can stay a sequential scan as the table grows.

    Skips SQLAlchemy's per-execution machinery (about 0.1 ms a statement, more than
    SQLite takes to run it) but not its cursor events (statement logs and counts
    see it); driver errors are raised as SQLAlchemy's (``IntegrityError``,
    ``DataError``, …), as ``Connection.execute`` would."""
    raw = conn.connection.driver_connection
    # PostgreSQL: a RawCursor takes the $n placeholders as they are (psycopg would
    # otherwise parse every statement for %s, long multi-row ones uncached).
    cursor = _RawCursor(raw) if conn.dialect.name == "postgresql" else raw.cursor()
    events = conn._has_events or conn.engine._has_events
    deferred = fetch == "later" and _in_pipeline(conn)
    try:
        if events:
            conn.dispatch.before_cursor_execute(conn, cursor, sql, params, None, many)
        if many:
            cursor.executemany(sql, params)
        elif custom_plan and conn.dialect.name == "postgresql":
            cursor.execute(sql, params, prepare=False)
        else:
            cursor.execute(sql, params)
        rows = cursor.fetchall() if fetch and not deferred else None
        if events:
            conn.dispatch.after_cursor_execute(conn, cursor, sql, params, None, many)
    except conn.dialect.loaded_dbapi.Error as exc:
        cursor.close()
        raise _translated(conn, sql, params, exc) from exc
    if deferred:
        return Later(conn, cursor, sql, params)
    if fetch or not _in_pipeline(conn):
        cursor.close()
    return Later(conn, None, sql, params, rows) if fetch == "later" else rows


class Later:
    """A statement's rows, read when asked: a statement sent in a ``pipelined`` block has
    them once the block has ended (one round trip for the block); elsewhere they were
    read at once."""

    __slots__ = ("_conn", "_cursor", "_sql", "_params", "_rows")

    def __init__(
        self, conn: Any, cursor: Any, sql: str, params: Any, rows: list[Any] | None = None
    ) -> None:
        self._conn, self._cursor, self._rows = conn, cursor, rows
        self._sql, self._params = sql, params  # for the error, as SQLAlchemy words it

    def rows(self) -> list[Any]:
        if self._rows is None:
            cursor, self._cursor = self._cursor, None
            try:
                self._rows = cursor.fetchall()
            except self._conn.dialect.loaded_dbapi.Error as exc:
                raise _translated(self._conn, self._sql, self._params, exc) from exc
            finally:
                cursor.close()
        return self._rows


def select_in_later(
    session: Session, table: Any, out: str, column: str, values: Sequence[Any], where: str = ""
) -> Later:
    """``SELECT out FROM table WHERE column IN values [AND where]`` raw, its rows taken
    later (``Later``): inside ``pipelined`` it shares the block's round trip. For hot
    paths' lookups of a batch's keys (SQLite takes at most 32,766 values); ``where`` is
    trusted SQL text (a constant), never user input. Planned for its values each time
    (``custom_plan``): an index lookup as the table grows."""
    conn = session.connection()
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    if _numbered(dialect):  # PostgreSQL: one array parameter, one statement text
        test, params = "= ANY($1)", (list(values),)
    else:  # SQLite: one ? per value
        test, params = f"IN ({', '.join('?' * len(values))})", tuple(values)
    sql = (
        f"SELECT {quote(out)} FROM {dialect.identifier_preparer.format_table(table)}"
        f" WHERE {quote(column)} {test}" + (f" AND {where}" if where else "")
    )
    if not values:
        return Later(conn, None, sql, params, [])
    return cast(Later, _run_raw(conn, sql, params, fetch="later", custom_plan=True))


def _RawCursor(raw: Any) -> Any:  # noqa: N802 - a class-like factory
    global _raw_cursor_class
    if _raw_cursor_class is None:  # psycopg only where PostgreSQL is used
        from psycopg import RawCursor

        _raw_cursor_class = RawCursor
    return _raw_cursor_class(raw)


_raw_cursor_class: Any = None


def _translated(conn: Any, sql: str, params: Any, exc: Exception) -> Exception:
    return DBAPIError.instance(
        sql, params, exc, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect
    )


def _in_pipeline(conn: Any) -> bool:
    return getattr(conn.connection.driver_connection, "_pipeline", None) is not None


@contextmanager
def pipelined(session: Session) -> Iterator[None]:
    """PostgreSQL: the block's raw statements go to the server without waiting for each
    answer, in psycopg's pipeline mode: one round trip for all of them at the block's
    end, where their errors surface. Result-free writes (``insert_rows(returning=False)``,
    ``update_rows``) and statements whose rows are taken after the block (``*_later``:
    ``insert_rows_later``, ``insert_objects_later``, ``select_in_later``). A
    transaction's first statement carries its BEGIN along. Pending ORM changes are
    flushed first; the block must not run ORM or Core statements (SQLAlchemy reads
    results at once). SQLite: no round trips to save, the statements run as they come."""
    session.flush()
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        yield
        return
    raw = conn.connection.driver_connection
    assert raw is not None
    try:
        with raw.pipeline():
            yield
    except conn.dialect.loaded_dbapi.Error as exc:
        raise _translated(conn, "(pipeline)", (), exc) from exc


def update_rows(session: Session, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """UPDATE rows by primary key (dicts with the same keys: the key and the columns to
    set), one executemany of one raw statement; nothing is read back (see
    ``pipelined``). For hot paths: ORM objects changed this way are not told (callers
    set their committed values themselves)."""
    if not rows:
        return
    conn = session.connection()
    pk = table.primary_key.columns[0].name
    cols = tuple(c for c in rows[0] if c != pk)
    shape = _UpdateShape.get(table, conn.dialect, cols)
    _run_raw(conn, shape.sql, shape.params(rows), fetch=False, many=True)


_SHAPES: dict[tuple[Any, ...], Any] = {}  # raw statements by (kind, table, dialect, …)


def _shape(key: tuple[Any, ...], make: Callable[[], T]) -> T:
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _SHAPES[key] = make()
    return cast(T, shape)


def _binders(table: Any, dialect: Any, cols: Sequence[str]) -> list[tuple[str, Any]]:
    """Each column with its bind processor for ``dialect`` (None: the value as is)."""
    return [(c, table.c[c].type.bind_processor(dialect)) for c in cols]


def _bound(binders: list[tuple[str, Any]], row: dict[str, Any]) -> list[Any]:
    return [process(row[c]) if process is not None else row[c] for c, process in binders]


def _numbered(dialect: Any) -> bool:
    """PostgreSQL's raw statements number their parameters ($1, $2, …: ``RawCursor``);
    SQLite's are ``?``."""
    return bool(dialect.paramstyle != "qmark")


def _mark(numbered: bool, i: int) -> str:
    """The ``i``-th (from 0) parameter's placeholder."""
    return f"${i + 1}" if numbered else "?"


class _InsertShape:
    """One table's INSERT for one set of columns (and conflict key) on one dialect: the
    SQL text per row count and the columns' bind processors, built once."""

    MAX_PARAMS = 30_000  # under SQLite's 32766 and PostgreSQL's 65535 bound parameters

    @staticmethod
    def get(
        table: Any,
        dialect: Any,
        cols: tuple[str, ...],
        on_conflict: tuple[str, ...],
        *,
        returning: bool = True,
    ) -> _InsertShape:
        key = ("insert", table, dialect.name, cols, on_conflict, returning)
        return _shape(key, lambda: _InsertShape(table, dialect, cols, on_conflict, returning))

    def __init__(
        self,
        table: Any,
        dialect: Any,
        cols: tuple[str, ...],
        on_conflict: tuple[str, ...],
        returning: bool,
    ) -> None:
        quote = dialect.identifier_preparer.quote
        self._binders = _binders(table, dialect, cols)
        self._width = len(cols)
        self._numbered = _numbered(dialect)
        self._head = (
            f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
            f"({', '.join(quote(c) for c in cols)}) VALUES "
        )
        back = [table.primary_key.columns[0].name, *on_conflict]
        self._tail = (
            f" ON CONFLICT ({', '.join(quote(c) for c in on_conflict)}) DO NOTHING"
            if on_conflict
            else ""
        ) + (f" RETURNING {', '.join(quote(c) for c in back)}" if returning else "")
        self.rows_per_statement = max(1, min(500, self.MAX_PARAMS // max(1, len(cols))))
        self._sql: dict[int, str] = {}

    def sql(self, n: int) -> str:
        text = self._sql.get(n)
        if text is None:
            w, numbered = self._width, self._numbered
            rows = ("(" + ", ".join(_mark(numbered, r * w + c) for c in range(w)) + ")"
                    for r in range(n))  # fmt: skip
            text = self._sql[n] = self._head + ", ".join(rows) + self._tail
        return text

    def params(self, rows: Sequence[dict[str, Any]]) -> tuple[Any, ...]:
        return tuple(value for row in rows for value in _bound(self._binders, row))


class _UpdateShape:
    """``UPDATE table SET cols WHERE pk = ?`` on one dialect, with the bind processors."""

    @staticmethod
    def get(table: Any, dialect: Any, cols: tuple[str, ...]) -> _UpdateShape:
        return _shape(
            ("update", table, dialect.name, cols), lambda: _UpdateShape(table, dialect, cols)
        )

    def __init__(self, table: Any, dialect: Any, cols: tuple[str, ...]) -> None:
        quote, numbered = dialect.identifier_preparer.quote, _numbered(dialect)
        pk = table.primary_key.columns[0].name
        self._binders = _binders(table, dialect, [*cols, pk])  # SET values, then the key
        sets = ", ".join(f"{quote(c)} = {_mark(numbered, i)}" for i, c in enumerate(cols))
        self.sql = (
            f"UPDATE {dialect.identifier_preparer.format_table(table)} SET {sets}"
            f" WHERE {quote(pk)} = {_mark(numbered, len(cols))}"
        )

    def params(self, rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [tuple(_bound(self._binders, row)) for row in rows]


def _check_consecutive(ids: list[Any]) -> None:
    """SQLite: writers hold the write lock (``BEGIN IMMEDIATE``) and an INTEGER PRIMARY KEY
    takes max(rowid) + 1, so one INSERT's rows get consecutive ids. Anything else (a rowid
    space used up, where SQLite picks random ids) would mismatch objects and ids: fail."""
    if ids and ids[-1] - ids[0] != len(ids) - 1:
        raise RuntimeError(f"multi-row INSERT: ids {ids[0]}..{ids[-1]} are not consecutive")


def _column_values(mapper: Any, pk: Any, obj: Any) -> dict[str, Any]:
    """An object's INSERT values; unset columns get (and are set to) their defaults."""
    state = obj.__dict__
    values: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if column is pk:
            continue
        if prop.key in state:
            value = state[prop.key]
        else:
            default = column.default
            if default is None:
                value = None
            elif default.is_scalar:
                value = default.arg
            else:
                value = default.arg(None)
            state[prop.key] = value  # no attribute event: the object is about to be loaded
        values[column.key] = value
    return values


def write_changes(session: Session, obj: Any) -> bool:
    """Write one persistent object's changed columns now (``write_changes_many`` of one);
    returns whether it wrote."""
    return write_changes_many(session, [obj]) > 0


def write_changes_many(session: Session, objs: Sequence[Any]) -> int:
    """Write persistent objects' changed columns now: one executemany UPDATE per table
    (``update_rows``), setting the union of the changed columns (unchanged ones to their current
    values), so a batch costs a statement per table, not one per distinct column set.

    For hot paths: the same row changes as the next flush would make, without the
    unit-of-work overhead; the written attributes count as committed afterwards (an
    object with nothing else pending is clean, and the next flush skips it). Pending
    or unchanged objects, and rows with an expired column to write, are left to the
    flush. Returns how many rows it wrote.
    """
    groups: dict[Any, list[Any]] = {}
    for obj in objs:
        state = inspect(obj)
        if state.persistent and state.committed_state:
            groups.setdefault(state.mapper, []).append(state)
    written = 0  # update_rows does not autoflush: the flush would write these first
    for mapper, states in groups.items():
        keys = {k for st in states for k in st.committed_state}
        props = [p for k in sorted(keys) if isinstance(p := mapper.attrs.get(k), ColumnProperty)]
        ready = [st for st in states if all(p.key in st.dict for p in props)]
        if not props or not ready:
            continue
        table = mapper.local_table
        pk = table.primary_key.columns[0].key
        rows = [
            {**{p.columns[0].key: st.dict[p.key] for p in props}, pk: st.identity[0]}
            for st in ready
        ]
        update_rows(session, table, rows)
        written_keys = {p.key for p in props}
        for st in ready:
            if written_keys.issuperset(st.committed_state):
                st._commit_all(st.dict, session.identity_map)  # clean, as after a flush
            else:  # a relationship change is still pending: leave it to the flush
                for p in props:
                    set_committed_value(st.obj(), p.key, st.dict[p.key])
        written += len(ready)
    return written
