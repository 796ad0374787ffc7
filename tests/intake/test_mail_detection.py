"""Issue 15: forward detection in every client's layout and language (item 1, I-4), robots
ignored (item 2, I-3), idempotency without a Message-ID (item 8) and any bytes in mail
paths (item 4). The corpus tests (test_mail_corpus.py) measure the rates; these pin the
rules one by one."""

# ruff: noqa: E501 - sample messages written out
from __future__ import annotations

import base64
from email.message import EmailMessage

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.accounts.models import Contact
from salesops.intake.email_parse import parse_message
from salesops.intake.forwards import find_forward, original_external_sender, subject_kind
from salesops.intake.mail import content_key
from salesops.intake.models import IntakeRejection
from salesops.intake.robots import is_robot_address, robot_reason
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.intake.helpers import mail, post_email


def internal(email: str) -> bool:
    return email.endswith("@example.com")


def forward(body: str, subject: str, to: str = "sales@example.com") -> bytes:
    return mail(sender="Kim <kim@example.com>", to=to, subject=subject, body=body)


def lead_of(raw: bytes) -> str | None:
    found = find_forward(parse_message(raw))
    if found is None:
        return None
    sender = original_external_sender(found, internal)
    return sender.email if sender else None


# --- item 1: forwards (I-4) -------------------------------------------------------------

LOCALISED = {
    "pl-outlook": ("PD: Oferta", "Od: Anna Nowak <anna@firma.pl>\nWysłano: środa, 1 maja 2024 10:00\n"
                   "Do: Kim <kim@example.com>\nTemat: Oferta\n\nDzień dobry"),
    "sv-outlook": ("VB: Offert", "Från: Klara Holm <klara@nordkap.se>\nSkickat: den 1 maj 2024 10:00\n"
                   "Till: Kim <kim@example.com>\nÄmne: Offert\n\nHej"),
    "ja-outlook": ("FW: 見積", "差出人: 渡辺 拓也 <takuya@tokai.co.jp>\n送信日時: 2024年5月1日 10:00\n"
                   "宛先: Kim <kim@example.com>\n件名: 見積\n\nお世話になっております"),
    "ru-thunderbird": ("Fwd: Демо", "-------- Перенаправленное сообщение --------\nТема: Демо\n"
                       "Дата: Wed, 1 May 2024 10:00:00 +0300\nОт: Иван Петров <ivan@volga.ru>\n"
                       "Кому: Kim <kim@example.com>\n\nДобрый день"),
    "tr-apple": ("İLT: Teklif", "İleti başlangıcı:\n\nKimden: Ayşe Kaya <ayse@anadolu.com.tr>\n"
                 "Konu: Teklif\nTarih: 1 Mayıs 2024 10:00:00 GMT+3\nKime: Kim <kim@example.com>\n\nMerhaba"),
    "fi-gmail": ("VL: Demo", "---------- Välitetty viesti ---------\nLähettäjä: Aino Virtanen "
                 "<aino@revontuli.fi>\nDate: ke 1.5.2024 klo 10.00\nSubject: Demo\nTo: <kim@example.com>\n\nHei"),
    "es-outlook-no-cc": ("RV: Precios", "De: Lucía Gómez <lucia@iberia-soft.es>\nEnviado el: miércoles, "
                         "1 de mayo de 2024 10:00\nPara: Kim <kim@example.com>\nAsunto: Precios\n\nHola"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(LOCALISED))
def test_i4_localised_outlook_gmail_apple_thunderbird_headers_find_the_customer(case: str) -> None:
    subject, body = LOCALISED[case]
    lead = lead_of(forward(f"Please take this.\n\n{body}\n", subject))
    assert lead is not None and not internal(lead) and "@" in lead, case


def test_i4_yahoo_one_line_header_and_outlook_2019_for_mac() -> None:
    yahoo = ("fyi\n\n----- Forwarded Message ----- From: Jane Doe <jane@acme.io>To: "
             '"kim@example.com" <kim@example.com>Sent: Wednesday, May 1, 2024, 10:00:00 AM GMT+1'
             "Subject: Pricing\n Hi, pricing please.")  # fmt: skip
    assert lead_of(forward(yahoo, "Fw: Pricing")) == "jane@acme.io"
    mac = 'Lead.\n\nOn 01/05/2024 10:00, "Jane Doe" <jane@acme.io> wrote:\n\n    Pricing please.'
    assert lead_of(forward(mac, "FW: Pricing")) == "jane@acme.io"
    # the same line under a reply subject is a quote, not a forward
    assert lead_of(forward(mac, "RE: Pricing")) is None


def test_i4_a_quoted_reply_header_inside_the_forwarded_mail_is_not_the_lead() -> None:
    body = (
        "---------- Forwarded message ---------\nFrom: Hannah <hannah@northwind.com>\n"
        "Date: Fri, Feb 23, 2024\nSubject: Security questionnaire\nTo: Kim <kim@example.com>\n\n"
        "We need your SOC 2 report.\n\nFrom: Jake Miller <jake@rival.io>\nSent: Tuesday\n"
        "To: Hannah <hannah@northwind.com>\nSubject: Renewal offer\n\nWe match any quote.\n"
    )
    assert lead_of(forward(body, "Fwd: Security questionnaire")) == "hannah@northwind.com"


def test_i4_a_header_block_of_the_person_the_mail_answers_is_a_reply() -> None:
    """Language-independent: a reply goes to the person it quotes; under an unknown prefix
    the quoted sender among the recipients means "reply"."""
    body = "Ok!\n\nNga: Arben <arben@adriatik.al>\nData: 01.05.2024\nPër: kim@example.com\nSubjekti: x\n"
    raw = forward(body, "PËRGJ: x", to="arben@adriatik.al, sales@example.com")
    assert lead_of(raw) is None
    sep = "-------- Mesazh i përcjellë --------\n" + body
    assert lead_of(forward(sep, "PËRC: x")) == "arben@adriatik.al"


def test_i4_subject_prefixes_forward_reply_and_ambiguous_vs() -> None:
    assert subject_kind("[EXTERNAL] FW: x") == "forward"
    assert subject_kind("İLT: x") == "forward" and subject_kind("転送: x") == "forward"
    assert subject_kind("Redir.: x") == "forward" and subject_kind("PD: x") == "forward"
    assert subject_kind("AW: x") == "reply" and subject_kind("Odp: x") == "reply"
    assert subject_kind("VS: x") == "forward" and subject_kind("VS: x", finnish=True) == "reply"
    assert subject_kind("Lead for you: x") is None and subject_kind("x") is None


def _attached(inner: bytes, *, how: str) -> bytes:
    """A forward carrying ``inner`` as an ``.eml`` octet-stream or as a base64
    ``message/rfc822`` part (as Outlook and webmails send it, against RFC 2046)."""
    ctype = (
        'application/octet-stream; name="a.eml"\r\nContent-Disposition: attachment; filename="a.eml"'
        if how == "octet"
        else "message/rfc822"
    )
    encoded = base64.encodebytes(inner).replace(b"\n", b"\r\n")
    return (
        b"From: Kim <kim@example.com>\r\nTo: sales@example.com\r\nSubject: Fwd: Pricing\r\n"
        b"Message-ID: <att@example.com>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\n"
        + f"Content-Type: {ctype}\r\nContent-Transfer-Encoding: base64\r\n\r\n".encode()
        + encoded
        + b"--b--\r\n"
    )


@pytest.mark.parametrize("how", ["octet", "base64"])
def test_i4_attached_original_in_any_transfer_encoding(how: str) -> None:
    inner = mail(sender="Jane Doe <jane@acme.io>", to="kim@example.com", message_id="<i@acme.io>")
    raw = _attached(inner, how=how)
    parsed = parse_message(raw)
    assert [m.from_addr for m in parsed.attached] == ["jane@acme.io"]
    assert lead_of(raw) == "jane@acme.io"


# --- item 2: robots (I-3) ---------------------------------------------------------------


def _report(report_type: str, part_type: str, sender: str = "MAILER-DAEMON <>") -> bytes:
    return (
        f"From: {sender}\nTo: sales@example.com\nSubject: Report\nMessage-ID: <r@x.net>\n"
        f'MIME-Version: 1.0\nContent-Type: multipart/report; report-type={report_type}; boundary="b"\n\n'
        f"--b\nContent-Type: text/plain\n\nreport\n--b\nContent-Type: {part_type}\n\n"
        "Reporting-MTA: dns; mx.x.net\n\n--b--\n"
    ).encode()


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (_report("delivery-status", "message/delivery-status"), "RFC 3464"),
        (_report("disposition-notification", "message/disposition-notification", "A <a@b.io>"), "RFC 8098"),
        (_report("feedback-report", "message/feedback-report", "fbl@isp.net"), "RFC 5965"),
        (mail(headers={"Auto-Submitted": "auto-replied"}), "RFC 3834"),
        (mail(headers={"X-Autoreply": "yes"}), "x-autoreply"),
        (mail(headers={"List-Id": "<news.acme.io>"}), "bulk"),
        # a lone Precedence: bulk is a gateway's stamp on a person's mail too (task h15b):
        # with a mass mailing's second sign it is bulk
        (mail(headers={"Precedence": "bulk"}, body="Our news.\n\nUnsubscribe here."), "bulk"),
        (mail(subject="Automatische Antwort: Pricing"), "subject"),
        (mail(subject="Réponse automatique : Pricing"), "subject"),
        (mail(subject="Balasan otomatis: Pricing"), "subject"),
        (mail(sender="GitHub <noreply@github.com>"), "robot sender"),
        (mail(body="This is an automated message; please do not reply."), "automated"),
    ],
)  # fmt: skip
def test_i3_robots_are_recognised_with_a_reason(raw: bytes, why: str) -> None:
    reason = robot_reason(parse_message(raw))
    assert reason is not None and why.lower() in reason.lower()


def test_i3_people_and_our_own_group_alias_are_not_robots() -> None:
    assert robot_reason(parse_message(mail())) is None
    for subject in ("Automation: pricing?", "Meeting in Assen: agenda", "Read the docs? pricing"):
        assert robot_reason(parse_message(mail(subject=subject))) is None, subject
    own = parse_message(mail(headers={"List-Id": "<sales.example.com>", "Precedence": "list"}))
    assert robot_reason(own, own_domains=frozenset({"example.com"})) is None
    assert is_robot_address("calendar-notification@google.com")
    assert is_robot_address("x@noreply.formbuilder.io") and not is_robot_address("nora@acme.io")


@pytest.mark.parametrize("sender", ["<>", "MAILER-DAEMON <>", "<MAILER-DAEMON>", "MAILER-DAEMON"])
def test_i3_null_and_unqualified_mailer_daemon_bounces_are_ignored_not_refused(
    client: TestClient, rt: Runtime, sender: str
) -> None:
    raw = (
        f"Return-Path: <>\nFrom: {sender}\nTo: sales@example.com\nSubject: Undelivered Mail\n"
        f"Message-ID: <b-{len(sender)}@mx.x.net>\n\nThe mail system\x00 could not deliver.\n"
    ).encode()
    r = post_email(client, rt, raw)
    assert r.status_code == 200 and r.json()["status"] == "ignored", r.text
    assert "bounce" in r.json()["reason"]
    with rt.uow(readonly=True) as s:
        assert s.scalars(select(Task)).first() is None
        logged = s.scalars(select(IntakeRejection)).all()
        assert [x.code for x in logged] == ["auto-reply"]


def test_i3_i4_forwarded_no_reply_notification_is_ignored(client: TestClient, rt: Runtime) -> None:
    body = (
        "fyi\n\n---------- Forwarded message ---------\nFrom: Webinar <noreply@webinar.io>\n"
        "Date: Thu, Mar 20, 2025\nSubject: New registration\nTo: Kim <kim@example.com>\n\nNew!"
    )
    r = post_email(client, rt, forward(body, "Fwd: New registration"))
    assert r.json()["status"] == "ignored" and "noreply@webinar.io" in r.json()["reason"]


# --- item 8: idempotency without a Message-ID -------------------------------------------

NO_ID = (
    b"From: Jane Doe <jane@acme.io>\r\nTo: sales@example.com\r\nSubject: Pricing\r\n"
    b"Date: Wed, 01 May 2024 10:00:00 +0000\r\n\r\nHi, a quote please.\r\n"
)
RETRY = (
    b"Received: from relay2.acme.io by mx1.example.com; Wed, 01 May 2024 10:05:00 +0000\r\n"
    b"Return-Path: <jane@acme.io>\r\nDKIM-Signature: v=1; a=rsa-sha256; d=acme.io;\r\n"
    b"\tb=abc\r\nARC-Seal: i=1; a=rsa-sha256; cv=none\r\n"
)


def test_item8_key_without_message_id_ignores_transport_headers() -> None:
    assert content_key(NO_ID) == content_key(RETRY + NO_ID)
    assert content_key(NO_ID) == content_key(NO_ID.replace(b"\r\n", b"\n"))
    assert content_key(NO_ID) != content_key(NO_ID.replace(b"a quote", b"two quotes"))
    assert content_key(NO_ID) != content_key(NO_ID.replace(b"Pricing", b"Pricing!"))


def test_item8_an_mta_retry_with_one_more_received_is_one_delivery(
    client: TestClient, rt: Runtime
) -> None:
    first = post_email(client, rt, NO_ID)
    again = post_email(client, rt, RETRY + NO_ID)
    assert first.json()["status"] == "accepted"
    assert again.json().get("duplicate") is True
    with rt.uow(readonly=True) as s:
        assert len(s.scalars(select(Task)).all()) == 1


# --- item 4: any bytes ------------------------------------------------------------------


def test_item4_nul_bytes_in_a_forward_and_a_malformed_mail_never_500(
    client: TestClient, rt: Runtime
) -> None:
    body = (
        "fyi\x00\n\n---------- Forwarded message ---------\nFrom: Jane\x00 <jane@acme.io>\n"
        "Date: Wed, May 1, 2024\nSubject: Pricing\x00\nTo: Kim <kim@example.com>\n\nQuote\x00?"
    )
    r = post_email(client, rt, forward(body, "Fwd: Pricing\x00"))
    assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    bad = post_email(client, rt, b"To: sales@example.com\r\nSubject: x\x00\r\n\r\nno sender\x00")
    assert bad.status_code == 422 and "INSERT" not in bad.text and "no sender" not in bad.text


def test_item4_smtp_answers_554_not_a_451_loop_for_an_unstorable_message(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message the database refuses would fail the same way on every retry: the
    listener refuses it for good (554), logs it, and never echoes the SQL."""
    from sqlalchemy.exc import DataError

    import salesops.smtp as smtp_module

    def refuse(*args: object, **kwargs: object) -> object:
        raise DataError("INSERT INTO intake_deliveries …", {}, Exception("NUL (0x00)"))

    monkeypatch.setattr(smtp_module, "store_mail", refuse)
    reply = smtp_module.IntakeHandler(rt).deliver(mail(), ["sales@example.com"], "127.0.0.1")
    assert reply.startswith("554 ") and "INSERT" not in reply
    with rt.uow(readonly=True) as s:
        assert [x.code for x in s.scalars(select(IntakeRejection))] == ["malformed"]


def test_i4_a_forward_looping_in_sales_with_the_customer_in_cc_still_counts() -> None:
    body = (
        "Hi Jane, looping in our sales team.\n\n---------- Forwarded message ---------\n"
        "From: Jane Doe <jane@acme.io>\nDate: Wed, May 1, 2024\nSubject: Pricing\n"
        "To: Kim <kim@example.com>\n\nA quote please."
    )
    raw = mail(sender="Kim <kim@example.com>", to="sales@example.com", cc="jane@acme.io",
               subject="Fwd: Pricing", body=body)  # fmt: skip
    assert lead_of(raw) == "jane@acme.io"


def test_i3_a_google_group_alias_rewriting_from_for_dmarc_keeps_the_real_sender(
    client: TestClient, rt: Runtime
) -> None:
    raw = mail(
        sender="'Jane Doe' via Sales <sales@example.com>",
        headers={"X-Original-From": "Jane Doe <jane@acme.io>", "Reply-To": "jane@acme.io",
                 "List-Id": "<sales.example.com>", "Precedence": "list"},
    )  # fmt: skip
    r = post_email(client, rt, raw)
    assert r.json()["status"] == "accepted", r.text
    with rt.uow(readonly=True) as s:
        task = s.scalars(select(Task)).one()
        assert s.get(Contact, task.contact_id).email == "jane@acme.io"  # type: ignore[union-attr]


def test_i3_a_calendar_reply_to_our_invitation_is_a_robot() -> None:
    msg = EmailMessage()
    msg["From"] = "Jane Doe <jane@acme.io>"
    msg["To"] = "sales@example.com"
    msg["Subject"] = "Accepted: Demo"
    msg.set_content("Jane accepted.")
    msg.add_alternative("BEGIN:VCALENDAR\nMETHOD:REPLY\nEND:VCALENDAR\n", subtype="calendar")
    reason = robot_reason(parse_message(bytes(msg)))
    assert reason is not None and reason.startswith("calendar reply to an invitation")
    assert robot_reason(parse_message(mail(subject="Accepted: your offer, next steps?"))) is None


def test_i3_a_calendar_reply_is_a_robot_by_its_icalendar_method_in_any_language() -> None:
    """Task h15u: "Voorlopig:" (Dutch, tentative) was a lead: the subject lists cannot
    hold every language, the iCalendar METHOD:REPLY (RFC 5546) says it in all of them;
    an invitation (METHOD:REQUEST) from a customer is still a person's mail."""
    for method, subject in (("REPLY", "Voorlopig: Productdemo"), ("REQUEST", "Demo?")):
        msg = EmailMessage()
        msg["From"] = "Jane Doe <jane@acme.io>"
        msg["To"] = "sales@example.com"
        msg["Subject"] = subject
        msg.set_content("See the invitation.")
        msg.add_alternative(
            f"BEGIN:VCALENDAR\nMETHOD:{method}\nEND:VCALENDAR\n", subtype="calendar"
        )
        parsed = parse_message(bytes(msg))
        assert parsed.calendar_method == method
        reason = robot_reason(parsed)
        assert (reason is not None) == (method == "REPLY"), reason
