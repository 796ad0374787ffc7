"""S-2, S-3 for new contacts written as plain rows (issue 19, performance): the role
derived from the title and the lead score computed with the pure rules
(``scoring.roles``, ``scoring.rules``) before the INSERT, so no UPDATE follows; the
score goes into the new record's one import decision record (O-8: its facts, score,
breakdown, rule IDs and reason, ``Importer.decide_on``) once the row has its id.

What ``scoring.service.derive_role`` and ``score_contact`` do for a new contact (no role
stated, nothing derived before), on a dict instead of an ORM object. Identical inputs
give identical scores, so a score is computed once per distinct facts in an import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.audit import defer_decision
from salesops.core.db import RawJSON, json_dumps
from salesops.playbook.runtime import playbook_of
from salesops.scoring import rules
from salesops.scoring.roles import RoleGuess, guess_role

MEMO = 2_000  # entries per memo: flat memory (distinct facts grow with the accounts)
#: a score's rule IDs in the decision record that carries it (``Importer.decide_on``)
SCORE_RULES = {"lead_score": ("S-3", "S-4"), "icp_score": ("S-2", "S-4")}


def _bound(memo: dict[Any, Any]) -> None:
    if len(memo) >= MEMO:
        memo.clear()


@dataclass(frozen=True)
class Scored:
    """A score memoised by its facts, with its JSON encoded once (``RawJSON``)."""

    score: int
    breakdown: list[dict[str, Any]]
    breakdown_json: RawJSON
    inputs: RawJSON  # the decision record's inputs
    outcome: RawJSON  # and outcome
    reason: str


class ContactScorer:
    """One import's memo of role guesses (by title) and lead scores (by facts)."""

    def __init__(self) -> None:
        self._roles: dict[str | None, RoleGuess] = {}
        self._scores: dict[tuple[rules.LeadFacts, str], Scored] = {}
        self._sources: dict[tuple[Any, ...], RawJSON] = {}

    def score(self, s: Session, row: dict[str, Any], account: Account) -> Scored:
        """Set the new contact row's role, sub-role, their sources and its lead score
        (S-3); returns the score for ``record``."""
        title = row.get("title")
        guess = self._roles.get(title)
        if guess is None:
            _bound(self._roles)
            guess = self._roles[title] = guess_role(None, row.get("role_at_organization"), title)
        sources = dict(row.get("field_sources") or {})
        sources["role"] = guess.source
        sources["sub_role"] = guess.source if guess.sub_role else "none"
        key = tuple(sources.items())  # few distinct ones: each encoded once
        said = self._sources.get(key)
        if said is None:
            _bound(self._sources)
            said = self._sources[key] = RawJSON(json_dumps(sources))
        row["role"], row["sub_role"], row["field_sources"] = guess.role, guess.sub_role, said
        facts = rules.LeadFacts(
            employee_count=account.employee_count,
            estimated_revenue=account.estimated_revenue,
            role=guess.role,
            sub_role=guess.sub_role,
            country=row.get("country") or account.country,
        )
        found = self._scores.get((facts, guess.source))
        if found is None:
            table = playbook_of(s).scoring.lead
            score = rules.lead_score(facts, table)
            breakdown = score.breakdown_json()
            encoded = json_dumps(breakdown)  # once: in the row and in the decision's outcome
            _bound(self._scores)
            found = self._scores[(facts, guess.source)] = Scored(
                score.score,
                breakdown,
                RawJSON(encoded),
                RawJSON(json_dumps({"facts": facts.__dict__, "role_source": guess.source})),
                RawJSON(f'{{"score": {json_dumps(score.score)}, "breakdown": {encoded}}}'),
                f"lead score {score.score}/{table.max_score}",
            )
        row["lead_score"], row["lead_score_breakdown"] = found.score, found.breakdown_json
        return found


class AccountScorer:
    """One import's memo of ICP scores (S-2) by facts: what
    ``scoring.service.score_account`` computes, stores and records (O-8, only when the
    score or its breakdown changes), with the role given by the caller."""

    def __init__(self) -> None:
        self._scores: dict[rules.IcpFacts, Scored] = {}

    def score(self, s: Session, account: Account, role: str | None, now: Any) -> None:
        found = self.compute(s, account, role)
        if found is not None:
            self.record(s, account, found, now)

    def compute(self, s: Session, account: Account, role: str | None) -> Scored | None:
        """Set the account's ICP score and breakdown; returns the score for ``record``,
        or None when they were already that (nothing to record). The account needs no
        id yet: a new one is scored before its INSERT, so no UPDATE follows it."""
        facts = rules.IcpFacts(
            industry=account.industry,
            employee_count=account.employee_count,
            estimated_revenue=account.estimated_revenue,
            total_funding=account.total_funding,
            role=role,
            is_b2b=account.is_b2b,
        )
        found = self._scores.get(facts)
        if found is None:
            score = rules.icp_score(facts, playbook_of(s).scoring.icp)
            breakdown = score.breakdown_json()
            if account.icp_score == score.score and account.icp_breakdown == breakdown:
                return None  # unchanged (a later batch's contact, same role): nothing encoded
            encoded = json_dumps(breakdown)
            _bound(self._scores)
            outcome = (
                f'{{"score": {json_dumps(score.score)}, "total": {json_dumps(score.total)}, '
                f'"breakdown": {encoded}}}'
            )  # what json_dumps makes of the dict, the breakdown encoded once
            found = self._scores[facts] = Scored(
                score.score,
                breakdown,
                RawJSON(encoded),
                RawJSON(json_dumps({"facts": facts.__dict__})),
                RawJSON(outcome),
                f"ICP score {score.score}/5 ({score.total:g} points)",
            )
        if account.icp_score == found.score and account.icp_breakdown == found.breakdown:
            return None
        account.icp_score, account.icp_breakdown = found.score, list(found.breakdown)
        return found

    def record(self, s: Session, account: Account, found: Scored, now: Any) -> None:
        """The ICP score's decision record (O-8); the account has its id."""
        defer_decision(
            s,
            "icp_score",
            account,
            found.inputs,  # type: ignore[arg-type]  # encoded once: written as it is
            ["S-2", "S-4"],
            found.reason,
            outcome=found.outcome,  # type: ignore[arg-type]
            owner_id=account.owner_id,
            territory=account.territory,
            at=now,
        )
