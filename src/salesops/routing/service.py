"""Routing a new lead task (M-3, R-2 … R-7) and the rotation it draws from (R-3, R-5).

Run by ``salesops.flows.pipeline`` after classification, in the creating
transaction (the caller commits). The chain itself is ``rules.decide_route`` (the
one decision function every path calls); this module loads one lead's facts and
writes the outcome:

1. M-3 — linked by intake to an open task (or the account has an open
   opportunity): the same owner.
2. R-2 — the account's owner (flagged ``owner_away`` on time off, R-6); a
   deactivated owner (R-7) falls through and the account is re-owned.
3. R-3a — a previous lead on the same account within ``returning_lead_months``:
   that lead's owner, when active.
4. R-4/R-3 — the account's territory and its weighted round robin (falling
   back to the fallback territory when nobody there is eligible).

R-5 (no double assignment): the account row is locked first, then the
territory row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite writers are
serialised by ``BEGIN IMMEDIATE``), and the account owner is set by a
conditional UPDATE. The same lock order everywhere means no deadlocks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from salesops.accounts.models import Account
from salesops.core.audit import defer_decision
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.playbook.schema import Playbook
from salesops.routing import rules
from salesops.routing.facts import lead_facts
from salesops.routing.rotations import (  # re-exported: the sweep, preview and batch use them
    Rotation,
    RotationLookup,
    UserLookup,
    candidates,
    is_away,
    level_returning,
    load_rotations,
    preload_availability,
    rotation,
    take_slot,
    user_availability,
)
from salesops.tasks.models import OPEN_STATUSES, Task

__all__ = [
    "Rotation",
    "RotationLookup",
    "UserLookup",
    "candidates",
    "is_away",
    "level_returning",
    "load_rotations",
    "preload_availability",
    "rotation",
    "take_slot",
    "user_availability",
]


NEW_ACCOUNTS = "routing_new_accounts"


@event.listens_for(Session, "pending_to_persistent")
def _note_new_account(session: Session, instance: object) -> None:
    """Remember accounts inserted in this transaction: nothing else can have leads on them.

    An owned task or an opportunity added to one in the same transaction gives it a
    history (M-3, R-3a), so it no longer counts as new.
    """
    if isinstance(instance, Account):
        session.info.setdefault(NEW_ACCOUNTS, set()).add(instance.id)
    elif isinstance(instance, Opportunity) or (
        isinstance(instance, Task) and instance.owner_id is not None
    ):
        session.info.get(NEW_ACCOUNTS, set()).discard(instance.account_id)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _end_of_transaction(session: Session) -> None:
    """The rotation cache holds locked rows and the new-account set is per transaction."""
    session.info.pop("routing_cache", None)
    session.info.pop(NEW_ACCOUNTS, None)


def is_new_account(session: Session, account_id: int) -> bool:
    """Created in this transaction: no other transaction sees it, so no earlier lead, open
    task or opportunity can be on it, and nobody else can own it concurrently (R-5)."""
    return account_id in session.info.get(NEW_ACCOUNTS, ())


def _is_pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def lock_account(session: Session, account_id: int) -> Account:
    """R-5: the account row, locked and re-read (PostgreSQL); SQLite is already serialised."""
    query = select(Account).where(Account.id == account_id)
    if _is_pg(session):
        # FOR NO KEY UPDATE: compatible with the KEY SHARE locks that inserting this
        # lead's contact and task took on the account (a plain FOR UPDATE deadlocks).
        query = query.with_for_update(key_share=True)
    account = session.scalars(query.execution_options(populate_existing=True)).one()
    return account


def territory_of(account: Account, playbook: Playbook) -> str:
    """R-4: the account's territory, else by its country/state, else the fallback."""
    return rules.territory_name(account.territory, account.country, account.us_state, playbook)


def _claim_account(
    session: Session, account: Account, owner_id: int, expected: int | None, now: datetime
) -> int:
    """R-5: set the account owner only if it is still ``expected``; return the owner it has."""
    cond = Account.owner_id.is_(None) if expected is None else Account.owner_id == expected
    result = session.execute(
        update(Account)
        .where(Account.id == account.id, cond)
        .values(owner_id=owner_id, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(account, ["owner_id"])
        return int(account.owner_id) if account.owner_id is not None else owner_id
    set_committed_value(account, "owner_id", owner_id)
    return owner_id


def route_task(session: Session, task: Task, now: datetime) -> None:
    """Give a new lead task (and its unowned account) an owner: M-3, R-2, R-3a, R-4/R-3, R-7.

    Loads the lead's facts (``routing.facts.lead_facts``), asks the one decision function
    (``rules.decide_route``) and writes its outcome with decision records (O-8).
    """
    if task.kind != "lead" or task.owner_id is not None or task.status not in OPEN_STATUSES:
        return
    pb = playbook_of(session)
    # A brand-new account needs no lock (nobody else sees it) and has no history to look up.
    fresh = is_new_account(session, task.account_id)
    account = session.get(Account, task.account_id) if fresh else None
    if account is None:
        account = lock_account(session, task.account_id)  # flushes what the caller added
    with session.no_autoflush:  # the reads below need none of this transaction's pending rows
        rotations = RotationLookup(session, now, pb, level=True)
        facts = lead_facts(
            session,
            account,
            now,
            pb,
            users=UserLookup(session, now, pb),
            rotations=rotations,
            linked_task_id=task.linked_task_id,
            task_id=task.id,
            fresh=fresh,
        )
        decision = rules.decide_route(facts, now, pb)
        if decision.member_id is not None:
            rotations.take(decision.territory, decision.member_id)
        if decision.owner_id is not None and decision.own_account:
            _own_account(session, task, account, decision, now, pb)
    _apply(session, task, decision, now)


def _own_account(
    session: Session,
    task: Task,
    account: Account,
    decision: rules.RouteDecision,
    now: datetime,
    pb: Playbook,
) -> None:
    """Account and task get the same owner (R-3); R-7 re-owns a deactivated owner's account."""
    owner_id, re_own_from = int(decision.owner_id), decision.re_own_from  # type: ignore[arg-type]
    got = _claim_account(session, account, owner_id, re_own_from, now)
    if got != owner_id:  # another transaction owned it first
        decision.owned_concurrently(got, is_away(session, got, now, pb))
        return
    defer_decision(
        session,
        "assign",
        account,
        {"task_id": task.id, "previous_owner_id": re_own_from},
        decision.claim_rule_ids,
        f"account owned by user {owner_id} with its first routed task"
        if re_own_from is None
        else f"re-owned from deactivated user {re_own_from} (R-7)",
        owner_id=owner_id,
        territory=decision.territory,
        at=now,
    )


def _apply(session: Session, task: Task, decision: rules.RouteDecision, now: datetime) -> None:
    """Write the outcome on the task and its decision record (O-8); not a touch (T-3)."""
    owner_id, territory = decision.owner_id, decision.territory
    task.territory = territory
    task.updated_at = now
    if owner_id is not None:
        task.owner_id = owner_id
        task.assigned_at = now
        task.stale_anchor_at = now
        task.owner_away = decision.away
    defer_decision(
        session,
        "route",
        task,
        {"account_id": task.account_id, "linked_task_id": task.linked_task_id},
        decision.rule_ids,
        decision.reason,
        outcome={"owner_id": owner_id, "territory": territory, "path": decision.path.steps},
        owner_id=owner_id,
        territory=territory,
        at=now,
    )
    session.flush()


def sweep(session: Session, now: datetime) -> dict[str, int]:
    """T-1 … T-4: reassign stale tasks once, then auto-close them (see ``routing.sweep``)."""
    from salesops.routing.sweep import run_sweep

    return run_sweep(session, now)


def preview(session: Session, lead: dict[str, Any], now: datetime) -> dict[str, Any]:
    """R-8: what routing would do with ``lead`` now, without writing (see ``routing.preview``)."""
    from salesops.routing.preview import preview as run_preview

    return run_preview(session, lead, now)
