"""Mail over HTTP: the sales inbox (I-3), forwards (I-4), logging addresses (A-3)."""

from __future__ import annotations

from email.message import EmailMessage

from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.accounts.models import Contact
from salesops.activities.models import Activity
from salesops.intake.models import IntakeRejection
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_contact, make_task, make_user
from tests.intake.helpers import mail, post_email
from tests.intake.test_email_parse import GMAIL


def tasks(rt: Runtime) -> list[Task]:
    with rt.uow(readonly=True) as s:
        return list(s.scalars(select(Task).order_by(Task.id)))


def test_i3_mail_to_sales_alias_creates_email_task_and_timeline(
    client: TestClient, rt: Runtime
) -> None:
    r = post_email(client, rt, mail())
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted"
    [task] = tasks(rt)
    assert task.lead_source == "Email" and "quote" in (task.sales_form_message or "")
    with rt.uow(readonly=True) as s:
        contact = s.get(Contact, task.contact_id)
        assert contact.email == "jane@acme.io" and contact.name == "Jane Doe"
        act = s.scalar(select(Activity).where(Activity.task_id == task.id))
        assert act.kind == "email_in" and act.source_ref == "<m1@acme.io>"


def test_idempotent_by_message_id(client: TestClient, rt: Runtime) -> None:
    post_email(client, rt, mail())
    again = post_email(client, rt, mail(body="different body, same Message-ID"))
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert len(tasks(rt)) == 1


def test_i4_colleague_forward_makes_a_lead_of_the_external_sender(
    client: TestClient, rt: Runtime
) -> None:
    raw = mail(sender="Kim <kim@example.com>", subject="Fwd: Pricing", body=GMAIL)
    r = post_email(client, rt, raw)
    assert r.json()["status"] == "accepted", r.text
    [task] = tasks(rt)
    assert task.lead_source == "Forwarded" and task.referrer_email == "kim@example.com"
    with rt.uow(readonly=True) as s:
        assert s.get(Contact, task.contact_id).email == "jane@acme.io"
        assert s.scalar(select(Contact).where(Contact.email == "kim@example.com")) is None
    assert "50M events" in (task.sales_form_message or "")


def test_i3_i4_business_rejections_answer_ignored_and_are_logged(
    client: TestClient, rt: Runtime, admin_headers: dict[str, str]
) -> None:
    cases = {
        "not-a-forward": mail(sender="kim@example.com", subject="Lunch?", message_id="<1@x>"),
        "alias-not-in-to": mail(to="kim@example.com", cc="sales@example.com", message_id="<2@x>"),
        "auto-reply": mail(headers={"Auto-Submitted": "auto-replied"}, message_id="<3@x>"),
        "auto-reply ": mail(sender="MAILER-DAEMON@mx.acme.io", message_id="<4@x>"),
        "no-external-sender": mail(
            sender="kim@example.com", subject="Fwd: x", message_id="<5@x>",
            body="---------- Forwarded message ---------\nFrom: Lee <lee@example.com>\n"
            "Date: today\nSubject: x\nTo: kim@example.com\n\nhello",
        ),
        "not-addressed": mail(to="someone@acme.io", message_id="<6@x>"),
    }  # fmt: skip
    for code, raw in cases.items():
        r = post_email(client, rt, raw)
        assert r.status_code == 200, (code, r.text)
        assert r.json()["status"] == "ignored", (code, r.json())
    assert tasks(rt) == []
    with rt.uow(readonly=True) as s:
        codes = sorted(r.code for r in s.scalars(select(IntakeRejection)))
    assert codes == sorted(c.strip() for c in cases)


def test_i3_malformed_or_wrong_content_type_is_4xx(client: TestClient, rt: Runtime) -> None:
    r = post_email(client, rt, b"To: sales@example.com\r\nSubject: hi\r\n\r\nno sender")
    assert r.status_code == 422 and r.json()["field"] == "From"
    assert post_email(client, rt, b"   ").json()["field"] == "body"
    r = client.post(
        "/api/v1/intake/email", content=mail(), headers={"Content-Type": "message/rfc822"}
    )
    assert r.status_code == 401
    from salesops.intake.rules import sign_hex

    raw = mail()
    r = client.post(
        "/api/v1/intake/email",
        content=raw,
        headers={
            "Content-Type": "text/plain",
            "X-Salesops-Signature": sign_hex(rt.settings.email_secret, raw),
        },
    )
    assert r.status_code == 422 and r.json()["field"] == "content-type"


def test_a3_logging_address_in_bcc_logs_on_every_matching_contact(
    client: TestClient, rt: Runtime
) -> None:
    seller = make_user(rt, "ana@example.com")
    assert seller.logging_address
    jane = make_contact(rt, "jane@acme.io", name="Jane")
    bob = make_contact(rt, "bob@globex.com", name="Bob")
    with rt.uow(readonly=True) as s:
        from salesops.accounts.models import Account

        acme = s.get(Account, jane.account_id)
    task = make_task(rt, acme, jane)
    raw = mail(
        sender="Ana <ana@example.com>", to="jane@acme.io, stranger@nowhere.io",
        cc="bob@globex.com", subject="Follow-up", message_id="<log-1@example.com>",
    )  # fmt: skip
    r = post_email(client, rt, raw, envelope_to=[seller.logging_address])
    assert r.json()["status"] == "accepted", r.text
    assert len(r.json()["logged_activity_ids"]) == 2
    with rt.uow(readonly=True) as s:
        acts = list(s.scalars(select(Activity).where(Activity.kind == "email_out")))
        assert {a.contact_id for a in acts} == {jane.id, bob.id}
        assert all(a.actor_id == seller.id for a in acts)
        touched = s.get(Task, task.id)
        assert touched.last_touched_at is not None  # T-3: a logged email is a touch
    assert len(tasks(rt)) == 1  # logging never creates a lead


def test_i4_forward_with_attached_original_over_http(client: TestClient, rt: Runtime) -> None:
    inner = EmailMessage()
    inner["From"] = "Jane Doe <jane@acme.io>"
    inner["To"] = "kim@example.com"
    inner["Subject"] = "Pricing"
    inner.set_content("Pricing for 10 seats?")
    outer = EmailMessage()
    outer["From"] = "kim@example.com"
    outer["To"] = "sales@example.com"
    outer["Subject"] = "Fwd: Pricing"
    outer["Message-ID"] = "<fwd-att@example.com>"
    outer.set_content("see attached")
    outer.add_attachment(inner)
    assert post_email(client, rt, bytes(outer)).json()["status"] == "accepted"
    [task] = tasks(rt)
    assert task.referrer_email == "kim@example.com"
