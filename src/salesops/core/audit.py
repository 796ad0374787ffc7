"""Decision records (O-8): every automated decision, with its inputs, rules and reason.

The table is append-only: rows are never updated or deleted (a database
trigger refuses both, on SQLite and PostgreSQL; see the first migration).
Each record carries the playbook version it was made under (P-2).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, event, insert, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from salesops.core import clock
from salesops.core.db import Base, JSONType, UTCDateTime
from salesops.core.fastsql import copy_rows


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int] = mapped_column(Integer)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    rule_ids: Mapped[list[str]] = mapped_column(JSONType, default=list)
    reason: Mapped[str] = mapped_column(Text)
    outcome: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    playbook_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), nullable=True
    )
    # Denormalised search keys (issue 5: searchable by owner, territory, rule, date).
    owner_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    territory: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)

    __table_args__ = (
        Index("ix_decisions_subject", "subject_type", "subject_id", "id"),
        Index("ix_decisions_kind_at", "kind", "at"),
    )


def subject_of(subject: Any) -> tuple[str, int]:
    """``(type, id)`` for a model instance or an explicit tuple."""
    if isinstance(subject, tuple):
        return str(subject[0]), int(subject[1])
    return _type_name(subject), int(subject.id)


def _type_name(obj: Any) -> str:
    name = getattr(obj, "subject_type", None) or obj.__class__.__name__.lower()
    return str(name)


def record_decision(
    session: Session,
    kind: str,
    subject: Any,
    inputs: dict[str, Any],
    rule_ids: list[str],
    reason: str,
    *,
    outcome: dict[str, Any] | None = None,
    actor_id: int | None = None,
    owner_id: int | None = None,
    territory: str | None = None,
    at: datetime | None = None,
    playbook_version: int | None = None,
) -> Decision:
    """Append one decision record (O-8) in the caller's transaction.

    The playbook version defaults to the one the unit of work was opened with
    (``session.info["playbook_version"]``) so every decision names the rules it
    was made under (P-2).
    """
    subject_type, subject_id = subject_of(subject)
    if playbook_version is None:
        playbook_version = session.info.get("playbook_version")
    decision = Decision(
        at=at or clock.now(),
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        inputs=_jsonable(inputs),
        rule_ids=list(rule_ids),
        reason=reason,
        outcome=_jsonable(outcome or {}),
        playbook_version=playbook_version,
        actor_id=actor_id,
        owner_id=owner_id,
        territory=territory,
    )
    session.add(decision)
    return decision


def record_decisions(session: Session, rows: list[dict[str, Any]]) -> int:
    """Append many decision records (O-8) with one executemany INSERT; returns how many.

    Each row has ``record_decision``'s fields: kind, subject (instance or
    ``(type, id)``), inputs, rule_ids, reason and optionally outcome, actor_id,
    owner_id, territory, at, playbook_version (defaulting, as there, to the unit
    of work's version, P-2). For sweeps and batch routing, where one ORM object
    per decision would cost more than the work itself.
    """
    if not rows:
        return 0
    version = session.info.get("playbook_version")
    values = []
    for row in rows:
        subject_type, subject_id = subject_of(row["subject"])
        pv = row.get("playbook_version")
        values.append(
            {
                "at": row.get("at") or clock.now(),
                "kind": row["kind"],
                "subject_type": subject_type,
                "subject_id": subject_id,
                "inputs": _jsonable(row.get("inputs") or {}),
                "rule_ids": list(row.get("rule_ids") or []),
                "reason": row["reason"],
                "outcome": _jsonable(row.get("outcome") or {}),
                "playbook_version": version if pv is None else pv,
                "actor_id": row.get("actor_id"),
                "owner_id": row.get("owner_id"),
                "territory": row.get("territory"),
            }
        )
    session.execute(insert(Decision.__table__), values)  # type: ignore[arg-type]
    return len(values)


# -- deferred decisions: one multi-row INSERT per flush instead of one per record ------

DEFERRED = "salesops_deferred_decisions"


def defer_decision(
    session: Session,
    kind: str,
    subject: Any,
    inputs: dict[str, Any],
    rule_ids: list[str],
    reason: str,
    *,
    outcome: dict[str, Any] | None = None,
    actor_id: int | None = None,
    owner_id: int | None = None,
    territory: str | None = None,
    at: datetime | None = None,
) -> None:
    """``record_decision`` for hot paths (O-8): same record, no ORM object.

    The row is queued on the session and written with the others queued since,
    by one executemany INSERT at the start of the session's next flush (so it
    keeps its place before records the ORM flushes then) or, at the latest,
    before commit. The subject's id and the playbook version are taken now, so
    the subject must already have its id; ``inputs`` and ``outcome`` are
    serialised when written (dates as ISO 8601 by the JSON columns' serializer,
    ``core.db.json_dumps``), so do not change them afterwards. A rollback drops
    the queue with the rest of the transaction.
    """
    queue = session.info.get(DEFERRED)
    if queue is None:
        queue = session.info[DEFERRED] = []
    subject_type, subject_id = subject_of(subject)
    queue.append(
        {
            "at": at or clock.now(),
            "kind": kind,
            "subject_type": subject_type,
            "subject_id": subject_id,
            "inputs": inputs,
            "rule_ids": list(rule_ids),
            "reason": reason,
            "outcome": outcome or {},
            "playbook_version": session.info.get("playbook_version"),
            "actor_id": actor_id,
            "owner_id": owner_id,
            "territory": territory,
        }
    )


def write_deferred_decisions(session: Session) -> int:
    """Write the decisions ``defer_decision`` queued (one INSERT); returns how many."""
    queue = session.info.pop(DEFERRED, None)
    if not queue:
        return 0
    # autoflush off: this may run inside a flush; nothing read back: no ids are needed.
    copy_rows(session, Decision.__table__, queue, autoflush=False)
    return len(queue)


@event.listens_for(Session, "before_flush")
def _write_deferred_on_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    # Not inside a SAVEPOINT: a rolled-back savepoint must not take queued records along.
    if session.info.get(DEFERRED) and not session.in_nested_transaction():
        write_deferred_decisions(session)


@event.listens_for(Session, "before_commit")
def _write_deferred_on_commit(session: Session) -> None:
    if session.info.get(DEFERRED):
        write_deferred_decisions(session)


@event.listens_for(Session, "after_soft_rollback")
def _drop_deferred_on_rollback(session: Session, previous: Any) -> None:
    if previous.parent is None:  # the transaction itself, not a savepoint, rolled back
        session.info.pop(DEFERRED, None)


def _jsonable(value: Any) -> Any:
    """Dates and other scalars to strings so JSON columns accept them on both backends."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def decisions_query(
    session: Session,
    *,
    subject_type: str | None = None,
    subject_id: int | None = None,
    kind: str | None = None,
    rule: str | None = None,
    owner_id: int | None = None,
    territory: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Any:
    """A SELECT of decision records filtered by subject, kind, rule, owner, territory, date."""
    from sqlalchemy import exists, func, literal_column, select

    q = select(Decision)
    if subject_type:
        q = q.where(Decision.subject_type == subject_type)
    if subject_id is not None:
        q = q.where(Decision.subject_id == subject_id)
    if kind:
        q = q.where(Decision.kind == kind)
    if owner_id is not None:
        q = q.where(Decision.owner_id == owner_id)
    if territory:
        q = q.where(Decision.territory == territory)
    if since:
        q = q.where(Decision.at >= since)
    if until:
        q = q.where(Decision.at < until)
    if rule:
        if session.info.get("backend") == "postgresql":
            q = q.where(Decision.rule_ids.op("@>")(func.jsonb_build_array(rule)))
        else:
            each = func.json_each(Decision.rule_ids).table_valued("value")
            q = q.where(
                exists(select(literal_column("1")).select_from(each).where(each.c.value == rule))
            )
    return q


APPEND_ONLY_SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions
       BEGIN SELECT RAISE(ABORT, 'decision records are append-only (O-8)'); END""",
    """CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON decisions
       BEGIN SELECT RAISE(ABORT, 'decision records are append-only (O-8)'); END""",
]
APPEND_ONLY_POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION salesops_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'decision records are append-only (O-8)'; END;
       $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS decisions_append_only ON decisions",
    """CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
       FOR EACH ROW EXECUTE FUNCTION salesops_append_only()""",
]


def install_append_only_triggers(connection: Any) -> None:
    """O-8: refuse UPDATE and DELETE on decision records in the database itself."""
    statements = (
        APPEND_ONLY_POSTGRESQL if connection.dialect.name == "postgresql" else APPEND_ONLY_SQLITE
    )
    for sql in statements:
        connection.exec_driver_sql(sql)


#: The kind of the records below: ``GET /api/v1/decisions?kind=settings_change``.
SETTINGS_CHANGE = "settings_change"


#: ``session.info`` key naming who works through a session that no signed-in user opened
#: (the CLI: ``cli:<OS user>``); settings changes record it as ``inputs["by"]``.
ACTOR_NAME = "actor_name"


def record_change(
    session: Session,
    subject: Any,
    what: str,
    before: dict[str, Any],
    after: dict[str, Any],
    rule_ids: list[str],
    *,
    actor_id: int | None,
    at: datetime,
) -> Decision | None:
    """A settings change audited like a playbook version (issue 16 item 4, P-2): who
    (``actor_id``), when, and before → after; nothing when nothing changed. ``what``
    names the setting in words, e.g. "ana@x.io in Europe & Africa's rotation"."""
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    if not keys:
        return None
    diff = ", ".join(
        f"{k.replace('_', ' ')} {_word(before.get(k))} → {_word(after.get(k))}" for k in keys
    )
    inputs: dict[str, Any] = {"setting": what, "before": before, "after": after, "changed": keys}
    reason = f"{what}: {diff}"
    if actor_id is None:
        actor_id = session.info.get("actor_id")  # the API's signed-in user
    if actor_id is None:
        # Who is never empty (issue 16 item 4): the CLI names its OS user ("cli:ana") or
        # the --actor it was given; anything else (the demo loader) is the system.
        inputs["by"] = str(session.info.get(ACTOR_NAME) or "system")
        reason += f" (by {inputs['by']})"
    return record_decision(
        session, SETTINGS_CHANGE, subject, inputs, rule_ids, reason, actor_id=actor_id, at=at
    )


def _word(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def decision_kinds(session: Session) -> list[str]:
    """The kinds of decision recorded, A to Z: one index probe per kind on
    ``ix_decisions_kind_at`` (a loose index scan), not a DISTINCT over every record."""
    sql = text(
        "WITH RECURSIVE k(kind) AS ("
        " SELECT min(kind) FROM decisions"
        " UNION ALL"
        " SELECT (SELECT min(d.kind) FROM decisions d WHERE d.kind > k.kind)"
        " FROM k WHERE k.kind IS NOT NULL"
        ") SELECT kind FROM k WHERE kind IS NOT NULL"
    )
    return [str(kind) for kind in session.scalars(sql)]
