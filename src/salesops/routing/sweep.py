"""The stale-task sweep (T-1 … T-4), set-based.

One indexed range query finds the candidates — open, owned lead tasks whose
stale clock (``stale_anchor_at`` = the later of assignment and last human
touch, T-3) started at least N days ago — so the cost follows the number of
stale tasks, not the number of tasks (T-4). The pure rules then decide each
one in memory, and the outcome is written in bulk:

* T-1: a task not yet reassigned goes to the next member of its territory's
  round robin other than its owner — ``rules.decide_route``, the one routing
  decision, with the stale owners excluded (picked in memory, one territory
  lock each); one executemany UPDATE for all of them. An account's stale
  tasks are decided together, and the account's other open work (lead tasks,
  open opportunities) and the account itself move with them to the same new
  owner (T-1 × M-3, ``routing.sweep_moves``): one account, one owner. Nobody
  eligible → recorded once per stale period, left.
* T-2: a reassigned task untouched for N more days is disqualified
  "Stale – Autoclosed" through ``tasks.lifecycle.disqualify_many``.
* Decision records (O-8): one executemany INSERT.

Concurrency (T-4, several sweepers at once): on PostgreSQL the candidate rows
are claimed ``FOR NO KEY UPDATE SKIP LOCKED`` (another sweeper skips them),
SQLite writers are serialised; every UPDATE is still conditional on the facts
read (owner, reassignment count, status, anchor still old), so a touch or
another sweeper that got there first wins cleanly, and a second run changes
nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, or_, select, update
from sqlalchemy.orm import Session

from salesops.core.audit import record_decisions
from salesops.playbook.runtime import playbook_of
from salesops.playbook.schema import Playbook
from salesops.routing import rules, sweep_moves
from salesops.routing import service as routing
from salesops.tasks.models import Task
from salesops.users.notify import Notice, notify

TASKS = cast(Table, Task.__table__)


def run_sweep(session: Session, now: datetime) -> dict[str, int]:
    """One sweep pass as of ``now``; returns counts (candidates, reassigned, closed, skipped)."""
    pb = playbook_of(session)
    stale = pb.stale
    cut = rules.stale_cutoffs(now, stale)
    query = select(
        Task.id,
        Task.account_id,
        Task.territory,
        Task.owner_id,
        Task.reassignment_count,
        Task.stale_anchor_at,
        Task.stale_skipped_at,
    ).where(
        Task.status.in_(stale.open_statuses),
        Task.stale_anchor_at <= max(cut.reassign_before, cut.autoclose_before),
        Task.kind == "lead",
        Task.owner_id.is_not(None),
    )
    if session.get_bind().dialect.name == "postgresql":
        # Another sweeper's rows are skipped, not waited for; NO KEY: new tasks may link here.
        query = query.with_for_update(skip_locked=True, key_share=True, of=Task)
    stats = {"candidates": 0, "reassigned": 0, "closed": 0, "skipped": 0}
    by_account: dict[int, list[Any]] = defaultdict(list)
    to_close: list[int] = []
    names = {t.name for t in pb.territories.items}
    for row in session.execute(query):
        action = rules.stale_action(
            reassignment_count=row.reassignment_count,
            anchor=row.stale_anchor_at,
            now=now,
            stale=stale,
        )
        if action is None:
            continue
        stats["candidates"] += 1
        if action == "reassign":
            by_account[row.account_id].append(row)
        else:
            to_close.append(row.id)
    # An account's stale tasks go together, in its earliest stale task's territory.
    by_territory: dict[str, list[list[Any]]] = defaultdict(list)
    for group in by_account.values():
        group.sort(key=lambda r: r.id)
        first = group[0].territory
        by_territory[first if first in names else pb.territories.fallback].append(group)
    decisions: list[dict[str, Any]] = []
    moves = sweep_moves.load_linked_work(session, by_account, to_close, pb)
    fallback = pb.territories.fallback
    # One lock order for every sweeper and for routing (own territory, then the fallback).
    for name in sorted(by_territory, key=lambda n: (n == fallback, n)):
        done = _reassign(
            session, pb, name, by_territory[name], now, cut.reassign_before, stats, decisions
        )
        sweep_moves.move_linked_work(session, moves, done, name, now, decisions)
    record_decisions(session, decisions)
    if to_close:
        stats["closed"] = _autoclose(session, pb, to_close, now, cut.autoclose_before)
    session.flush()  # the rotation counters: one UPDATE per member that took tasks
    return stats


def _reassign(
    session: Session,
    pb: Playbook,
    name: str,
    groups: list[list[Any]],
    now: datetime,
    cutoff: datetime,
    stats: dict[str, int],
    decisions: list[dict[str, Any]],
) -> dict[int, tuple[int, bool, list[Any]]]:
    """T-1 for one territory's stale accounts: one decision per account (the stale owners
    excluded), picked in memory under the rotation's lock, one write. Returns, per account
    moved, its new owner and its reassigned rows (``sweep_moves`` moves the rest)."""
    if routing.rotation(session, name) is None:
        return {}
    rotations = routing.RotationLookup(session, now, pb)
    users = routing.UserLookup(session, now, pb)
    picked: list[tuple[Any, rules.RouteDecision]] = []
    skipped: list[tuple[Any, str]] = []
    with session.no_autoflush:
        for group in groups:
            facts = rules.RouteFacts(
                account_id=group[0].account_id,
                account_owner_id=None,
                territory=name,
                country=None,
                us_state=None,
                users=users,
                rotations=rotations,
                reassign_from=frozenset(row.owner_id for row in group),
            )
            decision = rules.decide_route(facts, now, pb)
            if decision.owner_id is None or decision.member_id is None:
                why = str(decision.path.steps[-1]["reason"]).removeprefix(f"{name}: ")
                skipped.extend((row, why) for row in group)
                continue
            for row in group:  # each stale task counts one lead for its new owner
                rotations.take(name, decision.member_id)
                picked.append((row, decision))
    rot = routing.rotation(session, name)
    assert rot is not None
    done = _write_reassignments(session, rot, picked, name, now, cutoff, pb)
    moves = [(row, int(d.owner_id)) for row, d in picked if d.owner_id is not None]
    notify(session, reassignment_notices(moves, done, pb), now)  # issue 20 item 3
    moved: dict[int, tuple[int, bool, list[Any]]] = {}
    for row, d in picked:
        if row.id not in done:
            continue
        owner_id = int(d.owner_id)  # type: ignore[arg-type]
        moved.setdefault(row.account_id, (owner_id, d.away, []))[2].append(row)
        decisions.append(
            {
                "kind": "reassign",
                "subject": ("task", row.id),
                "inputs": {
                    "previous_owner_id": row.owner_id,
                    "untouched_since": row.stale_anchor_at,
                },
                "rule_ids": d.rule_ids,
                "reason": f"untouched for {pb.stale.reassign_after_days}+ days since "
                f"{row.stale_anchor_at:%Y-%m-%d}: reassigned from user {row.owner_id}; "
                + str(d.path.steps[0]["reason"]),
                "outcome": {"owner_id": owner_id},
                "owner_id": owner_id,
                "territory": name,
                "at": now,
            }
        )
    stats["reassigned"] += len(done)
    stats["skipped"] += len(skipped)
    _record_skips(session, skipped, name, now, decisions)
    return moved


def reassignment_notices(
    moves: list[tuple[Any, int]], done: set[int], pb: Playbook
) -> list[Notice]:
    """T-1: the new owner is told the task is theirs, the previous one that it moved."""
    days = pb.stale.reassign_after_days
    out: list[Notice] = []
    for row, new_owner in moves:
        if row.id not in done:
            continue
        about, link = ("task", int(row.id)), f"/tasks/{row.id}"
        out.append(Notice(
            new_owner, "task_reassigned", f"Task {row.id} was reassigned to you (T-1)",
            key=f"t1:{row.id}:{row.reassignment_count}:to", link=link, about=about,
            body=f"Untouched for {days} days under its previous owner.",
        ))  # fmt: skip
        out.append(Notice(
            row.owner_id, "task_reassigned", f"Task {row.id} was reassigned away from you (T-1)",
            key=f"t1:{row.id}:{row.reassignment_count}:away", link=link, about=about,
            body=f"Untouched for {days} days.",
        ))  # fmt: skip
    return out


def _write_reassignments(
    session: Session,
    rot: routing.Rotation,
    picked: list[tuple[Any, rules.RouteDecision]],
    name: str,
    now: datetime,
    cutoff: datetime,
    pb: Playbook,
) -> set[int]:
    """One conditional executemany UPDATE; returns the ids it changed (a touch or another
    sweeper wins cleanly: its slot is given back)."""
    if not picked:
        return set()
    stmt = (
        update(TASKS)
        .where(
            TASKS.c.id == bindparam("b_id"),
            TASKS.c.owner_id == bindparam("b_old_owner"),
            TASKS.c.reassignment_count == bindparam("b_count"),
            # plain OR, not IN: an expanding IN cannot be used in an executemany
            or_(*(TASKS.c.status == status for status in pb.stale.open_statuses)),
            TASKS.c.stale_anchor_at <= cutoff,
        )
        .values(
            owner_id=bindparam("b_owner"),
            reassignment_count=TASKS.c.reassignment_count + 1,
            assigned_at=now,
            stale_anchor_at=now,
            stale_skipped_at=None,
            owner_away=bindparam("b_away"),
            territory=name,
            updated_at=now,
        )
    )
    params = [
        {
            "b_id": row.id,
            "b_old_owner": row.owner_id,
            "b_count": row.reassignment_count,
            "b_owner": d.owner_id,
            "b_away": d.away,
        }
        for row, d in picked
    ]
    changed = session.execute(stmt, params).rowcount  # type: ignore[attr-defined]
    ids = {row.id for row, _ in picked}
    if changed == len(picked):
        return ids
    # Rare (rows are locked or writers serialised): find which rows are ours now.
    done = set(
        session.scalars(
            select(Task.id).where(
                Task.id.in_(ids), Task.stale_anchor_at == now, Task.assigned_at == now
            )
        )
    )
    for row, d in picked:
        if row.id not in done:
            member = next(m for m in rot.members if m.id == d.member_id)
            member.assigned_count -= 1
    return done


def _record_skips(
    session: Session,
    skipped: list[tuple[Any, str]],
    name: str,
    now: datetime,
    decisions: list[dict[str, Any]],
) -> None:
    """T-1: nobody else is eligible; say so once per stale period and leave the task."""
    fresh = [
        (row, why)
        for row, why in skipped
        if row.stale_skipped_at is None or row.stale_skipped_at < row.stale_anchor_at
    ]
    if not fresh:
        return
    stmt = (
        update(TASKS)
        .where(
            TASKS.c.id == bindparam("b_id"),
            or_(
                TASKS.c.stale_skipped_at.is_(None),
                TASKS.c.stale_skipped_at < TASKS.c.stale_anchor_at,
            ),
        )
        .values(stale_skipped_at=now)
    )
    changed = session.execute(stmt, [{"b_id": row.id} for row, _ in fresh]).rowcount  # type: ignore[attr-defined]
    if changed != len(fresh):  # another sweeper recorded some first (rows locked: rare)
        ours = set(
            session.scalars(
                select(Task.id).where(
                    Task.id.in_([row.id for row, _ in fresh]), Task.stale_skipped_at == now
                )
            )
        )
        fresh = [(row, why) for row, why in fresh if row.id in ours]
    for row, why in fresh:
        decisions.append(
            {
                "kind": "reassign_skipped",
                "subject": ("task", row.id),
                "inputs": {"owner_id": row.owner_id, "untouched_since": row.stale_anchor_at},
                "rule_ids": ["T-1"],
                "reason": f"stale but left with user {row.owner_id}: nobody else in {name} "
                f"is eligible — {why}",
                "owner_id": row.owner_id,
                "territory": name,
                "at": now,
            }
        )


def _autoclose(
    session: Session, pb: Playbook, ids: list[int], now: datetime, cutoff: datetime
) -> int:
    """T-2: disqualify "Stale – Autoclosed" in bulk — an automation, so not a touch (T-3)."""
    from salesops.tasks.lifecycle import disqualify_many

    days = pb.stale.autoclose_after_days
    closed = disqualify_many(
        session,
        ids,
        pb.stale.autoclose_reason,
        now=now,
        rule_ids=("T-2",),
        why=lambda row: (
            f"untouched for {days}+ days after its stale reassignment "
            f"(since {row.stale_anchor_at:%Y-%m-%d})"
        ),
        where=(
            Task.status.in_(pb.stale.open_statuses),
            Task.stale_anchor_at <= cutoff,
            Task.reassignment_count >= pb.stale.max_reassignments,
        ),
    )
    return len(closed)
