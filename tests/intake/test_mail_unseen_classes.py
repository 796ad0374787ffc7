# ruff: noqa: E501
"""Issue 15 (task h15b): classes a fourth unseen corpus is likely to hold — rarer
clients' and languages' robots, and people whose mail looks robotic — each decided by a
general rule (docs/intake.md, "Mail rules" 2) and tested with messages of our own, written
from the platforms' public formats. Pure: ``robot_reason`` over a parsed message (I-3)."""

from __future__ import annotations

import pytest

from salesops.intake.email_parse import parse_message
from salesops.intake.robots import robot_reason
from salesops.intake.rules import auto_reply_reason
from salesops.playbook.loader import load_default_playbook
from tests.intake.helpers import mail

OURS = frozenset({"example.com"})


def reason(sender: str, subject: str, body: str, **headers: str) -> str | None:
    raw = mail(sender=sender, subject=subject, body=body,
               headers={k.replace("_", "-"): v for k, v in headers.items()})  # fmt: skip
    return robot_reason(parse_message(raw), own_domains=OURS)


# --- robots that mark nothing in their headers (I-3) -----------------------------------

ROBOTS = {
    # out-of-office replies said only in the body, RTL / CJK / South-East Asian
    "ooo-he": ("Dana <dana@levi-tech.co.il>", "Re: הצעת מחיר",
               "שלום,\nאני מחוץ למשרד עד 15.12 עם גישה מוגבלת.\nבמקרים דחופים נא לפנות ליוסי.\nתודה"),
    "ooo-ar": ("Omar <omar@gulf-soft.ae>", "Re: عرض السعر",
               "مرحباً،\nأنا خارج المكتب حتى 20 ديسمبر. للأمور العاجلة يرجى التواصل مع سارة\nشكراً"),
    "ooo-th": ("Somchai <somchai@siam-tech.co.th>", "Re: ใบเสนอราคา",
               "สวัสดีครับ\nผมลาพักร้อนถึงวันที่ 20 ธันวาคม จะกลับมาตอบอีเมล กรณีเร่งด่วนติดต่อคุณนก\nขอบคุณครับ"),
    "ooo-vi": ("Nguyen <nguyen@viet-soft.vn>", "Re: Báo giá",
               "Tôi đang nghỉ phép đến ngày 20/12 và sẽ trả lời khi trở lại. Trường hợp khẩn cấp xin liên hệ chị An.\nCảm ơn"),
    "ooo-hi": ("Raj <raj@bharat-soft.in>", "Re: कोटेशन",
               "नमस्ते,\nमैं 20 दिसंबर तक छुट्टी पर हूँ। तत्काल मामलों के लिए प्रिया से संपर्क करें।\nधन्यवाद"),
    "ooo-subject-th": ("S <s@siam-tech.co.th>", "ตอบกลับอัตโนมัติ: ใบเสนอราคา", "ผมลาพักร้อน"),
    "ooo-subject-id": ("B <b@nusantara.co.id>", "Balasan Otomatis: Penawaran", "Saya cuti."),
    # read receipts and non-delivery subjects beyond the EU
    "receipt-vi": ("N <n@viet-soft.vn>", "Đã đọc: Báo giá", "Thư của bạn đã được đọc."),
    "receipt-id": ("B <b@nusantara.co.id>", "Dibaca: Penawaran", "Pesan Anda telah dibaca."),
    "receipt-hi": ("R <r@bharat-soft.in>", "पढ़ा गया: कोटेशन", "आपका संदेश पढ़ा गया।"),
    "receipt-ar": ("O <o@gulf-soft.ae>", "تمت القراءة: عرض السعر", "تمت قراءة رسالتك."),
    "bounce-qq": ("QQ邮箱 <10000@qq.com>", "退信：报价", "很抱歉您发送的邮件被退回"),
    "bounce-naver": ("Naver <ms@naver.com>", "[메일 발송 실패 안내] 견적", "메일 발송에 실패했습니다"),
    # people who have left, mailboxes nobody reads
    "left-en": ("Mark <mark@old-co.com>", "Re: Quote",
                "Hello,\nMark Jones is no longer with Old Co. Please direct your inquiries to info@old-co.com."),
    "left-de": ("Klaus <klaus@alt-gmbh.de>", "AW: Angebot",
                "Herr Klaus ist nicht mehr für die Alt GmbH tätig. Ihre E-Mail wird nicht weitergeleitet."),
    "left-fr": ("Luc <luc@vieux.fr>", "RE: Devis",
                "Luc a quitté l'entreprise. Votre message ne sera pas transféré. Merci de contacter le standard."),
    "unmonitored": ("Accounts <accounts@old-co.com>", "Re: Invoice",
                    "This mailbox is not being monitored. Please contact support@old-co.com instead."),
    # help desks that mark nothing in their headers
    "desk-servicenow": ("ServiceNow <acme@service-now.com>", "Incident INC0012345 has been opened on your behalf",
                        "Your incident INC0012345 has been opened on your behalf. We will contact you shortly."),
    "desk-zoho": ("Acme Support <support@acme.zohodesk.com>", "[##12345##] Your ticket has been created",
                  "Thank you for contacting us. This is an automated response confirming the receipt of your ticket."),
    "desk-helpscout": ("Support <support@hs-co.com>", "Re: Quote",
                       "Thanks for your email. This is an automated response to let you know we've received your message."),
    "desk-freshdesk-url": ("Support <support@fresh-co.com>", "Ticket Received - Quote",
                           "We have received your request. To view the status visit https://fresh-co.freshdesk.com/helpdesk/tickets/4456"),
    "desk-jira": ("Acme Support <jira@acme-help.atlassian.net>", "SUP-1234 Pricing question",
                  "Your request SUP-1234 has been received and we'll be in touch."),
    # calendars' answers without an iCalendar part
    "calendar-de": ("Jan <jan@cal-co.de>", "Zugesagt: Demo", ""),
    "calendar-zh": ("王 <wang@hua-tech.cn>", "已接受: 演示", ""),
    "calendar-en-text": ("Jan <jan@cal-co.com>", "Declined: Demo", "Jan has declined this invitation."),
    # newsletters and notifications without List-* headers
    "news-footer": ("Acme Co <news@acme-co8.com>", "Our December update",
                    "Hello!\nLots of news.\n\nYou received this email because you subscribed.\nUnsubscribe | Manage preferences"),
    "news-substack": ("Tech Weekly <techweekly@substack.com>", "Issue #42", "Hi friends,\n...\n\nUnsubscribe https://x.example/u"),
    "notification-trello": ("Trello <taco@trello.com>", "Jane mentioned you on a card",
                            "Jane mentioned you.\n\nYou are receiving this email because you have notifications enabled."),
    "notification-paypal": ("PayPal <service@paypal.com>", "You've got money",
                            "You received a payment.\nPlease don't reply to this email."),
    "notice-m365": ("Microsoft 365 Message center <o365mc@microsoft.com>", "Weekly digest",
                    "Highlights\n...\nYou're receiving this email because you're a Microsoft 365 administrator."),
    "desk-zendesk-marker": ("Acme Support <support@acme.zendesk.com>", "[Acme] Re: Pricing",
                            "##- Please type your reply above this line -##\n\nYour request (4455) has been received and is being reviewed by our support staff."),
    "challenge-response": ("Jane <jane@spamcheck-co.com>", "Please confirm your message",
                           "I use a spam filter. To get your message delivered, please click below to confirm you are a human."),
    "bulk-two-weak-headers": ("Acme <news@acme-k.com>", "Update", "Hello, our update."),
}  # fmt: skip
TWO_WEAK = {"List_Unsubscribe": "<mailto:u@acme-k.com>", "Precedence": "bulk"}
ESP_HEADERS = {  # (header, value): each with an unsubscribe in the text is a campaign
    "Mailgun": ("X-Mailgun-Tag", "newsletter"), "SendGrid": ("X-SG-EID", "abc"),
    "SES": ("X-SES-Outgoing", "2026.12.07"), "Mailjet": ("X-MJ-Mid", "abc"),
    "SparkPost": ("X-MSYS-API", '{"campaign_id":"dec"}'), "Mandrill": ("X-Mandrill-User", "md_1"),
    "Klaviyo": ("X-Kmail-Account", "Ab12"), "Customer.io": ("X-CIO-Delivery", "abc"),
    "ConvertKit": ("X-ConvertKit-Id", "1"), "Brevo": ("X-Mailer", "Brevo"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(ROBOTS))
def test_i3_robots_that_mark_nothing_are_ignored(case: str) -> None:
    extra = TWO_WEAK if case == "bulk-two-weak-headers" else {}
    assert reason(*ROBOTS[case], **extra) is not None


@pytest.mark.parametrize("esp", sorted(ESP_HEADERS))
def test_i3_an_esps_sending_header_and_an_unsubscribe_are_bulk_mail(esp: str) -> None:
    name, value = ESP_HEADERS[esp]
    found = reason("Acme <news@acme-co.com>", "December newsletter",
                   "Hello!\n...\nUnsubscribe from this list", **{name.replace("-", "_"): value})  # fmt: skip
    assert found is not None and "bulk" in found


# --- people whose mail looks robotic stay leads (I-3: a false robot is a lost lead) -----

PEOPLE = {
    "subject-automatic": ("Ann <ann@auto-parts.com>", "Automatic door openers - pricing for 40 units",
                          "Hi, we'd like a quote for 40 automatic door openers."),
    "was-out-of-office": ("Bo <bo@human-co.com>", "Re: Quote",
                          "Sorry for the slow answer, I was out of office last week. We'd like to go ahead with "
                          "the 50 seat plan. Please send the contract.\nBo"),
    "quotes-our-auto-reply": ("Cy <cy@human-co.com>", "Re: Automatic reply: Pricing",
                              "Thanks, we will wait for Tom to be back.\n\nOn Mon, Dec 7, 2026 at 9:00 AM Sales "
                              "<sales@example.com> wrote:\n> This is an automated message. Thank you for contacting us.\n"),
    "quotes-our-auto-reply-outlook": ("Cy <cy2@human-co.com>", "RE: Automatic reply: Pricing",
                                      "Fine, I'll wait for the quote.\n\n________________________________\n"
                                      "From: Sales <sales@example.com>\nSent: Monday, December 7, 2026 9:00 AM\n"
                                      "Subject: Automatic reply: Pricing\n\nThis is an automatic reply."),
    "order-number": ("Hal <hal@acme-b.com>", "Order #12345 follow-up",
                     "Hi, we received your quote #12345 and want to order. Please send the invoice."),
    "colleague-left": ("Ida <ida@acme-c.com>", "New contact for our account",
                       "Hi, Tom has left the company, I'm the new contact for our account. Please update your records."),
    "accepted-proposal": ("Oz <oz@acme-i.com>", "Accepted: your proposal",
                          "We accept your proposal. Please send the contract."),
    "bounced-asks": ("Pia <pia@acme-j.com>", "Re: Undeliverable: Pricing",
                     "Your mail to my old address bounced. Could you resend the quote here?\n\n"
                     "-----Original Message-----\n550 5.1.1 <old@acme-j.com> rejected; from sales@example.com"),
    "superhuman": ("Sue <sue@acme-m.com>", "Intro", "Hi! We'd like to talk.\n\nSent via Superhuman"),
    "unsubscribe-word": ("Lea <lea@acme-f.com>", "Unsubscribe request and a question",
                         "Please unsubscribe my colleague from your newsletter. Also, we want 10 more seats."),
}  # fmt: skip
ONE_TO_ONE_HEADERS = {  # a sales tool's one-click unsubscribe, a gateway's Precedence
    "outreach": {"List_Unsubscribe": "<https://app.outreach.example/u/abc>",
                 "List_Unsubscribe_Post": "List-Unsubscribe=One-Click"},
    "salesloft": {"List_Unsubscribe": "<mailto:unsubscribe@salesloft.example?subject=abc>"},
    "gateway-bulk": {"Precedence": "bulk"},
    "gateway-junk": {"Precedence": "junk"},
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(PEOPLE))
def test_i3_people_whose_mail_looks_robotic_stay_leads(case: str) -> None:
    assert reason(*PEOPLE[case]) is None


@pytest.mark.parametrize("tool", sorted(ONE_TO_ONE_HEADERS))
def test_i3_a_lone_list_unsubscribe_or_precedence_bulk_is_no_robot_by_intakes_own_rules(
    tool: str,
) -> None:
    """A sales tool's List-Unsubscribe on a person's mail: a lead. ``Precedence: bulk|junk``
    is not bulk by intake's own rules either; SPEC I-3 names it, so the default playbook's
    ``auto_reply_markers`` still ignore it (an installation may remove the marker)."""
    body = "Hi team,\nWe're evaluating tools for 300 users. Please send enterprise pricing.\nDee"
    headers = ONE_TO_ONE_HEADERS[tool]
    assert reason("Dee <dee@prospect-co.com>", "Enterprise plan", body, **headers) is None
    markers = load_default_playbook().intake.auto_reply_markers
    spec = auto_reply_reason({k.replace("_", "-"): v for k, v in headers.items()},
                             "dee@prospect-co.com", "Enterprise plan", markers)  # fmt: skip
    assert (spec is not None) == ("Precedence" in headers)


@pytest.mark.parametrize("tool", sorted(ONE_TO_ONE_HEADERS))
def test_i3_a_lone_list_unsubscribe_with_a_second_sign_is_still_bulk(tool: str) -> None:
    """The safety half: with an unsubscribe footer, an ESP header or a robot sender it is
    a mass mailing; List-Id and Precedence: list need nothing more."""
    headers = ONE_TO_ONE_HEADERS[tool]
    assert reason("Acme <news@acme-co.com>", "Deals", "Save 30%.\n\nUnsubscribe here", **headers)
    assert reason("Acme <news@acme-co.com>", "Deals", "Save 30%.", X_SG_EID="a", **headers)
    assert reason("Acme <noreply@acme-co.com>", "Deals", "Save 30%.", **headers)
    assert reason("Dee <dee@prospect-co.com>", "Hi", "Pricing?", List_Id="<deals.acme-co.com>")
    assert reason("Dee <dee@prospect-co.com>", "Hi", "Pricing?", Precedence="list")


@pytest.mark.parametrize("ctype", ["application/ics", "application/octet-stream"])
def test_i3_a_calendar_answer_attached_as_an_ics_file_is_a_calendar_reply(ctype: str) -> None:
    """Some clients attach the answer as ``invite.ics`` rather than a ``text/calendar``
    part (RFC 5546 METHOD:REPLY inside, whatever the subject's language)."""
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = (
        "Jan <jan@cal-co.com>",
        "sales@example.com",
        "Принято: Демо",
    )
    msg.set_content("")
    ics = b"BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    main, sub = ctype.split("/")
    msg.add_attachment(ics, maintype=main, subtype=sub, filename="invite.ics")
    found = robot_reason(parse_message(msg.as_bytes()), own_domains=OURS)
    assert found is not None and "calendar" in found


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("自動返信機能についてのお問い合わせ", "貴社製品の自動返信機能について伺いたく、ご連絡いたしました。お見積りをお願いいたします。"),
        ("자동 응답 기능 문의", "자동 응답 기능이 포함된 요금제가 있는지 문의드립니다. 15명 사용 예정입니다."),
        ("Out of office tooling for 200 staff", "We need a tool that manages team absences. Please send a quote."),
    ],
)  # fmt: skip
def test_i3_a_subject_phrase_opening_a_longer_label_needs_the_text_to_say_away(
    subject: str, body: str
) -> None:
    """An auto-reply's phrase at the start of a longer subject (a question about an
    auto-reply feature) holds only when the text says the writer is away (task h15b)."""
    assert reason("Misaki <misaki@fujimi-co.jp>", subject, body) is None
    assert reason("Misaki <misaki@fujimi-co.jp>", subject, "Ich bin bis 5. Januar im Urlaub.")


@pytest.mark.parametrize(
    "body",
    [
        "Hei! Jeg er på ferie til 5. januar og leser ikke e-post. Ved hastesaker, ring sentralbordet.",
        "My mail filter holds messages from unknown senders. To have your message delivered, reply with the word CONFIRM.",
    ],
)  # fmt: skip
def test_i3_an_away_note_and_a_challenge_filter_without_headers_are_robots(body: str) -> None:
    assert reason("Håkon <hakon@fjord-co.no>", "Re: Follow-up", body) is not None
