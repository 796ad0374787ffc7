"""Notifications (issue 20 item 3): every event reaches in-app, email and the Slack fake
according to each person's choices; the daily digest groups a day; the bell's count;
the sales channel hears of every new lead whatever its source."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.activities.service import log_human_activity
from salesops.core.outbox import Delivery, enqueue_delivery
from salesops.flows import notices
from salesops.playbook.runtime import Runtime
from salesops.tasks import service as tasks
from salesops.tasks.models import Task
from salesops.users import notify
from salesops.users.notifications import Notification
from salesops.users.service import get_user
from salesops.worker import Worker
from tests.factories import make_account, make_contact, make_task, make_user, token_for
from tests.integrations.fakes import FakeServices, SmtpSink

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ALL = list(notify.EVENTS)


def _prefs(rt: Runtime, user_id: int, channels: list[str], **extra: object) -> None:
    with rt.uow() as s:
        notify.set_preferences(
            s, get_user(s, user_id), {"events": {e: channels for e in ALL}, **extra}
        )


def _events(rt: Runtime, user_id: int) -> list[str]:
    with rt.uow(readonly=True) as s:
        rows = s.scalars(
            select(Notification).where(Notification.user_id == user_id).order_by(Notification.id)
        )
        return [r.event for r in rows]


def test_every_event_reaches_each_chosen_channel(
    configured: Runtime, client: TestClient, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    rt = configured
    admin = make_user(rt, "boss@example.com", role="admin", name="Boss")
    sam = make_user(rt, "sam@example.com", name="Sam")
    olga = make_user(rt, "olga@example.com", name="Olga")
    _prefs(rt, sam.id, ["in_app", "email", "slack"], slack_user_id="USAM")
    _prefs(rt, olga.id, ["in_app", "slack"])  # no Slack id: looked up by email
    _prefs(rt, admin.id, ["in_app"])
    acct = make_account(rt, "Acme")
    ann = make_contact(rt, "ann@acme.com", name="Ann")
    with time_machine.travel(NOW - timedelta(hours=25), tick=False):
        lead = make_task(rt, acct, ann, owner_id=None, lead_source="Email")
    with rt.uow() as s:  # lead assigned (as routing does) and announced
        task = s.get(Task, lead.id)
        task.owner_id = sam.id
        notices.announce_new_leads(s, [task], NOW - timedelta(hours=25))
    with rt.uow() as s:  # a person reassigns it to Olga and back (T-1 event type)
        boss = get_user(s, admin.id)
        tasks.update_task(s, boss, s.get(Task, lead.id), {"owner_id": olga.id}, NOW)
        tasks.update_task(s, boss, s.get(Task, lead.id), {"owner_id": sam.id}, NOW)
    with rt.uow() as s:
        s.get(Task, lead.id).first_touched_at = None  # a reassignment is no touch by Sam
    nurture = make_contact(rt, "bo@acme.com")
    nurtured = make_task(rt, acct, nurture, owner_id=sam.id)
    with rt.uow() as s:
        t = s.get(Task, nurtured.id)
        t.status, t.follow_up_on = "Nurturing", NOW.date()
        log_human_activity(
            s, get_user(s, admin.id),
            {"kind": "note", "task_id": nurtured.id, "body": "@sam call them? cc @olga @boss"},
            NOW,
        )  # fmt: skip
        dead = enqueue_delivery(
            s, "ticketing", {"subject": "x"}, idempotency_key="k-dead", now=NOW,
            subject=("task", lead.id),
        )  # fmt: skip
        dead.state = "dead"
        notices.due_today(s, NOW)
        notices.speed_to_lead(s, NOW)
        notices.failed_side_effects(s, NOW)
        notices.speed_to_lead(s, NOW)  # a rerun tells nobody twice
    assert _events(rt, sam.id) == [
        "lead_assigned", "task_reassigned", "task_reassigned", "mention", "due_today",
        "speed_to_lead", "side_effect_failed",
    ]  # fmt: skip
    assert _events(rt, olga.id) == ["task_reassigned", "task_reassigned", "mention"]
    assert _events(rt, admin.id) == []  # nobody is told of their own mention
    with rt.uow() as s:  # past the escalation delay, the territory's admin hears of it
        notices.speed_to_lead(s, NOW + timedelta(hours=5))
    assert _events(rt, admin.id) == ["speed_to_lead"]

    Worker(rt, worker_id="w").drain(NOW + timedelta(hours=5))
    mails = sorted(m["Subject"] for m in smtp_sink.messages if m["To"] == "sam@example.com")
    assert len(mails) == 7 and any("mentioned you" in m for m in mails)
    dms = [r for r in fake_services.to("/slackapi/chat.postMessage")]
    assert sorted({r.body["channel"] for r in dms}) == ["U-olga", "USAM"]
    assert len([r for r in dms if r.body["channel"] == "USAM"]) == 7
    assert len([r for r in dms if r.body["channel"] == "U-olga"]) == 3
    assert not [m for m in smtp_sink.messages if m["To"] in ("olga@example.com",)]

    headers = {"Authorization": f"Bearer {token_for(rt, sam)}"}
    assert client.get("/api/v1/notifications/unread-count", headers=headers).json() == {"unread": 7}
    first = client.get("/api/v1/notifications", headers=headers).json()["items"][0]
    assert first["event"] == "side_effect_failed" and first["link"] == f"/tasks/{lead.id}"
    r = client.post(f"/api/v1/notifications/{first['id']}/read", headers=headers)
    assert r.json() == {"unread": 6}
    assert client.post("/api/v1/notifications/read-all", headers=headers).json() == {"unread": 0}


def test_channels_not_chosen_are_not_used(
    configured: Runtime, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    rt = configured
    quiet = make_user(rt, "quiet@example.com")
    _prefs(rt, quiet.id, [])
    default = make_user(rt, "default@example.com")  # no choice made: in-app only
    acct, ann = make_account(rt, "Acme"), make_contact(rt, "ann@acme.com")
    make_task(rt, acct, ann, owner_id=quiet.id)
    make_task(rt, acct, make_contact(rt, "b@acme.com"), owner_id=default.id)
    with rt.uow() as s:
        for t in s.scalars(select(Task)):
            notices.announce_new_leads(s, [t], NOW)
        assert notify.unread_count(s, quiet.id) == 0 and notify.unread_count(s, default.id) == 1
    Worker(rt, worker_id="w").drain(NOW)
    assert smtp_sink.messages == [] and fake_services.to("/slackapi") == []


def test_preferences_api_names_the_bad_field(client: TestClient, rt: Runtime) -> None:
    sam = make_user(rt, "sam@example.com")
    headers = {"Authorization": f"Bearer {token_for(rt, sam)}"}
    got = client.get("/api/v1/notifications/preferences", headers=headers).json()
    assert got["events"]["lead_assigned"] == ["in_app"] and got["digest"] is False
    r = client.put(
        "/api/v1/notifications/preferences",
        json={"events": {"lead_assigned": ["pager"]}},
        headers=headers,
    )
    assert r.status_code == 422 and r.json()["field"] == "events"
    r = client.put(
        "/api/v1/notifications/preferences",
        json={"events": {"mention": ["email", "in_app"]}, "digest": True},
        headers=headers,
    )
    assert r.status_code == 200 and r.json()["events"]["mention"] == ["in_app", "email"]
    assert r.json()["digest"] is True


def test_digest_groups_a_days_events_into_one_mail(
    configured: Runtime, smtp_sink: SmtpSink
) -> None:
    rt = configured
    sam = make_user(rt, "sam@example.com")
    _prefs(rt, sam.id, ["in_app", "email"], digest=True)
    day1, day2 = NOW - timedelta(days=2), NOW - timedelta(days=1)
    with rt.uow() as s:
        for i, at in enumerate((day1, day1 + timedelta(hours=3), day2)):
            notify.notify(
                s,
                [notify.Notice(sam.id, "mention", f"Mention {i}", key=f"m{i}", link="/tasks/1")],
                at,
            )
    Worker(rt, worker_id="w").drain(day2 + timedelta(hours=1))  # the job: day 1 is over
    [mail] = smtp_sink.messages  # no email one by one: day 1's two in one digest
    assert mail["Subject"] == f"salesops digest for {day1.date()} (2)"
    with rt.uow() as s:
        assert notify.send_digests(s, NOW.replace(hour=6)) == 0  # before digest_hour_utc
        assert notify.send_digests(s, NOW) == 1  # day 2
        assert notify.send_digests(s, NOW) == 0  # nothing twice
    Worker(rt, worker_id="w").drain(NOW)
    by_subject = {m["Subject"]: m.get_payload(decode=True).decode() for m in smtp_sink.messages}
    assert sorted(by_subject) == [
        f"salesops digest for {day1.date()} (2)", f"salesops digest for {day2.date()} (1)"
    ]  # fmt: skip
    body = by_subject[f"salesops digest for {day1.date()} (2)"]
    assert "Mention 0" in body and "Mention 1" in body and "Mention 2" not in body


def test_the_sales_channel_hears_of_every_new_lead(
    configured: Runtime, fake_services: FakeServices
) -> None:
    """Not only form leads (I-2): an email or manual lead is announced too, once."""
    rt = configured
    acct = make_account(rt, "Acme")
    task = make_task(rt, acct, make_contact(rt, "ann@acme.com"), lead_source="Email")
    make_task(rt, acct, make_contact(rt, "b@acme.com"))  # a form lead: I-2 told them already
    Worker(rt, worker_id="w").drain()
    Worker(rt, worker_id="w").drain()
    [seen] = fake_services.to("/slack")
    text = seen.body["text"]
    assert text.startswith("New Email lead") and f"/tasks/{task.id}" in text
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Delivery.state).where(Delivery.channel == "slack")) == "delivered"


def test_t1_sweep_tells_the_new_and_the_previous_owner(rt: Runtime) -> None:
    """T-1, issue 20 item 3: the stale sweep's reassignment notifies both, once."""
    from salesops.routing import service as routing
    from tests.routing.helpers import lead

    t0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    with time_machine.travel(t0, tick=False):
        ana = make_user(rt, "ana@example.com", territory="Europe & Africa")
        ben = make_user(rt, "ben@example.com", territory="Europe & Africa")
        task = lead(rt, "DE")
    for _ in range(2):  # the sweep runs again: nobody is told twice
        with rt.uow() as s:
            routing.sweep(s, t0 + timedelta(days=10))
    assert _events(rt, ana.id) == ["lead_assigned", "task_reassigned"]
    assert _events(rt, ben.id) == ["task_reassigned"]
    with rt.uow(readonly=True) as s:
        titles = {
            n.user_id: n.title
            for n in s.scalars(select(Notification).where(Notification.event == "task_reassigned"))
        }
    assert titles == {
        ana.id: f"Task {task.id} was reassigned away from you (T-1)",
        ben.id: f"Task {task.id} was reassigned to you (T-1)",
    }


def test_slack_dm_for_an_unknown_person_is_parked_not_retried(
    configured: Runtime, fake_services: FakeServices
) -> None:
    rt = configured
    nobody = make_user(rt, "nobody@example.com")
    _prefs(rt, nobody.id, ["slack"])
    with rt.uow() as s:
        notify.notify(s, [notify.Notice(nobody.id, "mention", "Hi", key="k-nobody")], NOW)
    Worker(rt, worker_id="w").drain(NOW)
    with rt.uow(readonly=True) as s:
        row = s.scalars(select(Delivery).where(Delivery.channel == "slack_dm")).one()
        assert row.state == "parked" and "users_not_found" in (row.last_error or "")
    assert fake_services.to("/slackapi/chat.postMessage") == []
