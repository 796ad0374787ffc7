"""Any bytes, any database (issue 15 item 5): gzip bodies and NUL bytes are logged on
SQLite and PostgreSQL alike; gzip rejections answer 401/413 (never 422) and are kept
in the rejections log; a 500 never echoes SQL or message text (I-10, X-1)."""

from __future__ import annotations

import gzip
import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.intake.models import IntakeRejection
from salesops.intake.rules import sign_hex
from salesops.playbook.runtime import Runtime


def rejections(rt: Runtime) -> list[IntakeRejection]:
    with rt.uow(readonly=True) as s:
        return list(s.scalars(select(IntakeRejection).order_by(IntakeRejection.id)))


def batch_body(api_key: str, n: int = 1) -> bytes:
    events = [
        {"event": "$pageview", "distinct_id": f"d-{i}", "properties": {"$current_url": "/"}}
        for i in range(n)
    ]
    return json.dumps({"api_key": api_key, "batch": events}).encode()


@pytest.mark.parametrize("path", ["/batch/", "/i/v1/analytics/events"])
def test_gzip_body_with_a_wrong_key_is_401_and_logged_with_its_bytes(
    client: TestClient, rt: Runtime, path: str
) -> None:
    raw = gzip.compress(batch_body("wrong-key"))
    assert b"\x00" in raw  # every gzip body holds NUL bytes
    r = client.post(path, content=raw, headers={"Content-Encoding": "gzip"})
    assert r.status_code == 401, r.text
    [row] = rejections(rt)
    assert row.http_status == 401 and row.source == "product"
    assert row.body == raw and row.body_size == len(raw)  # the raw bytes, NULs and all
    assert '"api_key": "wrong-key"' in row.body_excerpt  # readable: decompressed


def test_gzip_bomb_is_413_and_logged(client: TestClient, rt: Runtime) -> None:
    huge = b'{"api_key": "k", "batch": [' + b" " * (rt.settings.max_body_bytes + 10) + b"]}"
    raw = gzip.compress(huge)
    r = client.post("/batch/", content=raw, headers={"Content-Encoding": "gzip"})
    assert r.status_code == 413, r.text
    [row] = rejections(rt)
    assert row.http_status == 413 and row.body == raw[: len(row.body)]


def test_gzip_webhook_event_is_read_and_a_bad_signature_is_401_logged(
    client: TestClient, rt: Runtime
) -> None:
    payload = {
        "event": {"uuid": "gz-1", "event": "user signed up", "properties": {}},
        "person": {"properties": {"email": "gz@gzip.io"}},
    }
    raw = gzip.compress(json.dumps(payload).encode())
    sig = sign_hex(rt.settings.product_events_secret, raw)
    headers = {"Content-Encoding": "gzip", "X-Salesops-Signature": sig}
    r = client.post("/api/v1/intake/product-events", content=raw, headers=headers)
    assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    bad = {"Content-Encoding": "gzip", "X-Salesops-Signature": "sha256=00"}
    r = client.post("/api/v1/intake/product-events", content=raw, headers=bad)
    assert r.status_code == 401
    [row] = rejections(rt)
    assert row.http_status == 401 and row.body == raw


def test_ignored_delivery_with_nul_bytes_is_logged(client: TestClient, rt: Runtime) -> None:
    """A business ignore (usage from an unknown person) whose body holds NUL: 200, logged."""
    payload = {"event": {"uuid": "nul-1", "event": "user invited", "properties": {"x": "a\u0000"}},
               "person": {"properties": {"email": "ghost\u0000@nowhere.io"}}}  # fmt: skip
    body = json.dumps(payload).encode()
    sig = sign_hex(rt.settings.product_events_secret, body)
    r = client.post(
        "/api/v1/intake/product-events", content=body, headers={"X-Salesops-Signature": sig}
    )
    assert r.status_code == 200 and r.json()["status"] == "ignored", r.text
    [row] = rejections(rt)
    assert row.code == "unknown-person" and "\x00" not in row.body_excerpt
    assert b"\\u0000" in (row.body or b"")  # the raw bytes, as sent


def test_a_500_never_echoes_sql_or_message_text(
    client: TestClient, rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import ProgrammingError

    from salesops.intake import product_events

    def broken(*args: object, **kwargs: object) -> None:
        raise ProgrammingError("INSERT INTO intake_rejections VALUES ('secret text')", {}, None)

    monkeypatch.setattr(product_events, "store_event", broken)
    payload = {"event": {"uuid": "x-1", "event": "user signed up"},
               "person": {"properties": {"email": "secret@acme.io"}}}  # fmt: skip
    body = json.dumps(payload).encode()
    sig = sign_hex(rt.settings.product_events_secret, body)
    with TestClient(client.app, raise_server_exceptions=False) as c:
        r = c.post(
            "/api/v1/intake/product-events", content=body, headers={"X-Salesops-Signature": sig}
        )
    assert r.status_code == 500
    assert "INSERT" not in r.text and "secret" not in r.text
