# ruff: noqa: E501
"""Issue 15 item 1 (task h15b): forwards from the rarer clients a fourth unseen corpus is
likely to hold — Thunderbird ≥ 102, Gmail and Outlook in zh / zh-TW / ko / vi / id / th /
he / ar / hi / uk, Zoho, Proton, Fastmail, Roundcube, SOGo, Horde, eM Client, HCL Notes
(with and without labels), Yandex, Mail.ru, QQ, 163, Naver, Seznam, Spark, Superhuman,
Front, HEY, Samsung, HTML-only header tables, a sender only in a mailto link, and a
forwarded block whose From our own group rewrote for DMARC (its Reply-To is the person).
Written from the clients' public formats; the innermost external sender is the lead (I-4)."""

from __future__ import annotations

import pytest

from salesops.core.config import Settings
from salesops.intake.mail import read_mail

H = "To: Sales <sales@example.com>\nDate: Mon, 07 Dec 2026 10:00:00 +0000\nMIME-Version: 1.0\n"


def f(subj, body, html=False, frm="Kim Berger <kim@example.com>"):
    ct = "text/html" if html else "text/plain"
    return f"From: {frm}\n{H}Subject: {subj}\nMessage-ID: <{abs(hash(subj + body))}@example.com>\nContent-Type: {ct}; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}\n"


def tb(
    sep,
    labels,
    subj="Pricing",
    lead="Jane Doe <jane@lead-co.com>",
    date="07.12.2026 09:00",
    tab=True,
):
    s, d, fr, to = labels
    t = "\t" if tab else " "
    return f"Please take this one.\n\n{sep}\n{s}:{t}{subj}\n{d}:{t}{date}\n{fr}:{t}{lead}\n{to}:{t}Kim Berger <kim@example.com>\n\n\nHello, we need a quote for 20 seats.\n"


def ol(
    labels,
    lead="Jane Doe <jane@lead-co.com>",
    date="2026年12月7日 9:00",
    sep="________________________________",
):
    fr, sent, to, s = labels
    return f"FYI\n\n{sep}\n{fr}: {lead}\n{sent}: {date}\n{to}: Kim Berger <kim@example.com>\n{s}: Pricing\n\nHello, we need a quote.\n"


CASES = [
    (
        "tb-zh",
        "jane@lead-co.com",
        f(
            "转发: Pricing",
            tb("-------- 转发的消息 --------", ("主题", "日期", "发件人", "收件人")),
        ),
    ),
    (
        "tb-zhtw",
        "jane@lead-co.com",
        f(
            "轉寄: Pricing",
            tb("-------- 轉寄的訊息 --------", ("主旨", "日期", "寄件者", "收件者")),
        ),
    ),
    (
        "tb-vi",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            tb("-------- Thư đã chuyển tiếp --------", ("Chủ đề", "Ngày", "Từ", "Đến")),
        ),
    ),
    (
        "tb-id",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            tb("-------- Pesan Terusan --------", ("Subjek", "Tanggal", "Dari", "Kepada")),
        ),
    ),
    (
        "tb-th",
        "jane@lead-co.com",
        f("Fwd: Pricing", tb("-------- ข้อความที่ส่งต่อ --------", ("เรื่อง", "วันที่", "จาก", "ถึง"))),
    ),
    (
        "tb-he",
        "jane@lead-co.com",
        f("הועבר: Pricing", tb("-------- הודעה שהועברה --------", ("נושא", "תאריך", "מאת", "אל"))),
    ),
    (
        "tb-ar",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            tb("-------- الرسالة المعاد توجيهها --------", ("الموضوع", "التاريخ", "من", "إلى")),
        ),
    ),
    (
        "tb-hi",
        "jane@lead-co.com",
        f("Fwd: Pricing", tb("-------- अग्रेषित संदेश --------", ("विषय", "दिनांक", "प्रेषक", "प्रति"))),
    ),
    (
        "tb-uk",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            tb("-------- Переслане повідомлення --------", ("Тема", "Дата", "Від", "Кому")),
        ),
    ),
    (
        "tb-ko",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            tb("-------- 전달된 메시지 --------", ("제목", "날짜", "보낸 사람", "받는 사람")),
        ),
    ),
    (
        "gm-zh",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "看看这个\n\n---------- 转发的邮件 ---------\n发件人： Jane Doe <jane@lead-co.com>\n日期：2026年12月7日周一 上午9:00\n主题：Pricing\n收件人： <kim@example.com>\n\n\nHello, quote please.\n",
        ),
    ),
    (
        "gm-vi",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "---------- Thư đã chuyển tiếp ---------\nTừ: Jane Doe <jane@lead-co.com>\nDate: Th 2, 7 thg 12, 2026 vào lúc 09:00\nSubject: Pricing\nTo: <kim@example.com>\n\nHello\n",
        ),
    ),
    (
        "gm-th",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "---------- ข้อความที่ส่งต่อ ---------\nจาก: Jane Doe <jane@lead-co.com>\nDate: จ. 7 ธ.ค. 2569 เวลา 09:00\nSubject: Pricing\nTo: <kim@example.com>\n\nHello\n",
        ),
    ),
    (
        "gm-he",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "---------- הודעה שהועברה ----------\nמאת: Jane Doe <jane@lead-co.com>\nDate: יום ב׳, 7 בדצמ׳ 2026 ב-9:00\nSubject: Pricing\nTo: <kim@example.com>\n\nHello\n",
        ),
    ),
    (
        "gm-ar",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "---------- الرسالة المُعاد توجيهها ---------\nمن: Jane Doe <jane@lead-co.com>\nDate: الاثنين، 7 ديسمبر 2026 في 9:00 ص\nSubject: Pricing\nTo: <kim@example.com>\n\nHello\n",
        ),
    ),
    (
        "gm-hi",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "---------- आगे भेजा गया संदेश ---------\nसे: Jane Doe <jane@lead-co.com>\nDate: सोम, 7 दिस॰ 2026 को 9:00 am बजे\nSubject: Pricing\nTo: <kim@example.com>\n\nHello\n",
        ),
    ),
    (
        "gm-id",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "---------- Pesan yang diteruskan ---------\nDari: Jane Doe <jane@lead-co.com>\nDate: Sen, 7 Des 2026 pukul 09.00\nSubject: Pricing\nTo: <kim@example.com>\n\nHello\n",
        ),
    ),
    (
        "gm-uk",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "---------- Пересланий лист ---------\nВід: Jane Doe <jane@lead-co.com>\nDate: пн, 7 груд. 2026 р. о 09:00\nSubject: Pricing\nTo: <kim@example.com>\n\nHello\n",
        ),
    ),
    ("ol-zh", "jane@lead-co.com", f("转发: Pricing", ol(("发件人", "发送时间", "收件人", "主题")))),
    (
        "ol-zhtw",
        "jane@lead-co.com",
        f("轉寄: Pricing", ol(("寄件者", "寄件日期", "收件者", "主旨"))),
    ),
    (
        "ol-ko",
        "jane@lead-co.com",
        f(
            "FW: Pricing",
            ol(
                ("보낸 사람", "보낸 날짜", "받는 사람", "제목"),
                date="2026년 12월 7일 월요일 오전 9:00",
            ),
        ),
    ),
    (
        "ol-vi",
        "jane@lead-co.com",
        f(
            "FW: Pricing",
            ol(("Từ", "Đã gửi", "Đến", "Chủ đề"), date="Thứ Hai, 7 tháng 12, 2026 9:00 SA"),
        ),
    ),
    (
        "ol-id",
        "jane@lead-co.com",
        f(
            "FW: Pricing",
            ol(("Dari", "Dikirim", "Kepada", "Subjek"), date="Senin, 07 Desember 2026 09.00"),
        ),
    ),
    (
        "ol-th",
        "jane@lead-co.com",
        f("FW: Pricing", ol(("จาก", "ส่ง", "ถึง", "เรื่อง"), date="7 ธันวาคม 2569 9:00")),
    ),
    (
        "ol-he",
        "jane@lead-co.com",
        f("FW: Pricing", ol(("מאת", "נשלח", "אל", "נושא"), date="יום שני 07 דצמבר 2026 09:00")),
    ),
    (
        "ol-ar",
        "jane@lead-co.com",
        f("FW: Pricing", ol(("من", "تم الإرسال", "إلى", "الموضوع"), date="07 ديسمبر 2026 09:00 ص")),
    ),
    (
        "ol-hi",
        "jane@lead-co.com",
        f(
            "FW: Pricing",
            ol(("प्रेषक", "भेजा गया", "प्रति", "विषय"), date="सोमवार, 7 दिसंबर 2026 9:00 पूर्वाह्न"),
        ),
    ),
    (
        "ol-uk",
        "jane@lead-co.com",
        f("FW: Pricing", ol(("Від", "Надіслано", "Кому", "Тема"), date="7 грудня 2026 р. 9:00")),
    ),
    (
        "zoho",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            'Hi\n\n============ Forwarded message ============\nFrom: Jane Doe <jane@lead-co.com>\nTo: "Kim"<kim@example.com>\nDate: Mon, 07 Dec 2026 09:00:00 +0100\nSubject: Pricing\n============ Forwarded message ============\n\nHello\n',
        ),
    ),
    (
        "zoho-zh",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            '============ 转发的邮件 ============\n发件人：Jane Doe <jane@lead-co.com>\n收件人："Kim"<kim@example.com>\n日期：周一, 07 十二月 2026 09:00:00 +0800\n主题：Pricing\n============ 转发的邮件 ============\n\nHello\n',
        ),
    ),
    (
        "zoho-de",
        "jane@lead-co.com",
        f(
            "WG: Pricing",
            '============ Weitergeleitete Nachricht ============\nVon: Jane Doe <jane@lead-co.com>\nAn: "Kim"<kim@example.com>\nDatum: Mo, 07 Dez 2026 09:00:00 +0100\nBetreff: Pricing\n============ Weitergeleitete Nachricht ============\n\nHallo\n',
        ),
    ),
    (
        "proton",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "\n\n------- Forwarded Message -------\nFrom: Jane Doe <jane@lead-co.com>\nDate: On Monday, December 7th, 2026 at 9:00 AM\nSubject: Pricing\nTo: kim@example.com <kim@example.com>\n\n\nHello\n",
        ),
    ),
    (
        "proton-fr",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "------- Message transféré -------\nDe : Jane Doe <jane@lead-co.com>\nDate : Le lundi 7 décembre 2026 à 09:00\nObjet : Pricing\nÀ : kim@example.com <kim@example.com>\n\nBonjour\n",
        ),
    ),
    (
        "fastmail",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "FYI\n\n----- Original message -----\nFrom: Jane Doe <jane@lead-co.com>\nTo: kim@example.com\nSubject: Pricing\nDate: Monday, December 7, 2026 9:00 AM\n\nHello\n",
        ),
    ),
    (
        "roundcube-de",
        "jane@lead-co.com",
        f(
            "WG: Pricing",
            "-------- Originalnachricht --------\nBetreff: Pricing\nDatum: 2026-12-07 09:00\nVon: Jane Doe <jane@lead-co.com>\nAn: kim@example.com\n\nHallo\n",
        ),
    ),
    (
        "roundcube-zh",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "-------- 原始邮件 --------\n主题: Pricing\n日期: 2026-12-07 09:00\n发件人: Jane Doe <jane@lead-co.com>\n收件人: kim@example.com\n\n你好\n",
        ),
    ),
    (
        "sogo",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "-------- Original Message --------\nSubject: Pricing\nDate: 12/07/2026 09:00\nFrom: jane@lead-co.com\nTo: kim@example.com\n\nHello\n",
        ),
    ),
    (
        "horde",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "----- Forwarded message from Jane Doe <jane@lead-co.com> -----\n\n   Date: Mon, 07 Dec 2026 09:00:00 +0100\n   From: Jane Doe <jane@lead-co.com>\nSubject: Pricing\n     To: kim@example.com\n\nHello\n\n----- End forwarded message -----\n",
        ),
    ),
    (
        "horde-de",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "----- Weitergeleitete Nachricht von Jane Doe <jane@lead-co.com> -----\n\n  Datum: Mon, 07 Dec 2026 09:00:00 +0100\n    Von: Jane Doe <jane@lead-co.com>\nBetreff: Pricing\n     An: kim@example.com\n\nHallo\n\n----- Ende der weitergeleiteten Nachricht -----\n",
        ),
    ),
    (
        "emclient",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            '------ Original Message ------\nFrom: "Jane Doe" <jane@lead-co.com>\nTo: kim@example.com\nSent: 12/7/2026 9:00:00 AM\nSubject: Pricing\n\nHello\n',
        ),
    ),
    (
        "emclient-de",
        "jane@lead-co.com",
        f(
            "WG: Pricing",
            '------ Originalnachricht ------\nVon: "Jane Doe" <jane@lead-co.com>\nAn: kim@example.com\nGesendet: 07.12.2026 09:00:00\nBetreff: Pricing\n\nHallo\n',
        ),
    ),
    (
        "notes",
        "jane@lead-co.com",
        f(
            "Fw: Pricing",
            "----- Forwarded by Kim Berger/Example on 07.12.2026 09:00 -----\n\nFrom:\tJane Doe <jane@lead-co.com>\nTo:\tkim@example.com\nDate:\t07.12.2026 08:55\nSubject:\tPricing\n\nHello\n",
        ),
    ),
    (
        "notes-classic",
        "jane@lead-co.com",
        f(
            "Fw: Pricing",
            "----- Forwarded by Kim Berger/Example on 07.12.2026 09:00 -----\n\nJane Doe <jane@lead-co.com>\n07.12.2026 08:55\n\nTo\nkim@example.com\ncc\n\nSubject\nPricing\n\nHello\n",
        ),
    ),
    (
        "notes-de",
        "jane@lead-co.com",
        f(
            "WG: Pricing",
            "----- Weitergeleitet von Kim Berger/Example am 07.12.2026 09:00 -----\n\nVon:\tJane Doe <jane@lead-co.com>\nAn:\tkim@example.com\nDatum:\t07.12.2026 08:55\nBetreff:\tPricing\n\nHallo\n",
        ),
    ),
    (
        "yandex",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            '\n\n-------- Пересылаемое сообщение --------\n07.12.2026, 09:00, "Jane Doe" <jane@lead-co.com>:\n\nЗдравствуйте\n-------- Конец пересылаемого сообщения --------\n',
        ),
    ),
    (
        "mailru",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "\n-------- Пересылаемое сообщение --------\nОт кого: Jane Doe <jane@lead-co.com>\nКому: kim@example.com\nДата: Понедельник, 7 декабря 2026, 9:00 +03:00\nТема: Pricing\n\nЗдравствуйте\n",
        ),
    ),
    (
        "qq",
        "jane@lead-co.com",
        f(
            "转发：Pricing",
            '\n\n------------------\u00a0原始邮件\u00a0------------------\n发件人: "Jane Doe"<jane@lead-co.com>;\n发送时间: 2026年12月7日(星期一) 上午9:00\n收件人: "kim"<kim@example.com>;\n主题: Pricing\n\n你好\n',
        ),
    ),
    (
        "163",
        "jane@lead-co.com",
        f(
            "Fw:Pricing",
            '\n-------- 转发邮件信息 --------\n发件人："Jane Doe" <jane@lead-co.com>\n发送日期：2026-12-07 09:00:00\n收件人：kim@example.com\n主题：Pricing\n\n你好\n',
        ),
    ),
    (
        "naver",
        "jane@lead-co.com",
        f(
            "FW: Pricing",
            '-----Original Message-----\nFrom: "Jane Doe"<jane@lead-co.com>\nTo: <kim@example.com>;\nCc:\nSent: 2026-12-07 (월) 09:00:00\nSubject: Pricing\n\nHello\n',
        ),
    ),
    (
        "naver-ko",
        "jane@lead-co.com",
        f(
            "FW: Pricing",
            '-----Original Message-----\n보낸 사람: "Jane Doe"<jane@lead-co.com>\n받는 사람: <kim@example.com>;\n날짜: 2026-12-07 (월) 09:00:00\n제목: Pricing\n\n안녕하세요\n',
        ),
    ),
    (
        "seznam",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "---------- Původní e-mail ----------\nOd: Jane Doe <jane@lead-co.com>\nKomu: kim@example.com\nDatum: 7. 12. 2026 9:00:00\nPředmět: Pricing\n\nDobrý den\n",
        ),
    ),
    (
        "spark",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "FYI\n\nBegin forwarded message:\n\n> From: Jane Doe <jane@lead-co.com>\n> Date: 7 December 2026 at 09:00:00 CET\n> To: kim@example.com\n> Subject: Pricing\n>\n> Hello\n",
        ),
    ),
    (
        "superhuman",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "FYI\n\n---------- Forwarded message ---------\nFrom: Jane Doe <jane@lead-co.com>\nDate: Mon, Dec 7, 2026 at 9:00 AM\nSubject: Pricing\nTo: <kim@example.com>\n\nHello\n",
        ),
    ),
    (
        "front",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "FYI\n\n> On Dec 7, 2026 at 9:00 AM, Jane Doe <jane@lead-co.com> wrote:\n>\n> Hello\n",
        ),
    ),
    (
        "hey",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "FYI\n\nBegin forwarded message:\n\nFrom: Jane Doe <jane@lead-co.com>\nDate: December 7, 2026 at 9:00:00 AM GMT+1\nTo: Kim <kim@example.com>\nSubject: Pricing\n\nHello\n",
        ),
    ),
    (
        "samsung",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "\n\n-------- Original message --------\nFrom: Jane Doe <jane@lead-co.com> \nDate: 07/12/2026 09:00 (GMT+01:00) \nTo: kim@example.com \nSubject: Pricing \n\nHello\n",
        ),
    ),
    (
        "samsung-ko",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "\n\n-------- 원본 이메일 --------\n발신: Jane Doe <jane@lead-co.com> \n날짜: 26/12/7 오전 9:00 (GMT+09:00) \n수신: kim@example.com \n제목: Pricing \n\n안녕하세요\n",
        ),
    ),
    (
        "samsung-vi",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "\n\n-------- Tin nhắn gốc --------\nTừ: Jane Doe <jane@lead-co.com> \nNgày: 07/12/2026 09:00 (GMT+07:00) \nĐến: kim@example.com \nChủ đề: Pricing \n\nXin chào\n",
        ),
    ),
    (
        "html-table",
        "jane@lead-co.com",
        f(
            "FW: Pricing",
            "<html><body><p>FYI</p><div style='border-top:solid #E1E1E1 1.0pt'><table><tr><td><b>From:</b></td><td>Jane Doe &lt;<a href='mailto:jane@lead-co.com'>jane@lead-co.com</a>&gt;</td></tr><tr><td><b>Sent:</b></td><td>Monday, December 7, 2026 9:00 AM</td></tr><tr><td><b>To:</b></td><td>Kim Berger</td></tr><tr><td><b>Subject:</b></td><td>Pricing</td></tr></table></div><p>Hello</p></body></html>",
            html=True,
        ),
    ),
    (
        "html-table-zh",
        "jane@lead-co.com",
        f(
            "转发: Pricing",
            "<html><body><p>看看</p><hr><table><tr><td>发件人:</td><td>Jane Doe &lt;jane@lead-co.com&gt;</td></tr><tr><td>发送时间:</td><td>2026年12月7日 9:00</td></tr><tr><td>收件人:</td><td>Kim</td></tr><tr><td>主题:</td><td>Pricing</td></tr></table><p>你好</p></body></html>",
            html=True,
        ),
    ),
    (
        "html-mailto-only",
        "jane@lead-co.com",
        f(
            "FW: Pricing",
            "<html><body><p>FYI</p><hr><p><b>From:</b> <a href='mailto:jane@lead-co.com'>Jane Doe</a><br><b>Sent:</b> Monday, December 7, 2026 9:00 AM<br><b>To:</b> Kim Berger<br><b>Subject:</b> Pricing</p><p>Hello</p></body></html>",
            html=True,
        ),
    ),
    (
        "via-direct",
        "jane@lead-co.com",
        "From: 'Jane Doe' via Sales <sales@example.com>\nReply-To: Jane Doe <jane@lead-co.com>\nTo: Sales <sales@example.com>\nSubject: Pricing\nMessage-ID: <v1@x>\nContent-Type: text/plain\n\nHello, quote please.\n",
    ),
    (
        "via-fwd-block",
        "jane@lead-co.com",
        f(
            "Fwd: Pricing",
            "---------- Forwarded message ---------\nFrom: 'Jane Doe' via Partners <partners@example.com>\nDate: Mon, Dec 7, 2026 at 9:00 AM\nSubject: Pricing\nTo: <partners@example.com>\nReply-To: Jane Doe <jane@lead-co.com>\n\nHello\n",
        ),
    ),
]


@pytest.mark.parametrize(("name", "lead", "raw"), CASES, ids=[c[0] for c in CASES])
def test_i4_the_rarer_clients_forwards_give_the_forwarded_sender(
    name: str, lead: str, raw: str
) -> None:
    settings = Settings(_env_file=None, company_domains="example.com")  # type: ignore[call-arg]
    read = read_mail(settings, raw.replace("\n", "\r\n").encode())
    assert read.robot is None
    found = read.original.email if read.original else read.mail and read.mail.from_addr
    assert found == lead


# --- the classes holdout5's first run missed (task h15b), in messages of our own ---------

CLASSES = [
    # the display name is itself an address: the bracketed one is the person
    (
        "name-is-address",
        "li.wei@jade-data.cn",
        f(
            "FW: Quote",
            ol(
                ("From", "Sent", "To", "Subject"),
                lead="orders@jade-data.cn <li.wei@jade-data.cn>",
                date="Monday, December 7, 2026 9:00 AM",
            ),
        ),
    ),
    # a list or group rewrote the From ("X via Y"); the block's Reply-To is the person
    (
        "via-reply-to",
        "olu@delta-farms.ng",
        f(
            "Fwd: Demo",
            "-------- Forwarded Message --------\nSubject:\tDemo\nDate:\tMon, 7 Dec 2026 09:00\nFrom:\t'Olu Ade' via Buyers <buyers@delta-farms.ng>\nReply-To:\tOlu Ade <olu@delta-farms.ng>\nTo:\tKim <kim@example.com>\n\nHello, a demo please.\n",
        ),
    ),
    # a colleague's introduction with the customer in Cc
    (
        "intro-cc",
        "rita@north-mill.ie",
        f(
            "FW: Intro",
            ol(
                ("From", "Sent", "To", "Subject"),
                lead="Ines <ines@example.com>",
                date="Friday, December 4, 2026 10:10 PM",
            ).replace(
                "To: Kim Berger <kim@example.com>\n",
                "To: Kim Berger <kim@example.com>\nCc: Rita Byrne <rita@north-mill.ie>\n",
            ),
        ),
    ),
    # a colleague's reply to the customer, forwarded; the customer's mail quoted below
    (
        "colleague-reply-to-customer",
        "dev@kite-labs.in",
        f(
            "Fwd: Re: Pricing",
            "---------- Forwarded message ---------\nFrom: Mei <mei@example.com>\nDate: Sat, Dec 5, 2026 at 5:06 AM\nSubject: Re: Pricing\nTo: Dev Rao <dev@kite-labs.in>\n\nLooping in sales.\n\nOn Fri, Dec 4, 2026 Dev Rao <dev@kite-labs.in> wrote:\n> Quote for 40 seats please.\n",
        ),
    ),
    # "VS:" in Estonian labels, sent to the sales alias only: the customer handed on
    (
        "vs-estonian",
        "mari@tallinn-soft.ee",
        f(
            "VS: Hinnapäring",
            "Palun vaadake.\n\n-----Original Message-----\nSaatja: Mari Kask <mari@tallinn-soft.ee>\nSaadetud: neljapäev, 3. detsember 2026 02:57\nAdressaat: Kim <kim@example.com>\nTeema: Hinnapäring\n\nTere!\n",
        ),
    ),
]


@pytest.mark.parametrize(("name", "lead", "raw"), CLASSES, ids=[c[0] for c in CLASSES])
def test_i4_holdout5s_forward_classes_give_the_customer(name: str, lead: str, raw: str) -> None:
    settings = Settings(_env_file=None, company_domains="example.com")  # type: ignore[call-arg]
    read = read_mail(settings, raw.replace("\n", "\r\n").encode())
    assert read.original is not None and read.original.email == lead


def test_i4_a_colleagues_forwarded_internal_mail_to_several_outsiders_has_no_lead() -> None:
    """The safety half of the introduction rule: it names one external person only."""
    body = ol(
        ("From", "Sent", "To", "Subject"),
        lead="Ines <ines@example.com>",
        date="Friday, December 4, 2026",
    )
    body = body.replace(
        "To: Kim Berger <kim@example.com>\n", "To: A <a@one-co.com>, B <b@two-co.com>\n"
    )
    settings = Settings(_env_file=None, company_domains="example.com")  # type: ignore[call-arg]
    read = read_mail(settings, f("FW: Minutes", body).replace("\n", "\r\n").encode())
    assert read.original is None
