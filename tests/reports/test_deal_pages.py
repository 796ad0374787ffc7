"""The board's column totals from the deal rollups (issue 17,
fourth pass) equal the raw queries they replace (V-1, V-2), for everyone and per owner,
and after a write the rollups count."""

from __future__ import annotations

from sqlalchemy import update

from salesops.opportunities import board
from salesops.opportunities.models import Opportunity
from salesops.reports import deal_pages, deals
from tests.reports.conftest import World


def _both(world: World) -> None:
    with world.rt.uow(readonly=True) as s:
        assert deals.rollup_usable(s)  # the pages read the rollups here
        for owner in (None, world.alice.id, world.bob.id):
            got = deal_pages.column_totals(s, "new_business", owner)
            assert got == board.column_totals(s, "new_business", owner), owner
        assert sum(t.count for t in deal_pages.column_totals(s, "new_business").values()) > 0
        assert deal_pages.column_totals(s, "no such pipeline") == {}


def test_v2_board_totals_from_the_rollups_equal_the_raw_queries(
    world: World,
) -> None:
    _both(world)
    with world.rt.uow() as s:  # a deal changes owner, amount and category: counted again
        deal = min(world.deals.values())
        s.execute(
            update(Opportunity)
            .where(Opportunity.id == deal)
            .values(owner_id=None, amount=12345, forecast_category=None)
        )
    _both(world)
