"""Coalescing bursts of deliveries to one recipient into one message (issue 20; X-1).

A producer marks a delivery ``coalesced`` (``core.outbox``): its payload names a group
(one recipient of one channel: a person's Slack DM or email, the sales channel, the
sales alias) and it is due a short window (``SALESOPS_NOTIFY_COALESCE_SECONDS``) after
it was written. When the first delivery of a group is due, the lane's round takes every
pending delivery of that group written since (they waited less than the window) and,
if there are several, writes ONE combined delivery whose payload is the channel's
``combine`` of theirs and which lists them (``members``); the members become
``merged`` (``result.batch`` = the combined row) in the same transaction, and
``delivered`` with it (``core.ledger``). A lone delivery is claimed as it is.

Why it is once only (X-1): a member changes from ``pending`` to ``merged`` only in the
transaction that writes its combined row, and a merged row is never claimed again, so
every delivery is in exactly one message; the combined row is an ordinary delivery (its
own idempotency key, Message-ID, retries, holds: ``core.outbox_rules``), so a retry
resends the same message and an unsure Slack post is held, never posted twice.

The look at a channel's pending rows (``due_at`` up to the window ahead, oldest first)
reads their payloads; it runs when something in the channel may be due (``Gathered.
ripe_at``), not every round. Deliveries not marked coalesced (a customer's email in
the ``email`` lane) are claimed as due, as ever.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update

from salesops.core.outbox import CHANNELS, Delivery

TABLE: Table = Delivery.__table__  # type: ignore[assignment]

LOOK = 2000  # pending rows read per channel and round at most
MAX_MEMBERS = 50  # deliveries told in one message at most
MAX_CHARS = 30_000  # and this much text (Slack takes 40,000 characters a message)

Picked = tuple[int, str, str | None, str]  # id, state, locked_by, channel (as pick_due)


@dataclass
class Row:
    id: int
    state: str
    locked_by: str | None
    channel: str
    due_at: datetime
    maybe_sent: bool
    payload: dict[str, Any]

    @property
    def group(self) -> str | None:
        """Its coalescing group, or None: claimed on its own (not marked, a retry that
        may have been sent, a lease that ran out, a combined row)."""
        if self.state != "pending" or self.maybe_sent or "members" in self.payload:
            return None
        group = self.payload.get("coalesce")
        return str(group) if group else None

    @property
    def size(self) -> int:
        p = self.payload
        return len(str(p.get("text", ""))) + len(str(p.get("body", ""))) + 200


@dataclass
class Gathered:
    """What a channel's look decided: rows to claim as they are (``pick_due``'s shape),
    groups of two or more to combine, and when the rows left waiting are due."""

    singles: list[Picked] = field(default_factory=list)
    groups: list[list[Row]] = field(default_factory=list)
    ripe_at: datetime | None = None  # None: nothing waits (look again next round)


def plan(rows: Iterable[Row], now: datetime, free: int) -> Gathered:
    """Pure: of a channel's rows due up to the window ahead (oldest first), which to send
    now, each taking one of ``free`` slots: a due row alone, or every waiting row of a
    group whose oldest is due, cut into messages of at most ``MAX_MEMBERS`` /
    ``MAX_CHARS``. Groups with nothing due yet wait; ``ripe_at`` is the first of them."""
    out = Gathered()
    groups: dict[tuple[str, Any], list[Row]] = {}  # in order of their first row's due time
    for row in rows:  # oldest first
        group = row.group
        key = ("alone", row.id) if group is None else ("group", group)
        groups.setdefault(key, []).append(row)
    left: list[datetime] = []
    for members in groups.values():
        due = members[0].due_at
        if due > now:
            left.append(due)
            continue
        for chunk in _chunks(members):
            if free <= 0:
                left.append(now)  # due, but no slot: the next round
                break
            free -= 1
            if len(chunk) == 1:
                r = chunk[0]
                out.singles.append((r.id, r.state, r.locked_by, r.channel))
            else:
                out.groups.append(chunk)
    out.ripe_at = min(left) if left else None
    return out


def _chunks(rows: list[Row]) -> list[list[Row]]:
    chunks: list[list[Row]] = [[]]
    chars = 0
    for row in rows:
        if chunks[-1] and (len(chunks[-1]) >= MAX_MEMBERS or chars + row.size > MAX_CHARS):
            chunks.append([])
            chars = 0
        chunks[-1].append(row)
        chars += row.size
    return chunks


def look(s: Any, channel: str, now: datetime, window: float, free: int) -> Gathered:
    """Read ``channel``'s rows due up to ``window`` ahead (one ordered range scan of
    ``ix_deliveries_channel_due``; PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so two workers
    never gather the same rows) and ``plan`` them. A full look (``LOOK`` rows) leaves
    ``ripe_at`` unset: the next round looks again."""
    horizon = now + timedelta(seconds=window)
    query = (
        select(
            TABLE.c.id, TABLE.c.state, TABLE.c.locked_by, TABLE.c.channel,
            TABLE.c.due_at, TABLE.c.maybe_sent, TABLE.c.payload,
        )
        .where(TABLE.c.channel == channel, TABLE.c.due_at <= horizon)
        .order_by(TABLE.c.due_at)
        .limit(LOOK)
    )  # fmt: skip
    if s.info.get("backend") == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = [Row(*r) for r in s.execute(query)]
    got = plan(rows, now, free)
    if len(rows) >= LOOK:
        got.ripe_at = None
    return got


def combine(
    s: Any, members: list[Row], now: datetime, worker_id: str, lease: timedelta
) -> Delivery:
    """Write the combined delivery of ``members`` (leased to ``worker_id``: it is sent in
    this round) and mark them ``merged`` into it; returns it, detached."""
    channel = CHANNELS[members[0].channel]
    assert channel.combine is not None
    ids = [m.id for m in members]
    payload = {**channel.combine([m.payload for m in members]), "members": ids}
    until = now + lease
    row = s.connection().execute(
        insert(TABLE).returning(*TABLE.c),
        {
            "channel": channel.name, "payload": payload,
            "idempotency_key": f"coalesced:{channel.name}:{min(ids)}",
            "state": "in_flight", "attempts": 1, "max_attempts": 8,
            "next_attempt_at": now, "due_at": until, "maybe_sent": False,
            "locked_by": worker_id, "locked_until": until, "created_at": now,
        },
    ).one()  # fmt: skip
    merged = (
        s.connection()
        .execute(
            _merge_statement(),
            {"b_ids": ids, "b_result": {"batch": row.id}},
        )
        .rowcount
    )
    if merged != len(ids):  # taken meanwhile (cannot happen under the look's locks)
        raise RuntimeError(f"coalescing {len(ids)} deliveries found {merged} still pending")
    return Delivery(**row._mapping)


def members_delivered(s: Any, batch: Delivery, result: dict[str, Any], now: datetime) -> None:
    """The combined delivery was sent: so was each of its members (once, as part of it)."""
    ids = batch.payload.get("members") or []
    if ids:
        s.connection().execute(
            update(TABLE)
            .where(TABLE.c.id.in_(ids), TABLE.c.state == "merged")
            .values(state="delivered", delivered_at=now, result={**result, "batch": batch.id})
        )


_STATEMENTS: dict[str, Any] = {}


def _merge_statement() -> Any:
    statement = _STATEMENTS.get("merge")
    if statement is None:
        c = TABLE.c
        statement = _STATEMENTS["merge"] = (
            update(TABLE)
            .where(
                c.id.in_(bindparam("b_ids", expanding=True)),
                c.state == "pending",
                c.due_at.is_not(None),
            )
            .values(
                state="merged",
                due_at=None,
                locked_by=None,
                locked_until=None,
                result=bindparam("b_result", type_=c.result.type),
            )
        )
    return statement
