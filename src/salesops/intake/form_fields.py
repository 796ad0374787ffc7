"""I-2: a form never loses a lead over an optional field (issue 15 item 3).

Only a missing or invalid email (or a bad signature, checked before) refuses a
submission. Every other field is read as leniently as people and form builders
write it — countries by code or name in any language, US states and Canadian
provinces by name, code or abbreviation, numbers such as "50k" or "1.2M" — and a
value that still makes no sense is dropped, overlong text is truncated, and each
such change becomes a data-quality note that lands on the task with the lead.

Pure functions: the raw JSON object in, the cleaned fields and the notes out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from salesops.core.geo import (
    ca_province_code,
    is_junk,
    read_country,
    us_state_code,
    us_state_name,
)

BIGINT_MAX = 2**63 - 1  # the columns' range on both backends
TEXT_LIMITS = {"name": 200, "company": 200, "role": 60, "message": 20_000}
MAX_INTERESTS = 50
INTEREST_CHARS = 100
SUBMISSION_ID_CHARS = 200
NUMBER_FIELDS = ("mau", "monthly_events")
_SUFFIXES = {"k": 10**3, "m": 10**6, "mm": 10**6, "b": 10**9, "bn": 10**9}
_NUMBER = re.compile(
    r"^(?P<approx>~|≈|about|approx\.?|circa|ca\.?|>|>=|<|<=|up to)?\s*"
    r"(?P<num>\d[\d ,.'_]*)\s*(?P<suffix>k|m|mm|b|bn|thousand|million|billion)?\s*\+?$",
    re.IGNORECASE,
)
_WORDS = {"thousand": "k", "million": "m", "billion": "b"}
_TRUE = {"true", "yes", "y", "on", "1", "checked", "accepted", "agree", "agreed"}
_FALSE = {"false", "no", "n", "off", "0", "", "unchecked", "none", "null"}


@dataclass(frozen=True)
class DataNote:
    """One value the form sent that was dropped or changed, and why (in words)."""

    field: str
    value: str  # what was sent, shortened for display
    note: str

    def line(self) -> str:
        return f"{self.field}: {self.note}"


@dataclass
class CleanForm:
    """The submission's fields, each usable as is, and the notes on what was changed."""

    email: Any  # checked by the caller: the one field that refuses a submission
    submission_id: str | None
    name: str
    company: str | None
    role: str | None
    country: str | None  # ISO alpha-2, None when unknown (R-4's fallback territory)
    us_state: str | None  # USPS code, only for US (or country-less) addresses
    interest: list[str]
    mau: int | None
    monthly_events: int | None
    message: str
    consent: bool
    notes: list[DataNote]


def _shown(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(value: Any) -> str | None:
    """A string, a number as its digits, anything else None (a list is not a name)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.replace("\x00", "").strip()
    if isinstance(value, int | float):
        return str(value)
    return None


def parse_number(value: Any) -> int | None:
    """A count as forms send it: 5000, "5,000", "50k", "1.2M", "~2 million", "10k+";
    None when it is not one number (a range, words, negative, too large)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= BIGINT_MAX else None
    if isinstance(value, float):
        ok = math.isfinite(value) and 0 <= value <= BIGINT_MAX
        return round(value) if ok else None
    if not isinstance(value, str):
        return None
    found = _NUMBER.match(value.strip().lower())
    if found is None:
        return None
    digits = found["num"].strip()
    suffix = _WORDS.get((found["suffix"] or "").lower(), (found["suffix"] or "").lower())
    number = _decimal(digits, has_suffix=bool(suffix))
    if number is None:
        return None
    result = round(number * _SUFFIXES.get(suffix, 1))
    return result if 0 <= result <= BIGINT_MAX else None


def _decimal(digits: str, *, has_suffix: bool) -> float | None:
    """Without a suffix "1,234,567" and "1.234.567" are thousands; "1.2" (and "1,2"
    before a suffix: "1,2M") is a decimal."""
    bare = digits.replace(" ", "").replace("_", "").replace("'", "")
    if not has_suffix and re.fullmatch(r"\d{1,3}([,.]\d{3})+", bare):
        return float(re.sub(r"[,.]", "", bare))
    if re.fullmatch(r"\d+([.,]\d+)?", bare):
        return float(bare.replace(",", "."))
    return None


def clean_form(data: dict[str, Any]) -> CleanForm:
    """I-2 fields from a raw submission: every optional field usable or dropped, each
    change noted (``DataNote``); the email untouched for the caller to check."""
    notes: list[DataNote] = []

    def note(field: str, value: Any, why: str) -> None:
        notes.append(DataNote(field, _shown(value), why))

    texts: dict[str, str | None] = {}
    for field, limit in TEXT_LIMITS.items():
        raw = data.get(field)
        text = _text(raw)
        if raw is not None and text is None:
            note(field, raw, f"{_shown(raw)} is not text: dropped")
        elif text is not None and len(text) > limit:
            note(field, raw, f"{len(text):,} characters, over the {limit:,} limit: truncated")
            text = text[:limit].rstrip()
        texts[field] = text or None
    if data.get("name") is None and "name" in data:
        note("name", None, "no name was given")

    country = _country(data.get("country"), note)
    us_state = _state(data.get("us_state", data.get("state")), country, note)
    if country is None and us_state is not None:
        country = "US"
    numbers = {f: _number(f, data.get(f), note) for f in NUMBER_FIELDS}
    return CleanForm(
        email=data.get("email"),
        submission_id=_submission_id(data.get("submission_id")),
        name=texts["name"] or "",
        company=texts["company"],
        role=texts["role"],
        country=country,
        us_state=us_state,
        interest=_interest(data.get("interest", data.get("products")), note),
        mau=numbers["mau"],
        monthly_events=numbers["monthly_events"],
        message=texts["message"] or "",
        consent=_consent(data.get("consent"), note),
        notes=notes,
    )


def _submission_id(value: Any) -> str | None:
    text = _text(value)
    if not text:
        return None
    return text[:SUBMISSION_ID_CHARS]


def _country(value: Any, note: Any) -> str | None:
    if value is None:
        return None
    text = _text(value)
    if text is None:
        note("country", value, f"{_shown(value)} is not a country: dropped")
        return None
    if not text:
        return None
    place = read_country(text)
    if place.code is not None:
        if place.translated:
            note("country", value, f"{text!r} read as {place.code}")
        return place.code
    if place.junk:
        note("country", value, f"{text!r} names no country: unknown (fallback territory)")
    else:
        note("country", value, f"unknown country {text!r}: dropped (fallback territory)")
    return None


def _state(value: Any, country: str | None, note: Any) -> str | None:
    text = _text(value)
    if value is not None and text is None:
        note("us_state", value, f"{_shown(value)} is not a state: dropped")
        return None
    if not text or is_junk(text):
        return None
    if country in (None, "US"):
        code = us_state_code(text)
        if code is not None:
            if text.upper() != code and text.casefold() != (us_state_name(code) or "").casefold():
                note("us_state", value, f"{text!r} read as {code}")
            return code
    if country in (None, "CA"):
        province = ca_province_code(text)
        if province is not None:
            note("us_state", value, f"{text!r} read as the Canadian province CA-{province}"
                 " (only US states are stored)")  # fmt: skip
            return None  # understood; only US states are stored and routed
    if country not in (None, "US"):
        note("us_state", value, f"state {text!r} does not apply to country {country}: dropped")
    else:
        note("us_state", value, f"unknown US state {text!r}: dropped")
    return None


def _number(field: str, value: Any, note: Any) -> int | None:
    if value is None:
        return None
    number = parse_number(value)
    if number is None:
        if isinstance(value, str) and not value.strip():
            note(field, value, "empty: dropped")
        else:
            note(field, value, f"{_shown(value)} is not a count: dropped")
    elif isinstance(value, str) and not value.strip().isdigit():
        note(field, value, f"{value.strip()!r} read as {number:,}")
    return number


def _interest(value: Any, note: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items: list[Any] = [v for v in value.split(",")]
    elif isinstance(value, list):
        items = value
    else:
        note("interest", value, f"{_shown(value)} is not a list: dropped")
        return []
    out = [t[:INTEREST_CHARS] for v in items if (t := _text(v))]
    if len(out) > MAX_INTERESTS:
        note("interest", value, f"{len(out)} interests, over {MAX_INTERESTS}: the rest dropped")
        out = out[:MAX_INTERESTS]
    return out


def _consent(value: Any, note: Any) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text not in _FALSE:
        note("consent", value, f"{_shown(value)} is not yes or no: taken as no")
    return False
