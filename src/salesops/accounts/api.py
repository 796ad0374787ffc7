"""Accounts and contacts over HTTP."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, status

from salesops.accounts import service
from salesops.accounts.models import Account, Contact
from salesops.accounts.schemas import (
    AccountCreate,
    AccountRead,
    AccountUpdate,
    ContactCreate,
    ContactRead,
    ContactUpdate,
)
from salesops.core.http import PageDep, page_of, paginate
from salesops.flows import records
from salesops.users.http import CtxDep

router = APIRouter()

ACCOUNT_SORTS = {
    "name": Account.name,
    "created_at": Account.created_at,
    "updated_at": Account.updated_at,
    "employee_count": Account.employee_count,
    "icp_score": Account.icp_score,
}
CONTACT_SORTS = {
    "email": Contact.email,
    "name": Contact.name,
    "created_at": Contact.created_at,
    "updated_at": Contact.updated_at,
    "lead_score": Contact.lead_score,
}


@router.get("/accounts", tags=["accounts"], summary="List accounts")
def list_accounts(
    ctx: CtxDep,
    page: PageDep,
    owner_id: int | None = None,
    territory: str | None = None,
    customer_status: str | None = None,
    updated_since: datetime | None = None,
    q: str | None = None,
) -> Any:
    with ctx.uow(readonly=True) as s:
        query = service.accounts_query(
            owner_id=owner_id,
            territory=territory,
            customer_status=customer_status,
            updated_since=updated_since,
            q=q,
        )
        rows, total = paginate(
            s, query, page, sortable=ACCOUNT_SORTS, default_sort="name", id_column=Account.id
        )
        return page_of(rows, total, page, AccountRead)


@router.get("/accounts/{account_id}", tags=["accounts"], response_model=AccountRead)
def get_account(ctx: CtxDep, account_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        return service.get_account(s, account_id)


@router.post(
    "/accounts", tags=["accounts"], response_model=AccountRead, status_code=status.HTTP_201_CREATED
)
def create_account(ctx: CtxDep, body: AccountCreate) -> Any:
    with ctx.uow() as s:
        return records.create_account(s, ctx.user, body.model_dump(), ctx.now())


@router.patch("/accounts/{account_id}", tags=["accounts"], response_model=AccountRead)
def update_account(ctx: CtxDep, account_id: int, body: AccountUpdate) -> Any:
    with ctx.uow() as s:
        account = service.get_account(s, account_id)
        return records.update_account(
            s, ctx.user, account, body.model_dump(exclude_unset=True), ctx.now()
        )


@router.get("/contacts", tags=["contacts"], summary="List contacts")
def list_contacts(
    ctx: CtxDep,
    page: PageDep,
    account_id: int | None = None,
    lead_source: str | None = None,
    updated_since: datetime | None = None,
    q: str | None = None,
) -> Any:
    with ctx.uow(readonly=True) as s:
        query = service.contacts_query(
            account_id=account_id, lead_source=lead_source, updated_since=updated_since, q=q
        )
        rows, total = paginate(
            s, query, page, sortable=CONTACT_SORTS, default_sort="email", id_column=Contact.id
        )
        return page_of(rows, total, page, ContactRead)


@router.get("/contacts/{contact_id}", tags=["contacts"], response_model=ContactRead)
def get_contact(ctx: CtxDep, contact_id: int) -> Any:
    with ctx.uow(readonly=True) as s:
        return service.get_contact(s, contact_id)


@router.post(
    "/contacts", tags=["contacts"], response_model=ContactRead, status_code=status.HTTP_201_CREATED
)
def create_contact(ctx: CtxDep, body: ContactCreate) -> Any:
    with ctx.uow() as s:
        return records.create_contact(s, ctx.user, body.model_dump(), ctx.now())


@router.patch("/contacts/{contact_id}", tags=["contacts"], response_model=ContactRead)
def update_contact(ctx: CtxDep, contact_id: int, body: ContactUpdate) -> Any:
    with ctx.uow() as s:
        contact = service.get_contact(s, contact_id)
        return records.update_contact(
            s, ctx.user, contact, body.model_dump(exclude_unset=True), ctx.now()
        )
