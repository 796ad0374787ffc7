"""R-7's background jobs (issue 17): ``users.deactivation.plan`` plans a large hand-over
for the preview page (``deactivation_store``), and ``users.deactivation.apply`` hands the
work on after the admin confirmed — its first run re-plans under the locks, keeping the
previewed round-robin picks that still stand, refuses a different plan in words, or
deactivates the user; then ``CHUNK`` accounts' records per run, each its own transaction
with its decision records (O-8) and the progress. ``deactivation_store``'s docstring has
the whole flow and why the user is deactivated at the start."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.core import clock
from salesops.core.jobs import job, run_one_job
from salesops.flows import deactivation, deactivation_moves, people
from salesops.flows.deactivation_models import DeactivationPlan, DeactivationPlanRow
from salesops.flows.deactivation_store import (
    APPLY_JOB,
    HANDING,
    JOB_KINDS,
    PLAN_JOB,
    check_job,
    queue,
    store,
)
from salesops.playbook.runtime import Runtime
from salesops.users.models import User

CHUNK = 500  # accounts handed on per run of the confirmation job


@job(PLAN_JOB)
def plan_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """Plan a large hand-over for the preview page (it shows "planning" meanwhile)."""
    row = session.get(DeactivationPlan, int(payload["plan_id"]))
    if row is None or row.status != "planning":
        return
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        row.status, row.error, row.updated_at = "stale", "the user is no longer active", now
        return
    store(session, row, user, now)


@job(APPLY_JOB, max_attempts=5)
def apply_job(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """One run of the hand-over: the start (re-plan, compare, deactivate), or ``CHUNK``
    accounts' records moved; queues the next run until every account is done."""
    row = session.get(DeactivationPlan, int(payload["plan_id"]), with_for_update=True)
    if row is None or row.status not in HANDING:
        return  # done, failed or stale: nothing to do (a repeated run moves nothing)
    user = session.get(User, row.user_id)
    actor = session.get(User, row.actor_id) if row.actor_id else None
    if user is None or actor is None:
        row.status, row.error, row.updated_at = "failed", "the user or the admin is gone", now
        return
    if row.status == "confirmed" and not _start(session, row, actor, user, now):
        return
    rows = list(
        session.scalars(
            select(DeactivationPlanRow)
            .where(
                DeactivationPlanRow.plan_id == row.id,
                DeactivationPlanRow.account_id > row.after_account,
            )
            .order_by(DeactivationPlanRow.account_id)
            .limit(CHUNK)
        )
    )
    deactivation_moves.lock_accounts(session, [r.account_id for r in rows])
    row.done += deactivation_moves.hand_on(session, actor, user, rows, now)
    row.updated_at = now
    if len(rows) < CHUNK:
        row.status, row.finished_at = "done", now
        return
    row.after_account = rows[-1].account_id
    queue(session, row, APPLY_JOB, now)


def _start(session: Session, row: DeactivationPlan, actor: User, user: User, now: datetime) -> bool:
    """Re-plan under the locks (the round robin's counts taken for real, R-3/R-5), keeping
    the previewed picks that still stand; a different plan is refused in plain words.
    Else the user is deactivated now (R-7) and the records follow in chunks."""
    stored = {
        r.account_id: r
        for r in session.scalars(
            select(DeactivationPlanRow).where(DeactivationPlanRow.plan_id == row.id)
        )
    }
    prefer = {
        i: deactivation.Preferred(r.new_owner_id, tuple(r.rule_ids), r.reason, r.away)
        for i, r in stored.items()
    }
    if not user.active:
        row.status, row.error, row.updated_at = (
            "failed",
            f"{user.email} is already deactivated",
            now,
        )
        return False
    step = session.begin_nested()
    people.update_user(session, actor, user, now=now, active=False)
    plan = deactivation._plan(session, user, now, apply=True, prefer=prefer)
    if plan.digest != row.digest:
        step.rollback()  # nothing of this run stays: the user stays active, no slot taken
        row.status, row.updated_at, row.error = "failed", now, _why_changed(plan, stored)
        return False
    step.commit()
    row.status, row.updated_at = "applying", now
    return True


def _why_changed(plan: deactivation.Plan, stored: dict[int, DeactivationPlanRow]) -> str:
    """The refusal in words: how many accounts would now go elsewhere, and one example."""
    now_ids = {a.work.id for a in plan.accounts}
    differ = [
        a for a in plan.accounts
        if a.work.id not in stored
        or stored[a.work.id].new_owner_id != a.new_owner_id
        or (stored[a.work.id].tasks, stored[a.work.id].deals) != (a.work.tasks, a.work.deals)
    ]  # fmt: skip
    gone = [i for i in stored if i not in now_ids]
    text = (
        f"Nothing was handed on: {len(differ) + len(gone):,} of the previewed accounts "
        "would now go differently"
    )
    if differ:
        a = differ[0]
        text += f" (e.g. {a.work.name}: {a.new_owner or 'nobody eligible'}, {a.reason})"
    return text + ". Preview again."


FINISHED = ("planned", "done", "failed", "stale")


def follow(
    rt: Runtime, plan_id: int, *, on_progress: Callable[[DeactivationPlan], object],
    pause: Callable[[float], None], until: tuple[str, ...] = FINISHED,
) -> DeactivationPlan:  # fmt: skip
    """Run the plan's jobs here until it reaches a status of ``until`` (the CLI waiting
    for a planning or a hand-over), reporting the plan after each run. When there is
    nothing due here (a worker has the run, or a retry waits) ``pause`` before looking
    again; a job that gave up fails the plan, in words."""
    while True:
        ran = run_one_job(rt.db, "cli-deactivation", clock.now(), rt=rt, kinds=JOB_KINDS)
        with rt.uow() as s:
            row = s.get(DeactivationPlan, plan_id)
            if row is None:
                raise LookupError(f"deactivation plan {plan_id} is gone")
            if row.status in (*HANDING, "planning"):
                check_job(s, row, clock.now())
                s.flush()  # a job that gave up: the plan's failure is kept
            s.expunge(row)
        on_progress(row)
        if row.status in until:
            return row
        if not ran:
            pause(0.5)


def run_jobs(rt: Runtime) -> int:
    """Run the due R-7 jobs now (the page's background task; the worker runs them too)."""
    n = 0
    while run_one_job(rt.db, "web-deactivation", clock.now(), rt=rt, kinds=JOB_KINDS):
        n += 1
    return n
