"""I-1 review (issue 16 item 1, seed 001): "New signups by ICP" — the day's signups with
ICP above 3 first, a second view for the rest, and one click makes a lead task."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.accounts.models import Contact
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_user
from tests.intake.helpers import post_product
from tests.intake.test_product_events import signup
from tests.web.conftest import post

CSV = """\
domain,name,industry,employee_count,estimated_revenue,total_funding,country,us_state,\
business_model
bankly.io,Bankly,Financial Services,400,50000000,40000000,USA,NY,b2b
tinyshop.io,Tinyshop,Retail,4,100000,0,Chile,,b2c
"""
TODAY = "2024-05-01"  # signup() stamps its events 2024-05-01T10:00:00Z


def _signups(client: TestClient, rt: Runtime, tmp_path: Path) -> None:
    path = tmp_path / "firmographics.csv"
    path.write_text(CSV)
    rt.settings.firmographics_path = path
    post_product(client, rt, signup("s-1", email="ana@bankly.io"))
    post_product(client, rt, signup("s-2", email="bo@tinyshop.io", role_at_organization="other"))


def test_i1_s2_signups_api_splits_the_day_by_icp(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], tmp_path: Path
) -> None:
    """I-1 + S-2: ICP > 3 in the first view, the rest in the second, scored at intake."""
    _signups(client, rt, tmp_path)
    high = client.get(f"/api/v1/intake/signups?view=high&day={TODAY}", headers=admin_headers)
    assert high.status_code == 200, high.text
    assert [r["email"] for r in high.json()["items"]] == ["ana@bankly.io"]
    assert high.json()["icp_above"] == 3 and high.json()["items"][0]["icp_score"] > 3
    rest = client.get(f"/api/v1/intake/signups?view=rest&day={TODAY}", headers=admin_headers)
    assert [r["email"] for r in rest.json()["items"]] == ["bo@tinyshop.io"]
    other_day = client.get("/api/v1/intake/signups?day=2024-05-02", headers=admin_headers)
    assert other_day.json()["items"] == []


def test_i1_one_click_makes_one_routed_lead_task(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], tmp_path: Path
) -> None:
    """I-1: "make a lead task" creates a Product signup task through the pipeline; a second
    click returns the same open task."""
    _signups(client, rt, tmp_path)
    with rt.uow(readonly=True) as s:
        contact_id = s.scalar(select(Contact.id).where(Contact.email == "ana@bankly.io"))
    r = client.post(f"/api/v1/intake/signups/{contact_id}/lead-task", headers=admin_headers)
    assert r.status_code == 201, r.text
    task = r.json()
    assert task["lead_source"] == "Product signup" and task["classification"] == "sales"
    again = client.post(f"/api/v1/intake/signups/{contact_id}/lead-task", headers=admin_headers)
    assert again.status_code == 200 and again.json()["id"] == task["id"]
    listed = client.get(f"/api/v1/intake/signups?day={TODAY}", headers=admin_headers).json()
    assert listed["items"][0]["open_task_id"] == task["id"]


def test_i1_signups_page_and_its_button(
    client: TestClient,
    rt: Runtime,
    tmp_path: Path,
    as_user: Callable[..., TestClient],
) -> None:
    """I-1 (web): both views render; the button makes the task and opens it."""
    _signups(client, rt, tmp_path)
    rep = as_user(make_user(rt, "rep@example.com", role="sales"))
    page = rep.get(f"/signups?day={TODAY}")
    assert page.status_code == 200
    assert "ana@bankly.io" in page.text and "bo@tinyshop.io" not in page.text
    assert "Make a lead task" in page.text
    rest = rep.get(f"/signups?view=rest&day={TODAY}")
    assert "bo@tinyshop.io" in rest.text and "ana@bankly.io" not in rest.text
    with rt.uow(readonly=True) as s:
        contact_id = s.scalar(select(Contact.id).where(Contact.email == "ana@bankly.io"))
    r = post(rep, f"/signups/{contact_id}/lead-task")
    assert r.status_code == 303 and r.headers["location"].startswith("/tasks/")
    with rt.uow(readonly=True) as s:
        [task] = s.scalars(select(Task)).all()
        assert task.contact_id == contact_id and task.lead_source == "Product signup"
    assert f"/tasks/{task.id}" in rep.get(f"/signups?day={TODAY}").text
