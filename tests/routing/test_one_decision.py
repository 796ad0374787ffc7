"""One routing decision on every path (issue 14 item 2 and its acceptance).

The same facts — an account, its owner, its open work, its previous lead, the
territory's rotation, time off — fed to the single-lead path (``route_task``), the
batch path (``route_batch``), the routing preview (R-8) and the pure decision
function (``rules.decide_route``) give one decision: owner, territory and rule IDs
(M-3, R-2, R-3a, R-4/R-3, R-6, R-7). The stale sweep's reassignment (T-1) is the same
function with the stale owner excluded. Each path runs in a transaction that is rolled
back, so all of them see the same database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.audit import Decision
from salesops.flows import people
from salesops.playbook.runtime import Runtime, playbook_of
from salesops.routing import rules
from salesops.routing import service as routing
from salesops.routing.batch import route_batch
from salesops.routing.facts import lead_facts
from salesops.routing.preview import preview
from salesops.routing.sweep import run_sweep
from salesops.tasks.models import Task
from salesops.users import service as users
from tests.factories import _actor, make_account, make_user
from tests.routing.helpers import lead, store_lead

NOW = datetime(2024, 3, 20, 10, 0, tzinfo=UTC)
EU = "Europe & Africa"


class _Undo(Exception):
    """Raised to roll a path's transaction back."""


def _rolled_back(rt: Runtime, fn: Callable[[Session], Any]) -> Any:
    out: list[Any] = []
    try:
        with rt.uow() as s:
            out.append(fn(s))
            raise _Undo
    except _Undo:
        pass
    return out[0]


def _route_record(s: Session, task_id: int) -> tuple[int | None, str | None, list[str]]:
    s.flush()
    d = s.scalars(
        select(Decision).where(
            Decision.kind == "route",
            Decision.subject_type == "task",
            Decision.subject_id == task_id,
        )
    ).one()
    return d.owner_id, d.territory, list(d.rule_ids)


def _setup(rt: Runtime, case: str) -> tuple[dict[str, int], int, str]:
    """Ana, Ben, Cleo in Europe & Africa; the case's facts; an unrouted lead on the account."""
    ids: dict[str, int] = {}
    for name in ("ana", "ben", "cleo"):
        ids[name] = make_user(rt, f"{name}@example.com", territory=EU).id
    domain = f"{case}-gmbh.de"
    account = make_account(rt, f"{case} GmbH", country="DE", domain=domain)
    if case in ("m3", "r3a", "r7", "away"):
        earlier = lead(rt, account=account)  # round robin: Ana, who owns the account now
        assert earlier.owner_id == ids["ana"]
        actor = _actor(rt)
        with rt.uow() as s:
            task = s.get(Task, earlier.id)
            acct = s.get(Account, account.id)
            assert task is not None and acct is not None
            if case == "m3":  # the open conversation is Cleo's; the account Ben's
                task.owner_id, acct.owner_id = ids["cleo"], ids["ben"]
            elif case == "r3a":  # an earlier, closed lead of Cleo's; the account unowned
                task.owner_id, task.status, acct.owner_id = ids["cleo"], "Unqualified", None
                task.created_at = NOW - timedelta(days=60)
            elif case == "r7":  # the account's owner left
                task.status = "Unqualified"
                people.update_user(s, actor, users.get_user(s, ids["ana"]), now=NOW, active=False)
            else:  # Ana is on time off today: she keeps her account
                task.status = "Unqualified"
                users.add_time_off(
                    s, users.get_user(s, ids["ana"]), date(2024, 3, 19), date(2024, 3, 25), now=NOW
                )
    elif case == "r2":
        with rt.uow() as s:
            acct = s.get(Account, account.id)
            assert acct is not None
            acct.owner_id = ids["ben"]
    with rt.uow() as s:
        task = store_lead(s, f"new@{domain}", "DE", NOW)
        if case == "m3":
            task.linked_task_id = earlier.id  # what intake's M-3 link does
        return ids, task.id, domain


EXPECTED = {
    "rr": ("ana", ["R-4", "R-3"]),
    "r2": ("ben", ["R-2"]),
    "m3": ("cleo", ["M-3"]),
    "r3a": ("cleo", ["R-3a"]),
    "r7": ("ben", ["R-7", "R-4", "R-3"]),
    "away": ("ana", ["R-2", "R-6"]),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
@time_machine.travel(NOW, tick=False)
def test_one_decision_on_single_batch_and_preview_paths(rt: Runtime, case: str) -> None:
    """M-3, R-2, R-3a, R-4/R-3, R-6, R-7: one decision whichever path asks."""
    ids, task_id, domain = _setup(rt, case)

    def pure(s: Session) -> tuple[int | None, str, list[str]]:
        pb = playbook_of(s)
        task = s.get(Task, task_id)
        account = s.get(Account, task.account_id)  # type: ignore[union-attr]
        facts = lead_facts(
            s,
            account,  # type: ignore[arg-type]
            NOW,
            pb,
            users=routing.UserLookup(s, NOW, pb),
            rotations=routing.RotationLookup(s, NOW, pb, lock=False, dry_run=True),
            linked_task_id=task.linked_task_id,  # type: ignore[union-attr]
            task_id=task_id,
        )
        d = rules.decide_route(facts, NOW, pb)
        return d.owner_id, d.territory, d.rule_ids

    def single(s: Session) -> tuple[int | None, str | None, list[str]]:
        task = s.get(Task, task_id)
        routing.route_task(s, task, NOW)  # type: ignore[arg-type]
        return _route_record(s, task_id)

    def batch(s: Session) -> tuple[int | None, str | None, list[str]]:
        route_batch(s, [s.get(Task, task_id)], NOW)
        return _route_record(s, task_id)

    def previewed(s: Session) -> tuple[int | None, str | None, list[str]]:
        answer = preview(s, {"email": f"someone@{domain}"}, NOW)
        assert answer["classification"]["label"] == "sales"
        return answer["owner_id"], answer["territory"], answer["rule_ids"][1:]  # after R-1

    who, rule_ids = EXPECTED[case]
    expected = (ids[who], EU, rule_ids)
    assert _rolled_back(rt, pure) == expected
    assert _rolled_back(rt, single) == expected
    assert _rolled_back(rt, batch) == expected
    assert _rolled_back(rt, previewed) == expected


@time_machine.travel(NOW, tick=False)
def test_t1_the_sweep_reassigns_by_the_same_decision(rt: Runtime) -> None:
    """T-1: the sweep's pick is ``rules.decide_route`` with the stale owner excluded."""
    ids, task_id, _ = _setup(rt, "rr")
    with rt.uow() as s:
        routing.route_task(s, s.get(Task, task_id), NOW - timedelta(days=10))  # type: ignore[arg-type]
    stale = NOW

    def pure(s: Session) -> tuple[int | None, list[str]]:
        pb = playbook_of(s)
        task = s.get(Task, task_id)
        assert task is not None and task.owner_id == ids["ana"]
        facts = rules.RouteFacts(
            task.account_id, None, task.territory, None, None,
            routing.UserLookup(s, stale, pb),
            routing.RotationLookup(s, stale, pb, lock=False, dry_run=True),
            reassign_from=frozenset({task.owner_id}),
        )  # fmt: skip
        d = rules.decide_route(facts, stale, pb)
        return d.owner_id, d.rule_ids

    def swept(s: Session) -> tuple[int | None, list[str]]:
        assert run_sweep(s, stale)["reassigned"] == 1
        s.flush()
        d = s.scalars(select(Decision).where(Decision.kind == "reassign")).one()
        return d.owner_id, list(d.rule_ids)

    assert _rolled_back(rt, pure) == _rolled_back(rt, swept) == (ids["ben"], ["T-1", "R-3"])


def test_each_rule_chain_is_written_once() -> None:
    """Acceptance of issue 14 item 2: routing (M-3 … R-7, T-1), classification (R-1) and
    scoring (S-2, S-3) each exist once; every other module calls them."""
    import re
    from pathlib import Path

    import salesops

    root = Path(salesops.__file__).parent
    calls: dict[str, set[str]] = {}
    patterns = {
        "pick_next": r"\bpick_next\(",  # R-3, only inside the decision function
        "R-3a step": r"\[\"R-3a\"\]",  # the R-3a rule path step
        "M-3 step": r"\[\"M-3\"\],\s*f\"user",  # the M-3 routing step
        "classify": r"(?<![\w.])classify\(",  # R-1's classifier, asked by classify_lead
        "icp_score": r"\bicp_score\(",  # S-2
        "lead_score": r"\blead_score\(",  # S-3
    }
    for path in root.rglob("*.py"):
        text = path.read_text()
        for name, pattern in patterns.items():
            if re.search(pattern, text):
                calls.setdefault(name, set()).add(str(path.relative_to(root)))
    assert calls["pick_next"] == {"routing/rules.py"}
    assert calls["R-3a step"] == {"routing/rules.py"}
    assert calls["M-3 step"] == {"routing/rules.py"}
    assert calls["classify"] <= {"scoring/classify.py", "scoring/classification.py",
                                 "scoring/evaluation.py", "scoring/training.py"}  # fmt: skip
    # the playbook impact replay (issue 16 item 5, R-8) and the bulk import's memoised
    # scoring (issue 19) call the same pure functions, never a copy of them
    scorers = {"scoring/rules.py", "scoring/service.py", "flows/playbook_impact.py",
               "flows/imports/scores.py"}  # fmt: skip
    assert calls["icp_score"] <= scorers
    assert calls["lead_score"] <= scorers


def test_m3_intake_link_gives_only_an_active_owner(rt: Runtime) -> None:
    """M-3 at intake asks the same ``rules.conversation_owner`` as routing: a deactivated
    owner's conversation is linked but not given to them (R-7 decides later)."""
    from salesops.routing import facts
    from tests.factories import make_contact, make_task

    seller = make_user(rt, "seller@example.com")
    account = make_account(rt, "Linked GmbH", country="DE", domain="linked-gmbh.de")
    jane = make_contact(rt, "jane@linked-gmbh.de", account_id=account.id)
    first = make_task(rt, account, jane, owner_id=seller.id)
    actor = _actor(rt)
    with rt.uow() as s:
        people.update_user(s, actor, users.get_user(s, seller.id), now=NOW, active=False)
    with rt.uow() as s:
        new = Task(kind="lead", account_id=account.id, contact_id=jane.id, lead_source="Email",
                   status="New", created_at=NOW, updated_at=NOW)  # fmt: skip
        s.add(new)
        s.flush()
        assert facts.link_open_conversation(s, new, NOW)
        assert new.linked_task_id == first.id and new.owner_id is None
