"""Reassigning one task, account or deal (issue 17 item 4): admins at once, salespeople
through an admin's approval (U-2); an account moves with its open tasks and deals, a deal
on someone else's account asks first (M-3); every change a decision record (O-8)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from salesops.accounts.models import Account
from salesops.core import clock
from salesops.core.audit import Decision
from salesops.core.errors import Conflict, PermissionDenied, ValidationFailed
from salesops.flows import ownership
from salesops.opportunities.models import Opportunity
from salesops.opportunities.service import create_opportunity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users.service import get_user
from tests.factories import make_account, make_contact, make_task, make_user


@pytest.fixture
def world(rt: Runtime, admin: Any) -> dict[str, Any]:
    sam = make_user(rt, "sam@example.com", name="Sam Sales")
    kim = make_user(rt, "kim@example.com", name="Kim Sales")
    account = make_account(rt, "Initech", country="DE", owner_id=sam.id)
    jo = make_contact(rt, "jo@initech.de", name="Jo", account_id=account.id)
    open_task = make_task(rt, account, jo, owner_id=sam.id)
    closed_task = make_task(rt, account, jo, owner_id=sam.id)  # not inside a unit of work:
    with rt.uow() as s:  # a nested one could wait on SQLite's write lock
        done = s.get(Task, closed_task.id)
        assert done is not None
        done.status = "Unqualified"
        deal = create_opportunity(
            s, get_user(s, admin.id),
            {"account_id": account.id, "record_type": "New Revenue", "name": "Initech deal",
             "owner_id": sam.id, "close_date": date(2026, 12, 20)},
            clock.now(),
        )  # fmt: skip
        deal_id = deal.id
    return {"sam": sam, "kim": kim, "account": account, "task": open_task, "done": done,
            "deal": deal_id}  # fmt: skip


def _owners(rt: Runtime, w: dict[str, Any]) -> tuple[Any, ...]:
    with rt.uow(readonly=True) as s:
        return (
            s.get(Account, w["account"].id).owner_id,  # type: ignore[union-attr]
            s.get(Task, w["task"].id).owner_id,  # type: ignore[union-attr]
            s.get(Task, w["done"].id).owner_id,  # type: ignore[union-attr]
            s.get(Opportunity, w["deal"]).owner_id,  # type: ignore[union-attr]
        )


def test_m3_an_admin_reassigns_an_account_with_its_open_work_audited(
    rt: Runtime, admin: Any, world: dict[str, Any]
) -> None:
    sam, kim = world["sam"], world["kim"]
    with rt.uow() as s:
        plan, asked = ownership.reassign(
            s, get_user(s, admin.id), "account", world["account"].id, kim.id,
            why="Kim covers DACH now", now=clock.now(),
        )  # fmt: skip
    assert asked is None and plan.with_account
    assert (len(plan.tasks), len(plan.deals)) == (1, 1)  # the closed task stays
    assert plan.account_work == (1, 1)
    assert _owners(rt, world) == (kim.id, kim.id, sam.id, kim.id)
    with rt.uow(readonly=True) as s:
        rows = list(s.scalars(select(Decision).where(Decision.kind == "reassign")))
    assert {(d.subject_type, d.subject_id) for d in rows} == {
        ("account", world["account"].id), ("task", world["task"].id), ("opportunity", world["deal"])
    }  # fmt: skip
    for d in rows:  # who, from, to, why
        assert d.actor_id == admin.id and d.inputs["previous_owner_id"] == sam.id
        assert d.outcome == {"owner_id": kim.id} and d.inputs["why"] == "Kim covers DACH now"
        assert "M-3" in d.rule_ids


def test_m3_a_deal_on_someone_elses_account_asks_what_to_do(
    rt: Runtime, admin: Any, world: dict[str, Any]
) -> None:
    sam, kim = world["sam"], world["kim"]
    with rt.uow() as s, pytest.raises(ValidationFailed) as err:
        ownership.reassign(
            s, get_user(s, admin.id), "opportunity", world["deal"], kim.id, why="x",
            now=clock.now(),
        )  # fmt: skip
    assert err.value.field == "with_account" and "Initech belongs to someone else" in (
        err.value.detail
    )
    with rt.uow() as s:
        ownership.reassign(
            s, get_user(s, admin.id), "opportunity", world["deal"], kim.id, why="x",
            now=clock.now(), with_account=False,
        )  # fmt: skip
    assert _owners(rt, world) == (sam.id, sam.id, sam.id, kim.id)
    with rt.uow() as s:
        ownership.reassign(
            s, get_user(s, admin.id), "task", world["task"].id, kim.id, why="all to Kim",
            now=clock.now(), with_account=True,
        )  # fmt: skip
    assert _owners(rt, world) == (kim.id, kim.id, sam.id, kim.id)


def test_u2_a_salespersons_reassignment_waits_for_an_admin(
    rt: Runtime, admin: Any, world: dict[str, Any]
) -> None:
    sam, kim = world["sam"], world["kim"]
    with rt.uow() as s:
        _, asked = ownership.reassign(
            s, get_user(s, sam.id), "account", world["account"].id, kim.id,
            why="I am off to the US team", now=clock.now(),
        )  # fmt: skip
        assert asked is not None
        request_id = asked.id
    assert _owners(rt, world) == (sam.id, sam.id, sam.id, sam.id)  # nothing moved yet
    with rt.uow() as s, pytest.raises(Conflict):
        ownership.reassign(
            s, get_user(s, sam.id), "account", world["account"].id, kim.id, why="again",
            now=clock.now(),
        )  # fmt: skip
    with rt.uow() as s, pytest.raises(PermissionDenied):
        ownership.resolve_request(s, get_user(s, sam.id), request_id, approve=True, now=clock.now())
    with rt.uow() as s:
        assert [d.id for d in ownership.pending_requests(s)] == [request_id]
        ownership.resolve_request(
            s, get_user(s, admin.id), request_id, approve=True, now=clock.now()
        )
    assert _owners(rt, world) == (kim.id, kim.id, sam.id, kim.id)
    with rt.uow() as s:
        assert ownership.pending_requests(s) == []
        with pytest.raises(Conflict):
            ownership.resolve_request(
                s, get_user(s, admin.id), request_id, approve=False, now=clock.now()
            )
        moved = s.scalar(select(Decision).where(Decision.kind == "reassign").limit(1))
        assert moved is not None and moved.inputs["requested_by"] == sam.id


def test_u2_refused_requests_move_nothing_and_others_records_cannot_be_asked(
    rt: Runtime, admin: Any, world: dict[str, Any]
) -> None:
    sam, kim = world["sam"], world["kim"]
    with rt.uow() as s, pytest.raises(PermissionDenied):
        ownership.reassign(
            s, get_user(s, kim.id), "task", world["task"].id, kim.id, why="mine now",
            now=clock.now(), with_account=False,
        )  # fmt: skip
    with rt.uow() as s, pytest.raises(ValidationFailed) as err:
        ownership.reassign(
            s, get_user(s, sam.id), "task", world["task"].id, kim.id, why="  ",
            now=clock.now(), with_account=False,
        )  # fmt: skip
    assert err.value.field == "why"
    with rt.uow() as s:
        _, asked = ownership.reassign(
            s, get_user(s, sam.id), "task", world["task"].id, kim.id, why="Kim speaks German",
            now=clock.now(), with_account=False,
        )  # fmt: skip
        assert asked is not None
        ownership.resolve_request(
            s, get_user(s, admin.id), asked.id, approve=False, now=clock.now(), note="no"
        )
    assert _owners(rt, world) == (sam.id, sam.id, sam.id, sam.id)


def test_u2_a_salesperson_takes_an_unowned_deal_without_asking(
    rt: Runtime, admin: Any, world: dict[str, Any]
) -> None:
    sam, kim = world["sam"], world["kim"]
    with rt.uow() as s:
        s.get(Opportunity, world["deal"]).owner_id = None  # type: ignore[union-attr]
    with rt.uow() as s:
        _, asked = ownership.reassign(
            s, get_user(s, kim.id), "opportunity", world["deal"], kim.id, why="nobody had it",
            now=clock.now(), with_account=False,
        )  # fmt: skip
    assert asked is None
    assert _owners(rt, world) == (sam.id, sam.id, sam.id, kim.id)
