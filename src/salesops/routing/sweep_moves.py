"""One account, one owner after the sweep (T-1 × M-3, issue 16 item 3).

When the stale sweep reassigns an account's stale tasks (``routing.sweep``), the
account's other open work — its other open, owned lead tasks (M-3 linked them to
the same conversation) and its open opportunities — and the account itself move
with them to the same new owner, so no account ends a sweep with two owners.

Set-based like the sweep: one IN query per kind over the stale accounts (chunked),
one conditional executemany UPDATE per kind; every UPDATE is conditional on the
owner read, so a concurrent change wins cleanly. A moved task counts as reassigned
(its T-2 clock starts now, like its stale sibling's); not a touch (T-3).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, or_, select, update
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.opportunities.models import Opportunity
from salesops.playbook.schema import Playbook
from salesops.tasks.models import OPEN_STATUSES, Task

TASKS = cast(Table, Task.__table__)
OPPS = cast(Table, Opportunity.__table__)
ACCOUNTS = cast(Table, Account.__table__)
CHUNK = 500
RULES = ["T-1", "M-3"]


@dataclass
class LinkedWork:
    """Per stale account: its other open owned lead tasks, open opportunities, its owner."""

    tasks: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    opportunities: dict[int, list[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    account_owner: dict[int, int | None] = field(default_factory=dict)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield list(ids[i : i + CHUNK])


def load_linked_work(
    session: Session, by_account: dict[int, list[Any]], to_close: list[int], pb: Playbook
) -> LinkedWork:
    """The open work that moves with each account's stale tasks (one query per kind)."""
    work = LinkedWork()
    if not by_account:
        return work
    skip = {row.id for rows in by_account.values() for row in rows} | set(to_close)
    for ids in _chunks(sorted(by_account)):
        for r in session.execute(
            select(Task.id, Task.account_id, Task.owner_id).where(
                Task.account_id.in_(ids),
                Task.kind == "lead",
                Task.status.in_(OPEN_STATUSES),
                Task.owner_id.is_not(None),
            )
        ):
            if r.id not in skip:
                work.tasks[r.account_id].append((r.id, r.owner_id))
        for r in session.execute(
            select(Opportunity.id, Opportunity.account_id, Opportunity.owner_id).where(
                Opportunity.account_id.in_(ids),
                Opportunity.is_closed.is_(False),
                Opportunity.owner_id.is_not(None),
            )
        ):
            work.opportunities[r.account_id].append((r.id, r.owner_id))
        for a in session.execute(select(Account.id, Account.owner_id).where(Account.id.in_(ids))):
            work.account_owner[a.id] = a.owner_id
    return work


def move_linked_work(
    session: Session,
    work: LinkedWork,
    moved: dict[int, tuple[int, bool, list[Any]]],
    territory: str,
    now: datetime,
    decisions: list[dict[str, Any]],
) -> None:
    """Give each moved account's other open work, and the account, its new owner (T-1 × M-3).

    ``moved``: account id → (new owner, owner away, the stale rows reassigned to them).
    """
    tasks: list[dict[str, Any]] = []
    opps: list[dict[str, Any]] = []
    owned: list[dict[str, Any]] = []
    unowned: list[dict[str, Any]] = []
    for account_id, (owner, away, rows) in moved.items():
        via = ", ".join(str(r.id) for r in rows)
        for task_id, old in work.tasks.get(account_id, ()):
            if old != owner:
                tasks.append({"b_id": task_id, "b_old": old, "b_owner": owner, "b_away": away,
                              "_account": account_id, "_via": via})  # fmt: skip
        for opp_id, old in work.opportunities.get(account_id, ()):
            if old != owner:
                opps.append({"b_id": opp_id, "b_old": old, "b_owner": owner,
                             "_account": account_id, "_via": via})  # fmt: skip
        was = work.account_owner.get(account_id)
        if was != owner:
            item = {"b_id": account_id, "b_old": was, "b_owner": owner, "_via": via}
            (unowned if was is None else owned).append(item)
        work.account_owner[account_id] = owner
    done_tasks = _update(
        session,
        TASKS,
        tasks,
        # plain OR, not IN: an expanding IN cannot be used in an executemany
        and_(
            TASKS.c.owner_id == bindparam("b_old"),
            or_(*(TASKS.c.status == status for status in OPEN_STATUSES)),
        ),
        owner_id=bindparam("b_owner"),
        owner_away=bindparam("b_away"),
        reassignment_count=TASKS.c.reassignment_count + 1,
        assigned_at=now,
        stale_anchor_at=now,
        stale_skipped_at=None,
        territory=territory,
        updated_at=now,
    )
    done_opps = _update(
        session,
        OPPS,
        opps,
        and_(OPPS.c.owner_id == bindparam("b_old"), OPPS.c.is_closed.is_(False)),
        owner_id=bindparam("b_owner"),
        updated_at=now,
    )
    done_accounts = _update(
        session, ACCOUNTS, owned, ACCOUNTS.c.owner_id == bindparam("b_old"),
        owner_id=bindparam("b_owner"), updated_at=now,
    ) + _update(
        session, ACCOUNTS, unowned, ACCOUNTS.c.owner_id.is_(None),
        owner_id=bindparam("b_owner"), updated_at=now,
    )  # fmt: skip
    for kind, subject, items in (
        ("reassign", "task", done_tasks),
        ("reassign", "opportunity", done_opps),
        ("assign", "account", done_accounts),
    ):
        for p in items:
            decisions.append(
                {
                    "kind": kind,
                    "subject": (subject, p["b_id"]),
                    "inputs": {"previous_owner_id": p["b_old"], "stale_task_ids": p["_via"]},
                    "rule_ids": RULES,
                    "reason": f"one account, one owner: moved from user {p['b_old']} with the "
                    f"account's stale task(s) {p['_via']} to user {p['b_owner']}",
                    "outcome": {"owner_id": p["b_owner"]},
                    "owner_id": p["b_owner"],
                    "territory": territory,
                    "at": now,
                }
            )


def _update(
    session: Session, table: Table, items: list[dict[str, Any]], cond: Any, **values: Any
) -> list[dict[str, Any]]:
    """One conditional executemany UPDATE; returns the items it changed (re-read on a miss)."""
    if not items:
        return []
    params = [{k: v for k, v in p.items() if k.startswith("b_")} for p in items]
    if table is ACCOUNTS:
        params = [{k: v for k, v in p.items() if k != "b_old" or v is not None} for p in params]
    stmt = update(table).where(and_(table.c.id == bindparam("b_id"), cond)).values(**values)
    changed = session.execute(stmt, params).rowcount  # type: ignore[attr-defined]
    if changed == len(items):
        return items
    now_owned = {  # a concurrent change won for some rows: keep those now ours
        (r.id, r.owner_id)
        for ids in _chunks([p["b_id"] for p in items])
        for r in session.execute(select(table.c.id, table.c.owner_id).where(table.c.id.in_(ids)))
    }
    return [p for p in items if (p["b_id"], p["b_owner"]) in now_owned]
