"""The queue's "stale in N days" reads the sweep's own clock (T-1/T-2): a task the sweep
has just reassigned starts its days afresh, instead of showing "stale in -30d" beside a
demo's freshly swept leads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from salesops.playbook.loader import load_default_playbook
from salesops.tasks.models import Task
from salesops.tasks.queue import stale_in_days, urgency

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)
PLAYBOOK = load_default_playbook()
DAYS = PLAYBOOK.stale.reassign_after_days


def _task(**fields: object) -> Task:
    base: dict[str, object] = {
        "kind": "lead", "status": "Working", "owner_id": 1, "reassignment_count": 0,
        "created_at": NOW - timedelta(days=40), "assigned_at": NOW - timedelta(days=40),
    }  # fmt: skip
    return Task(**{**base, **fields})


def test_a_task_just_reassigned_by_the_sweep_starts_its_clock_afresh() -> None:
    task = _task(
        reassignment_count=1,
        last_touched_at=NOW - timedelta(days=39),
        assigned_at=NOW - timedelta(hours=1),
        stale_anchor_at=NOW - timedelta(hours=1),
    )
    assert stale_in_days(task, PLAYBOOK, NOW) == PLAYBOOK.stale.autoclose_after_days
    assert urgency(task, PLAYBOOK, NOW).stale_in_days == PLAYBOOK.stale.autoclose_after_days


def test_a_touch_later_than_the_anchor_restarts_the_clock() -> None:
    task = _task(stale_anchor_at=NOW - timedelta(days=9), last_touched_at=NOW - timedelta(days=2))
    assert stale_in_days(task, PLAYBOOK, NOW) == DAYS - 2


def test_an_untouched_task_nobody_could_take_shows_how_far_past_the_limit() -> None:
    task = _task(stale_anchor_at=NOW - timedelta(days=DAYS + 5))
    assert stale_in_days(task, PLAYBOOK, NOW) == -5
