"""Every task type in My queue (issue 17 item 5): follow-ups, check-ins and nurture
reminders with their due dates, complete and snooze; renewals due (Q-7, Q-8, Q-12, L-1)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from salesops.core import clock
from salesops.core.audit import Decision
from salesops.opportunities import service as opps
from salesops.playbook.runtime import Runtime, playbook_of
from salesops.tasks.models import Task
from salesops.tasks.service import create_follow_up_task
from tests.factories import make_account, make_contact, make_task
from tests.web.conftest import post, refused_page


def _follow_up(
    rt: Runtime, account: Any, contact: Any, owner: Any, kind: str, days: int, title: str
) -> Task:
    now = clock.now()
    with rt.uow() as s:
        task = create_follow_up_task(
            s,
            kind=kind,
            title=title,
            account_id=account.id,
            contact_id=contact.id,
            owner_id=owner.id,
            lead_source="Contact form",
            due_on=now.date() + timedelta(days),
            now=now,
        )
        if days < 0:
            task.status = "Scheduled"  # the worker has not opened it yet
        return task


def test_follow_ups_check_ins_and_reminders_are_in_the_queue_with_due_dates(
    rt: Runtime, as_user: Any, sales: Any
) -> None:
    account = make_account(rt, "Acme", owner_id=sales.id)
    contact = make_contact(rt, "jo@acme.com", name="Jo", account_id=account.id)
    due = _follow_up(rt, account, contact, sales, "check_in", 0, "Monthly check-in")
    late = _follow_up(rt, account, contact, sales, "follow_up", -2, "Nurture follow-up: Jo")
    later = _follow_up(rt, account, contact, sales, "follow_up", 20, "Check back next month")
    c = as_user(sales)
    page = c.get("/app").text
    assert f"task-row-{due.id}" in page and f"task-row-{late.id}" in page
    assert f"task-row-{later.id}" not in page  # not due yet
    assert "check-in due" in page and "Mark done: Monthly check-in" in page
    assert f"task-row-{due.id}" in c.get("/app?kind=check_in").text
    task_page = c.get(f"/tasks/{due.id}").text
    assert "Mark done" in task_page and "Snooze until" in task_page


def test_complete_and_snooze_from_the_queue(rt: Runtime, as_user: Any, sales: Any) -> None:
    account = make_account(rt, "Acme", owner_id=sales.id)
    contact = make_contact(rt, "jo@acme.com", name="Jo", account_id=account.id)
    done = _follow_up(rt, account, contact, sales, "check_in", 0, "Check-in A")
    later = _follow_up(rt, account, contact, sales, "follow_up", 0, "Follow-up B")
    c = as_user(sales)
    r = post(c, f"/tasks/{done.id}/complete", {"back": "/app"})
    assert r.status_code == 303 and r.headers["location"] == "/app"
    r = post(c, f"/tasks/{later.id}/snooze", {"back": "/app", "days": "7"})
    assert r.status_code == 303
    page = c.get("/app").text
    assert f"task-row-{done.id}" not in page and f"task-row-{later.id}" not in page
    with rt.uow(readonly=True) as s:
        assert s.get(Task, done.id).status == "Done"  # type: ignore[union-attr]
        snoozed = s.get(Task, later.id)
        assert snoozed is not None and snoozed.status == "Scheduled"
        assert snoozed.due_on == clock.now().date() + timedelta(days=7)
        assert s.scalar(select(Decision).where(Decision.kind == "snooze")) is not None
    r = post(c, f"/tasks/{later.id}/snooze", {"until": clock.now().date().isoformat()})
    page = refused_page(c, r)
    assert "later day" in page
    for days in ("99999999999", "0", "-3", "x"):  # no 500 from a date past year 9999
        r = post(c, f"/tasks/{later.id}/snooze", {"days": days})
        assert "Days must be a whole number from 1 to 3650" in refused_page(c, r), days


def test_snoozing_a_nurturing_lead_moves_its_follow_up_date(
    rt: Runtime, as_user: Any, sales: Any
) -> None:
    account = make_account(rt, "Acme", owner_id=sales.id)
    contact = make_contact(rt, "jo@acme.com", name="Jo", account_id=account.id)
    task = make_task(rt, account, contact, owner_id=sales.id)
    c = as_user(sales)
    soon = (clock.now().date() + timedelta(days=3)).isoformat()
    assert (
        post(
            c, f"/tasks/{task.id}/status", {"status": "Nurturing", "follow_up_on": soon}
        ).status_code
        == 303
    )
    assert "Snooze a week" in c.get("/app").text
    assert post(c, f"/tasks/{task.id}/snooze", {"days": "30"}).status_code == 303
    with rt.uow(readonly=True) as s:
        t = s.get(Task, task.id)
        assert t is not None and t.follow_up_on == clock.now().date() + timedelta(days=30)


def test_renewals_due_show_in_the_owners_queue(rt: Runtime, as_user: Any, sales: Any) -> None:
    account = make_account(rt, "Acme", owner_id=sales.id, customer_status="paying")
    with rt.uow() as s:
        renewal_type = playbook_of(s).opportunities.renewal.record_type
        opp = opps.create_opportunity(
            s,
            None,
            {
                "account_id": account.id,
                "record_type": renewal_type,
                "owner_id": sales.id,
                "name": "Acme renewal",
                "close_date": clock.now().date() + timedelta(days=30),
            },
            clock.now(),
            system=True,
        )
    page = as_user(sales).get("/app").text
    assert "Renewals due" in page and f"/opportunities/{opp.id}" in page


def test_a_check_in_for_a_deal_is_not_called_converted(
    rt: Runtime, as_user: Any, sales: Any
) -> None:
    """A check-in carries its opportunity; only a converted lead says "Converted"."""
    account = make_account(rt, "Acme", owner_id=sales.id, customer_status="paying")
    contact = make_contact(rt, "jo@acme.com", name="Jo", account_id=account.id)
    with rt.uow() as s:
        record_type = playbook_of(s).opportunities.renewal.record_type
        opp = opps.create_opportunity(
            s,
            None,
            {"account_id": account.id, "owner_id": sales.id, "name": "Acme renewal",
             "record_type": record_type,
             "close_date": clock.now().date() + timedelta(days=30)},
            clock.now(),
            system=True,
        )  # fmt: skip
        check_in = create_follow_up_task(
            s, kind="check_in", title="Check-in — Acme", account_id=account.id,
            contact_id=contact.id, owner_id=sales.id, lead_source="Contact form",
            due_on=clock.now().date(), now=clock.now(), opportunity_id=opp.id,
        )  # fmt: skip
    page = as_user(sales).get(f"/tasks/{check_in.id}").text
    assert f'For <a href="/opportunities/{opp.id}">opportunity {opp.id}</a>' in page
    assert "Converted:" not in page
