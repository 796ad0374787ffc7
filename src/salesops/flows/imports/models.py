"""Where imported records came from, and the admin page's import jobs (issue 19).

``ImportSource`` ties a record of another system (its system, object and id) to the
salesops record it became, with a digest of the source row as last imported: re-running
an import finds every row here, skips what is unchanged and updates what changed
(issue 19 item 5). Two source rows may point at one record (a duplicate merged, M-1/M-2).
``ImportJob`` is one import run from the admin page, with its progress and report.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base, JSONType, UTCDateTime


class ImportSource(Base):
    __tablename__ = "import_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    system: Mapped[str] = mapped_column(String(20))  # salesforce|hubspot|csv
    object: Mapped[str] = mapped_column(String(40))  # the source's object: Account, deal …
    source_id: Mapped[str] = mapped_column(String(80))
    record_type: Mapped[str] = mapped_column(String(40))  # account|contact|task|opportunity …
    record_id: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(40))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("system", "object", "source_id"),
        Index("ix_import_sources_record", "record_type", "record_id"),
    )


class ImportJob(Base):
    """An import started from the admin page: run by the worker, progress polled."""

    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    system: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued|running|done|failed
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    folder: Mapped[str] = mapped_column(String(500))  # where the uploaded files were put
    options: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    done_bytes: Mapped[int] = mapped_column(Integer, default=0)
    total_bytes: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
