"""A-4: warn when a different user talked to the account in the last 14 days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from salesops.activities.conversations import parallel_conversation_warning
from salesops.activities.service import log_activity
from salesops.playbook.runtime import Runtime
from tests.factories import make_account, make_user

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _talk(rt: Runtime, account_id: int, user_id: int, at: datetime, kind: str = "call") -> None:
    with rt.uow() as s:
        log_activity(s, kind=kind, account_id=account_id, now=at, actor_id=user_id,
                     subject="talked")  # fmt: skip


def test_a4_warns_about_a_colleague_within_14_days_only(rt: Runtime) -> None:
    ana = make_user(rt, "ana@example.com", name="Ana")
    bo = make_user(rt, "bo@example.com", name="Bo")
    acct = make_account(rt, "Parallel Co")
    _talk(rt, acct.id, ana.id, NOW - timedelta(days=13))
    with rt.uow(readonly=True) as s:
        warning = parallel_conversation_warning(s, acct.id, bo.id, NOW)
        assert warning is not None and "Ana called this account 13 days ago" in warning
        assert parallel_conversation_warning(s, acct.id, ana.id, NOW) is None  # own talk
        later = NOW + timedelta(days=2)  # now 15 days after the call
        assert parallel_conversation_warning(s, acct.id, bo.id, later) is None


def test_a4_a_note_is_not_a_conversation(rt: Runtime) -> None:
    ana = make_user(rt, "ana@example.com")
    bo = make_user(rt, "bo@example.com")
    acct = make_account(rt, "Quiet Co")
    _talk(rt, acct.id, ana.id, NOW - timedelta(days=1), kind="note")
    with rt.uow(readonly=True) as s:
        assert parallel_conversation_warning(s, acct.id, bo.id, NOW) is None


def test_a4_account_page_shows_the_warning(client: TestClient, rt: Runtime) -> None:
    ana = make_user(rt, "ana@example.com", name="Ana")
    make_user(rt, "bo@example.com", name="Bo", password="bo-password-1")
    acct = make_account(rt, "Shown Co")
    _talk(rt, acct.id, ana.id, datetime.now(UTC) - timedelta(days=1))
    page = client.get("/login")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"email": "bo@example.com", "password": "bo-password-1",
                                "csrf_token": token, "next": "/app"})  # fmt: skip
    html = client.get(f"/accounts/{acct.id}").text
    assert "Ana called this account 1 day ago" in html
