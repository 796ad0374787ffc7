"""/docs and /redoc work offline (issue 17 item 9): every script, style and icon the two
pages reference is a local path this app serves with 200, none names another host."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

ASSET = re.compile(r"""(?:src|href)\s*=\s*['"]([^'"]+)['"]|\burl:\s*['"]([^'"]+)['"]""")


def _assets(html: str) -> list[str]:
    return [a or b for a, b in ASSET.findall(html)]


@pytest.mark.parametrize(
    ("path", "needed"),
    [
        ("/docs", {"swagger-ui-bundle.js", "swagger-ui.css"}),
        ("/redoc", {"redoc.standalone.js"}),
    ],
)
def test_api_docs_reference_only_local_assets_and_all_are_served(
    app: FastAPI, path: str, needed: set[str]
) -> None:
    client = TestClient(app)
    page = client.get(path)
    assert page.status_code == 200
    assert "cdn.jsdelivr" not in page.text and "fonts.googleapis" not in page.text
    assert re.search(r"https?://", page.text) is None, "an outside URL in " + path
    assets = _assets(page.text) + re.findall(r"Redoc\.init\(\s*['\"]([^'\"]+)", page.text)
    assert needed <= {a.rsplit("/", 1)[-1] for a in assets}, assets
    for asset in assets:
        assert asset.startswith("/") and not asset.startswith("//"), asset
        r = client.get(asset)
        assert r.status_code == 200, asset
        assert len(r.content) > 0
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert client.get("/openapi.json").json()["info"]["title"] == "salesops"


def test_swagger_validator_badge_is_off(app: FastAPI) -> None:
    """Swagger UI would otherwise call validator.swagger.io from the reader's browser."""
    html = TestClient(app).get("/docs").text
    assert '"validatorUrl": null' in html
