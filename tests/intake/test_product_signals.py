"""Product signals under concurrency (I-1, I-8; issue 13, item 5): every accepted event
counts, whatever runs beside it, and a product-led rule fires once, on the value the
increments left. Each delivery is its own unit of work, as the endpoint runs it; on
PostgreSQL they really overlap (a read-add-write in Python lost 166 of 400)."""

from __future__ import annotations

import json
import random
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import select

from salesops.accounts.models import Account
from salesops.core import clock
from salesops.intake import service
from salesops.intake.models import ProductSignals
from salesops.intake.product_events import prepare_webhook, store_event
from salesops.intake.rules import sign_hex
from salesops.intake.signals import Bump, bump_signals
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.intake.test_product_events import event, signup


def deliver(rt: Runtime, payload: dict[str, Any]) -> service.Outcome:
    """One webhook delivery the way ``POST /intake/product-events`` runs it."""
    body = json.dumps(payload).encode()
    sig = sign_hex(rt.settings.product_events_secret, body)
    prepared = prepare_webhook(rt.settings, body, sig)
    with rt.uow() as s:
        return store_event(s, prepared, clock.now())


def signals_of(rt: Runtime, domain: str) -> ProductSignals:
    with rt.uow(readonly=True) as s:
        account = s.scalar(select(Account).where(Account.domain == domain))
        assert account is not None
        row = s.get(ProductSignals, account.id)
        assert row is not None
        return row


def test_i8_400_concurrent_events_and_100_signups_for_one_account_all_count(
    rt: Runtime,
) -> None:
    assert deliver(rt, signup("s-0", "first@bigco.io")).status == "accepted"
    with rt.uow() as s:
        s.scalar(select(Account).where(Account.domain == "bigco.io")).employee_count = 800
    deliveries = (
        [event(f"e-{i}", "events ingested", "first@bigco.io") for i in range(400)]
        + [signup(f"s-{i}", f"user{i}@bigco.io") for i in range(1, 101)]
        + [event(f"i-{i}", "user invited", "first@bigco.io") for i in range(20)]
    )
    random.Random(13).shuffle(deliveries)
    with ThreadPoolExecutor(16) as pool:
        outcomes = list(pool.map(lambda payload: deliver(rt, payload), deliveries))
    assert [o.status for o in outcomes] == ["accepted"] * len(deliveries)
    sig = signals_of(rt, "bigco.io")
    assert (sig.events_ingested, sig.signups, sig.invited_users) == (400, 101, 20)
    assert sig.fired_rules == ["Large company activation"]
    with rt.uow(readonly=True) as s:
        [task] = s.scalars(select(Task)).all()  # the rule fired once
        first = signals_of(rt, "bigco.io").first_signup_contact_id
        assert task.lead_source == "Product-led" and task.contact_id == first
    assert sum(1 for o in outcomes if "task_id" in o.ids) == 1


def test_bump_signals_adds_saturates_and_takes_absolute_totals(rt: Runtime) -> None:
    deliver(rt, signup("s-1", "jane@acme.io"))
    account_id = signals_of(rt, "acme.io").account_id
    now = clock.now()
    with rt.uow() as s:
        after = bump_signals(s, account_id, Bump(events_ingested=5), now)
        assert (after.events_ingested, after.signups) == (5, 1)
        after = bump_signals(s, account_id, Bump(events_ingested=1, total_events_ingested=50), now)
        assert after.events_ingested == 50  # an absolute total only ever raises it
        after = bump_signals(s, account_id, Bump(total_events_ingested=10), now)
        assert after.events_ingested == 50
        after = bump_signals(s, account_id, Bump(events_ingested=2**31 - 10), now)
        assert after.events_ingested == 2**31 - 1  # saturates instead of overflowing
        after = bump_signals(s, account_id, Bump(signups=1, signup_contact_id=999_999), now)
        assert after.first_signup_contact_id != 999_999  # the first signup stays first
