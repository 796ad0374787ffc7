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


def replay(
    leads: Sequence[Lead], rotations: Mapping[str, Sequence[routing.Candidate]], pb: Playbook,
    now: datetime,
) -> list[Outcome]:  # fmt: skip
    """The pipeline's decisions for each lead under ``pb``, in order (pure)."""
    state = {name: list(cands) for name, cands in rotations.items()}
    last: dict[str, int] = {}
    users = {c.user_id: routing.UserFacts(active=True) for cs in state.values() for c in cs}
    auto = pb.disqualification.automatic
    reasons = {"support": auto.support_request, "billing": auto.billing_request, "spam": auto.spam}
    out = []
    for lead in leads:
        label = classify_lead(
            pb, message=lead.message, subject=lead.title, sender=lead.sender,
            lead_source=lead.lead_source, mau=lead.mau, monthly_events=lead.monthly_events,
        ).label  # fmt: skip
        icp = scoring.icp_score(lead.icp, pb.scoring.icp).score
        score = scoring.lead_score(lead.lead, pb.scoring.lead).score
        if label != "sales":
            out.append(Outcome(label, reasons.get(label), None, None, icp, score))
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
        out.append(Outcome(label, None, decision.territory, decision.owner_id, icp, score))
    return out


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
    the draft; ``PlaybookError`` (naming bad keys) when the draft is invalid. Reads only."""
    started = time.perf_counter()
    draft = load_playbook_text(text, source=source)
    active = playbook_of(session)
    since = now - timedelta(days=days)
    leads = load_leads(session, since)
    rotations, emails = load_rotations(session)
    before = replay(leads, rotations, active, now)
    after = replay(leads, rotations, draft, now)
    report = compare(leads, before, after, emails)
    report.update(
        days=days,
        since=since.isoformat(),
        active_version=session.info.get("playbook_version"),
        seconds=round(time.perf_counter() - started, 3),
    )
    return report


def render_text(report: dict[str, Any]) -> str:
    """The impact report as plain-text tables (the CLI's ``--format table``)."""
    lines = [
        f"Replayed {report['leads']} leads of the last {report['days']} days "
        f"(active v{report.get('active_version')} vs the draft) in {report['seconds']} s",
    ]
    sections = [
        ("Leads per territory", "territories", "counts", "territory"),
        ("Leads per owner", "owners", "loads", "owner"),
        ("Classifications", "classifications", "counts", "classification"),
        ("Disqualifications", "disqualifications", "counts", "reason"),
    ]
    for title, key, rows_key, name in sections:
        part = report[key]
        lines += ["", f"{title} — {part['changed']} leads change"]
        rows = part[rows_key]
        if not rows:
            lines.append("  (none)")
        width = max([len(str(r[name])) for r in rows] + [len(name)])
        if rows:
            lines.append(f"  {name:<{width}}  {'before':>7}  {'after':>7}  {'change':>7}")
        for r in rows:
            lines.append(
                f"  {r[name]!s:<{width}}  {r['before']:>7}  {r['after']:>7}  {r['change']:>+7}"
            )
        lines += [f"  e.g. {e}" for e in part["examples"]]
    for title, key in (("ICP scores", "icp_scores"), ("Lead scores", "lead_scores")):
        part = report[key]
        lines += [
            "",
            f"{title} — {part['changed']} change ({part['up']} up, {part['down']} down); "
            f"mean {part['mean_before']} → {part['mean_after']}",
            *(f"  e.g. {e}" for e in part["examples"]),
        ]
    live = report.get("live_data")
    if live is not None:
        lines += ["", "Existing records (P-2)"]
        if not live["affected"]:
            lines.append("  no record uses a value the draft drops")
        lines += [f"  {a['message']}" for a in live["affected"]]
        if not live["ok"]:
            lines.append("  activating needs a mapping: salesops playbook load FILE --map ...")
    return "\n".join(lines) + "\n"
