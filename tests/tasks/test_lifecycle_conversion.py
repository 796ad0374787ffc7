"""C-1 … C-3: converting a lead task into an opportunity, through the service layer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from salesops.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from salesops.flows import conversion
from salesops.opportunities.models import Opportunity, OpportunityContactRole
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users.models import User
from tests.factories import make_account, make_contact, make_task, make_user

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
ALL = {
    "call_held": True,
    "problem_identified": True,
    "important_now": True,
    "pricing_in_ballpark": True,
    "decision_maker": True,
    "next_step_agreed": True,
}


@pytest.fixture
def setup(rt: Runtime) -> tuple[User, Task]:
    rep = make_user(rt, "rep@example.com", password=None)
    account = make_account(rt, "Acme")
    contact = make_contact(rt, "ann@acme.com", account_id=account.id)
    return rep, make_task(rt, account, contact, owner_id=rep.id, lead_source="Email")


def _convert(rt: Runtime, user_id: int, task_id: int, **kw: object) -> Opportunity:
    with rt.uow() as s:
        actor = s.get(User, user_id)
        assert actor is not None
        return conversion.convert(s, actor, s.get(Task, task_id), now=NOW, **kw)  # type: ignore[arg-type]


def test_c1_five_of_six_criteria_refused_naming_the_missing_one(
    rt: Runtime, setup: tuple[User, Task]
) -> None:
    rep, task = setup
    five = {**ALL, "decision_maker": False}
    with pytest.raises(ValidationFailed) as exc:
        _convert(rt, rep.id, task.id, criteria={**five, "engineer_on_first_call": True})
    assert exc.value.rule == "C-1" and exc.value.field == "criteria.decision_maker"
    assert exc.value.extra["missing"] == ["decision_maker"]
    assert "decision maker" in exc.value.detail
    with rt.uow(readonly=True) as s:
        t = s.get(Task, task.id)
        assert t is not None and t.status == "New" and t.opportunity_id is None


def test_c3_no_engineer_waits_for_second_call(rt: Runtime, setup: tuple[User, Task]) -> None:
    rep, task = setup
    with pytest.raises(ValidationFailed) as exc:
        _convert(rt, rep.id, task.id, criteria={**ALL, "engineer_on_first_call": False})
    assert exc.value.rule == "C-3" and exc.value.field == "criteria.second_call_on"
    opp = _convert(
        rt,
        rep.id,
        task.id,
        criteria={**ALL, "engineer_on_first_call": False, "second_call_on": date(2025, 3, 10)},
    )
    assert opp.id


def test_c3_a_second_call_in_the_past_is_not_on_the_calendar(
    rt: Runtime, setup: tuple[User, Task]
) -> None:
    """C-3 (issue 16 item 6): at conversion the second call is today or later."""
    rep, task = setup
    no_engineer = {**ALL, "engineer_on_first_call": False}
    for day in (NOW.date() - timedelta(days=1), "2001-01-01"):
        with pytest.raises(ValidationFailed) as exc:
            _convert(rt, rep.id, task.id, criteria={**no_engineer, "second_call_on": day})
        assert exc.value.rule == "C-3" and exc.value.field == "criteria.second_call_on"
        assert "in the past" in exc.value.detail
    with pytest.raises(ValidationFailed, match="must be a date"):
        _convert(rt, rep.id, task.id, criteria={**no_engineer, "second_call_on": "next week"})
    opp = _convert(rt, rep.id, task.id, criteria={**no_engineer, "second_call_on": NOW.date()})
    assert opp.id  # today counts: the call is on today's calendar


def test_c1_criteria_recorded_over_time_then_convert(rt: Runtime, setup: tuple[User, Task]) -> None:
    rep, task = setup
    with rt.uow() as s:
        actor = s.get(User, rep.id)
        conversion.record_criteria(
            s,
            actor,
            s.get(Task, task.id),  # type: ignore[arg-type]
            {"call_held": True, "engineer_on_first_call": True},
            NOW,
        )
        with pytest.raises(ValidationFailed) as exc:
            conversion.record_criteria(s, actor, s.get(Task, task.id), {"vibes": True}, NOW)  # type: ignore[arg-type]
        assert exc.value.field == "criteria.vibes"
    rest = {k: v for k, v in ALL.items() if k != "call_held"}
    opp = _convert(rt, rep.id, task.id, criteria=rest)
    assert opp.id


def test_c2_opportunity_linked_with_source_account_contact_role_record_type(
    rt: Runtime, setup: tuple[User, Task]
) -> None:
    rep, task = setup
    opp = _convert(
        rt,
        rep.id,
        task.id,
        criteria={**ALL, "engineer_on_first_call": True},
        contact_role="Champion",
        opportunity={"opp_type": "Annual Plan"},
    )
    with rt.uow(readonly=True) as s:
        o = s.get(Opportunity, opp.id)
        t = s.get(Task, task.id)
        assert o is not None and t is not None
        assert (o.lead_source, o.account_id, o.contact_id, o.owner_id) == (
            "Email",
            t.account_id,
            t.contact_id,
            rep.id,
        )
        assert (o.record_type, o.opp_type, o.stage, o.task_id) == (
            "New Revenue",
            "Annual Plan",
            "Problem Agreement",
            task.id,
        )
        assert o.amount == 20000 and o.term_months == 12  # Q-3 defaults
        role = s.scalars(select(OpportunityContactRole)).one()
        assert (role.contact_id, role.role) == (t.contact_id, "Champion")
        assert t.status == "Converted" and t.opportunity_id == o.id
    with pytest.raises(InvalidTransition):
        _convert(rt, rep.id, task.id, criteria=ALL)


def test_c2_q1_wrong_record_type_refused(rt: Runtime, setup: tuple[User, Task]) -> None:
    rep, task = setup
    with pytest.raises(ValidationFailed) as exc:
        _convert(
            rt,
            rep.id,
            task.id,
            criteria={**ALL, "engineer_on_first_call": True},
            record_type="Existing – Convert to Annual",
        )
    assert exc.value.field == "record_type" and exc.value.rule == "Q-1"


def test_c2_other_salesperson_cannot_convert(rt: Runtime, setup: tuple[User, Task]) -> None:
    _, task = setup
    other = make_user(rt, "other@example.com", password=None)
    with pytest.raises(PermissionDenied):
        _convert(rt, other.id, task.id, criteria={**ALL, "engineer_on_first_call": True})
