"""I-5 support-ticket tag: a ticket event carrying the playbook's tag (``sf-lead``)
becomes a task with lead source "Zendesk", once per ticket and tag.

The webhook body is the JSON a ticketing trigger sends (documented in
docs/intake.md): ``{"ticket": {"id", "url", "subject", "tags", "requester":
{"email", "name"}, "latest_requester_comment"}}``; the same keys flat
(``ticket_id``, ``requester_email``, …) are accepted too. ``tags`` may be a list
or the space-separated string the trigger placeholder renders.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from salesops.core.config import Settings
from salesops.core.errors import DomainError, Unauthorized, ValidationFailed
from salesops.intake import service
from salesops.intake.email_parse import is_address
from salesops.intake.rules import verify_zendesk
from salesops.intake.ticketing import TicketingClient
from salesops.matching.service import match_contact
from salesops.playbook.runtime import Runtime, playbook_of

SOURCE = "zendesk"
LEAD_SOURCE = "Zendesk"
# An event-style webhook's own keys (``zen:event-type:…``), not the ticket's.
EVENT_KEYS = frozenset({"detail", "id", "subject", "time", "type", "account_id",
                        "zendesk_event_version"})  # fmt: skip


def _ticket(data: dict[str, Any]) -> dict[str, Any]:
    nested = data.get("ticket")
    if isinstance(nested, dict):
        return nested
    detail = data.get("detail")  # event-style webhooks: the ticket is the detail
    if isinstance(detail, dict):
        return {**{k: v for k, v in data.items() if k not in EVENT_KEYS}, **detail}
    return {k.removeprefix("ticket_"): v for k, v in data.items()}


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _tags(value: Any) -> list[str]:
    if isinstance(value, str):
        return [t for t in value.replace(",", " ").split() if t]
    if isinstance(value, list):
        return [str(t).strip() for t in value if str(t).strip()]
    return []


@dataclass
class TicketEvent:
    """A ticket event as read outside the transaction (``prepare_zendesk``)."""

    body: bytes
    ticket_id: str
    tags: list[str]
    email: str  # checked once the ticket is known to be tagged
    name: str
    comment: str
    url: str | None
    subject: str
    requester_id: str | None = None  # an event-style webhook names only this

    def tagged(self, tag: str) -> bool:
        return tag in self.tags


def prepare_zendesk(
    settings: Settings, body: bytes, signature: str | None, timestamp: str | None, now: datetime
) -> TicketEvent:
    """I-5, authenticated per I-10 (HMAC of timestamp + body, within 5 minutes of ``now``),
    parsed: the trigger shape, flat keys, or an event-style webhook."""
    verdict = verify_zendesk(settings.zendesk_secret, body, signature, timestamp, now)
    if not verdict.ok:
        raise Unauthorized(verdict.reason, rule="I-10")
    ticket = _ticket(service.parse_json(body))
    ticket_id = ticket.get("id")
    if ticket_id in (None, "") or not str(ticket_id).strip().isalnum():
        raise ValidationFailed("ticket.id is missing or not an id", field="ticket.id")
    requester: dict[str, Any] = _obj(ticket.get("requester"))
    email = str(requester.get("email") or ticket.get("requester_email") or "").strip().lower()
    comment = (
        ticket.get("latest_requester_comment")
        or ticket.get("latest_comment")
        or ticket.get("description")
        or ""
    )
    requester_id = ticket.get("requester_id")
    url = ticket.get("url") or ticket.get("link")
    if not url and requester_id and settings.ticketing_url:
        url = f"{str(settings.ticketing_url).rstrip('/')}/agent/tickets/{str(ticket_id).strip()}"
    return TicketEvent(
        body=body,
        ticket_id=str(ticket_id).strip()[:100],
        tags=_tags(ticket.get("tags")) + _tags(_obj(ticket.get("event")).get("tags_added")),
        email=email,
        name=str(requester.get("name") or ticket.get("requester_name") or "")[:200],
        comment=str(comment)[:20_000],
        url=str(url or "")[:300] or None,
        subject=str(ticket.get("subject") or ticket.get("title") or "")[:300],
        requester_id=_id(requester_id),
    )


def _id(value: Any) -> str | None:
    text = str(value).strip() if isinstance(value, str | int) and value is not True else ""
    return text[:40] if text.isdigit() else None


def with_requester(rt: Runtime, ev: TicketEvent) -> TicketEvent:
    """I-5, issue 15 item 7: a tagged ticket whose event names its requester only by id
    gets the requester (and their latest comment) from the ticketing system
    (``ticketing.TicketingClient``), before any transaction."""
    if ev.email or not ev.requester_id:
        return ev
    with rt.uow(readonly=True) as s:
        tag = playbook_of(s).intake.support_ticket_tag
    if not ev.tagged(tag):
        return ev
    client = TicketingClient(rt.settings)
    person = client.requester(ev.requester_id)
    try:
        comment = client.latest_comment_by(ev.ticket_id, ev.requester_id) or ev.comment
    except DomainError:  # the ticket's description will do
        comment = ev.comment
    return replace(ev, email=person.email, name=ev.name or person.name[:200],
                   comment=comment[:20_000])  # fmt: skip


def store_zendesk(session: Session, ev: TicketEvent, now: datetime) -> service.Outcome:
    """I-5: a tagged ticket becomes a task, once per ticket and tag."""
    ticket_id, body = ev.ticket_id, ev.body
    tag = playbook_of(session).intake.support_ticket_tag
    if tag not in ev.tags:
        digest = hashlib.sha256(body).hexdigest()[:16]
        delivery, seen = service.claim(session, SOURCE, f"{ticket_id}:untagged:{digest}", now)
        if seen is not None:
            return seen
        return service.ignore(
            session, delivery, "not-tagged", f"ticket {ticket_id} is not tagged {tag}", now,
            rule_ids=["I-5"], body=body,
        )  # fmt: skip
    email = ev.email
    if not is_address(email):
        field = "detail.requester_id" if ev.requester_id else "ticket.requester.email"
        raise ValidationFailed(
            f"{field}: the requester's email is missing or not an email address", field=field
        )
    delivery, seen = service.claim(session, SOURCE, f"{ticket_id}:{tag}", now)
    if seen is not None:
        return seen  # I-5: removed and added again → nothing new for the same ticket
    name, comment, url, subject = ev.name, ev.comment, ev.url, ev.subject
    ban = service.banned(session, email)
    if ban is not None:
        return service.ignore(
            session, delivery, "banned-sender", f"sender {ban} is banned", now,
            rule_ids=["I-9"], sender=email, body=body,
        )  # fmt: skip
    match = match_contact(
        session, email, now=now, name=name, lead_source=LEAD_SOURCE, source=SOURCE
    )
    if ticket_id not in [str(t) for t in match.account.support_ticket_ids or []]:
        match.account.support_ticket_ids = [*(match.account.support_ticket_ids or []), ticket_id]
    task = service.create_lead_task(
        session, match, lead_source=LEAD_SOURCE, rule_id="I-5", now=now,
        title=f"Zendesk #{ticket_id}: {subject or email}",
        message=comment or None,
        source_ref=url or f"zendesk:{ticket_id}",
    )  # fmt: skip
    task.next_steps = f"Support ticket #{ticket_id}" + (f": {url}" if url else "")
    service.timeline(
        session, match, "system", f"Support ticket #{ticket_id} tagged {tag}", comment, now,
        task=task, source_ref=url or f"zendesk:{ticket_id}", meta={"ticket_id": ticket_id},
    )  # fmt: skip
    return service.finish(delivery, service.accepted(task, match))
