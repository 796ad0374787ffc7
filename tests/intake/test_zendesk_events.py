"""Zendesk (I-5, I-10; issue 15 item 7): a 5-minute replay window on the signature
timestamp (the injected clock), and the event-style webhook
(``zen:event-type:ticket.tags_changed``, requester as ``requester_id``) whose requester
is fetched through the ticketing client from a local fake ticketing server."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.accounts.models import Contact
from salesops.intake.models import IntakeRejection
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.intake.helpers import post_zendesk

T0 = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
AUTH = "Basic " + base64.b64encode(b"agent@example.com/token:zd-token").decode()
USERS = {"7001": {"id": 7001, "name": "Olga Ops", "email": "Olga@Globex.com"}}
COMMENTS = {
    "5158": [
        {"id": 3, "author_id": 9, "plain_body": "Agent: let me loop in sales"},
        {"id": 2, "author_id": 7001, "plain_body": "We'd like an annual contract for 40 seats"},
        {"id": 1, "author_id": 7001, "plain_body": "Hello"},
    ]
}


class FakeTicketing:
    """Zendesk's users and comments API on 127.0.0.1, checking basic auth."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.down = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                fake.paths.append(self.path)
                status, answer = fake.route(self.path, self.headers.get("Authorization"))
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def route(self, path: str, auth: str | None) -> tuple[int, Any]:
        if self.down:
            return 503, {"error": "maintenance"}
        if auth != AUTH:
            return 401, {"error": "Couldn't authenticate you"}
        if path.startswith("/api/v2/users/"):
            user = USERS.get(path.removeprefix("/api/v2/users/").removesuffix(".json"))
            return (200, {"user": user}) if user else (404, {"error": "RecordNotFound"})
        if path.startswith("/api/v2/tickets/") and "/comments.json" in path:
            ticket_id = path.split("/")[4]
            return 200, {"comments": COMMENTS.get(ticket_id, [])}
        return 404, {"error": "InvalidEndpoint"}


@pytest.fixture
def ticketing(rt: Runtime) -> Iterator[FakeTicketing]:
    fake = FakeTicketing()
    rt.settings.ticketing_url = fake.url
    rt.settings.ticketing_user = "agent@example.com"
    rt.settings.ticketing_token = "zd-token"
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def tags_changed(ticket_id: str = "5158", requester_id: int = 7001, added: Any = None) -> dict:
    return {
        "account_id": 12514403,
        "id": "cbe4028c-7239-495d-b020-f22348516046",
        "time": "2026-12-07T09:29:58Z",
        "type": "zen:event-type:ticket.tags_changed",
        "zendesk_event_version": "2022-11-06",
        "subject": f"zen:ticket:{ticket_id}",
        "detail": {
            "actor_id": "9", "assignee_id": "9", "brand_id": "1",
            "created_at": "2026-12-07T09:00:00Z", "description": "Hello", "id": ticket_id,
            "priority": "NORMAL",
            "requester_id": str(requester_id), "status": "OPEN", "subject": "Enterprise plan?",
            "submitter_id": str(requester_id), "tags": ["vip", "sf-lead"], "type": "QUESTION",
            "updated_at": "2026-12-07T09:29:58Z", "via": {"channel": "web_form"},
        },
        "event": {"tags_added": added if added is not None else ["sf-lead"], "tags_removed": []},
    }  # fmt: skip


def test_i5_event_style_webhook_fetches_the_requester_through_the_ticketing_client(
    client: TestClient, rt: Runtime, ticketing: FakeTicketing
) -> None:
    with time_machine.travel(T0, tick=False):
        r = post_zendesk(client, rt, tags_changed())
        assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
        again = post_zendesk(client, rt, tags_changed())
    assert again.json()["duplicate"] is True
    assert "/api/v2/users/7001.json" in ticketing.paths
    with rt.uow(readonly=True) as s:
        [task] = s.scalars(select(Task)).all()
        contact = s.get(Contact, task.contact_id)
    assert contact.email == "olga@globex.com" and contact.name == "Olga Ops"
    assert task.lead_source == "Zendesk" and task.title.startswith("Zendesk #5158")
    assert task.sales_form_message == "We'd like an annual contract for 40 seats"
    assert task.source_ref == f"{ticketing.url}/agent/tickets/5158"


def test_i5_event_style_untagged_ticket_is_ignored_without_a_lookup(
    client: TestClient, rt: Runtime, ticketing: FakeTicketing
) -> None:
    event = tags_changed(added=["vip"])
    event["detail"]["tags"] = ["vip"]
    with time_machine.travel(T0, tick=False):
        assert post_zendesk(client, rt, event).json()["status"] == "ignored"
    assert ticketing.paths == []


def test_i5_unknown_requester_is_422_and_a_ticketing_outage_is_503_both_logged(
    client: TestClient, rt: Runtime, ticketing: FakeTicketing
) -> None:
    with time_machine.travel(T0, tick=False):
        r = post_zendesk(client, rt, tags_changed(requester_id=404))
        assert r.status_code == 422 and r.json()["field"] == "detail.requester_id"
        ticketing.down = True
        r = post_zendesk(client, rt, tags_changed(ticket_id="77"))
        assert r.status_code == 503 and r.headers["Retry-After"]
    with rt.uow(readonly=True) as s:
        assert sorted(x.http_status for x in s.scalars(select(IntakeRejection))) == [422, 503]
        assert s.scalar(select(Task)) is None


def test_i5_event_style_without_a_configured_ticketing_system_names_the_settings(
    client: TestClient, rt: Runtime
) -> None:
    rt.settings.ticketing_url = None
    with time_machine.travel(T0, tick=False):
        r = post_zendesk(client, rt, tags_changed())
    assert r.status_code == 422 and "SALESOPS_TICKETING_URL" in r.json()["detail"]


def test_i10_zendesk_timestamp_outside_five_minutes_is_401_and_changes_nothing(
    client: TestClient, rt: Runtime
) -> None:
    """Issue 15 item 7: a 2019 timestamp was accepted; now the replay window refuses it."""
    body = {"ticket": {"id": 42, "tags": "sf-lead", "requester": {"email": "a@globex.com"}}}
    with time_machine.travel(T0, tick=False):
        old = post_zendesk(client, rt, body, ts="2019-06-01T10:00:00Z")
        assert old.status_code == 401 and "replay window" in old.json()["detail"]
        late = (T0 - timedelta(minutes=5, seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert post_zendesk(client, rt, body, ts=late).status_code == 401
        edge = (T0 - timedelta(minutes=4, seconds=59)).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert post_zendesk(client, rt, body, ts=edge).status_code == 200
    with rt.uow(readonly=True) as s:
        assert len(s.scalars(select(Task)).all()) == 1
