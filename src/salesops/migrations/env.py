"""Alembic environment: the engine comes from the caller (``salesops.core.migrate``)."""

from __future__ import annotations

from alembic import context

from salesops.tables import load_all

target_metadata = load_all().metadata
config = context.config


def run() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from salesops.core.config import Settings
        from salesops.core.db import make_engine

        engine = make_engine(Settings().sqlalchemy_url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()
