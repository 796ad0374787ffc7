"""Small typed factories that build test data through the service layer."""

from __future__ import annotations

from typing import Any

from salesops.accounts import service as accounts
from salesops.accounts.models import Account, Contact
from salesops.core import clock
from salesops.flows import pipeline
from salesops.playbook.runtime import Runtime
from salesops.routing import territories
from salesops.tasks.models import Task
from salesops.users import service as users
from salesops.users.models import User


def make_user(
    rt: Runtime,
    email: str,
    *,
    role: str = "sales",
    password: str | None = "password123",
    territory: str | None = None,
    priority: int = 1,
    adjustment: int = 0,
    **kwargs: Any,
) -> User:
    with rt.uow() as s:
        user = users.create_user(
            s, email=email, role=role, password=password, now=clock.now(), **kwargs
        )
        if territory:
            territories.add_member(
                s,
                None,
                territories.get_territory_by_name(s, territory),
                user,
                now=clock.now(),
                priority=priority,
                adjustment=adjustment,
            )
        return user


def token_for(rt: Runtime, user: User) -> str:
    with rt.uow() as s:
        return users.create_token(s, users.get_user(s, user.id), now=clock.now()).secret


def _actor(rt: Runtime) -> User:
    """The admin that factories act as; remembered on the runtime (one per test database)."""
    user_id = getattr(rt, "_factory_admin_id", None)
    if user_id is None:
        user_id = make_user(rt, "factory-admin@example.com", role="admin", password=None).id
        rt._factory_admin_id = user_id  # type: ignore[attr-defined]
    with rt.uow(readonly=True) as s:
        return users.get_user(s, user_id)


def make_account(rt: Runtime, name: str = "Acme", **fields: Any) -> Account:
    data: dict[str, Any] = {"name": name, "domain": f"{name.lower().replace(' ', '')}.com"}
    data.update(fields)
    actor = _actor(rt)  # before opening the unit of work: _actor may write
    with rt.uow() as s:
        return accounts.create_account(s, actor, data, clock.now())


def make_contact(rt: Runtime, email: str, **fields: Any) -> Contact:
    actor = _actor(rt)
    with rt.uow() as s:
        return accounts.create_contact(s, actor, {"email": email, **fields}, clock.now())


def make_task(rt: Runtime, account: Account, contact: Contact, **fields: Any) -> Task:
    data: dict[str, Any] = {
        "account_id": account.id,
        "contact_id": contact.id,
        "lead_source": "Contact form",
    }
    data.update(fields)
    actor = _actor(rt)
    with rt.uow() as s:
        return pipeline.create_task(s, actor, data, clock.now())
