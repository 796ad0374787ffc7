"""S-2, S-3 for new contacts written as plain rows (issue 19, performance): the role
derived from the title and the lead score computed with the pure rules
(``scoring.roles``, ``scoring.rules``) before the INSERT, so no UPDATE follows; the
decision record (O-8) each score makes is queued once the row has its id.

What ``scoring.service.derive_role`` and ``score_contact`` do for a new contact (no role
stated, nothing derived before), on a dict instead of an ORM object. Identical inputs
give identical scores, so a score is computed once per distinct facts in an import.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.audit import defer_decision
from salesops.playbook.runtime import playbook_of
from salesops.scoring import rules
from salesops.scoring.roles import RoleGuess, guess_role


class ContactScorer:
    """One import's memo of role guesses (by title) and lead scores (by facts)."""

    def __init__(self) -> None:
        self._roles: dict[str | None, RoleGuess] = {}
        self._scores: dict[rules.LeadFacts, tuple[int, list[dict[str, Any]]]] = {}

    def score(self, s: Session, row: dict[str, Any], account: Account) -> dict[str, Any]:
        """Set the new contact row's role, sub-role, their sources and its lead score
        (S-3); returns the decision's inputs and outcome for ``record``."""
        title = row.get("title")
        guess = self._roles.get(title)
        if guess is None:
            guess = self._roles[title] = guess_role(None, row.get("role_at_organization"), title)
        sources = dict(row.get("field_sources") or {})
        sources["role"] = guess.source
        sources["sub_role"] = guess.source if guess.sub_role else "none"
        row["role"], row["sub_role"], row["field_sources"] = guess.role, guess.sub_role, sources
        facts = rules.LeadFacts(
            employee_count=account.employee_count,
            estimated_revenue=account.estimated_revenue,
            role=guess.role,
            sub_role=guess.sub_role,
            country=row.get("country") or account.country,
        )
        found = self._scores.get(facts)
        if found is None:
            score = rules.lead_score(facts, playbook_of(s).scoring.lead)
            found = self._scores[facts] = (score.score, score.breakdown_json())
        row["lead_score"], row["lead_score_breakdown"] = found
        return {"facts": facts, "role_source": guess.source}

    def record(
        self,
        s: Session,
        contact_id: int,
        row: dict[str, Any],
        scored: dict[str, Any],
        *,
        account: Account,
        now: Any,
    ) -> None:
        """The lead score's decision record (O-8), as ``score_contact`` writes it."""
        defer_decision(
            s,
            "lead_score",
            ("contact", contact_id),
            {"facts": scored["facts"].__dict__, "role_source": scored["role_source"]},
            ["S-3", "S-4"],
            f"lead score {row['lead_score']}/{playbook_of(s).scoring.lead.max_score}",
            outcome={"score": row["lead_score"], "breakdown": row["lead_score_breakdown"]},
            owner_id=account.owner_id,
            territory=account.territory,
            at=now,
        )


class AccountScorer:
    """One import's memo of ICP scores (S-2) by facts: what
    ``scoring.service.score_account`` computes, stores and records (O-8, only when the
    score or its breakdown changes), with the role given by the caller."""

    def __init__(self) -> None:
        self._scores: dict[rules.IcpFacts, rules.Score] = {}

    def score(self, s: Session, account: Account, role: str | None, now: Any) -> None:
        facts = rules.IcpFacts(
            industry=account.industry,
            employee_count=account.employee_count,
            estimated_revenue=account.estimated_revenue,
            total_funding=account.total_funding,
            role=role,
            is_b2b=account.is_b2b,
        )
        score = self._scores.get(facts)
        if score is None:
            score = self._scores[facts] = rules.icp_score(facts, playbook_of(s).scoring.icp)
        breakdown = score.breakdown_json()
        if account.icp_score == score.score and account.icp_breakdown == breakdown:
            return
        account.icp_score, account.icp_breakdown = score.score, breakdown
        defer_decision(
            s,
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
