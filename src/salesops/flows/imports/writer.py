"""The import writer (issue 19): batches of records from any source, written with the
rules holding — matching (M-1, M-2), one account one owner (M-3), enrichment and scores
(S-1 … S-4), a decision record (O-8) for every automated decision — and every record tied
to its source row (``ImportSource``), so a re-run changes nothing and a later export
updates what changed (item 5).

Batches of ``batch`` rows (5,000 from the CLI): each batch is a handful of set-based
statements (the links, the matches, one multi-row INSERT per table, new records as plain
rows: ``rows``, ``scores``) in its own unit of work, so memory stays flat and an
interrupted import resumes where it stopped. A dry run does everything in
one unit of work and rolls it back: it writes nothing and counts exactly.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Table, event, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.audit import write_deferred_decisions
from salesops.core.db import RawJSON
from salesops.core.fastsql import (
    among,
    copy_rows,
    custom_plans,
    insert_objects,
    update_rows,
)
from salesops.core.objwrites import write_changes_many
from salesops.flows.imports.bulk import FULL_GC_EVERY, bulk_gc, read_ahead, write_decisions
from salesops.flows.imports.decide import Decisions
from salesops.flows.imports.models import ImportSource
from salesops.flows.imports.records import UserIn, digest
from salesops.flows.imports.report import Report
from salesops.flows.imports.scores import AccountScorer
from salesops.flows.imports.values import text
from salesops.playbook.runtime import Runtime
from salesops.scoring import service as scoring
from salesops.users.models import User

T = TypeVar("T")
SOURCES = cast(Table, ImportSource.__table__)
SYSTEM_NAMES = {"salesforce": "Salesforce", "hubspot": "HubSpot", "csv": "CSV"}


@dataclass
class Item(Generic[T]):
    """One row of an export file: its record, or why it is bad."""

    file: str
    line: int
    record: T | None = None
    error: str | None = None


@dataclass
class Link:
    id: int
    record_id: int
    digest: str


SET_BASED_FLUSH = "imports_set_based_flush"


@event.listens_for(Session, "before_flush")
def _set_based_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    """An import's flush (a query's autoflush included): the changed records (accounts'
    firmographics, owners and scores, merged contacts) in one UPDATE per table
    (``write_changes_many``) rather than the unit of work's one executemany per set of
    changed columns; what is left (nothing, usually) the flush writes as always."""
    if session.info.get(SET_BASED_FLUSH) and session.dirty:
        write_changes_many(session, list(session.dirty))


class _Rollback(Exception):
    """Ends a dry run's unit of work without writing."""


class Importer(Decisions):
    """One import run: the sessions, the source links, the owners and the report."""

    def __init__(
        self,
        rt: Runtime,
        system: str,
        report: Report,
        *,
        now: datetime,
        dry_run: bool = False,
        route_unowned: bool = False,
        batch: int = 1000,
        on_batch: Callable[[], None] | None = None,
        mapping_reason: str = "Other",
    ) -> None:
        self.mapping_reason = mapping_reason  # D-1: the reason closed leads are given
        self.rt, self.system, self.report, self.now = rt, system, report, now
        self.dry_run, self.route_unowned, self.batch = dry_run, route_unowned, batch
        self.on_batch = on_batch or (lambda: None)
        self.label = SYSTEM_NAMES.get(system, system)
        self.owners: dict[str, int | None] = {}
        self._users: dict[str, int] | None = None
        self._gone: dict[str, str] = {}
        self._names: dict[str, int] = {}
        self._active: set[int] = set()
        self._dry: Session | None = None
        self._new_links: list[tuple[str, str, str, str, Any]] = []
        self._changed_links: list[dict[str, Any]] = []
        self.decisions: list[dict[str, Any]] = []
        self._digests: dict[int, tuple[Any, str]] = {}
        self.fresh: set[int] = set()  # accounts this batch created (no contacts before it)
        # a new account's id → the import record of the row that created it, which keeps
        # its first ICP score (``rescore``: one record per imported row, O-8)
        self.carriers: dict[int, dict[str, Any]] = {}
        self._enriched: set[int] = set()  # fresh accounts ``enrich_fresh`` already did
        self.icp = AccountScorer()
        self._inputs: dict[str, str] = {}
        self._batches = 0
        self._rules: dict[tuple[str, ...], RawJSON] = {}
        self._where: dict[int, tuple[str, int]] = {}  # the batch's records' file and line

    # -- sessions ------------------------------------------------------------------

    def execute(self, plan: Callable[[Importer], None]) -> Report:
        """Run ``plan`` (the adapter's steps); a dry run rolls everything back."""
        with bulk_gc():
            return self._execute(plan)

    def _execute(self, plan: Callable[[Importer], None]) -> Report:
        try:
            if self.dry_run:
                try:
                    with self.rt.uow() as s, custom_plans(s):
                        self._dry = s
                        plan(self)
                        raise _Rollback
                except _Rollback:
                    pass
                finally:
                    self._dry = None
            else:
                plan(self)
        finally:
            self.report.close()
        return self.report

    @contextmanager
    def session(self) -> Iterator[Session]:
        if self._dry is not None:
            self._dry.info[SET_BASED_FLUSH] = True
            yield self._dry
            self.finish(self._dry)
            return
        with self.rt.uow(**{SET_BASED_FLUSH: True}) as s, custom_plans(s):
            yield s
            self.finish(s)

    def batches(self, items: Iterable[Item[T]], obj: str) -> Iterator[tuple[Session, list[T]]]:
        """Good records in batches, each with its session; bad rows reported."""
        for batch in read_ahead(items, self.batch):
            good: list[T] = []
            seen: set[str] = set()
            self._where = {}
            for it in batch:
                if it.error is not None or it.record is None:
                    self.report.error(it.file, it.line, it.error or "unreadable row", obj)
                    continue
                key = getattr(it.record, "key", None)
                if key is not None and len(str(key)) > 80:
                    self.report.error(it.file, it.line, f"id {str(key)[:30]}… is too long", obj)
                    continue
                if key in seen:
                    self.report.error(it.file, it.line, f"duplicate id {key} in the file", obj)
                    continue
                seen.add(str(key))
                good.append(it.record)
                self._where[id(it.record)] = (it.file, it.line)
            with self.session() as s:
                yield s, good
            self._batches += 1  # the batches' garbage, cycles included (``bulk_gc``):
            gc.collect(2 if self._batches % FULL_GC_EVERY == 0 else 1)
            self.on_batch()

    def skip(self, record: Any, obj: str, reason: str) -> None:
        """A good row of this batch that cannot go in: skipped, with its file and line in
        the errors file (``Report.skip``)."""
        file, line = self._where.get(id(record), ("?", 0))
        self.report.skip(file, line, reason, obj)

    def finish(self, s: Session) -> None:
        """A batch's links and decisions, in its transaction; the batch's changed records
        (scores, owners, territories set after their INSERT) in one UPDATE per table."""
        write_deferred_decisions(s)
        write_changes_many(s, list(s.dirty))
        s.flush()
        rows = [
            {
                "system": self.system,
                "object": obj,
                "source_id": key,
                "record_type": rtype,
                "record_id": int(target.id if not isinstance(target, int) else target),
                "digest": dig,
                "imported_at": self.now,
                "updated_at": self.now,
            }
            for obj, key, rtype, dig, target in self._new_links
        ]
        copy_rows(s, SOURCES, rows)
        update_rows(s, SOURCES, self._changed_links)
        write_decisions(s, self.decisions)
        self._new_links, self._changed_links, self.decisions = [], [], []
        self._digests = {}

    # -- source links --------------------------------------------------------------

    def links(self, s: Session, obj: str, keys: Iterable[str]) -> dict[str, Link]:
        wanted = sorted({k for k in keys if k})
        if not wanted:
            return {}
        q = select(
            ImportSource.id, ImportSource.source_id, ImportSource.record_id, ImportSource.digest
        ).where(
            ImportSource.system == self.system,
            ImportSource.object == obj,
            among(s, ImportSource.source_id, wanted),
        )
        return {r.source_id: Link(r.id, r.record_id, r.digest) for r in s.execute(q)}

    def ids(self, s: Session, obj: str, keys: Iterable[str | None]) -> dict[str, int]:
        return {k: v.record_id for k, v in self.links(s, obj, [k for k in keys if k]).items()}

    def link(self, obj: str, key: str, rtype: str, record: Any, target: Any) -> None:
        """Tie a new record (or one a duplicate merged into) to its source row."""
        self._new_links.append((obj, key, rtype, self.digest(record), target))

    def relink(self, link: Link, record: Any) -> None:
        self._changed_links.append(
            {"id": link.id, "digest": self.digest(record), "updated_at": self.now}
        )

    def digest(self, record: Any) -> str:
        """The record's digest, computed once per batch (``split`` then ``link``)."""
        key = id(record)
        found = self._digests.get(key)
        if found is None or found[0] is not record:
            found = self._digests[key] = (record, digest(record))
        return found[1]

    def split(
        self, s: Session, obj: str, records: list[T]
    ) -> tuple[list[T], list[tuple[T, Link]], dict[str, Link]]:
        """New records, changed ones (with their link); unchanged ones are counted."""
        found = self.links(s, obj, [getattr(r, "key") for r in records])  # noqa: B009
        new: list[T] = []
        changed: list[tuple[T, Link]] = []
        for r in records:
            link = found.get(getattr(r, "key"))  # noqa: B009
            if link is None:
                new.append(r)
            elif link.digest == self.digest(r):
                self.report.count(obj, "unchanged")
            else:
                changed.append((r, link))
        return new, changed, found

    def insert_unique(
        self, s: Session, obj: str, objs: list[Any], column: Any, key: str
    ) -> dict[int, Any]:
        """INSERT new records; one whose unique ``key`` another transaction took meanwhile
        (live intake on PostgreSQL, R-5) is merged into the winner's row instead: its
        links and decisions move there. Returns ``id(lost object) → winner``."""
        plain = [o for o in objs if getattr(o, key) is None]
        keyed = sorted(
            (o for o in objs if getattr(o, key) is not None), key=lambda o: getattr(o, key)
        )
        insert_objects(s, plain)
        ok = insert_objects(s, keyed, on_conflict=(key,))
        lost_objs = [o for o, good in zip(keyed, ok, strict=True) if not good]
        if not lost_objs:
            return {}
        model = type(lost_objs[0])
        winners = {
            getattr(w, key): w
            for w in s.scalars(
                select(model).where(column.in_([getattr(o, key) for o in lost_objs]))
            )
        }
        lost = {id(o): winners[getattr(o, key)] for o in lost_objs}
        self._new_links = [
            (ob, k, rt, dg, lost.get(id(t), t)) for ob, k, rt, dg, t in self._new_links
        ]
        for d in self.decisions:
            if id(d["subject"]) in lost:
                d["subject"] = lost[id(d["subject"])]
        self.report.count(obj, "created", -len(lost_objs))
        self.report.count(obj, "merged", len(lost_objs))
        return lost

    # -- owners (issue 19 item 1: matched by email; unknown → reported, unowned) -----

    def _load_users(self, s: Session) -> dict[str, int]:
        if self._users is None:
            rows = s.execute(select(User.id, User.email, User.name, User.active)).all()
            # a deactivated user owns no imported work; they are reported instead
            self._users = {r.email.lower(): r.id for r in rows if r.active}
            self._active = set(self._users.values())
            self._names = {r.name.strip().lower(): r.id for r in rows if r.name and r.active}
            gone = [r for r in rows if not r.active]
            self._gone = {k.strip().lower(): r.email for r in gone for k in (r.email, r.name) if k}
        return self._users

    def users(self, items: Iterable[Item[UserIn]]) -> None:
        """The source's users, matched to salesops users by email (never created)."""
        for s, batch in self.batches(items, "User"):
            known = self._load_users(s)
            linked = self.links(s, "User", [u.key for u in batch])
            for u in batch:
                uid = known.get(u.email or "")
                self.owners[u.key] = uid
                if uid is not None and u.key not in linked:
                    # remembered, so a later export without User.csv (Lead.csv alone, an
                    # upload of one file) still finds its owners (qa19)
                    self.link("User", u.key, "user", u, uid)
                if uid is None:
                    self.report.unknown_owners[u.key] = self._gone_label(u.email) or (
                        u.email or u.name or u.key
                    )
                    self.report.count("User", "skipped")
                else:
                    self.report.count("User", "unchanged")  # matched, never changed

    def owner(self, s: Session, key: str | None) -> int | None:
        """A source owner (id, email or name) → a salesops user id, or None (reported)."""
        key = text(key)
        if key is None:
            return None
        if key in self.owners:
            return self.owners[key]
        users = self._load_users(s)
        found = users.get(key.lower()) or self._names.get(key.lower())
        if found is None and "(" in key and key.endswith(")"):  # "Jane Doe (jane@x.com)"
            inner = key.rsplit("(", 1)[1][:-1].strip().lower()
            found = users.get(inner)
        if found is None:  # a source user an earlier run matched (``users``), still active
            found = next(
                (u for u in self.ids(s, "User", [key]).values() if u in self._active), None
            )
        if found is None:
            self.report.unknown_owners[key] = self._gone_label(key) or key
        self.owners[key] = found
        return found

    def _gone_label(self, key: str | None) -> str | None:
        """A deactivated user's report label ("email (deactivated)"), else None."""
        email = self._gone.get((key or "").strip().lower())
        return f"{email} (deactivated)" if email else None

    def rescore(
        self, s: Session, accounts: Iterable[Account], with_role: dict[int, Any] | None = None
    ) -> None:
        """S-1 … S-4 for the batch's accounts: enrich, then the ICP score, whose role is
        that of the batch's contact with a role on it (``with_role``: account id → an
        object with ``role``), else none for an account this batch created (``fresh``),
        else the latest contact's with a role (looked up for the batch in one query)."""
        accts = {a.id: a for a in accounts}
        with_role = with_role or {}
        look_up = [i for i in accts if i not in self.fresh and i not in with_role]
        if look_up:
            scoring.preload_icp_roles(s, look_up)
        known = s.info.pop(scoring.ICP_ROLES, None) or {}
        try:
            for a in accts.values():
                if a.id not in self._enriched:
                    self._enrich(s, a)
                given = with_role.get(a.id)
                if given is not None and given.role:
                    role = given.role
                else:
                    held = known.get(a.id)  # fresh: no contact before this batch
                    role = held[2] if held is not None and a.id not in self.fresh else None
                found = self.icp.compute(s, a, role)
                if found is None:
                    continue
                carrier = self.carriers.get(a.id)  # a new account: its creator's record
                if carrier is not None:
                    self.carry(carrier, "icp_score", found)
                else:
                    self.icp.record(s, a, found, self.now)
        finally:
            self.fresh, self.carriers, self._enriched = set(), {}, set()

    def enrich_fresh(self, s: Session, accounts: Iterable[Account]) -> None:
        """S-1 before S-3 (issue 16 item 1): the accounts this batch created are enriched
        before their new contacts are scored, so a contact's lead score counts the
        employees, revenue and country the firmographics give; ``rescore`` then skips
        them."""
        for a in accounts:
            if a.id in self.fresh and a.id not in self._enriched:
                self._enriched.add(a.id)
                self._enrich(s, a)

    def _enrich(self, s: Session, account: Account) -> None:
        try:
            scoring.enrich_account(s, account, self.now)
        except Exception:  # noqa: BLE001 - S-1: enrichment never blocks an import
            self.report.note("enrichment failed for an account (left as imported)")
