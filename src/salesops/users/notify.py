"""Tell people what needs them (issue 20 item 3): in-app, email, Slack DM, daily digest.

Whatever decides to notify calls ``notify`` in its own transaction with ``Notice``s;
this writes the in-app rows (one INSERT, unique ``key``: a producer run twice
notifies once) and, per each user's choice for the event type, outbox rows (X-1) for
an email and a Slack direct message (``integrations``: channels ``notify_email`` and
``slack_dm``, the notification lanes: ``NOTIFY_CHANNELS``). A user who chose the
daily digest gets no immediate email: the ``users.digest`` job groups their day's
notices into one mail. Email and Slack copies are ``coalesced`` per person: a burst
of notices to one person within ``SALESOPS_NOTIFY_COALESCE_SECONDS`` goes as one
message listing each (``core.coalesce``). No channel is ever called from here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from salesops.core.audit import record_decision
from salesops.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from salesops.core.fastsql import insert_rows
from salesops.core.outbox import coalesced, enqueue_deliveries
from salesops.playbook.runtime import playbook_of, settings_of
from salesops.users.models import User
from salesops.users.notifications import (
    Notification,
    NotificationPreference,
    NotificationSettings,
)

#: Event types and what the preferences page calls them.
EVENTS: dict[str, str] = {
    "lead_assigned": "A lead is assigned to you",
    "task_reassigned": "A task is reassigned to you or away from you (T-1)",
    "due_today": "Follow-ups, check-ins, renewals and revisits due today",
    "speed_to_lead": "A lead is past the speed-to-lead target (R-9)",
    "mention": "Someone @mentions you in a note",
    "side_effect_failed": "A promised side effect failed (X-1)",
}
CHANNELS = ("in_app", "email", "slack")
#: The outbox channels of notifications: lanes of their own, so a notice never waits
#: behind other mail (``salesops worker --lanes notify_email,slack_dm``, issue 20 item 3).
NOTIFY_CHANNELS = ("notify_email", "slack_dm")
DEFAULT_CHANNELS: tuple[str, ...] = ("in_app",)


@dataclass(frozen=True)
class Notice:
    user_id: int | None  # None: nobody to tell (dropped)
    event: str
    title: str
    key: str  # unique per event and person: the same notice twice is written once
    body: str = ""
    link: str | None = None  # a path in the web app, e.g. /tasks/42
    about: tuple[str, int] | None = None


def channels_for(session: Session, user_ids: Sequence[int]) -> dict[tuple[int, str], list[str]]:
    """Stored choices of these users, by (user, event)."""
    if not user_ids:
        return {}
    rows = session.execute(
        select(
            NotificationPreference.user_id,
            NotificationPreference.event,
            NotificationPreference.channels,
        ).where(NotificationPreference.user_id.in_(sorted(set(user_ids))))
    )
    return {(uid, event): list(chans or []) for uid, event, chans in rows}


def notify(session: Session, notices: Sequence[Notice], now: datetime) -> int:
    """Write ``notices`` (in-app rows and their outbox rows); returns how many were new.
    A handful of statements whatever the number of notices (hot on the lead pipeline)."""
    notices = [n for n in notices if n.user_id is not None]
    if not notices:
        return 0
    for n in notices:
        if n.event not in EVENTS:
            raise ValueError(f"unknown notification event {n.event!r}")
    ids = sorted({n.user_id for n in notices if n.user_id is not None})
    people = {
        u.id: u
        for u in session.execute(
            select(
                User.id,
                User.email,
                NotificationSettings.slack_user_id,
                func.coalesce(NotificationSettings.digest, False).label("digest"),
            )
            .outerjoin(NotificationSettings, NotificationSettings.user_id == User.id)
            .where(User.id.in_(ids), User.active.is_(True))
        )
    }
    prefs = channels_for(session, ids)
    rows, chosen = [], []
    for n in notices:
        person = people.get(n.user_id) if n.user_id is not None else None
        if person is None:
            continue
        chans = prefs.get((person.id, n.event), list(DEFAULT_CHANNELS))
        rows.append(
            {
                "user_id": n.user_id,
                "event": n.event,
                "title": n.title[:300],
                "body": n.body,
                "link": n.link,
                "key": n.key[:200],
                "shown": "in_app" in chans,
                "in_digest": "email" in chans and bool(person.digest),
                "about_type": n.about[0] if n.about else None,
                "about_id": n.about[1] if n.about else None,
                "created_at": now,
                "read_at": None,
                "digested_at": None,
            }
        )
        chosen.append((n, person, chans))
    new = insert_rows(session, Notification.__table__, rows, on_conflict=("key",))
    settings = settings_of(session)
    base, window = settings.base_url.rstrip("/"), settings.notify_coalesce_seconds
    deliveries: list[dict[str, Any]] = []
    for got, (n, person, chans) in zip(new, chosen, strict=True):
        if got is None:
            continue  # notified already
        link = f"{base}{n.link}" if n.link else ""
        text = f"{n.title}\n{n.body}".strip() + (f"\n{link}" if link else "")
        if "email" in chans and not person.digest:
            item = {
                "channel": "notify_email",
                "payload": {"to": [person.email], "subject": n.title, "body": text},
                "idempotency_key": f"notify:{n.key}:email"[:200],
                "subject": ("notification", int(got)),
            }
            deliveries.append(coalesced(item, f"to:{person.email}", window))
        if "slack" in chans:
            item = {
                "channel": "slack_dm",
                "payload": {"user": person.slack_user_id, "email": person.email, "text": text},
                "idempotency_key": f"notify:{n.key}:slack"[:200],
                "subject": ("notification", int(got)),
            }
            deliveries.append(coalesced(item, f"dm:{person.id}", window))
    enqueue_deliveries(session, deliveries, now=now)
    return sum(1 for got in new if got is not None)


# -- the notification centre ---------------------------------------------------


def inbox_query(user_id: int, *, unread: bool = False) -> Select[Any]:
    query = select(Notification).where(
        Notification.user_id == user_id, Notification.shown.is_(True)
    )
    if unread:
        query = query.where(Notification.read_at.is_(None))
    return query


def unread_count(session: Session, user_id: int) -> int:
    query = select(func.count()).where(
        Notification.user_id == user_id,
        Notification.shown.is_(True),
        Notification.read_at.is_(None),
    )
    return int(session.scalar(query) or 0)


def mark_read(session: Session, user: User, notification_id: int | None, now: datetime) -> int:
    """Mark one of the user's notifications read (or all of them: ``None``)."""
    stmt = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        if session.get(Notification, notification_id) is None:
            raise NotFound(f"notification {notification_id} not found", field="id")
        stmt = stmt.where(Notification.id == notification_id)
    done = session.execute(stmt.values(read_at=now)).rowcount  # type: ignore[attr-defined]
    return int(done or 0)


def _settings(session: Session, user: User) -> NotificationSettings:
    row = session.get(NotificationSettings, user.id)
    return row if row is not None else NotificationSettings(user_id=user.id, digest=False)


def user_for_slack_id(session: Session, slack_user_id: str) -> int | None:
    """A-4: the salesops user behind a Slack member id (their notification settings'
    ``slack_user_id``), so their Slack messages count as their conversations."""
    if not slack_user_id:
        return None
    return session.scalar(
        select(NotificationSettings.user_id)
        .join(User, User.id == NotificationSettings.user_id)
        .where(NotificationSettings.slack_user_id == slack_user_id)
        .order_by(NotificationSettings.user_id)
        .limit(1)
    )


_SLACK_MEMBER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


def slack_member_id(value: Any) -> str | None:
    """A-4: a Slack member id as Slack shows it (``U012AB3CD``, ``W…`` on Enterprise
    Grid), upper-cased; blank → None. Anything else (a name, an @handle, an email) could
    never match a message's ``user`` and is refused naming the field."""
    clean = str(value or "").strip().upper() or None
    if clean is not None and not _SLACK_MEMBER_ID.fullmatch(clean):
        raise ValidationFailed(
            f"slack_user_id {str(value).strip()!r} is not a Slack member id: it looks like "
            "U012AB3CD (in Slack: the person's profile → ⋮ → Copy member ID)",
            field="slack_user_id",
            rule="A-4",
        )
    return clean


def set_slack_user_id(
    session: Session, actor: User, user: User, value: str | None, now: datetime
) -> dict[str, Any]:
    """A-4: map a user to their Slack member id (themselves, or an admin for anyone);
    one id belongs to one user. Recorded (O-8) with the value before and after."""
    if actor.id != user.id and actor.role != "admin":
        raise PermissionDenied("only an admin sets another user's Slack id", rule="U-2")
    clean = slack_member_id(value)
    if clean is not None:
        taken = user_for_slack_id(session, clean)
        if taken is not None and taken != user.id:
            raise Conflict(
                f"Slack id {clean} already belongs to another user", field="slack_user_id"
            )
    own = _settings(session, user)
    before = own.slack_user_id
    own.slack_user_id = clean
    if own not in session:
        session.add(own)
    record_decision(
        session, "slack_user_id", ("user", user.id), {"before": before, "after": clean},
        ["A-4"], f"Slack id of {user.name or user.email} set to {clean or 'none'}",
        actor_id=actor.id, at=now,
    )  # fmt: skip
    session.flush()
    return {"user_id": user.id, "slack_user_id": clean}


def preferences(session: Session, user: User) -> dict[str, Any]:
    stored = channels_for(session, [user.id])
    own = _settings(session, user)
    return {
        "digest": bool(own.digest),
        "slack_user_id": own.slack_user_id,
        "events": {event: stored.get((user.id, event), list(DEFAULT_CHANNELS)) for event in EVENTS},
    }


def set_preferences(session: Session, user: User, data: dict[str, Any]) -> dict[str, Any]:
    """Per event, the channels; ``digest``; ``slack_user_id``. Unknown names are 422s."""
    for event, chans in (data.get("events") or {}).items():
        if event not in EVENTS:
            raise ValidationFailed(
                f"events: unknown event {event!r}; one of {', '.join(EVENTS)}", field="events"
            )
        bad = [c for c in chans if c not in CHANNELS]
        if bad:
            raise ValidationFailed(
                f"events.{event}: unknown channel {bad[0]!r}; one of {', '.join(CHANNELS)}",
                field="events",
            )
        row = session.get(NotificationPreference, (user.id, event))
        clean = [c for c in CHANNELS if c in chans]
        if row is None:
            session.add(NotificationPreference(user_id=user.id, event=event, channels=clean))
        else:
            row.channels = clean
    own = _settings(session, user)
    if data.get("digest") is not None:
        own.digest = bool(data["digest"])
    if "slack_user_id" in data:
        value = slack_member_id(data.get("slack_user_id")) or ""
        taken = user_for_slack_id(session, value) if value else None
        if taken is not None and taken != user.id:  # one Slack id, one user
            raise Conflict(
                f"Slack id {value} already belongs to another user", field="slack_user_id"
            )
        own.slack_user_id = value or None
    if own not in session:
        session.add(own)
    session.flush()
    return preferences(session, user)


# -- the daily digest ------------------------------------------------------------


def send_digests(session: Session, now: datetime) -> int:
    """Every finished day's digest notices, one email per user and day (its key: the user
    and the day, so a rerun sends none twice); from ``digest_hour_utc`` on."""
    pb = playbook_of(session)
    today = now.astimezone(UTC).date()
    if now.astimezone(UTC).hour < pb.notifications.digest_hour_utc:
        return 0
    start_of_today = datetime.combine(today, time(0), tzinfo=UTC)
    rows = list(
        session.scalars(
            select(Notification)
            .where(
                Notification.in_digest.is_(True),
                Notification.digested_at.is_(None),
                Notification.created_at < start_of_today,
            )
            .order_by(Notification.user_id, Notification.created_at, Notification.id)
            .limit(5000)
        )
    )
    groups: dict[tuple[int, str], list[Notification]] = defaultdict(list)
    for row in rows:
        groups[(row.user_id, row.created_at.astimezone(UTC).date().isoformat())].append(row)
    emails = dict(
        session.execute(
            select(User.id, User.email).where(User.id.in_({uid for uid, _ in groups}))
        ).all()
    )
    base = settings_of(session).base_url.rstrip("/")
    deliveries = []
    for (uid, day), items in groups.items():
        lines = [f"Your salesops digest for {day}: {len(items)} notification(s).", ""]
        for item in items:
            lines.append(f"- {item.created_at:%H:%M} {item.title}")
            if item.link:
                lines.append(f"  {base}{item.link}")
        deliveries.append(
            {
                "channel": "email",
                "payload": {
                    "to": [emails[uid]],
                    "subject": f"salesops digest for {day} ({len(items)})",
                    "body": "\n".join(lines),
                },
                "idempotency_key": f"digest:{uid}:{day}",
                "subject": ("user", uid),
            }
        )
        for item in items:
            item.digested_at = now
    enqueue_deliveries(session, deliveries, now=now)
    session.flush()
    return len(deliveries)
