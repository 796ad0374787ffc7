"""R-1: precision and recall of the classifier over a labelled set of inquiries.

Used by ``bench/classifier_report.py`` (prints the table) and by
``tests/scoring/test_classifier_report.py`` (fails ``make test`` below the bar).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from salesops.playbook.schema import Classifier
from salesops.scoring.classify import LABELS, Inquiry, classify

#: R-1: the classes whose false positives disqualify real leads, and the bar they must meet.
PRECISION_BAR = {"support": 0.9, "spam": 0.9}

DEFAULT_SET = Path(__file__).resolve().parents[3] / "tests" / "data" / "classification.yaml"


@dataclass
class Report:
    total: int
    rows: dict[str, dict[str, float]]
    mistakes: list[dict[str, Any]] = field(default_factory=list)

    def failures(self) -> list[str]:
        return [
            f"{label} precision {self.rows[label]['precision']:.3f} < {bar}"
            for label, bar in PRECISION_BAR.items()
            if self.rows[label]["precision"] < bar
        ]

    def table(self) -> str:
        lines = [f"{'class':<9}{'n':>5}{'predicted':>11}{'precision':>11}{'recall':>9}"]
        for label in LABELS:
            r = self.rows[label]
            lines.append(
                f"{label:<9}{int(r['support']):>5}{int(r['predicted']):>11}"
                f"{r['precision']:>11.3f}{r['recall']:>9.3f}"
            )
        correct = self.total - len(self.mistakes)
        lines.append(f"accuracy {correct}/{self.total} = {correct / max(self.total, 1):.3f}")
        return "\n".join(lines)


def load_set(path: Path = DEFAULT_SET) -> list[dict[str, Any]]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(rows, list):
        raise ValueError(f"{path}: expected a list of inquiries")
    return rows


def evaluate(rows: list[dict[str, Any]], clf: Classifier) -> Report:
    """Classify every labelled row and compute per-class precision and recall."""
    tp = dict.fromkeys(LABELS, 0)
    predicted = dict.fromkeys(LABELS, 0)
    actual = dict.fromkeys(LABELS, 0)
    mistakes: list[dict[str, Any]] = []
    for row in rows:
        inquiry = Inquiry(
            message=str(row.get("text") or ""),
            subject=str(row.get("subject") or ""),
            sender=str(row.get("sender") or ""),
            lead_source=str(row.get("source") or "Contact form"),
        )
        result = classify(inquiry, clf)
        expected = str(row["label"])
        actual[expected] += 1
        predicted[result.label] += 1
        if result.label == expected:
            tp[expected] += 1
        else:
            mistakes.append(
                {
                    "expected": expected,
                    "got": result.label,
                    "subject": row.get("subject"),
                    "signals": [s.why for s in result.signals],
                }
            )
    table = {
        label: {
            "support": actual[label],
            "predicted": predicted[label],
            "precision": tp[label] / predicted[label] if predicted[label] else 1.0,
            "recall": tp[label] / actual[label] if actual[label] else 1.0,
        }
        for label in LABELS
    }
    return Report(total=len(rows), rows=table, mistakes=mistakes)
