"""Contacts (O-2, M-1, M-2) from an export, and what leads share with them.

A contact with its account's id goes to that account (a company was given, so even a
free-mail contact joins it, M-2); one without goes to the account of its email's
registrable domain, a free-mail one to an account of its own (``matching``). An email
already known is the same person (M-1): the row merges into the contact.

New contacts are plain rows (``rows``): role and lead score computed before their one
multi-row INSERT (``scores``), their decision records queued once they have ids; a
contact already in the database (a merge, a later export's update) stays an ORM object.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core.fastsql import among, insert_rows
from salesops.flows.imports.records import ContactIn
from salesops.flows.imports.rows import complete, table_of
from salesops.flows.imports.scores import ContactScorer
from salesops.flows.imports.writer import Importer, Item
from salesops.matching.service import Sender, match_accounts
from salesops.scoring import service as scoring

CONTACT_FIELDS = ("title", "country", "us_state")
CONTACTS = table_of(Contact)
NEW_CONTACT = ["M-1", "M-2"]  # a new contact's rule IDs (its record carries its score)


def accounts_by_id(s: Session, ids: Iterable[int]) -> dict[int, Account]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {a.id: a for a in s.scalars(select(Account).where(among(s, Account.id, wanted)))}


def fill_contact(imp: Importer, c: Any, rec: Any, *, overwrite: bool) -> None:
    """The source's values on a contact (an ORM object or a new row): blanks filled (a
    merge) or overwritten (the record's own row); their source is the system."""
    if isinstance(c, dict):
        _fill_row(imp, c, rec, overwrite=overwrite)
        return
    sources = dict(c.field_sources or {})
    if rec.name and (overwrite or not c.name):
        c.name = rec.name
    for f in CONTACT_FIELDS:
        value = getattr(rec, f, None)
        if value is not None and (overwrite or getattr(c, f) in (None, "")):
            setattr(c, f, value)
            if f != "us_state":
                sources[f] = imp.system
    if rec.lead_source and (overwrite or not c.lead_source):
        c.lead_source = rec.lead_source
    if sources != (c.field_sources or {}):
        c.field_sources = sources
    c.updated_at = imp.now


def _fill_row(imp: Importer, row: dict[str, Any], rec: Any, *, overwrite: bool) -> None:
    sources = row["field_sources"]
    if rec.name and (overwrite or not row["name"]):
        row["name"] = rec.name
    for f in CONTACT_FIELDS:
        value = getattr(rec, f, None)
        if value is not None and (overwrite or row[f] in (None, "")):
            row[f] = value
            if f != "us_state":
                sources[f] = imp.system
    if rec.lead_source and (overwrite or not row["lead_source"]):
        row["lead_source"] = rec.lead_source
    row["updated_at"] = imp.now


def score(
    imp: Importer,
    s: Session,
    touched: Sequence[Any],
    accounts: dict[int, Account],
    roles: dict[int, str | None] | None = None,
) -> None:
    """S-2, S-3 (S-4): the ORM contacts' lead scores (roles derived), then their and the
    new rows' accounts' ICP scores (a new row's role in ``roles``, by row id)."""
    entries: list[tuple[int, str | None]] = []
    for c in touched:
        if isinstance(c, dict):
            entries.append((c["account_id"], c["role"]))
            continue
        acct = accounts.get(c.account_id) or s.get(Account, c.account_id)
        scoring.score_contact(s, c, imp.now, account=acct)
        entries.append((c.account_id, c.role))
    with_role = {a: SimpleNamespace(role=r) for a, r in entries if r}
    imp.rescore(s, [accounts[a] for a, _ in entries if a in accounts], with_role)


def import_contacts(
    imp: Importer,
    items: Iterable[Item[ContactIn]],
    obj: str = "Contact",
    account_obj: str = "Account",
) -> None:
    scorer = ContactScorer()
    for s, batch in imp.batches(items, obj):
        new, changed, _ = imp.split(s, obj, batch)
        account_ids = imp.ids(s, account_obj, [r.account_key for r in batch])
        touched: list[Any] = []
        if changed:
            loaded = {
                c.id: c
                for c in s.scalars(
                    select(Contact).where(Contact.id.in_([lk.record_id for _, lk in changed]))
                )
            }
            for rec, link in changed:
                known = loaded.get(link.record_id)
                if known is None:
                    continue
                fill_contact(imp, known, rec, overwrite=True)
                moved = account_ids.get(rec.account_key or "")
                if moved and moved != known.account_id:
                    known.account_id = moved
                imp.relink(link, rec)
                imp.report.count(obj, "updated")
                imp.decide(known, obj, rec.key, ["S-4"], "updated from a later export")
                touched.append(known)
        emails = sorted({r.email for r in new})
        existing: dict[str, Any] = (
            {c.email: c for c in s.scalars(select(Contact).where(among(s, Contact.email, emails)))}
            if emails
            else {}
        )
        # M-2 for contacts without a (known) account: by their email's domain
        need = [
            r for r in new if r.email not in existing and not account_ids.get(r.account_key or "")
        ]
        firsts: dict[str, ContactIn] = {}
        for r in need:
            firsts.setdefault(r.email, r)
        senders = [
            Sender(r.email, r.name, r.company, fill={"country": r.country, "us_state": r.us_state})
            for r in firsts.values()
        ]
        matched = dict(zip(firsts, match_accounts(s, senders, now=imp.now), strict=True))
        accounts = accounts_by_id(
            s,
            [
                *account_ids.values(),
                *(c.account_id for c in existing.values() if not isinstance(c, dict)),
            ],
        )
        accounts.update({m.account.id: m.account for m in matched.values()})
        imp.fresh = {m.account.id for m in matched.values() if m.created}
        created: list[dict[str, Any]] = []
        later: list[tuple[ContactIn, dict[str, Any], list[str], str]] = []
        for rec in new:
            owner = imp.owner(s, rec.owner_key)
            c: Any = existing.get(rec.email)
            if c is not None:
                fill_contact(imp, c, rec, overwrite=False)
                imp.report.count(obj, "merged")
                why = f"merged into contact {rec.email} by email"
                if isinstance(c, dict):
                    later.append((rec, c, ["M-1"], why))
                else:
                    imp.decide(c, obj, rec.key, ["M-1"], why)
                    imp.link(obj, rec.key, "contact", rec, c)
            else:
                if rec.account_key and rec.account_key in account_ids:
                    account_id = account_ids[rec.account_key]
                    why = (
                        f"new contact {rec.email} on its account ({account_obj} {rec.account_key})"
                    )
                else:
                    m = matched[rec.email]
                    account_id = m.account.id
                    why = f"new contact {rec.email}; {m.reason} (M-2)"
                    if rec.account_key:
                        why += f"; {account_obj} {rec.account_key} was not imported"
                c = complete(
                    Contact,
                    {
                        "email": rec.email,
                        "name": rec.name,
                        "account_id": account_id,
                        "created_at": rec.created_at or imp.now,
                        "updated_at": imp.now,
                        "field_sources": {},
                    },
                )
                _fill_row(imp, c, rec, overwrite=True)
                existing[rec.email] = c
                created.append(c)
                imp.report.count(obj, "created")
                later.append((rec, c, NEW_CONTACT, why))
            acct = accounts.get(c["account_id"] if isinstance(c, dict) else c.account_id)
            if acct is not None and acct.owner_id is None and owner is not None:
                acct.owner_id = owner  # M-3: the account takes the contact's owner
                imp.decide(acct, obj, rec.key, ["M-3"], "account owner from its contact's owner")
            touched.append(c)
        imp.enrich_fresh(s, accounts.values())  # S-1 before the new contacts' S-3
        scored = {id(c): scorer.score(s, c, accounts[c["account_id"]]) for c in created}
        lost = insert_contacts(imp, s, obj, created)
        for rec, row, rule_ids, why in later:
            target = lost.get(id(row))
            if target is not None:  # taken meanwhile: merged into the winner
                imp.decide(target, obj, rec.key, rule_ids, why)
                imp.link(obj, rec.key, "contact", rec, target)
                continue
            found = scored.get(id(row)) if rule_ids == NEW_CONTACT else None
            if found is None:
                imp.decide_on(("contact", row["id"]), None, None, obj, rec.key, rule_ids, why)
            else:  # the new contact's record carries its lead score (S-3, O-8)
                acct = accounts[row["account_id"]]
                subject = ("contact", row["id"])
                record = imp.decide_on(
                    subject, acct.owner_id, acct.territory, obj, rec.key, rule_ids, why,
                    scored=("lead_score", found),
                )  # fmt: skip
                if acct.id in imp.fresh and acct.id not in imp.carriers:
                    imp.carriers[acct.id] = record  # and its new account's ICP score
            imp.link(obj, rec.key, "contact", rec, row["id"])
        touched = [lost.get(id(c), c) for c in touched]
        score(imp, s, touched, accounts)


def insert_contacts(
    imp: Importer, s: Session, obj: str, rows: list[dict[str, Any]]
) -> dict[int, Contact]:
    """INSERT new contact rows (their ids set); one whose email another transaction took
    meanwhile (live intake on PostgreSQL, R-5) is merged into the winner's contact
    instead. Returns ``id(lost row) → winner``."""
    ordered = sorted(rows, key=lambda r: r["email"])  # key order: no deadlock between batches
    # no autoflush: the rows need nothing pending (their accounts are in); the batch's
    # changed accounts are written once, with their scores, when it ends
    ids = insert_rows(s, CONTACTS, ordered, on_conflict=("email",), autoflush=False)
    lost_rows = []
    for row, new_id in zip(ordered, ids, strict=True):
        row["id"] = new_id
        if new_id is None:
            lost_rows.append(row)
    if not lost_rows:
        return {}
    winners = {
        c.email: c
        for c in s.scalars(
            select(Contact).where(Contact.email.in_([r["email"] for r in lost_rows]))
        )
    }
    imp.report.count(obj, "created", -len(lost_rows))
    imp.report.count(obj, "merged", len(lost_rows))
    return {id(r): winners[r["email"]] for r in lost_rows}
