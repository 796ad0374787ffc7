"""Pure routing rules (R-3, R-3a, R-6, T-1, T-2) tested with plain values and an injected now."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from salesops.playbook.schema import Routing, Stale
from salesops.routing import rules
from salesops.routing.rules import Candidate

NOW = datetime(2024, 3, 20, 12, 0, tzinfo=UTC)


def _simulate(members: list[Candidate], n: int) -> Counter[int]:
    """Route ``n`` leads through ``pick_next``, counting like the service does."""
    state = {m.member_id: m for m in members}
    last = 0
    got: Counter[int] = Counter()
    for _ in range(n):
        pick = rules.pick_next(list(state.values()), last_member_id=last)
        assert pick.candidate is not None
        c = pick.candidate
        state[c.member_id] = Candidate(**{**c.__dict__, "assigned_count": c.assigned_count + 1})
        last = c.member_id
        got[c.user_id] += 1
    return got


def test_r3_equal_priorities_rotate_in_turn() -> None:
    members = [Candidate(i, 100 + i, 1, 0, 0) for i in (1, 2, 3)]
    order = []
    state = list(members)
    last = 0
    for _ in range(6):
        pick = rules.pick_next(state, last_member_id=last)
        assert pick.candidate is not None
        order.append(pick.candidate.user_id)
        last = pick.candidate.member_id
        state = [
            Candidate(**{**c.__dict__, "assigned_count": c.assigned_count + 1})
            if c.member_id == last
            else c
            for c in state
        ]
    assert order == [101, 102, 103, 101, 102, 103]


def test_r3_priority_3_gets_one_lead_for_every_3_of_priority_1() -> None:
    got = _simulate([Candidate(1, 11, 1, 0, 0), Candidate(2, 22, 3, 0, 0)], 400)
    assert got[11] == 300 and got[22] == 100


def test_r3_member_joining_mid_month_with_plus_50_is_not_flooded() -> None:
    """Others have 50 this month; +50 puts the newcomer level, so the rotation stays even."""
    members = [Candidate(1, 11, 1, 0, 50), Candidate(2, 22, 1, 0, 50), Candidate(3, 33, 1, 50, 0)]
    got = _simulate(members, 30)
    assert got == Counter({11: 10, 22: 10, 33: 10})
    flooded = _simulate([*members[:2], Candidate(3, 33, 1, 0, 0)], 30)
    assert flooded[33] == 30  # without the adjustment the newcomer would get every lead


def test_r3_ineligible_and_excluded_members_are_skipped_with_a_reason() -> None:
    members = [
        Candidate(1, 11, 1, 0, 0, eligible=False, why_not="off 2024-03-19…2024-03-22", email="a@x"),
        Candidate(2, 22, 1, 0, 5, email="b@x"),
    ]
    assert rules.pick_next(members).candidate.user_id == 22  # type: ignore[union-attr]
    none = rules.pick_next(members, exclude_user_ids=[22])
    assert none.candidate is None
    assert "a@x: off 2024-03-19" in none.reason and "b@x: current owner" in none.reason


def test_r3_level_adjustment_on_return_never_lowers() -> None:
    back = Candidate(1, 11, 1, 0, 10)
    others = [back, Candidate(2, 22, 1, 0, 40), Candidate(3, 33, 1, 0, 42)]
    assert rules.level_adjustment(back, others) == 30  # 10 + 30 = 40, level with the lowest
    ahead = Candidate(1, 11, 1, 5, 50)
    assert rules.level_adjustment(ahead, [ahead, *others[1:]]) == 5


def _pto(start: date, end: date, today: date) -> rules.Availability:
    return rules.availability([(start, end)], today, Routing())


def test_r6_one_day_off_stays_in_rotation_but_is_away() -> None:
    day = date(2024, 3, 20)
    a = _pto(day, day, day)
    assert a.in_rotation and a.away


def test_r6_two_days_off_is_out_then_back_the_day_before_return() -> None:
    start, end = date(2024, 3, 20), date(2024, 3, 21)  # returns on the 22nd
    assert not _pto(start, end, start).in_rotation
    assert _pto(start, end, end).in_rotation  # the day before the return
    assert _pto(start, end, date(2024, 3, 19)) == rules.Availability(True, False, "")


def test_r6_a_week_off_out_until_the_last_day() -> None:
    start, end = date(2024, 3, 18), date(2024, 3, 22)
    assert [_pto(start, end, start + timedelta(d)).in_rotation for d in range(6)] == [
        False,
        False,
        False,
        False,
        True,
        True,
    ]


def test_r6_back_to_back_single_days_count_as_consecutive() -> None:
    d1, d2 = date(2024, 3, 20), date(2024, 3, 21)
    a = rules.availability([(d1, d1), (d2, d2)], d1, Routing())
    assert not a.in_rotation


def test_r6_day_is_in_the_users_time_zone() -> None:
    late_utc = datetime(2024, 3, 20, 23, 30, tzinfo=UTC)
    assert rules.local_date(late_utc, "UTC") == date(2024, 3, 20)
    assert rules.local_date(late_utc, "Europe/Berlin") == date(2024, 3, 21)
    assert rules.local_date(late_utc, "America/Los_Angeles") == date(2024, 3, 20)
    assert rules.local_date(late_utc, "Not/AZone") == date(2024, 3, 20)


def test_r3a_months_ago_clamps_to_month_end() -> None:
    assert rules.months_ago(datetime(2024, 6, 30, tzinfo=UTC), 4) == datetime(
        2024, 2, 29, tzinfo=UTC
    )
    assert rules.months_ago(datetime(2024, 2, 15, tzinfo=UTC), 4) == datetime(
        2023, 10, 15, tzinfo=UTC
    )


def test_t1_exactly_10_days_is_stale_and_9_is_not() -> None:
    stale = Stale()
    assert (
        rules.stale_action(
            reassignment_count=0, anchor=NOW - timedelta(days=10), now=NOW, stale=stale
        )
        == "reassign"
    )
    assert (
        rules.stale_action(
            reassignment_count=0,
            anchor=NOW - timedelta(days=10) + timedelta(seconds=1),
            now=NOW,
            stale=stale,
        )
        is None
    )


def test_t2_autoclose_only_after_the_reassignment() -> None:
    stale = Stale()
    old = NOW - timedelta(days=30)
    assert rules.stale_action(reassignment_count=1, anchor=old, now=NOW, stale=stale) == "autoclose"
    assert (
        rules.stale_action(
            reassignment_count=1, anchor=NOW - timedelta(days=9), now=NOW, stale=stale
        )
        is None
    )
