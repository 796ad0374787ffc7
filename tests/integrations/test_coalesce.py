"""Coalescing bursts (issue 20 performance; X-1): a person's Slack DM and email, the sales
channel's message and the sales alias's copy wait at most the window for siblings and go
as ONE message naming and linking each lead; a lone notice goes alone with its usual
text; every notice is in exactly one sent message, whatever retries and crashes happen;
preferences and the digest are honoured. Injected clock, no sleeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import Message

import pytest
import time_machine
from sqlalchemy import select

from salesops.core.coalesce import MAX_MEMBERS, Row, plan
from salesops.core.lanes import DeliveryLanes
from salesops.core.ledger import Ledger
from salesops.core.outbox import Delivery
from salesops.flows import notices
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users import notify
from salesops.users.service import get_user
from salesops.worker import load_job_modules
from tests.factories import make_account, make_contact, make_task, make_user
from tests.integrations.fakes import FakeServices, SmtpSink

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WINDOW = 0.25


@pytest.fixture
def window(configured: Runtime) -> Runtime:
    configured.settings.notify_coalesce_seconds = WINDOW
    load_job_modules()  # the senders (and their combine) register
    return configured


def _sam(rt: Runtime, channels: list[str], **extra: object) -> int:
    sam = make_user(rt, "sam@example.com", name="Sam")
    with rt.uow() as s:
        notify.set_preferences(
            s,
            get_user(s, sam.id),
            {"events": {"lead_assigned": channels}, "slack_user_id": "USAM", **extra},
        )
    return sam.id


def _leads(rt: Runtime, owner: int, n: int, at: datetime, start: int = 0) -> list[int]:
    """``n`` Email leads assigned to ``owner`` and announced at ``at`` (as routing does)."""
    with time_machine.travel(at, tick=False):  # the sales channel hears of it now
        acct = make_account(rt, f"Acme {start}")
        ids = [
            make_task(
                rt, acct, make_contact(rt, f"p{start + i}@acme{start}.com"), owner_id=None,
                lead_source="Email", title=f"Lead {start + i}",
            ).id
            for i in range(n)
        ]  # fmt: skip
    with rt.uow() as s:
        tasks = [s.get(Task, i) for i in ids]
        for t in tasks:
            assert t is not None
            t.owner_id = owner
        notices.announce_new_leads(s, [t for t in tasks if t is not None], at)
    return ids


def _rows(rt: Runtime) -> list[Delivery]:
    with rt.uow(readonly=True) as s:
        rows = list(s.scalars(select(Delivery).order_by(Delivery.id)))
        s.expunge_all()
    return rows


def _body(mail: Message) -> str:
    part = mail.get_payload(decode=True)
    assert isinstance(part, bytes)
    return part.decode()


def _linked(text: str, ids: list[int]) -> list[int]:
    """Which of ``ids`` the text links (each once)."""
    found = [i for i in ids if f"/tasks/{i}\n" in text + "\n" or f"/tasks/{i}|" in text]
    return found


def test_a_burst_goes_as_one_message_per_recipient(
    window: Runtime, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    rt = window
    sam = _sam(rt, ["in_app", "email", "slack"])
    first = _leads(rt, sam, 3, NOW)
    later = _leads(rt, sam, 2, NOW + timedelta(seconds=0.2), start=3)  # within the window
    lanes = DeliveryLanes(rt.db, rt.settings, "w")
    assert lanes.run_batch(NOW + timedelta(seconds=0.2)) == 0  # the first waits for siblings

    lanes.run_batch(NOW + timedelta(seconds=WINDOW))  # the first is due: all of them go
    [dm] = fake_services.to("/slackapi/chat.postMessage")
    assert dm.body["channel"] == "USAM" and dm.body["text"].startswith("5 notifications:")
    assert _linked(dm.body["text"], first + later) == first + later
    assert dm.body["text"].count("New lead assigned to you: Lead") == 5
    [mail] = smtp_sink.messages
    assert mail["To"] == "sam@example.com"
    assert mail["Subject"] == "New lead assigned to you (5): Lead 0; Lead 1; Lead 2; Lead 3; Lead 4"
    assert _linked(_body(mail), first + later) == first + later
    [channel] = [r for r in fake_services.requests if r.path == "/slack"]
    assert channel.body["text"].startswith("5 new leads:")
    assert [i for i in first + later if f"Open task {i}>" in channel.body["text"]] == first + later

    rows = _rows(rt)
    combined = [r for r in rows if r.payload.get("members")]
    assert sorted(r.channel for r in combined) == ["notify_email", "slack", "slack_dm"]
    assert {r.state for r in rows} == {"delivered"}  # every notice logged as delivered
    for r in combined:
        members = [m for m in rows if m.result and m.result.get("batch") == r.id]
        assert sorted(m.id for m in members) == sorted(r.payload["members"]) and len(members) == 5
    with rt.uow(readonly=True) as s:  # the bell is unaffected: one row per notice
        assert notify.unread_count(s, sam) == 5


def test_a_lone_notice_goes_alone_with_its_usual_text(
    window: Runtime, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    rt = window
    sam = _sam(rt, ["in_app", "email", "slack"])
    [lead] = _leads(rt, sam, 1, NOW)
    lanes = DeliveryLanes(rt.db, rt.settings, "w")
    lanes.run_batch(NOW + timedelta(seconds=0.1))
    assert fake_services.requests == []  # waits at most the window …
    lanes.run_batch(NOW + timedelta(seconds=WINDOW))  # … and no longer
    [dm] = fake_services.to("/slackapi/chat.postMessage")
    base = rt.settings.base_url.rstrip("/")
    assert dm.body["text"] == (
        "New lead assigned to you: Lead 0\nSource: Email. Contact them within the "
        f"speed-to-lead target.\n{base}/tasks/{lead}"
    )
    [mail] = smtp_sink.messages
    assert mail["Subject"] == "New lead assigned to you: Lead 0"
    assert not [r for r in _rows(rt) if r.payload.get("members")]  # nothing combined

    rt.settings.notify_coalesce_seconds = 0  # 0 turns it off: due at once, one send each
    more = _leads(rt, sam, 2, NOW, start=1)
    lanes.run_batch(NOW)
    dms = fake_services.to("/slackapi/chat.postMessage")
    assert len(dms) == 3
    assert sorted(_linked(d.body["text"], more) for d in dms[1:]) == [[m] for m in more]


def test_once_only_when_the_combined_send_is_refused_then_retried(
    window: Runtime, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    rt = window
    sam = _sam(rt, ["in_app", "slack", "email"])
    leads = _leads(rt, sam, 4, NOW)
    fake_services.fail_next(1)  # Slack answers ok: false (nothing posted: retried)
    smtp_sink.fail_remaining = 1  # the mail server answers DATA with 451 once
    lanes = DeliveryLanes(rt.db, rt.settings, "w")
    at = NOW + timedelta(seconds=WINDOW)
    lanes.run_batch(at)
    refused = [r for r in _rows(rt) if r.payload.get("members") and r.state == "pending"]
    assert len(refused) == 2  # the DM or the channel message, and the email
    lanes.run_batch(at + timedelta(minutes=10))  # after the backoff: the same message again
    lanes.run_batch(at + timedelta(minutes=20))
    [dm] = [k for k in fake_services.effects if k.startswith("coalesced:slack_dm:")]
    assert fake_services.effects[dm] == 1  # posted once (a refused attempt posts nothing)
    sent = fake_services.to("/slackapi/chat.postMessage")[-1]
    assert sent.headers["idempotency-key"] == dm and _linked(sent.body["text"], leads) == leads
    [mail] = smtp_sink.messages
    assert _linked(_body(mail), leads) == leads
    rows = _rows(rt)
    assert {r.state for r in rows} == {"delivered"}
    assert len([r for r in rows if r.payload.get("members")]) == 3  # never regrouped


def test_once_only_when_the_worker_dies_between_send_and_mark(
    window: Runtime, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    """The combined rows are leased and (say) sent, then the worker dies before their
    outcome is written: the Slack message is held (never posted again), the email is
    resent as the same message (same Message-ID, same notices); no member goes out
    again on its own or in another message."""
    rt = window
    sam = _sam(rt, ["in_app", "slack", "email"])
    leads = _leads(rt, sam, 3, NOW)
    at = NOW + timedelta(seconds=WINDOW)
    free = {"slack_dm": 16, "notify_email": 16, "slack": 16}
    claimed = Ledger(rt.db, rt.settings, "dies").round([], at, free).claimed
    assert sorted(len(r.payload["members"]) for r in claimed) == [3, 3, 3]
    more = _leads(rt, sam, 1, at, start=3)  # a later notice: its own message, later

    after = at + timedelta(seconds=rt.settings.outbox_lease_seconds + 1)
    DeliveryLanes(rt.db, rt.settings, "next").run_batch(after)
    rows = {r.id: r for r in _rows(rt)}
    by_channel = {r.channel: r for r in rows.values() if r.payload.get("members")}
    assert by_channel["slack_dm"].state == "unknown" and by_channel["slack"].state == "unknown"
    assert by_channel["notify_email"].state == "delivered"
    for r in by_channel.values():
        states = {rows[m].state for m in r.payload["members"]}
        assert states == ({"delivered"} if r.channel == "notify_email" else {"merged"})
    dms = fake_services.to("/slackapi/chat.postMessage")
    assert [_linked(d.body["text"], leads + more) for d in dms] == [more]  # the later one only
    mails = [m for m in smtp_sink.messages if "(3)" in m["Subject"]]
    assert len(mails) == 1 and _linked(_body(mails[0]), leads) == leads
    assert mails[0]["Message-ID"].startswith("<coalesced%3Anotify_email%3A")


def test_preferences_and_the_digest_are_honoured(
    window: Runtime, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    rt = window
    sam = _sam(rt, ["in_app", "email", "slack"], digest=True)  # email: the daily digest
    olga = make_user(rt, "olga@example.com", name="Olga")  # no choice: in the app only
    leads = _leads(rt, sam, 3, NOW) + _leads(rt, olga.id, 2, NOW, start=3)
    DeliveryLanes(rt.db, rt.settings, "w").run_batch(NOW + timedelta(seconds=WINDOW))
    [dm] = fake_services.to("/slackapi/chat.postMessage")
    assert _linked(dm.body["text"], leads) == leads[:3]
    assert smtp_sink.messages == []  # no immediate email for the digest
    with rt.uow() as s:
        assert notify.send_digests(s, NOW + timedelta(days=1)) == 1
    DeliveryLanes(rt.db, rt.settings, "w").run_batch(NOW + timedelta(days=1))
    [digest] = smtp_sink.messages
    assert digest["Subject"].startswith("salesops digest") and _linked(_body(digest), leads[:3])


def _row(i: int, group: str | None, due: float, **payload: object) -> Row:
    data = {**payload, **({"coalesce": group} if group else {})}
    return Row(i, "pending", None, "slack_dm", NOW + timedelta(seconds=due), False, data)


def test_plan_waits_for_siblings_cuts_long_bursts_and_respects_free_slots() -> None:
    rows = [
        _row(1, "dm:1", 0), _row(2, None, 0.01), _row(3, "dm:2", 0.05), _row(4, "dm:1", 0.1),
        _row(5, "dm:3", 0.3),
    ]  # fmt: skip
    got = plan(rows, NOW + timedelta(seconds=0.05), free=8)
    assert [[r.id for r in g] for g in got.groups] == [[1, 4]]
    assert [p[0] for p in got.singles] == [2, 3]
    assert got.ripe_at == NOW + timedelta(seconds=0.3)
    burst = [_row(i, "dm:1", i / 1000) for i in range(MAX_MEMBERS + 3)]
    cut = plan(burst, NOW + timedelta(seconds=1), free=8)
    assert [len(g) for g in cut.groups] == [MAX_MEMBERS, 3] and cut.singles == []
    assert cut.ripe_at is None
    short = plan(burst, NOW + timedelta(seconds=1), free=1)  # one slot: one message now
    assert [len(g) for g in short.groups] == [MAX_MEMBERS]
    assert short.ripe_at == NOW + timedelta(seconds=1)  # the rest: the next round
