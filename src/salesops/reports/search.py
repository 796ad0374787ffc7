"""Global search (issue 17 item 2): accounts, contacts (name, email), tasks (open and
closed) and opportunities, through the database's own text indexes, never a ``LIKE`` scan.

- **SQLite**: one FTS5 table, ``search_fts``, kept by triggers on the four tables (so the
  raw-SQL hot paths of intake are indexed too). Its rowid is ``id * 4 + kind``; every
  word of the query is matched as a prefix ("gav bel" finds Gavin Belson, "acme.c" finds
  jo@acme.com).
- **PostgreSQL**: ``pg_trgm`` GIN indexes on one lower-cased text expression per table;
  each word of three letters or more must occur anywhere (a trigram-indexed ``LIKE``),
  a shorter one must start the text.

``install(connection)`` creates either (the migration ``0003_search`` and the tests'
schema call it); ``search(session, q)`` answers the page and the API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.opportunities.models import Opportunity
from salesops.tasks.models import Task

KINDS = ("account", "contact", "task", "opportunity")
MAX_QUERY = 200
MAX_WORDS = 6

# kind → (table, code in the FTS rowid, the text searched, as SQL over the row ``{r}``)
DOCUMENTS: dict[str, tuple[str, int, str]] = {
    "account": ("accounts", 0, "{r}.name || ' ' || coalesce({r}.domain, '')"),
    "contact": ("contacts", 1, "coalesce({r}.name, '') || ' ' || {r}.email"),
    "task": ("tasks", 2, "coalesce({r}.title, '') || ' ' || {r}.status"),
    "opportunity": ("opportunities", 3, "{r}.name || ' ' || {r}.stage"),
}
WATCHED = {  # the columns whose change re-indexes a row (SQLite's UPDATE OF)
    "account": "name, domain",
    "contact": "name, email",
    "task": "title, status",
    "opportunity": "name, stage",
}


def _sqlite_ddl() -> list[str]:
    out = [
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
        "kind UNINDEXED, ref_id UNINDEXED, body, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    ]
    for kind, (table, code, doc) in DOCUMENTS.items():
        row = f"new.id * 4 + {code}, '{kind}', new.id, {doc.format(r='new')}"
        insert = f"INSERT INTO search_fts (rowid, kind, ref_id, body) VALUES ({row});"
        delete = f"DELETE FROM search_fts WHERE rowid = old.id * 4 + {code};"
        out += [
            f"CREATE TRIGGER IF NOT EXISTS search_{table}_ai AFTER INSERT ON {table} "
            f"BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS search_{table}_au AFTER UPDATE OF {WATCHED[kind]} "
            f"ON {table} BEGIN {delete} {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS search_{table}_ad AFTER DELETE ON {table} "
            f"BEGIN {delete} END",
            f"INSERT INTO search_fts (rowid, kind, ref_id, body) SELECT "
            f"r.id * 4 + {code}, '{kind}', r.id, {doc.format(r='r')} FROM {table} r "
            f"WHERE NOT EXISTS (SELECT 1 FROM search_fts f WHERE f.rowid = r.id * 4 + {code})",
        ]
    return out


def _pg_expression(kind: str) -> str:
    table, _, doc = DOCUMENTS[kind]
    return f"lower({doc.format(r=table)})"


def _postgresql_ddl(opclass: str) -> list[str]:
    return [
        f"CREATE INDEX IF NOT EXISTS ix_search_{table}_trgm ON {table} "
        f"USING gin (({_pg_expression(kind)}) {opclass})"
        for kind, (table, _, _) in DOCUMENTS.items()
    ]


def install(connection: Any) -> None:
    """Create the search indexes (and, on SQLite, fill the FTS table from existing rows)."""
    if connection.dialect.name != "postgresql":
        for sql in _sqlite_ddl():
            connection.exec_driver_sql(sql)
        return
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema = connection.exec_driver_sql(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"
    ).scalar()
    for sql in _postgresql_ddl(f"{schema}.gin_trgm_ops"):
        connection.exec_driver_sql(sql)


def uninstall(connection: Any) -> None:
    if connection.dialect.name == "postgresql":
        for table, _, _ in DOCUMENTS.values():
            connection.exec_driver_sql(f"DROP INDEX IF EXISTS ix_search_{table}_trgm")
        return
    for table, _, _ in DOCUMENTS.values():
        for suffix in ("ai", "au", "ad"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_{table}_{suffix}")
    connection.exec_driver_sql("DROP TABLE IF EXISTS search_fts")


# -- the query ------------------------------------------------------------------------


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    detail: str
    url: str


def words(q: str) -> list[str]:
    return re.findall(r"\w+", q.lower()[:MAX_QUERY])[:MAX_WORDS]


def _sqlite_ids(
    session: Session, terms: list[str], kinds: tuple[str, ...], per_kind: int
) -> dict[str, list[int]]:
    match = " AND ".join(f'"{t}"*' for t in terms)
    found: dict[str, list[int]] = {k: [] for k in kinds}
    rows = session.execute(
        text(
            "SELECT kind, ref_id FROM search_fts WHERE search_fts MATCH :m ORDER BY rank LIMIT :n"
        ),
        {"m": match, "n": per_kind * 4 * len(KINDS)},
    )
    for kind, ref_id in rows:
        if kind in found and len(found[kind]) < per_kind:
            found[kind].append(int(ref_id))
    return found


def _pg_ids(
    session: Session, terms: list[str], kinds: tuple[str, ...], per_kind: int
) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for kind in kinds:
        table = DOCUMENTS[kind][0]
        expr = _pg_expression(kind)
        params: dict[str, Any] = {"n": per_kind}
        conditions = []
        for i, term in enumerate(terms):
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[f"t{i}"] = f"%{escaped}%" if len(term) >= 3 else f"{escaped}%"
            conditions.append(f"{expr} LIKE :t{i}")
        sql = f"SELECT id FROM {table} WHERE {' AND '.join(conditions)} ORDER BY id DESC LIMIT :n"
        found[kind] = [int(i) for i in session.scalars(text(sql), params)]
    return found


def search(
    session: Session, q: str, *, kinds: tuple[str, ...] = KINDS, per_kind: int = 10
) -> list[Hit]:
    """Up to ``per_kind`` hits of each kind, best first (SQLite: FTS5 rank; PostgreSQL:
    newest first)."""
    terms = words(q)
    kinds = tuple(k for k in kinds if k in KINDS)
    if not terms or not kinds:
        return []
    backend = session.get_bind().dialect.name
    ids = (_pg_ids if backend == "postgresql" else _sqlite_ids)(session, terms, kinds, per_kind)
    return _hits(session, ids)


def _hits(session: Session, ids: dict[str, list[int]]) -> list[Hit]:
    hits: list[Hit] = []
    if ids.get("account"):
        rows = {
            a.id: a for a in session.scalars(select(Account).where(Account.id.in_(ids["account"])))
        }
        hits += [
            Hit("account", a.id, a.name, a.domain or "", f"/accounts/{a.id}")
            for a in (rows.get(i) for i in ids["account"])
            if a is not None
        ]
    if ids.get("contact"):
        rows_c = {
            c.id: c for c in session.scalars(select(Contact).where(Contact.id.in_(ids["contact"])))
        }
        hits += [
            Hit("contact", c.id, c.name or c.email, c.email, f"/contacts/{c.id}")
            for c in (rows_c.get(i) for i in ids["contact"])
            if c is not None
        ]
    if ids.get("task"):
        rows_t = {t.id: t for t in session.scalars(select(Task).where(Task.id.in_(ids["task"])))}
        hits += [
            Hit("task", t.id, t.title or f"Task {t.id}", t.status, f"/tasks/{t.id}")
            for t in (rows_t.get(i) for i in ids["task"])
            if t is not None
        ]
    if ids.get("opportunity"):
        rows_o = {
            o.id: o
            for o in session.scalars(
                select(Opportunity).where(Opportunity.id.in_(ids["opportunity"]))
            )
        }
        hits += [
            Hit("opportunity", o.id, o.name, o.stage, f"/opportunities/{o.id}")
            for o in (rows_o.get(i) for i in ids["opportunity"])
            if o is not None
        ]
    return hits
