"""R-1: train the linear model from the labelled sets, and measure it honestly.

``salesops scoring train`` writes the packaged weights from every labelled split except
the held-out one (kept for a final check). Generalisation is estimated by
cross-validation of the *whole* classifier — phrase signals plus a model trained without
the messages it is tested on: k-fold by message, and leave-one-probe-out (train without
probeN, test on probeN). ``bench/classifier_report.py --cv`` prints both.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from datetime import datetime

from salesops.playbook.schema_scoring import Classifier
from salesops.scoring.classify import classify, examined_text
from salesops.scoring.evaluation import PROBES, TRAINING_BATCHES, Example
from salesops.scoring.model import MAX_CHARS, LinearModel, TrainingOptions, train

#: What the packaged model learns from: every labelled split but the held-out one.
TRAINING_SPLITS = ("tune", *PROBES, *TRAINING_BATCHES)
#: Each left out in turn by ``leave_one_split_out``.
PROBE_SPLITS = (*PROBES, *TRAINING_BATCHES)
_PLAIN = Classifier()


def model_text(example: Example) -> str:
    """Exactly what ``classify`` hands the model for this message."""
    return examined_text(example.inquiry(), _PLAIN)[:MAX_CHARS]


def fingerprint(examples: Iterable[Example]) -> str:
    """A short hash of the labelled messages: the packaged model names what it learnt."""
    digest = hashlib.sha256()
    for ex in examples:
        digest.update(f"{ex.label}\x1f{ex.subject}\x1f{ex.text}\x1e".encode())
    return digest.hexdigest()[:16]


def fit(examples: list[Example], version: str = "cv") -> LinearModel:
    return train([(ex.label, model_text(ex)) for ex in examples], version, TrainingOptions())


def packaged(examples: list[Example], now: datetime) -> tuple[LinearModel, list[str]]:
    """The model to ship, and its file header (what it was trained on, and how)."""
    version = f"{now:%Y%m%d}-{fingerprint(examples)[:6]}"
    model = fit(examples, version)
    counts: dict[str, int] = {}
    for ex in examples:
        counts[ex.label] = counts.get(ex.label, 0) + 1
    o = TrainingOptions()
    header = [
        "R-1 linear model (multinomial naive Bayes over binary word, word-pair and",
        "character n-gram features); written by `salesops scoring train`, do not edit.",
        f"trained {now:%Y-%m-%d} on {len(examples)} labelled messages: "
        + ", ".join(f"{label} {n}" for label, n in sorted(counts.items())),
        f"splits: {' '.join(sorted({ex.split for ex in examples}))}",
        f"data fingerprint: {fingerprint(examples)}",
        f"options: alpha {o.alpha}, min_docs {o.min_docs}, keep {o.keep}, "
        f"temperature {o.temperature}; {len(model.weights)} features kept",
    ]
    return model, header


Predictions = list[tuple[Example, str, list[str]]]


def _classify_folds(
    examples: list[Example], folds: list[list[int]], clf: Classifier
) -> Predictions:
    out: list[tuple[int, tuple[Example, str, list[str]]]] = []
    for test in folds:
        held = set(test)
        model = fit([ex for i, ex in enumerate(examples) if i not in held])
        for i in test:
            result = classify(examples[i].inquiry(), clf, model)
            out.append((i, (examples[i], result.label, [s.why for s in result.signals])))
    return [p for _, p in sorted(out, key=lambda item: item[0])]


def kfold(examples: list[Example], clf: Classifier, k: int = 10, seed: int = 16) -> Predictions:
    """Every message classified by a model trained on the other k−1 folds."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    folds = [order[f::k] for f in range(k)]
    return _classify_folds(examples, folds, clf)


def leave_one_split_out(
    examples: list[Example], clf: Classifier, splits: Iterable[str] = PROBE_SPLITS
) -> dict[str, Predictions]:
    """For each split: its messages classified by a model trained on every other split."""
    out: dict[str, Predictions] = {}
    for split in splits:
        test = [i for i, ex in enumerate(examples) if ex.split == split]
        if test:
            out[split] = _classify_folds(examples, [test], clf)
    return out
