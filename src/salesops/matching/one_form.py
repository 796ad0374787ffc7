"""M-1/M-2 (issue 15, task h15 item 3): rows stored before intake wrote one form for an
internationalised domain are rewritten to it — run once by migration 0007_idna_one_form.

``core.addresses`` chose the Unicode form (IDNA 2008 U-labels, NFC): ``xn--mller-bau-q9a.de``
is ``müller-bau.de``. Each account whose ``domain`` and each contact whose ``email`` holds
an ``xn--`` label is rewritten to it; ban values and person profiles' emails too. When the
other form exists already — one company stored as two accounts, one person as two contacts
— the two become one: the older row (lower id) is kept, every row that points at the newer
one (found from the database's foreign keys: tasks, opportunities, activities, contacts,
product signals, …) is moved to it, a row that would then repeat a unique key the kept one
already holds is dropped (counted), the kept row takes the newer one's values where its own
are empty, product-signal counters are added up, and the newer row is deleted. Every change
is a decision record (O-8, kind ``idn_one_form``) naming both forms, both ids and what
moved. Triggers keep the search index and the revenue rollups' marks (reports) as for any
other write. Works on a bare connection (no models), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, text

from salesops.core import clock
from salesops.core.addresses import canonical_host, normalise_email
from salesops.core.db import JSONType, UTCDateTime

KIND = "idn_one_form"
SUMMED = ("signups", "events_ingested", "invited_users")  # account_product_signals


@dataclass
class Change:
    """One row rewritten (``merged_id`` None) or two rows made one."""

    table: str
    kept_id: int
    was: str
    now: str
    merged_id: int | None = None
    moved: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Ref:
    table: str
    column: str
    keys: tuple[tuple[str, ...], ...]  # unique column sets that hold ``column``


def _references(conn: Connection, target: str) -> list[_Ref]:
    """Every single-column foreign key to ``target.id``, with its table's unique keys."""
    insp = sa.inspect(conn)
    refs = []
    for table in sorted(insp.get_table_names()):
        for fk in insp.get_foreign_keys(table):
            cols = fk["constrained_columns"]
            if fk["referred_table"] != target or fk["referred_columns"] != ["id"] or len(cols) != 1:
                continue
            keys = [tuple(insp.get_pk_constraint(table).get("constrained_columns") or ())]
            keys += [tuple(u["column_names"]) for u in insp.get_unique_constraints(table)]
            keys += [
                tuple(c for c in i["column_names"] if c is not None)
                for i in insp.get_indexes(table)
                if i.get("unique")
            ]
            refs.append(_Ref(table, cols[0], tuple(k for k in keys if cols[0] in k)))
    return refs


def _move(conn: Connection, ref: _Ref, dup: int, keep: int) -> tuple[int, int]:
    """Point ``ref``'s rows from ``dup`` to ``keep``; a row whose unique key the kept row
    already holds is dropped. Returns (moved, dropped)."""
    t, c = ref.table, ref.column
    dropped = 0
    for key in ref.keys:
        same = " AND ".join(f"k.{o} = {t}.{o}" for o in key if o != c) or "1 = 1"
        dropped += conn.execute(
            text(
                f"DELETE FROM {t} WHERE {t}.{c} = :dup AND EXISTS "
                f"(SELECT 1 FROM {t} k WHERE k.{c} = :keep AND {same})"
            ),
            {"dup": dup, "keep": keep},
        ).rowcount
    moved = conn.execute(
        text(f"UPDATE {t} SET {c} = :keep WHERE {c} = :dup"), {"dup": dup, "keep": keep}
    ).rowcount
    return moved, dropped


def _fold_signals(conn: Connection, dup: int, keep: int) -> None:
    """Product signals of two accounts that are one company: counters added, the first
    signup the earlier, the rules fired either's (I-8 fires a rule once per account)."""
    signals = sa.table(
        "account_product_signals",
        sa.column("account_id", sa.Integer),
        *(sa.column(n, sa.Integer) for n in SUMMED),
        sa.column("first_signup_contact_id", sa.Integer),
        sa.column("first_signup_at", sa.DateTime),
        sa.column("fired_rules", JSONType),
    )
    rows = {
        r.account_id: r
        for r in conn.execute(sa.select(signals).where(signals.c.account_id.in_([dup, keep])))
    }
    if dup not in rows or keep not in rows:
        return  # nothing to fold: the generic move takes a lone row
    a, b = rows[keep], rows[dup]
    values: dict[str, Any] = {n: (getattr(a, n) or 0) + (getattr(b, n) or 0) for n in SUMMED}
    if b.first_signup_at is not None and (
        a.first_signup_at is None or b.first_signup_at < a.first_signup_at
    ):
        values["first_signup_at"] = b.first_signup_at
        values["first_signup_contact_id"] = b.first_signup_contact_id
    fired = [
        *_as_list(a.fired_rules),
        *(r for r in _as_list(b.fired_rules) if r not in _as_list(a.fired_rules)),
    ]
    values["fired_rules"] = fired
    conn.execute(sa.update(signals).where(signals.c.account_id == keep).values(**values))
    conn.execute(sa.delete(signals).where(signals.c.account_id == dup))


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        value = json.loads(value)
    return list(value or [])


def _fill_from(conn: Connection, table: str, dup_row: dict[str, Any], keep: int, skip: str) -> None:
    """The kept row takes the dropped one's values where its own are empty (not JSON)."""
    insp = sa.inspect(conn)
    for col in insp.get_columns(table):
        name = col["name"]
        if name in ("id", skip) or isinstance(col["type"], sa.JSON) or dup_row.get(name) is None:
            continue
        conn.execute(
            text(f"UPDATE {table} SET {name} = :v WHERE id = :keep AND {name} IS NULL"),
            {"v": dup_row[name], "keep": keep},
        )


def _one_form(conn: Connection, table: str, column: str, canon: Any) -> list[Change]:
    changes: list[Change] = []
    refs = _references(conn, table)
    rows = conn.execute(
        text(f"SELECT id, {column} FROM {table} WHERE lower({column}) LIKE '%xn--%' ORDER BY id")
    ).all()
    for row_id, was in rows:
        now = canon(was)
        if now == was:
            continue  # not valid punycode: kept as written (core.addresses)
        other = conn.execute(
            text(f"SELECT id FROM {table} WHERE {column} = :now AND id <> :id"),
            {"now": now, "id": row_id},
        ).scalar()
        if other is None:
            conn.execute(
                text(f"UPDATE {table} SET {column} = :now WHERE id = :id"),
                {"now": now, "id": row_id},
            )
            changes.append(Change(table, row_id, was, now))
            continue
        keep, dup = min(row_id, other), max(row_id, other)
        change = Change(table, keep, was, now, merged_id=dup)
        if table == "accounts" and "account_product_signals" in sa.inspect(conn).get_table_names():
            _fold_signals(conn, dup, keep)
        for ref in refs:
            moved, dropped = _move(conn, ref, dup, keep)
            if moved:
                change.moved[f"{ref.table}.{ref.column}"] = moved
            if dropped:
                change.dropped[f"{ref.table}.{ref.column}"] = dropped
        dup_row = dict(
            conn.execute(text(f"SELECT * FROM {table} WHERE id = :id"), {"id": dup})
            .mappings()
            .one()
        )
        conn.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": dup})
        conn.execute(
            text(f"UPDATE {table} SET {column} = :now WHERE id = :id"), {"now": now, "id": keep}
        )
        _fill_from(conn, table, dup_row, keep, column)
        changes.append(change)
    return changes


def _record(conn: Connection, changes: list[Change], at: datetime) -> None:
    """One decision record (O-8) per change."""
    decisions = sa.table(
        "decisions",
        sa.column("at", UTCDateTime),
        sa.column("kind", sa.String),
        sa.column("subject_type", sa.String),
        sa.column("subject_id", sa.Integer),
        sa.column("inputs", JSONType),
        sa.column("rule_ids", JSONType),
        sa.column("reason", sa.Text),
        sa.column("outcome", JSONType),
    )
    rows = []
    for c in changes:
        subject, rule = ("account", "M-2") if c.table == "accounts" else ("contact", "M-1")
        if c.merged_id is None:
            reason = f"{c.was} stored in its one form {c.now}"
        else:
            reason = (
                f"{subject}s {c.kept_id} and {c.merged_id} are one ({c.was} = {c.now}): "
                f"{c.merged_id} merged into {c.kept_id}"
            )
        rows.append(
            {
                "at": at,
                "kind": KIND,
                "subject_type": subject,
                "subject_id": c.kept_id,
                "inputs": {"was": c.was, "now": c.now, "merged_id": c.merged_id},
                "rule_ids": [rule],
                "reason": reason,
                "outcome": {"moved": c.moved, "dropped": c.dropped},
            }
        )
    if rows:
        conn.execute(sa.insert(decisions), rows)


def _plain(conn: Connection, table: str, column: str, canon: Any, where: str = "") -> int:
    """String columns that only name an address or domain: rewritten, nothing merged."""
    if table not in sa.inspect(conn).get_table_names():
        return 0
    n = 0
    for row_id, was in conn.execute(
        text(f"SELECT id, {column} FROM {table} WHERE lower({column}) LIKE '%xn--%' {where}")
    ).all():
        now = canon(was)
        if now != was:
            n += conn.execute(
                text(f"UPDATE {table} SET {column} = :now WHERE id = :id"),
                {"now": now, "id": row_id},
            ).rowcount
    return n


def _ban_value(value: str) -> str:
    return normalise_email(value) if "@" in value else canonical_host(value)


def rewrite(conn: Connection, at: datetime | None = None) -> list[Change]:
    """Accounts first (their contacts move with them), then contacts; then ban values and
    person profiles. In the caller's transaction."""
    changes = _one_form(conn, "accounts", "domain", canonical_host)
    changes += _one_form(conn, "contacts", "email", normalise_email)
    _plain(conn, "spam_bans", "value", _ban_value)
    _plain(conn, "person_profiles", "email", normalise_email)
    _record(conn, changes, at or clock.now())
    return changes
