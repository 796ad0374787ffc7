"""The playbook over HTTP (P-1, P-2, R-8): versions, a checked activation, an impact preview.

Thin: each route calls one flow (``flows.playbook_change``, ``flows.playbook_impact``),
the same ones the CLI and the editor call.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from salesops.core.errors import NotFound
from salesops.core.http import PageDep, ReadModel, page_of, paginate
from salesops.core.limits import REPLAY_MAX_DAYS
from salesops.flows.playbook_change import activate_checked, preview_change
from salesops.flows.playbook_impact import impact
from salesops.playbook import service
from salesops.playbook.models import PlaybookVersion
from salesops.users.http import CtxDep
from salesops.users.service import require_role

router = APIRouter(tags=["playbook"])

_MAPPING = (
    "old → new values for records whose value the new text drops: "
    '{"stage": {"Problem Agreement": "Problem Agreed"}}; fields: stage, record_type, '
    "opportunity_type, loss_reason, forecast_category, deal_lead_source, "
    "disqualification_reason, task_status, lead_source"
)


class _Body(BaseModel):
    # Not StrictModel: YAML text keeps its whitespace (the digest is of the exact text).
    model_config = ConfigDict(extra="forbid")


class PlaybookDraft(_Body):
    content: str = Field(min_length=1, max_length=1_000_000, description="playbook YAML")
    mapping: dict[str, dict[str, str]] = Field(default_factory=dict, description=_MAPPING)


class ImpactDraft(_Body):
    content: str = Field(min_length=1, max_length=1_000_000, description="draft playbook YAML")
    days: int = Field(
        default=90, ge=1, le=REPLAY_MAX_DAYS, description="replay leads of the last N days"
    )


class VersionRead(ReadModel):
    version: int
    digest: str
    source: str
    loaded_by: str | None
    loaded_at: datetime


class VersionDetail(VersionRead):
    content: str
    diff: str


@router.get("/playbook", response_model=VersionDetail, summary="The active playbook (P-1)")
def active(ctx: CtxDep) -> Any:
    with ctx.uow(readonly=True) as s:
        row = service.latest(s)
        if row is None:
            raise NotFound("no playbook is active yet; run `salesops db upgrade`", rule="P-1")
        return VersionDetail.model_validate(row)


@router.get("/playbook/versions", summary="Playbook versions, newest first (P-2)")
def versions(ctx: CtxDep, page: PageDep) -> Any:
    with ctx.uow(readonly=True) as s:
        rows, total = paginate(
            s,
            select(PlaybookVersion),
            page,
            sortable={"version": PlaybookVersion.version},
            default_sort="-version",
            id_column=PlaybookVersion.id,
        )
        return page_of(rows, total, page, VersionRead)


@router.get("/playbook/versions/{version}", response_model=VersionDetail)
def one_version(ctx: CtxDep, version: int) -> Any:
    with ctx.uow(readonly=True) as s:
        return VersionDetail.model_validate(service.get_version(s, version))


@router.post("/playbook/check", summary="Validate a playbook and check it against live records")
def check(ctx: CtxDep, body: PlaybookDraft) -> Any:
    """P-1 errors name the key and line (422); then the records whose value the text drops,
    counted and named, with each one's mapping (P-2). Changes nothing."""
    require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        return preview_change(s, body.content, body.mapping).as_dict()


@router.post(
    "/playbook/versions",
    status_code=status.HTTP_201_CREATED,
    summary="Activate a playbook (P-2): refused (409) when records would lose their value",
)
def activate(ctx: CtxDep, body: PlaybookDraft) -> Any:
    """A new version (audited: who, when, diff); the mapping moves records in the same
    transaction. Unmapped values records use: 409 naming them, nothing changed."""
    require_role(ctx.user, "admin")
    with ctx.uow() as s:
        row, checked = activate_checked(
            s,
            body.content,
            source="api",
            actor=ctx.user.email,
            now=ctx.now(),
            mapping=body.mapping,
            actor_id=ctx.user.id,
        )
        result = {
            **VersionDetail.model_validate(row).model_dump(mode="json"),
            "moved": [a.as_dict() for a in checked.affected],
        }
    ctx.rt.playbooks.invalidate()
    return result


@router.post("/playbook/impact", summary="What a draft would change over past leads (R-8)")
def impact_preview(ctx: CtxDep, body: ImpactDraft) -> Any:
    """Replays the last ``days`` of leads under the active playbook and the draft: leads and
    owners per territory, classifications, disqualifications, scores. Changes nothing."""
    require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        return impact(s, body.content, now=ctx.now(), days=body.days)
