"""Helpers for the web tests: signed-in TestClients and the CSRF token of a session."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from salesops.core import clock
from salesops.flows import conversion
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users.service import get_user
from tests.factories import make_account, make_contact, make_task, make_user

# C-1: the six conversion criteria, all recorded true to convert a lead in a test.
SIX = [
    "call_held",
    "problem_identified",
    "important_now",
    "pricing_in_ballpark",
    "decision_maker",
    "next_step_agreed",
]

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(client: TestClient, path: str = "/login") -> str:
    match = CSRF.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def log_in(client: TestClient, email: str, password: str) -> None:
    token = csrf_of(client)
    r = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text


def post(client: TestClient, path: str, data: dict[str, str] | None = None, **kw):  # type: ignore[no-untyped-def]
    """POST a form with the session's CSRF token (read from the page being acted on)."""
    body = {"csrf_token": csrf_of(client, "/app"), **(data or {})}
    return client.post(path, data=body, follow_redirects=False, **kw)


@pytest.fixture
def app(rt: Runtime) -> FastAPI:
    from salesops.app import create_app

    return create_app(rt.settings, runtime=rt)


@pytest.fixture
def as_user(app: FastAPI) -> Iterator[Callable[..., TestClient]]:
    """``as_user("a@example.com", role="sales")``: a TestClient signed in as a new user."""
    clients: list[TestClient] = []

    def make(client_user, password: str = "password123") -> TestClient:  # type: ignore[no-untyped-def]
        c = TestClient(app, headers={"accept": "text/html"})
        c.__enter__()
        clients.append(c)
        log_in(c, client_user.email, password)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def sales(rt: Runtime):  # type: ignore[no-untyped-def]
    return make_user(
        rt, "sam@example.com", role="sales", name="Sam Sales", territory="Europe & Africa"
    )


@pytest.fixture
def viewer(rt: Runtime):  # type: ignore[no-untyped-def]
    return make_user(rt, "vic@example.com", role="viewer", name="Vic Viewer")


@pytest.fixture
def boss(rt: Runtime):  # type: ignore[no-untyped-def]
    return make_user(rt, "ada@example.com", role="admin", name="Ada Admin")


def refused_page(client: TestClient, response) -> str:  # type: ignore[no-untyped-def]
    """A refused form redirects (Post/Redirect/Get, issue 17 item 9): the page it shows."""
    assert response.status_code == 303, response.text[:300]
    return client.get(response.headers["location"]).text


@pytest.fixture
def deal(rt: Runtime, sales: Any) -> Opportunity:
    """An open new-business deal of Sam's, converted from a lead (C-1 … C-3)."""
    account = make_account(rt, "Acme", country="DE", owner_id=sales.id)
    contact = make_contact(rt, "jo@acme.com", name="Jo Buyer", account_id=account.id)
    task = make_task(rt, account, contact, owner_id=sales.id)
    with rt.uow() as s:
        return conversion.convert(
            s,
            get_user(s, sales.id),
            s.get(Task, task.id),  # type: ignore[arg-type]
            now=clock.now(),
            criteria={**dict.fromkeys(SIX, True), "engineer_on_first_call": True},
        )
