"""The pipeline board's figures and words (issue 17 item 7; Q-4, Q-5, V-2).

``column_totals`` sums each stage's deals in one grouped query (count, ARR, ARR
weighted by the stage's probability), whatever the number of cards shown;
``refusal_in_words`` turns a refused move's missing exit criteria (their keys) into
the playbook's human labels, for the board's drag and drop.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesops.opportunities.models import Opportunity
from salesops.playbook.schema_opportunities import Stage


@dataclass(frozen=True)
class Totals:
    count: int = 0
    arr: Decimal = Decimal(0)
    weighted: Decimal = Decimal(0)


def column_totals(
    session: Session, pipeline: str, owner_id: int | None = None
) -> dict[str, Totals]:
    """Per stage of ``pipeline`` (only ``owner_id``'s deals when given): how many deals,
    their ARR and their ARR × probability (V-2), summed by the database."""
    query = select(
        Opportunity.stage,
        func.count(),
        func.coalesce(func.sum(Opportunity.amount), 0),
        func.coalesce(func.sum(Opportunity.amount * Opportunity.probability), 0),
    ).where(Opportunity.pipeline == pipeline)
    if owner_id is not None:
        query = query.where(Opportunity.owner_id == owner_id)
    out: dict[str, Totals] = {}
    for stage, count, arr, weighted in session.execute(query.group_by(Opportunity.stage)):
        out[stage] = Totals(int(count), Decimal(str(arr)), Decimal(str(weighted)) / 100)
    return out


def refusal_in_words(
    stages: list[Stage], name: str, target: str, missing: list[str] | None, detail: str
) -> str:
    """Q-4: why ``name`` cannot go to ``target``, naming the missing criteria by their
    labels (never their keys), or the service's own words when nothing is missing."""
    if "loss_reason" in (missing or []) or any(s.lost and s.name == target for s in stages):
        return (
            f"“{name}” was not moved: {target} needs a loss reason. Close it as lost from "
            "the deal's page, where you choose the reason."
        )
    labels: list[str] = []
    for stage in stages:
        for criterion in stage.exit_criteria:
            if criterion.key in (missing or []) and criterion.label not in labels:
                labels.append(f"{criterion.label} ({stage.name})")
    if not labels:
        return f"“{name}” was not moved to {target}: {detail}."
    return (
        f"“{name}” stays where it was: to reach {target} these exit criteria must be ticked "
        f"first: {'; '.join(labels)}. Open “Exit criteria” on the card to tick them."
    )
