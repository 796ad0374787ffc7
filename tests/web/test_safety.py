"""Safety in the web app (issue 17 item 6): automation-only reasons, required notes,
reopening a disqualified task, bans that are too broad, the admins' ban-request inbox,
the last-admin guard, password resets (web and ``salesops users set-password``)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from salesops.accounts.models import SpamBan
from salesops.core import clock
from salesops.core.audit import Decision
from salesops.core.errors import Conflict
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users import service as users
from tests.factories import make_account, make_contact, make_task, make_user, token_for
from tests.web.conftest import post, refused_page


@pytest.fixture
def task(rt: Runtime, sales: Any) -> Task:
    account = make_account(rt, "Globex", country="FR", owner_id=sales.id)
    contact = make_contact(rt, "win@globex.com", name="Prize Desk", account_id=account.id)
    return make_task(rt, account, contact, owner_id=sales.id)


def test_automation_only_reasons_are_not_offered_nor_accepted_from_people(
    rt: Runtime, app: Any, as_user: Any, sales: Any, task: Task
) -> None:
    from fastapi.testclient import TestClient

    c = as_user(sales)
    page = c.get(f"/tasks/{task.id}").text
    assert "Below Threshold – Auto" not in page and "Stale – Autoclosed" not in page
    assert "No Current Need" in page
    r = post(c, f"/tasks/{task.id}/disqualify", {"reason": "Below Threshold – Auto"})
    assert "recorded by the automation only" in refused_page(c, r)  # PRG (issue 17 item 9)
    api = TestClient(app, headers={"authorization": f"Bearer {token_for(rt, sales)}"})
    r = api.post(f"/api/v1/tasks/{task.id}/disqualify", json={"reason": "Stale – Autoclosed"})
    assert r.status_code == 422 and r.json()["rule"] == "D-2"
    with rt.uow(readonly=True) as s:
        assert s.get(Task, task.id).status != "Unqualified"  # type: ignore[union-attr]


def test_notes_are_required_where_the_playbook_says(
    rt: Runtime, as_user: Any, sales: Any, task: Task
) -> None:
    c = as_user(sales)
    r = post(c, f"/tasks/{task.id}/disqualify", {"reason": "Other", "notes": "  "})
    assert "Notes are required for “Other”" in refused_page(c, r)
    r = post(c, f"/tasks/{task.id}/disqualify", {"reason": "Other", "notes": "a reseller"})
    assert r.status_code == 303


def test_reopen_a_disqualified_task_is_audited(
    rt: Runtime, as_user: Any, sales: Any, task: Task
) -> None:
    c = as_user(sales)
    assert post(c, f"/tasks/{task.id}/disqualify", {"reason": "No Current Need"}).status_code == 303
    page = c.get(f"/tasks/{task.id}").text
    assert "Reopen task" in page and "data-confirm" in page
    r = post(c, f"/tasks/{task.id}/reopen", {"note": "they wrote back"})
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        t = s.get(Task, task.id)
        assert t is not None
        assert (t.status, t.disqualification_reason, t.closed_at) == ("Working", None, None)
        d = s.scalar(select(Decision).where(Decision.kind == "reopen"))
        assert d is not None and d.inputs["previous"]["reason"] == "No Current Need"
        assert d.actor_id == sales.id
    r = post(c, f"/tasks/{task.id}/reopen")
    page = refused_page(c, r)
    assert "only a disqualified task" in page


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("gmail.com", "free-mail domain"),
        ("co.uk", "far too broad"),
        ("acme.com", "paying customer"),
    ],
)
def test_bans_of_free_mail_or_broad_domains_are_refused_with_a_reason(
    rt: Runtime, as_user: Any, boss: Any, value: str, words: str
) -> None:
    make_account(rt, "Acme", customer_status="paying")
    c = as_user(boss)
    r = post(c, "/admin/spam-bans", {"value": value, "reason": "spam"})
    assert words in refused_page(c, r)
    assert post(c, "/admin/spam-bans", {"value": "spam@lists.biz"}).status_code == 303


def test_a_salespersons_ban_request_waits_in_the_admin_inbox(
    rt: Runtime, as_user: Any, sales: Any, boss: Any, task: Task
) -> None:
    rep = as_user(sales)
    r = post(
        rep,
        f"/tasks/{task.id}/disqualify",
        {"reason": "Spam", "ban_sender": "1", "ban_scope": "address"},
    )
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(SpamBan)) is None  # only requested
    assert rep.get("/admin/ban-requests").status_code == 403
    admin = as_user(boss)
    assert "1 waiting" in admin.get("/admin").text
    inbox = admin.get("/admin/ban-requests").text
    assert "win@globex.com" in inbox and "Sam Sales" in inbox
    with rt.uow(readonly=True) as s:
        request_id = s.scalar(select(Decision.id).where(Decision.kind == "spam_ban_request"))
    assert (
        post(admin, f"/admin/ban-requests/{request_id}", {"decision": "approve"}).status_code == 303
    )
    with rt.uow(readonly=True) as s:
        ban = s.scalar(select(SpamBan))
        assert ban is not None and ban.value == "win@globex.com"
    assert "No ban request is waiting" in admin.get("/admin/ban-requests").text
    r = post(admin, f"/admin/ban-requests/{request_id}", {"decision": "decline"})
    assert "already" in refused_page(admin, r).lower()


def test_a_request_to_ban_a_free_mail_domain_is_refused_at_once(
    rt: Runtime, as_user: Any, sales: Any, boss: Any
) -> None:
    account = make_account(rt, "Solo", domain=None, owner_id=sales.id)
    contact = make_contact(rt, "prize@gmail.com", account_id=account.id)
    t = make_task(rt, account, contact, owner_id=sales.id)
    rep = as_user(sales)
    r = post(
        rep,
        f"/tasks/{t.id}/disqualify",
        {"reason": "Spam", "ban_sender": "1", "ban_scope": "domain"},
    )
    assert r.status_code == 303
    assert "No ban request is waiting" in as_user(boss).get("/admin/ban-requests").text


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(rt: Runtime) -> None:
    only = make_user(rt, "only@example.com", role="admin")
    with rt.uow() as s:
        me = users.get_user(s, only.id)
        with pytest.raises(Conflict) as exc:
            users.update_user(s, me, me, now=clock.now(), role="sales")
        assert exc.value.rule == "U-2"
    second = make_user(rt, "two@example.com", role="admin")
    with rt.uow() as s:
        me = users.get_user(s, only.id)
        users.update_user(s, me, users.get_user(s, second.id), now=clock.now(), role="sales")


def test_admin_resets_a_password_and_the_users_sessions_end(
    rt: Runtime, as_user: Any, sales: Any, boss: Any
) -> None:
    rep = as_user(sales)
    assert rep.get("/app").status_code == 200
    admin = as_user(boss)
    page = admin.get(f"/admin/users/{sales.id}/tokens").text
    assert "Reset" in page and "password" in page
    r = post(admin, f"/admin/users/{sales.id}/password", {"new_password": "short"})
    assert "at least 8 characters" in refused_page(admin, r)
    r = post(admin, f"/admin/users/{sales.id}/password", {"new_password": "a-new-secret-1"})
    assert r.status_code == 303
    assert rep.get("/app", follow_redirects=False).status_code == 303  # signed out
    with rt.uow(readonly=True) as s:
        assert users.authenticate_password(s, sales.email, "a-new-secret-1") is not None
        assert s.scalar(select(Decision).where(Decision.kind == "password_reset")) is not None


def test_cli_users_set_password(rt: Runtime, monkeypatch: pytest.MonkeyPatch, sales: Any) -> None:
    from salesops.cli import app as cli

    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    r = CliRunner().invoke(
        cli, ["users", "set-password", sales.email, "--password", "from-the-cli-1"]
    )
    assert r.exit_code == 0, r.output
    with rt.uow(readonly=True) as s:
        assert users.authenticate_password(s, sales.email, "from-the-cli-1") is not None
    r = CliRunner().invoke(cli, ["users", "set-password", sales.email, "--password", "x"])
    assert r.exit_code != 0 and "at least 8 characters" in r.output


def test_revoking_a_token_and_reassigning_accounts_in_bulk_ask_first(
    rt: Runtime, as_user: Any, admin: Any, sales: Any
) -> None:
    """Issue 17 item 6: two more single clicks that cannot be taken back ask first."""
    token_for(rt, sales)
    make_account(rt, "Globex", country="FR", owner_id=sales.id)
    page = as_user(sales).get("/account").text
    assert '/revoke" data-confirm="Revoke the token' in page
    page = as_user(admin, "admin-password").get("/accounts").text
    assert 'id="bulk-accounts" data-confirm="Give every ticked account' in page
