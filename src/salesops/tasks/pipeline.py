"""What happens to every new lead task, in the transaction that created it.

Intake (issue 3) and manual entry create a task and call ``on_task_created``;
the steps below then enrich and score it (S-1 … S-4), classify it (R-1), and
route it (M-3, R-2 … R-7), each step recording its decisions (O-8). Steps are
plain functions ``(session, task, now) -> None`` in their domain's service.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import datetime
from functools import cache

from sqlalchemy.orm import Session

from salesops.tasks.models import Task

Step = Callable[[Session, Task, datetime], None]

# In order. Each entry is (module, function).
PIPELINE: list[tuple[str, str]] = [
    ("salesops.scoring.service", "enrich_and_score_task"),  # S-1 … S-4
    ("salesops.scoring.service", "classify_task"),
    ("salesops.routing.service", "route_task"),  # M-3, R-2 … R-7
]


@cache
def steps() -> tuple[Step, ...]:
    """The step functions, imported on first use (the domains import tasks themselves)."""
    return tuple(getattr(importlib.import_module(m), f) for m, f in PIPELINE)


def on_task_created(session: Session, task: Task, now: datetime) -> None:
    """Run every pipeline step for a new lead task (same transaction)."""
    for step in steps():
        step(session, task, now)
        if task.status in ("Unqualified", "Converted"):
            break  # R-1 disqualified it: support, billing and spam skip routing
