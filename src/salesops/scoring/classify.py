"""R-1: the rule-based classifier — sales / support / billing / spam, with its signals.

Each rule that fires is a named *signal* with the class it supports, its points and
a human sentence ("says something is not working: 'funktioniert nicht' (de)"). The
class with the most points wins only when it clears ``min_score`` and beats *sales*
by ``sales_margin``; otherwise the inquiry is sales. Disqualifying a real lead is the
costly mistake, so every doubt resolves to sales. Phrases (per language) and weights
are playbook data (``routing.classifier.signals``).

Matching is linear and bounded: only the first ``max_chars`` characters are read; the
text and the phrases are folded alike (``core.text.fold``: NFKC, casefold, accents
dropped), and all phrases are found in one pass of an Aho–Corasick automaton. A phrase
matches whole words in spaced scripts and as a substring in Japanese; where phrases
overlap the longest wins, so "error tracking" (a product) is not the support word
"error", and "請求書払い" (paying by invoice) is not a billing "請求書".
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Any

import ahocorasick

from salesops.core.addresses import email_domain, is_free_mail
from salesops.core.text import fold, is_word_char
from salesops.playbook.schema_scoring import (
    MAX_PHRASE_CHARS,
    Classifier,
    ClassifierModel,
    Phrases,
    PhraseSignal,
    phrase_core,
)
from salesops.scoring.combiner import (
    MIN_CLASS,
    Combiner,
    Trained,
    load_trained,
    stack_features,
)
from salesops.scoring.model import MAX_CHARS as MODEL_MAX_CHARS
from salesops.scoring.model import LinearModel
from salesops.scoring.shapes import (
    count_links,
    quotes_error_shape,
    states_deal_size,
    states_headcount,
    states_seats,
    states_volume,
)

LABELS = ("sales", "support", "billing", "spam")
_TIE_ORDER = {"support": 0, "billing": 1, "spam": 2}
SUBJECT_MAX_CHARS = 500
SHOWN_PHRASES = 5  # phrases quoted in one signal's sentence
_BUYING_FACTS = frozenset({"states_volume", "states_headcount", "states_seats", "states_deal_size"})
MAX_PAIRS = 20  # cue–subject pairs a pattern signal collects, at most

#: Before per-language signals, the error-text signal was built in; a playbook without
#: ``signals`` keeps it.
LEGACY_ERROR_PHRASES = ("*error", "*exception", "traceback", "stack trace", "stacktrace")


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


@dataclass(frozen=True)
class _Group:
    """A compiled phrase signal; ``role`` marks the lists the code combines with facts."""

    name: str
    label: str
    points: float
    why: str
    max_count: int
    role: str = ""  # "" (a plain signal), "how_to" or "unsubscribe"


@dataclass(frozen=True)
class _Entry:
    group: int
    phrase: str  # as written in the playbook, shown to the user
    lang: str | None
    length: int  # of the folded phrase
    open_start: bool  # "*error": may start inside a word
    open_end: bool  # "factur*": may end inside a word


@dataclass(frozen=True)
class _Found:
    group: int
    phrase: str
    lang: str | None


class _Matcher:
    """Every phrase of one playbook's classifier in one automaton."""

    def __init__(self, groups: list[_Group], phrases: list[tuple[int, Phrases]]) -> None:
        self.groups = groups
        self.automaton: Any = ahocorasick.Automaton()
        seen: set[str] = set()
        for group, items in phrases:
            pairs = items.items() if isinstance(items, dict) else [(None, items)]
            for lang, words in pairs:
                for phrase in words:
                    core = phrase_core(phrase)
                    if not core or core in seen:
                        continue  # the first signal listing a phrase owns it
                    seen.add(core)
                    text = phrase.strip()
                    entry = _Entry(
                        group,
                        text.strip("*"),
                        None if lang in (None, "any") else lang,
                        len(core),
                        text.startswith("*"),
                        text.endswith("*"),
                    )
                    self.automaton.add_word(core, entry)
        if seen:
            self.automaton.make_automaton()
        self.empty = not seen

    def find(self, text: str) -> list[_Found]:
        """Leftmost-longest whole-word matches, in the order they appear."""
        return [found for _, _, found in self.spans(text)]

    def spans(self, text: str) -> list[tuple[int, int, _Found]]:
        """``find`` with each match's first and last character."""
        if self.empty:
            return []
        candidates: list[tuple[int, int, _Entry]] = []
        last = len(text) - 1
        for end, entry in self.automaton.iter(text):
            start = end - entry.length + 1
            if (
                not entry.open_start
                and start > 0
                and is_word_char(text[start - 1])
                and is_word_char(text[start])
            ):
                continue
            if (
                not entry.open_end
                and end < last
                and is_word_char(text[end + 1])
                and is_word_char(text[end])
            ):
                continue
            candidates.append((start, end, entry))
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        found: list[tuple[int, int, _Found]] = []
        reach = -1
        for start, end, entry in candidates:
            if start > reach:
                found.append((start, end, _Found(entry.group, entry.phrase, entry.lang)))
                reach = end
        return found


def _compile(clf: Classifier) -> _Matcher:
    groups: list[_Group] = []
    phrases: list[tuple[int, Phrases]] = []

    def add(group: _Group, items: Phrases) -> None:
        phrases.append((len(groups), items))
        groups.append(group)

    for s in clf.signals:
        if not s.near:  # pattern signals have matchers of their own (``_Pattern``)
            add(_Group(s.name, s.label, s.points, s.why, s.max_count), s.phrases)
    kp, sp = clf.keyword_points, clf.sales_keyword_points
    for label, items in (
        ("billing", clf.billing_keywords),
        ("spam", clf.spam_keywords),
        ("support", clf.support_keywords),
        ("sales", clf.sales_keywords),
    ):
        add(
            _Group(f"{label}_keywords", label, kp if label != "sales" else sp, "mentions", 50),
            items,
        )
    add(_Group("product_terms", "sales", sp, "asks about", 50), clf.product_terms)
    if not clf.signals:
        why = "quotes an error or stack trace"
        add(_Group("error_text", "support", kp, why, 1), list(LEGACY_ERROR_PHRASES))
    add(_Group("how_to", "support", kp, "", 1, role="how_to"), clf.how_to_phrases)
    add(_Group("unsubscribe", "spam", kp, "", 1, role="unsubscribe"), clf.unsubscribe_markers)
    return _Matcher(groups, phrases)


class _Pattern:
    """A pattern signal: cue phrases and subject phrases, each in an automaton of its own;
    it fires where a cue and a subject stand within ``window`` characters."""

    def __init__(self, signal: PhraseSignal) -> None:
        self.signal = signal
        # Group 1: phrases that hold a cue but are not one (``unless``); the longest wins.
        self.cues = _Matcher([], [(0, signal.phrases), (1, signal.unless)])
        self.subjects = _Matcher([], [(0, signal.near)])

    def pairs(self, text: str) -> list[tuple[_Found, _Found]]:
        if self.cues.empty or self.subjects.empty:
            return []
        cues = [span for span in self.cues.spans(text) if span[2].group == 0]
        if not cues:
            return []  # most texts have no cue of most patterns: skip the second pass
        subjects = self.subjects.spans(text)  # in order, not overlapping each other
        starts = [start for start, _, _ in subjects]
        window = self.signal.window
        found: list[tuple[_Found, _Found]] = []
        seen: set[tuple[str, str]] = set()
        for c_start, c_end, cue in cues:
            # Subjects starting within reach; each is at most MAX_PHRASE_CHARS long, and
            # only the few inside the window are looked at: linear in the text.
            i = bisect_left(starts, c_start - window - MAX_PHRASE_CHARS)
            while i < len(subjects) and subjects[i][0] <= c_end + window:
                s_start, s_end, subject = subjects[i]
                i += 1
                gap = s_start - c_end if s_start > c_end else c_start - s_end
                if gap > window or (s_start <= c_end and c_start <= s_end):
                    continue  # too far apart, or the same words
                key = (cue.phrase, subject.phrase)
                if key not in seen:
                    seen.add(key)
                    found.append((cue, subject))
                    if len(found) >= MAX_PAIRS:
                        return found
        return found


_COMPILED: dict[int, tuple[Classifier, _Matcher, list[_Pattern], dict[str, list[str]]]] = {}


def _compiled(clf: Classifier) -> tuple[_Matcher, list[_Pattern], dict[str, list[str]]]:
    """The compiled phrases, once per playbook's classifier (playbooks are immutable), and
    which plain signal steps aside for which (``instead_of``)."""
    cached = _COMPILED.get(id(clf))
    if cached is not None and cached[0] is clf:
        return cached[1], cached[2], cached[3]
    if len(_COMPILED) > 64:
        _COMPILED.clear()
    matcher = _compile(clf)
    patterns = [_Pattern(s) for s in clf.signals if s.near]
    instead_of = {s.name: s.instead_of for s in clf.signals if s.instead_of and not s.near}
    _COMPILED[id(clf)] = (clf, matcher, patterns, instead_of)
    return matcher, patterns, instead_of


def _pattern_signals(patterns: list[_Pattern], text: str) -> list[Signal]:
    signals: list[Signal] = []
    for pattern in patterns:
        pairs = pattern.pairs(text)
        if not pairs:
            continue
        s = pattern.signal
        shown = []
        for cue, subject in pairs[:SHOWN_PHRASES]:
            lang = cue.lang or subject.lang
            shown.append(f"'{cue.phrase}' near '{subject.phrase}'" + (f" ({lang})" if lang else ""))
        more = len(pairs) - SHOWN_PHRASES
        quote = ", ".join(shown) + (f" and {more} more" if more > 0 else "")
        points = s.points * min(len(pairs), s.max_count)
        signals.append(Signal(s.name, s.label, points, f"{s.why}: {quote}"))
    return signals


def examined_text(inquiry: Inquiry, clf: Classifier) -> str:
    """The folded subject and message, bounded: all the classifier ever reads."""
    subject = inquiry.subject[:SUBJECT_MAX_CHARS]
    return fold(f"{subject}\n{inquiry.message[: clf.max_chars]}")


def _quote(found: list[_Found]) -> str:
    shown = [f"'{f.phrase}'" + (f" ({f.lang})" if f.lang else "") for f in found]
    more = len(shown) - SHOWN_PHRASES
    return ", ".join(shown[:SHOWN_PHRASES]) + (f" and {more} more" if more > 0 else "")


def _phrase_signals(matcher: _Matcher, found: list[_Found]) -> tuple[list[Signal], set[str]]:
    by_group: dict[int, list[_Found]] = {}
    for f in found:
        hits = by_group.setdefault(f.group, [])
        if all(h.phrase != f.phrase for h in hits):
            hits.append(f)
    signals: list[Signal] = []
    roles: set[str] = set()
    for index, hits in sorted(by_group.items()):
        group = matcher.groups[index]
        if group.role:
            roles.add(group.role)
            continue
        points = group.points * min(len(hits), group.max_count)
        signals.append(Signal(group.name, group.label, points, f"{group.why}: {_quote(hits)}"))
    return signals, roles


def _model_signal(text: str, settings: ClassifierModel, model: LinearModel) -> Signal | None:
    """The trained model's vote: ``points`` × the probability of its likeliest class."""
    found = model.predict(text[:MODEL_MAX_CHARS], settings.shown_words)
    p = found.probabilities[found.label]
    if p < settings.min_probability or not settings.points:
        return None
    words = ", ".join(f"'{c.words}' {c.points:+.1f}" for c in found.because)
    why = f"the trained model (v{model.version}) reads it as {found.label} ({p:.0%})"
    return Signal(
        "model", found.label, round(settings.points * p, 2), why + (f": {words}" if words else "")
    )


@dataclass(frozen=True)
class Evidence:
    """What the classifier found before any model reads the text: the signals that fired
    (phrases, patterns, structural facts) and the text the models read."""

    text: str
    signals: list[Signal]
    free_mail: bool


def gather(inquiry: Inquiry, clf: Classifier) -> Evidence:
    """R-1's explainable signals of one inquiry (no trained model involved)."""
    matcher, patterns, instead_of = _compiled(clf)
    text = examined_text(inquiry, clf)
    signals, roles = _phrase_signals(matcher, matcher.find(text))
    fired = {s.name for s in signals}
    active = [p for p in patterns if fired.isdisjoint(p.signal.instead_of)]
    signals += _pattern_signals(active, text)
    if "error_text" not in fired and quotes_error_shape(text):
        why = "quotes an error shape (a status code, a file and line of a stack trace)"
        signals.append(Signal("error_shape", "support", clf.keyword_points, why))
    # A plain signal that restates another counts only when that one did not fire.
    fired = {s.name for s in signals}
    signals = [s for s in signals if fired.isdisjoint(instead_of.get(s.name, ()))]

    kp, sp = clf.keyword_points, clf.sales_keyword_points
    domain = email_domain(inquiry.sender) if "@" in inquiry.sender else ""
    free_mail = bool(domain) and is_free_mail(domain, inquiry.free_mail_extra)
    if "how_to" in roles and free_mail:
        why = f"sender on free-mail ({domain}) and message is a how-to question"
        signals.append(Signal("free_mail_how_to", "support", kp, why))
    elif "how_to" in roles:
        signals.append(Signal("how_to", "support", kp / 2, "message is a how-to question"))

    links = count_links(text)
    if links >= clf.link_heavy_min_links and "unsubscribe" in roles:
        why = f"link-heavy message ({links} links) with unsubscribe footer"
        signals.append(Signal("links_and_unsubscribe", "spam", kp * 2, why))
    elif links >= clf.link_heavy_min_links:
        signals.append(Signal("link_heavy", "spam", kp / 2, f"link-heavy message ({links} links)"))
    elif "unsubscribe" in roles:
        signals.append(Signal("unsubscribe", "spam", kp, "has an unsubscribe footer"))

    if inquiry.mau or inquiry.monthly_events or states_volume(text):
        signals.append(Signal("states_volume", "sales", sp * 2, "states usage volume"))
    if states_headcount(text):
        signals.append(Signal("states_headcount", "sales", sp * 2, "states a company headcount"))
    if states_seats(text):
        signals.append(Signal("states_seats", "sales", sp * 2, "states a number of seats"))
    if states_deal_size(text):
        signals.append(Signal("states_deal_size", "sales", sp * 2, "states a deal size or budget"))
    if domain and not free_mail:
        why = f"sender uses a company domain ({domain})"
        signals.append(Signal("company_domain", "sales", sp, why))
    if inquiry.lead_source in clf.sales_lead_sources:
        why = f"lead source {inquiry.lead_source!r} is a sales path"
        signals.append(Signal("sales_lead_source", "sales", sp * 3, why))
    return Evidence(text, signals, free_mail)


def classify(inquiry: Inquiry, clf: Classifier, model: Trained | None = None) -> Classification:
    """R-1: classify one inquiry and list the signals that fired (``model``: the trained
    weights to use instead of the packaged ones, for cross-validation)."""
    evidence = gather(inquiry, clf)
    result = decide(evidence, clf, model)
    if (
        result.label != "sales"
        and not inquiry.message.strip()
        and not any(s.label == result.label for s in evidence.signals)
    ):
        # A lead with no message (a form left blank, a bare address): nothing the person
        # wrote says support, billing or spam, and the models alone never disqualify it —
        # they read only a generated title ("Email: b@hooli.com" was support at 36 %).
        why = f"no message, and nothing in it says {result.label}: kept as a lead"
        signals = [*result.signals, Signal("no_message", "sales", 0.0, why)]
        return replace(result, label="sales", signals=signals)
    return result


def decide(evidence: Evidence, clf: Classifier, model: Trained | None = None) -> Classification:
    """R-1's decision from the gathered evidence: the learned combination (the playbook's
    ``model.combine: learned``), or the additive points (``additive``, or no ``model``)."""
    settings = clf.model
    signals = list(evidence.signals)
    if settings is not None:
        trained = model or load_trained()
        if settings.combine == "learned" and trained.combiner is not None:
            return _learned(evidence, clf, trained.text, trained.combiner)
        vote = _model_signal(evidence.text, settings, trained.text)
        # A message that states buying facts (volume, headcount, seats, a budget) is a
        # lead unless the phrase signals make the case alone: the model never tips it.
        facts = _BUYING_FACTS.intersection(s.name for s in signals)
        if vote is not None and (vote.label == "sales" or not facts):
            signals.append(vote)

    scores = _points(signals)
    return Classification(label=_additive_label(signals, clf), scores=scores, signals=signals)


def _points(signals: list[Signal]) -> dict[str, float]:
    scores = {label: 0.0 for label in LABELS}
    for signal in signals:
        scores[signal.label] += signal.points
    return scores


def _additive_label(signals: list[Signal], clf: Classifier) -> str:
    """The most points wins if it clears ``min_score`` and beats sales by ``sales_margin``."""
    scores = _points(signals)
    # Ties go to the more specific class: spam, then billing, then support.
    best = max(("support", "billing", "spam"), key=lambda k: (scores[k], _TIE_ORDER[k]))
    if scores[best] >= clf.min_score and scores[best] - scores["sales"] >= clf.sales_margin:
        return best
    return "sales"


def _learned(
    evidence: Evidence, clf: Classifier, text_model: LinearModel, combiner: Combiner
) -> Classification:
    """The logistic regression decides; the text model's vote and the features that moved
    the decision are shown as two signals (``model``, ``combined``)."""
    shown = clf.model.shown_words if clf.model else 3
    found = text_model.predict(evidence.text[:MODEL_MAX_CHARS], shown)
    logp = [math.log(max(found.probabilities[k], 1e-300)) for k in text_model.labels]
    triples = [(s.name, s.label, s.points) for s in evidence.signals]
    feats = stack_features(triples, logp, evidence.free_mail)
    probabilities = combiner.probabilities(feats)
    label = combiner.decide(probabilities)
    facts = sorted(_BUYING_FACTS.intersection(s.name for s in evidence.signals))
    if label != "sales" and facts and _additive_label(evidence.signals, clf) == "sales":
        # A message that states buying facts (volume, headcount, seats, a budget) is a
        # lead unless the phrase signals make the case alone: the models never tip it.
        label = "sales"
    p = found.probabilities[found.label]
    words = ", ".join(f"'{c.words}' {c.points:+.1f}" for c in found.because)
    why = f"the trained model (v{text_model.version}) reads it as {found.label} ({p:.0%})"
    vote = Signal("model", found.label, round(p, 2), why + (f": {words}" if words else ""))
    ps, t = probabilities["sales"], combiner.threshold
    if label == "sales" and ps < t and facts:
        why = f"sales: it states buying facts ({', '.join(facts)}) and the phrases alone say sales"
    elif label == "sales" and ps < t:
        best = max((k for k in probabilities if k != "sales"), key=lambda k: probabilities[k])
        why = (
            f"sales {ps:.0%}: no other class is likely enough ({best} {probabilities[best]:.0%},"
            f" under {MIN_CLASS:.0%})"
        )
    elif label == "sales":
        why = f"sales {ps:.0%} (at least {t:.0%} keeps a lead)"
    else:
        why = f"{label} {probabilities[label]:.0%} (sales {ps:.0%}, under {t:.0%})"
    moved = ", ".join(f"{w} {p:+.1f}" for w, p in combiner.because(feats, label))
    weighed = Signal(
        "combined",
        label,
        round(probabilities[label], 2),
        f"all signals weighed together (v{combiner.version}): {why}"
        + (f"; moved by {moved}" if moved else ""),
    )
    scores = {k: round(v, 3) for k, v in probabilities.items()}
    return Classification(label=label, scores=scores, signals=[*evidence.signals, vote, weighed])
