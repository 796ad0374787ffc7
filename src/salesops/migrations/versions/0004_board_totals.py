"""board_totals: a covering index for the pipeline board's column totals (issue 17
item 7): deals, ARR and weighted ARR per stage, for everyone or one owner, read from the
index alone (``opportunities.board.column_totals``).

Revision ID: 0004_board_totals
Revises: 0004_report_rollups
Create Date: 2026-12-07 12:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004_board_totals"
down_revision: str | None = "0004_report_rollups"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.create_index(
            "ix_opportunities_board",
            ["pipeline", "stage", "owner_id", "amount", "probability"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunities_board")
