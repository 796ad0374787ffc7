"""Territories and their members over HTTP (O-7, R-3)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, status
from pydantic import Field
from sqlalchemy import select

from salesops.core.errors import ValidationFailed
from salesops.core.http import PageDep, ReadModel, StrictModel, page_of, paginate
from salesops.routing import service as routing
from salesops.routing import speed
from salesops.routing import territories as service
from salesops.routing.models import Territory
from salesops.users.http import CtxDep
from salesops.users.service import get_user, require_role

router = APIRouter(tags=["territories"])


class MemberRead(ReadModel):
    id: int
    user_id: int
    priority: int
    adjustment: int
    assigned_count: int
    active: bool
    joined_at: datetime


class TerritoryRead(ReadModel):
    id: int
    name: str
    countries: list[str]
    us_states: list[str]
    is_fallback: bool
    rr_position: int


class TerritoryDetail(TerritoryRead):
    members: list[MemberRead] = []


class MemberCreate(StrictModel):
    user_id: int
    priority: int = Field(default=1, ge=1, le=100)
    adjustment: int = Field(default=0, ge=-100000, le=100000)


class MemberUpdate(StrictModel):
    priority: int | None = Field(default=None, ge=1, le=100)
    adjustment: int | None = Field(default=None, ge=-100000, le=100000)
    active: bool | None = None


@router.get("/territories", summary="List territories")
def list_territories(ctx: CtxDep, page: PageDep) -> Any:
    with ctx.uow(readonly=True) as s:
        rows, total = paginate(
            s,
            select(Territory),
            page,
            sortable={"name": Territory.name},
            default_sort="name",
            id_column=Territory.id,
        )
        return page_of(rows, total, page, TerritoryRead)


class TerritoryCreate(StrictModel):
    name: str = Field(min_length=1, max_length=80)
    countries: list[str] = Field(default_factory=list, description="ISO 3166 alpha-2 codes")
    us_states: list[str] = Field(default_factory=list, description="USPS codes")
    make_fallback: bool = False


class TerritoryUpdate(StrictModel):
    name: str | None = Field(default=None, min_length=1, max_length=80)
    countries: list[str] | None = None
    us_states: list[str] | None = None
    make_fallback: bool | None = None


@router.post(
    "/territories",
    response_model=TerritoryRead,
    status_code=status.HTTP_201_CREATED,
    summary="Create a territory (writes a new playbook version, P-2)",
)
def create_territory(ctx: CtxDep, body: TerritoryCreate) -> Any:
    from salesops.routing.territory_admin import define_territory

    with ctx.uow() as s:
        row = define_territory(
            s, ctx.user, name=body.name, countries=body.countries, us_states=body.us_states,
            now=ctx.now(), make_fallback=body.make_fallback,
        )  # fmt: skip
        result = TerritoryRead.model_validate(row)
    ctx.rt.playbooks.invalidate()
    return result


@router.patch(
    "/territories/{territory_id}",
    response_model=TerritoryRead,
    summary="Rename a territory or change its countries (a new playbook version, P-2)",
)
def update_territory(ctx: CtxDep, territory_id: int, body: TerritoryUpdate) -> Any:
    from salesops.routing.territory_admin import change_territory

    with ctx.uow() as s:
        row = change_territory(
            s, ctx.user, territory_id, body.model_dump(exclude_unset=True), ctx.now()
        )
        result = TerritoryRead.model_validate(row)
    ctx.rt.playbooks.invalidate()
    return result


@router.get("/territories/{territory_id}", response_model=TerritoryDetail)
def get_territory(ctx: CtxDep, territory_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        row = service.get_territory(s, territory_id)
        detail = TerritoryDetail.model_validate(row)
        detail.members = [MemberRead.model_validate(m) for m in service.members(s, row.id)]
        return detail


@router.post(
    "/territories/{territory_id}/members",
    response_model=MemberRead,
    status_code=status.HTTP_201_CREATED,
)
def add_member(ctx: CtxDep, territory_id: int, body: MemberCreate) -> Any:
    with ctx.uow() as s:
        territory = service.get_territory(s, territory_id)
        return service.add_member(
            s,
            ctx.user,
            territory,
            get_user(s, body.user_id),
            now=ctx.now(),
            priority=body.priority,
            adjustment=body.adjustment,
        )


@router.patch("/territories/{territory_id}/members/{user_id}", response_model=MemberRead)
def update_member(ctx: CtxDep, territory_id: int, user_id: int, body: MemberUpdate) -> Any:
    with ctx.uow() as s:
        territory = service.get_territory(s, territory_id)
        return service.update_member(
            s, ctx.user, territory, user_id, body.model_dump(exclude_unset=True), ctx.now()
        )


@router.post("/routing/preview", tags=["routing"], summary="What routing would do now (R-8)")
def preview_route(
    ctx: CtxDep,
    lead: Annotated[
        dict[str, Any],
        Body(
            examples=[{"email": "ana@acme.de", "country": "DE", "message": "pricing for 5M events"}]
        ),
    ],
) -> Any:
    """Classification, territory, candidates with counts, owner and rule path; writes nothing."""
    with ctx.uow(readonly=True) as s:
        return routing.preview(s, lead, ctx.now())


@router.get("/routing/speed-to-lead", tags=["routing"], summary="Time to first touch (R-9)")
def speed_to_lead(
    ctx: CtxDep,
    since: datetime | None = None,
    until: datetime | None = None,
    owner_id: int | None = None,
) -> Any:
    with ctx.uow(readonly=True) as s:
        return speed.speed_to_lead(s, ctx.now(), since=since, until=until, owner_id=owner_id)


class SweepRequest(StrictModel):
    as_of: str | None = Field(default=None, examples=["2026-05-01T09:00:00+00:00"])


def _moment(value: str, where: str) -> datetime:
    """An ISO time with a time zone, or a clear 422 naming where it came from."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValidationFailed(
            f"as_of ({where}) must be an ISO time like 2026-05-01T09:00:00+00:00, not {value!r}",
            field="as_of",
            rule="T-4",
        ) from None
    if moment.tzinfo is None:
        raise ValidationFailed(
            f"as_of ({where}) needs a time zone, e.g. 2026-05-01T09:00:00+00:00",
            field="as_of",
            rule="T-4",
        )
    return moment


@router.post("/routing/sweep", tags=["routing"], summary="Run the stale sweep now (T-1 … T-4)")
def run_sweep(
    ctx: CtxDep,
    as_of: Annotated[
        str | None, Query(description="sweep as of this ISO time (default: now)")
    ] = None,
    body: Annotated[SweepRequest | None, Body()] = None,
) -> Any:
    """Sweep as of now, or as of ``as_of`` given in the query or in the JSON body (the same
    time in both is fine; two different times are refused)."""
    require_role(ctx.user, "admin")
    moments = [
        _moment(value, where)
        for value, where in ((as_of, "query"), (body.as_of if body else None, "body"))
        if value is not None
    ]
    if len(moments) == 2 and moments[0] != moments[1]:
        raise ValidationFailed(
            "as_of is given twice, in the query and in the body, with different times: "
            "give it once",
            field="as_of",
            rule="T-4",
        )
    with ctx.uow() as s:
        return routing.sweep(s, moments[0] if moments else ctx.now())
