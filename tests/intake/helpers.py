"""Signed requests for the intake endpoints, built the way each source signs (I-10)."""

from __future__ import annotations

import json
import time
from email.message import EmailMessage
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from salesops.core import clock
from salesops.intake.rules import sign_hex, sign_slack, sign_zendesk
from salesops.playbook.runtime import Runtime


def post_form(client: TestClient, rt: Runtime, **fields: Any) -> Response:
    data = {"name": "Jane Doe", "email": "jane@acme.io", "company": "Acme", **fields}
    body = json.dumps(data).encode()
    return client.post(
        "/api/v1/intake/form",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Salesops-Signature": sign_hex(rt.settings.form_secret, body),
        },
    )


def post_product(client: TestClient, rt: Runtime, payload: dict[str, Any]) -> Response:
    body = json.dumps(payload).encode()
    return client.post(
        "/api/v1/intake/product-events",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Salesops-Signature": sign_hex(rt.settings.product_events_secret, body),
        },
    )


def post_email(
    client: TestClient, rt: Runtime, raw: bytes | str, envelope_to: list[str] | None = None
) -> Response:
    body = raw.encode() if isinstance(raw, str) else raw
    return client.post(
        "/api/v1/intake/email",
        content=body,
        params={"envelope_to": envelope_to} if envelope_to else None,
        headers={
            "Content-Type": "message/rfc822",
            "X-Salesops-Signature": sign_hex(rt.settings.email_secret, body),
        },
    )


def post_zendesk(
    client: TestClient, rt: Runtime, payload: dict[str, Any], ts: str | None = None
) -> Response:
    """Signed as Zendesk signs, stamped now (the injected clock: I-10's replay window)."""
    body = json.dumps(payload).encode()
    ts = ts or clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    return client.post(
        "/api/v1/intake/zendesk",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Zendesk-Webhook-Signature": sign_zendesk(rt.settings.zendesk_secret, body, ts),
            "X-Zendesk-Webhook-Signature-Timestamp": ts,
        },
    )


def post_slack(
    client: TestClient, rt: Runtime, payload: dict[str, Any], ts: int | None = None
) -> Response:
    body = json.dumps(payload).encode()
    stamp = str(ts if ts is not None else int(time.time()))
    return client.post(
        "/api/v1/intake/slack",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": sign_slack(rt.settings.slack_signing_secret, body, stamp),
        },
    )


def mail(
    *,
    sender: str = "Jane Doe <jane@acme.io>",
    to: str = "sales@example.com",
    cc: str | None = None,
    subject: str = "Pricing for 50M events",
    body: str = "Hi, we'd like a quote.",
    message_id: str = "<m1@acme.io>",
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg["Date"] = "Wed, 01 May 2024 10:00:00 +0000"
    for k, v in (headers or {}).items():
        msg[k] = v
    if html is not None and body == "":
        msg.set_content(html, subtype="html")
    else:
        msg.set_content(body)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    return bytes(msg)
