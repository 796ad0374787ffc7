"""Server time per web page, with a demo-sized data set and with 100,000 tasks.

    .venv/bin/python bench/pages.py [--tasks 100000] [--runs 7] [--database-url URL]

Builds a fresh database (SQLite in a temp dir by default) with bulk inserts,
signs in as a salesperson through the login form, and times each page
in-process with TestClient (no network: this is the server's time). Prints
the median and worst of ``--runs`` requests per page; the target is ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from salesops.accounts.models import Account, Contact
from salesops.core.audit import Decision, install_append_only_triggers
from salesops.core.config import Settings
from salesops.core.db import Base, Database
from salesops.core.outbox import Delivery
from salesops.flows.bootstrap import prepare
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tables import load_all
from salesops.tasks.models import Task
from salesops.users import service as users
from salesops.users.models import User

SALES = 10
CHUNK = 5000


def build(rt: Runtime, n_tasks: int) -> dict[str, int]:
    """Bulk-insert users, accounts, contacts, tasks, opportunities, decisions, deliveries."""
    now = datetime.now(UTC)
    hashed = users.hash_password("password123")
    with rt.db.engine.begin() as conn:
        conn.execute(
            sa.insert(User),
            [
                {
                    "email": f"sales{i}@example.com",
                    "name": f"Sales {i}",
                    "role": "sales",
                    "password_hash": hashed,
                    "active": True,
                    "in_round_robin": True,
                    "timezone": "UTC",
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(SALES)
            ],
        )
        user_ids = [r[0] for r in conn.execute(sa.select(User.id).order_by(User.id))]
        n_accounts = max(10, n_tasks // 2)
        for start in range(0, n_accounts, CHUNK):
            conn.execute(
                sa.insert(Account),
                [
                    {
                        "name": f"Company {i}",
                        "domain": f"company{i}.com",
                        "owner_id": user_ids[i % SALES],
                        "territory": "Europe & Africa",
                        "country": "DE",
                        "customer_status": "prospect",
                        "mrr": Decimal(0),
                        "slack_channels": [],
                        "support_ticket_ids": [],
                        "field_sources": {},
                        "icp_breakdown": [],
                        "icp_score": i % 6,
                        "notes": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in range(start, min(n_accounts, start + CHUNK))
                ],
            )
            conn.execute(
                sa.insert(Contact),
                [
                    {
                        "email": f"person{i}@company{i}.com",
                        "name": f"Person {i}",
                        "account_id": i + 1,
                        "lead_score": (i * 7) % 71,
                        "lead_score_breakdown": [],
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in range(start, min(n_accounts, start + CHUNK))
                ],
            )
        statuses = ["New", "Working", "Nurturing", "Converted", "Unqualified"]
        for start in range(0, n_tasks, CHUNK):
            conn.execute(
                sa.insert(Task),
                [
                    {
                        "kind": "lead",
                        "title": f"Contact form: Person {i % n_accounts}",
                        "account_id": i % n_accounts + 1,
                        "contact_id": i % n_accounts + 1,
                        "lead_source": "Contact form",
                        "owner_id": user_ids[i % SALES],
                        "status": statuses[i % 5],
                        "territory": "Europe & Africa",
                        "classification_signals": [],
                        "interest": [],
                        "conversion_criteria": {},
                        "triage": {},
                        "reassignment_count": 0,
                        "created_at": now - timedelta(minutes=i),
                        "updated_at": now,
                    }
                    for i in range(start, min(n_tasks, start + CHUNK))
                ],
            )
        n_opps = max(20, n_tasks // 20)
        stages = [
            "Problem Agreement",
            "Solution Agreement",
            "Priority Agreement",
            "Commercial Agreement",
            "Vendor Approval",
        ]
        for start in range(0, n_opps, CHUNK):
            conn.execute(
                sa.insert(Opportunity),
                [
                    {
                        "name": f"Deal {i}",
                        "account_id": i % n_accounts + 1,
                        "owner_id": user_ids[i % SALES],
                        "record_type": "New Revenue",
                        "opp_type": "Annual Plan",
                        "pipeline": "new_business",
                        "stage": stages[i % 5],
                        "probability": 10,
                        "is_closed": False,
                        "is_won": False,
                        "close_date": (now + timedelta(days=i % 170)).date(),
                        "amount": Decimal(20000 + i),
                        "term_months": 12,
                        "products": [],
                        "meddpicc": {},
                        "exit_criteria": {},
                        "next_step": {},
                        "forecast_category": "Pipeline",
                        "self_serve_post_engagement": False,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in range(start, min(n_opps, start + CHUNK))
                ],
            )
        for start in range(0, n_tasks, CHUNK):
            conn.execute(
                sa.insert(Decision),
                [
                    {
                        "at": now,
                        "kind": "route",
                        "subject_type": "task",
                        "subject_id": i + 1,
                        "inputs": {},
                        "rule_ids": ["R-3"],
                        "reason": "round robin",
                        "outcome": {},
                        "playbook_version": 1,
                        "owner_id": user_ids[i % SALES],
                        "territory": "Europe & Africa",
                    }
                    for i in range(start, min(n_tasks, start + CHUNK))
                ],
            )
        conn.execute(
            sa.insert(Delivery),
            [
                {
                    "channel": "slack",
                    "payload": {},
                    "idempotency_key": f"k{i}",
                    "state": "dead" if i % 10 == 0 else "delivered",
                    "attempts": 1,
                    "max_attempts": 8,
                    "next_attempt_at": now,
                    "created_at": now,
                }
                for i in range(min(n_tasks, 20000))
            ],
        )
    if rt.db.backend == "postgresql":  # fresh planner statistics, as autovacuum would give
        with rt.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with rt.db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return {"tasks": n_tasks, "accounts": n_accounts, "opportunities": n_opps}


def time_pages(rt: Runtime, runs: int) -> list[tuple[str, float, float]]:
    import re

    from fastapi.testclient import TestClient

    from salesops.app import create_app

    client = TestClient(create_app(rt.settings, runtime=rt))
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    client.post(
        "/login",
        data={"email": "sales0@example.com", "password": "password123", "csrf_token": token},
    )
    paths = [
        "/app",
        "/app?q=person 1",
        "/app?status=Working&page=3",
        "/tasks/1",
        "/accounts",
        "/accounts?q=company 99",
        "/accounts/1",
        "/pipeline",
        "/forecast",
        "/admin/decisions",
        "/admin/decisions?rule=R-3",
        "/admin/deliveries",
        "/admin/territories/1",
    ]
    results = []
    for path in paths:
        assert client.get(path).status_code == 200, path  # warm up
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            r = client.get(path)
            samples.append((time.perf_counter() - start) * 1000)
            assert r.status_code == 200, path
        results.append((path, statistics.median(samples), max(samples)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, nargs="*", default=[500, 100_000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    for n in args.tasks:
        with tempfile.TemporaryDirectory() as tmp:
            url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
            db = Database(url)
            load_all()
            Base.metadata.drop_all(db.engine)
            Base.metadata.create_all(db.engine)
            with db.engine.begin() as conn:
                install_append_only_triggers(conn)
            rt = Runtime(Settings(database_url=url, _env_file=None), db=db)  # type: ignore[call-arg]
            prepare(rt, migrate=False)
            t0 = time.perf_counter()
            sizes = build(rt, n)
            built = time.perf_counter() - t0
            print(f"\n## {db.backend}: {sizes} (built in {built:.1f}s)")
            print("| page | median ms | max ms |\n|---|---:|---:|")
            for path, median, worst in time_pages(rt, args.runs):
                print(f"| `{path}` | {median:.1f} | {worst:.1f} |")
            if args.database_url:
                Base.metadata.drop_all(db.engine)
            db.dispose()


if __name__ == "__main__":
    main()
