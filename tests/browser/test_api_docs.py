"""/docs in Chromium with every request to another host refused (issue 17 item 9):
Swagger UI and ReDoc render the API from assets this server serves."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.test_web_flows import CHROMIUM, Watched

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium"),
]


def _offline(w: Watched) -> list[str]:
    """Abort (and record) every request that leaves 127.0.0.1."""
    outside: list[str] = []

    def route(r: Any) -> None:
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith("data:") or host == "127.0.0.1":
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    w.context.route("**/*", route)
    return outside


def test_swagger_ui_and_redoc_render_offline(server: str, browser: Any) -> None:
    w = Watched(browser, server)
    outside = _offline(w)
    w.goto("/docs")
    w.page.locator(".swagger-ui .info .title").wait_for(timeout=15_000)
    assert "salesops" in w.page.locator(".swagger-ui .info .title").inner_text()
    assert w.page.locator(".opblock").count() > 10  # the operations are listed
    w.goto("/redoc")
    w.allowed.append("Content Security Policy")  # Redoc's CDN logo, refused by the browser
    w.page.get_by_role("heading", name="salesops").first.wait_for(timeout=15_000)
    assert outside == []
    w.assert_clean()
