"""page indexes (issue 17 benchmarks, 100,000 accounts / 1,000,000 tasks): the queue's
index carries the columns its urgency order reads (PostgreSQL: an index-only scan), and
the accounts list's default order (updated_at, id) has its own index.

Revision ID: 0004_page_indexes
Revises: 0004_board_totals
Create Date: 2026-12-07 12:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004_page_indexes"
down_revision: str | None = "0004_board_totals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

QUEUE_COLUMNS = [
    "first_touched_at",
    "follow_up_on",
    "due_on",
    "last_touched_at",
    "created_at",
    "id",
]


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tasks_owner_queue",
            ["owner_id", "status"],
            unique=False,
            postgresql_include=QUEUE_COLUMNS,
        )
        batch_op.drop_index("ix_tasks_owner_status")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index("ix_accounts_updated_id", ["updated_at", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index("ix_accounts_updated_id")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index("ix_tasks_owner_status", ["owner_id", "status"], unique=False)
        batch_op.drop_index("ix_tasks_owner_queue")
