"""Run every benchmark in bench/ with its default (bounded) arguments: `make bench`.

Each script prints its own numbers and ratios; docs/performance.md records them. Every
``bench/*.py`` but this one and the ``_`` helpers runs: intake, pages, pipeline, routing,
scoring, sweep, classifier_report, and outbox (deliveries/s per worker, idle CPU).
PostgreSQL runs are included when SALESOPS_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    scripts = sorted(
        p for p in HERE.glob("*.py") if p.name != "run_all.py" and not p.name.startswith("_")
    )
    failed = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        rc = subprocess.call([sys.executable, str(script)])
        if rc != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
