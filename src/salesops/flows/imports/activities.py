"""Opportunity contact roles and activities (A-1, O-5) from an export (issue 19): roles tie
imported contacts to imported opportunities (the primary one becomes the opportunity's
contact); Salesforce tasks and events land on the account timeline, and on the contact,
lead task and opportunity they name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Contact
from salesops.activities.models import Activity
from salesops.core.fastsql import insert_objects
from salesops.flows.imports.records import ActivityIn, RoleIn
from salesops.flows.imports.writer import Importer, Item
from salesops.opportunities.models import Opportunity, OpportunityContactRole
from salesops.tasks.models import Task


def import_roles(
    imp: Importer,
    items: Iterable[Item[RoleIn]],
    obj: str = "OpportunityContactRole",
    opp_obj: str = "Opportunity",
    contact_obj: str = "Contact",
) -> None:
    for s, batch in imp.batches(items, obj):
        new, changed, _ = imp.split(s, obj, batch)
        opps = imp.ids(s, opp_obj, [r.opportunity_key for r in batch])
        contacts = imp.ids(s, contact_obj, [r.contact_key for r in batch])
        if changed:
            loaded = {
                r.id: r
                for r in s.scalars(
                    select(OpportunityContactRole).where(
                        OpportunityContactRole.id.in_([lk.record_id for _, lk in changed])
                    )
                )
            }
            for rec, link in changed:
                row = loaded.get(link.record_id)
                if row is not None:
                    row.role = rec.role
                imp.relink(link, rec)
                imp.report.count(obj, "updated")
        rows: list[OpportunityContactRole] = []
        primary: dict[int, int] = {}
        for rec in new:
            oid, cid = opps.get(rec.opportunity_key), contacts.get(rec.contact_key)
            if oid is None or cid is None:
                imp.skip(
                    rec,
                    obj,
                    "contact role whose opportunity or contact was not imported: "
                    f"{rec.opportunity_key if oid is None else rec.contact_key}",
                )
                continue
            row = OpportunityContactRole(
                opportunity_id=oid, contact_id=cid, role=rec.role or "Contact"
            )
            rows.append(row)
            if rec.primary:
                primary[oid] = cid
            imp.link(obj, rec.key, "opportunity_contact_role", rec, row)
            imp.report.count(obj, "created")
        insert_objects(s, rows)
        if primary:
            for o in s.scalars(select(Opportunity).where(Opportunity.id.in_(sorted(primary)))):
                o.contact_id = primary[o.id]


def _pairs(s: Session, model: Any, column: Any, ids: Iterable[int]) -> dict[int, int]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {r[0]: r[1] for r in s.execute(select(model.id, column).where(model.id.in_(wanted)))}


def import_activities(
    imp: Importer,
    items: Iterable[Item[ActivityIn]],
    obj: str,
    account_obj: str = "Account",
    opp_obj: str = "Opportunity",
    contact_obj: str = "Contact",
    lead_obj: str = "Lead",
) -> None:
    """A-1: tasks and events land on the account timeline (and contact, task, opportunity)."""
    for s, batch in imp.batches(items, obj):
        new, changed, _ = imp.split(s, obj, batch)
        accounts = imp.ids(s, account_obj, [r.account_key for r in batch])
        opps = imp.ids(s, opp_obj, [r.opportunity_key for r in batch])
        contacts = imp.ids(s, contact_obj, [r.contact_key for r in batch])
        leads = imp.ids(s, lead_obj, [r.lead_key for r in batch])
        opp_acct = _pairs(s, Opportunity, Opportunity.account_id, opps.values())
        contact_acct = _pairs(s, Contact, Contact.account_id, contacts.values())
        lead_task = (
            {
                t.id: (t.contact_id, t.account_id)
                for t in s.execute(
                    select(Task.id, Task.contact_id, Task.account_id).where(
                        Task.id.in_(sorted(set(leads.values())))
                    )
                )
            }
            if leads
            else {}
        )
        if changed:
            loaded = {
                a.id: a
                for a in s.scalars(
                    select(Activity).where(Activity.id.in_([lk.record_id for _, lk in changed]))
                )
            }
            for rec, link in changed:
                a = loaded.get(link.record_id)
                if a is not None:
                    a.subject, a.body = rec.subject[:500], rec.body
                    a.occurred_at = rec.occurred_at or a.occurred_at
                imp.relink(link, rec)
                imp.report.count(obj, "updated")
        rows: list[Activity] = []
        for rec in new:
            opp_id = opps.get(rec.opportunity_key or "")
            contact_id = contacts.get(rec.contact_key or "")
            task_id = leads.get(rec.lead_key or "")
            account_id = accounts.get(rec.account_key or "") or opp_acct.get(opp_id or 0)
            if task_id is not None:
                contact_id = contact_id or lead_task[task_id][0]
                account_id = account_id or lead_task[task_id][1]
            account_id = account_id or contact_acct.get(contact_id or 0)
            if account_id is None:
                imp.skip(rec, obj, "activity on no imported account, contact or opportunity")
                continue
            a = Activity(
                kind=rec.kind,
                account_id=account_id,
                contact_id=contact_id,
                task_id=task_id,
                opportunity_id=opp_id,
                actor_id=imp.owner(s, rec.owner_key),
                occurred_at=rec.occurred_at or imp.now,
                subject=rec.subject[:500],
                body=rec.body,
                source_ref=f"{imp.system}:{obj}:{rec.key}",
                meta={"imported_from": imp.system},
                created_at=imp.now,
            )
            rows.append(a)
            imp.link(obj, rec.key, "activity", rec, a)
            imp.report.count(obj, "created")
        insert_objects(s, rows)
