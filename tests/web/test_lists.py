"""Lists (issue 17 item 3): sortable columns, saved views (per user, shareable), bulk
actions (reassign, status, disqualify with a reason) and CSV export of what is shown."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from sqlalchemy import select

from salesops.accounts.models import Account
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users.models import SavedView
from tests.factories import make_account, make_contact, make_task, make_user
from tests.web.conftest import post


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_accounts_sort_export_and_bulk_reassign(rt: Runtime, as_user: Any, boss: Any) -> None:
    make_account(rt, "Zeta", industry="=HYPERLINK(1)")
    make_account(rt, "Alpha")
    make_account(rt, "Mid")
    other = make_user(rt, "olga@example.com", role="sales", name="Olga")
    c = as_user(boss)
    page = c.get("/accounts", params={"sort": "name"}).text
    assert page.index(">Alpha<") < page.index(">Mid<") < page.index(">Zeta<")
    assert 'aria-sort="ascending"' in page and "sort=name&amp;dir=desc" in page
    desc = c.get("/accounts", params={"sort": "name", "dir": "desc"}).text
    assert desc.index(">Zeta<") < desc.index(">Alpha<")
    r = c.get("/accounts", params={"sort": "name", "q": "a", "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = _rows(r.text)
    assert rows[0][:3] == ["id", "name", "domain"]
    assert [row[1] for row in rows[1:]] == ["Alpha", "Zeta"]  # "Mid" has no a: not shown
    assert rows[2][7] == "'=HYPERLINK(1)"  # no formula injection
    with rt.uow(readonly=True) as s:
        ids = [str(a.id) for a in s.scalars(select(Account).where(Account.name != "Mid"))]
    r = c.post(
        "/accounts/bulk",
        data={"csrf_token": _csrf(c), "ids": ids, "owner_id": str(other.id), "query": "sort=name"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/accounts?sort=name"
    assert "2 accounts reassigned." in c.get(r.headers["location"]).text
    with rt.uow(readonly=True) as s:
        owners = {a.name: a.owner_id for a in s.scalars(select(Account))}
        assert owners["Alpha"] == owners["Zeta"] == other.id and owners["Mid"] is None


def _csrf(c: Any) -> str:
    from tests.web.conftest import csrf_of

    return csrf_of(c, "/app")


def test_saved_views_are_per_user_and_shareable(
    rt: Runtime, as_user: Any, sales: Any, boss: Any
) -> None:
    rep = as_user(sales)
    assert (
        post(
            rep,
            "/views",
            {"list_name": "contacts", "name": "Gmail people", "query": "q=gmail&page=3&format=csv"},
        ).status_code
        == 303
    )
    assert (
        post(
            rep,
            "/views",
            {
                "list_name": "accounts",
                "name": "Mine by ICP",
                "query": "mine=1&sort=icp&dir=desc",
                "shared": "1",
            },
        ).status_code
        == 303
    )
    with rt.uow(readonly=True) as s:
        assert {v.name: v.query for v in s.scalars(select(SavedView))} == {
            "Gmail people": "q=gmail",
            "Mine by ICP": "mine=1&sort=icp&dir=desc",
        }
    assert 'href="/contacts?q=gmail">Gmail people' in rep.get("/contacts").text
    admin = as_user(boss)
    assert "Gmail people" not in admin.get("/contacts").text  # private
    assert "Mine by ICP" in admin.get("/accounts").text  # shared
    r = post(rep, "/views", {"list_name": "accounts", "name": " "})
    assert "View not saved: Name the view." in rep.get(r.headers["location"]).text


def test_queue_bulk_actions_and_export(rt: Runtime, as_user: Any, sales: Any, boss: Any) -> None:
    account = make_account(rt, "Acme", owner_id=sales.id)
    tasks = [
        make_task(
            rt,
            account,
            make_contact(rt, f"p{i}@acme.com", name=f"Person {i}", account_id=account.id),
            owner_id=sales.id,
        )
        for i in range(3)
    ]
    rep = as_user(sales)
    page = rep.get("/app").text
    assert 'form="bulk-tasks"' in page and "Disqualify with a reason" in page
    assert "Below Threshold – Auto" not in page
    ids = [str(t.id) for t in tasks]
    r = rep.post(
        "/tasks/bulk",
        data={
            "csrf_token": _csrf(rep),
            "ids": ids[:2],
            "action": "disqualify",
            "reason": "No Current Need",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert "2 tasks disqualified." in rep.get(r.headers["location"]).text
    r = rep.post(
        "/tasks/bulk",
        data={"csrf_token": _csrf(rep), "ids": ids, "action": "working"},
        follow_redirects=False,
    )
    msg = rep.get(r.headers["location"]).text
    assert "1 task marked Working." in msg and "2 refused" in msg
    r = rep.post(
        "/tasks/bulk",
        data={"csrf_token": _csrf(rep), "ids": ids[2:], "action": "disqualify"},
        follow_redirects=False,
    )
    assert "Choose a disqualification reason" in rep.get(r.headers["location"]).text
    olga = make_user(rt, "olga@example.com", role="sales", name="Olga")
    admin = as_user(boss)
    r = admin.post(
        "/tasks/bulk",
        data={
            "csrf_token": _csrf(admin),
            "ids": ids[2:],
            "action": "reassign",
            "owner_id": str(olga.id),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        assert s.get(Task, tasks[2].id).owner_id == olga.id  # type: ignore[union-attr]
        statuses = [s.get(Task, t.id).status for t in tasks[:2]]  # type: ignore[union-attr]
        assert statuses == ["Unqualified", "Unqualified"]
    r = admin.get("/app", params={"owner": "all", "sort": "created", "format": "csv"})
    rows = _rows(r.text)
    assert rows[0][:4] == ["task_id", "kind", "title", "status"]
    assert [int(row[0]) for row in rows[1:]] == [tasks[2].id]  # only open work is shown
    page = admin.get("/app", params={"owner": "all", "sort": "status", "dir": "desc"}).text
    assert 'aria-sort="descending"' in page


def test_m3_bulk_reassign_moves_each_task_with_its_account_and_open_work(
    rt: Runtime, as_user: Any, sales: Any, boss: Any
) -> None:
    """Issue 17 (M-3, U-2): reassigning ticked tasks from the queue moves each one's
    account and the account's other open tasks and deals to the same owner — at once for
    an admin; a salesperson's bulk reassignment asks an admin, who approves it whole."""
    from datetime import UTC, datetime

    from salesops.opportunities.models import Opportunity

    olga = make_user(rt, "olga@example.com", role="sales", name="Olga")
    vic = make_user(rt, "vic@example.com", role="sales", name="Vic")
    acme = make_account(rt, "Acme", owner_id=sales.id)
    t1, t2 = (
        make_task(rt, acme, make_contact(rt, f"p{i}@acme.com", account_id=acme.id), owner_id=o)
        for i, o in ((1, sales.id), (2, vic.id))
    )
    now = datetime(2026, 1, 5, tzinfo=UTC)
    with rt.uow() as s:
        deal = Opportunity(name="Acme deal", account_id=acme.id, owner_id=sales.id,
                           record_type="New Revenue", pipeline="new_business",
                           stage="Problem Agreement", created_at=now, updated_at=now)  # fmt: skip
        s.add(deal)
        s.flush()
        deal_id = deal.id
    other = make_account(rt, "Other", owner_id=sales.id)
    t3 = make_task(rt, other, make_contact(rt, "p3@other.com", account_id=other.id),
                   owner_id=sales.id)  # fmt: skip

    def owners() -> dict[str, int | None]:
        with rt.uow(readonly=True) as s:
            return {
                "acme": s.get(Account, acme.id).owner_id,  # type: ignore[union-attr]
                "t1": s.get(Task, t1.id).owner_id,  # type: ignore[union-attr]
                "t2": s.get(Task, t2.id).owner_id,  # type: ignore[union-attr]
                "deal": s.get(Opportunity, deal_id).owner_id,  # type: ignore[union-attr]
                "other": s.get(Account, other.id).owner_id,  # type: ignore[union-attr]
                "t3": s.get(Task, t3.id).owner_id,  # type: ignore[union-attr]
            }

    rep = as_user(sales)  # a salesperson: a request per task, nothing moves yet (U-2)
    r = rep.post(
        "/tasks/bulk",
        data={"csrf_token": _csrf(rep), "ids": [str(t3.id)], "action": "reassign",
              "owner_id": str(olga.id), "why": "Olga covers Other"},
        follow_redirects=False,
    )  # fmt: skip
    assert "1 sent to an admin for approval" in rep.get(r.headers["location"]).text
    assert owners()["t3"] == sales.id
    admin = as_user(boss)
    r = admin.post(
        "/tasks/bulk",
        data={"csrf_token": _csrf(admin), "ids": [str(t1.id), str(t2.id)],
              "action": "reassign", "owner_id": str(olga.id), "why": "territory change"},
        follow_redirects=False,
    )  # fmt: skip
    msg = admin.get(r.headers["location"]).text
    assert "2 tasks reassigned." in msg and "(M-3)" in msg and "refused" not in msg
    after = owners()
    assert after["acme"] == after["t1"] == after["t2"] == after["deal"] == olga.id
    assert after["other"] == after["t3"] == sales.id  # not ticked: unchanged
    inbox = admin.get("/admin/reassign-requests").text
    request_id = re.search(r'action="/admin/reassign-requests/(\d+)"', inbox).group(1)  # type: ignore[union-attr]
    r = admin.post(
        f"/admin/reassign-requests/{request_id}",
        data={"csrf_token": _csrf(admin), "decision": "approve"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    after = owners()
    assert after["other"] == after["t3"] == olga.id  # approved whole: the account went too
