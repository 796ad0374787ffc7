"""The web app: every page renders for the right role, viewers cannot change anything (U-2),
forms carry CSRF tokens, sessions expire (U-1), and service errors appear next to the form."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from salesops.core import clock
from salesops.core.outbox import Delivery
from salesops.opportunities.models import Opportunity
from salesops.playbook.models import PlaybookVersion
from salesops.playbook.runtime import Runtime
from salesops.routing.models import TerritoryMember
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task
from tests.web.conftest import SIX, csrf_of, post, refused_page

READ_PAGES = [
    "/app",
    "/app?owner=all",
    "/accounts",
    "/signups",
    "/signups?view=rest",
    "/pipeline",
    "/pipeline?pipeline=renewal",
    "/forecast",
    "/admin",
    "/admin/users",
    "/admin/time-off",
    "/admin/territories",
    "/admin/territories/1",
    "/admin/playbook",
    "/admin/playbook?version=1",
    "/admin/decisions",
    "/admin/decisions?rule=R-3",
    "/admin/deliveries",
    "/admin/deliveries?state=all",
    "/admin/spam-bans",
    "/admin/routing-preview",
]


@pytest.fixture
def lead(rt: Runtime, sales):  # type: ignore[no-untyped-def]
    account = make_account(rt, "Acme", country="DE")
    contact = make_contact(rt, "jo@acme.com", name="Jo Buyer", account_id=account.id)
    return make_task(rt, account, contact, owner_id=sales.id)


def test_u1_anonymous_pages_redirect_to_login(client: TestClient, lead: Task) -> None:
    for path in [*READ_PAGES, f"/tasks/{lead.id}", f"/accounts/{lead.account_id}"]:
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"].startswith("/login?next="), path


def test_u1_login_wrong_password_is_401_with_message(client: TestClient, sales) -> None:  # type: ignore[no-untyped-def]
    token = csrf_of(client)
    r = client.post(
        "/login", data={"email": sales.email, "password": "nope-nope", "csrf_token": token}
    )
    assert r.status_code == 401
    assert "Email or password is wrong" in r.text


def test_u1_session_expires_after_max_age(as_user, sales, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    start = clock.now()
    with time_machine.travel(start, tick=False):
        c = as_user(sales)
        assert c.get("/app").status_code == 200
    later = start + timedelta(seconds=rt.settings.session_max_age + 60)
    with time_machine.travel(later, tick=False):
        r = c.get("/app", follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"] == "/login?next=/app&expired=1"
        assert "Your session expired" in c.get(r.headers["location"]).text
        # an htmx request is told to navigate instead of swapping a login page into a fragment
        c2 = as_user(sales)
    with time_machine.travel(
        later + timedelta(seconds=rt.settings.session_max_age + 60), tick=False
    ):
        r = c2.get("/app", headers={"HX-Request": "true"}, follow_redirects=False)
        assert r.headers["HX-Redirect"].startswith("/login?next=")


def test_csrf_refused_without_or_with_wrong_token(as_user, sales, lead: Task) -> None:  # type: ignore[no-untyped-def]
    c = as_user(sales)
    r = c.post(f"/tasks/{lead.id}/status", data={"status": "Working"}, follow_redirects=False)
    assert r.status_code == 403
    r = c.post(
        f"/tasks/{lead.id}/status",
        data={"status": "Working", "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert r.status_code == 403
    assert post(c, f"/tasks/{lead.id}/status", {"status": "Working"}).status_code == 303


def test_every_post_form_carries_the_csrf_token(as_user, admin, lead: Task) -> None:  # type: ignore[no-untyped-def]
    c = as_user(admin, "admin-password")
    token = csrf_of(c, "/app")
    for path in [*READ_PAGES, f"/tasks/{lead.id}", "/admin/playbook/edit"]:
        html = c.get(path).text
        forms = html.count('method="post"')
        assert html.count(f'name="csrf_token" value="{token}"') >= forms, path


@pytest.mark.parametrize("role", ["admin", "sales", "viewer"])
def test_pages_render_for_every_role(as_user, rt: Runtime, lead: Task, role: str) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import make_user

    user = make_user(rt, f"{role}-x@example.com", role=role)
    c = as_user(user)
    for path in [*READ_PAGES, f"/tasks/{lead.id}", f"/accounts/{lead.account_id}"]:
        r = c.get(path)
        assert r.status_code == 200, (path, r.text[:500])
    assert c.get("/admin/rejected").status_code == (200 if role == "admin" else 403)
    edit = c.get("/admin/playbook/edit")
    assert edit.status_code == (200 if role == "admin" else 403)


def test_u2_viewer_sees_no_forms_and_cannot_change(
    as_user, viewer, lead: Task, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    c = as_user(viewer)
    page = c.get(f"/tasks/{lead.id}").text
    assert "Disqualify</button>" not in page and "Convert</button>" not in page
    assert 'action="/admin/territories/1/members' not in c.get("/admin/territories/1").text
    refused = [
        (f"/tasks/{lead.id}/status", {"status": "Working"}),
        (f"/tasks/{lead.id}/disqualify", {"reason": "Spam"}),
        ("/admin/users", {"email": "x@example.com", "role": "admin"}),
        ("/admin/playbook/edit", {"text": "x", "action": "review"}),
        ("/admin/spam-bans", {"value": "spam.example"}),
    ]
    for path, data in refused:
        assert post(c, path, data).status_code == 403, path
    with rt.uow(readonly=True) as s:
        assert s.get(Task, lead.id).status == "New"  # type: ignore[union-attr]


def test_r9_queue_most_urgent_first_with_filters(as_user, rt: Runtime, sales) -> None:  # type: ignore[no-untyped-def]
    account = make_account(rt, "Beta", country="DE")
    start = clock.now()
    ids = []
    for i, name in enumerate(["Old Lead", "New Lead"]):
        with time_machine.travel(start + timedelta(hours=i), tick=False):
            contact = make_contact(rt, f"p{i}@beta.com", name=name, account_id=account.id)
            ids.append(make_task(rt, account, contact, owner_id=sales.id).id)
    c = as_user(sales)
    with rt.uow() as s:  # the oldest lead was touched: the untouched one is now more urgent
        s.get(Task, ids[0]).first_touched_at = start  # type: ignore[union-attr]
        s.get(Task, ids[0]).last_touched_at = start  # type: ignore[union-attr]
    html = c.get("/app").text
    assert html.index("New Lead") < html.index("Old Lead")
    assert "Old Lead" not in c.get("/app?q=new").text
    assert c.get("/app?status=Working").text.count("task-row-") == 0
    partial = c.get("/app?q=old", headers={"HX-Request": "true", "HX-Target": "queue-results"})
    assert "<html" not in partial.text and "Old Lead" in partial.text


def test_queue_is_paginated(as_user, rt: Runtime, sales) -> None:  # type: ignore[no-untyped-def]
    account = make_account(rt, "Many", country="DE")
    contact = make_contact(rt, "m@many.com", account_id=account.id)
    with rt.uow() as s:
        now = clock.now()
        for i in range(55):
            s.add(
                Task(
                    account_id=account.id,
                    contact_id=contact.id,
                    lead_source="Email",
                    owner_id=sales.id,
                    status="New",
                    title=f"t{i}",
                    created_at=now,
                    updated_at=now,
                )
            )
    c = as_user(sales)
    first = c.get("/app").text
    assert first.count("task-row-") == 50 and "Page 1 of 2" in first
    assert c.get("/app?page=2").text.count("task-row-") == 5


def test_d1_disqualify_errors_next_to_form_then_d3_side_effect(
    as_user, sales, lead: Task, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    c = as_user(sales)
    r = post(c, f"/tasks/{lead.id}/disqualify", {"reason": ""})
    assert "choose a disqualification reason" in refused_page(c, r)  # PRG (issue 17 item 9)
    r = post(c, f"/tasks/{lead.id}/disqualify", {"reason": "Support Request", "notes": "x" * 251})
    page = refused_page(c, r)
    assert "at most 250 characters" in page and 'id="form-error"' in page
    assert "x" * 251 in page  # what was typed is kept
    preview = c.get(f"/tasks/{lead.id}/disqualify-preview?reason=Support+Request").text
    assert "ticket" in preview and "<html" not in preview
    r = post(
        c, f"/tasks/{lead.id}/disqualify", {"reason": "Support Request", "notes": "wants help"}
    )
    assert r.status_code == 303
    assert "Disqualified" in c.get(r.headers["location"]).text
    with rt.uow(readonly=True) as s:
        assert s.get(Task, lead.id).status == "Unqualified"  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(Delivery)) >= 1  # D-3 ticket queued


def test_c1_convert_names_missing_criteria_then_converts(
    as_user, sales, lead: Task, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    c = as_user(sales)
    partial = {f"c_{k}": "1" for k in SIX[:5]}
    r = post(c, f"/tasks/{lead.id}/convert", {**partial, "action": "convert"})
    page = refused_page(c, r)
    error = page.split('id="form-error"')[1].split("</p>")[0]
    assert "An agreed next step" in error and "next_step_agreed" not in error
    r = post(c, f"/tasks/{lead.id}/convert", {**partial, "action": "save"})
    assert r.status_code == 303
    every = {f"c_{k}": "1" for k in SIX}
    r = post(c, f"/tasks/{lead.id}/convert", {**every, "c_engineer_on_first_call": "1"})
    assert r.status_code == 303 and r.headers["location"].startswith("/opportunities/")
    assert c.get(r.headers["location"]).status_code == 200
    with rt.uow(readonly=True) as s:
        assert s.get(Task, lead.id).status == "Converted"  # type: ignore[union-attr]


def test_l1_nurture_needs_a_valid_date(as_user, sales, lead: Task, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    c = as_user(sales)
    post(c, f"/tasks/{lead.id}/status", {"status": "Working"})
    r = post(c, f"/tasks/{lead.id}/status", {"status": "Nurturing", "follow_up_on": "soon"})
    assert "Follow-up date must be a date" in refused_page(c, r)
    day = (clock.now().date() + timedelta(days=90)).isoformat()
    assert (
        post(
            c, f"/tasks/{lead.id}/status", {"status": "Nurturing", "follow_up_on": day}
        ).status_code
        == 303
    )
    with rt.uow(readonly=True) as s:
        assert s.get(Task, lead.id).status == "Nurturing"  # type: ignore[union-attr]


def _won_annual(c: TestClient, lead: Task, rt: Runtime) -> int:
    every = {f"c_{k}": "1" for k in SIX}
    r = post(c, f"/tasks/{lead.id}/convert", {**every, "c_engineer_on_first_call": "1"})
    opp_id = int(r.headers["location"].rsplit("/", 1)[1])
    with rt.uow() as s:
        s.get(Opportunity, opp_id).opp_type = "Annual Plan"  # type: ignore[union-attr]
    return opp_id


def test_q4_pipeline_move_refused_names_missing_then_q7_renewal(
    as_user, sales, lead: Task, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    c = as_user(sales)
    opp_id = _won_annual(c, lead, rt)
    r = post(c, f"/opportunities/{opp_id}/stage", {"stage": "Solution Agreement", "back": "board"})
    page = refused_page(c, r)
    assert "Quantified pain" in page
    with rt.uow() as s:
        opp = s.get(Opportunity, opp_id)
        opp.exit_criteria = {"contract_signed": True}  # type: ignore[union-attr]
        opp.stage = "Vendor Approval"  # type: ignore[union-attr]
    r = post(c, f"/opportunities/{opp_id}/stage", {"stage": "Closed Won"})
    assert r.status_code == 303, r.text[:300]
    page = c.get(f"/opportunities/{opp_id}").text
    assert "Renewal:" in page
    assert c.get("/forecast").status_code == 200


def test_r3_admin_changes_territory_weight_sales_cannot(as_user, admin, sales, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    with rt.uow(readonly=True) as s:
        member = s.scalar(select(TerritoryMember).where(TerritoryMember.user_id == sales.id))
        tid = member.territory_id  # type: ignore[union-attr]
    path = f"/admin/territories/{tid}/members/{sales.id}"
    assert (
        post(as_user(sales), path, {"priority": "3", "adjustment": "5", "active": "1"}).status_code
        == 403
    )
    c = as_user(admin, "admin-password")
    refusal = refused_page(c, post(c, path, {"priority": "0", "adjustment": "5", "active": "1"}))
    assert 'id="form-error">' in refusal and "priority" in refusal.lower()  # shown on its row
    assert post(c, path, {"priority": "3", "adjustment": "50", "active": "1"}).status_code == 303
    with rt.uow(readonly=True) as s:
        member = s.scalar(select(TerritoryMember).where(TerritoryMember.user_id == sales.id))
        assert (member.priority, member.adjustment) == (3, 50)  # type: ignore[union-attr]


def test_p2_playbook_edit_validates_diffs_then_saves(as_user, admin, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    c = as_user(admin, "admin-password")
    text = c.get("/admin/playbook/edit").text
    from salesops.playbook.loader import default_playbook_text

    original = default_playbook_text()
    assert "Playbook YAML" in text
    bad = original.replace("notes_max_length: 250", "notes_max_length: -1")
    r = post(c, "/admin/playbook/edit", {"text": bad, "action": "review", "base_version": "1"})
    assert r.status_code == 422 and "notes_max_length" in r.text
    good = original.replace("notes_max_length: 250", "notes_max_length: 200")
    r = post(c, "/admin/playbook/edit", {"text": good, "action": "review", "base_version": "1"})
    assert r.status_code == 200 and "+  notes_max_length: 200" in r.text.replace("&#43;", "+")
    r = post(c, "/admin/playbook/edit", {"text": good, "action": "save", "base_version": "1"})
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(func.max(PlaybookVersion.version))) == 2
    stale = post(
        c, "/admin/playbook/edit", {"text": original, "action": "save", "base_version": "1"}
    )
    assert stale.status_code == 409


def test_o8_decision_log_search_and_bad_date(as_user, admin, lead: Task) -> None:  # type: ignore[no-untyped-def]
    c = as_user(admin, "admin-password")
    assert c.get("/admin/decisions?since=yesterday").status_code == 422
    assert c.get(f"/admin/decisions?subject_type=task&subject_id={lead.id}").status_code == 200


def test_x1_admin_retries_a_dead_delivery(as_user, admin, viewer, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    from salesops.core.outbox import enqueue_delivery

    with rt.uow() as s:
        row = enqueue_delivery(s, "slack", {"text": "hi"}, idempotency_key="k1", now=clock.now())
        row.state = "dead"
        row.last_error = "boom"
        dead_id = row.id
    assert post(as_user(viewer), f"/admin/deliveries/{dead_id}/retry").status_code == 403
    c = as_user(admin, "admin-password")
    assert "boom" in c.get("/admin/deliveries").text
    assert post(c, f"/admin/deliveries/{dead_id}/retry").status_code == 303
    assert refused_page(c, post(c, f"/admin/deliveries/{dead_id}/retry"))
    with rt.uow(readonly=True) as s:
        assert s.get(Delivery, dead_id).state == "pending"  # type: ignore[union-attr]


def test_x1_admin_sees_and_rearms_parked_and_unknown_deliveries(
    as_user, admin, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 items 3-4: parked (not configured) and held (outcome unknown) deliveries
    are listed and an admin can send them again (recorded, O-8)."""
    from salesops.core.audit import Decision
    from salesops.core.outbox import enqueue_delivery

    ids = {}
    with rt.uow() as s:
        for state, why in (("parked", "slack is not configured"), ("unknown", "held: maybe")):
            row = enqueue_delivery(s, "slack", {"text": state}, idempotency_key=f"k-{state}",
                                   now=clock.now())  # fmt: skip
            row.state, row.due_at, row.last_error = state, None, why
            ids[state] = row.id
    c = as_user(admin, "admin-password")
    assert "1 with an unknown outcome" in c.get("/admin").text
    for state, delivery_id in ids.items():
        page = c.get(f"/admin/deliveries?state={state}").text
        assert f"/admin/deliveries/{delivery_id}/retry" in page
        r = post(c, f"/admin/deliveries/{delivery_id}/retry")
        assert r.status_code == 303 and r.headers["location"].endswith(f"state={state}")
    with rt.uow(readonly=True) as s:
        rows = [s.get(Delivery, i) for i in ids.values()]
        assert [(r.state, r.due_at is not None) for r in rows] == [("pending", True)] * 2  # type: ignore[union-attr]
        kinds = s.scalars(select(Decision.reason).where(Decision.kind == "delivery_retry")).all()
    assert sorted(kinds) == [
        "admin retried parked slack delivery",
        "admin retried unknown slack delivery",
    ]


def test_r8_routing_preview_writes_nothing(as_user, admin, sales, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    c = as_user(admin, "admin-password")
    r = post(c, "/admin/routing-preview", {"email": "ana@newco.de", "country": "DE"})
    assert r.status_code == 200 and "Europe &amp; Africa" in r.text and "Sam Sales" in r.text
    r = post(c, "/admin/routing-preview", {"email": "ana@newco.de", "country": "Atlantis"})
    assert "Atlantis" in refused_page(c, r)
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Task)) == 0


def test_admin_users_create_and_time_off(as_user, admin) -> None:  # type: ignore[no-untyped-def]
    c = as_user(admin, "admin-password")
    r = post(c, "/admin/users", {"email": "new@example.com", "role": "boss"})
    assert "role must be one of" in refused_page(c, r).lower()
    assert post(c, "/admin/users", {"email": "new@example.com", "role": "sales"}).status_code == 303
    r = post(
        c, "/admin/time-off", {"user_id": "1", "starts_on": "2030-01-05", "ends_on": "2030-01-01"}
    )
    assert "ends" in refused_page(c, r).lower()


def test_a1_t3_log_a_call_lands_on_the_timeline_and_touches(
    as_user, sales, lead: Task, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    c = as_user(sales)
    assert "write what happened" in refused_page(
        c, post(c, f"/tasks/{lead.id}/log", {"kind": "call", "body": ""})
    )
    r = post(c, f"/tasks/{lead.id}/log", {"kind": "call", "body": "Discovery call, 5M events"})
    assert r.status_code == 303
    page = c.get(f"/tasks/{lead.id}").text
    assert "Discovery call, 5M events" in page
    with rt.uow(readonly=True) as s:
        assert s.get(Task, lead.id).first_touched_at is not None  # type: ignore[union-attr]
