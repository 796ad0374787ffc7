"""Routing a new lead task (M-3, R-2 … R-7) and the rotation it draws from (R-3, R-5).

The chain, run by ``salesops.flows.pipeline`` after classification, in the
creating transaction (the caller commits):

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
from salesops.routing.rotations import (  # re-exported: the sweep, preview and batch use them
    Rotation,
    candidates,
    is_away,
    level_returning,
    preload_availability,
    rotation,
    take_slot,
    user_availability,
)
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users.models import User

__all__ = [
    "Rotation",
    "candidates",
    "is_away",
    "level_returning",
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
    names = {t.name for t in playbook.territories.items}
    if account.territory in names:
        return str(account.territory)
    return playbook.territory_for(account.country, account.us_state).name


def active_user(session: Session, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


def m3_owner(
    session: Session, linked_task_id: int | None, account_id: int, *, opportunities: bool = True
) -> tuple[int, str] | None:
    """M-3: the owner of the open task intake linked, or of an open opportunity."""
    if linked_task_id is not None:
        linked = session.get(Task, linked_task_id)
        if (
            linked is not None
            and linked.status in OPEN_STATUSES
            and active_user(session, linked.owner_id)
        ):
            return int(linked.owner_id), f"linked to open task {linked.id}"  # type: ignore[arg-type]
    if not opportunities:
        return None
    opp = session.execute(
        select(Opportunity.id, Opportunity.owner_id)
        .where(
            Opportunity.account_id == account_id,
            Opportunity.is_closed.is_(False),
            Opportunity.owner_id.is_not(None),
        )
        .order_by(Opportunity.id.desc())
        .limit(1)
    ).first()
    if opp is not None and active_user(session, opp.owner_id):
        return int(opp.owner_id), f"account has open opportunity {opp.id}"
    return None


def returning_owner(
    session: Session, task_id: int | None, account_id: int, now: datetime, months: int
) -> tuple[int, int] | None:
    """R-3a: (owner, task id) of the latest earlier lead on this account within ``months``."""
    if months <= 0:
        return None
    row = session.execute(
        select(Task.id, Task.owner_id)
        .where(
            Task.account_id == account_id,
            Task.id != (task_id or 0),
            Task.kind == "lead",
            Task.owner_id.is_not(None),
            Task.created_at >= rules.months_ago(now, months),
        )
        .order_by(Task.created_at.desc(), Task.id.desc())
        .limit(1)
    ).first()
    if row is None or active_user(session, row.owner_id) is None:
        return None
    return int(row.owner_id), int(row.id)


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
    """Give a new lead task (and its unowned account) an owner: M-3, R-2, R-3a, R-4/R-3, R-7."""
    if task.kind != "lead" or task.owner_id is not None or task.status not in OPEN_STATUSES:
        return
    pb = playbook_of(session)
    # A brand-new account needs no lock (nobody else sees it) and has no history to look up.
    fresh = is_new_account(session, task.account_id)
    account = session.get(Account, task.account_id) if fresh else None
    if account is None:
        account = lock_account(session, task.account_id)  # flushes what the caller added
    with session.no_autoflush:  # the reads below need none of this transaction's pending rows
        _route(session, task, account, fresh, now, pb)


def _route(
    session: Session, task: Task, account: Account, fresh: bool, now: datetime, pb: Playbook
) -> None:
    path = rules.RulePath()
    owner_id: int | None = None
    territory = territory_of(account, pb)
    re_own_from: int | None = None  # the deactivated owner the account is taken from
    m3 = m3_owner(session, task.linked_task_id, account.id, opportunities=not fresh)
    if m3 is not None:
        owner_id = m3[0]
        path.add(["M-3"], f"user {owner_id}", f"one account, one conversation: {m3[1]}")
    if owner_id is None and account.owner_id is not None:
        if active_user(session, account.owner_id):
            owner_id = account.owner_id
            path.add(["R-2"], f"user {owner_id}", "the account's owner gets the task")
        else:
            re_own_from = account.owner_id
            path.add(["R-7"], "re-own", f"account owner {re_own_from} is deactivated")
    if owner_id is None and not fresh:
        back = returning_owner(session, task.id, account.id, now, pb.routing.returning_lead_months)
        if back is not None:
            owner_id = back[0]
            path.add(
                ["R-3a"],
                f"user {owner_id}",
                f"returning lead: task {back[1]} on this account came in within "
                f"{pb.routing.returning_lead_months} months",
            )
    if owner_id is None:
        owner_id, territory = _round_robin(session, account, territory, now, pb, path)
    if owner_id is not None and (account.owner_id is None or re_own_from is not None):
        owner_id = _own_account(session, task, account, owner_id, re_own_from, territory, now, path)
    _apply(session, task, owner_id, territory, now, pb, path)


def _own_account(
    session: Session,
    task: Task,
    account: Account,
    owner_id: int,
    re_own_from: int | None,
    territory: str,
    now: datetime,
    path: rules.RulePath,
) -> int:
    """Account and task get the same owner (R-3); R-7 re-owns a deactivated owner's account."""
    got = _claim_account(session, account, owner_id, re_own_from, now)
    if got != owner_id:  # another transaction owned it first
        path.add(["R-5", "R-2"], f"user {got}", "the account was owned concurrently")
        return got
    defer_decision(
        session,
        "assign",
        account,
        {"task_id": task.id, "previous_owner_id": re_own_from},
        path.rule_ids(),
        f"account owned by user {owner_id} with its first routed task"
        if re_own_from is None
        else f"re-owned from deactivated user {re_own_from} (R-7)",
        owner_id=owner_id,
        territory=territory,
        at=now,
    )
    return owner_id


def _round_robin(
    session: Session,
    account: Account,
    territory: str,
    now: datetime,
    pb: Playbook,
    path: rules.RulePath,
) -> tuple[int | None, str]:
    """R-4 then R-3: the territory's next member; the fallback territory if nobody is eligible."""
    names = [territory]
    if pb.territories.fallback not in names:
        names.append(pb.territories.fallback)
    for i, name in enumerate(names):
        rot = rotation(session, name)
        if rot is None:
            continue
        path.add(
            ["R-4"],
            name,
            f"territory of country {account.country or '?'}"
            + (f"/{account.us_state}" if account.us_state else "")
            if i == 0
            else "fallback territory",
        )
        cands = level_returning(session, rot, candidates(session, rot, now, pb), now)
        pick = rules.pick_next(cands, last_member_id=rot.territory.rr_position)
        if pick.candidate is not None:
            take_slot(rot, pick.candidate.member_id)
            path.add(list(pick.rule_ids), f"user {pick.candidate.user_id}", pick.reason)
            return pick.candidate.user_id, name
        path.add(["R-3"], "nobody", f"{name}: {pick.reason}")
    return None, territory


def _apply(
    session: Session,
    task: Task,
    owner_id: int | None,
    territory: str,
    now: datetime,
    pb: Playbook,
    path: rules.RulePath,
) -> None:
    """Write the outcome on the task and its decision record (O-8); not a touch (T-3)."""
    rule_ids = path.rule_ids()
    task.territory = territory
    task.updated_at = now
    if owner_id is None:
        reason = "left unassigned: " + str(path.steps[-1]["reason"])
    else:
        task.owner_id = owner_id
        task.assigned_at = now
        task.stale_anchor_at = now
        task.owner_away = is_away(session, owner_id, now, pb)
        if task.owner_away:
            path.add(["R-2", "R-6"], "owner away", "the owner is on time off today")
            rule_ids.append("R-6")
        reason = (
            str(path.steps[-1]["reason"])
            if not task.owner_away
            else (f"{path.steps[-2]['reason']} (owner away)")
        )
    defer_decision(
        session,
        "route",
        task,
        {"account_id": task.account_id, "linked_task_id": task.linked_task_id},
        rule_ids,
        reason,
        outcome={"owner_id": owner_id, "territory": territory, "path": path.steps},
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
