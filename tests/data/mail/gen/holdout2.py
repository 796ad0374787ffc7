"""Writes tests/data/mail_holdout2/ — issue 15's second held-out corpus (task h15u),
written before its author read the forward detector: forwards from ~35 client layouts in
~35 languages and several body shapes and charsets, attached forwards, nested forwards,
robots of every kind, and people who are not forwarding.

    .venv/bin/python -m tests.data.mail.gen.holdout2   # writes tests/data/mail_holdout2/
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from tests.data.mail.gen.h2_forwards import forwards
from tests.data.mail.gen.h2_humans import direct, internal, replies
from tests.data.mail.gen.h2_robots import bounces
from tests.data.mail.gen.h2_robots2 import autoreplies, feedback, receipts
from tests.data.mail.gen.h2_robots3 import bulk, calendar, challenge, noreply

ROOT = Path(__file__).resolve().parent.parent.parent / "mail_holdout2"
HEADER = (
    "# Issue 15's second held-out corpus (tests/data/mail/gen/holdout2.py, task h15u),\n"
    "# written before reading the detector. Every person and company is invented.\n"
)


def entries() -> list[tuple[str, bytes, dict[str, object]]]:
    out = forwards()
    for make in (
        bounces,
        autoreplies,
        receipts,
        feedback,
        bulk,
        noreply,
        calendar,
        challenge,
        direct,
        replies,
        internal,
    ):
        out += list(make(1000 + len(out)))
    return out


def write(root: Path = ROOT) -> int:
    rows = []
    for file, raw, fields in entries():
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        rows.append({"file": file, **fields})
    files = [r["file"] for r in rows]
    assert len(files) == len(set(files)), "duplicate file names"
    manifest = {"alias": "sales@example.com", "company_domains": ["example.com"], "messages": rows}
    text = yaml.safe_dump(
        manifest, sort_keys=False, allow_unicode=True, width=200, default_flow_style=None
    )
    (root / "manifest.yaml").write_text(HEADER + text, encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT), "messages")
