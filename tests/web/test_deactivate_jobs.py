"""R-7 at scale (issue 17): the preview's plan is stored (planned by a background job when
it is large), a stale plan is detected before anything moves, and the confirmation hands
the work on as a background job in chunks, with progress, once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select, update

from salesops.accounts.models import Account
from salesops.core import clock
from salesops.core.audit import Decision
from salesops.core.jobs import Job, enqueue, run_one_job
from salesops.flows import deactivation_jobs, deactivation_store
from salesops.flows.deactivation_models import DeactivationPlan, DeactivationPlanRow
from salesops.playbook.runtime import Runtime
from salesops.routing.models import TerritoryMember
from salesops.tasks.models import Task
from salesops.users.models import User
from tests.factories import make_account, make_contact, make_task, make_user
from tests.web.conftest import post, refused_page

EU = "Europe & Africa"
GAVE_UP = "Traceback …\nOperationalError: the database went away"


def _rep_with_accounts(rt: Runtime, n: int) -> tuple[Any, list[int]]:
    ana = make_user(rt, "ana@example.com", name="Ana", territory=EU)
    ids = []
    for i in range(n):
        account = make_account(rt, f"Leaving {i} GmbH", country="DE", domain=f"leaving{i}.de",
                               owner_id=ana.id)  # fmt: skip
        contact = make_contact(rt, f"x@leaving{i}.de", account_id=account.id)
        make_task(rt, account, contact, owner_id=ana.id, title=f"Lead {i}")
        ids.append(account.id)
    return ana, ids


def _digest(text: str) -> str:
    found = re.search(r'name="digest" value="([^"]+)"', text)
    assert found is not None, text
    return found.group(1)


def test_r7_a_task_arriving_after_the_preview_is_refused_with_what_changed(
    as_user, admin, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    """R-7: the admin confirms what they saw; a new open task for the leaving user since
    the preview means the plan is stale: nothing moves, the page says what changed, and the
    next preview (a new plan, with the new task) can be confirmed."""
    ben = make_user(rt, "ben@example.com", name="Ben", territory=EU)
    ana, ids = _rep_with_accounts(rt, 2)
    c = as_user(admin, "admin-password")
    digest = _digest(c.get(f"/admin/users/{ana.id}/deactivate").text)
    account = make_account(rt, "Late GmbH", country="DE", domain="late.de", owner_id=ben.id)
    contact = make_contact(rt, "x@late.de", account_id=account.id)
    late = make_task(rt, account, contact, owner_id=ana.id, title="Arrived late")
    r = post(c, f"/admin/users/{ana.id}/deactivate", {"digest": digest})
    page = refused_page(c, r)
    assert "work changed since the preview (open tasks 2 → 3); preview again" in page
    assert "Arrived late" in page  # the page shows the new plan at once
    with rt.uow(readonly=True) as s:
        assert s.get(User, ana.id).active  # type: ignore[union-attr]  # nothing moved
        assert s.get(Task, late.id).owner_id == ana.id  # type: ignore[union-attr]
    r = post(c, f"/admin/users/{ana.id}/deactivate", {"digest": _digest(page)})
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        assert not s.get(User, ana.id).active  # type: ignore[union-attr]
        assert s.get(Task, late.id).owner_id == ben.id  # type: ignore[union-attr]  # M-3/R-2


def test_r7_a_large_hand_over_is_planned_and_applied_by_jobs_in_chunks_once(
    as_user, admin, rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: a hand-over above ``INLINE`` records is planned by a job (the page says it
    is planning, then shows the stored plan), and the confirmation moves ``CHUNK``
    accounts per job run with progress; confirming twice, or running a chunk again,
    moves nothing twice (one decision record per record, O-8)."""
    monkeypatch.setattr(deactivation_store, "INLINE", 0)
    monkeypatch.setattr(deactivation_jobs, "CHUNK", 2)
    make_user(rt, "ben@example.com", name="Ben", territory=EU)
    make_user(rt, "cleo@example.com", name="Cleo", territory=EU)
    ana, ids = _rep_with_accounts(rt, 5)
    c = as_user(admin, "admin-password")
    first = c.get(f"/admin/users/{ana.id}/deactivate")
    assert "Planning who gets ana@example.com's work" in first.text
    assert 'http-equiv="refresh"' in first.text
    planned = c.get(f"/admin/users/{ana.id}/deactivate")  # the job ran after the response
    assert "Who gets ana@example.com's work" in planned.text and "Lead 4<" in planned.text
    with rt.uow(readonly=True) as s:
        plans = s.scalars(select(DeactivationPlan).where(DeactivationPlan.user_id == ana.id))
        assert [p.status for p in plans] == ["planned"]  # the second page read the stored one
    digest = _digest(planned.text)
    r = post(c, f"/admin/users/{ana.id}/deactivate", {"digest": digest})
    assert r.status_code == 303
    r = post(c, f"/admin/users/{ana.id}/deactivate", {"digest": digest})  # twice
    assert r.status_code == 303
    done = c.get(f"/admin/users/{ana.id}/deactivate")
    assert "ana@example.com deactivated; 10 records handed on (R-7)." in done.text
    with rt.uow() as s:
        plan = s.scalars(select(DeactivationPlan).where(DeactivationPlan.user_id == ana.id)).one()
        assert (plan.status, plan.done, plan.total) == ("done", 10, 10)
        runs = s.scalar(
            select(func.count()).select_from(Job).where(Job.kind == "users.deactivation.apply")
        )
        assert runs == 3  # 5 accounts, 2 per run: one job per run, none for the second click
        owners = {a.id: a.owner_id for a in s.scalars(select(Account).where(Account.id.in_(ids)))}
        for task in s.scalars(select(Task).where(Task.account_id.in_(ids))):
            assert task.owner_id == owners[task.account_id] != ana.id  # one account, one owner
        plan.status, plan.after_account = "applying", 0  # a chunk run again …
        enqueue(s, "users.deactivation.apply", {"plan_id": plan.id}, now=plan.updated_at)
    deactivation_jobs.run_jobs(rt)
    with rt.uow(readonly=True) as s:
        moved = s.scalar(
            select(func.count()).select_from(Decision)
            .where(Decision.actor_id == admin.id, Decision.kind.in_(["assign", "reassign"]))
        )  # fmt: skip
        assert moved == 10  # … moves nothing twice


def test_r7_the_rotation_moving_on_keeps_the_previewed_picks_a_rule_change_refuses(
    as_user, admin, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    """R-7 with R-3: other leads routed between the preview and the confirmation move the
    round robin's counts; the previewed members still eligible keep their accounts. A
    change the rules decide differently (M-3: another owner's open lead task on an account
    now) stops the hand-over before anything moves, saying why."""
    ben = make_user(rt, "ben@example.com", name="Ben", territory=EU)
    cleo = make_user(rt, "cleo@example.com", name="Cleo", territory=EU)
    ana, ids = _rep_with_accounts(rt, 4)
    c = as_user(admin, "admin-password")
    page = c.get(f"/admin/users/{ana.id}/deactivate").text
    with rt.uow() as s:
        plan = s.scalars(select(DeactivationPlan).where(DeactivationPlan.user_id == ana.id)).one()
        rows = {
            r.account_id: r.new_owner_id
            for r in s.scalars(
                select(DeactivationPlanRow).where(DeactivationPlanRow.plan_id == plan.id)
            )
        }
        s.execute(
            update(TerritoryMember).where(TerritoryMember.user_id == ben.id)
            .values(assigned_count=TerritoryMember.assigned_count + 3)
        )  # fmt: skip  # Ben got three leads meanwhile
    r = post(c, f"/admin/users/{ana.id}/deactivate", {"digest": _digest(page)})
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        got = {a.id: a.owner_id for a in s.scalars(select(Account).where(Account.id.in_(ids)))}
    assert got == rows and set(got.values()) == {ben.id, cleo.id}

    dan = make_user(rt, "dan@example.com", territory=EU)
    eve = make_user(rt, "eve@example.com")  # in no rotation: the round robin never picks her
    account = make_account(rt, "Shared GmbH", country="DE", domain="shared.de", owner_id=dan.id)
    contact = make_contact(rt, "x@shared.de", account_id=account.id)
    make_task(rt, account, contact, owner_id=dan.id, title="Dan's")
    page = c.get(f"/admin/users/{dan.id}/deactivate").text
    assert "eve@example.com" not in page
    other = make_contact(rt, "y@shared.de", account_id=account.id)
    make_task(rt, account, other, owner_id=eve.id, title="Eve's lead")
    with rt.uow(readonly=True) as s:  # Eve's task is not Dan's work: his inputs stay
        plan = deactivation_store.latest(s, dan.id)
        assert plan is not None and deactivation_store.inputs(s, dan.id).key == plan.inputs
    r = post(c, f"/admin/users/{dan.id}/deactivate", {"digest": _digest(page)})
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        plan = deactivation_store.latest(s, dan.id)
        assert plan is not None and plan.status == "failed"
        assert plan.error is not None and "Shared GmbH: eve@example.com" in plan.error
        assert "Preview again" in plan.error
        assert s.get(User, dan.id).active  # type: ignore[union-attr]  # nothing moved
        assert s.get(Account, account.id).owner_id == dan.id  # type: ignore[union-attr]
    again = c.get(f"/admin/users/{dan.id}/deactivate").text  # the reason, and a new plan
    assert "would now go differently" in again and "Deactivate dan@example.com?" in again
    assert "eve@example.com" in again  # M-3: the account goes with Eve's conversation


def test_r7_a_hand_over_that_stops_says_why_in_words_and_goes_on_where_it_stopped(
    as_user, admin, rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """R-7: the user is deactivated by the job's first run; a later run that gives up (its
    retries spent) leaves the page saying so in words, with the records moved so far, and
    a button that goes on from the cursor — nothing moved twice."""
    real_run = deactivation_jobs.run_jobs
    monkeypatch.setattr(deactivation_jobs, "run_jobs", lambda rt: 0)  # no background run
    monkeypatch.setattr(deactivation_jobs, "CHUNK", 1)
    make_user(rt, "ben@example.com", name="Ben", territory=EU)
    ana, ids = _rep_with_accounts(rt, 3)
    c = as_user(admin, "admin-password")
    digest = _digest(c.get(f"/admin/users/{ana.id}/deactivate").text)
    assert post(c, f"/admin/users/{ana.id}/deactivate", {"digest": digest}).status_code == 303
    assert "Starting ana@example.com's work" in c.get(f"/admin/users/{ana.id}/deactivate").text
    kinds = deactivation_store.JOB_KINDS
    assert run_one_job(rt.db, "test", clock.now(), rt=rt, kinds=kinds)  # the start + 1 account
    with rt.uow() as s:
        assert not s.get(User, ana.id).active  # type: ignore[union-attr]
        s.execute(
            update(Job)
            .where(Job.kind == deactivation_store.APPLY_JOB, Job.status == "queued")
            .values(status="dead", attempts=5, last_error=GAVE_UP)
        )  # fmt: skip  # the worker gave up on the next run
    page = c.get(f"/admin/users/{ana.id}/deactivate").text
    assert (
        "The hand-over stopped: The hand-over failed after 5 attempts: OperationalError: " in page
    )
    assert "2 of 6 records moved; ana@example.com is deactivated" in page
    assert "Go on where it stopped" in page
    assert post(c, f"/admin/users/{ana.id}/deactivate/resume").status_code == 303
    real_run(rt)
    done = c.get(f"/admin/users/{ana.id}/deactivate").text
    assert "ana@example.com deactivated; 6 records handed on (R-7)." in done
    with rt.uow(readonly=True) as s:
        assert not s.scalars(select(Task).where(Task.owner_id == ana.id)).all()
        moved = s.scalar(
            select(func.count()).select_from(Decision)
            .where(Decision.actor_id == admin.id, Decision.kind.in_(["assign", "reassign"]))
        )  # fmt: skip
        assert moved == 6
