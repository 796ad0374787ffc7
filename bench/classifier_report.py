"""R-1: precision and recall per class, per split and per language.

Reads tests/data/classification/{tune,holdout}/<lang>.yaml and classifies every inquiry
with the default playbook. Exits 1 when a target (support and billing recall >= 0.9,
sales precision >= 0.95) is missed on the whole set or on the held-out split: the same
check runs in `make test` (tests/scoring/test_classify.py).

    .venv/bin/python bench/classifier_report.py [--mistakes [--split tune]] [--markdown]
        [--cv]  # + k-fold and leave-one-probe-out cross-validation of phrase signals + model
        [--timing]  # + CPU time per message (the whole classifier, and the model alone)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from salesops.playbook.loader import load_default_playbook
from salesops.playbook.schema_scoring import Classifier
from salesops.scoring.classify import LABELS, classify, examined_text, gather
from salesops.scoring.combiner import load_trained
from salesops.scoring.evaluation import (
    PROBES,
    REPORT_ONLY,
    TARGETS,
    TRAINING_BATCHES,
    Report,
    by_group,
    load_set,
    predict,
    report,
)
from salesops.scoring.model import MAX_CHARS as MODEL_MAX_CHARS
from salesops.scoring.model import features, load_model
from salesops.scoring.training import TRAINING_SPLITS, kfold, leave_one_split_out, prepare


def _cell(r: Report, label: str) -> str:
    row = r.rows[label]
    if not row["n"] and not row["predicted"]:
        return "–"
    return f"{row['precision']:.2f} / {row['recall']:.2f} ({int(row['n'])})"


def _by_language(reports: dict[str, Report], markdown: bool) -> str:
    head = ["lang", "n", *(f"{label} P / R (n)" for label in LABELS)]
    rows = [
        [lang, str(r.total), *(_cell(r, label) for label in LABELS)] for lang, r in reports.items()
    ]
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        out += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(out)
    widths = [max(len(x[i]) for x in [head, *rows]) + 2 for i in range(len(head))]
    return "\n".join(
        "".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in [head, *rows]
    )


def _markdown(r: Report) -> str:
    out = ["| class | n | predicted | precision | recall |", "| --- | --- | --- | --- | --- |"]
    for label in LABELS:
        row = r.rows[label]
        out.append(
            f"| {label} | {int(row['n'])} | {int(row['predicted'])} "
            f"| {row['precision']:.3f} | {row['recall']:.3f} |"
        )
    return "\n".join(out)


def _load() -> str:
    return Path("/proc/loadavg").read_text().strip()


def _cross_validation(clf: Classifier, markdown: bool) -> None:
    """The generalisation estimate: each message classified by phrase signals plus a model
    trained without it (docs/scoring.md, "Cross-validated")."""
    started = time.process_time()
    examples = prepare(load_set(splits=TRAINING_SPLITS), clf)  # features and signals, once
    folded = kfold(examples, clf)
    print(f"\n## 10-fold cross-validation by message ({len(folded)} inquiries, all but holdout)\n")
    print(_markdown(report(folded)) if markdown else report(folded).table())
    print("\nby language:\n")
    print(_by_language(by_group(folded, "lang"), markdown))
    left_out = leave_one_split_out(examples, clf)
    pooled = [p for preds in left_out.values() for p in preds]
    print(f"\n## leave one probe out, pooled ({len(pooled)} inquiries)\n")
    print(_markdown(report(pooled)) if markdown else report(pooled).table())
    print("\nper probe (trained on every other split):\n")
    print(_by_language({split: report(p) for split, p in left_out.items()}, markdown))
    held = predict(load_set(splits=("holdout",)), clf)
    print(f"\n## held-out split, packaged model (never trained on it; {len(held)} inquiries)\n")
    print(_markdown(report(held)) if markdown else report(held).table())
    cpu = time.process_time() - started
    combiner = load_trained().combiner
    if combiner is not None:
        print(f"\n(decision threshold: P(sales) < {combiner.threshold:.2f} is not sales)")
    print(f"\n(cross-validation: {cpu:.1f} s CPU; load {_load()})")


def _timing(clf: Classifier) -> None:
    """CPU per message: the whole classifier, the signals alone (``gather``), and the
    models' part (the difference: the text model and the combiner)."""
    examples = load_set(splits=("holdout", *TRAINING_SPLITS))
    inquiries = [ex.inquiry() for ex in examples]
    model = load_model()
    texts = [examined_text(q, clf)[:MODEL_MAX_CHARS] for q in inquiries]
    for _ in range(2):  # the first pass warms the caches (compiled phrases, the weights)
        started = time.process_time()
        for q in inquiries:
            classify(q, clf)
        whole = time.process_time() - started
        started = time.process_time()
        for q in inquiries:
            gather(q, clf)
        signals = time.process_time() - started
        started = time.process_time()
        for text in texts:
            model.predict(text)
        text_model = time.process_time() - started
        started = time.process_time()
        for text in texts:
            model.explain(features(text))  # every feature built, then matched: the old way
        every_feature = time.process_time() - started
    n = len(examples)
    per = 1000 / n
    print(
        f"\n## timing ({n} messages, CPU time)\n\nclassify: {whole * per:.3f} ms/message;"
        f" the signals alone: {signals * per:.3f}; the models' part (text model and"
        f" combiner): {(whole - signals) * per:.3f}; the text model alone:"
        f" {text_model * per:.3f} (looking up each word's weighted features, cached;"
        f" building every feature first: {every_feature * per:.3f}) (load {_load()})"
    )


def main(argv: list[str]) -> int:
    markdown = "--markdown" in argv
    clf = load_default_playbook().routing.classifier
    preds = predict(load_set(), clf)
    whole = report(preds)
    splits = by_group(preds, "split")
    sections = [("whole set", whole), *((f"{name} split", r) for name, r in splits.items())]
    failures: list[str] = []
    for title, r in sections:
        print(f"\n## {title} ({r.total} inquiries)\n")
        print(_markdown(r) if markdown else r.table())
        if title in ("whole set", "holdout split"):
            failures += [f"{title}: {f}" for f in r.failures()]
    print("\n## by language (precision / recall (n), whole set)\n")
    print(_by_language(by_group(preds, "lang"), markdown))
    probe: list = []  # type: ignore[type-arg]
    for split in (*PROBES, *TRAINING_BATCHES, *REPORT_ONLY):
        rows = predict(load_set(splits=(split,)), clf)
        if not rows:
            continue
        probe += rows
        r = report(rows)
        print(f"\n## {split}: report only ({r.total} inquiries; see its file header)\n")
        print(_markdown(r) if markdown else r.table())
        print("\nby language:\n")
        print(_by_language(by_group(rows, "lang"), markdown))
    if "--mistakes" in argv:
        print("\n## mistakes\n")
        only = argv[argv.index("--split") + 1] if "--split" in argv else None
        for m in whole.mistakes + (report(probe).mistakes if "--probe" in argv else []):
            if only is not None and m["split"] != only:
                continue
            print(
                f"  [{m['lang']} {m['split']}] expected {m['expected']}, got {m['got']}: "
                f"{m['subject']!r} {m['signals']}"
            )
    if "--cv" in argv:
        _cross_validation(clf, markdown)
    if "--timing" in argv:
        _timing(clf)
    targets = ", ".join(f"{label} {metric} >= {bar}" for (label, metric), bar in TARGETS.items())
    print(f"\ntargets (whole set and held-out split): {targets}")
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
