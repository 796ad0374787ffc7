"""A small known data set for the reports (V-1 … V-7), built through the services.

Now is 2026-02-20 (Q1 2026). Deals (New Revenue, new_business pipeline):

=====  =====  =======  ==========  =========  ============================================
deal   owner  ARR      close date  category   history
=====  =====  =======  ==========  =========  ============================================
d1     alice  10,000   2026-03-15  Pipeline   created 01-10; 02-05 ARR → 15,000;
                                              02-06 close date → 2026-04-15 (Q2)
d2     alice  30,000   2026-05-01  Commit     created 01-10; 02-01 category Commit
d3     bob    20,000   2026-03-20  Best case  created 01-12; 02-02 category Best case
d4     bob    50,000   2026-02-15  (won)      created 01-15; won 02-15
d5     alice  40,000   2026-02-16  (won)      created 01-15; won 02-16, self serve post eng.
=====  =====  =======  ==========  =========  ============================================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from salesops.opportunities import service, stages
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.users.models import User
from tests.factories import make_account, make_contact, make_user
from tests.integrations.fixtures import configured, fake_services, smtp_sink  # noqa: F401

NOW = datetime(2026, 2, 20, 12, 0, tzinfo=UTC)
ALL_CRITERIA = {
    "quantified_pain": True,
    "usage_or_trial": True,
    "documented_decision": True,
    "budget_confirmed": True,
    "decision_process_mapped": True,
    "price_agreed": True,
    "terms_agreed": True,
    "paper_process_mapped": True,
    "contract_signed": True,
}
WON_PATH = [
    "Solution Agreement",
    "Priority Agreement",
    "Commercial Agreement",
    "Vendor Approval",
    "Closed Won",
]


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@dataclass
class World:
    rt: Runtime
    alice: User
    bob: User
    admin: User
    deals: dict[str, int]


def _create(rt: Runtime, owner: User, name: str, amount: int, close: date, when: datetime) -> int:
    account = make_account(rt, name, country="US", us_state="NY")
    contact = make_contact(rt, f"ann@{name.lower()}.com", account_id=account.id)
    with rt.uow() as s:
        opp = service.create_opportunity(
            s,
            s.get(User, owner.id),
            {
                "account_id": account.id,
                "contact_id": contact.id,
                "record_type": "New Revenue",
                "amount": Decimal(amount),
                "close_date": close,
                "lead_source": "Contact form",
            },
            when,
        )
        return opp.id


def update(rt: Runtime, user: User, opp_id: int, when: datetime, **changes: Any) -> None:
    with rt.uow() as s:
        service.update_opportunity(
            s,
            s.get(User, user.id),
            s.get(Opportunity, opp_id),
            changes,
            when,  # type: ignore[arg-type]
        )


def win(rt: Runtime, user: User, opp_id: int, when: datetime) -> None:
    update(rt, user, opp_id, when, exit_criteria=ALL_CRITERIA)
    for stage in WON_PATH:
        with rt.uow() as s:
            stages.move_stage(
                s,
                s.get(User, user.id),
                s.get(Opportunity, opp_id),
                stage,
                when,  # type: ignore[arg-type]
            )


@pytest.fixture
def world(rt: Runtime) -> World:
    with time_machine.travel(NOW, tick=False):
        alice = make_user(
            rt, "alice@example.com", name="Alice", password=None, territory="U.S. East"
        )
        bob = make_user(rt, "bob@example.com", name="Bob", password="password123")
        admin = make_user(rt, "boss@example.com", name="Boss", role="admin", password="password123")
        d1 = _create(rt, alice, "Dee1", 10000, date(2026, 3, 15), at(1, 10))
        d2 = _create(rt, alice, "Dee2", 30000, date(2026, 5, 1), at(1, 10))
        d3 = _create(rt, bob, "Dee3", 20000, date(2026, 3, 20), at(1, 12))
        d4 = _create(rt, bob, "Dee4", 50000, date(2026, 2, 15), at(1, 15))
        d5 = _create(rt, alice, "Dee5", 40000, date(2026, 2, 16), at(1, 15))
        update(rt, alice, d2, at(2, 1), forecast_category="Commit")
        update(rt, bob, d3, at(2, 2), forecast_category="Best case")
        update(rt, alice, d1, at(2, 5), amount=Decimal(15000))
        update(rt, alice, d1, at(2, 6), close_date=date(2026, 4, 15))
        win(rt, bob, d4, at(2, 15))
        update(rt, alice, d5, at(2, 16), self_serve_post_engagement=True)
        win(rt, alice, d5, at(2, 16, 11))
    return World(rt, alice, bob, admin, {"d1": d1, "d2": d2, "d3": d3, "d4": d4, "d5": d5})
