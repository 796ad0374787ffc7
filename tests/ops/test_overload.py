"""Overload and shutdown drills on a real ``salesops serve`` (issue 13 item 10): many
senders against a small capacity get 200 or 503 + Retry-After and nothing else; every
lead answered 200 is stored and none answered 503 is. A SIGTERM under load shuts serve
down gracefully: every lead it answered 200 is stored."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import httpx
from sqlalchemy import select

from salesops.intake.models import IntakeDelivery
from salesops.playbook.runtime import Runtime
from tests.factories import make_user
from tests.ops.process import eventually, form_body, post_form, serve, wait_ready

EU = "Europe & Africa"


def stored_keys(rt: Runtime) -> set[str]:
    with rt.uow(readonly=True) as s:
        return set(s.scalars(select(IntakeDelivery.key).where(IntakeDelivery.source == "form")))


class Senders:
    """``n`` threads posting signed contact forms with unique submission ids until told
    to stop; every answer (or transport error) is kept by submission id."""

    def __init__(self, url: str, n: int, per_sender: int) -> None:
        self.url = url
        self.answers: dict[str, int | str] = {}
        self.retry_after: set[str] = set()
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(i, per_sender)) for i in range(n)]

    def _run(self, i: int, count: int) -> None:
        with httpx.Client(timeout=30) as client:
            for j in range(count):
                if self.stop.is_set():
                    return
                key = f"drill-{i}-{j}"
                try:
                    r = post_form(
                        client, self.url, form_body(f"{key}@d{i}x{j}.io", submission_id=key)
                    )
                except httpx.HTTPError as exc:
                    with self.lock:
                        self.answers[key] = type(exc).__name__
                    return
                with self.lock:
                    self.answers[key] = r.status_code
                    if r.status_code == 503:
                        assert r.headers["content-type"] == "application/problem+json"
                        self.retry_after.add(r.headers.get("retry-after", ""))

    def start(self) -> None:
        for t in self.threads:
            t.start()

    def join(self) -> None:
        for t in self.threads:
            t.join(60)

    def with_status(self, status: int) -> set[str]:
        return {k for k, v in self.answers.items() if v == status}


def test_past_capacity_serve_answers_503_with_retry_after_and_loses_no_acknowledged_lead(
    rt: Runtime, tmp_path: Path
) -> None:
    make_user(rt, "ana@example.com", territory=EU)
    with serve(rt, tmp_path, SALESOPS_MAX_IN_FLIGHT="4", SALESOPS_INTAKE_QUEUE_MAX="2") as proc:
        wait_ready(proc)
        senders = Senders(proc.url, n=24, per_sender=12)
        senders.start()
        senders.join()
    statuses = set(senders.answers.values())
    assert statuses <= {200, 503}, statuses  # no 500, no timeout, no reset
    ok, refused = senders.with_status(200), senders.with_status(503)
    assert ok and refused, (len(ok), len(refused))
    assert senders.retry_after == {"1"}
    assert stored_keys(rt) == ok  # every 200 stored; no 503 stored


def test_sigterm_under_load_shuts_serve_down_gracefully(rt: Runtime, tmp_path: Path) -> None:
    """In-flight requests finish; every lead answered 200 is stored; serve exits."""
    make_user(rt, "ana@example.com", territory=EU)
    with serve(rt, tmp_path) as proc:
        wait_ready(proc)
        senders = Senders(proc.url, n=8, per_sender=10_000)
        senders.start()
        eventually(lambda: len(senders.answers) >= 60, 60, "60 leads answered", proc)
        proc.signal(signal.SIGTERM)
        code = proc.wait(60)
        senders.stop.set()
        senders.join()
    assert code in (0, -signal.SIGTERM), proc.output()[-2000:]
    assert "Application shutdown complete" in proc.output()
    ok = senders.with_status(200)
    assert len(ok) >= 60
    assert ok <= stored_keys(rt)
    others = {v for v in senders.answers.values() if v != 200}
    assert others <= {503, "ConnectError", "RemoteProtocolError", "ReadError"}, others
