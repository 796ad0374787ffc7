"""What every list shares (issue 17 item 3): sortable columns, saved views (per user,
shareable), CSV export of what the list shows, and bulk actions on the tasks of the
queue (reassign, status, disqualify with a reason) and on accounts (reassign); the deal
list's (``web.deal_list``) reuse them.

Bulk actions loop over the same service calls as one task's page, each task in its own
transaction, and say which ones were refused and why.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import asc, desc

from salesops.core.errors import DomainError, ValidationFailed
from salesops.users import saved_views
from salesops.users.http import Ctx
from salesops.web.common import Csrf, WebCtx, flash, redirect

router = APIRouter(include_in_schema=False)

EXPORT_LIMIT = 10_000
BACK = {
    "queue": "/app",
    "accounts": "/accounts",
    "contacts": "/contacts",
    "deals": "/opportunities",
}


def order(
    sort: str, direction: str, columns: dict[str, Any], default: str
) -> tuple[list[Any], str, str]:
    """``ORDER BY`` for a whitelisted column (then the id, for a stable order)."""
    key = sort if sort in columns else default
    direction = "desc" if direction == "desc" else "asc"
    column = columns[key]
    fn = desc if direction == "desc" else asc
    return [fn(column)], key, direction


def csv_response(filename: str, header: list[str], rows: Iterable[list[Any]]) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _safe(v) for v in row])
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


def _safe(value: Any) -> str:
    """No spreadsheet formulas from user data (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def views_context(ctx: Ctx, list_name: str) -> dict[str, Any]:
    with ctx.uow(readonly=True) as s:
        views = saved_views.views_for(s, ctx.user, list_name)
    query = saved_views.clean_query(ctx.request.url.query)
    return {"views": views, "view_list": list_name, "view_query": query}


@router.post("/views", dependencies=[Csrf])
async def save_view(request: Request, ctx: WebCtx) -> Response:
    form = await request.form()
    list_name = str(form.get("list_name") or "")
    back = BACK.get(list_name, "/app")
    query = str(form.get("query") or "")
    try:
        with ctx.uow() as s:
            saved_views.save_view(
                s,
                ctx.user,
                list_name,
                str(form.get("name") or ""),
                query,
                bool(form.get("shared")),
                ctx.now(),
            )
    except DomainError as exc:
        flash(ctx.request, f"View not saved: {exc.detail}.")
        return redirect(f"{back}?{saved_views.clean_query(query)}")
    flash(ctx.request, "View saved" + (" and shared with everyone." if form.get("shared") else "."))
    return redirect(f"{back}?{saved_views.clean_query(query)}")


@router.post("/views/{view_id}/delete", dependencies=[Csrf])
def delete_view(ctx: WebCtx, view_id: int) -> Response:
    try:
        with ctx.uow() as s:
            view = saved_views.delete_view(s, ctx.user, view_id)
            back = BACK.get(view.list_name, "/app")
    except DomainError as exc:
        flash(ctx.request, f"View not deleted: {exc.detail}.")
        return redirect("/app")
    flash(ctx.request, "View deleted.")
    return redirect(back)


def ids_of(form: Any) -> list[int]:
    ids = []
    for value in form.getlist("ids"):
        try:
            ids.append(int(value))
        except ValueError:
            continue
    if not ids:
        raise ValidationFailed("Tick at least one row first", field="ids")
    return ids[:500]


def report(done: int, noun: str, verb: str, refused: list[str]) -> str:
    message = f"{done} {noun}{'' if done == 1 else 's'} {verb}."
    if refused:
        message += f" {len(refused)} refused: " + "; ".join(refused[:5])
        message += "…" if len(refused) > 5 else "."
    return message


@router.post("/tasks/bulk", dependencies=[Csrf])
async def bulk_tasks(request: Request, ctx: WebCtx) -> Response:
    """Reassign (U-2: admins), mark Working (L-1) or disqualify with a reason (D-1 … D-3)."""
    from salesops.tasks import lifecycle
    from salesops.tasks import service as tasks
    from salesops.users import service as users
    from salesops.web.forms import int_or_none

    form = await request.form()
    back = "/app?" + saved_views.clean_query(str(form.get("query") or ""))
    action = str(form.get("action") or "")
    try:
        ids = ids_of(form)
        owner_id = int_or_none(form.get("owner_id"), "owner_id")
        reason = str(form.get("reason") or "")
        notes = str(form.get("notes") or "").strip() or None
        if action == "disqualify" and not reason:
            raise ValidationFailed("Choose a disqualification reason", field="reason", rule="D-1")
        if action == "reassign" and owner_id is None:
            raise ValidationFailed("Choose who gets the tasks", field="owner_id")
        if action not in ("reassign", "working", "disqualify"):
            raise ValidationFailed("Choose what to do with the ticked tasks", field="action")
    except DomainError as exc:
        flash(ctx.request, exc.detail + ".")
        return redirect(back)
    if action == "reassign":
        return bulk_reassign(ctx, "task", ids, owner_id, str(form.get("why") or ""), back)
    done, refused = 0, []
    for task_id in ids:
        try:
            with ctx.uow() as s:
                task = tasks.get_task(s, task_id)
                if action == "working":
                    if task.status not in ("New", "Nurturing", "Working"):
                        raise ValidationFailed(
                            f"it is {task.status}; reopen it on its page", field="status"
                        )
                    tasks.update_task(s, ctx.user, task, {"status": "Working"}, ctx.now())
                else:
                    users.require_can_edit_owned(ctx.user, task.owner_id)
                    lifecycle.disqualify(
                        s, task, reason, now=ctx.now(), notes=notes, actor=ctx.user, picked=True
                    )
            done += 1
        except DomainError as exc:
            refused.append(f"task {task_id}: {exc.detail}")
    verb = {"working": "marked Working", "disqualify": "disqualified"}
    flash(ctx.request, report(done, "task", verb[action], refused))
    return redirect(back)


def bulk_reassign(
    ctx: Ctx, kind: str, ids: list[int], owner_id: int | None, why: str, back: str
) -> Response:
    """M-3 and U-2 for ticked tasks, deals or accounts: each goes with its account and
    the account's other open tasks and deals (one account, one owner), through the
    single reassignment's flow — at once for an admin, as a request an admin approves for
    a salesperson. A record an earlier row already moved (same account) is not asked
    twice."""
    from salesops.flows import ownership

    where = {"account": "accounts list", "opportunity": "deal list"}.get(kind, "queue")
    why = why.strip() or f"bulk reassignment from the {where}"
    moved: set[tuple[str, int]] = set()
    done, asked, refused = 0, 0, []
    for record_id in ids:
        if (kind, record_id) in moved:
            done += 1
            continue
        try:
            with ctx.uow() as s:
                plan, request = ownership.reassign(
                    s, ctx.user, kind, record_id, owner_id, why=why, now=ctx.now(),
                    whole_account=kind != "account",
                )  # fmt: skip
            if request is not None:
                asked += 1
                continue
            done += 1
            moved |= {("task", i) for i in plan.tasks} | {("opportunity", i) for i in plan.deals}
            moved |= {("account", plan.account_id)} if plan.with_account else set()
        except DomainError as exc:
            refused.append(f"{ownership.NOUN.get(kind, kind)} {record_id}: {exc.detail}")
    message = report(done, ownership.NOUN.get(kind, kind), "reassigned", refused)
    if done:
        message += (
            " Their open tasks and deals went along (M-3)."
            if kind == "account"
            else " Each took its account and the account's open tasks and deals along (M-3)."
        )
    if asked:
        message += f" {asked} sent to an admin for approval (U-2)."
    flash(ctx.request, message)
    return redirect(back)


@router.post("/accounts/bulk", dependencies=[Csrf])
async def bulk_accounts(request: Request, ctx: WebCtx) -> Response:
    """Reassign accounts (U-2: admins; S-4 through ``flows.records``)."""
    from salesops.accounts.service import get_account
    from salesops.flows import records
    from salesops.web.forms import int_or_none

    form = await request.form()
    back = "/accounts?" + saved_views.clean_query(str(form.get("query") or ""))
    try:
        ids = ids_of(form)
        owner_id = int_or_none(form.get("owner_id"), "owner_id")
    except DomainError as exc:
        flash(ctx.request, exc.detail + ".")
        return redirect(back)
    if owner_id is not None:  # M-3: each account with its open tasks and deals
        return bulk_reassign(ctx, "account", ids, owner_id, str(form.get("why") or ""), back)
    done, refused = 0, []
    for account_id in ids:  # unassigned: the accounts only (their work keeps its owners)
        try:
            with ctx.uow() as s:
                account = get_account(s, account_id)
                if account.owner_id != owner_id:
                    records.update_account(s, ctx.user, account, {"owner_id": owner_id}, ctx.now())
            done += 1
        except DomainError as exc:
            refused.append(f"account {account_id}: {exc.detail}")
    flash(ctx.request, report(done, "account", "reassigned", refused))
    return redirect(back)
