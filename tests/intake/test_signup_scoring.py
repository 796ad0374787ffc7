"""Signups are leads too (issue 16 item 1): I-1 / I-6 contacts are enriched (S-1) and
scored (S-2, S-3), rescored when their inputs change (S-4), and I-8 reads the enriched
firmographics — nobody sets the employee count by hand."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.accounts.models import Account, Contact
from salesops.intake.models import ProductSignals
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.intake.helpers import post_product, post_slack
from tests.intake.test_product_events import event, signup
from tests.intake.test_zendesk_slack_manual import join

CSV = """\
domain,name,industry,employee_count,estimated_revenue,total_funding,country,us_state,\
business_model
acme.io,Acme,Financial Services,800,25000000,30000000,USA,NY,b2b
startup.io,Startup,Internet Software & Services,40,2000000,5000000,Germany,,b2b
"""


def firmographics(rt: Runtime, tmp_path: Path) -> None:
    path = tmp_path / "firmographics.csv"
    path.write_text(CSV)
    rt.settings.firmographics_path = path


def test_i1_s1_s2_s3_signup_from_a_known_company_is_enriched_and_scored(
    client: TestClient, rt: Runtime, tmp_path: Path
) -> None:
    """I-1 + S-1 … S-3: a product signup (no task) gets employee count, ICP and lead score."""
    firmographics(rt, tmp_path)
    r = post_product(client, rt, signup("sg-1"))
    assert r.json()["status"] == "accepted", r.text
    with rt.uow(readonly=True) as s:
        acct = s.scalar(select(Account).where(Account.domain == "acme.io"))
        con = s.scalar(select(Contact).where(Contact.email == "jane@acme.io"))
        assert acct.employee_count == 800 and acct.industry == "Financial Services"
        assert acct.icp_score is not None and acct.icp_score >= 4
        assert acct.icp_breakdown
        assert (con.role, con.sub_role) == ("engineering", "software_engineer")
        # S-3: 11–1000 → 10, $10–100m → 10, engineering 10, software_engineer 10, US 10
        assert con.lead_score == 50 and con.lead_score_breakdown
        assert s.scalar(select(Task)) is None  # I-1: still a contact, not a task


def test_i8_fires_on_employee_count_the_firmographics_file_supplies(
    client: TestClient, rt: Runtime, tmp_path: Path
) -> None:
    """I-8 after S-1: 800 employees from the firmographics file, an event, an invite → task."""
    firmographics(rt, tmp_path)
    post_product(client, rt, signup("p-1"))
    post_product(client, rt, event("p-2", "events ingested", count=3))
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Task)) is None  # nobody invited yet
    r = post_product(client, rt, event("p-3", "user invited"))
    assert "task_id" in r.json(), r.text
    with rt.uow(readonly=True) as s:
        [task] = s.scalars(select(Task)).all()
        assert task.lead_source == "Product-led"
        assert s.scalar(select(ProductSignals)).fired_rules == ["Large company activation"]


def test_i8_small_company_from_the_file_does_not_fire(
    client: TestClient, rt: Runtime, tmp_path: Path
) -> None:
    """I-8: 40 employees (from the file) stays a contact however active it is."""
    firmographics(rt, tmp_path)
    post_product(client, rt, signup("q-1", email="ana@startup.io"))
    post_product(client, rt, event("q-2", "events ingested", email="ana@startup.io", count=9))
    post_product(client, rt, event("q-3", "user invited", email="ana@startup.io"))
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Task)) is None
        assert s.scalar(select(Account).where(Account.domain == "startup.io")).employee_count == 40


def test_s4_a_second_signup_setting_role_at_organization_rescores(
    client: TestClient, rt: Runtime, tmp_path: Path
) -> None:
    """S-4: an intake update (role_at_organization on a later signup) recomputes the scores."""
    firmographics(rt, tmp_path)
    post_product(client, rt, signup("r-1", role_at_organization=None))
    with rt.uow(readonly=True) as s:
        before = s.scalar(select(Contact).where(Contact.email == "jane@acme.io")).lead_score
    post_product(client, rt, signup("r-2", role_at_organization="engineering"))
    with rt.uow(readonly=True) as s:
        con = s.scalar(select(Contact).where(Contact.email == "jane@acme.io"))
        assert con.role == "engineering"
        assert con.lead_score is not None and before is not None
        assert con.lead_score > before


def test_i6_s1_slack_join_is_enriched_and_scored(
    client: TestClient, rt: Runtime, tmp_path: Path
) -> None:
    """I-6 + S-1 … S-3: a Slack join from a known company is enriched and scored (no task)."""
    firmographics(rt, tmp_path)
    assert post_slack(client, rt, join("EvS1")).json()["status"] == "accepted"
    with rt.uow(readonly=True) as s:
        acct = s.scalar(select(Account).where(Account.domain == "startup.io"))
        con = s.scalar(select(Contact).where(Contact.email == "dev@startup.io"))
        assert acct.employee_count == 40 and acct.icp_score is not None
        assert con.lead_score is not None
        assert s.scalar(select(Task)) is None


def test_i7_s1_s2_s3_contact_entered_by_hand_is_enriched_and_scored(
    client: TestClient, rt: Runtime, tmp_path: Path, admin_headers: dict[str, str]
) -> None:
    """I-7 + S-1 … S-3: an account and a contact created by hand (no task) are scored."""
    firmographics(rt, tmp_path)
    r = client.post(
        "/api/v1/accounts", json={"name": "Acme", "domain": "acme.io"}, headers=admin_headers
    )
    assert r.status_code == 201, r.text
    assert r.json()["employee_count"] == 800 and r.json()["icp_score"] is not None
    r = client.post(
        "/api/v1/contacts",
        json={"email": "vp@acme.io", "name": "Vee", "title": "VP Engineering"},
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    with rt.uow(readonly=True) as s:
        con = s.scalar(select(Contact).where(Contact.email == "vp@acme.io"))
        assert con.lead_score is not None and con.lead_score >= 30
        assert con.lead_score_breakdown


def test_s4_a_second_form_with_new_data_rescores(
    client: TestClient, rt: Runtime, tmp_path: Path
) -> None:
    """S-4: an intake update through a second contact form (a role now given) recomputes
    the contact's lead score."""
    from tests.intake.helpers import post_form

    firmographics(rt, tmp_path)
    r = post_form(client, rt, email="kim@acme.io", submission_id="f-1", message="Pricing?")
    assert r.status_code == 200, r.text
    with rt.uow(readonly=True) as s:
        before = s.scalar(select(Contact).where(Contact.email == "kim@acme.io")).lead_score
    post_form(
        client, rt, email="kim@acme.io", submission_id="f-2", role="engineering",
        message="Pricing for 40 engineers?",
    )  # fmt: skip
    with rt.uow(readonly=True) as s:
        con = s.scalar(select(Contact).where(Contact.email == "kim@acme.io"))
        assert con.role == "engineering"
        assert before is not None and con.lead_score is not None and con.lead_score > before
