"""The built-in SMTP listener (I-3, I-4, A-3) with a real SMTP client (smtplib)."""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from salesops.intake.models import IntakeRejection
from salesops.playbook.runtime import Runtime
from salesops.smtp import start_smtp
from salesops.tasks.models import Task
from tests.factories import make_contact, make_user
from tests.intake.helpers import mail


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_port(rt: Runtime) -> Iterator[int]:
    port = free_port()
    controller = start_smtp(rt, "127.0.0.1", port)
    yield port
    controller.stop()


def test_i3_mail_to_alias_over_smtp_creates_a_task(rt: Runtime, smtp_port: int) -> None:
    with smtplib.SMTP("127.0.0.1", smtp_port) as smtp:
        refused = smtp.sendmail("jane@acme.io", ["sales@example.com"], mail())
        assert refused == {}
        # the same Message-ID again: accepted, nothing new
        smtp.sendmail("jane@acme.io", ["sales@example.com"], mail())
    with rt.uow(readonly=True) as s:
        [task] = s.scalars(select(Task)).all()
        assert task.lead_source == "Email"


def test_smtp_refuses_unknown_mailboxes(rt: Runtime, smtp_port: int) -> None:
    with (
        smtplib.SMTP("127.0.0.1", smtp_port) as smtp,
        pytest.raises(smtplib.SMTPRecipientsRefused),
    ):
        smtp.sendmail("jane@acme.io", ["random@example.com"], mail())


def test_smtp_business_rejection_is_250_and_logged(rt: Runtime, smtp_port: int) -> None:
    raw = mail(headers={"Auto-Submitted": "auto-replied"}, message_id="<ooo@acme.io>")
    with smtplib.SMTP("127.0.0.1", smtp_port) as smtp:
        smtp.ehlo()
        smtp.mail("jane@acme.io")
        smtp.rcpt("sales@example.com")
        code, reply = smtp.data(raw)
    assert code == 250 and b"ignored: auto-reply" in reply
    with rt.uow(readonly=True) as s:
        assert s.scalar(select(IntakeRejection.code)) == "auto-reply"


def test_smtp_malformed_is_554_and_logged(rt: Runtime, smtp_port: int) -> None:
    with smtplib.SMTP("127.0.0.1", smtp_port) as smtp:
        smtp.ehlo()
        smtp.mail("x@acme.io")
        smtp.rcpt("sales@example.com")
        code, _ = smtp.data(b"Subject: no sender\r\n\r\nhello")
    assert code == 554
    with rt.uow(readonly=True) as s:
        row = s.scalar(select(IntakeRejection))
        assert row.source == "smtp" and row.field == "From"


def test_a3_bcc_to_logging_address_via_smtp_envelope(rt: Runtime, smtp_port: int) -> None:
    seller = make_user(rt, "ana@example.com")
    make_contact(rt, "jane@acme.io")
    raw = mail(sender="ana@example.com", to="jane@acme.io", message_id="<bcc@example.com>")
    with smtplib.SMTP("127.0.0.1", smtp_port) as smtp:
        smtp.sendmail("ana@example.com", [seller.logging_address], raw)
    from salesops.activities.models import Activity

    with rt.uow(readonly=True) as s:
        act = s.scalar(select(Activity))
        assert act is not None and act.kind == "email_out" and act.actor_id == seller.id
