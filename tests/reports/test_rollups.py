"""The lead rollups (issue 18 performance; V-3, V-4, V-5) stay equal to the raw rows whatever
path writes: the API (form intake, task edits, conversion), the web (disqualify), an
import, the stale sweep (T-1 reassign, T-2 auto-close), an opportunity won, and a bare
connection (then the reports read the raw rows until a commit takes the marks).

After each step: funnel, disqualifications and speed to lead from the rollups equal the
raw queries for several periods (whole months, partial months, one day, unbounded),
filters and scopes (U-2), and the counts kept incrementally equal a full rebuild."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from salesops.flows.imports.service import Options, import_generic
from salesops.intake.rules import sign_hex
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.reports import leads, leads_rollup, rollups
from salesops.reports.common import EVERYTHING, Filters, Scope
from salesops.reports.rollup_models import LeadCount
from salesops.routing.sweep import run_sweep
from salesops.tasks.models import Task
from salesops.users.models import User
from tests.factories import make_user, token_for
from tests.web.conftest import log_in, post

START = datetime(2026, 1, 28, 9, 0, tzinfo=UTC)
SIX = {
    "call_held": True,
    "problem_identified": True,
    "important_now": True,
    "pricing_in_ballpark": True,
    "decision_maker": True,
    "next_step_agreed": True,
    "engineer_on_first_call": True,
}


def _norm(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def _periods() -> list[Filters]:
    return [
        Filters(),
        Filters(start=date(2026, 1, 1), end=date(2026, 12, 31)),  # whole months
        Filters(start=date(2026, 1, 15), end=date(2026, 3, 10)),  # partial at both ends
        Filters(start=date(2026, 2, 1), end=date(2026, 2, 28)),
        Filters(start=date(2026, 1, 28), end=date(2026, 1, 28)),  # one day
        Filters(start=date(2026, 2, 3)),
        Filters(end=date(2026, 1, 31)),
    ]


def check(rt: Runtime, rep: User) -> int:
    """Rollups == raw for every period × filter × scope; incremental == rebuild."""
    scopes = [
        EVERYTHING,
        Scope(everything=False, user_id=rep.id, territories=("Europe & Africa",)),
        Scope(everything=False, user_id=rep.id),
    ]
    compared = 0
    with rt.uow(readonly=True) as s:
        assert leads_rollup.usable(s), "a committed write left marks behind"
        for period in _periods():
            variants = [
                period,
                Filters(**{**period.__dict__, "owner_id": rep.id}),
                Filters(**{**period.__dict__, "lead_source": "Contact form"}),
                Filters(**{**period.__dict__, "territory": "Europe & Africa"}),
            ]
            for f in variants:
                for scope in scopes if f is period else scopes[:1]:
                    pairs: list[tuple[Any, Any]] = [
                        (leads_rollup.funnel, leads.funnel_raw),
                        (leads_rollup.speed_to_lead, leads.speed_to_lead_raw),
                    ]
                    if f.start and f.end:  # V-4 reads the rollups for a bounded period
                        pairs.append((leads_rollup.disqualifications, leads.disqualifications_raw))
                    for fast, raw in pairs:
                        got = _norm(fast(s, f, scope, START).as_json())
                        want = _norm(raw(s, f, scope, START).as_json())
                        assert got == want, (fast.__name__, f, scope)
                        compared += 1
    with rt.db.engine.connect() as conn:
        kept = _counts(conn)
        rollups.rebuild(conn)
        assert _counts(conn) == kept
        conn.rollback()
    return compared


def _counts(conn: Any) -> list[tuple[Any, ...]]:
    c = LeadCount
    cols = [c.span, c.start, c.lead_source, c.owner_id, c.territory, c.measure, c.bin, c.label]
    return sorted(tuple(r) for r in conn.execute(select(*cols, c.n)))


def _form(client: TestClient, rt: Runtime, n: int, email: str) -> int:
    body = json.dumps({
        "submission_id": f"roll-{n}", "name": f"Person {n}", "email": email,
        "company": f"Co{n}", "role": "engineering", "country": "Germany",
        "message": "We need pricing for an annual contract", "consent": True,
    }).encode()  # fmt: skip
    r = client.post(
        "/api/v1/intake/form",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Salesops-Signature": sign_hex(rt.settings.form_secret, body),
        },
    )
    assert r.status_code == 200, r.text
    return int(r.json()["task_id"])


def test_rollups_equal_raw_rows_on_every_write_path(
    configured: Runtime, client: TestClient, tmp_path: Path
) -> None:
    rt = configured
    with time_machine.travel(START, tick=False) as clock:
        rep = make_user(rt, "rep@example.com", name="Rep", territory="Europe & Africa")
        other = make_user(rt, "oth@example.com", name="Other", territory="Europe & Africa")
        h = {"Authorization": f"Bearer {token_for(rt, rep)}"}
        check(rt, rep)  # empty
        # API: leads in by the form (I-2), routed
        ids = [_form(client, rt, n, f"p{n}@co{n}.de") for n in range(4)]
        check(rt, rep)
        # API: worked and touched the next days; one converted (C-1 … C-3)
        clock.move_to(START + timedelta(days=1, hours=5))
        for task_id in ids[:3]:
            r = client.patch(f"/api/v1/tasks/{task_id}", json={"status": "Working"}, headers=h)
            assert r.status_code in (200, 403), r.text
        with rt.uow() as s:
            for i, task_id in enumerate(ids[:3]):
                task = s.get(Task, task_id)
                assert task is not None
                task.owner_id = rep.id if i < 2 else other.id
                task.first_touched_at = START + timedelta(hours=3 + 20 * i)
        check(rt, rep)
        clock.move_to(START + timedelta(days=6))
        r = client.post(
            f"/api/v1/tasks/{ids[0]}/convert",
            headers=h,
            json={"criteria": SIX, "opportunity": {"opp_type": "Annual Plan", "amount": 1000}},
        )
        assert r.status_code == 201, r.text
        opp_id = r.json()["id"]
        check(rt, rep)
        # an opportunity won (the deal's trigger marks its lead task)
        clock.move_to(START + timedelta(days=20))
        with rt.uow() as s:
            opp = s.get(Opportunity, opp_id)
            assert opp is not None
            opp.is_won = opp.is_closed = True
            opp.won_at = opp.closed_at = START + timedelta(days=20)
        check(rt, rep)
        with rt.uow() as s:  # a lead task dated after its deal: negative waits (mirrored bins)
            task = s.get(Task, ids[0])
            assert task is not None
            task.created_at = START + timedelta(days=9)
        check(rt, rep)
        # web: disqualified from the task page (D-1)
        web = TestClient(client.app, headers={"accept": "text/html"})
        log_in(web, rep.email, "password123")
        r = post(web, f"/tasks/{ids[1]}/disqualify", {"reason": "Spam"})
        assert r.status_code == 303, r.text[:300]
        check(rt, rep)
        # import: leads from a CSV (issue 19)
        leads_csv = tmp_path / "leads.csv"
        leads_csv.write_text(
            "Ref,Mail,State\nL-1,lea@acme.com,Working\nL-2,leo@beta.io,New\n", encoding="utf-8"
        )
        cols = tmp_path / "leads.yaml"
        cols.write_text("id: Ref\nemail: Mail\nstatus: State\n", encoding="utf-8")
        opts = Options(errors=tmp_path / "errors.csv", now=START + timedelta(days=20))
        import_generic(rt, opts, object_name="leads", path=leads_csv, columns=cols)
        check(rt, rep)
        # the stale sweep, weeks later: reassignments (T-1) and auto-closes (T-2)
        swept = 0
        for days in (40, 80, 120):
            clock.move_to(START + timedelta(days=days))
            with rt.uow() as s:
                swept += sum(run_sweep(s, START + timedelta(days=days)).values())
            check(rt, rep)
        assert swept > 0
        # a bare connection: marked, not yet counted → the reports read the raw rows
        with rt.db.engine.begin() as conn:
            conn.execute(
                text("UPDATE tasks SET lead_source = 'Event' WHERE id = :id"), {"id": ids[3]}
            )
        with rt.uow(readonly=True) as s:
            assert not leads_rollup.usable(s)
            assert leads.funnel(s, Filters(), EVERYTHING, START).rows == (
                leads.funnel_raw(s, Filters(), EVERYTHING, START).rows
            )
        with rt.uow() as s:  # the next unit of work that writes takes the marks
            user = s.get(User, rep.id)
            assert user is not None
            user.name = "Rep Renamed"
        assert check(rt, rep) > 0
        # deleted lead task
        with rt.uow() as s:
            s.execute(text("UPDATE tasks SET linked_task_id = NULL"))
            s.execute(text("DELETE FROM tasks WHERE id = :id"), {"id": ids[2]})
        check(rt, rep)


def check_revenue(rt: Runtime, owner_id: int) -> None:
    """V-6 from the monthly rollups == from the raw MRR changes; incremental == rebuild."""
    from salesops.reports import revenue as v6
    from salesops.reports.rollup_models import MrrCount

    now = datetime(2026, 4, 10, 12, tzinfo=UTC)
    periods = [
        Filters(),
        Filters(start=date(2025, 11, 1), end=date(2026, 4, 30)),
        Filters(start=date(2026, 1, 15), end=date(2026, 3, 2)),
        Filters(start=date(2026, 2, 1), end=date(2026, 2, 28)),
        Filters(start=date(2024, 1, 1), end=date(2027, 1, 31)),
    ]
    scopes = [EVERYTHING, Scope(everything=False, user_id=owner_id), Scope(False, -1, ("EMEA",))]
    with rt.uow(readonly=True) as s:
        assert not rollups.revenue_rollup.pending(s.connection())
        for period in periods:
            for f in (period, Filters(**{**period.__dict__, "owner_id": owner_id})):
                for scope in scopes:
                    got = _norm(v6.revenue(s, f, scope, now).as_json())
                    assert got == _norm(v6.revenue_raw(s, f, scope, now).as_json()), (f, scope)
    c = MrrCount
    with rt.db.engine.connect() as conn:
        q = select(c.measure, c.p, c.m, c.owner_id, c.territory, c.cents).where(c.cents != 0)
        kept = sorted(tuple(r) for r in conn.execute(q))
        rollups.revenue_rollup.rebuild(conn)
        assert sorted(tuple(r) for r in conn.execute(q)) == kept
        conn.rollback()


def test_revenue_rollups_equal_raw_changes_on_every_write_path(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str], tmp_path: Path
) -> None:
    """MRR set through the API (create, change, a change entered late), an owner and
    territory change, a deleted and an edited change row (V-6, O-1)."""
    from salesops.accounts.models import Account, MrrChange

    client.headers.update(admin_headers)
    with time_machine.travel(datetime(2026, 4, 10, 12, tzinfo=UTC), tick=False):
        rep = make_user(rt, "mrr@example.com", name="Mrr Rep")
        check_revenue(rt, rep.id)

        def account(name: str, mrr: int, on: str) -> int:
            body = {"name": name, "domain": f"{name.lower()}.com", "customer_status": "paying",
                    "mrr": mrr, "mrr_effective_on": on, "owner_id": rep.id}  # fmt: skip
            r = client.post("/api/v1/accounts", json=body)
            assert r.status_code == 201, r.text
            return int(r.json()["id"])

        def change(account_id: int, mrr: int, on: str) -> None:
            r = client.patch(
                f"/api/v1/accounts/{account_id}", json={"mrr": mrr, "mrr_effective_on": on}
            )
            assert r.status_code == 200, r.text

        p = account("Pco", 1000, "2025-12-01")
        change(p, 1500, "2026-02-10")
        q = account("Qco", 2000, "2025-11-15")
        change(q, 0, "2026-01-20")
        account("Rco", 800, "2026-02-01")
        s_ = account("Sco", 3000, "2025-10-01")
        change(s_, 2500, "2026-03-05")
        check_revenue(rt, rep.id)
        change(p, 1200, "2026-01-05")  # entered late: before a later change
        change(q, 700, "2026-03-20")  # back from churn
        check_revenue(rt, rep.id)
        account("Tco", 450, "2026-02-20")
        check_revenue(rt, rep.id)
        with rt.uow() as s:  # owner and territory changes move the account's counts
            acc = s.get(Account, s_)
            assert acc is not None
            acc.owner_id, acc.territory = None, "EMEA"
        check_revenue(rt, rep.id)
        with rt.uow() as s:
            s.execute(text("DELETE FROM account_mrr_changes WHERE account_id = :a"), {"a": q})
            first = s.scalars(select(MrrChange).where(MrrChange.account_id == p)).first()
            assert first is not None
            first.mrr_after = first.mrr_after + 100
        check_revenue(rt, rep.id)


def test_0004_report_rollups_backfills_what_exists(tmp_path: Path) -> None:
    """Migration 0004_report_rollups on a database with lead tasks, a won deal and MRR
    history: after the backfill, funnel, speed to lead and revenue from the rollups equal
    the raw answers (and the downgrade removes the tables and triggers). SQLite only."""
    from decimal import Decimal

    from alembic import command

    from salesops.core.config import Settings
    from salesops.core.db import Database
    from salesops.core.migrate import alembic_config, upgrade
    from salesops.flows.bootstrap import prepare
    from salesops.reports import revenue as v6
    from tests.factories import make_account, make_contact, make_task

    db = Database(f"sqlite:///{tmp_path / 'backfill.db'}")
    upgrade(db.engine)
    rt = Runtime(Settings(database_url=db.url, _env_file=None), db=db)  # type: ignore[call-arg]
    prepare(rt, migrate=False)
    rep = make_user(rt, "rep@example.com", name="Rep")
    for n in range(3):
        account = make_account(rt, f"Back{n}", mrr=Decimal(100 * (n + 1)))
        contact = make_contact(rt, f"b{n}@back{n}.com", account_id=account.id)
        with time_machine.travel(START + timedelta(days=n), tick=False):
            task = make_task(rt, account, contact, owner_id=rep.id)
        with rt.uow() as s:
            row = s.get(Task, task.id)
            assert row is not None
            row.first_touched_at = START + timedelta(days=n, hours=5 * n + 1)
    command.downgrade(alembic_config(db.engine), "0003_search")
    with db.engine.connect() as conn:
        left = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name LIKE 'report_%'"
        ).scalar()
        assert left == 0
    upgrade(db.engine)
    check(rt, rep)
    now = datetime(2026, 4, 10, 12, tzinfo=UTC)
    with rt.uow(readonly=True) as s:
        f = Filters(start=date(2025, 1, 1), end=date(2026, 12, 31))
        got = _norm(v6.revenue(s, f, EVERYTHING, now).as_json())
        assert got == _norm(v6.revenue_raw(s, f, EVERYTHING, now).as_json())
        assert got["totals"]["mrr"] == 600.0
        speed = leads_rollup.speed_to_lead(s, Filters(), EVERYTHING, now).totals
        assert speed["tasks"] == 3 and speed["median_hours_to_first_touch"] == 6.0
    db.dispose()
