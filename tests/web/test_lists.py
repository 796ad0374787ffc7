"""Lists (issue 17 item 3): sortable columns, saved views (per user, shareable), bulk
actions (reassign, status, disqualify with a reason) and CSV export of what is shown."""

from __future__ import annotations

import csv
import io
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
