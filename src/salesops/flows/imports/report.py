"""The import report (issue 19 item 5): per object, how many rows were created,
updated, merged into an existing record, unchanged, skipped, or bad; the owners that
matched no user; and the errors file (file, line, reason) written as rows go."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

OUTCOMES = ("created", "updated", "merged", "unchanged", "skipped", "errors")


@dataclass
class Report:
    system: str
    dry_run: bool = False
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    unknown_owners: dict[str, str] = field(default_factory=dict)
    notes: Counter[str] = field(default_factory=Counter)
    errors_path: Path | None = None
    written: int = 0  # rows in the errors file: the bad ones and the skipped orphans
    _errors: IO[str] | None = None
    _writer: Any = None

    def count(self, obj: str, outcome: str, n: int = 1) -> None:
        self.counts[obj][outcome] += n

    def note(self, text: str) -> None:
        self.notes[text] += 1

    def error(self, file: str, line: int, reason: str, obj: str) -> None:
        """A bad row: skipped, and written to the errors CSV with its file and line."""
        self.count(obj, "errors")
        self._write(file, line, reason)

    def skip(self, file: str, line: int, reason: str, obj: str) -> None:
        """A good row that cannot go in (an opportunity whose account is not in the
        export, an activity on nothing imported): counted as skipped, and written to the
        errors CSV with its file, line and reason like a bad row, so none is lost quietly."""
        self.count(obj, "skipped")
        self.note(f"{obj} skipped: {reason.split(':', 1)[0]} (see the errors file)")
        self._write(file, line, reason)

    def _write(self, file: str, line: int, reason: str) -> None:
        self.written += 1
        if self.errors_path is None:
            return
        if self._writer is None:
            self.errors_path.parent.mkdir(parents=True, exist_ok=True)
            self._errors = self.errors_path.open("w", newline="", encoding="utf-8")
            self._writer = csv.writer(self._errors)
            self._writer.writerow(["file", "line", "reason"])
        self._writer.writerow([file, line, reason])

    def close(self) -> None:
        if self._errors is not None:
            self._errors.close()
            self._errors = None
        elif self.errors_path is not None and self.errors_path.is_file():
            # no bad rows this time: an earlier run's errors must not read as this one's
            with self.errors_path.open("w", newline="", encoding="utf-8") as f:
                csv.writer(f).writerow(["file", "line", "reason"])

    def totals(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for c in self.counts.values():
            out.update(c)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "dry_run": self.dry_run,
            "objects": {k: {o: v.get(o, 0) for o in OUTCOMES} for k, v in self.counts.items()},
            "totals": {o: self.totals().get(o, 0) for o in OUTCOMES},
            "unknown_owners": dict(sorted(self.unknown_owners.items())),
            "notes": dict(self.notes),
            "errors_file": str(self.errors_path) if self.written else None,
        }

    def lines(self) -> list[str]:
        """The report as text lines (the CLI prints them)."""
        head = "would be " if self.dry_run else ""
        out = [f"{'object':<24}" + "".join(f"{o:>10}" for o in OUTCOMES)]
        for obj, c in self.counts.items():
            out.append(f"{obj:<24}" + "".join(f"{c.get(o, 0):>10}" for o in OUTCOMES))
        t = self.totals()
        out.append(f"{'total':<24}" + "".join(f"{t.get(o, 0):>10}" for o in OUTCOMES))
        out.append(
            f"{head}created {t['created']}, updated {t['updated']}, merged {t['merged']}, "
            f"unchanged {t['unchanged']}, skipped {t['skipped']}, bad rows {t['errors']}"
        )
        if self.unknown_owners:
            names = ", ".join(sorted(set(self.unknown_owners.values())))
            out.append(f"{len(self.unknown_owners)} unknown owner(s), left unowned: {names}")
        for text, n in sorted(self.notes.items()):
            out.append(f"{n} × {text}")
        if self.written and self.errors_path is not None:
            out.append(f"bad and skipped rows written to {self.errors_path}")
        return out
