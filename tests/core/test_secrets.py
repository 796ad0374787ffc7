"""Never a built-in or empty secret (issue 13 item 1; U-1, I-10): the published defaults
protect nothing, an empty intake secret disables its source, unset secrets are
generated once per installation and shared by every process."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from sqlalchemy import func, select
from typer.testing import CliRunner

from salesops.accounts.models import Contact
from salesops.app import create_app
from salesops.cli import app as cli
from salesops.core import secretstore
from salesops.core.config import Settings
from salesops.core.db import Database
from salesops.core.secretstore import KNOWN_WEAK, SPECS, InstallationSecret, SecretError
from salesops.intake.rules import sign_hex, sign_slack, sign_zendesk
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.intake.helpers import mail, post_form

OLD_DEFAULTS = {
    "secret_key": "dev-insecure-secret-change-me",
    "form_secret": "dev-form-secret",
    "product_events_secret": "dev-product-events-secret",
    "product_api_key": "phc_dev_project_key",
    "zendesk_secret": "dev-zendesk-secret",
    "slack_signing_secret": "dev-slack-signing-secret",
    "email_secret": "dev-email-secret",
}
INTAKE = [spec.name for spec in SPECS if spec.name != "secret_key"]


def forged_cookie(key: str, data: dict[str, Any]) -> str:
    """A session cookie as Starlette's SessionMiddleware signs it, with ``key``."""
    payload = base64.b64encode(json.dumps(data).encode())
    return TimestampSigner(key).sign(payload).decode()


def _settings(rt: Runtime, **secrets: str) -> Settings:
    return Settings(database_url=rt.db.url, _env_file=None, **secrets)  # type: ignore[call-arg]


def _counts(rt: Runtime) -> tuple[int, int]:
    with rt.uow(readonly=True) as s:
        tasks = s.scalar(select(func.count()).select_from(Task)) or 0
        contacts = s.scalar(select(func.count()).select_from(Contact)) or 0
    return tasks, contacts


# --- the session key ----------------------------------------------------------------


def test_a_cookie_forged_with_the_old_default_key_gives_nothing(
    client: TestClient, rt: Runtime, admin: Any
) -> None:
    """The take-over: a cookie signed with the published key claiming the admin."""
    now = datetime.now(UTC).isoformat()
    for data in (
        {"user_id": admin.id, "login_at": now},
        {"user_id": admin.id, "sid": "guessed", "login_at": now, "csrf": "x"},
    ):
        client.cookies.set("salesops_session", forged_cookie(OLD_DEFAULTS["secret_key"], data))
        assert client.get("/api/v1/me").status_code == 401
        r = client.post(
            f"/api/v1/users/{admin.id}/tokens",
            json={"name": "pwned"},
            headers={"X-CSRF-Token": "x"},
        )
        assert r.status_code == 401
        r = client.get("/app", headers={"accept": "text/html"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        client.cookies.clear()


def test_a_cookie_signed_with_the_real_key_but_no_live_session_gives_nothing(
    client: TestClient, rt: Runtime, admin: Any
) -> None:
    """Even the installation's own key cannot mint a session: the session is a row."""
    key = secretstore.required(rt.settings, "secret_key")
    now = datetime.now(UTC).isoformat()
    client.cookies.set(
        "salesops_session", forged_cookie(key, {"user_id": admin.id, "sid": "x", "login_at": now})
    )
    assert client.get("/api/v1/me").status_code == 401


def test_the_generated_session_key_is_strong_and_not_the_default(rt: Runtime) -> None:
    key = secretstore.required(rt.settings, "secret_key")
    assert key not in KNOWN_WEAK and len(key) >= 32
    assert rt.secret_sources is not None and rt.secret_sources["secret_key"] == "database"


@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [
        ("secret_key", OLD_DEFAULTS["secret_key"], "SALESOPS_SECRET_KEY is a published default"),
        ("secret_key", "short-key", "SALESOPS_SECRET_KEY is too short"),
        ("secret_key", "", "SALESOPS_SECRET_KEY is empty"),
        ("secret_key", "a" * 40, "SALESOPS_SECRET_KEY is too simple"),
        ("form_secret", "dev-form-secret", "SALESOPS_FORM_SECRET is a published default"),
        ("zendesk_secret", "tiny", "SALESOPS_ZENDESK_SECRET is too short"),
    ],
)
def test_a_weak_secret_refuses_to_start_naming_the_setting(
    rt: Runtime, setting: str, value: str, words: str
) -> None:
    settings = _settings(rt, **{setting: value})
    with pytest.raises(SecretError, match=words):
        create_app(settings, runtime=Runtime(settings, db=rt.db))


def test_db_upgrade_refuses_a_published_key_in_words_before_migrating(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    monkeypatch.setenv("SALESOPS_SECRET_KEY", OLD_DEFAULTS["secret_key"])
    r = CliRunner().invoke(cli, ["db", "upgrade"])
    assert r.exit_code == 1
    assert "SALESOPS_SECRET_KEY is a published default" in r.output


# --- intake ---------------------------------------------------------------------------


def signed(source: str, secret: str) -> tuple[str, bytes, dict[str, str]]:
    """A request for ``source`` that would be accepted if ``secret`` were its secret."""
    if source == "form_secret":
        body = json.dumps({"name": "Eve", "email": "eve@forged.io", "company": "F"}).encode()
        return "/api/v1/intake/form", body, {"X-Salesops-Signature": sign_hex(secret, body)}
    if source == "product_events_secret":
        body = json.dumps(
            {
                "event": {"uuid": "u-1", "event": "user signed up", "properties": {}},
                "person": {"properties": {"email": "eve@forged.io"}},
            }
        ).encode()
        path = "/api/v1/intake/product-events"
        return path, body, {"X-Salesops-Signature": sign_hex(secret, body)}
    if source == "product_api_key":
        event = {"event": "user signed up", "uuid": "b-1", "properties": {"email": "e@f.io"}}
        return "/batch/", json.dumps({"api_key": secret, "batch": [event]}).encode(), {}
    if source == "email_secret":
        raw = mail(sender="Eve <eve@forged.io>")
        headers = {"Content-Type": "message/rfc822", "X-Salesops-Signature": sign_hex(secret, raw)}
        return "/api/v1/intake/email", raw, headers
    if source == "zendesk_secret":
        body = json.dumps({"ticket": {"id": "77", "tags": ["sf-lead"]}}).encode()
        ts = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # within I-10's replay window
        headers = {
            "X-Zendesk-Webhook-Signature": sign_zendesk(secret, body, ts),
            "X-Zendesk-Webhook-Signature-Timestamp": ts,
        }
        return "/api/v1/intake/zendesk", body, headers
    assert source == "slack_signing_secret"
    body = json.dumps({"type": "url_verification", "challenge": "forged"}).encode()
    stamp = str(int(datetime.now(UTC).timestamp()))
    headers = {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": sign_slack(secret, body, stamp),
    }
    return "/api/v1/intake/slack", body, headers


@pytest.mark.parametrize("source", INTAKE)
def test_a_lead_signed_with_the_old_default_secret_is_refused(
    client: TestClient, rt: Runtime, source: str
) -> None:
    path, body, headers = signed(source, OLD_DEFAULTS[source])
    r = client.post(path, content=body, headers=headers)
    assert r.status_code == 401, r.text
    assert _counts(rt) == (0, 0)


@pytest.fixture(params=[True, False], ids=["fast-lane", "framework"])
def disabled_client(rt: Runtime, request: pytest.FixtureRequest) -> Iterator[TestClient]:
    """Every intake secret set empty: every source disabled."""
    settings = _settings(rt, **dict.fromkeys(INTAKE, ""))
    settings.fast_lane = request.param
    other = Runtime(settings, db=rt.db)
    with TestClient(create_app(settings, runtime=other)) as c:
        yield c


@pytest.mark.parametrize("source", INTAKE)
def test_an_empty_secret_disables_its_source_instead_of_accepting_everything(
    disabled_client: TestClient, rt: Runtime, source: str
) -> None:
    path, body, headers = signed(source, "")  # signed with the empty key
    r = disabled_client.post(path, content=body, headers=headers)
    assert r.status_code == 401, r.text
    spec = secretstore.BY_NAME[source]
    assert r.json()["detail"] == f"this intake source is disabled: {spec.env} is empty"
    assert _counts(rt) == (0, 0)


def test_the_generated_intake_secrets_sign_what_is_accepted(
    client: TestClient, rt: Runtime
) -> None:
    assert post_form(client, rt, submission_id="ok-1").status_code == 200
    for name in INTAKE:
        value = getattr(rt.settings, name)
        assert value not in KNOWN_WEAK and len(value) >= 32, name


def test_the_environment_overrides_the_generated_secret(rt: Runtime) -> None:
    chosen = "an-operator-chosen-form-secret-0123456789"
    settings = _settings(rt, form_secret=chosen)
    sources = Runtime(settings, db=rt.db).ensure_secrets()
    assert settings.form_secret == chosen and sources["form_secret"] == "environment"
    assert rt.settings.form_secret != chosen  # the stored one is still there for others


# --- one installation, several processes ------------------------------------------------


def test_two_processes_on_one_database_see_the_same_generated_secrets(
    rt: Runtime, database: Database
) -> None:
    """Two runtimes resolving at the same moment on a database without secrets yet: one
    set is generated and both use it."""
    with database.unit_of_work() as s:
        s.execute(InstallationSecret.__table__.delete())
    runtimes = [Runtime(_settings(rt)) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def resolve(one: Runtime) -> None:
        try:
            barrier.wait()
            one.ensure_secrets()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=resolve, args=(one,)) for one in runtimes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    first, second = (one.settings for one in runtimes)
    for spec in SPECS:
        assert getattr(first, spec.name) == getattr(second, spec.name), spec.name
    assert first.secret_key != rt.settings.secret_key  # new ones, not the test's old ones
    with database.unit_of_work(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(InstallationSecret)) == len(SPECS)
    for one in runtimes:
        one.close()


def test_rotate_then_restart_uses_the_new_value(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    old = rt.settings.form_secret
    runner = CliRunner()
    r = runner.invoke(cli, ["secrets", "rotate", "SALESOPS_FORM_SECRET"])
    assert r.exit_code == 0, r.output
    new = r.output.strip().splitlines()[-1]
    assert new != old and len(new) >= 32
    restarted = Runtime(_settings(rt), db=rt.db)
    restarted.ensure_secrets()
    assert restarted.settings.form_secret == new
    shown = runner.invoke(cli, ["secrets", "show"]).output
    assert f"SALESOPS_FORM_SECRET={new}" in shown
    assert str(rt.settings.secret_key) not in shown  # the session key is never printed


def test_a_worker_refuses_a_published_key_too(rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESOPS_DATABASE_URL", rt.db.url)
    monkeypatch.setenv("SALESOPS_FORM_SECRET", OLD_DEFAULTS["form_secret"])
    r = CliRunner().invoke(cli, ["worker", "--once"])
    assert r.exit_code == 1
    assert "SALESOPS_FORM_SECRET is a published default" in r.output
