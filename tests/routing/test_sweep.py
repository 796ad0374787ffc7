"""The stale sweep (T-1 … T-4) with an injected clock: boundaries, idempotence, the job."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import time_machine
from sqlalchemy import func, select

from salesops.core.audit import Decision
from salesops.playbook.runtime import Runtime
from salesops.routing import service as routing
from salesops.tasks import service as tasks
from salesops.tasks.models import Task
from salesops.users import service as users
from tests.factories import _actor, make_user
from tests.routing.helpers import lead

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
EU = "Europe & Africa"


def _sweep(rt: Runtime, at: datetime) -> dict[str, int]:
    with rt.uow() as s:
        return routing.sweep(s, at)


def _task(rt: Runtime, task_id: int) -> Task:
    with rt.uow(readonly=True) as s:
        task = s.get(Task, task_id)
        assert task is not None
        return task


def _touch(rt: Runtime, task_id: int, at: datetime) -> None:
    actor = _actor(rt)  # before the unit of work: SQLite has one writer at a time
    with time_machine.travel(at, tick=False), rt.uow() as s:
        tasks.update_task(s, actor, tasks.get_task(s, task_id), {"next_steps": "called"}, at)


def _count(rt: Runtime, kind: str) -> int:
    with rt.uow(readonly=True) as s:
        return int(s.scalar(select(func.count()).where(Decision.kind == kind)) or 0)


def _setup(rt: Runtime) -> tuple[int, int, int]:
    with time_machine.travel(T0, tick=False):
        a = make_user(rt, "ana@example.com", territory=EU)
        b = make_user(rt, "ben@example.com", territory=EU)
        t = lead(rt, "DE")
    assert _task(rt, t.id).owner_id == a.id
    return a.id, b.id, t.id


def test_t1_exactly_10_untouched_days_reassigns_once_to_someone_else(rt: Runtime) -> None:
    a, b, t = _setup(rt)
    assert _sweep(rt, T0 + timedelta(days=10) - timedelta(seconds=1))["reassigned"] == 0
    stats = _sweep(rt, T0 + timedelta(days=10))
    assert stats["reassigned"] == 1
    task = _task(rt, t)
    assert task.owner_id == b and task.reassignment_count == 1
    assert task.last_touched_at is None and task.first_touched_at is None  # T-3: not a touch
    assert _sweep(rt, T0 + timedelta(days=10))["reassigned"] == 0  # T-4: idempotent
    with rt.uow(readonly=True) as s:
        [d] = s.scalars(select(Decision).where(Decision.kind == "reassign"))
    assert d.rule_ids == ["T-1", "R-3"] and d.owner_id == b and d.territory == EU
    assert f"from user {a}" in d.reason


def test_t3_touched_at_day_9_restarts_the_clock(rt: Runtime) -> None:
    _, _, t = _setup(rt)
    _touch(rt, t, T0 + timedelta(days=9))
    assert _sweep(rt, T0 + timedelta(days=10))["reassigned"] == 0
    assert _sweep(rt, T0 + timedelta(days=18, hours=23))["reassigned"] == 0
    assert _sweep(rt, T0 + timedelta(days=19))["reassigned"] == 1


def test_t2_autoclosed_10_days_after_the_reassignment(rt: Runtime) -> None:
    _, b, t = _setup(rt)
    _sweep(rt, T0 + timedelta(days=10))
    assert _sweep(rt, T0 + timedelta(days=19, hours=23))["closed"] == 0
    stats = _sweep(rt, T0 + timedelta(days=20))
    assert stats["closed"] == 1 and stats["reassigned"] == 0
    task = _task(rt, t)
    assert task.status == "Unqualified"
    assert task.disqualification_reason == "Stale – Autoclosed"
    assert task.owner_id == b and task.last_touched_at is None  # still not a touch
    with rt.uow(readonly=True) as s:
        [d] = s.scalars(select(Decision).where(Decision.kind == "disqualify"))
    assert d.rule_ids == ["T-2"] and d.actor_id is None
    assert _sweep(rt, T0 + timedelta(days=40)) == {
        "candidates": 0,
        "reassigned": 0,
        "closed": 0,
        "skipped": 0,
    }


def test_t2_a_touch_after_reassignment_keeps_it_open(rt: Runtime) -> None:
    _, _, t = _setup(rt)
    _sweep(rt, T0 + timedelta(days=10))
    _touch(rt, t, T0 + timedelta(days=15))
    assert _sweep(rt, T0 + timedelta(days=20))["closed"] == 0
    assert _sweep(rt, T0 + timedelta(days=25))["closed"] == 1


def test_t1_nobody_else_eligible_is_recorded_once_and_left(rt: Runtime) -> None:
    with time_machine.travel(T0, tick=False):
        a = make_user(rt, "solo@example.com", territory=EU)
        other = make_user(rt, "off@example.com", territory=EU)
        t = lead(rt, "DE")
        with rt.uow() as s:  # the only other member is away for the whole month
            users.add_time_off(
                s, users.get_user(s, other.id), date(2024, 3, 1), date(2024, 3, 31), now=T0
            )
        t2 = lead(rt, "DE")
    assert _task(rt, t.id).owner_id == a.id and _task(rt, t2.id).owner_id == a.id
    stats = _sweep(rt, T0 + timedelta(days=10))
    assert stats["skipped"] == 2 and stats["reassigned"] == 0
    _sweep(rt, T0 + timedelta(days=11))
    assert _count(rt, "reassign_skipped") == 2  # recorded once per stale period
    with rt.uow(readonly=True) as s:
        d = s.scalars(select(Decision).where(Decision.kind == "reassign_skipped")).first()
    assert d is not None and "off@example.com" in d.reason
    assert _task(rt, t.id).owner_id == a.id and _task(rt, t.id).reassignment_count == 0


def test_t1_never_reassigns_unowned_or_closed_or_nurturing_tasks(rt: Runtime) -> None:
    with time_machine.travel(T0, tick=False):
        nobody = lead(rt, "DE")  # no members yet: unassigned
    assert _task(rt, nobody.id).owner_id is None
    assert _sweep(rt, T0 + timedelta(days=30))["candidates"] == 0


def test_t4_sweep_runs_as_a_scheduled_worker_job(rt: Runtime) -> None:
    from salesops.core.jobs import SCHEDULE
    from salesops.worker import Worker

    _, b, t = _setup(rt)
    w = Worker(rt, worker_id="test")
    assert "routing.sweep" in SCHEDULE
    w.drain(T0 + timedelta(days=10, minutes=1))
    assert _task(rt, t).owner_id == b


def _form_lead(rt: Runtime, email: str, at: datetime) -> int:
    """A contact-form lead through intake (I-2), its pipeline drained."""
    import json

    from salesops.flows import pipeline
    from salesops.intake.forms import receive_form
    from salesops.intake.rules import sign_hex

    body = json.dumps({"email": email, "company": "Linked", "country": "DE"}).encode()
    with time_machine.travel(at, tick=False):
        with rt.uow() as s:
            outcome = receive_form(
                s, rt.settings, body, sign_hex(rt.settings.form_secret, body), at
            )
        pipeline.drain(rt)
    return int(outcome.ids["task_id"])


def test_t1_m3_a_task_linked_at_intake_goes_stale_like_any_assigned_task(rt: Runtime) -> None:
    """M-3 gives a second lead on the account the open task's owner at intake; T-1 moves
    it with the first when that one goes stale, and T-2 closes both 10 days later (issue
    13 item 7: such tasks never went stale; issue 16 item 3: they move together)."""
    with time_machine.travel(T0, tick=False):
        ana = make_user(rt, "ana@example.com", territory=EU)
        make_user(rt, "ben@example.com", territory=EU)
    first = _form_lead(rt, "first@linked.io", T0)
    second = _form_lead(rt, "second@linked.io", T0 + timedelta(hours=1))
    linked = _task(rt, second)
    assert linked.linked_task_id == first and linked.owner_id == ana.id  # M-3, at intake
    assert linked.stale_anchor_at == T0 + timedelta(hours=1)
    # T-1 × M-3 (issue 16 item 3): the first task's turn moves the linked one with it,
    # to the same new owner, so the account never has two owners.
    assert _sweep(rt, T0 + timedelta(days=10))["reassigned"] == 1  # T-1
    assert _task(rt, second).reassignment_count == 1
    assert _task(rt, second).owner_id == _task(rt, first).owner_id != ana.id
    assert _sweep(rt, T0 + timedelta(days=10, hours=1))["reassigned"] == 0
    stats = _sweep(rt, T0 + timedelta(days=20, hours=1))
    assert stats["closed"] == 2  # T-2: both, 10 days after their reassignment
    closed = _task(rt, second)
    assert closed.status == "Unqualified"
    assert closed.disqualification_reason == "Stale – Autoclosed"
