"""V-1 forecast movements between two moments on the known deals (issue 18): a deal that
went A → B → A did not move; deals created in the window come "in"; a close date moved
out of the window goes "out"; closed lost goes "down"; a deleted deal is in neither
state; moments with times, not just dates. Totals per kind and per category transition,
the paginated drill-down, both the rollup and the raw path, equal ``movement_oracle``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import time_machine
from sqlalchemy import delete

from salesops.opportunities import stages
from salesops.opportunities.models import Opportunity
from salesops.reports import forecast, movements
from salesops.reports.common import EVERYTHING, Filters, Scope
from salesops.users.models import User
from tests.reports import movement_oracle
from tests.reports.conftest import NOW, World, _create, at, update

EARLY = at(2, 17, 8)  # before the day's changes below


def _more_history(world: World) -> dict[str, int]:
    """On 02-17 … 02-19 (before NOW, 02-20 12:00): d3 Best case → Commit (09:00) → Best
    case (15:00); d6 created 02-18 10:00 (Pipeline, 12,000, closes 03-30); d1's close date
    → 2026-08-01 (Q3, out of the window) 02-19 10:00; d2 closed lost 02-19 11:00; a
    deal d7 created 02-17 09:30 and deleted."""
    rt, alice, bob = world.rt, world.alice, world.bob
    d = world.deals
    with time_machine.travel(NOW, tick=False):
        update(rt, bob, d["d3"], at(2, 17, 9), forecast_category="Commit")
        update(rt, bob, d["d3"], at(2, 17, 15), forecast_category="Best case")
        d6 = _create(rt, bob, "Dee6", 12000, date(2026, 3, 30), at(2, 18, 10))
        d7 = _create(
            rt,
            alice,
            "Dee7",
            7000,
            date(2026, 3, 1),
            at(
                2,
                17,
                9,
            ),
        )
        update(rt, alice, d["d1"], at(2, 19, 10), close_date=date(2026, 8, 1))
        with rt.uow() as s:
            stages.move_stage(
                s,
                s.get(User, alice.id),
                s.get(Opportunity, d["d2"]),  # type: ignore[arg-type]
                "Closed Lost",
                at(2, 19, 11),
                loss_reason="Pricing",
            )
        with rt.uow() as s:
            s.execute(delete(Opportunity).where(Opportunity.id == d7))
    return {**d, "d6": d6, "d7": d7}


def moved(
    world: World,
    before: datetime,
    after: datetime,
    page: movements.Page | None = None,
    scope: Scope = EVERYTHING,
    **f: Any,
) -> Any:
    with world.rt.uow(readonly=True) as s:
        return forecast.movements(s, Filters(**f), scope, before, after, page)


def test_v1_movements_state_at_both_moments_not_the_changes_between(world: World) -> None:
    d = _more_history(world)
    result = moved(world, EARLY, NOW)
    got = {r["opportunity_id"]: r for r in result.rows}
    assert set(got) == {d["d1"], d["d2"], d["d6"]}  # not d3 (A → B → A), not d7 (deleted)
    assert got[d["d6"]]["movement"] == "in"
    assert got[d["d6"]]["from_category"] is None and got[d["d6"]]["to_category"] == "Pipeline"
    assert got[d["d6"]]["arr_before"] is None
    assert got[d["d6"]]["arr_after"] == Decimal("12000.00")
    assert got[d["d6"]]["to_quarter"] == "2026-Q1"
    assert got[d["d1"]]["movement"] == "out"
    assert (got[d["d1"]]["from_quarter"], got[d["d1"]]["to_quarter"]) == ("2026-Q2", "2026-Q3")
    assert got[d["d1"]]["arr_before"] == Decimal("15000.00")
    assert got[d["d2"]]["movement"] == "down"  # closed lost → Omitted
    assert (got[d["d2"]]["from_category"], got[d["d2"]]["to_category"]) == ("Commit", "Omitted")
    assert result.totals["in"] == {"count": 1, "arr": Decimal("12000.00")}
    assert result.totals["out"] == {"count": 1, "arr": Decimal("15000.00")}
    assert result.totals["down"] == {"count": 1, "arr": Decimal("30000.00")}
    assert result.totals["up"] == {"count": 0, "arr": Decimal("0.00")}
    transitions = {
        (t["movement"], t["from_category"], t["to_category"]): (t["count"], t["arr_after"])
        for t in result.totals["transitions"]
    }
    assert transitions == {
        ("in", None, "Pipeline"): (1, Decimal("12000.00")),
        ("out", "Pipeline", "Pipeline"): (1, Decimal("15000.00")),
        ("down", "Commit", "Omitted"): (1, Decimal("30000.00")),
    }


def test_v1_movements_between_times_of_one_day(world: World) -> None:
    """d3 went up at 09:00 and back down at 15:00 on 02-17: each half of the day shows it."""
    d = _more_history(world)
    morning = moved(world, EARLY, at(2, 17, 12))
    assert [(r["opportunity_id"], r["movement"]) for r in morning.rows] == [(d["d3"], "up")]
    assert morning.rows[0]["from_category"] == "Best case"
    assert morning.rows[0]["to_category"] == "Commit"
    afternoon = moved(world, at(2, 17, 12), at(2, 17, 15))
    assert [(r["opportunity_id"], r["movement"]) for r in afternoon.rows] == [(d["d3"], "down")]
    just_before = moved(world, at(2, 17, 12), datetime(2026, 2, 17, 14, 59, 59, tzinfo=NOW.tzinfo))
    assert just_before.rows == []


def test_v1_movements_drill_down_pages_and_filters(world: World) -> None:
    d = _more_history(world)
    first = moved(world, at(1, 31), NOW, movements.Page(limit=2))
    everything = moved(world, at(1, 31), NOW)
    assert first.extra["page"]["rows"] == len(everything.rows) == 6  # d1 … d6
    assert first.rows == everything.rows[:2]
    assert first.extra["page"]["next_offset"] == 2
    rest = moved(world, at(1, 31), NOW, movements.Page(offset=2, limit=10))
    assert rest.rows == everything.rows[2:] and rest.extra["page"]["next_offset"] is None
    ups = moved(world, at(1, 31), NOW, movements.Page(movement="up", to_category="Commit"))
    assert {r["opportunity_id"] for r in ups.rows} == {d["d4"], d["d5"]}
    assert ups.extra["page"]["rows"] == 2
    assert ups.totals == everything.totals  # the totals are the whole selection's
    mine = moved(world, at(1, 31), NOW, owner_id=world.bob.id)
    assert {r["opportunity_id"] for r in mine.rows} == {d["d3"], d["d4"], d["d6"]}


def test_v1_movements_equal_the_oracle_on_both_paths(world: World) -> None:
    _more_history(world)
    alice = world.alice.id
    scopes = [EVERYTHING, Scope(everything=False, user_id=alice, territories=("U.S. West",))]
    moments = [at(1, 9), at(1, 12, 11), at(1, 31), at(2, 15), EARLY, at(2, 17, 12), NOW]
    with world.rt.uow(readonly=True) as s:
        for i, before in enumerate(moments):
            for after in moments[i + 1 :]:
                for extra in ({}, {"owner_id": alice}, {"lead_source": "Event"}):
                    for scope in scopes:
                        f = Filters(**extra)
                        rows, totals = movement_oracle.expected(s, f, scope, before, after)
                        for rollup in (True, False):
                            got = movements.summarise(
                                s,
                                f,
                                scope,
                                before,
                                after,
                                forecast.window(f, after.date()),
                                movement_oracle.CATEGORIES,
                                movement_oracle.DEFAULT,
                                movements.Page(),
                                rollup=rollup,
                            )
                            assert got[1] == rows, (before, after, extra, rollup)
                            assert {k: got[0][k] for k in totals} == totals
                            assert got[2] == len(rows)
