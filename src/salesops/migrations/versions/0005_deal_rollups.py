"""deal rollups (issue 18): V-1 forecast, V-2 pipeline (now and as of any moment), V-4

``report_deal_facts`` / ``report_deal_counts`` (every deal's key — close month, forecast
category, owner, territory, lead source, pipeline, stage, probability — and the count,
ARR and weighted ARR per key), ``report_snap_facts`` / ``report_snap_counts`` /
``report_snap_meta`` (the snapshot history as month checkpoints and day changes) and
``report_deal_dirty`` (deals marked by triggers on ``opportunities``,
``opportunity_snapshots`` and ``accounts``; the commit hook turns them into counts).
Backfill: ``deals_rollup.rebuild`` from every deal and snapshot. V-4: the lead facts
gain the day (and month) of the disqualification (``dq_day``, ``dq_month``) and the lead
counts a ``dq`` measure by reason on that day; the lead triggers also watch ``status``
and ``closed_at``; the lead rollups are rebuilt.

Revision ID: 0005_deal_rollups
Revises: 0005_owner_work_indexes
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from salesops.reports import deals_rollup, rollups

revision: str = "0005_deal_rollups"
down_revision: str | None = "0005_owner_work_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = (
    "month",
    "category",
    "owner_id",
    "territory",
    "lead_source",
    "pipeline",
    "stage",
    "probability",
)


def _key() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("territory", sa.String(length=80), nullable=False),
        sa.Column("lead_source", sa.String(length=60), nullable=False),
        sa.Column("pipeline", sa.String(length=40), nullable=False),
        sa.Column("stage", sa.String(length=60), nullable=False),
        sa.Column("probability", sa.Integer(), nullable=False),
    ]


def _sums() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("arr", sa.Numeric(24, 2), nullable=False),
        sa.Column("weighted", sa.Numeric(24, 2), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "report_deal_facts",
        sa.Column("opportunity_id", sa.Integer(), autoincrement=False, nullable=False),
        *_key(),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.PrimaryKeyConstraint("opportunity_id", name=op.f("pk_report_deal_facts")),
    )
    op.create_table(
        "report_deal_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        *_key(),
        *_sums(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_deal_counts")),
        sa.UniqueConstraint(*KEY, name="uq_report_deal_counts_key"),
    )
    op.create_table(
        "report_snap_facts",
        sa.Column("snapshot_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_to", sa.DateTime(timezone=True), nullable=True),
        *_key(),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.PrimaryKeyConstraint("snapshot_id", name=op.f("pk_report_snap_facts")),
    )
    for col in ("opportunity_id", "valid_from", "valid_to"):
        op.create_index(f"ix_report_snap_facts_{col}", "report_snap_facts", [col])
    op.create_table(
        "report_snap_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("span", sa.String(length=1), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        *_key(),
        *_sums(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_snap_counts")),
        sa.UniqueConstraint("span", "start", *KEY, name="uq_report_snap_counts_key"),
    )
    op.create_index("ix_report_snap_counts_read", "report_snap_counts", ["span", "start"])
    op.create_table(
        "report_snap_meta",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("through", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_snap_meta")),
    )
    op.create_table(
        "report_deal_dirty",
        sa.Column("opportunity_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("opportunity_id", name=op.f("pk_report_deal_dirty")),
    )
    with op.batch_alter_table("report_lead_facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dq_day", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("dq_month", sa.Date(), nullable=True))
    bind = op.get_bind()
    rollups.uninstall(bind)  # the lead triggers now watch status and closed_at too (V-4)
    rollups.install(bind)
    rollups.rebuild(bind)  # V-4's day of disqualification in every lead task's facts
    deals_rollup.rebuild(bind)


def downgrade() -> None:
    bind = op.get_bind()
    rollups.uninstall(bind)
    rollups.install(bind, deals=False)
    with op.batch_alter_table("report_lead_facts", schema=None) as batch_op:
        batch_op.drop_column("dq_month")
        batch_op.drop_column("dq_day")
    bind.exec_driver_sql("DELETE FROM report_lead_counts WHERE measure = 'dq'")
    for table in ("report_deal_dirty", "report_snap_meta"):
        op.drop_table(table)
    op.drop_index("ix_report_snap_counts_read", table_name="report_snap_counts")
    op.drop_table("report_snap_counts")
    for col in ("opportunity_id", "valid_from", "valid_to"):
        op.drop_index(f"ix_report_snap_facts_{col}", table_name="report_snap_facts")
    op.drop_table("report_snap_facts")
    op.drop_table("report_deal_counts")
    op.drop_table("report_deal_facts")
