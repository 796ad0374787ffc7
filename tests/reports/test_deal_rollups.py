"""The deal rollups (issue 18 performance; V-1 forecast, V-2 pipeline, now and as of any
moment) equal the raw queries on random data, on both databases — after creating deals
through the service, after random edits of deals, after backdated history (snapshots
inserted, cut short, deleted, older than everything, in a month after every other one),
territory and lead-source moves and deleted deals; and the counts kept incrementally
equal a full rebuild (``deals_rollup.rebuild``)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import time_machine
from sqlalchemy import delete, select, text, update

from salesops.accounts.models import Account
from salesops.opportunities.models import Opportunity, OpportunitySnapshot
from salesops.playbook.runtime import Runtime
from salesops.reports import deals, deals_rollup, forecast, pipeline
from salesops.reports.common import EVERYTHING, Filters, Scope, money
from salesops.users.models import User
from tests.reports.conftest import NOW, World, _create

CATEGORIES = [None, "Pipeline", "Best case", "Commit", "Omitted"]
STAGES = [("Problem Agreement", 10), ("Priority Agreement", 50), ("Closed Won", 100)]
SOURCES = [None, "Contact form", "Event"]
TERRITORIES = ["U.S. East", "U.S. West", "Europe & Africa"]


def _moment(rng: random.Random) -> datetime:
    base = datetime(2025, 10, 1, tzinfo=UTC)
    return base + timedelta(minutes=rng.randrange(0, 150 * 24 * 60, 7))


def _history(rng: random.Random, opp_id: int, owners: list[int | None]) -> list[Any]:
    """Two to four contiguous snapshot ranges of random states, the last one maybe open."""
    moments = sorted(_moment(rng) for _ in range(rng.randint(2, 4)))
    rows = []
    for i, start in enumerate(moments):
        end = moments[i + 1] if i + 1 < len(moments) else rng.choice([None, _moment(rng)])
        if end is not None and end <= start:
            end = None
        stage, prob = rng.choice(STAGES)
        rows.append(
            OpportunitySnapshot(
                opportunity_id=opp_id,
                valid_from=start,
                valid_to=end,
                owner_id=rng.choice(owners),
                pipeline="new_business",
                stage=stage,
                probability=prob,
                forecast_category=rng.choice(CATEGORIES),
                amount=Decimal(rng.randrange(1000, 90000, 500)),
                close_date=rng.choice([None, date(2026, rng.randint(1, 9), rng.randint(1, 28))]),
                is_closed=stage == "Closed Won",
                is_won=stage == "Closed Won",
            )
        )
    return rows


def _moments() -> list[datetime | None]:
    return [
        None,
        datetime(2025, 9, 1, tzinfo=UTC),
        datetime(2025, 11, 1, tzinfo=UTC),  # a month start exactly
        datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(2026, 1, 15, 10, 0, tzinfo=UTC),
        datetime(2026, 2, 4, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 2, 20, 12, 0, tzinfo=UTC),
        datetime(2026, 7, 3, tzinfo=UTC),  # after every change
    ]


def _pipeline_rows(found: list[Any]) -> dict[Any, Any]:
    out = {}
    for r in found:
        if r.n:
            key = (r.pipeline, r.stage, int(r.probability))
            out[key] = (int(r.n), money(r.arr), money(Decimal(r.weighted or 0) / 100))
    return out


def check(rt: Runtime, alice: int, snapshot_moments: list[datetime]) -> int:
    """Rollup == raw for each moment × filter × scope; incremental counts == rebuild."""
    scopes = [
        EVERYTHING,
        Scope(everything=False, user_id=alice, territories=("U.S. West",)),
        Scope(everything=False, user_id=alice),
    ]
    compared = 0
    with rt.uow(readonly=True) as s:
        assert deals.rollup_usable(s), "a committed write left marks behind"
        default = "Pipeline"
        for as_of in [*_moments(), *snapshot_moments]:
            for extra in (
                {},
                {"owner_id": alice},
                {"territory": "U.S. West"},
                {"lead_source": "Event"},
            ):
                f = Filters(as_of=as_of, **extra)
                for scope in scopes if not extra else [EVERYTHING]:
                    for window in (
                        (date(2026, 1, 1), date(2026, 7, 1)),
                        (date(2025, 10, 1), date(2026, 1, 1)),
                    ):
                        raw = forecast.forecast_raw_rows(s, f, scope, default, window)
                        got = forecast._rollup_rows(s, f, scope, default, window)

                        def key(r: dict[str, Any]) -> Any:
                            return (r["quarter"], r["category"], r["owner_id"] or 0)

                        assert sorted(got, key=key) == sorted(raw, key=key), (as_of, f, scope)
                    for close in ((None, None), (date(2026, 2, 1), date(2026, 5, 1))):
                        pf = Filters(
                            as_of=as_of,
                            start=close[0],
                            end=close[1] - timedelta(days=1) if close[1] else None,
                            **extra,
                        )
                        raw_p = _pipeline_rows(pipeline.pipeline_raw(s, pf, scope))
                        got_p = _pipeline_rows(
                            deals.rollup_sums(
                                s, as_of, pf, scope, ["pipeline", "stage", "probability"], close
                            )
                        )
                        assert got_p == raw_p, (as_of, pf, scope)
                    compared += 1
    with rt.db.engine.begin() as conn:
        kept = _counts(conn)
        deals_rollup.rebuild(conn)
        rebuilt = _counts(conn)
        for mine, theirs in zip(kept, rebuilt, strict=True):
            assert sorted(set(mine) ^ set(theirs)) == [], "incremental counts != a rebuild"
    return compared


def _counts(conn: Any) -> list[Any]:
    out = []
    for table, key in (
        ("report_deal_counts", "month, category, owner_id, territory, lead_source"),
        ("report_snap_counts", "span, start, month, category, owner_id, territory"),
    ):
        rows = conn.execute(
            text(
                f"SELECT {key}, pipeline, stage, probability, n, arr, weighted FROM {table} "
                f"ORDER BY {key}, pipeline, stage, probability"
            )
        )
        out.append(
            [
                tuple(str(v) for v in r[:-2]) + (money(r[-2]), money(r[-1]))
                for r in rows
                if r.n or money(r.arr) or money(r.weighted)
            ]
        )
    through = conn.execute(text("SELECT through FROM report_snap_meta")).scalar()
    out.append([str(through)])
    return out


def _boundaries(rt: Runtime) -> list[datetime]:
    """Some snapshot boundaries exactly (valid_from, valid_to) and just before them."""
    with rt.uow(readonly=True) as s:
        found = s.execute(
            select(OpportunitySnapshot.valid_from, OpportunitySnapshot.valid_to).order_by(
                OpportunitySnapshot.id
            )
        ).all()
    picked = [m for row in found[::7] for m in row if m is not None]
    return [m for p in picked[:4] for m in (p, p - timedelta(microseconds=1))]


def test_deal_rollups_equal_raw_queries_on_random_data(world: World) -> None:
    rt = world.rt
    rng = random.Random(18)
    alice, bob = world.alice.id, world.bob.id
    owners: list[int | None] = [alice, bob, None]
    with time_machine.travel(NOW, tick=False):
        ids = list(world.deals.values())
        for i in range(12):  # more deals through the service (their own history)
            ids.append(
                _create(
                    rt,
                    world.alice if i % 2 else world.bob,
                    f"Rnd{i}",
                    rng.randrange(1000, 90000, 1000),
                    date(2026, rng.randint(1, 8), rng.randint(1, 28)),
                    _moment(rng),
                )
            )
        with rt.uow() as s:  # random states and territories, written over the services
            for opp_id in ids:
                opp = s.get(Opportunity, opp_id)
                assert opp is not None
                opp.owner_id = rng.choice(owners)
                opp.forecast_category = rng.choice(CATEGORIES)
                opp.lead_source = rng.choice(SOURCES)
                opp.stage, opp.probability = rng.choice(STAGES)
                opp.close_date = rng.choice([None, date(2026, rng.randint(1, 9), 3)])
                s.execute(
                    update(Account)
                    .where(Account.id == opp.account_id)
                    .values(territory=rng.choice(TERRITORIES))
                )
        compared = check(rt, alice, _boundaries(rt))
        assert compared > 50

        with rt.uow() as s:  # backdated history replaces the services' snapshots
            s.execute(
                delete(OpportunitySnapshot).where(OpportunitySnapshot.opportunity_id.in_(ids[:8]))
            )
            for opp_id in ids:
                s.add_all(_history(rng, opp_id, owners))
        check(rt, alice, _boundaries(rt))

        with rt.uow() as s:  # edits: amounts, categories, a cut-short range, deletes
            for opp_id in ids[::3]:
                opp = s.get(Opportunity, opp_id)
                assert opp is not None
                opp.amount = Decimal(rng.randrange(1000, 90000, 500))
                opp.forecast_category = rng.choice(CATEGORIES)
            snaps = s.scalars(select(OpportunitySnapshot).order_by(OpportunitySnapshot.id)).all()
            for snap in snaps[::5]:
                snap.amount = Decimal(rng.randrange(1000, 90000, 500))
                snap.forecast_category = rng.choice(CATEGORIES)
            for snap in snaps[1::6]:
                snap.valid_to = snap.valid_from + timedelta(hours=rng.randint(1, 500))
            for snap in snaps[2::9]:
                s.delete(snap)
        check(rt, alice, _boundaries(rt))

        with rt.uow() as s:  # older than everything, and after every month so far
            s.add_all(
                [
                    OpportunitySnapshot(
                        opportunity_id=ids[0],
                        valid_from=datetime(2024, 5, 5, tzinfo=UTC),
                        valid_to=datetime(2025, 9, 30, 23, 0, tzinfo=UTC),
                        owner_id=alice,
                        pipeline="new_business",
                        stage="Problem Agreement",
                        probability=10,
                        forecast_category="Commit",
                        amount=Decimal(7000),
                        close_date=date(2025, 11, 5),
                    ),
                    OpportunitySnapshot(
                        opportunity_id=ids[1],
                        valid_from=datetime(2026, 6, 30, 23, 0, tzinfo=UTC),
                        valid_to=None,
                        owner_id=bob,
                        pipeline="new_business",
                        stage="Priority Agreement",
                        probability=50,
                        forecast_category=None,
                        amount=Decimal(12500),
                        close_date=date(2026, 2, 9),
                    ),
                ]
            )
        check(rt, alice, _boundaries(rt))

        with rt.uow() as s:  # territory and lead-source moves; a deal deleted; raw SQL
            opp = s.get(Opportunity, ids[2])
            assert opp is not None
            s.execute(
                update(Account).where(Account.id == opp.account_id).values(territory="U.S. West")
            )
            s.execute(
                update(Opportunity).where(Opportunity.id.in_(ids[3:6])).values(lead_source="Event")
            )
            s.execute(
                delete(OpportunitySnapshot).where(OpportunitySnapshot.opportunity_id == ids[7])
            )
            s.execute(delete(Opportunity).where(Opportunity.id == ids[7]))
            s.execute(
                text("UPDATE opportunity_snapshots SET owner_id = :o WHERE opportunity_id = :i"),
                {"o": bob, "i": ids[8]},
            )
        check(rt, alice, _boundaries(rt))
        with rt.uow(readonly=True) as s:
            assert s.get(User, alice) is not None
