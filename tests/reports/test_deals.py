"""V-1 forecast (now, as of, movements), V-2 pipeline and V-7 quota on the known deals
(issue 18 items V-1, V-2, V-7; Q-6, Q-9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from salesops.reports import forecast, registry
from salesops.reports.common import EVERYTHING, Filters, Result, Scope, scope_of
from salesops.users.models import User
from tests.reports.conftest import NOW, World, at


def run(world: World, name: str, scope: Scope = EVERYTHING, **f: Any) -> Result:
    with world.rt.uow(readonly=True) as s:
        return registry.run(s, name, Filters(**f), scope, NOW)


def cells(result: Result) -> dict[tuple[str, str, int | None], tuple[Decimal, int]]:
    return {
        (r["quarter"], r["category"], r["owner_id"]): (r["arr"], r["count"]) for r in result.rows
    }


def test_v1_forecast_now_by_quarter_category_owner(world: World) -> None:
    a, b = world.alice.id, world.bob.id
    got = cells(run(world, "forecast"))
    assert got == {
        ("2026-Q1", "Commit", b): (Decimal("50000.00"), 1),  # won d4 (Q-6: won → Commit)
        ("2026-Q1", "Commit", a): (Decimal("40000.00"), 1),  # won d5
        ("2026-Q1", "Best case", b): (Decimal("20000.00"), 1),
        ("2026-Q2", "Commit", a): (Decimal("30000.00"), 1),
        ("2026-Q2", "Pipeline", a): (Decimal("15000.00"), 1),
    }
    totals = run(world, "forecast").totals
    assert totals["arr"] == Decimal("155000.00") and totals["count"] == 5


def test_v1_forecast_as_of_before_and_after_changes(world: World) -> None:
    a, b = world.alice.id, world.bob.id
    # 02-04: d1 still 10,000 in Q1; d4, d5 open in Pipeline; d2 Commit; d3 Best case.
    before = cells(run(world, "forecast", as_of=at(2, 4, 23)))
    assert before == {
        ("2026-Q1", "Pipeline", a): (Decimal("50000.00"), 2),  # d1 10k + d5 40k
        ("2026-Q1", "Pipeline", b): (Decimal("50000.00"), 1),  # d4
        ("2026-Q1", "Best case", b): (Decimal("20000.00"), 1),
        ("2026-Q2", "Commit", a): (Decimal("30000.00"), 1),
    }
    # 02-05 noon: d1's ARR is 15,000 but it still closes in Q1.
    mid = cells(run(world, "forecast", as_of=at(2, 5, 12)))
    assert mid[("2026-Q1", "Pipeline", a)] == (Decimal("55000.00"), 2)
    # 02-06 noon: d1 moved to Q2.
    after = cells(run(world, "forecast", as_of=at(2, 6, 12)))
    assert after[("2026-Q1", "Pipeline", a)] == (Decimal("40000.00"), 1)
    assert after[("2026-Q2", "Pipeline", a)] == (Decimal("15000.00"), 1)
    # 01-11: only d1 and d2 existed.
    early = cells(run(world, "forecast", as_of=at(1, 11)))
    assert early == {
        ("2026-Q1", "Pipeline", a): (Decimal("10000.00"), 1),
        ("2026-Q2", "Pipeline", a): (Decimal("30000.00"), 1),
    }


def test_v1_movements_between_two_moments(world: World) -> None:
    with world.rt.uow(readonly=True) as s:
        result = forecast.movements(s, Filters(), EVERYTHING, at(1, 31), NOW)
    moved = {
        r["opportunity_id"]: (r["movement"], r["from_category"], r["to_category"])
        for r in result.rows
    }
    d = world.deals
    assert moved == {
        d["d2"]: ("up", "Pipeline", "Commit"),
        d["d3"]: ("up", "Pipeline", "Best case"),
        d["d4"]: ("up", "Pipeline", "Commit"),
        d["d5"]: ("up", "Pipeline", "Commit"),
    }
    assert result.totals["up"] == {"count": 4, "arr": Decimal("140000.00")}


def test_v2_pipeline_counts_sums_and_weighted_sums(world: World) -> None:
    result = run(world, "pipeline")
    rows = {
        (r["stage"]): (r["probability"], r["count"], r["arr"], r["weighted_arr"])
        for r in result.rows
    }
    first = rows["Problem Agreement"]
    assert first[1:3] == (3, Decimal("65000.00"))  # d1 15k + d2 30k + d3 20k
    assert first[3] == Decimal(65000 * first[0]) / 100
    assert rows["Closed Won"] == (100, 2, Decimal("90000.00"), Decimal("90000.00"))
    assert result.totals["open_count"] == 3 and result.totals["count"] == 5
    # as of 02-04 all five were open in the first stage, d1 at 10,000
    early = run(world, "pipeline", as_of=at(2, 4))
    assert [(r["stage"], r["count"], r["arr"]) for r in early.rows] == [
        ("Problem Agreement", 5, Decimal("150000.00"))
    ]


def test_v7_quota_excludes_self_serve_post_engagement(world: World) -> None:
    """Q-9: d5 (alice, 40k, self serve post engagement) counts for nobody."""
    result = run(world, "quota", start=date(2026, 1, 1), end=date(2026, 3, 31))
    by_owner = {r["owner_id"]: r for r in result.rows}
    assert by_owner[world.bob.id]["won_arr"] == Decimal("50000.00")
    assert by_owner[world.bob.id]["won_count"] == 1
    assert by_owner[world.alice.id]["won_arr"] == Decimal("0.00")
    assert by_owner[world.alice.id]["won_count"] == 0
    assert by_owner[world.alice.id]["excluded_self_serve_arr"] == Decimal("40000.00")
    assert result.totals["won_arr"] == Decimal("50000.00")


def test_u2_sales_see_own_and_territory_rows(world: World) -> None:
    with world.rt.uow(readonly=True) as s:
        alice = scope_of(s, s.get(User, world.alice.id))  # type: ignore[arg-type]
        bob = scope_of(s, s.get(User, world.bob.id))  # type: ignore[arg-type]
    assert alice.territories == ("U.S. East",)
    # every deal's account is in New York (U.S. East): alice sees all, bob his own
    assert run(world, "forecast", alice).totals["count"] == 5
    owners = {r["owner_id"] for r in run(world, "forecast", bob).rows}
    assert owners == {world.bob.id}
