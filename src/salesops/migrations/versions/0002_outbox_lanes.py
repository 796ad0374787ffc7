"""outbox lanes: due_at (the claim index) and maybe_sent (issue 13 items 3-4, X-1)

Revision ID: 0002_outbox_lanes
Revises: 0002_ops
Create Date: 2026-11-24 05:40:00

``due_at`` is when a delivery may be claimed (pending: its next attempt; in flight: its
lease's end; NULL otherwise), indexed with its channel for rows that have one, so a
worker claims each lane's oldest due rows with one range scan (no sort of the backlog).
``maybe_sent`` records that an earlier attempt may have reached the receiver.
(The lead re-chains ``down_revision`` at merge; it follows main's head when written,
0002_ops.)
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import salesops.core.db

revision: str = "0002_outbox_lanes"
down_revision: str | None = "0002_ops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DUE = sa.text("due_at IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("due_at", salesops.core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("maybe_sent", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute(
        "UPDATE deliveries SET due_at = CASE state WHEN 'pending' THEN next_attempt_at "
        "WHEN 'in_flight' THEN locked_until END"
    )
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.alter_column("maybe_sent", server_default=None)
        batch_op.create_index(
            "ix_deliveries_channel_due",
            ["channel", "due_at"],
            unique=False,
            sqlite_where=DUE,
            postgresql_where=DUE,
        )


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_channel_due")
        batch_op.drop_column("maybe_sent")
        batch_op.drop_column("due_at")
