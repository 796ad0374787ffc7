"""Triage recommendation: disposition, spend estimate vs D-5, use cases, note ≤ 250 (D-1)."""

from __future__ import annotations

from salesops.playbook.loader import load_default_playbook
from salesops.scoring.triage import TriageFacts, monthly_cost, recommend

PB = load_default_playbook()
TIERS = list(PB.scoring.triage.price_tiers)


def test_free_tier_and_graduated_prices() -> None:
    assert monthly_cost(1_000_000, TIERS) == 0
    assert round(monthly_cost(2_000_000, TIERS), 2) == 50.0
    assert monthly_cost(80_000_000, TIERS) > monthly_cost(40_000_000, TIERS)


def test_d5_above_threshold_is_qualify_for_a_call() -> None:
    r = recommend(TriageFacts(message="product analytics", monthly_events=80_000_000), PB)
    assert r["disposition"] == "qualify"
    assert r["spend"]["above_threshold"] is True and r["spend"]["annual_usd"] >= 20_000
    assert "product intelligence" in r["use_cases"]
    assert r["applied"] is False  # a recommendation only


def test_d5_below_threshold_without_hands_on_signal_is_self_serve() -> None:
    r = recommend(TriageFacts(mau=20_000, employee_count=12, lead_score=10), PB)
    assert (r["disposition"], r["reason"]) == ("self_serve", "Below Threshold – Auto")
    assert "20k MAU × 75 events" in r["note"]


def test_q9_hands_on_keywords_keep_a_small_lead_hands_on() -> None:
    r = recommend(TriageFacts(message="We need SSO and an annual contract", mau=1000), PB)
    assert r["disposition"] == "qualify" and "sso" in r["why"]


def test_l2_startup_plan() -> None:
    r = recommend(TriageFacts(message="We're a YC startup", employee_count=5), PB)
    assert (r["disposition"], r["reason"]) == ("startup_plan", "Startup Plan / YC")


def test_r1_non_sales_recommends_the_r1_reason() -> None:
    r = recommend(TriageFacts(classification="billing"), PB)
    assert (r["disposition"], r["reason"], r["applied"]) == (
        "disqualify",
        "Billing Support Request",
        True,
    )


def test_unknown_volume_uses_scores() -> None:
    assert recommend(TriageFacts(lead_score=40), PB)["disposition"] == "qualify"
    assert recommend(TriageFacts(icp_score=4), PB)["disposition"] == "qualify"
    assert recommend(TriageFacts(lead_score=5, icp_score=1), PB)["disposition"] == "self_serve"


def test_d1_note_is_at_most_250_characters_and_names_facts() -> None:
    long = " ".join(["feature flags experiments llm data warehouse web analytics"] * 20)
    r = recommend(
        TriageFacts(message=long, monthly_events=3_000_000, employee_count=40, lead_score=25), PB
    )
    assert len(r["note"]) <= 250
    short = recommend(TriageFacts(monthly_events=3_000_000, employee_count=40), PB)["note"]
    assert "3M events/mo stated" in short and "40 employees" in short
