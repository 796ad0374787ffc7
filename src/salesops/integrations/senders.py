"""Outbox senders (X-1): one per channel, registered on import (see ``worker.JOB_MODULES``).

The worker calls a sender with the settings and one claimed delivery row; a
raised error means "retry later" (and, after the last attempt, dead letter).
"""

from __future__ import annotations

from salesops.core.config import Settings
from salesops.core.outbox import Delivery, DeliveryResult, sender
from salesops.integrations import clients


@sender("ticketing")
def ticketing(settings: Settings, delivery: Delivery) -> DeliveryResult:
    return DeliveryResult(
        clients.create_ticket(settings, delivery.payload, delivery.idempotency_key)
    )


@sender("email_automation")
def email_automation(settings: Settings, delivery: Delivery) -> DeliveryResult:
    return DeliveryResult(clients.track_event(settings, delivery.payload, delivery.idempotency_key))


@sender("slack")
def slack(settings: Settings, delivery: Delivery) -> DeliveryResult:
    return DeliveryResult(clients.post_slack(settings, delivery.payload, delivery.idempotency_key))


@sender("email")
def email(settings: Settings, delivery: Delivery) -> DeliveryResult:
    return DeliveryResult(clients.send_email(settings, delivery.payload, delivery.idempotency_key))
