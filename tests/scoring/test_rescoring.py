"""S-4 after a playbook change: a background job with progress, not a manual admin call;
I-8 on every change of an account's facts (issue 16 item 1)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.accounts.models import Account, Contact
from salesops.core import clock
from salesops.core.jobs import Job, run_one_job
from salesops.flows import rescoring
from salesops.playbook import service as playbooks
from salesops.playbook.loader import default_playbook_text
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact
from tests.intake.helpers import post_product
from tests.intake.test_product_events import event, signup


def _activate(rt: Runtime, text: str) -> None:
    with rt.uow() as s:
        playbooks.ensure_default(s, now=clock.now())
        playbooks.activate(s, text, source="test", actor="admin@example.com", now=clock.now())
    rt.playbooks.invalidate()


def _run_jobs(rt: Runtime) -> int:
    runs = 0
    while run_one_job(rt.db, "w1", clock.now(), rt=rt):
        runs += 1
        assert runs < 50
    return runs


def test_s4_a_playbook_changing_weights_rescores_in_the_background_with_progress(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], monkeypatch: object
) -> None:
    """S-4 + P-2: new lead-score weights → a queued job rescores every contact, chunk by
    chunk, and GET /scoring/recompute shows done / total until it is finished."""
    monkeypatch.setattr(rescoring, "CHUNK", 2)  # type: ignore[attr-defined]
    for i in range(5):
        acct = make_account(rt, f"Co{i}", domain=f"co{i}.io", country="DE", employee_count=50)
        make_contact(rt, f"cto@co{i}.io", account_id=acct.id, title="CTO")
    with rt.uow(readonly=True) as s:
        before = {c.email: c.lead_score for c in s.scalars(select(Contact))}
    assert client.get("/api/v1/scoring/recompute", headers=admin_headers).json() == {
        "status": "none"
    }
    text = default_playbook_text()
    _activate(rt, text + "\n# a comment: nothing that scores changes\n")
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Job).where(Job.kind == "scoring.recompute")) is None
    changed = _countries_worth_more(text)
    _activate(rt, changed)
    queued = client.get("/api/v1/scoring/recompute", headers=admin_headers).json()
    assert queued["status"] == "queued" and queued["done"] == 0
    assert run_one_job(rt.db, "w1", clock.now(), rt=rt)
    part = client.get("/api/v1/scoring/recompute", headers=admin_headers).json()
    assert part["status"] == "running" and part["done"] == 2 and part["total"] == 5
    _run_jobs(rt)
    done = client.get("/api/v1/scoring/recompute", headers=admin_headers).json()
    assert done["status"] == "finished" and done["done"] == 5 and done["percent"] == 100
    assert done["changed"] >= 5
    with rt.uow(readonly=True) as s:
        after = {c.email: c.lead_score for c in s.scalars(select(Contact))}
    assert all(after[e] > (before[e] or 0) for e in before), (before, after)


def _countries_worth_more(text: str) -> str:
    """The default playbook with tier-1 countries worth 15 lead-score points, not 10
    (and the lead score's maximum 75 to match)."""
    old = "      - points: 10\n        countries: [AT,"
    assert old in text
    text = text.replace(old, "      - points: 15\n        countries: [AT,")
    assert "    max_score: 70" in text
    return text.replace("    max_score: 70", "    max_score: 75", 1)


def test_i8_an_account_edit_that_raises_employees_fires_the_product_led_rule(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    """I-8 on every signal change: events and an invite came first (40 employees: nothing);
    a later edit to 800 employees creates the product-led task at once."""
    post_product(client, rt, signup("x-1"))
    post_product(client, rt, event("x-2", "events ingested", count=4))
    post_product(client, rt, event("x-3", "user invited"))
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Task)) is None
        account_id = s.scalar(select(Account.id).where(Account.domain == "acme.io"))
    r = client.patch(
        f"/api/v1/accounts/{account_id}", json={"employee_count": 800}, headers=admin_headers
    )
    assert r.status_code == 200, r.text
    with rt.uow(readonly=True) as s:
        [task] = s.scalars(select(Task)).all()
        assert task.lead_source == "Product-led"


def test_i8_a_playbook_lowering_the_threshold_fires_on_the_next_recompute(
    client: TestClient, rt: Runtime, tmp_path: Path
) -> None:
    """I-8 + P-2: a version whose product-led rule now needs 30 employees, not 500, fires for
    an account that already met the rest (the recompute job re-evaluates the rules)."""
    path = tmp_path / "firmographics.csv"
    path.write_text("domain,name,employee_count\nacme.io,Acme,40\n")
    rt.settings.firmographics_path = path
    post_product(client, rt, signup("y-1"))
    post_product(client, rt, event("y-2", "events ingested", count=4))
    post_product(client, rt, event("y-3", "user invited"))
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Task)) is None
    text = default_playbook_text()
    assert "min_employees: 500" in text
    _activate(rt, text.replace("min_employees: 500", "min_employees: 30"))
    _run_jobs(rt)
    with rt.uow(readonly=True) as s:
        [task] = s.scalars(select(Task)).all()
        assert task.lead_source == "Product-led"
        assert rescoring.recompute_progress(s)["product_led_tasks"] == 1
