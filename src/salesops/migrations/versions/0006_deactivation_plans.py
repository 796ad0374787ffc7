"""deactivation plans (issue 17, R-7): the stored plan of a leaving user's hand-over,
planned and applied by background jobs, and its rows (one per account); and the deal
list's index (issue 17 item 3: open deals, latest change first).

Revision ID: 0006_deactivation_plans
Revises: 0005_deal_rollups
Create Date: 2026-12-07 19:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from salesops.core.db import JSONType, UTCDateTime

revision: str = "0006_deactivation_plans"
down_revision: str | None = "0005_deal_rollups"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deactivation_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("inputs", sa.String(length=200), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("summary", JSONType, nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("after_account", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_deactivation_plans_user", "deactivation_plans", ["user_id", "id"], unique=False
    )
    op.create_table(
        "deactivation_plan_rows",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("new_owner_id", sa.Integer(), nullable=True),
        sa.Column("new_owner", sa.String(length=255), nullable=False),
        sa.Column("owns_account", sa.Boolean(), nullable=False),
        sa.Column("tasks", sa.Integer(), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("away", sa.Boolean(), nullable=False),
        sa.Column("rule_ids", JSONType, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["deactivation_plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "account_id"),
    )
    op.create_index(
        "ix_opportunities_recent",
        "opportunities",
        ["is_closed", "updated_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_opportunities_recent", table_name="opportunities")
    op.drop_table("deactivation_plan_rows")
    op.drop_index("ix_deactivation_plans_user", table_name="deactivation_plans")
    op.drop_table("deactivation_plans")
