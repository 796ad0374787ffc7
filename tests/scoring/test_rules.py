"""S-2 / S-3 score tables row by row (boundaries included) and S-1 merging, as pure functions."""

from __future__ import annotations

import pytest

from salesops.playbook.loader import load_default_playbook
from salesops.scoring.rules import (
    IcpFacts,
    LeadFacts,
    icp_score,
    lead_score,
    merge_firmographics,
)

PB = load_default_playbook()
LEAD = PB.scoring.lead
ICP = PB.scoring.icp


def _points(score, rule: str) -> float:  # type: ignore[no-untyped-def]
    return next(r.points for r in score.breakdown if r.rule == rule)


# -- S-3 lead score, each row of the table -----------------------------------


@pytest.mark.parametrize(
    ("employees", "points"),
    [(1, 0), (10, 0), (11, 10), (500, 10), (1000, 10), (1001, 20), (250_000, 20), (None, 0)],
)
def test_s3_employee_count_rows(employees: int | None, points: int) -> None:
    """S-3: 1–10 → 0, 11–1000 → 10, 1000+ → 20."""
    assert _points(lead_score(LeadFacts(employee_count=employees), LEAD), "S-3 employees") == points


@pytest.mark.parametrize(
    ("revenue", "points"),
    [
        (0, 0),
        (999_999, 0),
        (1_000_000, 5),
        (9_999_999, 5),
        (10_000_000, 10),
        (99_999_999, 10),
        (100_000_000, 20),
        (5_000_000_000, 20),
        (None, 0),
    ],
)
def test_s3_revenue_rows(revenue: int | None, points: int) -> None:
    """S-3: $0–1m → 0, $1–10m → 5, $10–100m → 10, $100m+ → 20."""
    assert _points(lead_score(LeadFacts(estimated_revenue=revenue), LEAD), "S-3 revenue") == points


@pytest.mark.parametrize(
    ("role", "points"),
    [
        ("engineering", 10),
        ("product", 10),
        ("leadership", 10),
        ("founder", 10),
        ("marketing", 5),
        ("sales", 0),
        ("other", 0),
        (None, 0),
    ],
)
def test_s3_role_rows(role: str | None, points: int) -> None:
    """S-3: engineering / product / leadership-founder → 10, marketing → 5, other → 0."""
    assert _points(lead_score(LeadFacts(role=role), LEAD), "S-3 role") == points


@pytest.mark.parametrize(
    ("sub_role", "points"),
    [
        ("data_science_engineer", 10),
        ("project_engineer", 10),
        ("software_engineer", 10),
        ("web_engineer", 10),
        ("founder-ceo", 10),
        ("qa_engineer", 0),
        (None, 0),
    ],
)
def test_s3_sub_role_rows(sub_role: str | None, points: int) -> None:
    """S-3: the five named sub-roles → 10, any other → 0."""
    assert _points(lead_score(LeadFacts(sub_role=sub_role), LEAD), "S-3 sub-role") == points


@pytest.mark.parametrize("country", ["AT", "CA", "FR", "DE", "JP", "NO", "SE", "GB", "US"])
def test_s3_country_tier_10(country: str) -> None:
    """S-3: Austria, Canada, France, Germany, Japan, Norway, Sweden, UK, USA → 10."""
    assert _points(lead_score(LeadFacts(country=country), LEAD), "S-3 country") == 10


@pytest.mark.parametrize(
    "country", ["AU", "BE", "EE", "FI", "GE", "GG", "NL", "NZ", "PL", "PT", "SG"]
)
def test_s3_country_tier_5(country: str) -> None:
    """S-3: Australia … Singapore → 5."""
    assert _points(lead_score(LeadFacts(country=country), LEAD), "S-3 country") == 5


@pytest.mark.parametrize("country", ["BR", "IN", "CN", None])
def test_s3_other_countries_0(country: str | None) -> None:
    assert _points(lead_score(LeadFacts(country=country), LEAD), "S-3 country") == 0


def test_s3_maximum_is_70_and_breakdown_names_every_rule() -> None:
    facts = LeadFacts(2000, 200_000_000, "engineering", "software_engineer", "US")
    score = lead_score(facts, LEAD)
    assert score.score == 70
    assert [r.rule for r in score.breakdown] == [
        "S-3 employees",
        "S-3 revenue",
        "S-3 role",
        "S-3 sub-role",
        "S-3 country",
    ]
    assert all(r.why for r in score.breakdown)


# -- S-2 ICP score ----------------------------------------------------------


@pytest.mark.parametrize(
    ("industry", "points"),
    [
        ("Financial Services", 1),
        ("Health Care", 1),
        ("Biotechnology", 1),
        ("Health Care Services", 1),
        ("Legal Services", 1),
        ("health & wellness", 1),
        ("Internet Software & Services", 0.5),
        ("Consulting", 0.5),
        ("Computer Networking", 0.5),
        ("Retail", 0),
        (None, 0),
    ],
)
def test_s2_industry_rows(industry: str | None, points: float) -> None:
    """S-2: privacy-sensitive industries highest, the focused three lower, others 0."""
    assert _points(icp_score(IcpFacts(industry=industry), ICP), "S-2 industry") == points


@pytest.mark.parametrize(
    ("employees", "points"),
    [(9, 0), (10, 0.25), (99, 0.25), (100, 1), (1000, 1), (1001, 0.75), (None, 0)],
)
def test_s2_employee_rows(employees: int | None, points: float) -> None:
    """S-2: highest 100–1000, slightly lower over 1000."""
    assert _points(icp_score(IcpFacts(employee_count=employees), ICP), "S-2 employees") == points


@pytest.mark.parametrize(
    ("revenue", "funding", "points"),
    [
        (10_000_000, None, 0),
        (10_000_001, None, 1),
        (None, 20_000_000, 0),
        (None, 20_000_001, 1),
        (1_000_000, 50_000_000, 1),
        (None, None, 0),
    ],
)
def test_s2_ability_to_pay(revenue: int | None, funding: int | None, points: float) -> None:
    """S-2: full points when revenue is over $10m or funding raised is over $20m."""
    facts = IcpFacts(estimated_revenue=revenue, total_funding=funding)
    assert _points(icp_score(facts, ICP), "S-2 ability to pay") == points


@pytest.mark.parametrize(
    ("role", "points"),
    [("engineering", 1), ("leadership", 0.75), ("product", 0.75), ("marketing", 0), (None, 0)],
)
def test_s2_role_rows(role: str | None, points: float) -> None:
    """S-2: engineering highest; leadership and product favourable."""
    assert _points(icp_score(IcpFacts(role=role), ICP), "S-2 role") == points


@pytest.mark.parametrize(("is_b2b", "points"), [(True, 1), (False, 0), (None, 0)])
def test_s2_b2b_over_b2c(is_b2b: bool | None, points: float) -> None:
    assert _points(icp_score(IcpFacts(is_b2b=is_b2b), ICP), "S-2 business model") == points


def test_s2_total_is_rounded_half_up_within_0_to_5() -> None:
    best = IcpFacts("Health Care", 500, 50_000_000, None, "engineering", True)
    assert icp_score(best, ICP).score == 5
    # 0.5 + 0.25 + 0 + 0.75 + 1 = 2.5 → 3 (half up), exact total kept
    mid = IcpFacts("Consulting", 50, 1_000_000, 0, "product", True)
    score = icp_score(mid, ICP)
    assert (score.total, score.score) == (2.5, 3)
    assert icp_score(IcpFacts(), ICP).score == 0


# -- S-1 merging --------------------------------------------------------------


def test_s1_form_values_win_and_sources_are_kept() -> None:
    current = {"employee_count": 40, "industry": None, "country": "GB"}
    sources = {"employee_count": "form", "country": "form"}
    found = {"employee_count": 900, "industry": "Health Care", "country": "US", "us_state": "CA"}
    changes, new_sources = merge_firmographics(current, sources, found, "firmographics:f.csv")
    assert changes == {"industry": "Health Care"}  # form's 40 employees and GB stay
    assert new_sources == {"industry": "firmographics:f.csv"}


def test_s1_earlier_enrichment_is_refreshed() -> None:
    current = {"employee_count": 40}
    sources = {"employee_count": "firmographics:old.csv"}
    changes, new_sources = merge_firmographics(
        current, sources, {"employee_count": 45}, "enrichment:http"
    )
    assert changes == {"employee_count": 45}
    assert new_sources == {"employee_count": "enrichment:http"}
