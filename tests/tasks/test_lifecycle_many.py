"""``disqualify_many`` (D-1 … D-4, T-2): the same outcome as ``disqualify`` per task, in bulk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from salesops.accounts.models import Contact
from salesops.core.audit import Decision
from salesops.core.errors import ValidationFailed
from salesops.core.outbox import Delivery
from salesops.playbook.runtime import Runtime
from salesops.tasks import lifecycle
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task, make_user

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def _tasks(rt: Runtime, n: int) -> list[int]:
    rep = make_user(rt, "rep@example.com", password=None)
    ids = []
    for i in range(n):
        account = make_account(rt, f"Co{i}", country="DE")
        contact = make_contact(rt, f"p{i}@co{i}.com", account_id=account.id)
        ids.append(make_task(rt, account, contact, owner_id=rep.id).id)
    return ids


def test_d1_many_closes_open_leads_records_each_and_skips_closed_ones(rt: Runtime) -> None:
    """D-1 with actor None (an automation): Unqualified, reason, closed_at, one decision each,
    not a touch (T-3); a task already closed is left alone and not reported."""
    ids = _tasks(rt, 3)
    with rt.uow() as s:
        lifecycle.disqualify(s, s.get(Task, ids[0]), "Duplicate Lead", now=NOW)  # type: ignore[arg-type]
    with rt.uow() as s:
        closed = lifecycle.disqualify_many(
            s, ids, "Stale – Autoclosed", now=NOW, rule_ids=("T-2",), why=lambda r: f"why {r.id}"
        )
    assert closed == ids[1:]
    with rt.uow(readonly=True) as s:
        tasks = [s.get(Task, t) for t in ids]
        assert [t.disqualification_reason for t in tasks] == [  # type: ignore[union-attr]
            "Duplicate Lead",
            "Stale – Autoclosed",
            "Stale – Autoclosed",
        ]
        assert all(t.status == "Unqualified" and t.closed_at == NOW for t in tasks)  # type: ignore[union-attr]
        assert all(t.last_touched_at is None for t in tasks)  # type: ignore[union-attr]
        ds = list(
            s.scalars(select(Decision).where(Decision.kind == "disqualify").order_by(Decision.id))
        )
        assert [(d.subject_id, d.rule_ids, d.reason) for d in ds[1:]] == [
            (ids[1], ["T-2"], f"why {ids[1]}"),
            (ids[2], ["T-2"], f"why {ids[2]}"),
        ]
        assert ds[1].inputs["category"] == "Auto-Dispositioned" and ds[1].actor_id is None
        assert ds[1].playbook_version == ds[0].playbook_version is not None


def test_d3_d4_many_applies_the_reasons_side_effects_per_task(rt: Runtime) -> None:
    """A reason with side effects queues them per task (D-3 ticket; D-4 revisit), as
    ``disqualify`` does; "Stale – Autoclosed" has none in the default playbook."""
    ids = _tasks(rt, 2)
    with rt.uow() as s:
        assert not s.info["playbook"].reason("Stale – Autoclosed").side_effects
        lifecycle.disqualify_many(s, ids[:1], "Support Request", now=NOW)
        lifecycle.disqualify_many(s, ids[1:], "No Response – Prospect", now=NOW)
    with rt.uow(readonly=True) as s:
        [ticket] = s.scalars(select(Delivery).where(Delivery.channel == "ticketing"))
        assert ticket.payload["task_id"] == ids[0]
        contact = s.get(Contact, s.get(Task, ids[1]).contact_id)  # type: ignore[union-attr]
        assert contact.revisit_on == NOW.date() + timedelta(days=90)  # type: ignore[union-attr]


def test_d2_many_refuses_an_unknown_reason(rt: Runtime) -> None:
    with rt.uow() as s, pytest.raises(ValidationFailed) as err:
        lifecycle.disqualify_many(s, [1], "Because", now=NOW)
    assert err.value.field == "reason"
