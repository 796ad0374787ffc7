"""Product events (issue 15 item 6): a signup's email from the person profile kept from
earlier $identify/$set events for its distinct_id (I-1); the SDK's v1 capture route
(/i/v1/analytics/events, gzip included) beside /batch/; ignored events counted, never
written row by row."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from salesops.accounts.models import Contact
from salesops.core.audit import Decision
from salesops.intake.models import (
    IntakeDelivery,
    IntakeRejection,
    IntakeRejectionCount,
    PersonProfile,
)
from salesops.playbook.runtime import Runtime
from tests.intake.live import live_server


def count(rt: Runtime, model: type) -> int:
    with rt.uow(readonly=True) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def batch(rt: Runtime, events: list[dict[str, Any]]) -> bytes:
    return json.dumps({"api_key": rt.settings.product_api_key, "batch": events}).encode()


def identify(uuid: str, distinct_id: str, anon: str | None = None, **sets: Any) -> dict:
    props: dict[str, Any] = {"$set": sets}
    if anon:
        props["$anon_distinct_id"] = anon
    return {"event": "$identify", "uuid": uuid, "distinct_id": distinct_id, "properties": props}


def signup(uuid: str, distinct_id: str) -> dict:
    return {
        "event": "user signed up",
        "uuid": uuid,
        "distinct_id": distinct_id,
        "properties": {"selected_deployment_type": "cloud"},
    }


def contact(rt: Runtime, email: str) -> Contact | None:
    with rt.uow(readonly=True) as s:
        return s.scalar(select(Contact).where(Contact.email == email))


def test_i1_signup_email_comes_from_an_earlier_identify(client: TestClient, rt: Runtime) -> None:
    first = [identify("i-1", "user-42", email="Ada@Lovelace.io", name="Ada Lovelace")]
    r = client.post("/batch/", content=batch(rt, first))
    assert r.status_code == 200 and r.json()["accepted"] == 1, r.text
    r = client.post("/batch/", content=batch(rt, [signup("s-1", "user-42")]))
    assert r.json()["accepted"] == 1 and r.json()["rejected"] == 0, r.text
    c = contact(rt, "ada@lovelace.io")
    assert c is not None and c.name == "Ada Lovelace" and c.selected_deployment_type == "cloud"


def test_i1_identify_and_signup_in_one_batch_and_by_the_anonymous_id(
    client: TestClient, rt: Runtime
) -> None:
    events = [
        {"event": "$pageview", "distinct_id": "anon-7", "properties": {}},
        identify("i-2", "user-7", anon="anon-7", email="grace@hopper.io"),
        signup("s-2", "anon-7"),  # the signup still carries the anonymous id
    ]
    r = client.post("/batch/", content=batch(rt, events))
    assert r.json() == {"status": 1, "accepted": 2, "ignored": 1, "duplicates": 0, "rejected": 0}
    assert contact(rt, "grace@hopper.io") is not None
    assert count(rt, PersonProfile) == 2  # user-7 and anon-7


def test_i1_set_event_updates_the_profile(client: TestClient, rt: Runtime) -> None:
    events = [
        {"event": "$set", "distinct_id": "u-9", "properties": {"$set": {"email": "old@x.io"}}},
        {"event": "$set", "distinct_id": "u-9", "properties": {"$set": {"email": "new@x.io"}}},
        signup("s-9", "u-9"),
    ]
    assert client.post("/batch/", content=batch(rt, events)).json()["accepted"] == 3
    assert contact(rt, "new@x.io") is not None and contact(rt, "old@x.io") is None


def test_i1_signup_without_any_email_is_rejected_naming_the_field(
    client: TestClient, rt: Runtime
) -> None:
    r = client.post("/batch/", content=batch(rt, [signup("s-3", "nobody-known")]))
    assert r.json()["rejected"] == 1
    with rt.uow(readonly=True) as s:
        [row] = s.scalars(select(IntakeRejection)).all()
    assert row.field == "batch.0.person.properties.email" and "nobody-known" in row.reason


def test_ignored_events_are_counted_not_written_row_by_row(client: TestClient, rt: Runtime) -> None:
    """1,000 $pageviews: one counter, no delivery, decision or sample row each (the
    timing is in bench/bench_product_events.py, not here)."""
    pageviews = [
        {"event": "$pageview", "uuid": f"pv-{i}", "distinct_id": f"d-{i % 7}",
         "properties": {"$current_url": f"https://x.io/{i}", "$set": {"$browser": "Firefox"}}}
        for i in range(1000)
    ]  # fmt: skip
    r = client.post("/batch/", content=batch(rt, pageviews))
    assert r.json() == {"status": 1, "accepted": 0, "ignored": 1000, "duplicates": 0, "rejected": 0}
    assert count(rt, IntakeDelivery) == 0 and count(rt, IntakeRejection) == 0
    assert count(rt, Decision) == 0 and count(rt, PersonProfile) == 0
    with rt.uow(readonly=True) as s:
        [counter] = s.scalars(select(IntakeRejectionCount)).all()
    assert (counter.code, counter.count) == ("unknown-event", 1000)


def test_v1_capture_route_takes_gzip_and_a_bearer_key(client: TestClient, rt: Runtime) -> None:
    envelope = {"created_at": "2026-12-07T09:00:00Z", "batch": [
        identify("v-1", "user-5", email="lin@v1.io"),
        signup("v-2", "user-5"),
        {"event": "user signed up", "uuid": "v-3", "distinct_id": "stranger"},
    ]}  # fmt: skip
    raw = gzip.compress(json.dumps(envelope).encode())
    key = rt.settings.product_api_key
    headers = {"Content-Encoding": "gzip", "Authorization": f"Bearer {key}"}
    r = client.post("/i/v1/analytics/events", content=raw, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["accepted"] == 2 and body["rejected"] == 1
    assert body["results"]["v-3"]["result"] == "drop" and "v-1" not in body["results"]
    assert contact(rt, "lin@v1.io") is not None
    bad = {"Content-Encoding": "gzip", "Authorization": "Bearer phc_wrong"}
    assert client.post("/i/v1/analytics/events", content=raw, headers=bad).status_code == 401


def test_real_sdk_v1_capture_mode_with_gzip_reaches_a_live_server(rt: Runtime) -> None:
    pytest.importorskip("posthog.capture_mode")
    from posthog import Posthog
    from posthog.capture_compression import CaptureCompression
    from posthog.capture_mode import CaptureMode

    with live_server(rt) as url:
        ph = Posthog(
            rt.settings.product_api_key, host=url, sync_mode=True,
            capture_mode=CaptureMode.V1, capture_compression=CaptureCompression.GZIP,
        )  # fmt: skip
        ph.capture("$identify", distinct_id="sdk-user",
                   properties={"$set": {"email": "sdk@v1capture.io", "name": "Sam"}})  # fmt: skip
        ph.capture("$pageview", distinct_id="sdk-user", properties={"$current_url": "/"})
        ph.capture("user signed up", distinct_id="sdk-user",
                   properties={"selected_deployment_type": "cloud"})  # fmt: skip
        ph.shutdown()
    c = contact(rt, "sdk@v1capture.io")
    assert c is not None and c.selected_deployment_type == "cloud"
