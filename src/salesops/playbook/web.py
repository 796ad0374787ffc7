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
from salesops.flows.playbook_change import LiveDataConflict, activate_checked, preview_change
from salesops.flows.playbook_impact import impact
from salesops.playbook import service
from salesops.playbook.loader import load_playbook_text
from salesops.playbook.models import PlaybookVersion
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


def _mapping(fields: list[str], olds: list[str], news: list[str]) -> dict[str, dict[str, str]]:
    """The editor's old → new choices (P-2); an empty choice maps nothing."""
    out: dict[str, dict[str, str]] = {}
    for key, old, new in zip(fields, olds, news, strict=False):
        if new.strip():
            out.setdefault(key, {})[old] = new.strip()
    return out


@router.post("/admin/playbook/edit", dependencies=[Csrf])
def review_or_save(
    ctx: WebCtx,
    text: Annotated[str, Form()],
    action: Annotated[str, Form()] = "review",
    base_version: Annotated[int, Form()] = 0,
    map_field: Annotated[list[str] | None, Form()] = None,
    map_old: Annotated[list[str] | None, Form()] = None,
    map_new: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Review: validate, show the diff, the records the edit affects (P-2) and its impact
    on the last 90 days of leads (R-8). Save: activate as the next version, the chosen
    old → new values applied to the records in the same transaction."""
    users.require_role(ctx.user, "admin")
    text = text.replace("\r\n", "\n")
    mapping = _mapping(map_field or [], map_old or [], map_new or [])
    with ctx.uow(readonly=True) as s:
        latest = service.latest(s)
    before = latest.content if latest else ""
    diff = _diff_lines(before, text, latest.version if latest else 0)
    live: dict[str, Any] | None = None
    try:
        load_playbook_text(text, source="your edit")
        with ctx.uow(readonly=True) as s:
            live = preview_change(s, text, mapping).as_dict()
        if action == "save":
            if latest is not None and latest.version != base_version:
                raise Conflict(
                    f"the playbook changed to v{latest.version} while you were editing; "
                    "review the diff again",
                    field="base_version",
                    rule="P-2",
                )
            with ctx.uow() as s:
                row, checked = activate_checked(
                    s, text, source="web", actor=ctx.user.email, now=ctx.now(),
                    mapping=mapping, actor_id=ctx.user.id,
                )  # fmt: skip
                number = row.version
            ctx.rt.playbooks.invalidate()
            moved = "".join(
                f" Moved {a.count} {a.records} from {a.value!r} to {a.maps_to!r}."
                for a in checked.affected
            )
            flash(ctx.request, f"Playbook v{number} is active; new decisions use it.{moved}")
            return redirect("/admin/playbook")
        with ctx.uow(readonly=True) as s:
            report = impact(s, text, now=ctx.now(), days=90, source="your edit")
    except DomainError as exc:
        problems = getattr(exc, "problems", None) or [{"message": exc.detail}]
        if isinstance(exc, LiveDataConflict):
            problems = [{"message": p} for p in (exc.extra or {}).get("problems", [])]
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
            live=live,
            mapping=mapping,
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
        live=live,
        mapping=mapping,
        impact=report,
    )
