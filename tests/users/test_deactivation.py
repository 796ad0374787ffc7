"""R-7 at deactivation (issue 16 item 3): a leaving user's open tasks and opportunities go
on through the routing decision — the account's other active owner first (M-3, R-2),
else round robin (R-4/R-3) — after a preview the admin confirms; all of an account's
work and the account end with one owner; every change is a decision record (O-8)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.accounts.models import Account
from salesops.core.audit import Decision
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users.models import User
from tests.factories import make_account, make_contact, make_task, make_user

NOW = datetime(2024, 3, 20, 10, 0, tzinfo=UTC)
EU = "Europe & Africa"


def _world(rt: Runtime) -> dict[str, int]:
    ids = {n: make_user(rt, f"{n}@example.com", territory=EU).id for n in ("ana", "ben", "cleo")}
    for key, owner in (("a", "ana"), ("b", "ana"), ("c", "ben")):
        account = make_account(rt, f"{key.upper()} GmbH", country="DE", domain=f"{key}-gmbh.de",
                               owner_id=ids[owner])  # fmt: skip
        contact = make_contact(rt, f"x@{key}-gmbh.de", account_id=account.id)
        ids[f"task_{key}"] = make_task(rt, account, contact, owner_id=ids["ana"]).id
        ids[f"account_{key}"] = account.id
    with rt.uow() as s:
        opp = Opportunity(name="Deal A", account_id=ids["account_a"], owner_id=ids["ana"],
                          record_type="New Revenue", pipeline="new_business",
                          stage="Problem Agreement", created_at=NOW, updated_at=NOW)  # fmt: skip
        s.add(opp)
        s.flush()
        ids["opp_a"] = opp.id
    return ids


def _owners(rt: Runtime, ids: dict[str, int]) -> dict[str, int | None]:
    with rt.uow(readonly=True) as s:
        out: dict[str, int | None] = {}
        for key in ("a", "b", "c"):
            out[f"task_{key}"] = s.get(Task, ids[f"task_{key}"]).owner_id  # type: ignore[union-attr]
            out[f"account_{key}"] = s.get(Account, ids[f"account_{key}"]).owner_id  # type: ignore[union-attr]
        out["opp_a"] = s.get(Opportunity, ids["opp_a"]).owner_id  # type: ignore[union-attr]
        return out


@time_machine.travel(NOW, tick=False)
def test_r7_deactivation_previews_then_reassigns_through_round_robin(
    rt: Runtime, client: TestClient, admin: Any, admin_headers: dict[str, str]
) -> None:
    ids = _world(rt)
    before = _owners(rt, ids)
    url = f"/api/v1/users/{ids['ana']}/deactivation"
    r = client.post(url + "/preview", headers=admin_headers)
    assert r.status_code == 200, r.text
    plan = r.json()
    assert _owners(rt, ids) == before  # a preview hands nothing on: it stores the plan
    assert plan["status"] == "planned" and plan["plan_id"] is not None
    moves = {(m["kind"], m["id"]): m for m in plan["moves"]}
    assert plan["counts"] == {"task": 3, "opportunity": 1, "account": 2}
    a_owner = moves[("account", ids["account_a"])]["new_owner_id"]
    b_owner = moves[("account", ids["account_b"])]["new_owner_id"]
    assert {a_owner, b_owner} == {ids["ben"], ids["cleo"]}  # one each, in rotation
    assert moves[("task", ids["task_a"])]["new_owner_id"] == a_owner  # one account, one owner
    assert moves[("opportunity", ids["opp_a"])]["new_owner_id"] == a_owner
    assert moves[("task", ids["task_a"])]["rule_ids"] == ["R-7", "R-4", "R-3"]
    task_c = moves[("task", ids["task_c"])]
    assert task_c["new_owner_id"] == ids["ben"] and task_c["rule_ids"] == ["R-7", "R-2"]

    r = client.post(url, json={"confirm": False}, headers=admin_headers)
    assert r.status_code == 422 and "confirm" in r.text
    r = client.post(url, json={"confirm": True, "digest": "stale"}, headers=admin_headers)
    assert r.status_code == 409, r.text  # a plan that changed since the preview is refused
    assert _owners(rt, ids) == before

    r = client.post(url, json={"confirm": True}, headers=admin_headers)
    assert r.status_code == 422 and "digest" in r.text  # confirm what you previewed
    r = client.post(url, json={"confirm": True, "digest": plan["digest"]}, headers=admin_headers)
    assert r.status_code == 202, r.text  # the hand-over is the web flow's background job
    assert r.json()["status"] == "confirmed" and r.json()["plan_id"] == plan["plan_id"]
    progress = client.get(url, headers=admin_headers).json()  # the job ran after the answer
    assert progress["status"] == "done" and progress["done"] == progress["total"] == 6
    after = _owners(rt, ids)
    assert after == {
        "task_a": a_owner, "account_a": a_owner, "opp_a": a_owner,
        "task_b": b_owner, "account_b": b_owner,
        "task_c": ids["ben"], "account_c": ids["ben"],
    }  # fmt: skip
    with rt.uow(readonly=True) as s:
        ana = s.get(User, ids["ana"])
        assert ana is not None and not ana.active
        records = s.scalars(select(Decision).where(Decision.actor_id == admin.id)).all()
        moves = [d for d in records if d.kind != "settings_change"]
        assert len(moves) == 6 and all("R-7" in d.rule_ids for d in moves)  # O-8
        (change,) = [d for d in records if d.kind == "settings_change"]  # issue 16 item 4
        assert "active yes → no" in change.reason and change.subject_id == ids["ana"]


def test_r7_deactivation_is_for_admins_only(
    rt: Runtime, client: TestClient, admin: Any, admin_headers: dict[str, str]
) -> None:
    from tests.factories import token_for

    ben = make_user(rt, "ben@example.com", territory=EU)
    headers = {"Authorization": f"Bearer {token_for(rt, ben)}"}
    r = client.post(f"/api/v1/users/{admin.id}/deactivation/preview", headers=headers)
    assert r.status_code == 403


def test_r7_cli_deactivate_shows_the_preview_and_asks(
    rt: Runtime, admin: Any, monkeypatch: Any
) -> None:
    from typer.testing import CliRunner

    from salesops.cli import app

    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    ids = _world(rt)
    runner = CliRunner()
    args = ["users", "deactivate", "ana@example.com", "--as", "admin@example.com"]
    r = runner.invoke(app, args, input="n\n")
    assert r.exit_code == 1 and "ana@example.com leaves" in r.output, r.output
    assert "R-7" in r.output and "nothing changed" in r.output
    assert _owners(rt, ids)["task_c"] == ids["ana"]  # not confirmed: nothing changed
    r = runner.invoke(app, args, input="y\n")
    assert r.exit_code == 0, r.output
    assert _owners(rt, ids)["task_c"] == ids["ben"]  # M-3/R-2: the account's owner
    with rt.uow(readonly=True) as s:
        assert not s.get(User, ids["ana"]).active  # type: ignore[union-attr]


@time_machine.travel(NOW, tick=False)
def test_r7_api_plans_a_large_hand_over_as_a_job_and_hands_it_on_in_chunks(
    rt: Runtime, client: TestClient, admin: Any, admin_headers: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """R-7 over the API is the web flow: a hand-over above ``INLINE`` records is planned by
    the background job (202, "planning"), the preview then shows the stored plan, and the
    confirmation hands the work on as the job, ``CHUNK`` accounts a run, with progress."""
    from salesops.flows import deactivation_jobs, deactivation_store

    monkeypatch.setattr(deactivation_store, "INLINE", 0)
    monkeypatch.setattr(deactivation_jobs, "CHUNK", 1)
    ids = _world(rt)
    url = f"/api/v1/users/{ids['ana']}/deactivation"
    r = client.post(url + "/preview", headers=admin_headers)
    assert r.status_code == 202 and r.json()["status"] == "planning", r.text
    r = client.post(url + "/preview?limit=1", headers=admin_headers)  # the job has run
    assert r.status_code == 200 and r.json()["status"] == "planned", r.text
    plan = r.json()
    assert plan["accounts_total"] == 3 and len({m["account_id"] for m in plan["moves"]}) == 1
    assert _owners(rt, ids)["task_c"] == ids["ana"]  # nothing handed on yet
    r = client.post(url, json={"confirm": True, "digest": plan["digest"]}, headers=admin_headers)
    assert r.status_code == 202, r.text
    again = client.post(url, json={"confirm": True, "digest": plan["digest"]},
                        headers=admin_headers)  # fmt: skip
    assert again.status_code == 202  # confirming twice queues nothing twice
    progress = client.get(url, headers=admin_headers).json()
    assert progress["status"] == "done" and progress["done"] == 6, progress
    assert _owners(rt, ids)["task_c"] == ids["ben"]  # M-3/R-2: the account's owner
    with rt.uow(readonly=True) as s:
        moves = s.scalars(select(Decision).where(Decision.actor_id == admin.id)).all()
        handed = [d for d in moves if d.kind != "settings_change"]
        assert len(handed) == 6 and all("R-7" in d.rule_ids for d in handed)  # once each (O-8)


def test_r7_api_progress_is_for_admins_and_needs_a_preview(
    rt: Runtime, client: TestClient, admin: Any, admin_headers: dict[str, str]
) -> None:
    from tests.factories import token_for

    ben = make_user(rt, "ben@example.com", territory=EU)
    r = client.get(f"/api/v1/users/{ben.id}/deactivation", headers=admin_headers)
    assert r.status_code == 404 and "never previewed" in r.text
    headers = {"Authorization": f"Bearer {token_for(rt, ben)}"}
    r = client.get(f"/api/v1/users/{admin.id}/deactivation", headers=headers)
    assert r.status_code == 403


def test_r7_cli_no_wait_leaves_the_hand_over_to_the_worker(
    rt: Runtime, admin: Any, monkeypatch: Any
) -> None:
    """``--yes --no-wait``: confirmed and queued as the web flow's job; the worker (here
    one run of the job queue) hands the work on."""
    from typer.testing import CliRunner

    from salesops.cli import app
    from salesops.core import clock
    from salesops.core.jobs import run_one_job

    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    ids = _world(rt)
    args = ["users", "deactivate", "ana@example.com", "--as", "admin@example.com"]
    r = CliRunner().invoke(app, [*args, "--yes", "--no-wait"])
    assert r.exit_code == 0 and "the worker hands on 6 records" in r.output, r.output
    assert _owners(rt, ids)["task_c"] == ids["ana"]  # queued, not yet run
    while run_one_job(rt.db, "test-worker", clock.now(), rt=rt):
        pass
    assert _owners(rt, ids)["task_c"] == ids["ben"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 1 and "already deactivated; 6 records were handed on" in r.output


def test_r7_cli_plans_and_hands_on_a_large_hand_over_with_progress(
    rt: Runtime, admin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from salesops.cli import app
    from salesops.flows import deactivation_jobs, deactivation_store

    monkeypatch.setattr(deactivation_store, "INLINE", 0)  # planned by the job
    monkeypatch.setattr(deactivation_jobs, "CHUNK", 1)  # one account a run
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    ids = _world(rt)
    args = ["users", "deactivate", "ana@example.com", "--as", "admin@example.com", "--yes"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "ana@example.com leaves" in r.output and "handing on" in r.output
    assert "ana@example.com deactivated; 6 records handed on (R-7)" in r.output
    after = _owners(rt, ids)
    assert after["task_c"] == ids["ben"] and after["account_a"] == after["task_a"] != ids["ana"]


def test_r7_cli_says_when_the_hand_over_job_gave_up(
    rt: Runtime, admin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI follows the web flow's job: a run the job machinery gave up on fails the
    plan, in words, and the CLI says so (the page then offers to go on)."""
    from sqlalchemy import update

    from salesops.core import clock
    from salesops.core.jobs import Job
    from salesops.flows import deactivation_jobs, deactivation_store
    from salesops.flows.deactivation_models import DeactivationPlan

    ids = _world(rt)
    with rt.uow() as s:
        me, ana = s.get(User, admin.id), s.get(User, ids["ana"])
        assert me is not None and ana is not None
        view = deactivation_store.preview(s, me, ana, clock.now())
        plan = deactivation_store.confirm(s, me, ana, clock.now(), digest=view.digest)
        plan_id = plan.id
        gave_up = {"status": "dead", "attempts": 5, "last_error": "Boom\nOSError: disk full"}
        s.execute(update(Job).where(Job.kind == deactivation_store.APPLY_JOB).values(**gave_up))
    seen: list[str] = []
    row = deactivation_jobs.follow(
        rt, plan_id, on_progress=lambda r: seen.append(r.status), pause=lambda _: None
    )
    assert row.status == "failed" and seen == ["failed"]
    assert row.error == "The hand-over failed after 5 attempts: OSError: disk full"
    with rt.uow(readonly=True) as s:  # kept, for the page's "go on where it stopped"
        stored = s.get(DeactivationPlan, plan_id)
        assert stored is not None and stored.status == "failed" and stored.error == row.error


@time_machine.travel(NOW, tick=False)
def test_r7_a_bare_patch_never_strands_open_work(
    rt: Runtime, client: TestClient, admin: Any, admin_headers: dict[str, str]
) -> None:
    """R-7 (held-out check q17): ``PATCH /users/{id}`` with ``active: false`` deactivated a
    user who still owned open work, handing nothing on. It is refused (409, naming the
    preview to use) while they own open tasks, deals or accounts; a user with none is
    deactivated by it as before."""
    ids = _world(rt)
    before = _owners(rt, ids)
    r = client.patch(f"/api/v1/users/{ids['ana']}", json={"active": False}, headers=admin_headers)
    assert r.status_code == 409, r.text
    assert "deactivation/preview" in r.json()["detail"]
    assert r.json()["detail"].startswith(
        "ana@example.com still owns open work (3 tasks, 1 deal, 2 accounts)"
    )
    with rt.uow(readonly=True) as s:
        assert s.get(User, ids["ana"]).active  # type: ignore[union-attr]
    assert _owners(rt, ids) == before
    idle = make_user(rt, "idle@example.com", territory=EU)
    r = client.patch(f"/api/v1/users/{idle.id}", json={"active": False}, headers=admin_headers)
    assert r.status_code == 200 and r.json()["active"] is False, r.text
