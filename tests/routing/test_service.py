"""The routing chain end to end (M-3, R-2, R-3, R-3a, R-4, R-6, R-7, O-8), injected clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import time_machine
from sqlalchemy import func, select

from salesops.accounts import service as accounts
from salesops.accounts.models import Account
from salesops.core.audit import Decision
from salesops.flows import people
from salesops.playbook.runtime import Runtime
from salesops.routing.models import TerritoryMember
from salesops.tasks.models import Task
from salesops.users import service as users
from tests.factories import _actor, make_user
from tests.routing.helpers import lead

NOW = datetime(2024, 3, 20, 10, 0, tzinfo=UTC)
EU = "Europe & Africa"


def _owner(rt: Runtime, task_id: int) -> tuple[int | None, int | None, bool]:
    with rt.uow(readonly=True) as s:
        task = s.get(Task, task_id)
        assert task is not None
        account = s.get(Account, task.account_id)
        assert account is not None
        return task.owner_id, account.owner_id, task.owner_away


def _decisions(rt: Runtime, task_id: int) -> list[Decision]:
    with rt.uow(readonly=True) as s:
        return list(
            s.scalars(
                select(Decision).where(
                    Decision.subject_type == "task", Decision.subject_id == task_id
                )
            )
        )


@time_machine.travel(NOW, tick=False)
def test_r3_r4_round_robin_in_the_accounts_territory_owns_account_and_task(rt: Runtime) -> None:
    a = make_user(rt, "ana@example.com", territory=EU)
    b = make_user(rt, "ben@example.com", territory=EU)
    make_user(rt, "us@example.com", territory="U.S. West")
    owners = []
    for _ in range(4):
        t = lead(rt, "DE")
        owner, account_owner, away = _owner(rt, t.id)
        assert owner == account_owner and not away
        owners.append(owner)
    assert owners == [a.id, b.id, a.id, b.id]
    [d] = [d for d in _decisions(rt, t.id) if d.kind == "route"]
    assert d.rule_ids == ["R-4", "R-3"] and d.territory == EU and d.owner_id == b.id
    assert "weighted round robin" in d.reason
    with rt.uow(readonly=True) as s:
        counts = dict(
            s.execute(select(TerritoryMember.user_id, TerritoryMember.assigned_count)).all()
        )
    assert counts[a.id] == 2 and counts[b.id] == 2


@time_machine.travel(NOW, tick=False)
def test_r4_unknown_country_goes_to_the_fallback_territory(rt: Runtime) -> None:
    east = make_user(rt, "east@example.com", territory="U.S. East")
    t = lead(rt, None)
    assert _owner(rt, t.id)[0] == east.id
    with rt.uow(readonly=True) as s:
        assert s.get(Task, t.id).territory == "U.S. East"  # type: ignore[union-attr]


@time_machine.travel(NOW, tick=False)
def test_r2_account_owner_first_and_flagged_away_on_time_off(rt: Runtime) -> None:
    a = make_user(rt, "ana@example.com", territory=EU)
    make_user(rt, "ben@example.com", territory=EU)
    first = lead(rt, "DE")
    assert _owner(rt, first.id)[0] == a.id
    with rt.uow() as s:
        account_id = s.get(Task, first.id).account_id  # type: ignore[union-attr]
        users.add_time_off(
            s, users.get_user(s, a.id), date(2024, 3, 20), date(2024, 3, 25), now=NOW
        )
    with rt.uow(readonly=True) as s:
        account = s.get(Account, account_id)
    second = lead(rt, account=account)
    owner, _, away = _owner(rt, second.id)
    assert owner == a.id and away  # PTO does not take owned accounts away
    [d] = [d for d in _decisions(rt, second.id) if d.kind == "route"]
    assert d.rule_ids == ["R-2", "R-6"] and "owner away" in d.reason


@time_machine.travel(NOW, tick=False)
def test_r7_deactivated_owner_leaves_rotation_and_account_is_reowned(rt: Runtime) -> None:
    a = make_user(rt, "ana@example.com", territory=EU)
    b = make_user(rt, "ben@example.com", territory=EU)
    first = lead(rt, "DE")
    assert _owner(rt, first.id)[0] == a.id
    actor = _actor(rt)  # before the unit of work: one SQLite writer
    with rt.uow() as s:
        people.update_user(s, actor, users.get_user(s, a.id), now=NOW, active=False)
        member = s.scalar(select(TerritoryMember).where(TerritoryMember.user_id == a.id))
        assert member is not None and member.active is False
        account = s.get(Account, s.get(Task, first.id).account_id)  # type: ignore[union-attr]
    second = lead(rt, account=account)
    owner, account_owner, _ = _owner(rt, second.id)
    assert owner == b.id and account_owner == b.id
    [d] = [d for d in _decisions(rt, second.id) if d.kind == "route"]
    assert d.rule_ids[0] == "R-7"
    for _ in range(3):  # a deactivated user never receives anything
        assert _owner(rt, lead(rt, "FR").id)[0] == b.id


def test_r3a_returning_lead_within_4_months_goes_to_the_earlier_owner(rt: Runtime) -> None:
    with time_machine.travel(NOW, tick=False):
        a = make_user(rt, "ana@example.com", territory=EU)
        b = make_user(rt, "ben@example.com", territory=EU)
        first = lead(rt, "DE")
        assert _owner(rt, first.id)[0] == a.id
        actor = _actor(rt)  # before the unit of work: one SQLite writer
        with rt.uow() as s:
            account = s.get(Account, s.get(Task, first.id).account_id)  # type: ignore[union-attr]
            accounts.update_account(s, actor, account, {"owner_id": None}, NOW)
    with time_machine.travel(NOW + timedelta(days=110), tick=False):
        back = lead(rt, account=account)
        assert _owner(rt, back.id)[:2] == (a.id, a.id)
        assert [d for d in _decisions(rt, back.id) if d.kind == "route"][0].rule_ids == ["R-3a"]
        actor = _actor(rt)  # before the unit of work: one SQLite writer
        with rt.uow() as s:
            acc = s.get(Account, account.id)
            accounts.update_account(s, actor, acc, {"owner_id": None}, NOW)  # type: ignore[arg-type]
    with time_machine.travel(NOW + timedelta(days=110 + 125), tick=False):
        late = lead(rt, account=account)  # > 4 months after the last lead: round robin
        assert _owner(rt, late.id)[0] == b.id


@time_machine.travel(NOW, tick=False)
def test_m3_linked_open_task_keeps_the_same_owner(rt: Runtime) -> None:
    a = make_user(rt, "ana@example.com", territory=EU)
    b = make_user(rt, "ben@example.com", territory=EU)
    first = lead(rt, "DE")  # → ana
    other = lead(rt, "DE")  # → ben
    assert _owner(rt, other.id)[0] == b.id
    with rt.uow() as s:
        account = s.get(Account, s.get(Task, first.id).account_id)  # type: ignore[union-attr]
    linked = lead(rt, account=account, linked_task_id=other.id)
    assert _owner(rt, linked.id)[0] == b.id
    assert [d for d in _decisions(rt, linked.id) if d.kind == "route"][0].rule_ids == ["M-3"]
    assert a.id != b.id


def test_r6_member_on_time_off_is_skipped_and_levelled_on_return(rt: Runtime) -> None:
    with time_machine.travel(NOW, tick=False):
        a = make_user(rt, "ana@example.com", territory=EU)
        b = make_user(rt, "ben@example.com", territory=EU)
        with rt.uow() as s:
            users.add_time_off(
                s, users.get_user(s, a.id), date(2024, 3, 20), date(2024, 3, 26), now=NOW
            )
        owners = [_owner(rt, lead(rt, "DE").id)[0] for _ in range(6)]
        assert owners == [b.id] * 6
    with time_machine.travel(NOW + timedelta(days=6), tick=False):  # the 26th: back in
        owners = [_owner(rt, lead(rt, "DE").id)[0] for _ in range(4)]
        assert owners.count(a.id) == 2  # level with ben, not six in a row
    with rt.uow(readonly=True) as s:
        levelled = s.scalar(select(func.count()).where(Decision.kind == "rotation_level"))
    assert levelled == 1


@time_machine.travel(NOW, tick=False)
def test_r6_one_day_off_stays_in_rotation(rt: Runtime) -> None:
    a = make_user(rt, "ana@example.com", territory=EU)
    b = make_user(rt, "ben@example.com", territory=EU)
    with rt.uow() as s:
        users.add_time_off(
            s, users.get_user(s, a.id), date(2024, 3, 20), date(2024, 3, 20), now=NOW
        )
    owners = [_owner(rt, lead(rt, "DE").id) for _ in range(2)]
    assert [o[0] for o in owners] == [a.id, b.id]
    assert owners[0][2] is True  # on time off today: flagged away


@time_machine.travel(NOW, tick=False)
def test_r6_time_off_uses_the_users_time_zone(rt: Runtime) -> None:
    """At 23:30 UTC on the 19th it is already the 20th in Tokyo: out from then."""
    tokyo = make_user(rt, "jp@example.com", territory="Asia & Middle East", timezone="Asia/Tokyo")
    other = make_user(rt, "sg@example.com", territory="Asia & Middle East")
    with rt.uow() as s:
        users.add_time_off(
            s, users.get_user(s, tokyo.id), date(2024, 3, 20), date(2024, 3, 22), now=NOW
        )
    with time_machine.travel(datetime(2024, 3, 19, 23, 30, tzinfo=UTC), tick=False):
        assert [_owner(rt, lead(rt, "JP").id)[0] for _ in range(2)] == [other.id, other.id]
    assert tokyo.id != other.id


@time_machine.travel(NOW, tick=False)
def test_r3_nobody_eligible_leaves_the_task_unassigned_with_a_reason(rt: Runtime) -> None:
    t = lead(rt, "DE")
    assert _owner(rt, t.id)[0] is None
    [d] = [d for d in _decisions(rt, t.id) if d.kind == "route"]
    assert d.reason.startswith("left unassigned") and "no eligible member" in d.reason
