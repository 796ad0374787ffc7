"""S-2 / S-3: the documented title → role / sub-role mapping (docs/scoring.md)."""

from __future__ import annotations

import pytest

from salesops.scoring.roles import guess_role, role_from_title


@pytest.mark.parametrize(
    ("title", "role", "sub_role"),
    [
        ("Staff Software Engineer", "engineering", "software_engineer"),
        ("Senior Backend Developer", "engineering", "software_engineer"),
        ("Full-stack engineer", "engineering", "software_engineer"),
        ("Frontend Engineer", "engineering", "web_engineer"),
        ("Web Developer", "engineering", "web_engineer"),
        ("Data Scientist", "engineering", "data_science_engineer"),
        ("Machine Learning Engineer", "engineering", "data_science_engineer"),
        ("Data Engineer", "engineering", "data_science_engineer"),
        ("Project Engineer", "engineering", "project_engineer"),
        ("Site Reliability Engineer", "engineering", None),
        ("DevOps Lead", "engineering", None),
        ("CTO", "leadership", None),
        ("Chief Technology Officer", "leadership", None),
        ("VP of Engineering", "leadership", None),
        ("COO", "leadership", None),
        ("Vice President, Sales", "leadership", None),
        ("President", "leadership", "founder-ceo"),
        ("Founder", "leadership", "founder-ceo"),
        ("Co-founder & CTO", "leadership", "founder-ceo"),
        ("CEO", "leadership", "founder-ceo"),
        ("Chief Executive Officer", "leadership", "founder-ceo"),
        ("Head of Growth", "marketing", None),
        ("CMO", "marketing", None),
        ("Marketing Manager", "marketing", None),
        ("Senior Product Manager", "product", None),
        ("Product Owner", "product", None),
        ("Data Analyst", "data", None),
        ("UX Designer", "design", None),
        ("Account Executive", "sales", None),
        ("Office Manager", "other", None),
        ("", None, None),
    ],
)
def test_title_mapping(title: str, role: str | None, sub_role: str | None) -> None:
    """S-2/S-3: common titles map to the documented role and sub-role."""
    assert role_from_title(title) == (role, sub_role)


def test_form_role_wins_over_signup_and_title() -> None:
    guess = guess_role("Product", "engineering", "Staff Software Engineer")
    assert (guess.role, guess.source) == ("product", "form")


def test_role_at_organization_then_title_sub_role_when_consistent() -> None:
    guess = guess_role(None, "engineering", "Staff Software Engineer")
    assert (guess.role, guess.sub_role, guess.source) == (
        "engineering",
        "software_engineer",
        "role_at_organization",
    )
    assert guess_role(None, "founder", None)[:2] == ("leadership", "founder-ceo")


def test_title_is_the_last_resort() -> None:
    assert guess_role(None, None, "Head of Growth")[:3] == ("marketing", None, "title")
    assert guess_role(None, None, None).source == "none"
