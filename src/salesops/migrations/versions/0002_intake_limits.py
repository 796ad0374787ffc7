"""intake limits: hourly rejection counts (issue 13, item 12)

Revision ID: 0002_intake_limits
Revises: 0002_outbox_lanes
Create Date: 2026-12-07 06:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import salesops.core.db

revision: str = "0002_intake_limits"
down_revision: str | None = "0002_outbox_lanes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "intake_rejection_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("bucket", salesops.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("first_at", salesops.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_at", salesops.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_rejection_counts")),
        sa.UniqueConstraint(
            "source", "code", "bucket", name=op.f("uq_intake_rejection_counts_source_code_bucket")
        ),
    )
    with op.batch_alter_table("intake_rejection_counts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_intake_rejection_counts_bucket"), ["bucket"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("intake_rejection_counts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_rejection_counts_bucket"))
    op.drop_table("intake_rejection_counts")
