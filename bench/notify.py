"""Notification latency under intake load (issue 20 item 3). Target: a notification is
delivered ≤ 1 s after its event while intake runs at 500 leads/s.

On a scratch database (a temp SQLite file; PostgreSQL from ``--pg URL`` or
``SALESOPS_TEST_DATABASE_URL``) with three salespeople per territory who chose in-app and
Slack for "lead assigned": contact-form submissions are stored at ``--rate`` leads/s for
``--seconds`` (``intake.forms.receive_forms``, batches every 50 ms, as the API's group
commit does); a pipeline thread drains the new-lead queue (``flows.pipeline.drain``:
score, classify, route, and write the owner's notifications) and the worker's delivery
lanes (``core.lanes``, in their thread) send the Slack direct messages to a local
Slack Web API fake on 127.0.0.1, which notes when each arrives. Prints, per lead:

* **in-app**: from the lead's intake commit to its "lead assigned" row committed (the
  bell shows it on its next poll);
* **slack, from the event**: from that commit (the assignment) to the DM's arrival;
* **slack, end to end**: from the lead's intake commit to the DM's arrival;

as p50 / p95 / p99 / max and the ratio of p99 to the 1 s target; and the intake rate
actually sustained.

    .venv/bin/python bench/notify.py [--rate 500] [--seconds 10] [--poll 0.2] [--pg URL]
                                     [--no-sqlite]

An idle worker looks for due deliveries every ``SALESOPS_WORKER_POLL_SECONDS`` (1 s by
default): the Slack latency is about that wait plus the send, so ``--poll`` sets it
(0.2 s here, as a deployment that wants notices within a second would).

The machine is shared (2 cores): numbers measured while others work are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from _scratch import each_database

from salesops.core.config import Settings
from salesops.playbook.runtime import Runtime

TARGET_S = 1.0
TASK = re.compile(r"/tasks/(\d+)")


class SlackFake:
    """``chat.postMessage`` on 127.0.0.1: records when each task's DM arrived."""

    def __init__(self) -> None:
        self.arrived: dict[int, float] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                at = time.time()
                match = TASK.search(json.loads(raw or b"{}").get("text", ""))
                if match:
                    fake.arrived.setdefault(int(match.group(1)), at)
                data = b'{"ok": true, "channel": "D1", "ts": "1.0"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def setup(url: str, slack: SlackFake, poll: float) -> Runtime:
    from salesops.core.audit import install_append_only_triggers
    from salesops.core.secretstore import SPECS, generate
    from salesops.flows.bootstrap import prepare
    from salesops.playbook.runtime import playbook_of
    from salesops.routing import territories
    from salesops.tables import load_all
    from salesops.users import notify
    from salesops.users import service as users

    given = {spec.name: generate(spec) for spec in SPECS}
    settings = Settings(
        database_url=url,
        _env_file=None,  # type: ignore[call-arg]
        slack_api_url=slack.url,
        slack_bot_token="xoxb-bench",
        pipeline_in_api=True,
        worker_poll_seconds=poll,
        **given,
    )
    rt = Runtime(settings)
    load_all().metadata.create_all(rt.db.engine)
    with rt.db.engine.begin() as conn:
        install_append_only_triggers(conn)
    prepare(rt, migrate=False)
    now = time.time()
    from datetime import UTC, datetime

    at = datetime.fromtimestamp(now, UTC)
    with rt.uow() as s:
        for t in playbook_of(s).territories.items:
            territory = territories.get_territory_by_name(s, t.name)
            for i in range(3):
                slug = re.sub(r"\W+", "", t.name.lower())
                user = users.create_user(
                    s, email=f"{slug}{i}@example.com", role="sales", password=None, now=at
                )
                territories.add_member(s, None, territory, user, now=at)
                notify.set_preferences(
                    s,
                    user,
                    {
                        "events": {"lead_assigned": ["in_app", "slack"]},
                        "slack_user_id": f"U{user.id}",
                    },
                )
    return rt


def run(url: str, rate: int, seconds: float, poll: float) -> dict[str, Any]:
    from sqlalchemy import func, select

    import salesops.integrations.senders  # noqa: F401 - registers the slack_dm channel
    from salesops.core import clock
    from salesops.core.lanes import DeliveryLanes
    from salesops.flows import pipeline
    from salesops.intake.forms import prepare_form, receive_forms
    from salesops.intake.rules import sign_hex
    from salesops.tasks.models import LeadPipelineQueue, Task
    from salesops.users.notifications import Notification

    slack = SlackFake()
    rt = setup(url, slack, poll)
    lanes = DeliveryLanes(rt.db, rt.settings, "bench")
    lanes.start()
    stop = threading.Event()
    seen: dict[int, float] = {}  # task id → when its notification became visible

    def watch() -> None:
        """What the bell sees: new notification rows, polled every 20 ms."""
        last = 0
        while not stop.is_set():
            with rt.uow(readonly=True) as s:
                rows = s.execute(
                    select(Notification.id, Notification.about_id).where(Notification.id > last)
                ).all()
            at = time.time()
            for nid, about in rows:
                last = max(last, nid)
                seen.setdefault(int(about), at)
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()

    def drain_loop() -> None:
        while not stop.is_set():
            if pipeline.drain(rt) == 0:
                time.sleep(0.01)

    drainer = threading.Thread(target=drain_loop, daemon=True)
    drainer.start()
    committed: dict[str, float] = {}  # submission id → intake commit time
    _tick, per_tick = 0.05, max(1, round(rate * 0.05))
    started = time.time()
    n = 0
    countries = ["DE", "FR", "JP", "AU", "BR", "GB", "IN", "CA", "ZA", "US"]
    while time.time() - started < seconds:
        bodies = []
        for _ in range(per_tick):
            n += 1
            body = json.dumps(
                {
                    "submission_id": f"s{n}",
                    "name": f"Person {n}",
                    "email": f"p{n}@company{n}.com",
                    "company": f"Company {n}",
                    "country": countries[n % len(countries)],
                    "us_state": "CA" if n % len(countries) == 9 else None,
                    "message": "We want pricing for 5M events a month",
                }
            ).encode()
            bodies.append(prepare_form(rt.settings, body, sign_hex(rt.settings.form_secret, body)))
        with rt.uow() as s:
            receive_forms(s, rt.settings, bodies, clock.now())
        done = time.time()
        for f in bodies:
            committed[f.key] = done
        time.sleep(max(0.0, started + (n / rate) - time.time()))
    elapsed = time.time() - started
    deadline = time.time() + 30
    while time.time() < deadline:  # let the pipeline and the lanes finish
        with rt.uow(readonly=True) as s:
            queued = s.scalar(select(LeadPipelineQueue.task_id).limit(1))
            count = s.scalar(select(func.count()).select_from(Notification))
        if queued is None and len(slack.arrived) >= int(count or 0):
            break
        time.sleep(0.1)
    stop.set()
    drainer.join(timeout=10)
    watcher.join(timeout=10)
    lanes.stop(timeout=10)
    with rt.uow(readonly=True) as s:
        rows = s.execute(
            select(Task.id, Task.source_ref)
            .join(Notification, Notification.about_id == Task.id)
            .where(Notification.event == "lead_assigned")
        ).all()
    in_app, event, end = [], [], []
    for tid, ref in rows:
        intake_at = committed.get((ref or "").removeprefix("form:"))
        made = seen.get(tid)
        if intake_at is None or made is None:
            continue
        in_app.append(max(0.0, made - intake_at))
        if tid in slack.arrived:
            event.append(max(0.0, slack.arrived[tid] - made))
            end.append(max(0.0, slack.arrived[tid] - intake_at))
    slack.server.shutdown()
    rt.close()
    return {
        "leads": n,
        "rate": n / elapsed,
        "notified": len(rows),
        "dms": len(slack.arrived),
        "in-app (intake → row)": in_app,
        "slack (event → DM)": event,
        "slack (intake → DM)": end,
    }


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--poll", type=float, default=0.2, help="SALESOPS_WORKER_POLL_SECONDS for the lanes"
    )
    parser.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    for label, url in each_database(args.pg, sqlite=not args.no_sqlite, name="notify"):
        out = run(url, args.rate, args.seconds, args.poll)
        print(
            f"{label}: {out['leads']} leads at {out['rate']:.0f}/s sustained "
            f"(target {args.rate}/s, ratio {out['rate'] / args.rate:.2f}); "
            f"{out['notified']} assigned and notified, {out['dms']} Slack DMs; "
            f"lanes poll every {args.poll:g} s when idle"
        )
        for name in ("in-app (intake → row)", "slack (event → DM)", "slack (intake → DM)"):
            values = out[name]
            p99 = pct(values, 99)
            print(
                f"  {name:24s} p50 {pct(values, 50) * 1000:7.0f} ms  p95 "
                f"{pct(values, 95) * 1000:7.0f} ms  p99 {p99 * 1000:7.0f} ms  max "
                f"{(max(values) if values else float('nan')) * 1000:7.0f} ms  "
                f"p99/target {p99 / TARGET_S:.2f}"
                + (f"  mean {statistics.fmean(values) * 1000:.0f} ms" if values else "")
            )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(__file__))
    sys.exit(main())
