"""Send email from salesops (issue 20 item 1): templates with merge fields, sent through
the outbox exactly once (X-1), logged as email_out (A-1), a touch (T-3), the A-4
warning, and replies threaded back onto the task."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.activities.models import Activity
from salesops.activities.service import log_human_activity
from salesops.core.outbox import Delivery
from salesops.intake.mail import receive_email
from salesops.playbook.runtime import Runtime
from salesops.smtp import IntakeHandler
from salesops.tasks.models import Task
from salesops.users.service import get_user
from salesops.worker import Worker
from tests.factories import make_account, make_contact, make_task, make_user, token_for
from tests.integrations.fakes import SmtpSink

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _setup(rt: Runtime) -> tuple[Task, dict[str, str], int]:
    seller = make_user(rt, "sam.seller@example.com", name="Sam Seller")
    acct = make_account(rt, "Acme")
    ann = make_contact(rt, "ann@acme.com", name="Ann Lee")
    task = make_task(rt, acct, ann, owner_id=seller.id)
    return task, {"Authorization": f"Bearer {token_for(rt, seller)}"}, seller.id


def _send(client: TestClient, headers: dict[str, str], key: str, **body: object) -> dict:
    with time_machine.travel(NOW, tick=False):
        r = client.post("/api/v1/emails", json=body, headers={**headers, "Idempotency-Key": key})
    assert r.status_code == 202, r.text
    return r.json()


def test_template_renders_and_is_sent_once_under_retries(
    configured: Runtime, client: TestClient, smtp_sink: SmtpSink
) -> None:
    """Issue 20 item 1, X-1, A-1, T-3: the post-demo template with its seed-004 resources;
    the request retried with its key, the SMTP server failing once, the worker draining
    again: one message, one timeline entry."""
    task, headers, seller_id = _setup(configured)
    with time_machine.travel(NOW, tick=False):
        draft = client.post(
            "/api/v1/emails/preview",
            json={"task_id": task.id, "template": "post_demo_self_serve"},
            headers=headers,
        ).json()
    assert draft["to"] == ["ann@acme.com"] and draft["subject"] == "Getting started with Acme"
    assert draft["body"].startswith("Hi Ann,") and "Docs: https://example.com/docs" in draft["body"]
    assert draft["body"].rstrip().endswith("Sam") and draft["warning"] is None
    assert {t["key"] for t in draft["templates"]} >= {
        "post_demo_self_serve", "startup_plan_application", "trial_wrap_up", "check_in"
    }  # fmt: skip

    first = _send(client, headers, "k-1", task_id=task.id, template="post_demo_self_serve")
    again = _send(client, headers, "k-1", task_id=task.id, template="post_demo_self_serve")
    assert again["duplicate"] is True and again["delivery_id"] == first["delivery_id"]
    assert again["activity_id"] == first["activity_id"]

    smtp_sink.fail_remaining = 1  # the server answers 451 once: retried with backoff
    worker = Worker(configured, worker_id="w")
    worker.drain(NOW)
    assert smtp_sink.messages == []
    worker.drain(NOW + timedelta(hours=1))
    worker.drain(NOW + timedelta(hours=2))
    [msg] = smtp_sink.messages
    assert msg["Subject"] == "Getting started with Acme"
    assert msg["Message-ID"] == first["message_id"]
    assert msg["Reply-To"] == first["reply_to"] and "+t" in first["reply_to"]
    with configured.uow(readonly=True) as s:
        [row] = s.scalars(select(Delivery).where(Delivery.channel == "email")).all()
        assert row.state == "delivered" and row.attempts == 2
        [out] = s.scalars(select(Activity).where(Activity.kind == "email_out")).all()
        assert out.task_id == task.id and out.actor_id == seller_id
        assert out.source_ref == first["message_id"] and out.subject == msg["Subject"]
        assert s.get(Task, task.id).last_touched_at is not None  # T-3


def test_merge_errors_and_bad_input_name_the_field(configured: Runtime, client: TestClient) -> None:
    task, headers, _ = _setup(configured)
    r = client.post(
        "/api/v1/emails/preview", json={"task_id": task.id, "template": "nope"}, headers=headers
    )
    assert r.status_code == 422 and r.json()["field"] == "template"
    r = client.post(
        "/api/v1/emails",
        json={"task_id": task.id, "to": ["not an address"], "subject": "x", "body": "y"},
        headers={**headers, "Idempotency-Key": "k"},
    )
    assert r.status_code == 422 and r.json()["field"] == "to"
    r = client.post(
        "/api/v1/emails", json={"task_id": task.id, "subject": "x", "body": "y"}, headers=headers
    )
    assert r.status_code == 422 and r.json()["field"] == "idempotency_key"


def test_a4_warning_shows_before_sending(configured: Runtime, client: TestClient) -> None:
    task, headers, _ = _setup(configured)
    other = make_user(configured, "olga@example.com", name="Olga")
    with configured.uow() as s:
        log_human_activity(
            s, get_user(s, other.id),
            {"kind": "call", "account_id": task.account_id, "body": "called"},
            NOW - timedelta(days=3),
        )  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        draft = client.post(
            "/api/v1/emails/preview",
            json={"task_id": task.id, "template": "check_in"},
            headers=headers,
        ).json()
    assert "Olga called this account 3 days ago" in draft["warning"]


def _reply(to: str, *, in_reply_to: str = "", message_id: str = "<r1@acme.com>") -> bytes:
    head = (
        f"From: Ann Lee <ann@acme.com>\r\nTo: {to}\r\nSubject: Re: Getting started\r\n"
        f"Message-ID: {message_id}\r\nDate: Mon, 02 Mar 2026 10:00:00 +0000\r\n"
    )
    if in_reply_to:
        head += f"In-Reply-To: {in_reply_to}\r\nReferences: {in_reply_to}\r\n"
    return (head + "\r\nThanks, we signed up!\r\n").encode()


def test_replies_thread_back_onto_the_task(configured: Runtime, client: TestClient) -> None:
    """Issue 20 item 1, A-1: by the signed reply address, and by In-Reply-To to the plain
    sales alias; neither makes a new lead task. A forged signature is not a reply."""
    task, headers, _ = _setup(configured)
    sent = _send(client, headers, "k-2", task_id=task.id, template="check_in")
    settings = configured.settings
    assert IntakeHandler(configured).accepts(sent["reply_to"])
    forged = sent["reply_to"].split(".")[0] + ".0000000000@" + sent["reply_to"].split("@")[1]
    assert not IntakeHandler(configured).accepts(forged)
    with configured.uow() as s:
        one = receive_email(s, settings, _reply(sent["reply_to"]), NOW)
        two = receive_email(
            s, settings,
            _reply(settings.sales_alias, in_reply_to=sent["message_id"], message_id="<r2@acme>"),
            NOW,
        )  # fmt: skip
    assert one.status == two.status == "accepted"
    assert one.ids["task_id"] == two.ids["task_id"] == task.id
    with configured.uow(readonly=True) as s:
        replies = s.scalars(select(Activity).where(Activity.kind == "email_in")).all()
        assert [(a.task_id, a.meta["threaded_by"]) for a in replies] == [
            (task.id, "reply-address"), (task.id, "in-reply-to")
        ]  # fmt: skip
        assert s.scalar(select(Task.id).where(Task.id != task.id)) is None  # no new lead
