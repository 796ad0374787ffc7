"""Opportunity use-cases (O-4, Q-1 … Q-3, Q-6, Q-9, Q-10, Q-13): create, edit, read, list.

Stage moves and what closing does (Q-4, Q-5, Q-7, Q-8, Q-12) are in
``salesops.opportunities.stages``; trials (Q-11) there too.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.accounts.service import get_account, get_contact
from salesops.core.audit import record_decision
from salesops.core.errors import NotFound, ValidationFailed
from salesops.core.updates import reject_nulls
from salesops.opportunities import history as snapshots
from salesops.opportunities import rules
from salesops.opportunities.models import (
    ForecastChange,
    Opportunity,
    OpportunityContactRole,
    StageChange,
)
from salesops.opportunities.rfp import rfp_suggestion
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task
from salesops.users import service as users
from salesops.users.models import User

EDITABLE = {
    "name",
    "close_date",
    "amount",
    "term_months",
    "total_credit_amount",
    "discount_pct",
    "contract_start",
    "products",
    "contract_link",
    "meddpicc",
    "next_step",
    "next_step_date",
    "self_serve_post_engagement",
    "rfp",
    "opp_type",
}
RFP_VALUES = ("solicited", "unsolicited")


def get_opportunity(session: Session, opportunity_id: int) -> Opportunity:
    opp = session.get(Opportunity, opportunity_id)
    if opp is None:
        raise NotFound(f"opportunity {opportunity_id} not found", field="opportunity_id")
    return opp


def _check_record_type(session: Session, record_type: str, account: Account) -> None:
    check = rules.check_record_type(playbook_of(session), record_type, account.customer_status)
    if not check.ok:
        raise ValidationFailed(check.reason, field="record_type", rule="Q-1")


def _check_type_and_amount(session: Session, opp_type: str | None, amount: Any) -> tuple[str, Any]:
    pb = playbook_of(session)
    try:
        name = rules.default_type(pb, opp_type)
    except ValueError:
        names = ", ".join(t.name for t in pb.opportunities.types)
        raise ValidationFailed(
            f"unknown type {opp_type!r}; one of: {names}", field="opp_type", rule="Q-2"
        ) from None
    value = rules.default_amount(pb, amount)
    check = rules.check_type_amount(pb, name, value)
    if not check.ok:
        raise ValidationFailed(check.reason, field="amount", rule="Q-2")
    return name, value


def create_opportunity(
    session: Session,
    actor: User | None,
    data: dict[str, Any],
    now: datetime,
    *,
    system: bool = False,
) -> Opportunity:
    """Create a deal (Q-1 … Q-3): record type agrees with paying status; defaults applied.

    ``system`` (a renewal, Q-7) skips the access and paying-status checks.
    """
    pb = playbook_of(session)
    if actor is not None and not system:
        users.require_writer(actor)
    account = get_account(session, data["account_id"])
    if actor is not None and not system:
        # U-2: the new deal being the actor's own is no way onto a colleague's account;
        # converting their own task on it (C-2, a task the T-1 sweep gave them) is.
        users.require_can_add_to_account(
            actor, account.owner_id, through=(_task_owner(session, data, account),)
        )
    record_type = data["record_type"]
    if not system:
        _check_record_type(session, record_type, account)
    opp_type, amount = _check_type_and_amount(session, data.get("opp_type"), data.get("amount"))
    contact_id = data.get("contact_id")
    if contact_id is not None:
        contact = get_contact(session, contact_id)
        if contact.account_id != account.id:
            raise ValidationFailed(
                f"contact {contact.id} is not on account {account.id}", field="contact_id"
            )
    owner_id = data.get("owner_id")
    if owner_id is not None and actor is not None and not system and owner_id != actor.id:
        users.require_can_reassign(actor, None, owner_id)
    if owner_id is not None and not system:
        users.require_assignable(session, owner_id)
    if owner_id is None and actor is not None and actor.role == "sales" and not system:
        owner_id = actor.id
    if owner_id is None:
        owner_id = account.owner_id
    stages = pb.pipeline_for(record_type)
    stage = data.get("stage") or stages[0].name
    first = stages[rules.stage_index(stages, stage)] if stage else stages[0]
    opp = Opportunity(
        name=data.get("name") or f"{account.name} — {record_type}",
        account_id=account.id,
        contact_id=contact_id,
        owner_id=owner_id,
        record_type=record_type,
        opp_type=opp_type,
        pipeline=pb.record_type(record_type).pipeline,
        stage=first.name,
        probability=first.probability,
        close_date=data.get("close_date"),
        amount=amount,
        arr_up_for_renewal=data.get("arr_up_for_renewal"),
        term_months=data.get("term_months") or pb.opportunities.default_term_months,
        total_credit_amount=data.get("total_credit_amount"),
        discount_pct=data.get("discount_pct"),
        contract_start=data.get("contract_start"),
        products=data.get("products") or [],
        lead_source=data.get("lead_source"),
        meddpicc=data.get("meddpicc") or {},
        exit_criteria=data.get("exit_criteria") or {},
        next_step=data.get("next_step") or {},
        next_step_date=data.get("next_step_date"),
        forecast_category=pb.opportunities.default_forecast_category,
        rfp=data.get("rfp"),
        renewal_of_id=data.get("renewal_of_id"),
        task_id=data.get("task_id"),
        created_at=now,
        updated_at=now,
    )
    session.add(opp)
    session.flush()
    if contact_id is not None:
        session.add(
            OpportunityContactRole(
                opportunity_id=opp.id,
                contact_id=contact_id,
                role=data.get("contact_role") or "Primary",
            )
        )
    session.add(
        StageChange(
            opportunity_id=opp.id,
            from_stage=None,
            to_stage=opp.stage,
            at=now,
            actor_id=actor.id if actor else None,
        )
    )
    session.add(
        ForecastChange(
            opportunity_id=opp.id,
            from_category=None,
            to_category=opp.forecast_category,
            moved_earlier=False,
            close_date=opp.close_date,
            amount=opp.amount,
            at=now,
            actor_id=actor.id if actor else None,
        )
    )
    session.flush()
    snapshots.record(session, opp, now)  # V-1: the as-of history
    return opp


def _task_owner(session: Session, data: dict[str, Any], account: Account) -> int | None:
    """The owner of the task the deal comes from (``task_id``), which must be on the
    deal's account; None without one."""
    task_id = data.get("task_id")
    if task_id is None:
        return None
    task = session.get(Task, task_id)
    if task is None or task.account_id != account.id:
        raise ValidationFailed(f"task {task_id} is not on account {account.id}", field="task_id")
    return task.owner_id


def update_opportunity(
    session: Session, actor: User, opp: Opportunity, changes: dict[str, Any], now: datetime
) -> Opportunity:
    """Edit fields, record exit criteria (Q-4) and the forecast category (Q-6)."""
    users.require_can_edit_owned(actor, opp.owner_id)
    if "owner_id" in changes:
        users.require_can_reassign(actor, opp.owner_id, changes["owner_id"])
        if changes["owner_id"] != opp.owner_id:
            users.require_assignable(session, changes["owner_id"])
        opp.owner_id = changes.pop("owner_id")
    # a blank type or amount takes the default; other NOT NULL fields refuse null.
    reject_nulls(Opportunity, {k: v for k, v in changes.items() if k not in ("opp_type", "amount")})
    if "rfp" in changes and changes["rfp"] not in (None, *RFP_VALUES):
        raise ValidationFailed("rfp must be solicited or unsolicited", field="rfp", rule="Q-13")
    if "opp_type" in changes or "amount" in changes:
        opp_type, amount = _check_type_and_amount(
            session,
            changes.get("opp_type", opp.opp_type),
            changes.get("amount", opp.amount) if changes.get("amount") is not None else None,
        )
        changes["opp_type"], changes["amount"] = opp_type, amount
    if "term_months" in changes and changes["term_months"] is None:
        changes["term_months"] = playbook_of(session).opportunities.default_term_months
    criteria = changes.pop("exit_criteria", None)
    if criteria is not None:
        _record_criteria(session, opp, criteria)
    category = changes.pop("forecast_category", None)
    for key, value in changes.items():
        if key not in EDITABLE:
            raise ValidationFailed(f"{key} cannot be changed here", field=key)
        setattr(opp, key, value)
    if category is not None:
        set_forecast_category(session, actor, opp, category, now)
    opp.updated_at = now
    session.flush()
    snapshots.record(session, opp, now)  # V-1: amount, close date, owner, category as of
    return opp


def _record_criteria(session: Session, opp: Opportunity, criteria: dict[str, Any]) -> None:
    """Q-4: exit criteria are stored per opportunity; only the pipeline's keys are accepted."""
    pb = playbook_of(session)
    known = {c.key for s in pb.opportunities.pipelines[opp.pipeline] for c in s.exit_criteria}
    for key, value in criteria.items():
        if key not in known:
            raise ValidationFailed(
                f"unknown exit criterion {key!r}; one of: {', '.join(sorted(known))}",
                field=f"exit_criteria.{key}",
                rule="Q-4",
            )
        if not isinstance(value, bool):
            raise ValidationFailed("criteria are true or false", field=f"exit_criteria.{key}")
    opp.exit_criteria = {**(opp.exit_criteria or {}), **criteria}


def set_forecast_category(
    session: Session, actor: User | None, opp: Opportunity, category: str, now: datetime
) -> ForecastChange | None:
    """Q-6: change the category, keep the history, flag a move to an earlier category."""
    pb = playbook_of(session)
    names = [c.name for c in pb.opportunities.forecast_categories]
    if category not in names:
        raise ValidationFailed(
            f"forecast_category must be one of: {', '.join(names)}",
            field="forecast_category",
            rule="Q-6",
        )
    if category == opp.forecast_category:
        return None
    earlier = rules.forecast_moved_earlier(pb, opp.forecast_category, category)
    change = ForecastChange(
        opportunity_id=opp.id,
        from_category=opp.forecast_category,
        to_category=category,
        moved_earlier=earlier,
        close_date=opp.close_date,
        amount=opp.amount,
        at=now,
        actor_id=actor.id if actor else None,
    )
    opp.forecast_category = category
    session.add(change)
    session.flush()
    snapshots.record(session, opp, now)
    return change


def history(session: Session, opp: Opportunity) -> dict[str, list[Any]]:
    stages = session.scalars(
        select(StageChange).where(StageChange.opportunity_id == opp.id).order_by(StageChange.id)
    )
    forecast = session.scalars(
        select(ForecastChange)
        .where(ForecastChange.opportunity_id == opp.id)
        .order_by(ForecastChange.id)
    )
    return {"stages": list(stages), "forecast": list(forecast)}


def view(session: Session, opp: Opportunity, today: date) -> dict[str, Any]:
    """The read model: stored fields plus the computed ones (Q-3, Q-9, Q-10, Q-13)."""
    pb = playbook_of(session)
    roles = session.scalars(
        select(OpportunityContactRole).where(OpportunityContactRole.opportunity_id == opp.id)
    )
    stage = pb.stage_for_reading(opp.pipeline, opp.stage)
    return {
        **{c.key: getattr(opp, c.key) for c in Opportunity.__table__.columns},
        "arr_discounted": rules.arr_discounted(
            opp.total_credit_amount, opp.discount_pct, opp.term_months
        ),
        "contract_end": rules.contract_end(opp.contract_start, opp.term_months),
        "counts_for_quota": rules.counts_for_quota(opp.self_serve_post_engagement),
        "next_step_flag": rules.next_step_flag(
            pb, opp.is_closed, opp.next_step or {}, opp.next_step_date, today
        ),
        "rfp_suggestion": rfp_suggestion(session, opp),
        "missing_exit_criteria": [
            k
            for k in rules.required_criteria(pb, stage)
            if (opp.exit_criteria or {}).get(k) is not True
        ],
        "contact_roles": [
            {"contact_id": r.contact_id, "role": r.role, "note": r.note} for r in roles
        ],
    }


def opportunities_query(
    *,
    owner_id: int | None = None,
    account_id: int | None = None,
    stage: str | None = None,
    record_type: str | None = None,
    is_closed: bool | None = None,
) -> Select[Any]:
    query = select(Opportunity)
    if owner_id is not None:
        query = query.where(Opportunity.owner_id == owner_id)
    if account_id is not None:
        query = query.where(Opportunity.account_id == account_id)
    if stage:
        query = query.where(Opportunity.stage == stage)
    if record_type:
        query = query.where(Opportunity.record_type == record_type)
    if is_closed is not None:
        query = query.where(Opportunity.is_closed.is_(is_closed))
    return query


def next_step_hygiene(
    session: Session, today: date, *, owner_id: int | None = None
) -> list[dict[str, Any]]:
    """Q-10: open deals with no next step or a passed next-step date, with the reason."""
    pb = playbook_of(session)
    query = select(Opportunity).where(Opportunity.is_closed.is_(False))
    if owner_id is not None:
        query = query.where(Opportunity.owner_id == owner_id)
    flagged = []
    for opp in session.scalars(query.order_by(Opportunity.id)):
        flag = rules.next_step_flag(pb, False, opp.next_step or {}, opp.next_step_date, today)
        if flag:
            flagged.append(
                {"opportunity_id": opp.id, "name": opp.name, "owner_id": opp.owner_id, "flag": flag}
            )
    return flagged


def record_opportunity_decision(
    session: Session,
    kind: str,
    opp: Opportunity,
    inputs: dict[str, Any],
    rule_ids: list[str],
    reason: str,
    *,
    actor: User | None,
    now: datetime,
) -> None:
    record_decision(
        session,
        kind,
        opp,
        inputs,
        rule_ids,
        reason,
        actor_id=actor.id if actor else None,
        owner_id=opp.owner_id,
        at=now,
    )


def amount_of(opp: Opportunity) -> Decimal:
    return Decimal(opp.amount if opp.amount is not None else 0)
