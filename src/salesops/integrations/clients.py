"""Outbound clients (X-1): ticketing, email automation, Slack webhooks, SMTP email.

Each client is called by the worker after commit with one outbox row and
returns what the remote side said; it raises on anything but success so the
outbox retries with backoff and finally dead-letters. Every request carries
the row's idempotency key as an ``Idempotency-Key`` header and in the body,
so a retry after a lost response cannot create a second ticket on a receiver
that honours it (Zendesk does for ticket creation).

Payload contract per channel (what services put in ``enqueue_delivery``):

- ``ticketing``: ``subject``, ``body``, ``requester {name, email}``, ``cc`` (emails),
  ``team``, ``tags`` → Zendesk ``POST {url}/api/v2/tickets.json``, basic auth
  ``{user}/token:{token}``. Result: ``ticket_id``, ``url`` (agent link).
- ``email_automation``: ``customer_id`` (email or id), ``name`` (event), ``data`` →
  Customer.io Track API ``POST {url}/api/v1/customers/{id}/events``, basic auth
  ``{site_id}:{api_key}``.
- ``slack``: ``text`` (and optional ``blocks``) → the incoming-webhook URL.
- ``email``: ``to`` (list), ``cc`` (list, optional), ``reply_to`` (optional), ``subject``,
  ``body`` → SMTP.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any
from urllib.parse import quote

import httpx

from salesops.core.config import Settings

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
USER_AGENT = "salesops-outbox/1"


class NotConfigured(RuntimeError):
    """The channel has no URL or credentials: the delivery fails (and dead-letters), never
    silently succeeds."""


class DeliveryFailed(RuntimeError):
    """The remote side answered with an error status."""


def _require(channel: str, **values: str | None) -> None:
    missing = [name for name, value in values.items() if not value]
    if missing:
        env = ", ".join(f"SALESOPS_{name.upper()}" for name in missing)
        raise NotConfigured(f"{channel} is not configured: set {env}")


def _headers(key: str) -> dict[str, str]:
    return {"Idempotency-Key": key, "User-Agent": USER_AGENT}


def _check(channel: str, response: httpx.Response) -> None:
    if response.status_code >= 300:
        raise DeliveryFailed(
            f"{channel}: {response.request.method} {response.request.url} answered "
            f"{response.status_code}: {response.text[:500]}"
        )


def create_ticket(settings: Settings, payload: dict[str, Any], key: str) -> dict[str, Any]:
    """D-3: a support/billing ticket, owner CC'd, in a Zendesk-compatible ticketing system."""
    _require(
        "ticketing",
        ticketing_url=settings.ticketing_url,
        ticketing_user=settings.ticketing_user,
        ticketing_token=settings.ticketing_token,
    )
    base = str(settings.ticketing_url).rstrip("/")
    requester = payload.get("requester") or {}
    ticket = {
        "subject": payload.get("subject", ""),
        "comment": {"body": payload.get("body", "")},
        "requester": {k: v for k, v in requester.items() if v},
        "email_ccs": [{"user_email": e, "action": "put"} for e in payload.get("cc", []) if e],
        "tags": [t for t in [payload.get("team"), *payload.get("tags", [])] if t],
        "external_id": key,
    }
    response = httpx.post(
        f"{base}/api/v2/tickets.json",
        json={"ticket": ticket, "idempotency_key": key},
        auth=(f"{settings.ticketing_user}/token", str(settings.ticketing_token)),
        headers=_headers(key),
        timeout=TIMEOUT,
    )
    _check("ticketing", response)
    data = response.json().get("ticket", {})
    ticket_id = data.get("id")
    return {"ticket_id": ticket_id, "url": f"{base}/agent/tickets/{ticket_id}"}


def track_event(settings: Settings, payload: dict[str, Any], key: str) -> dict[str, Any]:
    """D-3 / Q-9: an event for the email-automation system (Customer.io Track API)."""
    _require(
        "email_automation",
        email_automation_url=settings.email_automation_url,
        email_automation_site_id=settings.email_automation_site_id,
        email_automation_api_key=settings.email_automation_api_key,
    )
    base = str(settings.email_automation_url).rstrip("/")
    customer = quote(str(payload["customer_id"]), safe="")
    response = httpx.post(
        f"{base}/api/v1/customers/{customer}/events",
        json={
            "name": payload["name"],
            "data": {**payload.get("data", {}), "idempotency_key": key},
        },
        auth=(str(settings.email_automation_site_id), str(settings.email_automation_api_key)),
        headers=_headers(key),
        timeout=TIMEOUT,
    )
    _check("email_automation", response)
    return {"status": response.status_code}


def post_slack(settings: Settings, payload: dict[str, Any], key: str) -> dict[str, Any]:
    """I-2 and others: a message to the sales channel through a Slack incoming webhook."""
    _require("slack", slack_webhook_url=settings.slack_webhook_url)
    body = {k: v for k, v in payload.items() if k in ("text", "blocks", "attachments")}
    response = httpx.post(
        str(settings.slack_webhook_url),
        json={**body, "idempotency_key": key},
        headers=_headers(key),
        timeout=TIMEOUT,
    )
    _check("slack", response)
    return {"status": response.status_code}


def send_email(settings: Settings, payload: dict[str, Any], key: str) -> dict[str, Any]:
    """Email over SMTP; the Message-ID is derived from the idempotency key."""
    _require("email", outbound_smtp_host=settings.outbound_smtp_host)
    to = [a for a in payload.get("to", []) if a]
    if not to:
        raise DeliveryFailed("email: no recipient in payload['to']")
    message = EmailMessage()
    message["From"] = payload.get("from") or settings.outbound_from
    message["To"] = ", ".join(to)
    cc = [a for a in payload.get("cc", []) if a]
    if cc:
        message["Cc"] = ", ".join(cc)
    if payload.get("reply_to"):
        message["Reply-To"] = payload["reply_to"]
    message["Subject"] = payload.get("subject", "")
    message["Date"] = formatdate(usegmt=True)
    domain = settings.outbound_from.rpartition("@")[2] or "salesops"
    message["Message-ID"] = f"<{quote(key, safe='')}@{domain}>"
    message["Idempotency-Key"] = key
    message.set_content(payload.get("body", ""))
    with smtplib.SMTP(
        str(settings.outbound_smtp_host), settings.outbound_smtp_port, timeout=10
    ) as smtp:
        refused = smtp.send_message(message, to_addrs=to + cc)
    return {"message_id": message["Message-ID"], "refused": sorted(refused)}
