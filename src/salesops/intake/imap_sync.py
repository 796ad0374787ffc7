"""Incremental IMAP sync of the users' mailboxes (issue 20 item 2), with IMAPClient.

Per folder (INBOX and the Sent folder, found by its ``\\Sent`` special use or a usual
name), the last sync's ``UIDVALIDITY`` and ``UIDNEXT`` are kept on the mailbox row:

- the same UIDVALIDITY and UIDNEXT → nothing new: one ``STATUS`` per folder (no
  SELECT), nothing read, no unit of work but the final one stamping ``synced_at``;
- the same UIDVALIDITY, a higher UIDNEXT → only ``UID FETCH <old UIDNEXT>:*``;
- a new UIDVALIDITY (the server renumbered the folder), or a first sync → the last
  ``FIRST_SYNC_DAYS`` days are read again; ``mailboxes.log_messages`` logs a message
  once per contact by Message-ID, so nothing is logged twice.

Per chunk of ``CHUNK`` UIDs: the headers alone are fetched (``BODY.PEEK[HEADER]``, never
marked read) and parsed cheaply (``intake.mail_headers``); one read-only query set
decides which messages would be logged (known contact, not robot, not internal, not
already logged: ``mailboxes.to_log``); only those are fetched whole (``BODY.PEEK[]``) and
parsed within the CPU budget; then they are logged, with the folder's new position, in
one unit of work (one multi-row INSERT, one UPDATE of the touched tasks): a crash
re-reads at most one chunk, which the Message-ID check absorbs. The network never runs
inside a transaction. ``sync_due`` is called by every worker pass (``salesops.worker``);
a mailbox is claimed with a lease so two workers never sync it at once.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError
from sqlalchemy import or_, select, update

from salesops.core import clock
from salesops.core.secretbox import Undecryptable, unseal
from salesops.intake.budget import Budget
from salesops.intake.email_parse import ParsedMail
from salesops.intake.mail_headers import parse_headers, with_body
from salesops.intake.mailboxes import Mailbox, log_messages, to_log
from salesops.playbook.runtime import Runtime

log = logging.getLogger("salesops.intake.imap")

SYNC_EVERY = timedelta(minutes=5)
LEASE = timedelta(minutes=10)
FIRST_SYNC_DAYS = 90
CHUNK = 500  # messages per fetch and per unit of work
TIMEOUT = 30.0
SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "[Gmail]/Sent Mail", "INBOX.Sent")


@contextmanager
def _client(box: dict[str, Any], password: str) -> Iterator[IMAPClient]:
    context = ssl.create_default_context() if box["use_ssl"] else None
    client = IMAPClient(
        box["host"], port=box["port"], ssl=box["use_ssl"], ssl_context=context, timeout=TIMEOUT
    )
    try:
        client.login(box["login"], password)
        yield client
    finally:
        with suppress(IMAPClientError, OSError):
            client.logout()


def _folders(client: IMAPClient, known: dict[str, Any]) -> list[str]:
    """INBOX and Sent; the Sent folder found last time is used again without a LIST (a
    folder that has gone is looked up afresh by ``sync_mailbox``)."""
    synced = [name for name in known if name != "INBOX"]
    if synced:
        return ["INBOX", synced[0]]
    sent = client.find_special_folder(b"\\Sent")
    if sent is None:
        names = {name for _, _, name in client.list_folders()}
        sent = next((n for n in SENT_NAMES if n in names), None)
    return ["INBOX", *([sent] if sent and sent != "INBOX" else [])]


def sync_mailbox(rt: Runtime, mailbox_id: int, now: datetime | None = None) -> dict[str, int]:
    """Sync one mailbox; returns counts (``read``, ``logged``). Errors are kept on the row
    (shown to its owner) and raised."""
    now = now or clock.now()
    with rt.db.unit_of_work(readonly=True) as s:  # bookkeeping: no playbook needed
        row = s.get(Mailbox, mailbox_id)
        if row is None:
            return {"read": 0, "logged": 0}
        box: dict[str, Any] = {
            "host": row.host, "port": row.port, "use_ssl": row.use_ssl, "login": row.login,
            "user_id": row.user_id, "folders": dict(row.folders or {}),
        }  # fmt: skip
        sealed = row.password_sealed
    stats = {"read": 0, "logged": 0}
    try:
        password = unseal(str(rt.settings.secret_key or ""), sealed)
        with _client(box, password) as client:
            for folder in _folders(client, box["folders"]):
                try:
                    _sync_folder(rt, client, mailbox_id, box, folder, now, stats)
                except IMAPClientError:
                    if folder == "INBOX" or folder not in box["folders"]:
                        raise
                    box["folders"].pop(folder)  # the Sent folder moved: find it again
                    for again in _folders(client, {})[1:]:
                        _sync_folder(rt, client, mailbox_id, box, again, now, stats)
    except (TimeoutError, IMAPClientError, LoginError, OSError, Undecryptable) as exc:
        with rt.uow() as s:
            s.execute(
                update(Mailbox)
                .where(Mailbox.id == mailbox_id)
                .values(
                    last_error=f"{type(exc).__name__}: {exc}"[:1000],
                    sync_started_at=None,
                    synced_at=now,  # the last attempt: tried again after SYNC_EVERY
                )
            )
        raise
    with rt.db.unit_of_work() as s:  # the one write of a sync that found nothing new
        s.execute(
            update(Mailbox)
            .where(Mailbox.id == mailbox_id)
            .values(synced_at=now, last_error=None, sync_started_at=None)
        )
    return stats


def _sync_folder(
    rt: Runtime,
    client: IMAPClient,
    mailbox_id: int,
    box: dict[str, Any],
    folder: str,
    now: datetime,
    stats: dict[str, int],
) -> None:
    known = box["folders"].get(folder) or {}
    if known:  # STATUS: no SELECT, nothing read, no transaction when nothing is new
        info = client.folder_status(folder, [b"UIDVALIDITY", b"UIDNEXT"])
        status = int(info[b"UIDVALIDITY"]), int(info.get(b"UIDNEXT") or 0)
        if (known.get("uidvalidity"), known.get("uidnext")) == status:
            return
    info = client.select_folder(folder, readonly=True)
    validity, uidnext = int(info[b"UIDVALIDITY"]), int(info.get(b"UIDNEXT") or 0)
    if known.get("uidvalidity") == validity and known.get("uidnext") == uidnext:
        return
    if known.get("uidvalidity") == validity:
        uids = [u for u in client.search(["UID", f"{known['uidnext']}:*"]) if u >= known["uidnext"]]
    else:  # first sync or renumbered: the recent past again (logged once per Message-ID)
        since = (now - timedelta(days=FIRST_SYNC_DAYS)).date()
        uids = client.search(["SINCE", since])
    uids = sorted(uids)
    budget_ms = rt.settings.mail_cpu_budget_ms
    for start in range(0, max(len(uids), 1), CHUNK):
        chunk = uids[start : start + CHUNK]
        done = start + CHUNK >= len(uids)
        position = {"uidvalidity": validity, "uidnext": uidnext if done else max(chunk) + 1}
        mails = _read_chunk(rt, client, box["user_id"], chunk, budget_ms) if chunk else []
        folders = {**box["folders"], folder: position}
        with rt.uow() as s:
            if mails:
                stats["logged"] += log_messages(s, box["user_id"], mails, now)
            s.execute(update(Mailbox).where(Mailbox.id == mailbox_id).values(folders=folders))
        box["folders"] = folders
        stats["read"] += len(chunk)


def _read_chunk(
    rt: Runtime, client: IMAPClient, user_id: int, chunk: list[int], budget_ms: float
) -> list[ParsedMail]:
    """Read a chunk's headers, decide which messages would be logged (one read-only
    unit of work), fetch and parse only those whole; the caller logs them."""
    heads = client.fetch(chunk, ["BODY.PEEK[HEADER]"])
    parsed = [(uid, parse_headers(heads[uid].get(b"BODY[HEADER]") or b"")) for uid in chunk
              if uid in heads]  # fmt: skip
    candidates = [(uid, mail) for uid, mail in parsed if mail is not None]
    with rt.uow(readonly=True) as s:
        chosen = to_log(s, user_id, [m for _, m in candidates])
    wanted = [candidates[i] for i in sorted(chosen)]
    if not wanted:
        return []
    bodies = client.fetch([uid for uid, _ in wanted], ["BODY.PEEK[]"])
    mails = []
    for uid, mail in wanted:
        raw = bodies.get(uid, {}).get(b"BODY[]")
        if not raw:
            continue  # expunged since its headers were read: nothing to log
        whole = with_body(mail, raw, Budget(budget_ms / 1000))
        if whole is not None:
            mails.append(whole)
    return mails


def sync_due(rt: Runtime, now: datetime | None = None) -> int:
    """Every worker pass: claim one mailbox not synced for ``SYNC_EVERY`` (a lease keeps
    other workers off it) and sync it; returns how many were synced (0 or 1)."""
    now = now or clock.now()
    with rt.uow() as s:
        mailbox_id = s.scalar(
            select(Mailbox.id)
            .where(
                or_(Mailbox.synced_at.is_(None), Mailbox.synced_at <= now - SYNC_EVERY),
                or_(Mailbox.sync_started_at.is_(None), Mailbox.sync_started_at <= now - LEASE),
            )
            .order_by(Mailbox.synced_at.is_not(None), Mailbox.synced_at, Mailbox.id)
            .limit(1)
        )
        if mailbox_id is None:
            return 0
        taken = s.execute(
            update(Mailbox)
            .where(
                Mailbox.id == mailbox_id,
                or_(Mailbox.sync_started_at.is_(None), Mailbox.sync_started_at <= now - LEASE),
            )
            .values(sync_started_at=now)
        ).rowcount  # type: ignore[attr-defined]
    if taken != 1:
        return 0  # another worker took it
    try:
        sync_mailbox(rt, mailbox_id, now)
    except Exception:  # kept on the row; the next pass moves on to the next mailbox
        log.exception("mailbox %s: sync failed", mailbox_id)
    return 1
