"""I-2 notifications from the public contact form (issue 13 items 11 and 14).

A hostile form must not ping the channel, disguise a link, or add a header to the
sales alias's mail; and the link in both notifications opens the task's page.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import time_machine
from fastapi.testclient import TestClient

from salesops.app import create_app
from salesops.core.markup import mrkdwn, one_line
from salesops.playbook.runtime import Runtime
from salesops.worker import Worker
from tests.factories import make_user
from tests.intake.helpers import post_form
from tests.integrations.fakes import FakeServices, SmtpSink
from tests.web.conftest import log_in

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOSTILE = {
    "submission_id": "hostile-1",
    "name": "<!channel> Eve\r\nBcc: victim@example.org",
    "email": "eve@evil-corp.io",
    "company": "<http://evil.example/login|Your Bank> & co",
    "message": "Hi <@U024BE7LH> <!here> @channel @everyone see <https://evil.example|docs>",
}


def _notified(rt: Runtime, client: TestClient) -> int:
    with time_machine.travel(NOW, tick=False):
        r = post_form(client, rt, **HOSTILE)
    assert r.status_code == 200, r.text
    Worker(rt, worker_id="w").drain(NOW)
    return int(r.json()["task_id"])


def test_i2_slack_text_escapes_everything_the_form_sent(
    configured: Runtime, client: TestClient, fake_services: FakeServices
) -> None:
    task_id = _notified(configured, client)
    [seen] = fake_services.to("/slack")
    text = seen.body["text"]
    # the only control sequence left is our own link to the task
    assert re.findall(r"<[^>]*>", text) == [
        f"<{configured.settings.base_url}/tasks/{task_id}|Open task {task_id}>"
    ]
    for raw in ("<!channel>", "<!here>", "<@U024BE7LH>", "<http://evil.example/login|"):
        assert raw not in text
    assert "&lt;!channel&gt; Eve" in text and "&lt;@U024BE7LH&gt;" in text
    assert "&lt;http://evil.example/login|Your Bank&gt; &amp; co" in text
    assert "@channel" not in text and "@everyone" not in text  # joined with U+2060
    assert "@\u2060channel" in text


def test_i2_email_to_the_sales_alias_cannot_gain_a_header(
    configured: Runtime, client: TestClient, smtp_sink: SmtpSink
) -> None:
    _notified(configured, client)
    [message] = smtp_sink.messages
    [(_, recipients)] = smtp_sink.envelopes
    assert recipients == [configured.settings.sales_alias]  # no Bcc smuggled in
    assert message["Bcc"] is None
    subject = re.sub(r"\r?\n[ \t]", " ", str(message["Subject"]))  # unfold (RFC 5322 2.2.3)
    assert "\n" not in subject and "\r" not in subject
    assert subject.startswith("New contact form lead: <!channel> Eve Bcc: victim@example.org")
    assert [k for k in message if k.lower() == "bcc"] == []
    assert message.get_content_type() == "text/plain"  # plain text: nothing to render


def test_i2_the_notification_link_opens_the_task_page(
    configured: Runtime, client: TestClient, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    """Item 14: the link the notifications carry is the web app's task page (not a 404)."""
    task_id = _notified(configured, client)
    link = re.findall(r"<([^|>]+)\|Open task", fake_services.to("/slack")[0].body["text"])[0]
    body = smtp_sink.messages[0].get_payload(decode=True).decode()
    assert link in body
    path = urlsplit(link).path
    assert path == f"/tasks/{task_id}"
    make_user(configured, "rep@example.com", password="password123")
    app = create_app(configured.settings, runtime=configured)
    with TestClient(app, headers={"accept": "text/html"}) as browser:
        assert browser.get(path, follow_redirects=False).status_code in (302, 303)  # log in
        log_in(browser, "rep@example.com", "password123")
        page = browser.get(path)
    assert page.status_code == 200
    assert "eve@evil-corp.io" in page.text


def test_markup_helpers() -> None:
    assert mrkdwn("a & <b> @here") == "a &amp; &lt;b&gt; @\u2060here"
    assert mrkdwn("mail@channel.example") == "mail@channel.example"  # not a mention
    assert one_line("a\r\nBcc: x\t\x00y\u2028z", limit=12) == "a Bcc: x y z"
