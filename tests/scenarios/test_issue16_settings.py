"""Held-out scenarios for issue 16 item 4 and S-4 (P-1, P-2, I-3, I-4, I-8) through the
public API: the sales aliases and the company's own domains are playbook settings that a
version changes; membership, priority, adjustment, time off, role and activation changes
are audited (who, when, before → after); a version that changes score weights or I-8
thresholds is applied by a background job with progress."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from salesops.playbook.loader import default_playbook_text
from salesops.playbook.runtime import Runtime
from salesops.worker import Worker
from tests.factories import make_user
from tests.intake.helpers import mail, post_email, post_product
from tests.scenarios.test_issue16_signups import contact_by_email

MAIL_SETTINGS = (
    default_playbook_text()
    .replace("  sales_aliases: []", "  sales_aliases: [sales@ourco.com, hello@ourco.com]")
    .replace("  company_domains: []", "  company_domains: [ourco.com, ourco.io]")
)


def _activate(client: TestClient, h: dict[str, str], text: str) -> dict[str, Any]:
    r = client.post("/api/v1/playbook/versions", json={"content": text}, headers=h)
    assert r.status_code == 201, r.text
    return r.json()


def test_aliases_and_company_domains_from_a_playbook_version(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], admin: Any
) -> None:
    assert "sales_aliases: []" in default_playbook_text()
    version = _activate(client, admin_headers, MAIL_SETTINGS)
    versions = client.get("/api/v1/playbook/versions", headers=admin_headers).json()
    items = versions["items"] if isinstance(versions, dict) else versions
    latest = max(items, key=lambda v: v["version"])
    assert latest["version"] == version["version"] == 2
    assert str(admin.id) in str(latest) or admin.email in str(latest)
    r = post_email(client, rt, mail(sender="Kim <kim@prospect.io>", to="hello@ourco.com",
                                    subject="Pricing", body="We'd like a quote for 30M events.",
                                    message_id="<a1@prospect.io>"))  # fmt: skip
    assert r.json()["status"] == "accepted" and r.json().get("task_id"), r.text
    r = post_email(client, rt, mail(sender="Bob <bob@ourco.io>", to="sales@ourco.com",
                                    subject="lunch?", body="Anyone up for lunch?",
                                    message_id="<a2@ourco.io>"))  # fmt: skip
    assert r.json()["status"] == "ignored", r.text
    r = post_email(client, rt, mail(sender="Kim <kim2@prospect.io>", to="hello@ourco.com",
                                    cc="sales@example.com", subject="Hi", body="Pricing please",
                                    message_id="<a3@prospect.io>"))  # fmt: skip
    assert r.json()["status"] == "accepted", r.text


def _settings_changes(client: TestClient, h: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    r = client.get("/api/v1/decisions", params={"kind": "settings_change", **params}, headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    return body["items"] if isinstance(body, dict) else body


def test_membership_time_off_role_and_activation_changes_are_audited(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], admin: Any
) -> None:
    ana = make_user(rt, "ana@example.com", name="Ana")
    terr = [t for t in client.get("/api/v1/territories", headers=admin_headers).json()["items"]
            if t["name"] == "Europe & Africa"][0]  # fmt: skip
    before = len(_settings_changes(client, admin_headers))
    r = client.post(f"/api/v1/territories/{terr['id']}/members",
                    json={"user_id": ana.id, "priority": 2}, headers=admin_headers)  # fmt: skip
    assert r.status_code == 201, r.text
    r = client.patch(f"/api/v1/territories/{terr['id']}/members/{ana.id}",
                     json={"priority": 3, "adjustment": 50}, headers=admin_headers)  # fmt: skip
    assert r.status_code == 200, r.text
    today = datetime.now(UTC).date()
    away = {"starts_on": str(today + timedelta(days=3)), "ends_on": str(today + timedelta(days=7))}
    r = client.post(f"/api/v1/users/{ana.id}/time-off", json=away, headers=admin_headers)
    assert r.status_code == 201, r.text
    r = client.patch(f"/api/v1/users/{ana.id}", json={"role": "admin"}, headers=admin_headers)
    assert r.status_code == 200, r.text
    r = client.patch(f"/api/v1/users/{ana.id}", json={"role": "admin"}, headers=admin_headers)
    r = client.patch(
        f"/api/v1/users/{ana.id}", json={"in_round_robin": False}, headers=admin_headers
    )
    assert r.status_code == 200, r.text
    changes = _settings_changes(client, admin_headers)
    assert len(changes) - before == 5, [c["reason"] for c in changes]
    for c in changes[: len(changes) - before]:
        assert c["actor_id"] == admin.id, c
        assert c["at"] or c.get("created_at")
    text = " | ".join(c["reason"] for c in changes)
    assert "priority 2 → 3" in text and "adjustment 0 → 50" in text, text
    assert "sales → admin" in text, text
    assert str(today + timedelta(days=3)) in text, text


CSV = """\
domain,name,industry,employee_count,estimated_revenue,total_funding,country,us_state,\
business_model
midco.com,Mid Co,Consulting,300,5000000,0,USA,CA,b2b
"""


def test_weight_and_threshold_change_applied_by_a_background_job(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "firmographics.csv"
    path.write_text(CSV)
    rt.settings.firmographics_path = path

    def ev(uuid: str, name: str, **props: Any) -> dict[str, Any]:
        return {"event": {"uuid": uuid, "event": name, "distinct_id": "mid-1", "properties": props},
                "person": {"properties": {"email": "ivy@midco.com", "name": "Ivy"}}}  # fmt: skip

    post_product(client, rt, ev("w-1", "user signed up", role_at_organization="engineering"))
    post_product(client, rt, ev("w-2", "events ingested", count=10))
    post_product(client, rt, ev("w-3", "user invited"))
    assert client.get("/api/v1/tasks", headers=admin_headers).json()["items"] == []  # 300 < 500
    ivy = contact_by_email(client, admin_headers, "ivy@midco.com")
    # S-3: 300 employees 10 + $5m 5 + engineering 10 + US 10
    assert ivy["lead_score"] == 35
    draft = (
        default_playbook_text()
        .replace("      min_employees: 500", "      min_employees: 200")
        .replace("    revenue:                       # estimated annual revenue, USD\n"
                 "      - {min: 0, max: 1_000_000, points: 0}\n"
                 "      - {min: 1_000_000, max: 10_000_000, points: 5}",
                 "    revenue:                       # estimated annual revenue, USD\n"
                 "      - {min: 0, max: 1_000_000, points: 0}\n"
                 "      - {min: 1_000_000, max: 10_000_000, points: 8}")
    )  # fmt: skip
    assert draft.count("points: 8") == 1 and "min_employees: 200" in draft
    _activate(client, admin_headers, draft)
    status = client.get("/api/v1/scoring/recompute", headers=admin_headers).json()
    assert status["status"] in ("queued", "running"), status
    assert status["version"] == 2
    Worker(rt).drain(datetime.now(UTC) + timedelta(seconds=5))
    status = client.get("/api/v1/scoring/recompute", headers=admin_headers).json()
    assert status["status"] == "finished" and status["percent"] == 100, status
    assert status["product_led_tasks"] == 1, status
    ivy = contact_by_email(client, admin_headers, "ivy@midco.com")
    assert ivy["lead_score"] == 38
    tasks = client.get("/api/v1/tasks", headers=admin_headers).json()["items"]
    assert [t["lead_source"] for t in tasks] == ["Product-led"]
