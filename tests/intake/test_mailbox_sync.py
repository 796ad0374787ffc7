"""Mailbox capture against a real Dovecot (issue 20 item 2; A-1, T-3, I-3): INBOX and
Sent synced into the timelines, a second sync reads nothing, new mail only is read, a
UIDVALIDITY change re-reads without duplicates; the app password is stored sealed."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from imapclient import IMAPClient
from sqlalchemy import select

from salesops.accounts.models import Contact
from salesops.activities.models import Activity
from salesops.intake.imap_sync import sync_due, sync_mailbox
from salesops.intake.mailboxes import Mailbox
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task, make_user, token_for
from tests.intake.dovecot import Dovecot, dovecot_server  # noqa: F401 - fixture

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _mail(mid: str, frm: str, to: str, subject: str, extra: str = "") -> bytes:
    return (
        f"From: {frm}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{mid}>\r\n"
        f"Date: Mon, 02 Mar 2026 08:00:00 +0000\r\n{extra}\r\nHello about {subject}\r\n"
    ).encode()


def _imap(d: Dovecot) -> IMAPClient:
    c = IMAPClient("127.0.0.1", port=d.port, ssl=False, timeout=10)
    c.login(d.user, d.password)
    return c


def _log(rt: Runtime) -> list[tuple[str, str | None, int | None]]:
    with rt.uow(readonly=True) as s:
        rows = s.execute(
            select(Activity.kind, Activity.source_ref, Activity.task_id)
            .where(Activity.kind.in_(("email_in", "email_out")))
            .order_by(Activity.id)
        ).all()
        return [(k, r, t) for k, r, t in rows]


def test_mailbox_synced_resynced_and_renumbered(
    rt: Runtime, client: TestClient, dovecot: Dovecot
) -> None:
    sam = make_user(rt, dovecot.user, name="Sam")
    acme = make_account(rt, "Acme")
    ann = make_contact(rt, "ann@acme.com", account_id=acme.id)
    task = make_task(rt, acme, ann, owner_id=sam.id)
    headers = {"Authorization": f"Bearer {token_for(rt, sam)}"}
    r = client.put(
        "/api/v1/mailbox",
        json={"host": "127.0.0.1", "port": dovecot.port, "use_ssl": False,
              "login": dovecot.user, "password": dovecot.password},
        headers=headers,
    )  # fmt: skip
    assert r.status_code == 200, r.text
    with rt.uow(readonly=True) as s:
        sealed = s.scalars(select(Mailbox)).one().password_sealed
    assert dovecot.password not in sealed

    imap = _imap(dovecot)
    imap.append("INBOX", _mail("m1@acme.com", "Ann <ann@acme.com>", dovecot.user, "pricing"))
    robot = "Auto-Submitted: auto-replied\r\n"
    imap.append("INBOX", _mail("m2@acme.com", "ann@acme.com", dovecot.user, "Away", robot))
    imap.append("INBOX", _mail("m3@example.com", "bob@example.com", dovecot.user, "lunch"))
    imap.append("INBOX", _mail("m4@x.org", "stranger@x.org", dovecot.user, "hello"))
    imap.append("Sent", _mail("m5@example.com", dovecot.user, "ann@acme.com", "re: pricing"))

    first = client.post("/api/v1/mailbox/sync", headers=headers).json()
    assert first == {"read": 5, "logged": 2}
    [inbound, outbound] = _log(rt)
    assert inbound[:2] == ("email_in", "<m1@acme.com>") and outbound[:2] == (
        "email_out", "<m5@example.com>"
    )  # fmt: skip
    task_id = inbound[2]
    assert task_id is not None
    with rt.uow(readonly=True) as s:
        touched = s.get(Task, task_id)
        assert touched is not None and touched.last_touched_at is not None  # T-3
        assert touched.first_touched_at is not None and touched.stale_anchor_at is not None
        # A-1 / I-6: the contact's last activity is the mail's own date
        person = s.get(Contact, ann.id)
        assert person is not None
        assert person.last_activity_at == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    with rt.uow(readonly=True) as s:
        box_id = s.scalars(select(Mailbox.id)).one()
    assert sync_mailbox(rt, box_id, NOW) == {"read": 0, "logged": 0}  # nothing new

    imap.append("INBOX", _mail("m6@acme.com", "ann@acme.com", dovecot.user, "contract"))
    assert sync_mailbox(rt, box_id, NOW) == {"read": 1, "logged": 1}

    # The server renumbers Sent (a new UIDVALIDITY): it is read again, nothing doubles.
    imap.select_folder("INBOX")
    imap.delete_folder("Sent")
    imap.create_folder("Sent")
    imap.append("Sent", _mail("m5@example.com", dovecot.user, "ann@acme.com", "re: pricing"))
    imap.append("Sent", _mail("m7@example.com", dovecot.user, "ann@acme.com", "invoice"))
    before = _log(rt)
    with rt.uow(readonly=True) as s:
        old_validity = s.get(Mailbox, box_id).folders["Sent"]["uidvalidity"]  # type: ignore[union-attr]
    assert sync_mailbox(rt, box_id, NOW) == {"read": 2, "logged": 1}
    after = _log(rt)
    assert after[: len(before)] == before and [r for _, r, _ in after[len(before) :]] == [
        "<m7@example.com>"
    ]
    with rt.uow(readonly=True) as s:
        box = s.get(Mailbox, box_id)
        assert box is not None and box.folders["Sent"]["uidvalidity"] != old_validity
        assert box.last_error is None and box.synced_at is not None
    imap.logout()
    assert task.id == task_id


def test_wrong_password_is_kept_on_the_mailbox_and_named(
    rt: Runtime, client: TestClient, dovecot: Dovecot
) -> None:
    sam = make_user(rt, dovecot.user)
    headers = {"Authorization": f"Bearer {token_for(rt, sam)}"}
    client.put(
        "/api/v1/mailbox",
        json={"host": "127.0.0.1", "port": dovecot.port, "use_ssl": False,
              "login": dovecot.user, "password": "wrong"},
        headers=headers,
    )  # fmt: skip
    r = client.post("/api/v1/mailbox/sync", headers=headers)
    assert r.status_code == 422 and r.json()["field"] == "mailbox"
    assert sync_due(rt, NOW) == 0  # just failed: not due again before SYNC_EVERY
    assert "LoginError" in (client.get("/api/v1/mailbox", headers=headers).json()["last_error"])
    r = client.put("/api/v1/mailbox", json={"host": "a b", "login": "x", "password": "y"},
                   headers=headers)  # fmt: skip
    assert r.status_code == 422 and r.json()["field"] == "host"
