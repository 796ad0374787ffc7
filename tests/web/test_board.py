"""The pipeline board (issue 17 item 7; Q-4, V-2): compact cards with the criteria in a
drawer, every stage a column with its totals summed by the database, and the drag and
drop's JSON answer — the same stage-change route and exit-criteria check as the card's
"Move to" form, a refusal in the criteria's human labels."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from salesops.core import clock
from salesops.opportunities import board
from salesops.opportunities.models import Opportunity
from salesops.opportunities.service import create_opportunity
from salesops.playbook.runtime import Runtime
from salesops.users.service import get_user
from tests.factories import make_account
from tests.web.conftest import post, refused_page

JSON = {"accept": "application/json"}


def _deals(rt: Runtime, owner: Any) -> list[int]:
    account = make_account(rt, "Initech", country="DE", owner_id=owner.id)
    ids = []
    with rt.uow() as s:
        actor = get_user(s, owner.id)
        for name, amount, stage in (
            ("Initech analytics", 60000, "Problem Agreement"),
            ("Initech replay", 40000, "Problem Agreement"),
            ("Initech EU", 100000, "Priority Agreement"),
        ):
            opp = create_opportunity(
                s,
                actor,
                {
                    "account_id": account.id,
                    "record_type": "New Revenue",
                    "name": name,
                    "amount": amount,
                    "opp_type": "Annual Plan",
                    "stage": stage,
                    "close_date": date(2026, 12, 20),
                    "next_step_date": date(2026, 12, 1),
                },
                clock.now(),
            )
            ids.append(opp.id)
    return ids


def test_v2_column_totals_are_summed_by_the_database(rt: Runtime, sales) -> None:  # type: ignore[no-untyped-def]
    _deals(rt, sales)
    with rt.uow(readonly=True) as s:
        totals = board.column_totals(s, "new_business")
        mine = board.column_totals(s, "new_business", owner_id=sales.id + 999)
    first = totals["Problem Agreement"]
    assert (first.count, first.arr) == (2, Decimal(100000))
    prob = {o: p for o, p in [(o.stage, o.probability) for o in _all(rt)]}
    assert first.weighted == Decimal(100000) * prob["Problem Agreement"] / 100
    assert totals["Priority Agreement"].count == 1
    assert "Closed Won" not in totals and mine == {}


def _all(rt: Runtime) -> list[Opportunity]:
    from sqlalchemy import select

    with rt.uow(readonly=True) as s:
        return list(s.scalars(select(Opportunity)))


def test_q4_board_is_compact_with_every_column_and_totals(as_user, sales, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    _deals(rt, sales)
    html = as_user(sales).get("/pipeline").text
    for stage in ("Problem Agreement", "Vendor Approval", "Closed Won", "Closed Lost"):
        assert f'data-stage="{stage}"' in html
    text = re.sub(r"<[^>]+>", "", html)
    assert "2 deals · $100,000 · $10,000 weighted" in text
    assert '<details class="drawer"' in html and "Exit criteria 0/" in html
    assert "next step 2026-12-01" in html and "sortable-1.15.7.min.js" in html


def test_q4_a_refused_drag_names_the_criteria_in_words_and_a_met_one_moves(
    as_user, sales, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    first, _, _ = _deals(rt, sales)
    c = as_user(sales)
    r = post(c, f"/opportunities/{first}/stage", {"stage": "Solution Agreement"}, headers=JSON)
    assert r.status_code == 409
    body = r.json()
    assert body["ok"] is False and "Initech analytics" in body["message"]
    assert "Quantified pain" in body["message"] or "quantified pain" in body["message"].lower()
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", body["message"]), body["message"]  # no keys
    with rt.uow(readonly=True) as s:
        assert s.get(Opportunity, first).stage == "Problem Agreement"  # type: ignore[union-attr]
    r = post(c, f"/opportunities/{first}/stage", {"stage": "Closed Lost"}, headers=JSON)
    assert r.status_code in (409, 422) and "loss reason" in r.json()["message"]
    with rt.uow() as s:
        s.get(Opportunity, first).exit_criteria = {"quantified_pain": True}  # type: ignore[union-attr]
    r = post(c, f"/opportunities/{first}/stage", {"stage": "Solution Agreement"}, headers=JSON)
    assert r.status_code == 200 and r.json() == {
        "ok": True,
        "message": "Moved to Solution Agreement.",
    }
    with rt.uow(readonly=True) as s:
        assert s.get(Opportunity, first).stage == "Solution Agreement"  # type: ignore[union-attr]


def test_q4_the_no_js_move_form_still_works(as_user, sales, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    first, _, _ = _deals(rt, sales)
    c = as_user(sales)
    r = post(c, f"/opportunities/{first}/stage", {"stage": "Solution Agreement", "back": "board"})
    page = refused_page(c, r)  # Post/Redirect/Get back to the board (issue 17 item 9)
    assert "stays where it was" in page
    assert "Quantified pain" in page and "(quantified_pain)" not in page
    with rt.uow() as s:
        s.get(Opportunity, first).exit_criteria = {"quantified_pain": True}  # type: ignore[union-attr]
    r = post(c, f"/opportunities/{first}/stage", {"stage": "Solution Agreement", "back": "board"})
    assert r.status_code == 303 and r.headers["location"].startswith("/pipeline?")
