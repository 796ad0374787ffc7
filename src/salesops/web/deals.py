"""Editing an opportunity in the web app: every Q-3 field, its buying committee, and the
conversion form's deal fields (issue 17 item 1).

The form is validated by the API's own schema (``OpportunityUpdate`` /
``OpportunityFields``) and saved by ``service.update_opportunity``, so the web and the
API accept the same values; the structured next step and MEDDPICC keys the API stored
survive a web edit (``rules.merge_next_step`` / ``rules.merge_meddpicc``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from salesops.core.errors import DomainError, ValidationFailed
from salesops.opportunities import roles, rules
from salesops.opportunities import service as opps
from salesops.opportunities.models import Opportunity
from salesops.opportunities.schemas import OpportunityFields, OpportunityUpdate
from salesops.web import forms
from salesops.web.common import Csrf, WebCtx, flash, redirect, refused

router = APIRouter(include_in_schema=False)

FIELDS = (
    "name",
    "opp_type",
    "amount",
    "close_date",
    "term_months",
    "contract_start",
    "total_credit_amount",
    "discount_pct",
    "contract_link",
    "next_step_date",
    "rfp",
)
MONEY = ("amount", "total_credit_amount", "discount_pct")
# The deal fields the conversion form asks for (C-2 with ).
CONVERT_FIELDS = ("opp_type", "amount", "close_date", "contract_start", "term_months")


def _money(data: dict[str, Any]) -> dict[str, Any]:
    for key in MONEY:
        if data.get(key):
            data[key] = str(data[key]).replace(",", "").replace("$", "").replace("%", "").strip()
    return data


def _next_step_edits(form: Any) -> dict[str, str | None]:
    return {
        key: (str(form.get(f"next_step_{key}") or "").strip() or None)
        for key in ("what", "owner", "outcome")
        if f"next_step_{key}" in form
    }


def opportunity_changes(form: Any, opp: Opportunity, now: datetime) -> dict[str, Any]:
    """The fields the form carried, validated as the API validates them (Q-2, Q-3, Q-6)."""
    data = _money(forms.read(form, FIELDS))
    if data.get("name") is None:
        data.pop("name", None)
    if "products" in form:
        data["products"] = [p.strip() for p in str(form["products"]).split(",") if p.strip()]
    changes = forms.validated(OpportunityUpdate, data).model_dump(exclude_unset=True)
    if form.get("forecast_category"):
        changes["forecast_category"] = str(form["forecast_category"])
    edits = _next_step_edits(form)
    if edits:
        changes["next_step"] = rules.merge_next_step(opp.next_step or {}, edits, now)
    typed = {
        key: (str(form.get(f"m_{key}") or "").strip() or None)
        for key, _ in rules.MEDDPICC_FIELDS
        if f"m_{key}" in form
    }
    if typed:
        changes["meddpicc"] = rules.merge_meddpicc(opp.meddpicc or {}, typed)
    return changes


def conversion_fields(form: Any, now: datetime) -> dict[str, Any]:
    """C-2: the deal's type, amount (ARR), close date, contract start, term and next step."""
    data = _money(forms.read(form, CONVERT_FIELDS))
    fields = forms.validated(OpportunityFields, data).model_dump(exclude_none=True)
    fields.pop("products", None)
    fields.pop("meddpicc", None)
    step = rules.merge_next_step({}, _next_step_edits(form), now)
    if step:
        fields["next_step"] = step
    next_on = forms.read(form, ("next_step_date",)).get("next_step_date")
    if next_on:
        fields["next_step_date"] = forms.validated(
            OpportunityFields, {"next_step_date": next_on}
        ).next_step_date
    return fields


@router.post("/opportunities/{opp_id}/edit", dependencies=[Csrf])
async def edit(request: Request, ctx: WebCtx, opp_id: int) -> Response:
    """Q-3 / Q-6 / Q-10: every deal field; only those on the form change."""
    form = await request.form()
    try:
        with ctx.uow() as s:
            opp = opps.get_opportunity(s, opp_id)
            opps.update_opportunity(
                s, ctx.user, opp, opportunity_changes(form, opp, ctx.now()), ctx.now()
            )
    except DomainError as exc:
        return refused(ctx.request, f"/opportunities/{opp_id}", {"edit": exc.detail}, form)
    flash(ctx.request, "Opportunity saved.")
    return redirect(f"/opportunities/{opp_id}")


@router.post("/opportunities/{opp_id}/roles", dependencies=[Csrf])
async def add_role(request: Request, ctx: WebCtx, opp_id: int) -> Response:
    """Q-3: a contact of the account joins the buying committee with a role."""
    form = await request.form()
    try:
        contact_id = forms.int_or_none(form.get("contact_id"), "contact")
        if contact_id is None:
            raise ValidationFailed("Contact is required: pick one", field="contact_id")
        with ctx.uow() as s:
            opp = opps.get_opportunity(s, opp_id)
            roles.set_contact_role(
                s,
                ctx.user,
                opp,
                contact_id,
                str(form.get("role") or ""),
                ctx.now(),
                note=str(form.get("note") or ""),
            )
    except DomainError as exc:
        return refused(ctx.request, f"/opportunities/{opp_id}#roles", {"roles": exc.detail})
    flash(ctx.request, "Contact role saved.")
    return redirect(f"/opportunities/{opp_id}#roles")


@router.post("/opportunities/{opp_id}/roles/{role_id}/remove", dependencies=[Csrf])
def remove_role(ctx: WebCtx, opp_id: int, role_id: int) -> Response:
    try:
        with ctx.uow() as s:
            roles.remove_contact_role(
                s, ctx.user, opps.get_opportunity(s, opp_id), role_id, ctx.now()
            )
    except DomainError as exc:
        return refused(ctx.request, f"/opportunities/{opp_id}#roles", {"roles": exc.detail})
    flash(ctx.request, "Contact role removed.")
    return redirect(f"/opportunities/{opp_id}#roles")
