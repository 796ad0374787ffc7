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
def _defaults(model: type) -> tuple[tuple[str, Any, bool], ...]:
    """Each non-key column: (key, default, whether the default is called per row)."""
    mapper: Any = inspect(model)
    pk = mapper.local_table.primary_key.columns[0]
    out = []
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if column is pk:
            continue
        default = column.default
        if default is None:
            out.append((column.key, None, False))
        elif default.is_scalar:
            out.append((column.key, default.arg, False))
        else:
            out.append((column.key, default.arg, True))
    return tuple(out)


def table_of(model: type) -> Table:
    return cast(Table, inspect(model).local_table)


def complete(model: type, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with every other column of ``model`` at its default (a new dict)."""
    row: dict[str, Any] = {}
    for key, default, call in _defaults(model):
        if key in values:
            row[key] = values[key]
        else:
            row[key] = default(None) if call else default
    return row


def with_history(session: Session, account_ids: Iterable[int]) -> None:
    """Routing's note of accounts new in this transaction (``routing.service``): an owned
    task or an opportunity written as a plain row gives its account a history, as the
    ORM insert's listener would have noted."""
    new = session.info.get(NEW_ACCOUNTS)
    if new:
        new.difference_update(account_ids)
