"""owner and account work indexes (issue 17: the queue's search and the R-7 plan at
100,000 accounts / 1,000,000 tasks): the owner's index also carries account, contact and
title (the queue's search reads no heap row), and the account's index carries kind, owner,
created_at and id (the R-7 plan's M-3 and R-3a look-ups for 10,000 accounts at once).

Revision ID: 0005_owner_work_indexes
Revises: 0004_page_indexes
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005_owner_work_indexes"
down_revision: str | None = "0004_page_indexes"
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
OWNER_WORK_COLUMNS = [*QUEUE_COLUMNS, "account_id", "contact_id", "title"]
ACCOUNT_WORK_COLUMNS = ["kind", "owner_id", "created_at", "id"]


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tasks_owner_work",
            ["owner_id", "status"],
            unique=False,
            postgresql_include=OWNER_WORK_COLUMNS,
        )
        batch_op.drop_index("ix_tasks_owner_queue")
        batch_op.create_index(
            "ix_tasks_account_work",
            ["account_id", "status"],
            unique=False,
            postgresql_include=ACCOUNT_WORK_COLUMNS,
        )
        batch_op.drop_index("ix_tasks_account_status")


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index("ix_tasks_account_status", ["account_id", "status"], unique=False)
        batch_op.drop_index("ix_tasks_account_work")
        batch_op.create_index(
            "ix_tasks_owner_queue",
            ["owner_id", "status"],
            unique=False,
            postgresql_include=QUEUE_COLUMNS,
        )
        batch_op.drop_index("ix_tasks_owner_work")
