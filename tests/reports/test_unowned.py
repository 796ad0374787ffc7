"""U-2 for records with no owner, in every report (V-1 … V-7) and every surface.

The rule (docs/reports.md, "Who sees what"): a record with no owner — imported with an
unknown owner, or left unassigned — is its territory's row. A salesperson sees the
unowned records of the territories they belong to, under the owner "Unowned"
(``owner_id`` empty), and no other unowned record; admins see every one under "Unowned".
The API (JSON and CSV), the CLI and the pages (``/reports/…`` and ``/forecast``) agree.

A small known data set, built through the services before anyone belongs to a territory
(so routing leaves the lead tasks unowned, R-3), then Sam joins U.S. East and Rita
Europe & Africa. Now is 2026-02-20 (Q1 2026):

========  ====================  =====  ======  ===========================================
record    territory             owner  amount  what
========  ====================  =====  ======  ===========================================
uE deal   U.S. East (NY)        —      10,000  Pipeline, closes 2026-03-10
uW deal   Europe & Africa (DE)  —      20,000  Pipeline, closes 2026-03-12
s1 deal   U.S. East             Sam     5,000  Pipeline, closes 2026-03-15
uWon      U.S. East             —       8,000  won 2026-02-10
lead tE   U.S. East             —              created 02-02 09:00, touched 02-02 15:00
lead tW   Europe & Africa       —              created 02-03 09:00, never touched
MRR E     U.S. East             —       1,000  paying from 2026-01-05
MRR W     Europe & Africa       —       3,000  paying from 2026-01-05
========  ====================  =====  ======  ===========================================
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from salesops.core import clock
from salesops.opportunities import service
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.routing import territories
from salesops.tasks import service as tasks
from salesops.tasks.models import Task
from salesops.users.models import User
from tests.factories import make_account, make_contact, make_task, make_user, token_for
from tests.reports.conftest import win
from tests.web.conftest import log_in

NOW = datetime(2026, 2, 20, 12, 0, tzinfo=UTC)
EAST, EMEA = "U.S. East", "Europe & Africa"
Q1 = "from=2026-01-01&to=2026-03-31"


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@dataclass
class Data:
    rt: Runtime
    sam: User
    rita: User
    boss: User
    deals: dict[str, int]


def _deal(rt: Runtime, actor: User, account_id: int, amount: int, close: date, key: str) -> int:
    contact = make_contact(rt, f"buyer@{key}.example.com", account_id=account_id)
    with rt.uow() as s:
        opp = service.create_opportunity(
            s,
            s.get(User, actor.id),
            {
                "account_id": account_id,
                "contact_id": contact.id,
                "record_type": "New Revenue",
                "amount": Decimal(amount),
                "close_date": close,
                "lead_source": "Contact form",
            },
            clock.now(),
        )
        return opp.id


@pytest.fixture
def data(rt: Runtime) -> Data:
    with time_machine.travel(at(1, 5), tick=False) as moment:
        boss = make_user(rt, "boss@example.com", name="Boss", role="admin")
        sam = make_user(rt, "sam@example.com", name="Sam")
        rita = make_user(rt, "rita@example.com", name="Rita")
        east = dict(country="US", us_state="NY")
        paying = dict(customer_status="paying", mrr_effective_on=date(2026, 1, 5))
        make_account(rt, "MrrEast", **east, **paying, mrr=Decimal(1000))
        make_account(rt, "MrrWest", country="DE", **paying, mrr=Decimal(3000))
        deal_e = make_account(rt, "DealEast", **east)
        deal_w = make_account(rt, "DealWest", country="DE")
        sams = make_account(rt, "SamsCo", **east, owner_id=sam.id)
        deals = {
            "uE": _deal(rt, boss, deal_e.id, 10000, date(2026, 3, 10), "ue"),
            "uW": _deal(rt, boss, deal_w.id, 20000, date(2026, 3, 12), "uw"),
            "s1": _deal(rt, boss, sams.id, 5000, date(2026, 3, 15), "s1"),
            "uWon": _deal(rt, boss, deal_e.id, 8000, date(2026, 3, 31), "uwon"),
        }
        moment.move_to(at(2, 10))
        win(rt, boss, deals["uWon"], at(2, 10))
        # lead tasks while nobody is in a territory's rotation: they stay unowned
        moment.move_to(at(2, 2, 9))
        lead_e = make_account(rt, "LeadEast", **east)
        task_e = make_task(rt, lead_e, make_contact(rt, "a@leadeast.com", account_id=lead_e.id))
        moment.move_to(at(2, 2, 15))
        with rt.uow() as s:
            tasks.update_task(
                s, s.get(User, boss.id), s.get(Task, task_e.id), {"status": "Working"}, clock.now()
            )  # type: ignore[arg-type]
        moment.move_to(at(2, 3, 9))
        lead_w = make_account(rt, "LeadWest", country="DE")
        make_task(rt, lead_w, make_contact(rt, "b@leadwest.de", account_id=lead_w.id))
        moment.move_to(at(2, 19))
        with rt.uow() as s:
            for user, name in ((sam, EAST), (rita, EMEA)):
                territories.add_member(
                    s,
                    None,
                    territories.get_territory_by_name(s, name),
                    s.get(User, user.id),
                    now=clock.now(),
                )
    with rt.uow(readonly=True) as s:  # the data set is what the table above says
        owners = {o.id: o.owner_id for o in s.query(Opportunity)}
        assert [owners[deals[k]] for k in ("uE", "uW", "s1", "uWon")] == [None, None, sam.id, None]
        leads = {t.territory: t.owner_id for t in s.query(Task).filter(Task.kind == "lead")}
        assert leads == {EAST: None, EMEA: None}, leads
    return Data(rt, sam, rita, boss, deals)


def _api(data: Data, client: TestClient, who: User, path: str) -> list[dict[str, Any]]:
    """The JSON rows of a report as ``who``; its CSV says the same (header = row keys)."""
    headers = {"Authorization": f"Bearer {token_for(data.rt, who)}"}
    with time_machine.travel(NOW, tick=False):
        body = client.get(f"/api/v1/reports/{path}", headers=headers)
        sep = "&" if "?" in path else "?"
        text = client.get(f"/api/v1/reports/{path}{sep}format=csv", headers=headers).text
    assert body.status_code == 200, body.text
    rows: list[dict[str, Any]] = body.json()["rows"]
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == len(rows), path
    for row, line in zip(rows, table, strict=True):
        assert line.get("owner", "") == (row.get("owner") or ""), path
        assert line.get("owner_id", "") == (
            "" if row.get("owner_id") is None else str(row.get("owner_id"))
        ), path
    return rows


def _owners(rows: list[dict[str, Any]], *keys: str) -> dict[Any, tuple[Any, ...]]:
    return {
        (r["owner"], r.get("category")) if "category" in r else r["owner"]: tuple(
            r[k] for k in keys
        )
        for r in rows
    }


def test_forecast_pipeline_quota(data: Data, client: TestClient) -> None:
    """V-1, V-2, V-7: Sam sees his deal and U.S. East's unowned ones; Rita Europe &
    Africa's unowned deal only; the admin all of them, the unowned under "Unowned"."""
    fc = {
        u.name: _owners(_api(data, client, u, "forecast"), "arr", "count")
        for u in (data.sam, data.rita, data.boss)
    }
    assert fc["Sam"] == {
        ("Sam", "Pipeline"): (5000.0, 1),
        ("Unowned", "Pipeline"): (10000.0, 1),
        ("Unowned", "Commit"): (8000.0, 1),
    }
    assert fc["Rita"] == {("Unowned", "Pipeline"): (20000.0, 1)}
    assert fc["Boss"] == {
        ("Sam", "Pipeline"): (5000.0, 1),
        ("Unowned", "Pipeline"): (30000.0, 2),
        ("Unowned", "Commit"): (8000.0, 1),
    }
    unowned = [r for r in _api(data, client, data.boss, "forecast") if r["owner"] == "Unowned"]
    assert {r["owner_id"] for r in unowned} == {None}
    # as of before the win (Feb 5): the same scope over the history
    past = _owners(_api(data, client, data.sam, "forecast?as_of=2026-02-05T12:00:00+02:00"), "arr")
    assert past == {("Sam", "Pipeline"): (5000.0,), ("Unowned", "Pipeline"): (18000.0,)}

    def stages(who: User) -> dict[str, tuple[Any, ...]]:
        return {r["stage"]: (r["count"], r["arr"]) for r in _api(data, client, who, "pipeline")}

    assert stages(data.sam) == {"Problem Agreement": (2, 15000.0), "Closed Won": (1, 8000.0)}
    assert stages(data.rita) == {"Problem Agreement": (1, 20000.0)}
    assert stages(data.boss) == {"Problem Agreement": (3, 35000.0), "Closed Won": (1, 8000.0)}

    def quota(who: User) -> dict[Any, tuple[Any, ...]]:
        return _owners(_api(data, client, who, f"quota?{Q1}"), "owner_id", "won_arr", "won_count")

    assert quota(data.sam) == {"Unowned": (None, 8000.0, 1)}
    assert quota(data.rita) == {}
    assert quota(data.boss) == {"Unowned": (None, 8000.0, 1)}


def test_lead_reports_and_revenue(data: Data, client: TestClient) -> None:
    """V-3, V-4 (none disqualified here), V-5, V-6: the unowned leads and accounts count
    for their territory's salespeople and, under "Unowned", for the admin."""

    def speed(who: User) -> dict[Any, tuple[Any, ...]]:
        rows = _api(data, client, who, f"speed-to-lead?{Q1}")
        return _owners(rows, "owner_id", "tasks", "median_hours_to_first_touch")

    assert speed(data.sam) == {"Unowned": (None, 1, 6.0)}
    assert speed(data.rita) == {"Unowned": (None, 1, None)}
    assert speed(data.boss) == {"Unowned": (None, 2, 6.0)}

    def funnel(who: User) -> int:
        return sum(r["tasks"] for r in _api(data, client, who, f"funnel?{Q1}"))

    assert (funnel(data.sam), funnel(data.rita), funnel(data.boss)) == (1, 1, 2)

    def revenue(who: User) -> tuple[float, float]:
        rows = _api(data, client, who, "revenue?from=2026-01-01&to=2026-01-31")
        return rows[0]["mrr"], rows[0]["new"]

    assert revenue(data.sam) == (1000.0, 1000.0)
    assert revenue(data.rita) == (3000.0, 3000.0)
    assert revenue(data.boss) == (4000.0, 4000.0)


def test_cli_and_pages_agree(
    data: Data, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI as Sam (``--as``) prints the API's rows; the report page and ``/forecast``
    show Sam the same numbers under "Unowned", and not Europe & Africa's deal."""
    import salesops.cli as root

    monkeypatch.setattr(root, "runtime", lambda: data.rt)
    runner = CliRunner()
    api = _api(data, client, data.sam, "forecast")
    with time_machine.travel(NOW, tick=False):
        out = runner.invoke(
            root.app, ["report", "forecast", "--as", "sam@example.com", "--format", "json"]
        )
        table = runner.invoke(root.app, ["report", "speed-to-lead", "--as", "sam@example.com"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["rows"] == api
    assert "Unowned" in table.stdout
    with time_machine.travel(NOW, tick=False):
        log_in(client, "sam@example.com", "password123")
        report = client.get("/reports/forecast").text
        page = client.get("/forecast").text
    for text in (report, page):
        assert "Unowned" in text and "$10,000" in text and "$5,000" in text
        assert "$20,000" not in text and "$30,000" not in text
    with time_machine.travel(NOW, tick=False):
        client.cookies.clear()
        log_in(client, "boss@example.com", "password123")
        page = client.get("/forecast").text
    assert "Unowned" in page and "$30,000" in page and "$35,000" in page
