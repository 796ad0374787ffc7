"""Global search as a page (``/search``, the '/' key focuses the box in the top bar) and
as JSON (``GET /api/v1/search``), issue 17 item 2. Both call ``reports.search.search``
(FTS5 on SQLite, trigram indexes on PostgreSQL)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from salesops.reports.search import KINDS, search
from salesops.users.http import CtxDep
from salesops.web.common import WebCtx, render

router = APIRouter()

LABELS = {
    "account": "Accounts",
    "contact": "Contacts",
    "task": "Tasks",
    "opportunity": "Opportunities",
}


class SearchHit(BaseModel):
    kind: str
    id: int
    title: str
    detail: str
    url: str


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(ctx: WebCtx, q: str = "", kind: str = "") -> Response:
    kinds = (kind,) if kind in KINDS else KINDS
    with ctx.uow(readonly=True) as s:
        hits = search(s, q, kinds=kinds, per_kind=25 if kind else 10) if q.strip() else []
    groups = [(k, LABELS[k], [h for h in hits if h.kind == k]) for k in KINDS]
    return render(
        ctx.request,
        "search.html",
        ctx=ctx,
        q=q,
        kind=kind,
        groups=[g for g in groups if g[2]],
        total=len(hits),
        search_q=q,
    )


@router.get(
    "/api/v1/search",
    response_model=list[SearchHit],
    tags=["search"],
    summary="Find accounts, contacts, tasks and opportunities (issue 17 item 2)",
)
def search_api(
    ctx: CtxDep,
    q: str = Query(min_length=1, max_length=200),
    kind: list[str] = Query(default=[]),
    limit: int = Query(default=10, ge=1, le=50, description="hits per kind"),
) -> Any:
    kinds = tuple(k for k in kind if k in KINDS) or KINDS
    with ctx.uow(readonly=True) as s:
        return [h.__dict__ for h in search(s, q, kinds=kinds, per_kind=limit)]
