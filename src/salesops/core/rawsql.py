"""The raw statements behind ``core.fastsql``: cached INSERT/UPDATE shapes per table,
columns and dialect, and one execution path on the driver's connection (SQLAlchemy's
cursor events kept, its errors raised). Internal to ``core.fastsql``; domain code never
imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import Date, DateTime
from sqlalchemy.exc import DBAPIError

T = TypeVar("T")


def run_raw(
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
    cursor = raw_cursor(raw) if conn.dialect.name == "postgresql" else raw.cursor()
    events = conn._has_events or conn.engine._has_events
    deferred = fetch == "later" and in_pipeline(conn)
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
        raise translated(conn, sql, params, exc) from exc
    if deferred:
        return Later(conn, cursor, sql, params)
    if fetch or not in_pipeline(conn):
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
                raise translated(self._conn, self._sql, self._params, exc) from exc
            finally:
                cursor.close()
        return self._rows


def raw_cursor(raw: Any) -> Any:
    global _raw_cursor_class
    if _raw_cursor_class is None:  # psycopg only where PostgreSQL is used
        from psycopg import RawCursor

        _raw_cursor_class = RawCursor
    return _raw_cursor_class(raw)


_raw_cursor_class: Any = None


def translated(conn: Any, sql: str, params: Any, exc: Exception) -> Exception:
    return DBAPIError.instance(
        sql, params, exc, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect
    )


def in_pipeline(conn: Any) -> bool:
    return getattr(conn.connection.driver_connection, "_pipeline", None) is not None


_SHAPES: dict[tuple[Any, ...], Any] = {}  # raw statements by (kind, table, dialect, …)


def cached_shape(key: tuple[Any, ...], make: Callable[[], T]) -> T:
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _SHAPES[key] = make()
    return cast(T, shape)


def binders(table: Any, dialect: Any, cols: Sequence[str]) -> list[tuple[str, Any]]:
    """Each column with its bind processor for ``dialect`` (None: the value as is);
    a date or time column's remembers its last values (``_remembered``)."""
    out = []
    for c in cols:
        type_ = table.c[c].type
        process = type_.bind_processor(dialect)
        if process is not None and isinstance(getattr(type_, "impl", type_), Date | DateTime):
            process = _remembered(process)
        out.append((c, process))
    return out


def _remembered(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A date/time bind processor with a small memo: a batch writes the same moment (its
    ``now``) in many rows and columns, and converting it (to UTC, to SQLite's text)
    costs more than the lookup. Equal values convert equally (an aware moment to UTC)."""
    memo: dict[Any, Any] = {}

    def run(value: Any) -> Any:
        found = memo.get(value)
        if found is None:
            if len(memo) >= 512:
                memo.clear()
            found = memo[value] = process(value)
        return found

    return run


def bound(binders: list[tuple[str, Any]], row: dict[str, Any]) -> list[Any]:
    return [process(row[c]) if process is not None else row[c] for c, process in binders]


def copy_in(
    conn: Any, target: str, table: Any, cols: Sequence[str], rows: Sequence[dict[str, Any]]
) -> None:
    """PostgreSQL: ``COPY target (cols) FROM STDIN`` of ``rows``, each value through
    ``table``'s bind processors as for an INSERT; the engine's cursor events fire around
    it (as for any statement) and a driver error comes back as SQLAlchemy's."""
    quote = conn.dialect.identifier_preparer.quote
    processors = binders(table, conn.dialect, cols)
    sql = f"COPY {target} ({', '.join(quote(c) for c in cols)}) FROM STDIN"
    raw = conn.connection.driver_connection
    assert raw is not None  # a checked-out connection has its driver's
    events = conn._has_events or conn.engine._has_events
    cursor = raw.cursor()
    try:
        if events:
            conn.dispatch.before_cursor_execute(conn, cursor, sql, (), None, False)
        with cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(bound(processors, row))
        if events:
            conn.dispatch.after_cursor_execute(conn, cursor, sql, (), None, False)
    except conn.dialect.loaded_dbapi.Error as exc:
        raise translated(conn, sql, (), exc) from exc
    finally:
        cursor.close()


def numbered_params(dialect: Any) -> bool:
    """PostgreSQL's raw statements number their parameters ($1, $2, …: ``RawCursor``);
    SQLite's are ``?``."""
    return bool(dialect.paramstyle != "qmark")


def mark(numbered: bool, i: int) -> str:
    """The ``i``-th (from 0) parameter's placeholder."""
    return f"${i + 1}" if numbered else "?"


class InsertShape:
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
    ) -> InsertShape:
        key = ("insert", table, dialect.name, cols, on_conflict, returning)
        return cached_shape(key, lambda: InsertShape(table, dialect, cols, on_conflict, returning))

    def __init__(
        self,
        table: Any,
        dialect: Any,
        cols: tuple[str, ...],
        on_conflict: tuple[str, ...],
        returning: bool,
    ) -> None:
        quote = dialect.identifier_preparer.quote
        self._binders = binders(table, dialect, cols)
        self._width = len(cols)
        self._numbered = numbered_params(dialect)
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
            rows = ("(" + ", ".join(mark(numbered, r * w + c) for c in range(w)) + ")"
                    for r in range(n))  # fmt: skip
            text = self._sql[n] = self._head + ", ".join(rows) + self._tail
        return text

    def params(self, rows: Sequence[dict[str, Any]]) -> tuple[Any, ...]:
        return tuple(value for row in rows for value in bound(self._binders, row))


class UpdateShape:
    """``UPDATE table SET cols WHERE pk = ?`` on one dialect, with the bind processors."""

    @staticmethod
    def get(table: Any, dialect: Any, cols: tuple[str, ...]) -> UpdateShape:
        return cached_shape(
            ("update", table, dialect.name, cols), lambda: UpdateShape(table, dialect, cols)
        )

    def __init__(self, table: Any, dialect: Any, cols: tuple[str, ...]) -> None:
        quote, numbered = dialect.identifier_preparer.quote, numbered_params(dialect)
        pk = table.primary_key.columns[0].name
        self._binders = binders(table, dialect, [*cols, pk])  # SET values, then the key
        sets = ", ".join(f"{quote(c)} = {mark(numbered, i)}" for i, c in enumerate(cols))
        self.sql = (
            f"UPDATE {dialect.identifier_preparer.format_table(table)} SET {sets}"
            f" WHERE {quote(pk)} = {mark(numbered, len(cols))}"
        )

    def params(self, rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [tuple(bound(self._binders, row)) for row in rows]


class SetUpdateShape:
    """PostgreSQL: ``UPDATE table SET cols FROM (VALUES …) WHERE pk`` — a batch of rows by
    primary key in one statement (one plan, one trigger pass) instead of one execution
    per row; each value cast to its column's type."""

    MAX_PARAMS = 30_000

    @staticmethod
    def get(table: Any, dialect: Any, cols: tuple[str, ...]) -> SetUpdateShape:
        return cached_shape(
            ("set-update", table, dialect.name, cols),
            lambda: SetUpdateShape(table, dialect, cols),
        )

    def __init__(self, table: Any, dialect: Any, cols: tuple[str, ...]) -> None:
        quote = dialect.identifier_preparer.quote
        pk = table.primary_key.columns[0].name
        every = [*cols, pk]
        self._binders = binders(table, dialect, every)
        self._types = [table.columns[c].type.compile(dialect=dialect) for c in every]
        self._width = len(every)
        self.rows_per_statement = max(1, min(1000, self.MAX_PARAMS // self._width))
        names = ", ".join(quote(c) for c in every)
        sets = ", ".join(f"{quote(c)} = v.{quote(c)}" for c in cols)
        name = dialect.identifier_preparer.format_table(table)
        self._head = f"UPDATE {name} AS t SET {sets} FROM (VALUES "
        self._tail = f") AS v ({names}) WHERE t.{quote(pk)} = v.{quote(pk)}"
        self._sql: dict[int, str] = {}

    def sql(self, n: int) -> str:
        text = self._sql.get(n)
        if text is None:
            w, types = self._width, self._types
            rows = ("(" + ", ".join(f"${r * w + c + 1}::{types[c]}" for c in range(w)) + ")"
                    for r in range(n))  # fmt: skip
            text = self._sql[n] = self._head + ", ".join(rows) + self._tail
        return text

    def params(self, rows: Sequence[dict[str, Any]]) -> tuple[Any, ...]:
        return tuple(value for row in rows for value in bound(self._binders, row))
