"""The deal list (issue 17 item 3): sortable columns, CSV export of what it shows, saved
views, and bulk actions — move to a stage through the same exit-criteria check as the
board (Q-4), close lost with a loss reason (Q-5 / Q-8), reassign with the account and its
open work (U-2 / M-3: an admin at once, a salesperson asks)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from sqlalchemy import select

from salesops.accounts.models import Account
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from tests.factories import make_user
from tests.web.conftest import csrf_of
from tests.web.test_board import _deals


def _bulk(c: Any, data: dict[str, Any]) -> str:
    r = c.post(
        "/opportunities/bulk",
        data={"csrf_token": csrf_of(c, "/opportunities"), "query": "sort=name", **data},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/opportunities?sort=name"
    return str(c.get(r.headers["location"]).text)


def _stages(rt: Runtime) -> dict[str, str]:
    with rt.uow(readonly=True) as s:
        return {o.name: o.stage for o in s.scalars(select(Opportunity))}


def test_deal_list_sorts_exports_and_saves_views(as_user, sales, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    _deals(rt, sales)
    c = as_user(sales)
    page = c.get("/opportunities", params={"sort": "amount", "dir": "desc"}).text
    assert (
        page.index(">Initech EU<")
        < page.index(">Initech analytics<")
        < page.index(">Initech replay<")
    )
    assert 'aria-sort="descending"' in page and 'href="/opportunities"' in page  # the nav
    asc = c.get("/opportunities", params={"sort": "name"}).text
    assert asc.index(">Initech EU<") < asc.index(">Initech analytics<")
    r = c.get(
        "/opportunities", params={"stage": "Problem Agreement", "sort": "name", "format": "csv"}
    )
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][:4] == ["id", "name", "account", "owner"]
    assert [row[1] for row in rows[1:]] == ["Initech analytics", "Initech replay"]  # as shown
    assert rows[1][2] == "Initech" and rows[1][5] == "Problem Agreement"
    found = c.get("/opportunities", params={"q": "REPLAY"}).text  # name, any case
    assert ">Initech replay<" in found and ">Initech EU<" not in found
    none = c.get("/opportunities", params={"status": "closed"}).text
    assert "No deal matches" in none
    r = c.post(
        "/views",
        data={"csrf_token": csrf_of(c, "/opportunities"), "list_name": "deals",
              "name": "Early deals", "query": "stage=Problem Agreement"},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303 and r.headers["location"].startswith("/opportunities?")
    assert "Early deals" in c.get("/opportunities").text


def test_q4_bulk_stage_move_runs_the_exit_criteria_and_names_the_refused(
    as_user, sales, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    first, second, _ = _deals(rt, sales)
    with rt.uow() as s:  # only the first meets Problem Agreement's exit criteria
        s.get(Opportunity, first).exit_criteria = {"quantified_pain": True}  # type: ignore[union-attr]
    c = as_user(sales)
    text = _bulk(c, {"action": "stage", "stage": "Solution Agreement", "ids": [first, second]})
    assert "1 deal moved to Solution Agreement. 1 refused: deal " in text
    assert _stages(rt) == {
        "Initech analytics": "Solution Agreement",
        "Initech replay": "Problem Agreement",
        "Initech EU": "Priority Agreement",
    }
    assert "Choose the stage" in _bulk(c, {"action": "stage", "ids": [second]})


def test_q8_bulk_close_lost_needs_a_loss_reason(as_user, sales, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    first, second, third = _deals(rt, sales)
    c = as_user(sales)
    assert "Choose a loss reason" in _bulk(c, {"action": "lost", "ids": [first, second]})
    assert _stages(rt)["Initech analytics"] == "Problem Agreement"
    with rt.uow(readonly=True) as s:
        from salesops.playbook.runtime import playbook_of

        reason = playbook_of(s).opportunities.loss_reasons[0].name
    lost = {"action": "lost", "loss_reason": reason, "ids": [first, second]}
    text = _bulk(c, lost)  # this reason's follow-up waits for a feature: say which
    assert "0 deals closed lost" in text and "2 refused" in text and "feature" in text
    text = _bulk(c, {**lost, "waiting_for": "SAML login"})
    assert f"2 deals closed lost ({reason})." in text, re.findall(r"role=.status.>[^<]*", text)
    with rt.uow(readonly=True) as s:
        lost = {o.name: o for o in s.scalars(select(Opportunity))}
        assert lost["Initech analytics"].is_closed and not lost["Initech analytics"].is_won
        assert lost["Initech replay"].loss_reason == reason
        assert not lost["Initech EU"].is_closed


def test_m3_u2_bulk_reassign_deals_admin_at_once_sales_asks(
    as_user, sales, boss, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    first, second, _ = _deals(rt, sales)
    olga = make_user(rt, "olga@example.com", role="sales", name="Olga")
    asked = _bulk(as_user(sales), {"action": "reassign", "owner_id": olga.id, "ids": [first]})
    assert "sent to an admin for approval (U-2)" in asked
    text = _bulk(as_user(boss), {"action": "reassign", "owner_id": olga.id, "ids": [first, second]})
    assert "2 deals reassigned." in text and "(M-3)" in text
    with rt.uow(readonly=True) as s:
        owners = {o.owner_id for o in s.scalars(select(Opportunity))}
        assert owners == {olga.id}  # the third went along: one account, one owner (M-3)
        assert s.scalars(select(Account)).one().owner_id == olga.id
