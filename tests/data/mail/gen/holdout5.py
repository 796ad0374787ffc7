"""Writes tests/data/mail_holdout5/ — issue 15's fifth held-out corpus (task auth5), written
*unseen*: its author read no detector code, phrase or label list, nor any generator here.
350 messages: 165 forwards from 40 client layouts in 38 languages, 41 direct mails (people
whose mail looks robotic among them), 55 auto-replies, 38 bounces, 14 receipts and calendar
answers, 14 bulk mails (some without List-* headers), 17 no-reply notifications, 6
feedback reports. Its first runs, untouched, are in docs/intake.md; its author's judgement
calls in its README.md and each entry's ``case``.

    .venv/bin/python -m tests.data.mail.gen.holdout5   # writes tests/data/mail_holdout5/

Adapted from the author's stand-alone generator (modules ``h5_*.py``; imports made
package-relative, the README.md committed as written). Deterministic: the module state (the
seeded random source, the used names) is reset on every ``write``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tests.data.mail.gen import h5_common, h5_direct, h5_extra, h5_fwd, h5_people, h5_robots

ROOT = Path(__file__).resolve().parent.parent.parent / "mail_holdout5"
SEED = 20261207


def write(out: Path = ROOT) -> int:
    """Write the corpus (the messages and manifest.yaml; README.md is committed beside)."""
    h5_common.R.seed(SEED)
    h5_people._used.clear()
    c = h5_common.Corpus()
    h5_fwd.build(c)
    h5_extra.build(h5_fwd.Fwd(c), c)
    h5_direct.build(c)
    h5_robots.build(c)
    h5_extra.robots(c)
    for sub in {p.split("/", 1)[0] for p, _, _ in c.items}:
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    for path, raw, _ in c.items:
        p = out / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(raw)
    (out / "manifest.yaml").write_text(c.manifest(), encoding="utf-8")
    return len(c.items)


if __name__ == "__main__":
    print(f"{write(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)} messages")
