"""Health and the decision log (O-8) over HTTP."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import text

from salesops import __version__
from salesops.core.audit import Decision, decisions_query
from salesops.core.http import PageDep, ReadModel, page_of, paginate
from salesops.users.http import CtxDep, runtime

router = APIRouter(tags=["system"])


class DecisionRead(ReadModel):
    id: int
    at: datetime
    kind: str
    subject_type: str
    subject_id: int
    inputs: dict[str, Any]
    rule_ids: list[str]
    reason: str
    outcome: dict[str, Any]
    playbook_version: int | None
    actor_id: int | None
    owner_id: int | None
    territory: str | None


@router.get("/health", summary="Liveness and the database backend (no auth)")
def health(request: Request) -> dict[str, Any]:
    rt = runtime(request)
    with rt.uow(readonly=True) as s:
        s.execute(text("SELECT 1"))
        version = s.info.get("playbook_version")
    return {
        "status": "ok",
        "version": __version__,
        "database": rt.db.backend,
        "playbook_version": version,
    }


@router.get("/decisions", tags=["decisions"], summary="Decision records (O-8), newest first")
def list_decisions(
    ctx: CtxDep,
    page: PageDep,
    subject_type: Annotated[str | None, Query(description="task, account, contact, …")] = None,
    subject_id: int | None = None,
    kind: str | None = None,
    rule: Annotated[str | None, Query(description="a spec rule ID, e.g. R-3")] = None,
    owner_id: int | None = None,
    territory: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Any:
    with ctx.uow(readonly=True) as s:
        q = decisions_query(
            s,
            subject_type=subject_type,
            subject_id=subject_id,
            kind=kind,
            rule=rule,
            owner_id=owner_id,
            territory=territory,
            since=since,
            until=until,
        )
        rows, total = paginate(
            s,
            q,
            page,
            sortable={"at": Decision.at, "id": Decision.id},
            default_sort="-id",
            id_column=Decision.id,
        )
        return page_of(rows, total, page, DecisionRead)
