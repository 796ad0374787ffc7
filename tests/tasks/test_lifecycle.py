"""L-1, L-2, D-1 … D-4 through the service layer, side effects delivered to local fakes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from salesops.accounts.models import Contact
from salesops.core.audit import Decision
from salesops.core.errors import InvalidTransition, ValidationFailed
from salesops.core.outbox import Delivery
from salesops.opportunities.follow_ups import make_due
from salesops.playbook.runtime import Runtime
from salesops.tasks import lifecycle
from salesops.tasks.models import Task
from salesops.users.models import User
from salesops.worker import Worker
from tests.factories import make_account, make_contact, make_task, make_user
from tests.integrations import fixtures
from tests.integrations.fakes import FakeServices, SmtpSink

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
configured, fake_services, smtp_sink = (
    fixtures.configured,
    fixtures.fake_services,
    fixtures.smtp_sink,
)


@pytest.fixture
def rep(rt: Runtime) -> User:
    return make_user(rt, "rep@example.com", role="sales", password=None)


@pytest.fixture
def task(rt: Runtime, rep: User) -> Task:
    account = make_account(rt, "Acme", country="DE")
    contact = make_contact(rt, "ann@acme.com", name="Ann", account_id=account.id)
    return make_task(rt, account, contact, owner_id=rep.id, sales_form_message="Help, it broke")


def _disqualify(
    rt: Runtime, task_id: int, reason: str, actor_id: int | None = None, **kw: object
) -> Task:
    with rt.uow() as s:
        actor = s.get(User, actor_id) if actor_id else None
        return lifecycle.disqualify(s, s.get(Task, task_id), reason, now=NOW, actor=actor, **kw)  # type: ignore[arg-type]


def _deliveries(rt: Runtime) -> list[Delivery]:
    with rt.uow(readonly=True) as s:
        rows = list(s.scalars(select(Delivery).order_by(Delivery.id)))
        s.expunge_all()
        return rows


def test_d1_reason_required_from_picklist_and_notes_limited(rt: Runtime, task: Task) -> None:
    with pytest.raises(ValidationFailed) as exc:
        _disqualify(rt, task.id, "")
    assert exc.value.field == "reason" and exc.value.rule == "D-1"
    with pytest.raises(ValidationFailed) as exc:
        _disqualify(rt, task.id, "Not interested lol")
    assert exc.value.field == "reason"
    with pytest.raises(ValidationFailed) as exc:
        _disqualify(rt, task.id, "Other", notes="x" * 251)
    assert exc.value.field == "notes"
    done = _disqualify(rt, task.id, "Other", notes="x" * 250)
    assert done.status == "Unqualified"
    with pytest.raises(InvalidTransition):
        _disqualify(rt, task.id, "Other")


def test_d2_every_picklist_reason_accepted(rt: Runtime) -> None:
    from salesops.playbook.loader import load_default_playbook

    reasons = load_default_playbook().all_reason_names
    assert len(reasons) == 28
    account = make_account(rt, "Many")
    for i, reason in enumerate(reasons):
        contact = make_contact(rt, f"p{i}@many.com", account_id=account.id)
        t = make_task(
            rt, account, contact, owner_id=make_user(rt, f"r{i}@example.com", password=None).id
        )
        assert _disqualify(rt, t.id, reason).disqualification_reason == reason


def test_d3_support_request_ticket_owner_cc_and_link_in_next_steps(
    configured: Runtime, fake_services: FakeServices, task: Task, rep: User
) -> None:
    _disqualify(configured, task.id, "Support Request", actor_id=rep.id)
    [d] = _deliveries(configured)
    assert (d.channel, d.subject_type, d.subject_id) == ("ticketing", "task", task.id)
    Worker(configured).drain(NOW)
    [seen] = fake_services.to("/api/v2/tickets.json")
    ticket = seen.body["ticket"]
    assert ticket["email_ccs"] == [{"user_email": "rep@example.com", "action": "put"}]
    assert ticket["requester"]["email"] == "ann@acme.com"
    assert "support" in ticket["tags"] and ticket["comment"]["body"] == "Help, it broke"
    with configured.uow(readonly=True) as s:
        t = s.get(Task, task.id)
        assert t is not None and t.next_steps is not None
        assert f"{fake_services.url}/agent/tickets/" in t.next_steps
        assert t.status == "Unqualified"


def test_d3_billing_request_goes_to_billing_team(
    configured: Runtime, fake_services: FakeServices, task: Task
) -> None:
    _disqualify(configured, task.id, "Billing Support Request")
    Worker(configured).drain(NOW)
    [seen] = fake_services.to("/api/v2/tickets.json")
    assert "billing" in seen.body["ticket"]["tags"]


def test_d3_below_threshold_auto_sends_onboarding_event(
    configured: Runtime, fake_services: FakeServices, task: Task
) -> None:
    _disqualify(configured, task.id, "Below Threshold – Auto")
    Worker(configured).drain(NOW)
    [seen] = fake_services.to("/api/v1/customers/")
    assert seen.path == "/api/v1/customers/ann%40acme.com/events"
    assert seen.body["name"] == "self_serve_onboarding"
    assert seen.body["data"]["task_id"] == task.id


def test_d3_startup_plan_emails_application_link(
    configured: Runtime, smtp_sink: SmtpSink, task: Task
) -> None:
    _disqualify(configured, task.id, "Startup Plan / YC")
    Worker(configured).drain(NOW)
    [msg] = smtp_sink.messages
    assert msg["To"] == "ann@acme.com"
    assert "https://example.com/startups" in msg.get_payload(decode=True).decode()


def test_d3_spam_ban_through_intake_when_admin_asks(rt: Runtime, task: Task) -> None:
    admin = make_user(rt, "boss@example.com", role="admin", password=None)
    _disqualify(
        rt, task.id, "Spam", actor_id=admin.id, options={"ban_sender": True, "ban_scope": "domain"}
    )
    with rt.uow(readonly=True) as s:
        d = s.scalar(select(Decision).where(Decision.kind == "spam_ban_request"))
        assert d is not None and d.inputs["value"] == "acme.com"
        assert d.inputs["outcome"] == "banned"
        from salesops.intake import service as intake

        assert intake.banned(s, "someone@acme.com")
    assert _deliveries(rt) == []


def test_d3_spam_without_ban_option_bans_nothing(rt: Runtime, task: Task, rep: User) -> None:
    _disqualify(rt, task.id, "Spam")
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(Decision).where(Decision.kind == "spam_ban_request")) is None


def test_d3_spam_ban_by_salesperson_is_recorded_for_an_admin(
    rt: Runtime, task: Task, rep: User
) -> None:
    _disqualify(rt, task.id, "Spam", actor_id=rep.id, options={"ban_sender": True})
    with rt.uow(readonly=True) as s:
        d = s.scalar(select(Decision).where(Decision.kind == "spam_ban_request"))
        assert d is not None and d.inputs["outcome"] == "requested"
        assert d.inputs["value"] == "ann@acme.com"


def test_d4_prospect_reason_puts_contact_on_revisit_list_pass_does_not(
    rt: Runtime, task: Task
) -> None:
    _disqualify(rt, task.id, "No Response – Prospect")
    account = make_account(rt, "Other")
    c2 = make_contact(rt, "bob@other.com", account_id=account.id)
    t2 = make_task(rt, account, c2, owner_id=task.owner_id)
    _disqualify(rt, t2.id, "No Response – Pass")
    with rt.uow(readonly=True) as s:
        ann = s.scalar(select(Contact).where(Contact.email == "ann@acme.com"))
        bob = s.get(Contact, c2.id)
        assert ann is not None and ann.revisit_on == NOW.date() + timedelta(days=90)
        assert ann.revisit_reason == "No Response – Prospect"
        assert bob is not None and bob.revisit_on is None


def test_d4_the_user_chooses_the_revisit_date_and_a_reminder_appears_on_it(
    rt: Runtime, task: Task, rep: User
) -> None:
    """D-4 (issue 16 item 6): the revisit date is chosen (default from the playbook); a
    reminder task waits Scheduled and opens in the owner's queue on that date."""
    chosen = NOW.date() + timedelta(days=30)
    with pytest.raises(ValidationFailed) as exc:
        _disqualify(rt, task.id, "No Response – Pass", rep.id, options={"revisit_on": chosen})
    assert exc.value.field == "revisit_on" and exc.value.rule == "D-4"
    for bad in (NOW.date(), "soon"):
        with pytest.raises(ValidationFailed) as exc:
            _disqualify(rt, task.id, "No Response – Prospect", rep.id,
                        options={"revisit_on": bad})  # fmt: skip
        assert exc.value.field == "revisit_on"
    _disqualify(rt, task.id, "No Response – Prospect", rep.id, options={"revisit_on": chosen})
    with rt.uow() as s:
        ann = s.get(Contact, task.contact_id)
        assert ann is not None and ann.revisit_on == chosen
        [reminder] = s.scalars(select(Task).where(Task.linked_task_id == task.id)).all()
        assert (reminder.kind, reminder.status, reminder.due_on) == (
            "follow_up",
            "Scheduled",
            chosen,
        )
        assert reminder.owner_id == rep.id and reminder.title.startswith("Revisit ")
        make_due(s, NOW + timedelta(days=29))
    with rt.uow() as s:
        assert s.get(Task, reminder.id).status == "Scheduled"  # type: ignore[union-attr]
        make_due(s, datetime.combine(chosen, NOW.timetz()))
    with rt.uow(readonly=True) as s:
        assert s.get(Task, reminder.id).status == "Open"  # type: ignore[union-attr]
    # disqualified again after a reopen: the one reminder moves, no second one
    with rt.uow() as s:
        lifecycle.reopen(s, s.get(User, rep.id), s.get(Task, task.id), now=NOW)  # type: ignore[arg-type]
    _disqualify(rt, task.id, "No Response – Prospect", rep.id)
    with rt.uow(readonly=True) as s:
        rows = s.scalars(select(Task).where(Task.linked_task_id == task.id)).all()
        assert [(r.due_on, r.status) for r in rows] == [
            (NOW.date() + timedelta(days=90), "Scheduled")
        ]


def test_x1_failed_delivery_never_rolls_back_the_disqualification(
    configured: Runtime, fake_services: FakeServices, task: Task
) -> None:
    fake_services.fail_next(100)
    _disqualify(configured, task.id, "Support Request")
    Worker(configured).drain(NOW)
    with configured.uow(readonly=True) as s:
        t = s.get(Task, task.id)
        assert t is not None and t.status == "Unqualified"
        assert t.disqualification_reason == "Support Request"
    [d] = _deliveries(configured)
    assert d.state == "pending" and "503" in (d.last_error or "")


def test_l1_nurture_needs_future_date_and_creates_owner_reminder(
    rt: Runtime, task: Task, rep: User
) -> None:
    with rt.uow() as s:
        actor = s.get(User, rep.id)
        assert actor is not None
        with pytest.raises(ValidationFailed):
            lifecycle.nurture(
                s,
                actor,
                s.get(Task, task.id),
                now=NOW,  # type: ignore[arg-type]
                follow_up_on=date(2025, 3, 1),
            )
    with rt.uow() as s:
        actor = s.get(User, rep.id)
        t = lifecycle.nurture(
            s,
            actor,
            s.get(Task, task.id),
            now=NOW,  # type: ignore[arg-type]
            follow_up_on=date(2025, 6, 3),
        )
        assert t.status == "Nurturing" and t.follow_up_on == date(2025, 6, 3)
    with rt.uow() as s:
        [reminder] = s.scalars(select(Task).where(Task.linked_task_id == task.id)).all()
        assert (reminder.kind, reminder.owner_id, reminder.due_on, reminder.status) == (
            "follow_up",
            rep.id,
            date(2025, 6, 3),
            "Scheduled",
        )
        make_due(s, datetime(2025, 6, 2, tzinfo=UTC))
        assert reminder.status == "Scheduled"
    with rt.uow() as s:
        make_due(s, datetime(2025, 6, 3, 8, tzinfo=UTC))
    with rt.uow(readonly=True) as s:
        reminder = s.scalars(select(Task).where(Task.linked_task_id == task.id)).one()
        assert reminder.status == "Open"  # L-1: in the owner's queue on the date


def test_l2_startup_plan_disqualifies_or_nurtures_heavy_user(
    rt: Runtime, task: Task, rep: User
) -> None:
    account = make_account(rt, "Heavy")
    c2 = make_contact(rt, "h@heavy.com", account_id=account.id)
    heavy = make_task(rt, account, c2, owner_id=rep.id)
    with rt.uow() as s:
        actor = s.get(User, rep.id)
        a = lifecycle.startup_plan(s, actor, s.get(Task, task.id), now=NOW)  # type: ignore[arg-type]
        b = lifecycle.startup_plan(
            s,
            actor,
            s.get(Task, heavy.id),
            now=NOW,  # type: ignore[arg-type]
            heavy_user=True,
        )
        assert (a.status, a.disqualification_reason) == ("Unqualified", "Startup Plan / YC")
        assert b.status == "Nurturing" and b.follow_up_on == NOW.date() + timedelta(days=90)
    emails = [d for d in _deliveries(rt) if d.channel == "email"]
    assert sorted(d.payload["to"][0] for d in emails) == ["ann@acme.com", "h@heavy.com"]
