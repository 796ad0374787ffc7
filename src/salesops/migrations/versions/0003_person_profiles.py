"""person profiles and raw rejected bodies: the analytics platform's person properties
per distinct_id (a signup's email from an earlier $identify/$set, issue 15 item 6), and
the rejections log keeps a delivery's raw bytes (gzip and NUL bytes on every backend,
issue 15 item 5).

Revision ID: 0003_person_profiles
Revises: 0003_import_sources
Create Date: 2026-12-07 09:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import salesops.core.db

revision: str = "0003_person_profiles"
down_revision: str | None = "0003_import_sources"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("distinct_id", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column(
            "properties",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("updated_at", salesops.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_profiles")),
        sa.UniqueConstraint("distinct_id", name=op.f("uq_person_profiles_distinct_id")),
    )
    with op.batch_alter_table("intake_rejections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("body", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("intake_rejections", schema=None) as batch_op:
        batch_op.drop_column("body")
    op.drop_table("person_profiles")
