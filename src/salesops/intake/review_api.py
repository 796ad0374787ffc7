"""Intake's review routes (admin): rejected deliveries kept for review and their counts,
spam bans (I-9). Thin: each loads or calls a service in one unit of work."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts import bans
from salesops.accounts.models import SpamBan
from salesops.core.http import PageDep, ReadModel, StrictModel, page_of, paginate
from salesops.intake.models import IntakeRejection
from salesops.intake.rejections import rejection_totals
from salesops.playbook.runtime import playbook_of
from salesops.users.http import CtxDep
from salesops.users.service import require_role

router = APIRouter(prefix="/intake", tags=["intake"])


class RejectionRead(ReadModel):
    id: int
    at: datetime
    source: str
    code: str
    reason: str
    field: str | None
    http_status: int
    sender: str | None
    key: str | None
    remote_addr: str | None
    headers: dict[str, Any]
    body_excerpt: str
    body_size: int


@router.get(
    "/rejections",
    summary="Rejected deliveries kept for review (admin): a sample per source, reason and hour",
)
def rejections(ctx: CtxDep, page: PageDep, source: str | None = None) -> Any:
    require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        query = select(IntakeRejection)
        if source:
            query = query.where(IntakeRejection.source == source)
        rows, total = paginate(
            s, query, page, sortable={"at": IntakeRejection.at}, default_sort="-at",
            id_column=IntakeRejection.id,
        )  # fmt: skip
        return page_of(rows, total, page, RejectionRead)


class RejectionTotalRead(ReadModel):
    source: str
    code: str
    count: int
    http_status: int
    reason: str
    first_at: datetime
    last_at: datetime


@router.get(
    "/rejections/summary",
    summary="How often each source rejected deliveries, by reason (admin)",
    description="Every rejection is counted per source, reason and hour; /rejections lists "
    "the ones kept whole (at most SALESOPS_REJECTION_SAMPLES_PER_HOUR per source, reason "
    "and hour).",
)
def rejection_summary(
    ctx: CtxDep,
    hours: Annotated[int, Query(ge=1, le=24 * 400, description="look back this far")] = 24,
    source: str | None = None,
) -> Any:
    require_role(ctx.user, "admin")
    since = ctx.now() - timedelta(hours=hours)
    with ctx.uow(readonly=True) as s:
        totals = rejection_totals(s, since, source)
    return {
        "since": since,
        "samples_per_hour": ctx.rt.settings.rejection_samples_per_hour,
        "items": [RejectionTotalRead.model_validate(t).model_dump() for t in totals],
    }


class BanCreate(StrictModel):
    value: str = Field(min_length=3, max_length=254, description="an address or a domain")
    reason: str = Field(default="", max_length=500)


class BanRead(ReadModel):
    id: int
    value: str
    kind: str
    reason: str
    created_at: datetime
    created_by: int | None
    lifted_at: datetime | None
    lifted_by: int | None


def _with_notice(s: Session, ban: SpamBan) -> dict[str, Any]:
    return {**BanRead.model_validate(ban).model_dump(), "notice": _notice(s)}


def _notice(s: Session) -> str:
    return " ".join(playbook_of(s).intake.spam_ban_notice.split())


@router.get("/bans", summary="Spam bans (I-9). Bans are for genuine spam only.")
def list_bans(ctx: CtxDep, page: PageDep, active: bool = True) -> Any:
    with ctx.uow(readonly=True) as s:
        query = select(SpamBan)
        if active:
            query = query.where(SpamBan.lifted_at.is_(None))
        rows, total = paginate(
            s, query, page, sortable={"created_at": SpamBan.created_at},
            default_sort="-created_at", id_column=SpamBan.id,
        )  # fmt: skip
        return {**page_of(rows, total, page, BanRead), "notice": _notice(s)}


@router.post(
    "/bans",
    status_code=status.HTTP_201_CREATED,
    summary="Ban a sender address or domain (I-9, admin). Only for genuine spam.",
)
def create_ban(ctx: CtxDep, body: BanCreate) -> Any:
    with ctx.uow() as s:
        ban = bans.ban_sender(s, ctx.user, body.value, body.reason, ctx.now())
        return _with_notice(s, ban)


@router.delete("/bans/{ban_id}", summary="Lift a spam ban (I-9, admin)")
def lift_ban(ctx: CtxDep, ban_id: int) -> Any:
    with ctx.uow() as s:
        return _with_notice(s, bans.lift_ban(s, ctx.user, ban_id, ctx.now()))
