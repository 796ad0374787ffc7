"""The reports' stable API paths (issue 18): {rows, totals, as_of}, CSV that agrees with
the JSON, errors named in words, and U-2 scoping."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
from fastapi.testclient import TestClient

from salesops.reports.registry import REPORTS
from tests.factories import token_for
from tests.reports.conftest import NOW, World

PATHS = [f"/api/v1/reports/{name}" for name in REPORTS]


@pytest.fixture
def api(world: World, client: TestClient) -> TestClient:
    client.headers["Authorization"] = f"Bearer {token_for(world.rt, world.admin)}"
    return client


@pytest.mark.parametrize("path", PATHS)
def test_every_report_answers_rows_totals_as_of_and_csv_agrees(api: TestClient, path: str) -> None:
    query = "from=2026-01-01&to=2026-03-31"
    if path.endswith("/pipeline") or path.endswith("/forecast"):
        query = "as_of=2026-02-10"
    with time_machine.travel(NOW, tick=False):
        body = api.get(f"{path}?{query}").json()
        answer = api.get(f"{path}?{query}&format=csv")
    assert set(body) >= {"rows", "totals", "as_of"}
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(answer.text)))
    keys = list(body["rows"][0]) if body["rows"] else table[0]
    assert table[0] == keys
    assert len(table) - 1 == len(body["rows"])
    for line, row in zip(table[1:], body["rows"], strict=True):
        for key, cell in zip(keys, line, strict=True):
            value = row[key]
            if value is None:
                assert cell == ""
            elif isinstance(value, float | int) and not isinstance(value, bool):
                assert float(cell) == pytest.approx(float(value))
            else:
                assert cell == str(value)


def test_forecast_as_of_over_http(api: TestClient, world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        early = api.get("/api/v1/reports/forecast?as_of=2026-01-11").json()
        later = api.get("/api/v1/reports/forecast?as_of=2026-02-06T12:00:00+00:00").json()
    assert early["as_of"].startswith("2026-01-11T23:59:59")
    assert {(r["quarter"], r["arr"]) for r in early["rows"]} == {
        ("2026-Q1", 10000.0),
        ("2026-Q2", 30000.0),
    }
    assert early["totals"]["arr"] == 40000.0
    assert later["totals"]["count"] == 5


def test_movements_over_http(api: TestClient) -> None:
    with time_machine.travel(NOW, tick=False):
        body = api.get("/api/v1/reports/forecast/movements?from=2026-01-31").json()
    assert body["totals"]["up"]["count"] == 4
    assert {r["movement"] for r in body["rows"]} == {"up"}
    # V-1 drill-down: one page of the moved deals; the totals stay the whole selection's
    with time_machine.travel(NOW, tick=False):
        first = api.get("/api/v1/reports/forecast/movements?from=2026-01-31&limit=3").json()
        rest = api.get("/api/v1/reports/forecast/movements?from=2026-01-31&offset=3").json()
        commit = api.get(
            "/api/v1/reports/forecast/movements?from=2026-01-31&to_category=Commit&format=csv"
        )
    assert [r["opportunity_id"] for r in first["rows"] + rest["rows"]] == [
        r["opportunity_id"] for r in body["rows"]
    ]
    assert first["page"]["rows"] == 4 and first["page"]["next_offset"] == 3
    assert rest["page"]["next_offset"] is None and first["totals"] == body["totals"]
    assert len(commit.text.strip().splitlines()) == 1 + 3  # d2, d4, d5 went to Commit


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/forecast?as_of=yesterday", "as_of"),
        ("/funnel?from=2026-13-01", "from"),
        ("/funnel?from=2026-03-01&to=2026-01-01", "to"),
        ("/funnel?as_of=2026-01-01", "as_of"),
        ("/forecast?as_of=2030-01-01", "as_of"),
        ("/forecast/movements", "from"),
        ("/forecast/movements?from=2026-01-31&movement=sideways", "movement"),
        ("/forecast/movements?from=2026-01-31&limit=0", "limit"),
        ("/forecast/movements?from=2026-01-31&offset=x", "offset"),
        ("/funnel?to=9999-12-31", "to"),
        ("/forecast?as_of=9999-12-31T23:59:59-05:00", "as_of"),
        ("/pipeline?owner_id=x", "owner_id"),
    ],
)
def test_bad_input_is_named(api: TestClient, query: str, field: str) -> None:
    with time_machine.travel(NOW, tick=False):
        answer = api.get(f"/api/v1/reports{query}")
    assert answer.status_code == 422, answer.text
    assert field in answer.text


def test_u2_sales_user_sees_own_rows(world: World, client: TestClient) -> None:
    client.headers["Authorization"] = f"Bearer {token_for(world.rt, world.bob)}"
    with time_machine.travel(NOW, tick=False):
        body = client.get("/api/v1/reports/forecast").json()
    assert {r["owner_id"] for r in body["rows"]} == {world.bob.id}
    assert client.get("/api/v1/reports/forecast").status_code == 200


def test_as_of_today_means_now(api: TestClient) -> None:
    with time_machine.travel(NOW, tick=False):
        today = api.get(f"/api/v1/reports/forecast?as_of={NOW.date().isoformat()}").json()
        now = api.get("/api/v1/reports/forecast").json()
    assert today["rows"] == now["rows"] and today["as_of"] == now["as_of"]
