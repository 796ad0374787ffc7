"""Contacts (O-2, M-1, M-2) and unconverted leads (O-3, L-1, M-3) from an export.

A contact with its account's id goes to that account (a company was given, so even a
free-mail contact joins it, M-2); one without goes to the account of its email's
registrable domain, a free-mail one to an account of its own (``matching``). An email
already known is the same person (M-1): the row merges into the contact. A lead becomes
a contact plus a lead task with its status mapped (L-1); a lead task on an account that
already has an open task or opportunity is linked to it and goes to the same owner (M-3).
Imported tasks stay out of round robin and the stale sweep unless ``route_unowned``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core.fastsql import among, copy_rows
from salesops.flows.imports.accounts import account_domain, apply_firmographics
from salesops.flows.imports.contacts import accounts_by_id, fill_contact, insert_contacts, score
from salesops.flows.imports.lead_match import match_leads
from salesops.flows.imports.records import LeadIn
from salesops.flows.imports.rows import complete, table_of, with_history
from salesops.flows.imports.scores import ContactScorer
from salesops.flows.imports.writer import Importer, Item, Link
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.tasks import lead_queue
from salesops.tasks.models import OPEN_STATUSES, Task

TASKS = table_of(Task)


def _open_conversations(
    s: Session, account_ids: Sequence[int]
) -> dict[int, tuple[int | None, int | None]]:
    """M-3: each account's first open lead task (id, owner) or else open opportunity."""
    out: dict[int, tuple[int | None, int | None]] = {}
    if not account_ids:
        return out
    ids = sorted(set(account_ids))
    for r in s.execute(
        select(Opportunity.account_id, Opportunity.owner_id)
        .where(among(s, Opportunity.account_id, ids), Opportunity.is_closed.is_(False))
        .order_by(Opportunity.id.desc())
    ):
        out[r.account_id] = (None, r.owner_id)
    for t in s.execute(
        select(Task.account_id, Task.id, Task.owner_id)
        .where(among(s, Task.account_id, ids), Task.kind == "lead", Task.status.in_(OPEN_STATUSES))
        .order_by(Task.id.desc())
    ):
        out[t.account_id] = (t.id, t.owner_id)
    return out


def _task_fields(imp: Importer, s: Session, rec: LeadIn) -> dict[str, Any]:
    pb = playbook_of(s)
    fields: dict[str, Any] = {
        "status": rec.status,
        "lead_source": rec.lead_source,
        "sales_form_message": rec.description,
        "disqualification_reason": None,
        "disqualification_notes": None,
        "follow_up_on": None,
        "closed_at": None,
    }
    if rec.status == "Unqualified":
        fields["disqualification_reason"] = imp.mapping_reason
        fields["disqualification_notes"] = f"{imp.label} status: {rec.source_status}"[:250]
        fields["closed_at"] = imp.now
    elif rec.status == "Nurturing":
        fields["follow_up_on"] = imp.now.date() + timedelta(days=pb.tasks.nurture_default_days)
    return fields


def import_leads(imp: Importer, items: Iterable[Item[LeadIn]], obj: str = "Lead") -> None:
    scorer = ContactScorer()
    for s, batch in imp.batches(items, obj):
        new, changed, _ = imp.split(s, obj, batch)
        touched_contacts: list[Any] = []
        _update_leads(imp, s, obj, changed, touched_contacts)
        matches = match_leads(s, new, now=imp.now)
        accounts = {m.account.id: m.account for m in matches}
        imp.fresh = {m.account.id for m in matches if m.account_created}
        open_conv = _open_conversations(s, list(accounts))
        tasks: list[tuple[dict[str, Any], LeadIn, list[str], str, Any]] = []
        to_route: list[dict[str, Any]] = []
        creators: set[int] = set()  # the tasks of the leads that created their contact
        makers: dict[int, int] = {}  # … and their account: task → account id
        for rec, m in zip(new, matches, strict=True):
            acct, c = m.account, m.contact
            if m.account_created:
                apply_firmographics(imp, s, acct, rec, overwrite=True)
                if not acct.domain and rec.website and (d := account_domain(s, rec.website)):
                    taken = s.scalar(select(Account.id).where(Account.domain == d))
                    acct.domain = None if taken else d
            fill_contact(imp, c, rec, overwrite=False)
            owner = imp.owner(s, rec.owner_key)
            rules = ["M-1", "M-2", "L-1"]
            why = [m.reason.split(";")[0], f"status {rec.source_status or 'blank'} → {rec.status}"]
            linked, is_open = None, rec.status in OPEN_STATUSES
            conv = open_conv.get(acct.id) if is_open else None
            conv_owner = None
            if conv is not None:
                linked, conv_owner = conv
                rules.append("M-3")
                if conv_owner is not None:
                    if owner != conv_owner:
                        why.append("owner of the account's open conversation (M-3)")
                    owner = conv_owner
            if conv_owner is None:
                if acct.owner_id is not None and owner != acct.owner_id:
                    owner = acct.owner_id
                    rules.append("M-3")
                    why.append("the account's owner (one account, one owner)")
                elif acct.owner_id is None and owner is not None:
                    acct.owner_id = owner
            task = complete(
                Task,
                {
                    "kind": "lead",
                    "title": (
                        f"{rec.name or rec.email}" + (f" ({rec.company})" if rec.company else "")
                    )[:300],
                    "account_id": acct.id,
                    "contact_id": None,  # set once a new contact row has its id
                    "owner_id": owner,
                    "territory": acct.territory,
                    "linked_task_id": linked,
                    "source_ref": f"{imp.system}:{obj}:{rec.key}",
                    "created_at": rec.created_at or imp.now,
                    "updated_at": imp.now,
                    "assigned_at": imp.now if owner else None,
                    "stale_anchor_at": (
                        imp.now if (owner and is_open and imp.route_unowned) else None
                    ),
                    **_task_fields(imp, s, rec),
                },
            )
            tasks.append((task, rec, rules, "; ".join(why), c))
            if m.contact_created:
                creators.add(id(task))
            if m.account_created:
                makers[id(task)] = acct.id
            if is_open and owner is None and imp.route_unowned:
                to_route.append(task)
            if is_open and linked is None:
                open_conv.setdefault(acct.id, (None, owner))
            imp.report.count(obj, "merged" if not m.contact_created else "created")
            touched_contacts.append(c)
        created = list({id(m.contact): m.contact for m in matches if m.contact_created}.values())
        imp.enrich_fresh(s, accounts.values())  # S-1 before the new contacts' S-3
        scored = {id(c): scorer.score(s, c, accounts[c["account_id"]]) for c in created}
        lost = insert_contacts(imp, s, obj, created)
        touched_contacts = [lost.get(id(c), c) for c in touched_contacts]
        for t, *_, c in tasks:
            c = lost.get(id(c), c)
            t["contact_id"] = c["id"] if isinstance(c, dict) else c.id
        # no autoflush: the tasks need nothing pending (their accounts and contacts are
        # in); the batch's changed accounts are written with their scores at its end
        ids = copy_rows(s, TASKS, [t for t, *_ in tasks], ids=True, autoflush=False)
        with_history(s, {t["account_id"] for t, *_ in tasks if t["owner_id"] is not None})
        for (t, rec, rule_ids, reason, c), tid in zip(tasks, ids, strict=True):
            t["id"] = tid
            # the lead that created its contact: its record carries the contact's lead
            # score (S-3) — one decision record per imported row (O-8)
            found = scored.get(id(c)) if id(t) in creators and id(c) not in lost else None
            record = imp.decide_on(
                ("task", tid),
                t["owner_id"],
                t["territory"],
                obj,
                rec.key,
                rule_ids,
                reason,
                scored=("lead_score", found) if found else None,
                contact_id=t["contact_id"],
            )
            if id(t) in makers:  # the new account's ICP score joins this record (rescore)
                imp.carriers[makers[id(t)]] = record
            imp.link(obj, rec.key, "task", rec, tid)
        if to_route:
            lead_queue.enqueue(s, [t["id"] for t in to_route], imp.now)
            imp.report.note("unowned open lead task(s) queued for routing (--route-unowned)")
        missing = [
            c.account_id
            for c in touched_contacts
            if not isinstance(c, dict) and c.account_id not in accounts
        ]
        accounts.update(accounts_by_id(s, missing))
        score(imp, s, touched_contacts, accounts)


def _update_leads(
    imp: Importer, s: Session, obj: str, changed: list[tuple[LeadIn, Link]], touched: list[Contact]
) -> None:
    if not changed:
        return
    ids = [link.record_id for _, link in changed]
    tasks = {t.id: t for t in s.scalars(select(Task).where(Task.id.in_(ids)))}
    contacts = {
        c.id: c
        for c in s.scalars(
            select(Contact).where(Contact.id.in_([t.contact_id for t in tasks.values()]))
        )
    }
    for rec, link in changed:
        t = tasks.get(link.record_id)
        if t is None:
            continue
        before = t.status
        for k, v in _task_fields(imp, s, rec).items():
            if k == "closed_at" and t.closed_at is not None:
                continue
            setattr(t, k, v)
        owner = imp.owner(s, rec.owner_key)
        if owner is not None and owner != t.owner_id and t.linked_task_id is None:
            t.owner_id, t.assigned_at = owner, imp.now
        t.updated_at = imp.now
        c = contacts.get(t.contact_id)
        if c is not None:
            fill_contact(imp, c, rec, overwrite=True)
            touched.append(c)
        imp.relink(link, rec)
        imp.report.count(obj, "updated")
        imp.decide(
            t, obj, rec.key, ["L-1"], f"updated from a later export (status {before} → {t.status})"
        )
