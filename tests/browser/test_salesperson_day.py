"""A salesperson's day and an admin's, in headless Chromium, with no API call for what
issue 17 items 1, 2, 5 and 6 built: create a contact and a manual lead (I-7), find them
by search ('/'), work the lead, convert it with its deal fields, fill the Q-3 fields and
the buying committee, take the annual deal to Closed Won and see its renewal at the
term's end (Q-7); a Spam ban request approved by an admin, a password reset that signs
the salesperson out, a free-mail ban refused. Screenshots as in ``test_web_flows``."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import select

from salesops.accounts.models import Contact, SpamBan
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.browser import test_web_flows as flows

Watched = flows.Watched
pytestmark = flows.pytestmark
server, browser, people = flows.server, flows.browser, flows.people  # the fixtures

STAGES = [
    "Solution Agreement",
    "Priority Agreement",
    "Commercial Agreement",
    "Vendor Approval",
    "Closed Won",
]


def test_a_salespersons_day_from_a_new_lead_to_a_won_annual_deal_and_its_renewal(
    server: str, browser: Any, people: dict[str, Any], rt: Runtime
) -> None:
    w = Watched(browser, server)
    w.login("sam@example.com", "password123")
    page = w.page
    # 1. a manual lead (I-7) with its company
    page.get_by_role("link", name="Contacts").click()
    page.get_by_role("link", name="New lead").click()
    page.get_by_label("Lead source").select_option("Event")
    page.get_by_label("Email", exact=True).fill("dana@initech.de")
    page.get_by_label("Name", exact=True).fill("Dana Scully")
    page.get_by_label("Company name").fill("Initech")
    page.get_by_label("Company domain").fill("initech.de")
    page.get_by_label("Employees").fill("800")
    page.get_by_label("Country (ISO code)").last.fill("DE")
    page.get_by_label("What they asked for").fill("Session replay and analytics for 2M users")
    w.shot("lead-new")
    page.get_by_role("button", name="Create lead").click()
    page.wait_for_url(re.compile(r".*/tasks/\d+$"))
    assert "Lead created." in page.content()
    task_id = int(page.url.rsplit("/", 1)[1])
    # 2. a contact on the same company (matched by the email's domain, M-2)
    w.goto("/contacts/new")
    page.get_by_label("Email", exact=True).fill("fox@initech.de")
    page.get_by_label("Name", exact=True).fill("Fox Mulder")
    page.get_by_label("Title").fill("Head of Data")
    page.get_by_role("button", name="Create contact").click()
    page.wait_for_selector("h1:has-text('Fox Mulder')")
    assert "Initech" in page.content()
    # 3. find them with the '/' shortcut
    w.goto("/app")
    page.keyboard.press("/")
    page.keyboard.type("scully")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/search\?q=scully"))
    w.shot("search")
    page.locator("#results-contact").get_by_role("link", name="Dana Scully").click()
    page.wait_for_selector("h2:has-text('Timeline')")
    page.locator(f"a[href='/tasks/{task_id}']").first.click()
    # 4. work it and convert it with the deal's fields (C-1 … C-3, Q-2, Q-3, Q-10)
    page.get_by_role("button", name="Mark Working").click()
    page.wait_for_selector("text=is now Working")
    for box in page.locator("#convert input[type=checkbox]").all():
        box.check()
    page.locator("#cv-type").select_option("Annual Plan")
    page.locator("#cv-amount").fill("60,000")
    page.locator("#cv-close").fill("2026-12-20")
    page.locator("#cv-ns").fill("Order form review")
    page.locator("#cv-nso").fill("Dana (VP Eng)")
    page.locator("#cv-nsout").fill("Order form signed or not")
    page.locator("#cv-nsd").fill("2026-12-15")
    page.get_by_role("button", name="Convert", exact=True).click()
    page.wait_for_url(re.compile(r".*/opportunities/\d+"))
    opp_id = int(page.url.rsplit("/", 1)[1].split("#")[0])
    assert "no next step" not in page.content()
    # 5. the Q-3 fields, MEDDPICC and the buying committee
    page.get_by_label("Term (months)").fill("12")
    page.get_by_label("Contract start").first.fill("2027-01-01")
    page.get_by_label("Products (comma-separated)").fill("Analytics, Session replay")
    page.get_by_label(re.compile("^Pain")).fill("Support spends 2 days per incident")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector("text=Opportunity saved.")
    page.locator("#r-contact").select_option(label="Fox Mulder (Head of Data)")
    page.locator("#r-role").select_option("Champion")
    page.get_by_role("button", name="Add to the committee").click()
    page.wait_for_selector("#roles :text('Champion')")
    w.shot("opportunity-edit")
    # 6. through the stages to Closed Won, then the renewal at the term's end
    for stage in STAGES:
        boxes = page.locator("form[action$='/criteria'] input[type=checkbox]").all()
        if boxes:
            for box in boxes:
                box.check()
            page.get_by_role("button", name="Save checklist").click()
            page.wait_for_selector("text=Exit criteria saved.")
        page.locator("#o-stage").select_option(stage)
        page.get_by_role("button", name="Move", exact=True).click()
        page.wait_for_selector(f"text=Moved to {stage}.")
    page.wait_for_selector("text=Renewal:")
    w.shot("won-with-renewal")
    with rt.uow(readonly=True) as s:
        renewal = s.scalar(select(Opportunity).where(Opportunity.renewal_of_id == opp_id))
        assert renewal is not None and renewal.close_date == date(2028, 1, 1)
        won = s.get(Opportunity, opp_id)
        assert won is not None and won.next_step["owner"] == "Dana (VP Eng)"
        assert won.meddpicc["pain"].startswith("Support")
        assert s.get(Task, task_id).status == "Converted"  # type: ignore[union-attr]
    w.assert_clean()


def test_an_admins_day_ban_request_password_reset_and_a_refused_ban(
    server: str, browser: Any, people: dict[str, Any], rt: Runtime
) -> None:
    rep = Watched(browser, server)
    rep.login("sam@example.com", "password123")
    page = rep.page
    rep.goto(f"/tasks/{people['spam_task'].id}")
    page.get_by_label("Reason").select_option("Spam")
    page.wait_for_selector("#dq-preview :text('Ban this sender')")
    page.get_by_label("Ban this sender").check()
    page.get_by_role("button", name="Disqualify").click()
    page.wait_for_selector("text=Disqualified:")
    assert rep.dialogs and "Disqualify this task?" in rep.dialogs[0]
    page.get_by_role("button", name="Reopen task").click()  # undo (audited) ...
    page.wait_for_selector("text=is Working again")
    page.get_by_label("Reason").select_option("Spam")  # ... and redo
    page.wait_for_selector("#dq-preview :text('Ban this sender')")
    page.get_by_label("Ban this sender").check()
    page.get_by_role("button", name="Disqualify").click()
    page.wait_for_selector("text=Disqualified:")

    admin = Watched(browser, server)
    admin.login("ada@example.com", "admin-password")
    a = admin.page
    a.get_by_role("link", name="Admin", exact=True).click()
    a.get_by_role("link", name="Ban requests").click()
    a.wait_for_selector("text=win@globex.com")
    admin.shot("ban-requests")
    a.get_by_role("button", name="Approve the ban on win@globex.com").first.click()
    a.wait_for_selector("text=Ban request approved")
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(SpamBan.value)) == "win@globex.com"
    admin.goto("/admin/spam-bans")
    a.get_by_label("Address or domain").fill("gmail.com")
    a.get_by_role("button", name="Ban sender").click()
    a.wait_for_selector("#form-error:has-text('free-mail domain')")
    admin.expect_status(422)
    admin.goto("/admin/users")
    a.get_by_role("link", name="API tokens and password of Sam Sales").click()
    a.get_by_label("New password").fill("sam-new-password")
    a.get_by_role("button", name="Reset password").click()
    a.wait_for_selector("text=they are signed out everywhere")
    admin.shot("password-reset")
    rep.goto("/app")
    page.wait_for_url(re.compile(r".*/login.*"))  # Sam's session ended
    rep.login("sam@example.com", "sam-new-password")
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Contact.id).where(Contact.email == "win@globex.com"))
    rep.assert_clean()
    admin.assert_clean()
