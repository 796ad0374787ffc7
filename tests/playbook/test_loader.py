"""Loading and validating the playbook file (P-1) and the default playbook's content."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pycountry
import pytest

from salesops.core.errors import ValidationFailed
from salesops.playbook.loader import (
    PlaybookError,
    default_playbook_text,
    load_default_playbook,
    load_playbook_file,
    load_playbook_text,
    playbook_digest,
)
from salesops.playbook.schema_base import US_STATES_AND_DC

DEFAULT = default_playbook_text()

# D-2, spelled exactly as in the spec.
D2_TAXONOMY = {
    "Auto-Dispositioned": ["Below Threshold – Auto", "Stale – Autoclosed"],
    "Re-route": [
        "Support Request",
        "Billing Support Request",
        "Existing Customer Inquiry",
        "Event Request",
        "Partnership Request",
    ],
    "Not a Lead": [
        "Spam",
        "Duplicate Lead",
        "Non-Commercial",
        "Startup Plan / YC",
        "Self-Hosted Requirement",
        "Business Closed",
        "Feedback",
        "BAA / DPA Request",
    ],
    "Unreachable": ["No Response – Pass", "No Response – Prospect", "Invalid Contact Info"],
    "Fit": [
        "Below Sales Assist Threshold – Pass",
        "Below Sales Assist Threshold – Prospect",
        "Not a Good Fit",
        "No Technical Resource",
        "No Product Fit",
        "Using Competitor / Unsolicited RFP",
    ],
    "Timing / Economics": ["No Budget", "No Current Need", "Resource Constraints"],
    "Other": ["Other"],
}


def line_of(text: str, fragment: str) -> int:
    """1-based line of the only line containing ``fragment``."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if fragment in line]
    assert len(hits) == 1, (fragment, hits)
    return hits[0]


def load_error(text: str) -> PlaybookError:
    with pytest.raises(PlaybookError) as info:
        load_playbook_text(text, source="playbook.yaml")
    return info.value


# -- the default playbook encodes the spec -------------------------------------


def test_p1_default_playbook_loads_and_is_cached() -> None:
    playbook = load_default_playbook()
    assert playbook.name
    assert load_default_playbook() is playbook


def test_d2_every_reason_present_in_its_category() -> None:
    playbook = load_default_playbook()
    categories = {c.name: [r.name for r in c.reasons] for c in playbook.disqualification.categories}
    assert categories == D2_TAXONOMY
    for category, reasons in D2_TAXONOMY.items():
        for reason in reasons:
            assert playbook.category_of(reason) == category


def test_d3_side_effects_and_support_teams() -> None:
    playbook = load_default_playbook()
    assert playbook.reason("Support Request").side_effects == ["support_ticket"]
    assert playbook.reason("Support Request").support_team
    assert playbook.reason("Billing Support Request").side_effects == ["billing_ticket"]
    assert playbook.reason("Below Threshold – Auto").side_effects == ["onboarding_flow"]
    assert playbook.reason("Spam").side_effects == ["spam_ban_optional"]
    assert playbook.reason("Startup Plan / YC").side_effects == ["startup_application"]
    assert playbook.disqualification.automatic.self_serve_no_interaction == "Below Threshold – Auto"


def test_d4_prospect_reasons_are_revisited_and_pass_reasons_not() -> None:
    playbook = load_default_playbook()
    revisited = {n for n in playbook.all_reason_names if playbook.reason(n).revisit}
    assert revisited == {"No Response – Prospect", "Below Sales Assist Threshold – Prospect"}
    assert playbook.revisit_after_days("No Response – Prospect") == 90
    assert playbook.revisit_after_days("No Response – Pass") is None


def test_d1_d5_t1_t2_numbers() -> None:
    playbook = load_default_playbook()
    assert playbook.disqualification.notes_max_length == 250
    assert playbook.disqualification.sales_assist_threshold_arr == 20_000
    assert playbook.stale.reassign_after_days == 10
    assert playbook.stale.autoclose_after_days == 10
    assert playbook.stale.autoclose_reason == "Stale – Autoclosed"
    assert playbook.stale.open_statuses == ["New", "Working"]


def test_l1_statuses_and_transitions() -> None:
    tasks = load_default_playbook().tasks
    assert tasks.statuses == ["New", "Working", "Nurturing", "Converted", "Unqualified"]
    assert tasks.can_move("New", "Working")
    assert not tasks.can_move("Converted", "Working")
    assert set(tasks.manual_lead_sources) <= set(tasks.lead_sources)


def test_c1_six_conversion_criteria() -> None:
    conversion = load_default_playbook().conversion
    assert [c.key for c in conversion.criteria] == [
        "call_held",
        "problem_identified",
        "important_now",
        "pricing_in_ballpark",
        "decision_maker",
        "next_step_agreed",
    ]
    assert conversion.require_engineer_on_call_or_second_call_booked


def test_s3_lead_score_table_maximum_is_70() -> None:
    lead = load_default_playbook().scoring.lead
    assert lead.max_possible == 70 == lead.max_score
    assert lead.country_points("US") == 10
    assert lead.country_points("NO") == 10  # Norway, not YAML's False
    assert lead.country_points("GG") == 5
    assert lead.country_points("BR") == 0


def test_s2_icp_maximum_is_at_most_5() -> None:
    icp = load_default_playbook().scoring.icp
    assert 0 < icp.max_possible <= 5
    assert icp.industry_points("health care")[0] == "high"


def test_q1_q2_q4_q5_opportunity_settings() -> None:
    playbook = load_default_playbook()
    new_business = playbook.pipeline_for("New Revenue")
    assert [s.name for s in new_business] == [
        "Problem Agreement",
        "Solution Agreement",
        "Priority Agreement",
        "Commercial Agreement",
        "Vendor Approval",
        "Closed Won",
        "Closed Lost",
    ]
    assert [c.key for c in new_business[3].minimum_criteria] == [
        "price_agreed",
        "terms_agreed",
        "paper_process_mapped",
    ]
    renewal = playbook.pipeline_for("Renewal")
    assert [(s.name, s.probability) for s in renewal] == [
        ("Qualification", 10),
        ("Meeting booked", 20),
        ("Product Evaluation", 50),
        ("Commercial & Legal Review", 80),
        ("Closed Won", 100),
        ("Closed Lost", 0),
    ]
    assert playbook.opportunity_type(None).name == "Monthly Plan"
    assert playbook.record_type("New Revenue").requires_paying is False
    assert [c.name for c in playbook.opportunities.forecast_categories] == [
        "Commit",
        "Best case",
        "Pipeline",
        "Omitted",
    ]


def test_q8_loss_follow_ups() -> None:
    playbook = load_default_playbook()
    competitor = playbook.loss_reason("Went with a competitor").follow_up
    assert (competitor.kind, competitor.months) == ("after_months", 9)
    current = playbook.loss_reason("Stayed with current setup").follow_up
    assert (current.kind, current.months) == ("every_months", 6)
    assert playbook.loss_reason("Product/feature gap").follow_up.kind == "feature_shipped"
    assert playbook.loss_reason("Security/privacy").follow_up.kind == "certification_obtained"


def test_q11_q12_trials_and_check_ins_by_arr() -> None:
    playbook = load_default_playbook()
    assert playbook.trial_weeks(19_999) is None
    assert playbook.trial_weeks(20_000) == 2
    assert playbook.trial_weeks(60_000) == 4
    big = playbook.check_in_phases(60_000)
    assert (big[0].every_days, big[0].for_months, big[1].every_months) == (14, 6, 1)
    mid = playbook.check_in_phases(30_000)
    assert (mid[0].every_months, mid[0].for_months, mid[1].every_months) == (1, 3, 3)


def test_r4_every_iso_country_is_in_exactly_one_territory() -> None:
    territories = load_default_playbook().territories.items
    for country in pycountry.countries:
        code = country.alpha_2
        if code == "US":
            continue  # split by state, below
        holders = [t.name for t in territories if code in t.countries]
        assert len(holders) == 1, (code, country.name, holders)


def test_r4_every_state_and_dc_is_in_exactly_one_us_territory() -> None:
    territories = load_default_playbook().territories.items
    for state in sorted(US_STATES_AND_DC):
        holders = [t.name for t in territories if state in t.us_states]
        assert len(holders) == 1, (state, holders)
    assert {t.name for t in territories if t.is_us} == {"U.S. West", "U.S. East"}


# -- errors name the key and the line ------------------------------------------


def test_p1_bad_type_names_key_and_line() -> None:
    text = DEFAULT.replace("reassign_after_days: 10 ", "reassign_after_days: ten ")
    error = load_error(text)
    line = line_of(text, "reassign_after_days: ten")
    expected = f"playbook.yaml:{line}: stale.reassign_after_days: Input should be a valid integer"
    assert expected in str(error)
    assert error.problems == [
        {
            "key": "stale.reassign_after_days",
            "line": line,
            "message": "Input should be a valid integer",
        }
    ]


def test_p1_numbers_as_strings_are_refused() -> None:
    error = load_error(DEFAULT.replace("notes_max_length: 250", 'notes_max_length: "250"'))
    assert error.problems[0]["key"] == "disqualification.notes_max_length"


def test_p1_unknown_key_is_named_with_its_line() -> None:
    text = DEFAULT.replace("  max_reassignments: 1", "  max_reassignments: 1\n  colour: blue")
    error = load_error(text)
    assert error.problems == [
        {
            "key": "stale.colour",
            "line": line_of(text, "colour: blue"),
            "message": "unknown key (not part of the playbook schema)",
        }
    ]


def test_p1_malformed_nested_value_reports_path_and_line() -> None:
    text = DEFAULT.replace("countries: [AQ, AU,", "countries: [AQ, ZZ, AU,")
    error = load_error(text)
    assert error.problems[0]["key"] == "territories.items[4].countries[1]"
    assert error.problems[0]["line"] == line_of(text, "[AQ, ZZ, AU,")
    assert "'ZZ' is not an ISO 3166-1 alpha-2 code" in error.problems[0]["message"]


def test_p1_cross_section_reference_names_the_referring_key() -> None:
    text = DEFAULT.replace("autoclose_reason: Stale – Autoclosed", "autoclose_reason: Stale")
    error = load_error(text)
    assert error.problems == [
        {
            "key": "stale.autoclose_reason",
            "line": line_of(text, "autoclose_reason: Stale"),
            "message": "unknown reason 'Stale'",
        }
    ]


def test_p1_missing_key_is_named() -> None:
    text = DEFAULT.replace("\nname: Inbound B2B sales playbook\n", "\n")
    error = load_error(text)
    assert [(p["key"], p["message"]) for p in error.problems] == [
        ("name", "required key is missing")
    ]


def test_p1_all_problems_reported_together() -> None:
    text = DEFAULT.replace("reassign_after_days: 10 ", "reassign_after_days: -1 ").replace(
        "marketing: 5", "marketing: 15"
    )
    keys = [p["key"] for p in load_error(text).problems]
    assert keys == ["stale.reassign_after_days", "scoring.lead.max_score"]


def test_p1_overlapping_bands_are_refused() -> None:
    text = DEFAULT.replace("{min: 11, max: 1001, points: 10}", "{min: 5, max: 1001, points: 10}")
    error = load_error(text)
    assert error.problems[0]["key"] == "scoring.lead.employees[1].min"
    assert error.problems[0]["line"] == line_of(text, "{min: 5, max: 1001, points: 10}")


def test_p1_yaml_syntax_error_gives_the_line() -> None:
    text = DEFAULT.replace("  open_statuses: [New, Working]", "  open_statuses: [New, Working")
    error = load_error(text)
    bad = line_of(text, "open_statuses: [New, Working")
    assert error.problems[0]["key"] is None
    assert error.problems[0]["line"] in (bad, bad + 1)
    assert f"from line {bad}" in error.problems[0]["message"]
    assert str(error).splitlines()[1].startswith(f"playbook.yaml:{error.problems[0]['line']}: YAML")


def test_p1_duplicate_key_is_an_error() -> None:
    text = DEFAULT.replace(
        "  max_reassignments: 1", "  max_reassignments: 1\n  reassign_after_days: 3"
    )
    error = load_error(text)
    assert error.problems[0]["key"] == "stale.reassign_after_days"
    assert error.problems[0]["line"] == line_of(text, "reassign_after_days: 3")
    assert "duplicate key" in error.problems[0]["message"]


def test_p1_not_a_mapping() -> None:
    assert load_error("- a\n- b\n").problems[0]["line"] == 1
    assert load_error("").problems[0]["message"] == "the playbook must be a YAML mapping"


def test_p1_error_is_a_422_validation_failure_listing_problems() -> None:
    error = load_error(DEFAULT.replace("reassign_after_days: 10 ", "reassign_after_days: x "))
    assert isinstance(error, ValidationFailed)
    problem = error.to_problem()
    assert problem["status"] == 422
    assert problem["rule"] == "P-1"
    assert problem["field"] == "stale.reassign_after_days"
    assert problem["problems"] == error.problems


def test_p1_load_file_cites_the_path(tmp_path: Path) -> None:
    path = tmp_path / "playbook.yaml"
    path.write_text(DEFAULT, encoding="utf-8")
    assert load_playbook_file(path) == load_default_playbook()
    path.write_text(DEFAULT.replace("speed_to_lead_hours: 24", "speed_to_lead_hours: 0"), "utf-8")
    with pytest.raises(PlaybookError, match=rf"{path}:\d+: routing.speed_to_lead_hours:"):
        load_playbook_file(path)


def test_p2_digest_is_sha256_of_the_text() -> None:
    assert playbook_digest(DEFAULT) == hashlib.sha256(DEFAULT.encode("utf-8")).hexdigest()
    assert len(playbook_digest("")) == 64
    assert playbook_digest(DEFAULT) != playbook_digest(DEFAULT + "\n")
