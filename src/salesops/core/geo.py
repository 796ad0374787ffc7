"""Country and US-state normalisation with pycountry (S-3, R-4 need ISO codes).

Generic (no domain object), so in core."""

from __future__ import annotations

from functools import lru_cache

import pycountry

_ALIASES = {
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "us": "US",
    "united states": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "united kingdom": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "south korea": "KR",
    "korea": "KR",
    "north korea": "KP",
    "russia": "RU",
    "vietnam": "VN",
    "iran": "IR",
    "syria": "SY",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "czech republic": "CZ",
    "czechia": "CZ",
    "turkey": "TR",
    "türkiye": "TR",
    "taiwan": "TW",
    "holland": "NL",
    "the netherlands": "NL",
    "uae": "AE",
    "ivory coast": "CI",
    "macedonia": "MK",
    "palestine": "PS",
    "brunei": "BN",
    "cape verde": "CV",
    "swaziland": "SZ",
    "burma": "MM",
    "vatican": "VA",
    "hong kong": "HK",
    "macau": "MO",
}


@lru_cache(maxsize=4096)
def country_code(value: str | None) -> str | None:
    """ISO 3166 alpha-2 for a name, alpha-2/alpha-3 code or common alias; None if unknown."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    alias = _ALIASES.get(text.lower())
    if alias:
        return alias
    try:
        if len(text) == 2:
            found = pycountry.countries.get(alpha_2=text.upper())
        elif len(text) == 3:
            found = pycountry.countries.get(alpha_3=text.upper())
        else:
            found = None
        if found is None:
            found = pycountry.countries.lookup(text)
    except LookupError:
        try:
            matches = pycountry.countries.search_fuzzy(text)
        except LookupError:
            return None
        found = matches[0] if len(matches) == 1 else None
    return str(found.alpha_2) if found is not None else None


@lru_cache(maxsize=1024)
def us_state_code(value: str | None) -> str | None:
    """USPS two-letter code for a US state or DC given by code or name; None if unknown."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    code = text.upper()
    sub = pycountry.subdivisions.get(code=f"US-{code}") if len(code) == 2 else None  # type: ignore[no-untyped-call]
    if sub is not None:
        return code
    for sub in pycountry.subdivisions.get(country_code="US") or []:  # type: ignore[no-untyped-call]
        if sub.name.lower() == text.lower():
            return str(sub.code.split("-", 1)[1])
    return None
