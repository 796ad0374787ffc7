"""Playbook impact preview (R-8, P-2; issue 16 item 5): a draft replayed over past leads.

Builds ``--leads`` lead tasks (accounts in ten countries across the five territories,
three salespeople each, four kinds of message, firmographics for the scores) on a
scratch database, then times ``flows.playbook_impact.impact`` — both replays (active
playbook and a draft that moves Germany to another territory and reweights an ICP
band) and the comparison, with the P-2 live-data check. Target: ≤ 5 s for 10,000
leads on SQLite and PostgreSQL.

    .venv/bin/python bench/playbook_impact.py [--leads 10000] [--pg URL] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))

from _scratch import each_database  # bench/ is on sys.path when run as a script
from sweep import NOW, setup  # noqa: E402

from routing import build  # noqa: E402
from salesops.playbook.loader import default_playbook_text  # noqa: E402

MESSAGES = [
    "We would like a demo for 40 seats and pricing for 5M monthly events.",
    "Session replay isn't recording since the SDK update, CORS errors in the console.",
    "I was charged twice this month, please refund the second invoice.",
    "Evaluating analytics tools for our product team; can we talk next week?",
]
DRAFT = (
    default_playbook_text()
    .replace("CY, CZ, DE, DJ,", "CY, CZ, DJ,")
    .replace("countries: [AE, AF,", "countries: [DE, AE, AF,")
    .replace("{min: 100, max: 1001, points: 1}", "{min: 100, max: 1001, points: 0}")
)


def enrich(url: str) -> None:
    """Messages and firmographics, set-based (one UPDATE each)."""
    engine = sa.create_engine(url)
    quoted = [m.replace("'", "''") for m in MESSAGES]
    cases = " ".join(f"WHEN {i} THEN '{m}'" for i, m in enumerate(quoted))
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE tasks SET sales_form_message = CASE id % 4 {cases} END"))
        conn.execute(
            sa.text(
                "UPDATE accounts SET employee_count = (id * 37) % 3000, "
                "industry = CASE id % 3 WHEN 0 THEN 'Financial Services' ELSE 'Retail' END"
            )
        )
    engine.dispose()


def bench(label: str, url: str, leads: int) -> None:
    from salesops.flows.playbook_impact import impact

    rt, _ = setup(url)
    build(rt, leads)
    enrich(url)
    with rt.uow(readonly=True) as s:  # warm: the classifier's compiled phrases, both playbooks
        impact(s, DRAFT, now=NOW, days=1)
    t0, c0 = time.perf_counter(), time.process_time()
    with rt.uow(readonly=True) as s:
        report = impact(s, DRAFT, now=NOW, days=90)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    live_ok = report["live_data"]["ok"]
    counts = report["classifications"]["counts"]
    other = sum(c["after"] for c in counts if c["classification"] != "sales")
    print(
        f"{label:<10} {report['leads']:,} leads replayed twice in {elapsed:.2f}s "
        f"({cpu:.2f}s CPU in this process) "
        f"(territory changes {report['territories']['changed']:,}, owner changes "
        f"{report['owners']['changed']:,}, ICP changes {report['icp_scores']['changed']:,}, "
        f"classified non-sales {other:,}; "
        f"live-data ok {live_ok}) — target ≤ 5 s: {'met' if elapsed <= 5 else 'NOT met'}",
        flush=True,
    )
    rt.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=10_000)
    parser.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    print(f"load average: {Path('/proc/loadavg').read_text().strip()}")
    for label, url in each_database(args.pg, sqlite=not args.no_sqlite, name="impact"):
        bench(label, url, args.leads)
    print(f"load average: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main()
