"""R-1: the rule-based classifier — sales / support / billing / spam, with its signals.

Each rule that fires is a named *signal* with the class it supports, its
points and a human sentence ("message mentions invoice"). The class with the
most points wins only when it clears ``min_score`` and beats *sales* by
``sales_margin``; otherwise the inquiry is sales. Disqualifying a real lead is
the costly mistake, so every doubt resolves to sales. Phrases and weights are
playbook data (``routing.classifier``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from salesops.matching.rules import email_domain, is_free_mail
from salesops.playbook.schema import Classifier

LABELS = ("sales", "support", "billing", "spam")
_TIE_ORDER = {"support": 0, "billing": 1, "spam": 2}

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
_ERROR_TEXT = re.compile(
    r"traceback \(most recent call last\)|\b[a-z]+(?:error|exception)\b|"
    r"\b(?:http )?(?:status )?(?:4\d\d|5\d\d) (?:error|response)\b|\bstack ?trace\b",
    re.IGNORECASE,
)
_VOLUME = re.compile(
    r"\b\d[\d,.]*\s*(?:k|m|mm|million|billion|bn)?\s*"
    r"(?:monthly active users|mau|maus|events|active users|users|sessions|recordings)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Signal:
    name: str
    label: str
    points: float
    why: str

    def as_json(self) -> dict[str, Any]:
        return {"signal": self.name, "label": self.label, "points": self.points, "why": self.why}


@dataclass(frozen=True)
class Inquiry:
    """What the classifier looks at: the message, its subject, who sent it and how."""

    message: str = ""
    subject: str = ""
    sender: str = ""
    lead_source: str = ""
    mau: int | None = None
    monthly_events: int | None = None
    free_mail_extra: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Classification:
    label: str
    scores: dict[str, float]
    signals: list[Signal] = field(default_factory=list)

    def signals_json(self) -> list[dict[str, Any]]:
        return [s.as_json() for s in self.signals]

    @property
    def reason(self) -> str:
        fired = [s.why for s in self.signals if s.label == self.label]
        if not fired:
            return f"{self.label}: no support, billing or spam signal strong enough"
        return f"{self.label}: " + "; ".join(fired)


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    cleaned = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in cleaned)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_COMPILED: dict[int, tuple[Classifier, dict[str, re.Pattern[str] | None]]] = {}


def _patterns(clf: Classifier) -> dict[str, re.Pattern[str] | None]:
    """Compiled phrase patterns, once per playbook's classifier (playbooks are immutable)."""
    cached = _COMPILED.get(id(clf))
    if cached is not None and cached[0] is clf:
        return cached[1]
    if len(_COMPILED) > 64:
        _COMPILED.clear()
    compiled = _compile(clf)
    _COMPILED[id(clf)] = (clf, compiled)
    return compiled


def _compile(clf: Classifier) -> dict[str, re.Pattern[str] | None]:
    return {
        "support": _phrase_pattern(tuple(clf.support_keywords)),
        "billing": _phrase_pattern(tuple(clf.billing_keywords)),
        "spam": _phrase_pattern(tuple(clf.spam_keywords)),
        "sales": _phrase_pattern(tuple(clf.sales_keywords)),
        "product": _phrase_pattern(tuple(clf.product_terms)),
        "how_to": _phrase_pattern(tuple(clf.how_to_phrases)),
        "unsubscribe": _phrase_pattern(tuple(clf.unsubscribe_markers)),
    }


def _found(pattern: re.Pattern[str] | None, text: str) -> list[str]:
    if pattern is None:
        return []
    seen: dict[str, None] = {}
    for match in pattern.finditer(text):
        seen.setdefault(re.sub(r"\s+", " ", match.group(0).lower()), None)
    return list(seen)


def _quote(words: list[str]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def classify(inquiry: Inquiry, clf: Classifier) -> Classification:
    """R-1: classify one inquiry and list the signals that fired."""
    pats = _patterns(clf)
    text = f"{inquiry.subject}\n{inquiry.message}"
    signals: list[Signal] = []

    products = _found(pats["product"], text)
    # Product names ("error tracking") must not read as support words ("error").
    masked = pats["product"].sub(" ", text) if pats["product"] is not None else text

    kp = clf.keyword_points
    for label, key in (("billing", "billing"), ("spam", "spam"), ("support", "support")):
        words = _found(pats[key], masked if label == "support" else text)
        if words:
            signals.append(
                Signal(f"{label}_keywords", label, kp * len(words), f"mentions {_quote(words)}")
            )

    how_to = _found(pats["how_to"], masked)
    domain = email_domain(inquiry.sender) if "@" in inquiry.sender else ""
    free_mail = bool(domain) and is_free_mail(domain, inquiry.free_mail_extra)
    if how_to and free_mail:
        signals.append(
            Signal(
                "free_mail_how_to",
                "support",
                kp,
                f"sender on free-mail ({domain}) and message is a how-to question",
            )
        )
    elif how_to:
        signals.append(Signal("how_to", "support", kp / 2, "message is a how-to question"))
    if _ERROR_TEXT.search(masked):
        signals.append(Signal("error_text", "support", kp, "quotes an error or stack trace"))

    links = len(_LINK.findall(text))
    unsubscribe = _found(pats["unsubscribe"], text)
    if links >= clf.link_heavy_min_links and unsubscribe:
        signals.append(
            Signal(
                "links_and_unsubscribe",
                "spam",
                kp * 2,
                f"link-heavy message ({links} links) with unsubscribe footer",
            )
        )
    elif links >= clf.link_heavy_min_links:
        signals.append(Signal("link_heavy", "spam", kp / 2, f"link-heavy message ({links} links)"))
    elif unsubscribe:
        signals.append(Signal("unsubscribe", "spam", kp, "has an unsubscribe footer"))

    sp = clf.sales_keyword_points
    sales_words = _found(pats["sales"], text)
    if sales_words:
        signals.append(
            Signal(
                "sales_keywords", "sales", sp * len(sales_words), f"mentions {_quote(sales_words)}"
            )
        )
    if products:
        signals.append(
            Signal("product_terms", "sales", sp * len(products), f"asks about {_quote(products)}")
        )
    if inquiry.mau or inquiry.monthly_events or _VOLUME.search(text):
        signals.append(Signal("states_volume", "sales", sp * 2, "states usage volume"))
    if domain and not free_mail:
        why = f"sender uses a company domain ({domain})"
        signals.append(Signal("company_domain", "sales", sp, why))
    if inquiry.lead_source in clf.sales_lead_sources:
        signals.append(
            Signal(
                "sales_lead_source",
                "sales",
                sp * 3,
                f"lead source {inquiry.lead_source!r} is a sales path",
            )
        )

    scores = {label: 0.0 for label in LABELS}
    for signal in signals:
        scores[signal.label] += signal.points
    # Ties go to the more specific class: spam, then billing, then support.
    best = max(("support", "billing", "spam"), key=lambda k: (scores[k], _TIE_ORDER[k]))
    label = "sales"
    if scores[best] >= clf.min_score and scores[best] - scores["sales"] >= clf.sales_margin:
        label = best
    return Classification(label=label, scores=scores, signals=signals)
