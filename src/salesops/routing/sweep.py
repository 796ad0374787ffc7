"""The stale-task sweep (T-1 … T-4).

One indexed range query finds the candidates — open lead tasks whose stale
clock (``stale_anchor_at`` = the later of assignment and last human touch,
T-3) started at least N days ago — so the cost follows the number of stale
tasks, not the number of tasks (T-4). Then:

* T-1: a task not yet reassigned goes to the next member of its territory's
  round robin other than its owner; nobody eligible → recorded once, left.
* T-2: a reassigned task untouched for N more days is disqualified
  "Stale – Autoclosed" through ``tasks.lifecycle.disqualify``.

Every write is conditional on the facts read (owner, reassignment count,
anchor still old), territory rows are locked (PostgreSQL) and rows being
closed are claimed ``FOR UPDATE SKIP LOCKED``: running it twice, or from
several processes at once, changes nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from salesops.core.audit import record_decision
from salesops.core.runtime import playbook_of
from salesops.routing import rules
from salesops.routing import service as routing
from salesops.tasks.models import Task

CHUNK = 500


def run_sweep(session: Session, now: datetime) -> dict[str, int]:
    """One sweep pass as of ``now``; returns counts (candidates, reassigned, closed, skipped)."""
    pb = playbook_of(session)
    stale = pb.stale
    cut = rules.stale_cutoffs(now, stale)
    earliest = max(cut.reassign_before, cut.autoclose_before)
    rows = session.execute(
        select(
            Task.id,
            Task.territory,
            Task.owner_id,
            Task.reassignment_count,
            Task.stale_anchor_at,
            Task.stale_skipped_at,
            Task.kind,
        ).where(Task.status.in_(stale.open_statuses), Task.stale_anchor_at <= earliest)
    ).all()
    stats = {"candidates": 0, "reassigned": 0, "closed": 0, "skipped": 0}
    by_territory: dict[str, list[Any]] = defaultdict(list)
    to_close: list[int] = []
    names = {t.name for t in pb.territories.items}
    for row in rows:
        if row.kind != "lead" or row.owner_id is None:
            continue
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
            name = row.territory if row.territory in names else pb.territories.fallback
            by_territory[name].append(row)
        else:
            to_close.append(row.id)
    for name in sorted(by_territory):  # one lock order for every sweeper (R-5, T-4)
        _reassign(session, name, by_territory[name], now, cut.reassign_before, stats)
    for i in range(0, len(to_close), CHUNK):
        _autoclose(session, to_close[i : i + CHUNK], now, cut.autoclose_before, stats)
    session.flush()
    return stats


def _reassign(
    session: Session,
    name: str,
    rows: list[Any],
    now: datetime,
    cutoff: datetime,
    stats: dict[str, int],
) -> None:
    """T-1 for one territory's stale tasks, under its rotation lock."""
    pb = playbook_of(session)
    rot = routing.rotation(session, name)
    if rot is None:
        return
    cands = routing.candidates(session, rot, now, pb)
    with session.no_autoflush:  # decisions are flushed together at the end (one executemany)
        for row in rows:
            cands = _reassign_one(session, rot, cands, row, name, now, cutoff, stats)


def _reassign_one(
    session: Session,
    rot: routing.Rotation,
    cands: list[rules.Candidate],
    row: Any,
    name: str,
    now: datetime,
    cutoff: datetime,
    stats: dict[str, int],
) -> list[rules.Candidate]:
    """T-1 for one task: a conditional UPDATE, so a touch or another sweeper wins cleanly."""
    pb = playbook_of(session)
    open_statuses = pb.stale.open_statuses
    pick = rules.pick_next(
        cands, last_member_id=rot.territory.rr_position, exclude_user_ids=[row.owner_id]
    )
    if pick.candidate is None:
        _skip(session, row, name, pick.reason, now, stats)
        return cands
    new_owner = pick.candidate.user_id
    result = session.execute(
        update(Task)
        .where(
            Task.id == row.id,
            Task.owner_id == row.owner_id,
            Task.reassignment_count == row.reassignment_count,
            Task.status.in_(open_statuses),
            Task.stale_anchor_at <= cutoff,
        )
        .values(
            owner_id=new_owner,
            reassignment_count=Task.reassignment_count + 1,
            assigned_at=now,
            stale_anchor_at=now,
            stale_skipped_at=None,
            owner_away=routing.is_away(session, new_owner, now, pb),
            territory=name,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return cands  # touched meanwhile, or another sweeper got it: nothing to do
    routing.take_slot(rot, pick.candidate.member_id)
    cands = [
        rules.Candidate(**{**c.__dict__, "assigned_count": c.assigned_count + 1})
        if c.member_id == pick.candidate.member_id
        else c
        for c in cands
    ]
    record_decision(
        session,
        "reassign",
        ("task", row.id),
        {"previous_owner_id": row.owner_id, "untouched_since": row.stale_anchor_at},
        ["T-1", "R-3"],
        f"untouched for {pb.stale.reassign_after_days}+ days since "
        f"{row.stale_anchor_at:%Y-%m-%d}: reassigned from user {row.owner_id}; " + pick.reason,
        outcome={"owner_id": new_owner},
        owner_id=new_owner,
        territory=name,
        at=now,
    )
    stats["reassigned"] += 1
    return cands


def _skip(
    session: Session, row: Any, name: str, why: str, now: datetime, stats: dict[str, int]
) -> None:
    """T-1: nobody else is eligible; say so once per stale period and leave the task."""
    stats["skipped"] += 1
    if row.stale_skipped_at is not None and row.stale_skipped_at >= row.stale_anchor_at:
        return
    seen = (
        Task.stale_skipped_at.is_(None)
        if row.stale_skipped_at is None
        else Task.stale_skipped_at == row.stale_skipped_at
    )
    done = session.execute(
        update(Task)
        .where(Task.id == row.id, seen)
        .values(stale_skipped_at=now)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        return
    record_decision(
        session,
        "reassign_skipped",
        ("task", row.id),
        {"owner_id": row.owner_id, "untouched_since": row.stale_anchor_at},
        ["T-1"],
        f"stale but left with user {row.owner_id}: nobody else in {name} is eligible — {why}",
        owner_id=row.owner_id,
        territory=name,
        at=now,
    )


def _autoclose(
    session: Session, ids: list[int], now: datetime, cutoff: datetime, stats: dict[str, int]
) -> None:
    """T-2: disqualify "Stale – Autoclosed" — an automation, so not a touch (T-3)."""
    from salesops.tasks.lifecycle import disqualify

    pb = playbook_of(session)
    query = select(Task).where(
        Task.id.in_(ids),
        Task.status.in_(pb.stale.open_statuses),
        Task.stale_anchor_at <= cutoff,
        Task.reassignment_count >= pb.stale.max_reassignments,
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)  # another sweeper is closing those
    found = list(session.scalars(query.execution_options(populate_existing=True)))
    from salesops.accounts.models import Contact

    # D-3 side effects read each contact: load them in one query into the identity map.
    contacts = list(  # held: the identity map keeps objects only while referenced
        session.scalars(select(Contact).where(Contact.id.in_({t.contact_id for t in found})))
    )
    for task in found:
        disqualify(
            session,
            task,
            pb.stale.autoclose_reason,
            now=now,
            actor=None,
            rule_ids=("T-2",),
            why=f"untouched for {pb.stale.autoclose_after_days}+ days after its stale "
            f"reassignment (since {task.stale_anchor_at:%Y-%m-%d})",
        )
        stats["closed"] += 1
    del contacts
