"""ops: start the stale clock of tasks linked at intake (T-1, M-3)

Tasks that intake linked to an account's open conversation (M-3) got an owner but no
``stale_anchor_at``, so the stale sweep (T-1/T-2) never saw them. New ones get it at
intake; this gives the existing ones the clock they should have had: their assignment
(never touched, or a touch would have set it). The next sweep then treats them like any
other assigned task, reassigning those untouched for 10 days and more.

Revision ID: 0002_ops
Revises: 0002_lead_pipeline_queue
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002_ops"
down_revision: str | None = "0002_lead_pipeline_queue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE tasks SET stale_anchor_at = COALESCE(assigned_at, created_at) "
        "WHERE owner_id IS NOT NULL AND stale_anchor_at IS NULL"
    )


def downgrade() -> None:
    pass  # the clock stays started; nothing to undo
