"""Test database fixtures: every test on SQLite, and again on PostgreSQL when
``SALESOPS_TEST_DATABASE_URL`` is set (``make test`` does both).

Isolation: on SQLite each test gets a fresh copy of a migrated template file;
on PostgreSQL a private database is created for the run and every table is
truncated before each test.
"""

from __future__ import annotations

import gc
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from salesops.core.config import Settings, normalise_db_url
from salesops.core.db import Base, Database
from salesops.playbook.runtime import Runtime
from salesops.tables import load_all

PG_URL = os.environ.get("SALESOPS_TEST_DATABASE_URL")
BACKEND = "postgresql" if PG_URL else "sqlite"


def pytest_report_header(config: pytest.Config) -> str:
    return f"salesops test database: {BACKEND}" + (f" ({PG_URL})" if PG_URL else "")


@pytest.fixture(autouse=True, scope="module")
def _earlier_modules_frozen_out_of_the_collector() -> None:
    """What earlier test modules left alive is moved out of the cyclic garbage collector's
    reach (after collecting their garbage). A whole-suite run builds a ~1 GB heap, and one
    full collection of it took 1-2 s of CPU on whichever thread allocated — intake's mail
    budget and the hostile-input bounds count that thread's CPU, so a test judged the
    suite's heap instead of its own work. A server process's heap is far smaller."""
    gc.collect()
    gc.freeze()


def build_schema(engine: sa.Engine) -> None:
    """The schema tests run on: the models' metadata plus the append-only triggers.

    ``tests/core/test_migrations.py`` proves the Alembic migrations produce the same.
    """
    from salesops.core.audit import install_append_only_triggers
    from salesops.reports import rollups
    from salesops.reports.search import install as install_search

    load_all()
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        install_append_only_triggers(conn)
        install_search(conn)  # issue 17 item 2: FTS5 / pg_trgm (migration 0003_search)
        rollups.install(conn)  # issue 18: lead report rollups (migration 0004_report_rollups)


@pytest.fixture(scope="session")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database URL private to this test run, with the schema built."""
    if PG_URL:
        base = sa.engine.make_url(normalise_db_url(PG_URL))
        name = f"salesops_test_{os.getpid()}_{secrets.token_hex(3)}"
        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = base.set(database=name).render_as_string(hide_password=False)
        engine = sa.create_engine(url)
        build_schema(engine)
        engine.dispose()
        yield url
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
    else:
        template = tmp_path_factory.mktemp("db") / "template.db"
        db = Database(f"sqlite:///{template}")
        build_schema(db.engine)
        raw = db.engine.raw_connection()
        try:  # outside any transaction: fold the WAL into the file we copy per test
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()
        db.dispose()
        yield f"sqlite:///{template}"


_pg_db: Database | None = None


@pytest.fixture
def database(db_url: str, tmp_path: Path) -> Iterator[Database]:
    """A clean database for one test."""
    global _pg_db
    if PG_URL:
        if _pg_db is None:
            _pg_db = Database(db_url)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with _pg_db.engine.begin() as conn:
            conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        yield _pg_db
    else:
        path = tmp_path / "salesops.db"
        shutil.copyfile(db_url.removeprefix("sqlite:///"), path)
        db = Database(f"sqlite:///{path}")
        yield db
        db.dispose()


@pytest.fixture
def settings(database: Database, tmp_path: Path) -> Settings:
    # No secret set: the runtime generates and stores them (core.secretstore), as a
    # fresh install does.
    return Settings(
        database_url=database.url,
        # One send per notice, due at once: tests that coalesce bursts (issue 20) turn
        # the window on themselves (tests/integrations/test_coalesce.py).
        notify_coalesce_seconds=0,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def rt(settings: Settings, database: Database) -> Iterator[Runtime]:
    """A runtime on the clean database with the default playbook active (v1)."""
    from salesops.flows.bootstrap import prepare

    runtime = Runtime(settings, db=database)
    prepare(runtime, migrate=False)
    yield runtime


@pytest.fixture
def client(rt: Runtime) -> Iterator[TestClient]:
    from salesops.app import create_app

    app = create_app(rt.settings, runtime=rt)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def admin(rt: Runtime):  # type: ignore[no-untyped-def]
    from tests.factories import make_user

    return make_user(rt, "admin@example.com", role="admin", password="admin-password")


@pytest.fixture
def admin_headers(rt: Runtime, admin) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from tests.factories import token_for

    return {"Authorization": f"Bearer {token_for(rt, admin)}"}
