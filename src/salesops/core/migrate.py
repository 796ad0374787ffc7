"""Alembic, driven from code: ``salesops db upgrade`` and the test suite use the same path."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` on either backend."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def autogenerate(message: str) -> None:
    """Write a new migration for model changes, diffed against a scratch SQLite at head.

    ``make migration m="what changed"``; review the file before committing.
    """
    import tempfile

    from salesops.core.db import make_engine

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/scratch.db")
        cfg = alembic_config(engine)
        command.upgrade(cfg, "head")
        command.revision(cfg, message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    import sys

    autogenerate(" ".join(sys.argv[1:]) or "schema change")
