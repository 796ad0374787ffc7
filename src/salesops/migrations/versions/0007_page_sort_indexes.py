"""page sort indexes (issue 17, fourth pass: the deal list, the board and the forecast at
50,000 deals): the deal list's sortable columns each get an index led by ``is_closed``
(the first page of a sort is read from it in either direction, not sorted); the board's
columns read their first cards from ``(pipeline, stage, close_date, id)`` — which
replaces ``ix_opportunities_stage`` — and ``(pipeline, stage, closed_at, id)``; Q-7's
renewals due from ``(record_type, is_closed, close_date, id)``. My queue's never-touched
tasks (its first urgency bucket) in their order from the partial index
``ix_tasks_owner_untouched`` (owner, coalesce(last_touched_at, created_at), id, status,
due_on) WHERE first_touched_at IS NULL.

Revision ID: 0007_page_sort_indexes
Revises: 0007_idna_one_form
Create Date: 2026-12-07 23:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_page_sort_indexes"
down_revision: str | None = "0007_idna_one_form"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SORTS = (
    ("name", "name"),
    ("stage", "stage"),
    ("owner", "owner_id"),
    ("amount", "amount"),
    ("close", "close_date"),
)


def upgrade() -> None:
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        for name, column in SORTS:
            batch_op.create_index(f"ix_opportunities_sort_{name}", ["is_closed", column, "id"])
        batch_op.create_index(
            "ix_opportunities_stage_close", ["pipeline", "stage", "close_date", "id"]
        )
        batch_op.create_index(
            "ix_opportunities_stage_closed", ["pipeline", "stage", "closed_at", "id"]
        )
        batch_op.drop_index("ix_opportunities_stage")
        batch_op.create_index(
            "ix_opportunities_renewals", ["record_type", "is_closed", "close_date", "id"]
        )

    untouched = sa.text("first_touched_at IS NULL")
    op.create_index(
        "ix_tasks_owner_untouched",
        "tasks",
        ["owner_id", sa.text("coalesce(last_touched_at, created_at)"), "id", "status", "due_on"],
        postgresql_where=untouched,
        sqlite_where=untouched,
    )


def downgrade() -> None:
    op.drop_index("ix_tasks_owner_untouched", table_name="tasks")
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunities_renewals")
        batch_op.create_index("ix_opportunities_stage", ["pipeline", "stage"])
        batch_op.drop_index("ix_opportunities_stage_closed")
        batch_op.drop_index("ix_opportunities_stage_close")
        for name, _ in SORTS:
            batch_op.drop_index(f"ix_opportunities_sort_{name}")
