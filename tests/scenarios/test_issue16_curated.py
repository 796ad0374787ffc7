"""Held-out scenarios for issue 16 items 2 and 7 (R-1, D-3, X-1) through the public API:
curated sources (a Zendesk ``sf-lead`` ticket, a colleague's forward, manual entry) with
support-looking text are flagged, never disqualified; the contact form keeps R-1's
automatic path; an override back to sales cancels the ticket not yet sent; an
unconfigured channel is "not configured" at once; dead letters are retried or discarded
in bulk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from salesops.playbook.runtime import Runtime
from salesops.worker import Worker
from tests.intake.helpers import mail, post_email, post_form, post_zendesk

PROBLEM = (
    "Hi, our session replay isn't recording since yesterday and the console shows CORS "
    "errors from the SDK. The app crashes on login with a stack trace. Please help!"
)


def tasks(client: TestClient, h: dict[str, str]) -> list[dict[str, Any]]:
    r = client.get("/api/v1/tasks", headers=h)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def tickets_for(client: TestClient, h: dict[str, str], task_id: int) -> list[dict[str, Any]]:
    r = client.get(
        "/api/v1/deliveries",
        params={"channel": "ticketing", "subject_type": "task", "subject_id": task_id},
        headers=h,
    )
    assert r.status_code == 200, r.text
    return r.json()["items"]


def assert_flagged_not_disqualified(client: TestClient, h: dict[str, str], task_id: int) -> None:
    t = client.get(f"/api/v1/tasks/{task_id}", headers=h).json()
    assert t["status"] != "Unqualified", t
    assert t["disqualification_reason"] is None, t
    scores = client.get(f"/api/v1/tasks/{task_id}/scores", headers=h).json()
    assert scores["triage"]["flag"], scores["triage"]
    assert tickets_for(client, h, task_id) == []


def test_zendesk_sf_lead_ticket_with_a_problem_is_flagged(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    r = post_zendesk(
        client,
        rt,
        {
            "ticket": {
                "id": 90210,
                "url": "https://support.example.com/tickets/90210",
                "subject": "Replay broken",
                "tags": "vip sf-lead",
                "requester": {"email": "ops@finco.io", "name": "Ops"},
                "latest_requester_comment": PROBLEM
                + " Also we'd like to talk about an annual plan.",
            }
        },
    )
    assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    assert_flagged_not_disqualified(client, admin_headers, r.json()["task_id"])


def test_colleague_forward_with_support_text_is_flagged(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    body = (
        "Can someone from sales pick this up? They are a big bank.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Carl Customer <carl@custbank.io>\n"
        "Date: Mon, 7 Dec 2026 at 09:00\n"
        "Subject: Charged twice\n"
        "To: Bob <bob@example.com>\n\n"
        "Hello, we were charged twice on our last invoice, please refund one. "
        "The SDK also throws errors.\n"
    )
    raw = mail(
        sender="Bob <bob@example.com>",
        to="sales@example.com",
        subject="Fwd: Charged twice",
        body=body,
        message_id="<fw1@example.com>",
    )
    r = post_email(client, rt, raw)
    assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    [t] = tasks(client, admin_headers)
    c = client.get(f"/api/v1/contacts/{t['contact_id']}", headers=admin_headers).json()
    assert c["email"] == "carl@custbank.io"
    assert_flagged_not_disqualified(client, admin_headers, t["id"])


def test_manual_entry_with_billing_text_is_flagged(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    r = client.post(
        "/api/v1/intake/manual",
        json={
            "lead_source": "Referral",
            "account": {"name": "Rechnung GmbH", "domain": "rechnung.de", "country": "DE"},
            "contact": {"email": "anna@rechnung.de", "name": "Anna"},
            "message": "Wir wurden doppelt belastet, bitte erstatten Sie die Rechnung.",
        },
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    assert_flagged_not_disqualified(client, admin_headers, r.json()["id"])


def test_form_support_is_disqualified_parked_at_once_and_override_cancels_it(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    """R-1 automatic path on the form; X-1 parked at once naming the setting; the
    override to sales cancels the parked ticket (never sent later)."""
    r = post_form(client, rt, email="dev@uncur.io", company="Uncur", message=PROBLEM)
    assert r.status_code == 200, r.text
    [t] = tasks(client, admin_headers)
    assert (t["status"], t["disqualification_reason"]) == ("Unqualified", "Support Request")
    [ticket] = tickets_for(client, admin_headers, t["id"])
    assert ticket["state"] == "pending"
    Worker(rt).drain(datetime.now(UTC))
    ticket = client.get(f"/api/v1/deliveries/{ticket['id']}", headers=admin_headers).json()
    assert ticket["state"] == "parked" and ticket["attempts"] == 0, ticket
    assert "SALESOPS_TICKETING_URL" in ticket["reason"] and "\n" not in ticket["reason"]
    r = client.post(
        f"/api/v1/tasks/{t['id']}/classification",
        json={"classification": "sales"},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "New"
    ticket = client.get(f"/api/v1/deliveries/{ticket['id']}", headers=admin_headers).json()
    assert ticket["state"] == "cancelled", ticket
    rt.settings.ticketing_url = "http://127.0.0.1:9/"
    Worker(rt).drain(datetime.now(UTC) + timedelta(days=1))
    ticket = client.get(f"/api/v1/deliveries/{ticket['id']}", headers=admin_headers).json()
    assert ticket["state"] == "cancelled" and ticket["attempts"] == 0


def test_parked_deliveries_bulk_discard_and_retry(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    for i in range(3):
        post_form(client, rt, email=f"p{i}@bulk{i}.io", company=f"Bulk {i}", message=PROBLEM)
    Worker(rt).drain(datetime.now(UTC))
    parked = client.get(
        "/api/v1/deliveries", params={"state": "parked"}, headers=admin_headers
    ).json()["items"]
    assert len(parked) >= 3
    for d in parked:
        assert d["reason"] and "\n" not in d["reason"] and "Traceback" not in d["reason"]
        assert "not configured" in d["reason"]
    ids = [d["id"] for d in parked]
    r = client.post(
        "/api/v1/deliveries/bulk", json={"action": "discard", "ids": ids[:2]}, headers=admin_headers
    )
    assert r.status_code == 200 and sorted(r.json()["done"]) == sorted(ids[:2]), r.text
    r = client.post(
        "/api/v1/deliveries/bulk", json={"action": "retry", "ids": ids}, headers=admin_headers
    )
    assert r.status_code == 200, r.text
    assert sorted(r.json()["done"]) == sorted(ids[2:])
    assert sorted(int(k) for k in r.json()["refused"]) == sorted(ids[:2])


def test_spam_overridden_to_sales_is_routed_to_an_owner(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    """R-1: spam is disqualified and assigned to no one; a user's override to sales puts
    the lead back in the pipeline: open again and routed (R-3) like any sales lead."""
    from tests.factories import make_user

    rep = make_user(rt, "rep@example.com", territory="Europe & Africa")
    r = post_form(
        client, rt, email="seller@listco.de", company="Listco", country="DE",
        message="Buy our verified B2B email lists! 50,000 leads for $99. Click here, "
                "limited offer, SEO backlinks, unsubscribe anytime.",
    )  # fmt: skip
    assert r.status_code == 200, r.text
    [t] = tasks(client, admin_headers)
    assert t["disqualification_reason"] == "Spam", t
    assert t["owner_id"] is None
    r = client.post(f"/api/v1/tasks/{t['id']}/classification",
                    json={"classification": "sales"}, headers=admin_headers)  # fmt: skip
    assert r.status_code == 200, r.text
    t = client.get(f"/api/v1/tasks/{t['id']}", headers=admin_headers).json()
    assert t["status"] == "New" and t["owner_id"] == rep.id, t
