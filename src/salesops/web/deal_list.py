"""The deal list (issue 17 item 3): opportunities with sortable columns, saved views, CSV
export of what the list shows and bulk actions — reassign (U-2 / M-3: each deal with its
account and the account's open work, through ``flows.ownership`` as one deal's page
does), move to a stage (``stages.move_stage``: the same exit-criteria check as the board)
and close lost with a loss reason (Q-8). Each deal is its own transaction; the refused
ones are named with the reason."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select

from salesops.accounts.models import Account
from salesops.core.errors import DomainError, ValidationFailed
from salesops.opportunities import service as opps
from salesops.opportunities import stages
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.users import saved_views
from salesops.users.models import User
from salesops.web import lists
from salesops.web.common import Csrf, WebCtx, flash, page_number, paged, pop_flash, redirect, render
from salesops.web.forms import int_or_none

router = APIRouter(include_in_schema=False)

SORTS = {
    "name": Opportunity.name,
    "stage": Opportunity.stage,
    "owner": Opportunity.owner_id,
    "amount": Opportunity.amount,
    "close": Opportunity.close_date,
    "updated": Opportunity.updated_at,
}
STATUSES = {"open": False, "closed": True, "all": None}
HEADER = ["id", "name", "account", "owner", "pipeline", "stage", "amount", "close_date",
          "forecast_category", "next_step_date", "updated_at"]  # fmt: skip


def _query(ctx: Any, q: str, mine: str, status: str, stage: str) -> Any:
    query = opps.opportunities_query(
        owner_id=ctx.user.id if mine else None,
        stage=stage or None,
        is_closed=STATUSES.get(status, False),
    )
    if q.strip():
        term = q.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        # the global search's trigram index (0003_search) is on lower(name || ' ' || stage)
        text = func.lower(Opportunity.name + " " + Opportunity.stage)
        query = query.where(text.like(f"%{term}%", escape="\\"))
    return query


@router.get("/opportunities", response_class=HTMLResponse)
def deal_list(
    ctx: WebCtx, q: str = "", mine: str = "", status: str = "open", stage: str = "",
    page: str = "1", sort: str = "", dir: str = "", format: str = "",
) -> Response:  # fmt: skip
    """Deals, sortable, with saved views, CSV export and bulk actions (issue 17 item 3)."""
    status = status if status in STATUSES else "open"
    order, sort, dir = lists.order(sort, dir or ("desc" if not sort else "asc"), SORTS, "updated")
    with ctx.uow(readonly=True) as s:
        pb = playbook_of(s)
        # ties by id in the same direction: the sorted column's index gives the page
        tiebreak = Opportunity.id.desc() if dir == "desc" else Opportunity.id.asc()
        query = _query(ctx, q, mine, status, stage).order_by(*order, tiebreak)
        names = {u.id: u.name for u in s.scalars(select(User))}
        if format == "csv":
            deals = list(s.scalars(query.limit(lists.EXPORT_LIMIT)))
            accounts = _account_names(s, deals)
            return lists.csv_response(
                "deals.csv",
                HEADER,
                (
                    [
                        o.id,
                        o.name,
                        accounts.get(o.account_id, ""),
                        names.get(o.owner_id, ""),
                        o.pipeline,
                        o.stage,
                        o.amount,
                        o.close_date,
                        o.forecast_category,
                        o.next_step_date,
                        o.updated_at.isoformat(),
                    ]
                    for o in deals
                ),  # fmt: skip
            )
        rows = paged(s, query, page_number(page))
        accounts = _account_names(s, rows.items)
        people = [
            u for u in s.scalars(select(User).where(User.active.is_(True))) if u.role != "viewer"
        ]
        stage_names = list(
            dict.fromkeys(st.name for p in pb.opportunities.pipelines.values() for st in p)
        )
        reasons = [r.name for r in pb.opportunities.loss_reasons]
    filters = {k: v for k, v in {"q": q, "mine": mine, "status": status, "stage": stage}.items()}
    filters = {k: v for k, v in filters.items() if v and not (k == "status" and v == "open")}
    return render(
        ctx.request, "opportunities/list.html", ctx=ctx, rows=rows, names=names,
        accounts=accounts, q=q, mine=mine, status=status, stage=stage, filters=filters,
        params={**filters, **({"sort": sort, "dir": dir} if sort else {})}, sort=sort, dir=dir,
        people=people, stages=stage_names, reasons=reasons, flash=pop_flash(ctx.request),
        **lists.views_context(ctx, "deals"),
    )  # fmt: skip


def _account_names(s: Any, deals: list[Opportunity]) -> dict[int, str]:
    ids = sorted({o.account_id for o in deals})
    if not ids:
        return {}
    return dict(s.execute(select(Account.id, Account.name).where(Account.id.in_(ids))).all())


def _lost_stage(pb: Any, pipeline: str) -> str:
    for st in pb.opportunities.pipelines.get(pipeline, []):
        if st.lost:
            return str(st.name)
    raise ValidationFailed(f"the {pipeline} pipeline has no lost stage", field="stage")


@router.post("/opportunities/bulk", dependencies=[Csrf])
async def bulk_deals(request: Request, ctx: WebCtx) -> Response:
    """Reassign (U-2 / M-3), move to a stage (Q-4 exit criteria) or close lost with a
    reason (Q-5 / Q-8) the ticked deals; the refused ones are named with why."""
    form = await request.form()
    back = "/opportunities?" + saved_views.clean_query(str(form.get("query") or ""))
    action = str(form.get("action") or "")
    target = str(form.get("stage") or "")
    reason = str(form.get("loss_reason") or "")
    detail = str(form.get("loss_detail") or "").strip() or None
    waiting_for = str(form.get("waiting_for") or "").strip() or None  # Q-8's follow-up
    try:
        ids = lists.ids_of(form)
        owner_id = int_or_none(form.get("owner_id"), "owner_id")
        if action not in ("reassign", "stage", "lost"):
            raise ValidationFailed("Choose what to do with the ticked deals", field="action")
        if action == "reassign" and owner_id is None:
            raise ValidationFailed("Choose who gets the deals", field="owner_id")
        if action == "stage" and not target:
            raise ValidationFailed("Choose the stage to move the deals to", field="stage")
        if action == "lost" and not reason:
            raise ValidationFailed("Choose a loss reason", field="loss_reason", rule="Q-8")
    except DomainError as exc:
        flash(ctx.request, exc.detail + ".")
        return redirect(back)
    if action == "reassign":
        why = str(form.get("why") or "")
        return lists.bulk_reassign(ctx, "opportunity", ids, owner_id, why, back)
    done, refused = 0, []
    for opp_id in ids:
        try:
            with ctx.uow() as s:
                opp = opps.get_opportunity(s, opp_id)
                to = _lost_stage(playbook_of(s), opp.pipeline) if action == "lost" else target
                if opp.stage != to:
                    stages.move_stage(
                        s, ctx.user, opp, to, ctx.now(),
                        loss_reason=reason if action == "lost" else None,
                        loss_detail=detail if action == "lost" else None,
                        waiting_for=waiting_for if action == "lost" else None,
                    )  # fmt: skip
            done += 1
        except DomainError as exc:
            refused.append(f"deal {opp_id}: {exc.detail}")
    verb = f"closed lost ({reason})" if action == "lost" else f"moved to {target}"
    flash(ctx.request, lists.report(done, "deal", verb, refused))
    return redirect(back)
