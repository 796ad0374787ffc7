"""R-1: the trained linear model beside the phrase signals (issue 16 item 2).

A multinomial naive Bayes over binary features of the folded text — word unigrams,
word bigrams and character 3–5-grams inside each word (2–4-grams for Japanese and other
unspaced scripts, which have no spaces to split words at). Character n-grams catch
inflections ("erstatten", "erstattet"), typos and compounds, and read Japanese without a
tokeniser. It is linear: a class's score is its bias plus one weight per feature found,
so every prediction is explained by the words that moved it ("'refund' +2.1").

The weights are a data file in the package (``classifier_model.tsv``), written by
``salesops scoring train`` from the labelled sets (``tests/data/classification``),
pruned to the features that matter, versioned in its header, and loaded once per
process. Reading is bounded (``MAX_CHARS``) and linear in the text.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from salesops.core.text import fold, is_unspaced
from salesops.scoring import tsv

LABELS = ("sales", "support", "billing", "spam")
MAX_CHARS = 3000  # the model reads the subject and at most this much of the message
MAX_CACHED_WORDS = 1 << 16  # words whose weighted features a loaded model keeps at hand
DEFAULT_PATH = Path(__file__).with_name("classifier_model.tsv")
FORMAT = "salesops-r1-nb/1"

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_DIGITS = re.compile(r"\d+")
# Japanese n-grams of hiragana alone are grammar (して, ました), not what a message is about.
_HIRAGANA = re.compile(r"[\u3040-\u309f\u30fc]+")


def _unspaced(token: str) -> bool:
    return any(is_unspaced(ch) for ch in token)


@lru_cache(maxsize=1 << 16)
def _grams(token: str) -> tuple[tuple[str, bool], ...]:
    """A token's character n-grams as features, each marked True when it is shown as itself
    (Japanese) rather than as its word. Cached: words repeat from message to message."""
    unspaced = _unspaced(token)
    padded, sizes = (token, (2, 3, 4)) if unspaced else (f" {token} ", (3, 4, 5))
    out: dict[str, bool] = {}
    for n in sizes:
        for i in range(len(padded) - n + 1):
            gram = padded[i : i + n]
            if gram.strip() and not _HIRAGANA.fullmatch(gram):
                out.setdefault("c:" + gram, unspaced)
    return tuple(out.items())


@lru_cache(maxsize=1 << 16)
def _token(shown: str) -> tuple[str, bool, dict[str, str]]:
    """A word as read (digits as ``0``), whether it is unspaced script, and its n-grams
    with what each is shown as: Japanese n-grams as themselves, a Latin one as its word."""
    token = _DIGITS.sub("0", shown)
    grams = {gram: gram[2:] if as_itself else shown for gram, as_itself in _grams(token)}
    return token, _unspaced(token), grams


def features(text: str) -> dict[str, str]:
    """The model's features of an already folded text, each with the words it came from.

    ``w:`` a word (digits read as ``0``), ``b:`` two adjacent words, ``c:`` a character
    n-gram of a word padded with spaces (so "refu" at a word's start is `` refu``).
    """
    feats: dict[str, str] = {}
    previous = ""
    for match in _TOKEN.finditer(text):
        shown = match.group(0)
        token, unspaced, grams = _token(shown)
        if unspaced:
            previous = ""
        else:
            if len(token) > 1:
                feats["w:" + token] = shown
                if previous:
                    feats[f"b:{previous} {token}"] = f"{previous} {shown}"
            previous = token
        feats.update(grams)  # an n-gram two words share is shown as the later one
    return feats


def model_text(subject: str, message: str) -> str:
    """What the model reads: the folded subject and the first ``MAX_CHARS`` of the message."""
    return fold(f"{subject[:500]}\n{message[:MAX_CHARS]}")


@dataclass(frozen=True)
class Contribution:
    """What one word (or phrase) of the message added to a class against sales."""

    words: str
    points: float


@dataclass(frozen=True)
class Prediction:
    label: str
    probabilities: dict[str, float]
    # The words that pushed ``label`` up against the runner-up, strongest first.
    because: tuple[Contribution, ...]


Weighted = tuple[str, tuple[float, ...]]  # the words a feature came from, its weights


@dataclass(frozen=True)
class LinearModel:
    """Per-class bias and per-feature weights (centred: they sum to zero over classes)."""

    version: str
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    temperature: float = 1.0  # scores are divided by it before the softmax
    # Per word as written: its character n-grams that carry a weight, each with what it is
    # shown as and its weights — filled as words are met (they repeat from message to
    # message), so reading a text looks up only what the model knows.
    _words: dict[str, tuple[str, bool, dict[str, Weighted]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def predict(self, text: str, shown: int = 3) -> Prediction:
        """Class probabilities of a folded text, and the words behind the top class: the
        same as ``explain(features(text))``, without building the features the model has
        no weight for."""
        return self._decide(list(self.weighted(text).values()), shown)

    def weighted(self, text: str) -> dict[str, Weighted]:
        """``features(text)`` restricted to those with a weight: feature → (the words it
        came from, its weights)."""
        weights = self.weights
        words = self._words
        found: dict[str, Weighted] = {}
        previous = ""
        for match in _TOKEN.finditer(text):
            shown = match.group(0)
            word = words.get(shown)
            if word is None:
                token, unspaced, grams = _token(shown)
                known = {g: (as_shown, weights[g]) for g, as_shown in grams.items() if g in weights}
                word = (token, unspaced, known)
                if len(words) >= MAX_CACHED_WORDS:
                    words.clear()
                words[shown] = word
            token, unspaced, known = word
            if unspaced:
                previous = ""
            else:
                if len(token) > 1:
                    w = weights.get("w:" + token)
                    if w is not None:
                        found["w:" + token] = (shown, w)
                    if previous:
                        pair = f"b:{previous} {token}"
                        w = weights.get(pair)
                        if w is not None:
                            found[pair] = (f"{previous} {shown}", w)
                previous = token
            found.update(known)  # an n-gram two words share is shown as the later one
        return found

    def explain(self, feats: dict[str, str], shown: int = 3) -> Prediction:
        """``predict`` from a text's ``features`` (feature → the words it came from)."""
        weights = self.weights
        return self._decide([(feats[f], weights[f]) for f in feats.keys() & weights.keys()], shown)

    def _decide(self, found: list[Weighted], shown: int) -> Prediction:
        totals = list(self.bias)
        if found:
            # fsum: exact whatever the (hash) order of the found features
            columns = zip(*(w for _, w in found), strict=True)
            totals = [b + math.fsum(column) for b, column in zip(totals, columns, strict=True)]
        top = max(range(len(totals)), key=lambda i: totals[i])
        t = self.temperature
        peak = max(totals)
        exps = [math.exp((s - peak) / t) for s in totals]
        norm = sum(exps)
        probabilities = {label: e / norm for label, e in zip(self.labels, exps, strict=True)}
        rest = [i for i in range(len(totals)) if i != top]
        second = max(rest, key=lambda i: totals[i])
        because: tuple[Contribution, ...] = ()
        if shown:
            by_words: dict[str, list[float]] = {}
            for words, w in found:
                pushes = by_words.get(words)
                if pushes is None:
                    by_words[words] = [w[top] - w[second]]
                else:
                    pushes.append(w[top] - w[second])
            # fsum: exact whatever the order the features were found in
            summed = [(words, math.fsum(pushes)) for words, pushes in by_words.items()]
            strongest = heapq.nlargest(shown, summed, key=lambda kv: kv[1])
            because = tuple(Contribution(w, round(p / t, 1)) for w, p in strongest if p > 0)
        return Prediction(self.labels[top], probabilities, because)

    # --- the data file ---------------------------------------------------------------

    def dumps(self, header: Iterable[str] = ()) -> str:
        settings = [
            f"version\t{self.version}",
            f"temperature\t{self.temperature:.4g}",
            "labels\t" + "\t".join(self.labels),
            "bias\t" + "\t".join(f"{b:.3f}" for b in self.bias),
        ]
        rows = (
            f"{feat}\t" + "\t".join(f"{w:.2f}" for w in self.weights[feat])
            for feat in sorted(self.weights)
        )
        return tsv.dumps(header, FORMAT, settings, rows)

    @classmethod
    def loads(cls, text: str) -> LinearModel:
        head, weights = tsv.loads(text, FORMAT, _weight_line)
        return cls(
            version=head["version"][0],
            labels=tuple(head["labels"]),
            bias=tuple(float(b) for b in head["bias"]),
            weights=weights,
            temperature=float(head["temperature"][0]),
        )


def _weight_line(key: str, values: list[str]) -> tuple[str, list[str]] | None:
    return (key, values) if key[:2] in ("w:", "b:", "c:") else None


@cache
def load_model(path: Path = DEFAULT_PATH) -> LinearModel:
    """The packaged model, read once per process."""
    return LinearModel.loads(path.read_text(encoding="utf-8"))


# --- training --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingOptions:
    alpha: float = 0.3  # additive smoothing of the per-class feature counts
    min_docs: int = 2  # a feature must occur in this many messages to be kept
    keep: int = 20_000  # at most this many features, the most telling first
    # Naive Bayes counts overlapping n-grams as independent evidence, so its raw scores
    # are overconfident; dividing by this (chosen by cross-validation) tempers them.
    temperature: float = 12.0


@dataclass(frozen=True)
class Counts:
    """What naive Bayes counted, kept to vote on a training message as if it had not seen
    it (``leave_one_out``): the stacked combiner learns from such out-of-sample votes."""

    rows: dict[str, list[int]]  # per kept feature: messages per class holding it
    totals: list[int]
    per_class: list[int]
    vocab: int
    options: TrainingOptions


def train(
    docs: list[tuple[str, str]],
    version: str,
    options: TrainingOptions = TrainingOptions(),
) -> LinearModel:
    """Naive Bayes over binary features from ``(label, folded text)`` pairs."""
    return train_sets([(label, features(text)) for label, text in docs], version, options)[0]


def train_sets(
    docs: Sequence[tuple[str, Iterable[str]]],
    version: str,
    options: TrainingOptions = TrainingOptions(),
) -> tuple[LinearModel, Counts]:
    """``train`` from each message's feature names (computed once, reused across folds)."""
    k = len(LABELS)
    index = {label: i for i, label in enumerate(LABELS)}
    counts: dict[str, list[int]] = {}
    per_class = [0] * k
    for label, feats in docs:
        c = index[label]
        per_class[c] += 1
        for feat in feats:
            row = counts.get(feat)
            if row is None:
                row = counts[feat] = [0] * k
            row[c] += 1
    kept = {f: row for f, row in counts.items() if sum(row) >= options.min_docs}
    vocab = max(len(kept), 1)
    totals = [sum(row[c] for row in kept.values()) for c in range(k)]
    a = options.alpha
    denominators = [math.log(totals[c] + a * vocab) for c in range(k)]
    weights: dict[str, tuple[float, ...]] = {}
    strength: dict[str, float] = {}
    for feat, row in kept.items():
        logs = [math.log(row[c] + a) - denominators[c] for c in range(k)]
        mean = sum(logs) / k
        centred = tuple(v - mean for v in logs)
        weights[feat] = centred
        # The most telling features: far from neutral, and seen often.
        strength[feat] = (max(centred) - min(centred)) * math.log1p(sum(row))
    if len(weights) > options.keep:
        best = sorted(strength, key=lambda f: -strength[f])[: options.keep]
        weights = {f: weights[f] for f in best}
    n = sum(per_class)
    bias = tuple(math.log((per_class[c] + 1) / (n + k)) for c in range(k))
    mean_bias = sum(bias) / k
    model = LinearModel(
        version=version,
        labels=LABELS,
        bias=tuple(b - mean_bias for b in bias),
        weights=weights,
        temperature=options.temperature,
    )
    rows = {f: kept[f] for f in weights}
    return model, Counts(rows, totals, per_class, vocab, options)


def log_probabilities(model: LinearModel, feats: Iterable[str]) -> list[float]:
    """The model's log-probabilities (``LABELS`` order) of a message's feature names."""
    totals = list(model.bias)
    for feat in feats:
        w = model.weights.get(feat)
        if w is not None:
            for i, value in enumerate(w):
                totals[i] += value
    return _log_softmax([s / model.temperature for s in totals])


def leave_one_out(counts: Counts, label: str, feats: Iterable[str]) -> list[float]:
    """The log-probabilities a model trained without this one message would give it:
    its own counts taken out (the vocabulary is kept as is)."""
    k, a, o = len(LABELS), counts.options.alpha, counts.options
    y = LABELS.index(label)
    per_class = list(counts.per_class)
    per_class[y] -= 1
    n = sum(per_class)
    scores = [math.log((per_class[c] + 1) / (n + k)) for c in range(k)]
    used = 0
    for feat in feats:
        row = counts.rows.get(feat)
        if row is None or sum(row) - 1 < o.min_docs:
            continue
        used += 1
        for c in range(k):
            scores[c] += math.log(row[c] - (c == y) + a)
    totals = list(counts.totals)
    totals[y] -= used
    for c in range(k):
        scores[c] -= used * math.log(max(totals[c], 0) + a * counts.vocab)
    return _log_softmax([s / o.temperature for s in scores])


def _log_softmax(scores: list[float]) -> list[float]:
    peak = max(scores)
    norm = peak + math.log(sum(math.exp(s - peak) for s in scores))
    return [s - norm for s in scores]
