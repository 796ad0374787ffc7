"""R-1: train the models from the labelled sets, and measure them honestly.

``salesops scoring train`` writes the packaged weights from every labelled split except
the held-out one (kept for a final check): the text model (naive Bayes,
``scoring/model.py``) and the combiner stacked on it (a logistic regression over every
signal and the text model's vote, ``scoring/combiner.py``). The combiner learns from the
text model's *leave-one-out* votes — what it says of a message it was not trained on —
so it weighs the text model as it will be on new mail, not as it is on its own training
set. Its decision threshold is chosen by leave-one-split-out cross-validation of the
whole stack (``cross_validated_threshold``).

Generalisation is estimated by cross-validation of the *whole* classifier — phrase
signals plus models trained without the messages they are tested on: k-fold by message,
and leave-one-probe-out (train without probeN, test on probeN).
``bench/classifier_report.py --cv`` prints both.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from salesops.playbook.schema_scoring import Classifier
from salesops.scoring import combiner as lr
from salesops.scoring.classify import Classification, Evidence, decide, examined_text, gather
from salesops.scoring.combiner import Trained, stack_features
from salesops.scoring.evaluation import PROBES, TARGETS, TRAINING_BATCHES, Example
from salesops.scoring.model import (
    MAX_CHARS,
    TrainingOptions,
    features,
    leave_one_out,
    train_sets,
)

#: What the packaged model learns from: every labelled split but the held-out one.
TRAINING_SPLITS = ("tune", *PROBES, *TRAINING_BATCHES)
#: Each left out in turn by ``leave_one_split_out``.
PROBE_SPLITS = (*PROBES, *TRAINING_BATCHES)
_PLAIN = Classifier()
#: A lost lead is the worst error: it costs this many other mistakes when the threshold
#: is chosen.
LOST_LEAD_COST = 3.0


def model_text(example: Example) -> str:
    """Exactly what ``classify`` hands the text model for this message."""
    return examined_text(example.inquiry(), _PLAIN)[:MAX_CHARS]


def fingerprint(examples: Iterable[Example]) -> str:
    """A short hash of the labelled messages: the packaged model names what it learnt."""
    digest = hashlib.sha256()
    for ex in examples:
        digest.update(f"{ex.label}\x1f{ex.subject}\x1f{ex.text}\x1e".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Prepared:
    """Per labelled message, computed once and shared by every fold: the text model's
    features and the signals the playbook's phrases find."""

    examples: list[Example]
    feats: list[list[str]]
    evidence: list[Evidence]


def prepare(examples: list[Example], clf: Classifier) -> Prepared:
    return Prepared(
        examples,
        [list(features(model_text(ex))) for ex in examples],
        [gather(ex.inquiry(), clf) for ex in examples],
    )


def fit_prepared(
    prep: Prepared,
    rows: Iterable[int],
    version: str = "cv",
    threshold: float | None = None,
    learned: bool = True,
) -> Trained:
    """The text model and (``learned``) the combiner from the messages ``rows``."""
    idx = list(rows)
    labels = [prep.examples[i].label for i in idx]
    docs = [(label, prep.feats[i]) for label, i in zip(labels, idx, strict=True)]
    text, counts = train_sets(docs, version, TrainingOptions())
    if not learned:
        return Trained(text)
    stacked = []
    for label, i in zip(labels, idx, strict=True):
        ev = prep.evidence[i]
        triples = [(s.name, s.label, s.points) for s in ev.signals]
        logp = leave_one_out(counts, label, prep.feats[i])
        stacked.append(stack_features(triples, logp, ev.free_mail))
    if threshold is None:
        threshold = _packaged_threshold()
    combiner = lr.fit(stacked, labels, version=version, text_version=version, threshold=threshold)
    return Trained(text, combiner)


def fit(examples: list[Example], version: str = "cv", clf: Classifier | None = None) -> Trained:
    clf = clf or _default_classifier()
    return fit_prepared(prepare(examples, clf), range(len(examples)), version)


def _packaged_threshold() -> float:
    from salesops.scoring.combiner import load_trained

    try:
        combiner = load_trained().combiner
    except (OSError, ValueError):
        return 0.5
    return combiner.threshold if combiner else 0.5


def _default_classifier() -> Classifier:
    from salesops.playbook.loader import load_default_playbook

    return load_default_playbook().routing.classifier


Predictions = list[tuple[Example, str, list[str]]]


def _learned(clf: Classifier) -> bool:
    return clf.model is not None and clf.model.combine == "learned"


def _classify_folds(
    prep: Prepared, folds: list[list[int]], clf: Classifier, threshold: float | None = None
) -> list[tuple[Example, Classification]]:
    out: list[tuple[int, Classification]] = []
    n = len(prep.examples)
    for test in folds:
        held = set(test)
        train_rows = [i for i in range(n) if i not in held]
        trained = fit_prepared(prep, train_rows, threshold=threshold, learned=_learned(clf))
        for i in test:
            out.append((i, decide(prep.evidence[i], clf, trained)))
    return [(prep.examples[i], result) for i, result in sorted(out, key=lambda item: item[0])]


def _predictions(results: list[tuple[Example, Classification]]) -> Predictions:
    return [(ex, r.label, [s.why for s in r.signals]) for ex, r in results]


def _folds(n: int, k: int, seed: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[f::k] for f in range(k)]


def kfold(
    examples: list[Example] | Prepared, clf: Classifier, k: int = 10, seed: int = 16
) -> Predictions:
    """Every message classified by models trained on the other k−1 folds."""
    prep = examples if isinstance(examples, Prepared) else prepare(examples, clf)
    return _predictions(_classify_folds(prep, _folds(len(prep.examples), k, seed), clf))


def leave_one_split_out(
    examples: list[Example] | Prepared, clf: Classifier, splits: Iterable[str] = PROBE_SPLITS
) -> dict[str, Predictions]:
    """For each split: its messages classified by models trained on every other split."""
    prep = examples if isinstance(examples, Prepared) else prepare(examples, clf)
    out: dict[str, Predictions] = {}
    for split in splits:
        test = [i for i, ex in enumerate(prep.examples) if ex.split == split]
        if test:
            out[split] = _predictions(_classify_folds(prep, [test], clf))
    return out


# --- the decision threshold --------------------------------------------------------------


def _cost(pairs: list[tuple[str, dict[str, float]]], threshold: float) -> tuple[bool, float]:
    """Whether ``threshold`` meets every R-1 target on these out-of-fold probabilities,
    and its cost (a lost lead counts ``LOST_LEAD_COST``)."""
    tp: dict[str, int] = {}
    predicted: dict[str, int] = {}
    actual: dict[str, int] = {}
    cost = 0.0
    for label, p in pairs:
        got = "sales"
        if p["sales"] < threshold:
            got = max((k for k in p if k != "sales"), key=lambda k: p[k])
        actual[label] = actual.get(label, 0) + 1
        predicted[got] = predicted.get(got, 0) + 1
        if got == label:
            tp[got] = tp.get(got, 0) + 1
        else:
            cost += LOST_LEAD_COST if label == "sales" else 1.0
    ok = True
    for (label, metric), bar in TARGETS.items():
        hits = tp.get(label, 0)
        base = predicted.get(label, 0) if metric == "precision" else actual.get(label, 0)
        if base and hits / base < bar:
            ok = False
    return ok, cost


def choose_threshold(pairs: list[tuple[str, dict[str, float]]]) -> float:
    """The P(sales) threshold, from out-of-fold probabilities: the cheapest that meets
    every target (sales precision ≥ 0.95 and recall ≥ 0.97, support and billing recall
    ≥ 0.9); if none does, the cheapest overall. Ties go to the lower one (more leads)."""
    grid = [round(0.05 + 0.01 * i, 2) for i in range(91)]
    scored = [(not ok, cost, t) for t in grid for ok, cost in [_cost(pairs, t)]]
    return min(scored)[2]


def cross_validated_threshold(prep: Prepared, clf: Classifier) -> float:
    """``choose_threshold`` over a leave-one-split-out run of the whole stack: each split
    was written in one sitting (often by one author, in translations of one another), so
    holding a whole split out is the closer model of new mail than a random fold."""
    groups = [
        [i for i, ex in enumerate(prep.examples) if ex.split == split]
        for split in sorted({ex.split for ex in prep.examples})
    ]
    results = _classify_folds(prep, [g for g in groups if g], clf, threshold=0.5)
    return choose_threshold([(ex.label, r.scores) for ex, r in results])


def packaged(
    examples: list[Example], now: datetime, clf: Classifier | None = None
) -> tuple[Trained, list[str], list[str]]:
    """The models to ship, and their file headers (what they were trained on, and how)."""
    clf = clf or _default_classifier()
    version = f"{now:%Y%m%d}-{fingerprint(examples)[:6]}"
    prep = prepare(examples, clf)
    threshold = cross_validated_threshold(prep, clf)
    trained = fit_prepared(prep, range(len(examples)), version, threshold=threshold)
    counts: dict[str, int] = {}
    for ex in examples:
        counts[ex.label] = counts.get(ex.label, 0) + 1
    o = TrainingOptions()
    common = [
        f"trained {now:%Y-%m-%d} on {len(examples)} labelled messages: "
        + ", ".join(f"{label} {n}" for label, n in sorted(counts.items())),
        f"splits: {' '.join(sorted({ex.split for ex in examples}))}",
        f"data fingerprint: {fingerprint(examples)}",
    ]
    text_header = [
        "R-1 text model (multinomial naive Bayes over binary word, word-pair and",
        "character n-gram features); written by `salesops scoring train`, do not edit.",
        *common,
        f"options: alpha {o.alpha}, min_docs {o.min_docs}, keep {o.keep}, "
        f"temperature {o.temperature}; {len(trained.text.weights)} features kept",
    ]
    assert trained.combiner is not None
    combiner_header = [
        "R-1 combiner (multinomial logistic regression over the signals and the text",
        "model's leave-one-out log-probabilities); written by `salesops scoring train`.",
        *common,
        f"threshold: P(sales) below {threshold:.2f} is not sales (chosen by leave-one-"
        f"split-out cross-validation; a lost lead costs {LOST_LEAD_COST:g} other errors)",
    ]
    return trained, text_header, combiner_header
