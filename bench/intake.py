"""Contact-form intake throughput and latency over loopback (I-2 end to end).

Starts the API (uvicorn) on a scratch database, posts signed contact-form leads
(each a new company: dedup, ban check, match, account + contact + task, M-3
check, timeline activity, decision records, two outbox rows, the pipeline queue
row) and prints:

* a latency phase (open loop at ``--rate``, default 200 leads/s): achieved rate
  and p50/p95/p99 latency measured from each request's *scheduled* send time, so
  a server that falls behind shows it in the latency (no coordinated omission);
* a sustained phase (open loop at ``--sustain``, default 500 leads/s, the
  throughput target): whether the server keeps up with that offered rate for the
  whole phase (achieved rate, latency, errors);
* a max-rate phase (closed loop, ``--clients`` concurrent senders, default 64):
  the most leads/s the server takes. Each sender waits for its answer before the
  next, so a closed loop's rate is capped at clients / latency; with a group
  commit, too few senders measure that cap, not the server (16 senders left the
  batches small: see ``docs/performance.md``);
* after each phase, how long the new leads' pipeline (enrichment, scoring,
  classification, routing) took to catch up, and the end-to-end rate;
* the CPU each phase cost per lead: API, worker, PostgreSQL, load generator.

Where the pipeline runs (``--pipeline``, comma-separated modes, each on a fresh
server): ``after`` measures intake alone — matching, dedup, timeline and
decision records, what the targets name — and a worker then drains the backlog
(timed); ``api`` drains in the API process after each answer (a lone ``salesops
serve``); ``worker`` runs a ``salesops worker`` beside the API, concurrently;
``auto`` is ``api`` on SQLite and ``worker`` on PostgreSQL. Default:
``after,auto``.

SQLite always; PostgreSQL too when ``--pg URL`` or ``SALESOPS_TEST_DATABASE_URL``
is given (a scratch database is created and dropped). Targets on a 2-core box:
≥ 500 leads/s sustained, p99 ≤ 50 ms at 200 leads/s; each run ends with a line
saying which it met.

    .venv/bin/python bench/intake.py [--seconds 10] [--rate 200] [--sustain 500] [--clients 64]
        [--pipeline after,auto,api,worker] [--workers N] [--no-fixed] [--pg URL] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from _scratch import each_database  # bench/ is on sys.path when run as a script

from salesops.core.config import normalise_db_url
from salesops.intake.rules import sign_hex

FORM_SECRET = "bench-form-secret"
TARGET_P99_MS = 50.0


def serve(port: int, workers: int) -> None:
    """Child process: build the schema, activate the playbook, serve on 127.0.0.1:port.

    uvicorn with httptools and uvloop (``uvicorn[standard]``, what ``salesops serve``
    picks too); ``workers`` > 1 runs that many processes, as ``salesops serve --workers``.
    """
    import uvicorn

    from salesops.app import create_app
    from salesops.core.audit import install_append_only_triggers
    from salesops.core.config import Settings
    from salesops.flows.bootstrap import prepare
    from salesops.playbook.runtime import Runtime
    from salesops.tables import load_all

    rt = Runtime(Settings())
    load_all().metadata.create_all(rt.db.engine)
    with rt.db.engine.begin() as conn:
        install_append_only_triggers(conn)
    prepare(rt, migrate=False)
    opts: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": port,
        "log_level": "warning",
        "access_log": False,
        "http": "httptools",
        "loop": "uvloop",
    }
    if workers > 1:
        rt.close()
        uvicorn.run("salesops.asgi:app", workers=workers, **opts)
    else:
        uvicorn.run(create_app(rt.settings, runtime=rt), **opts)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Conn:
    """A minimal keep-alive HTTP/1.1 client: the load generator must stay cheap."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.writer.write(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
            f"{head}\r\n".encode()
            + body
        )
        await self.writer.drain()
        status_line = await self.reader.readline()
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return int(status_line.split()[1])


def lead(i: int, run: str) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(
        {
            "submission_id": f"{run}-{i}",
            "name": f"Lead {i}",
            "email": f"lead{i}@company-{run}-{i}.com",
            "company": f"Company {i}",
            "role": "engineering",
            "country": ["DE", "US", "JP", "BR", "AU"][i % 5],
            "us_state": "CA" if i % 5 == 1 else None,
            "interest": ["product analytics", "session replay"],
            "mau": 50_000,
            "monthly_events": 20_000_000,
            "message": "We'd like pricing for an annual contract and a demo.",
            "consent": True,
        }
    ).encode()
    return body, {
        "Content-Type": "application/json",
        "X-Salesops-Signature": sign_hex(FORM_SECRET, body),
    }


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(label: str, lat: list[float], errors: int, elapsed: float) -> Phase:
    if not lat:
        return Phase(f"{label}: no successful requests ({errors} errors)", 0, errors, 0.0, 0.0)
    ms = [x * 1000 for x in lat]
    rate, p99 = len(lat) / elapsed, pct(ms, 99)
    line = (
        f"{label}: {rate:7.1f} leads/s  p50 {statistics.median(ms):6.1f} ms  "
        f"p95 {pct(ms, 95):6.1f} ms  p99 {p99:6.1f} ms  ({len(lat)} ok, {errors} errors)"
    )
    return Phase(line, len(lat), errors, rate, p99)


@dataclass
class Phase:
    """A phase's outcome: its printed line and the numbers the verdict uses."""

    line: str
    ok: int
    errors: int
    rate: float  # answered leads/s
    p99_ms: float


async def fixed_rate(port: int, rate: float, seconds: float, clients: int, run: str) -> Phase:
    """Open loop: lead ``i`` is due at ``start + i / rate`` whatever came back before; up
    to ``clients`` connections in flight."""
    pool: asyncio.Queue[Conn] = asyncio.Queue()
    for _ in range(clients):
        pool.put_nowait(Conn(port))
    bodies = [lead(i, run) for i in range(int(rate * seconds))]
    lat: list[float] = []
    errors = 0
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.1

    async def one(i: int) -> None:
        nonlocal errors
        scheduled = start + i / rate
        await asyncio.sleep(max(0.0, scheduled - loop.time()))
        conn = await pool.get()
        try:
            status = await conn.post("/api/v1/intake/form", *bodies[i])
        finally:
            pool.put_nowait(conn)
        if status == 200:
            lat.append(loop.time() - scheduled)
        else:
            errors += 1

    await asyncio.gather(*(one(i) for i in range(len(bodies))))
    return summary(f"fixed {rate:.0f}/s", lat, errors, loop.time() - start)


async def max_rate(port: int, seconds: float, clients: int, run: str) -> Phase:
    lat: list[float] = []
    errors = 0
    counter = iter(range(10**9))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds

    async def worker() -> None:
        nonlocal errors
        conn = Conn(port)
        while loop.time() < deadline:
            body, headers = lead(next(counter), run)
            t0 = loop.time()
            status = await conn.post("/api/v1/intake/form", body, headers)
            if status == 200:
                lat.append(loop.time() - t0)
            else:
                errors += 1

    t0 = loop.time()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return summary(f"max ({clients} clients)", lat, errors, loop.time() - t0)


def verdict(
    args: argparse.Namespace, latency: Phase | None, sustained: Phase | None, top: Phase
) -> str:
    """The targets, as measured by this run: p99 at ``--rate`` within ``TARGET_P99_MS``, and
    the ``--sustain`` rate kept up (answered at ≥ 98 % of the offered rate, no errors)."""
    parts = []
    if latency is not None:
        ok = latency.p99_ms <= TARGET_P99_MS and not latency.errors
        parts.append(
            f"p99 at {args.rate:.0f}/s {latency.p99_ms:.1f} ms (≤ {TARGET_P99_MS:.0f}):"
            f" {'met' if ok else 'NOT met'}"
        )
    if sustained is not None:
        ok = sustained.rate >= 0.98 * args.sustain and not sustained.errors
        parts.append(
            f"{args.sustain:.0f}/s offered, {sustained.rate:.1f} answered:"
            f" {'sustained' if ok else 'NOT sustained'}"
        )
    parts.append(f"max {top.rate:.0f} leads/s")
    return "targets: " + "; ".join(parts)


MODES = {
    "after": "pipeline after the load",
    "api": "pipeline in the API",
    "worker": "pipeline in a worker",
}


def bench(label: str, url: str, mode: str, args: argparse.Namespace) -> None:
    """One server on ``url``: warm-up, the fixed-rate phase, the max-rate phase.

    ``mode``: where new leads' pipeline (scoring, classification, routing) runs —
    ``after``: nowhere during a phase (intake alone; a worker then drains the backlog and
    the catch-up is timed), ``api``: in the API process after each answer, ``worker``: in
    a ``salesops worker`` process beside it, concurrently."""
    port = free_port()
    env = {**os.environ, "SALESOPS_DATABASE_URL": url, "SALESOPS_FORM_SECRET": FORM_SECRET}
    label = f"{label}, {MODES[mode]}"
    if mode != "api":
        env["SALESOPS_PIPELINE_IN_API"] = "false"
        env["SALESOPS_WORKER_POLL_SECONDS"] = "0.2"
    cmd = [sys.executable, __file__, "--serve", str(port), "--workers", str(args.workers)]
    proc = subprocess.Popen(cmd, env=env)
    worker: subprocess.Popen[bytes] | None = None
    salesops = str(Path(sys.executable).with_name("salesops"))

    def catch_up() -> str:
        """Settle the backlog; in ``after`` mode with a worker started for it."""
        helper = subprocess.Popen([salesops, "worker"], env=env) if mode == "after" else None
        try:
            return settle(url)
        finally:
            if helper is not None:
                helper.terminate()
                helper.wait(timeout=30)

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit(f"{label}: server did not start") from None
                time.sleep(0.1)
        if mode == "worker":  # the schema exists now: the server made it
            worker = subprocess.Popen([salesops, "worker"], env=env)
        cpu = CpuMeter(proc.pid, worker.pid if worker else None, postgres="postgresql" in url)
        run = secrets.token_hex(3)
        asyncio.run(max_rate(port, 2, 4, run + "w"))  # warm-up
        catch_up()
        latency = sustained = None
        if not args.no_fixed:
            cpu.start()
            latency = asyncio.run(fixed_rate(port, args.rate, args.seconds, 32, run))
            print(f"[{label}] {latency.line}  {cpu.report(latency.ok)}  {catch_up()}")
        if args.sustain:
            cpu.start()
            clients = max(64, args.clients)
            sustained = asyncio.run(
                fixed_rate(port, args.sustain, args.seconds, clients, run + "s")
            )
            print(f"[{label}] {sustained.line}  {cpu.report(sustained.ok)}  {catch_up()}")
        cpu.start()
        t0 = time.monotonic()
        top = asyncio.run(max_rate(port, args.seconds, args.clients, run + "m"))
        taken = time.monotonic() - t0
        used = cpu.report(top.ok)
        caught_up = catch_up()
        total = time.monotonic() - t0
        print(f"[{label}] {top.line}  {used}  {caught_up}")
        print(
            f"[{label}] end to end (accepted, then enriched, scored, classified and routed):"
            f" {top.ok / total:7.1f} leads/s ({top.ok} leads: {taken:.1f} s of load,"
            f" then {total - taken:.1f} s until the pipeline had caught up)"
        )
        print(f"[{label}] {verdict(args, latency, sustained, top)}")
    finally:
        for p in (proc, worker):
            if p is not None:
                p.terminate()
                p.wait(timeout=30)


class CpuMeter:
    """CPU seconds a phase cost, per lead: the API (with its children), the worker,
    PostgreSQL's processes and this load generator (Linux ``/proc``; elsewhere blank)."""

    def __init__(self, api: int, worker: int | None, *, postgres: bool) -> None:
        self.api, self.worker, self.postgres = api, worker, postgres
        self._before: dict[str, float] = {}

    def _pids(self) -> dict[str, list[int]]:
        def tree(pid: int) -> list[int]:
            found = [pid]
            for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
                found += tree(int(child))
            return found

        pids = {"api": tree(self.api), "worker": tree(self.worker) if self.worker else []}
        if self.postgres:
            pids["postgres"] = [
                int(p.name)
                for p in Path("/proc").iterdir()
                if p.name.isdigit() and _comm(p) in ("postgres", "postmaster")
            ]
        return pids

    def _now(self) -> dict[str, float]:
        tick = os.sysconf("SC_CLK_TCK")
        out = {"load generator": time.process_time()}
        for name, pids in self._pids().items():
            total = 0
            for pid in pids:
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    total += int(fields[11]) + int(fields[12])
                except (OSError, IndexError, ValueError):
                    continue  # gone meanwhile
            out[name] = total / tick
        return out

    def start(self) -> None:
        try:
            self._before = self._now()
        except OSError:
            self._before = {}

    def report(self, leads: int) -> str:
        if not self._before or not leads:
            return ""
        after = self._now()
        parts = [
            f"{name} {(after[name] - self._before.get(name, 0.0)) / leads * 1000:.2f}"
            for name in after
            if name in self._before and (name != "worker" or self.worker)
        ]
        return "(CPU ms/lead: " + ", ".join(parts) + ")"


def _comm(proc: Path) -> str:
    try:
        return (proc / "comm").read_text().strip()
    except OSError:
        return ""


def settle(url: str, timeout: float = 300) -> str:
    """Wait until the server's pipeline (scoring, classification, routing) has taken every
    lead intake committed (``lead_pipeline_queue`` is empty); say how long that took."""
    engine = sa.create_engine(normalise_db_url(url))

    def queued() -> int:
        with engine.connect() as conn:
            sql = "SELECT count(*) FROM lead_pipeline_queue"
            return int(conn.exec_driver_sql(sql).scalar_one())

    try:
        t0 = time.monotonic()
        backlog = queued()
        while (left := queued()) and time.monotonic() - t0 < timeout:
            time.sleep(0.05)
        return f"(pipeline backlog {backlog} → {left} in {time.monotonic() - t0:.1f} s)"
    finally:
        engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument(
        "--sustain", type=float, default=500, help="open-loop rate to sustain (0: skip)"
    )
    parser.add_argument("--clients", type=int, default=64, help="max-rate senders")
    parser.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-fixed", action="store_true", help="skip the fixed-rate phase")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument(
        "--pipeline",
        default="after,auto",
        help="comma-separated modes: `after` (intake alone; the pipeline drains the backlog"
        " after each phase, timed), `api` (the pipeline in the API process, as a lone"
        " `salesops serve`), `worker` (in a `salesops worker` beside it), `auto` (api on"
        " SQLite, worker on PostgreSQL). Default: after,auto",
    )
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.workers)
        return 0
    modes = [m.strip() for m in args.pipeline.split(",") if m.strip()]
    unknown = [m for m in modes if m not in (*MODES, "auto")]
    if unknown or not modes:
        parser.error(f"--pipeline: unknown mode {unknown or args.pipeline!r}")
    for label, url in each_database(args.pg, sqlite=not args.no_sqlite, name="intake"):
        for mode in modes:
            if mode == "auto":
                mode = "api" if label == "sqlite" else "worker"
            bench(label, url, mode, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
