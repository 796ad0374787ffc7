"""V-3 funnel, V-4 disqualifications and V-5 speed to lead on a small known set of lead
tasks (issue 18 items V-3, V-4, V-5; D-2, T-1, T-2).

January 2026 (the period), created at 10:00 unless said:

====  ============  =====  ===========  ==================================================
task  source        owner  first touch  then
====  ============  =====  ===========  ==================================================
t1    Contact form  alice  +4 h         opportunity +4 days, won +20 days
t2    Contact form  alice  +48 h        opportunity +10 days
t3    Contact form  bob    —            reassigned once; Stale – Autoclosed on 01-20
t4    Event         bob    +1 h         Spam on 01-12
t5    Event         bob    +22 h        reassigned twice; No Budget on 01-15
t6    Contact form  alice  —            created 02-05: outside the period
====  ============  =====  ===========  ==================================================
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine

from salesops.opportunities import service as opps
from salesops.playbook.runtime import Runtime
from salesops.reports import registry
from salesops.reports.common import EVERYTHING, Filters, Result
from salesops.tasks.models import Task
from salesops.users.models import User
from tests.factories import make_account, make_contact, make_task, make_user

NOW = datetime(2026, 2, 20, 12, tzinfo=UTC)
JAN = {"start": date(2026, 1, 1), "end": date(2026, 1, 31)}


def day(d: int, month: int = 1, hour: int = 10) -> datetime:
    return datetime(2026, month, d, hour, tzinfo=UTC)


def _task(rt: Runtime, n: int, source: str, owner: User, created: datetime, **fields: Any) -> int:
    account = make_account(rt, f"Lead{n}", country="US", us_state="NY")
    contact = make_contact(rt, f"p{n}@lead{n}.com", account_id=account.id)
    with time_machine.travel(created, tick=False):
        task = make_task(rt, account, contact, lead_source=source)
    with rt.uow() as s:
        row = s.get(Task, task.id)
        assert row is not None
        row.owner_id = owner.id
        row.created_at = created
        for key, value in fields.items():
            setattr(row, key, value)
    return task.id


def _opportunity(
    rt: Runtime, task_id: int, owner: User, created: datetime, won: datetime | None
) -> None:
    with rt.uow() as s:
        task = s.get(Task, task_id)
        assert task is not None
        opp = opps.create_opportunity(
            s,
            None,
            {
                "account_id": task.account_id,
                "record_type": "New Revenue",
                "task_id": task_id,
                "owner_id": owner.id,
                "lead_source": task.lead_source,
            },
            created,
            system=True,
        )
        task.opportunity_id = opp.id
        task.status = "Converted"
        if won is not None:
            opp.is_won = opp.is_closed = True
            opp.won_at = opp.closed_at = won


@pytest.fixture
def leads(rt: Runtime) -> dict[str, User]:
    with time_machine.travel(NOW, tick=False):
        alice = make_user(rt, "alice@example.com", name="Alice", password=None)
        bob = make_user(rt, "bob@example.com", name="Bob", password=None)
    t1 = _task(rt, 1, "Contact form", alice, day(5), first_touched_at=day(5, hour=14))
    t2 = _task(rt, 2, "Contact form", alice, day(6), first_touched_at=day(8))
    _task(
        rt,
        3,
        "Contact form",
        bob,
        day(7),
        reassignment_count=1,
        status="Unqualified",
        disqualification_reason="Stale – Autoclosed",
        closed_at=day(20),
    )
    _task(
        rt,
        4,
        "Event",
        bob,
        day(10),
        first_touched_at=day(10, hour=11),
        status="Unqualified",
        disqualification_reason="Spam",
        closed_at=day(12),
    )
    _task(
        rt,
        5,
        "Event",
        bob,
        day(11),
        first_touched_at=day(12, hour=8),
        reassignment_count=2,
        status="Unqualified",
        disqualification_reason="No Budget",
        closed_at=day(15),
    )
    _task(rt, 6, "Contact form", alice, day(5, month=2))
    _opportunity(rt, t1, alice, day(9), won=day(25))
    _opportunity(rt, t2, alice, day(16), won=None)
    return {"alice": alice, "bob": bob}


def run(rt: Runtime, name: str, **f: Any) -> Result:
    with rt.uow(readonly=True) as s:
        return registry.run(s, name, Filters(**f), EVERYTHING, NOW)


def test_v3_funnel_rates_and_medians(rt: Runtime, leads: dict[str, User]) -> None:
    result = run(rt, "funnel", **JAN)
    rows = {r["lead_source"]: r for r in result.rows}
    assert rows["Contact form"] == {
        "lead_source": "Contact form",
        "tasks": 3,
        "opportunities": 2,
        "won": 1,
        "task_to_opportunity_rate": pytest.approx(2 / 3, abs=1e-4),
        "opportunity_to_won_rate": 0.5,
        "median_days_to_opportunity": pytest.approx(7.0),  # median(4, 10)
        "median_days_to_won": pytest.approx(20.0),
    }
    assert rows["Event"]["tasks"] == 2 and rows["Event"]["opportunities"] == 0
    assert rows["Event"]["opportunity_to_won_rate"] is None
    assert rows["Event"]["median_days_to_opportunity"] is None
    assert result.totals["tasks"] == 5 and result.totals["won"] == 1
    assert result.totals["median_days_to_opportunity"] == pytest.approx(7.0)
    # the lead-source filter and a period that holds only t6
    assert [r["tasks"] for r in run(rt, "funnel", lead_source="Event", **JAN).rows] == [2]
    feb = run(rt, "funnel", start=date(2026, 2, 1), end=date(2026, 2, 28))
    assert [(r["lead_source"], r["tasks"]) for r in feb.rows] == [("Contact form", 1)]


def test_v4_disqualifications_by_category_reason_source_owner(
    rt: Runtime, leads: dict[str, User]
) -> None:
    bob = leads["bob"].id
    result = run(rt, "disqualifications", **JAN)
    got = {
        (r["category"], r["reason"], r["lead_source"], r["owner_id"]): r["count"]
        for r in result.rows
    }
    assert got == {
        ("Auto-Dispositioned", "Stale – Autoclosed", "Contact form", bob): 1,
        ("Not a Lead", "Spam", "Event", bob): 1,
        ("Timing / Economics", "No Budget", "Event", bob): 1,
    }
    assert result.totals["count"] == 3
    assert result.totals["by_category"]["Not a Lead"] == 1
    # the period is the disqualification day: 01-13 … 01-31 leaves out Spam (01-12)
    later = run(rt, "disqualifications", start=date(2026, 1, 13), end=date(2026, 1, 31))
    assert later.totals["count"] == 2


def test_v5_speed_to_lead_per_owner(rt: Runtime, leads: dict[str, User]) -> None:
    result = run(rt, "speed-to-lead", **JAN)
    rows = {r["owner"]: r for r in result.rows}
    assert rows["Alice"]["tasks"] == 2
    assert rows["Alice"]["median_hours_to_first_touch"] == pytest.approx(26.0)  # (4 + 48) / 2
    assert rows["Alice"]["share_within_24h"] == 0.5
    assert (rows["Alice"]["reassigned"], rows["Alice"]["autoclosed"]) == (0, 0)
    assert rows["Bob"]["tasks"] == 3
    assert rows["Bob"]["median_hours_to_first_touch"] == pytest.approx(11.5)  # (1 + 22) / 2
    assert rows["Bob"]["share_within_24h"] == pytest.approx(2 / 3, abs=1e-4)
    assert (rows["Bob"]["reassigned"], rows["Bob"]["autoclosed"]) == (2, 1)
    assert result.totals["tasks"] == 5
    assert result.totals["median_hours_to_first_touch"] == pytest.approx(13.0)  # 1,4,22,48
    assert result.totals["share_within_24h"] == pytest.approx(0.6)
    mine = run(rt, "speed-to-lead", owner_id=leads["alice"].id, **JAN)
    assert [r["owner"] for r in mine.rows] == ["Alice"]


def test_default_period_is_this_quarter(rt: Runtime, leads: dict[str, User]) -> None:
    assert run(rt, "funnel").totals["tasks"] == 6  # Q1 2026 holds all six
