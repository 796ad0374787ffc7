"""Issue 20 in a real browser: a salesperson sends a templated email from a task, the
reply shows on the task's timeline, and the bell's count changes without a reload."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from imapclient import IMAPClient

from salesops.activities.service import log_human_activity
from salesops.intake.mail import receive_email
from salesops.playbook.runtime import Runtime
from salesops.users.service import get_user
from salesops.worker import Worker
from tests.browser.test_web_flows import CHROMIUM, Watched
from tests.intake.dovecot import Dovecot
from tests.integrations.fakes import SmtpSink

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium"),
]


def test_connect_a_mailbox_send_a_templated_email_see_the_reply_and_the_bell(
    server: str,
    browser: Any,
    people: dict[str, Any],
    rt: Runtime,
    smtp_sink: SmtpSink,
    dovecot: Dovecot,
) -> None:
    rt.settings.outbound_smtp_host, rt.settings.outbound_smtp_port = "127.0.0.1", smtp_sink.port
    task = people["task"]
    w = Watched(browser, server)
    w.login("sam@example.com", "password123")
    page = w.page

    # Item 2: Sam connects the mailbox; a customer's mail in it lands on the timeline.
    w.goto("/mailbox")
    page.get_by_label("IMAP server").fill("127.0.0.1")
    page.get_by_label("Port", exact=True).fill(str(dovecot.port))
    page.get_by_label("TLS (port 993)").uncheck()
    page.get_by_label("App password").fill(dovecot.password)
    page.get_by_role("button", name="Connect mailbox").click()
    page.wait_for_selector("text=Mailbox connected")
    imap = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    imap.login(dovecot.user, dovecot.password)
    imap.append(
        "INBOX",
        b"From: Jo Buyer <jo@acme.com>\r\nTo: sam@example.com\r\nSubject: Our data volumes"
        b"\r\nMessage-ID: <vol-1@acme.com>\r\n\r\nAbout 5M events a month.\r\n",
    )
    imap.logout()
    page.get_by_role("button", name="Sync now").click()
    page.wait_for_selector("text=Synced: 1 new message(s), 1 on timelines")
    w.shot("mailbox")
    w.goto(f"/tasks/{task.id}")
    page.wait_for_selector("text=Our data volumes")
    bell = page.locator("#bell-slot .bell-count")
    bell.wait_for()
    before = int(bell.get_attribute("data-count") or "0")
    w.goto(f"/tasks/{task.id}")
    page.get_by_role("link", name="Write an email").click()
    page.wait_for_selector("h1:has-text('Write an email')")
    page.get_by_label("Template").select_option(label="Post demo route to self-serve")
    page.wait_for_url(re.compile(r".*template=post_demo_self_serve.*"))
    assert page.get_by_label("Subject").input_value() == "Getting started with Acme"
    assert "Docs: https://example.com/docs" in page.get_by_label("Message").input_value()
    w.shot("compose")
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector("text=queued: it is on the timeline")
    assert page.locator("text=Getting started with Acme").first.is_visible()

    # The outbox sends it; in a thread: Playwright's loop runs in this one.
    drain = threading.Thread(target=Worker(rt, worker_id="w").drain)
    drain.start()
    drain.join(timeout=60)
    [sent] = smtp_sink.messages
    reply = (
        f"From: Jo Buyer <jo@acme.com>\r\nTo: {sent['Reply-To']}\r\n"
        f"Subject: Re: {sent['Subject']}\r\nMessage-ID: <reply-1@acme.com>\r\n"
        f"In-Reply-To: {sent['Message-ID']}\r\n\r\nSigned up, thanks!\r\n"
    ).encode()
    with rt.uow() as s:
        assert receive_email(s, rt.settings, reply, rt_now()).status == "accepted"
    page.reload()
    page.wait_for_selector("text=Re: Getting started with Acme")

    with rt.uow() as s:  # a colleague mentions Sam: the bell counts it without a reload
        ada = get_user(s, people["admin"].id)
        log_human_activity(
            s, ada, {"kind": "note", "task_id": task.id, "body": "@sam nice one"}, rt_now()
        )
    page.wait_for_selector(f"#bell-slot .bell-count[data-count='{before + 1}']", timeout=15_000)
    w.shot("bell")
    page.locator("#bell-slot a.bell").click()
    page.wait_for_selector("text=Ada Admin mentioned you in a note")
    w.assert_clean()


def rt_now() -> Any:
    from salesops.core import clock

    return clock.now()
