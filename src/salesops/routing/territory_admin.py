"""Defining territories over the API (O-7, R-4) — as playbook edits (P-1, P-2).

Territory definitions live in the playbook, so creating or changing one writes a
new playbook version (validated, audited with its diff, effective for new
decisions only) and then re-syncs the territory rows. Members and their counts
are database state and are untouched.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import yaml
from sqlalchemy.orm import Session

from salesops.core.errors import Conflict, NotFound
from salesops.playbook import service as playbooks
from salesops.playbook.loader import default_playbook_text, load_playbook_text
from salesops.routing.models import Territory
from salesops.routing.territories import get_territory, get_territory_by_name, sync_territories
from salesops.users import service as users
from salesops.users.models import User


def _current_text(session: Session) -> str:
    row = playbooks.latest(session)
    return row.content if row is not None else default_playbook_text()


def _write(session: Session, actor: User, data: dict[str, Any], now: datetime) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    row = playbooks.activate(session, text, source="api: territories", actor=actor.email, now=now)
    playbook = load_playbook_text(row.content, source=f"playbook v{row.version}")
    session.info["playbook"] = playbook
    session.info["playbook_version"] = row.version
    sync_territories(session, playbook, now)


def define_territory(
    session: Session,
    actor: User,
    *,
    name: str,
    countries: list[str],
    us_states: list[str],
    now: datetime,
    make_fallback: bool = False,
) -> Territory:
    """Create a territory (a new playbook version); its countries leave other territories."""
    users.require_role(actor, "admin")
    data = yaml.safe_load(_current_text(session))
    items = data["territories"]["items"]
    if any(item["name"] == name for item in items):
        raise Conflict(f"a territory named {name!r} exists; change it instead", field="name")
    countries = [c.upper() for c in countries]
    us_states = [s.upper() for s in us_states]
    for item in items:  # a country or state belongs to one territory
        item["countries"] = [c for c in item.get("countries", []) if c not in countries]
        item["us_states"] = [s for s in item.get("us_states", []) if s not in us_states]
    items.append({"name": name, "countries": countries, "us_states": us_states})
    if make_fallback:
        data["territories"]["fallback"] = name
    _write(session, actor, data, now)
    return get_territory_by_name(session, name)


def change_territory(
    session: Session,
    actor: User,
    territory_id: int,
    changes: dict[str, Any],
    now: datetime,
) -> Territory:
    """Rename a territory or change its countries/states (a new playbook version)."""
    users.require_role(actor, "admin")
    row = get_territory(session, territory_id)
    data = yaml.safe_load(_current_text(session))
    items = data["territories"]["items"]
    item = next((i for i in items if i["name"] == row.name), None)
    if item is None:
        raise NotFound(f"territory {row.name!r} is not in the playbook", field="territory_id")
    new_name = changes.get("name") or row.name
    if new_name != row.name:
        if any(i["name"] == new_name for i in items):
            raise Conflict(f"a territory named {new_name!r} exists", field="name")
        if data["territories"].get("fallback") == row.name:
            data["territories"]["fallback"] = new_name
        if data["territories"].get("us_fallback") == row.name:
            data["territories"]["us_fallback"] = new_name
        item["name"] = new_name
        row.name = new_name  # keep the row (members, counts) under its new name
    for key in ("countries", "us_states"):
        if changes.get(key) is not None:
            values = [v.upper() for v in changes[key]]
            for other in items:
                if other is not item:
                    other[key] = [v for v in other.get(key, []) if v not in values]
            item[key] = values
    if changes.get("make_fallback"):
        data["territories"]["fallback"] = new_name
    session.flush()
    _write(session, actor, data, now)
    return get_territory(session, territory_id)
