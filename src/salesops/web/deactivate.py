"""The R-7 deactivation pages (issue 16 item 3, issue 17): the preview of who gets a
leaving user's work — a stored plan, planned by a background job when it is large — the
confirmation, which hands the work on as a background job, and its progress and outcome.
Admins only (U-2); each action calls ``flows.deactivation_store``, and the page runs
the jobs it queued (``flows.deactivation_jobs.run_jobs``) right after its answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form
from fastapi.responses import HTMLResponse, Response

from salesops.core.errors import DomainError
from salesops.flows import deactivation_jobs, deactivation_store
from salesops.users import service as users
from salesops.web.admin import _users_page
from salesops.web.common import (
    Csrf,
    PageOf,
    WebCtx,
    page_number,
    pop_flash,
    pop_refused,
    redirect,
    refused,
    render,
)

router = APIRouter(include_in_schema=False)

DEACTIVATE_PAGE = 25  # accounts (with their records) per page of the R-7 preview


@router.get("/admin/users/{user_id}/deactivate", response_class=HTMLResponse)
def deactivate_page(
    ctx: WebCtx, background: BackgroundTasks, user_id: int, page: str = "1", plan: str = "",
    retry: str = "",
) -> Response:  # fmt: skip
    """R-7: who would get the user's open work — the stored plan (planned by a job when it
    is large: the page shows that it is planning), counts per new owner, then the records
    of one page of accounts; the admin confirms. After the confirmation: the hand-over's
    progress and outcome (issue 17)."""
    number = page_number(page)
    errors, _ = pop_refused(ctx.request)  # after a refusal the plan is checked again
    plan_id = int(plan) if plan.isdigit() else None
    try:
        with ctx.uow() as s:  # a plan is stored (or its job queued)
            target = users.get_user(s, user_id)
            view = deactivation_store.preview(
                s, ctx.user, target, ctx.now(), offset=(number - 1) * DEACTIVATE_PAGE,
                limit=DEACTIVATE_PAGE, plan_id=plan_id, retry=bool(retry),
                recheck=bool(errors),
            )  # fmt: skip
    except DomainError as exc:
        return _users_page(ctx, status_code=exc.status, errors={str(user_id): exc.detail})
    if view.run_jobs:
        background.add_task(deactivation_jobs.run_jobs, ctx.rt)
    rows = PageOf(items=view.moves, total=view.accounts_total, number=number, size=DEACTIVATE_PAGE)
    return render(
        ctx.request, "admin/deactivate.html", ctx=ctx, plan=view, moves=view.moves, rows=rows,
        error=errors.get("deactivate"), flash=pop_flash(ctx.request),
    )  # fmt: skip


@router.post("/admin/users/{user_id}/deactivate", dependencies=[Csrf])
def deactivate_user(
    ctx: WebCtx, background: BackgroundTasks, user_id: int, digest: Annotated[str, Form()]
) -> Response:
    """The admin confirms the preview: the hand-over runs as a background job (its
    progress on the preview's page); a changed plan is refused ("preview again")."""
    try:
        with ctx.uow() as s:
            target = users.get_user(s, user_id)
            deactivation_store.confirm(s, ctx.user, target, ctx.now(), digest=digest)
    except DomainError as exc:  # back to the preview, the refusal on it (PRG)
        return refused(
            ctx.request, f"/admin/users/{user_id}/deactivate", {"deactivate": exc.detail}
        )
    background.add_task(deactivation_jobs.run_jobs, ctx.rt)
    return redirect(f"/admin/users/{user_id}/deactivate")


@router.post("/admin/users/{user_id}/deactivate/resume", dependencies=[Csrf])
def resume_deactivation(ctx: WebCtx, background: BackgroundTasks, user_id: int) -> Response:
    """A hand-over that stopped (the user already deactivated): go on where it stopped."""
    try:
        with ctx.uow() as s:
            deactivation_store.resume(s, ctx.user, users.get_user(s, user_id), ctx.now())
    except DomainError as exc:
        return refused(
            ctx.request, f"/admin/users/{user_id}/deactivate", {"deactivate": exc.detail}
        )
    background.add_task(deactivation_jobs.run_jobs, ctx.rt)
    return redirect(f"/admin/users/{user_id}/deactivate")
