"""Records in the web app (issue 17 item 1): create and edit accounts (O-1, firmographics,
owner) and contacts (O-2, with a contact page and its timeline), and enter a lead by
hand (I-7, with the lead-source picklist).

Each form is validated by the API's schema (``AccountCreate`` …) and saved by the same
service or flow the API calls (``accounts.service``, ``flows.records`` for S-4 rescoring,
``flows.manual`` for I-7); success redirects (Post/Redirect/Get), a refusal re-renders
the form with the message in human words and what was typed.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from salesops.accounts import service as accounts
from salesops.accounts.models import Account, Contact
from salesops.accounts.schemas import AccountCreate, AccountUpdate, ContactCreate, ContactUpdate
from salesops.activities.models import Activity
from salesops.core.errors import DomainError
from salesops.flows import manual, records
from salesops.opportunities.models import Opportunity, OpportunityContactRole
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task
from salesops.users.http import Ctx
from salesops.users.models import User
from salesops.web import forms, lists
from salesops.web.common import (
    Csrf,
    WebCtx,
    flash,
    page_number,
    paged,
    pop_flash,
    pop_refused,
    redirect,
    refused,
    render,
)

router = APIRouter(include_in_schema=False)

ACCOUNT_FIELDS = (
    "name",
    "domain",
    "owner_id",
    "industry",
    "employee_count",
    "estimated_revenue",
    "total_funding",
    "country",
    "us_state",
    "customer_status",
    "notes",
)
CONTACT_FIELDS = (
    "email",
    "name",
    "title",
    "role",
    "role_at_organization",
    "country",
    "us_state",
    "lead_source",
)


def _people(ctx: Ctx) -> list[User]:
    with ctx.uow(readonly=True) as s:
        return list(s.scalars(select(User).where(User.active.is_(True)).order_by(User.name)))


def _account_data(form: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    data = forms.read(form, fields)
    for key in ("employee_count", "estimated_revenue", "total_funding"):
        if data.get(key):
            data[key] = str(data[key]).replace(",", "").replace("$", "")
    if "is_b2b" in form:
        data["is_b2b"] = {"yes": True, "no": False}.get(str(form["is_b2b"]))
    return data


# -- accounts ------------------------------------------------------------------------


def _account_form(ctx: Ctx, *, status_code: int = 200, **extra: Any) -> Response:
    return render(
        ctx.request,
        "records/account_form.html",
        ctx=ctx,
        status_code=status_code,
        people=_people(ctx),
        account=extra.get("account"),
        values=extra.get("values", {}),
        error=extra.get("error"),
        flash=pop_flash(ctx.request),
    )


@router.get("/accounts/new", response_class=HTMLResponse)
def new_account(ctx: WebCtx) -> Response:
    errors, values = pop_refused(ctx.request)
    return _account_form(ctx, values=values, error=errors.get("form"))


@router.post("/accounts/new", dependencies=[Csrf])
async def create_account(request: Request, ctx: WebCtx) -> Response:
    """O-1 / I-7: an account by hand; the domain is reduced to its registrable form (M-2)."""
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    try:
        data = _account_data(form, ACCOUNT_FIELDS)
        if data.get("customer_status") is None:
            data.pop("customer_status", None)
        if data.get("notes") is None:
            data.pop("notes", None)
        fields = forms.validated(AccountCreate, data).model_dump(exclude_unset=True)
        with ctx.uow() as s:
            account = accounts.create_account(s, ctx.user, fields, ctx.now())
            account_id = account.id
    except DomainError as exc:
        return refused(ctx.request, "/accounts/new", {"form": exc.detail}, values)
    flash(ctx.request, "Account created.")
    return redirect(f"/accounts/{account_id}")


@router.get("/accounts/{account_id}/edit", response_class=HTMLResponse)
def edit_account_form(ctx: WebCtx, account_id: int) -> Response:
    errors, values = pop_refused(ctx.request)
    with ctx.uow(readonly=True) as s:
        account = accounts.get_account(s, account_id)
    return _account_form(ctx, account=account, values=values, error=errors.get("form"))


@router.post("/accounts/{account_id}/edit", dependencies=[Csrf])
async def edit_account(request: Request, ctx: WebCtx, account_id: int) -> Response:
    """O-1: firmographics and owner (U-2); S-4 rescoring through ``flows.records``."""
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    try:
        data = _account_data(form, tuple(f for f in ACCOUNT_FIELDS if f != "domain"))
        if data.get("name") is None:
            data.pop("name", None)
        if data.get("customer_status") is None:
            data.pop("customer_status", None)
        if "notes" in data and data["notes"] is None:
            data["notes"] = ""
        if "owner_id" in data:
            data["owner_id"] = forms.int_or_none(data["owner_id"], "owner_id")
        changes = forms.validated(AccountUpdate, data).model_dump(exclude_unset=True)
        with ctx.uow() as s:
            account = accounts.get_account(s, account_id)
            changed = {k: v for k, v in changes.items() if getattr(account, k) != v}
            if changed:
                records.update_account(s, ctx.user, account, changed, ctx.now())
    except DomainError as exc:
        return refused(ctx.request, f"/accounts/{account_id}/edit", {"form": exc.detail}, values)
    flash(ctx.request, "Account saved.")
    return redirect(f"/accounts/{account_id}")


# -- contacts ------------------------------------------------------------------------


CONTACT_SORTS = {
    "name": Contact.name,
    "email": Contact.email,
    "title": Contact.title,
    "account": Contact.account_id,
    "source": Contact.lead_source,
    "created": Contact.created_at,
}


@router.get("/contacts", response_class=HTMLResponse)
def contact_list(
    ctx: WebCtx, q: str = "", page: str = "1", sort: str = "", dir: str = "", format: str = ""
) -> Response:
    """O-2: contacts, sortable, with saved views and CSV export (issue 17 items 1, 3)."""
    order, sort, dir = lists.order(
        sort, dir or ("desc" if not sort else "asc"), CONTACT_SORTS, "created"
    )
    with ctx.uow(readonly=True) as s:
        query = accounts.contacts_query(q=q or None).order_by(*order, Contact.id.desc())
        if format == "csv":
            found = list(s.scalars(query.limit(lists.EXPORT_LIMIT)))
            names = _account_names(s, {c.account_id for c in found})
            return lists.csv_response(
                "contacts.csv",
                ["id", "name", "email", "title", "account", "lead_source", "created_at"],
                (
                    [
                        c.id,
                        c.name,
                        c.email,
                        c.title,
                        names.get(c.account_id, ""),
                        c.lead_source,
                        c.created_at.isoformat(),
                    ]
                    for c in found
                ),
            )
        rows = paged(s, query, page_number(page))
        names = _account_names(s, {c.account_id for c in rows.items})
    filters = {"q": q} if q else {}
    return render(
        ctx.request,
        "records/contacts.html",
        ctx=ctx,
        rows=rows,
        accounts=names,
        q=q,
        filters=filters,
        params={**filters, **({"sort": sort, "dir": dir})},
        sort=sort,
        dir=dir,
        flash=pop_flash(ctx.request),
        **lists.views_context(ctx, "contacts"),
    )


def _account_names(s: Any, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {a.id: a.name for a in s.scalars(select(Account).where(Account.id.in_(ids)))}


def _contact_form(ctx: Ctx, *, status_code: int = 200, **extra: Any) -> Response:
    with ctx.uow(readonly=True) as s:
        sources = playbook_of(s).tasks.lead_sources
    return render(
        ctx.request,
        "records/contact_form.html",
        ctx=ctx,
        status_code=status_code,
        contact=extra.get("contact"),
        values=extra.get("values", {}),
        error=extra.get("error"),
        lead_sources=sources,
    )


@router.get("/contacts/new", response_class=HTMLResponse)
def new_contact(ctx: WebCtx, account_id: str = "") -> Response:
    errors, values = pop_refused(ctx.request)
    values = values or {"account_id": account_id}
    return _contact_form(ctx, values=values, error=errors.get("form"))


@router.post("/contacts/new", dependencies=[Csrf])
async def create_contact(request: Request, ctx: WebCtx) -> Response:
    """O-2: a contact by hand; without an account, the email's domain finds it (M-2)."""
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    try:
        data = {k: v for k, v in forms.read(form, (*CONTACT_FIELDS, "company")).items() if v}
        data["account_id"] = forms.int_or_none(form.get("account_id"), "account_id")
        fields = forms.validated(ContactCreate, data).model_dump(exclude_unset=True)
        with ctx.uow() as s:
            contact_id = accounts.create_contact(s, ctx.user, fields, ctx.now()).id
    except DomainError as exc:
        return refused(ctx.request, "/contacts/new", {"form": exc.detail}, values)
    flash(ctx.request, "Contact created.")
    return redirect(f"/contacts/{contact_id}")


@router.get("/contacts/{contact_id}", response_class=HTMLResponse)
def contact_page(ctx: WebCtx, contact_id: int) -> Response:
    """O-2 / A-1: the contact, their tasks and deals, and their timeline (newest first)."""
    with ctx.uow(readonly=True) as s:
        contact = accounts.get_contact(s, contact_id)
        account = accounts.get_account(s, contact.account_id)
        task_rows = list(
            s.scalars(
                select(Task)
                .where(Task.contact_id == contact.id)
                .order_by(Task.created_at.desc())
                .limit(100)
            )
        )
        deal_ids = select(OpportunityContactRole.opportunity_id).where(
            OpportunityContactRole.contact_id == contact.id
        )
        deals = list(
            s.scalars(
                select(Opportunity)
                .where((Opportunity.contact_id == contact.id) | Opportunity.id.in_(deal_ids))
                .order_by(Opportunity.created_at.desc())
                .limit(100)
            )
        )
        timeline = list(
            s.scalars(
                select(Activity)
                .where(Activity.contact_id == contact.id)
                .order_by(Activity.occurred_at.desc(), Activity.id.desc())
                .limit(100)
            )
        )
        names = {u.id: u.name for u in s.scalars(select(User))}
    return render(
        ctx.request,
        "records/contact.html",
        ctx=ctx,
        contact=contact,
        account=account,
        tasks=task_rows,
        opps=deals,
        timeline=timeline,
        names=names,
        flash=pop_flash(ctx.request),
    )


@router.get("/contacts/{contact_id}/edit", response_class=HTMLResponse)
def edit_contact_form(ctx: WebCtx, contact_id: int) -> Response:
    errors, values = pop_refused(ctx.request)
    with ctx.uow(readonly=True) as s:
        contact = accounts.get_contact(s, contact_id)
    return _contact_form(ctx, contact=contact, values=values, error=errors.get("form"))


@router.post("/contacts/{contact_id}/edit", dependencies=[Csrf])
async def edit_contact(request: Request, ctx: WebCtx, contact_id: int) -> Response:
    """O-2: edit a contact (U-2); S-4 rescoring through ``flows.records``."""
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    try:
        data = forms.read(form, tuple(f for f in CONTACT_FIELDS if f != "email"))
        if "name" in data and data["name"] is None:
            data["name"] = ""
        changes = forms.validated(ContactUpdate, data).model_dump(exclude_unset=True)
        with ctx.uow() as s:
            contact = accounts.get_contact(s, contact_id)
            changed = {k: v for k, v in changes.items() if getattr(contact, k) != v}
            if changed:
                records.update_contact(s, ctx.user, contact, changed, ctx.now())
    except DomainError as exc:
        return refused(ctx.request, f"/contacts/{contact_id}/edit", {"form": exc.detail}, values)
    flash(ctx.request, "Contact saved.")
    return redirect(f"/contacts/{contact_id}")


# -- manual leads (I-7) ----------------------------------------------------------------


def _lead_form(ctx: Ctx, *, status_code: int = 200, **extra: Any) -> Response:
    with ctx.uow(readonly=True) as s:
        sources = playbook_of(s).tasks.manual_lead_sources
    return render(
        ctx.request,
        "records/lead_form.html",
        ctx=ctx,
        status_code=status_code,
        values=extra.get("values", {}),
        error=extra.get("error"),
        lead_sources=sources,
    )


@router.get("/leads/new", response_class=HTMLResponse)
def new_lead(ctx: WebCtx, contact_id: str = "", account_id: str = "") -> Response:
    errors, values = pop_refused(ctx.request)
    values = values or {"contact_id": contact_id, "account_id": account_id}
    return _lead_form(ctx, values=values, error=errors.get("form"))


@router.post("/leads/new", dependencies=[Csrf])
async def create_lead(request: Request, ctx: WebCtx) -> Response:
    """I-7: account and contact by hand (or picked), a lead source from the manual
    picklist, and a lead task that the pipeline scores and routes at once."""
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    try:
        body: dict[str, Any] = {
            "lead_source": str(form.get("lead_source") or ""),
            "message": str(form.get("message") or "").strip() or None,
        }
        contact_id = forms.int_or_none(form.get("contact_id"), "contact_id")
        account_id = forms.int_or_none(form.get("account_id"), "account_id")
        if contact_id is not None:
            body["contact_id"] = contact_id
        else:
            person = {
                k[len("contact_") :]: v
                for k, v in forms.read(
                    form, ("contact_email", "contact_name", "contact_title", "contact_country")
                ).items()
                if v
            }
            body["contact"] = person
        if account_id is not None:
            body["account_id"] = account_id
        else:
            company = {
                k[len("account_") :]: v
                for k, v in forms.read(
                    form,
                    ("account_name", "account_domain", "account_employee_count", "account_country"),
                ).items()
                if v
            }
            if company:
                body["account"] = company
        lead = forms.validated(manual.ManualLead, body)
        with ctx.uow() as s:
            task_id = manual.create_manual_lead(s, ctx.user, lead, ctx.now()).id
    except DomainError as exc:
        return refused(ctx.request, "/leads/new", {"form": exc.detail}, values)
    flash(ctx.request, "Lead created.")
    return redirect(f"/tasks/{task_id}")
