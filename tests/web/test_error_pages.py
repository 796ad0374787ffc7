"""Error pages keep the navigation (issue 17 item 9): a 404, 403, 422 or 500 page for a
signed-in user is drawn in the base layout with that user's menu, and an anonymous
visitor's error page has the layout without it."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import post

NAV = '<nav aria-label="Main"'  # the main navigation (its id and classes may vary)


def _keeps_navigation(html: str, name: str) -> None:
    assert NAV in html and 'href="/accounts"' in html and 'action="/search"' in html
    assert name in html  # the signed-in user's menu
    assert 'name="csrf_token"' in html  # the logout form works from the error page


def test_404_page_keeps_the_navigation(as_user, sales) -> None:  # type: ignore[no-untyped-def]
    c = as_user(sales)
    for path in ("/no-such-page", "/tasks/987654", "/accounts/987654"):
        r = c.get(path)
        assert r.status_code == 404, path
        _keeps_navigation(r.text, "Sam Sales")


def test_403_page_keeps_the_navigation(as_user, sales) -> None:  # type: ignore[no-untyped-def]
    r = as_user(sales).get("/admin/rejected")  # U-2: an admin page
    assert r.status_code == 403
    _keeps_navigation(r.text, "Sam Sales")
    assert "admin" in r.text.lower()


def test_422_page_keeps_the_navigation_and_names_the_field_in_words(as_user, sales) -> None:  # type: ignore[no-untyped-def]
    r = as_user(sales).get("/tasks/not-a-number")
    assert r.status_code == 422
    _keeps_navigation(r.text, "Sam Sales")
    assert "task_id" not in r.text and "task id" in r.text.lower()


def test_500_page_keeps_the_navigation(app: FastAPI, sales) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/broken-page", broken, methods=["GET"])
    from tests.web.conftest import log_in

    with TestClient(app, headers={"accept": "text/html"}, raise_server_exceptions=False) as c:
        log_in(c, sales.email, "password123")
        r = c.get("/broken-page")
        assert r.status_code == 500
        _keeps_navigation(r.text, "Sam Sales")
        assert "a bug" not in r.text  # no internals on the page


def test_anonymous_error_page_has_the_layout_without_a_menu(app: FastAPI) -> None:
    r = TestClient(app, headers={"accept": "text/html"}).get("/no-such-page")
    assert r.status_code == 404 and "<header" in r.text and NAV not in r.text


@pytest.mark.parametrize("path", ["/tasks/987654/status", "/accounts/987654/edit"])
def test_a_refused_post_to_a_missing_record_goes_back_with_the_message(
    as_user, sales, path: str
) -> None:  # type: ignore[no-untyped-def]
    c = as_user(sales)
    r = post(c, path, {"status": "Working", "name": "x"}, headers={"referer": "/app"})
    assert r.status_code == 303
    page = c.get(r.headers["location"])
    assert "not found" in page.text.lower() and NAV in page.text
