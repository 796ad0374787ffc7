"""Scoring use-cases: enrich (S-1), score (S-2, S-3), recompute (S-4), classify (R-1), triage.

``enrich_and_score_task`` and ``classify_task`` are pipeline steps
(``salesops.flows.pipeline``): they change the loaded objects and leave the
writes to the caller's flush (the queued pipeline writes a batch of leads at once).
Every score and classification appends a decision record (O-8) with its
breakdown or signals; recomputing appends new records and never touches the
old ones, so a playbook change affects new scores only (P-2).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core.audit import defer_decision
from salesops.playbook.runtime import playbook_of, settings_of
from salesops.scoring import rules
from salesops.scoring.classification import (  # the R-1 pipeline step lives there
    classify_task,
    task_scores,
)
from salesops.scoring.enrichment import provider_for
from salesops.scoring.roles import guess_role
from salesops.tasks.models import Task

log = logging.getLogger("salesops.scoring")

#: Role sources a re-derivation may replace (anything else was said by a person or a form).
DERIVED_ROLE_SOURCES = frozenset({"title", "role_at_organization", "none"})
ICP_INPUTS = frozenset({*rules.FIRMOGRAPHIC_FIELDS})
LEAD_INPUTS = frozenset({"employee_count", "estimated_revenue", "country"})
CONTACT_INPUTS = frozenset({"role", "sub_role", "title", "role_at_organization", "country"})


# -- S-1 -----------------------------------------------------------------------


def enrich_account(session: Session, account: Account, now: datetime) -> dict[str, Any]:
    """S-1: fill the account's firmographics from the providers; the form's values win."""
    if not account.domain:
        return {}
    chain = provider_for(settings_of(session))
    if not chain.providers:
        return {}
    found = chain.lookup_with_sources(account.domain)
    if not found:
        return {}
    current = {k: getattr(account, k) for k in rules.FIRMOGRAPHIC_FIELDS}
    sources = dict(account.field_sources or {})
    all_changes: dict[str, Any] = {}
    claimed: set[str] = set()
    for source, record in found:  # earlier providers win field by field
        mine = {k: v for k, v in record.items() if k not in claimed}
        claimed.update(mine)
        changes, new_sources = rules.merge_firmographics(
            {**current, **all_changes}, sources, mine, source
        )
        all_changes.update(changes)
        sources.update(new_sources)
        name = record.get("name")
        if name and "name" not in sources and account.name == _default_name(account.domain):
            account.name = name
            sources["name"] = source
    for key, value in all_changes.items():
        setattr(account, key, value)
    if sources != (account.field_sources or {}):
        account.field_sources = sources
    if "country" in all_changes or "us_state" in all_changes:
        account.territory = (
            playbook_of(session).territory_for(account.country, account.us_state).name
        )
    if all_changes:
        account.updated_at = now
        defer_decision(
            session,
            "enrich",
            account,
            {"domain": account.domain, "providers": [s for s, _ in found]},
            ["S-1"],
            f"enriched {', '.join(sorted(all_changes))} from {', '.join(s for s, _ in found)}",
            outcome={"changes": all_changes},
            owner_id=account.owner_id,
            territory=account.territory,
            at=now,
        )
    return all_changes


def _default_name(domain: str) -> str:
    return domain.split(".", 1)[0].title()


# -- roles and scores (S-2, S-3, S-4) ------------------------------------------


def derive_role(contact: Contact) -> bool:
    """Set the contact's role and sub-role from form, role_at_organization or title."""
    sources = dict(contact.field_sources or {})
    role_src = sources.get("role")
    explicit = contact.role if contact.role and role_src not in DERIVED_ROLE_SOURCES else None
    guess = guess_role(explicit, contact.role_at_organization, contact.title)
    sub_src = sources.get("sub_role")
    keep_sub = contact.sub_role and sub_src not in DERIVED_ROLE_SOURCES
    role = guess.role
    sub_role = contact.sub_role if keep_sub else guess.sub_role
    if explicit:
        sources["role"] = role_src or "form"
    else:
        sources["role"] = guess.source
    if not keep_sub:
        sources["sub_role"] = guess.source if sub_role else "none"
    changed = (role, sub_role) != (contact.role, contact.sub_role)
    contact.role, contact.sub_role = role, sub_role
    if sources != (contact.field_sources or {}):
        contact.field_sources = sources
    return changed


#: ``session.info`` key: account id → (created_at, id, role) of its latest contact with a
#: role, or None for none — set by ``preload_icp_roles`` for a batch of accounts, kept up
#: to date by ``score_contact``; an account missing from it is looked up.
ICP_ROLES = "scoring_icp_roles"


def preload_icp_roles(session: Session, account_ids: Iterable[int]) -> None:
    """S-2 for a batch (the queued pipeline): the accounts' ICP roles in one query, so
    scoring a lead whose contact has no role needs none. ``session.info.pop(ICP_ROLES)``
    when the batch is done."""
    ids = sorted(set(account_ids))
    latest = (
        select(
            Contact.account_id,
            Contact.created_at,
            Contact.id,
            Contact.role,
            func.row_number()
            .over(
                partition_by=Contact.account_id,
                order_by=(Contact.created_at.desc(), Contact.id.desc()),
            )
            .label("n"),
        )
        .where(Contact.account_id.in_(ids), Contact.role.is_not(None))
        .subquery()
    )
    known: dict[int, tuple[Any, int, str] | None] = dict.fromkeys(ids)
    for r in session.execute(
        select(latest.c.account_id, latest.c.created_at, latest.c.id, latest.c.role).where(
            latest.c.n == 1
        )
    ):
        known[r.account_id] = (r.created_at, r.id, r.role)
    session.info[ICP_ROLES] = known


def _note_role(session: Session, contact: Contact) -> None:
    known = session.info.get(ICP_ROLES)
    if known is None or contact.account_id not in known:
        return
    held = known[contact.account_id]
    if contact.role:
        if held is None or (contact.created_at, contact.id) >= (held[0], held[1]):
            known[contact.account_id] = (contact.created_at, contact.id, contact.role)
    elif held is not None and held[1] == contact.id:
        del known[contact.account_id]  # its role is gone: the next one is looked up


def _icp_role(session: Session, account: Account, contact: Contact | None) -> str | None:
    if contact is not None and contact.role:
        return contact.role
    known = session.info.get(ICP_ROLES)
    if known is not None and account.id in known:
        held = known[account.id]
        return held[2] if held is not None else None
    return session.scalar(
        select(Contact.role)
        .where(Contact.account_id == account.id, Contact.role.is_not(None))
        .order_by(Contact.created_at.desc(), Contact.id.desc())
        .limit(1)
    )


def score_account(
    session: Session,
    account: Account,
    now: datetime,
    *,
    contact: Contact | None = None,
    force: bool = False,
) -> rules.Score:
    """S-2: compute and store the ICP score; a decision is recorded when it changes (or forced)."""
    table = playbook_of(session).scoring.icp
    facts = rules.IcpFacts(
        industry=account.industry,
        employee_count=account.employee_count,
        estimated_revenue=account.estimated_revenue,
        total_funding=account.total_funding,
        role=_icp_role(session, account, contact),
        is_b2b=account.is_b2b,
    )
    score = rules.icp_score(facts, table)
    breakdown = score.breakdown_json()
    if force or account.icp_score != score.score or account.icp_breakdown != breakdown:
        account.icp_score, account.icp_breakdown = score.score, breakdown
        defer_decision(
            session,
            "icp_score",
            account,
            {"facts": facts.__dict__},
            ["S-2", "S-4"],
            f"ICP score {score.score}/5 ({score.total:g} points)",
            outcome={"score": score.score, "total": score.total, "breakdown": breakdown},
            owner_id=account.owner_id,
            territory=account.territory,
            at=now,
        )
    return score


def score_contact(
    session: Session,
    contact: Contact,
    now: datetime,
    *,
    account: Account | None = None,
    force: bool = False,
) -> rules.Score:
    """S-3: compute and store the lead score; a decision is recorded when it changes (or forced)."""
    account = account or session.get(Account, contact.account_id)
    assert account is not None
    derive_role(contact)
    _note_role(session, contact)
    table = playbook_of(session).scoring.lead
    facts = rules.LeadFacts(
        employee_count=account.employee_count,
        estimated_revenue=account.estimated_revenue,
        role=contact.role,
        sub_role=contact.sub_role,
        country=contact.country or account.country,
    )
    score = rules.lead_score(facts, table)
    breakdown = score.breakdown_json()
    if force or contact.lead_score != score.score or contact.lead_score_breakdown != breakdown:
        contact.lead_score, contact.lead_score_breakdown = score.score, breakdown
        defer_decision(
            session,
            "lead_score",
            contact,
            {"facts": facts.__dict__, "role_source": (contact.field_sources or {}).get("role")},
            ["S-3", "S-4"],
            f"lead score {score.score}/{table.max_score}",
            outcome={"score": score.score, "breakdown": breakdown},
            owner_id=account.owner_id,
            territory=account.territory,
            at=now,
        )
    return score


def enrich_and_score(
    session: Session, account: Account, contact: Contact, now: datetime, *, force: bool = False
) -> dict[str, Any]:
    """S-1 … S-4 for a contact however it came in (signup, Slack join, manual entry, import,
    a task): enrich its account, then score contact and account. Scores whose inputs did
    not change record nothing (unless ``force``). Returns the enrichment's changes."""
    changes: dict[str, Any] = {}
    try:
        changes = enrich_account(session, account, now)
    except Exception:  # S-1: enrichment never blocks intake
        log.exception("enrichment failed for account %s", account.id)
    score_contact(session, contact, now, account=account, force=force)  # derives the role
    score_account(session, account, now, contact=contact, force=force)
    return changes


def enrich_and_score_task(session: Session, task: Task, now: datetime) -> None:
    """Pipeline step (S-1 … S-4): enrich the task's account, then score account and contact."""
    account = session.get(Account, task.account_id)
    contact = session.get(Contact, task.contact_id)
    if account is None or contact is None:
        return
    enrich_and_score(session, account, contact, now, force=True)
    if task.territory != account.territory and task.owner_id is None:
        task.territory = account.territory


def inputs_changed(
    session: Session,
    now: datetime,
    *,
    account: Account | None = None,
    contact: Contact | None = None,
    changed: Iterable[str] = (),
) -> None:
    """S-4: recompute the scores whose inputs a person just changed (accounts service hook)."""
    keys = set(changed)
    if contact is not None:
        sources = dict(contact.field_sources or {})
        for key in keys & CONTACT_INPUTS:
            sources[key] = "manual"
        if sources != (contact.field_sources or {}):
            contact.field_sources = sources
        if keys & CONTACT_INPUTS:
            score_contact(session, contact, now)
            acct = session.get(Account, contact.account_id)
            if acct is not None and keys & {"role", "title", "role_at_organization"}:
                score_account(session, acct, now, contact=contact)
    if account is not None and keys & (ICP_INPUTS | LEAD_INPUTS):
        rescore_account(session, account, now)


def rescore_account(session: Session, account: Account, now: datetime) -> int:
    """S-4: recompute the account's ICP score and its contacts' lead scores; count changes."""
    changed = 0
    before = account.icp_score, account.icp_breakdown
    score_account(session, account, now)
    changed += (account.icp_score, account.icp_breakdown) != before
    for contact in session.scalars(select(Contact).where(Contact.account_id == account.id)):
        before_c = contact.lead_score, contact.lead_score_breakdown
        score_contact(session, contact, now, account=account)
        changed += (contact.lead_score, contact.lead_score_breakdown) != before_c
    return changed


def recompute_all(session: Session, now: datetime) -> dict[str, int]:
    """S-4: recompute every score under the active playbook (admin); old decisions stay."""
    accounts = changed = 0
    ids = list(session.scalars(select(Account.id).order_by(Account.id)))
    for account_id in ids:
        account = session.get(Account, account_id)
        if account is None:
            continue
        accounts += 1
        changed += rescore_account(session, account, now)
    session.flush()
    return {"accounts": accounts, "changed": changed}


__all__ = [
    "classify_task",
    "enrich_and_score",
    "enrich_and_score_task",
    "inputs_changed",
    "recompute_all",
    "rescore_account",
    "score_account",
    "score_contact",
    "task_scores",
]
