"""Authentication hygiene (issue 13 item 9; U-1): sign-in throttling with backoff per
account and per address, kept in the database; the same cost for unknown e-mails;
sessions that end server-side; no cross-site writes with the session cookie; Secure
cookies behind https."""

from __future__ import annotations

import statistics
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from salesops.core.errors import TooManyRequests, Unauthorized
from salesops.core.jobs import SCHEDULE
from salesops.playbook.runtime import Runtime
from salesops.users import auth
from salesops.users.models import LoginThrottle, WebSession
from salesops.users.rules import ACCOUNT, ADDRESS
from salesops.worker import load_job_modules
from tests.factories import make_user, token_for
from tests.users.helpers import PASSWORD, csrf_of, login, second_app

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def cheap_hashes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The throttling tests check many passwords: argon2's cheapest parameters keep them
    quick. The timing test keeps the real ones (marked ``real_hash_cost``)."""
    if request.node.get_closest_marker("real_hash_cost"):
        return
    from argon2 import PasswordHasher, profiles

    from salesops.users import service

    monkeypatch.setattr(service, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))
    service._dummy_hash.cache_clear()
    request.addfinalizer(service._dummy_hash.cache_clear)


@pytest.fixture
def sales(rt: Runtime, cheap_hashes: None) -> Any:
    return make_user(rt, "sam@example.com", role="sales", password=PASSWORD)


# --- throttling ------------------------------------------------------------------------


def test_brute_force_on_one_account_gets_429_with_retry_after_then_backs_off(
    client: TestClient, sales: Any
) -> None:
    with time_machine.travel(T0, tick=False) as traveller:
        for i in range(ACCOUNT.free_failures):
            assert login(client, sales.email, f"guess-{i}").status_code == 401
        r = login(client, sales.email, PASSWORD)  # even the right password waits
        assert r.status_code == 429
        assert r.headers["Retry-After"] == "30"
        assert "Too many failed sign-ins. Wait 30 seconds before trying again." in r.text
        traveller.shift(31)
        assert login(client, sales.email, "guess-again").status_code == 401
        r = login(client, sales.email, PASSWORD)  # the lockout doubled
        assert r.status_code == 429 and r.headers["Retry-After"] == "60"
        traveller.shift(61)
        assert login(client, sales.email, PASSWORD).status_code == 303
        client.cookies.clear()
        # a success starts the account over: five free tries again
        for i in range(ACCOUNT.free_failures):
            assert login(client, sales.email, f"later-{i}").status_code == 401


def test_brute_force_from_one_address_across_accounts_gets_429(
    client: TestClient, sales: Any
) -> None:
    with time_machine.travel(T0, tick=False):
        for i in range(ADDRESS.free_failures):
            assert login(client, f"nobody{i}@example.com", "guess").status_code == 401
        r = login(client, sales.email, PASSWORD)
        assert r.status_code == 429 and int(r.headers["Retry-After"]) == 30


def test_the_throttle_holds_across_processes(client: TestClient, rt: Runtime, sales: Any) -> None:
    with time_machine.travel(T0, tick=False):
        for i in range(ACCOUNT.free_failures):
            assert login(client, sales.email, f"guess-{i}").status_code == 401
        for other in second_app(rt):
            assert login(other, sales.email, PASSWORD).status_code == 429


def test_concurrent_guesses_get_no_more_password_checks_than_the_free_failures(
    rt: Runtime, sales: Any
) -> None:
    outcomes: list[str] = []
    barrier = threading.Barrier(12)

    def guess(i: int) -> None:
        barrier.wait()
        try:
            auth.sign_in(rt.db, sales.email, f"guess-{i}", f"198.51.100.{i}", T0, 3600)
        except Unauthorized:
            outcomes.append("checked")
        except TooManyRequests:
            outcomes.append("refused")

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 12
    assert outcomes.count("checked") <= ACCOUNT.free_failures
    assert outcomes.count("refused") >= 12 - ACCOUNT.free_failures


@pytest.mark.real_hash_cost
def test_unknown_and_known_emails_cost_the_same(client: TestClient, sales: Any) -> None:
    """Timing must not reveal accounts (it did: 2.8 ms vs 389 ms). Medians of three, and
    a generous margin: the real gap was a factor of a hundred."""

    def seconds(email: str) -> float:
        started = time.perf_counter()
        assert login(client, email, "not-the-password").status_code == 401
        return time.perf_counter() - started

    known = statistics.median(seconds(sales.email) for _ in range(3))
    unknown = statistics.median(seconds(f"ghost{i}@example.com") for i in range(3))
    assert unknown > known / 3, (unknown, known)


# --- sessions end server-side -------------------------------------------------------------


def test_logout_ends_the_session_server_side(client: TestClient, rt: Runtime, sales: Any) -> None:
    assert login(client, sales.email, PASSWORD).status_code == 303
    copied = client.cookies.get("salesops_session")
    assert copied and client.get("/api/v1/me").json()["email"] == sales.email
    r = client.post("/logout", data={"csrf_token": csrf_of(client, "/app")}, follow_redirects=False)
    assert r.status_code == 303
    for other in second_app(rt):
        other.cookies.set("salesops_session", copied)  # a copy kept from before the logout
        assert other.get("/api/v1/me").status_code == 401
        r = other.get("/app", headers={"accept": "text/html"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_a_password_change_on_the_web_ends_the_other_sessions(
    client: TestClient, rt: Runtime, sales: Any
) -> None:
    for other in second_app(rt):
        assert login(other, sales.email, PASSWORD).status_code == 303  # another browser
        assert login(client, sales.email, PASSWORD).status_code == 303
        r = client.post(
            "/account/password",
            data={
                "csrf_token": csrf_of(client, "/account"),
                "current_password": PASSWORD,
                "new_password": "a-new-password-1",
            },
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text
        assert client.get("/api/v1/me").status_code == 200  # this browser goes on
        assert other.get("/api/v1/me").status_code == 401  # the other one is out
    client.cookies.clear()
    assert login(client, sales.email, PASSWORD).status_code == 401
    assert login(client, sales.email, "a-new-password-1").status_code == 303


def test_a_password_change_over_the_api_ends_web_sessions(
    client: TestClient, rt: Runtime, sales: Any
) -> None:
    assert login(client, sales.email, PASSWORD).status_code == 303
    headers = {"Authorization": f"Bearer {token_for(rt, sales)}"}
    wrong = {"current_password": "nope-nope", "new_password": "another-pass-2"}
    r = client.post("/api/v1/me/password", json=wrong, headers=headers)
    assert r.status_code == 422 and r.json()["field"] == "current_password"
    right = {"current_password": PASSWORD, "new_password": "another-pass-2"}
    assert client.post("/api/v1/me/password", json=right, headers=headers).status_code == 204
    assert client.get("/api/v1/me").status_code == 401  # the web session ended
    assert client.get("/api/v1/me", headers=headers).status_code == 200  # tokens go on


# --- cross-site writes with the cookie ----------------------------------------------------


def test_the_api_refuses_cookie_writes_without_the_csrf_header(
    client: TestClient, rt: Runtime, sales: Any
) -> None:
    assert login(client, sales.email, PASSWORD).status_code == 303
    body = {"name": "Cross Site", "domain": "crosssite.io"}
    r = client.post("/api/v1/accounts", json=body)  # what a page on another site can do
    assert r.status_code == 403 and r.json()["field"] == "X-CSRF-Token"
    assert client.get("/api/v1/me").status_code == 200  # reads are fine
    token = csrf_of(client, "/app")  # what only a salesops page can read
    r = client.post("/api/v1/accounts", json=body, headers={"X-CSRF-Token": token})
    assert r.status_code == 201, r.text
    bearer = {"Authorization": f"Bearer {token_for(rt, sales)}"}
    client.cookies.clear()
    r = client.post("/api/v1/accounts", json={"name": "B", "domain": "b-co.io"}, headers=bearer)
    assert r.status_code == 201


# --- Secure cookies behind https ----------------------------------------------------------


def test_every_cookie_is_secure_behind_https(rt: Runtime, sales: Any) -> None:
    for c in second_app(rt, base_url="https://crm.example.com"):
        r = login(c, sales.email, PASSWORD)
        assert r.status_code == 303
        cookies = r.headers.get_list("set-cookie")
        assert {v.split("=", 1)[0] for v in cookies} == {"salesops_session", "salesops_signed_in"}
        assert all("secure" in v.lower() for v in cookies), cookies
        r = c.post("/logout", data={"csrf_token": csrf_of(c, "/app")}, follow_redirects=False)
        assert all("secure" in v.lower() for v in r.headers.get_list("set-cookie"))


def test_expired_sessions_and_old_throttle_counts_are_forgotten(rt: Runtime, sales: Any) -> None:
    load_job_modules()
    assert "users.forget_expired" in SCHEDULE
    with rt.uow() as s:
        auth.start_session(s, sales.id, T0, max_age=3600)
        auth.start_session(s, sales.id, T0 + timedelta(hours=5), max_age=3600)
    with pytest.raises(Unauthorized):
        auth.sign_in(rt.db, sales.email, "wrong", "192.0.2.1", T0, 3600)
    with rt.uow() as s:
        auth.forget_expired(s, T0 + timedelta(hours=2))
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(WebSession)) == 1  # the live one
        assert s.scalar(select(func.count()).select_from(LoginThrottle)) == 0
