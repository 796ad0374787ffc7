"""Hot-path writes and lookups: raw multi-row statements behind one small API.

Where a request's cost matters (intake, the new-lead pipeline, the audit log, the
outbox), services write with these instead of a unit-of-work flush, which costs several
times the statement; everywhere else they use the ORM. Both idioms run in the caller's
unit of work (``core.db``) and transaction; nothing here commits.

- ``insert_object(s)`` / ``insert_objects_later``: new ORM objects, one multi-row
  ``INSERT … RETURNING``, attached as persistent (``on_conflict``: skip taken keys);
- ``insert_rows`` / ``insert_rows_later`` (``object_rows``): plain rows, ids back;
- ``copy_rows``: many plain rows, nothing read back (PostgreSQL: ``COPY``; ids taken
  from the table's sequence first when asked);
- ``update_rows``: an UPDATE by primary key, nothing read back (PostgreSQL: one
  statement per chunk, ``UPDATE … FROM (VALUES …)``; from ``COPY_AT_LEAST`` rows, and
  ``insert_rows`` with ``on_conflict`` too, through a staging table: ``core.pgstage``);
- ``select_in_later``: a batch's keys looked up, rows taken later;
- ``pipelined``: on PostgreSQL the block's statements share one round trip.

The statement machinery is ``core.rawsql`` (``pgstage``: PostgreSQL's staged bulk
writes); ``core.objwrites`` writes persistent objects' changed columns through
``update_rows``, one UPDATE per table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import any_, bindparam, inspect
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, make_transient_to_detached

from salesops.core import pgstage
from salesops.core.rawsql import (
    InsertShape,
    Later,
    SetUpdateShape,
    UpdateShape,
    copy_in,
    in_pipeline,
    numbered_params,
    run_raw,
    translated,
)

COPY_AT_LEAST = 100  # rows: below it a multi-row INSERT (one round trip) is as quick
#: ``session.info`` key set by every write here: no ORM flush or execute event sees these
#: statements, and the commit hooks that act on a transaction's writes (the report
#: rollups' refresh) look for it as well.
RAW_WROTE = "fastsql_wrote"


def insert_object(
    session: Session, obj: Any, *, on_conflict: tuple[str, ...] = (), autoflush: bool = True
) -> bool:
    """INSERT one new ORM object (``insert_objects`` of one); True unless the key was taken."""
    return insert_objects(session, [obj], on_conflict=on_conflict, autoflush=autoflush)[0]


def insert_objects(
    session: Session,
    objs: Sequence[Any],
    *,
    on_conflict: tuple[str, ...] = (),
    autoflush: bool = True,
) -> list[bool]:
    """INSERT new ORM objects of one class (one multi-row INSERT … RETURNING on both
    backends) and attach them as persistent.

    For hot paths (intake): a unit-of-work flush costs several times the statement
    (``insert_rows`` runs it). Unset columns get their Python-side defaults, so the
    attached objects are fully loaded (no lazy SELECT later). With ``on_conflict``
    (the columns of a unique key) the INSERT is ``ON CONFLICT DO NOTHING``: an object
    whose key is already there (or committed by a concurrent transaction meanwhile,
    or earlier in ``objs``) is left transient and gets False; the others get True.
    ``pending_to_persistent`` listeners run as after a flush. ``autoflush`` writes
    pending ORM changes first (as ``session.execute`` would); a caller whose row needs
    none of them written first may leave them to the next flush.
    """
    return insert_objects_later(session, objs, on_conflict=on_conflict, autoflush=autoflush)()


def insert_objects_later(
    session: Session,
    objs: Sequence[Any],
    *,
    on_conflict: tuple[str, ...] = (),
    autoflush: bool = True,
) -> Callable[[], list[bool]]:
    """``insert_objects``, its outcome taken later: inside ``pipelined`` the INSERT goes
    with the block's other statements (one round trip to PostgreSQL); call the result
    after the block to attach the objects and get the list ``insert_objects`` returns."""
    if not objs:
        return list
    mapper = inspect(type(objs[0]))
    pk = mapper.local_table.primary_key.columns[0]
    ids = insert_rows_later(
        session, mapper.local_table, object_rows(objs), on_conflict=on_conflict, autoflush=autoflush
    )
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

    The SQL text is built once per shape (``InsertShape``) and the values go to the
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
    if on_conflict and pgstage.applies(session.connection(), len(rows), COPY_AT_LEAST):
        if autoflush:  # PostgreSQL, many rows: COPY, then one INSERT … SELECT
            session.flush()
        session.info[RAW_WROTE] = True
        found = pgstage.staged_insert(session.connection(), table, rows, on_conflict)
        return lambda: found
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
    if autoflush and not in_pipeline(conn):  # ``pipelined`` flushed on entry
        session.flush()
    session.info[RAW_WROTE] = True
    cols = tuple(c for c in rows[0] if any(row[c] is not None for row in rows))
    shape = InsertShape.get(table, conn.dialect, cols, on_conflict, returning=returning)
    sent = []
    for at in range(0, len(rows), shape.rows_per_statement):
        chunk = rows[at : at + shape.rows_per_statement]
        sql, params = shape.sql(len(chunk)), shape.params(chunk)
        sent.append((chunk, run_raw(conn, sql, params, fetch="later" if returning else False)))
    return cols, conn.dialect.name, sent


def copy_rows(
    session: Session,
    table: Any,
    rows: Sequence[dict[str, Any]],
    *,
    ids: bool = False,
    autoflush: bool = True,
) -> list[Any]:
    """Plain rows (as ``insert_rows``) for bulk loads, nothing read back but, with
    ``ids``, each row's new primary key (also set in the row).

    PostgreSQL, from ``COPY_AT_LEAST`` rows and outside a ``pipelined`` block: one
    ``COPY … FROM STDIN`` — no statement text of thousands of parameters for the driver
    to build and the server to parse and plan; the values go through the columns' bind
    processors as for an INSERT. The new keys come first from the table's sequence, one
    round trip (``nextval``: as the INSERT's default would take them, safe beside
    concurrent writers). Elsewhere: ``insert_rows``."""
    if not rows:
        return []
    conn = session.connection()
    big = len(rows) >= COPY_AT_LEAST
    if conn.dialect.name != "postgresql" or not big or in_pipeline(conn):
        new = insert_rows(session, table, rows, autoflush=autoflush, returning=ids)
        if ids:
            pk = table.primary_key.columns[0].name
            for row, new_id in zip(rows, new, strict=True):
                row[pk] = new_id
        return new
    if autoflush:
        session.flush()
    session.info[RAW_WROTE] = True
    pk = table.primary_key.columns[0].name
    new_ids: list[Any] = []
    if ids:
        sql = "SELECT nextval(pg_get_serial_sequence($1, $2)) FROM generate_series(1, $3)"
        taken = run_raw(conn, sql, (table.fullname, pk, len(rows)))
        new_ids = [r[0] for r in taken]
        for row, new_id in zip(rows, new_ids, strict=True):
            row[pk] = new_id
    cols = tuple(c for c in rows[0] if c != pk or ids)
    copy_in(conn, conn.dialect.identifier_preparer.format_table(table), table, cols, rows)
    return new_ids


def among(session: Session, column: Any, values: Sequence[Any]) -> Any:
    """``column IN values`` for a batch's keys: on PostgreSQL ``column = ANY(array)``,
    one parameter however many values (an expanded IN of 5,000 parameters costs the
    driver and the server more to parse and plan than the lookup itself)."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)


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
    if numbered_params(dialect):  # PostgreSQL: one array parameter, one statement text
        test, params = "= ANY($1)", (list(values),)
    else:  # SQLite: one ? per value
        test, params = f"IN ({', '.join('?' * len(values))})", tuple(values)
    sql = (
        f"SELECT {quote(out)} FROM {dialect.identifier_preparer.format_table(table)}"
        f" WHERE {quote(column)} {test}" + (f" AND {where}" if where else "")
    )
    if not values:
        return Later(conn, None, sql, params, [])
    return cast(Later, run_raw(conn, sql, params, fetch="later", custom_plan=True))


@contextmanager
def custom_plans(session: Session) -> Iterator[None]:
    """PostgreSQL: the block's statements each planned for their values, never a
    prepared statement's generic plan (psycopg prepares a statement run five times). A
    bulk load's lookups (a batch's keys against a table it is filling) would otherwise
    keep the plan made while the table was small. The connection's setting is restored."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        yield
        return
    raw = conn.connection.driver_connection
    assert raw is not None
    before = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = before


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
        raise translated(conn, "(pipeline)", (), exc) from exc


def update_rows(session: Session, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """UPDATE rows by primary key (dicts with the same keys: the key and the columns to
    set): on PostgreSQL one ``UPDATE … FROM (VALUES …)`` per 1,000 rows, on SQLite one
    executemany of one raw statement (no round trips there); nothing is read back (see
    ``pipelined``). For hot paths: ORM objects changed this way are not told (callers
    set their committed values themselves)."""
    if not rows:
        return
    conn = session.connection()
    session.info[RAW_WROTE] = True
    pk = table.primary_key.columns[0].name
    cols = tuple(c for c in rows[0] if c != pk)
    if pgstage.applies(conn, len(rows), COPY_AT_LEAST):
        pgstage.staged_update(conn, table, rows)
        return
    if conn.dialect.name == "postgresql" and len(rows) > 1:
        last = {row[pk]: row for row in rows}  # a key given twice: its last values
        todo = list(last.values())
        many = SetUpdateShape.get(table, conn.dialect, cols)
        for at in range(0, len(todo), many.rows_per_statement):
            chunk = todo[at : at + many.rows_per_statement]
            run_raw(conn, many.sql(len(chunk)), many.params(chunk), fetch=False)
        return
    shape = UpdateShape.get(table, conn.dialect, cols)
    run_raw(conn, shape.sql, shape.params(rows), fetch=False, many=True)


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
