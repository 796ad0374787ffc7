"""Issue 15: the CPU raw-mail intake spends before any database work — parsing, robot
checks and forward detection (``intake.mail.read_mail``) — per message of the mail
corpus, and on issue 13's hostile shapes. No database, no server: one number per set.

    .venv/bin/python bench/mail_parse.py [--rounds 5] [--holdout]

Compare two trees by running each one's copy (``PYTHONPATH=<tree>/src``); the ratio is
after / before.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests package

import contextlib

from salesops.core.config import Settings  # noqa: E402
from salesops.core.errors import DomainError  # noqa: E402
from salesops.intake.mail import read_mail  # noqa: E402

MAIL_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "mail"


def hostile() -> list[bytes]:
    head = b"From: Kim <kim@example.com>\r\nTo: sales@example.com\r\nSubject: Fwd: x\r\n\r\n"
    block = b"From: Jane Doe <jane@acme.io>\r\nSent: Mon\r\nTo: kim@example.com\r\nSubject: x\r\n"
    return [
        head + block + b"\r\n" * 199_000 + b"Pricing?\r\n",
        head + b"From: x\nTo: y\n" * 100_000,
        head + b"On " + b', "x" <' * 2_000 + b"\r\n",
        head + b"-" * 500_000 + b"\r\n",
    ]


def cpu_per_message(settings: Settings, raws: list[bytes], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.thread_time()
        for raw in raws:
            with contextlib.suppress(DomainError):
                read_mail(settings, raw)
        best = min(best, time.thread_time() - started)
    return best / len(raws) * 1000


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--holdout", action="store_true")
    args = ap.parse_args(argv)
    root = MAIL_DIR.parent / "mail_holdout" if args.holdout else MAIL_DIR
    raws = [p.read_bytes() for p in sorted(root.rglob("*.eml"))]
    settings = Settings(_env_file=None)
    corpus = cpu_per_message(settings, raws, args.rounds)
    bad = cpu_per_message(settings, hostile(), max(1, args.rounds // 2))
    print(f"corpus ({len(raws)} messages): {corpus:.3f} ms CPU a message (best of {args.rounds})")
    print(f"hostile shapes (4): {bad:.1f} ms CPU a message")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
