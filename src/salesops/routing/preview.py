"""R-8: what routing would do with a hypothetical lead right now — without writing anything.

Reads the same facts as ``route_task`` (account by domain, its owner, open
tasks, returning leads, the territory's rotation and time off) and runs the
same pure rules, so the answer matches what would happen; nothing is added,
locked or flushed.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.addresses import registrable_domain
from salesops.core.errors import ValidationFailed
from salesops.core.limits import INT64
from salesops.playbook.runtime import playbook_of
from salesops.playbook.schema import Playbook
from salesops.routing import rules
from salesops.routing import service as routing
from salesops.routing.facts import lead_facts, open_lead_task


def _classify(lead: dict[str, Any], pb: Playbook) -> dict[str, Any] | None:
    """R-1: what the pipeline's classification (``scoring.classification.classify_lead``,
    the same function) would say."""
    from salesops.scoring.classification import classify_lead

    answer = classify_lead(
        pb,
        message=str(lead.get("message") or ""),
        subject=str(lead.get("subject") or ""),
        sender=str(lead.get("email") or ""),
        lead_source=str(lead.get("lead_source") or ""),
        mau=lead.get("mau"),
        monthly_events=lead.get("monthly_events"),
    )
    result = answer.result
    reason = result.reason
    if answer.flagged:  # R-1, curated source: stays sales, flagged for its owner
        reason = (
            f"sales (curated {lead.get('lead_source')} lead; looks like {result.label}): {reason}"
        )
    return {
        "label": answer.label,
        "reason": reason,
        "signals": result.signals_json(),
        "flagged": answer.flagged,
    }


def _country(lead: dict[str, Any]) -> tuple[str | None, str | None]:
    from salesops.accounts.service import clean_country, clean_us_state

    country = clean_country(lead.get("country"))
    return country, clean_us_state(lead.get("us_state"), country)


def _count(value: Any, field: str) -> None:
    """A volume the preview reads must be a whole number 0 … 2⁶³−1, as intake takes it:
    NaN, infinity, a negative or a word would count as "states usage volume" (R-1)."""
    if value is None:
        return
    ok = isinstance(value, int) and not isinstance(value, bool)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        ok = True
    if not ok or not 0 <= value <= INT64:
        raise ValidationFailed(
            f"{field} must be a whole number from 0 to {INT64:,} (got {value!r})",
            field=field,
            rule="R-8",
        )


def preview(session: Session, lead: dict[str, Any], now: datetime) -> dict[str, Any]:
    """R-8: classification, territory, candidates with counts, the owner and the rule path."""
    if not isinstance(lead, dict):
        raise ValidationFailed("the lead must be a JSON object", field="lead", rule="R-8")
    for field in ("mau", "monthly_events"):  # the same bounds as intake's (issue 16 item 6)
        _count(lead.get(field), field)
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
    users = routing.UserLookup(session, now, pb)
    rotations = routing.RotationLookup(session, now, pb, lock=False)
    if account is not None:
        # M-3: the open task intake would link this lead to (routing.facts.open_conversation)
        linked = open_lead_task(session, account.id)
        given = lead.get("country") is not None
        facts = lead_facts(
            session,
            account,
            now,
            pb,
            users=users,
            rotations=rotations,
            linked_task_id=linked.id if linked is not None else None,
            country=(country, state) if given else None,
        )
    else:
        facts = rules.RouteFacts(None, None, None, country, state, users, rotations)
    decision = rules.decide_route(facts, now, pb)
    path.steps.extend(decision.path.steps)
    account_info = (
        None
        if account is None
        else {"id": account.id, "domain": account.domain, "owner_id": account.owner_id}
    )
    return _answer(
        classification,
        account_info,
        decision.territory,
        list(decision.candidates),
        decision.owner_id,
        decision.away,
        path,
        decision.rule_ids,
    )


def _answer(
    classification: dict[str, Any] | None,
    account: dict[str, Any] | None,
    territory: str | None,
    cands: list[rules.Candidate],
    owner_id: int | None,
    away: bool,
    path: rules.RulePath,
    rule_ids: list[str] | None = None,
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
        "rule_ids": (["R-1"] if classification is not None else []) + rule_ids
        if rule_ids is not None
        else path.rule_ids(),
        "rule_path": path.steps,
    }
