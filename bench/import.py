"""Import and export throughput (issue 19): a generated Salesforce Data Export of 100k
accounts, 300k contacts, 200k leads and 100k opportunities (times ``--scale``), imported
end to end — matching, enrichment, scoring, decision records — then exported.

Targets: import ≥ 5,000 rows/s and export ≥ 20,000 rows/s on each backend, with flat
memory (peak RSS is printed; run two scales to see it stay flat).

    .venv/bin/python bench/import.py [--scale 0.05] [--pg postgresql://…] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _scratch import each_database  # noqa: E402

from salesops.core.config import Settings  # noqa: E402
from salesops.flows.bootstrap import prepare  # noqa: E402
from salesops.flows.imports.dump import export  # noqa: E402
from salesops.flows.imports.service import Options, import_salesforce  # noqa: E402
from salesops.playbook.runtime import Runtime  # noqa: E402
from salesops.tables import load_all  # noqa: E402
from salesops.users import service as users  # noqa: E402

INDUSTRIES = ["Financial Services", "Biotechnology", "Consulting", "Retail", ""]
COUNTRIES = ["United States", "Germany", "Japan", "France", "Brazil", ""]
STAGES = ["Prospecting", "Needs Analysis", "Proposal/Price Quote", "Closed Won", "Closed Lost"]
STATUSES = ["Open - Not Contacted", "Working - Contacted", "Nurturing", "Closed - Not Converted"]
TITLES = ["Software Engineer", "CTO", "Head of Marketing", "Founder", "Analyst"]
OWNERS = 20


def sfid(prefix: str, n: int) -> str:
    return f"{prefix}5e{n:013d}"[:18].ljust(18, "A")


def generate(folder: Path, scale: float) -> int:
    """Write the export; returns the number of data rows."""
    n_acc, n_con = int(100_000 * scale), int(300_000 * scale)
    n_lead, n_opp = int(200_000 * scale), int(100_000 * scale)

    def write(name: str, header: list[str], rows: object) -> None:
        with (folder / name).open("w", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)  # type: ignore[arg-type]

    write(
        "User.csv",
        ["Id", "Email", "FirstName", "LastName"],
        ([sfid("005", i), f"rep{i}@ourco.com", "Rep", str(i)] for i in range(OWNERS + 5)),
    )
    write(
        "Account.csv",
        [
            "Id",
            "Name",
            "Website",
            "OwnerId",
            "BillingCountry",
            "NumberOfEmployees",
            "AnnualRevenue",
            "Industry",
            "CreatedDate",
        ],
        (
            [
                sfid("001", i),
                f"Company {i}",
                f"https://www.company{i}.com",
                sfid("005", i % 25),
                COUNTRIES[i % 6],
                (i * 37) % 5000,
                (i * 7919) % 200_000_000,
                INDUSTRIES[i % 5],
                "2023-01-01T00:00:00.000Z",
            ]
            for i in range(n_acc)
        ),
    )
    write(
        "Contact.csv",
        [
            "Id",
            "AccountId",
            "FirstName",
            "LastName",
            "Email",
            "Title",
            "MailingCountry",
            "LeadSource",
            "OwnerId",
        ],
        (
            [
                sfid("003", i),
                sfid("001", i % n_acc),
                "First",
                str(i),
                f"p{i}@company{i % n_acc}.com" if i % 10 else f"person{i}@gmail.com",
                TITLES[i % 5],
                COUNTRIES[i % 6],
                "Web",
                sfid("005", i % 25),
            ]
            for i in range(n_con)
        ),
    )
    write(
        "Lead.csv",
        [
            "Id",
            "FirstName",
            "LastName",
            "Email",
            "Company",
            "Status",
            "LeadSource",
            "OwnerId",
            "Country",
            "IsConverted",
            "NumberOfEmployees",
            "Title",
        ],
        (
            [
                sfid("00Q", i),
                "Lead",
                str(i),
                f"lead{i}@newco{i % (n_lead // 2 or 1)}.io",
                f"NewCo {i}",
                STATUSES[i % 4],
                "Web",
                sfid("005", i % 25),
                COUNTRIES[i % 6],
                "false",
                50 + i % 900,
                TITLES[i % 5],
            ]
            for i in range(n_lead)
        ),
    )
    write(
        "Opportunity.csv",
        [
            "Id",
            "AccountId",
            "Name",
            "StageName",
            "Amount",
            "CloseDate",
            "Type",
            "ForecastCategoryName",
            "OwnerId",
            "CreatedDate",
        ],
        (
            [
                sfid("006", i),
                sfid("001", i % n_acc),
                f"Deal {i}",
                STAGES[i % 5],
                10_000 + (i * 131) % 90_000,
                f"2026-{1 + i % 12:02d}-15",
                "",
                "Pipeline",
                sfid("005", i % 25),
                "2026-01-01T00:00:00.000Z",
            ]
            for i in range(n_opp)
        ),
    )
    return OWNERS + 5 + n_acc + n_con + n_lead + n_opp


def load() -> str:
    """The load average (1, 5, 15 minutes): the shared machine's contention."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def server_cpu(url: str) -> float | None:
    """PostgreSQL on this machine: the CPU seconds its backends serving the benchmark's
    database have used so far (``/proc``), or None (SQLite, or a server elsewhere). With
    the process's own CPU it gives the import's whole cost in CPU time, which the
    machine's contention inflates far less than the wall clock."""
    if not url.startswith("postgresql"):
        return None
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            pids = conn.exec_driver_sql(
                "SELECT pid FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).scalars()
            ticks = 0
            for pid in pids:
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    return None
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
    finally:
        engine.dispose()
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=0.05)
    ap.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    ap.add_argument("--no-sqlite", action="store_true")
    args = ap.parse_args()
    load_all()
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "export"
        folder.mkdir()
        t0 = time.perf_counter()
        total = generate(folder, args.scale)
        print(f"generated {total:,} rows in {time.perf_counter() - t0:.1f}s (scale {args.scale})")
        for label, url in each_database(args.pg, sqlite=not args.no_sqlite, name="import"):
            settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
            rt = Runtime(settings)
            prepare(rt, migrate=True)
            from salesops.core import clock

            with rt.uow() as s:
                for i in range(OWNERS):
                    users.create_user(
                        s, email=f"rep{i}@ourco.com", role="sales", password=None, now=clock.now()
                    )
            with rt.uow(readonly=True) as s:  # the pool's connection, before the clock
                s.connection()
            s0 = server_cpu(url)
            t0, c0 = time.perf_counter(), time.process_time()
            report = import_salesforce(rt, folder, Options(errors=Path(tmp) / "errors.csv"))
            took, cpu = time.perf_counter() - t0, time.process_time() - c0
            s1 = server_cpu(url)
            rate = total / took
            server = ""
            if s0 is not None and s1 is not None:
                both = cpu + s1 - s0
                server = (
                    f"; server CPU {s1 - s0:.1f}s: {total / both:,.0f} rows per CPU second "
                    "of client and server"
                )
            print(
                f"{label}: import {total:,} rows in {took:.1f}s = {rate:,.0f} rows/s "
                f"(target 5,000: ratio {rate / 5000:.2f}); this process's CPU {cpu:.1f}s "
                f"= {total / cpu:,.0f} rows per CPU second{server}; peak RSS {rss_mb():.0f} MB; "
                f"load {load()}"
            )
            print("  " + report.lines()[-1 - bool(report.unknown_owners) - len(report.notes)])
            verdicts.append(_verdict(f"{label} import", rate, 5000))
            t0, c0 = time.perf_counter(), time.process_time()
            manifest = export(rt, Path(tmp) / f"dump-{label}")
            took, cpu = time.perf_counter() - t0, time.process_time() - c0
            rows = sum(manifest["counts"].values())
            rate = rows / took
            print(
                f"{label}: export {rows:,} rows in {took:.1f}s = {rate:,.0f} rows/s "
                f"(target 20,000: ratio {rate / 20000:.2f}); this process's CPU {cpu:.1f}s; "
                f"peak RSS {rss_mb():.0f} MB; load {load()}"
            )
            verdicts.append(_verdict(f"{label} export", rate, 20000))
            rt.close()
    print(
        f"TARGETS (scale {args.scale}, peak RSS {rss_mb():.0f} MB, load {load()}): "
        + "; ".join(verdicts)
    )
    return 0


def _verdict(what: str, rate: float, target: int) -> str:
    met = "met" if rate >= target else "NOT met"
    return f"{what} {rate:,.0f} rows/s vs ≥ {target:,}: {met}"


if __name__ == "__main__":
    sys.exit(main())
