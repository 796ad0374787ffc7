"""report rollups (issue 18): the lead reports' facts, day/month counts and change marks

``report_lead_facts`` (one row per lead task), ``report_lead_counts`` (per day and per
month × lead source × owner × territory, by measure and histogram bin) and
``report_lead_dirty`` (lead tasks a write changed, marked by triggers on ``tasks`` and
``opportunities``; the commit hook turns them into counts). Backfill: ``rollups.rebuild``
from every lead task. V-6: ``report_mrr_accounts`` (each account's counted MRR profile),
``report_mrr_counts`` (monthly revenue movements and NRR cohort sums per owner ×
territory, in cents) and ``report_mrr_dirty`` (accounts marked by triggers on
``account_mrr_changes`` and ``accounts``). Also ``ix_tasks_opportunity`` (the deal
trigger finds its tasks).

Revision ID: 0004_report_rollups
Revises: 0004_task_rfp
Create Date: 2026-12-07 12:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from salesops.reports import rollups

revision: str = "0004_report_rollups"
down_revision: str | None = "0004_task_rfp"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_lead_facts",
        sa.Column("task_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("lead_source", sa.String(length=60), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("territory", sa.String(length=80), nullable=False),
        sa.Column("has_opp", sa.Boolean(), nullable=False),
        sa.Column("won", sa.Boolean(), nullable=False),
        sa.Column("reassigned", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=80), nullable=True),
        sa.Column("touch_s", sa.Float(), nullable=True),
        sa.Column("touch_bin", sa.Integer(), nullable=True),
        sa.Column("opp_s", sa.Float(), nullable=True),
        sa.Column("opp_bin", sa.Integer(), nullable=True),
        sa.Column("won_s", sa.Float(), nullable=True),
        sa.Column("won_bin", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("task_id", name=op.f("pk_report_lead_facts")),
    )
    for name, cols in (
        ("ix_report_lead_facts_touch_owner", ["owner_id", "touch_bin", "day", "touch_s"]),
        ("ix_report_lead_facts_touch", ["touch_bin", "day", "touch_s"]),
        ("ix_report_lead_facts_opp_source", ["lead_source", "opp_bin", "day", "opp_s"]),
        ("ix_report_lead_facts_opp", ["opp_bin", "day", "opp_s"]),
        ("ix_report_lead_facts_won_source", ["lead_source", "won_bin", "day", "won_s"]),
        ("ix_report_lead_facts_won", ["won_bin", "day", "won_s"]),
    ):
        op.create_index(name, "report_lead_facts", cols, unique=False)
    op.create_table(
        "report_lead_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("span", sa.String(length=1), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("lead_source", sa.String(length=60), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("territory", sa.String(length=80), nullable=False),
        sa.Column("measure", sa.String(length=12), nullable=False),
        sa.Column("bin", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_lead_counts")),
        sa.UniqueConstraint(
            "span",
            "start",
            "lead_source",
            "owner_id",
            "territory",
            "measure",
            "bin",
            "label",
            name="uq_report_lead_counts_key",
        ),
    )
    op.create_index(
        "ix_report_lead_counts_read", "report_lead_counts", ["measure", "span", "start"]
    )
    op.create_table(
        "report_lead_dirty",
        sa.Column("task_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("task_id", name=op.f("pk_report_lead_dirty")),
    )
    op.create_index("ix_tasks_opportunity", "tasks", ["opportunity_id"], unique=False)
    op.create_table(
        "report_mrr_accounts",
        sa.Column("account_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("territory", sa.String(length=80), nullable=False),
        sa.Column("profile", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_report_mrr_accounts")),
    )
    op.create_table(
        "report_mrr_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=12), nullable=False),
        sa.Column("p", sa.Date(), nullable=False),
        sa.Column("m", sa.Date(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("territory", sa.String(length=80), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_mrr_counts")),
        sa.UniqueConstraint(
            "measure", "p", "m", "owner_id", "territory", name="uq_report_mrr_counts_key"
        ),
    )
    op.create_table(
        "report_mrr_dirty",
        sa.Column("account_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_report_mrr_dirty")),
    )
    bind = op.get_bind()
    rollups.install(bind, deals=False)  # the deal rollups come with 0005_deal_rollups
    rollups.rebuild_all(bind, deals=False)


def downgrade() -> None:
    rollups.uninstall(op.get_bind())
    op.drop_table("report_mrr_dirty")
    op.drop_table("report_mrr_counts")
    op.drop_table("report_mrr_accounts")
    op.drop_index("ix_tasks_opportunity", table_name="tasks")
    op.drop_table("report_lead_dirty")
    op.drop_index("ix_report_lead_counts_read", table_name="report_lead_counts")
    op.drop_table("report_lead_counts")
    for name in (
        "ix_report_lead_facts_touch_owner",
        "ix_report_lead_facts_touch",
        "ix_report_lead_facts_opp_source",
        "ix_report_lead_facts_opp",
        "ix_report_lead_facts_won_source",
        "ix_report_lead_facts_won",
    ):
        op.drop_index(name, table_name="report_lead_facts")
    op.drop_table("report_lead_facts")
