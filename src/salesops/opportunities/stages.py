"""Stage moves and what closing a deal does (Q-4, Q-5, Q-7, Q-8, Q-11, Q-12).

``move_stage`` enforces the exit criteria (Q-4) and the loss reason; winning
an Annual Plan creates its renewal exactly once (Q-7, unique
``renewal_of_id``) and the post-win check-ins (Q-12); losing creates the
loss reason's follow-up (Q-8).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salesops.accounts.service import get_account
from salesops.core.errors import InvalidTransition, ValidationFailed
from salesops.opportunities import follow_ups, rules
from salesops.opportunities import history as snapshots
from salesops.opportunities.models import Opportunity, StageChange
from salesops.opportunities.service import (
    create_opportunity,
    record_opportunity_decision,
    set_forecast_category,
)
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task
from salesops.users import service as users
from salesops.users.models import User


def move_stage(
    session: Session,
    actor: User | None,
    opp: Opportunity,
    target: str,
    now: datetime,
    *,
    loss_reason: str | None = None,
    loss_detail: str | None = None,
    waiting_for: str | None = None,
) -> Opportunity:
    """Q-4 / Q-5: move to ``target`` if the exit criteria allow; close-won/lost effects follow."""
    pb = playbook_of(session)
    if actor is not None:
        users.require_can_edit_owned(actor, opp.owner_id)
    stages = pb.opportunities.pipelines[opp.pipeline]
    if target == opp.stage:
        return opp
    check = rules.check_stage_move(
        pb, stages, opp.stage, target, opp.exit_criteria or {}, loss_reason
    )
    if not check.ok:
        field = "loss_reason" if "loss_reason" in check.missing or loss_reason else "stage"
        raise InvalidTransition(
            check.reason,
            field=field,
            rule="Q-4",
            extra={"missing": check.missing} if check.missing else None,
        )
    stage = pb.stage(opp.pipeline, target)
    decision = None
    if stage.lost and loss_reason:
        decision = rules.loss_follow_up(pb, loss_reason, now.date())
        if decision.kind in follow_ups.MILESTONE_KINDS and not (waiting_for or "").strip():
            what = "feature" if decision.kind == "feature_shipped" else "certification"
            raise ValidationFailed(
                f"the loss reason {loss_reason!r} needs the name of the {what} to wait for"
                ' (fill in "Waiting for")',
                field="waiting_for",
                rule="Q-8",
            )
    previous = opp.stage
    was_closed = opp.is_closed
    opp.stage = stage.name
    opp.probability = stage.probability
    opp.is_closed = stage.closed
    opp.is_won = stage.won
    opp.closed_at = now if stage.closed else None
    opp.updated_at = now
    if not stage.lost:
        opp.loss_reason = None
        opp.loss_detail = None
    session.add(
        StageChange(
            opportunity_id=opp.id,
            from_stage=previous,
            to_stage=stage.name,
            at=now,
            actor_id=actor.id if actor else None,
        )
    )
    if was_closed and not stage.closed:
        follow_ups.cancel_plans(session, opp, now)
        set_forecast_category(session, actor, opp, pb.opportunities.default_forecast_category, now)
    record_opportunity_decision(
        session,
        "stage",
        opp,
        {"from": previous, "to": stage.name, "criteria": opp.exit_criteria},
        ["Q-4" if opp.pipeline != "renewal" else "Q-5"],
        check.reason,
        actor=actor,
        now=now,
    )
    if stage.won:
        _on_won(session, actor, opp, now)
    elif stage.lost:
        assert decision is not None or not loss_reason
        opp.loss_reason = loss_reason
        opp.loss_detail = loss_detail
        set_forecast_category(session, actor, opp, _omitted(session), now)
        if decision is not None:
            _loss_follow_up(session, actor, opp, decision, waiting_for, now)
    session.flush()
    snapshots.record(session, opp, now)  # V-1: stage, probability, closed/won as of
    return opp


def _omitted(session: Session) -> str:
    """Q-6: closed lost deals are Omitted (the least committed category)."""
    return playbook_of(session).opportunities.forecast_categories[-1].name


def _on_won(session: Session, actor: User | None, opp: Opportunity, now: datetime) -> None:
    pb = playbook_of(session)
    opp.won_at = now
    set_forecast_category(session, actor, opp, pb.opportunities.forecast_categories[0].name, now)
    account = get_account(session, opp.account_id)
    if account.customer_status != "paying":  # they pay us now
        account.customer_status = "paying"
        account.paying_since = account.paying_since or now.date()
        account.updated_at = now
    if pb.opportunity_type(opp.opp_type).creates_renewal:
        create_renewal(session, opp, now)
    _check_ins(session, opp, now)


def create_renewal(session: Session, opp: Opportunity, now: datetime) -> Opportunity | None:
    """Q-7: one Renewal per won Annual Plan: amount copied, closes at the contract end.

    Re-winning a reopened deal finds the existing renewal; two concurrent wins
    meet the unique ``renewal_of_id`` and the loser keeps the first one.
    """
    existing = session.scalar(select(Opportunity).where(Opportunity.renewal_of_id == opp.id))
    if existing is not None:
        return None
    pb = playbook_of(session)
    end = rules.contract_end(opp.contract_start, opp.term_months)
    data: dict[str, Any] = {
        "name": f"{opp.name} — Renewal",
        "account_id": opp.account_id,
        "contact_id": opp.contact_id,
        "owner_id": opp.owner_id,
        "record_type": pb.opportunities.renewal.record_type,
        "opp_type": opp.opp_type,
        "amount": opp.amount,
        "arr_up_for_renewal": opp.amount,
        "term_months": opp.term_months,
        "contract_start": end,
        "close_date": rules.renewal_close_date(pb, end, now.date()),
        "products": list(opp.products or []),
        "lead_source": opp.lead_source,
        "renewal_of_id": opp.id,
        "next_step": {"what": "Renewal conversation", "owner": "", "outcome": "renew or not"},
    }
    try:
        with session.begin_nested():
            renewal = create_opportunity(session, None, data, now, system=True)
    except IntegrityError:
        return None
    record_opportunity_decision(
        session,
        "renewal",
        renewal,
        {"renewal_of_id": opp.id, "amount": str(opp.amount)},
        ["Q-7"],
        f"renewal of won {opp.opp_type} opportunity {opp.id}",
        actor=None,
        now=now,
    )
    return renewal


def _check_ins(session: Session, opp: Opportunity, now: datetime) -> None:
    """Q-12: post-win check-in tasks, created once per deal (a re-win adds none)."""
    exists = session.scalar(
        select(Task.id).where(Task.opportunity_id == opp.id, Task.kind == "check_in").limit(1)
    )
    if exists is not None:
        return
    pb = playbook_of(session)
    schedule = rules.check_in_schedule(pb, opp.amount, now.date())
    for day in schedule.dates:
        follow_ups.task_for_opportunity(
            session, opp, kind="check_in", title="Check-in", due_on=day, now=now
        )
    if schedule.then_every_months and schedule.then_from:
        follow_ups.add_plan(
            session,
            opp,
            kind="every_months",
            title="Check-in",
            now=now,
            next_on=schedule.then_from,
            every_months=schedule.then_every_months,
            task_kind="check_in",
        )
    record_opportunity_decision(
        session,
        "check_ins",
        opp,
        {"amount": str(opp.amount), "dates": len(schedule.dates)},
        ["Q-12"],
        f"{len(schedule.dates)} check-in task(s) after Closed Won",
        actor=None,
        now=now,
    )


def _loss_follow_up(
    session: Session,
    actor: User | None,
    opp: Opportunity,
    decision: rules.LossFollowUpDecision,
    waiting_for: str | None,
    now: datetime,
) -> None:
    """Q-8: the loss reason's automatic follow-up."""
    title = f"Follow up after loss ({opp.loss_reason})"
    if decision.kind == "after_months" and decision.due_on:
        follow_ups.task_for_opportunity(
            session, opp, kind="follow_up", title=title, due_on=decision.due_on, now=now
        )
    elif decision.kind == "every_months":
        follow_ups.add_plan(
            session,
            opp,
            kind="every_months",
            title=title,
            now=now,
            next_on=decision.due_on,
            every_months=decision.every_months,
        )
    elif decision.kind in follow_ups.MILESTONE_KINDS and waiting_for:
        name = waiting_for.strip()
        reached = follow_ups.milestone_reached(session, decision.kind, name)
        plan = follow_ups.add_plan(
            session,
            opp,
            kind=decision.kind,
            title=f"{title}: {name}",
            now=now,
            waiting_for=name,
            next_on=now.date() if reached else None,
        )
        if reached:
            follow_ups.make_due(session, now)
        del plan
    else:
        return
    record_opportunity_decision(
        session,
        "loss_follow_up",
        opp,
        {"loss_reason": opp.loss_reason, "waiting_for": waiting_for},
        ["Q-8"],
        decision.reason,
        actor=actor,
        now=now,
    )


def start_trial(
    session: Session, actor: User, opp: Opportunity, starts_on: date, now: datetime
) -> Opportunity:
    """Q-11: trial length by expected size; wrap-up and pricing reminders as follow-up tasks."""
    users.require_can_edit_owned(actor, opp.owner_id)
    plan = rules.trial_plan(playbook_of(session), opp.amount, starts_on)
    if plan is None:
        raise ValidationFailed(
            f"no trial band covers an expected ARR of {opp.amount}; trials start at the "
            "sales-assist threshold",
            field="amount",
            rule="Q-11",
        )
    opp.trial_starts_on = starts_on
    opp.trial_ends_on = plan.ends_on
    opp.updated_at = now
    follow_ups.task_for_opportunity(
        session, opp, kind="follow_up", title="Trial wrap-up call", due_on=plan.wrap_up_on, now=now
    )
    follow_ups.task_for_opportunity(
        session,
        opp,
        kind="follow_up",
        title="Pricing from real usage",
        due_on=plan.pricing_on,
        now=now,
    )
    record_opportunity_decision(
        session,
        "trial",
        opp,
        {"amount": str(opp.amount), "starts_on": starts_on.isoformat()},
        ["Q-11"],
        f"{plan.weeks}-week trial, ends {plan.ends_on.isoformat()}",
        actor=actor,
        now=now,
    )
    session.flush()
    return opp
