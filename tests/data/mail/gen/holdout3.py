"""Writes tests/data/mail_holdout3/ — issue 15's third held-out corpus (task auth), written
*unseen*: its author read no detector code or phrase list. 315 messages: 150 forwards from
33 client layouts in 33 languages, 142 robots (bounces, auto-replies, help-desk
acknowledgements, feedback reports, receipts, bulk mail without List-* headers …), direct,
internal and colleague mail. Its two first runs, untouched, are in docs/intake.md.

    .venv/bin/python -m tests.data.mail.gen.holdout3   # writes tests/data/mail_holdout3/

Deterministic: the module state (the seeded random source, the used addresses, the output
list) is reset on every ``write``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from tests.data.mail.gen import h3_forwards, h3_langs, h3_mime
from tests.data.mail.gen.h3_robots import build_robots

ROOT = Path(__file__).resolve().parent.parent.parent / "mail_holdout3"
HEADER = [
    "# Issue 15's third held-out corpus (task auth), written unseen: the author read no",
    "# detector code or phrase list. Every person and company is invented.",
    "alias: sales@example.com",
    "company_domains: [example.com]",
    "messages:",
]
_KEYS = ("file", "kind", "client", "language", "lead", "referrer", "ignored", "case")
_SPECIAL = ",:{}[]#'\"&*!|>%"


def _flow(entry: dict[str, Any]) -> str:
    parts = []
    for k in _KEYS:
        if k not in entry:
            continue
        v = entry[k]
        if isinstance(v, bool):
            parts.append(f"{k}: {'true' if v else 'false'}")
        elif (
            k == "case" or yaml.safe_load(v) != v or any(c in v for c in _SPECIAL) or v[:1] in "'\""
        ):
            parts.append(f"{k}: {json.dumps(v, ensure_ascii=False)}")
        else:
            parts.append(f"{k}: {v}")
    return "- {" + ", ".join(parts) + "}"


def write(root: Path = ROOT) -> int:
    h3_mime.R.seed(20261207)
    h3_langs._USED.clear()
    h3_forwards.OUT.clear()
    h3_forwards.build_forwards()
    h3_forwards.build_humans()
    build_robots()
    out = h3_forwards.OUT
    files = [path for path, _, _ in out]
    assert len(files) == len(set(files)), "duplicate file names"
    leads = [e["lead"] for _, _, e in out if e.get("lead")]
    assert len(leads) == len(set(leads)), [x for x, c in Counter(leads).items() if c > 1]
    for path, raw, _ in out:
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(raw)
    lines = HEADER + [_flow(e) for _, _, e in out]
    (root / "manifest.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(out)


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT), "messages")
