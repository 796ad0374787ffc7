"""R-8: what routing would do with a hypothetical lead right now — without writing anything.

Reads the same facts as ``route_task`` (account by domain, its owner, open
tasks, returning leads, the territory's rotation and time off) and runs the
same pure rules, so the answer matches what would happen; nothing is added,
locked or flushed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.addresses import registrable_domain
from salesops.core.errors import ValidationFailed
from salesops.playbook.runtime import playbook_of
from salesops.playbook.schema import Playbook
from salesops.routing import rules
from salesops.routing import service as routing
from salesops.tasks.models import OPEN_STATUSES, Task


def _classify(lead: dict[str, Any], pb: Playbook) -> dict[str, Any] | None:
    """R-1: what the scoring domain's classifier would say."""
    from salesops.scoring.classify import Inquiry, classify

    inquiry = Inquiry(
        message=str(lead.get("message") or ""),
        subject=str(lead.get("subject") or ""),
        sender=str(lead.get("email") or ""),
        lead_source=str(lead.get("lead_source") or ""),
        mau=lead.get("mau"),
        monthly_events=lead.get("monthly_events"),
    )
    result = classify(inquiry, pb.routing.classifier)
    return {"label": result.label, "reason": result.reason, "signals": result.signals_json()}


def _country(lead: dict[str, Any]) -> tuple[str | None, str | None]:
    from salesops.accounts.service import clean_country, clean_us_state

    country = clean_country(lead.get("country"))
    return country, clean_us_state(lead.get("us_state"), country)


def preview(session: Session, lead: dict[str, Any], now: datetime) -> dict[str, Any]:
    """R-8: classification, territory, candidates with counts, the owner and the rule path."""
    if not isinstance(lead, dict):
        raise ValidationFailed("the lead must be a JSON object", field="lead", rule="R-8")
    pb = playbook_of(session)
    path = rules.RulePath()
    classification = _classify(lead, pb)
    if classification is not None:
        path.add(["R-1"], classification["label"], classification["reason"])
        if classification["label"] != "sales":
            path.add(["R-1"], "disqualified", "support, billing and spam skip routing")
            return _answer(classification, None, None, [], None, False, path)
    country, state = _country(lead)
    raw = lead.get("domain") or lead.get("email") or ""
    domain = registrable_domain(str(raw)) if raw else None
    account = session.scalar(select(Account).where(Account.domain == domain)) if domain else None
    owner_id: int | None = None
    if account is not None:
        open_task = session.scalar(
            select(Task)
            .where(Task.account_id == account.id, Task.status.in_(OPEN_STATUSES))
            .order_by(Task.id.desc())
            .limit(1)
        )
        found = routing.m3_owner(session, open_task.id if open_task else None, account.id)
        if found is not None:
            owner_id = found[0]
            path.add(["M-3"], f"user {owner_id}", f"one account, one conversation: {found[1]}")
        elif account.owner_id is not None:
            if routing.active_user(session, account.owner_id):
                owner_id = account.owner_id
                path.add(["R-2"], f"user {owner_id}", "the account's owner gets the task")
            else:
                path.add(["R-7"], "re-own", f"account owner {account.owner_id} is deactivated")
        if owner_id is None:
            back = routing.returning_owner(
                session, None, account.id, now, pb.routing.returning_lead_months
            )
            if back is not None:
                owner_id = back[0]
                path.add(["R-3a"], f"user {owner_id}", f"returning lead: task {back[1]}")
    if account is not None and country is None:
        country, state = account.country, account.us_state
    territory = (
        routing.territory_of(account, pb)
        if account is not None and lead.get("country") is None
        else pb.territory_for(country, state).name
    )
    cands: list[rules.Candidate] = []
    if owner_id is None:
        names = list(dict.fromkeys([territory, pb.territories.fallback]))
        for i, name in enumerate(names):
            rot = routing.rotation(session, name, lock=False)
            if rot is None:
                continue
            path.add(["R-4"], name, "territory of the lead" if i == 0 else "fallback territory")
            cands = routing.candidates(session, rot, now, pb)
            pick = rules.pick_next(cands, last_member_id=rot.territory.rr_position)
            territory = name
            if pick.candidate is not None:
                owner_id = pick.candidate.user_id
                path.add(list(pick.rule_ids), f"user {owner_id}", pick.reason)
                break
            path.add(["R-3"], "nobody", f"{name}: {pick.reason}")
    away = owner_id is not None and routing.is_away(session, owner_id, now, pb)
    if away:
        path.add(["R-2", "R-6"], "owner away", "the owner is on time off today")
    account_info = (
        None
        if account is None
        else {"id": account.id, "domain": account.domain, "owner_id": account.owner_id}
    )
    return _answer(classification, account_info, territory, cands, owner_id, away, path)


def _answer(
    classification: dict[str, Any] | None,
    account: dict[str, Any] | None,
    territory: str | None,
    cands: list[rules.Candidate],
    owner_id: int | None,
    away: bool,
    path: rules.RulePath,
) -> dict[str, Any]:
    return {
        "classification": classification,
        "account": account,
        "territory": territory,
        "candidates": [
            {
                "user_id": c.user_id,
                "email": c.email,
                "priority": c.priority,
                "adjustment": c.adjustment,
                "assigned_count": c.assigned_count,
                "load": c.load,
                "eligible": c.eligible,
                "why_not": c.why_not or None,
            }
            for c in cands
        ],
        "owner_id": owner_id,
        "owner_away": away,
        "rule_ids": path.rule_ids(),
        "rule_path": path.steps,
    }
