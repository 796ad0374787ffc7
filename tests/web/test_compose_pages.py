"""The composer and the notification centre as HTML (issue 20 items 1 and 3)."""

from __future__ import annotations

import re

from sqlalchemy import select

from salesops.activities.models import Activity
from salesops.core.outbox import Delivery
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task
from tests.web.conftest import csrf_of, refused_page


def test_compose_from_a_task_sends_once_and_lands_on_the_timeline(
    as_user, sales, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    account = make_account(rt, "Acme", country="DE")
    jo = make_contact(rt, "jo@acme.com", name="Jo Buyer", account_id=account.id)
    task: Task = make_task(rt, account, jo, owner_id=sales.id)
    c = as_user(sales)
    assert 'href="/compose?task_id=' in c.get(f"/tasks/{task.id}").text
    page = c.get(f"/compose?task_id={task.id}&template=startup_plan_application").text
    assert "Hi Jo," in page and "https://example.com/startups" in page
    assert 'value="jo@acme.com"' in page
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    form = {
        "csrf_token": csrf_of(c, "/app"), "task_id": str(task.id), "key": key,
        "to": "jo@acme.com", "subject": "The startup plan", "body": "Hi Jo, apply here.",
    }  # fmt: skip
    for _ in range(2):  # a double submit sends once
        r = c.post("/compose", data=form, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/tasks/{task.id}"
    with rt.uow(readonly=True) as s:
        assert len(s.scalars(select(Delivery).where(Delivery.channel == "email")).all()) == 1
        [out] = s.scalars(select(Activity).where(Activity.kind == "email_out")).all()
        assert out.task_id == task.id and out.subject == "The startup plan"
    bad = c.post(
        "/compose",
        data={**form, "key": "k2", "to": "nobody"},
        headers={"referer": f"/compose?task_id={task.id}"},
        follow_redirects=False,
    )
    page = refused_page(c, bad)  # PRG (issue 17 item 9): back to the form, typed text kept
    assert "is not an email address" in page and 'value="nobody"' in page
    assert c.get(f"/compose?account_id={account.id}").status_code == 200
    assert c.get("/compose?task_id=999999").status_code == 404


def test_bell_and_notification_centre(as_user, sales, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    account = make_account(rt, "Acme", country="DE")
    make_task(rt, account, make_contact(rt, "jo@acme.com", account_id=account.id))  # routed
    c = as_user(sales)
    assert 'data-count="1"' in c.get("/notifications/bell").text
    page = c.get("/notifications").text
    assert "New lead assigned to you" in page and 'name="lead_assigned:email"' in page
    token = csrf_of(c, "/app")
    r = c.post(
        "/notifications/preferences",
        data={"csrf_token": token, "lead_assigned:in_app": "on", "lead_assigned:slack": "on",
              "digest": "on", "slack_user_id": "U123"},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303
    page = c.get("/notifications").text
    slack = 'name="lead_assigned:slack" aria-label="A lead is assigned to you: slack" checked'
    assert slack in page
    c.post("/notifications/read-all", data={"csrf_token": token}, follow_redirects=False)
    assert 'data-count="0"' in c.get("/notifications/bell").text
