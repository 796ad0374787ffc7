"""Countries, US states and Canadian provinces as people type them (S-3, R-4 need ISO
codes; issue 15 item 3).

A country is read from its ISO 3166 code (alpha-2 or alpha-3), its English or native
name in any of the languages CLDR (Babel) names territories in ("Deutschland",
"Brasil", "España", "Schweiz", "日本"), or a common short form ("USA", "UK"). No
fuzzy guessing: a value that names no country is unknown, and so is junk a form
offers for "none of these" ("Other", "none", "N/A", "-", "unknown"). Unknown routes to
the playbook's fallback territory (R-4). US states come by code, name or AP-style
abbreviation ("Calif.", "D.C."; the ``us`` package); Canadian provinces by code,
English or French name or their common abbreviations ("Ont.", "B.C.").

Generic (no domain object), so in core. Pure functions with caches; the
many-language name table is built once per process, on first need.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry
import us
from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers

# Short forms CLDR does not list as a territory's name.
_ALIASES = {
    "usa": "US",
    "us": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "holland": "NL",
    "uae": "AE",
    "south korea": "KR",
    "korea": "KR",
    "north korea": "KP",
    "russia": "RU",
    "czech republic": "CZ",
    "turkey": "TR",
    "ivory coast": "CI",
    "burma": "MM",
    "swaziland": "SZ",
    "macedonia": "MK",
    "vatican": "VA",
}

# What forms send for "none of these" / "not given": unknown, never a country.
_JUNK = {
    "",
    "other",
    "others",
    "none",
    "n a",
    "n/a",
    "na/",
    "not applicable",
    "not available",
    "unknown",
    "null",
    "nil",
    "undefined",
    "select",
    "select country",
    "select a country",
    "choose",
    "choose country",
    "please select",
    "prefer not to say",
    "international",
    "worldwide",
    "global",
    "rest of world",
    "rest of the world",
    "other country",
    "earth",
    "world",
    "europe",
    "asia",
    "africa",
    "eu",
    "emea",
    "apac",
    "latam",
}

# Languages whose territory names are read, besides English: the EU's, Japanese,
# Russian, Ukrainian, Turkish and the other widely written ones.
_LANGUAGES = (  # fmt: skip
    "en",
    "bg",
    "cs",
    "da",
    "de",
    "el",
    "es",
    "et",
    "fi",
    "fr",
    "ga",
    "hr",
    "hu",
    "it",
    "lt",
    "lv",
    "mt",
    "nl",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sv",
    "ja",
    "ru",
    "uk",
    "tr",
    "zh",
    "zh_Hant",
    "ko",
    "ar",
    "he",
    "hi",
    "id",
    "ms",
    "vi",
    "th",
    "fa",
    "nb",
    "nn",
    "no",
    "is",
    "ca",
    "eu",
    "gl",
    "cy",
    "sr",
    "sr_Latn",
    "bs",
    "mk",
    "sq",
    "be",
    "ka",
    "hy",
    "az",
    "kk",
    "uz",
    "tl",
    "sw",
    "af",
)


@dataclass(frozen=True)
class Place:
    """What a typed country or state turned out to be: a code, or unknown and why."""

    code: str | None
    junk: bool = False  # a "none of these" value: unknown on purpose, not a typo
    translated: bool = False  # read from another language's name or a short form


def _key(text: str) -> str:
    """Case, accents, dots, hyphens and a leading article do not matter."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = re.sub(r"[.\-_,'’()]+", " ", bare)
    bare = " ".join(bare.split())
    return bare.removeprefix("the ")


_ISO2 = frozenset(c.alpha_2 for c in pycountry.countries)
_ISO3 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
_ALIAS_KEYS = frozenset(_key(a) for a in _ALIASES)
_JUNK_KEYS = frozenset(_key(j) for j in _JUNK) | frozenset(_JUNK)


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    """pycountry's English names (official and common) and the short forms → alpha-2."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(_key(value), country.alpha_2)
    names.update({_key(alias): code for alias, code in _ALIASES.items()})
    return names


@lru_cache(maxsize=1)
def _cldr_names() -> dict[str, str]:
    """Every country's CLDR name in every language above → alpha-2 (built on first need,
    about a second); a name two countries share keeps the first language's."""
    names: dict[str, str] = {}
    available = set(locale_identifiers())
    for lang in _LANGUAGES:
        if lang not in available:
            continue
        try:
            territories = Locale.parse(lang).territories
        except (UnknownLocaleError, ValueError):
            continue
        for code, name in territories.items():
            if code in _ISO2:
                names.setdefault(_key(name), code)
    return names


def _by_name(key: str) -> Place:
    english = _english_names()
    code = english.get(key) or english.get(key.replace(" ", ""))
    if code is not None:
        return Place(code, translated=key in _ALIAS_KEYS)
    names = _cldr_names()
    code = names.get(key) or names.get(key.replace(" ", ""))
    return Place(code, translated=code is not None)


@lru_cache(maxsize=4096)
def read_country(value: str | None) -> Place:
    """A typed country as an ISO alpha-2 code; unknown (``code`` None) when it names none."""
    if value is None:
        return Place(None, junk=True)
    text = value.strip()
    key = _key(text)
    if text.casefold() in _JUNK_KEYS or key in _JUNK_KEYS or not key.strip(" /?*"):
        return Place(None, junk=True)
    upper = text.upper().replace(".", "")
    if len(upper) == 2 and upper in _ISO2:
        return Place(upper)
    if len(upper) == 3 and upper in _ISO3:
        return Place(_ISO3[upper])
    return _by_name(key)


def country_code(value: str | None) -> str | None:
    """ISO 3166 alpha-2 for a code, a name in any CLDR language or a short form; None
    if unknown (``read_country``)."""
    return read_country(value).code


# --- US states and Canadian provinces ---------------------------------------------------

_CA_ABBREVIATIONS = {  # Canada Post codes are in pycountry; these are the written forms
    "alta": "AB",
    "b c": "BC",
    "c b": "BC",
    "man": "MB",
    "n b": "NB",
    "nfld": "NL",
    "nfld & lab": "NL",
    "n s": "NS",
    "n w t": "NT",
    "ont": "ON",
    "p e i": "PE",
    "i p e": "PE",
    "que": "QC",
    "sask": "SK",
    "y t": "YT",
    "yuk": "YT",
    "nvt": "NU",
}


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    found: dict[str, str] = {}
    for state in us.states.STATES_AND_TERRITORIES + [us.states.DC]:
        for name in (state.name, state.abbr, state.ap_abbr):
            if name:
                found[_key(name)] = state.abbr
    for sub in pycountry.subdivisions.get(country_code="US") or []:  # type: ignore[no-untyped-call]
        code = sub.code.split("-", 1)[1]
        found.setdefault(_key(sub.name), code)
        found.setdefault(_key(code), code)
    found.update({"washington d c": "DC", "washington dc": "DC", "dc": "DC"})
    return found


@lru_cache(maxsize=1)
def _ca_provinces() -> dict[str, str]:
    found: dict[str, str] = {}
    for sub in pycountry.subdivisions.get(country_code="CA") or []:  # type: ignore[no-untyped-call]
        code = sub.code.split("-", 1)[1]
        found[_key(code)] = code
        for name in sub.name.split("/"):  # some carry "English / French"
            found[_key(name)] = code
    found.update({_key(k): v for k, v in _CA_ABBREVIATIONS.items()})
    found.update({"quebec": "QC", "yukon territory": "YT"})
    return found


@lru_cache(maxsize=1024)
def us_state_code(value: str | None) -> str | None:
    """USPS two-letter code for a US state, DC or territory by code, name or AP
    abbreviation ("CA", "California", "Calif.", "D.C."); None if unknown."""
    if value is None:
        return None
    text = value.strip()
    if text.upper().startswith("US-"):
        text = text[3:]
    return _us_states().get(_key(text)) if text else None


@lru_cache(maxsize=1024)
def ca_province_code(value: str | None) -> str | None:
    """Canada Post two-letter code for a province or territory by code, English or
    French name or common abbreviation ("ON", "Ontario", "Ont.", "Québec"); None if
    unknown."""
    if value is None:
        return None
    text = value.strip()
    if text.upper().startswith("CA-"):
        text = text[3:]
    return _ca_provinces().get(_key(text)) if text else None


def is_junk(value: str | None) -> bool:
    """A "none of these" answer (``Other``, ``N/A``, ``-``): not given, rather than wrong."""
    return value is None or read_country(value).junk


def us_state_name(code: str) -> str | None:
    """The English name of a USPS code ("CA" → "California")."""
    state = us.states.lookup(code, field="abbr")
    return str(state.name) if state is not None else None
