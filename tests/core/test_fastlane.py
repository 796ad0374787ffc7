"""The fast lane (core.fastlane) serves contact-form intake (I-2, I-10) ahead of the
framework stack: the same answers as the FastAPI route, errors included, and the
pipeline still runs right after the answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from salesops.app import create_app
from salesops.intake.models import IntakeRejection
from salesops.intake.rules import sign_hex
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import LeadPipelineQueue, Task
from tests.intake.helpers import post_form


@pytest.fixture
def framework_client(rt: Runtime) -> Iterator[TestClient]:
    """The same app with the lane off: every request goes through FastAPI."""
    settings = rt.settings.model_copy(update={"fast_lane": False})
    with TestClient(create_app(settings, runtime=rt)) as c:
        yield c


def _strip_ids(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if not k.endswith("_id")}


def _rejections(rt: Runtime) -> list[tuple[str, int, str | None]]:
    with rt.uow(readonly=True) as s:
        rows = s.scalars(select(IntakeRejection).order_by(IntakeRejection.id))
        return [(r.code, r.http_status, r.field) for r in rows]


def test_the_lane_and_the_framework_route_answer_alike(
    client: TestClient, framework_client: TestClient, rt: Runtime
) -> None:
    answers = []
    for c, n in ((client, 1), (framework_client, 2)):
        first = post_form(c, rt, submission_id=f"s-{n}", email=f"jane@acme{n}.io")
        again = post_form(c, rt, submission_id=f"s-{n}", email=f"jane@acme{n}.io")
        bad_sig = c.post(
            "/api/v1/intake/form",
            content=b'{"email": "x@y.io"}',
            headers={"X-Salesops-Signature": "sha256=00", "Content-Type": "application/json"},
        )
        no_email = post_form(c, rt, email="not an email")
        answers.append(
            [
                (first.status_code, _strip_ids(first.json()), first.headers["content-type"]),
                (again.status_code, _strip_ids(again.json())),
                (bad_sig.status_code, bad_sig.json(), bad_sig.headers["content-type"]),
                (no_email.status_code, no_email.json()["field"], no_email.json()["status"]),
            ]
        )
        assert first.json()["task_id"] == again.json()["task_id"]  # idempotent
    lane, framework = answers
    assert lane == framework
    assert lane[0][:2] == (200, {"status": "accepted"})
    assert lane[1][1] == {"status": "accepted", "duplicate": True}
    assert lane[2][0] == 401 and lane[2][2] == "application/problem+json"
    assert lane[3] == (422, "email", 422)
    # I-10 / bad input: both paths keep the rejected deliveries for review.
    codes = [(code, status) for code, status, _ in _rejections(rt)]
    assert codes == [("unauthorized", 401), ("validation-failed", 422)] * 2


def test_the_lane_runs_the_pipeline_after_answering(client: TestClient, rt: Runtime) -> None:
    """The drain runs in the same request cycle, after the answer (as background tasks
    do): when the call returns the lead has been through routing."""
    r = post_form(client, rt, submission_id="p-1", email="ann@pipeline.io")
    assert r.status_code == 200, r.text
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(LeadPipelineQueue)) == 0
        task = s.get(Task, r.json()["task_id"])
        assert task is not None and task.classification is not None


def test_the_lane_answers_413_above_the_body_limit(rt: Runtime) -> None:
    settings = rt.settings.model_copy(update={"max_body_bytes": 200})
    with TestClient(create_app(settings, runtime=rt)) as c:
        body = json.dumps({"email": "big@body.io", "message": "x" * 500}).encode()
        headers = {"X-Salesops-Signature": sign_hex(settings.form_secret, body)}
        declared = c.post("/api/v1/intake/form", content=body, headers=headers)
        streamed = c.post("/api/v1/intake/form", content=iter([body[:150], body[150:]]))
    for r in (declared, streamed):
        assert r.status_code == 413
        assert r.json()["field"] == "body" and "200 byte limit" in r.json()["detail"]


def test_an_unexpected_error_is_a_logged_500_problem(
    client: TestClient, rt: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    import salesops.intake.api as intake_api

    def broken(*_: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(intake_api, "prepare_form", broken)
    r = post_form(client, rt, submission_id="e-1")
    assert r.status_code == 500
    assert r.json()["title"] == "Internal error" and "boom" not in r.text
    assert "unhandled error on POST /api/v1/intake/form" in caplog.text


def test_other_methods_and_paths_go_through_the_framework(client: TestClient) -> None:
    assert client.get("/api/v1/intake/form").status_code == 405
    redirect = client.post("/api/v1/intake/form/", follow_redirects=False)
    assert redirect.status_code == 307  # the framework's trailing-slash redirect


def test_startup_settles_the_heap(client: TestClient) -> None:
    """A serving process freezes what startup allocated (flows.bootstrap.settle_heap): a
    full garbage collection then skips it instead of pausing a request for 100+ ms."""
    import gc

    assert gc.get_freeze_count() > 10_000


def test_numbers_beyond_the_columns_are_dropped_with_a_note_naming_the_field(
    client: TestClient, framework_client: TestClient, rt: Runtime
) -> None:
    """Never a 500 (the columns are 64-bit); a form never loses a lead over an optional
    field: the number is dropped with a note naming it (issue 15 item 3)."""
    for c, n in ((client, 1), (framework_client, 2)):
        r = post_form(c, rt, submission_id=f"big-{n}", email=f"b@big{n}.io", mau=10**30)
        assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
        assert r.json()["data_quality"][0].startswith("mau:")
        ok = post_form(c, rt, submission_id=f"max-{n}", email=f"m@max{n}.io", mau=2**63 - 1)
        assert ok.status_code == 200, ok.text


def test_the_database_refusing_input_is_a_422_in_the_lane_too(
    client: TestClient, rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the app's handlers answer 422 for (a number out of range), the lane does too."""
    import salesops.intake.api as intake_api

    def overflow(*_: Any) -> Any:
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    monkeypatch.setattr(intake_api, "prepare_form", overflow)
    r = post_form(client, rt, submission_id="o-1")
    assert r.status_code == 422
    assert r.json()["detail"] == "a number is out of range" and r.json()["field"] == "body"
