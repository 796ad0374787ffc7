"""Countries, states and provinces as people type them (R-4, S-3; issue 15 item 3)."""

from __future__ import annotations

import pytest

from salesops.core.geo import ca_province_code, country_code, read_country, us_state_code
from salesops.intake.form_fields import parse_number


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("DE", "DE"), ("deu", "DE"), ("Germany", "DE"), ("Deutschland", "DE"),
        ("Brasil", "BR"), ("España", "ES"), ("espana", "ES"), ("Schweiz", "CH"),
        ("Suisse", "CH"), ("Österreich", "AT"), ("Sverige", "SE"), ("Polska", "PL"),
        ("日本", "JP"), ("Россия", "RU"), ("Україна", "UA"), ("Türkiye", "TR"),
        ("UK", "GB"), ("U.S.A.", "US"), ("the Netherlands", "NL"), ("Česko", "CZ"),
    ],
)  # fmt: skip
def test_country_by_code_or_name_in_any_language(typed: str, code: str) -> None:
    assert country_code(typed) == code


@pytest.mark.parametrize("junk", ["Other", "none", "N/A", "n/a", "-", "unknown", "  ", "--"])
def test_junk_country_is_unknown_never_a_real_one(junk: str) -> None:
    """Issue 15: "Other" became GB and "none" IT by fuzzy matching; now unknown (R-4)."""
    place = read_country(junk)
    assert place.code is None and place.junk


def test_a_typo_is_unknown_without_guessing() -> None:
    assert read_country("Atlantis").code is None and not read_country("Atlantis").junk
    assert country_code("Germny") is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [("CA", "CA"), ("California", "CA"), ("Calif.", "CA"), ("D.C.", "DC"), ("DC", "DC"),
     ("Washington, D.C.", "DC"), ("Mass.", "MA"), ("N.Y.", "NY"), ("US-TX", "TX")],
)  # fmt: skip
def test_us_state_by_code_name_or_abbreviation(typed: str, code: str) -> None:
    assert us_state_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "code"),
    [("ON", "ON"), ("Ontario", "ON"), ("Ont.", "ON"), ("Québec", "QC"), ("B.C.", "BC"),
     ("British Columbia", "BC"), ("P.E.I.", "PE")],
)  # fmt: skip
def test_canadian_province_by_code_name_or_abbreviation(typed: str, code: str) -> None:
    assert ca_province_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "number"),
    [(5000, 5000), ("5,000", 5000), ("50k", 50_000), ("1.2M", 1_200_000), ("1,2M", 1_200_000),
     ("~2 million", 2_000_000), ("10k+", 10_000), ("1 000 000", 1_000_000), (3.6, 4),
     ("", None), ("lots", None), (-5, None), ("1-10k", None), (True, None), (2**64, None)],
)  # fmt: skip
def test_numbers_as_forms_send_them(typed: object, number: int | None) -> None:
    assert parse_number(typed) == number
