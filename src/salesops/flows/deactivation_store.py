"""R-7 at scale (issue 17): the preview planned and stored, the confirmation a background job.

**The preview.** ``preview`` reads the leaving user's ``inputs`` — their open tasks, open
deals and owned accounts as counts and id sums, three index-only aggregates — and shows
the stored plan made from the same inputs. A plan whose inputs differ (a new task
arrived, a deal closed) is stale and not shown: a new one is made. A small hand-over
(``INLINE`` records or fewer) is planned in the request; a larger one by the
``users.deactivation.plan`` job while the page shows that it is planning. The page then
reads the counts per new owner (``summary``) and one page of accounts (``plan rows``);
nothing is planned again for the further pages.

**The confirmation.** ``confirm`` refuses a plan that is not the current one (its inputs
changed since the preview: "preview again", with what changed) and queues the
``users.deactivation.apply`` job; confirming twice queues nothing twice. The job's first
run re-plans under the rotations' and accounts' locks, keeping the previewed round-robin
picks that still stand (``deactivation._plan``'s ``prefer``), and refuses (the plan
``failed``, in plain words) when the rules now give a different plan. Otherwise it
**deactivates the user at once** — out of every rotation, so no new work reaches them
while their records move and a deactivated user can own nothing new — and hands the work
on ``CHUNK`` accounts per run, each run its own transaction with the decision records
(O-8) and the progress (records moved, the cursor). A run that fails is retried by the
job machinery from the cursor; a run repeated moves nothing twice (only what the user
still owns moves). So the user is deactivated at the start and the job guarantees the
rest completes; the page shows the progress and the outcome.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.errors import Conflict, NotFound, ValidationFailed
from salesops.core.jobs import Job, enqueue
from salesops.flows import deactivation, deactivation_moves
from salesops.flows.deactivation_facts import user_deals, user_tasks
from salesops.flows.deactivation_models import DeactivationPlan, DeactivationPlanRow
from salesops.opportunities.models import Opportunity
from salesops.tasks.models import Task
from salesops.users.models import User

PLAN_JOB = "users.deactivation.plan"
APPLY_JOB = "users.deactivation.apply"
JOB_KINDS = (PLAN_JOB, APPLY_JOB)
INLINE = 2000  # records: a hand-over this small is planned in the request
OPEN = ("planning", "planned")
HANDING = ("confirmed", "applying")
# The page counts the user's open work (the staleness check) at most this often per plan:
# after a mass update those counts read ~100,000 heap pages (PostgreSQL's visibility map
# cleared until the next VACUUM); the confirmation always checks.
CHECK_EVERY = timedelta(seconds=30)


@dataclass
class Inputs:
    """What a plan is made from: the user's open tasks, open deals and owned accounts."""

    tasks: tuple[int, int]  # (count, sum of ids)
    deals: tuple[int, int]
    accounts: tuple[int, int]

    @property
    def key(self) -> str:
        return "t{}:{}|d{}:{}|a{}:{}".format(*self.tasks, *self.deals, *self.accounts)

    @property
    def records(self) -> int:
        return self.tasks[0] + self.deals[0] + self.accounts[0]

    @classmethod
    def parse(cls, key: str) -> Inputs:
        parts = [p[1:].split(":") for p in key.split("|")]
        t, d, a = [(int(x), int(y)) for x, y in parts]
        return cls(t, d, a)

    def changes_since(self, before: Inputs) -> str:
        """What changed, in words: "open tasks 10 → 11"."""
        said = []
        for noun, now, then in (
            ("open tasks", self.tasks, before.tasks),
            ("open deals", self.deals, before.deals),
            ("owned accounts", self.accounts, before.accounts),
        ):
            if now != then:
                said.append(
                    f"{noun} {then[0]:,} → {now[0]:,}" if now[0] != then[0] else f"{noun} changed"
                )
        return ", ".join(said)


def inputs(session: Session, user_id: int) -> Inputs:
    """Three aggregates from the owner's indexes (``ix_tasks_owner_work`` and the like)."""

    def one(stmt: Any) -> tuple[int, int]:
        n, total = session.execute(stmt).one()
        return int(n or 0), int(total or 0)

    return Inputs(
        one(select(func.count(), func.sum(Task.id)).where(user_tasks(user_id))),
        one(select(func.count(), func.sum(Opportunity.id)).where(user_deals(user_id))),
        one(select(func.count(), func.sum(Account.id)).where(Account.owner_id == user_id)),
    )


@dataclass
class View:
    """The preview page's plan: the stored plan, its counts and one page of its records."""

    plan: DeactivationPlan
    user: str
    moves: list[deactivation_moves.Move] = field(default_factory=list)
    notice: str = ""
    run_jobs: bool = False  # a job was queued: the page asks for it to run

    @property
    def user_id(self) -> int:
        return self.plan.user_id

    @property
    def digest(self) -> str:
        return self.plan.digest or ""

    @property
    def status(self) -> str:
        return self.plan.status

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.plan.summary.get("counts") or {})

    @property
    def accounts_total(self) -> int:
        return int(self.plan.summary.get("accounts_total") or 0)

    @property
    def total(self) -> int:
        return self.plan.total

    def by_owner(self) -> list[dict[str, Any]]:
        return list(self.plan.summary.get("by_owner") or [])

    @property
    def percent(self) -> int:
        if self.plan.status == "done":
            return 100
        return round(100 * self.plan.done / self.plan.total) if self.plan.total else 0

    def as_json(self, offset: int = 0) -> dict[str, Any]:
        """The API's answer: the plan (status, digest, counts per new owner), the
        hand-over's progress, and the records of one page of accounts."""
        summary = self.plan.summary or {}
        return {
            "plan_id": self.plan.id, "user_id": self.user_id, "user": self.user,
            "status": self.status, "digest": self.plan.digest, "counts": self.counts,
            "by_owner": self.by_owner(), "left_unassigned": summary.get("left_unassigned", 0),
            "accounts_total": self.accounts_total, "total": self.total, "done": self.plan.done,
            "percent": self.percent, "error": self.plan.error, "notice": self.notice or None,
            "offset": offset, "moves": [asdict(m) for m in self.moves],
        }  # fmt: skip


def latest(session: Session, user_id: int) -> DeactivationPlan | None:
    return session.scalar(
        select(DeactivationPlan)
        .where(DeactivationPlan.user_id == user_id)
        .order_by(DeactivationPlan.id.desc())
        .limit(1)
    )


def preview(
    session: Session, actor: User, user: User, now: datetime, *, offset: int = 0, limit: int = 25,
    plan_id: int | None = None, retry: bool = False, recheck: bool = False,
) -> View:  # fmt: skip
    """R-7's preview page: the current stored plan (made now, in the request or queued as
    a job, when there is none for the user's current inputs), or the hand-over under
    way or finished. The inputs are counted again when the plan was last checked more
    than ``CHECK_EVERY`` ago, or after a refusal (``recheck``); ``retry``: plan again
    after a planning job gave up."""
    from salesops.users.service import require_role

    require_role(actor, "admin")
    last = latest(session, user.id)
    if last is not None and last.status in (*HANDING, "planning"):
        check_job(session, last, now)
    if (
        last is not None
        and last.status == "failed"
        and last.digest is None  # planning failed: the reason, and "plan again"
        and not retry
        and user.active
        and last.inputs == inputs(session, user.id).key
    ):
        return View(last, user.email)
    if last is not None and (last.status in HANDING or (last.status == "done" and not user.active)):
        return View(last, user.email)
    if last is not None and last.status == "failed" and last.actor_id and not user.active:
        return View(last, user.email)  # a hand-over that stopped: its error, and resume
    if not user.active:
        raise ValidationFailed(f"{user.email} is already deactivated", field="active", rule="R-7")
    notice = last.error or "" if last is not None and last.status == "failed" else ""
    plan = None
    if last is not None and last.status in OPEN and not recheck and _checked_lately(last, now):
        plan, now_in = last, Inputs.parse(last.inputs)
    else:
        now_in = inputs(session, user.id)
    if plan is None and last is not None and last.status in OPEN:
        if last.inputs == now_in.key:
            plan = last
            if last.status == "planned":
                last.updated_at = now  # checked now
        else:
            was = Inputs.parse(last.inputs)
            if plan_id is not None:
                notice = (
                    f"{user.email}'s work changed since that preview "
                    f"({now_in.changes_since(was)}); this is a new plan."
                )
            last.status, last.updated_at = "stale", now
    if plan is None:
        plan = DeactivationPlan(
            user_id=user.id, inputs=now_in.key, status="planning", summary={}, total=0, done=0,
            after_account=0, created_at=now, updated_at=now,
        )  # fmt: skip
        session.add(plan)
        session.flush()
        if now_in.records <= INLINE:
            store(session, plan, user, now)
        else:
            queue(session, plan, PLAN_JOB, now)
            return View(plan, user.email, notice=notice, run_jobs=True)
    view = View(plan, user.email, notice=notice)
    if plan.status == "planned":
        rows = list(
            session.scalars(
                select(DeactivationPlanRow)
                .where(DeactivationPlanRow.plan_id == plan.id)
                .order_by(DeactivationPlanRow.account_id)
                .offset(max(0, offset))
                .limit(max(0, limit))
            )
        )
        view.moves = deactivation_moves.records_of(session, user.id, rows)
    return view


def _checked_lately(row: DeactivationPlan, now: datetime) -> bool:
    """A plan still being planned, or whose inputs were checked in the last ``CHECK_EVERY``:
    shown without counting the user's work again (the confirmation always checks)."""
    return row.status == "planning" or now - row.updated_at < CHECK_EVERY


def store(session: Session, row: DeactivationPlan, user: User, now: datetime) -> None:
    """Plan ``user``'s hand-over (``deactivation._plan``: no write, no lock) into ``row``:
    its rows, counts per new owner and digest; older plans' rows of the user go."""
    with session.no_autoflush:
        row.inputs = inputs(session, user.id).key  # what is planned, in this transaction
        plan = deactivation._plan(session, user, now, apply=False)
    session.execute(
        delete(DeactivationPlanRow).where(
            DeactivationPlanRow.plan_id.in_(
                select(DeactivationPlan.id).where(
                    DeactivationPlan.user_id == user.id,
                    DeactivationPlan.id != row.id,
                    DeactivationPlan.status.not_in(HANDING),
                )
            )
        )
    )
    values = [
        {"plan_id": row.id, "account_id": a.work.id, "name": a.work.name[:255],
         "new_owner_id": a.new_owner_id, "new_owner": a.new_owner, "owns_account": a.owns_account,
         "tasks": a.work.tasks, "deals": a.work.deals, "away": a.away, "rule_ids": a.rule_ids,
         "reason": a.reason}
        for a in plan.accounts
    ]  # fmt: skip
    for i in range(0, len(values), 2000):
        session.execute(insert(DeactivationPlanRow), values[i : i + 2000])
    data = plan.as_json()
    row.summary = {
        **(row.summary or {}),
        "counts": data["counts"],
        "by_owner": data["by_owner"],
        "left_unassigned": data["left_unassigned"],
        "accounts_total": data["accounts_total"],
    }
    row.digest, row.total, row.status, row.updated_at = plan.digest, plan.total, "planned", now
    session.flush()


def confirm(
    session: Session, actor: User, user: User, now: datetime, *, digest: str
) -> DeactivationPlan:
    """The admin confirms the previewed plan (``digest``): queue the hand-over job. A plan
    whose inputs changed since is refused ("preview again", saying what changed);
    confirming a hand-over already under way or done queues nothing twice."""
    from salesops.users.service import require_role

    require_role(actor, "admin")
    last = latest(session, user.id)
    if last is not None and last.digest == digest and last.status in (*HANDING, "done"):
        return last  # confirmed twice: the one job moves everything once
    if not user.active:
        raise ValidationFailed(f"{user.email} is already deactivated", field="active", rule="R-7")
    if last is None or last.status != "planned" or last.digest != digest:
        raise Conflict(
            "who gets this user's work has changed since the preview; preview again",
            field="digest",
            rule="R-7",
        )
    now_in = inputs(session, user.id)
    if now_in.key != last.inputs:
        last.status, last.updated_at = "stale", now
        raise Conflict(
            f"{user.email}'s work changed since the preview "
            f"({now_in.changes_since(Inputs.parse(last.inputs))}); preview again",
            field="digest",
            rule="R-7",
        )
    last.status, last.actor_id, last.updated_at = "confirmed", actor.id, now
    queue(session, last, APPLY_JOB, now)
    return last


def queue(session: Session, row: DeactivationPlan, kind: str, now: datetime) -> None:
    """Queue a run of the plan's job, remembered on the plan (its failure is shown)."""
    queued = enqueue(session, kind, {"plan_id": row.id}, now=now)
    row.summary = {**(row.summary or {}), "job_id": queued.id if queued else None}


def check_job(session: Session, row: DeactivationPlan, now: datetime) -> None:
    """A job of the plan that gave up (its retries spent) fails the plan, in words."""
    job_id = (row.summary or {}).get("job_id")
    queued = session.get(Job, job_id) if job_id else None
    if queued is None or queued.status != "dead":
        return
    last_line = (queued.last_error or "").strip().splitlines()[-1:] or ["an unexpected error"]
    what = "Planning" if row.status == "planning" else "The hand-over"
    row.status, row.updated_at = "failed", now
    row.error = f"{what} failed after {queued.attempts} attempts: {last_line[0][:300]}"


def progress(session: Session, actor: User, user: User, now: datetime) -> View:
    """The user's latest plan as it stands: planning, planned, the hand-over's progress,
    its outcome (the API's and the CLI's status; the page is ``preview``)."""
    from salesops.users.service import require_role

    require_role(actor, "admin")
    last = latest(session, user.id)
    if last is None:
        raise NotFound(f"{user.email}'s deactivation was never previewed", rule="R-7")
    if last.status in (*HANDING, "planning"):
        check_job(session, last, now)
    return View(last, user.email)


def resume(session: Session, actor: User, user: User, now: datetime) -> DeactivationPlan:
    """A hand-over that stopped after the user was deactivated: go on from its cursor."""
    from salesops.users.service import require_role

    require_role(actor, "admin")
    last = latest(session, user.id)
    if last is None or last.status != "failed" or user.active:
        raise ValidationFailed("there is no stopped hand-over to resume", rule="R-7")
    last.status, last.error, last.updated_at = "applying", None, now
    queue(session, last, APPLY_JOB, now)
    return last
