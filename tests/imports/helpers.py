"""Shared helpers for the import tests (issue 19)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from salesops.playbook.runtime import Runtime
from salesops.tables import load_all

DATA = Path(__file__).parent / "data"
SALESFORCE = DATA / "salesforce"
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def counts(rt: Runtime, *names: str) -> dict[str, int]:
    base = load_all()
    tables = {t.name: t for t in base.metadata.sorted_tables}
    with rt.uow(readonly=True) as s:
        return {
            n: int(s.scalar(select(func.count()).select_from(tables[n])) or 0)
            for n in (names or tuple(tables))
        }


def rows(rt: Runtime, model: Any, *where: Any) -> list[Any]:
    with rt.uow(readonly=True) as s:
        return list(s.scalars(select(model).where(*where)))
