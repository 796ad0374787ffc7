"""HTTP plumbing shared by every domain's routes: input and read models, pagination.

Who is asking (authentication, ``Ctx``) is ``salesops.users.http``: core knows no domain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, ConfigDict, field_validator
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from salesops.core.errors import ValidationFailed

T = TypeVar("T")


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


class StrictModel(BaseModel):
    """Input models refuse unknown fields so typos are named, not ignored, and refuse
    NUL characters, which PostgreSQL cannot store in text."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("must not contain NUL (\\x00) characters")
        return value


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
    next_offset: int | None


@dataclass
class PageParams:
    limit: int
    offset: int
    sort: str | None


def page_params(
    limit: Annotated[int, Query(ge=1, le=500, description="Page size (max 500)")] = 50,
    offset: Annotated[int, Query(ge=0, description="Rows to skip")] = 0,
    sort: Annotated[
        str | None, Query(description="Field to sort by; prefix with - for descending")
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, offset=offset, sort=sort)


PageDep = Annotated[PageParams, Depends(page_params)]


def paginate(
    session: Session,
    query: Select[Any],
    params: PageParams,
    *,
    sortable: dict[str, Any],
    default_sort: str,
    id_column: Any,
) -> tuple[list[Any], int]:
    """Apply sorting (a whitelisted field, ``-`` for descending) and a page; count the total."""
    sort = params.sort or default_sort
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in sortable:
        raise ValidationFailed(
            f"cannot sort by {key!r}; choose one of {', '.join(sorted(sortable))}", field="sort"
        )
    column = sortable[key]
    ordered = query.order_by(
        column.desc() if desc else column.asc(), id_column.desc() if desc else id_column.asc()
    )
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = list(session.scalars(ordered.limit(params.limit).offset(params.offset)))
    return rows, int(total or 0)


def page_of(rows: list[Any], total: int, params: PageParams, model: type[BaseModel]) -> Any:
    items = [model.model_validate(r) for r in rows]
    nxt = params.offset + len(items)
    return {
        "items": items,
        "total": total,
        "limit": params.limit,
        "offset": params.offset,
        "next_offset": nxt if nxt < total else None,
    }
