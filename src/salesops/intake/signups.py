"""I-1 review: the day's product signups by ICP score (seed 001: "review the contacts with
an ICP score above 3 at least once a day … a similar view for lower ICP scores").

``signups_for_review`` is a read: contacts whose ``product_signup_ts`` falls on ``day``,
with their account's ICP score (S-2, computed at intake), lead score (S-3) and whether an
open lead task already exists for them. The one-click "make a lead task" is a flow
(``flows.signups``): it runs the new-lead pipeline above intake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import OPEN_STATUSES, Task

View = Literal["high", "rest"]
MAX_ROWS = 500  # one day's signups on one page, at most


@dataclass(frozen=True)
class SignupRow:
    contact_id: int
    account_id: int
    name: str
    email: str
    company: str
    icp_score: int | None
    lead_score: int | None
    employee_count: int | None
    industry: str | None
    role: str | None
    signed_up_at: datetime | None
    deployment: str | None
    first_user: bool | None
    open_task_id: int | None


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def signups_for_review(session: Session, day: date, view: View) -> tuple[list[SignupRow], int]:
    """The signups of ``day`` (UTC) in ``view``: ``high`` is ICP above the playbook's
    ``intake.signup_review_icp_above`` (3), ``rest`` everything else (unscored too).
    Highest ICP first, then lead score, then newest. Returns rows and the threshold."""
    above = playbook_of(session).intake.signup_review_icp_above
    start, end = day_bounds(day)
    high = Account.icp_score > above
    rest = or_(Account.icp_score.is_(None), Account.icp_score <= above)
    rows = session.execute(
        select(Contact, Account)
        .join(Account, Account.id == Contact.account_id)
        .where(
            and_(Contact.product_signup_ts >= start, Contact.product_signup_ts < end),
            high if view == "high" else rest,
        )
        .order_by(
            Account.icp_score.desc().nulls_last(),
            Contact.lead_score.desc().nulls_last(),
            Contact.product_signup_ts.desc(),
            Contact.id.desc(),
        )
        .limit(MAX_ROWS)
    ).all()
    ids = [c.id for c, _ in rows]
    open_tasks: dict[int, int] = {}
    if ids:
        for contact_id, task_id in session.execute(
            select(Task.contact_id, Task.id)
            .where(Task.contact_id.in_(ids), Task.kind == "lead", Task.status.in_(OPEN_STATUSES))
            .order_by(Task.id)
        ):
            open_tasks.setdefault(contact_id, task_id)
    return [
        SignupRow(
            contact_id=c.id,
            account_id=a.id,
            name=c.name or "",
            email=c.email,
            company=a.name,
            icp_score=a.icp_score,
            lead_score=c.lead_score,
            employee_count=a.employee_count,
            industry=a.industry,
            role=c.role,
            signed_up_at=c.product_signup_ts,
            deployment=c.selected_deployment_type,
            first_user=c.is_organization_first_user,
            open_task_id=open_tasks.get(c.id),
        )
        for c, a in rows
    ], above
