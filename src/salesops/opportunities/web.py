"""The pipeline board and the opportunity page as HTML (Q-4 … Q-10).

Moves go through ``stages.move_stage`` (exit criteria, loss reasons, Q-7
renewals); a refused move is shown on its card with the missing criteria named. The
edit form's routes (every Q-3 field, contact roles) are in ``web/deals.py``.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import select

from salesops.accounts.models import Account, Contact
from salesops.core.errors import DomainError, ValidationFailed
from salesops.opportunities import board as board_figures
from salesops.opportunities import roles, rules, stages
from salesops.opportunities import service as opps
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.reports import deal_pages
from salesops.users.http import Ctx
from salesops.users.models import User
from salesops.web.common import (
    Csrf,
    WebCtx,
    flash,
    pop_flash,
    pop_refused,
    redirect,
    refused,
    render,
)

router = APIRouter(include_in_schema=False)

CLOSED_PER_COLUMN = 20
OPEN_PER_COLUMN = 25


def _board(ctx: Ctx, pipeline: str, mine: str, *, status_code: int = 200, **extra: Any) -> Response:
    today = ctx.now().date()
    with ctx.uow(readonly=True) as s:
        pb = playbook_of(s)
        pipelines = list(pb.opportunities.pipelines)
        if pipeline not in pipelines:
            pipeline = pipelines[0]
        stage_list = pb.opportunities.pipelines[pipeline]
        owner_id = ctx.user.id if mine else None
        totals = deal_pages.column_totals(s, pipeline, owner_id)  # the rollups when current
        columns = []
        for stage in stage_list:
            query = opps.opportunities_query(owner_id=owner_id, stage=stage.name).where(
                Opportunity.pipeline == pipeline
            )
            limit = CLOSED_PER_COLUMN if stage.closed else OPEN_PER_COLUMN
            order = Opportunity.closed_at.desc() if stage.closed else Opportunity.close_date.asc()
            cards = list(s.scalars(query.order_by(order, Opportunity.id.desc()).limit(limit)))
            columns.append((stage, [_card(pb, o, stage, today) for o in cards]))
        account_ids = {c["opp"].account_id for _, cards in columns for c in cards}
        accounts = (
            {a.id: a.name for a in s.scalars(select(Account).where(Account.id.in_(account_ids)))}
            if account_ids
            else {}
        )
        names = {u.id: u.name for u in s.scalars(select(User))}
    next_of = {a.name: b.name for a, b in zip(stage_list, stage_list[1:], strict=False)}
    return render(
        ctx.request,
        "opportunities/board.html",
        next_of=next_of,
        totals=totals,
        empty=board_figures.Totals(),
        ctx=ctx,
        status_code=status_code,
        pipelines=pipelines,
        pipeline=pipeline,
        columns=columns,
        accounts=accounts,
        names=names,
        mine=mine,
        flash=pop_flash(ctx.request),
        errors=extra.get("errors", {}),
        refused_to=extra.get("refused_to"),  # a refused move comes back to this board
    )


def _card(pb: Any, opp: Opportunity, stage: Any, today: date) -> dict[str, Any]:
    recorded = opp.exit_criteria or {}
    required = set(rules.required_criteria(pb, stage))
    criteria = [
        (c.key, c.label, c.key in required, recorded.get(c.key) is True)
        for c in stage.exit_criteria
    ]
    return {
        "opp": opp,
        "criteria": criteria,
        "done": sum(1 for c in criteria if c[3]),
        "flag": rules.next_step_flag(
            pb, opp.is_closed, opp.next_step or {}, opp.next_step_date, today
        ),
    }


@router.get("/pipeline", response_class=HTMLResponse)
def board(ctx: WebCtx, pipeline: str = "", mine: str = "") -> Response:
    """Opportunities by stage per pipeline, with exit criteria and Q-10 flags."""
    return _board(ctx, pipeline, mine)


@router.post("/opportunities/{opp_id}/stage", dependencies=[Csrf])
async def move(request: Request, ctx: WebCtx, opp_id: int) -> Response:
    """Q-4 / Q-5: move to a stage; refused moves name the missing criteria."""
    form = await request.form()
    target = str(form.get("stage") or "")
    back = str(form.get("back") or "")
    dragged = "application/json" in request.headers.get("accept", "")
    try:
        with ctx.uow() as s:
            opp = opps.get_opportunity(s, opp_id)
            pipeline = opp.pipeline
            start = str(form.get("contract_start") or "").strip()
            if start and opp.contract_start is None:
                # winning an Annual Plan with its contract start dates the renewal at
                # the contract's end (start + term), not 4 weeks after the win.
                opps.update_opportunity(
                    s, ctx.user, opp, {"contract_start": _date(start, "contract_start")}, ctx.now()
                )
            stages.move_stage(
                s,
                ctx.user,
                opp,
                target,
                ctx.now(),
                loss_reason=str(form.get("loss_reason") or "") or None,
                loss_detail=str(form.get("loss_detail") or "") or None,
                waiting_for=str(form.get("waiting_for") or "") or None,
            )
    except DomainError as exc:
        if dragged:  # the board's drag and drop: the card goes back, the words say why
            return _refused_drag(ctx, opp_id, target, exc)
        if back == "board":
            with ctx.uow(readonly=True) as s:
                pipeline = opps.get_opportunity(s, opp_id).pipeline
            return _board(
                ctx,
                pipeline,
                str(form.get("mine") or ""),
                status_code=exc.status,
                errors={str(opp_id): _in_words(ctx, opp_id, target, exc)},
                refused_to=f"/pipeline?pipeline={pipeline}"
                + ("&mine=1" if form.get("mine") else ""),
            )
        return refused(ctx.request, f"/opportunities/{opp_id}", {"stage": exc.detail})
    flash(ctx.request, f"Moved to {target}.")
    if dragged:
        return JSONResponse({"ok": True, "message": f"Moved to {target}."})
    if back == "board":
        mine = "&mine=1" if form.get("mine") else ""
        return redirect(f"/pipeline?pipeline={pipeline}{mine}#opp-{opp_id}")
    return redirect(f"/opportunities/{opp_id}")


def _refused_drag(ctx: Ctx, opp_id: int, target: str, exc: DomainError) -> Response:
    """A refused drag: the status and the refusal in plain words (the criteria's labels)."""
    message = _in_words(ctx, opp_id, target, exc)
    return JSONResponse({"ok": False, "message": message}, status_code=exc.status)


def _in_words(ctx: Ctx, opp_id: int, target: str, exc: DomainError) -> str:
    """Q-4: a refused move on the board, with the criteria's labels (never their keys)."""
    try:
        with ctx.uow(readonly=True) as s:
            opp = opps.get_opportunity(s, opp_id)
            stage_list = playbook_of(s).opportunities.pipelines[opp.pipeline]
            message = board_figures.refusal_in_words(
                stage_list, opp.name, target, exc.extra.get("missing"), exc.detail
            )
    except DomainError as missing:
        message = missing.detail
    return message


@router.post("/opportunities/{opp_id}/criteria", dependencies=[Csrf])
async def save_criteria(request: Request, ctx: WebCtx, opp_id: int) -> Response:
    """Q-4: record the current stage's exit criteria as a checklist."""
    form = await request.form()
    back = str(form.get("back") or "")
    try:
        with ctx.uow() as s:
            opp = opps.get_opportunity(s, opp_id)
            pipeline = opp.pipeline
            stage = playbook_of(s).stage_for_reading(opp.pipeline, opp.stage)
            criteria = {c.key: f"x_{c.key}" in form for c in stage.exit_criteria}
            opps.update_opportunity(s, ctx.user, opp, {"exit_criteria": criteria}, ctx.now())
    except DomainError as exc:
        return _page(ctx, opp_id, status_code=exc.status, errors={"criteria": exc.detail})
    flash(ctx.request, "Exit criteria saved.")
    if back == "board":
        return redirect(f"/pipeline?pipeline={pipeline}#opp-{opp_id}")
    return redirect(f"/opportunities/{opp_id}")


def _date(value: str, field: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        label = field.replace("_", " ").capitalize()
        raise ValidationFailed(f"{label} must be a date (YYYY-MM-DD)", field=field) from None


def _page(ctx: Ctx, opp_id: int, *, status_code: int = 200, **extra: Any) -> Response:
    today = ctx.now().date()
    with ctx.uow(readonly=True) as s:
        pb = playbook_of(s)
        opp = opps.get_opportunity(s, opp_id)
        view = opps.view(s, opp, today)
        stage = pb.stage_for_reading(opp.pipeline, opp.stage)
        account = s.get(Account, opp.account_id)
        hist = opps.history(s, opp)
        renewal = s.scalar(select(Opportunity).where(Opportunity.renewal_of_id == opp.id))
        renewal_of = s.get(Opportunity, opp.renewal_of_id) if opp.renewal_of_id else None
        names = {u.id: u.name for u in s.scalars(select(User))}
        card = _card(pb, opp, stage, today)
        committee = [(r, s.get(Contact, r.contact_id)) for r in roles.roles_of(s, opp)]
        contacts = list(
            s.scalars(
                select(Contact)
                .where(Contact.account_id == opp.account_id)
                .order_by(Contact.id)
                .limit(200)
            )
        )
    return render(
        ctx.request,
        "opportunities/opportunity.html",
        ctx=ctx,
        status_code=status_code,
        opp=opp,
        view=view,
        stage=stage,
        stages=pb.opportunities.pipelines[opp.pipeline],
        card=card,
        account=account,
        history=hist,
        renewal=renewal,
        renewal_of=renewal_of,
        names=names,
        categories=[c.name for c in pb.opportunities.forecast_categories],
        loss_reasons=[r.name for r in pb.opportunities.loss_reasons],
        opp_types=[t.name for t in pb.opportunities.types],
        meddpicc_fields=rules.MEDDPICC_FIELDS,
        committee=committee,
        contacts=contacts,
        role_names=roles.ROLES,
        annual=pb.opportunity_type(opp.opp_type).creates_renewal,
        can_edit=ctx.user.role == "admin"
        or (ctx.user.role == "sales" and opp.owner_id in (None, ctx.user.id)),
        flash=pop_flash(ctx.request),
        errors=extra.get("errors", {}),
        values=extra.get("values", {}),
    )


@router.get("/opportunities/{opp_id}", response_class=HTMLResponse)
def opportunity_page(ctx: WebCtx, opp_id: int) -> Response:
    errors, values = pop_refused(ctx.request)
    return _page(ctx, opp_id, errors=errors, values=values)


@router.get("/forecast", response_class=HTMLResponse)
def forecast_page(ctx: WebCtx) -> Response:
    """V-1 / Q-6: this and next quarter by category and owner, a chart, and renewals due.

    The numbers are the V-1 report's (``reports.forecast``, through its public function:
    a surface module may call the reports layer): the same rows as
    ``/api/v1/reports/forecast`` — read from the deal rollups, and scoped by U-2 (a
    salesperson: their own and their territories' deals, unowned ones of those
    territories under "Unowned")."""
    from salesops.opportunities.forecast import quarter_of, renewals_due
    from salesops.reports import forecast as report
    from salesops.reports.common import UNOWNED, Filters, scope_of

    now = ctx.now()
    this_q = quarter_of(now.date())
    quarters = [this_q, this_q.next()]
    labels = {f"{q.year}-Q{q.number}": q.label for q in quarters}
    with ctx.uow(readonly=True) as s:
        scope = scope_of(s, ctx.user)
        result = report.forecast(s, Filters(), scope, now)
        renewals = renewals_due(s, this_q.start, quarters[-1].end)
        wanted = {r.owner_id for r in renewals if r.owner_id} - {r["owner_id"] for r in result.rows}
        names: dict[int | None, str] = {r["owner_id"]: r["owner"] for r in result.rows}
        if wanted:
            names.update(s.execute(select(User.id, User.name).where(User.id.in_(wanted))).all())
        accounts = (
            {
                a.id: a.name
                for a in s.scalars(
                    select(Account).where(Account.id.in_({r.account_id for r in renewals}))
                )
            }
            if renewals
            else {}
        )
    categories = list(result.extra["categories"])
    cells = {
        (labels.get(r["quarter"], r["quarter"]), r["category"], r["owner_id"]): (
            r["arr"],
            r["count"],
        )
        for r in result.rows
    }
    quarter_labels = list(labels.values())
    data = {"categories": categories, "quarters": quarter_labels, "cells": cells}
    totals = {
        (q, c): sum((v[0] for (qq, cc, _), v in cells.items() if qq == q and cc == c), Decimal(0))
        for q in quarter_labels
        for c in categories
    }
    owners = list(dict.fromkeys(r["owner_id"] for r in result.rows))  # named, Unowned last
    owners.sort(key=lambda o: (o is None, names.get(o) or ""))
    return render(
        ctx.request,
        "opportunities/forecast.html",
        ctx=ctx,
        data=data,
        totals=totals,
        owners=owners,
        names=names,
        unowned=UNOWNED,
        scoped=not scope.everything,
        renewals=renewals,
        accounts=accounts,
        chart=_chart(quarter_labels, categories, totals),
    )


def _chart(quarters: list[str], categories: list[str], totals: dict[Any, Decimal]) -> str:
    """The chart's data for Chart.js (``static/reports.js`` draws it): stacked bars."""
    return json.dumps(
        {
            "type": "bar",
            "stacked": True,
            "labels": quarters,
            "title": "ARR by quarter and forecast category",
            "datasets": [
                {"label": c, "data": [float(totals.get((q, c), 0)) for q in quarters]}
                for c in categories
            ],
        }
    )
