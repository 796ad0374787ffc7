"""A user leaves (R-7): their open tasks and opportunities go on through round robin.

``preview_deactivation`` says, without writing, who would get the user's open lead
tasks, open opportunities and owned accounts; ``deactivation_store`` stores that plan
for the admin page, the API and the CLI, and ``deactivation_jobs`` applies it after the
admin confirmed (a plan that changed since is refused). The plan asks the one routing
decision (``routing.rules.decide_route``) once per account, with the user treated as
gone: the account's other active owners first (M-3, R-2, R-3a), else the territory's
round robin (R-4/R-3) — so all of an account's work and the account go to one new owner
(one account, one owner). Every change is a decision
record (O-8) naming the admin.

Set-based (issue 17): the facts are read with one query per kind for all the user's
accounts (``deactivation_facts``), each territory's rotation once; the plan is one
decision per account (not per record), so a rep with 10,000 accounts and 100,000 open
tasks is planned in one pass. The plan is deterministic — the same rows give the same
plan — and the hand-over job re-plans under the rotations' locks and applies it only
when its digest is the previewed one; the records move with one UPDATE per new owner and
chunk of accounts.

A flow: it strings users (deactivation, ``flows.people``), routing and work together.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from salesops.core.errors import ValidationFailed
from salesops.flows.deactivation_facts import (
    AccountWork,
    Rotations,
    load,
)
from salesops.flows.deactivation_moves import Move
from salesops.playbook.runtime import playbook_of
from salesops.routing import rules
from salesops.routing.rotations import RotationLookup, UserLookup
from salesops.users.models import User

KINDS = ("task", "opportunity", "account")


@dataclass
class AccountPlan:
    """Where one account and the user's open work on it go (one account, one owner)."""

    work: AccountWork
    new_owner_id: int | None
    new_owner: str
    rule_ids: list[str]
    reason: str
    away: bool
    owns_account: bool  # the leaving user owns the account: it moves too

    @property
    def records(self) -> int:
        return self.work.tasks + self.work.deals + int(self.owns_account)

    @property
    def account_id(self) -> int:
        return self.work.id

    @property
    def name(self) -> str:
        return self.work.name


@dataclass
class Plan:
    user_id: int
    user: str
    accounts: list[AccountPlan] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """What the admin saw: ``deactivate`` refuses to apply a different plan."""
        key = [
            (a.work.id, a.new_owner_id, a.work.tasks, a.work.task_ids, a.work.deals,
             a.work.deal_ids, a.owns_account)
            for a in self.accounts
        ]  # fmt: skip
        return hashlib.sha256(json.dumps([self.user_id, key]).encode()).hexdigest()[:16]

    @property
    def counts(self) -> dict[str, int]:
        return {
            "task": sum(a.work.tasks for a in self.accounts),
            "opportunity": sum(a.work.deals for a in self.accounts),
            "account": sum(1 for a in self.accounts if a.owns_account),
        }

    @property
    def total(self) -> int:
        """How many records change hands (or would, when someone is eligible)."""
        return sum(a.records for a in self.accounts)

    def by_owner(self) -> list[dict[str, Any]]:
        """Per new owner (None: nobody eligible, left as is): accounts, tasks, deals."""
        rows: dict[int | None, dict[str, Any]] = {}
        for a in self.accounts:
            row = rows.setdefault(
                a.new_owner_id,
                {"owner_id": a.new_owner_id, "owner": a.new_owner, "accounts": 0,
                 "owned_accounts": 0, "tasks": 0, "deals": 0, "away": a.away},
            )  # fmt: skip
            row["accounts"] += 1
            row["owned_accounts"] += int(a.owns_account)
            row["tasks"] += a.work.tasks
            row["deals"] += a.work.deals
        return sorted(rows.values(), key=lambda r: (r["owner_id"] is None, r["owner"]))

    def as_json(self, moves: list[Move] | None = None, offset: int = 0) -> dict[str, Any]:
        left = sum(a.records for a in self.accounts if a.new_owner_id is None)
        return {
            "user_id": self.user_id,
            "user": self.user,
            "digest": self.digest,
            "counts": self.counts,
            "by_owner": self.by_owner(),
            "left_unassigned": left,
            "accounts_total": len(self.accounts),
            "offset": offset,
            "moves": [asdict(m) for m in moves or []],
        }


def _plan(
    session: Session, user: User, now: datetime, *, apply: bool,
    prefer: Mapping[int, Preferred] | None = None,
) -> Plan:  # fmt: skip
    """One routing decision per account, the user treated as gone. ``prefer`` (the stored
    preview's round-robin picks, when applying it): an account the round robin hands on
    goes to the member the admin saw when that member is still eligible in the same
    rotation (R-3: the slot is counted) — the rotation moving on between the preview and
    the confirmation does not change the plan; every other rule is decided again."""
    pb = playbook_of(session)
    gone = frozenset({user.id})
    users = UserLookup(session, now, pb, deactivating=gone)
    rotations = Rotations(
        RotationLookup(session, now, pb, lock=apply, dry_run=not apply, deactivating=gone)
    )
    names: dict[int | None, str] = {None: ""}
    plan = Plan(user.id, user.email)
    for work in load(session, user.id, now, pb.routing.returning_lead_months):
        facts = rules.RouteFacts(
            account_id=work.id,
            account_owner_id=work.owner_id,
            territory=work.territory,
            country=work.country,
            us_state=work.us_state,
            users=users,
            rotations=rotations,
            linked_task=work.linked,
            open_opportunity=work.opportunity,
            previous_lead=work.previous,
            domain_account=work.domain is not None,
        )
        d = rules.decide_route(facts, now, pb)
        rule_ids = list(dict.fromkeys(["R-7", *d.rule_ids]))
        kept = _kept(rotations, d, rule_ids, (prefer or {}).get(work.id))
        if kept is not None:
            rotations.take(d.territory, kept[0])
            owner_id, reason, away = kept[1].owner_id, kept[1].reason, kept[1].away
        else:
            if d.member_id is not None:
                rotations.take(d.territory, d.member_id)
            owner_id, away = d.owner_id, d.away
            reason = d.reason if owner_id is None else f"{user.email} leaves (R-7): {d.reason}"
        if owner_id not in names:
            names[owner_id] = _email(session, owner_id)
        plan.accounts.append(
            AccountPlan(
                work,
                owner_id,
                names[owner_id],
                rule_ids,
                reason,
                away,
                work.owner_id == user.id,
            )  # fmt: skip
        )
    return plan


@dataclass(frozen=True)
class Preferred:
    """A stored plan's pick for one account (``_plan``'s ``prefer``)."""

    owner_id: int | None
    rule_ids: tuple[str, ...]
    reason: str
    away: bool


def _kept(
    rotations: Rotations, d: rules.RouteDecision, rule_ids: list[str], pick: Preferred | None
) -> tuple[int, Preferred] | None:
    """(rotation member, pick) when the stored round-robin pick still stands: the decision
    is the round robin by the same rules and the picked user is an eligible member."""
    if pick is None or d.member_id is None or pick.owner_id == d.owner_id:
        return None
    if tuple(rule_ids) != pick.rule_ids:
        return None
    for c in rotations[d.territory].candidates:
        if c.user_id == pick.owner_id and c.eligible:
            return c.member_id, pick
    return None


def _email(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.email if user is not None else ""


def preview_deactivation(session: Session, actor: User, user: User, now: datetime) -> Plan:
    """R-7: who would get ``user``'s open tasks, opportunities and accounts, planned now;
    no write, no lock (the rotation counts are planned in memory). The pages, the API and
    the CLI show the stored plan (``deactivation_store``) and hand it on as a job."""
    from salesops.users.service import require_role

    require_role(actor, "admin")
    if not user.active:
        raise ValidationFailed(f"{user.email} is already deactivated", field="active", rule="R-7")
    with session.no_autoflush:
        return _plan(session, user, now, apply=False)
