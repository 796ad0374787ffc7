"""P-2: reading a record whose value left the playbook never fails (issue 16 item 5).

A stage, a disqualification reason, a loss reason and a record type are renamed
under live records by a version stored *without* the live-data check (as an older
installation could have); every page, API read and report still answers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi.testclient import TestClient

from salesops.core import clock
from salesops.opportunities import service as opps
from salesops.opportunities import stages
from salesops.opportunities.models import Opportunity
from salesops.playbook import service as playbooks
from salesops.playbook.loader import default_playbook_text
from salesops.playbook.runtime import Runtime
from salesops.reports.registry import REPORTS
from salesops.tasks import lifecycle
from salesops.tasks.models import Task
from salesops.users.models import User
from tests.factories import make_account, make_contact, make_task, make_user, token_for
from tests.web.conftest import log_in
from tests.web.test_pages import READ_PAGES

RENAMES = {
    "- name: Problem Agreement": "- name: Problem Agreed",
    "- name: Closed Lost\n": "- name: Lost\n",
    "- name: Pricing\n": "- name: Price\n",
    "- name: No Budget\n": "- name: Budget Missing\n",
}


def _renamed_text() -> str:
    text = default_playbook_text()
    for old, new in RENAMES.items():
        assert old in text
        text = text.replace(old, new)
    return text


def _deal(rt: Runtime, seller: User, name: str) -> int:
    account = make_account(rt, name, country="DE")
    contact = make_contact(rt, f"ann@{name.lower()}.com", account_id=account.id)
    with rt.uow() as s:
        opp = opps.create_opportunity(
            s,
            s.get(User, seller.id),
            {
                "account_id": account.id,
                "contact_id": contact.id,
                "record_type": "New Revenue",
                "amount": Decimal(30000),
                "close_date": date(2030, 1, 31),
                "lead_source": "Contact form",
            },
            clock.now(),
        )
        return opp.id


def _world(rt: Runtime) -> tuple[User, list[int], list[Task]]:
    """Live records on every value the rename touches: an open deal in the first stage, a
    lost deal with a loss reason, an open task and a task disqualified with a reason."""
    seller = make_user(rt, "sam@example.com", role="admin", territory="Europe & Africa")
    open_id, lost_id = _deal(rt, seller, "Orphan"), _deal(rt, seller, "Gone")
    with rt.uow() as s:
        stages.move_stage(
            s,
            s.get(User, seller.id),
            s.get(Opportunity, lost_id),
            "Closed Lost",
            clock.now(),
            loss_reason="Pricing",
            loss_detail="too dear",
        )
    account = make_account(rt, "Lead", country="DE")
    contact = make_contact(rt, "jo@lead.com", account_id=account.id)
    live = make_task(rt, account, contact, owner_id=seller.id)
    gone = make_task(
        rt, account, make_contact(rt, "al@lead.com", account_id=account.id), owner_id=seller.id
    )
    with rt.uow() as s:
        lifecycle.disqualify(
            s, s.get(Task, gone.id), "No Budget", now=clock.now(), actor=s.get(User, seller.id)
        )
    return seller, [open_id, lost_id], [live, gone]


def test_p2_a_stage_renamed_under_live_deals_never_breaks_a_page(rt: Runtime) -> None:
    from salesops.app import create_app

    seller, deal_ids, tasks = _world(rt)
    with rt.uow() as s:  # the unchecked path: a version stored before the P-2 check existed
        playbooks.activate(s, _renamed_text(), source="legacy", actor="test", now=clock.now())
    rt.playbooks.invalidate()
    app = create_app(rt.settings, runtime=rt)
    api = TestClient(app, raise_server_exceptions=False)
    api.headers["Authorization"] = f"Bearer {token_for(rt, seller)}"
    api_paths = [
        "/api/v1/opportunities",
        "/api/v1/opportunities/hygiene",
        "/api/v1/tasks",
        *(f"/api/v1/opportunities/{i}" for i in deal_ids),
        *(f"/api/v1/opportunities/{i}/history" for i in deal_ids),
        *(f"/api/v1/tasks/{t.id}" for t in tasks),
        *(f"/api/v1/reports/{name}" for name in REPORTS),
        *(f"/api/v1/reports/{name}?format=csv" for name in REPORTS),
    ]
    web = TestClient(app, raise_server_exceptions=False, headers={"accept": "text/html"})
    log_in(web, seller.email, "password123")
    web_paths = [
        *READ_PAGES,
        *(f"/opportunities/{i}" for i in deal_ids),
        *(f"/tasks/{t.id}" for t in tasks),
        f"/accounts/{tasks[0].account_id}",
        "/reports",
        *(f"/reports/{name}" for name in REPORTS),
    ]
    answers = [(p, api.get(p)) for p in api_paths] + [(p, web.get(p)) for p in web_paths]
    assert [(p, r.status_code) for p, r in answers if r.status_code != 200] == []
    deal = api.get(f"/api/v1/opportunities/{deal_ids[0]}").json()
    assert deal["stage"] == "Problem Agreement"  # the old value is shown as stored
    assert "Problem Agreement" in web.get(f"/opportunities/{deal_ids[0]}").text
