"""Mailbox capture (issue 20 item 2): each user connects an IMAP mailbox; its mail to and
from known contacts lands on their timelines (A-1) and touches their open tasks (T-3).

The self-hosted "connect your Gmail": host, login and an app password (stored sealed
with the server key, ``core.secretbox``). ``intake.imap_sync`` reads INBOX and Sent
incrementally; this module keeps the rows and logs what it read. A message is logged
once per contact (by Message-ID), so a resync after a UIDVALIDITY change adds nothing
twice. Internal mail (only colleagues) and robot mail (auto-replies, bounces: the
playbook's markers, I-3) are ignored as intake ignores them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Boolean, ForeignKey, Integer, String, Table, Text, bindparam, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from salesops.accounts.models import Contact
from salesops.activities.models import Activity
from salesops.core.db import Base, JSONType, UTCDateTime
from salesops.core.errors import NotFound, ValidationFailed
from salesops.core.fastsql import insert_rows
from salesops.core.secretbox import seal
from salesops.intake.email_parse import ParsedMail
from salesops.intake.identity import identity_of
from salesops.intake.robots import robot_reason
from salesops.intake.rules import auto_reply_reason, is_internal
from salesops.playbook.runtime import playbook_of, settings_of
from salesops.tasks import service as tasks
from salesops.tasks.models import OPEN_STATUSES, Task
from salesops.users import service as users
from salesops.users.models import User

MAX_CHARS = 20_000


class Mailbox(Base):
    __tablename__ = "mailboxes"
    subject_type = "mailbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    host: Mapped[str] = mapped_column(String(253))
    port: Mapped[int] = mapped_column(Integer, default=993)
    use_ssl: Mapped[bool] = mapped_column(Boolean, default=True)
    login: Mapped[str] = mapped_column(String(254))
    password_sealed: Mapped[str] = mapped_column(Text)
    # Per folder: {"uidvalidity": int, "uidnext": int} as of the last sync.
    folders: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sync_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


def connect_mailbox(session: Session, actor: User, data: dict[str, Any], now: datetime) -> Mailbox:
    """The actor's mailbox (one per user; connecting again replaces its settings and
    starts afresh)."""
    users.require_writer(actor)
    host = str(data.get("host") or "").strip().lower()
    if not host or any(c in host for c in " /:@"):
        raise ValidationFailed("host: the IMAP server's name, e.g. imap.gmail.com", field="host")
    login = str(data.get("login") or "").strip()
    if not login:
        raise ValidationFailed("login: the mailbox's login (usually your address)", field="login")
    password = str(data.get("password") or "")
    if not password:
        raise ValidationFailed("password: an app password for the mailbox", field="password")
    port = int(data.get("port") or 993)
    if not 1 <= port <= 65535:
        raise ValidationFailed("port: 1 to 65535 (993 for IMAP over TLS)", field="port")
    sealed = seal(str(settings_of(session).secret_key or ""), password)
    box = session.scalar(select(Mailbox).where(Mailbox.user_id == actor.id))
    if box is None:
        box = Mailbox(user_id=actor.id, created_at=now, folders={})
        session.add(box)
    box.host, box.port, box.login, box.password_sealed = host, port, login, sealed
    box.use_ssl = bool(data.get("use_ssl", True))
    box.folders, box.synced_at, box.last_error = {}, None, None
    session.flush()
    return box


def mailbox_of(session: Session, user: User) -> Mailbox:
    box = session.scalar(select(Mailbox).where(Mailbox.user_id == user.id))
    if box is None:
        raise NotFound("no mailbox connected", field="mailbox")
    return box


def disconnect_mailbox(session: Session, user: User) -> None:
    session.delete(mailbox_of(session, user))
    session.flush()


@dataclass
class _Plan:
    """What a chunk of mail would log: per message, the known contacts not yet logged."""

    user_id: int
    entries: list[tuple[ParsedMail, bool, list[Any]]]  # (mail, outgoing, contacts)
    open_tasks: dict[int, int]  # contact id → its newest open task


def _plan(session: Session, user_id: int, mails: Sequence[ParsedMail], *, body: bool) -> _Plan:
    """Bounded statements per chunk: contacts, already-logged pairs, (with ``body``) open
    tasks. ``body=False``: from the headers alone (the robot rules that read the text
    run again once it is read)."""
    plan = _Plan(user_id, [], {})
    email = session.scalar(select(User.email).where(User.id == user_id))
    if email is None:
        return plan
    ident = identity_of(session)  # the playbook's own domains and sales aliases (P-1)
    domains = ident.domains
    own = {email.lower(), *ident.aliases}
    markers = playbook_of(session).intake.auto_reply_markers
    wanted: list[tuple[ParsedMail, set[str], bool]] = []
    for mail in mails:
        if not mail.message_id:
            continue
        if auto_reply_reason(mail.headers, mail.from_addr, mail.subject, markers) or (
            robot_reason(mail, body=body, own_domains=domains)
        ):
            continue  # robots, as intake ignores them (I-3; intake.robots)
        people = {mail.from_addr, *mail.to, *mail.cc} - own
        people = {p for p in people if p and not is_internal(p, domains)}
        if people:  # else internal mail only
            outgoing = mail.from_addr in own or is_internal(mail.from_addr, domains)
            wanted.append((mail, people, outgoing))
    if not wanted:
        return plan
    everyone = sorted(set().union(*(p for _, p, _ in wanted)))
    contacts = {
        c.email: c
        for c in session.execute(
            select(Contact.id, Contact.email, Contact.account_id, Contact.last_activity_at)
            .where(Contact.email.in_(everyone))
        )
    }  # fmt: skip
    if not contacts:
        return plan
    contact_ids = [c.id for c in contacts.values()]
    ids = sorted({m.message_id for m, _, _ in wanted if m.message_id})
    seen: set[tuple[Any, Any]] = set(
        (r[0], r[1])
        for r in session.execute(
            select(Activity.source_ref, Activity.contact_id).where(
                Activity.source_ref.in_(ids), Activity.contact_id.in_(contact_ids)
            )
        ).all()
    )
    for mail, people, outgoing in wanted:
        found = []
        for address in sorted(people):
            contact = contacts.get(address)
            if contact is None or (mail.message_id, contact.id) in seen:
                continue
            seen.add((mail.message_id, contact.id))
            found.append(contact)
        if found:
            plan.entries.append((mail, outgoing, found))
    if body and plan.entries:
        for task_id, contact_id in session.execute(
            select(Task.id, Task.contact_id)
            .where(Task.contact_id.in_(contact_ids), Task.status.in_(OPEN_STATUSES))
            .order_by(Task.id)
        ):
            plan.open_tasks[contact_id] = task_id  # the newest open task per contact
    return plan


def to_log(session: Session, user_id: int, mails: Sequence[ParsedMail]) -> set[int]:
    """Which of ``mails`` (read from their headers alone) would be logged: their
    indexes. Only these need their bodies fetched."""
    chosen = {id(m) for m, _, _ in _plan(session, user_id, mails, body=False).entries}
    return {i for i, m in enumerate(mails) if id(m) in chosen}


def log_messages(session: Session, user_id: int, mails: Sequence[ParsedMail], now: datetime) -> int:
    """A-1 / T-3 for a chunk of the user's mail; returns how many timeline entries were
    written. A fixed handful of statements per chunk, whatever its size: three reads
    (contacts, already-logged pairs, open tasks), one multi-row INSERT of the entries,
    one UPDATE of the touched tasks and one (batched) of the contacts' last activity."""
    plan = _plan(session, user_id, mails, body=True)
    rows: list[dict[str, Any]] = []
    touched: set[int] = set()
    latest: dict[int, datetime] = {}
    for mail, outgoing, found in plan.entries:
        for contact in found:
            task_id = plan.open_tasks.get(contact.id)
            if task_id is not None:
                touched.add(task_id)  # T-3: a human sent or received it
            at = mail.date or now
            rows.append(
                {
                    "kind": "email_out" if outgoing else "email_in",
                    "account_id": contact.account_id,
                    "contact_id": contact.id,
                    "task_id": task_id,
                    "opportunity_id": None,
                    "actor_id": user_id,
                    "occurred_at": at,
                    "subject": mail.subject[:500],
                    "body": mail.text[:MAX_CHARS],
                    "source_ref": (mail.message_id or "")[:300] or None,
                    "meta": {"from": mail.from_addr, "to": mail.to, "cc": mail.cc,
                             "mailbox": True},
                    "created_at": now,
                }
            )  # fmt: skip
            before = latest.get(contact.id) or contact.last_activity_at
            latest[contact.id] = max(filter(None, [before, at]))
    if not rows:
        return 0
    insert_rows(session, Activity.__table__, rows, returning=False)
    if touched:
        tasks.touch_many(session, sorted(touched), now)
    table = cast(Table, Contact.__table__)
    session.execute(
        update(table)
        .where(table.c.id == bindparam("contact"))
        .values(last_activity_at=bindparam("at")),
        [{"contact": cid, "at": at} for cid, at in sorted(latest.items())],
    )
    return len(rows)


__all__ = ["Mailbox", "connect_mailbox", "disconnect_mailbox", "log_messages", "to_log"]
