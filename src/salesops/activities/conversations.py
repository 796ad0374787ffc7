"""A-4: warn before writing to a contact when a colleague talked to the account recently.

"One account, one conversation": two salespeople must not talk to the same
company in parallel. The window is the playbook's
``routing.parallel_conversation_days`` (14 by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.activities.models import Activity
from salesops.playbook.runtime import playbook_of
from salesops.users.models import User

# Kinds where a salesperson talked to the customer (a note is not a conversation).
CONVERSATION_KINDS = ("email_out", "call", "meeting", "slack")


@dataclass(frozen=True)
class RecentConversation:
    user_name: str
    kind: str
    at: datetime


def last_other_conversation(
    session: Session, account_id: int, user_id: int, now: datetime
) -> RecentConversation | None:
    """The latest conversation another user had with the account inside the window."""
    days = playbook_of(session).routing.parallel_conversation_days
    row = session.execute(
        select(Activity.kind, Activity.occurred_at, User.name, User.email)
        .join(User, User.id == Activity.actor_id)
        .where(
            Activity.account_id == account_id,
            Activity.actor_id.is_not(None),
            Activity.actor_id != user_id,
            Activity.kind.in_(CONVERSATION_KINDS),
            Activity.occurred_at >= now - timedelta(days=days),
            Activity.occurred_at <= now,
        )
        .order_by(Activity.occurred_at.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    kind, at, name, email = row
    return RecentConversation(user_name=name or email, kind=kind, at=at)


def parallel_conversation_warning(
    session: Session, account_id: int, user_id: int, now: datetime
) -> str | None:
    """A-4: the warning to show, or None when nobody else talked to the account lately."""
    recent = last_other_conversation(session, account_id, user_id, now)
    if recent is None:
        return None
    days = playbook_of(session).routing.parallel_conversation_days
    ago = max(0, (now - recent.at).days)
    when = "today" if ago == 0 else f"{ago} day{'s' if ago != 1 else ''} ago"
    label = {"email_out": "emailed", "call": "called", "meeting": "met", "slack": "messaged"}
    return (
        f"{recent.user_name} {label.get(recent.kind, 'talked to')} this account {when} "
        f"(within {days} days): coordinate before writing, one account, one conversation (A-4)."
    )
