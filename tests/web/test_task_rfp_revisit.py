"""Q-13 (issue 16 item 6): the RFP flag exists on lead tasks as well as opportunities —
set by API and web, an unsolicited RFP from a company with no prior contact or usage is
suggested for decline on the task, and the flag goes with the deal at conversion."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from salesops.core import clock
from salesops.flows import conversion
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users.service import get_user
from tests.factories import make_account, make_contact, token_for
from tests.web.conftest import SIX, post


def test_q13_rfp_flag_on_a_task_by_api_and_web_and_carried_to_the_deal(
    rt: Runtime, client: TestClient, as_user: Any, sales: Any
) -> None:
    account = make_account(rt, "Bigcorp", country="DE", owner_id=sales.id)
    contact = make_contact(rt, "buyer@bigcorp.com", account_id=account.id)
    h = {"Authorization": f"Bearer {token_for(rt, sales)}"}
    r = client.post(
        "/api/v1/tasks",
        json={
            "account_id": account.id,
            "contact_id": contact.id,
            "lead_source": "Email",
            "owner_id": sales.id,
            "rfp": "unsolicited",
        },  # fmt: skip
        headers=h,
    )
    assert r.status_code == 201, r.text
    task_id = r.json()["id"]
    assert r.json()["rfp"] == "unsolicited"
    bad = client.patch(f"/api/v1/tasks/{task_id}", json={"rfp": "maybe"}, headers=h)
    assert bad.status_code == 422 and "rfp" in bad.text
    c = as_user(sales)
    page = c.get(f"/tasks/{task_id}").text
    assert 'id="rfp-suggestion"' in page and "Unsolicited RFP" in page
    r = post(c, f"/tasks/{task_id}/rfp", {"rfp": "solicited"})
    assert r.status_code == 303
    assert client.get(f"/api/v1/tasks/{task_id}", headers=h).json()["rfp"] == "solicited"
    assert 'id="rfp-suggestion"' not in c.get(f"/tasks/{task_id}").text
    r = post(c, f"/tasks/{task_id}/rfp", {"rfp": "perhaps"})
    assert r.status_code in (303, 422)
    with rt.uow() as s:
        opp = conversion.convert(
            s,
            get_user(s, sales.id),
            s.get(Task, task_id),  # type: ignore[arg-type]
            now=clock.now(),
            criteria={**dict.fromkeys(SIX, True), "engineer_on_first_call": True},
        )
        opp_id = opp.id
    with rt.uow(readonly=True) as s:
        assert s.get(Opportunity, opp_id).rfp == "solicited"  # type: ignore[union-attr]


def test_d4_the_disqualify_form_offers_the_revisit_date_and_keeps_the_chosen_one(
    rt: Runtime, as_user: Any, sales: Any
) -> None:
    """D-4: a Prospect reason's preview carries a date field defaulting to the playbook's
    days; the chosen date is the contact's revisit date and its reminder's due date."""
    from datetime import timedelta

    from salesops.accounts.models import Contact

    account = make_account(rt, "Later Inc", country="DE", owner_id=sales.id)
    contact = make_contact(rt, "cto@later.com", account_id=account.id)
    from tests.factories import make_task

    task = make_task(rt, account, contact, owner_id=sales.id)
    c = as_user(sales)
    default = (clock.now().date() + timedelta(days=90)).isoformat()
    preview = c.get(f"/tasks/{task.id}/disqualify-preview?reason=No+Response+%E2%80%93+Prospect")
    assert 'name="revisit_on"' in preview.text and f'value="{default}"' in preview.text
    passing = c.get(f"/tasks/{task.id}/disqualify-preview?reason=No+Response+%E2%80%93+Pass")
    assert 'name="revisit_on"' not in passing.text
    chosen = (clock.now().date() + timedelta(days=45)).isoformat()
    r = post(c, f"/tasks/{task.id}/disqualify",
             {"reason": "No Response – Prospect", "revisit_on": chosen})  # fmt: skip
    assert r.status_code == 303, r.text[:500]
    with rt.uow(readonly=True) as s:
        assert s.get(Contact, contact.id).revisit_on.isoformat() == chosen  # type: ignore[union-attr]
        reminder = s.query(Task).filter(Task.linked_task_id == task.id).one()
        assert reminder.due_on.isoformat() == chosen and reminder.status == "Scheduled"  # type: ignore[union-attr]
