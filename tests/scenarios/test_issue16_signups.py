"""Held-out scenarios for issue 16 item 1 (I-1, I-6, I-7, I-8, S-1 … S-4) through the
public API, the way a team's product and tools send them: the analytics SDK's `/batch/`
($identify then "user signed up" with no email on the event), a contact form, a Slack
join, manual entry. Expected scores are computed here from the default playbook's tables,
not read back from the product."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient

from salesops.playbook.runtime import Runtime
from tests.intake.helpers import post_form, post_slack

CSV = """\
domain,name,industry,employee_count,estimated_revenue,total_funding,country,us_state,\
business_model
bigbank.com,Big Bank,Financial Services,800,25000000,30000000,USA,NY,b2b
tinyshop.de,Tiny Shop,Retail,8,500000,0,Germany,,b2c
hugecorp.fr,Huge Corp,Consulting,5000,250000000,0,France,,b2b
"""


@pytest.fixture
def firmo(rt: Runtime, tmp_path: Path) -> None:
    path = tmp_path / "firmographics.csv"
    path.write_text(CSV)
    rt.settings.firmographics_path = path


def icp(industry: str, employees: int, revenue: int, funding: int, role: str, b2b: bool) -> int:
    """S-2 from seed 001's factors with the default weights, rounded half up."""
    pts = 0.0
    if industry in {"Financial Services", "Health Care", "Biotechnology"}:
        pts += 1
    elif industry in {"Internet Software & Services", "Consulting", "Computer Networking"}:
        pts += 0.5
    if 10 <= employees < 100:
        pts += 0.25
    elif 100 <= employees <= 1000:
        pts += 1
    elif employees > 1000:
        pts += 0.75
    if revenue > 10_000_000 or funding > 20_000_000:
        pts += 1
    pts += {"engineering": 1, "leadership": 0.75, "product": 0.75}.get(role, 0)
    pts += 1 if b2b else 0
    return int(pts + 0.5)


def lead(employees: int, revenue: int, role: str, sub_role: str | None, country: str) -> int:
    """S-3 from the handbook's lead scoring table."""
    pts = 0 if employees <= 10 else 10 if employees <= 1000 else 20
    pts += 0 if revenue < 1e6 else 5 if revenue < 1e7 else 10 if revenue < 1e8 else 20
    pts += {"engineering": 10, "product": 10, "leadership": 10, "marketing": 5}.get(role, 0)
    pts += 10 if sub_role in {"software_engineer", "founder-ceo", "web_engineer"} else 0
    pts += 10 if country in {"AT", "CA", "FR", "DE", "JP", "NO", "SE", "GB", "US"} else 0
    return pts


def sdk(client: TestClient, rt: Runtime, events: list[dict[str, Any]]) -> dict[str, Any]:
    body = {"api_key": rt.settings.product_api_key, "batch": events}
    r = client.post(
        "/batch/", content=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 200, r.text
    return r.json()


def identify(uuid: str, distinct: str, email: str, name: str) -> dict[str, Any]:
    return {
        "event": "$identify",
        "uuid": uuid,
        "distinct_id": distinct,
        "timestamp": "2026-12-07T09:00:00Z",
        "properties": {"$set": {"email": email, "name": name}},
    }


def signed_up(uuid: str, distinct: str, **props: Any) -> dict[str, Any]:
    return {
        "event": "user signed up",
        "uuid": uuid,
        "distinct_id": distinct,
        "timestamp": "2026-12-07T09:00:01Z",
        "properties": {
            "selected_deployment_type": "cloud",
            "is_organization_first_user": True,
            **props,
        },
    }


def contact_by_email(client: TestClient, h: dict[str, str], email: str) -> dict[str, Any]:
    r = client.get("/api/v1/contacts", params={"q": email}, headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    items = body["items"] if isinstance(body, dict) else body
    [c] = [c for c in items if c["email"] == email]
    return client.get(f"/api/v1/contacts/{c['id']}", headers=h).json()


def account(client: TestClient, h: dict[str, str], account_id: int) -> dict[str, Any]:
    r = client.get(f"/api/v1/accounts/{account_id}", headers=h)
    assert r.status_code == 200, r.text
    return r.json()


def test_sdk_identify_then_signup_is_enriched_scored_and_reviewed(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], firmo: None
) -> None:
    """I-1 via the SDK: the email comes from $identify; S-1 … S-3 on the signup; the
    "New signups by ICP" view lists it (ICP > 3); "make a lead task" routes one task."""
    out = sdk(
        client,
        rt,
        [
            identify("11111111-0000-0000-0000-000000000001", "d-ana", "ana@bigbank.com", "Ana"),
            signed_up(
                "11111111-0000-0000-0000-000000000002", "d-ana", role_at_organization="engineering"
            ),
        ],
    )
    assert out.get("rejected", 0) == 0, out
    c = contact_by_email(client, admin_headers, "ana@bigbank.com")
    a = account(client, admin_headers, c["account_id"])
    assert a["employee_count"] == 800 and a["industry"] == "Financial Services"
    assert a["icp_score"] == icp(
        "Financial Services", 800, 25_000_000, 30_000_000, "engineering", True
    )
    assert c["lead_score"] == lead(800, 25_000_000, "engineering", None, "US")
    r = client.get(
        "/api/v1/intake/signups",
        params={"view": "high", "day": "2026-12-07"},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    rows = body["items"] if isinstance(body, dict) else body
    assert [row["contact_id"] for row in rows] == [c["id"]], rows
    rest = client.get(
        "/api/v1/intake/signups",
        params={"view": "rest", "day": "2026-12-07"},
        headers=admin_headers,
    ).json()
    rest_rows = rest["items"] if isinstance(rest, dict) else rest
    assert rest_rows == []
    r = client.post(f"/api/v1/intake/signups/{c['id']}/lead-task", headers=admin_headers)
    assert r.status_code in (200, 201), r.text
    task_id = r.json()["id"] if "id" in r.json() else r.json()["task_id"]
    r2 = client.post(f"/api/v1/intake/signups/{c['id']}/lead-task", headers=admin_headers)
    again = r2.json()["id"] if "id" in r2.json() else r2.json()["task_id"]
    assert again == task_id
    t = client.get(f"/api/v1/tasks/{task_id}", headers=admin_headers).json()
    assert t["lead_source"] == "Product signup" and t["account_id"] == a["id"]


def test_sdk_signup_then_i8_fires_on_enriched_employees(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], firmo: None
) -> None:
    """I-8 after S-1, all through /batch/: nobody sets the employee count."""
    sdk(
        client,
        rt,
        [
            identify("22222222-0000-0000-0000-000000000001", "d-bo", "bo@bigbank.com", "Bo"),
            signed_up(
                "22222222-0000-0000-0000-000000000002", "d-bo", role_at_organization="founder"
            ),
            {
                "event": "events ingested",
                "uuid": "22222222-0000-0000-0000-000000000003",
                "distinct_id": "d-bo",
                "properties": {"count": 5},
            },
        ],
    )
    tasks = client.get("/api/v1/tasks", headers=admin_headers).json()["items"]
    assert tasks == []
    sdk(
        client,
        rt,
        [
            {
                "event": "user invited",
                "uuid": "22222222-0000-0000-0000-000000000004",
                "distinct_id": "d-bo",
                "properties": {},
            }
        ],
    )
    tasks = client.get("/api/v1/tasks", headers=admin_headers).json()["items"]
    assert [t["lead_source"] for t in tasks] == ["Product-led"], tasks


def test_small_company_signup_goes_to_the_rest_view(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], firmo: None
) -> None:
    sdk(
        client,
        rt,
        [
            identify("33333333-0000-0000-0000-000000000001", "d-cy", "cy@tinyshop.de", "Cy"),
            signed_up(
                "33333333-0000-0000-0000-000000000002", "d-cy", role_at_organization="marketing"
            ),
        ],
    )
    c = contact_by_email(client, admin_headers, "cy@tinyshop.de")
    a = account(client, admin_headers, c["account_id"])
    assert a["icp_score"] == icp("Retail", 8, 500_000, 0, "marketing", False) == 0
    assert c["lead_score"] == lead(8, 500_000, "marketing", None, "DE") == 15
    hi = client.get(
        "/api/v1/intake/signups",
        params={"view": "high", "day": "2026-12-07"},
        headers=admin_headers,
    ).json()
    rest = client.get(
        "/api/v1/intake/signups",
        params={"view": "rest", "day": "2026-12-07"},
        headers=admin_headers,
    ).json()
    hi = hi["items"] if isinstance(hi, dict) else hi
    rest = rest["items"] if isinstance(rest, dict) else rest
    assert hi == [] and [r["contact_id"] for r in rest] == [c["id"]]


def test_form_then_second_form_with_new_role_rescores(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], firmo: None
) -> None:
    """I-2 + S-4: a second form from the same person with a role recomputes the score."""
    r = post_form(
        client,
        rt,
        email="dee@hugecorp.fr",
        name="Dee",
        company="Huge Corp",
        message="We want a quote for 20M events a month",
        submission_id="f-1",
    )
    assert r.status_code == 200, r.text
    c = contact_by_email(client, admin_headers, "dee@hugecorp.fr")
    a = account(client, admin_headers, c["account_id"])
    assert a["employee_count"] == 5000
    assert c["lead_score"] == lead(5000, 250_000_000, "other", None, "FR") == 50
    assert a["icp_score"] == icp("Consulting", 5000, 250_000_000, 0, "other", True)
    r = post_form(
        client,
        rt,
        email="dee@hugecorp.fr",
        name="Dee",
        company="Huge Corp",
        role="Staff Software Engineer",
        message="Following up",
        submission_id="f-2",
    )
    assert r.status_code == 200, r.text
    c = contact_by_email(client, admin_headers, "dee@hugecorp.fr")
    assert (
        c["lead_score"] == lead(5000, 250_000_000, "engineering", "software_engineer", "FR") == 70
    )
    a = account(client, admin_headers, c["account_id"])
    assert a["icp_score"] == icp("Consulting", 5000, 250_000_000, 0, "engineering", True)


def test_slack_join_and_manual_entry_are_enriched_and_scored(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], firmo: None
) -> None:
    join = {
        "type": "event_callback",
        "event_id": "EvJ1",
        "event": {
            "type": "team_join",
            "user": {
                "id": "U9X",
                "profile": {
                    "email": "eve@bigbank.com",
                    "real_name": "Eve",
                    "title": "Product Manager",
                },
            },
        },
    }
    assert post_slack(client, rt, join).json()["status"] == "accepted"
    c = contact_by_email(client, admin_headers, "eve@bigbank.com")
    assert c["lead_score"] == lead(800, 25_000_000, "product", None, "US") == 40
    r = client.post(
        "/api/v1/intake/manual",
        json={
            "lead_source": "Referral",
            "account": {"name": "Huge Corp", "domain": "hugecorp.fr"},
            "contact": {"email": "fay@hugecorp.fr", "name": "Fay", "title": "CTO"},
            "message": "Met at a conference",
        },
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    c = contact_by_email(client, admin_headers, "fay@hugecorp.fr")
    a = account(client, admin_headers, c["account_id"])
    assert a["employee_count"] == 5000
    assert c["lead_score"] == lead(5000, 250_000_000, "leadership", None, "FR") == 60
    assert a["icp_score"] == icp("Consulting", 5000, 250_000_000, 0, "leadership", True)


def test_imported_contacts_and_leads_are_enriched_and_scored(
    client: TestClient,
    rt: Runtime,
    admin_headers: dict[str, str],
    firmo: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16 item 1 on the import path: S-1 from the firmographics file, then S-2/S-3."""
    from typer.testing import CliRunner

    from salesops import cli

    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    monkeypatch.setenv("SALESOPS_FIRMOGRAPHICS_PATH", str(rt.settings.firmographics_path))
    cols = tmp_path / "cols.yaml"
    cols.write_text("id: Id\nemail: Email\nname: Name\ntitle: Title\nstatus: Status\n")
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "Id,Email,Name,Title,Status\n"
        "L1,gus@bigbank.com,Gus,Software Engineer,New\n"
        "L2,hal@hugecorp.fr,Hal,Head of Growth,Working\n"
    )
    out = CliRunner().invoke(
        cli.app, ["import", "csv", "leads", str(leads), "--columns", str(cols), "--quiet",
                  "--errors", str(tmp_path / "err.csv")],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    gus = contact_by_email(client, admin_headers, "gus@bigbank.com")
    a = account(client, admin_headers, gus["account_id"])
    assert a["employee_count"] == 800, a
    assert gus["lead_score"] == lead(800, 25_000_000, "engineering", "software_engineer", "US")
    assert a["icp_score"] == icp(
        "Financial Services", 800, 25_000_000, 30_000_000, "engineering", True
    )
    hal = contact_by_email(client, admin_headers, "hal@hugecorp.fr")
    assert hal["lead_score"] == lead(5000, 250_000_000, "marketing", None, "FR") == 55


@time_machine.travel(datetime(2026, 12, 7, 12, 0, tzinfo=UTC), tick=False)  # the events' day
def test_signups_web_page_lists_by_icp_and_makes_a_lead_task_in_one_click(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], firmo: None
) -> None:
    from tests.web.conftest import log_in, post

    sdk(client, rt, [
        identify("44444444-0000-0000-0000-000000000001", "d-jo", "jo@bigbank.com", "Jo Web"),
        signed_up("44444444-0000-0000-0000-000000000002", "d-jo",
                  role_at_organization="engineering"),
        identify("44444444-0000-0000-0000-000000000003", "d-ki", "ki@tinyshop.de", "Ki Small"),
        signed_up("44444444-0000-0000-0000-000000000004", "d-ki"),
    ])  # fmt: skip
    jo = contact_by_email(client, admin_headers, "jo@bigbank.com")
    web = TestClient(client.app, headers={"accept": "text/html"})
    with web:
        log_in(web, "admin@example.com", "admin-password")
        page = web.get("/signups").text
        assert "Jo Web" in page and "Ki Small" not in page
        assert "Ki Small" in web.get("/signups?view=rest").text
        r = post(web, f"/signups/{jo['id']}/lead-task")
        assert r.status_code == 303, r.text[:300]
        post(web, f"/signups/{jo['id']}/lead-task")
    items = client.get("/api/v1/tasks", headers=admin_headers).json()["items"]
    assert [(t["contact_id"], t["lead_source"]) for t in items] == [(jo["id"], "Product signup")]


def test_signups_day_outside_the_calendar_is_named_not_a_generic_overflow(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    """I-1 review page: ``day=9999-12-31`` answered 422 naming "body" (an overflow caught
    late); now the API names ``day`` and the page shows today."""
    r = client.get("/api/v1/intake/signups", params={"day": "9999-12-31"}, headers=admin_headers)
    assert r.status_code == 422 and r.json()["field"] == "day", r.text
    from tests.web.conftest import log_in

    web = TestClient(client.app, headers={"accept": "text/html"})
    with web:
        log_in(web, "admin@example.com", "admin-password")
        assert web.get("/signups?day=9999-12-31").status_code == 200


def test_s4_edits_and_later_channels_rescore_and_i8_rechecks_at_once(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], firmo: None
) -> None:
    """S-4 on the edit paths: a contact's title edited over the API, a Slack join that
    brings a title, an account's employee count edited → scores follow; I-8 re-checked."""
    h = admin_headers
    sdk(client, rt, [
        identify("55555555-0000-0000-0000-000000000001", "d-lu", "lu@tinyshop.de", "Lu"),
        signed_up("55555555-0000-0000-0000-000000000002", "d-lu"),
        {"event": "events ingested", "uuid": "55555555-0000-0000-0000-000000000003",
         "distinct_id": "d-lu", "properties": {"count": 2}},
        {"event": "user invited", "uuid": "55555555-0000-0000-0000-000000000004",
         "distinct_id": "d-lu", "properties": {}},
    ])  # fmt: skip
    lu = contact_by_email(client, h, "lu@tinyshop.de")
    assert lu["lead_score"] == lead(8, 500_000, "other", None, "DE") == 10
    assert client.get("/api/v1/tasks", headers=h).json()["items"] == []  # 8 employees
    r = client.patch(f"/api/v1/contacts/{lu['id']}", json={"title": "VP Engineering"}, headers=h)
    assert r.status_code == 200, r.text
    lu = contact_by_email(client, h, "lu@tinyshop.de")
    assert lu["lead_score"] == lead(8, 500_000, "leadership", None, "DE") == 20
    a = account(client, h, lu["account_id"])
    assert a["icp_score"] == icp("Retail", 8, 500_000, 0, "leadership", False) == 1
    join = {"type": "event_callback", "event_id": "EvJ9", "event": {"type": "team_join",
            "user": {"id": "U0LU", "profile": {"email": "mo@tinyshop.de", "real_name": "Mo",
                                               "title": "Founder & CEO"}}}}  # fmt: skip
    assert post_slack(client, rt, join).json()["status"] == "accepted"
    mo = contact_by_email(client, h, "mo@tinyshop.de")
    assert mo["lead_score"] == lead(8, 500_000, "leadership", "founder-ceo", "DE") == 30
    r = client.patch(f"/api/v1/accounts/{a['id']}", json={"employee_count": 650}, headers=h)
    assert r.status_code == 200, r.text
    lu = contact_by_email(client, h, "lu@tinyshop.de")
    assert lu["lead_score"] == lead(650, 500_000, "leadership", None, "DE") == 30
    items = client.get("/api/v1/tasks", headers=h).json()["items"]
    assert [t["lead_source"] for t in items] == ["Product-led"], items
