"""search: global search indexes (issue 17 item 2): an FTS5 table kept by triggers on
SQLite, pg_trgm GIN indexes on PostgreSQL (``salesops.reports.search``). Existing
accounts, contacts, tasks and opportunities are indexed on upgrade. And the lists'
saved views (``saved_views``, issue 17 item 3).

Revision ID: 0003_search
Revises: 0003_email_notify
Create Date: 2026-12-07 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import salesops.core.db
from salesops.reports.search import install, uninstall

revision: str = "0003_search"
down_revision: str | None = "0003_email_notify"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("created_at", salesops.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_saved_views_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_views")),
    )
    with op.batch_alter_table("saved_views", schema=None) as batch_op:
        batch_op.create_index("ix_saved_views_list_user", ["list_name", "user_id"], unique=False)
    install(op.get_bind())


def downgrade() -> None:
    uninstall(op.get_bind())
    with op.batch_alter_table("saved_views", schema=None) as batch_op:
        batch_op.drop_index("ix_saved_views_list_user")
    op.drop_table("saved_views")
