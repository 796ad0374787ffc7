"""One account, one owner after the sweep too (T-1 × M-3, issue 16 item 3).

Two open lead tasks on one account, both stale: the sweep moves the account's open work
(both tasks and its open opportunity) and the account itself to one new owner.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from salesops.accounts.models import Account
from salesops.core.audit import Decision
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.routing import service as routing
from salesops.tasks.models import Task
from tests.factories import make_account, make_user
from tests.routing.helpers import lead

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
EU = "Europe & Africa"


def test_t1_m3_two_stale_tasks_on_one_account_end_with_one_new_owner(rt: Runtime) -> None:
    with time_machine.travel(T0, tick=False):
        ana = make_user(rt, "ana@example.com", territory=EU)
        ben = make_user(rt, "ben@example.com", territory=EU)
        cleo = make_user(rt, "cleo@example.com", territory=EU)
        acct = make_account(rt, "Stale GmbH", country="DE")
        first = lead(rt, account=acct)
        second = lead(rt, account=acct)
        with rt.uow() as s:
            s.add(Opportunity(name="Deal", account_id=acct.id, owner_id=ana.id,
                              record_type="New Revenue", pipeline="new_business",
                              stage="Problem Agreement", created_at=T0, updated_at=T0))  # fmt: skip
    with rt.uow(readonly=True) as s:
        assert {s.get(Task, first.id).owner_id, s.get(Task, second.id).owner_id} == {ana.id}
        assert s.get(Account, acct.id).owner_id == ana.id  # R-3 then R-2: one owner
    with rt.uow() as s:
        stats = routing.sweep(s, T0 + timedelta(days=10))
    assert stats["reassigned"] == 2
    with rt.uow(readonly=True) as s:
        owners = {s.get(Task, first.id).owner_id, s.get(Task, second.id).owner_id}
        opp = s.scalars(select(Opportunity).where(Opportunity.account_id == acct.id)).one()
        account = s.get(Account, acct.id)
        assert len(owners) == 1, "T-1 × M-3: one account, one owner after the sweep"
        [new_owner] = owners
        assert new_owner in {ben.id, cleo.id}  # T-1: someone other than the stale owner
        assert opp.owner_id == new_owner and account.owner_id == new_owner
        moved = s.scalars(select(Decision).where(Decision.kind == "assign")).all()
        assert any(d.subject_type == "account" and "T-1" in d.rule_ids for d in moved)
    with rt.uow() as s:  # T-4: a second run changes nothing
        assert routing.sweep(s, T0 + timedelta(days=10))["reassigned"] == 0
