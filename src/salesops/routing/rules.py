"""Routing rules as pure functions (R-2 … R-7, T-1, T-2): values + now + playbook in, decision out.

No session and no I/O here: the service loads the facts, calls these, and
persists the outcome with a decision record (O-8). Every result carries the
rule IDs that decided it and a one-line reason.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from salesops.playbook.schema import Playbook, Stale
from salesops.routing.timeoff import (  # R-6, re-exported: rotations and tests read them here
    Availability,
    availability,
    local_date,
    merge_ranges,
)

__all__ = ["Availability", "availability", "local_date", "merge_ranges"]


@dataclass(frozen=True)
class Candidate:
    """One member of a territory's rotation, as the weighted round robin sees it (R-3)."""

    member_id: int
    user_id: int
    priority: int
    adjustment: int
    assigned_count: int
    eligible: bool = True
    why_not: str = ""
    email: str = ""

    @property
    def load(self) -> int:
        """R-3: priority k gets one lead per k the others get, so load = (count + adj) · k."""
        return (self.assigned_count + self.adjustment) * self.priority


@dataclass(frozen=True)
class Pick:
    candidate: Candidate | None
    reason: str
    rule_ids: tuple[str, ...] = ("R-3",)


def pick_next(
    candidates: Sequence[Candidate],
    *,
    last_member_id: int = 0,
    exclude_user_ids: Iterable[int] = (),
) -> Pick:
    """R-3: the eligible member with the lowest weighted load; ties go round the rotation.

    ``last_member_id`` is the territory's rotation position (the member picked
    last): among equal loads the first member after it (by id, wrapping) wins.
    ``exclude_user_ids`` keeps e.g. the current owner out (T-1).
    """
    excluded = set(exclude_user_ids)
    pool = [c for c in candidates if c.eligible and c.user_id not in excluded]
    if not pool:
        skipped = [c for c in candidates if not c.eligible or c.user_id in excluded]
        detail = "; ".join(
            f"{c.email or c.user_id}: {c.why_not or 'current owner'}" for c in skipped
        )
        return Pick(None, "no eligible member" + (f" ({detail})" if detail else ""))

    def key(c: Candidate) -> tuple[int, int]:
        return (c.load, (c.member_id - last_member_id - 1) % (1 << 62))

    best = min(pool, key=key)
    others = ", ".join(f"{c.email or c.user_id}={c.load}" for c in pool if c is not best)
    reason = (
        f"weighted round robin: {best.email or best.user_id} has the lowest load "
        f"{best.load} (count {best.assigned_count} + adjustment {best.adjustment}) × "
        f"priority {best.priority}" + (f"; others {others}" if others else "")
    )
    return Pick(best, reason)


def level_adjustment(member: Candidate, present: Sequence[Candidate]) -> int:
    """R-3/R-6: the adjustment that brings a member back from time off level with the others.

    Returns the new adjustment (never lower than the current one), so the
    returning member is not flooded and nobody else's count changes.
    """
    loads = [c.load for c in present if c.member_id != member.member_id and c.eligible]
    if not loads:
        return member.adjustment
    target = math.ceil(min(loads) / member.priority) - member.assigned_count
    return max(member.adjustment, target)


# --- returning leads (R-3a) ---------------------------------------------------


def months_ago(now: datetime, months: int) -> datetime:
    """``now`` minus whole calendar months (day clamped to the month's end)."""
    year, month = now.year, now.month - months
    while month <= 0:
        month += 12
        year -= 1
    for day in range(now.day, 27, -1):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return now.replace(year=year, month=month, day=min(now.day, 28))


# --- the stale sweep (T-1, T-2) ---------------------------------------------


@dataclass(frozen=True)
class StaleCutoffs:
    reassign_before: datetime  # untouched since at or before → T-1
    autoclose_before: datetime  # untouched since the reassignment at or before → T-2


def stale_cutoffs(now: datetime, stale: Stale) -> StaleCutoffs:
    """T-1/T-2: exactly N untouched days is stale; a touch at day N-1 restarts the clock."""
    return StaleCutoffs(
        reassign_before=now - timedelta(days=stale.reassign_after_days),
        autoclose_before=now - timedelta(days=stale.autoclose_after_days),
    )


def stale_action(
    *, reassignment_count: int, anchor: datetime, now: datetime, stale: Stale
) -> str | None:
    """T-1/T-2 for one open, owned task: "reassign", "autoclose" or None (not stale)."""
    cut = stale_cutoffs(now, stale)
    if reassignment_count < stale.max_reassignments:
        return "reassign" if anchor <= cut.reassign_before else None
    return "autoclose" if anchor <= cut.autoclose_before else None


@dataclass
class RulePath:
    """The steps routing took for one task, in order (R-8 shows it; O-8 records it)."""

    steps: list[dict[str, object]] = field(default_factory=list)

    def add(self, rule_ids: Sequence[str], outcome: str, reason: str) -> None:
        self.steps.append({"rule_ids": list(rule_ids), "outcome": outcome, "reason": reason})

    def rule_ids(self) -> list[str]:
        """Every rule applied, in order, once each."""
        return list(dict.fromkeys(r for s in self.steps for r in s["rule_ids"]))  # type: ignore[attr-defined]


# --- the routing decision (M-3, R-2 … R-7, T-1): one function for every path ----------


@dataclass(frozen=True)
class UserFacts:
    """What the chain needs of a user: active (R-7) and on time off today (R-6 "owner away")."""

    active: bool
    away: bool = False


@dataclass(frozen=True)
class RotationFacts:
    """A territory's round robin as it stands (R-3): its candidates and rotation position."""

    name: str
    candidates: Sequence[Candidate]
    last_member_id: int = 0


@dataclass(frozen=True)
class PreviousLead:
    """R-3a input: the latest earlier owned lead task on the account."""

    task_id: int
    owner_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class RouteFacts:
    """The loaded facts of one lead (or of one account's stale work, T-1).

    ``users`` and ``rotations`` are mappings: a path that scales preloads them
    (``routing.batch``); the single-lead path fills them on first look-up, so an
    owned account never locks a territory. ``territory`` is the stored territory
    name (the account's; for the sweep, the task's), used when the playbook knows
    it, else R-4 maps ``country``/``us_state``.
    """

    account_id: int | None
    account_owner_id: int | None
    territory: str | None
    country: str | None
    us_state: str | None
    users: Mapping[int, UserFacts]
    rotations: Mapping[str, RotationFacts]
    linked_task: tuple[int, int | None] | None = None  # M-3: open task (id, owner)
    open_opportunity: tuple[int, int | None] | None = None  # M-3: (id, owner)
    previous_lead: PreviousLead | None = None  # R-3a
    domain_account: bool = True  # R-3a: personal (free-mail) accounts never "return"
    reassign_from: frozenset[int] = frozenset()  # T-1: the stale owners the work leaves


@dataclass
class RouteDecision:
    """The outcome of ``decide_route``: owner (or None), territory, rule path and reason."""

    owner_id: int | None
    territory: str
    path: RulePath
    away: bool = False
    re_own_from: int | None = None  # the deactivated owner the account is taken from
    own_account: bool = False  # the account gets ``owner_id`` (unowned, or re-owned R-7)
    member_id: int | None = None  # the rotation slot taken (the caller counts it, R-3)
    candidates: Sequence[Candidate] = ()
    claim_rule_ids: list[str] = field(default_factory=list)  # the account's "assign" record

    @property
    def rule_ids(self) -> list[str]:
        """The task's route record: the path's rules, R-6 last when the owner is away."""
        ids = list(dict.fromkeys(r for s in self.path.steps[: self._main] for r in s["rule_ids"]))  # type: ignore[attr-defined]
        return ids + ["R-6"] if self.away else ids

    def owned_concurrently(self, owner_id: int, away: bool) -> None:
        """R-5: another writer owned the account first; the lead follows its real owner."""
        if self.away:
            self.path.steps.pop()
        self.path.add(["R-5", "R-2"], f"user {owner_id}", "the account was owned concurrently")
        self.owner_id, self.own_account, self.away = owner_id, False, away
        if away:
            self.path.add(["R-2", "R-6"], "owner away", "the owner is on time off today")

    @property
    def _main(self) -> int:
        return len(self.path.steps) - (1 if self.away else 0)

    @property
    def reason(self) -> str:
        if self.owner_id is None:
            return "left unassigned: " + str(self.path.steps[-1]["reason"])
        if self.away:
            return f"{self.path.steps[-2]['reason']} (owner away)"
        return str(self.path.steps[-1]["reason"])


def territory_name(
    stored: str | None, country: str | None, us_state: str | None, playbook: Playbook
) -> str:
    """R-4: the stored territory when the playbook knows it, else by country/state."""
    if stored is not None and stored in {t.name for t in playbook.territories.items}:
        return stored
    return playbook.territory_for(country, us_state).name


def returning_lead(
    previous: PreviousLead | None, now: datetime, months: int
) -> PreviousLead | None:
    """R-3a: the earlier lead counts when it came in within ``months`` of ``now``."""
    if previous is None or months <= 0 or previous.created_at < months_ago(now, months):
        return None
    return previous


def conversation_owner(
    linked: tuple[int, int | None] | None,
    opportunity: tuple[int, int | None] | None,
    active: Callable[[int | None], bool],
) -> tuple[int, str] | None:
    """M-3: the owner of the open task the lead is linked to, else of the account's open
    opportunity — when active; with why. Intake's link and ``decide_route`` both ask it."""
    if linked is not None and linked[1] is not None and active(linked[1]):
        return linked[1], f"linked to open task {linked[0]}"
    if opportunity is not None and opportunity[1] is not None and active(opportunity[1]):
        return opportunity[1], f"account has open opportunity {opportunity[0]}"
    return None


def decide_route(facts: RouteFacts, now: datetime, playbook: Playbook) -> RouteDecision:
    """M-3, R-2, R-3a, R-4/R-3, R-6, R-7 and T-1 for one lead: the one routing chain.

    1. M-3 — the open task the lead is linked to, else the account's open
       opportunity: the same owner (when active).
    2. R-2 — the account's owner; a deactivated owner (R-7) falls through and the
       account is re-owned.
    3. R-3a — the previous lead on a domain account within ``returning_lead_months``:
       its owner, when active.
    4. R-4/R-3 — the territory's weighted round robin, then the fallback territory's.

    T-1 (``facts.reassign_from`` set, the stale sweep): the work leaves its owners, so
    only the task's own territory's round robin decides, without them. The owner is
    flagged away when on time off (R-6). Pure: reads only ``facts``, ``now``, ``playbook``.
    """
    path = RulePath()
    excluded = facts.reassign_from
    territory = territory_name(facts.territory, facts.country, facts.us_state, playbook)
    decision = RouteDecision(None, territory, path)

    def active(uid: int | None) -> bool:
        user = facts.users.get(uid) if uid is not None and uid not in excluded else None
        return user is not None and user.active

    owner_id: int | None = None
    if not excluded:
        owner_id = _fixed_owner(facts, now, playbook, path, decision, active)
    if owner_id is None:
        owner_id = _round_robin(facts, territory, playbook, path, decision)
    decision.owner_id = owner_id
    if owner_id is not None:
        decision.own_account = facts.account_owner_id is None or decision.re_own_from is not None
        decision.claim_rule_ids = path.rule_ids()
        user = facts.users.get(owner_id)
        decision.away = bool(user is not None and user.away)
        if decision.away:
            path.add(["R-2", "R-6"], "owner away", "the owner is on time off today")
    return decision


def _fixed_owner(
    facts: RouteFacts,
    now: datetime,
    playbook: Playbook,
    path: RulePath,
    decision: RouteDecision,
    active: Callable[[int | None], bool],
) -> int | None:
    """M-3, R-2 (R-7) and R-3a: an owner the lead's account already has a reason for."""
    m3 = conversation_owner(facts.linked_task, facts.open_opportunity, active)
    if m3 is not None:
        path.add(["M-3"], f"user {m3[0]}", f"one account, one conversation: {m3[1]}")
        return m3[0]
    if facts.account_owner_id is not None:
        if active(facts.account_owner_id):
            path.add(["R-2"], f"user {facts.account_owner_id}", "the account's owner gets the task")
            return facts.account_owner_id
        decision.re_own_from = facts.account_owner_id
        path.add(["R-7"], "re-own", f"account owner {facts.account_owner_id} is deactivated")
    months = playbook.routing.returning_lead_months
    back = returning_lead(facts.previous_lead, now, months) if facts.domain_account else None
    if back is not None and active(back.owner_id):
        path.add(
            ["R-3a"],
            f"user {back.owner_id}",
            f"returning lead: task {back.task_id} on this account came in within {months} months",
        )
        return back.owner_id
    return None


def _round_robin(
    facts: RouteFacts, territory: str, playbook: Playbook, path: RulePath, decision: RouteDecision
) -> int | None:
    """R-4 then R-3: the territory's next member; the fallback territory if nobody is eligible
    (T-1: the task's territory only, without its current owners)."""
    names = [territory]
    if not facts.reassign_from and playbook.territories.fallback not in names:
        names.append(playbook.territories.fallback)
    for i, name in enumerate(names):
        rot = facts.rotations.get(name)
        if rot is None:
            continue
        if not facts.reassign_from:
            where = f"territory of country {facts.country or '?'}" + (
                f"/{facts.us_state}" if facts.us_state else ""
            )
            path.add(["R-4"], name, where if i == 0 else "fallback territory")
        decision.candidates = rot.candidates
        decision.territory = name
        pick = pick_next(
            rot.candidates, last_member_id=rot.last_member_id, exclude_user_ids=facts.reassign_from
        )
        if pick.candidate is not None:
            decision.member_id = pick.candidate.member_id
            rule_ids = ["T-1", *pick.rule_ids] if facts.reassign_from else list(pick.rule_ids)
            path.add(rule_ids, f"user {pick.candidate.user_id}", pick.reason)
            return pick.candidate.user_id
        path.add(["T-1"] if facts.reassign_from else ["R-3"], "nobody", f"{name}: {pick.reason}")
    decision.territory = territory
    return None
