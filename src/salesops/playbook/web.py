"""The playbook as HTML: view, edit with validation and a diff before saving (P-1, P-2).

Saving calls ``playbook.service.activate`` (the same as ``salesops playbook load``),
then re-syncs the territory rows (R-4) exactly as the CLI does.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.core.errors import Conflict, DomainError
from salesops.playbook import service
from salesops.playbook.loader import load_playbook_text
from salesops.playbook.models import PlaybookVersion
from salesops.playbook.runtime import playbook_of
from salesops.routing.territories import sync_territories
from salesops.users import service as users
from salesops.users.http import Ctx
from salesops.web.common import Csrf, WebCtx, flash, pop_flash, redirect, render

router = APIRouter(include_in_schema=False)


def _page(
    ctx: Ctx, *, status_code: int = 200, version: int | None = None, **extra: Any
) -> Response:
    with ctx.uow(readonly=True) as s:
        latest = service.latest(s)
        shown = service.get_version(s, version) if version else latest
        versions = list(
            s.scalars(select(PlaybookVersion).order_by(PlaybookVersion.version.desc()).limit(50))
        )
    return render(
        ctx.request,
        "playbook/playbook.html",
        ctx=ctx,
        status_code=status_code,
        latest=latest,
        shown=shown,
        versions=versions,
        flash=pop_flash(ctx.request),
        **extra,
    )


@router.get("/admin/playbook", response_class=HTMLResponse)
def playbook_page(ctx: WebCtx, version: int | None = None) -> Response:
    return _page(ctx, version=version)


@router.get("/admin/playbook/edit", response_class=HTMLResponse)
def edit_page(ctx: WebCtx) -> Response:
    users.require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        latest = service.latest(s)
    return render(
        ctx.request,
        "playbook/edit.html",
        ctx=ctx,
        text=latest.content if latest else "",
        latest=latest,
        diff=None,
        problems=None,
    )


def _diff_lines(before: str, after: str, before_v: int) -> list[str]:
    return list(
        difflib.unified_diff(
            before.splitlines(),
            after.splitlines(),
            f"playbook v{before_v}",
            "your edit",
            lineterm="",
        )
    )


@router.post("/admin/playbook/edit", dependencies=[Csrf])
def review_or_save(
    ctx: WebCtx,
    text: Annotated[str, Form()],
    action: Annotated[str, Form()] = "review",
    base_version: Annotated[int, Form()] = 0,
) -> Response:
    """Review: validate and show the diff. Save: activate as the next version (P-2)."""
    users.require_role(ctx.user, "admin")
    text = text.replace("\r\n", "\n")
    with ctx.uow(readonly=True) as s:
        latest = service.latest(s)
    before = latest.content if latest else ""
    diff = _diff_lines(before, text, latest.version if latest else 0)
    try:
        load_playbook_text(text, source="your edit")
        if action == "save":
            if latest is not None and latest.version != base_version:
                raise Conflict(
                    f"the playbook changed to v{latest.version} while you were editing; "
                    "review the diff again",
                    field="base_version",
                    rule="P-2",
                )
            with ctx.uow() as s:
                row = service.activate(s, text, source="web", actor=ctx.user.email, now=ctx.now())
                number = row.version
            ctx.rt.playbooks.invalidate()
            with ctx.uow() as s:
                sync_territories(s, playbook_of(s), ctx.now())
            flash(ctx.request, f"Playbook v{number} is active; new decisions use it.")
            return redirect("/admin/playbook")
    except DomainError as exc:
        problems = getattr(exc, "problems", None) or [{"message": exc.detail}]
        return render(
            ctx.request,
            "playbook/edit.html",
            ctx=ctx,
            status_code=exc.status,
            text=text,
            latest=latest,
            diff=diff,
            problems=problems,
            detail=exc.detail,
        )
    return render(
        ctx.request,
        "playbook/edit.html",
        ctx=ctx,
        text=text,
        latest=latest,
        diff=diff,
        problems=None,
        reviewed=True,
    )
