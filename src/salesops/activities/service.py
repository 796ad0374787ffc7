"""Activity use-cases (A-1 … A-3): log an entry on the account timeline, read it back.

``log_activity`` is what intake and other domains call (automated, no touch);
``log_human_activity`` is a person logging a call, note, meeting or email, which
counts as touching the task (T-3).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Contact
from salesops.accounts.service import get_account, get_contact
from salesops.activities.models import KINDS, Activity
from salesops.core.errors import ValidationFailed
from salesops.core.fastsql import insert_objects, insert_rows, object_rows
from salesops.tasks import service as tasks
from salesops.users import service as users
from salesops.users.models import User
from salesops.users.notify import Notice, notify

HUMAN_KINDS = ("email_in", "email_out", "call", "meeting", "note")


def log_activity(session: Session, **fields: Any) -> Activity:
    """A-1: append one entry to the account timeline (and contact/task/opportunity);
    ``fields`` as ``new_activity`` takes them."""
    activity = new_activity(**fields)
    add_activities(session, [activity], [fields.get("contact")])
    return activity


def new_activity(
    *,
    kind: str,
    account_id: int,
    now: datetime,
    occurred_at: datetime | None = None,
    contact_id: int | None = None,
    task_id: int | None = None,
    opportunity_id: int | None = None,
    actor_id: int | None = None,
    subject: str = "",
    body: str = "",
    source_ref: str | None = None,
    meta: dict[str, Any] | None = None,
    contact: Contact | None = None,
) -> Activity:
    """A-1: a timeline entry, checked, not yet written (``add_activities`` writes it)."""
    if kind not in KINDS:
        raise ValidationFailed(f"kind must be one of: {', '.join(KINDS)}", field="kind")
    activity = Activity(
        kind=kind,
        account_id=account_id,
        contact_id=contact.id if contact is not None else contact_id,
        task_id=task_id,
        opportunity_id=opportunity_id,
        actor_id=actor_id,
        occurred_at=occurred_at or now,
        subject=subject[:500],
        body=body,
        source_ref=source_ref[:300] if source_ref else None,
        meta=meta or {},
        created_at=now,
    )
    return activity


def add_activities(
    session: Session,
    activities: Sequence[Activity],
    contacts: Sequence[Contact | None],
    *,
    attach: bool = True,
) -> None:
    """A-1: write timeline entries in one INSERT (hot on intake: no unit-of-work flush);
    a real activity (not ``system``) dates its contact's last activity (I-6 "say hi").

    ``attach=False``: the rows are written and the objects left aside (no ids), for a
    caller that does not use them again — inside ``core.fastsql.pipelined`` the INSERT then
    shares the block's round trip."""
    if attach:
        insert_objects(session, activities)
    elif activities:
        insert_rows(session, Activity.__table__, object_rows(activities), autoflush=False,
                    returning=False)  # fmt: skip
    for activity, contact in zip(activities, contacts, strict=True):
        if activity.kind == "system":
            continue
        target = contact
        if target is None and activity.contact_id is not None:
            target = session.get(Contact, activity.contact_id)
        if target is not None:
            target.last_activity_at = max(
                filter(None, [target.last_activity_at, activity.occurred_at])
            )


def _check_opportunity(session: Session, opportunity_id: int, account_id: int) -> int | None:
    """The opportunity an entry is logged on exists and is on the same account (A-1): a
    422 naming the field, never a foreign-key error from the database. Returns its
    owner (U-2)."""
    from salesops.opportunities.models import Opportunity

    opp = session.get(Opportunity, opportunity_id)
    if opp is None:
        raise ValidationFailed(
            f"opportunity_id: there is no opportunity {opportunity_id}", field="opportunity_id"
        )
    if opp.account_id != account_id:
        raise ValidationFailed(
            f"opportunity {opportunity_id} is not on account {account_id}", field="opportunity_id"
        )
    return opp.owner_id


def log_human_activity(
    session: Session, actor: User, data: dict[str, Any], now: datetime
) -> Activity:
    """A person logs a call, note, meeting or email (A-1); on a task it is a touch (T-3)."""
    users.require_writer(actor)
    kind = data["kind"]
    if kind not in HUMAN_KINDS:
        raise ValidationFailed(f"kind must be one of: {', '.join(HUMAN_KINDS)}", field="kind")
    task = tasks.get_task(session, data["task_id"]) if data.get("task_id") else None
    account_id = data.get("account_id") or (task.account_id if task else None)
    contact_id = data.get("contact_id") or (task.contact_id if task else None)
    if account_id is None and contact_id is not None:
        account_id = get_contact(session, contact_id).account_id
    if account_id is None:
        raise ValidationFailed("give account_id, contact_id or task_id", field="account_id")
    account = get_account(session, account_id)
    if contact_id is not None and get_contact(session, contact_id).account_id != account_id:
        raise ValidationFailed(
            f"contact {contact_id} is not on account {account_id}", field="contact_id"
        )
    opportunity_id = data.get("opportunity_id")
    through: list[int | None] = []
    if task is not None:
        if task.account_id != account_id:
            raise ValidationFailed(
                f"task {task.id} is not on account {account_id}", field="task_id"
            )
        users.require_can_edit_owned(actor, task.owner_id)
        through.append(task.owner_id)
    if opportunity_id is not None:
        opp_owner = _check_opportunity(session, opportunity_id, account_id)
        users.require_can_edit_owned(actor, opp_owner)
        through.append(opp_owner)
    users.require_can_add_to_account(actor, account.owner_id, through=tuple(through))  # U-2
    if task is not None:
        tasks.touch(task, now)  # T-3: a logged note, call or email is a human action
    activity = log_activity(
        session,
        kind=kind,
        account_id=account_id,
        contact_id=contact_id,
        task_id=task.id if task else None,
        opportunity_id=opportunity_id,
        actor_id=actor.id,
        occurred_at=data.get("occurred_at") or now,
        subject=data.get("subject") or "",
        body=data.get("body") or "",
        now=now,
    )
    session.flush()
    if kind == "note":
        notify(session, mention_notices(session, activity, actor), now)  # issue 20 item 3
    return activity


MENTION = re.compile(r"(?<![\w.@])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)")


def mention_notices(session: Session, activity: Activity, actor: User) -> list[Notice]:
    """@mentions in a note (seeds 001/002): ``@jane``, ``@jane.doe`` or ``@jane@company``
    name an active colleague by email or by the local part of it; each is told once."""
    handles = {h.lower().rstrip(".") for h in MENTION.findall(activity.body or "")[:20]}
    if not handles:
        return []
    people = session.execute(select(User.id, User.email).where(User.active.is_(True))).all()
    found = {
        uid
        for uid, email in people
        if email.lower() in handles or email.lower().split("@")[0] in handles
    }
    who = actor.name or actor.email
    link = f"/tasks/{activity.task_id}" if activity.task_id else f"/accounts/{activity.account_id}"
    return [
        Notice(
            uid,
            "mention",
            f"{who} mentioned you in a note",
            key=f"mention:{activity.id}:{uid}",
            body=(activity.body or "")[:500],
            link=link,
            about=("activity", activity.id),
        )  # fmt: skip
        for uid in sorted(found)
        if uid != actor.id
    ]


def timeline_query(
    account_id: int,
    *,
    contact_id: int | None = None,
    task_id: int | None = None,
    kinds: list[str] | None = None,
) -> Select[Any]:
    """A-1: the account timeline, filterable by contact, task and kind (caller sorts)."""
    query = select(Activity).where(Activity.account_id == account_id)
    if contact_id is not None:
        query = query.where(Activity.contact_id == contact_id)
    if task_id is not None:
        query = query.where(Activity.task_id == task_id)
    if kinds:
        query = query.where(Activity.kind.in_(kinds))
    return query
