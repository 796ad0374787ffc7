"""Revoking an API token (U-1; issue 13 item 9) over the API, the CLI and the web: it
stops working at once; users revoke their own, admins anyone's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from salesops.cli import app as cli
from salesops.playbook.runtime import Runtime
from tests.factories import make_user, token_for
from tests.users.helpers import PASSWORD, csrf_of, login


@pytest.fixture
def sam(rt: Runtime) -> Any:
    return make_user(rt, "sam@example.com", role="sales", password=PASSWORD)


@pytest.fixture
def sue(rt: Runtime) -> Any:
    return make_user(rt, "sue@example.com", role="sales", password=PASSWORD)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_revoke_over_the_api(
    client: TestClient, rt: Runtime, sam: Any, sue: Any, admin_headers: dict[str, str]
) -> None:
    mine = token_for(rt, sam)
    spare = client.post(
        f"/api/v1/users/{sam.id}/tokens", json={"name": "spare"}, headers=bearer(mine)
    ).json()
    listed = client.get(f"/api/v1/users/{sam.id}/tokens", headers=bearer(mine)).json()
    assert {t["name"] for t in listed} == {"token", "spare"}
    assert mine not in str(listed) and spare["token"] not in str(listed)  # never the secret
    # another salesperson can neither list nor revoke them
    theirs = bearer(token_for(rt, sue))
    assert client.get(f"/api/v1/users/{sam.id}/tokens", headers=theirs).status_code == 403
    path = f"/api/v1/users/{sam.id}/tokens/{spare['id']}"
    assert client.delete(path, headers=theirs).status_code == 403
    assert client.get("/api/v1/me", headers=bearer(spare["token"])).status_code == 200
    # the owner revokes: the token stops working at once
    r = client.delete(path, headers=bearer(mine))
    assert r.status_code == 200 and r.json()["revoked_at"] is not None
    assert client.get("/api/v1/me", headers=bearer(spare["token"])).status_code == 401
    # an admin revokes anyone's
    mine_id = next(t["id"] for t in listed if t["name"] == "token")
    path = f"/api/v1/users/{sam.id}/tokens/{mine_id}"
    assert client.delete(path, headers=admin_headers).status_code == 200
    assert client.get("/api/v1/me", headers=bearer(mine)).status_code == 401
    # a token of someone else through the wrong user's path is not found
    other = f"/api/v1/users/{sue.id}/tokens/{spare['id']}"
    assert client.delete(other, headers=admin_headers).status_code == 404


def test_revoke_from_the_cli_by_prefix(
    client: TestClient, rt: Runtime, sam: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    token = token_for(rt, sam)
    runner = CliRunner()
    listed = runner.invoke(cli, ["tokens", "list", sam.email])
    assert listed.exit_code == 0 and token[:10] in listed.output and token not in listed.output
    r = runner.invoke(cli, ["tokens", "revoke", token[:10]])
    assert r.exit_code == 0, r.output
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    r = runner.invoke(cli, ["tokens", "revoke", "so_nothing"])
    assert r.exit_code == 1 and "no single token" in r.output


def test_create_and_revoke_on_the_web(client: TestClient, rt: Runtime, sam: Any) -> None:
    assert login(client, sam.email, PASSWORD).status_code == 303
    r = client.post(
        "/account/tokens",
        data={"name": "laptop", "csrf_token": csrf_of(client, "/account")},
        follow_redirects=False,
    )
    assert r.status_code == 201
    found = re.search(r'<code id="new-token">([^<]+)</code>', r.text)
    assert found, "the new token is shown once"
    token = found.group(1)
    assert client.get("/api/v1/me", headers=bearer(token)).json()["email"] == sam.email
    page = client.get("/account").text
    assert token not in page  # shown once only
    token_id = re.search(r'action="/account/tokens/(\d+)/revoke"', page)
    assert token_id
    r = client.post(
        f"/account/tokens/{token_id.group(1)}/revoke",
        data={"csrf_token": csrf_of(client, "/account")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert "revoked" in client.get("/account").text
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_only_admins_see_someone_elses_tokens_page(
    client: TestClient, rt: Runtime, sam: Any, sue: Any
) -> None:
    token_for(rt, sue)
    assert login(client, sam.email, PASSWORD).status_code == 303
    r = client.get(f"/admin/users/{sue.id}/tokens", headers={"accept": "text/html"})
    assert r.status_code == 403
