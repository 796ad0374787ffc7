"""The notifications' own lanes (issue 20 item 3; X-1): a notice's email and Slack DM are
``notify_email`` and ``slack_dm`` rows, which a worker running only those lanes
(``salesops worker --lanes notify_email,slack_dm --no-passes``) sends exactly once beside
the workers that run the pipeline and the other lanes; a worker leaves the rows of lanes
it does not run alone (no claim, no parking)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from salesops.core import clock
from salesops.core.ledger import Ledger
from salesops.core.outbox import CHANNELS, Delivery
from salesops.flows import notices
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users import notify
from salesops.users.service import get_user
from salesops.worker import Worker, lane_names, load_job_modules
from tests.factories import make_account, make_contact, make_task, make_user
from tests.integrations.fakes import FakeServices, SmtpSink

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOTIFY = frozenset(notify.NOTIFY_CHANNELS)


def _assigned_lead(rt: Runtime) -> int:
    """A lead routed to Sam (in-app, email and Slack for every event) and announced: a
    notice's two deliveries and the sales channel's message (an Email lead)."""
    sam = make_user(rt, "sam@example.com", name="Sam")
    with rt.uow() as s:
        notify.set_preferences(
            s,
            get_user(s, sam.id),
            {"events": {"lead_assigned": ["in_app", "email", "slack"]}, "slack_user_id": "USAM"},
        )
    lead = make_task(
        rt, make_account(rt, "Acme"), make_contact(rt, "ann@acme.com"), owner_id=None,
        lead_source="Email",
    )  # fmt: skip
    with rt.uow() as s:
        task = s.get(Task, lead.id)
        assert task is not None
        task.owner_id = sam.id
        notices.announce_new_leads(s, [task], NOW)
    return lead.id


def _states(rt: Runtime) -> dict[str, str]:
    with rt.uow(readonly=True) as s:
        return {c: st for c, st in s.execute(select(Delivery.channel, Delivery.state))}


def test_a_notice_goes_out_once_through_its_own_lanes(
    configured: Runtime, fake_services: FakeServices, smtp_sink: SmtpSink
) -> None:
    rt = configured
    task_id = _assigned_lead(rt)
    assert _states(rt) == {"notify_email": "pending", "slack_dm": "pending", "slack": "pending"}

    load_job_modules()  # the senders register their channels
    bulk = Worker(rt, worker_id="bulk", lanes=frozenset(CHANNELS) - NOTIFY)
    bulk.drain()  # the pass and every other lane: the notice's rows are not its own
    assert _states(rt) == {"notify_email": "pending", "slack_dm": "pending", "slack": "delivered"}
    assert fake_services.to("/slackapi/chat.postMessage") == [] and smtp_sink.messages == []

    first = Worker(rt, worker_id="notify-1", lanes=NOTIFY, passes=False)
    second = Worker(rt, worker_id="notify-2", lanes=NOTIFY, passes=False)
    for worker in (first, second, first, second):  # two notification workers, and reruns
        worker.drain()
    assert _states(rt) == dict.fromkeys(("notify_email", "slack_dm", "slack"), "delivered")
    [dm] = fake_services.to("/slackapi/chat.postMessage")
    assert dm.body["channel"] == "USAM" and f"/tasks/{task_id}" in dm.body["text"]
    [mail] = smtp_sink.messages
    assert mail["To"] == "sam@example.com" and mail["Subject"].startswith("New lead assigned")


def test_two_notification_workers_never_claim_the_same_row(configured: Runtime) -> None:
    """The claim is the arbiter (X-1): the second worker's round finds nothing to take
    while the first one's lease runs."""
    rt = configured
    _assigned_lead(rt)
    load_job_modules()
    free = dict.fromkeys(NOTIFY, 16)
    one = Ledger(rt.db, rt.settings, "notify-1", NOTIFY).round([], clock.now(), free)
    two = Ledger(rt.db, rt.settings, "notify-2", NOTIFY).round([], clock.now(), free)
    assert sorted(r.channel for r in one.claimed) == ["notify_email", "slack_dm"]
    assert two.claimed == []
    assert _states(rt)["slack"] == "pending"  # not a notification lane: left for the others


def test_a_worker_parks_only_the_rows_of_its_own_lanes(configured: Runtime) -> None:
    """A notifications-only worker whose settings lack the sales channel's webhook leaves
    that channel's rows pending for the worker that runs it (a full worker would park
    them as not configured)."""
    rt = configured
    _assigned_lead(rt)
    load_job_modules()
    bare = rt.settings.model_copy(update={"slack_webhook_url": None})
    Ledger(rt.db, bare, "notify", NOTIFY).round([], clock.now(), dict.fromkeys(NOTIFY, 16))
    assert _states(rt)["slack"] == "pending"
    Ledger(rt.db, bare, "all").round([], clock.now(), {})
    assert _states(rt)["slack"] == "parked"


def test_lane_names() -> None:
    assert lane_names("all") is None and lane_names(None) is None
    assert lane_names("none") == frozenset()
    assert lane_names(" slack_dm, notify_email ") == NOTIFY
    with pytest.raises(ValueError, match="unknown delivery lane.*smoke signals"):
        lane_names("slack_dm,smoke signals")
