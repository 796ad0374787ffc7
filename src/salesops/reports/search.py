"""Global search (issue 17 item 2): accounts, contacts (name, email), tasks (open and
closed) and opportunities, through the database's own text indexes, never a ``LIKE`` scan.

- **SQLite**: an FTS5 table per kind (``search_fts_<table>``, rowid = the row's id), kept
  by triggers on the four tables (so the raw-SQL hot paths of intake are indexed too);
  every word of the query is matched as a prefix ("gav bel" finds Gavin Belson, "acme.c"
  finds jo@acme.com), newest first.
- **PostgreSQL**: ``pg_trgm`` GIN indexes on one lower-cased text expression per table;
  each word of three letters or more must occur anywhere (a trigram-indexed ``LIKE``),
  a shorter one must start the text.

``install(connection)`` creates either (the migration ``0003_search`` and the tests'
schema call it); ``search(session, q)`` answers the page and the API.
"""

from __future__ import annotations

import re
import unicodedata
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
# FTS5 prefix indexes: a word of up to 6 letters is one index lookup; a longer one is
# looked up by its first 6 and checked on the row (a long prefix would merge every term).
PREFIXES = "1 2 3 4 5 6"
INDEXED = 6

# kind → (table, a code, the text searched, as SQL over the row ``{r}``)
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
    out = []
    for kind, (table, _, doc) in DOCUMENTS.items():
        fts = f"search_fts_{table}"
        insert = f"INSERT INTO {fts} (rowid, body) VALUES (new.id, {doc.format(r='new')});"
        delete = f"DELETE FROM {fts} WHERE rowid = old.id;"
        out += [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(body, "
            f"tokenize = 'unicode61 remove_diacritics 2', prefix = '{PREFIXES}')",
            f"CREATE TRIGGER IF NOT EXISTS search_{table}_ai AFTER INSERT ON {table} "
            f"BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS search_{table}_au AFTER UPDATE OF {WATCHED[kind]} "
            f"ON {table} BEGIN {delete} {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS search_{table}_ad AFTER DELETE ON {table} "
            f"BEGIN {delete} END",
            f"INSERT INTO {fts} (rowid, body) SELECT r.id, {doc.format(r='r')} FROM {table} r "
            f"WHERE NOT EXISTS (SELECT 1 FROM {fts} f WHERE f.rowid = r.id)",
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
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS search_fts_{table}")


# -- the query ------------------------------------------------------------------------


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    detail: str
    url: str


def words(q: str) -> list[str]:
    """The query's words, lower case; a word inside a longer one adds nothing ("com" in
    "company9"), so it is dropped: fewer, more selective index lookups."""
    found = list(dict.fromkeys(re.findall(r"\w+", q.lower()[:MAX_QUERY])))
    kept = [w for w in found if not any(w != o and w in o for o in found)]
    return kept[:MAX_WORDS]


def _sqlite_ids(
    session: Session, terms: list[str], kinds: tuple[str, ...], per_kind: int
) -> dict[str, list[int]]:
    """Newest first: FTS5 walks the matching rowids backwards and stops at the limit."""
    match = " AND ".join(f'"{t[:INDEXED]}"*' for t in terms)
    long = [t for t in terms if len(t) > INDEXED]
    found: dict[str, list[int]] = {}
    for kind in kinds:
        fts = f"search_fts_{DOCUMENTS[kind][0]}"
        sql = f"SELECT rowid, body FROM {fts} WHERE {fts} MATCH :m ORDER BY rowid DESC LIMIT :n"
        rows = session.execute(text(sql), {"m": match, "n": per_kind * (5 if long else 1)})
        ids = [
            int(rowid) for rowid, body in rows if not long or _starts_words(str(body).lower(), long)
        ]
        found[kind] = ids[:per_kind]
    return found


def _plain(value: str) -> str:
    """Lower case without accents, as FTS5's ``remove_diacritics`` reads it."""
    decomposed = unicodedata.normalize("NFKD", value.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _starts_words(body: str, terms: list[str]) -> bool:
    tokens = re.findall(r"\w+", _plain(body))
    terms = [_plain(t) for t in terms]
    return all(any(tok.startswith(t) for tok in tokens) for t in terms)


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
        # No ORDER BY: the bitmap scan of the trigram index stops at the limit.
        sql = f"SELECT id FROM {table} WHERE {' AND '.join(conditions)} LIMIT :n"
        found[kind] = [int(i) for i in session.scalars(text(sql), params)]
    return found


def search(
    session: Session, q: str, *, kinds: tuple[str, ...] = KINDS, per_kind: int = 10
) -> list[Hit]:
    """Up to ``per_kind`` hits of each kind (SQLite: newest first; PostgreSQL: as the
    index finds them)."""
    terms = words(q)
    kinds = tuple(k for k in kinds if k in KINDS)
    if not terms or not kinds:
        return []
    email = q.strip().lower()
    if "@" in email and "contact" in kinds:
        exact = session.scalar(select(Contact.id).where(Contact.email == email))
        if exact is not None:  # M-1: an email names one contact (its unique index)
            return _hits(session, {"contact": [exact]})
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
