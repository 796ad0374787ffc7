"""Outbound deliveries (X-1; issue 13 item 4): deliveries/s per worker against local
receivers, and the CPU an idle worker uses beside a backlog of unconfigured deliveries.

Targets: ≥ 500 deliveries/s per worker on SQLite and PostgreSQL; an idle worker ≈ 0 CPU.

* **throughput**: ``--deliveries`` due rows on a scratch database (a temp SQLite file;
  a PostgreSQL database created and dropped, from ``--pg URL`` or
  ``SALESOPS_TEST_DATABASE_URL``), then one worker's delivery lanes (``core.lanes``,
  as ``salesops worker`` runs them, default concurrency limits) send them all to
  receivers in their own processes on 127.0.0.1: an HTTP receiver that answers at
  once (Slack webhook, Customer.io events), and for the ``lead`` mix an SMTP sink
  (aiosmtpd). Mixes: ``http`` (Slack + Customer.io, one each per lead) and ``lead``
  (Slack + e-mail: what a contact-form lead sends). Prints deliveries/s (wall), the
  worker's CPU per delivery and, on PostgreSQL, the server's.
* **idle**: ``--idle-backlog`` pending deliveries and no channel configured (the
  shipped defaults); a real ``salesops worker`` process parks them (not retried),
  then its CPU (and PostgreSQL's) is measured over ``--idle-seconds``.

    .venv/bin/python bench/outbox.py [--deliveries 20000] [--mix http,lead]
        [--idle-backlog 50000] [--idle-seconds 10] [--pg URL] [--no-sqlite] [--no-idle]
        [--concurrency '{"email": 32}']

The machine is shared: numbers measured while others work are noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from _scratch import each_database

from salesops.core.config import Settings
from salesops.core.db import Base, Database
from salesops.playbook.runtime import Runtime
from salesops.tables import load_all

NOW = datetime.now(UTC) - timedelta(minutes=1)
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

RECEIVER = textwrap.dedent(
    """
    import asyncio, sys
    ANSWER = (b"HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\n"
              b"Content-Length: 2\\r\\n\\r\\n{}")
    class Receiver(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport, self.buffer = transport, b""
        def data_received(self, data):
            self.buffer += data
            while True:
                end = self.buffer.find(b"\\r\\n\\r\\n")
                if end < 0:
                    return
                length = 0
                for line in self.buffer[:end].split(b"\\r\\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                if len(self.buffer) < end + 4 + length:
                    return
                self.buffer = self.buffer[end + 4 + length:]
                self.transport.write(ANSWER)
    async def main():
        server = await asyncio.get_running_loop().create_server(Receiver, "127.0.0.1", 0)
        print(server.sockets[0].getsockname()[1], flush=True)
        await server.serve_forever()
    asyncio.run(main())
    """
)
SMTP_SINK = textwrap.dedent(
    """
    import sys, time
    from aiosmtpd.controller import Controller
    class Sink:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"
    controller = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    """
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pg_cpu(db: Database) -> float:
    """CPU seconds of the PostgreSQL backends serving this database (0 on SQLite)."""
    if db.backend != "postgresql":
        return 0.0
    name = db.engine.url.database
    with db.engine.connect() as conn:
        pids = conn.execute(
            sa.text("SELECT pid FROM pg_stat_activity WHERE datname = :n"), {"n": name}
        ).scalars()
        total = 0.0
        for pid in pids:
            with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                total += cpu_of(int(pid))
    return total


def setup(url: str, settings: dict[str, Any]) -> Runtime:
    from salesops.core.audit import install_append_only_triggers
    from salesops.flows.bootstrap import prepare

    load_all()
    db = Database(url)
    Base.metadata.drop_all(db.engine)
    Base.metadata.create_all(db.engine)
    with db.engine.begin() as conn:
        install_append_only_triggers(conn)
    rt = Runtime(Settings(database_url=url, _env_file=None, **settings), db=db)  # type: ignore[call-arg]
    prepare(rt, migrate=False)
    return rt


def queue(rt: Runtime, n: int, channels: list[str]) -> None:
    from salesops.core.outbox import Delivery

    rows = []
    for i in range(n):
        channel = channels[i % len(channels)]
        payload: dict[str, Any] = {
            "slack": {"text": f"New contact form lead: lead{i}@company{i}.com"},
            "email_automation": {"customer_id": f"lead{i}@company{i}.com", "name": "signup"},
            "email": {"to": ["sales@example.com"], "subject": f"Lead {i}", "body": "Hello"},
            "ticketing": {"subject": f"Support request {i}", "body": "Help"},
        }[channel]
        due = NOW - timedelta(milliseconds=n - i)
        rows.append(
            {
                "channel": channel,
                "payload": payload,
                "idempotency_key": f"bench:{i}",
                "state": "pending",
                "attempts": 0,
                "max_attempts": 8,
                "next_attempt_at": due,
                "due_at": due,
                "maybe_sent": False,
                "created_at": due,
            }
        )
    with rt.uow() as s:
        for at in range(0, len(rows), 5000):
            s.execute(sa.insert(Delivery), rows[at : at + 5000])
    if rt.db.backend == "postgresql":
        with rt.db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE deliveries")


def throughput(label: str, url: str, n: int, mix: str, limits: dict[str, int]) -> float:
    from salesops.core.lanes import DeliveryLanes
    from salesops.worker import load_job_modules

    load_job_modules()
    http = subprocess.Popen([sys.executable, "-c", RECEIVER], stdout=subprocess.PIPE, text=True)
    smtp = None
    try:
        assert http.stdout is not None
        port = int(http.stdout.readline())
        settings: dict[str, Any] = {
            "slack_webhook_url": f"http://127.0.0.1:{port}/hooks/bench",
            "email_automation_url": f"http://127.0.0.1:{port}",
            "email_automation_site_id": "site",
            "email_automation_api_key": "key",
        }
        if limits:
            settings["outbox_concurrency"] = limits
        channels = ["slack", "email_automation"]
        if mix == "lead":
            smtp_port = free_port()
            smtp = subprocess.Popen(
                [sys.executable, "-c", SMTP_SINK, str(smtp_port)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert smtp.stdout is not None
            smtp.stdout.readline()
            settings.update(outbound_smtp_host="127.0.0.1", outbound_smtp_port=smtp_port)
            channels = ["slack", "email"]
        rt = setup(url, settings)
        queue(rt, n, channels)
        lanes = DeliveryLanes(rt.db, rt.settings, "bench")
        receivers = [p.pid for p in (http, smtp) if p is not None]
        r0 = sum(cpu_of(pid) for pid in receivers)
        cpu0, pg0, t0 = resource.getrusage(resource.RUSAGE_SELF), pg_cpu(rt.db), time.perf_counter()
        lanes.start()
        while lanes.stats["delivered"] + lanes.stats["failed"] < n and lanes.running:
            time.sleep(0.02)
        elapsed = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        pg = pg_cpu(rt.db) - pg0
        received = sum(cpu_of(pid) for pid in receivers) - r0
        lanes.stop()
        cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
        with rt.uow(readonly=True) as s:
            from salesops.core.outbox import Delivery

            delivered = s.scalar(sa.select(sa.func.count()).where(Delivery.state == "delivered"))
        rt.close()
    finally:
        http.terminate()
        if smtp is not None:
            smtp.terminate()
    rate = n / elapsed
    extra = f", PostgreSQL {pg * 1000 / n:.2f} ms" if pg else ""
    print(
        f"{label:<11} {mix:<5} {n:,} deliveries in {elapsed:.2f}s = {rate:,.0f}/s "
        f"(delivered {delivered:,}, failed {lanes.stats['failed']}); "
        f"CPU a delivery: worker {cpu * 1000 / n:.2f} ms{extra}, "
        f"receivers {received * 1000 / n:.2f} ms",
        flush=True,
    )
    return rate


def idle(label: str, url: str, backlog: int, seconds: float) -> float:
    """A real ``salesops worker`` beside ``backlog`` unconfigured deliveries: its CPU."""
    from salesops.core.outbox import Delivery

    rt = setup(url, {})
    queue(rt, backlog, ["slack", "email", "ticketing", "email_automation"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESOPS_")}
    env.update(SALESOPS_DATABASE_URL=url)  # a worker needs no secret of its own
    with tempfile.TemporaryDirectory() as tmp:  # no .env of the checkout is read
        worker = subprocess.Popen(
            [str(Path(sys.executable).parent / "salesops"), "worker", "--id", "bench-idle"],
            cwd=tmp,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            t0, parked = time.perf_counter(), 0
            while time.perf_counter() - t0 < 120 and worker.poll() is None:
                with rt.uow(readonly=True) as s:
                    parked = s.scalar(sa.select(sa.func.count()).where(Delivery.state == "parked"))
                if parked == backlog:
                    break
                time.sleep(0.5)
            took = time.perf_counter() - t0
            if worker.poll() is not None:
                print(f"{label:<11} idle: the worker exited: {worker.stderr.read()[-2000:]}")
                return float("nan")
            time.sleep(2)  # let the parking round's aftermath settle
            c0, p0, t1 = cpu_of(worker.pid), pg_cpu(rt.db), time.perf_counter()
            time.sleep(seconds)
            used = (cpu_of(worker.pid) - c0) / (time.perf_counter() - t1)
            pg = (pg_cpu(rt.db) - p0) / (time.perf_counter() - t1)
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()
    rt.close()
    extra = f", PostgreSQL {pg * 100:.2f}% of a core" if rt.db.backend == "postgresql" else ""
    print(
        f"{label:<11} idle: {backlog:,} unconfigured deliveries parked in {took:.1f}s; then "
        f"the worker used {used * 100:.2f}% of a core over {seconds:g}s{extra}",
        flush=True,
    )
    return used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=20_000)
    parser.add_argument("--mix", default="http,lead")
    parser.add_argument("--idle-backlog", type=int, default=50_000)
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-idle", action="store_true")
    parser.add_argument(
        "--concurrency", default="{}", help='per-channel limits, e.g. {"email": 32} (JSON)'
    )
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"load average before: {load:.2f} (2 shared cores: numbers are noisy)")
    met = True
    for label, url in each_database(args.pg, sqlite=not args.no_sqlite, name="outbox"):
        for mix in args.mix.split(","):
            limits = json.loads(args.concurrency)
            met &= throughput(label, url, args.deliveries, mix, limits) >= 500
        if not args.no_idle:
            used = idle(label, url, args.idle_backlog, args.idle_seconds)
            met &= used < 0.02
    verdict = "met" if met else "NOT met"
    print(f"targets (>= 500 deliveries/s per worker, idle < 2% of a core): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
