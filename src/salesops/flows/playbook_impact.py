"""Impact preview of a draft playbook (R-8 over many leads, P-2; issue 16 item 5).

Replays the last N days of lead tasks through the active playbook and through a
draft with the same pure decision functions the pipeline uses
(``scoring.classification.classify_lead``, ``scoring.rules.icp_score`` /
``lead_score``, ``routing.rules.decide_route``) and reports what would change:
leads and owners per territory, classifications, auto-disqualifications, scores.

Read-only and set-based: two queries load every lead with its contact and account
and every rotation; the rest is pure computation (no per-lead query). Both sides
replay the same facts, so the difference is the playbook's alone. Routing replays
each lead as a new lead on an unowned account (R-4 territory, then the R-3 weighted
round robin from zero counts over today's members); ownership kept by R-2 / M-3 /
R-3a follows the account, not the playbook, and time off (R-6) is not replayed.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.flows.playbook_change import check_change
from salesops.playbook.loader import load_playbook_text
from salesops.playbook.runtime import playbook_of
from salesops.playbook.schema import Playbook
from salesops.routing import rules as routing
from salesops.routing.models import Territory, TerritoryMember
from salesops.scoring import rules as scoring
from salesops.scoring.classification import classify_lead
from salesops.tasks.models import Task
from salesops.users.models import User

_EXAMPLES = 5


@dataclass(frozen=True)
class Lead:
    """One past lead's facts, loaded once and replayed under each playbook."""

    task_id: int
    account: str
    title: str
    message: str
    sender: str
    lead_source: str
    mau: int | None
    monthly_events: int | None
    country: str | None
    us_state: str | None
    icp: scoring.IcpFacts
    lead: scoring.LeadFacts


@dataclass(frozen=True)
class Outcome:
    classification: str
    disqualified: str | None  # the automatic reason, None when it stays a sales lead
    territory: str | None
    owner_id: int | None
    icp: int
    lead: int


def load_leads(session: Session, since: datetime) -> list[Lead]:
    """Every lead task created since ``since`` with its contact and account: one query."""
    stmt = (
        select(
            Task.id,
            Task.title,
            Task.sales_form_message,
            Task.lead_source,
            Task.mau,
            Task.monthly_events,
            Contact.email,
            Contact.role,
            Contact.sub_role,
            Contact.country,
            Contact.us_state,
            Account.name,
            Account.country,
            Account.us_state,
            Account.industry,
            Account.employee_count,
            Account.estimated_revenue,
            Account.total_funding,
            Account.is_b2b,
        )  # fmt: skip
        .join(Contact, Contact.id == Task.contact_id)
        .join(Account, Account.id == Task.account_id)
        .where(Task.kind == "lead", Task.created_at >= since)
        .order_by(Task.created_at, Task.id)
    )
    leads = []
    for r in session.execute(stmt):
        (tid, title, message, source, mau, events, email, role, sub_role, c_country,
         c_state, name, a_country, a_state, industry, employees, revenue, funding,
         b2b) = r  # fmt: skip
        country, state = (a_country, a_state) if a_country else (c_country, c_state)
        leads.append(
            Lead(
                tid,
                name,
                title or "",
                message or "",
                email,
                source,
                mau,
                events,
                country,
                state,
                scoring.IcpFacts(industry, employees, revenue, funding, role, b2b),
                scoring.LeadFacts(employees, revenue, role, sub_role, c_country or a_country),
            )  # fmt: skip
        )
    return leads


def load_rotations(session: Session) -> tuple[dict[str, list[routing.Candidate]], dict[int, str]]:
    """Today's members of every territory (R-3), counts from zero, and users' emails."""
    stmt = (
        select(
            TerritoryMember.id,
            TerritoryMember.user_id,
            TerritoryMember.priority,
            Territory.name,
            User.email,
            User.active,
            User.in_round_robin,
        )  # fmt: skip
        .join(Territory, Territory.id == TerritoryMember.territory_id)
        .join(User, User.id == TerritoryMember.user_id)
        .where(TerritoryMember.active.is_(True))
        .order_by(TerritoryMember.id)
    )
    rotations: dict[str, list[routing.Candidate]] = {}
    emails: dict[int, str] = {}
    for member_id, user_id, priority, territory, email, active, in_rr in session.execute(stmt):
        emails[user_id] = email
        eligible = bool(active and in_rr)
        why = "" if eligible else "out of rotation"
        rotations.setdefault(territory, []).append(
            routing.Candidate(member_id, user_id, priority, 0, 0, eligible, why, email)
        )
    return rotations, emails


def _labels(leads: Sequence[Lead], pb: Playbook) -> list[str]:
    """R-1 for each lead under ``pb`` (the pipeline's ``classify_lead``)."""
    return [
        classify_lead(
            pb, message=x.message, subject=x.title, sender=x.sender, lead_source=x.lead_source,
            mau=x.mau, monthly_events=x.monthly_events,
        ).label
        for x in leads
    ]  # fmt: skip


def _icp(leads: Sequence[Lead], pb: Playbook) -> list[int]:
    """S-2 for each lead's account under ``pb``."""
    table = pb.scoring.icp
    return [scoring.icp_score(x.icp, table).score for x in leads]


def _lead_scores(leads: Sequence[Lead], pb: Playbook) -> list[int]:
    """S-3 for each lead's contact under ``pb``."""
    table = pb.scoring.lead
    return [scoring.lead_score(x.lead, table).score for x in leads]


def _routes(
    leads: Sequence[Lead], labels: Sequence[str],
    rotations: Mapping[str, Sequence[routing.Candidate]], pb: Playbook, now: datetime,
) -> list[tuple[str | None, int | None]]:  # fmt: skip
    """R-4 then R-3 for each sales lead, in order, the rotations' counts moving as they
    would (non-sales leads are not routed, R-1)."""
    state = {name: list(cands) for name, cands in rotations.items()}
    last: dict[str, int] = {}
    users = {c.user_id: routing.UserFacts(active=True) for cs in state.values() for c in cs}
    out: list[tuple[str | None, int | None]] = []
    for lead, label in zip(leads, labels, strict=True):
        if label != "sales":
            out.append((None, None))
            continue
        rots = {n: routing.RotationFacts(n, cs, last.get(n, 0)) for n, cs in state.items()}
        facts = routing.RouteFacts(
            None, None, None, lead.country, lead.us_state, users, rots, domain_account=False
        )
        decision = routing.decide_route(facts, now, pb)
        if decision.member_id is not None:
            cands = state[decision.territory]
            i = next(i for i, c in enumerate(cands) if c.member_id == decision.member_id)
            cands[i] = replace(cands[i], assigned_count=cands[i].assigned_count + 1)
            last[decision.territory] = decision.member_id
        out.append((decision.territory, decision.owner_id))
    return out


def replay(
    leads: Sequence[Lead], rotations: Mapping[str, Sequence[routing.Candidate]], pb: Playbook,
    now: datetime, *, like: tuple[Playbook, list[Outcome]] | None = None,
) -> list[Outcome]:  # fmt: skip
    """The pipeline's decisions for each lead under ``pb``, in order (pure).

    ``like`` (another playbook and its replay of the same leads): a part whose settings
    are equal in both is not computed again — the same pure function on the same facts
    and settings gives the same answer. The classifier is most of the cost."""
    other, done = like if like is not None else (None, [])
    same_r1 = other is not None and (
        other.routing.classifier == pb.routing.classifier
        and other.intake.free_mail_extra_domains == pb.intake.free_mail_extra_domains
    )
    same_icp = other is not None and other.scoring.icp == pb.scoring.icp
    same_lead = other is not None and other.scoring.lead == pb.scoring.lead
    same_routes = (
        same_r1
        and other is not None
        and (other.territories == pb.territories and other.routing == pb.routing)
    )
    labels = [o.classification for o in done] if same_r1 else _labels(leads, pb)
    icps = [o.icp for o in done] if same_icp else _icp(leads, pb)
    scores = [o.lead for o in done] if same_lead else _lead_scores(leads, pb)
    routes = (
        [(o.territory, o.owner_id) for o in done]
        if same_routes
        else _routes(leads, labels, rotations, pb, now)
    )
    auto = pb.disqualification.automatic
    reasons = {"support": auto.support_request, "billing": auto.billing_request, "spam": auto.spam}
    return [
        Outcome(label, reasons.get(label), territory, owner, icp, score)
        for label, icp, score, (territory, owner) in zip(labels, icps, scores, routes, strict=True)
    ]


def _counts(before: Counter[Any], after: Counter[Any], name: str) -> list[dict[str, Any]]:
    keys = sorted(set(before) | set(after), key=lambda k: (k is None, str(k)))
    return [
        {name: k, "before": before[k], "after": after[k], "change": after[k] - before[k]}
        for k in keys
    ]


def _score_summary(
    leads: Sequence[Lead], before: list[int], after: list[int], what: str
) -> dict[str, Any]:
    moved = [(lead, b, a) for lead, b, a in zip(leads, before, after, strict=True) if a != b]
    n = len(before) or 1
    return {
        "changed": len(moved),
        "up": sum(1 for _, b, a in moved if a > b),
        "down": sum(1 for _, b, a in moved if a < b),
        "mean_before": round(sum(before) / n, 2),
        "mean_after": round(sum(after) / n, 2),
        "examples": [
            f"task #{lead.task_id} {lead.account}: {what} {b} → {a}"
            for lead, b, a in moved[:_EXAMPLES]
        ],
    }


def compare(
    leads: Sequence[Lead], before: Sequence[Outcome], after: Sequence[Outcome],
    emails: Mapping[int, str],
) -> dict[str, Any]:  # fmt: skip
    """What changes between two replays, in counts and a few named examples (pure)."""

    def who(uid: int | None) -> str:
        return emails.get(uid, f"user {uid}") if uid is not None else "nobody"

    pairs = list(zip(leads, before, after, strict=True))
    cls = [(lead, b, a) for lead, b, a in pairs if b.classification != a.classification]
    dq = [(lead, b, a) for lead, b, a in pairs if b.disqualified != a.disqualified]
    terr = [(lead, b, a) for lead, b, a in pairs if b.territory != a.territory]
    own = [(lead, b, a) for lead, b, a in pairs if b.owner_id != a.owner_id]
    return {
        "leads": len(leads),
        "territories": {
            "changed": len(terr),
            "counts": _counts(
                Counter(o.territory for o in before if o.territory),
                Counter(o.territory for o in after if o.territory),
                "territory",
            ),
            "examples": [
                f"task #{x.task_id} {x.account}: {b.territory} → {a.territory or 'not routed'}"
                for x, b, a in terr[:_EXAMPLES]
            ],
        },
        "owners": {
            "changed": len(own),
            "loads": _counts(
                Counter(who(o.owner_id) for o in before if o.classification == "sales"),
                Counter(who(o.owner_id) for o in after if o.classification == "sales"),
                "owner",
            ),
            "examples": [
                f"task #{x.task_id} {x.account}: {who(b.owner_id)} → {who(a.owner_id)}"
                for x, b, a in own[:_EXAMPLES]
            ],
        },
        "classifications": {
            "changed": len(cls),
            "counts": _counts(
                Counter(o.classification for o in before),
                Counter(o.classification for o in after),
                "classification",
            ),
            "examples": [
                f"task #{x.task_id} {x.account}: {b.classification} → {a.classification}"
                for x, b, a in cls[:_EXAMPLES]
            ],
        },
        "disqualifications": {
            "changed": len(dq),
            "counts": _counts(
                Counter(o.disqualified for o in before if o.disqualified),
                Counter(o.disqualified for o in after if o.disqualified),
                "reason",
            ),
            "examples": [
                f"task #{x.task_id} {x.account}: "
                f"{b.disqualified or 'kept'} → {a.disqualified or 'kept'}"
                for x, b, a in dq[:_EXAMPLES]
            ],
        },
        "icp_scores": _score_summary(
            leads, [o.icp for o in before], [o.icp for o in after], "ICP score"
        ),
        "lead_scores": _score_summary(
            leads, [o.lead for o in before], [o.lead for o in after], "lead score"
        ),
    }


def impact(
    session: Session, text: str, *, now: datetime, days: int = 90, source: str = "draft"
) -> dict[str, Any]:
    """R-8 for a draft: replay the last ``days`` of leads under the active playbook and
    the draft, and the records the draft would orphan (P-2, ``live_data``);
    ``PlaybookError`` (naming bad keys) when the draft is invalid. Reads only."""
    started = time.perf_counter()
    draft = load_playbook_text(text, source=source)
    active = playbook_of(session)
    since = now - timedelta(days=days)
    leads = load_leads(session, since)
    rotations, emails = load_rotations(session)
    before = replay(leads, rotations, active, now)
    after = replay(leads, rotations, draft, now, like=(active, before))
    report = compare(leads, before, after, emails)
    report["live_data"] = check_change(session, active, draft).as_dict()  # P-2
    report.update(
        days=days,
        since=since.isoformat(),
        active_version=session.info.get("playbook_version"),
        seconds=round(time.perf_counter() - started, 3),
    )
    return report
