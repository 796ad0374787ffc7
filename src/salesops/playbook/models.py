"""Stored playbook versions (P-2).

Every activated playbook is kept verbatim with who loaded it, when, and the
diff from the version before, so a decision's recorded playbook version (O-8)
can always be looked up and a change can always be audited. Rows are only
ever inserted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from salesops.core.db import Base, UTCDateTime


class PlaybookVersion(Base):
    """One activated playbook text; ``version`` counts up from 1."""

    __tablename__ = "playbook_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    digest: Mapped[str] = mapped_column(String(64), index=True)
    content: Mapped[str] = mapped_column(Text)
    diff: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(500))
    loaded_by: Mapped[str | None] = mapped_column(String(320), nullable=True)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<PlaybookVersion v{self.version} {self.digest[:12]} by {self.loaded_by}>"
