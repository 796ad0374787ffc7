"""Playbook lookups the rules rely on: territories (R-4), reasons (D-2), stages (Q-4)."""

from __future__ import annotations

import pytest

from salesops.playbook.loader import load_default_playbook

PLAYBOOK = load_default_playbook()


@pytest.mark.parametrize(
    ("country", "state", "territory"),
    [
        ("US", "CA", "U.S. West"),
        ("US", "NY", "U.S. East"),
        ("US", "TX", "U.S. West"),
        ("US", "DC", "U.S. East"),
        ("us", "california", "U.S. West"),
        ("United States", "New York", "U.S. East"),
        ("DE", None, "Europe & Africa"),
        ("Germany", None, "Europe & Africa"),
        ("GB", None, "Europe & Africa"),
        ("UK", None, "Europe & Africa"),
        ("NO", None, "Europe & Africa"),
        ("ZA", None, "Europe & Africa"),
        ("JP", None, "Asia & Middle East"),
        ("AE", None, "Asia & Middle East"),
        ("NZ", None, "Australia & New Zealand"),
        ("AU", None, "Australia & New Zealand"),
        ("CA", None, "U.S. East"),
        ("BR", None, "U.S. East"),
        ("PR", None, "U.S. East"),
    ],
)
def test_r4_territory_for(country: str, state: str | None, territory: str) -> None:
    assert PLAYBOOK.territory_for(country, state).name == territory


@pytest.mark.parametrize("country", [None, "", "ZZ", "Atlantis"])
def test_r4_unknown_country_goes_to_fallback(country: str | None) -> None:
    assert PLAYBOOK.territory_for(country, None).name == PLAYBOOK.territories.fallback


@pytest.mark.parametrize("state", [None, "", "XX", "Ontario"])
def test_r4_us_with_unknown_state_goes_to_fallback(state: str | None) -> None:
    """R-4: ``us_fallback`` is unset in the default, so the general fallback applies."""
    assert PLAYBOOK.territories.us_fallback is None
    assert PLAYBOOK.territory_for("US", state).name == PLAYBOOK.territories.fallback


def test_r4_us_territory_given_as_state_routes_as_its_country() -> None:
    assert PLAYBOOK.territory_for("US", "PR").name == "U.S. East"
    assert PLAYBOOK.territory_for("US", "GU").name == "U.S. West"


def test_d2_reason_lookups_raise_value_error_for_unknown_names() -> None:
    assert PLAYBOOK.category_of("Spam") == "Not a Lead"
    with pytest.raises(ValueError, match="unknown disqualification reason 'Spamm'"):
        PLAYBOOK.reason("Spamm")
    with pytest.raises(ValueError):
        PLAYBOOK.category_of("Spamm")
    assert len(PLAYBOOK.all_reason_names) == 28


def test_q4_stage_lookup_by_pipeline_key_or_record_type() -> None:
    won = PLAYBOOK.stage("new_business", "Closed Won")
    assert (won.closed, won.won, won.probability) == (True, True, 100)
    lost = PLAYBOOK.stage("Renewal", "Closed Lost")
    assert lost.lost and lost.requires_loss_reason
    with pytest.raises(ValueError):
        PLAYBOOK.stage("new_business", "Qualification")
    with pytest.raises(ValueError):
        PLAYBOOK.pipeline_for("Upsell")
