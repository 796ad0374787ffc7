"""Zendesk tag (I-5), community Slack (I-6), customer channels (A-2), manual entry (I-7)."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.accounts.models import Account, Contact
from salesops.activities.models import Activity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_account, make_user, token_for
from tests.intake.helpers import post_slack, post_zendesk


def ticket(tags: object, ticket_id: int = 42) -> dict:
    return {
        "ticket": {
            "id": ticket_id,
            "url": f"https://acme.zendesk.com/agent/tickets/{ticket_id}",
            "subject": "Enterprise plan?",
            "tags": tags,
            "requester": {"email": "Ops@Globex.com", "name": "Olga"},
            "latest_requester_comment": "Can we talk about an annual contract?",
        }
    }


def test_i5_tagged_ticket_creates_one_zendesk_task(client: TestClient, rt: Runtime) -> None:
    assert post_zendesk(client, rt, ticket("vip other")).json()["status"] == "ignored"
    r = post_zendesk(client, rt, ticket("vip sf-lead"))
    assert r.json()["status"] == "accepted", r.text
    # the tag removed and added again: nothing new for the same ticket
    post_zendesk(client, rt, ticket(["vip"]))
    again = post_zendesk(client, rt, ticket(["sf-lead", "vip", "again"]))
    assert again.json()["duplicate"] is True
    with rt.uow(readonly=True) as s:
        [task] = s.scalars(select(Task)).all()
        assert task.lead_source == "Zendesk"
        assert task.sales_form_message == "Can we talk about an annual contract?"
        assert task.source_ref == "https://acme.zendesk.com/agent/tickets/42"
        assert s.get(Account, task.account_id).support_ticket_ids == ["42"]
        assert s.get(Contact, task.contact_id).email == "ops@globex.com"


def test_i10_zendesk_signature_and_bad_input(client: TestClient, rt: Runtime) -> None:
    headers = {
        "X-Zendesk-Webhook-Signature": "bad",
        "X-Zendesk-Webhook-Signature-Timestamp": "1",
    }
    r = client.post("/api/v1/intake/zendesk", content=b"{}", headers=headers)
    assert r.status_code == 401
    bad = ticket("sf-lead")
    del bad["ticket"]["requester"]
    r = post_zendesk(client, rt, bad)
    assert r.status_code == 422 and r.json()["field"] == "ticket.requester.email"
    assert post_zendesk(client, rt, {"ticket": {"tags": "sf-lead"}}).json()["field"] == "ticket.id"


def test_slack_url_verification_and_replay_window(client: TestClient, rt: Runtime) -> None:
    r = post_slack(client, rt, {"type": "url_verification", "challenge": "abc"})
    assert r.json() == {"challenge": "abc"}
    old = post_slack(
        client, rt, {"type": "url_verification", "challenge": "x"}, ts=int(time.time()) - 400
    )
    assert old.status_code == 401 and "5-minute" in old.json()["detail"]


def join(event_id: str, email: str = "dev@startup.io") -> dict:
    return {
        "type": "event_callback",
        "event_id": event_id,
        "event": {
            "type": "team_join",
            "user": {"id": "U123", "profile": {"email": email, "real_name": "Dev One"}},
        },
    }


def test_i6_team_join_makes_a_contact_no_task_and_lists_it_for_say_hi(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    assert post_slack(client, rt, join("Ev1")).json()["status"] == "accepted"
    assert post_slack(client, rt, join("Ev1")).json()["duplicate"] is True
    with rt.uow(readonly=True) as s:
        c = s.scalar(select(Contact))
        assert c.lead_source == "Slack" and c.slack_user_id == "U123" and c.name == "Dev One"
        assert s.scalar(select(Task)) is None
    hi = client.get("/api/v1/intake/say-hi", headers=admin_headers).json()
    assert [i["email"] for i in hi["items"]] == ["dev@startup.io"]


def test_a2_message_in_linked_channel_lands_on_the_account(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    acct = make_account(rt, "Initech", slack_channels=["C42"])
    msg = {
        "type": "message",
        "channel": "C42",
        "user": "U9",
        "text": "We hit a limit",
        "ts": "1714557600.0001",
    }
    r = post_slack(client, rt, {"type": "event_callback", "event_id": "Ev2", "event": msg})
    assert r.json()["status"] == "accepted", r.text
    other = {**msg, "channel": "C99"}
    r = post_slack(client, rt, {"type": "event_callback", "event_id": "Ev3", "event": other})
    assert r.json()["status"] == "ignored"
    tl = client.get(f"/api/v1/accounts/{acct.id}/timeline", headers=admin_headers).json()
    assert [i["kind"] for i in tl["items"]] == ["slack"]
    assert tl["items"][0]["body"] == "We hit a limit"


def test_i7_manual_entry_creates_account_contact_task_with_manual_source(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    seller = make_user(rt, "sam@example.com")
    headers = {"Authorization": f"Bearer {token_for(rt, seller)}"}
    body = {
        "lead_source": "Event",
        "account": {"name": "Umbrella", "domain": "umbrella.com", "country": "FR"},
        "contact": {"email": "alice@umbrella.com", "name": "Alice"},
        "message": "Met at the booth",
    }
    r = client.post("/api/v1/intake/manual", json=body, headers=headers)
    assert r.status_code == 201, r.text
    task = r.json()
    assert task["lead_source"] == "Event" and task["status"] == "New"
    assert task["territory"] == "Europe & Africa"
    bad = client.post(
        "/api/v1/intake/manual", json={**body, "lead_source": "Email"}, headers=headers
    )
    assert bad.status_code == 422 and bad.json()["field"] == "lead_source"
    # same company again: the existing account is used and M-3 links the tasks
    again = {**body, "contact": {"email": "bob@umbrella.com"}}
    r2 = client.post("/api/v1/intake/manual", json=again, headers=headers).json()
    assert r2["account_id"] == task["account_id"] and r2["linked_task_id"] == task["id"]
    viewer = make_user(rt, "vic@example.com", role="viewer")
    vh = {"Authorization": f"Bearer {token_for(rt, viewer)}"}
    assert client.post("/api/v1/intake/manual", json=body, headers=vh).status_code == 403
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Activity).where(Activity.kind == "note")) is not None


def test_i9_bans_are_admin_only_audited_and_liftable(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    seller = make_user(rt, "sam@example.com")
    sh = {"Authorization": f"Bearer {token_for(rt, seller)}"}
    assert client.post("/api/v1/intake/bans", json={"value": "x.io"}, headers=sh).status_code == 403
    assert client.get("/api/v1/intake/rejections", headers=sh).status_code == 403
    r = client.post("/api/v1/intake/bans", json={"value": "Spam@X.io"}, headers=admin_headers)
    ban = r.json()
    assert ban["kind"] == "address" and ban["value"] == "spam@x.io"
    dup = client.post("/api/v1/intake/bans", json={"value": "spam@x.io"}, headers=admin_headers)
    assert dup.status_code == 409
    bad = client.post("/api/v1/intake/bans", json={"value": "not a domain"}, headers=admin_headers)
    assert bad.status_code == 422 and bad.json()["field"] == "value"
    lifted = client.delete(f"/api/v1/intake/bans/{ban['id']}", headers=admin_headers).json()
    assert lifted["lifted_at"] is not None
    assert client.get("/api/v1/intake/bans", headers=admin_headers).json()["total"] == 0
    kinds = client.get("/api/v1/decisions?subject_type=spam_ban", headers=admin_headers).json()[
        "items"
    ]
    assert sorted(d["kind"] for d in kinds) == ["spam_ban", "spam_ban_lifted"]


def test_a4_a_colleagues_slack_message_counts_as_their_conversation(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    """A-4 (issue 16 item 6): Slack member ids map to users (set by the user or an admin,
    one id one user, recorded); a mapped user's message in the customer's channel is their
    conversation, so a colleague about to write is warned."""
    from salesops.activities.conversations import parallel_conversation_warning
    from salesops.core import clock

    ana = make_user(rt, "ana@example.com", name="Ana")
    bo = make_user(rt, "bo@example.com", name="Bo")
    acct = make_account(rt, "Slackco", slack_channels=["C77"])
    hb = {"Authorization": f"Bearer {token_for(rt, bo)}"}
    r = client.put(f"/api/v1/users/{ana.id}/slack-user-id", json={"slack_user_id": "UANA"},
                   headers=hb)  # fmt: skip
    assert r.status_code == 403  # only an admin sets someone else's
    r = client.put(f"/api/v1/users/{ana.id}/slack-user-id", json={"slack_user_id": "UANA"},
                   headers=admin_headers)  # fmt: skip
    assert r.status_code == 200 and r.json() == {"user_id": ana.id, "slack_user_id": "UANA"}
    r = client.put(f"/api/v1/users/{bo.id}/slack-user-id", json={"slack_user_id": "UANA"},
                   headers=hb)  # fmt: skip
    assert r.status_code == 409 and "another user" in r.text
    ts = f"{clock.now().timestamp():.4f}"
    msg = {"type": "message", "channel": "C77", "user": "UANA", "text": "Sent the quote", "ts": ts}
    r = post_slack(client, rt, {"type": "event_callback", "event_id": "Ev77", "event": msg})
    assert r.json()["status"] == "accepted", r.text
    with rt.uow(readonly=True) as s:
        warning = parallel_conversation_warning(s, acct.id, bo.id, clock.now())
        assert warning is not None and "Ana messaged this account today" in warning
        assert parallel_conversation_warning(s, acct.id, ana.id, clock.now()) is None
