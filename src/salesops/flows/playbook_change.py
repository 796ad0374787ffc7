"""A playbook change checked against live data, then activated (P-2; issue 16 item 5).

Records store picklist values (a deal's stage, a task's disqualification reason …)
as text. A version that drops or renames a value some records hold is refused with
the affected records named, unless the admin gives an explicit old → new mapping;
the mapping is applied in the same transaction as the activation and recorded as a
decision on the new version. Reading records whose value left the playbook still
works (``Playbook.stage_for_reading``), so older data never breaks a page.

Set-based: one grouped count per picklist over the values that left, plus a few
example rows per value; never a loop over records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from salesops.accounts.models import Account, Contact
from salesops.core.audit import record_decision
from salesops.core.errors import Conflict, ValidationFailed
from salesops.opportunities.models import Opportunity
from salesops.playbook import service as playbooks
from salesops.playbook.loader import load_default_playbook, load_playbook_text
from salesops.playbook.models import PlaybookVersion
from salesops.playbook.schema import Playbook
from salesops.routing.territories import sync_territories
from salesops.tasks.models import Task

#: ``{field: {old value: new value}}``, e.g. ``{"stage": {"Negotiation": "Agreement"}}``.
ValueMapping = Mapping[str, Mapping[str, str]]

_EXAMPLES = 3


@dataclass(frozen=True)
class Picklist:
    """One picklist a record column holds: its mapping key, its words, where it lives."""

    key: str  # the mapping's field name (API, CLI, form)
    label: str  # human words: "deal stage"
    records: str  # "deals" / "lead tasks"
    column: InstrumentedAttribute[Any]
    values: Callable[[Playbook, str | None], frozenset[str]]
    scope: InstrumentedAttribute[Any] | None = None  # e.g. the deal's pipeline


def _stages(pb: Playbook, pipeline: str | None) -> frozenset[str]:
    stages = pb.opportunities.pipelines.get(pipeline or "", [])
    return frozenset(s.name for s in stages)


PICKLISTS: tuple[Picklist, ...] = (
    Picklist("stage", "deal stage", "deals", Opportunity.stage, _stages, Opportunity.pipeline),
    Picklist(
        "record_type",
        "deal record type",
        "deals",
        Opportunity.record_type,
        lambda pb, _: frozenset(r.name for r in pb.opportunities.record_types),
    ),
    Picklist(
        "opportunity_type",
        "deal type",
        "deals",
        Opportunity.opp_type,
        lambda pb, _: frozenset(t.name for t in pb.opportunities.types),
    ),
    Picklist(
        "loss_reason",
        "loss reason",
        "deals",
        Opportunity.loss_reason,
        lambda pb, _: frozenset(r.name for r in pb.opportunities.loss_reasons),
    ),
    Picklist(
        "forecast_category",
        "forecast category",
        "deals",
        Opportunity.forecast_category,
        lambda pb, _: frozenset(c.name for c in pb.opportunities.forecast_categories),
    ),
    Picklist(
        "deal_lead_source",
        "lead source",
        "deals",
        Opportunity.lead_source,
        lambda pb, _: frozenset(pb.tasks.lead_sources),
    ),
    Picklist(
        "disqualification_reason",
        "disqualification reason",
        "lead tasks",
        Task.disqualification_reason,
        lambda pb, _: frozenset(pb.all_reason_names),
    ),
    Picklist(
        "task_status",
        "task status",
        "lead tasks",
        Task.status,
        lambda pb, _: frozenset(pb.tasks.statuses),
    ),
    Picklist(
        "lead_source",
        "lead source",
        "lead tasks",
        Task.lead_source,
        lambda pb, _: frozenset(pb.tasks.lead_sources),
    ),
)
_BY_KEY = {p.key: p for p in PICKLISTS}
# Columns that copy a picklist value from the records above and follow its mapping in
# the same transaction: a contact's lead source (O-2) and the reason that put them on
# the revisit list (D-4) — otherwise a renamed value lingers there (held-out qa16).
_FOLLOWERS: dict[str, tuple[InstrumentedAttribute[Any], ...]] = {
    "lead_source": (Contact.lead_source,),
    "disqualification_reason": (Contact.revisit_reason,),
}


@dataclass
class Affected:
    """Records holding a value the new version no longer has."""

    field: str
    label: str
    records: str
    value: str
    scope: str | None
    count: int
    examples: list[str]
    maps_to: str | None = None
    allowed: list[str] = dc_field(default_factory=list)

    @property
    def words(self) -> str:
        where = f" ({self.scope} pipeline)" if self.scope else ""
        some = ", ".join(self.examples)
        rest = self.count - len(self.examples)
        more = f", and {rest} more" if rest > 0 else ""
        what = (
            f"1 {self.records[:-1]} has" if self.count == 1 else f"{self.count} {self.records} have"
        )
        return (
            f"{what} the {self.label} {self.value!r}{where}, "
            f"which the new playbook no longer has: {some}{more}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "label": self.label,
            "value": self.value,
            "pipeline": self.scope,
            "count": self.count,
            "examples": self.examples,
            "maps_to": self.maps_to,
            "allowed": self.allowed,
            "message": self.words,
        }


@dataclass
class ChangeCheck:
    """What activating a text would do to live records (read-only)."""

    affected: list[Affected]
    problems: list[str]  # unmapped values and bad mappings, in words

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "problems": self.problems,
            "affected": [a.as_dict() for a in self.affected],
        }


class LiveDataConflict(Conflict):
    """P-2: the new version drops values records still use, and no mapping says where to."""

    code = "playbook_live_data"
    title = "The playbook change affects existing records"


def _examples(session: Session, p: Picklist, value: str, scope: str | None) -> list[str]:
    if p.records == "deals":
        stmt = select(Opportunity.id, Opportunity.name).where(p.column == value)
    else:
        stmt = (
            select(Task.id, Account.name)
            .join(Account, Account.id == Task.account_id)
            .where(p.column == value)
        )
    if p.scope is not None:
        stmt = stmt.where(p.scope == scope)
    rows = session.execute(stmt.order_by(p.column.class_.id).limit(_EXAMPLES))
    noun = "deal" if p.records == "deals" else "task"
    return [f"{noun} #{i} {name}" for i, name in rows]


def _scopes(old: Playbook, new: Playbook, p: Picklist) -> list[str | None]:
    if p.scope is None:
        return [None]
    both = set(old.opportunities.pipelines) | set(new.opportunities.pipelines)
    return [name for name in sorted(both)]


def check_change(
    session: Session, old: Playbook, new: Playbook, mapping: ValueMapping | None = None
) -> ChangeCheck:
    """P-2: the records holding values ``new`` drops (or that ``mapping`` names), each
    with its mapping target or a problem in words. Reads only."""
    mapping = mapping or {}
    problems = [
        f"unknown mapping field {k!r}; use one of: {', '.join(_BY_KEY)}"
        for k in mapping
        if k not in _BY_KEY
    ]
    affected: list[Affected] = []
    for p in PICKLISTS:
        given = dict(mapping.get(p.key, {}))
        everywhere = frozenset().union(*(p.values(new, sc) for sc in _scopes(old, new, p)))
        for value in sorted(v for v in given if v in everywhere and p.scope is None):
            problems.append(
                f"{p.label} {value!r} is still in the new playbook; a mapping moves only "
                "the values it drops"
            )
        for scope in _scopes(old, new, p):
            kept = p.values(new, scope)
            gone = (p.values(old, scope) - kept) | (set(given) - kept)
            if not gone:
                continue
            stmt = select(p.column, func.count()).where(p.column.in_(sorted(gone)))
            if p.scope is not None:
                stmt = stmt.where(p.scope == scope)
            counts: dict[str, int] = {v: n for v, n in session.execute(stmt.group_by(p.column))}
            for value in sorted(gone):
                count = int(counts.get(value, 0))
                if not count:
                    continue
                target = given.get(value)
                row = Affected(
                    p.key,
                    p.label,
                    p.records,
                    value,
                    scope,
                    count,
                    _examples(session, p, value, scope),
                    target,
                    sorted(kept),
                )
                affected.append(row)
                if target is None:
                    problems.append(row.words + f"; map it to a current {p.label}")
                elif target not in kept:
                    where = f" in the {scope} pipeline" if scope else ""
                    problems.append(
                        f"{p.label} {value!r} is mapped to {target!r}, which is not a "
                        f"{p.label}{where} in the new playbook"
                    )
    return ChangeCheck(affected, problems)


def _previous(session: Session) -> tuple[PlaybookVersion | None, Playbook]:
    row = playbooks.latest(session)
    if row is None:
        return None, load_default_playbook()
    if session.info.get("playbook_version") == row.version and "playbook" in session.info:
        return row, session.info["playbook"]  # already parsed for this unit of work
    return row, load_playbook_text(row.content, source=f"playbook v{row.version}", stored=True)


def preview_change(
    session: Session, text: str, mapping: ValueMapping | None = None, *, source: str = "your edit"
) -> ChangeCheck:
    """Validate ``text`` (``PlaybookError`` naming bad keys) and check it against live data."""
    new = load_playbook_text(text, source=source)
    _, old = _previous(session)
    return check_change(session, old, new, mapping)


def activate_checked(
    session: Session,
    text: str,
    *,
    source: str,
    actor: str | None,
    now: datetime,
    mapping: ValueMapping | None = None,
    actor_id: int | None = None,
) -> tuple[PlaybookVersion, ChangeCheck]:
    """P-2: validate, refuse when live records would be orphaned without a mapping,
    else store the version, move the mapped records and sync territories — one
    transaction (the caller's)."""
    new = load_playbook_text(text, source=source)
    previous, old = _previous(session)
    check = check_change(session, old, new, mapping)
    if not check.ok:
        raise LiveDataConflict(
            "the new playbook drops values that existing records use; nothing was changed:\n"
            + "\n".join(f"- {p}" for p in check.problems),
            field="mapping",
            rule="P-2",
            extra={"affected": [a.as_dict() for a in check.affected], "problems": check.problems},
        )
    row = playbooks.activate(session, text, source=source, actor=actor, now=now)
    moved = _apply(session, check)
    if moved:
        record_decision(
            session,
            "playbook_mapping",
            ("playbook", row.version),
            {"mapping": {a.field: {a.value: a.maps_to} for a in check.affected}},
            ["P-2"],
            "records moved to the new playbook's values: "
            + "; ".join(
                f"{a.count} {a.records} {a.label} {a.value!r} → {a.maps_to!r}"
                for a in check.affected
            ),
            outcome={"moved": moved},
            actor_id=actor_id,
            at=now,
            playbook_version=row.version,
        )
    session.info["playbook"] = new
    session.info["playbook_version"] = row.version
    sync_territories(session, new, now)
    return row, check


def _apply(session: Session, check: ChangeCheck) -> int:
    moved = 0
    for a in check.affected:
        if a.maps_to is None:
            continue
        p = _BY_KEY[a.field]
        model = p.column.class_
        stmt = update(model).where(p.column == a.value).values({p.column.key: a.maps_to})
        if p.scope is not None:
            stmt = stmt.where(p.scope == a.scope)
        result = session.execute(stmt.execution_options(synchronize_session="fetch"))
        moved += int(result.rowcount or 0)  # type: ignore[attr-defined]
        for column in _FOLLOWERS.get(a.field, ()):
            session.execute(
                update(column.class_)
                .where(column == a.value)
                .values({column.key: a.maps_to})
                .execution_options(synchronize_session="fetch")
            )
    session.flush()
    return moved


def parse_mapping(items: list[str]) -> dict[str, dict[str, str]]:
    """CLI ``--map FIELD:OLD=NEW`` items to a mapping; a malformed item names itself."""
    out: dict[str, dict[str, str]] = {}
    for item in items:
        key, sep, rest = item.partition(":")
        old, eq, new = rest.partition("=")
        if not sep or not eq or not old.strip() or not new.strip():
            raise ValidationFailed(
                f"--map {item!r} must look like FIELD:OLD=NEW, e.g. stage:Negotiation=Agreement",
                field="map",
                rule="P-2",
            )
        out.setdefault(key.strip(), {})[old.strip()] = new.strip()
    return out
