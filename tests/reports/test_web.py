"""The report pages (issue 18): a Reports nav entry, filters, the chart's data for the
vendored Chart.js, numbers linking to the records behind them, U-2 for sales users."""

from __future__ import annotations

import json
import re
from html import unescape

import time_machine
from fastapi.testclient import TestClient

from salesops.app import create_app
from salesops.reports.registry import REPORTS
from tests.reports.conftest import NOW, World
from tests.web.conftest import log_in


def _client(world: World, email: str) -> TestClient:
    c = TestClient(create_app(world.rt.settings, runtime=world.rt), headers={"accept": "text/html"})
    c.__enter__()
    with time_machine.travel(NOW, tick=False):
        log_in(c, email, "password123")
    return c


def test_every_report_page_draws_a_chart_and_links_numbers(world: World) -> None:
    c = _client(world, "boss@example.com")
    with time_machine.travel(NOW, tick=False):
        index = c.get("/reports")
        assert index.status_code == 200 and 'href="/reports"' in index.text  # nav entry
        for name in REPORTS:
            page = c.get(f"/reports/{name}?from=2026-01-01&to=2026-03-31")
            assert page.status_code == 200, (name, page.text[:500])
            assert "/static/vendor/chart-4.5.1.umd.min.js" in page.text
            data = re.search(r'id="report-chart-data">(.*?)</script>', page.text, re.S)
            assert data is not None
            json.loads(data.group(1))
    c.__exit__(None, None, None)


def test_forecast_page_numbers_link_to_their_deals(world: World) -> None:
    c = _client(world, "boss@example.com")
    with time_machine.travel(NOW, tick=False):
        page = c.get("/reports/forecast?as_of=2026-01-11")
        links = [
            unescape(h) for h in re.findall(r'href="(/reports/forecast/records\?[^"]+)"', page.text)
        ]
        assert links, page.text
        q1 = next(h for h in links if "2026-Q1" in h)
        records = c.get(q1)
        assert records.status_code == 200
        assert f'/opportunities/{world.deals["d1"]}"' in records.text
        assert f'/opportunities/{world.deals["d2"]}"' not in records.text  # Q2
        moved = c.get("/reports/forecast?compare=2026-01-31")
        assert "Moved between" in moved.text and "up: 4" in moved.text
        # every number links to the deals behind it (V-1 drill-down, one page at a time)
        drill = unescape(re.findall(r'href="(\?[^"]*movement=up[^"]*)"', moved.text)[0])
        ups = c.get("/reports/forecast" + drill)
        assert ups.status_code == 200 and "1–4 of 4" in ups.text, drill
        assert f'/opportunities/{world.deals["d2"]}"' in ups.text
        bad = c.get("/reports/forecast?as_of=nonsense")
        assert bad.status_code == 422 and "As of must be a date" in bad.text
        assert "as_of must" not in bad.text  # the label the page shows, not the parameter
        bad = c.get("/reports/forecast?compare=x")
        assert bad.status_code == 422 and "Compare with must be a date" in bad.text
        # the pipeline's key is worded like the rest of the page (issue 17 item 9)
        pipeline = c.get("/reports/pipeline?from=2026-01-01&to=2026-03-31")
        assert (
            "<td>new_business</td>" not in pipeline.text
            and "<td>New business</td>" in pipeline.text
        )
        # the forecast page's chart moved to Chart.js
        forecast = c.get("/forecast")
        assert 'id="forecast-chart-data"' in forecast.text and "<svg" not in forecast.text
    c.__exit__(None, None, None)


def test_sales_user_sees_own_rows_on_pages(world: World) -> None:
    c = _client(world, "bob@example.com")
    with time_machine.travel(NOW, tick=False):
        page = c.get("/reports/quota?from=2026-01-01&to=2026-03-31")
        assert "<td>Bob</td>" in page.text and "<td>Alice</td>" not in page.text
        records = c.get(
            f"/reports/quota/records?from=2026-01-01&to=2026-03-31&owner_id={world.alice.id}&self_serve=1"
        )
        assert records.status_code == 200 and "/opportunities/" not in records.text
    c.__exit__(None, None, None)


def test_mrr_change_with_its_date_on_the_account_page(world: World) -> None:
    """V-6 / O-1: the web keeps an MRR change with the day it took effect."""
    from sqlalchemy import select

    from salesops.accounts.models import Account, MrrChange
    from tests.web.conftest import post, refused_page

    with world.rt.uow(readonly=True) as s:
        account_id = s.scalars(select(Account.id).order_by(Account.id)).first()
    c = _client(world, "boss@example.com")
    with time_machine.travel(NOW, tick=False):
        r = post(
            c, f"/accounts/{account_id}/mrr", {"mrr": "1,250", "mrr_effective_on": "2026-01-15"}
        )
        assert r.status_code == 303, r.text
        bad = post(c, f"/accounts/{account_id}/mrr", {"mrr": "lots"})
        assert "MRR must be a number" in refused_page(c, bad)  # PRG (issue 17 item 9)
        later = post(
            c, f"/accounts/{account_id}/mrr", {"mrr": "10", "mrr_effective_on": "2027-01-01"}
        )
        assert "future" in refused_page(c, later)
        page = c.get(f"/accounts/{account_id}")
        assert "2026-01-15" in page.text
        body = c.get("/api/v1/reports/revenue?from=2026-01-01&to=2026-01-31&format=csv")
    with world.rt.uow(readonly=True) as s:
        change = s.scalars(select(MrrChange).where(MrrChange.account_id == account_id)).one()
    assert (str(change.effective_on), float(change.mrr_after)) == ("2026-01-15", 1250.0)
    assert body.text.splitlines()[1].startswith("2026-01,0,1250,1250,")  # month,start_mrr,mrr,new
    c.__exit__(None, None, None)
