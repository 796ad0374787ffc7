"""R-1: precision and recall per class over tests/data/classification.yaml.

Exits 1 when support or spam precision is below 0.9 (the same check runs in
`make test`: tests/scoring/test_classify.py::test_r1_labelled_set_meets_the_precision_bar).

    .venv/bin/python bench/classifier_report.py [--mistakes]
"""

from __future__ import annotations

import sys

from salesops.playbook.loader import load_default_playbook
from salesops.scoring.evaluation import evaluate, load_set


def main(argv: list[str]) -> int:
    report = evaluate(load_set(), load_default_playbook().routing.classifier)
    print(report.table())
    if "--mistakes" in argv:
        for m in report.mistakes:
            print(f"  expected {m['expected']}, got {m['got']}: {m['subject']!r} {m['signals']}")
    failures = report.failures()
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
