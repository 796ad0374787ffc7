"""Signing in from tests: the login form, CSRF tokens, a second process's app."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from salesops.app import create_app
from salesops.core.config import Settings
from salesops.playbook.runtime import Runtime

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "password123"


def csrf_of(client: TestClient, path: str = "/login") -> str:
    match = CSRF.search(client.get(path, headers={"accept": "text/html"}).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: TestClient, email: str, password: str) -> Response:
    data = {"email": email, "password": password, "csrf_token": csrf_of(client)}
    return client.post("/login", data=data, follow_redirects=False)


def second_app(rt: Runtime, **settings: Any) -> Iterator[TestClient]:
    """Another process of the same installation: its own runtime on the same database."""
    other = Runtime(Settings(database_url=rt.db.url, _env_file=None, **settings))  # type: ignore[call-arg]
    base = "https://testserver" if other.settings.secure_cookies else "http://testserver"
    with TestClient(create_app(other.settings, runtime=other), base_url=base) as c:
        yield c
    other.close()
