"""V-6 revenue (MRR history set through the API) and V-7 quotas from the playbook
(issue 18 items V-6, V-7; O-1, Q-9, P-2).

MRR (through ``POST/PATCH /api/v1/accounts`` with ``mrr_effective_on``):

=======  ==========================  ========================
account  history                     movement
=======  ==========================  ========================
P        1,000 from 2025-12-01;      expansion +500 in Feb
         1,500 from 2026-02-10
Q        2,000 from 2025-11-15;      churned 2,000 in Jan
         0 from 2026-01-20
R        800 from 2026-02-01         new 800 in Feb
S        3,000 from 2025-10-01;      contraction −500 in Mar
         2,500 from 2026-03-05
=======  ==========================  ========================
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from fastapi.testclient import TestClient

from salesops.playbook import service as playbooks
from salesops.playbook.runtime import Runtime
from salesops.reports import registry
from salesops.reports.common import EVERYTHING, Filters
from salesops.reports.quota import quota_for

NOW = datetime(2026, 4, 10, 12, tzinfo=UTC)


def _account(client: TestClient, name: str, mrr: int, on: str) -> int:
    body = {
        "name": name,
        "domain": f"{name.lower()}.com",
        "customer_status": "paying",
        "mrr": mrr,
        "mrr_effective_on": on,
    }
    answer = client.post("/api/v1/accounts", json=body)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def _change(client: TestClient, account_id: int, mrr: int, on: str) -> None:
    answer = client.patch(
        f"/api/v1/accounts/{account_id}", json={"mrr": mrr, "mrr_effective_on": on}
    )
    assert answer.status_code == 200, answer.text


@pytest.fixture
def revenue(client: TestClient, admin_headers: dict[str, str]) -> TestClient:
    client.headers.update(admin_headers)
    with time_machine.travel(NOW, tick=False):
        p = _account(client, "Pco", 1000, "2025-12-01")
        _change(client, p, 1500, "2026-02-10")
        q = _account(client, "Qco", 2000, "2025-11-15")
        _change(client, q, 0, "2026-01-20")
        _account(client, "Rco", 800, "2026-02-01")
        s = _account(client, "Sco", 3000, "2025-10-01")
        _change(client, s, 2500, "2026-03-05")
    return client


def test_v6_mrr_movements_and_nrr(revenue: TestClient) -> None:
    with time_machine.travel(NOW, tick=False):
        body = revenue.get("/api/v1/reports/revenue?from=2026-01-01&to=2026-03-31").json()
    rows = {r["month"]: r for r in body["rows"]}
    assert list(rows) == ["2026-01", "2026-02", "2026-03"]
    assert rows["2026-01"] == {
        "month": "2026-01",
        "start_mrr": 6000.0,  # docs/reports.md: rows also carry start_mrr
        "mrr": 4000.0,
        "new": 0.0,
        "expansion": 0.0,
        "contraction": 0.0,
        "churned": 2000.0,
        "nrr": pytest.approx(4000 / 6000, abs=1e-4),
    }
    assert (rows["2026-02"]["mrr"], rows["2026-02"]["new"], rows["2026-02"]["expansion"]) == (
        5300.0,
        800.0,
        500.0,
    )
    assert rows["2026-02"]["nrr"] == pytest.approx(4500 / 4000)
    assert (rows["2026-03"]["mrr"], rows["2026-03"]["contraction"]) == (4800.0, 500.0)
    assert rows["2026-03"]["nrr"] == pytest.approx(4800 / 5300, abs=1e-4)
    # window NRR: P, Q, S paid 6,000 at the start and 4,000 at the end
    assert body["totals"]["nrr"] == pytest.approx(4000 / 6000, abs=1e-4)
    assert body["totals"]["churned"] == 2000.0 and body["totals"]["new"] == 800.0


def test_v6_mrr_change_date_cannot_be_in_the_future(revenue: TestClient) -> None:
    with time_machine.travel(NOW, tick=False):
        answer = revenue.post(
            "/api/v1/accounts",
            json={"name": "Later", "mrr": 10, "mrr_effective_on": "2027-01-01"},
        )
    assert answer.status_code == 422 and "mrr_effective_on" in answer.text


def test_v7_quota_from_the_playbook_pro_rata(rt: Runtime) -> None:
    text = (Path(__file__).parents[2] / "src/salesops/playbook/default.yaml").read_text()
    text += (
        "\nreports:\n  quotas:\n"
        "    - {owner: Bob@example.com, period: 2026-Q1, amount: 100000}\n"
        "    - {owner: alice@example.com, period: '2026', amount: 365000}\n"
    )
    from tests.factories import make_user

    with time_machine.travel(NOW, tick=False):
        bob = make_user(rt, "bob@example.com", name="Bob", password=None)
        alice = make_user(rt, "alice@example.com", name="Alice", password=None)
        with rt.uow() as s:
            playbooks.activate(s, text, source="test", actor="test", now=NOW)
        rt.playbooks.invalidate()  # P-2: the new version applies from the next unit of work
    with rt.uow(readonly=True) as s:
        result = registry.run(
            s, "quota", Filters(start=date(2026, 1, 1), end=date(2026, 3, 31)), EVERYTHING, NOW
        )
    rows = {r["owner_id"]: r for r in result.rows}
    assert float(rows[bob.id]["quota"]) == 100000.0
    assert float(rows[alice.id]["quota"]) == 90000.0  # 90 of 365 days
    assert rows[bob.id]["attainment"] == 0.0
    assert float(result.totals["quota"]) == 190000.0


def test_quota_periods() -> None:
    assert float(quota_for([("2026-03", 3100)], date(2026, 3, 1), date(2026, 3, 10))) == 1000.0
    assert float(quota_for([("2026-Q2", 9100)], date(2026, 1, 1), date(2026, 3, 31))) == 0.0
