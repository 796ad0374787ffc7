"""R-7's hand-over, record by record: what moves (``records_of``: the user's open tasks and
deals on a page of accounts, and the accounts they own) and the move itself (``hand_on``:
one UPDATE per kind for a chunk of accounts going to one new owner, a decision record per
record moved, O-8). Only what the user still owns moves, so a run repeated moves nothing
twice. The plans (``flows.deactivation``) and the stored plans' rows
(``flows.deactivation_models``) are both ``Entry``s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.audit import record_decisions
from salesops.flows.deactivation_facts import user_deals, user_tasks
from salesops.opportunities.models import Opportunity
from salesops.tasks.models import Task
from salesops.users.models import User

CHUNK = 1000


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


class Entry(Protocol):
    """One account of a plan, in memory (``AccountPlan``) or stored (a plan row)."""

    @property
    def account_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def new_owner_id(self) -> int | None: ...
    @property
    def new_owner(self) -> str: ...
    @property
    def rule_ids(self) -> list[str]: ...
    @property
    def reason(self) -> str: ...
    @property
    def away(self) -> bool: ...
    @property
    def owns_account(self) -> bool: ...


def records_of(session: Session, user_id: int, page: Sequence[Entry]) -> list[Move]:
    """The user's open tasks and deals on these accounts (and the accounts they own), each
    with where it goes."""
    if not page:
        return []
    ids = [a.account_id for a in page]
    items: dict[int, list[tuple[str, int, str]]] = {i: [] for i in ids}
    for r in session.execute(
        select(Task.account_id, Task.id, Task.title)
        .where(user_tasks(user_id), Task.account_id.in_(ids))
        .order_by(Task.id)
    ):
        items[r.account_id].append(("task", r.id, r.title or f"task {r.id}"))
    for r in session.execute(
        select(Opportunity.account_id, Opportunity.id, Opportunity.name)
        .where(user_deals(user_id), Opportunity.account_id.in_(ids))
        .order_by(Opportunity.id)
    ):
        items[r.account_id].append(("opportunity", r.id, r.name))
    out = []
    for a in page:
        listed = items[a.account_id] + (
            [("account", a.account_id, a.name)] if a.owns_account else []
        )
        for kind, rid, label in listed:
            out.append(
                Move(kind, rid, label, a.account_id, a.new_owner_id, a.new_owner,
                     list(a.rule_ids), a.reason, a.away)
            )  # fmt: skip
    return out


def lock_accounts(session: Session, ids: list[int]) -> None:
    """R-5: the accounts locked in id order before any changes hands (as routing locks them)."""
    for i in range(0, len(ids), CHUNK):
        session.execute(
            select(Account.id)
            .where(Account.id.in_(ids[i : i + CHUNK]))
            .order_by(Account.id)
            .with_for_update()
        ).all()


def hand_on(
    session: Session, actor: User, user: User, entries: Sequence[Entry], now: datetime
) -> int:
    """Move the user's open tasks and deals on these accounts (and the accounts they own)
    to each account's new owner, with a decision record each (O-8); returns how many
    moved. Only what the user still owns moves: a second run moves nothing twice."""
    groups: dict[tuple[int, bool], list[Entry]] = {}
    for a in entries:
        if a.new_owner_id is not None:
            groups.setdefault((a.new_owner_id, a.away), []).append(a)
    moved = 0
    for (owner_id, away), accounts in groups.items():
        for i in range(0, len(accounts), CHUNK):
            moved += _move(session, actor, user, accounts[i : i + CHUNK], owner_id, away, now)
    session.flush()
    return moved


def _move(
    session: Session, actor: User, user: User, accounts: Sequence[Entry], owner_id: int,
    away: bool, now: datetime,
) -> int:  # fmt: skip
    """One UPDATE per kind for a chunk of accounts going to one new owner, and a decision
    record per record moved (O-8)."""
    by_id = {a.account_id: a for a in accounts}
    ids = list(by_id)
    task_rows = session.execute(
        select(Task.id, Task.account_id).where(user_tasks(user.id), Task.account_id.in_(ids))
    ).all()
    deal_rows = session.execute(
        select(Opportunity.id, Opportunity.account_id).where(
            user_deals(user.id), Opportunity.account_id.in_(ids)
        )
    ).all()
    mine = [a.account_id for a in accounts if a.owns_account]
    owned = (
        list(
            session.scalars(
                select(Account.id).where(Account.id.in_(mine), Account.owner_id == user.id)
            )
        )
        if mine
        else []
    )  # still theirs: a second run moves nothing twice
    if task_rows:  # a new owner's stale clock starts now (T-1); not a touch
        session.execute(
            update(Task)
            .where(Task.id.in_([r.id for r in task_rows]))
            .values(owner_id=owner_id, updated_at=now, assigned_at=now, stale_anchor_at=now,
                    stale_skipped_at=None, owner_away=away)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
    if deal_rows:
        session.execute(
            update(Opportunity)
            .where(Opportunity.id.in_([r.id for r in deal_rows]))
            .values(owner_id=owner_id, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    if owned:
        session.execute(
            update(Account)
            .where(Account.id.in_(owned))
            .values(owner_id=owner_id, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    subjects: Iterable[tuple[str, int, int]] = [
        *(("task", r.id, r.account_id) for r in task_rows),
        *(("opportunity", r.id, r.account_id) for r in deal_rows),
        *(("account", i, i) for i in owned),
    ]
    record_decisions(
        session,
        [
            {"kind": "assign" if kind == "account" else "reassign", "subject": (kind, rid),
             "inputs": {"previous_owner_id": user.id, "account_id": aid},
             "rule_ids": list(by_id[aid].rule_ids), "reason": by_id[aid].reason,
             "outcome": {"owner_id": owner_id}, "actor_id": actor.id, "owner_id": owner_id,
             "at": now}
            for kind, rid, aid in subjects
        ],
    )  # fmt: skip
    return len(task_rows) + len(deal_rows) + len(owned)
