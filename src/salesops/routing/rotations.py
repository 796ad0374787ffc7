"""A territory's rotation (R-3, R-5, R-6): its locked members, their eligibility, the next slot.

Read once per transaction (cached in ``session.info``, dropped at commit or
rollback): the territory row is locked first (``SELECT … FOR NO KEY UPDATE`` on
PostgreSQL; SQLite writers are serialised), then its members with their users
in one query and their time off in one more.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from salesops.core.audit import record_decision
from salesops.playbook.schema import Playbook
from salesops.routing import rules
from salesops.routing.models import Territory, TerritoryMember
from salesops.users.models import TimeOff, User


def _is_pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


@dataclass
class Rotation:
    """A territory's locked rotation for the rest of the transaction."""

    territory: Territory
    members: list[TerritoryMember]
    users: dict[int, User]


def _cache(session: Session) -> dict[Any, Any]:
    return session.info.setdefault("routing_cache", {})  # type: ignore[no-any-return]


def rotation(session: Session, name: str, *, lock: bool = True) -> Rotation | None:
    """The territory's members and users, read after locking its row (R-5); cached per tx."""
    cache = _cache(session)
    key = ("rotation", name, lock)
    if key in cache:
        return cache[key]  # type: ignore[no-any-return]
    query = select(Territory).where(Territory.name == name)
    if lock and _is_pg(session):
        query = query.with_for_update(key_share=True)
    territory = session.scalars(query.execution_options(populate_existing=True)).first()
    if territory is None:
        return None
    pairs = session.execute(
        select(TerritoryMember, User)
        .join(User, User.id == TerritoryMember.user_id)
        .where(TerritoryMember.territory_id == territory.id)
        .order_by(TerritoryMember.id)
        .execution_options(populate_existing=True)
    ).all()
    members = [m for m, _ in pairs]
    users = {u.id: u for _, u in pairs}
    rot = Rotation(territory, members, users)
    cache[key] = rot
    return rot


def load_rotations(session: Session, names: list[str]) -> None:
    """``rotation`` (locked) for many territories with two queries in all, not two each
    (the new-lead pipeline's batch reads every rotation it may draw from: a fixed cost
    per batch, issue 20). ``names`` is the one global lock order (R-5): PostgreSQL locks
    the territory rows in that order (rows are locked as the sorted scan returns them).
    Fills ``rotation``'s per-transaction cache; names already cached are left alone."""
    cache = _cache(session)
    todo = [n for n in names if ("rotation", n, True) not in cache]
    if not todo:
        return
    rank = {name: i for i, name in enumerate(todo)}
    query = select(Territory).where(Territory.name.in_(todo))
    if _is_pg(session):  # one statement locks them all, in the order given
        query = query.order_by(case(rank, value=Territory.name)).with_for_update(key_share=True)
    found = list(session.scalars(query.execution_options(populate_existing=True)))
    territories = {t.id: t for t in found}
    pairs = session.execute(
        select(TerritoryMember, User)
        .join(User, User.id == TerritoryMember.user_id)
        .where(TerritoryMember.territory_id.in_(list(territories)))
        .order_by(TerritoryMember.id)
        .execution_options(populate_existing=True)
    ).all() if territories else []  # fmt: skip
    by_territory: dict[int, Rotation] = {tid: Rotation(t, [], {}) for tid, t in territories.items()}
    for member, user in pairs:
        rot = by_territory[member.territory_id]
        rot.members.append(member)
        rot.users[user.id] = user
    for rot in by_territory.values():
        cache[("rotation", rot.territory.name, True)] = rot


def preload_availability(
    session: Session, users: list[User], now: datetime, playbook: Playbook
) -> None:
    """R-6 for many users with one time-off query (fills ``user_availability``'s cache)."""
    cache = _cache(session)
    todo = {}
    for u in users:
        today = _today(cache, now, u.timezone)
        if ("availability", u.id, today) not in cache:
            todo[u.id] = today
    if not todo:
        return
    ranges: dict[int, list[tuple[Any, Any]]] = {uid: [] for uid in todo}
    earliest = min(todo.values()) - timedelta(days=2)
    for uid, a, b in session.execute(
        select(TimeOff.user_id, TimeOff.starts_on, TimeOff.ends_on).where(
            TimeOff.user_id.in_(list(todo)), TimeOff.ends_on >= earliest
        )
    ):
        ranges[uid].append((a, b))
    for uid, today in todo.items():
        cache[("availability", uid, today)] = rules.availability(
            ranges[uid], today, playbook.routing
        )


def _today(cache: dict[Any, Any], now: datetime, tz_name: str) -> Any:
    key = ("today", now, tz_name)
    if key not in cache:
        cache[key] = rules.local_date(now, tz_name)
    return cache[key]


def user_availability(
    session: Session, user: User, now: datetime, playbook: Playbook
) -> rules.Availability:
    """R-6 for one user now, in their own time zone (cached per transaction)."""
    cache = _cache(session)
    today = _today(cache, now, user.timezone)
    key = ("availability", user.id, today)
    if key not in cache:
        ranges = session.execute(
            select(TimeOff.starts_on, TimeOff.ends_on).where(
                TimeOff.user_id == user.id, TimeOff.ends_on >= today - timedelta(days=2)
            )
        ).all()
        cache[key] = rules.availability([(a, b) for a, b in ranges], today, playbook.routing)
    return cache[key]  # type: ignore[no-any-return]


def candidates(
    session: Session, rot: Rotation, now: datetime, playbook: Playbook
) -> list[rules.Candidate]:
    """Each member with its eligibility: member active, user active and in round robin, R-6."""
    preload_availability(session, list(rot.users.values()), now, playbook)
    out = []
    for m in rot.members:
        user = rot.users.get(m.user_id)
        why = ""
        if user is None or not user.active:
            why = "deactivated (R-7)"
        elif not m.active:
            why = "not in this rotation"
        elif not user.in_round_robin:
            why = "out of round robin"
        else:
            avail = user_availability(session, user, now, playbook)
            if not avail.in_rotation:
                why = avail.reason
        out.append(
            rules.Candidate(
                member_id=m.id,
                user_id=m.user_id,
                priority=m.priority,
                adjustment=m.adjustment,
                assigned_count=m.assigned_count,
                eligible=not why,
                why_not=why,
                email=user.email if user else "",
            )
        )
    return out


def level_returning(
    session: Session, rot: Rotation, cands: list[rules.Candidate], now: datetime
) -> list[rules.Candidate]:
    """R-6/R-3: mark members away; level a member back from time off so they are not flooded."""
    out = []
    for m, c in zip(rot.members, cands, strict=True):
        on_pto = not c.eligible and c.why_not.startswith("off ")
        if on_pto and not m.away:
            m.away = True
        elif c.eligible and m.away:
            m.away = False
            new_adj = rules.level_adjustment(c, cands)
            if new_adj != m.adjustment:
                record_decision(
                    session,
                    "rotation_level",
                    ("territory_member", m.id),
                    {"user_id": m.user_id, "count": m.assigned_count, "was": m.adjustment},
                    ["R-3", "R-6"],
                    f"{c.email} back from time off: adjustment {m.adjustment} → {new_adj} so "
                    "they rejoin level with the others instead of being flooded",
                    owner_id=m.user_id,
                    territory=rot.territory.name,
                    at=now,
                )
                m.adjustment = new_adj
                c = rules.Candidate(**{**c.__dict__, "adjustment": new_adj})
        out.append(c)
    return out


def take_slot(rot: Rotation, member_id: int) -> TerritoryMember:
    """Count one lead for a member and move the rotation position (R-3); nobody else changes."""
    member = next(m for m in rot.members if m.id == member_id)
    member.assigned_count += 1
    rot.territory.rr_position = member.id
    return member


def is_away(session: Session, user_id: int, now: datetime, playbook: Playbook) -> bool:
    user = session.get(User, user_id)
    return user is not None and user_availability(session, user, now, playbook).away


# --- the decision's mappings (``rules.RouteFacts.users`` / ``.rotations``) ------------


class UserLookup(Mapping[int, rules.UserFacts]):
    """``RouteFacts.users`` read through the session on first look-up (identity map, and
    the time-off cache that ``preload_availability`` fills): active (R-7), away (R-6).
    ``deactivating`` are treated as inactive (the R-7 preview before the change)."""

    def __init__(
        self,
        session: Session,
        now: datetime,
        playbook: Playbook,
        *,
        deactivating: frozenset[int] = frozenset(),
    ) -> None:
        self._session, self._now, self._pb = session, now, playbook
        self._deactivating = deactivating
        self._seen: dict[int, rules.UserFacts] = {}

    def __getitem__(self, user_id: int) -> rules.UserFacts:
        if user_id not in self._seen:
            user = self._session.get(User, user_id)
            if user is None:
                raise KeyError(user_id)
            active = user.active and user_id not in self._deactivating
            away = active and user_availability(self._session, user, self._now, self._pb).away
            self._seen[user_id] = rules.UserFacts(active, away)
        return self._seen[user_id]

    def __iter__(self) -> Iterator[int]:
        return iter(self._seen)

    def __len__(self) -> int:
        return len(self._seen)


class RotationLookup(Mapping[str, rules.RotationFacts]):
    """``RouteFacts.rotations``: a territory's rotation as it stands now, its row locked on
    first look-up (R-5, unless ``lock`` is False), so a lead that R-2 decides locks none.

    ``level`` brings members back from time off level (R-6, routing does; the sweep and
    the previews do not). ``take`` counts the slot a decision took (R-3); with
    ``dry_run`` the counts are kept here and nothing in the session changes (previews)."""

    def __init__(
        self,
        session: Session,
        now: datetime,
        playbook: Playbook,
        *,
        lock: bool = True,
        level: bool = False,
        dry_run: bool = False,
        deactivating: frozenset[int] = frozenset(),
    ) -> None:
        self._session, self._now, self._pb = session, now, playbook
        self._lock, self._level, self._dry = lock, level, dry_run
        self._deactivating = deactivating
        self._planned: dict[int, int] = {}
        self._last: dict[str, int] = {}
        self._names: set[str] = set()

    def __getitem__(self, name: str) -> rules.RotationFacts:
        rot = rotation(self._session, name, lock=self._lock)
        if rot is None:
            raise KeyError(name)
        self._names.add(name)
        cands = candidates(self._session, rot, self._now, self._pb)
        if self._level:
            cands = level_returning(self._session, rot, cands, self._now)
        if self._planned or self._deactivating:
            cands = [self._planned_view(c) for c in cands]
        last = self._last.get(name, rot.territory.rr_position)
        return rules.RotationFacts(name, cands, last)

    def _planned_view(self, c: rules.Candidate) -> rules.Candidate:
        extra = self._planned.get(c.member_id, 0)
        if c.user_id in self._deactivating:
            return replace(c, eligible=False, why_not="deactivated (R-7)")
        return replace(c, assigned_count=c.assigned_count + extra) if extra else c

    def take(self, name: str, member_id: int) -> None:
        """Count one lead for the member the decision picked (R-3)."""
        if self._dry:
            self._planned[member_id] = self._planned.get(member_id, 0) + 1
            self._last[name] = member_id
            return
        rot = rotation(self._session, name, lock=self._lock)
        assert rot is not None
        take_slot(rot, member_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
