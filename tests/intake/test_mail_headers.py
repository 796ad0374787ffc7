"""Mailbox capture reads headers first, bodies only of what it logs (issue 20 item 2;
A-1, I-3): the cheap two-step read gives what the sales inbox's full parse gives."""

from __future__ import annotations

import pytest

from salesops.intake.budget import Budget
from salesops.intake.email_parse import parse_message
from salesops.intake.mail_headers import parse_headers, with_body
from salesops.intake.robots import robot_reason

HEADS = [
    "From: Ann Smith <Ann@Acme.com>\r\nTo: bob@x.org, c@y.org\r\n"
    'Cc: "Quinn, R" <q@r.com>\r\nSubject: =?utf-8?q?J=C3=BCrgen?= asks\r\n'
    "Message-ID: <a@b>\r\nDate: Mon, 01 Jun 2026 09:00:00 +0000\r\n",
    "From: =?utf-8?q?J=C3=BCrgen?= <j@x.de>\r\nTo: x@y.com\r\nSubject: folded\r\n"
    " subject line\r\nMessage-ID: <c@d>\r\n",
    "From: ann@acme.com (Ann)\r\nTo: undisclosed-recipients:;\r\nMessage-ID: <e@f>\r\n",
    'From: "Smith, Ann" <ann@acme.com>\r\nTo: Bob <bob@x.org>\r\nMessage-ID: <g@h>\r\n',
    "From: not an address\r\nSender: Ann <ann@acme.com>\r\nMessage-ID: <i@j>\r\n",
    "From: MAILER-DAEMON <>\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <k@l>\r\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=zz\r\n",
    "From: ann@acme.com\r\nTo: b@x.org\r\nFrom: second@acme.com\r\nMessage-ID: <m@n>\r\n",
]


@pytest.mark.parametrize("head", HEADS)
def test_headers_alone_read_as_the_full_parse_reads_them(head: str) -> None:
    raw = (head + "\r\nHello\r\n").encode()
    cheap = parse_headers(head.encode() + b"\r\n")
    full = parse_message(raw)
    assert cheap is not None
    for field in ("message_id", "from_addr", "from_name", "to", "cc", "subject", "date"):
        assert getattr(cheap, field) == getattr(full, field), field
    # MIME headers are kept as written (the full parse re-renders their parameters);
    # no rule reads them from ``headers`` (the parts are in ``content_types``).
    mime = {"Content-Type"}
    assert {k: v for k, v in cheap.headers.items() if k not in mime} == {
        k: v for k, v in full.headers.items() if k not in mime
    }
    assert cheap.headers.keys() == full.headers.keys()
    assert cheap.report_type == full.report_type


def test_without_a_sender_the_headers_say_bounce_and_are_not_logged() -> None:
    cheap = parse_headers(b"To: sam@example.com\r\nMessage-ID: <x@y>\r\n\r\n")
    assert cheap is not None and cheap.from_addr == ""
    assert robot_reason(cheap, body=False) is not None  # I-3: never logged


def test_the_body_read_afterwards_gives_the_text_and_the_parts() -> None:
    raw = (
        b"From: ann@acme.com\r\nTo: sam@example.com\r\nMessage-ID: <b@acme.com>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=BB\r\n\r\n"
        b"--BB\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hi <b>Sam</b></p>\r\n"
        b"--BB\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHi Sam,\r\nthe plan?\r\n"
        b"--BB--\r\n"
    )
    head = parse_headers(raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n")
    assert head is not None and head.text == ""
    mail = with_body(head, raw, Budget(5))
    full = parse_message(raw)
    assert mail is not None
    assert mail.text == full.text and "the plan?" in mail.text
    assert mail.content_types == full.content_types
    assert mail.message_id == "<b@acme.com>"


def test_the_body_read_catches_what_only_the_body_shows() -> None:
    """A DSN without a report header at the top is recognised by its parts (I-3)."""
    raw = (
        b"From: ann@acme.com\r\nTo: sam@example.com\r\nMessage-ID: <d@acme.com>\r\n"
        b"Content-Type: multipart/mixed; boundary=CC\r\n\r\n"
        b"--CC\r\nContent-Type: text/plain\r\n\r\nundelivered\r\n"
        b"--CC\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.0.0\r\n\r\n--CC--\r\n"
    )
    head = parse_headers(raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n")
    assert head is not None and robot_reason(head, body=False) is None
    mail = with_body(head, raw, Budget(5))
    assert mail is not None and robot_reason(mail) is not None


def test_an_unparseable_body_is_dropped_not_raised() -> None:
    head = parse_headers(b"From: ann@acme.com\r\nMessage-ID: <z@z>\r\n\r\n")
    assert head is not None
    assert with_body(head, b"From: ann@acme.com\r\n\r\n" + b"x" * 100, Budget(0)) is None
