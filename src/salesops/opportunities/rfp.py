"""Q-13 RFPs: an unsolicited RFP from a company nobody here talked to before and that
never used the product is suggested for decline — on the lead task and on the deal."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Contact
from salesops.accounts.service import get_account
from salesops.opportunities import rules
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task


def task_rfp_suggestion(session: Session, task: Task) -> str | None:
    """Q-13 on a lead task: an unsolicited RFP from a company nobody here talked to before
    this task and that never used the product is suggested for decline."""
    if task.rfp != "unsolicited" or task.kind != "lead":
        return None
    prior_task = session.scalar(
        select(Task.id).where(
            Task.account_id == task.account_id,
            Task.kind == "lead",
            Task.id != task.id,
            Task.created_at < task.created_at,
            Task.first_touched_at.is_not(None),
        )
    )
    usage = session.scalar(
        select(Contact.id).where(
            Contact.account_id == task.account_id, Contact.product_signup_ts.is_not(None)
        )
    )
    account = get_account(session, task.account_id)
    used = usage is not None or account.customer_status != "prospect"
    return rules.rfp_suggestion(playbook_of(session), task.rfp, prior_task is not None, used)


def rfp_suggestion(session: Session, opp: Opportunity) -> str | None:
    """Q-13: decline an unsolicited RFP from a company we never talked to and that never used us."""
    if opp.rfp != "unsolicited":
        return None
    prior_task = session.scalar(
        select(Task.id).where(
            Task.account_id == opp.account_id,
            Task.kind == "lead",
            Task.created_at < opp.created_at,
            Task.first_touched_at.is_not(None),
        )
    )
    usage = session.scalar(
        select(Contact.id).where(
            Contact.account_id == opp.account_id, Contact.product_signup_ts.is_not(None)
        )
    )
    account = get_account(session, opp.account_id)
    used = usage is not None or account.customer_status != "prospect"
    return rules.rfp_suggestion(playbook_of(session), opp.rfp, prior_task is not None, used)
