"""Alembic migrations run on this backend and produce exactly the models' schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from salesops.core.db import Base, Database
from salesops.core.migrate import upgrade
from salesops.core.models import load_all


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
            MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata
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
