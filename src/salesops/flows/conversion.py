"""Converting a lead task to an opportunity (C-1 … C-3).

A task converts only when the playbook's six criteria are recorded true
(C-1) and an engineer was on the first call or the second call is on the
calendar (C-3). Conversion creates the linked opportunity with the task's
lead source, account and contact (as a contact role) and the chosen record
type (C-2, Q-1), and the task becomes Converted.

A flow: a task (work) becomes an opportunity, a sibling above it, so tasks never
import opportunities.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from salesops.accounts.service import get_account
from salesops.core.audit import record_decision
from salesops.core.errors import InvalidTransition, ValidationFailed
from salesops.opportunities.models import Opportunity
from salesops.opportunities.service import create_opportunity
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task
from salesops.tasks.service import touch
from salesops.users import service as users
from salesops.users.models import User


def missing_criteria(session: Session, recorded: dict[str, Any]) -> list[str]:
    """C-1: the criteria keys not recorded true, in playbook order."""
    pb = playbook_of(session)
    return [c.key for c in pb.conversion.criteria if recorded.get(c.key) is not True]


def record_criteria(
    session: Session, actor: User, task: Task, criteria: dict[str, Any], now: datetime
) -> Task:
    """C-1: record progress on the criteria (and the C-3 call facts) without converting."""
    users.require_can_edit_owned(actor, task.owner_id)
    task.conversion_criteria = _merged(session, task, criteria)
    touch(task, now)
    session.flush()
    return task


def second_call_booked(value: Any, now: datetime) -> date:
    """C-3: the second call (with engineers) must be *on the calendar* at conversion: a
    real date, today or later (the injected clock's today)."""
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValidationFailed(
            "the second call's date must be a date (YYYY-MM-DD)",
            field="criteria.second_call_on",
            rule="C-3",
        ) from None
    if day < now.date():
        raise ValidationFailed(
            f"the second call ({day.isoformat()}) is in the past: conversion waits until "
            "the second call with engineers is on the calendar, today or later",
            field="criteria.second_call_on",
            rule="C-3",
        )
    return day


def _merged(session: Session, task: Task, criteria: dict[str, Any]) -> dict[str, Any]:
    pb = playbook_of(session)
    known = {c.key for c in pb.conversion.criteria} | {"engineer_on_first_call", "second_call_on"}
    for key, value in criteria.items():
        if key not in known:
            raise ValidationFailed(
                f"unknown conversion criterion {key!r}; one of: {', '.join(sorted(known))}",
                field=f"criteria.{key}",
                rule="C-1",
            )
        if key == "second_call_on":
            if value is not None and not isinstance(value, (str, date)):
                raise ValidationFailed("a date", field="criteria.second_call_on", rule="C-3")
        elif value is not None and not isinstance(value, bool):
            raise ValidationFailed("true or false", field=f"criteria.{key}", rule="C-1")
    clean = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in criteria.items()}
    return {**(task.conversion_criteria or {}), **clean}


def convert(
    session: Session,
    actor: User,
    task: Task,
    *,
    now: datetime,
    criteria: dict[str, Any] | None = None,
    record_type: str | None = None,
    contact_role: str = "Primary",
    opportunity: dict[str, Any] | None = None,
) -> Opportunity:
    """C-1 … C-3: refuse with the missing criteria named, else create the linked opportunity."""
    users.require_can_edit_owned(actor, task.owner_id)
    pb = playbook_of(session)
    if task.kind != "lead":
        raise InvalidTransition(
            f"task {task.id} is a {task.kind} task; only lead tasks convert",
            field="kind",
            rule="C-2",
        )
    if task.status == "Converted" or not pb.tasks.can_move(task.status, "Converted"):
        raise InvalidTransition(
            f"a {task.status} task cannot be converted", field="status", rule="L-1"
        )
    recorded = _merged(session, task, criteria or {})
    task.conversion_criteria = recorded
    missing = missing_criteria(session, recorded)
    if missing:
        labels = {c.key: c.label for c in pb.conversion.criteria}
        named = "; ".join(labels[k] for k in missing)
        raise ValidationFailed(
            f"cannot convert: {len(missing)} of {len(labels)} criteria not recorded true: {named}",
            field=f"criteria.{missing[0]}",
            rule="C-1",
            extra={"missing": missing},
        )
    if pb.conversion.require_engineer_on_call_or_second_call_booked and not (
        recorded.get("engineer_on_first_call") is True or recorded.get("second_call_on")
    ):
        raise ValidationFailed(
            "no engineer was on the first call: conversion waits until the second call "
            "(with engineers) is on the calendar: enter the date of the second call",
            field="criteria.second_call_on",
            rule="C-3",
            extra={"missing": ["second_call_on"]},
        )
    if recorded.get("engineer_on_first_call") is not True and recorded.get("second_call_on"):
        second_call_booked(recorded["second_call_on"], now)
    account = get_account(session, task.account_id)
    if not record_type:
        record_type = (
            "New Revenue – Existing Customer"
            if account.customer_status == "paying"
            else "New Revenue"
        )
    data: dict[str, Any] = {
        **(opportunity or {}),
        "account_id": task.account_id,
        "contact_id": task.contact_id,
        "contact_role": contact_role,
        "record_type": record_type,
        "lead_source": task.lead_source,
        "owner_id": task.owner_id if task.owner_id is not None else actor.id,
        "task_id": task.id,
    }
    data.setdefault("name", f"{account.name} — {record_type}")
    if task.rfp and not data.get("rfp"):
        data["rfp"] = task.rfp  # the task's RFP flag goes with the deal
    opp = create_opportunity(session, actor, data, now)
    task.opportunity_id = opp.id
    task.status = "Converted"
    task.closed_at = now
    touch(task, now)
    record_decision(
        session,
        "convert",
        task,
        {"criteria": recorded, "record_type": record_type, "opportunity_id": opp.id},
        ["C-1", "C-2", "C-3"],
        f"converted to opportunity {opp.id} ({record_type})",
        actor_id=actor.id,
        owner_id=task.owner_id,
        territory=task.territory,
        at=now,
    )
    session.flush()
    return opp
