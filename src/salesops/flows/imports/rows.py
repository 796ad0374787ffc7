"""Plain rows for the import's bulk writes (issue 19, performance): a new record as a
dict of its columns, defaults filled as the ORM would fill them, written with
``core.fastsql.insert_rows`` — no ORM object built, attached or tracked per row.

``complete`` fills every column the values leave out with its Python-side default (the
tables have no server defaults), so a plain row is the row the ORM would have written.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, inspect
from sqlalchemy.orm import Session

from salesops.routing.service import NEW_ACCOUNTS


@cache
def _defaults(model: type) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...]]:
    """The non-key columns' scalar defaults (None where there is none), and the columns
    whose default is called per row (a new list or dict) with it."""
    mapper: Any = inspect(model)
    pk = mapper.local_table.primary_key.columns[0]
    scalars: dict[str, Any] = {}
    calls: list[tuple[str, Any]] = []
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if column is pk:
            continue
        default = column.default
        if default is None:
            scalars[column.key] = None
        elif default.is_scalar:
            scalars[column.key] = default.arg
        else:
            calls.append((column.key, default.arg))
    return scalars, tuple(calls)


def table_of(model: type) -> Table:
    return cast(Table, inspect(model).local_table)


def complete(model: type, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with every other column of ``model`` at its default (a new dict)."""
    scalars, calls = _defaults(model)
    row = {**scalars, **values}
    for key, fn in calls:
        if key not in values:
            row[key] = fn(None)
    return row


def with_history(session: Session, account_ids: Iterable[int]) -> None:
    """Routing's note of accounts new in this transaction (``routing.service``): an owned
    task or an opportunity written as a plain row gives its account a history, as the
    ORM insert's listener would have noted."""
    new = session.info.get(NEW_ACCOUNTS)
    if new:
        new.difference_update(account_ids)
