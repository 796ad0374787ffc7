"""R-1 on every path (issue 16 item 2): a lead a person chose (a support agent's sf-lead
ticket, a colleague's forward, a manual entry) is never auto-disqualified — support-looking
text flags it for the owner — and an override back to sales cancels what the automatic
disqualification queued and has not sent."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.core.audit import Decision
from salesops.core.outbox import Delivery
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task
from tests.intake.helpers import post_zendesk
from tests.intake.test_zendesk_slack_manual import ticket

PROBLEM = "Session replay isn't recording anything since yesterday, console shows CORS errors."


def _tickets(rt: Runtime, task_id: int) -> list[Delivery]:
    with rt.uow(readonly=True) as s:
        return list(
            s.scalars(
                select(Delivery).where(
                    Delivery.channel == "ticketing",
                    Delivery.subject_type == "task",
                    Delivery.subject_id == task_id,
                )
            )
        )


def test_r1_zendesk_sf_lead_ticket_with_a_problem_is_flagged_not_disqualified(
    client: TestClient, rt: Runtime
) -> None:
    """R-1 + I-5: the agent tagged it sf-lead; the comment reads like support. The task stays
    open as a sales lead, flagged with the signals; no ticket goes back to support."""
    body = ticket("sf-lead")
    body["ticket"]["latest_requester_comment"] = PROBLEM
    r = post_zendesk(client, rt, body)
    assert r.json()["status"] == "accepted", r.text
    with rt.uow(readonly=True) as s:
        [task] = s.scalars(select(Task)).all()
        assert task.lead_source == "Zendesk"
        assert task.status not in ("Unqualified", "Converted")
        assert task.disqualification_reason is None
        assert task.classification == "sales"
        flag = task.triage["flag"]
        assert flag["looks_like"] == "support" and "R-1" in flag["rule_ids"]
        assert flag["signals"] and all(sig["label"] == "support" for sig in flag["signals"])
        assert "owner decides" in flag["why"]
        d = s.scalars(
            select(Decision).where(Decision.kind == "classify", Decision.subject_id == task.id)
        ).one()
        assert d.outcome["flagged"] is True and d.outcome["looks_like"] == "support"
        task_id = task.id
    assert _tickets(rt, task_id) == []


def test_r1_manual_and_forwarded_leads_are_never_auto_disqualified(rt: Runtime) -> None:
    """R-1: billing or support wording on a manual entry or a forward: flagged, still open."""
    account = make_account(rt, "Globex", domain="globex.com")
    contact = make_contact(rt, "ops@globex.com", account_id=account.id)
    for source, text, looks in (
        ("Manual", "We were charged twice this month, please refund one charge.", "billing"),
        ("Forwarded", PROBLEM, "support"),
        ("Event", PROBLEM, "support"),
    ):
        task = make_task(rt, account, contact, lead_source=source, sales_form_message=text)
        with rt.uow(readonly=True) as s:
            t = s.get(Task, task.id)
            assert t is not None
            assert t.status != "Unqualified", source
            assert t.triage["flag"]["looks_like"] == looks, source
        assert _tickets(rt, task.id) == []


def test_r1_uncurated_form_keeps_the_automatic_path(rt: Runtime) -> None:
    """R-1: the same text through the contact form is disqualified Support Request."""
    account = make_account(rt, "Initech", domain="initech.io")
    contact = make_contact(rt, "dev@initech.io", account_id=account.id)
    task = make_task(rt, account, contact, sales_form_message=PROBLEM)
    with rt.uow(readonly=True) as s:
        t = s.get(Task, task.id)
        assert t is not None and t.status == "Unqualified"
        assert t.classification == "support" and "flag" not in t.triage
    assert [d.state for d in _tickets(rt, task.id)] == ["pending"]


def test_r1_override_back_to_sales_cancels_the_ticket_not_yet_sent(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    """R-1 + D-3 + X-1: the ticket queued by the auto-disqualification is cancelled by an
    override to sales; disqualifying as support again re-arms it (one ticket, one key)."""
    account = make_account(rt, "Hooli", domain="hooli.io")
    contact = make_contact(rt, "dev@hooli.io", account_id=account.id)
    task = make_task(rt, account, contact, sales_form_message=PROBLEM)
    [queued] = _tickets(rt, task.id)
    assert queued.state == "pending"
    r = client.post(
        f"/api/v1/tasks/{task.id}/classification",
        json={"classification": "sales", "note": "wants a quote"},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "New"
    [cancelled] = _tickets(rt, task.id)
    assert cancelled.id == queued.id and cancelled.state == "cancelled"
    assert cancelled.due_at is None
    with rt.uow(readonly=True) as s:
        d = s.scalars(
            select(Decision).where(
                Decision.kind == "side_effect_cancelled", Decision.subject_id == task.id
            )
        ).one()
        assert "R-1" in d.rule_ids and str(queued.id) in d.reason
    r = client.post(
        f"/api/v1/tasks/{task.id}/classification",
        json={"classification": "support"},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    [again] = _tickets(rt, task.id)
    assert again.id == queued.id and again.state == "pending"


def test_r1_override_leaves_a_delivered_ticket_alone(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    """R-1 + X-1: a ticket already delivered cannot be taken back; the decision names it."""
    account = make_account(rt, "Vandelay", domain="vandelay.io")
    contact = make_contact(rt, "art@vandelay.io", account_id=account.id)
    task = make_task(rt, account, contact, sales_form_message=PROBLEM)
    [queued] = _tickets(rt, task.id)
    with rt.uow() as s:
        row = s.get(Delivery, queued.id)
        assert row is not None
        row.state, row.due_at = "delivered", None
    r = client.post(
        f"/api/v1/tasks/{task.id}/classification",
        json={"classification": "sales"},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    [kept] = _tickets(rt, task.id)
    assert kept.state == "delivered"
    with rt.uow(readonly=True) as s:
        d = s.scalars(
            select(Decision).where(
                Decision.kind == "side_effect_cancelled", Decision.subject_id == task.id
            )
        ).one()
        assert "already sent" in d.reason
