"""Issue 16 item 6: money is finite, non-negative and bounded on every path — API, web
forms, import — and a bad amount already stored never takes a page down for everyone
(Q-3 amounts, O-1 MRR; V-1/V-2 readers)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from salesops.core.db import Database
from salesops.core.limits import MONEY_MAX, BadMoney, money_value
from salesops.flows.imports.values import BadValue, money
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from tests.factories import token_for
from tests.web.conftest import post, refused_page

BAD = ["infinity", "-Infinity", "inf", "NaN", "nan", "sNaN", "1e309", "-5", "1e15", "12e3e4"]


@pytest.mark.parametrize("value", BAD)
def test_money_value_refuses_what_is_not_a_bounded_amount(value: str) -> None:
    with pytest.raises(BadMoney):
        money_value(value, "Amount (ARR)")
    with pytest.raises(BadValue):
        money(value, "Amount")


def test_money_value_reads_what_people_type() -> None:
    assert money_value("$48,000", "Amount") == Decimal("48000.00")
    assert money_value(" 1234.567 ", "Amount") == Decimal("1234.57")
    assert money_value("", "Amount") is None
    assert money_value(str(MONEY_MAX), "Amount") == MONEY_MAX
    with pytest.raises(BadMoney, match="Amount must be at most 9,999,999,999.99"):
        money_value("10000000000", "Amount")
    with pytest.raises(BadMoney, match="MRR must be a finite number"):
        money_value("NaN", "MRR")


def test_api_refuses_infinite_and_nan_amounts_by_field(
    rt: Runtime, client: TestClient, sales: Any, deal: Opportunity
) -> None:
    h = {"Authorization": f"Bearer {token_for(rt, sales)}", "content-type": "application/json"}
    for raw in ('{"amount": 1e999}', '{"amount": "Infinity"}', '{"amount": "NaN"}',
                '{"amount": NaN}', '{"amount": -1}', '{"amount": 1e13}'):  # fmt: skip
        r = client.patch(f"/api/v1/opportunities/{deal.id}", content=raw, headers=h)
        assert r.status_code == 422, (raw, r.text)
        assert "amount" in r.text
    account_id = deal.account_id
    for raw in ('{"mrr": "NaN"}', '{"mrr": 1e999}', '{"mrr": "-3"}'):
        r = client.patch(f"/api/v1/accounts/{account_id}", content=raw, headers=h)
        assert r.status_code in (403, 422), (raw, r.text)
        assert r.status_code == 403 or "mrr" in r.text


def test_web_forms_refuse_them_with_the_field_named(
    rt: Runtime, as_user: Any, sales: Any, admin: Any, deal: Opportunity
) -> None:
    c = as_user(sales)
    for value in ("infinity", "NaN", "1e309", "-1", "1e13"):
        r = post(c, f"/opportunities/{deal.id}/edit", {"amount": value})
        assert "Amount (ARR)" in refused_page(c, r), value
    with rt.uow(readonly=True) as s:
        assert s.get(Opportunity, deal.id).amount.is_finite()  # type: ignore[union-attr]
    a = as_user(admin, "admin-password")
    for value in ("NaN", "inf", "1e20", "-2"):
        r = post(a, f"/accounts/{deal.account_id}/mrr", {"mrr": value})
        assert r.status_code in (303, 422), (value, r.status_code)
        page = refused_page(a, r) if r.status_code == 303 else r.text
        assert "MRR" in page, value
    assert a.get("/forecast").status_code == 200
    assert a.get("/pipeline").status_code == 200


def test_a_bad_amount_already_stored_takes_no_page_down(
    rt: Runtime, database: Database, as_user: Any, admin: Any, deal: Opportunity
) -> None:
    """V-1, V-2: a value written before the checks (or by hand) reads as unknown, not a 500."""
    bad = "'NaN'" if database.backend == "postgresql" else "9e999"
    with database.engine.begin() as conn:
        conn.execute(text(f"UPDATE opportunities SET amount = {bad} WHERE id = :i"), {"i": deal.id})
    a = as_user(admin, "admin-password")
    for path in ("/forecast", "/pipeline", f"/opportunities/{deal.id}", "/reports/pipeline",
                 "/reports/forecast", "/app"):  # fmt: skip
        got = a.get(path)
        assert got.status_code == 200, (path, got.text[-1500:])
    h = {"Authorization": f"Bearer {token_for(rt, admin)}"}
    api = TestClient(a.app)
    for path in ("/api/v1/reports/pipeline", "/api/v1/reports/forecast",
                 f"/api/v1/opportunities/{deal.id}"):  # fmt: skip
        r = api.get(path, headers=h)
        assert r.status_code == 200, (path, r.text[:300])


@pytest.mark.parametrize("value", [".inf", ".nan", "-5"])
def test_playbook_money_is_finite_and_non_negative(value: str) -> None:
    """P-1 with issue 16 item 6: the playbook's amounts refuse infinity and NaN too."""
    from salesops.playbook.loader import PlaybookError, default_playbook_text, load_playbook_text

    text = default_playbook_text()
    assert "default_amount: 20000" in text
    with pytest.raises(PlaybookError, match="default_amount"):
        load_playbook_text(text.replace("default_amount: 20000", f"default_amount: {value}"))
