"""I-1 review: one click makes a signup a lead task (seed 001 "reach out to the people
who've not been contacted yet"). A flow: a task on the signup's contact and account with
lead source "Product signup", then the new-lead pipeline inline (S-1 … S-4, R-1, M-3,
R-2 … R-7), so the reviewer sees its owner at once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core.audit import record_decision
from salesops.core.errors import NotFound, ValidationFailed
from salesops.flows import pipeline
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users.models import User

LEAD_SOURCE = "Product signup"


def make_lead_task(
    session: Session, actor: User, contact_id: int, now: datetime
) -> tuple[Task, bool]:
    """A lead task for a signup; the open one already there when someone clicked first
    (one click, one task). Returns the task and whether it is new."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(f"contact {contact_id} not found", field="contact_id")
    if contact.product_signup_ts is None:
        raise ValidationFailed(
            f"{contact.email} has not signed up to the product", field="contact_id", rule="I-1"
        )
    existing = session.scalar(
        select(Task)
        .where(
            Task.contact_id == contact.id,
            Task.kind == "lead",
            Task.status.in_(OPEN_STATUSES),
        )
        .order_by(Task.id)
        .limit(1)
    )
    if existing is not None:
        return existing, False
    account = session.get(Account, contact.account_id)
    assert account is not None
    task = pipeline.create_task(
        session,
        actor,
        {
            "account_id": account.id,
            "contact_id": contact.id,
            "lead_source": LEAD_SOURCE,
            "title": f"Signup: {contact.name or contact.email} ({account.name})",
        },
        now,
    )
    record_decision(
        session, "signup_lead", task,
        {"contact_id": contact.id, "icp_score": account.icp_score,
         "lead_score": contact.lead_score},
        ["I-1", "S-2"], f"{actor.email} made a lead task from the signup review",
        actor_id=actor.id, owner_id=task.owner_id, territory=task.territory, at=now,
    )  # fmt: skip
    return task, True
