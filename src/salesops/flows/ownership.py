"""Reassign one task, account or deal (issue 17 item 4; U-2, M-3, O-8).

``plan`` says, without writing, what a reassignment would move: an account takes its
open tasks and open deals with it (M-3: one account, one owner); a task or a deal on
an account someone else owns needs a choice (``with_account``): the whole account
moves with it, or only this record does. ``reassign`` applies the plan when an admin
asks; a salesperson's reassignment becomes a request (a decision record) that an admin
approves (the same plan is applied then, in the admin's name) or refuses in the
approval inbox. Every step is a decision record: who, from, to, why.

A flow: it strings accounts, tasks and opportunities through their own services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.audit import Decision, record_decision
from salesops.core.errors import Conflict, NotFound, ValidationFailed
from salesops.flows import records
from salesops.opportunities import service as opps
from salesops.opportunities.models import Opportunity
from salesops.tasks import service as tasks
from salesops.tasks.models import LIVE_STATUSES, Task
from salesops.users import service as users
from salesops.users.models import User

Kind = Literal["task", "account", "opportunity"]
KINDS: tuple[Kind, ...] = ("task", "account", "opportunity")
NOUN = {"task": "task", "account": "account", "opportunity": "deal"}
REQUEST_KIND = "reassign_request"
RESOLVED_KIND = "reassign_request_resolved"


@dataclass
class Plan:
    """What reassigning one record to ``to_id`` moves, in words and counts."""

    kind: Kind
    id: int
    name: str
    from_id: int | None
    to_id: int
    account_id: int
    account_name: str
    account_owner_id: int | None
    choice_needed: bool  # a task/deal on an account someone else owns (M-3)
    with_account: bool  # the account (and all its open work) moves too
    tasks: list[int] = field(default_factory=list)  # open tasks that move
    deals: list[int] = field(default_factory=list)  # open deals that move
    account_work: tuple[int, int] = (0, 0)  # the account's open tasks and deals (M-3)
    whole_account: bool = False  # asked for the whole account (the lists' bulk reassign)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "id": self.id, "name": self.name, "from_owner_id": self.from_id,
            "to_owner_id": self.to_id, "account_id": self.account_id,
            "account_owner_id": self.account_owner_id, "choice_needed": self.choice_needed,
            "with_account": self.with_account, "tasks": self.tasks, "deals": self.deals,
            "whole_account": self.whole_account,
        }  # fmt: skip


def record_of(session: Session, kind: str, record_id: int) -> Task | Account | Opportunity:
    if kind not in KINDS:
        raise ValidationFailed("Choose a task, an account or a deal to reassign", field="kind")
    model: Any = {"task": Task, "account": Account, "opportunity": Opportunity}[kind]
    row = session.get(model, record_id)
    if row is None:
        raise NotFound(f"{NOUN[kind]} {record_id} not found", field="id")
    return row  # type: ignore[no-any-return]


def name_of(row: Task | Account | Opportunity) -> str:
    if isinstance(row, Task):
        return row.title or f"task {row.id}"
    return row.name


def _open_work(session: Session, account_id: int) -> tuple[list[int], list[int]]:
    task_ids = session.scalars(
        select(Task.id)
        .where(Task.account_id == account_id, Task.status.in_(LIVE_STATUSES))
        .order_by(Task.id)
    )
    deal_ids = session.scalars(
        select(Opportunity.id)
        .where(Opportunity.account_id == account_id, Opportunity.is_closed.is_(False))
        .order_by(Opportunity.id)
    )
    return list(task_ids), list(deal_ids)


def plan(
    session: Session,
    kind: str,
    record_id: int,
    to_id: int | None,
    with_account: bool | None,
    *,
    whole_account: bool = False,
) -> Plan:
    """M-3: what moves when ``kind`` ``record_id`` goes to user ``to_id`` (no write).
    ``whole_account`` (the lists' bulk reassign): the account and all its open tasks
    and deals move with the task or deal, whoever owns the account now."""
    row = record_of(session, kind, record_id)
    if to_id is None:
        raise ValidationFailed("Choose who gets it", field="owner_id")
    users.require_assignable(session, to_id, "new owner")
    account = row if isinstance(row, Account) else session.get(Account, row.account_id)
    assert account is not None
    name = name_of(row)
    if row.owner_id == to_id:
        raise ValidationFailed(f"{name} already belongs to them", field="owner_id")
    choice_needed = kind != "account" and account.owner_id not in (None, to_id)
    moves_account = kind == "account" or whole_account or bool(choice_needed and with_account)
    p = Plan(
        cast(Kind, kind), record_id, name, row.owner_id, to_id, account.id, account.name,
        account.owner_id, choice_needed, moves_account,
    )  # fmt: skip
    p.whole_account = whole_account
    work = _open_work(session, account.id) if choice_needed or moves_account else ([], [])
    p.account_work = (len(work[0]), len(work[1]))
    if moves_account:
        p.tasks, p.deals = work
    elif isinstance(row, Task):
        p.tasks = [row.id]
    elif isinstance(row, Opportunity):
        p.deals = [row.id]
    return p


def _require_choice(p: Plan, with_account: bool | None) -> None:
    if p.choice_needed and with_account is None:
        raise ValidationFailed(
            f"{p.account_name} belongs to someone else: choose whether the whole account "
            f"moves with this {NOUN[p.kind]} or only the {NOUN[p.kind]} does",
            field="with_account",
            rule="M-3",
        )


def _apply(session: Session, admin: User, p: Plan, why: str, now: datetime, by: int) -> None:
    """Move what the plan says through each record's own service (admin rights)."""
    inputs = {"account_id": p.account_id, "why": why, "requested_by": by}
    if p.with_account:
        account = session.get(Account, p.account_id, with_for_update=True)
        assert account is not None
        before = account.owner_id
        if before != p.to_id:
            records.update_account(session, admin, account, {"owner_id": p.to_id}, now)
            _audit(session, admin, ("account", account.id), before, p, inputs, now)
    for task_id in p.tasks:
        task = session.get(Task, task_id)
        if task is None or task.owner_id == p.to_id:
            continue
        before = task.owner_id
        tasks.update_task(session, admin, task, {"owner_id": p.to_id}, now)
        task.stale_anchor_at = now  # a new owner's stale clock starts now (T-1)
        _audit(session, admin, ("task", task.id), before, p, inputs, now)
    for deal_id in p.deals:
        opp = session.get(Opportunity, deal_id)
        if opp is None or opp.owner_id == p.to_id:
            continue
        before = opp.owner_id
        opps.update_opportunity(session, admin, opp, {"owner_id": p.to_id}, now)
        _audit(session, admin, ("opportunity", opp.id), before, p, inputs, now)
    session.flush()


def _take(session: Session, actor: User, p: Plan, why: str, now: datetime) -> None:
    """A salesperson takes an unowned task or deal (U-2 lets them; no admin needed)."""
    row = record_of(session, p.kind, p.id)
    inputs = {"account_id": p.account_id, "why": why, "requested_by": actor.id}
    if isinstance(row, Task):
        tasks.update_task(session, actor, row, {"owner_id": actor.id}, now)
    elif isinstance(row, Opportunity):
        opps.update_opportunity(session, actor, row, {"owner_id": actor.id}, now)
    else:
        records.update_account(session, actor, row, {"owner_id": actor.id}, now)
    _audit(session, actor, (p.kind, p.id), None, p, inputs, now)
    session.flush()


def _audit(
    session: Session,
    admin: User,
    subject: tuple[str, int],
    before: int | None,
    p: Plan,
    inputs: dict[str, Any],
    now: datetime,
) -> None:
    rules = ["U-2", "M-3"] if p.with_account else ["U-2"]
    record_decision(
        session,
        "reassign",
        subject,
        {**inputs, "previous_owner_id": before, "asked_for": [p.kind, p.id]},
        rules,
        f"reassigned from user {before} to user {p.to_id} by {admin.email}: {inputs['why']}",
        outcome={"owner_id": p.to_id},
        actor_id=admin.id,
        owner_id=p.to_id,
        at=now,
    )


def reassign(
    session: Session,
    actor: User,
    kind: str,
    record_id: int,
    to_id: int | None,
    *,
    why: str,
    now: datetime,
    with_account: bool | None = None,
    whole_account: bool = False,
) -> tuple[Plan, Decision | None]:
    """U-2: an admin reassigns at once (returns no request); a salesperson's reassignment
    of their own or an unowned record becomes a request for an admin (returned).
    ``whole_account``: the record's account and all its open work go too (M-3)."""
    users.require_writer(actor)
    why = why.strip()
    if not why:
        raise ValidationFailed("Say why it changes hands (a few words)", field="why", rule="O-8")
    if whole_account:
        with_account = True
    p = plan(session, kind, record_id, to_id, with_account, whole_account=whole_account)
    _require_choice(p, with_account)
    if actor.role == "admin":
        _apply(session, actor, p, why, now, actor.id)
        return p, None
    users.require_can_edit_owned(actor, p.from_id)
    if p.from_id is None and p.to_id == actor.id and not p.with_account:
        _take(session, actor, p, why, now)  # U-2: sales take unowned records themselves
        return p, None
    if any(_same(d, p) for d in pending_requests(session)):
        raise Conflict(
            f"a request to reassign this {NOUN[p.kind]} is already waiting for an admin",
            field="id",
            rule="U-2",
        )
    request = record_decision(
        session,
        REQUEST_KIND,
        (p.kind, p.id),
        {**p.as_json(), "why": why, "outcome": "requested"},
        ["U-2"],
        f"{actor.email} asks to reassign {NOUN[p.kind]} {p.name} from user {p.from_id} "
        f"to user {p.to_id}: {why}",
        actor_id=actor.id,
        owner_id=p.to_id,
        at=now,
    )
    session.flush()
    return p, request


def _same(d: Decision, p: Plan) -> bool:
    return (d.subject_type, d.subject_id) == (p.kind, p.id)


def pending_requests(session: Session, limit: int = 100) -> list[Decision]:
    """Salespeople's reassignment requests no admin has answered yet, newest first."""
    asked = list(
        session.scalars(
            select(Decision)
            .where(Decision.kind == REQUEST_KIND)
            .order_by(Decision.id.desc())
            .limit(max(limit * 5, 500))
        )
    )
    if not asked:
        return []
    done = set(
        session.scalars(
            select(Decision.subject_id).where(
                Decision.kind == RESOLVED_KIND,
                Decision.subject_type == "decision",
                Decision.subject_id.in_([d.id for d in asked]),
            )
        )
    )
    return [d for d in asked if d.id not in done][:limit]


def resolve_request(
    session: Session, actor: User, request_id: int, *, approve: bool, now: datetime, note: str = ""
) -> Plan | None:
    """An admin approves (the request's plan is made afresh and applied in the admin's
    name) or refuses; either way the answer is recorded (O-8) and leaves the inbox."""
    users.require_role(actor, "admin")
    request = session.get(Decision, request_id)
    if request is None or request.kind != REQUEST_KIND:
        raise NotFound(f"reassignment request {request_id} not found", field="request_id")
    if request not in pending_requests(session, limit=10_000):
        raise Conflict("this request was already answered", field="request_id", rule="U-2")
    asked = request.inputs or {}
    done: Plan | None = None
    if approve:
        done = plan(
            session, str(asked["kind"]), int(asked["id"]), asked.get("to_owner_id"),
            asked.get("with_account"), whole_account=bool(asked.get("whole_account")),
        )  # fmt: skip
        reason = f"{asked.get('why', '')} (asked by user {request.actor_id})"
        _apply(session, actor, done, reason, now, request.actor_id or actor.id)
    record_decision(
        session,
        RESOLVED_KIND,
        ("decision", request.id),
        {"approved": approve, "note": note.strip() or None, "kind": asked.get("kind"),
         "id": asked.get("id"), "requested_by": request.actor_id,
         "to_owner_id": asked.get("to_owner_id")},
        ["U-2"],
        f"reassignment of {asked.get('kind')} {asked.get('id')} "
        f"{'approved' if approve else 'refused'} by {actor.email}"
        + (f": {note.strip()}" if note.strip() else ""),
        actor_id=actor.id,
        at=now,
    )  # fmt: skip
    session.flush()
    return done
