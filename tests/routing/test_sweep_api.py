"""POST /api/v1/routing/sweep takes ``as_of`` from the query or the JSON body (T-1, T-4;
QA leftover of issue 16): both are honoured, validated, and a clash is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from fastapi.testclient import TestClient

from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_user
from tests.routing.helpers import lead

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
EU = "Europe & Africa"
URL = "/api/v1/routing/sweep"


def _stale_task(rt: Runtime) -> int:
    with time_machine.travel(T0, tick=False):
        make_user(rt, "ana@example.com", territory=EU)
        make_user(rt, "ben@example.com", territory=EU)
        return lead(rt, "DE").id


def _reassignments(rt: Runtime, task_id: int) -> int:
    with rt.uow(readonly=True) as s:
        task = s.get(Task, task_id)
        assert task is not None
        return task.reassignment_count


def test_t1_sweep_as_of_in_the_json_body_is_honoured(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    """T-1 with T-4's sweep endpoint: ``{"as_of": …}`` in the body sweeps as of that time —
    a day before the 10 untouched days nothing moves, on the day the task is reassigned
    (today's clock, years later, would reassign it at once)."""
    task = _stale_task(rt)
    day9 = (T0 + timedelta(days=9)).isoformat()
    r = client.post(URL, json={"as_of": day9}, headers=admin_headers)
    assert r.status_code == 200, r.text
    assert r.json()["reassigned"] == 0 and _reassignments(rt, task) == 0
    day10 = (T0 + timedelta(days=10)).isoformat()
    r = client.post(URL, json={"as_of": day10}, headers=admin_headers)
    assert r.status_code == 200, r.text
    assert r.json()["reassigned"] == 1 and _reassignments(rt, task) == 1


def test_t1_sweep_as_of_in_the_query_is_honoured_and_agrees_with_the_body(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    """T-1: the query form works too; the same time in both places is accepted."""
    task = _stale_task(rt)
    day9 = (T0 + timedelta(days=9)).isoformat()
    r = client.post(URL, params={"as_of": day9}, json={"as_of": day9}, headers=admin_headers)
    assert r.status_code == 200, r.text
    assert r.json()["reassigned"] == 0 and _reassignments(rt, task) == 0
    r = client.post(
        URL, params={"as_of": (T0 + timedelta(days=10)).isoformat()}, headers=admin_headers
    )
    assert r.status_code == 200 and r.json()["reassigned"] == 1, r.text


@pytest.mark.parametrize(
    ("params", "body", "says"),
    [
        ({}, {"as_of": "next tuesday"}, "as_of (body) must be an ISO time"),
        ({"as_of": "2024-13-01T00:00:00+00:00"}, None, "as_of (query) must be an ISO time"),
        ({}, {"as_of": "2024-03-11T09:00:00"}, "as_of (body) needs a time zone"),
        (
            {"as_of": "2024-03-11T09:00:00+00:00"},
            {"as_of": "2024-03-12T09:00:00+00:00"},
            "given twice",
        ),
    ],
)
def test_t4_a_bad_sweep_as_of_is_a_clear_422_and_sweeps_nothing(
    rt: Runtime,
    client: TestClient,
    admin_headers: dict[str, str],
    params: dict[str, str],
    body: dict[str, str] | None,
    says: str,
) -> None:
    """T-4: an unreadable, zone-less or contradictory ``as_of`` is refused naming the field;
    the sweep does not run (with today's clock it would reassign the stale task)."""
    task = _stale_task(rt)
    r = client.post(URL, params=params, json=body, headers=admin_headers)
    assert r.status_code == 422, r.text
    problem = r.json()
    assert problem["field"] == "as_of" and says in problem["detail"], problem
    assert _reassignments(rt, task) == 0


def test_t4_sweep_body_refuses_unknown_keys(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    """T-4: a misspelt key (``asof``) is refused rather than silently sweeping as of now."""
    task = _stale_task(rt)
    r = client.post(URL, json={"asof": "2024-03-02T09:00:00+00:00"}, headers=admin_headers)
    assert r.status_code == 422, r.text
    assert _reassignments(rt, task) == 0
