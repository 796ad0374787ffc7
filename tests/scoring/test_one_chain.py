"""One classification (R-1) and one scoring chain (S-2, S-3) on every path (issue 14 item 2).

R-1: the pipeline's ``classify_task`` and the routing preview (R-8) both ask
``scoring.classification.classify_lead``: same label, same signals. S-2/S-3: the
scores the new-lead pipeline stored are what the pure rules give on the stored facts
and what an S-4 recompute gives (nothing changes).
"""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.playbook.runtime import Runtime, playbook_of
from salesops.routing.preview import preview
from salesops.scoring import rules
from salesops.scoring.service import rescore_account
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task

MESSAGES = [
    ("We'd like a quote for 40 seats and SSO for our engineering team", "Contact form"),
    ("I was charged twice this month, please refund the invoice", "Contact form"),
    ("The SDK is not recording any sessions since the last update", "Email"),
    ("Buy cheap followers now!!! click here", "Email"),
    # R-1, curated source (issue 16 item 2): looks like support, stays sales, flagged
    ("Session replay isn't recording, we see CORS errors in the console", "Forwarded"),
]


@pytest.mark.parametrize(("message", "source"), MESSAGES)
def test_r1_pipeline_and_preview_classify_alike(rt: Runtime, message: str, source: str) -> None:
    account = make_account(rt, "Chain GmbH", country="DE", domain="chain-gmbh.de")
    contact = make_contact(rt, "eva@chain-gmbh.de", account_id=account.id)
    task = make_task(rt, account, contact, lead_source=source, sales_form_message=message)
    with rt.uow() as s:
        stored = s.get(Task, task.id)
        assert stored is not None and stored.classification is not None
        answer = preview(
            s,
            {"email": contact.email, "message": message, "subject": stored.title,
             "lead_source": source},
            stored.created_at,
        )  # fmt: skip
        assert answer["classification"]["label"] == stored.classification
        assert answer["classification"]["signals"] == stored.classification_signals
        assert answer["classification"]["flagged"] == bool((stored.triage or {}).get("flag"))


def test_s2_s3_pipeline_scores_are_the_rules_and_an_s4_recompute_agrees(rt: Runtime) -> None:
    account = make_account(
        rt, "Score GmbH", country="DE", domain="score-gmbh.de", industry="Financial Services",
        employee_count=400, estimated_revenue=50_000_000,
    )  # fmt: skip
    contact = make_contact(
        rt, "max@score-gmbh.de", account_id=account.id, role="engineering", country="DE"
    )
    task = make_task(rt, account, contact, lead_source="Contact form")

    def scores(s: Session) -> tuple[int | None, int | None]:
        a, c = s.get(Account, account.id), s.get(Contact, contact.id)
        assert a is not None and c is not None
        return a.icp_score, c.lead_score

    with rt.uow() as s:
        assert s.get(Task, task.id) is not None
        stored = scores(s)
        a, c = s.get(Account, account.id), s.get(Contact, contact.id)
        assert a is not None and c is not None
        pb = playbook_of(s)
        lead = rules.lead_score(
            rules.LeadFacts(a.employee_count, a.estimated_revenue, c.role, c.sub_role,
                            c.country or a.country),
            pb.scoring.lead,
        )  # fmt: skip
        assert stored[1] == lead.score  # S-3: the one lead-score rule
        assert stored[0] is not None and 0 <= stored[0] <= 5  # S-2
        assert rescore_account(s, a, task.created_at) == 0  # S-4: the same chain, no change
        assert scores(s) == stored
