"""Alembic migrations run on this backend and produce exactly the models' schema."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from salesops.core.db import Base, Database
from salesops.core.migrate import upgrade
from salesops.tables import load_all


def _not_search_index(name: str | None, type_: str, parent: object) -> bool:
    """The search indexes (0003_search: the FTS5 table and its shadow tables on SQLite,
    trigram indexes on PostgreSQL) are raw DDL, not models; ``test_search`` covers them."""
    return not (name or "").startswith(("search_fts", "ix_search_"))


@pytest.mark.filterwarnings(  # SQLite cannot reflect it; tests/tasks/test_queue_order uses it
    "ignore:.*expression-based index.*ix_tasks_owner_untouched"
)
def test_migrations_match_models(tmp_path, db_url: str) -> None:  # type: ignore[no-untyped-def]
    if db_url.startswith("sqlite"):
        db = Database(f"sqlite:///{tmp_path / 'migrated.db'}")
        schema = None
    else:
        db = Database(db_url)
        schema = "migration_check"
        with db.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        db.engine.dispose()
        db = Database(db_url)
        from sqlalchemy import event

        @event.listens_for(db.engine, "connect")
        def _path(dbapi_conn, _rec):  # type: ignore[no-untyped-def]
            with dbapi_conn.cursor() as cur:
                cur.execute(f"SET search_path TO {schema}")
            dbapi_conn.commit()

    upgrade(db.engine)
    load_all()
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"compare_type": False, "include_name": _not_search_index}
            ),
            Base.metadata,
        )
        assert diff == [], diff
        # the append-only trigger exists too (O-8)
        if db.backend == "sqlite":
            n = conn.execute(
                text("SELECT count(*) FROM sqlite_master WHERE type='trigger'")
            ).scalar()
        else:
            n = conn.execute(
                text("SELECT count(*) FROM pg_trigger WHERE tgname='decisions_append_only'")
            ).scalar()
        assert n >= 1
    if schema:
        with db.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    db.dispose()


def test_0002_ops_starts_the_stale_clock_of_tasks_linked_at_intake(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """T-1, M-3: an owned task without a stale clock (what intake's M-3 link left before
    the fix) gets its assignment time as the clock; others keep theirs. SQLite only: the
    statement is plain portable SQL, and the PostgreSQL half checks the chain above."""
    from datetime import UTC, datetime

    from alembic import command

    from salesops.core.config import Settings
    from salesops.core.migrate import alembic_config
    from salesops.playbook.runtime import Runtime
    from salesops.tasks.models import Task
    from tests.factories import make_account, make_contact, make_task, make_user

    # Built at head (today's models write today's columns), then the revision is run
    # alone over the rows as they stood before it, as in the 0003_reports test below.
    db = Database(f"sqlite:///{tmp_path / 'backfill.db'}")
    upgrade(db.engine)
    rt = Runtime(Settings(database_url=db.url, _env_file=None), db=db)  # type: ignore[call-arg]
    from salesops.flows.bootstrap import prepare

    prepare(rt, migrate=False)
    owner = make_user(rt, "owner@example.com")
    account = make_account(rt, "Linked")
    stranded = make_task(rt, account, make_contact(rt, "a@linked.com"), owner_id=owner.id)
    touched = make_task(rt, account, make_contact(rt, "b@linked.com"), owner_id=owner.id)
    assigned = datetime(2024, 1, 2, 3, 4, tzinfo=UTC)
    anchor = datetime(2024, 2, 1, tzinfo=UTC)
    with rt.uow() as s:
        s.get(Task, stranded.id).stale_anchor_at = None  # type: ignore[union-attr]
        s.get(Task, stranded.id).assigned_at = assigned  # type: ignore[union-attr]
        s.get(Task, touched.id).stale_anchor_at = anchor  # type: ignore[union-attr]
    command.stamp(alembic_config(db.engine), "0002_lead_pipeline_queue")
    upgrade(db.engine, "0002_ops")  # this revision alone (later ones already ran)
    command.stamp(alembic_config(db.engine), "head")
    with rt.uow(readonly=True) as s:
        assert s.get(Task, stranded.id).stale_anchor_at == assigned  # type: ignore[union-attr]
        assert s.get(Task, touched.id).stale_anchor_at == anchor  # type: ignore[union-attr]
    db.dispose()


def test_0003_reports_backfills_snapshots_and_mrr(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """V-1, V-6 (issue 18): existing deals get a snapshot history replayed from their stage
    and forecast-category changes; accounts with MRR get one change. SQLite only."""
    from datetime import UTC, date, datetime
    from decimal import Decimal

    from sqlalchemy import delete, select

    from salesops.accounts.models import Account, MrrChange
    from salesops.core.config import Settings
    from salesops.flows.bootstrap import prepare
    from salesops.opportunities import service
    from salesops.opportunities.models import OpportunitySnapshot
    from salesops.playbook.runtime import Runtime
    from salesops.users.models import User
    from tests.factories import make_account, make_contact, make_user

    db = Database(f"sqlite:///{tmp_path / 'backfill.db'}")
    upgrade(db.engine)
    rt = Runtime(Settings(database_url=db.url, _env_file=None), db=db)  # type: ignore[call-arg]
    prepare(rt, migrate=False)
    rep = make_user(rt, "rep@example.com")
    account = make_account(rt, "Backco", mrr=Decimal(500), paying_since=date(2025, 6, 1))
    contact = make_contact(rt, "a@backco.com", account_id=account.id)
    t0 = datetime(2026, 1, 5, tzinfo=UTC)
    t1 = datetime(2026, 1, 20, tzinfo=UTC)
    with rt.uow() as s:
        actor = s.get(User, rep.id)
        opp = service.create_opportunity(
            s,
            actor,
            {
                "account_id": account.id,
                "contact_id": contact.id,
                "record_type": "New Revenue",
                "amount": Decimal(1000),
                "close_date": date(2026, 3, 1),
            },
            t0,
        )
        service.update_opportunity(s, actor, opp, {"forecast_category": "Commit"}, t1)  # type: ignore[arg-type]
        # as before this revision: no history of the new kinds
        s.execute(delete(OpportunitySnapshot))
        s.execute(delete(MrrChange))
    from alembic import command

    from salesops.core.migrate import alembic_config

    command.stamp(alembic_config(db.engine), "0002_auth_secrets")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE opportunity_snapshots")
        conn.exec_driver_sql("DROP TABLE account_mrr_changes")
        for index in ("ix_tasks_kind_created", "ix_tasks_status_closed", "ix_opportunities_won_at"):
            conn.exec_driver_sql(f"DROP INDEX {index}")
    upgrade(db.engine, "0003_reports")  # this revision alone (later ones already ran)
    command.stamp(alembic_config(db.engine), "head")
    with rt.uow(readonly=True) as s:
        snaps = list(s.scalars(select(OpportunitySnapshot).order_by(OpportunitySnapshot.id)))
        assert [(x.valid_from, x.valid_to, x.forecast_category) for x in snaps] == [
            (t0, t1, "Pipeline"),
            (t1, None, "Commit"),
        ]
        assert snaps[0].amount == Decimal(1000) and snaps[0].close_date == date(2026, 3, 1)
        mrr = s.scalars(select(MrrChange)).one()
        assert (mrr.account_id, mrr.effective_on, mrr.mrr_after) == (
            account.id,
            date(2025, 6, 1),
            Decimal(500),
        )
        assert s.get(Account, account.id) is not None
    db.dispose()
