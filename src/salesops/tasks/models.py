"""Tasks (O-3): one inbound inquiry needing sales follow-up, or a follow-up/check-in.

``kind`` separates lead tasks (the inbound inquiry, L-1 statuses) from the
follow-ups, reminders and check-ins that later rules create (Q-8, Q-12, L-1
nurture reminders); all of them appear in their owner's queue.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base, JSONType, UTCDateTime

LEAD_STATUSES = ("New", "Working", "Nurturing", "Converted", "Unqualified")
OPEN_STATUSES = ("New", "Working", "Nurturing")
# Work a task still asks of its owner: an open lead, or a follow-up, check-in or reminder
# that is due ("Open") or waits for its day ("Scheduled"). It moves with its owner's work
# (R-7 deactivation, M-3 account reassignment), never stranded on someone who left.
LIVE_STATUSES = (*OPEN_STATUSES, "Open", "Scheduled")
# Covered by the task indexes (PostgreSQL INCLUDE; migration 0005_owner_work_indexes).
OWNER_WORK_COLUMNS = [
    "first_touched_at",
    "follow_up_on",
    "due_on",
    "last_touched_at",
    "created_at",
    "id",
    "account_id",
    "contact_id",
    "title",
]
ACCOUNT_WORK_COLUMNS = ["kind", "owner_id", "created_at", "id"]


class Task(Base):
    __tablename__ = "tasks"
    subject_type = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="lead")  # lead|follow_up|check_in
    title: Mapped[str] = mapped_column(String(300), default="")
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="RESTRICT"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="RESTRICT"))
    lead_source: Mapped[str] = mapped_column(String(60))
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    status: Mapped[str] = mapped_column(String(20), default="New")
    territory: Mapped[str | None] = mapped_column(String(80), nullable=True)
    classification: Mapped[str | None] = mapped_column(String(20), nullable=True)
    classification_signals: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    disqualification_reason: Mapped[str | None] = mapped_column(String(80), nullable=True)
    disqualification_notes: Mapped[str | None] = mapped_column(String(250), nullable=True)
    sales_form_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    interest: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    mau: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    monthly_events: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    next_steps: Mapped[str | None] = mapped_column(Text, nullable=True)
    referrer_email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    rfp: Mapped[str | None] = mapped_column(String(20), nullable=True)  # (un)solicited
    source_ref: Mapped[str | None] = mapped_column(String(300), nullable=True)
    linked_task_id: Mapped[int | None] = mapped_column(
        ForeignKey("tasks.id", ondelete="SET NULL"), nullable=True
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL"), nullable=True
    )
    owner_away: Mapped[bool] = mapped_column(Boolean, default=False)
    follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    conversion_criteria: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    triage: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    reassignment_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    first_touched_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_touched_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # T-1/T-2: max(assigned_at, last_touched_at) — when the stale clock last restarted;
    # the sweep reads (status, stale_anchor_at) so its cost follows the stale tasks (T-4).
    stale_anchor_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # T-1: when the sweep last recorded "nobody else eligible" (recorded once per anchor).
    stale_skipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        # The queue (R-9, T-1, L-1) reads its order, and its search (the title, the
        # contact, the account) from the index alone on PostgreSQL; so does the R-7 plan
        # (an owner's open work per account). Issue 17 benchmarks: 100,000 open tasks of
        # one owner, no heap visit.
        Index(
            "ix_tasks_owner_work",
            "owner_id",
            "status",
            postgresql_include=OWNER_WORK_COLUMNS,
        ),
        # An account's tasks (M-3's open conversation, R-3a's previous lead) for many
        # accounts at once (the R-7 plan) from the index alone on PostgreSQL.
        Index(
            "ix_tasks_account_work",
            "account_id",
            "status",
            postgresql_include=ACCOUNT_WORK_COLUMNS,
        ),
        Index("ix_tasks_status_created", "status", "created_at"),
        Index("ix_tasks_updated_at", "updated_at"),
        Index("ix_tasks_contact", "contact_id"),
        Index("ix_tasks_status_stale_anchor", "status", "stale_anchor_at"),  # T-4
        Index("ix_tasks_kind_created", "kind", "created_at"),  # V-3, V-5: leads in a period
        Index("ix_tasks_opportunity", "opportunity_id"),  # the lead rollups' deal trigger
        Index("ix_tasks_status_closed", "status", "closed_at"),  # V-4: disqualified in a period
    )


# My queue's first pages (issue 17, fourth pass): the never-touched tasks come first (R-9,
# the queue's urgency bucket 0), in their own order, so a page of them is read in order
# from this partial index (``tasks.queue.queue_page``) instead of sorting the owner's
# whole queue (100,000 open tasks: ~40 ms of PostgreSQL CPU a page). Status and due date
# ride along for the queue's filter.
UNTOUCHED = Task.first_touched_at.is_(None)
Index(
    "ix_tasks_owner_untouched",
    Task.owner_id,
    func.coalesce(Task.last_touched_at, Task.created_at),
    Task.id,
    Task.status,
    Task.due_on,
    postgresql_where=UNTOUCHED,
    sqlite_where=UNTOUCHED,
)


class LeadPipelineQueue(Base):
    """A lead task committed by intake and waiting for its pipeline (S-1 … S-4, R-1, R-2 … R-7).

    Written in intake's transaction (``tasks.lead_queue.enqueue``), so a committed
    lead is never lost; drained after commit in batches (``flows.pipeline.drain``,
    and the worker's ``flows.pipeline`` job as the safety net). ``attempts``
    counts batches that failed with this lead on its own; it then waits behind
    fresh leads, and after ``pipeline.MAX_ATTEMPTS`` it stays here, logged, for
    an operator.
    """

    __tablename__ = "lead_pipeline_queue"

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_lead_pipeline_queue_order", "attempts", "queued_at", "task_id"),)


# The text a queue filter searches, as ``ix_search_tasks_trgm`` indexes it (0003_search).
TASK_TEXT = "lower(coalesce(tasks.title, '') || ' ' || tasks.status)"
