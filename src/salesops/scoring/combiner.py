"""R-1: the learned combination of the classifier's evidence (issue 16 item 2).

A multinomial logistic regression decides the class from *everything the classifier
found*: each phrase or pattern signal's points (``s:not_working``), the points per class
(``sum:billing``), the structural facts (company domain, free mail, stated volume or
headcount, a sales lead source — signals too) and the text model's log-probabilities
(``nb:support``, from ``scoring/model.py``). Its weights replace the hand-tuned additive
points: how much a ``company_domain`` or a ``developer_terms`` counts against the text
model is learnt from the labelled sets, and its probabilities are calibrated (trained
on the text model's *out-of-sample* votes, so it does not over-trust them).

The decision keeps the asymmetric cost: the message is sales unless P(sales) falls below
``threshold``, chosen by cross-validation (``training.choose_threshold``) to hold sales
precision ≥ 0.95 and recall ≥ 0.97 and support / billing recall ≥ 0.9. It stays
explainable: a class's score is its bias plus one weight × value per feature, so every
decision names the features that moved it ("the text model +3.1, 'charged' +1.8").

Pure Python: ~100 features × 4 classes, trained by L-BFGS in about a second.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from salesops.scoring import tsv
from salesops.scoring.model import DEFAULT_PATH as TEXT_PATH
from salesops.scoring.model import LinearModel, load_model

LABELS = ("sales", "support", "billing", "spam")
FORMAT = "salesops-r1-lr/1"
DEFAULT_PATH = Path(__file__).with_name("classifier_combiner.tsv")
#: A message with no evidence (empty, "hi") gets the classes' priors, none of them likely:
#: the other class must reach this probability too, or it stays a lead. Chosen by
#: cross-validation: it changes no leave-one-probe-out answer and saves a lead in 10-fold.
MIN_CLASS = 0.35
NB_FLOOR = -30.0  # the text model's log-probabilities are clipped here (a certain "no")

Features = dict[str, float]


def stack_features(
    signals: Iterable[tuple[str, str, float]], text_logp: Sequence[float], free_mail: bool
) -> Features:
    """The combiner's features of one message: ``(name, label, points)`` of each signal
    that fired, the text model's log-probabilities in ``LABELS`` order, and the sender
    kind (a company domain is a signal already)."""
    feats: Features = {}
    for name, label, points in signals:
        feats["s:" + name] = feats.get("s:" + name, 0.0) + points
        feats["sum:" + label] = feats.get("sum:" + label, 0.0) + points
    for label, lp in zip(LABELS, text_logp, strict=True):
        feats["nb:" + label] = max(lp, NB_FLOOR) / 10
    if free_mail:
        feats["free_mail"] = 1.0
    return feats


#: How a feature is named to a person.
def feature_words(feat: str) -> str:
    kind, _, name = feat.partition(":")
    if kind == "nb":
        return "the text model"
    if kind == "sum":
        return f"{name} points"
    if kind == "s":
        return name
    return feat.replace("_", " ")


@dataclass(frozen=True)
class Combiner:
    """Per-class bias and per-feature weights; ``threshold``: P(sales) below which the
    likeliest other class is chosen."""

    version: str
    text_version: str  # the text model it was trained on top of
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float

    def scores(self, feats: Features) -> list[float]:
        totals = list(self.bias)
        for feat, value in feats.items():
            w = self.weights.get(feat)
            if w is not None:
                for i, wi in enumerate(w):
                    totals[i] += wi * value
        return totals

    def probabilities(self, feats: Features) -> dict[str, float]:
        return dict(zip(self.labels, softmax(self.scores(feats)), strict=True))

    def decide(self, probabilities: dict[str, float]) -> str:
        """Sales unless P(sales) < ``threshold`` and the likeliest other class reaches
        ``MIN_CLASS``; then that class."""
        if probabilities["sales"] >= self.threshold:
            return "sales"
        best = max((k for k in self.labels if k != "sales"), key=lambda k: probabilities[k])
        return best if probabilities[best] >= MIN_CLASS else "sales"

    def because(self, feats: Features, label: str, shown: int = 3) -> list[tuple[str, float]]:
        """The features that pushed ``label`` up against its strongest rival, strongest
        first: ``[(words, points), …]``."""
        totals = self.scores(feats)
        top = self.labels.index(label)
        rival = max((i for i in range(len(totals)) if i != top), key=lambda i: totals[i])
        pushes: dict[str, float] = {}
        for feat, value in feats.items():
            w = self.weights.get(feat)
            if w is not None:
                words = feature_words(feat)
                pushes[words] = pushes.get(words, 0.0) + (w[top] - w[rival]) * value
        best = sorted(pushes.items(), key=lambda kv: -kv[1])[:shown]
        return [(words, round(p, 1)) for words, p in best if p >= 0.05]

    # --- the data file ---------------------------------------------------------------

    def dumps(self, header: Iterable[str] = ()) -> str:
        settings = [
            f"version\t{self.version}",
            f"text_version\t{self.text_version}",
            f"threshold\t{self.threshold:.3f}",
            "labels\t" + "\t".join(self.labels),
            "bias\t" + "\t".join(f"{b:.4f}" for b in self.bias),
        ]
        rows = (
            f"x\t{feat}\t" + "\t".join(f"{w:.4f}" for w in self.weights[feat])
            for feat in sorted(self.weights)
        )
        return tsv.dumps(header, FORMAT, settings, rows)

    @classmethod
    def loads(cls, text: str) -> Combiner:
        head, weights = tsv.loads(text, FORMAT, _weight_line)
        return cls(
            version=head["version"][0],
            text_version=head["text_version"][0],
            labels=tuple(head["labels"]),
            bias=tuple(float(b) for b in head["bias"]),
            weights=weights,
            threshold=float(head["threshold"][0]),
        )


def _weight_line(key: str, values: list[str]) -> tuple[str, list[str]] | None:
    return (values[0], values[1:]) if key == "x" else None


@dataclass(frozen=True)
class Trained:
    """The trained part of R-1: the text model and the combiner stacked on it (``None``:
    the text model's vote is added as points, ``combine: additive``)."""

    text: LinearModel
    combiner: Combiner | None = None


@cache
def load_trained(text_path: Path = TEXT_PATH, path: Path = DEFAULT_PATH) -> Trained:
    """The packaged models, read once per process. A combiner trained on another text
    model than the packaged one is refused: ``salesops scoring train`` writes both."""
    text = load_model(text_path)
    combiner = Combiner.loads(path.read_text(encoding="utf-8"))
    if combiner.text_version != text.version:
        raise ValueError(
            f"{path.name} was trained on text model v{combiner.text_version}, not "
            f"v{text.version}: run `salesops scoring train`"
        )
    return Trained(text, combiner)


def softmax(scores: Sequence[float]) -> list[float]:
    peak = max(scores)
    exps = [math.exp(s - peak) for s in scores]
    norm = sum(exps)
    return [e / norm for e in exps]


# --- training: L2-regularised multinomial logistic regression by L-BFGS ----------------


def fit(
    rows: list[Features],
    labels: list[str],
    *,
    l2: float = 0.001,
    iterations: int = 150,
    version: str = "cv",
    text_version: str = "cv",
    threshold: float = 0.5,
) -> Combiner:
    """Weights minimising the mean cross-entropy + ``l2``/2 · |w|² (the bias is free)."""
    k = len(LABELS)
    names = sorted({f for row in rows for f in row})
    index = {f: j for j, f in enumerate(names)}
    docs = [[(index[f], v) for f, v in row.items()] for row in rows]
    ys = [LABELS.index(label) for label in labels]
    n, dim = len(docs), (len(names) + 1) * k  # the last k: the bias
    bias_at = len(names) * k

    def loss_grad(w: list[float]) -> tuple[float, list[float]]:
        grad = [0.0] * dim
        total = 0.0
        for doc, y in zip(docs, ys, strict=True):
            s = w[bias_at : bias_at + k]
            for j, v in doc:
                base = j * k
                for c in range(k):
                    s[c] += w[base + c] * v
            p = softmax(s)
            total -= math.log(max(p[y], 1e-300))
            p[y] -= 1.0
            for c in range(k):
                grad[bias_at + c] += p[c]
            for j, v in doc:
                base = j * k
                for c in range(k):
                    grad[base + c] += p[c] * v
        loss = total / n
        for i in range(dim):
            grad[i] /= n
        for i in range(bias_at):
            loss += 0.5 * l2 * w[i] * w[i]
            grad[i] += l2 * w[i]
        return loss, grad

    w = lbfgs(loss_grad, [0.0] * dim, iterations)
    mean_bias = sum(w[bias_at:]) / k
    return Combiner(
        version=version,
        text_version=text_version,
        labels=LABELS,
        bias=tuple(b - mean_bias for b in w[bias_at:]),
        weights={f: tuple(w[index[f] * k : index[f] * k + k]) for f in names},
        threshold=threshold,
    )


LossGrad = Callable[[list[float]], tuple[float, list[float]]]


def lbfgs(
    f: LossGrad, x: list[float], iterations: int, memory: int = 8, tolerance: float = 1e-6
) -> list[float]:
    """Minimise a smooth convex function (limited-memory BFGS, backtracking line search)."""
    fx, g = f(x)
    history: list[tuple[list[float], list[float], float]] = []
    for _ in range(iterations):
        # Two-loop recursion: d = −H·g
        q = list(g)
        alphas = []
        for s, y, rho in reversed(history):
            a = rho * _dot(s, q)
            alphas.append(a)
            q = [qi - a * yi for qi, yi in zip(q, y, strict=True)]
        if history:
            s, y, _ = history[-1]
            gamma = _dot(s, y) / max(_dot(y, y), 1e-12)
            q = [gamma * qi for qi in q]
        for (s, y, rho), a in zip(history, reversed(alphas), strict=True):
            b = rho * _dot(y, q)
            q = [qi + (a - b) * si for qi, si in zip(q, s, strict=True)]
        d = [-qi for qi in q]
        slope = _dot(g, d)
        if slope >= 0:  # not a descent direction: restart from the gradient
            history.clear()
            d = [-gi for gi in g]
            slope = -_dot(g, g)
        step = 1.0
        while True:
            nx = [xi + step * di for xi, di in zip(x, d, strict=True)]
            nfx, ng = f(nx)
            if nfx <= fx + 1e-4 * step * slope or step < 1e-8:
                break
            step *= 0.5
        s = [a - b for a, b in zip(nx, x, strict=True)]
        y = [a - b for a, b in zip(ng, g, strict=True)]
        sy = _dot(s, y)
        if sy > 1e-12:
            history.append((s, y, 1.0 / sy))
            if len(history) > memory:
                history.pop(0)
        done = abs(fx - nfx) < tolerance * max(1.0, abs(fx))
        x, fx, g = nx, nfx, ng
        if done:
            break
    return x


def _dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))
