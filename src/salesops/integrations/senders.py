"""Outbox senders (X-1): one per channel, registered on import (see ``worker.JOB_MODULES``).

Each names the settings it needs (without them its deliveries are parked, not
retried), its default limit of sends in flight per worker, whether its receiver
can tell a resend from a new send (``dedupes``; see ``integrations.clients``), and how
several coalesced deliveries become one message (``combine``; ``core.coalesce``: only
deliveries their producer marked ``coalesced`` are ever combined).
"""

from __future__ import annotations

from salesops.core.outbox import Delivery, DeliveryResult, SendContext, sender
from salesops.integrations import clients, combine, slack_api


@sender(
    "ticketing",
    requires=("ticketing_url", "ticketing_user", "ticketing_token"),
    concurrency=8,
)
async def ticketing(ctx: SendContext, delivery: Delivery) -> DeliveryResult:
    return DeliveryResult(await clients.create_ticket(ctx, delivery))


@sender(
    "email_automation",
    requires=("email_automation_url", "email_automation_site_id", "email_automation_api_key"),
    concurrency=16,
)
async def email_automation(ctx: SendContext, delivery: Delivery) -> DeliveryResult:
    return DeliveryResult(await clients.track_event(ctx, delivery))


@sender(
    "slack",
    requires=("slack_webhook_url",),
    concurrency=16,
    dedupes=False,
    combine=combine.slack_text("new leads"),
)
async def slack(ctx: SendContext, delivery: Delivery) -> DeliveryResult:
    return DeliveryResult(await clients.post_slack(ctx, delivery))


@sender("email", requires=("outbound_smtp_host",), concurrency=32, combine=combine.email)
async def email(ctx: SendContext, delivery: Delivery) -> DeliveryResult:
    return DeliveryResult(await clients.send_email(ctx, delivery))


@sender("notify_email", requires=("outbound_smtp_host",), concurrency=32, combine=combine.email)
async def notify_email(ctx: SendContext, delivery: Delivery) -> DeliveryResult:
    """Issue 20 item 3: a notification's email, in a lane of its own (the same SMTP relay
    as ``email``), so it never queues behind the sales alias's and customers' mail; a
    worker may run only the notification lanes (``salesops worker --lanes``)."""
    return DeliveryResult(await clients.send_email(ctx, delivery))


@sender(
    "slack_dm",
    requires=("slack_bot_token",),
    concurrency=16,
    dedupes=False,
    combine=combine.slack_text("notifications", keep=("user", "email")),
)
async def slack_dm(ctx: SendContext, delivery: Delivery) -> DeliveryResult:
    """Issue 20 item 3: a direct message to one person (Slack Web API chat.postMessage)."""
    return DeliveryResult(await slack_api.post_direct_message(ctx, delivery))
