"""R-1 use-cases: classify a new task, recommend a triage, and let a person override.

Support and billing tasks are disqualified with their Re-route reason (D-3
side effects follow) and skip routing; spam is disqualified "Spam" and stays
unassigned. An override is recorded as a decision; overriding an R-1
auto-disqualification to *sales* re-opens the task and routes it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core.audit import Decision, defer_decision, record_decision
from salesops.core.errors import ValidationFailed
from salesops.core.runtime import playbook_of
from salesops.scoring.classify import LABELS, Inquiry, classify
from salesops.scoring.triage import TriageFacts, recommend
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users import service as users
from salesops.users.models import User


def _reason_for(session: Session, label: str) -> str:
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


def classify_task(session: Session, task: Task, now: datetime) -> None:
    """Pipeline step (R-1): classify, record the signals, triage; disqualify non-sales tasks."""
    account = session.get(Account, task.account_id)
    contact = session.get(Contact, task.contact_id)
    if account is None or contact is None:
        return
    pb = playbook_of(session)
    inquiry = Inquiry(
        message=task.sales_form_message or "",
        subject=task.title or "",
        sender=contact.email,
        lead_source=task.lead_source,
        mau=task.mau,
        monthly_events=task.monthly_events,
        free_mail_extra=frozenset(pb.intake.free_mail_extra_domains),
    )
    result = classify(inquiry, pb.routing.classifier)
    task.classification = result.label
    task.classification_signals = result.signals_json()
    task.triage = triage_task(session, task, account, contact)
    defer_decision(
        session,
        "classify",
        task,
        {"sender": contact.email, "lead_source": task.lead_source, "scores": result.scores},
        ["R-1"],
        result.reason,
        outcome={
            "classification": result.label,
            "signals": task.classification_signals,
            "triage": {k: task.triage[k] for k in ("disposition", "reason", "why")},
        },
        owner_id=task.owner_id,
        territory=task.territory,
        at=now,
    )
    if result.label != "sales":
        from salesops.tasks.lifecycle import disqualify

        disqualify(
            session,
            task,
            _reason_for(session, result.label),
            now=now,
            notes=task.triage.get("note"),
            actor=None,
            rule_ids=("R-1", "D-3"),
            why=result.reason[:500],
            flush=False,  # a pipeline step: the caller flushes (a batch at once when queued)
        )


def _auto_disqualified_by_r1(session: Session, task: Task) -> bool:
    last = session.scalars(
        select(Decision)
        .where(
            Decision.subject_type == "task",
            Decision.subject_id == task.id,
            Decision.kind == "disqualify",
        )
        .order_by(Decision.id.desc())
        .limit(1)
    ).first()
    return last is not None and last.actor_id is None and "R-1" in (last.rule_ids or [])


def override_classification(
    session: Session,
    actor: User,
    task: Task,
    label: str,
    now: datetime,
    *,
    note: str | None = None,
) -> Task:
    """R-1: a person reclassifies a task; recorded, and the task follows the new class.

    To *sales* from an R-1 auto-disqualification: the task re-opens (New) and is
    routed. To support / billing / spam while open: it is disqualified with the
    matching reason by that person (D-3 side effects follow).
    """
    from salesops.tasks.lifecycle import disqualify
    from salesops.tasks.service import touch

    users.require_can_edit_owned(actor, task.owner_id)
    if label not in LABELS:
        raise ValidationFailed(
            f"classification must be one of: {', '.join(LABELS)}",
            field="classification",
            rule="R-1",
        )
    if task.kind != "lead":
        raise ValidationFailed("only lead tasks are classified", field="task_id", rule="R-1")
    previous = task.classification
    reopen = label == "sales" and task.status == "Unqualified"
    reopen = reopen and _auto_disqualified_by_r1(session, task)
    record_decision(
        session,
        "classification_override",
        task,
        {"from": previous, "to": label, "note": note, "status": task.status},
        ["R-1"],
        f"{actor.email} reclassified {previous or 'unclassified'} → {label}"
        + (f": {note}" if note else ""),
        outcome={"classification": label, "reopened": reopen},
        actor_id=actor.id,
        owner_id=task.owner_id,
        territory=task.territory,
        at=now,
    )
    task.classification = label
    task.classification_signals = [
        *(task.classification_signals or []),
        {
            "signal": "override",
            "label": label,
            "points": 0,
            "why": f"set by {actor.email}" + (f": {note}" if note else ""),
        },
    ]
    account = session.get(Account, task.account_id)
    contact = session.get(Contact, task.contact_id)
    if account is not None and contact is not None:
        task.triage = triage_task(session, task, account, contact)
    touch(task, now)
    if reopen:
        task.status = playbook_of(session).tasks.initial_status
        task.disqualification_reason = None
        task.disqualification_notes = None
        task.closed_at = None
        session.flush()
        route_reopened(session, task, now)
    elif label != "sales" and task.status in OPEN_STATUSES:
        disqualify(
            session,
            task,
            _reason_for(session, label),
            now=now,
            notes=note,
            actor=actor,
            rule_ids=("R-1", "D-3"),
            why=f"reclassified {label} by {actor.email}",
        )
    session.flush()
    return task


def route_reopened(session: Session, task: Task, now: datetime) -> None:
    """Run routing (R-2 … R-7) for a task re-opened by an override."""
    from salesops.routing.service import route_task  # routing imports scoring: import late

    route_task(session, task, now)


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
