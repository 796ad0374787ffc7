"""Write persistent ORM objects' changed columns now, without the unit of work's flush
(hot paths: the new-lead pipeline, the importer): one UPDATE per table through
``fastsql.update_rows``, the written attributes committed on the objects afterwards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import ColumnProperty, Session
from sqlalchemy.orm.attributes import set_committed_value

from salesops.core.fastsql import update_rows


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
