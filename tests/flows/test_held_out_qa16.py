"""Held-out check qa16 (issue 16 item 6), through the public API: Q-13's decline
suggestion on a lead task's answer, and A-4's Slack member ids refused when they are
not ids (a name or an email could never match a Slack message's author); R-8's preview
refusing volumes intake refuses (NaN, infinity, negative)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from salesops import cli
from salesops.playbook.loader import default_playbook_text
from salesops.playbook.runtime import Runtime
from tests.factories import make_account, make_contact, make_user, token_for


def test_q13_task_answer_carries_the_unsolicited_rfp_suggestion(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    """Q-13: the flag exists on tasks, and "the task shows the same suggestion" — the
    web page did, the API's task answer did not (a team's own tools read the API)."""
    account = make_account(rt, "Tender Corp", domain="tendercorp.de", country="DE")
    contact = make_contact(rt, "buyer@tendercorp.de", account_id=account.id)
    r = client.post(
        "/api/v1/tasks",
        json={"account_id": account.id, "contact_id": contact.id, "lead_source": "Email"},
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    task_id = r.json()["id"]
    assert r.json()["rfp_suggestion"] is None
    r = client.patch(f"/api/v1/tasks/{task_id}", json={"rfp": "unsolicited"}, headers=admin_headers)
    assert r.status_code == 200, r.text
    hint = r.json()["rfp_suggestion"]
    assert hint and "Unsolicited RFP" in hint
    assert (
        client.get(f"/api/v1/tasks/{task_id}", headers=admin_headers).json()["rfp_suggestion"]
        == hint
    )
    r = client.patch(f"/api/v1/tasks/{task_id}", json={"rfp": "solicited"}, headers=admin_headers)
    assert r.json()["rfp_suggestion"] is None
    listed = client.get("/api/v1/tasks", headers=admin_headers).json()["items"]
    assert {t["id"] for t in listed} == {task_id}


def test_a4_slack_member_id_is_validated_on_every_path(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    """A-4 counts a colleague's Slack messages once their member id is mapped; a value
    that is not a member id ("not an id!", "@bob", an email) used to be saved and never
    matched. Refused with a 422 naming slack_user_id; a lower-case id is upper-cased."""
    bob = make_user(rt, "bob@example.com", name="Bob")
    url = f"/api/v1/users/{bob.id}/slack-user-id"
    for bad in ("not an id!", "@bob", "bob@example.com", "C0CHANNEL", "U"):
        r = client.put(url, json={"slack_user_id": bad}, headers=admin_headers)
        assert r.status_code == 422, (bad, r.text)
        assert r.json()["field"] == "slack_user_id" and "Slack member id" in r.json()["detail"]
    r = client.put(url, json={"slack_user_id": " u012ab3cd "}, headers=admin_headers)
    assert r.status_code == 200 and r.json()["slack_user_id"] == "U012AB3CD"
    own = {"Authorization": f"Bearer {token_for(rt, bob)}"}
    r = client.put(
        "/api/v1/notifications/preferences", json={"slack_user_id": "Bob Smith"}, headers=own
    )
    assert r.status_code == 422 and r.json()["field"] == "slack_user_id"
    r = client.put(
        "/api/v1/notifications/preferences", json={"slack_user_id": "W0ENTERPRISE"}, headers=own
    )
    assert r.status_code == 200 and r.json()["slack_user_id"] == "W0ENTERPRISE"
    r = client.put(url, json={"slack_user_id": ""}, headers=admin_headers)
    assert r.status_code == 200 and r.json()["slack_user_id"] is None


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-4", "1e400", '"lots"', "true", "2.5"])
def test_r8_preview_refuses_a_volume_that_is_not_a_count(
    rt: Runtime,
    client: TestClient,
    admin_headers: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    bad: str,
) -> None:
    """Issue 16 item 6 on R-8's path: intake and manual entry refuse NaN, infinity or a
    negative volume, but the routing preview took them (API and CLI) and showed them as
    "states usage volume" (R-1). Now a 422 / exit 1 naming the field, like intake."""
    for field in ("monthly_events", "mau"):
        body = f'{{"email": "cto@previewco.com", "country": "DE", "{field}": {bad}}}'
        r = client.post(
            "/api/v1/routing/preview",
            content=body,
            headers={**admin_headers, "Content-Type": "application/json"},
        )
        assert r.status_code == 422, (field, bad, r.text)
        assert r.json()["field"] == field and "whole number" in r.json()["detail"]
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    out = CliRunner().invoke(cli.app, ["route", "--preview", body])
    assert out.exit_code == 1 and "mau must be a whole number" in out.output
    assert "Traceback" not in out.output


def test_r8_preview_takes_a_real_volume(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    r = client.post(
        "/api/v1/routing/preview",
        json={"email": "cto@previewco.com", "country": "DE", "monthly_events": 5e6, "mau": 0},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["classification"]["label"] == "sales"


def test_p2_mapping_moves_contacts_lead_source_and_revisit_reason_too(
    rt: Runtime, client: TestClient, admin_headers: dict[str, str]
) -> None:
    """P-2: a renamed lead source and a renamed Prospect reason, activated with an
    old → new mapping, moved the tasks but left the contact's lead source (O-2) and the
    revisit list's reason (D-4) on the old names; they now move in the same transaction."""
    owner = make_user(rt, "owner@example.com", name="Owner")
    r = client.post(
        "/api/v1/intake/manual",
        json={
            "lead_source": "Referral",
            "contact": {"email": "rita@renameco.com", "name": "Rita"},
            "message": "call me next quarter",
        },
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    task, contact_id = r.json()["id"], r.json()["contact_id"]
    client.patch(f"/api/v1/tasks/{task}", json={"owner_id": owner.id}, headers=admin_headers)
    r = client.post(
        f"/api/v1/tasks/{task}/disqualify",
        json={"reason": "No Response – Prospect", "revisit_on": "2099-01-05"},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    text = (
        default_playbook_text()
        .replace("No Response – Prospect", "No Reply – Prospect")
        .replace("Referral", "Referral partner")
    )
    mapping = {
        "disqualification_reason": {"No Response – Prospect": "No Reply – Prospect"},
        "lead_source": {"Referral": "Referral partner"},
    }
    r = client.post(
        "/api/v1/playbook/versions",
        json={"content": text, "mapping": mapping},
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    contact = client.get(f"/api/v1/contacts/{contact_id}", headers=admin_headers).json()
    assert contact["lead_source"] == "Referral partner"
    revisits = client.get("/api/v1/revisits", headers=admin_headers).json()
    assert [v["revisit_reason"] for v in revisits] == ["No Reply – Prospect"]
    got = client.get(f"/api/v1/tasks/{task}", headers=admin_headers).json()
    assert (got["lead_source"], got["disqualification_reason"]) == (
        "Referral partner",
        "No Reply – Prospect",
    )
