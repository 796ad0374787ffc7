"""Writes tests/data/mail_holdout4/ — task h15fix's own held-out corpus, written *before*
the detector was changed for it: IDN domains in forwarded blocks, forwards topped by a
colleague's reply, header blocks in languages the label tables do not list,
out-of-office replies said only in the body, DSNs outside ``multipart/report``,
ticket acknowledgements, no-reply senders in many languages, and people whose mail
looks a little like a robot's. Its first, untouched run is in docs/intake.md.

    .venv/bin/python -m tests.data.mail.gen.holdout4   # writes tests/data/mail_holdout4/
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from tests.data.mail.gen.h4_forwards import forwards
from tests.data.mail.gen.h4_humans import humans
from tests.data.mail.gen.h4_robots import robots

ROOT = Path(__file__).resolve().parent.parent.parent / "mail_holdout4"
HEADER = (
    "# Task h15fix's held-out corpus (tests/data/mail/gen/holdout4.py), written before the\n"
    "# detector was changed for it. Every person and company is invented.\n"
)


def write(root: Path = ROOT) -> int:
    rows = []
    for file, raw, fields in [*forwards(), *robots(), *humans()]:
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
