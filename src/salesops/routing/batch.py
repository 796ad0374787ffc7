"""Routing queued lead tasks in batches (M-3, R-2 … R-7): the same chain as ``route_task``.

For tasks that are already stored without an owner — new leads drained from
intake's queue (``flows.pipeline``, through ``route_batch``), an import, leads
left unassigned while nobody was eligible (``route_queued``) — routing one by one
costs ~15 statements a lead. Here a batch of up to ``limit`` tasks costs a fixed
handful:

1. the batch (``FOR NO KEY UPDATE SKIP LOCKED`` on PostgreSQL, so several
   workers take different batches), its accounts locked in id order (R-5, the
   lock ``route_task`` takes), linked tasks, open opportunities and the latest
   earlier lead per account (R-3a) — one IN query each (``routing.facts``);
2. the users involved and every territory's rotation, locked in one order
   (own territories by name, the fallback last — as ``route_task`` and the
   sweep do, so no deadlock), with time off in one query;
3. the chain in memory, lead by lead, in id order (so a later lead on the same
   account sees the owner an earlier one gave it);
4. account ownership claimed by conditional executemany UPDATEs
   (``WHERE owner_id IS NULL``; re-read on a conflict), tasks written by one
   executemany, decision records by one INSERT (O-8), rotation counters by one
   UPDATE per member that took leads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from salesops.accounts.models import Account
from salesops.core.audit import record_decisions
from salesops.core.errors import Conflict
from salesops.playbook.runtime import playbook_of
from salesops.playbook.schema import Playbook
from salesops.routing import rules
from salesops.routing import service as routing
from salesops.routing.facts import BatchFacts, load_batch_facts
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users.models import User

TASKS = cast(Table, Task.__table__)
ACCOUNTS = cast(Table, Account.__table__)


def route_queued(
    session: Session,
    now: datetime,
    *,
    limit: int = 1000,
    after_id: int = 0,
    stats: dict[str, int] | None = None,
) -> int:
    """Route up to ``limit`` unassigned open lead tasks with id > ``after_id`` (M-3, R-2 … R-7).

    Returns the id of the last task examined, 0 when none are left: pass it back
    as ``after_id`` for the next batch (a task nobody can take stays unassigned
    with its reason recorded, and is not looked at again in the same run).
    ``stats`` (optional) accumulates ``routed`` and ``unassigned``.
    """
    pg = session.get_bind().dialect.name == "postgresql"
    query = (
        select(Task.id, Task.account_id, Task.linked_task_id, Task.status, Task.created_at)
        .where(
            Task.kind == "lead",
            Task.owner_id.is_(None),
            Task.status.in_(OPEN_STATUSES),
            Task.id > after_id,
        )
        .order_by(Task.id)
        .limit(limit)
    )
    if pg:
        query = query.with_for_update(skip_locked=True, key_share=True, of=Task)
    batch = session.execute(query).all()
    if not batch:
        return 0
    route_batch(session, batch, now, stats=stats)
    return int(batch[-1].id)


def route_batch(
    session: Session, batch: Sequence[Any], now: datetime, *, stats: dict[str, int] | None = None
) -> int:
    """Route the given unassigned open lead tasks at once (M-3, R-2 … R-7); returns how many
    got an owner. For ``route_queued`` and the new-lead pipeline (``flows.pipeline``).

    ``batch`` holds rows or ``Task`` objects with ``id``, ``account_id``,
    ``linked_task_id``, ``status`` and ``created_at``, already locked by the caller
    (or written by it in this transaction); they are routed in id order. Tasks and
    accounts of this session's identity map are updated with what was written.
    """
    if not batch:
        return 0
    pb = playbook_of(session)
    pg = session.get_bind().dialect.name == "postgresql"
    batch = sorted(batch, key=lambda row: int(row.id))
    session.flush()  # the writes below are Core statements: nothing pending may follow them
    with session.no_autoflush:
        facts = load_batch_facts(session, batch, now, pb, pg)
        _lock_rotations(session, facts, now, pb)
        lookups = (
            routing.UserLookup(session, now, pb),
            routing.RotationLookup(session, now, pb, level=True),
        )
        outcomes = [_route_one(session, facts, lookups, row, now, pb) for row in batch]
    _write(session, facts, outcomes, now)
    _sync_loaded(session, outcomes, now)
    routed = sum(1 for o in outcomes if o.owner_id is not None)
    if stats is not None:
        stats["routed"] = stats.get("routed", 0) + routed
        stats["unassigned"] = stats.get("unassigned", 0) + len(outcomes) - routed
    return routed


def _lock_rotations(session: Session, facts: BatchFacts, now: datetime, pb: Playbook) -> None:
    """Every rotation the batch may draw from, locked in the one global order (R-5)."""
    fallback = pb.territories.fallback
    names = {routing.territory_of(a, pb) for a in facts.accounts.values()} | {fallback}  # type: ignore[arg-type]
    members: list[User] = []
    ordered = sorted(names, key=lambda n: (n == fallback, n))
    routing.load_rotations(session, ordered)  # two queries for all of them
    for name in ordered:
        rot = routing.rotation(session, name)
        if rot is not None:
            members.extend(rot.users.values())
    for user in members:
        facts.users.setdefault(user.id, user)
    routing.preload_availability(session, list(facts.users.values()), now, pb)


@dataclass
class _Outcome:
    task_id: int
    account_id: int
    linked_task_id: int | None
    decision: rules.RouteDecision
    claim: tuple[int | None, int] | None = None  # (expected account owner, new owner)

    @property
    def owner_id(self) -> int | None:
        return self.decision.owner_id

    @property
    def territory(self) -> str:
        return self.decision.territory


def _route_one(
    session: Session,
    facts: BatchFacts,
    lookups: tuple[routing.UserLookup, routing.RotationLookup],
    row: Any,
    now: datetime,
    pb: Playbook,
) -> _Outcome:
    """One lead of the batch: its facts from the batch's, the one decision function
    (``rules.decide_route``: M-3, R-2, R-3a, R-4/R-3, R-6, R-7), the facts updated for
    the batch's later leads on the same account."""
    users, rotations = lookups
    account = facts.accounts[row.account_id]
    linked = facts.linked.get(row.linked_task_id) if row.linked_task_id else None
    route_facts = rules.RouteFacts(
        account_id=account.id,
        account_owner_id=account.owner_id,
        territory=account.territory,
        country=account.country,
        us_state=account.us_state,
        users=users,
        rotations=rotations,
        linked_task=(linked.id, linked.owner_id)
        if linked is not None and linked.status in OPEN_STATUSES
        else None,
        open_opportunity=facts.opportunity.get(account.id),
        previous_lead=facts.previous.get(account.id),
        domain_account=account.domain is not None,
    )
    decision = rules.decide_route(route_facts, now, pb)
    if decision.member_id is not None:
        rotations.take(decision.territory, decision.member_id)
    out = _Outcome(row.id, account.id, row.linked_task_id, decision)
    owner_id = decision.owner_id
    if owner_id is not None:
        if decision.own_account:
            out.claim = (decision.re_own_from, owner_id)
            account.owner_id = owner_id  # later leads on this account see it
        if row.created_at >= rules.months_ago(now, pb.routing.returning_lead_months):
            facts.previous[account.id] = rules.PreviousLead(row.id, owner_id, row.created_at)
        facts.linked[row.id] = _Linked(row.id, row.status, owner_id)  # M-3: leads linked here
    return out


@dataclass
class _Linked:
    id: int
    status: str
    owner_id: int | None


def _claim_accounts(
    session: Session, facts: BatchFacts, outcomes: list[_Outcome], now: datetime
) -> None:
    """R-5: account owners set only where still unowned (or still the deactivated owner);
    a conflict (another writer first) is re-read and its leads follow the real owner."""
    claims = {o.account_id: o.claim for o in outcomes if o.claim is not None}
    if not claims:
        return
    expected_none = [{"b_id": a, "b_owner": c[1]} for a, c in claims.items() if c[0] is None]
    expected_owner = [
        {"b_id": a, "b_owner": c[1], "b_was": c[0]} for a, c in claims.items() if c[0] is not None
    ]
    changed = 0
    for params, cond in (
        (expected_none, ACCOUNTS.c.owner_id.is_(None)),
        (expected_owner, ACCOUNTS.c.owner_id == bindparam("b_was")),
    ):
        if params:
            stmt = (
                update(ACCOUNTS)
                .where(and_(ACCOUNTS.c.id == bindparam("b_id"), cond))
                .values(owner_id=bindparam("b_owner"), updated_at=now)
            )
            changed += session.execute(stmt, params).rowcount  # type: ignore[attr-defined]
    if changed == len(claims):
        return
    actual = dict(
        session.execute(
            select(Account.id, Account.owner_id).where(Account.id.in_(list(claims)))
        ).all()
    )
    for o in outcomes:
        got, ours = actual.get(o.account_id), claims.get(o.account_id)
        if ours is not None and o.owner_id == ours[1] and got is not None and got != ours[1]:
            o.decision.owned_concurrently(
                got, routing.is_away(session, got, now, playbook_of(session))
            )
            o.claim = None
    for o in outcomes:  # only the first lead of an account records the claim
        if o.claim is not None and actual.get(o.account_id) != o.claim[1]:
            o.claim = None


def _write(session: Session, facts: BatchFacts, outcomes: list[_Outcome], now: datetime) -> None:
    _claim_accounts(session, facts, outcomes, now)
    decisions: list[dict[str, Any]] = []
    assigned, unassigned = [], []
    seen_claims: set[int] = set()
    for o in outcomes:
        d = o.decision
        rule_ids, claim_rules, reason = d.rule_ids, d.claim_rule_ids, d.reason
        if o.owner_id is None:
            unassigned.append({"b_id": o.task_id, "b_territory": o.territory})
        else:
            assigned.append(
                {
                    "b_id": o.task_id,
                    "b_owner": o.owner_id,
                    "b_away": d.away,
                    "b_territory": o.territory,
                }
            )
        if o.claim is not None and o.account_id not in seen_claims:
            seen_claims.add(o.account_id)
            was = o.claim[0]
            decisions.append(
                {
                    "kind": "assign",
                    "subject": ("account", o.account_id),
                    "inputs": {"task_id": o.task_id, "previous_owner_id": was},
                    "rule_ids": claim_rules,
                    "reason": f"account owned by user {o.owner_id} with its first routed task"
                    if was is None
                    else f"re-owned from deactivated user {was} (R-7)",
                    "owner_id": o.owner_id,
                    "territory": o.territory,
                    "at": now,
                }
            )
        decisions.append(
            {
                "kind": "route",
                "subject": ("task", o.task_id),
                "inputs": {"account_id": o.account_id, "linked_task_id": o.linked_task_id},
                "rule_ids": rule_ids,
                "reason": reason,
                "outcome": {"owner_id": o.owner_id, "territory": o.territory, "path": d.path.steps},
                "owner_id": o.owner_id,
                "territory": o.territory,
                "at": now,
            }
        )
    guard = and_(TASKS.c.id == bindparam("b_id"), TASKS.c.owner_id.is_(None))
    written = 0
    if assigned:
        written += session.execute(  # type: ignore[attr-defined]
            update(TASKS)
            .where(guard)
            .values(
                owner_id=bindparam("b_owner"),
                owner_away=bindparam("b_away"),
                territory=bindparam("b_territory"),
                assigned_at=now,
                stale_anchor_at=now,
                updated_at=now,
            ),
            assigned,
        ).rowcount
    if unassigned:
        written += session.execute(  # type: ignore[attr-defined]
            update(TASKS).where(guard).values(territory=bindparam("b_territory"), updated_at=now),
            unassigned,
        ).rowcount
    if written != len(outcomes):  # the batch's rows are locked / writers serialised: a bug
        raise Conflict(
            f"{len(outcomes) - written} queued tasks changed while being routed; retry",
            field="owner_id",
            rule="R-5",
        )
    record_decisions(session, decisions)
    session.flush()  # rotation counters and positions: one UPDATE per member / territory


def _sync_loaded(session: Session, outcomes: list[_Outcome], now: datetime) -> None:
    """The written columns, on the tasks and accounts this session has loaded (the writes
    above are Core statements): a later flush or read sees the routed values."""
    identity = session.identity_map
    for o in outcomes:
        task = identity.get(identity_key(Task, o.task_id))
        if task is not None:
            values: dict[str, Any] = {"territory": o.territory, "updated_at": now}
            if o.owner_id is not None:
                values.update(
                    owner_id=o.owner_id,
                    owner_away=o.decision.away,
                    assigned_at=now,
                    stale_anchor_at=now,
                )
            for key, value in values.items():
                set_committed_value(task, key, value)
        account = identity.get(identity_key(Account, o.account_id))
        if account is None:
            continue
        if o.claim is not None:
            set_committed_value(account, "owner_id", o.claim[1])
            set_committed_value(account, "updated_at", now)
        elif o.owner_id is not None and account.owner_id is None:  # owned concurrently
            session.expire(account, ["owner_id", "updated_at"])
