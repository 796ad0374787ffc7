"""Triage recommendation: what a salesperson should probably do with a new lead task.

Deterministic, from the classification (R-1), the scores (S-2, S-3), the
firmographics (S-1) and what the lead told us (MAUs, events, message). The
result — a disposition, likely use cases, an annual spend estimate against the
sales-assist threshold (D-5) and a draft note of at most 250 characters (D-1)
naming the deciding facts — is stored on ``task.triage`` and shown via the
API. It is a recommendation: nothing here is applied, except R-1's own
disqualification of support, billing and spam, which the classifier does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from salesops.playbook.schema import Playbook
from salesops.playbook.schema_scoring import PriceTier

QUALIFY = "qualify"
SELF_SERVE = "self_serve"
STARTUP = "startup_plan"
DISQUALIFY = "disqualify"


@dataclass(frozen=True)
class TriageFacts:
    classification: str = "sales"
    message: str = ""
    interest: tuple[str, ...] = ()
    mau: int | None = None
    monthly_events: int | None = None
    employee_count: int | None = None
    total_funding: int | None = None
    estimated_revenue: int | None = None
    icp_score: int | None = None
    lead_score: int | None = None


def monthly_cost(events: int, tiers: list[PriceTier]) -> float:
    """USD a month for ``events`` monthly events under graduated price tiers."""
    cost, floor = 0.0, 0
    for tier in tiers:
        top = events if tier.up_to is None else min(events, tier.up_to)
        if top > floor:
            cost += (top - floor) * tier.price_per_event
        if tier.up_to is None or events <= tier.up_to:
            break
        floor = tier.up_to
    return cost


def spend_estimate(facts: TriageFacts, pb: Playbook) -> dict[str, Any]:
    """D-5: annual spend from stated monthly events, else MAUs × events per MAU."""
    t = pb.scoring.triage
    threshold = pb.disqualification.sales_assist_threshold_arr
    if facts.monthly_events:
        events, basis = facts.monthly_events, f"{_count(facts.monthly_events)} events/mo stated"
    elif facts.mau:
        events = facts.mau * t.events_per_mau
        basis = f"{_count(facts.mau)} MAU × {t.events_per_mau} events"
    else:
        return {
            "annual_usd": None,
            "monthly_events": None,
            "basis": "no volume given",
            "threshold_usd": threshold,
            "above_threshold": None,
        }
    annual = round(monthly_cost(events, list(t.price_tiers)) * 12)
    return {
        "annual_usd": annual,
        "monthly_events": events,
        "basis": basis,
        "threshold_usd": threshold,
        "above_threshold": annual >= threshold,
    }


def _count(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g}M"
    if n >= 1_000:
        return f"{n / 1_000:g}k"
    return str(n)


_RECORDINGS = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[,\s]\d{3})+|\d+(?:\.\d+)?)\s*(k|m|thousand|million)?\s+"
    r"(?:(?:session|screen)\s+)?(?:recordings|replays)\b",
    re.IGNORECASE,
)
_UNIT = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}


def stated_recordings(text: str) -> int | None:
    """Q-9: the largest recordings volume the lead states ("100k session recordings",
    "150,000 replays"), or None."""
    best: int | None = None
    for match in _RECORDINGS.finditer(text or ""):
        number = float(re.sub(r"[,\s]", "", match.group(1)))
        number *= _UNIT.get((match.group(2) or "").lower(), 1)
        best = max(best or 0, int(number))
    return best


_COMPILED: dict[tuple[str, ...], re.Pattern[str]] = {}


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    key = tuple(phrases)
    pattern = _COMPILED.get(key)
    if pattern is None:
        if len(_COMPILED) > 256:
            _COMPILED.clear()
        words = sorted({p.lower() for p in phrases if p.strip()}, key=len, reverse=True)
        body = "|".join(re.escape(w) for w in words) or r"(?!x)x"
        pattern = _COMPILED[key] = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
    return pattern


def _phrases(text: str, phrases: list[str]) -> list[str]:
    """The phrases found in ``text`` (whole words, case-insensitive), in list order."""
    if not text or not phrases:
        return []
    found = {m.group(0).lower() for m in _pattern(phrases).finditer(text)}
    return [p for p in phrases if p.lower() in found]


def use_cases(facts: TriageFacts, pb: Playbook) -> list[str]:
    """The likely use cases, from the message and the stated interests."""
    text = " ".join([facts.message, *facts.interest])
    return [name for name, words in pb.scoring.triage.use_cases.items() if _phrases(text, words)]


def recommend(facts: TriageFacts, pb: Playbook) -> dict[str, Any]:
    """The recommended disposition with its reason, use cases, spend estimate and note."""
    t = pb.scoring.triage
    auto = pb.disqualification.automatic
    spend = spend_estimate(facts, pb)
    cases = use_cases(facts, pb)
    threshold = spend["threshold_usd"]
    est = spend["annual_usd"]
    facts_text = [spend["basis"] + (f" ≈ ${est:,}/yr" if est is not None else "")]
    if facts.employee_count is not None:
        facts_text.append(f"{facts.employee_count} employees")
    if facts.lead_score is not None:
        facts_text.append(f"lead score {facts.lead_score}")

    reason: str | None = None
    rule_ids = ["D-5"]
    if facts.classification != "sales":
        disposition = DISQUALIFY
        reason = {
            "support": auto.support_request,
            "billing": auto.billing_request,
            "spam": auto.spam,
        }[facts.classification]
        why = f"classified {facts.classification}"
        rule_ids = ["R-1", "D-3"]
    elif _phrases(facts.message, t.startup_keywords) and (
        (facts.employee_count or 0) <= t.startup_max_employees
        and (facts.total_funding or 0) <= t.startup_max_funding
    ):
        disposition, reason, rule_ids = STARTUP, auto.startup_plan, ["L-2"]
        why = (
            "startup plan eligible (mentions "
            + ", ".join(_phrases(facts.message, t.startup_keywords)[:2])
            + ")"
        )
    elif est is not None and est >= threshold:
        disposition, why = QUALIFY, f"estimate ≥ ${threshold:,} threshold"
    elif (spend["monthly_events"] or 0) >= t.hands_on_min_monthly_events:
        disposition, why = QUALIFY, f"≥ {_count(t.hands_on_min_monthly_events)} events/mo"
        rule_ids = ["Q-9"]
    elif (stated_recordings(facts.message) or 0) >= t.hands_on_min_recordings > 0:
        disposition, why = QUALIFY, f"≥ {_count(t.hands_on_min_recordings)} recordings/mo"
        rule_ids = ["Q-9"]
    elif hands_on := _phrases(facts.message, t.hands_on_keywords):
        disposition, why = QUALIFY, "asks for " + ", ".join(hands_on[:3])
        rule_ids = ["Q-9"]
    elif est is not None:
        disposition, reason = SELF_SERVE, auto.self_serve_no_interaction
        why = f"estimate < ${threshold:,} threshold, no hands-on signal"
        rule_ids = ["D-5", "Q-9"]
    elif (facts.lead_score or 0) >= t.qualify_min_lead_score or (
        facts.icp_score or 0
    ) >= t.qualify_min_icp_score:
        disposition = QUALIFY
        why = f"no volume given; lead score {facts.lead_score}, ICP {facts.icp_score}"
        rule_ids = ["S-2", "S-3"]
    else:
        disposition, reason = SELF_SERVE, auto.self_serve_no_interaction
        why = f"no volume given; low scores (lead {facts.lead_score}, ICP {facts.icp_score})"
        rule_ids = ["S-2", "S-3", "Q-9"]

    label = {
        QUALIFY: "Qualify for a call",
        SELF_SERVE: "Self-serve",
        STARTUP: "Startup plan",
        DISQUALIFY: "Disqualify",
    }[disposition]
    head = f"{label}" + (f" ({reason})" if reason else "") + f": {why}."
    note = " ".join([head, "; ".join(facts_text) + "."])
    if cases:
        note += " Use: " + ", ".join(cases) + "."
    limit = t.note_max_length
    if len(note) > limit:
        note = note[: limit - 1].rstrip() + "…"
    return {
        "disposition": disposition,
        "reason": reason,
        "why": why,
        "use_cases": cases,
        "spend": spend,
        "note": note,
        "rule_ids": rule_ids,
        "applied": facts.classification != "sales",
    }
