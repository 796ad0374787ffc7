"""Mailbox capture (issue 20 item 2): IMAP sync into timelines. Targets: ≥ 200 messages/s
into timelines; a second sync with nothing new ≤ 50 ms per mailbox.

Starts Debian's Dovecot on a free 127.0.0.1 port (as the tests do, ``tests/intake/
dovecot.py``; root needed), fills one mailbox's INBOX with ``--messages`` messages (four
in five from one of ``--contacts`` known contacts with an open task, the rest from
strangers) and Sent with a tenth as many replies, then times ``intake.imap_sync.
sync_mailbox`` on a scratch database (a temp SQLite file; PostgreSQL from ``--pg URL``
or ``SALESOPS_TEST_DATABASE_URL``): the first sync (everything read, parsed, logged:
messages/s), then ``--resyncs`` syncs with nothing new (ms each: p50 and max).

    .venv/bin/python bench/imap_sync.py [--messages 3000] [--contacts 200] [--resyncs 20]
                                        [--pg URL] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _scratch import each_database

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ for the Dovecot configuration

from tests.intake.dovecot import CONFIG, PASSWORD, USER  # noqa: E402

from salesops.core.config import Settings  # noqa: E402
from salesops.playbook.runtime import Runtime  # noqa: E402


def start_dovecot() -> tuple[int, Path, int]:
    d = Path(tempfile.mkdtemp(prefix="salesops-bench-dovecot-"))
    d.chmod(0o755)
    (d / "mail").mkdir()
    (d / "mail").chmod(0o777)
    (d / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    (d / "dovecot.conf").write_text(CONFIG.format(d=d, port=port))
    subprocess.run(
        ["dovecot", "-c", str(d / "dovecot.conf")],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    for _ in range(200):
        if (d / "run" / "master.pid").exists():
            break
        time.sleep(0.05)
    pid = int((d / "run" / "master.pid").read_text().strip())
    return port, d, pid


def fill(port: int, messages: int, contacts: int) -> None:
    from imapclient import IMAPClient

    c = IMAPClient("127.0.0.1", port=port, ssl=False, timeout=60)
    c.login(USER, PASSWORD)
    inbox, sent = [], []
    for i in range(messages):
        sender = f"person{i % contacts}@company{i % contacts}.com" if i % 5 else f"x{i}@else.org"
        inbox.append(
            f"From: {sender}\r\nTo: {USER}\r\nSubject: question {i}\r\n"
            f"Message-ID: <in-{i}@bench>\r\nDate: Mon, 01 Jun 2026 09:00:00 +0000\r\n\r\n"
            f"Hello, about our plan ({i}).\r\n" + "Some more text. " * 20
        )
    for i in range(messages // 10):
        to = f"person{i % contacts}@company{i % contacts}.com"
        sent.append(
            f"From: {USER}\r\nTo: {to}\r\nSubject: re: question {i}\r\n"
            f"Message-ID: <out-{i}@bench>\r\nDate: Mon, 01 Jun 2026 10:00:00 +0000\r\n\r\n"
            "Thanks, here is the answer.\r\n"
        )
    for folder, bodies in (("INBOX", inbox), ("Sent", sent)):
        for start in range(0, len(bodies), 500):  # MULTIAPPEND (RFC 3502): one round trip
            c.multiappend(folder, bodies[start : start + 500])
    c.logout()


def login_only(port: int) -> None:
    """Connection setup alone (what every sync pays before reading anything)."""
    from imapclient import IMAPClient

    c = IMAPClient("127.0.0.1", port=port, ssl=False, timeout=30)
    c.login(USER, PASSWORD)
    c.logout()


def setup(url: str, port: int, contacts: int) -> tuple[Runtime, int]:
    from salesops.accounts.models import Account, Contact
    from salesops.core.secretstore import SPECS, generate
    from salesops.flows.bootstrap import prepare
    from salesops.intake.mailboxes import connect_mailbox
    from salesops.tables import load_all
    from salesops.tasks.models import Task
    from salesops.users import service as users

    given = {spec.name: generate(spec) for spec in SPECS}
    rt = Runtime(Settings(database_url=url, _env_file=None, **given))  # type: ignore[call-arg]
    load_all().metadata.create_all(rt.db.engine)
    prepare(rt, migrate=False)
    now = datetime(2026, 6, 2, 9, 0, tzinfo=UTC)
    with rt.uow() as s:
        user = users.create_user(s, email=USER, role="sales", password=None, now=now)
        for i in range(contacts):
            a = Account(name=f"Company {i}", domain=f"company{i}.com", created_at=now,
                        updated_at=now)  # fmt: skip
            s.add(a)
            s.flush()
            c = Contact(email=f"person{i}@company{i}.com", account_id=a.id, created_at=now,
                        updated_at=now)  # fmt: skip
            s.add(c)
            s.flush()
            s.add(
                Task(kind="lead", status="Working", account_id=a.id, contact_id=c.id,
                     lead_source="Email", owner_id=user.id, created_at=now, updated_at=now)
            )  # fmt: skip
        box = connect_mailbox(
            s, user, {"host": "127.0.0.1", "port": port, "use_ssl": False, "login": USER,
                      "password": PASSWORD}, now,
        )  # fmt: skip
        return rt, box.id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--contacts", type=int, default=200)
    parser.add_argument("--resyncs", type=int, default=20)
    parser.add_argument("--pg", default=os.environ.get("SALESOPS_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the first sync (top 25 by own time)"
    )
    args = parser.parse_args()
    from salesops.intake.imap_sync import sync_mailbox

    port, d, pid = start_dovecot()
    try:
        t0 = time.perf_counter()
        fill(port, args.messages, args.contacts)
        total = args.messages + args.messages // 10
        print(f"dovecot: {total} messages appended in {time.perf_counter() - t0:.1f} s")
        for label, url in each_database(args.pg, sqlite=not args.no_sqlite, name="imap"):
            rt, box_id = setup(url, port, args.contacts)
            now = datetime(2026, 6, 2, 9, 0, tzinfo=UTC)
            profiler = cProfile.Profile() if args.profile else None
            t0, cpu0 = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            got = sync_mailbox(rt, box_id, now)
            first, cpu = time.perf_counter() - t0, time.process_time() - cpu0
            if profiler is not None:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            times, logins = [], []
            profiler = cProfile.Profile() if args.profile else None
            for _ in range(args.resyncs):
                t0 = time.perf_counter()
                login_only(port)  # interleaved: the same conditions as the sync beside it
                logins.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                if profiler is not None:
                    profiler.enable()
                again = sync_mailbox(rt, box_id, now)
                if profiler is not None:
                    profiler.disable()
                times.append((time.perf_counter() - t0) * 1000)
                assert again == {"read": 0, "logged": 0}, again
            if profiler is not None:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            rate = got["read"] / first
            print(
                f"{label}: first sync {got['read']} read, {got['logged']} logged in "
                f"{first:.2f} s = {rate:.0f} messages/s (target ≥ 200, ratio {rate / 200:.2f}; "
                f"this process's CPU {cpu:.2f} s = {got['read'] / cpu:.0f} messages per CPU s); "
                f"resync with nothing new p50 {statistics.median(times):.1f} ms, max "
                f"{max(times):.1f} ms (target ≤ 50, ratio {statistics.median(times) / 50:.2f}); "
                f"connect + login + logout alone (interleaved) p50 "
                f"{statistics.median(logins):.1f} ms, so the sync itself ≈ "
                f"{statistics.median(times) - statistics.median(logins):.1f} ms; "
                f"load {Path('/proc/loadavg').read_text().split()[0]}"
            )
            rt.close()
    finally:
        os.kill(pid, signal.SIGTERM)
        time.sleep(0.5)
        shutil.rmtree(d, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
