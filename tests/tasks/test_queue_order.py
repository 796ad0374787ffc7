"""My queue's order (R-9, T-1, L-1; issue 17, fourth pass): a page of never-touched tasks
read from their own index is the page the whole queue's urgency sort gives, at every
offset, and a page they do not fill falls back to the sort."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.tasks.queue import queue_page, queue_query, untouched_first
from tests.factories import make_account, make_contact, make_task, make_user

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_r9_untouched_tasks_first_from_their_index_give_the_same_pages(rt: Runtime) -> None:
    ana = make_user(rt, "ana@example.com", territory="Europe & Africa")
    ids = []
    for i in range(7):
        account = make_account(rt, f"Q{i} GmbH", country="DE", domain=f"q{i}.de")
        contact = make_contact(rt, f"x@q{i}.de", account_id=account.id)
        ids.append(make_task(rt, account, contact, owner_id=ana.id, title=f"Lead {i}").id)
    with rt.uow() as s:  # distinct creation times, out of id order; two tasks touched
        for n, task_id in enumerate(ids):
            s.execute(update(Task).where(Task.id == task_id)
                      .values(created_at=NOW - timedelta(hours=(n * 5) % 7)))  # fmt: skip
        s.execute(
            update(Task)
            .where(Task.id.in_(ids[:2]))
            .values(first_touched_at=NOW, last_touched_at=NOW, status="Working")
        )
    with rt.uow(readonly=True) as s:
        query = queue_query(today=NOW.date(), owner_id=ana.id)
        whole, _ = queue_page(s, query, 0, 100)
        order = [t.id for t, _, _ in whole]
        assert len(order) == 7 and set(order[-2:]) == set(ids[:2])  # touched ones last
        for size in (1, 2, 3, 5, 7):
            for offset in range(0, 8):
                fast, total = queue_page(s, query, offset, size, first=untouched_first(query))
                assert [t.id for t, _, _ in fast] == order[offset : offset + size], (size, offset)
                slow, slow_total = queue_page(s, query, offset, size)
                assert total == slow_total
