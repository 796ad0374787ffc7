"""Slack Events API: ``url_verification``, community ``team_join`` (I-6) and messages in
customer channels linked to an account (A-2). Signed with Slack's v0 scheme (I-10)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, exists, func, literal_column, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.activities.service import log_activity
from salesops.core.audit import record_decision
from salesops.core.config import Settings
from salesops.core.errors import Unauthorized, ValidationFailed
from salesops.intake import service
from salesops.intake.email_parse import is_address
from salesops.intake.rules import verify_slack
from salesops.matching.service import match_contact
from salesops.scoring.service import enrich_and_score
from salesops.users.notify import user_for_slack_id

SOURCE = "slack"
LEAD_SOURCE = "Slack"
IGNORED_SUBTYPES = {"message_changed", "message_deleted", "bot_message", "channel_join",
                    "channel_leave", "channel_topic", "channel_purpose"}  # fmt: skip


@dataclass
class SlackEvent:
    """A Slack delivery as read outside the transaction (``prepare_slack``): the
    challenge of a ``url_verification``, or an event and its id."""

    body: bytes
    challenge: str | None = None
    event: dict[str, Any] = field(default_factory=dict)
    event_id: str = ""


def prepare_slack(
    settings: Settings,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    now: datetime,
) -> SlackEvent:
    """Slack v0 signature (I-10), then the body's shape."""
    verdict = verify_slack(settings.slack_signing_secret, body, timestamp, signature, now)
    if not verdict.ok:
        raise Unauthorized(verdict.reason, rule="I-10")
    data = service.parse_json(body)
    kind = data.get("type")
    if kind == "url_verification":
        return SlackEvent(body, challenge=str(data.get("challenge", ""))[:500])
    if kind != "event_callback":
        raise ValidationFailed(f"unsupported type {str(kind)[:100]!r}", field="type")
    event = data.get("event")
    if not isinstance(event, dict):
        raise ValidationFailed("event must be an object", field="event")
    event_id = str(data.get("event_id") or "").strip()
    if not event_id:
        raise ValidationFailed("event_id is missing", field="event_id")
    return SlackEvent(body, event=event, event_id=event_id)


def store_slack(
    session: Session, ev: SlackEvent, now: datetime
) -> service.Outcome | dict[str, Any]:
    """I-6 / A-2 for one event, idempotent by its id (Slack retries land as duplicates)."""
    if ev.challenge is not None:
        return {"challenge": ev.challenge}
    delivery, seen = service.claim(session, SOURCE, ev.event_id, now)
    if seen is not None:
        return seen  # Slack retries (X-Slack-Retry-Num) land here
    event = ev.event
    etype = event.get("type")
    if etype == "team_join":
        outcome = _team_join(session, event, now)
    elif etype == "message":
        outcome = _message(session, event, now)
    else:
        outcome = service.Outcome("ignored", f"unhandled event type {str(etype)[:100]!r}")
    if outcome.status == "ignored":
        return service.ignore(
            session, delivery, "ignored", outcome.reason, now, rule_ids=["I-6", "A-2"],
            body=ev.body,
        )  # fmt: skip
    return service.finish(delivery, outcome)


def _team_join(session: Session, event: dict[str, Any], now: datetime) -> service.Outcome:
    """I-6: a community member becomes a contact (lead source Slack), no task."""
    raw_user = event.get("user")
    user: dict[str, Any] = raw_user if isinstance(raw_user, dict) else {}
    raw_profile = user.get("profile")
    profile: dict[str, Any] = raw_profile if isinstance(raw_profile, dict) else {}
    email = str(profile.get("email") or "").strip().lower()
    if not is_address(email):
        return service.Outcome("ignored", "team_join without a profile email")
    name = str(profile.get("real_name") or user.get("real_name") or user.get("name") or "")
    match = match_contact(
        session,
        email,
        now=now,
        name=name[:200],
        lead_source=LEAD_SOURCE,
        fill={"title": (str(profile.get("title") or "")[:200] or None)},
        overwrite={"slack_user_id": str(user.get("id") or "")[:40] or None},
        source=SOURCE,
    )
    enrich_and_score(session, match.account, match.contact, now)  # S-1 … S-4 (issue 16)
    service.timeline(session, match, "system", "Joined the community Slack", "", now)
    return service.Outcome(
        "accepted", ids={"contact_id": match.contact.id, "account_id": match.account.id}
    )


def linked_account_query(channel: str, backend: str) -> Select[Any]:
    """A-2: the account whose ``slack_channels`` list holds the channel id."""
    if backend == "postgresql":
        return select(Account).where(
            Account.slack_channels.op("@>")(func.jsonb_build_array(channel))
        )
    each = func.json_each(Account.slack_channels).table_valued("value")
    return select(Account).where(
        exists(select(literal_column("1")).select_from(each).where(each.c.value == channel))
    )


def _message(session: Session, event: dict[str, Any], now: datetime) -> service.Outcome:
    """A-2: a message in a customer channel is logged on the linked account."""
    if event.get("subtype") in IGNORED_SUBTYPES or event.get("bot_id"):
        return service.Outcome("ignored", f"message subtype {event.get('subtype') or 'bot'}")
    channel = str(event.get("channel") or "")
    if not channel:
        raise ValidationFailed("event.channel is missing", field="event.channel")
    backend = session.info.get("backend", "sqlite")
    account = session.scalar(linked_account_query(channel, backend).order_by(Account.id).limit(1))
    if account is None:
        return service.Outcome("ignored", f"channel {channel} is not linked to an account")
    slack_user = str(event.get("user") or "")
    contact = (
        session.scalar(select(Contact).where(Contact.slack_user_id == slack_user).limit(1))
        if slack_user
        else None
    )
    # a colleague's message in the customer's channel is their conversation
    actor_id = user_for_slack_id(session, slack_user) if contact is None else None
    ts = str(event.get("ts") or "")
    try:
        occurred = datetime.fromtimestamp(float(ts), UTC) if ts else now
    except ValueError:
        occurred = now
    activity = log_activity(
        session,
        kind="slack",
        account_id=account.id,
        contact=contact if contact is not None and contact.account_id == account.id else None,
        subject=f"Slack message in {channel}",
        body=str(event.get("text") or "")[:20_000],
        source_ref=f"slack:{channel}:{ts}",
        occurred_at=occurred,
        meta={"channel": channel, "user": slack_user},
        actor_id=actor_id,
        now=now,
    )
    session.flush()
    record_decision(
        session, "match", activity, {"channel": channel, "slack_user": slack_user}, ["A-2"],
        f"Slack channel {channel} is linked to account {account.name!r}",
        outcome={"account_id": account.id, "contact_id": activity.contact_id}, at=now,
    )  # fmt: skip
    return service.Outcome("accepted", ids={"account_id": account.id, "activity_id": activity.id})


def say_hi_query() -> Select[Any]:
    """I-6: community members with no activity yet (nobody has said hi)."""
    return select(Contact).where(
        Contact.lead_source == LEAD_SOURCE, Contact.last_activity_at.is_(None)
    )
