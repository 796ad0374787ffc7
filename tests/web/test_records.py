"""Records in the web app (issue 17 item 1): accounts, contacts, manual leads (I-7),
every Q-3 field of an opportunity, contact roles, conversion's deal fields, and a web edit
that keeps what the API stored."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from salesops.accounts.models import Account, Contact
from salesops.opportunities.models import Opportunity, OpportunityContactRole
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task, token_for
from tests.web.conftest import SIX, csrf_of, post, refused_page


def test_create_and_edit_an_account_with_its_owner(rt: Runtime, as_user: Any, sales: Any) -> None:
    c = as_user(sales)
    assert "New account" in c.get("/accounts").text
    r = post(
        c,
        "/accounts/new",
        {
            "name": "Initech",
            "domain": "https://www.initech.io/x",
            "employee_count": "1,200",
            "country": "US",
            "us_state": "TX",
            "industry": "Software",
            "owner_id": str(sales.id),
        },
    )
    assert r.status_code == 303, r.text
    with rt.uow(readonly=True) as s:
        acct = s.scalar(select(Account).where(Account.name == "Initech"))
        assert acct is not None
        assert (acct.domain, acct.employee_count, acct.owner_id) == ("initech.io", 1200, sales.id)
    assert r.headers["location"] == f"/accounts/{acct.id}"
    r = post(
        c,
        f"/accounts/{acct.id}/edit",
        {
            "name": "Initech Inc",
            "industry": "Fintech",
            "employee_count": "",
            "owner_id": str(sales.id),
        },
    )
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        acct2 = s.get(Account, acct.id)
        assert acct2 is not None
        assert (acct2.name, acct2.industry, acct2.employee_count) == (
            "Initech Inc",
            "Fintech",
            None,
        )


def test_account_form_refuses_free_mail_and_bad_numbers_in_human_words(
    as_user: Any, sales: Any
) -> None:
    c = as_user(sales)
    r = post(c, "/accounts/new", {"name": "Me", "domain": "gmail.com"})
    page = refused_page(c, r)
    assert "free-mail domain" in page
    assert 'value="Me"' in page  # what was typed is kept
    r = post(c, "/accounts/new", {"name": "Big", "employee_count": "lots"})
    page = refused_page(c, r)
    assert "Employees must be a whole number" in page


def test_create_a_contact_and_see_its_page_and_timeline(
    rt: Runtime, as_user: Any, sales: Any
) -> None:
    account = make_account(rt, "Hooli", owner_id=sales.id)
    c = as_user(sales)
    r = post(
        c,
        "/contacts/new",
        {
            "email": "Gavin@Hooli.com",
            "name": "Gavin Belson",
            "title": "CEO",
            "account_id": str(account.id),
        },
    )
    assert r.status_code == 303, r.text
    page = c.get(r.headers["location"])
    assert page.status_code == 200
    assert "Gavin Belson" in page.text and "gavin@hooli.com" in page.text
    assert "Timeline" in page.text
    cid = int(r.headers["location"].rsplit("/", 1)[1])
    r = post(
        c,
        f"/contacts/{cid}/edit",
        {"name": "Gavin B.", "title": "", "role_at_organization": "Board"},
    )
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        contact = s.get(Contact, cid)
        assert contact is not None
        assert (contact.name, contact.title, contact.role_at_organization) == (
            "Gavin B.",
            None,
            "Board",
        )
    assert "Gavin B." in c.get("/contacts?q=gavin").text
    r = post(c, "/contacts/new", {"email": "not-an-email"})
    page = refused_page(c, r)
    assert "Email" in page


def test_manual_lead_form_i7(rt: Runtime, as_user: Any, sales: Any) -> None:
    c = as_user(sales)
    page = c.get("/leads/new").text
    assert "Lead source" in page and "<option>Event</option>" in page or "Event" in page
    r = post(c, "/leads/new", {"lead_source": "Nope", "contact_email": "a@pied.com"})
    page = refused_page(c, r)
    assert "Lead source" in page.replace("lead_source", "Lead source")
    with rt.uow(readonly=True) as s:
        from salesops.playbook.runtime import playbook_of

        source = playbook_of(s).tasks.manual_lead_sources[0]
    r = post(
        c,
        "/leads/new",
        {
            "lead_source": source,
            "contact_email": "Richard@Pied.com",
            "contact_name": "Richard",
            "account_name": "Pied Piper",
            "account_domain": "pied.com",
            "message": "met at a meetup",
        },
    )
    assert r.status_code == 303, r.text
    assert r.headers["location"].startswith("/tasks/")
    with rt.uow(readonly=True) as s:
        task = s.get(Task, int(r.headers["location"].rsplit("/", 1)[1]))
        assert task is not None and task.lead_source == source
        assert s.get(Account, task.account_id).name == "Pied Piper"  # type: ignore[union-attr]


def test_edit_every_q3_field_in_the_web(rt: Runtime, as_user: Any, sales: Any, deal: Any) -> None:
    c = as_user(sales)
    assert "MEDDPICC" in c.get(f"/opportunities/{deal.id}").text
    r = post(
        c,
        f"/opportunities/{deal.id}/edit",
        {
            "name": "Acme annual",
            "opp_type": "Annual Plan",
            "amount": "$48,000",
            "close_date": "2030-03-31",
            "term_months": "24",
            "contract_start": "2030-04-01",
            "total_credit_amount": "96000",
            "discount_pct": "10",
            "products": "Analytics, Replay",
            "contract_link": "https://docs.example.com/acme.pdf",
            "forecast_category": "Best case",
            "next_step_what": "Security review call",
            "next_step_owner": "Jo (CTO)",
            "next_step_outcome": "Go / no-go on the DPA",
            "next_step_date": "2030-01-15",
            "m_pain": "Churn analysis takes a week",
            "m_economic_buyer": "CFO Pat",
        },
    )
    assert r.status_code == 303, r.text
    with rt.uow(readonly=True) as s:
        o = s.get(Opportunity, deal.id)
        assert o is not None
        assert (o.name, o.opp_type, o.amount, o.term_months) == (
            "Acme annual",
            "Annual Plan",
            Decimal("48000"),
            24,
        )
        assert o.contract_start == date(2030, 4, 1) and o.close_date == date(2030, 3, 31)
        assert o.products == ["Analytics", "Replay"] and o.discount_pct == Decimal("10")
        assert o.next_step["owner"] == "Jo (CTO)" and o.next_step["outcome"].startswith("Go")
        assert o.meddpicc == {"pain": "Churn analysis takes a week", "economic_buyer": "CFO Pat"}
        assert o.forecast_category == "Best case"
    page = c.get(f"/opportunities/{deal.id}").text
    assert "Churn analysis takes a week" in page and "Contract end" in page
    r = post(c, f"/opportunities/{deal.id}/edit", {"amount": "a lot"})
    page = refused_page(c, r)
    assert "Amount (ARR) must be a number" in page
    # a year nobody means is refused in words, not a 500 once a 12-month term is added
    r = post(c, f"/opportunities/{deal.id}/edit", {"contract_start": "9999-06-01"})
    page = refused_page(c, r)
    error = re.search(r'id="form-error">([^<]*)<', page)
    assert error is not None and error.group(1).startswith("Contract start must be"), error
    r = c.patch(
        f"/api/v1/opportunities/{deal.id}",
        json={"term_months": 12, "contract_start": "9999-06-01"},
        headers={"x-csrf-token": csrf_of(c, "/app"), "accept": "application/json"},
    )
    assert r.status_code == 422 and r.json()["field"] == "contract_start", r.text
    # a contract link is a web address, never a script run by whoever clicks it
    r = post(c, f"/opportunities/{deal.id}/edit", {"contract_link": "javascript:alert(1)"})
    assert "Contract link is not valid" in refused_page(c, r)
    r = c.patch(
        f"/api/v1/opportunities/{deal.id}",
        json={"contract_link": "JavaScript:alert(document.cookie)"},
        headers={"x-csrf-token": csrf_of(c, "/app"), "accept": "application/json"},
    )
    assert r.status_code == 422 and r.json()["field"] == "contract_link", r.text
    assert 'href="javascript:' not in c.get(f"/opportunities/{deal.id}").text.lower()


def test_a_web_edit_keeps_the_next_step_and_meddpicc_the_api_stored(
    rt: Runtime, app: Any, as_user: Any, sales: Any, deal: Any
) -> None:
    """Issue 17 item 1: no field is lost between web and API edits (Q-3)."""
    from fastapi.testclient import TestClient

    api = TestClient(app, headers={"authorization": f"Bearer {token_for(rt, sales)}"})
    body = {
        "next_step": {
            "what": "Pilot kickoff",
            "owner": "Jo",
            "outcome": "pilot signed",
            "at": "2030-01-02T10:00:00Z",
        },
        "meddpicc": {"pain": "slow", "competition": "Amplitude"},
    }
    assert api.patch(f"/api/v1/opportunities/{deal.id}", json=body).status_code == 200
    c = as_user(sales)
    page = c.get(f"/opportunities/{deal.id}").text
    form = {
        "amount": "30000",
        "next_step_what": "Pilot kickoff",
        "next_step_owner": "Jo",
        "next_step_outcome": "pilot signed",
        "m_pain": "slow",
    }
    assert "Pilot kickoff" in page
    assert post(c, f"/opportunities/{deal.id}/edit", form).status_code == 303
    got = api.get(f"/api/v1/opportunities/{deal.id}").json()
    assert got["amount"] in ("30000.00", "30000", 30000)
    assert got["next_step"]["owner"] == "Jo" and got["next_step"]["outcome"] == "pilot signed"
    assert got["next_step"]["at"].startswith("2030-01-02")  # unchanged step: timestamp kept
    assert got["meddpicc"] == {"pain": "slow", "competition": "Amplitude"}
    # a form that does not show a field leaves it alone (the board's forms)
    assert (
        post(c, f"/opportunities/{deal.id}/edit", {"close_date": "2030-06-30"}).status_code == 303
    )
    assert (
        api.get(f"/api/v1/opportunities/{deal.id}").json()["next_step"]["what"] == "Pilot kickoff"
    )


def test_contact_roles_build_the_buying_committee(
    rt: Runtime, as_user: Any, sales: Any, deal: Any
) -> None:
    other = make_contact(rt, "pat@acme.com", name="Pat CFO", account_id=deal.account_id)
    stranger = make_contact(rt, "x@elsewhere.com", name="Stranger")
    c = as_user(sales)
    r = post(
        c,
        f"/opportunities/{deal.id}/roles",
        {"contact_id": str(other.id), "role": "Economic buyer"},
    )
    assert r.status_code == 303
    r = post(
        c, f"/opportunities/{deal.id}/roles", {"contact_id": str(stranger.id), "role": "Champion"}
    )
    page = refused_page(c, r)
    assert "not a contact of this deal" in page
    with rt.uow(readonly=True) as s:
        rows = list(
            s.scalars(
                select(OpportunityContactRole).where(
                    OpportunityContactRole.opportunity_id == deal.id
                )
            )
        )
        assert sorted(r.role for r in rows) == ["Economic buyer", "Primary"]
        pat = next(r for r in rows if r.contact_id == other.id)
    assert "Pat CFO" in c.get(f"/opportunities/{deal.id}").text
    assert post(c, f"/opportunities/{deal.id}/roles/{pat.id}/remove").status_code == 303
    with rt.uow(readonly=True) as s:
        assert s.get(OpportunityContactRole, pat.id) is None


def test_conversion_asks_type_amount_close_date_and_next_step(
    rt: Runtime, as_user: Any, sales: Any
) -> None:
    account = make_account(rt, "Umbrella", country="DE", owner_id=sales.id)
    contact = make_contact(rt, "al@umbrella.com", name="Al", account_id=account.id)
    task = make_task(rt, account, contact, owner_id=sales.id)
    c = as_user(sales)
    page = c.get(f"/tasks/{task.id}").text
    assert "Close date" in page and "Next step: what" in page
    form = {f"c_{k}": "1" for k in SIX}
    form.update(
        {
            "c_engineer_on_first_call": "1",
            "action": "convert",
            "record_type": "New Revenue",
            "opp_type": "Annual Plan",
            "amount": "60,000",
            "close_date": "2030-02-28",
            "term_months": "12",
            "next_step_what": "Send the order form",
            "next_step_owner": "Al",
            "next_step_outcome": "signed order form",
            "next_step_date": "2030-01-10",
        }
    )
    r = post(c, f"/tasks/{task.id}/convert", form)
    assert r.status_code == 303, r.text
    with rt.uow(readonly=True) as s:
        o = s.scalar(select(Opportunity).where(Opportunity.task_id == task.id))
        assert o is not None
        assert (o.opp_type, o.amount, o.close_date) == (
            "Annual Plan",
            Decimal("60000"),
            date(2030, 2, 28),
        )
        assert o.next_step["what"] == "Send the order form" and o.next_step["owner"] == "Al"
        assert o.next_step_date == date(2030, 1, 10)
    assert "no next step" not in c.get(r.headers["location"]).text


def test_winning_a_12_month_annual_deal_dates_its_renewal_at_the_term_end(
    rt: Runtime, as_user: Any, sales: Any, deal: Any
) -> None:
    """Q-7 / issue 17 item 1: the Closed Won move asks for the contract start."""
    with rt.uow() as s:
        o = s.get(Opportunity, deal.id)
        assert o is not None
        o.opp_type, o.stage, o.term_months = "Annual Plan", "Vendor Approval", 12
        o.exit_criteria = {"contract_signed": True}
        o.next_step = {"what": "countersign"}
    c = as_user(sales)
    assert "Contract start (for Closed Won" in c.get(f"/opportunities/{deal.id}").text
    r = post(
        c,
        f"/opportunities/{deal.id}/stage",
        {"stage": "Closed Won", "contract_start": "2030-05-01"},
    )
    assert r.status_code == 303, r.text
    with rt.uow(readonly=True) as s:
        renewal = s.scalar(select(Opportunity).where(Opportunity.renewal_of_id == deal.id))
        assert renewal is not None and renewal.close_date == date(2031, 5, 1)
