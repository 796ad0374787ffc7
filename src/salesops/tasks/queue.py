"""A salesperson's queue: open tasks, most urgent first (R-9, T-1, L-1).

Urgency, in order: leads nobody has touched yet (speed to lead, R-9: oldest
first, measured against the playbook's ``speed_to_lead_hours``), then tasks
whose follow-up or due date has come (L-1 nurture reminders, Q-8/Q-12 follow-ups and
check-ins, which join the queue on their due date), then
the rest by how long they have gone untouched (closest to the T-1 stale
reassignment first). The read is one index-only scan (``ix_tasks_owner_work``: owner and
status, carrying the columns the order needs) and a top-N sort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, Select, and_, case, column, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from salesops.accounts.models import ACCOUNT_TEXT, CONTACT_TEXT, Account, Contact
from salesops.core.clock import aware
from salesops.playbook.schema import Playbook
from salesops.tasks.models import OPEN_STATUSES, TASK_TEXT, Task

# Issue 17 item 5: the queue holds every kind of open work: lead tasks (L-1), and the
# follow-ups, check-ins and nurture reminders once due (Open; or Scheduled and due while
# the worker has not opened them yet).
QUEUE_STATUSES = (*OPEN_STATUSES, "Open")


def open_work(today: date, status: str | None = None) -> Any:
    """The queue's statuses, Scheduled ones once due. Spelled as one ``IN`` list and a
    filter (not an ``OR`` of two conditions) so PostgreSQL reads it from the
    ``ix_tasks_owner_work`` index alone."""
    if status and status != "Open":
        return Task.status == status
    statuses = ("Open", "Scheduled") if status == "Open" else (*QUEUE_STATUSES, "Scheduled")
    return and_(Task.status.in_(statuses), or_(Task.status != "Scheduled", Task.due_on <= today))


def queue_query(
    *,
    today: date,
    owner_id: int | None,
    status: str | None = None,
    kind: str | None = None,
    lead_source: str | None = None,
    q: str | None = None,
    ascii_lower: bool = False,
    fts: bool = False,
) -> Select[Any]:
    """Ids of the open tasks of ``owner_id`` (everyone's when None), most urgent first.
    ``ascii_lower`` (PostgreSQL): an ASCII search term is matched with ASCII case folding,
    as SQLite's ``LIKE`` does, which is cheaper than ``lower()``'s Unicode one. ``fts``
    (SQLite): contacts and accounts are found through their FTS5 tables (0003_search:
    every word of the term starts a word, as the global search matches), not a scan."""
    due = func.coalesce(Task.follow_up_on, Task.due_on)
    bucket = case(
        (Task.first_touched_at.is_(None), 0),
        (due <= today, 1),
        else_=2,
    )
    # Narrow rows: ids sorted by urgency, joined to contact and account only to search.
    query = select(Task.id).where(open_work(today, status))
    if owner_id is not None:
        query = query.where(Task.owner_id == owner_id)
    if kind:
        query = query.where(Task.kind == kind)
    if lead_source:
        query = query.where(Task.lead_source == lead_source)
    if q:
        # The title, or the contact's name/email, or the account's name/domain. One
        # owner's queue is read from ``ix_tasks_owner_work`` alone (it carries title,
        # contact and account; PostgreSQL), the matching contacts and accounts through
        # their trigram indexes (0003_search) as hashed sets: bounded by the queue's size,
        # however many rows the term matches elsewhere. Everyone's queue (no owner)
        # finds title candidates through the tasks' trigram index instead.
        term = q.strip().lower()
        like = f"%{term}%"
        title: Any = func.lower(func.coalesce(Task.title, "")).like(like)
        if ascii_lower and term.isascii():  # ASCII case folding: a third of lower()'s cost
            title = func.lower(Task.title.collate("C")).like(like)
        if owner_id is None:  # the index finds candidates; the title itself must match
            title = and_(literal_column(TASK_TEXT).like(like), title)
        contacts: Any = select(Contact.id).where(literal_column(CONTACT_TEXT).like(like))
        accounts: Any = select(Account.id).where(literal_column(ACCOUNT_TEXT).like(like))
        match = fts_match(term) if fts else None
        if match is not None:
            contacts, accounts = (
                text(f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH :m")
                .bindparams(m=match)
                .columns(column("rowid", Integer))
                for fts_table in ("search_fts_contacts", "search_fts_accounts")
            )
        # the hashed look-ups first: a row they match skips the title's string test
        query = query.where(
            or_(Task.contact_id.in_(contacts), Task.account_id.in_(accounts), title)
        )
    return query.order_by(bucket, func.coalesce(Task.last_touched_at, Task.created_at), Task.id)


def untouched_first(query: Select[Any]) -> Select[Any]:
    """The never-touched part of a ``queue_query`` (its first urgency bucket) in the
    queue's order: read in order from ``ix_tasks_owner_untouched`` for one owner, so
    ``queue_page`` answers a page of them without sorting the whole queue."""
    return (
        query.where(Task.first_touched_at.is_(None))
        .order_by(None)
        .order_by(func.coalesce(Task.last_touched_at, Task.created_at), Task.id)
    )


def fts_match(term: str) -> str | None:
    """An FTS5 query: every word of ``term`` as a prefix (``reports.search``'s form)."""
    words = list(dict.fromkeys(re.findall(r"\w+", term.lower())))[:6]
    return " AND ".join(f'"{w}"*' for w in words) or None


def queue_page(
    session: Session,
    query: Select[Any],
    offset: int,
    limit: int,
    *,
    count_up_to: int = 0,
    first: Select[Any] | None = None,
) -> tuple[list[tuple[Task, Contact, Account]], int]:
    """One page of ``queue_query``: sort narrow id rows, then load just the page's rows.
    The total is counted up to ``count_up_to`` + 1 rows when given (0: all of them) —
    and not at all when the first page is not full (a selective search: the page is
    the total), so a search scans the queue once when it matches little and stops its
    count early when it matches much. ``first`` (``untouched_first(query)``): the rows
    that sort first; when they fill the page, it is theirs and the queue is not sorted."""
    ids: list[int] = []
    if first is not None:
        ids = list(session.scalars(first.limit(limit).offset(offset)))
    if len(ids) < limit or first is None:
        ids = list(session.scalars(query.limit(limit).offset(offset)))
    if offset == 0 and len(ids) < limit:
        total = len(ids)
    else:
        counted = query.order_by(None)
        if count_up_to:
            counted = counted.limit(count_up_to + 1)
        total = session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    rows = session.execute(
        select(Task, Contact, Account)
        .join(Contact, Contact.id == Task.contact_id)
        .join(Account, Account.id == Task.account_id)
        .where(Task.id.in_(ids))
    ).all()
    by_id = {t.id: (t, c, a) for t, c, a in rows}
    return [by_id[i] for i in ids if i in by_id], int(total or 0)


@dataclass(frozen=True)
class Urgency:
    """What the queue shows about one task's clock."""

    speed_to_lead_left: timedelta | None  # time left to the first touch (negative: late)
    stale_in_days: int | None  # T-1: days until the stale reassignment (negative: overdue)
    follow_up_due: bool  # L-1: the follow-up or due date is today or past

    @property
    def late(self) -> bool:
        return self.speed_to_lead_left is not None and self.speed_to_lead_left.total_seconds() < 0


def urgency(task: Task, playbook: Playbook, now: datetime) -> Urgency:
    """R-9 / T-1 / L-1 clocks for display; the sweep itself lives in routing."""
    speed = None
    if task.first_touched_at is None and task.kind == "lead":
        target = aware(task.created_at) + timedelta(hours=playbook.routing.speed_to_lead_hours)
        speed = target - now
    stale = None
    if task.owner_id is not None and task.status in playbook.stale.open_statuses:
        stale = stale_in_days(task, playbook, now)
    due = task.follow_up_on or task.due_on
    return Urgency(speed, stale, due is not None and due <= now.date())


def stale_in_days(task: Task, playbook: Playbook, now: datetime) -> int:
    """T-1/T-2: days until the sweep acts on ``task`` (negative: overdue). The clock is the
    sweep's own: ``stale_anchor_at``, the later of the (re)assignment and the last human
    touch — a task the sweep has just reassigned starts its T-2 days afresh."""
    since = task.stale_anchor_at or task.last_touched_at or task.assigned_at or task.created_at
    if task.last_touched_at is not None and aware(task.last_touched_at) > aware(since):
        since = task.last_touched_at
    limit = (
        playbook.stale.reassign_after_days
        if task.reassignment_count < playbook.stale.max_reassignments
        else playbook.stale.autoclose_after_days
    )
    return limit - (now - aware(since)).days
