"""The rejected-deliveries log is bounded (issue 13, item 12): every rejection is counted
per source, reason and hour; a sample of each hour is kept whole; a scheduled job prunes
both after their retention. The admin views show what was rejected and how often."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from salesops.core.jobs import SCHEDULE
from salesops.intake.jobs import prune
from salesops.intake.models import IntakeRejection, IntakeRejectionCount
from salesops.playbook.runtime import Runtime
from salesops.worker import load_job_modules
from tests.factories import make_user
from tests.intake.helpers import post_product
from tests.web.conftest import log_in

T0 = datetime(2026, 3, 2, 10, 5, tzinfo=UTC)


def kept(rt: Runtime) -> int:
    with rt.uow(readonly=True) as s:
        return int(s.scalar(select(func.count()).select_from(IntakeRejection)) or 0)


def counted(rt: Runtime) -> int:
    with rt.uow(readonly=True) as s:
        return int(s.scalar(select(func.sum(IntakeRejectionCount.count))) or 0)


def bad_signature_form(client: TestClient, i: int) -> int:
    body = json.dumps({"email": f"x{i}@spam.io", "submission_id": f"s-{i}"}).encode()
    r = client.post(
        "/api/v1/intake/form",
        content=body,
        headers={"Content-Type": "application/json", "X-Salesops-Signature": "sha256=00"},
    )
    return r.status_code


@pytest.mark.slow
def test_2000_bad_signature_posts_leave_a_bounded_log_and_a_count_of_2000(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    with time_machine.travel(T0, tick=False):
        assert {bad_signature_form(client, i) for i in range(2000)} == {401}
    samples = rt.settings.rejection_samples_per_hour
    assert kept(rt) == samples and counted(rt) == 2000
    with rt.uow(readonly=True) as s:
        [row] = s.scalars(select(IntakeRejectionCount)).all()
        assert (row.source, row.code, row.count, row.http_status) == (
            "form",
            "unauthorized",
            2000,
            401,
        )
        assert row.bucket == datetime(2026, 3, 2, 10, tzinfo=UTC)
        assert "does not match" in row.reason
    with time_machine.travel(T0 + timedelta(minutes=30), tick=False):
        summary = client.get(
            "/api/v1/intake/rejections/summary?hours=1", headers=admin_headers
        ).json()
        listed = client.get("/api/v1/intake/rejections", headers=admin_headers).json()
    assert [(i["source"], i["code"], i["count"]) for i in summary["items"]] == [
        ("form", "unauthorized", 2000)
    ]
    assert summary["samples_per_hour"] == samples and listed["total"] == samples
    assert listed["items"][0]["body_excerpt"].startswith('{"email"')


def test_each_hour_keeps_its_own_sample_and_the_view_shows_the_counts(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    rt.settings.rejection_samples_per_hour = 3
    for hour in range(2):
        with time_machine.travel(T0 + timedelta(hours=hour), tick=False):
            for i in range(5):
                bad_signature_form(client, i)
            r = client.post("/api/v1/intake/product-events", content=b"{}")
            assert r.status_code == 401
            assert post_product(client, rt, {"event": "nope"}).status_code == 422
    assert counted(rt) == 14 and kept(rt) == 2 * (3 + 1 + 1)
    with time_machine.travel(T0 + timedelta(hours=1, minutes=5), tick=False):
        items = client.get(
            "/api/v1/intake/rejections/summary?hours=2", headers=admin_headers
        ).json()["items"]
        page = _admin_page(client, rt)
    assert [(i["source"], i["code"], i["count"]) for i in items] == [
        ("form", "unauthorized", 10),
        ("product", "unauthorized", 2),
        ("product", "validation-failed", 2),
    ]
    assert "How often, last 7 days" in page and ">10<" in page and "validation-failed" in page


def _admin_page(client: TestClient, rt: Runtime) -> str:
    make_user(rt, "boss@example.com", role="admin", password="password123")
    web = TestClient(client.app, headers={"accept": "text/html"})
    with web:
        log_in(web, "boss@example.com", "password123")
        r = web.get("/admin/rejected")
        assert r.status_code == 200
        return r.text


def test_a_scheduled_job_prunes_samples_and_counts_after_their_retention(
    client: TestClient, rt: Runtime
) -> None:
    load_job_modules()
    assert SCHEDULE["intake.prune_rejections"].every == timedelta(hours=1)
    with time_machine.travel(T0, tick=False):
        for i in range(3):
            bad_signature_form(client, i)
    with time_machine.travel(T0 + timedelta(days=29), tick=False):
        bad_signature_form(client, 99)
    samples_days = rt.settings.rejection_retention_days
    with rt.uow() as s:
        prune(s, {}, T0 + timedelta(days=samples_days, minutes=1))
    assert kept(rt) == 1 and counted(rt) == 4  # the old sample went; counts stay longer
    counts_days = rt.settings.rejection_count_retention_days
    with rt.uow() as s:
        prune(s, {}, T0 + timedelta(days=counts_days, hours=2))
    assert counted(rt) == 1  # the day-29 hour is still within its retention
    with rt.uow() as s:
        prune(s, {}, T0 + timedelta(days=counts_days + 30))
    assert kept(rt) == 0 and counted(rt) == 0


def test_a_rejected_body_with_nul_bytes_is_kept_on_every_backend(
    client: TestClient, rt: Runtime
) -> None:
    body = b'{"email": "a\x00@b.io"}\x00\x00'
    r = client.post("/api/v1/intake/form", content=body, headers={"X-Salesops-Signature": "x"})
    assert r.status_code == 401
    with rt.uow(readonly=True) as s:
        [row] = s.scalars(select(IntakeRejection)).all()
    assert row.body_excerpt == '{"email": "a@b.io"}' and row.body_size == len(body)
