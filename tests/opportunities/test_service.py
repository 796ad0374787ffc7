"""Q-1 … Q-13 through the service layer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from salesops.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from salesops.opportunities import follow_ups, service, stages
from salesops.opportunities.models import FollowUpPlan, Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users.models import User
from tests.factories import make_account, make_contact, make_user

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
CRITERIA = {
    "quantified_pain": True,
    "usage_or_trial": True,
    "documented_decision": True,
    "budget_confirmed": True,
    "decision_process_mapped": True,
    "price_agreed": True,
    "terms_agreed": True,
    "paper_process_mapped": True,
    "contract_signed": True,
}


@pytest.fixture
def rep(rt: Runtime) -> User:
    return make_user(rt, "rep@example.com", password=None)


@pytest.fixture
def admin_user(rt: Runtime) -> User:
    return make_user(rt, "boss@example.com", role="admin", password=None)


def _new(
    rt: Runtime, rep: User, name: str = "Acme", status: str = "prospect", **data: Any
) -> Opportunity:
    account = make_account(rt, name, customer_status=status)
    contact = make_contact(rt, f"ann@{name.lower()}.com", account_id=account.id)
    with rt.uow() as s:
        actor = s.get(User, rep.id)
        payload = {
            "account_id": account.id,
            "contact_id": contact.id,
            "record_type": "New Revenue",
            **data,
        }
        return service.create_opportunity(s, actor, payload, NOW)


def _move(
    rt: Runtime, user: User, opp_id: int, stage: str, now: datetime = NOW, **kw: Any
) -> Opportunity:
    with rt.uow() as s:
        return stages.move_stage(
            s, s.get(User, user.id), s.get(Opportunity, opp_id), stage, now, **kw
        )  # type: ignore[arg-type]


def _update(rt: Runtime, user: User, opp_id: int, **changes: Any) -> Opportunity:
    with rt.uow() as s:
        return service.update_opportunity(
            s,
            s.get(User, user.id),
            s.get(Opportunity, opp_id),  # type: ignore[arg-type]
            changes,
            NOW,
        )


def _tasks(rt: Runtime, opp_id: int) -> list[Task]:
    with rt.uow(readonly=True) as s:
        rows = list(
            s.scalars(
                select(Task).where(Task.opportunity_id == opp_id).order_by(Task.due_on, Task.id)
            )
        )
        s.expunge_all()
        return rows


def test_q1_record_type_must_agree_with_paying_status(rt: Runtime, rep: User) -> None:
    with pytest.raises(ValidationFailed) as exc:
        _new(rt, rep, "Payco", status="paying")
    assert exc.value.field == "record_type" and exc.value.rule == "Q-1"
    opp = _new(rt, rep, "Payco2", status="paying", record_type="New Revenue – Existing Customer")
    assert opp.pipeline == "new_business"


def test_q2_q3_defaults_and_computed_fields(rt: Runtime, rep: User) -> None:
    opp = _new(
        rt,
        rep,
        total_credit_amount=Decimal(60000),
        discount_pct=Decimal(10),
        term_months=24,
        contract_start=date(2025, 4, 1),
    )
    assert (opp.opp_type, opp.amount, opp.owner_id) == ("Monthly Plan", Decimal(20000), rep.id)
    with rt.uow(readonly=True) as s:
        v = service.view(s, s.get(Opportunity, opp.id), NOW.date())  # type: ignore[arg-type]
    assert v["arr_discounted"] == Decimal("27000.00")
    assert v["contract_end"] == date(2027, 4, 1)
    assert v["missing_exit_criteria"] == ["quantified_pain"]
    with pytest.raises(ValidationFailed) as exc:
        _new(rt, rep, "Small", opp_type="Monthly Contract", amount=Decimal(25000))
    assert exc.value.field == "amount"


def test_q4_advancing_enforces_stored_exit_criteria(rt: Runtime, rep: User) -> None:
    opp = _new(rt, rep)
    with pytest.raises(InvalidTransition) as exc:
        _move(rt, rep, opp.id, "Priority Agreement")
    assert exc.value.extra["missing"] == [
        "quantified_pain",
        "usage_or_trial",
        "documented_decision",
    ]
    with pytest.raises(ValidationFailed) as bad:
        _update(rt, rep, opp.id, exit_criteria={"good_vibes": True})
    assert bad.value.field == "exit_criteria.good_vibes"
    _update(rt, rep, opp.id, exit_criteria={"quantified_pain": True})
    moved = _move(rt, rep, opp.id, "Solution Agreement")
    assert (moved.stage, moved.probability) == ("Solution Agreement", 25)


def test_q4_closed_lost_requires_reason(rt: Runtime, rep: User) -> None:
    opp = _new(rt, rep)
    with pytest.raises(InvalidTransition) as exc:
        _move(rt, rep, opp.id, "Closed Lost")
    assert exc.value.field == "loss_reason"
    lost = _move(rt, rep, opp.id, "Closed Lost", loss_reason="Pricing")
    assert lost.is_closed and not lost.is_won and lost.forecast_category == "Omitted"


def test_q6_forecast_history_flags_moves_to_earlier_category(rt: Runtime, rep: User) -> None:
    opp = _new(rt, rep)
    _update(rt, rep, opp.id, forecast_category="Commit")
    _update(rt, rep, opp.id, forecast_category="Best case")
    with pytest.raises(ValidationFailed):
        _update(rt, rep, opp.id, forecast_category="Maybe")
    with rt.uow(readonly=True) as s:
        h = service.history(s, s.get(Opportunity, opp.id))  # type: ignore[arg-type]
        moves = [(c.from_category, c.to_category, c.moved_earlier) for c in h["forecast"]]
    assert moves == [
        (None, "Pipeline", False),
        ("Pipeline", "Commit", False),
        ("Commit", "Best case", True),
    ]


def test_q7_renewal_once_per_won_annual_even_after_reopen(rt: Runtime, rep: User) -> None:
    opp = _new(
        rt,
        rep,
        opp_type="Annual Plan",
        amount=Decimal(48000),
        contract_start=date(2025, 3, 1),
        exit_criteria=CRITERIA,
    )
    won = _move(rt, rep, opp.id, "Closed Won")
    assert won.is_won and won.forecast_category == "Commit"
    _move(rt, rep, opp.id, "Vendor Approval")
    _move(rt, rep, opp.id, "Closed Won", now=NOW + timedelta(days=1))
    with rt.uow(readonly=True) as s:
        renewals = list(s.scalars(select(Opportunity).where(Opportunity.renewal_of_id == opp.id)))
        assert len(renewals) == 1
        r = renewals[0]
        assert (r.record_type, r.pipeline, r.stage, r.probability) == (
            "Renewal",
            "renewal",
            "Qualification",
            10,
        )
        assert r.amount == r.arr_up_for_renewal == Decimal(48000)
        assert r.close_date == date(2026, 3, 1) == r.contract_start
        assert (r.account_id, r.contact_id, r.owner_id) == (opp.account_id, opp.contact_id, rep.id)
        from salesops.accounts.models import Account

        account = s.get(Account, opp.account_id)
        assert account is not None and account.customer_status == "paying"
    check_ins = [t for t in _tasks(rt, opp.id) if t.kind == "check_in"]
    assert len(check_ins) == 3  # Q-12, once: re-win adds none


def test_q7_renewal_without_contract_dates_closes_four_weeks_after_win(
    rt: Runtime, rep: User
) -> None:
    opp = _new(rt, rep, opp_type="Annual Plan", exit_criteria=CRITERIA)
    _move(rt, rep, opp.id, "Closed Won")
    with rt.uow(readonly=True) as s:
        r = s.scalar(select(Opportunity).where(Opportunity.renewal_of_id == opp.id))
        assert r is not None and r.close_date == NOW.date() + timedelta(weeks=4)
    monthly = _new(rt, rep, "Monthly", exit_criteria=CRITERIA)
    _move(rt, rep, monthly.id, "Closed Won")
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Opportunity).where(Opportunity.renewal_of_id == monthly.id)) is None


def test_q8_competitor_loss_follow_up_in_nine_months_owned_by_owner(rt: Runtime, rep: User) -> None:
    opp = _new(rt, rep)
    _move(rt, rep, opp.id, "Closed Lost", loss_reason="Went with a competitor")
    [t] = _tasks(rt, opp.id)
    assert (t.kind, t.owner_id, t.due_on, t.status) == (
        "follow_up",
        rep.id,
        date(2025, 12, 3),
        "Scheduled",
    )


def test_q8_current_setup_checks_in_every_six_months(rt: Runtime, rep: User) -> None:
    opp = _new(rt, rep)
    _move(rt, rep, opp.id, "Closed Lost", loss_reason="Stayed with current setup")
    assert _tasks(rt, opp.id) == []
    with rt.uow() as s:
        follow_ups.make_due(s, datetime(2025, 9, 3, 8, tzinfo=UTC))
    with rt.uow() as s:
        follow_ups.make_due(s, datetime(2025, 9, 3, 9, tzinfo=UTC))  # idempotent
        follow_ups.make_due(s, datetime(2026, 3, 3, 9, tzinfo=UTC))
    due = [(t.due_on, t.status) for t in _tasks(rt, opp.id)]
    assert due == [(date(2025, 9, 3), "Open"), (date(2026, 3, 3), "Open")]


def test_q8_feature_gap_waits_until_admin_marks_feature_shipped(
    rt: Runtime, rep: User, admin_user: User
) -> None:
    opp = _new(rt, rep)
    with pytest.raises(ValidationFailed) as exc:
        _move(rt, rep, opp.id, "Closed Lost", loss_reason="Product/feature gap")
    assert exc.value.field == "waiting_for"
    _move(
        rt,
        rep,
        opp.id,
        "Closed Lost",
        loss_reason="Product/feature gap",
        waiting_for="Data warehouse export",
    )
    cert = _new(rt, rep, "Secure")
    _move(rt, rep, cert.id, "Closed Lost", loss_reason="Security/privacy", waiting_for="SOC 2")
    assert _tasks(rt, opp.id) == []
    with rt.uow() as s, pytest.raises(PermissionDenied):
        follow_ups.mark_milestone(s, s.get(User, rep.id), "feature_shipped", "x", NOW)  # type: ignore[arg-type]
    later = NOW + timedelta(days=30)
    with rt.uow() as s:
        _, tasks = follow_ups.mark_milestone(
            s, s.get(User, admin_user.id), "feature_shipped", "data warehouse export", later
        )  # type: ignore[arg-type]
        assert len(tasks) == 1
    [t] = _tasks(rt, opp.id)
    assert (t.status, t.due_on, t.owner_id) == ("Open", later.date(), rep.id)
    assert _tasks(rt, cert.id) == []  # still waiting for its certification
    with rt.uow() as s:
        follow_ups.mark_milestone(
            s,
            s.get(User, admin_user.id),
            "certification_obtained",  # type: ignore[arg-type]
            "SOC 2",
            later,
        )
    assert len(_tasks(rt, cert.id)) == 1
    with rt.uow(readonly=True) as s:
        assert (
            s.scalar(
                select(func.count()).select_from(FollowUpPlan).where(FollowUpPlan.active.is_(True))
            )
            == 0
        )


def test_q9_self_serve_post_engagement_excluded_from_quota(rt: Runtime, rep: User) -> None:
    opp = _new(rt, rep)
    _update(rt, rep, opp.id, self_serve_post_engagement=True)
    with rt.uow(readonly=True) as s:
        v = service.view(s, s.get(Opportunity, opp.id), NOW.date())  # type: ignore[arg-type]
    assert v["counts_for_quota"] is False


def test_q10_next_step_hygiene_list(rt: Runtime, rep: User) -> None:
    none = _new(rt, rep, "NoStep")
    stale = _new(rt, rep, "Stale", next_step={"what": "call"}, next_step_date=date(2025, 3, 1))
    _new(rt, rep, "Fine", next_step={"what": "call"}, next_step_date=date(2025, 3, 10))
    with rt.uow(readonly=True) as s:
        flagged = service.next_step_hygiene(s, NOW.date())
    assert [(f["opportunity_id"], f["flag"][:7]) for f in flagged] == [
        (none.id, "no next"),
        (stale.id, "next-st"),
    ]


def test_q11_trial_reminders(rt: Runtime, rep: User) -> None:
    opp = _new(rt, rep, amount=Decimal(30000))
    with rt.uow() as s:
        o = stages.start_trial(
            s,
            s.get(User, rep.id),
            s.get(Opportunity, opp.id),  # type: ignore[arg-type]
            date(2025, 3, 3),
            NOW,
        )
        assert o.trial_ends_on == date(2025, 3, 17)
    titles = sorted((t.due_on, t.title.split(" — ")[0]) for t in _tasks(rt, opp.id))
    assert titles == [
        (date(2025, 3, 10), "Pricing from real usage"),
        (date(2025, 3, 10), "Trial wrap-up call"),
    ]


def test_q12_big_win_check_ins_every_two_weeks_then_monthly(rt: Runtime, rep: User) -> None:
    opp = _new(rt, rep, amount=Decimal(100000), exit_criteria=CRITERIA)
    _move(rt, rep, opp.id, "Closed Won")
    check_ins = _tasks(rt, opp.id)
    assert len(check_ins) == 13 and check_ins[0].due_on == date(2025, 3, 17)  # to 3 Sep
    assert {t.owner_id for t in check_ins} == {rep.id}
    with rt.uow(readonly=True) as s:
        plan = s.scalars(select(FollowUpPlan)).one()
        assert (plan.task_kind, plan.every_months) == ("check_in", 1)


def test_q13_unsolicited_rfp_suggested_for_decline(rt: Runtime, rep: User) -> None:
    opp = _new(rt, rep, rfp="unsolicited")
    with rt.uow(readonly=True) as s:
        v = service.view(s, s.get(Opportunity, opp.id), NOW.date())  # type: ignore[arg-type]
    assert "Using Competitor / Unsolicited RFP" in v["rfp_suggestion"]
