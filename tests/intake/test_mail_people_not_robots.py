# ruff: noqa: E501
"""Issue 15 (task h15, items 1 and 2): people whose mail a robot rule over-reached on
stay leads — a subject that starts "Read:" written by a person, "Automatic reply" or "Out
of office" inside a person's subject sentence, a Japanese, Chinese or Korean customer who
says in passing that they were away. Receipts and auto-replies keep their shapes (I-3); a
whole "Automatic reply:" label stays an auto-reply even over a question (auto-replies
quote the mail they answer: tests/intake/test_mail_generalised.py). Pure rules first, then
the same messages over HTTP and SMTP on the backend under test."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from fastapi.testclient import TestClient

from salesops.intake.email_parse import parse_message
from salesops.intake.robots import robot_reason
from salesops.playbook.runtime import Runtime
from tests.intake.helpers import mail
from tests.intake.mail_corpus import HttpTransport, smtp_transport

OURS = frozenset({"example.com"})


def reason(sender: str, subject: str, body: str) -> str | None:
    return robot_reason(
        parse_message(mail(sender=sender, subject=subject, body=body)), own_domains=OURS
    )


# --- item 1: "Read:" and the other robot subjects -------------------------------------

PEOPLE = {
    "read-en": (
        "Jane <jane@acme.io>",
        "Read: your proposal",
        "Hi, we went through it with our CTO and would like to move forward. Can we talk Tuesday?",
    ),
    "read-en-no-question": (
        "Jane <jane@acme.io>",
        "Read: your proposal",
        "Thanks. We want a quote for 20 seats, starting in January.",
    ),
    "read-en-requirements": (
        "Raj <raj@bharat-soft.in>",
        "Read: our requirements before the call",
        "Please find our requirements below. Budget 50k, 200 users.",
    ),
    "read-receipt-feature": (
        "Tom <tom@crm-co.com>",
        "Read receipt support in your API",
        "We need to track read receipts for 5,000 mailboxes. Pricing?",
    ),
    "gelesen-de": (
        "Jens <jens@bau-gmbh.de>",
        "Gelesen: Ihr Angebot",
        "Wir haben Ihr Angebot im Team besprochen und möchten 30 Lizenzen bestellen.",
    ),
    "lu-fr": (
        "Luc <luc@vignoble.fr>",
        "Lu : votre proposition",
        "Bonjour, nous souhaitons un devis pour 15 postes.",
    ),
    "delivered-en": (
        "Ana <ana@freight-co.com>",
        "Delivered: the signed contract",
        "Here is the signed contract. Please send the invoice to ap@freight-co.com.",
    ),
    "automatic-reply-in-a-sentence": (
        "Kim <kim@helpdesk-co.com>",
        "Automatic reply settings for our 40 agents",
        "Hello, we need automatic replies for 40 agents. Does your product support them?",
    ),
    "automatic-reply-no-question": (
        "Kim <kim@helpdesk-co.com>",
        "Automatic replies in Spanish and German",
        "We need automatic replies in two languages for 40 agents, from January.",
    ),
    "out-of-office-in-a-sentence": (
        "Lea <lea@retail-co.de>",
        "Out of office planning for 300 staff",
        "We manage 300 staff absences. Could you send pricing?",
    ),
}
RECEIPTS = {
    "outlook-en": (
        "Jane <jane@acme.io>",
        "Read: Your quote",
        "Your message\n\n  To: Sam <sam@example.com>\n  Subject: Your quote\n  Sent: Monday, 7 December 2026 09:12\n\nwas read on Monday, 7 December 2026 10:15.",
    ),
    "outlook-de": (
        "Jens <jens@bau-gmbh.de>",
        "Gelesen: Ihr Angebot",
        "Ihre Nachricht\n\n  An: Sam\n  Betreff: Ihr Angebot\n\nwurde am Montag, 7. Dezember 2026 10:15 gelesen.",
    ),
    "outlook-fr": (
        "Luc <luc@vignoble.fr>",
        "Lu : Votre devis",
        "Votre message\n\n  À : Sam\n  Objet : Votre devis\n\na été lu le lundi 7 décembre 2026 10:15.",
    ),
    "libero-it": (
        "Pietro <p@ferrandi.it>",
        "Letto: Preventivo",
        "Il messaggio inviato a p@ferrandi.it è stato letto il 05/12/2026 alle 10:14.",
    ),
    "not-read-en": (
        "Jane <jane@acme.io>",
        "Not read: Your quote",
        "Your message to Jane was deleted without being read on 7 December 2026.",
    ),
    "delivered-en": (
        "Ops <ops@acme.io>",
        "Delivered: Your quote",
        "Your message has been delivered to the following recipients:\n\nJane (jane@acme.io)",
    ),
    "empty": ("Jane <jane@acme.io>", "Read: Your quote", ""),
    "ja": (
        "田中 <tanaka@nihon-kk.co.jp>",
        "開封済み: お見積もり",
        "お客様のメッセージは 2026/12/07 10:15 に開封されました。",
    ),
    "ko": ("김 <kim@hanguk.co.kr>", "읽음: 견적", "보내신 메시지를 2026-12-07 10:15에 읽었습니다."),
}


@pytest.mark.parametrize("case", sorted(PEOPLE))
def test_i3_a_person_under_a_robot_like_subject_is_a_person(case: str) -> None:
    assert reason(*PEOPLE[case]) is None


@pytest.mark.parametrize("case", sorted(RECEIPTS))
def test_i3_a_receipt_subject_with_a_receipts_text_is_a_receipt(case: str) -> None:
    found = reason(*RECEIPTS[case])
    assert found is not None and "receipt" in found, found


def test_i3_a_receipt_subject_with_no_text_but_an_attachment_is_a_person() -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = (
        "Jane <jane@acme.io>",
        "sales@example.com",
        "Read: our RFP",
    )
    msg["Message-ID"] = "<rfp@acme.io>"
    msg.set_content("")
    msg.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf", filename="rfp.pdf")
    assert robot_reason(parse_message(bytes(msg)), own_domains=OURS) is None


MDN = b"""From: Jane <jane@acme.io>
To: sales@example.com
Subject: Read: your proposal
Message-ID: <mdn@acme.io>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="b1"

--b1
Content-Type: text/plain

We read it, can we talk?
--b1
Content-Type: message/disposition-notification

Final-Recipient: rfc822; jane@acme.io
Disposition: manual-action/MDN-sent-manually; displayed
--b1--
"""


def test_i3_the_structure_of_a_receipt_still_decides_whatever_its_text() -> None:
    assert "receipt" in (robot_reason(parse_message(MDN), own_domains=OURS) or "")


# --- item 2: CJK customers who were away ------------------------------------------------

WERE_AWAY = {
    "ja": (
        "田中 <tanaka@nihon-kk.co.jp>",
        "Re: お見積もり",
        "先週は休暇でしたので返信が遅くなり申し訳ありません。20ライセンスでお見積もりをお願いいたします。よろしくお願いします。",
    ),
    "ja-question-form": (
        "田中 <tanaka@nihon-kk.co.jp>",
        "Re: お見積もり",
        "出張で不在にしておりました。12月20日までにお見積もりをいただけますでしょうか。",
    ),
    "zh": (
        "王 <wang@hua-tech.cn>",
        "Re: 报价",
        "上周我在休假，回来后看到您的邮件。我们需要20个许可证的报价，谢谢。",
    ),
    "zh-tw": (
        "陳 <chen@tai-soft.com.tw>",
        "Re: 報價",
        "上週休假，剛回來。請提供50個授權的報價，謝謝。",
    ),
    "ko": (
        "김 <kim@hanguk.co.kr>",
        "Re: 견적",
        "지난주 휴가 중이어서 답장이 늦었습니다. 20개 라이선스 견적 부탁드립니다. 감사합니다.",
    ),
    "ko-question": (
        "박 <park@hanguk.co.kr>",
        "Re: 견적",
        "휴가에서 돌아왔습니다. 12월 20일까지 견적을 받을 수 있을까요",
    ),
    "en": (
        "Jane <jane@acme.io>",
        "Re: Quote",
        "Sorry for the late reply, I was on leave until 3 December. Thank you for the quote: we'd like 20 seats.",
    ),
}
AWAY_NOW = {
    "ja": (
        "田中 <tanaka@nihon-kk.co.jp>",
        "Re: お見積もり",
        "誠に勝手ながら、12月20日まで休暇のため不在にしております。12月21日以降に順次返信いたします。お急ぎの場合は鈴木までご連絡ください。",
    ),
    "zh": (
        "王 <wang@hua-tech.cn>",
        "Re: 报价",
        "您好，我目前正在休假，12月20日返回。如有急事请联系李先生。谢谢！",
    ),
    "ko": (
        "김 <kim@hanguk.co.kr>",
        "Re: 견적",
        "12월 20일까지 휴가 중입니다. 복귀 후 회신드리겠습니다. 급한 용무는 이 과장에게 연락 부탁드립니다. 감사합니다.",
    ),
    "sv": (
        "Erik <erik@firm.se>",
        "Re: Offert",
        "Tack för ditt mejl. Jag är på semester 12–23 augusti och är tillbaka måndag 26 augusti. Vid brådskande ärenden, kontakta Erik Holm.",
    ),
}


@pytest.mark.parametrize("case", sorted(WERE_AWAY))
def test_i3_a_customer_who_says_they_were_away_is_a_lead(case: str) -> None:
    assert reason(*WERE_AWAY[case]) is None


@pytest.mark.parametrize("case", sorted(AWAY_NOW))
def test_i3_an_out_of_office_said_in_the_body_is_still_one(case: str) -> None:
    found = reason(*AWAY_NOW[case])
    assert found is not None and "out-of-office" in found, found


# --- over HTTP and SMTP, on the backend under test ----------------------------------------


def test_i3_items_1_and_2_over_http_and_smtp_alike(client: TestClient, rt: Runtime) -> None:
    """People become leads, receipts and auto-replies are ignored — the same answer over
    both transports (each sends its own Message-IDs into the same database)."""
    cases = [(f"person-{k}", v, "accepted") for k, v in PEOPLE.items()]
    cases += [(f"away-{k}", v, "accepted") for k, v in WERE_AWAY.items()]
    cases += [(f"receipt-{k}", v, "ignored") for k, v in RECEIPTS.items()]
    cases += [(f"ooo-{k}", v, "ignored") for k, v in AWAY_NOW.items()]
    http = HttpTransport(client, rt)
    with smtp_transport(rt) as smtp:
        for name, (sender, subject, body), want in cases:
            got = []
            for transport in (http, smtp):
                raw = mail(sender=sender, subject=subject, body=body,
                           message_id=f"<{name}.{transport.name}@h15.test>")  # fmt: skip
                got.append(transport.send(raw))
            assert [o.status for o in got] == [want, want], (name, got)
            assert got[0].lead == got[1].lead, (name, got)
            if want == "accepted":
                assert got[0].lead == sender.split("<")[1].rstrip(">"), (name, got)
