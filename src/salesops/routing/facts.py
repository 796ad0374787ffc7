"""The facts ``rules.decide_route`` reads (M-3, R-2, R-3a, R-4, R-7), loaded per path.

One lead (``lead_facts``: ``route_task``, the preview, a user's deactivation) and a
batch (``load_batch_facts``: ``routing.batch``, one IN query per kind). R-3a has one
loader, ``previous_leads``. Intake calls ``link_open_conversation`` (M-3's link, owner
by the same ``rules.conversation_owner``) and ``previous_lead`` from above. They read
and link lead tasks and opportunities (work), so they sit with routing, above work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.audit import defer_decision
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import playbook_of
from salesops.playbook.schema import Playbook
from salesops.routing import rules
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users.models import User


def open_lead_task(
    session: Session, account_id: int, *, before_task_id: int | None = None
) -> Task | None:
    """M-3: the account's open lead task a new lead links to (owned first, oldest first;
    earlier than ``before_task_id`` when given)."""
    query = select(Task).where(
        Task.account_id == account_id,
        Task.kind == "lead",
        Task.status.in_(OPEN_STATUSES),
    )
    if before_task_id is not None:  # earlier tasks: a batch's later leads are not there yet
        query = query.where(Task.id < before_task_id)
    return session.scalar(query.order_by(Task.owner_id.is_(None), Task.id).limit(1))


def open_conversation(session: Session, task: Task) -> tuple[Task | None, Opportunity | None]:
    """M-3: the account's open lead task created before this one (owned first, oldest
    first) or its open opportunity."""
    other = open_lead_task(session, task.account_id, before_task_id=task.id)
    if other is not None:
        return other, None
    opp = session.scalar(
        select(Opportunity)
        .where(Opportunity.account_id == task.account_id, Opportunity.is_closed.is_(False))
        .order_by(Opportunity.id)
        .limit(1)
    )
    if opp is None:
        return None, None
    converted = session.scalar(
        select(Task).where(Task.opportunity_id == opp.id).order_by(Task.id).limit(1)
    )
    return converted, opp


def link_open_conversation(session: Session, task: Task, now: datetime) -> bool:
    """M-3: one account, one conversation. A new task on an account with an open task or
    open opportunity is linked to it and goes to the same owner. Returns whether linked."""
    other, opp = open_conversation(session, task)
    if other is None and opp is None:
        return False
    root = other.linked_task_id or other.id if other is not None else None
    m3 = rules.conversation_owner(
        (int(root), other.owner_id) if other is not None and root and opp is None else None,
        (opp.id, opp.owner_id) if opp is not None else None,
        lambda uid: _active(session, uid),
    )  # the same M-3 rule routing applies: an active owner only
    owner_id = m3[0] if m3 is not None else None
    task.linked_task_id = root
    if owner_id is not None and task.owner_id is None:
        task.owner_id = owner_id
        task.assigned_at = now
        task.stale_anchor_at = now  # T-1/T-2: its stale clock starts like any assigned task's
    what = f"open opportunity {opp.id}" if opp is not None else f"open task {root}"
    defer_decision(
        session,
        "link",
        task,
        {"account_id": task.account_id, "open_task_id": root, "opportunity_id": opp and opp.id},
        ["M-3"],
        f"account {task.account_id} already has {what}: linked"
        + (f" and given to its owner {owner_id}" if owner_id else " (no active owner yet)"),
        outcome={"linked_task_id": root, "owner_id": owner_id},
        owner_id=owner_id,
        territory=task.territory,
        at=now,
    )
    session.flush()
    return True


def _active(session: Session, user_id: int | None) -> bool:
    user = session.get(User, user_id) if user_id is not None else None
    return user is not None and user.active


def previous_lead(session: Session, task: Task, now: datetime) -> rules.PreviousLead | None:
    """R-3a input for intake's record: the account's most recent earlier lead task created
    within the playbook's ``routing.returning_lead_months`` (domain accounts only; personal
    accounts never match), owned or not. Routing reads the same loader (``previous_leads``)."""
    account = session.get(Account, task.account_id)
    if account is None or account.domain is None:
        return None
    months = playbook_of(session).routing.returning_lead_months
    found = previous_leads(
        session, [task.account_id], now, months, before_task_id=task.id, owned=False
    )
    return found.get(task.account_id)


# -- one lead's facts (routing.service, routing.preview, flows.deactivation) -----------


def latest_open_opportunity(session: Session, account_id: int) -> tuple[int, int] | None:
    """M-3: the account's newest open, owned opportunity (id, owner)."""
    row = session.execute(
        select(Opportunity.id, Opportunity.owner_id)
        .where(
            Opportunity.account_id == account_id,
            Opportunity.is_closed.is_(False),
            Opportunity.owner_id.is_not(None),
        )
        .order_by(Opportunity.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (int(row.id), int(row.owner_id))


def lead_facts(
    session: Session,
    account: Account,
    now: datetime,
    pb: Playbook,
    *,
    users: Mapping[int, rules.UserFacts],
    rotations: Mapping[str, rules.RotationFacts],
    linked_task_id: int | None = None,
    task_id: int | None = None,
    fresh: bool = False,
    country: tuple[str | None, str | None] | None = None,
) -> rules.RouteFacts:
    """The facts ``rules.decide_route`` reads for one lead on ``account``: the open task it
    is linked to and the account's open opportunity (M-3), its owner (R-2, R-7), the
    previous lead (R-3a, earlier than ``task_id``), its territory (R-4). A ``fresh``
    account (created in this transaction) has no history: nothing is looked up.
    ``country`` (the preview's lead) overrides the account's for R-4."""
    linked: tuple[int, int | None] | None = None
    if linked_task_id is not None:
        task = session.get(Task, linked_task_id)
        if task is not None and task.status in OPEN_STATUSES:
            linked = (task.id, task.owner_id)
    opp = None if fresh else latest_open_opportunity(session, account.id)
    previous = None
    if not fresh and account.domain is not None:
        months = pb.routing.returning_lead_months
        found = previous_leads(session, [account.id], now, months, before_task_id=task_id)
        previous = found.get(account.id)
    territory: str | None = account.territory
    where = (account.country, account.us_state)
    if country is not None:
        territory, where = None, country
    return rules.RouteFacts(
        account_id=account.id,
        account_owner_id=account.owner_id,
        territory=territory,
        country=where[0],
        us_state=where[1],
        users=users,
        rotations=rotations,
        linked_task=linked,
        open_opportunity=opp,
        previous_lead=previous,
        domain_account=account.domain is not None,
    )


# -- a batch's facts (routing.batch) ----------------------------------------------


@dataclass
class AccountFacts:
    """What routing reads of an account (R-2, R-4)."""

    id: int
    owner_id: int | None
    territory: str | None
    country: str | None
    us_state: str | None
    domain: str | None


@dataclass
class BatchFacts:
    """Everything the chain reads for one batch, loaded with one query per kind."""

    accounts: dict[int, AccountFacts]
    linked: dict[int, Any]  # task id → (status, owner_id)
    opportunity: dict[int, tuple[int, int]]  # account id → (opportunity id, owner)
    previous: dict[int, rules.PreviousLead]  # account id → the latest owned lead (R-3a)
    users: dict[int, User] = field(default_factory=dict)


def load_batch_facts(
    session: Session, batch: Sequence[Any], now: datetime, pb: Playbook, pg: bool
) -> BatchFacts:
    """The facts of a batch of unassigned leads (``routing.batch``), one query per kind:
    their accounts (locked in id order on PostgreSQL, R-5), linked tasks (M-3), open
    owned opportunities (M-3), previous leads (R-3a) and the users they name."""
    account_ids = sorted({row.account_id for row in batch})
    aq = (
        select(
            Account.id,
            Account.owner_id,
            Account.territory,
            Account.country,
            Account.us_state,
            Account.domain,
        )
        .where(Account.id.in_(account_ids))
        .order_by(Account.id)
    )
    if pg:  # the same lock route_task takes, in id order (no deadlock between batches)
        aq = aq.with_for_update(key_share=True, of=Account)
    accounts = {r.id: AccountFacts(*r) for r in session.execute(aq)}
    linked_ids = sorted({row.linked_task_id for row in batch if row.linked_task_id})
    linked = (
        {
            r.id: r
            for r in session.execute(
                select(Task.id, Task.status, Task.owner_id).where(Task.id.in_(linked_ids))
            )
        }
        if linked_ids
        else {}
    )
    opportunity: dict[int, tuple[int, int]] = {}
    for r in session.execute(
        select(Opportunity.account_id, Opportunity.id, Opportunity.owner_id)
        .where(
            Opportunity.account_id.in_(account_ids),
            Opportunity.is_closed.is_(False),
            Opportunity.owner_id.is_not(None),
        )
        .order_by(Opportunity.id.desc())
    ):
        opportunity.setdefault(r.account_id, (r.id, r.owner_id))
    previous = previous_leads(session, account_ids, now, pb.routing.returning_lead_months)
    facts = BatchFacts(accounts, linked, opportunity, previous)
    user_ids = {a.owner_id for a in accounts.values()} | {r.owner_id for r in linked.values()}
    user_ids |= {o for _, o in opportunity.values()} | {p.owner_id for p in previous.values()}
    user_ids.discard(None)
    if user_ids:
        facts.users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(user_ids)))}
    return facts


def previous_leads(
    session: Session,
    account_ids: Sequence[int],
    now: datetime,
    months: int,
    *,
    before_task_id: int | None = None,
    owned: bool = True,
) -> dict[int, rules.PreviousLead]:
    """R-3a: per account, the latest lead task created within ``months`` (owned ones only
    unless ``owned`` is False; earlier than ``before_task_id`` when given). One query over
    the accounts' leads; the owner test is done here so the plan follows the account index.
    The one loader of R-3a's input: single lead, batch, preview, R-7 and intake's record."""
    if months <= 0 or not account_ids:
        return {}
    one = len(account_ids) == 1  # one lead: its few rows carry their timestamps
    cols = (Task.account_id, Task.id, Task.owner_id) + ((Task.created_at,) if one else ())
    query = select(*cols).where(
        Task.account_id.in_(list(account_ids)),
        Task.kind == "lead",
        Task.created_at >= rules.months_ago(now, months),
    )
    if before_task_id is not None:
        query = query.where(Task.id < before_task_id)
    rows = session.execute(query.order_by(Task.account_id, Task.created_at.desc(), Task.id.desc()))
    latest: dict[int, tuple[int, int | None]] = {}
    when: dict[int, datetime] = {}
    for r in rows:
        if (r.owner_id is not None or not owned) and r.account_id not in latest:
            latest[r.account_id] = (r.id, r.owner_id)
            if one:
                when[r.id] = r.created_at
    if not latest or one:
        return {a: rules.PreviousLead(t, o, when[t]) for a, (t, o) in latest.items()}
    # a batch: created_at of the winners only (converting every scanned row's costs more)
    when = dict(
        session.execute(
            select(Task.id, Task.created_at).where(Task.id.in_([t for t, _ in latest.values()]))
        ).all()
    )
    out = {a: rules.PreviousLead(t, o, when[t]) for a, (t, o) in latest.items()}
    return out
