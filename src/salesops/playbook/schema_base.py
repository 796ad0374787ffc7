"""Building blocks shared by the playbook schema modules (P-1).

Why a base model: every playbook section is frozen (a loaded playbook is a value
that decisions are made under, P-2), rejects unknown keys (a typo in an admin's
edit must be named, not silently ignored) and is strict (YAML already gives
native types, so ``"10"`` for a number of days is an error rather than a guess).

Why ``CrossFieldError``: a validator that checks one key against another can
only raise at the level of the model it sits on, yet the admin needs the
*offending* key and its line. The error carries its problems as paths relative
to that model; the loader joins them onto the model's own location.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

import pycountry
from pydantic import BaseModel, ConfigDict

from salesops.core.geo import country_code, us_state_code

Loc = tuple[str | int, ...]

#: Codes accepted as countries besides ISO 3166-1: Kosovo's widely used user-assigned code.
EXTRA_COUNTRY_CODES = frozenset({"XK"})

#: ISO 3166-1 alpha-2 codes, upper-case.
ISO_COUNTRY_CODES = frozenset(c.alpha_2 for c in pycountry.countries) | EXTRA_COUNTRY_CODES

#: USPS codes of the 50 states and the District of Columbia.
# fmt: off
US_STATES_AND_DC = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY",
})
# fmt: on

#: USPS codes of inhabited U.S. territories; each is also an ISO 3166-1 country code.
US_TERRITORY_CODES = frozenset({"AS", "GU", "MP", "PR", "VI", "UM"})

US_STATE_CODES = US_STATES_AND_DC | US_TERRITORY_CODES


class FrozenModel(BaseModel):
    """Base of every playbook model: immutable, strict, unknown keys refused (P-1)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class CrossFieldError(ValueError):
    """One or more problems found by a validator, each at a path relative to its model."""

    def __init__(self, problems: Sequence[tuple[Loc, str]]) -> None:
        self.problems = list(problems)
        super().__init__(
            "; ".join(f"{format_loc(loc) or '<root>'}: {msg}" for loc, msg in self.problems)
        )


class Problems:
    """Collects cross-field problems and raises them together, so one load names them all."""

    def __init__(self) -> None:
        self.items: list[tuple[Loc, str]] = []

    def add(self, loc: Loc, message: str) -> None:
        self.items.append((loc, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise CrossFieldError(self.items)


def format_loc(loc: Iterable[str | int]) -> str:
    """``("territories", "items", 2, "countries")`` → ``territories.items[2].countries``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class HasRange(Protocol):
    @property
    def min(self) -> int: ...

    @property
    def max(self) -> int | None: ...


B = TypeVar("B", bound=HasRange)


def check_bands(bands: Sequence[HasRange], problems: Problems, loc: Loc) -> None:
    """Bands are half-open ``[min, max)`` ranges, sorted and non-overlapping (S-2, S-3, Q-11, Q-12).

    Only the last band may be open-ended (``max: null``). Gaps are allowed: a
    value in no band gets nothing from that table.
    """
    for i, band in enumerate(bands):
        if band.min < 0:
            problems.add((*loc, i, "min"), "must be 0 or more")
        if band.max is not None and band.max <= band.min:
            problems.add((*loc, i, "max"), f"must be greater than min ({band.min})")
        if i == 0:
            continue
        prev = bands[i - 1]
        if prev.max is None:
            problems.add((*loc, i - 1, "max"), "only the last band may be open-ended (null)")
        elif band.min < prev.max:
            problems.add(
                (*loc, i, "min"),
                f"overlaps or precedes the previous band [{prev.min}, {prev.max}); "
                "bands must be sorted and non-overlapping (min inclusive, max exclusive)",
            )


def band_for(bands: Sequence[B], value: int | float | None) -> B | None:
    """The band containing ``value`` (min inclusive, max exclusive), or None."""
    if value is None:
        return None
    for band in bands:
        if value >= band.min and (band.max is None or value < band.max):
            return band
    return None


def duplicates(values: Iterable[str]) -> list[str]:
    """Values that occur more than once, in first-seen order."""
    seen: set[str] = set()
    dups: list[str] = []
    for value in values:
        if value in seen and value not in dups:
            dups.append(value)
        seen.add(value)
    return dups


def normalise_country(value: str | None) -> str | None:
    """An ISO 3166-1 alpha-2 code from a code, alpha-3 code or a name in any language;
    None if unknown (``core.geo``: one reading of countries everywhere).

    Why: forms and enrichment providers send "de", "DEU", "Germany" or "UK";
    territory routing (R-4) and the lead score (S-3) need one spelling.
    """
    text = (value or "").strip().upper()
    if len(text) == 2 and text in ISO_COUNTRY_CODES:
        return text
    return country_code(value)


def normalise_us_state(value: str | None) -> str | None:
    """A USPS code from a code, an English name or an AP abbreviation ("ca",
    "California", "Calif."); None if unknown (``core.geo``)."""
    text = (value or "").strip().upper().removeprefix("US-")
    if text in US_STATE_CODES:
        return text
    return us_state_code(value)
