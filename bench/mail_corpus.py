"""Issue 15: how raw-mail intake does on the mail corpus (tests/data/mail/manifest.yaml).

Runs every message over HTTP (``POST /api/v1/intake/email``, in-process) and over the
built-in SMTP listener (a real socket on 127.0.0.1), each on its own scratch database,
and prints the detection rate per client and per language, the robots by kind, the wrong
leads, tasks from robots, refused robots, errors, and where SMTP and HTTP disagree; then
which of issue 15's targets are missed. Exit code 0 either way (a report, not a gate:
tests/intake/test_mail_corpus.py asserts the targets).

    .venv/bin/python bench/mail_corpus.py [--transport http,smtp] [--pg URL] [--no-sqlite]
        [--only SUBSTRING] [--show missed,wrong-lead,robot-task,refused,error,wrong-referrer]
        [--holdout]   # issue 15 item 5's held-out corpus, tests/data/mail_holdout/
        [--holdout2]  # the second one, written before reading the detector
        [--holdout4]  # task h15fix's own, written before its fixes
        [--holdout3]  # the third, written unseen (task auth)
        [--dir PATH]  # any corpus in the same layout (a manifest.yaml beside the messages)
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from _scratch import each_database  # bench/ is on sys.path when run as a script

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests package

from fastapi.testclient import TestClient  # noqa: E402
from tests.intake.mail_corpus import (  # noqa: E402
    HOLDOUT2_DIR,
    HOLDOUT3_DIR,
    HOLDOUT4_DIR,
    HOLDOUT_DIR,
    MAIL_DIR,
    HttpTransport,
    Outcome,
    Report,
    load_manifest,
    run,
    smtp_transport,
)

from salesops.app import create_app  # noqa: E402
from salesops.core.config import Settings  # noqa: E402
from salesops.flows.bootstrap import prepare  # noqa: E402
from salesops.playbook.runtime import Runtime  # noqa: E402


def runtime(url: str) -> Runtime:
    # Detection only: no pipeline. The secrets are generated (issue 13).
    settings = Settings(database_url=url, pipeline_in_api=False, _env_file=None)  # type: ignore[call-arg]
    rt = Runtime(settings)
    prepare(rt, migrate=True)
    return rt


def one_transport(transport: str, url: str, messages: tuple, root: Path) -> dict[str, Outcome]:  # type: ignore[type-arg]
    rt = runtime(url)
    try:
        if transport == "http":
            with TestClient(create_app(rt.settings, runtime=rt)) as client:
                return run(HttpTransport(client, rt).send, messages, root)
        with smtp_transport(rt) as smtp:
            return run(smtp.send, messages, root)
    finally:
        rt.close()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--transport", default="http,smtp")
    ap.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--only", default="", help="only files whose path contains this")
    ap.add_argument("--show", default="wrong-lead,robot-task,refused,error,wrong-referrer")
    ap.add_argument("--holdout", action="store_true", help="the held-out corpus (issue 15 item 5)")
    ap.add_argument("--holdout2", action="store_true", help="the second held-out corpus")
    ap.add_argument("--holdout4", action="store_true", help="task h15fix's held-out corpus")
    ap.add_argument("--holdout3", action="store_true", help="the third held-out corpus")
    ap.add_argument("--dir", type=Path, help="a corpus folder with its manifest.yaml")
    args = ap.parse_args(argv)
    # The listener logs each 451 with its traceback; the report counts them (errors).
    logging.getLogger("salesops.smtp").setLevel(logging.CRITICAL)
    root = args.dir or (
        HOLDOUT3_DIR
        if args.holdout3
        else HOLDOUT4_DIR
        if args.holdout4
        else HOLDOUT2_DIR
        if args.holdout2
        else HOLDOUT_DIR
        if args.holdout
        else MAIL_DIR
    )
    manifest = load_manifest(root)
    messages = tuple(m for m in manifest.messages if args.only in m.file)
    transports = [t for t in args.transport.split(",") if t]
    for backend, url in each_database(args.pg, sqlite=not args.no_sqlite, name="corpus"):
        outcomes: dict[str, dict[str, Outcome]] = {}
        for transport in transports:
            started = time.perf_counter()
            if transport == "http":
                outcomes[transport] = one_transport("http", url, messages, root)
            else:  # a second scratch database of the same backend
                for _, url2 in each_database(
                    url if backend == "postgresql" else None,
                    sqlite=backend == "sqlite",
                    name="corpus_smtp",
                ):
                    outcomes[transport] = one_transport("smtp", url2, messages, root)
            took = time.perf_counter() - started
            print(
                f"[{backend}] {transport}: {len(messages)} messages in {took:.1f} s "
                f"({took / max(1, len(messages)) * 1000:.0f} ms each)"
            )
        report = Report(messages, outcomes)
        for transport in transports:
            print(f"\n[{backend}] " + report.table(transport))
            shown = [v for v in args.show.split(",") if v]
            if shown and report.listed(transport, *shown):
                print(f"[{backend}] {transport}: {', '.join(shown)}:")
                print(report.details(transport, *shown))
        for m, http, smtp in report.disagreements():
            print(f"  SMTP != HTTP {m.file}: http {http.describe()} | smtp {smtp.describe()}")
        failures = report.failures()
        print(f"\n[{backend}] issue 15 targets: " + ("all met" if not failures else "missed"))
        for failure in failures:
            print(f"  - {failure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
