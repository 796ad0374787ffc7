"""Product events (I-1, I-8): the webhook destination, the SDK batch route, and the real
`posthog` SDK pointed at a live server."""

from __future__ import annotations

import gzip
import json
import zlib

from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.accounts.models import Account, Contact
from salesops.intake.models import IntakeRejection, ProductSignals
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.intake.helpers import post_product
from tests.intake.live import live_server


def signup(uuid: str, email: str = "jane@acme.io", **props: object) -> dict:
    return {
        "event": {
            "uuid": uuid,
            "event": "user signed up",
            "distinct_id": "u-1",
            "timestamp": "2024-05-01T10:00:00Z",
            "properties": {
                "selected_deployment_type": "cloud",
                "is_organization_first_user": True,
                "role_at_organization": "software_engineer",
                **props,
            },
        },
        "person": {"id": "p-1", "properties": {"email": email, "name": "Jane Doe"}},
    }


def event(uuid: str, name: str, email: str = "jane@acme.io", **props: object) -> dict:
    return {
        "event": {"uuid": uuid, "event": name, "properties": props},
        "person": {"properties": {"email": email}},
    }


def all_tasks(rt: Runtime) -> list[Task]:
    with rt.uow(readonly=True) as s:
        return list(s.scalars(select(Task)))


def test_i1_signup_sets_properties_and_is_a_contact_not_a_task(
    client: TestClient, rt: Runtime
) -> None:
    r = post_product(client, rt, signup("e-1"))
    assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    with rt.uow(readonly=True) as s:
        c = s.scalar(select(Contact).where(Contact.email == "jane@acme.io"))
        assert c.selected_deployment_type == "cloud" and c.is_organization_first_user is True
        assert c.role_at_organization == "software_engineer"
        assert c.product_signup_ts is not None and c.product_signup_ts.year == 2024
        assert c.lead_source == "Product signup" and c.name == "Jane Doe"
    assert all_tasks(rt) == []
    assert post_product(client, rt, signup("e-1")).json()["duplicate"] is True


def test_i8_product_led_rule_creates_one_task_when_signals_meet_it(
    client: TestClient, rt: Runtime
) -> None:
    post_product(client, rt, signup("e-1"))
    with rt.uow() as s:
        s.scalar(select(Account).where(Account.domain == "acme.io")).employee_count = 800
    post_product(client, rt, event("e-2", "events ingested", count=5))
    assert all_tasks(rt) == []  # nobody invited yet
    r = post_product(client, rt, event("e-3", "user invited"))
    assert "task_id" in r.json()
    post_product(client, rt, event("e-4", "user invited"))
    [task] = all_tasks(rt)
    assert task.lead_source == "Product-led"
    with rt.uow(readonly=True) as s:
        sig = s.scalar(select(ProductSignals))
        assert sig.invited_users == 2 and sig.events_ingested == 5
        assert sig.fired_rules == ["Large company activation"]


def test_unknown_event_or_person_is_ignored_and_malformed_is_422(
    client: TestClient, rt: Runtime
) -> None:
    r = post_product(client, rt, event("e-9", "$pageview"))
    assert r.json()["status"] == "ignored" and "unknown event type" in r.json()["reason"]
    r = post_product(client, rt, event("e-10", "user invited", email="ghost@nowhere.io"))
    assert r.json()["status"] == "ignored"
    bad = post_product(client, rt, {"event": "user signed up"})
    assert bad.status_code == 422 and bad.json()["field"] == "event"
    no_email = signup("e-11", email="nobody")
    no_email["event"]["distinct_id"] = "anon"
    r = post_product(client, rt, no_email)
    assert r.status_code == 422 and r.json()["field"] == "person.properties.email"
    unsigned = client.post("/api/v1/intake/product-events", content=b"{}")
    assert unsigned.status_code == 401


def batch_body(rt: Runtime, events: list[dict], key: str | None = None) -> bytes:
    return json.dumps({"api_key": key or rt.settings.product_api_key, "batch": events}).encode()


def sdk_event(uuid: str, email: str) -> dict:
    return {
        "event": "user signed up",
        "uuid": uuid,
        "distinct_id": email,
        "properties": {"$set": {"email": email}, "selected_deployment_type": "self-host"},
        "type": "capture",
    }


def test_batch_route_authenticates_by_api_key_and_handles_compression(
    client: TestClient, rt: Runtime
) -> None:
    body = batch_body(rt, [sdk_event("b-1", "a@one.io")])
    r = client.post("/batch/", content=gzip.compress(body), headers={"Content-Encoding": "gzip"})
    assert r.status_code == 200 and r.json()["accepted"] == 1, r.text
    body2 = batch_body(rt, [sdk_event("b-2", "b@two.io")])
    r = client.post(
        "/batch/", content=zlib.compress(body2), headers={"Content-Encoding": "deflate"}
    )
    assert r.json()["accepted"] == 1
    r = client.post("/batch/?compression=gzip-js", content=gzip.compress(body))
    assert r.json()["duplicates"] == 1
    assert client.post("/batch/", content=batch_body(rt, [], key="phc_wrong")).status_code == 401
    bad = client.post("/batch/", content=b"\x1f\x8bnot gzip", headers={"Content-Encoding": "gzip"})
    assert bad.status_code == 422


def test_batch_one_bad_event_is_logged_and_the_rest_are_kept(
    client: TestClient, rt: Runtime
) -> None:
    events = [sdk_event("c-1", "a@one.io"), {"event": "user signed up", "uuid": "c-2"}, 7]
    r = client.post("/batch/", content=batch_body(rt, events))
    assert r.json() == {"status": 1, "accepted": 1, "ignored": 0, "duplicates": 0, "rejected": 2}
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Contact).where(Contact.email == "a@one.io")) is not None
        fields = sorted(x.field for x in s.scalars(select(IntakeRejection)))
    assert fields == ["batch.1.person.properties.email", "batch.2"]


def test_real_posthog_sdk_delivers_signups_to_a_live_server(rt: Runtime) -> None:
    from posthog import Posthog

    with live_server(rt) as url:
        for gz in (False, True):
            ph = Posthog(rt.settings.product_api_key, host=url, sync_mode=True, gzip=gz)
            email = f"sdk-{int(gz)}@bigco.io"
            ph.capture(
                "user signed up",
                distinct_id=email,
                properties={"$set": {"email": email}, "selected_deployment_type": "cloud",
                            "is_organization_first_user": True},
            )  # fmt: skip
            ph.capture("license purchased", distinct_id="sdk-2@selfhost.io",
                       properties={"email": "sdk-2@selfhost.io"})  # fmt: skip
            ph.shutdown()
    with rt.uow(readonly=True) as s:
        emails = set(s.scalars(select(Contact.email)))
        c = s.scalar(select(Contact).where(Contact.email == "sdk-1@bigco.io"))
        assert c is not None and c.selected_deployment_type == "cloud"
    assert {"sdk-0@bigco.io", "sdk-1@bigco.io", "sdk-2@selfhost.io"} <= emails
