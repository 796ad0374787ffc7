"""Scoring section of the playbook: the ICP score (S-2), the lead score (S-3) and the
R-1 classifier's signals.

Both scores are tables an admin edits; the scorer only looks values up in them and
reports which row gave how many points (S-4). Bands are half-open
``[min, max)`` ranges: "11–1000 employees" is ``min: 11, max: 1001``.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from salesops.core.text import fold
from salesops.playbook.schema_base import (
    ISO_COUNTRY_CODES,
    FrozenModel,
    Problems,
    check_bands,
    duplicates,
)


def _check_keys(table: dict[str, float] | dict[str, int], problems: Problems, name: str) -> None:
    for key in table:
        if key != key.strip().lower():
            problems.add((name, key), "keys are lower-case without surrounding spaces")


class IcpBand(FrozenModel):
    min: int
    max: int | None = None
    points: float = Field(ge=0)


class IndustryTier(FrozenModel):
    """S-2: industries scored alike (matched case-insensitively)."""

    name: str = Field(min_length=1)
    points: float = Field(ge=0)
    industries: list[str] = Field(min_length=1)


class AbilityToPay(FrozenModel):
    """S-2: full points when revenue or funding raised is above its threshold (USD)."""

    revenue_over: int = Field(default=10_000_000, ge=0)
    funding_over: int = Field(default=20_000_000, ge=0)
    points: float = Field(default=1.0, ge=0)


class IcpScoring(FrozenModel):
    """S-2: ICP score on a 0–``max_score`` scale (at most 5), weights as data."""

    max_score: float = Field(default=5, gt=0, le=5)
    industries: list[IndustryTier] = []
    employees: list[IcpBand] = []
    ability_to_pay: AbilityToPay = AbilityToPay()
    roles: dict[str, float] = {}
    business_model: dict[str, float] = {}  # "b2b" / "b2c"

    @property
    def max_possible(self) -> float:
        """The highest score the table can give: the best row of every factor."""
        return (
            max((t.points for t in self.industries), default=0)
            + max((b.points for b in self.employees), default=0)
            + self.ability_to_pay.points
            + max(self.roles.values(), default=0)
            + max(self.business_model.values(), default=0)
        )

    def industry_points(self, industry: str | None) -> tuple[str | None, float]:
        """The tier an industry falls in and its points (``(None, 0)`` when in none)."""
        wanted = (industry or "").strip().casefold()
        for tier in self.industries:
            if wanted and wanted in {i.casefold() for i in tier.industries}:
                return tier.name, tier.points
        return None, 0.0

    @model_validator(mode="after")
    def _consistent(self) -> IcpScoring:
        problems = Problems()
        check_bands(self.employees, problems, ("employees",))
        for name, table in (("roles", self.roles), ("business_model", self.business_model)):
            _check_keys(table, problems, name)
            for key, points in table.items():
                if points < 0:
                    problems.add((name, key), "points are 0 or more")
        for dup in duplicates(i.casefold() for t in self.industries for i in t.industries):
            problems.add(("industries",), f"industry {dup!r} is in more than one tier")
        if self.max_possible > self.max_score:
            problems.add(
                ("max_score",),
                f"the table can give {self.max_possible:g} points, more than "
                f"max_score {self.max_score:g} (S-2: the ICP score is 0–5)",
            )
        problems.raise_if_any()
        return self


class LeadBand(FrozenModel):
    min: int
    max: int | None = None
    points: int = Field(ge=0)


class CountryTier(FrozenModel):
    """S-3: countries (ISO 3166-1 alpha-2) scored alike."""

    points: int = Field(ge=0)
    countries: list[str] = Field(min_length=1)


class LeadScoring(FrozenModel):
    """S-3: lead score, 0–``max_score``; role keys are lower-case, missing ones score 0."""

    max_score: int = Field(default=70, ge=1)
    employees: list[LeadBand] = []
    revenue: list[LeadBand] = []
    roles: dict[str, int] = {}
    sub_roles: dict[str, int] = {}
    countries: list[CountryTier] = []

    @property
    def max_possible(self) -> int:
        return (
            max((b.points for b in self.employees), default=0)
            + max((b.points for b in self.revenue), default=0)
            + max(self.roles.values(), default=0)
            + max(self.sub_roles.values(), default=0)
            + max((t.points for t in self.countries), default=0)
        )

    def country_points(self, country: str | None) -> int:
        code = (country or "").strip().upper()
        for tier in self.countries:
            if code in tier.countries:
                return tier.points
        return 0

    @model_validator(mode="after")
    def _consistent(self) -> LeadScoring:
        problems = Problems()
        check_bands(self.employees, problems, ("employees",))
        check_bands(self.revenue, problems, ("revenue",))
        for name, table in (("roles", self.roles), ("sub_roles", self.sub_roles)):
            _check_keys(table, problems, name)
            for key, points in table.items():
                if points < 0:
                    problems.add((name, key), "points are 0 or more")
        seen: set[str] = set()
        for ti, tier in enumerate(self.countries):
            for ci, code in enumerate(tier.countries):
                loc = ("countries", ti, "countries", ci)
                if code not in ISO_COUNTRY_CODES:
                    problems.add(loc, f"{code!r} is not an ISO 3166-1 alpha-2 code (upper-case)")
                elif code in seen:
                    problems.add(loc, f"{code!r} is already in another tier")
                seen.add(code)
        if self.max_possible != self.max_score:
            problems.add(
                ("max_score",),
                f"the table's highest possible score is {self.max_possible}, "
                f"not max_score {self.max_score} (S-3: 0–70 by default); update one of them",
            )
        problems.raise_if_any()
        return self


class PriceTier(FrozenModel):
    """Triage spend estimate: price per event up to ``up_to`` monthly events (null: no cap)."""

    up_to: int | None = None
    price_per_event: float = Field(ge=0)


class Triage(FrozenModel):
    """Triage recommendation (issue 4): never applied automatically except R-1."""

    events_per_mau: int = Field(default=75, ge=1)  # handbook: 50–100 events per user a month
    price_tiers: list[PriceTier] = []  # monthly events → price; first tier is the free tier
    hands_on_min_monthly_events: int = Field(default=5_000_000, ge=0)
    hands_on_min_recordings: int = Field(default=100_000, ge=0)  # recordings a month
    hands_on_keywords: list[str] = []  # annual commitment, guided evaluation, …
    startup_keywords: list[str] = []  # L-2
    startup_max_employees: int = Field(default=50, ge=1)
    startup_max_funding: int = Field(default=5_000_000, ge=0)
    qualify_min_lead_score: int = Field(default=30, ge=0)  # unknown volume: call when ≥
    qualify_min_icp_score: int = Field(default=3, ge=0)
    use_cases: dict[str, list[str]] = {}  # use case → phrases / interests that suggest it
    note_max_length: int = Field(default=250, ge=1)  # D-1

    @model_validator(mode="after")
    def _tiers_sorted(self) -> Triage:
        problems = Problems()
        last = -1
        for i, tier in enumerate(self.price_tiers):
            if tier.up_to is None and i != len(self.price_tiers) - 1:
                problems.add(("price_tiers", i, "up_to"), "only the last tier may be open (null)")
            elif tier.up_to is not None and tier.up_to <= last:
                problems.add(("price_tiers", i, "up_to"), "tiers must be sorted ascending")
            last = tier.up_to if tier.up_to is not None else last
        problems.raise_if_any()
        return self


class Scoring(FrozenModel):
    """S-2 and S-3, and the triage recommendation's parameters."""

    icp: IcpScoring
    lead: LeadScoring
    triage: Triage = Triage()


# --- R-1 classifier ---------------------------------------------------------------

ClassLabel = Literal["sales", "support", "billing", "spam"]
#: Phrases, either one list (any language) or per language tag (``en``, ``de``, ``pt-br``).
Phrases = list[str] | dict[str, list[str]]

_LANG = re.compile(r"^(?:any|[a-z]{2,3}(?:-[a-z0-9]{2,8})*)$")
MAX_PHRASE_CHARS = 120
MAX_PHRASES = 20_000


def phrase_core(phrase: str) -> str:
    """The folded phrase without its ``*`` wildcards (what is looked for in folded text)."""
    return fold(phrase.strip().strip("*"))


def _check_phrases(phrases: Phrases, problems: Problems, loc: tuple[str | int, ...]) -> int:
    groups = phrases.items() if isinstance(phrases, dict) else [(None, phrases)]
    count = 0
    for lang, items in groups:
        where = (*loc, lang) if lang is not None else loc
        if lang is not None and not _LANG.match(lang):
            problems.add(where, f"{lang!r} is not a language tag (e.g. en, de, pt-br, or any)")
        for i, phrase in enumerate(items):
            count += 1
            core = phrase.strip()
            if not phrase_core(phrase):
                problems.add((*where, i), "a phrase must have at least one letter or digit")
            elif len(core) > MAX_PHRASE_CHARS:
                problems.add((*where, i), f"a phrase is at most {MAX_PHRASE_CHARS} characters")
            elif "*" in core.strip("*") or core.startswith("**") or core.endswith("**"):
                problems.add((*where, i), "'*' is allowed only once, at the start or the end")
    return count


class PhraseSignal(FrozenModel):
    """R-1: one named signal — phrases (per language) that count for a class.

    Each distinct phrase found adds ``points`` to ``label``, up to ``max_count``
    phrases. ``why`` is the sentence shown to the user with the phrases found.
    ``*`` at a phrase's end matches any word ending (``factur*``: facture,
    facturation); at its start any word beginning (``*error``: TypeError).
    """

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)
    label: ClassLabel
    points: float = Field(ge=0, le=100)
    why: str = Field(min_length=1, max_length=200)
    max_count: int = Field(default=3, ge=1, le=50)
    phrases: dict[str, list[str]] = Field(min_length=1)
    # A *pattern* signal (issue 16): it fires only where one of ``phrases`` (a cue such as
    # a negation, "twice", "wrong") stands within ``window`` characters of one of ``near``
    # (what the cue is about: events, recordings, a payment). Classes of phrasing, not
    # sentences: "die Aufnahmen sind leer", "los eventos no llegan". Its phrases may also
    # appear in other signals; each pair found counts once, up to ``max_count``.
    near: dict[str, list[str]] = {}
    # A pattern's phrases that hold a cue but are not one ("without losing", "sin perder",
    # "not only"): where one is found it hides the cue inside it (the longest match wins).
    unless: dict[str, list[str]] = {}
    window: int = Field(default=40, ge=1, le=400)
    # A signal that restates another counts only when that one did not fire ("doesn't
    # work" is already not_working; a pattern must not count it twice). A pattern looks
    # at the plain signals; a plain signal at every other (a product named in a bug
    # report is what is broken, not what they want to buy).
    instead_of: list[str] = []

    @model_validator(mode="after")
    def _phrases(self) -> PhraseSignal:
        problems = Problems()
        _check_phrases(self.phrases, problems, ("phrases",))
        _check_phrases(self.near, problems, ("near",))
        _check_phrases(self.unless, problems, ("unless",))
        if self.unless and not self.near:
            problems.add(("unless",), "'unless' is for a pattern signal (one with 'near')")
        problems.raise_if_any()
        return self


class ClassifierModel(FrozenModel):
    """R-1: how the trained models (``scoring/model.py``, ``scoring/combiner.py``) count.

    The weights are packaged data files (``salesops scoring train`` writes them).
    """

    # "learned": a logistic regression over every signal and the text model decides
    # (``scoring/combiner.py``, its threshold chosen by cross-validation); "additive":
    # the text model's vote is one more signal worth ``points`` × its probability, when
    # that is at least ``min_probability`` (the first model's way).
    combine: Literal["learned", "additive"] = "learned"
    points: float = Field(default=3, ge=0, le=100)
    min_probability: float = Field(default=0.8, ge=0, le=1)
    shown_words: int = Field(default=3, ge=0, le=10)  # the words quoted in its sentence


class Classifier(FrozenModel):
    """R-1: the rule-based classifier's signals, phrases and weights.

    ``signals`` are the playbook's named phrase signals. The flat ``*_keywords`` lists
    are the older form (one list, any language); a playbook that still uses them
    loads and classifies as before.
    """

    max_chars: int = Field(default=20_000, ge=100, le=1_000_000)  # text examined, at most
    signals: list[PhraseSignal] = []
    support_keywords: list[str] = []
    billing_keywords: list[str] = []
    spam_keywords: list[str] = []
    sales_keywords: list[str] = []
    # Product names: a sales signal; a longer phrase hides the shorter one inside it
    # ("error tracking" is not the support word "error").
    product_terms: Phrases = []
    how_to_phrases: Phrases = []  # "how do I …": support when the sender is on free-mail
    unsubscribe_markers: Phrases = []  # spam footer
    link_heavy_min_links: int = Field(default=3, ge=1)  # spam: at least this many links
    sales_lead_sources: list[str] = []  # lead sources that are a sales path by themselves
    # Lead sources a person chose as sales leads (an agent's sf-lead ticket, a colleague's
    # forward, a manual entry): never auto-disqualified; text that looks like support,
    # billing or spam flags the task with its signals for the owner to decide.
    curated_lead_sources: list[str] = []
    keyword_points: float = Field(default=2, ge=0)  # each support/billing/spam phrase
    sales_keyword_points: float = Field(default=1, ge=0)  # each sales phrase or product term
    min_score: float = Field(default=2, ge=0)  # a non-sales class needs at least this
    sales_margin: float = Field(default=1, ge=0)  # … and this much more than sales
    # The trained model's vote beside the phrase signals (issue 16); a playbook written
    # before it has none and classifies as it did.
    model: ClassifierModel | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Classifier:
        problems = Problems()
        for dup in duplicates(s.name for s in self.signals):
            problems.add(("signals",), f"signal {dup!r} is defined twice")
        owner: dict[str, str] = {}
        total = 0
        for i, signal in enumerate(self.signals):
            if signal.near:
                total += sum(len(items) for items in signal.near.values())
                total += sum(len(items) for items in signal.unless.values())
                continue  # a pattern signal has its own matcher (its cues may repeat)
            for lang, items in signal.phrases.items():
                for j, phrase in enumerate(items):
                    core = phrase_core(phrase)
                    first = owner.setdefault(core, signal.name)
                    if core and first != signal.name:
                        problems.add(
                            ("signals", i, "phrases", lang, j),
                            f"phrase {phrase!r} is already in signal {first!r}: "
                            "one phrase counts for one signal",
                        )
        names = {s.name for s in self.signals}
        for i, signal in enumerate(self.signals):
            for j, other in enumerate(signal.instead_of):
                if other not in names or other == signal.name:
                    problems.add(
                        ("signals", i, "instead_of", j),
                        f"{other!r} is not another signal of this classifier",
                    )
        for key in ("product_terms", "how_to_phrases", "unsubscribe_markers"):
            total += _check_phrases(getattr(self, key), problems, (key,))
        total += sum(len(items) for s in self.signals for items in s.phrases.values())
        if total > MAX_PHRASES:
            problems.add(("signals",), f"at most {MAX_PHRASES} phrases in all, not {total}")
        problems.raise_if_any()
        return self
