"""R-1 use-cases: classify a new task, recommend a triage, show the scores.

Support and billing tasks are disqualified with their Re-route reason (D-3
side effects follow) and skip routing; spam is disqualified "Spam" and stays
unassigned. A person's override, which may re-open and route a task, is a flow
(``salesops.flows.reclassify``): routing sits above scoring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core.audit import defer_decision
from salesops.playbook.runtime import playbook_of
from salesops.playbook.schema import Playbook
from salesops.scoring.classify import Classification, Inquiry, classify
from salesops.scoring.triage import TriageFacts, recommend
from salesops.tasks.lifecycle import disqualify
from salesops.tasks.models import Task


def reason_for(session: Session, label: str) -> str:
    auto = playbook_of(session).disqualification.automatic
    return {"support": auto.support_request, "billing": auto.billing_request, "spam": auto.spam}[
        label
    ]


def triage_task(session: Session, task: Task, account: Account, contact: Contact) -> dict[str, Any]:
    """The triage recommendation for a task (stored on ``task.triage``; never applied)."""
    facts = TriageFacts(
        classification=task.classification or "sales",
        message=f"{task.title or ''}\n{task.sales_form_message or ''}",
        interest=tuple(str(i) for i in (task.interest or [])),
        mau=task.mau,
        monthly_events=task.monthly_events,
        employee_count=account.employee_count,
        total_funding=account.total_funding,
        estimated_revenue=account.estimated_revenue,
        icp_score=account.icp_score,
        lead_score=contact.lead_score,
    )
    return recommend(facts, playbook_of(session))


@dataclass(frozen=True)
class LeadLabel:
    """R-1's answer for one lead: the classifier's ``result``, the ``label`` the lead gets
    (a curated source's lead stays sales, ``flagged`` for its owner to decide)."""

    result: Classification
    label: str
    flagged: bool


def classify_lead(
    pb: Playbook,
    *,
    message: str,
    subject: str,
    sender: str,
    lead_source: str,
    mau: int | None,
    monthly_events: int | None,
) -> LeadLabel:
    """R-1 for one lead under the playbook: the one classification every path asks (the
    pipeline's ``classify_task``, the routing preview R-8), so they cannot drift."""
    inquiry = Inquiry(
        message=message,
        subject=subject,
        sender=sender,
        lead_source=lead_source,
        mau=mau,
        monthly_events=monthly_events,
        free_mail_extra=frozenset(pb.intake.free_mail_extra_domains),
    )
    result = classify(inquiry, pb.routing.classifier)
    # A curated lead (a person chose it) stays sales; the owner sees the flag and decides.
    flag = result.label != "sales" and lead_source in pb.routing.classifier.curated_lead_sources
    return LeadLabel(result, "sales" if flag else result.label, flag)


def classify_task(session: Session, task: Task, now: datetime) -> None:
    """Pipeline step (R-1): classify, record the signals, triage; disqualify non-sales tasks."""
    account = session.get(Account, task.account_id)
    contact = session.get(Contact, task.contact_id)
    if account is None or contact is None:
        return
    answer = classify_lead(
        playbook_of(session),
        message=task.sales_form_message or "",
        subject=task.title or "",
        sender=contact.email,
        lead_source=task.lead_source,
        mau=task.mau,
        monthly_events=task.monthly_events,
    )
    result, flag = answer.result, answer.flagged
    task.classification = answer.label
    task.classification_signals = result.signals_json()
    task.triage = triage_task(session, task, account, contact)
    if flag:
        task.triage = {**task.triage, "flag": curated_flag(result, task.lead_source)}
    defer_decision(
        session,
        "classify",
        task,
        {"sender": contact.email, "lead_source": task.lead_source, "scores": result.scores},
        ["R-1"],
        result.reason,
        outcome={
            "classification": task.classification,
            "looks_like": result.label,
            "flagged": flag,
            "signals": task.classification_signals,
            "triage": {k: task.triage[k] for k in ("disposition", "reason", "why")},
        },
        owner_id=task.owner_id,
        territory=task.territory,
        at=now,
    )
    if task.classification != "sales":
        disqualify(
            session,
            task,
            reason_for(session, result.label),
            now=now,
            notes=task.triage.get("note"),
            actor=None,
            rule_ids=("R-1", "D-3"),
            why=result.reason[:500],
            flush=False,  # a pipeline step: the caller flushes (a batch at once when queued)
        )


def curated_flag(result: Classification, lead_source: str) -> dict[str, Any]:
    """R-1 for a curated source: what the text looks like and why, for the owner."""
    fired = [s.as_json() for s in result.signals if s.label == result.label]
    return {
        "looks_like": result.label,
        "rule_ids": ["R-1"],
        "signals": fired,
        "why": (
            f"looks like a {result.label} request, but a person chose this {lead_source} lead:"
            f" not disqualified; the owner decides ({result.reason})"
        )[:500],
    }


def task_scores(session: Session, task: Task) -> dict[str, Any]:
    """Everything a salesperson needs to see *why*: scores, breakdowns, signals, triage."""
    account = session.get(Account, task.account_id)
    contact = session.get(Contact, task.contact_id)
    assert account is not None and contact is not None
    return {
        "task_id": task.id,
        "classification": task.classification,
        "classification_signals": task.classification_signals or [],
        "triage": task.triage or {},
        "account": {
            "id": account.id,
            "icp_score": account.icp_score,
            "icp_breakdown": account.icp_breakdown or [],
            "firmographics": {
                k: getattr(account, k)
                for k in (
                    "industry",
                    "employee_count",
                    "estimated_revenue",
                    "total_funding",
                    "country",
                    "us_state",
                    "is_b2b",
                )
            },
            "field_sources": account.field_sources or {},
        },
        "contact": {
            "id": contact.id,
            "lead_score": contact.lead_score,
            "lead_score_breakdown": contact.lead_score_breakdown or [],
            "role": contact.role,
            "sub_role": contact.sub_role,
            "title": contact.title,
            "field_sources": contact.field_sources or {},
        },
    }
