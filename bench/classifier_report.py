"""R-1: precision and recall per class, per split and per language.

Reads tests/data/classification/{tune,holdout}/<lang>.yaml and classifies every inquiry
with the default playbook. Exits 1 when a target (support and billing recall >= 0.9,
sales precision >= 0.95) is missed on the whole set or on the held-out split: the same
check runs in `make test` (tests/scoring/test_classify.py).

    .venv/bin/python bench/classifier_report.py [--mistakes [--split tune]] [--markdown]
"""

from __future__ import annotations

import sys

from salesops.playbook.loader import load_default_playbook
from salesops.scoring.classify import LABELS
from salesops.scoring.evaluation import (
    PROBES,
    TARGETS,
    Report,
    by_group,
    load_set,
    predict,
    report,
)


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
    for split in PROBES:
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
    targets = ", ".join(f"{label} {metric} >= {bar}" for (label, metric), bar in TARGETS.items())
    print(f"\ntargets (whole set and held-out split): {targets}")
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
