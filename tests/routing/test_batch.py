"""Batch routing of queued leads (M-3, R-2 … R-7, O-8): the same outcome as ``route_task``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import event, func, select

from salesops.accounts.models import Account
from salesops.core.audit import Decision
from salesops.playbook.runtime import Runtime
from salesops.routing.batch import route_queued
from salesops.routing.models import TerritoryMember
from salesops.routing.service import route_task
from salesops.tasks.models import Task
from salesops.users import service as users
from tests.factories import _actor, make_account, make_contact, make_user

NOW = datetime(2024, 3, 20, 10, 0, tzinfo=UTC)
EU = "Europe & Africa"


class _Undo(Exception):
    pass


def _queue(rt: Runtime, account: Account, **fields: Any) -> int:
    """An unowned lead task stored without routing (an import, a lead nobody could take)."""
    contact = make_contact(rt, f"p{account.id}-{fields.get('title', '')}@{account.domain}")
    with rt.uow() as s:
        task = Task(
            kind="lead",
            status="New",
            account_id=account.id,
            contact_id=contact.id,
            lead_source="Contact form",
            created_at=NOW,
            updated_at=NOW,
            **fields,
        )
        s.add(task)
        s.flush()
        return task.id


def _scenario(rt: Runtime) -> tuple[dict[str, int], list[int]]:
    """Every branch of the chain: R-2 (owner away), R-3a, M-3, R-7, R-4 fallback, R-3."""
    ana = make_user(rt, "ana@example.com", territory=EU)
    ben = make_user(rt, "ben@example.com", territory=EU, priority=3)
    carl = make_user(rt, "carl@example.com", territory="U.S. East")
    ed = make_user(rt, "ed@example.com")
    dora = make_user(rt, "dora@example.com")
    owned = make_account(rt, "Owned", country="DE", owner_id=ed.id)
    back = make_account(rt, "Back", country="DE")
    talk = make_account(rt, "Talk", country="FR")
    gone = make_account(rt, "Gone", country="DE", owner_id=dora.id)
    nowhere = make_account(rt, "Nowhere")
    actor = _actor(rt)
    with rt.uow() as s:
        users.add_time_off(
            s, users.get_user(s, ed.id), date(2024, 3, 19), date(2024, 3, 22), now=NOW
        )
        users.update_user(s, actor, users.get_user(s, dora.id), now=NOW, active=False)
    twice = make_account(rt, "Twice", country="DE")
    earlier = _queue(rt, back, title="earlier")
    open_task = _queue(rt, talk, title="open")
    with rt.uow() as s:  # an earlier lead owned by ben (R-3a), an open task owned by ana (M-3)
        s.get(Task, earlier).owner_id = ben.id  # type: ignore[union-attr]
        s.get(Task, earlier).created_at = NOW - timedelta(days=30)  # type: ignore[union-attr]
        s.get(Task, open_task).owner_id = ana.id  # type: ignore[union-attr]
    queued = [
        _queue(rt, owned, title="r2"),
        _queue(rt, back, title="r3a"),
        _queue(rt, talk, title="m3", linked_task_id=open_task),
        _queue(rt, gone, title="r7"),
        _queue(rt, nowhere, title="fallback"),
        _queue(rt, twice, title="rr1"),
        _queue(rt, twice, title="rr2"),
        *[_queue(rt, make_account(rt, f"New{i}", country="DE"), title="rr") for i in range(6)],
    ]
    ids = {"ana": ana.id, "ben": ben.id, "carl": carl.id, "ed": ed.id}
    return ids, queued


def _outcome(s: Any, queued: list[int]) -> dict[str, Any]:
    tasks = [s.get(Task, t) for t in queued]
    routes = {
        d.subject_id: (d.rule_ids, d.owner_id, d.territory)
        for d in s.scalars(select(Decision).where(Decision.kind == "route"))
    }
    return {
        "tasks": [(t.owner_id, t.territory, t.owner_away) for t in tasks],
        "accounts": [s.get(Account, t.account_id).owner_id for t in tasks],
        "routes": [routes[t] for t in queued],
        "assigns": s.scalar(select(func.count()).where(Decision.kind == "assign")),
        "counts": sorted(s.execute(select(TerritoryMember.id, TerritoryMember.assigned_count))),
    }


@time_machine.travel(NOW, tick=False)
def test_route_queued_matches_route_task_lead_by_lead(rt: Runtime) -> None:
    """M-3, R-2, R-3, R-3a, R-4, R-6, R-7 through the batch: owners, accounts, decisions and
    rotation counts exactly as routing the same leads one by one would leave them."""
    ids, queued = _scenario(rt)
    with pytest.raises(_Undo), rt.uow() as s:  # one by one, then rolled back
        for task_id in queued:
            route_task(s, s.get(Task, task_id), NOW)  # type: ignore[arg-type]
        s.flush()
        expected = _outcome(s, queued)
        raise _Undo
    after, stats = 0, {}
    while True:  # batches of 4: several transactions, leads of one account split over two
        with rt.uow() as s:
            after = route_queued(s, NOW, limit=4, after_id=after, stats=stats)
        if not after:
            break
    with rt.uow(readonly=True) as s:
        got = _outcome(s, queued)
    assert got == expected
    assert stats == {"routed": len(queued), "unassigned": 0}
    owners = [t[0] for t in got["tasks"]]
    assert owners[:5] == [ids["ed"], ids["ben"], ids["ana"], owners[3], ids["carl"]]
    assert got["tasks"][0][2] is True  # the owner is away
    assert got["routes"][1][0] == ["R-3a"] and got["routes"][2][0] == ["M-3"]
    assert got["routes"][3][0][0] == "R-7" and owners[3] in (ids["ana"], ids["ben"])
    assert owners[5] == owners[6] and got["routes"][6][0] == ["R-2"]


@time_machine.travel(NOW, tick=False)
def test_route_queued_leaves_unroutable_leads_with_a_reason_and_moves_on(rt: Runtime) -> None:
    """R-3: nobody eligible anywhere → left unassigned, recorded once per run, not re-read."""
    queued = [_queue(rt, make_account(rt, f"Co{i}", country="DE")) for i in range(3)]
    stats: dict[str, int] = {}
    with rt.uow() as s:
        assert route_queued(s, NOW, limit=10, stats=stats) == queued[-1]
    with rt.uow() as s:
        assert route_queued(s, NOW, limit=10, after_id=queued[-1]) == 0
    assert stats == {"routed": 0, "unassigned": 3}
    with rt.uow(readonly=True) as s:
        reasons = list(s.scalars(select(Decision.reason).where(Decision.kind == "route")))
        assert len(reasons) == 3 and all(r.startswith("left unassigned") for r in reasons)
        assert s.get(Task, queued[0]).territory == EU  # type: ignore[union-attr]
    ana = make_user(rt, "ana@example.com", territory=EU)
    with rt.uow() as s:  # someone joins: the next run from the start routes them
        route_queued(s, NOW, limit=10)
    with rt.uow(readonly=True) as s:
        assert {s.get(Task, t).owner_id for t in queued} == {ana.id}  # type: ignore[union-attr]


@time_machine.travel(NOW, tick=False)
def test_route_queued_costs_a_fixed_number_of_statements_per_batch(rt: Runtime) -> None:
    """Set-based: 40 leads cost the same handful of statements as 4 (issue 5 performance)."""
    make_user(rt, "ana@example.com", territory=EU)
    make_user(rt, "ben@example.com", territory=EU)

    def statements(n: int) -> int:
        for i in range(n):
            _queue(rt, make_account(rt, f"S{n}x{i}", country="DE"))
        count = 0

        def on_execute(*_: Any) -> None:
            nonlocal count
            count += 1

        with rt.uow() as s:
            event.listen(rt.db.engine, "before_cursor_execute", on_execute)
            try:
                route_queued(s, NOW, limit=100)
                s.flush()
            finally:
                event.remove(rt.db.engine, "before_cursor_execute", on_execute)
        return count

    small, large = statements(4), statements(40)
    assert large <= small <= 20


def test_a_batch_reads_every_rotation_it_may_draw_from_in_two_statements(rt: Runtime) -> None:
    """``load_rotations``: what ``rotation`` reads territory by territory (its row, then
    its members and users), for all of them in two statements (issue 20: a fixed cost of
    every pipeline batch, which had two statements a territory)."""
    from salesops.routing import rotations

    make_user(rt, "ana@example.com", territory=EU)
    make_user(rt, "ben@example.com", territory=EU, priority=3)
    make_user(rt, "carl@example.com", territory="U.S. East")
    names = [EU, "U.S. East", "U.S. West"]
    with rt.uow(readonly=True) as s:
        one_by_one = {n: rotations.rotation(s, n) for n in names}
        expected = {
            n: ([m.id for m in r.members], sorted(r.users)) if r else None
            for n, r in one_by_one.items()
        }
    count = 0

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        nonlocal count
        count += "territor" in statement  # not the session's own first look (playbook)

    with rt.uow(readonly=True) as s:
        event.listen(rt.db.engine, "before_cursor_execute", on_execute)
        try:
            rotations.load_rotations(s, names)
            got = {n: rotations.rotation(s, n) for n in names}
        finally:
            event.remove(rt.db.engine, "before_cursor_execute", on_execute)
        assert count == 2
        assert {
            n: ([m.id for m in r.members], sorted(r.users)) if r else None for n, r in got.items()
        } == expected
        assert expected[EU] is not None and len(expected[EU][0]) == 2


@time_machine.travel(NOW, tick=False)
def test_route_task_for_a_brand_new_account_skips_the_history_lookups(rt: Runtime) -> None:
    """An account created in this transaction has no earlier lead, open task or opportunity
    (M-3, R-3a): routing its first lead reads only the rotation."""
    make_user(rt, "ana@example.com", territory=EU)
    contact = make_contact(rt, "x@seed.example")
    sql: list[str] = []

    def on_execute(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        sql.append(statement)

    with rt.uow() as s:
        account = Account(
            name="Fresh",
            domain="fresh.example",
            country="DE",
            territory=EU,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(account)
        s.flush()
        task = Task(
            kind="lead",
            status="New",
            account_id=account.id,
            contact_id=contact.id,
            lead_source="Contact form",
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(task)
        s.flush()
        event.listen(rt.db.engine, "before_cursor_execute", on_execute)
        try:
            route_task(s, task, NOW)
        finally:
            event.remove(rt.db.engine, "before_cursor_execute", on_execute)
        assert task.owner_id is not None
    reads = [q for q in sql if q.lstrip().upper().startswith("SELECT")]
    assert not any("FROM opportunities" in q for q in reads)
    assert not any("FROM tasks" in q for q in reads)  # no R-3a / M-3 lookup
    assert not any("FROM accounts" in q for q in reads)  # no lock: nobody else sees it
    assert len(reads) <= 3  # territory (locked), members with users, time off


def test_route_queued_from_the_cli_and_as_a_worker_job(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`salesops route --queued` and the `routing.route_queued` job call the same service."""
    from typer.testing import CliRunner

    import salesops.cli as cli
    from salesops.core.jobs import enqueue
    from salesops.worker import Worker

    monkeypatch.setattr(cli, "runtime", lambda: rt)
    with time_machine.travel(NOW, tick=False):
        ana = make_user(rt, "ana@example.com", territory=EU)
        first = [_queue(rt, make_account(rt, f"Cli{i}", country="DE")) for i in range(3)]
        r = CliRunner().invoke(cli.app, ["route", "--queued", "--batch", "2"])
        assert r.exit_code == 0, r.output
        assert "routed=3" in r.output and "unassigned=0" in r.output
        assert CliRunner().invoke(cli.app, ["route"]).exit_code != 0  # neither option
        later = [_queue(rt, make_account(rt, f"Job{i}", country="DE")) for i in range(3)]
        with rt.uow() as s:
            enqueue(s, "routing.route_queued", {"limit": 2}, now=NOW)
    Worker(rt, worker_id="test").drain(NOW + timedelta(minutes=1))
    with rt.uow(readonly=True) as s:
        assert {s.get(Task, t).owner_id for t in first + later} == {ana.id}  # type: ignore[union-attr]


@time_machine.travel(NOW, tick=False)
def test_r3a_an_owned_lead_added_in_the_same_transaction_still_counts(rt: Runtime) -> None:
    """A new account that got an owned lead earlier in this transaction has a history:
    the next lead goes to that owner (R-3a), not the round robin."""
    make_user(rt, "ana@example.com", territory=EU)
    ben = make_user(rt, "ben@example.com")
    contact = make_contact(rt, "y@seed.example")
    with rt.uow() as s:
        account = Account(
            name="Fresh", domain="fresh2.example", country="DE", territory=EU,
            created_at=NOW, updated_at=NOW,
        )  # fmt: skip
        s.add(account)
        s.flush()
        fields = {
            "kind": "lead", "status": "New", "account_id": account.id,
            "contact_id": contact.id, "lead_source": "Contact form",
            "created_at": NOW, "updated_at": NOW,
        }  # fmt: skip
        s.add(Task(owner_id=ben.id, **fields))
        s.flush()
        task = Task(**fields)
        s.add(task)
        s.flush()
        route_task(s, task, NOW)
        assert task.owner_id == ben.id
