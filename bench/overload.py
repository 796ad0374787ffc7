"""Past capacity: what a real ``salesops serve`` answers when offered more contact-form
leads than it can store (issue 13 item 10; docs/operations.md, "Capacity and overload").

Starts ``salesops serve`` (the CLI, as deployed) on a scratch database, offers leads
open loop at ``--offer`` leads/s for ``--seconds`` over up to ``--connections`` keep-alive
connections, and prints per run: leads answered 200 per second, 503s (with their
``Retry-After``), anything else (500s, timeouts, resets), latency of the 200s and of the
503s, the server's peak memory (VmHWM), and the check that matters: every lead answered
200 is stored and no lead answered 503 is.

``--unbounded`` runs the same with the limits raised out of reach (what the server did
before the limits existed), to compare latency and memory.

    .venv/bin/python bench/overload.py [--offer 2000] [--seconds 10] [--connections 512]
        [--unbounded] [--pg URL] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import sqlalchemy as sa
from _scratch import each_database  # bench/ is on sys.path when run as a script

from intake import FORM_SECRET, Conn, free_port, lead, pct

ROOT = Path(__file__).resolve().parent.parent


def start_serve(url: str, port: int, unbounded: bool) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESOPS_")}
    env.update(
        SALESOPS_DATABASE_URL=url,
        SALESOPS_SECRET_KEY=secrets.token_urlsafe(32),
        SALESOPS_FORM_SECRET=FORM_SECRET,
    )
    if unbounded:
        env.update(
            SALESOPS_MAX_IN_FLIGHT="1000000",
            SALESOPS_INTAKE_QUEUE_MAX="1000000",
            SALESOPS_INTAKE_MAX_WAIT_SECONDS="1000000",
        )
    cli = [sys.executable, "-m", "salesops.cli"]
    subprocess.run([*cli, "db", "upgrade"], env=env, check=True, capture_output=True)
    proc = subprocess.Popen(
        [*cli, "serve", "--port", str(port), "--no-migrate"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health").status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("serve did not start")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def offer(port: int, rate: float, seconds: float, connections: int, run: str) -> dict:
    """Open loop: lead ``i`` is sent at ``start + i / rate`` (or as soon as a connection
    is free); each answer's status and latency from its scheduled time."""
    pool: asyncio.Queue[Conn] = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(Conn(port))
    n = int(rate * seconds)
    statuses: dict[str, int | str] = {}
    latency: dict[int, list[float]] = {200: [], 503: []}
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.1

    async def one(i: int) -> None:
        body, headers = lead(i, run)
        scheduled = start + i / rate
        await asyncio.sleep(max(0.0, scheduled - loop.time()))
        conn = await pool.get()
        try:
            status: int | str = await asyncio.wait_for(
                conn.post("/api/v1/intake/form", body, headers), 30
            )
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
            status = type(exc).__name__
            conn = Conn(port)  # a fresh connection for the next one
        finally:
            pool.put_nowait(conn)
        statuses[f"{run}-{i}"] = status
        if status in latency:
            latency[status].append(loop.time() - scheduled)  # type: ignore[index]

    await asyncio.gather(*(one(i) for i in range(n)))
    return {"statuses": statuses, "latency": latency, "elapsed": loop.time() - start}


def stored_keys(url: str, run: str) -> set[str]:
    engine = sa.create_engine(url if not url.startswith("postgresql") else _psycopg(url))
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT key FROM intake_deliveries WHERE source = 'form' AND key LIKE :p"),
            {"p": f"{run}-%"},
        )
        keys = {r[0] for r in rows}
    engine.dispose()
    return keys


def _psycopg(url: str) -> str:
    from salesops.core.config import normalise_db_url

    return normalise_db_url(url)


def report(label: str, result: dict, rss: float, stored: set[str]) -> bool:
    statuses = result["statuses"]
    counts = Counter(statuses.values())
    ok = {k for k, v in statuses.items() if v == 200}
    refused = {k for k, v in statuses.items() if v == 503}
    other = {k: v for k, v in statuses.items() if v not in (200, 503)}

    def lat(code: int) -> str:
        ms = [x * 1000 for x in result["latency"][code]]
        if not ms:
            return "-"
        return f"p50 {statistics.median(ms):.0f} ms, p99 {pct(ms, 99):.0f} ms, max {max(ms):.0f} ms"

    consistent = ok <= stored and not (refused & stored)
    print(
        f"{label}: offered {len(statuses)} in {result['elapsed']:.1f} s; "
        f"200: {len(ok)} ({len(ok) / result['elapsed']:.0f} leads/s; {lat(200)}); "
        f"503: {len(refused)} ({lat(503)}); other: {dict(Counter(other.values())) or 0}; "
        f"peak RSS {rss:.0f} MB; stored {len(stored)}: every 200 stored and no 503 "
        f"stored: {'yes' if consistent else 'NO'}"
    )
    if len(stored) > len(ok):
        print(f"  {len(stored) - len(ok)} stored but never answered 200 (timeouts/resets)")
    del counts
    return consistent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offer", type=float, default=2000, help="leads/s offered")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=512)
    parser.add_argument("--unbounded", action="store_true", help="limits out of reach")
    parser.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    good = True
    for label, url in each_database(args.pg, sqlite=not args.no_sqlite, name="overload"):
        port = free_port()
        proc = start_serve(url, port, args.unbounded)
        try:
            run = secrets.token_hex(3)
            result = asyncio.run(offer(port, args.offer, args.seconds, args.connections, run))
            rss = peak_rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(60)
        mode = "unbounded" if args.unbounded else "limits"
        good &= report(f"{label} ({mode})", result, rss, stored_keys(url, run))
    return 0 if good else 1


if __name__ == "__main__":
    raise SystemExit(main())
