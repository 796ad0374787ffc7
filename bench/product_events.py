"""Product-event intake: 1,000 ignored ``$pageview`` events in one SDK batch, gzip, on
``/batch/`` and ``/i/v1/analytics/events`` (issue 15 item 6), and a batch of signups
whose email comes from an earlier ``$identify`` (the person profile lookup).

In process (FastAPI's TestClient: no network), on a scratch SQLite database and, when
``--pg URL`` or ``SALESOPS_TEST_DATABASE_URL`` is given, a scratch PostgreSQL one.
Prints milliseconds per batch, events/s, and the ratio to the 7 s the issue measured
for 1,000 pageviews (each wrote a rejection, a decision and a delivery row).

    .venv/bin/python bench/product_events.py [--events 1000] [--rounds 5] [--pg URL] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import time
from typing import Any

from _scratch import each_database  # bench/ is on sys.path when run as a script

ISSUE_SECONDS = 7.0  # 1,000 pageviews before issue 15


def pageviews(n: int, round_: int) -> list[dict[str, Any]]:
    return [
        {"event": "$pageview", "uuid": f"pv-{round_}-{i}", "distinct_id": f"anon-{i % 50}",
         "properties": {"$current_url": f"https://example.io/docs/{i}", "$browser": "Firefox",
                        "$set": {"$browser": "Firefox"}}}
        for i in range(n)
    ]  # fmt: skip


def signups(n: int, round_: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(n):
        uid = f"user-{round_}-{i}"
        out.append({"event": "$identify", "uuid": f"id-{uid}", "distinct_id": uid,
                    "properties": {"$set": {"email": f"{uid}@co{round_}x{i}.io"}}})  # fmt: skip
        out.append({"event": "user signed up", "uuid": f"su-{uid}", "distinct_id": uid,
                    "properties": {"selected_deployment_type": "cloud"}})  # fmt: skip
    return out


def run(url: str, label: str, events: int, rounds: int) -> None:
    from fastapi.testclient import TestClient

    from salesops.app import create_app
    from salesops.core.audit import install_append_only_triggers
    from salesops.core.config import Settings
    from salesops.core.db import Base
    from salesops.flows.bootstrap import prepare
    from salesops.playbook.runtime import Runtime
    from salesops.tables import load_all

    key = "bench-product-api-key-0123456789"
    settings = Settings(database_url=url, product_api_key=key, pipeline_in_api=False,
                        _env_file=None)  # type: ignore[call-arg]  # fmt: skip
    rt = Runtime(settings)
    load_all()
    Base.metadata.create_all(rt.db.engine)
    with rt.db.engine.begin() as conn:
        install_append_only_triggers(conn)
    prepare(rt, migrate=False)
    with TestClient(create_app(settings, runtime=rt)) as client:
        for path in ("/batch/", "/i/v1/analytics/events"):
            times = []
            for r in range(rounds):
                envelope = {
                    "api_key": "bench-product-api-key-0123456789",
                    "batch": pageviews(events, r),
                }
                body = gzip.compress(json.dumps(envelope).encode())
                headers = {
                    "Content-Encoding": "gzip",
                    "Authorization": "Bearer bench-product-api-key-0123456789",
                }
                t0 = time.perf_counter()
                answer = client.post(path, content=body, headers=headers)
                times.append(time.perf_counter() - t0)
                assert answer.status_code == 200 and answer.json()["ignored"] == events
            med = statistics.median(times)
            print(f"{label:10} {path:24} {events} pageviews: {med * 1000:7.1f} ms median "
                  f"({events / med:,.0f} events/s; {ISSUE_SECONDS / med:,.0f}x faster than "
                  f"the issue's {ISSUE_SECONDS:.0f} s)")  # fmt: skip
        n = max(1, events // 10)
        times = []
        for r in range(rounds):
            body = json.dumps(
                {"api_key": "bench-product-api-key-0123456789", "batch": signups(n, r)}
            ).encode()
            t0 = time.perf_counter()
            answer = client.post("/batch/", content=body)
            times.append(time.perf_counter() - t0)
            assert answer.json()["accepted"] == 2 * n, answer.text
        med = statistics.median(times)
        print(f"{label:10} {'/batch/':24} {n} $identify + {n} signups (email from the "
              f"profile): {med * 1000:7.1f} ms median ({2 * n / med:,.0f} events/s)")  # fmt: skip
    rt.db.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    ap.add_argument("--no-sqlite", action="store_true")
    args = ap.parse_args()
    for label, url in each_database(args.pg, sqlite=not args.no_sqlite, name="product"):
        run(url, label, args.events, args.rounds)


if __name__ == "__main__":
    main()
