"""The intake hot-path helpers (issue 3 performance): deferred decision records (O-8),
single-statement inserts and updates, and multi-row outbox inserts (X-1) must keep the
exact semantics of the slower ORM paths they replace."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from salesops.accounts.models import Account, Contact
from salesops.core.audit import Decision, defer_decision, record_decision
from salesops.core.fastsql import insert_object
from salesops.core.objwrites import write_changes
from salesops.core.outbox import Delivery, enqueue_deliveries, enqueue_delivery
from salesops.playbook.runtime import Runtime
from tests.conftest import BACKEND

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _kinds(rt: Runtime) -> list[str]:
    with rt.uow(readonly=True) as s:
        return list(s.scalars(select(Decision.kind).order_by(Decision.id)))


@contextmanager
def _statements(rt: Runtime) -> Iterator[list[str]]:
    """The first word of every statement run inside the block."""
    seen: list[str] = []

    def _log(_c: Any, _cur: Any, stmt: str, *_a: Any) -> None:
        seen.append(stmt.split(None, 1)[0].upper())

    event.listen(rt.db.engine, "before_cursor_execute", _log)
    try:
        yield seen
    finally:
        event.remove(rt.db.engine, "before_cursor_execute", _log)


def test_o8_deferred_decisions_keep_their_place_before_orm_records(rt: Runtime) -> None:
    with rt.uow() as s:
        defer_decision(s, "first", ("task", 1), {"at": NOW}, ["M-1"], "deferred one", at=NOW)
        defer_decision(s, "second", ("task", 1), {}, ["M-2"], "deferred two", at=NOW)
        record_decision(s, "third", ("task", 1), {}, ["R-3"], "an ORM record", at=NOW)
        s.flush()
        defer_decision(s, "fourth", ("task", 1), {}, ["R-1"], "written before commit", at=NOW)
    assert _kinds(rt) == ["first", "second", "third", "fourth"]
    with rt.uow(readonly=True) as s:
        first = s.scalars(select(Decision).where(Decision.kind == "first")).one()
    assert first.inputs == {"at": NOW.isoformat()}  # dates serialised as record_decision does
    assert first.rule_ids == ["M-1"] and first.playbook_version == 1


def test_o8_deferred_decisions_are_dropped_with_a_rollback(rt: Runtime) -> None:
    with pytest.raises(RuntimeError), rt.uow() as s:
        defer_decision(s, "lost", ("task", 1), {}, ["M-1"], "rolled back", at=NOW)
        raise RuntimeError("boom")
    assert _kinds(rt) == []


def test_o8_deferred_decisions_survive_a_rolled_back_savepoint(rt: Runtime) -> None:
    with rt.uow() as s:
        defer_decision(s, "kept", ("task", 1), {}, ["M-1"], "queued before the savepoint")
        with pytest.raises(RuntimeError), s.begin_nested():
            s.add(Account(name="gone", domain="gone.example", created_at=NOW, updated_at=NOW))
            s.flush()
            raise RuntimeError("savepoint rolled back")
    assert _kinds(rt) == ["kept"]


def test_insert_object_loads_defaults_and_skips_a_taken_key(rt: Runtime) -> None:
    with rt.uow() as s:
        account = Account(name="Acme", domain="acme.example", created_at=NOW, updated_at=NOW)
        assert insert_object(s, account, on_conflict=("domain",)) is True
        assert account.id is not None
        with _statements(rt) as statements:
            # Python-side defaults are loaded: no lazy SELECT when they are read.
            assert account.field_sources == {} and account.customer_status == "prospect"
            assert account.icp_breakdown == []
        assert statements == []
        again = Account(name="Other", domain="acme.example", created_at=NOW, updated_at=NOW)
        assert insert_object(s, again, on_conflict=("domain",)) is False
        assert s.get(Account, account.id) is account
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Account)) == 1


def test_write_changes_writes_now_and_leaves_nothing_for_the_flush(rt: Runtime) -> None:
    with rt.uow() as s:
        account = Account(name="Acme", domain="acme.example", created_at=NOW, updated_at=NOW)
        insert_object(s, account)
        contact = Contact(email="a@acme.example", account_id=account.id, created_at=NOW,
                          updated_at=NOW)  # fmt: skip
        insert_object(s, contact)
        account.icp_score, account.icp_breakdown = 4, [{"rule": "S-2", "points": 3}]
        with _statements(rt) as statements:
            assert write_changes(s, account) is True
            assert write_changes(s, contact) is False  # nothing changed
            s.flush()
        assert statements == ["UPDATE"]
    with rt.uow(readonly=True) as s:
        stored = s.get(Account, account.id)
        assert stored is not None
        assert (stored.icp_score, stored.icp_breakdown) == (4, [{"rule": "S-2", "points": 3}])


def test_x1_outbox_inserts_skip_keys_already_queued(rt: Runtime) -> None:
    with rt.uow() as s:
        first = enqueue_delivery(s, "slack", {"text": "hi"}, idempotency_key="k1", now=NOW)
        assert first.id is not None and first.state == "pending" and first.attempts == 0
        assert enqueue_delivery(
            s, "slack", {"text": "again"}, idempotency_key="k1", now=NOW
        ).id == (first.id)
        items = [
            {"channel": "slack", "payload": {"n": 1}, "idempotency_key": "k1"},
            {"channel": "email", "payload": {"n": 2}, "idempotency_key": "k2",
             "subject": ("task", 5)},
        ]  # fmt: skip
        assert enqueue_deliveries(s, items, now=NOW) == 1
    with rt.uow(readonly=True) as s:
        rows = {d.idempotency_key: d for d in s.scalars(select(Delivery))}
    assert rows["k1"].payload == {"text": "hi"}
    assert (rows["k2"].channel, rows["k2"].subject_type, rows["k2"].subject_id) == (
        "email",
        "task",
        5,
    )


@pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite's file write lock")
def test_a_writer_waits_for_another_connections_write_lock_then_proceeds(
    rt: Runtime, db_url: str
) -> None:
    """Two processes on one SQLite file: BEGIN IMMEDIATE waits (in short steps) while the
    other connection holds the write lock, and goes ahead as soon as it is released."""
    path = rt.db.engine.url.database
    assert path
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # as another process would
    started, done = threading.Event(), threading.Event()

    def write() -> None:
        started.set()
        with rt.uow() as s:
            s.execute(text("SELECT 1"))
        done.set()

    t = threading.Thread(target=write)
    t.start()
    assert started.wait(10)
    assert not done.wait(0.05)  # held: the unit of work is still waiting for the lock
    other.execute("COMMIT")
    assert done.wait(10)
    t.join(10)
    other.close()


def test_pipelined_writes_land_and_a_bad_one_fails_the_block_as_sqlalchemy_error(
    rt: Runtime,
) -> None:
    """``pipelined``: result-free raw writes (PostgreSQL: sent without waiting, one round
    trip at the block's end) land as if run one by one; a failing one raises the same
    SQLAlchemy error as ``Connection.execute`` would, and the unit of work rolls back."""
    from sqlalchemy.exc import IntegrityError

    from salesops.core.fastsql import insert_rows, object_rows, pipelined, update_rows

    with rt.uow() as s:
        account = Account(name="Pipe", domain="pipe.io", created_at=NOW, updated_at=NOW)
        insert_object(s, account)
        with _statements(rt) as seen, pipelined(s):
            contacts = [
                Contact(email=f"p{i}@pipe.io", account_id=account.id, created_at=NOW,
                        updated_at=NOW) for i in range(3)
            ]  # fmt: skip
            ids = insert_rows(s, Contact.__table__, object_rows(contacts), returning=False)
            update_rows(s, Account.__table__, [{"id": account.id, "name": "Piped"}])
        assert ids == [] and seen == ["INSERT", "UPDATE"]
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Contact)) == 3
        assert s.get(Account, account.id).name == "Piped"  # type: ignore[union-attr]
    with pytest.raises(IntegrityError), rt.uow() as s, pipelined(s):
        orphan = Contact(email="x@pipe.io", account_id=10**6, created_at=NOW, updated_at=NOW)
        insert_rows(s, Contact.__table__, object_rows([orphan]), returning=False)  # no account
        update_rows(s, Account.__table__, [{"id": account.id, "name": "Lost"}])
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Contact)) == 3
        assert s.get(Account, account.id).name == "Piped"  # type: ignore[union-attr]


def test_later_results_are_read_after_a_pipelined_block(rt: Runtime) -> None:
    """``*_later`` inside ``pipelined`` (PostgreSQL: one round trip for the block, BEGIN
    included): an INSERT's new keys, ON CONFLICT skips and a lookup's rows come out after
    the block exactly as ``insert_objects`` and a SELECT would give them."""
    from salesops.core.fastsql import insert_objects_later, pipelined, select_in_later

    with rt.uow() as s:
        insert_object(s, Account(name="Old", domain="old.io", created_at=NOW, updated_at=NOW))
    with rt.uow() as s:
        new = [
            Account(name=d, domain=d, created_at=NOW, updated_at=NOW)
            for d in ("a.io", "old.io", "b.io")
        ]
        with _statements(rt) as seen, pipelined(s):
            inserted = insert_objects_later(s, new, on_conflict=("domain",))
            found = select_in_later(s, Account.__table__, "domain", "domain", ["old.io", "x.io"])
            nothing = select_in_later(s, Account.__table__, "domain", "domain", [])
        assert seen == ["INSERT", "SELECT"]  # no statement for an empty lookup
        assert inserted() == [True, False, True]
        assert new[0].id is not None and new[2].id is not None and new[0].id < new[2].id
        assert s.get(Account, new[2].id) is new[2]  # attached as persistent
        assert found.rows() == [("old.io",)] and nothing.rows() == []
    with rt.uow(readonly=True) as s:
        assert sorted(s.scalars(select(Account.domain))) == ["a.io", "b.io", "old.io"]


@pytest.mark.skipif(BACKEND != "postgresql", reason="PostgreSQL's prepared statements")
def test_lookups_are_planned_for_their_values_not_prepared(rt: Runtime) -> None:
    """A prepared lookup's generic plan, made while the table was small, stayed a
    sequential scan as it grew (seen in bench/intake.py): ``select_in_later`` is never
    prepared, however often it runs on one connection."""
    from salesops.core.fastsql import select_in_later

    with rt.uow() as s:
        for i in range(8):  # psycopg prepares a statement on its 5th run
            select_in_later(s, Account.__table__, "domain", "domain", [f"d{i}.io"]).rows()
        prepared = s.execute(text("SELECT statement FROM pg_prepared_statements")).scalars()
        assert not [p for p in prepared if "FROM accounts WHERE domain" in p]


def test_copy_rows_and_set_based_updates_write_what_inserts_and_updates_would(
    rt: Runtime,
) -> None:
    """``copy_rows`` (PostgreSQL: COPY, ids from the sequence first) and ``update_rows``
    (PostgreSQL: one UPDATE … FROM VALUES): the rows, ids, JSON and times an INSERT and
    an UPDATE per row would write; a key given twice gets its last values."""
    from salesops.core.fastsql import COPY_AT_LEAST, copy_rows, object_rows, update_rows

    n = COPY_AT_LEAST + 5  # the COPY path on PostgreSQL
    with rt.uow() as s:
        account = Account(name="Bulk", domain="bulk.io", created_at=NOW, updated_at=NOW)
        insert_object(s, account)
        contacts = object_rows(
            [
                Contact(
                    email=f"c{i}@bulk.io",
                    account_id=account.id,
                    created_at=NOW,
                    updated_at=NOW,
                    field_sources={"title": "csv"},
                )
                for i in range(n)
            ]  # fmt: skip
        )
        with _statements(rt) as seen:
            ids = copy_rows(s, Contact.__table__, contacts, ids=True)
        assert seen[-1] == ("COPY" if BACKEND == "postgresql" else "INSERT")
        assert len(set(ids)) == n and [c["id"] for c in contacts] == ids
        changes = [{"id": i, "title": f"T{i}", "lead_score": i % 7} for i in ids]
        changes.append({"id": ids[0], "title": "last", "lead_score": 1})
        with _statements(rt) as seen:
            update_rows(s, Contact.__table__, changes)
        # PostgreSQL: COPY into the session's staging table, one UPDATE … FROM it (the
        # table created if missing, emptied after); SQLite: one executemany
        staged = ["CREATE", "COPY", "UPDATE", "TRUNCATE"]
        assert seen == (staged if BACKEND == "postgresql" else ["UPDATE"])
    with rt.uow(readonly=True) as s:
        got = {c.id: c for c in s.scalars(select(Contact).where(Contact.account_id == account.id))}
    assert sorted(got) == sorted(ids)
    first = got[ids[0]]
    assert (first.title, first.lead_score, first.field_sources) == ("last", 1, {"title": "csv"})
    assert first.created_at == NOW and got[ids[-1]].title == f"T{ids[-1]}"


def test_many_rows_with_a_unique_key_get_the_ids_a_values_insert_would_return(
    rt: Runtime,
) -> None:
    """``insert_rows(on_conflict=…)`` of many rows (PostgreSQL: COPY into the session's
    staging table, one INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING): each new row
    gets its id, a row whose key was taken before (or earlier in the same rows) None, in
    a second batch of the same transaction as well (the staging table emptied between)."""
    from salesops.core.fastsql import COPY_AT_LEAST, insert_rows, object_rows

    n = COPY_AT_LEAST + 5
    with rt.uow() as s:
        account = Account(name="Keys", domain="keys.io", created_at=NOW, updated_at=NOW)
        insert_object(s, account)

        def rows(emails: list[str]) -> list[dict[str, Any]]:
            made = [
                Contact(email=e, name=e[:3], account_id=account.id, created_at=NOW,
                        updated_at=NOW, field_sources={"title": "csv"})
                for e in emails
            ]  # fmt: skip
            return object_rows(made)

        first = insert_rows(s, Contact.__table__, rows([f"a{i}@keys.io" for i in range(n)]),
                            on_conflict=("email",))  # fmt: skip
        assert None not in first and len(set(first)) == n
        again = [f"a{i}@keys.io" for i in range(3)] + [f"b{i}@keys.io" for i in range(n)]
        again.append("b0@keys.io")  # twice in one batch: the first one goes in
        with _statements(rt) as seen:
            second = insert_rows(s, Contact.__table__, rows(again), on_conflict=("email",))
        if BACKEND == "postgresql":
            assert seen == ["CREATE", "COPY", "INSERT", "TRUNCATE"]
        assert second[:3] == [None, None, None] and second[-1] is None
        assert None not in second[3:-1] and not set(second[3:-1]) & set(first)
    with rt.uow(readonly=True) as s:
        mine = select(Contact).where(Contact.account_id == account.id)
        got = {c.email: (c.id, c.field_sources) for c in s.scalars(mine)}
    assert len(got) == 2 * n
    assert got["a0@keys.io"][0] == first[0] and got["b0@keys.io"][0] == second[3]
    assert all(sources == {"title": "csv"} for _, sources in got.values())
