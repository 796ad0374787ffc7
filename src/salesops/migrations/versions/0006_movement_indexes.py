"""V-1 movements from the index alone (issue 18): the deal rollups' snapshot facts get
two covering indexes — led by the start and by the end of each fact's validity, carrying
what the movements read (deal, close month, category, amount, owner, territory, lead
source) — in place of the single-column indexes on ``valid_from`` and ``valid_to``.

Revision ID: 0006_movement_indexes
Revises: 0006_deactivation_plans
Create Date: 2026-12-07 20:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006_movement_indexes"
down_revision: str | None = "0006_deactivation_plans"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOVED = ["opportunity_id", "month", "category", "amount", "owner_id", "territory", "lead_source"]


def upgrade() -> None:
    op.create_index(
        "ix_report_snap_facts_moved_from",
        "report_snap_facts",
        ["valid_from", "valid_to", *MOVED],
    )
    op.create_index(
        "ix_report_snap_facts_moved_to",
        "report_snap_facts",
        ["valid_to", "valid_from", *MOVED],
    )
    op.drop_index("ix_report_snap_facts_valid_from", table_name="report_snap_facts")
    op.drop_index("ix_report_snap_facts_valid_to", table_name="report_snap_facts")


def downgrade() -> None:
    op.create_index("ix_report_snap_facts_valid_to", "report_snap_facts", ["valid_to"])
    op.create_index("ix_report_snap_facts_valid_from", "report_snap_facts", ["valid_from"])
    op.drop_index("ix_report_snap_facts_moved_to", table_name="report_snap_facts")
    op.drop_index("ix_report_snap_facts_moved_from", table_name="report_snap_facts")
