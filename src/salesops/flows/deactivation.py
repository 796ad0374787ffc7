"""A user leaves (R-7): their open tasks and opportunities go on through round robin.

``preview_deactivation`` says, without writing, who would get each of the user's
open lead tasks, open opportunities and owned accounts; ``deactivate`` does it after
the admin confirmed (with the preview's ``digest``: a plan that changed since is
refused, 409). Both ask the one routing decision (``routing.rules.decide_route``) per
account, with the user treated as gone: the account's other active owners first
(M-3, R-2, R-3a), else the territory's round robin (R-4/R-3) — so all of an
account's work and the account go to one new owner (one account, one owner). Every
change is a decision record (O-8) naming the admin.

A flow: it strings users (deactivation, ``flows.people``), routing and work together.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.audit import record_decision
from salesops.core.errors import Conflict, ValidationFailed
from salesops.flows import people
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.routing import rules
from salesops.routing.facts import lead_facts
from salesops.routing.rotations import RotationLookup, UserLookup
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users.models import User


@dataclass
class Move:
    """One record changing hands: a task, an opportunity or an account."""

    kind: str
    id: int
    name: str
    account_id: int
    new_owner_id: int | None
    new_owner: str
    rule_ids: list[str]
    reason: str
    away: bool = False  # the new owner is on time off today


@dataclass
class Plan:
    user_id: int
    user: str
    moves: list[Move] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """What the admin saw: ``deactivate`` refuses to apply a different plan."""
        key = [(m.kind, m.id, m.new_owner_id) for m in self.moves]
        return hashlib.sha256(json.dumps([self.user_id, key]).encode()).hexdigest()[:16]

    def as_json(self) -> dict[str, Any]:
        left = sum(1 for m in self.moves if m.new_owner_id is None)
        return {
            "user_id": self.user_id,
            "user": self.user,
            "digest": self.digest,
            "moves": [asdict(m) for m in self.moves],
            "counts": {
                kind: sum(1 for m in self.moves if m.kind == kind)
                for kind in ("task", "opportunity", "account")
            },
            "left_unassigned": left,
        }


def _work(session: Session, user_id: int) -> tuple[list[Task], list[Opportunity], list[int]]:
    tasks = list(
        session.scalars(
            select(Task)
            .where(Task.owner_id == user_id, Task.status.in_(OPEN_STATUSES))
            .order_by(Task.id)
        )
    )
    opps = list(
        session.scalars(
            select(Opportunity)
            .where(Opportunity.owner_id == user_id, Opportunity.is_closed.is_(False))
            .order_by(Opportunity.id)
        )
    )
    owned = set(session.scalars(select(Account.id).where(Account.owner_id == user_id)))
    account_ids = sorted(owned | {t.account_id for t in tasks} | {o.account_id for o in opps})
    return tasks, opps, account_ids


def _other_open_task(session: Session, account_id: int, user_id: int) -> int | None:
    """M-3: the account's oldest open lead task someone else owns (the conversation)."""
    return session.scalar(
        select(Task.id)
        .where(
            Task.account_id == account_id,
            Task.kind == "lead",
            Task.status.in_(OPEN_STATUSES),
            Task.owner_id.is_not(None),
            Task.owner_id != user_id,
        )
        .order_by(Task.id)
        .limit(1)
    )


def _plan(session: Session, user: User, now: datetime, *, apply: bool) -> Plan:
    pb = playbook_of(session)
    gone = frozenset({user.id})
    users = UserLookup(session, now, pb, deactivating=gone)
    rotations = RotationLookup(session, now, pb, lock=apply, dry_run=not apply, deactivating=gone)
    tasks, opps, account_ids = _work(session, user.id)
    # the records per account, grouped once (a scan per account was quadratic)
    by_account: dict[int, list[tuple[str, int, str]]] = {}
    for t in tasks:
        by_account.setdefault(t.account_id, []).append(("task", t.id, t.title or f"task {t.id}"))
    for o in opps:
        by_account.setdefault(o.account_id, []).append(("opportunity", o.id, o.name))
    names: dict[int | None, str] = {}
    plan = Plan(user.id, user.email)
    for account_id in account_ids:  # id order: the lock order routing uses
        account = session.get(Account, account_id, with_for_update=True if apply else None)
        assert account is not None
        facts = lead_facts(
            session,
            account,
            now,
            pb,
            users=users,
            rotations=rotations,
            linked_task_id=_other_open_task(session, account_id, user.id),
        )
        d = rules.decide_route(facts, now, pb)
        if d.member_id is not None:
            rotations.take(d.territory, d.member_id)
        rule_ids = list(dict.fromkeys(["R-7", *d.rule_ids]))
        if d.owner_id not in names:
            names[d.owner_id] = _email(session, d.owner_id)
        name = names[d.owner_id]
        reason = d.reason if d.owner_id is None else f"{user.email} leaves (R-7): {d.reason}"
        items = list(by_account.get(account_id, ()))  # tasks, then opportunities, by id
        if account.owner_id == user.id:
            items.append(("account", account.id, account.name))
        for kind, rid, label in items:
            plan.moves.append(
                Move(kind, rid, label, account_id, d.owner_id, name, rule_ids, reason, d.away)
            )
    return plan


def _email(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.email if user is not None else ""


def preview_deactivation(session: Session, actor: User, user: User, now: datetime) -> Plan:
    """R-7: who would get each of ``user``'s open tasks, opportunities and accounts; no
    write, no lock (the rotation counts are planned in memory)."""
    from salesops.users.service import require_role

    require_role(actor, "admin")
    if not user.active:
        raise ValidationFailed(f"{user.email} is already deactivated", field="active", rule="R-7")
    with session.no_autoflush:
        return _plan(session, user, now, apply=False)


def deactivate(
    session: Session, actor: User, user: User, now: datetime, *, digest: str | None = None
) -> Plan:
    """R-7: deactivate ``user`` (out of every rotation) and hand their open work on as
    previewed; ``digest`` (from the preview) must still match the plan, else 409."""
    preview = preview_deactivation(session, actor, user, now)
    if digest is not None and digest != preview.digest:
        raise Conflict(
            "who gets this user's work has changed since the preview; preview again",
            field="digest",
            rule="R-7",
        )
    people.update_user(session, actor, user, now=now, active=False)
    plan = _plan(session, user, now, apply=True)
    for m in plan.moves:
        if m.new_owner_id is None:
            continue
        model: Any = {"task": Task, "opportunity": Opportunity, "account": Account}[m.kind]
        row = session.get(model, m.id)
        assert row is not None
        row.owner_id = m.new_owner_id
        row.updated_at = now
        if isinstance(row, Task):  # a new owner's stale clock starts now (T-1); not a touch
            row.assigned_at = row.stale_anchor_at = now
            row.stale_skipped_at = None
            row.owner_away = m.away
        record_decision(
            session,
            "assign" if m.kind == "account" else "reassign",
            (m.kind, m.id),
            {"previous_owner_id": user.id, "account_id": m.account_id},
            m.rule_ids,
            m.reason,
            outcome={"owner_id": m.new_owner_id},
            actor_id=actor.id,
            owner_id=m.new_owner_id,
            at=now,
        )
    session.flush()
    return plan
