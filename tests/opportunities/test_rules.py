"""Pure opportunity rules (Q-1 … Q-13) with plain values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from salesops.opportunities import rules
from salesops.playbook.loader import load_default_playbook

PB = load_default_playbook()
NEW = PB.opportunities.pipelines["new_business"]


def test_q1_record_type_agrees_with_paying_status() -> None:
    assert rules.check_record_type(PB, "New Revenue", "prospect").ok
    assert not rules.check_record_type(PB, "New Revenue", "paying").ok
    assert rules.check_record_type(PB, "New Revenue – Existing Customer", "paying").ok
    bad = rules.check_record_type(PB, "Existing – Convert to Annual", "prospect")
    assert not bad.ok and "paying accounts" in bad.reason
    assert not rules.check_record_type(PB, "Nope", "paying").ok


def test_q2_q3_defaults() -> None:
    assert rules.default_type(PB, None) == "Monthly Plan"
    assert rules.default_type(PB, "") == "Monthly Plan"
    assert rules.default_amount(PB, None) == Decimal(20000)
    assert PB.opportunities.default_term_months == 12
    assert not rules.check_type_amount(PB, "Monthly Contract", Decimal(20000)).ok
    assert rules.check_type_amount(PB, "Monthly Contract", Decimal(19999)).ok


def test_q3_arr_discounted_and_contract_end() -> None:
    # total 60,000 over 24 months with 10% off → 60,000 × 0.9 × 12 / 24 = 27,000
    assert rules.arr_discounted(Decimal(60000), Decimal(10), 24) == Decimal("27000.00")
    assert rules.arr_discounted(Decimal(12000), None, 12) == Decimal("12000.00")
    assert rules.arr_discounted(None, Decimal(10), 12) is None
    assert rules.contract_end(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert rules.contract_end(date(2025, 3, 1), 12) == date(2026, 3, 1)
    assert rules.contract_end(None, 12) is None


def test_q4_advancing_names_missing_minimum_criteria() -> None:
    check = rules.check_stage_move(PB, NEW, "Problem Agreement", "Solution Agreement", {}, None)
    assert not check.ok and check.missing == ["quantified_pain"]
    ok = rules.check_stage_move(
        PB, NEW, "Problem Agreement", "Solution Agreement", {"quantified_pain": True}, None
    )
    assert ok.ok
    skip = rules.check_stage_move(
        PB, NEW, "Problem Agreement", "Priority Agreement", {"quantified_pain": True}, None
    )
    assert skip.missing == ["usage_or_trial", "documented_decision"]
    assert "Solution Agreement" in skip.reason
    back = rules.check_stage_move(PB, NEW, "Priority Agreement", "Problem Agreement", {}, None)
    assert back.ok


def test_q4_playbook_switch_demands_all_criteria() -> None:
    strict = PB.model_copy(
        update={
            "opportunities": PB.opportunities.model_copy(update={"require_all_exit_criteria": True})
        }
    )
    check = rules.check_stage_move(
        strict, NEW, "Problem Agreement", "Solution Agreement", {"quantified_pain": True}, None
    )
    assert check.missing == ["cost_of_inaction", "must_solve"]


def test_q4_closed_lost_needs_known_reason() -> None:
    assert rules.check_stage_move(
        PB, NEW, "Problem Agreement", "Closed Lost", {}, None
    ).missing == ["loss_reason"]
    assert not rules.check_stage_move(PB, NEW, "Problem Agreement", "Closed Lost", {}, "Meh").ok
    assert rules.check_stage_move(PB, NEW, "Problem Agreement", "Closed Lost", {}, "Pricing").ok


def test_p2_a_stage_this_playbook_does_not_know_is_refused_in_words_not_a_500() -> None:
    """P-2: a deal whose stage came from a version this process has not read yet (activated
    by another process within the store's 2 s) raised ValueError — a 500 in the full run.
    Now a refusal naming the stage; Closed Lost stays reachable from any stage."""
    check = rules.check_stage_move(PB, NEW, "Pain Agreed", "Solution Agreement", {}, None)
    assert not check.ok and check.missing == ["stage"] and "'Pain Agreed'" in check.reason
    assert rules.check_stage_move(PB, NEW, "Pain Agreed", "Closed Lost", {}, "Pricing").ok


def test_q4_rewinning_a_lost_deal_needs_every_criterion() -> None:
    check = rules.check_stage_move(PB, NEW, "Closed Lost", "Closed Won", {}, None)
    assert not check.ok and "contract_signed" in check.missing


def test_q6_move_to_earlier_category_flagged() -> None:
    assert rules.forecast_moved_earlier(PB, "Commit", "Best case")
    assert rules.forecast_moved_earlier(PB, "Pipeline", "Omitted")
    assert not rules.forecast_moved_earlier(PB, "Pipeline", "Commit")
    assert not rules.forecast_moved_earlier(PB, None, "Commit")


def test_q7_renewal_close_date() -> None:
    assert rules.renewal_close_date(PB, date(2026, 3, 1), date(2025, 3, 1)) == date(2026, 3, 1)
    assert rules.renewal_close_date(PB, None, date(2025, 3, 1)) == date(2025, 3, 29)


@pytest.mark.parametrize(
    ("reason", "kind", "due", "every"),
    [
        ("Went with a competitor", "after_months", date(2025, 12, 3), None),
        ("Stayed with current setup", "every_months", date(2025, 9, 3), 6),
        ("Product/feature gap", "feature_shipped", None, None),
        ("Security/privacy", "certification_obtained", None, None),
        ("Pricing", "none", None, None),
    ],
)
def test_q8_loss_follow_ups(reason: str, kind: str, due: date | None, every: int | None) -> None:
    d = rules.loss_follow_up(PB, reason, date(2025, 3, 3))
    assert (d.kind, d.due_on, d.every_months) == (kind, due, every)


def test_q9_self_serve_post_engagement_excluded_from_quota() -> None:
    assert not rules.counts_for_quota(True) and rules.counts_for_quota(False)


def test_q10_next_step_flags() -> None:
    today = date(2025, 3, 3)
    assert "Closed Lost" in (rules.next_step_flag(PB, False, {}, None, today) or "")
    assert "passed" in (
        rules.next_step_flag(PB, False, {"what": "call"}, date(2025, 3, 2), today) or ""
    )
    assert rules.next_step_flag(PB, False, {"what": "call"}, today, today) is None
    assert rules.next_step_flag(PB, True, {}, None, today) is None


def test_q11_trial_lengths_and_reminders() -> None:
    start = date(2025, 3, 3)
    small = rules.trial_plan(PB, 30000, start)
    assert small and small.weeks == 2 and small.ends_on == date(2025, 3, 17)
    assert small.wrap_up_on == date(2025, 3, 10) and small.pricing_on == date(2025, 3, 10)
    big = rules.trial_plan(PB, 60000, start)
    assert big and big.weeks == 4 and big.wrap_up_on == date(2025, 3, 24)
    assert rules.trial_plan(PB, 5000, start) is None


def test_q12_check_in_schedules() -> None:
    won = date(2025, 1, 1)
    mid = rules.check_in_schedule(PB, 30000, won)
    assert mid.dates == [date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)]
    assert (mid.then_every_months, mid.then_from) == (3, date(2025, 7, 1))
    big = rules.check_in_schedule(PB, 100000, won)
    assert big.dates[0] == date(2025, 1, 15) and big.dates[-1] <= date(2025, 7, 1)
    assert len(big.dates) == 12  # every 2 weeks until 1 July (181 days)
    assert (big.then_every_months, big.then_from) == (1, date(2025, 8, 1))
    assert rules.check_in_schedule(PB, 1000, won).dates == []


def test_q13_unsolicited_rfp_without_contact_or_usage_suggested_for_decline() -> None:
    s = rules.rfp_suggestion(PB, "unsolicited", False, False)
    assert s and "Using Competitor / Unsolicited RFP" in s
    assert rules.rfp_suggestion(PB, "unsolicited", True, False) is None
    assert rules.rfp_suggestion(PB, "unsolicited", False, True) is None
    assert rules.rfp_suggestion(PB, "solicited", False, False) is None
