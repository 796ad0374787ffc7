"""Held-out scenarios for issue 16 item 6 (C-3, D-4, Q-13, A-4) through the public API,
the web and the CLI, on an injected clock: the second call must be today or later at
conversion; a Prospect reason's revisit date is the user's (default from the playbook)
and its reminder opens on that date; the RFP flag on tasks reaches the deal; a
colleague's Slack messages in a customer channel count as their conversation."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from salesops import cli
from salesops.playbook.runtime import Runtime
from salesops.worker import Worker
from tests.factories import make_account, make_contact, make_task, make_user, token_for
from tests.intake.helpers import post_slack
from tests.web.conftest import SIX, log_in, post

NOW = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
TODAY = NOW.date()


def _lead(rt: Runtime, name: str, owner_id: int) -> Any:
    account = make_account(rt, name, country="DE", owner_id=owner_id)
    contact = make_contact(rt, f"buyer@{name.lower()}.com", account_id=account.id)
    return make_task(rt, account, contact, owner_id=owner_id)


def test_c3_second_call_today_or_later_on_api_and_web(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str], admin: Any
) -> None:
    crit = dict.fromkeys(SIX, True)
    with time_machine.travel(NOW, tick=False):
        task = _lead(rt, "Callco", admin.id)
        for day in (TODAY - timedelta(days=1), "2026-13-01", "yesterday"):
            r = client.post(
                f"/api/v1/tasks/{task.id}/convert",
                json={"criteria": {**crit, "second_call_on": str(day)}},
                headers=admin_headers,
            )
            assert r.status_code == 422, (day, r.text)
            assert "second_call_on" in r.text
        r = client.post(
            f"/api/v1/tasks/{task.id}/convert", json={"criteria": crit}, headers=admin_headers
        )
        assert r.status_code == 422 and "second_call_on" in r.text  # C-3: nothing booked
        web = TestClient(client.app, headers={"accept": "text/html"})
        with web:
            log_in(web, "admin@example.com", "admin-password")
            ticks = {f"c_{k}": "on" for k in SIX}
            r = post(
                web,
                f"/tasks/{task.id}/convert",
                {**ticks, "second_call_on": (TODAY - timedelta(days=3)).isoformat()},
            )
            assert r.status_code in (303, 422)
            assert (
                client.get(f"/api/v1/tasks/{task.id}", headers=admin_headers).json()["status"]
                != "Converted"
            )
            r = post(
                web, f"/tasks/{task.id}/convert", {**ticks, "second_call_on": TODAY.isoformat()}
            )
            assert r.status_code == 303, r.text[:300]
        assert (
            client.get(f"/api/v1/tasks/{task.id}", headers=admin_headers).json()["status"]
            == "Converted"
        )


def _revisit_reminders(
    client: TestClient, h: dict[str, str], owner_id: int, status: str
) -> list[dict[str, Any]]:
    r = client.get(
        "/api/v1/tasks",
        params={"kind": "follow_up", "status": status, "owner_id": owner_id},
        headers=h,
    )
    assert r.status_code == 200, r.text
    return [
        t
        for t in r.json()["items"]
        if "evisit" in (t.get("title") or t.get("subject") or t.get("next_steps") or "Revisit")
    ]


@pytest.mark.parametrize("path", ["api", "web", "cli"])
def test_d4_revisit_date_chosen_and_reminder_opens_that_day(
    rt: Runtime,
    client: TestClient,
    admin_headers: dict[str, str],
    admin: Any,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
) -> None:
    rep = make_user(rt, "rep@example.com", role="sales", password="password123")
    chosen = TODAY + timedelta(days=30)
    with time_machine.travel(NOW, tick=False):
        task = _lead(rt, "Revisitco", rep.id)
        if path == "api":
            r = client.post(
                f"/api/v1/tasks/{task.id}/disqualify",
                json={"reason": "No Response – Prospect", "revisit_on": chosen.isoformat()},
                headers=admin_headers,
            )
            assert r.status_code == 200, r.text
        elif path == "web":
            web = TestClient(client.app, headers={"accept": "text/html"})
            with web:
                log_in(web, "rep@example.com", "password123")
                r = post(
                    web,
                    f"/tasks/{task.id}/disqualify",
                    {"reason": "No Response – Prospect", "revisit_on": chosen.isoformat()},
                )
                assert r.status_code == 303, r.text[:300]
        else:
            monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
            out = CliRunner().invoke(
                cli.app,
                [
                    "leads",
                    "disqualify",
                    str(task.id),
                    "No Response – Prospect",
                    "--as",
                    "rep@example.com",
                    "--revisit-on",
                    chosen.isoformat(),
                ],
            )
            assert out.exit_code == 0, out.output
    t = client.get(f"/api/v1/tasks/{task.id}", headers=admin_headers).json()
    assert t["status"] == "Unqualified"
    revisits = client.get("/api/v1/revisits", headers=admin_headers).json()
    assert [(v["revisit_on"], v["revisit_reason"]) for v in revisits] == [
        (chosen.isoformat(), "No Response – Prospect")
    ]
    assert _revisit_reminders(client, admin_headers, rep.id, "Open") == []
    w = Worker(rt)
    day_before = datetime.combine(chosen - timedelta(days=1), datetime.min.time(), UTC) + timedelta(
        hours=12
    )
    with time_machine.travel(day_before, tick=False):
        w.drain(day_before)
        assert _revisit_reminders(client, admin_headers, rep.id, "Open") == []
    on_day = datetime.combine(chosen, datetime.min.time(), UTC) + timedelta(hours=12)
    with time_machine.travel(on_day, tick=False):
        w.drain(on_day)
        [reminder] = _revisit_reminders(client, admin_headers, rep.id, "Open")
    assert reminder["due_on"] == chosen.isoformat()


def test_d4_default_revisit_date_from_the_playbook(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str], admin: Any
) -> None:
    with time_machine.travel(NOW, tick=False):
        task = _lead(rt, "Defaultco", admin.id)
        r = client.post(
            f"/api/v1/tasks/{task.id}/disqualify",
            json={"reason": "Below Sales Assist Threshold – Prospect"},
            headers=admin_headers,
        )
        assert r.status_code == 200, r.text
        revisits = client.get("/api/v1/revisits", headers=admin_headers).json()
    assert [v["revisit_on"] for v in revisits] == [(TODAY + timedelta(days=90)).isoformat()]


def test_q13_rfp_flag_on_task_via_web_reaches_the_deal(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str], admin: Any
) -> None:
    task = _lead(rt, "Rfpco", admin.id)
    web = TestClient(client.app, headers={"accept": "text/html"})
    with web:
        log_in(web, "admin@example.com", "admin-password")
        r = post(web, f"/tasks/{task.id}/rfp", {"rfp": "unsolicited"})
        assert r.status_code == 303, r.text[:300]
        page = web.get(f"/tasks/{task.id}").text
        assert "Unsolicited RFP" in page
    t = client.get(f"/api/v1/tasks/{task.id}", headers=admin_headers).json()
    assert t["rfp"] == "unsolicited" and "Unsolicited RFP" in (t["rfp_suggestion"] or "")
    r = client.post(
        f"/api/v1/tasks/{task.id}/convert",
        json={"criteria": {**dict.fromkeys(SIX, True), "engineer_on_first_call": True}},
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["rfp"] == "unsolicited"


def test_a4_slack_thread_reply_and_file_share_count_and_warn_the_colleague(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    ana = make_user(rt, "ana@example.com", name="Ana")
    bo = make_user(rt, "bo@example.com", name="Bo")
    acct = make_account(rt, "Threadco", domain="threadco.io", slack_channels=["C0THREAD"])
    contact = make_contact(rt, "pm@threadco.io", account_id=acct.id, name="Pam")
    r = client.put(
        f"/api/v1/users/{ana.id}/slack-user-id",
        json={"slack_user_id": "U0ANA"},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    ts = f"{time.time():.6f}"
    reply = {
        "type": "message",
        "channel": "C0THREAD",
        "user": "U0ANA",
        "text": "Here's the SSO doc",
        "ts": ts,
        "thread_ts": f"{time.time() - 60:.6f}",
    }
    r = post_slack(client, rt, {"type": "event_callback", "event_id": "EvT1", "event": reply})
    assert r.json()["status"] == "accepted", r.text
    hb = {"Authorization": f"Bearer {token_for(rt, bo)}"}
    r = client.post(
        "/api/v1/emails/preview",
        json={"contact_id": contact.id, "subject": "Hi", "body": "x"},
        headers=hb,
    )
    assert r.status_code == 200, r.text
    assert r.json()["warning"] and "Ana" in r.json()["warning"], r.json()
    ha = {"Authorization": f"Bearer {token_for(rt, ana)}"}
    r = client.post(
        "/api/v1/emails/preview",
        json={"contact_id": contact.id, "subject": "Hi", "body": "x"},
        headers=ha,
    )
    assert r.json()["warning"] is None


def test_a4_file_share_message_is_a_conversation(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    ana = make_user(rt, "ana@example.com", name="Ana")
    bo = make_user(rt, "bo@example.com", name="Bo")
    acct = make_account(rt, "Fileco", domain="fileco.io", slack_channels=["C0FILE"])
    contact = make_contact(rt, "pm@fileco.io", account_id=acct.id)
    client.put(
        f"/api/v1/users/{ana.id}/slack-user-id",
        json={"slack_user_id": "U0ANA"},
        headers=admin_headers,
    )
    msg = {
        "type": "message",
        "subtype": "file_share",
        "channel": "C0FILE",
        "user": "U0ANA",
        "text": "the quote PDF",
        "ts": f"{time.time():.6f}",
        "files": [{"id": "F1", "name": "quote.pdf"}],
    }
    r = post_slack(client, rt, {"type": "event_callback", "event_id": "EvF1", "event": msg})
    assert r.json()["status"] == "accepted", r.text
    hb = {"Authorization": f"Bearer {token_for(rt, bo)}"}
    r = client.post(
        "/api/v1/emails/preview",
        json={"contact_id": contact.id, "subject": "Hi", "body": "x"},
        headers=hb,
    )
    assert r.json()["warning"] and "Ana" in r.json()["warning"], r.json()
