"""Q-13 on tasks: the RFP flag (solicited / unsolicited) exists on a lead task as well
as on an opportunity, and is carried to the opportunity at conversion (issue 16 item 6).

Revision ID: 0004_task_rfp
Revises: 0003_search
Create Date: 2026-12-07 12:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_task_rfp"
down_revision: str | None = "0003_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("tasks", sa.Column("rfp", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch_op:
        batch_op.drop_column("rfp")
