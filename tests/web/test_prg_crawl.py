"""Post/Redirect/Get on every web form (issue 17 item 9): each POST route of the web
routers, sent as a browser's form submit with nothing filled in, answers 303 — success
or refusal — so a reload never re-submits; the page it leads to shows the refusal in
words, never an internal snake_case key. 401/403 (who sends it, not what) are answered
in place by design; the routing preview (writes nothing) and a new API token (shown once,
never put in the cookie) render their answer."""

from __future__ import annotations

import importlib
import re

from fastapi.testclient import TestClient

from salesops.app import WEB_ROUTERS
from tests.factories import make_account, make_contact, make_task
from tests.web.conftest import csrf_of

SKIP = {"/login", "/logout"}
# The routing preview writes nothing (a reload is harmless); a new API token is shown once
# in the answer itself (a secret never rides in the readable session cookie).
RENDERS = {"/admin/routing-preview", "/account/tokens"}
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
MESSAGE = re.compile(r'class="(?:error|flash)"[^>]*>(.*?)</p>', re.S)


def _post_routes() -> list[str]:
    out = []
    for name in WEB_ROUTERS:
        for route in importlib.import_module(name).router.routes:
            if "POST" in getattr(route, "methods", ()) and route.path not in SKIP:
                out.append(re.sub(r"{\w+}", "1", route.path))
    return sorted(set(out))


def test_every_form_route_redirects_after_a_refusal_and_speaks_in_words(
    rt, as_user, admin, sales
) -> None:  # type: ignore[no-untyped-def]
    account = make_account(rt, "Acme", country="DE")
    contact = make_contact(rt, "jo@acme.com", name="Jo Buyer", account_id=account.id)
    make_task(rt, account, contact, owner_id=sales.id)
    c: TestClient = as_user(admin, "admin-password")
    token = csrf_of(c, "/app")
    routes = _post_routes()
    assert len(routes) > 30
    leaks, wrong = [], []
    for path in routes:
        r = c.post(path, data={"csrf_token": token}, follow_redirects=False)
        if path in RENDERS:
            assert r.status_code < 500, path
            continue
        if r.status_code not in (303, 401, 403):
            wrong.append((path, r.status_code))
        if r.status_code != 303:
            continue
        page = c.get(r.headers["location"])
        assert page.status_code < 500, (path, r.headers["location"])
        for message in MESSAGE.findall(page.text):
            if SNAKE.search(re.sub(r"<[^>]+>", "", message)):
                leaks.append((path, message.strip()))
        token = csrf_of(c, "/app")
    assert wrong == [], wrong
    assert leaks == [], leaks
