"""I-1: person profiles kept from the analytics platform's ``$identify`` / ``$set``
events, per ``distinct_id`` (issue 15 item 6).

The SDK's usual pattern is ``identify(distinct_id, {"email": …})`` once and then plain
``capture("user signed up", distinct_id)``: the signup itself names no email. Each
event that sets person properties (``$identify``, ``$set``, or any event carrying a
``$set`` with an email or a name) updates the profile of its ``distinct_id`` (and of
the ``$anon_distinct_id`` an ``$identify`` merges); a later signup without an email
reads it from there. Only the few properties intake uses are kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from salesops.core.addresses import normalise_email
from salesops.intake.models import PersonProfile

PROFILE_EVENTS = frozenset({"$identify", "$set", "$create_alias"})
# What a profile keeps: what a signup (I-1) reads of its person.
KEPT = (
    "email",
    "name",
    "first_name",
    "last_name",
    "company_name",
    "organization_name",
    "role_at_organization",
    "selected_deployment_type",
    "is_organization_first_user",
)
PROFILES = cast(Table, PersonProfile.__table__)
ID_CHARS = 200


def person_sets(name: str, props: dict[str, Any]) -> dict[str, Any]:
    """The person properties an event sets that a profile keeps (``$set`` and, on
    ``$identify``/``$set`` events, ``$set_once`` too); empty when none."""
    found: dict[str, Any] = {}
    sources = [props.get("$set_once"), props.get("$set")] if name in PROFILE_EVENTS else []
    if name not in PROFILE_EVENTS:
        sources = [props.get("$set")]
    for source in sources:
        if isinstance(source, dict):
            found.update({k: source[k] for k in KEPT if source.get(k) not in (None, "")})
    return found


def is_profile_event(name: str, props: dict[str, Any]) -> bool:
    """Whether an event updates a person profile (and so is not merely ignored)."""
    return name in PROFILE_EVENTS or bool(person_sets(name, props))


def valid_email(value: Any) -> str | None:
    if isinstance(value, str) and "@" in value and "." in value.rsplit("@", 1)[-1]:
        return normalise_email(value)[:254]
    return None


def _ids(distinct_id: Any, props: dict[str, Any]) -> list[str]:
    ids = [distinct_id, props.get("$anon_distinct_id"), props.get("alias")]
    out: list[str] = []
    for value in ids:
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            text = str(value).strip()[:ID_CHARS]
            if text not in out:
                out.append(text)
    return out


def remember(
    session: Session, name: str, distinct_id: Any, props: dict[str, Any], now: datetime
) -> int:
    """Update the profiles of an event's ``distinct_id`` (and the ids it merges) with
    the person properties it sets; returns how many profiles were written."""
    sets = person_sets(name, props)
    ids = _ids(distinct_id, props)
    if not ids or (not sets and name != "$create_alias" and name != "$identify"):
        return 0
    existing = {
        p.distinct_id: p
        for p in session.scalars(select(PersonProfile).where(PersonProfile.distinct_id.in_(ids)))
    }
    merged: dict[str, Any] = {}
    for pid in ids:  # what any of the merged ids knew, the event's own values last
        if pid in existing:
            merged.update(existing[pid].properties or {})
    merged.update(sets)
    email = valid_email(merged.get("email"))
    if email is None and not merged:
        return 0
    insert = pg_insert if session.info.get("backend") == "postgresql" else sqlite_insert
    for pid in sorted(ids):  # one lock order
        stmt = insert(PROFILES).values(
            distinct_id=pid, email=email, properties=merged, updated_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[PROFILES.c.distinct_id],
            set_={"email": stmt.excluded.email, "properties": stmt.excluded.properties,
                  "updated_at": stmt.excluded.updated_at},
        )  # fmt: skip
        session.execute(stmt)
    for profile in existing.values():
        session.expire(profile)
    return len(ids)


def profile_of(session: Session, distinct_id: Any) -> dict[str, Any]:
    """The kept person properties of a ``distinct_id`` (email included), or {}."""
    if not isinstance(distinct_id, str | int) or isinstance(distinct_id, bool):
        return {}
    key = str(distinct_id).strip()[:ID_CHARS]
    row = session.execute(
        select(PROFILES.c.email, PROFILES.c.properties).where(PROFILES.c.distinct_id == key)
    ).first()
    if row is None:
        return {}
    props = dict(row.properties or {})
    if row.email:
        props["email"] = row.email
    return props
