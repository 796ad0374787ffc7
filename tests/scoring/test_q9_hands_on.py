"""Q-9 (issue 16 item 4, P-1): the hands-on thresholds live in one place,
``scoring.triage`` — ~5M monthly events, ~100k recordings a month, an annual commitment,
a guided evaluation — and triage applies them; the old, unread
``opportunities.self_serve_hands_on`` is refused in a new version and dropped from a
stored one."""

from __future__ import annotations

import pytest

from salesops.playbook.loader import PlaybookError, default_playbook_text, load_playbook_text
from salesops.scoring.triage import TriageFacts, recommend, stated_recordings

PB = load_playbook_text(default_playbook_text())
SMALL = {"mau": 1000, "employee_count": 20, "lead_score": 5}  # below D-5, low scores


@pytest.mark.parametrize(
    ("message", "why"),
    [
        ("We record about 120k session recordings a month", "≥ 100k recordings/mo"),
        ("We'd want a guided evaluation with your team", "asks for guided evaluation"),
        ("Looking for an annual commitment discount", "asks for annual"),
    ],
)
def test_q9_recordings_annual_or_guided_evaluation_keep_a_small_lead_hands_on(
    message: str, why: str
) -> None:
    r = recommend(TriageFacts(message=message, **SMALL), PB)  # type: ignore[arg-type]
    assert (r["disposition"], r["rule_ids"]) == ("qualify", ["Q-9"]), r
    assert why in r["why"]


def test_q9_below_every_threshold_is_self_serve_and_thresholds_come_from_the_playbook() -> None:
    few = recommend(TriageFacts(message="about 50k recordings a month", **SMALL), PB)  # type: ignore[arg-type]
    assert few["disposition"] == "self_serve"
    lower = load_playbook_text(
        default_playbook_text().replace(
            "hands_on_min_recordings: 100_000", "hands_on_min_recordings: 40_000"
        )
    )
    assert lower.scoring.triage.hands_on_min_recordings == 40_000
    r = recommend(TriageFacts(message="about 50k recordings a month", **SMALL), lower)  # type: ignore[arg-type]
    assert r["disposition"] == "qualify" and "≥ 40k recordings/mo" in r["why"]
    assert stated_recordings("150,000 replays and 2M events") == 150_000


OLD = default_playbook_text().replace(
    "  next_step_required: true",
    "  self_serve_hands_on:\n    monthly_events: 5_000_000\n    recordings: 100_000\n"
    "  next_step_required: true",
)


def test_p1_self_serve_hands_on_is_refused_in_a_new_version_naming_where_q9_lives() -> None:
    with pytest.raises(PlaybookError) as err:
        load_playbook_text(OLD, source="edit.yaml")
    (problem,) = err.value.problems
    assert problem["key"] == "opportunities.self_serve_hands_on"
    assert (
        "scoring.triage" in problem["message"] and "hands_on_min_recordings" in problem["message"]
    )


def test_p2_a_stored_version_with_retired_keys_still_loads() -> None:
    stored = OLD.replace(
        "    - name: Australia & New Zealand\n",
        "    - name: Australia & New Zealand\n      members: [{email: a@b.co}]\n",
    )
    pb = load_playbook_text(stored, source="playbook v1", stored=True)
    assert pb.scoring.triage.hands_on_min_monthly_events == 5_000_000
