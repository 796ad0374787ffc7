"""Fixtures for tests that deliver side effects to local fakes (import them where needed)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salesops.playbook.runtime import Runtime
from tests.integrations.fakes import (
    CIO_AUTH,
    SLACK_BOT_TOKEN,
    TICKET_AUTH,
    FakeServices,
    SmtpSink,
    start_fake_services,
)


@pytest.fixture
def fake_services() -> Iterator[FakeServices]:
    fake, server = start_fake_services()
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    yield sink
    sink.stop()


@pytest.fixture
def configured(rt: Runtime, fake_services: FakeServices, smtp_sink: SmtpSink) -> Runtime:
    """The runtime with every outbound channel pointed at the local fakes."""
    s = rt.settings
    s.ticketing_url = fake_services.url
    s.ticketing_user, s.ticketing_token = TICKET_AUTH[0].removesuffix("/token"), TICKET_AUTH[1]
    s.email_automation_url = fake_services.url
    s.email_automation_site_id, s.email_automation_api_key = CIO_AUTH
    s.slack_webhook_url = f"{fake_services.url}/slack"
    s.slack_api_url, s.slack_bot_token = f"{fake_services.url}/slackapi", SLACK_BOT_TOKEN
    s.outbound_smtp_host, s.outbound_smtp_port = "127.0.0.1", smtp_sink.port
    return rt
