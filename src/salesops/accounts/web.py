"""Accounts as HTML: a searchable list and the account page (O-1, O-2, A-1, A-4)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.accounts import service as accounts
from salesops.accounts.models import Account, Contact, MrrChange
from salesops.activities.conversations import parallel_conversation_warning
from salesops.activities.models import Activity
from salesops.activities.service import timeline_query
from salesops.core.errors import DomainError, ValidationFailed
from salesops.core.limits import money_value
from salesops.flows import records
from salesops.opportunities.models import Opportunity
from salesops.tasks.models import Task
from salesops.users.models import User
from salesops.web import lists
from salesops.web.common import (
    Csrf,
    WebCtx,
    flash,
    page_number,
    paged,
    pop_flash,
    redirect,
    render,
)

router = APIRouter(include_in_schema=False)


SORTS = {
    "name": Account.name,
    "domain": Account.domain,
    "owner": Account.owner_id,
    "territory": Account.territory,
    "status": Account.customer_status,
    "icp": Account.icp_score,
    "updated": Account.updated_at,
}


@router.get("/accounts", response_class=HTMLResponse)
def account_list(
    ctx: WebCtx,
    q: str = "",
    mine: str = "",
    page: str = "1",
    sort: str = "",
    dir: str = "",
    format: str = "",
) -> Response:
    """O-1: accounts, sortable, with saved views, CSV export and bulk reassign (issue 17)."""
    order, sort, dir = lists.order(sort, dir or ("desc" if not sort else "asc"), SORTS, "updated")
    with ctx.uow(readonly=True) as s:
        query = accounts.accounts_query(q=q or None, owner_id=ctx.user.id if mine else None)
        query = query.order_by(*order, Account.id.desc())
        names = {u.id: u.name for u in s.scalars(select(User))}
        if format == "csv":
            rows_all = s.scalars(query.limit(lists.EXPORT_LIMIT))
            return lists.csv_response(
                "accounts.csv",
                [
                    "id",
                    "name",
                    "domain",
                    "owner",
                    "territory",
                    "status",
                    "icp_score",
                    "industry",
                    "employees",
                    "country",
                    "updated_at",
                ],
                (
                    [
                        a.id,
                        a.name,
                        a.domain,
                        names.get(a.owner_id, ""),
                        a.territory,
                        a.customer_status,
                        a.icp_score,
                        a.industry,
                        a.employee_count,
                        a.country,
                        a.updated_at.isoformat(),
                    ]
                    for a in rows_all
                ),
            )
        rows = paged(s, query, page_number(page))
        people = [
            u for u in s.scalars(select(User).where(User.active.is_(True))) if u.role != "viewer"
        ]
    params = {k: v for k, v in {"q": q, "mine": mine, "sort": sort, "dir": dir}.items() if v}
    return render(
        ctx.request,
        "accounts/list.html",
        ctx=ctx,
        rows=rows,
        names=names,
        q=q,
        mine=mine,
        params=params,
        filters={k: v for k, v in {"q": q, "mine": mine}.items() if v},
        sort=sort,
        dir=dir,
        people=people,
        flash=pop_flash(ctx.request),
        **lists.views_context(ctx, "accounts"),
    )


@router.get("/accounts/{account_id}", response_class=HTMLResponse)
def account_page(
    ctx: WebCtx,
    account_id: int,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    now = ctx.now()
    with ctx.uow(readonly=True) as s:
        account = accounts.get_account(s, account_id)
        contacts = list(
            s.scalars(
                select(Contact)
                .where(Contact.account_id == account.id)
                .order_by(Contact.id)
                .limit(100)
            )
        )
        task_rows = list(
            s.scalars(
                select(Task)
                .where(Task.account_id == account.id)
                .order_by(Task.created_at.desc())
                .limit(100)
            )
        )
        opps = list(
            s.scalars(
                select(Opportunity)
                .where(Opportunity.account_id == account.id)
                .order_by(Opportunity.created_at.desc())
                .limit(100)
            )
        )
        timeline = list(
            s.scalars(
                timeline_query(account.id)
                .order_by(Activity.occurred_at.desc(), Activity.id.desc())
                .limit(100)
            )
        )
        warning = parallel_conversation_warning(s, account.id, ctx.user.id, now)
        names = {u.id: u.name for u in s.scalars(select(User))}
        mrr_history = list(
            s.scalars(
                select(MrrChange)
                .where(MrrChange.account_id == account.id)
                .order_by(MrrChange.effective_on.desc(), MrrChange.id.desc())
                .limit(24)
            )
        )
    return render(
        ctx.request,
        "accounts/account.html",
        ctx=ctx,
        account=account,
        contacts=contacts,
        tasks=task_rows,
        opps=opps,
        timeline=timeline,
        warning=warning,
        names=names,
        now=now,
        mrr_history=mrr_history,
        flash=pop_flash(ctx.request),
        errors=errors or {},
        status_code=status_code,
    )


@router.post("/accounts/{account_id}/mrr", dependencies=[Csrf])
async def change_mrr(request: Request, ctx: WebCtx, account_id: int) -> Response:
    """O-1 / V-6: a new MRR and the day it took effect (kept in the MRR history)."""
    form = await request.form()
    try:
        mrr = money_value(form.get("mrr"), "MRR", field="mrr")  # issue 16 item 6
        if mrr is None:
            raise ValidationFailed("MRR must be a number", field="mrr")
        day = str(form.get("mrr_effective_on") or "").strip()
        try:
            effective = date.fromisoformat(day) if day else None
        except ValueError:
            raise ValidationFailed(
                "the date must be YYYY-MM-DD", field="mrr_effective_on"
            ) from None
        changes: dict[str, Any] = {"mrr": mrr}
        if effective is not None:
            changes["mrr_effective_on"] = effective
        with ctx.uow() as s:
            account = accounts.get_account(s, account_id)
            records.update_account(s, ctx.user, account, changes, ctx.now())
    except DomainError as exc:
        return account_page(ctx, account_id, errors={"mrr": exc.detail}, status_code=exc.status)
    flash(ctx.request, "MRR saved.")
    return redirect(f"/accounts/{account_id}")
