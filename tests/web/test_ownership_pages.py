"""Reassignment from a record's page and the admins' approval inbox (issue 17 item 4;
U-2, M-3), and the same over the API."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from salesops.accounts.models import Account
from salesops.core import clock
from salesops.opportunities.models import Opportunity
from salesops.opportunities.service import create_opportunity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users.service import get_user
from tests.factories import make_account, make_contact, make_task, make_user, token_for
from tests.web.conftest import post, refused_page


def _setup(rt: Runtime, owner: Any) -> tuple[int, int, int]:
    account = make_account(rt, "Initech", country="DE", owner_id=owner.id)
    jo = make_contact(rt, "jo@initech.de", name="Jo", account_id=account.id)
    task = make_task(rt, account, jo, owner_id=owner.id)
    with rt.uow() as s:
        deal = create_opportunity(
            s, get_user(s, owner.id),
            {"account_id": account.id, "record_type": "New Revenue", "name": "Initech deal",
             "close_date": date(2026, 12, 20)},
            clock.now(),
        )  # fmt: skip
        return account.id, task.id, deal.id


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_m3_admin_sees_what_moves_with_an_account_then_reassigns(
    as_user, boss, sales, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    kim = make_user(rt, "kim@example.com", name="Kim Sales")
    account_id, task_id, deal_id = _setup(rt, sales)
    c = as_user(boss)
    assert f"/reassign/account/{account_id}" in c.get(f"/accounts/{account_id}").text
    page = _text(c.get(f"/reassign/account/{account_id}?owner_id={kim.id}").text)
    assert "moves with its 1 open task and 1 open deal" in page
    r = post(c, f"/reassign/account/{account_id}", {"owner_id": str(kim.id), "why": ""})
    assert "Say why" in refused_page(c, r)  # Post/Redirect/Get (issue 17 item 9)
    r = post(c, f"/reassign/account/{account_id}", {"owner_id": str(kim.id), "why": "DACH"})
    assert r.status_code == 303
    assert "its 1 open task and 1 open deal" in c.get(r.headers["location"]).text
    with rt.uow(readonly=True) as s:
        assert s.get(Account, account_id).owner_id == kim.id  # type: ignore[union-attr]
        assert s.get(Task, task_id).owner_id == kim.id  # type: ignore[union-attr]
        assert s.get(Opportunity, deal_id).owner_id == kim.id  # type: ignore[union-attr]


def test_u2_a_deal_asks_about_its_account_and_a_sales_request_is_approved(
    as_user, boss, sales, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    kim = make_user(rt, "kim@example.com", name="Kim Sales")
    account_id, _, deal_id = _setup(rt, sales)
    rep = as_user(sales)
    page = _text(rep.get(f"/reassign/opportunity/{deal_id}?owner_id={kim.id}").text)
    assert "Initech belongs to Sam Sales" in page and "what should happen?" in page
    assert "all its open work: 1 open task and 1 open deal" in page
    assert "Ask an admin" in page
    r = post(rep, f"/reassign/opportunity/{deal_id}", {"owner_id": str(kim.id), "why": "x"})
    assert "choose whether the whole account" in refused_page(rep, r)
    r = post(
        rep,
        f"/reassign/opportunity/{deal_id}",
        {"owner_id": str(kim.id), "why": "Kim knows them", "with_account": "record"},
    )
    assert r.status_code == 303 and "once they approve" in rep.get(r.headers["location"]).text
    admin = as_user(boss)
    inbox = _text(admin.get("/admin/reassign-requests").text)
    assert (
        "Initech deal" in inbox and "Sam Sales → Kim Sales" in inbox and "Kim knows them" in inbox
    )
    assert "1 waiting" in _text(admin.get("/admin").text)
    request_id = int(
        re.search(r"reassign-request-(\d+)", admin.get("/admin/reassign-requests").text)[1]
    )  # type: ignore[index]
    assert (
        post(rep, f"/admin/reassign-requests/{request_id}", {"decision": "approve"}).status_code
        == 403
    )
    r = post(admin, f"/admin/reassign-requests/{request_id}", {"decision": "approve"})
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        assert s.get(Opportunity, deal_id).owner_id == kim.id  # type: ignore[union-attr]
        assert s.get(Account, account_id).owner_id == sales.id  # type: ignore[union-attr]
    assert "No reassignment request is waiting" in admin.get("/admin/reassign-requests").text


def test_u2_reassign_over_the_api(client, admin, sales, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    kim = make_user(rt, "kim@example.com", name="Kim Sales")
    _, task_id, deal_id = _setup(rt, sales)
    rep = {"Authorization": f"Bearer {token_for(rt, sales)}"}
    boss = {"Authorization": f"Bearer {token_for(rt, admin)}"}
    r = client.post(
        f"/api/v1/opportunities/{deal_id}/reassign", json={"owner_id": kim.id, "why": "x"},
        headers=boss,
    )  # fmt: skip
    assert r.status_code == 422 and r.json()["field"] == "with_account"
    r = client.post(
        f"/api/v1/tasks/{task_id}/reassign",
        json={"owner_id": kim.id, "why": "German speaker", "with_account": True}, headers=rep,
    )  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "requested"
    pending = client.get("/api/v1/reassign-requests", headers=boss).json()
    assert [p["request"]["why"] for p in pending] == ["German speaker"]
    r = client.post(
        f"/api/v1/reassign-requests/{pending[0]['id']}", json={"approve": True}, headers=boss
    )
    assert r.status_code == 200 and r.json()["plan"]["deals"] == [deal_id]
    with rt.uow(readonly=True) as s:
        assert s.get(Task, task_id).owner_id == kim.id  # type: ignore[union-attr]
        assert s.get(Opportunity, deal_id).owner_id == kim.id  # type: ignore[union-attr]
