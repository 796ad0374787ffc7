"""Contact roles on an opportunity: the buying committee (Q-3).

A contact of the deal's account takes a role (Champion, Economic buyer, …); one row
per contact, so naming a contact again changes their role.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.service import get_contact
from salesops.core.errors import NotFound, ValidationFailed
from salesops.opportunities.models import Opportunity, OpportunityContactRole
from salesops.users import service as users
from salesops.users.models import User

ROLES = (
    "Primary",
    "Champion",
    "Economic buyer",
    "Decision maker",
    "Technical evaluator",
    "Influencer",
    "Legal / procurement",
    "User",
)


def roles_of(session: Session, opp: Opportunity) -> list[OpportunityContactRole]:
    return list(
        session.scalars(
            select(OpportunityContactRole)
            .where(OpportunityContactRole.opportunity_id == opp.id)
            .order_by(OpportunityContactRole.id)
        )
    )


def set_contact_role(
    session: Session,
    actor: User,
    opp: Opportunity,
    contact_id: int,
    role: str,
    now: datetime,
    note: str = "",
) -> OpportunityContactRole:
    """Q-3: add a contact of the account to the buying committee, or change their role."""
    users.require_can_edit_owned(actor, opp.owner_id)
    role = role.strip()
    if not role:
        raise ValidationFailed("Role is required", field="role", rule="Q-3")
    if len(role) > 60:
        raise ValidationFailed("Role must be at most 60 characters", field="role")
    contact = get_contact(session, contact_id)
    if contact.account_id != opp.account_id:
        raise ValidationFailed(
            f"{contact.name or contact.email} is not a contact of this deal's account",
            field="contact_id",
            rule="Q-3",
        )
    row = session.scalar(
        select(OpportunityContactRole).where(
            OpportunityContactRole.opportunity_id == opp.id,
            OpportunityContactRole.contact_id == contact_id,
        )
    )
    if row is None:
        row = OpportunityContactRole(opportunity_id=opp.id, contact_id=contact_id, role=role)
        session.add(row)
    row.role = role
    row.note = note.strip()
    if opp.contact_id is None:
        opp.contact_id = contact_id
    opp.updated_at = now
    session.flush()
    return row


def remove_contact_role(
    session: Session, actor: User, opp: Opportunity, role_id: int, now: datetime
) -> None:
    users.require_can_edit_owned(actor, opp.owner_id)
    row = session.get(OpportunityContactRole, role_id)
    if row is None or row.opportunity_id != opp.id:
        raise NotFound("that contact role is not on this opportunity", field="role_id")
    if opp.contact_id == row.contact_id:
        opp.contact_id = None
    session.delete(row)
    opp.updated_at = now
    session.flush()
