"""Partial updates (PATCH): shared checks for every domain's update use-case."""

from __future__ import annotations

from typing import Any

from salesops.core.errors import ValidationFailed


def reject_nulls(model: Any, changes: dict[str, Any]) -> None:
    """A partial update may not set a NOT NULL column to null: name the field (422)."""
    columns = model.__table__.c
    for key, value in changes.items():
        if value is None and key in columns and not columns[key].nullable:
            raise ValidationFailed(f"{key} cannot be null; leave it out to keep it", field=key)
