# ruff: noqa  (task auth5's generator, adapted: data tables, long header and body strings)
"""Second pass: localised Apple Mail and Outlook for Mac forwards, display name = another
address, more Exchange out-of-office subjects, success/blocked DSNs, quarantine digests."""

from __future__ import annotations

from tests.data.mail.gen.h5_common import (
    ALIAS,
    OUR_SENDERS,
    addr,
    colleague,
    hval,
    leaf,
    message,
    mid,
    multi,
    received,
    rfc,
    when,
)
from tests.data.mail.gen.h5_dates import hm, mon, outlook_long, wd
from tests.data.mail.gen.h5_people import ask, first_name, person

AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def apple_date(d, lang: str) -> str:
    h12 = d.hour % 12 or 12
    tz = d.strftime("%z")
    g = f"GMT{tz[0]}{int(tz[1:3])}" + (f":{tz[3:]}" if tz[3:] != "00" else "")
    if lang == "zh-CN":
        return f"{d.year}年{d.month}月{d.day}日 {g} {'上午' if d.hour < 12 else '下午'}{h12}:{d.minute:02d}:{d.second:02d}"
    if lang == "ko":
        return f"{d.year}년 {d.month}월 {d.day}일 {'오전' if d.hour < 12 else '오후'} {h12}:{d.minute:02d}:{d.second:02d} {g}"
    if lang == "he":
        return f"{d.day} ב{mon(d, 'he')} {d.year} בשעה {hm(d)}:{d.second:02d} {g}"
    if lang == "ar":
        return f"{d.day} {mon(d, 'ar')} {d.year} في {h12}:{d.minute:02d}:{d.second:02d} {'ص' if d.hour < 12 else 'م'} {g}".translate(
            AR_DIGITS
        )
    return ""


APPLE = {
    "zh-CN": ("以下是转发的邮件：", "发件人:", "主题:", "日期:", "收件人:", "转发："),
    "ko": ("전달된 메일:", "보낸 사람:", "제목:", "날짜:", "받는 사람:", "Fwd:"),
    "he": ("תחילת ההודעה שהועברה:", "מאת:", "נושא:", "תאריך:", "אל:", "הועבר:"),
    "ar": ("بداية الرسالة المُعاد توجيهها:", "من:", "الموضوع:", "التاريخ:", "إلى:", "Fwd:"),
}


def build(f, c) -> None:
    # Apple Mail (macOS / iOS) in zh-CN, ko, he, ar (Arabic-Indic digits in the date)
    for lang, (intro, lf, ls, ld, lt, pfx) in APPLE.items():
        n = c.next()
        col = colleague(n)
        cust = person(lang)
        subj, body = ask(lang, first_name(cust[0], lang))
        d0 = when(n, lang, 150)
        text = f"Sent from my iPhone\n\n{intro}\n\n{lf} {cust[0]} <{cust[1]}>\n{ls} {subj}\n{ld} {apple_date(d0, lang)}\n{lt} {col[0]} <{col[1]}>\n\n{body}\n"
        sep = "" if pfx.endswith("：") else " "
        f.emit(
            "apple_mail_ios",
            lang,
            text,
            f"{pfx}{sep}{subj}",
            col,
            cust[1],
            n=n,
            charset="utf-8",
            cte="quoted-printable",
            headers_extra=[("X-Mailer", "iPhone Mail (22B91)")],
            case="Apple Mail localised intro line and labels"
            + ("; date in Arabic-Indic digits" if lang == "ar" else ""),
        )
    # Outlook for Mac (no separator line) in de, fr, ja
    for lang in ("de", "fr", "ja"):
        n = c.next()
        col = colleague(n)
        cust = person(lang)
        subj, body = ask(lang, first_name(cust[0], lang))
        d0 = when(n, lang, 150)
        lab = {
            "de": (
                "Von:",
                "Datum:",
                "An:",
                "Betreff:",
                f"{wd(d0, 'de')}, {d0.day}. {mon(d0, 'de')} {d0.year} um {hm(d0)}",
                "WG:",
            ),
            "fr": (
                "De :",
                "Date :",
                "À :",
                "Objet :",
                f"{wd(d0, 'fr')} {d0.day} {mon(d0, 'fr')} {d0.year} à {hm(d0)}",
                "TR :",
            ),
            "ja": (
                "差出人:",
                "日付:",
                "宛先:",
                "件名:",
                f"{d0.year}年{d0.month}月{d0.day}日 {wd(d0, 'ja')} {hm(d0)}",
                "転送:",
            ),
        }[lang]
        text = f"{ {'de': 'Bitte übernehmen.', 'fr': 'Pour vous.', 'ja': 'ご対応お願いします。'}[lang] }\n\n{lab[0]} {cust[0]} <{cust[1]}>\n{lab[1]} {lab[4]}\n{lab[2]} {col[0]} <{col[1]}>\n{lab[3]} {subj}\n\n{body}\n"
        f.emit(
            "outlook_mac",
            lang,
            text,
            f"{lab[5]} {subj}",
            col,
            cust[1],
            n=n,
            charset="utf-8" if lang != "ja" else "iso-2022-jp",
            cte="quoted-printable" if lang != "ja" else "7bit",
            headers_extra=[("User-Agent", "Microsoft-MacOutlook/16.92.24120731")],
            case="Outlook for Mac: no separator line, 'Datum'/'Date' label order",
        )
    # display name that is another address
    n = c.next()
    col = colleague(n)
    cust = person("en")
    subj, body = ask("en", first_name(cust[0], "en"))
    d0 = when(n, "en", 150)
    dom = cust[1].split("@")[1]
    text = f"New lead.\n\n________________________________\nFrom: purchasing@{dom} <{cust[1]}>\nSent: {outlook_long(d0, 'en')}\nTo: {col[0]} <{col[1]}>\nSubject: {subj}\n\n{body}\n"
    f.emit(
        "outlook_desktop",
        "en",
        text,
        f"FW: {subj}",
        col,
        cust[1],
        n=n,
        charset="us-ascii",
        cte="7bit",
        case="the display name is another address (purchasing@...); the real address is in angle brackets",
    )


def robots(c) -> None:
    from tests.data.mail.gen.h5_robots import our_original, headers_only  # noqa: F401
    from tests.data.mail.gen.h5_people import person as pers

    EXO = [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All")]
    ooo = [
        (
            "de",
            "Abwesenheitsnotiz: Follow-up: your trial",
            "Ich bin bis 8. Januar abwesend. Ihre Nachricht wird nicht weitergeleitet.",
            EXO,
        ),
        (
            "ru",
            "Автоматический ответ: Follow-up: your trial",
            "Я в отпуске до 11 января и не читаю почту.",
            EXO,
        ),
        (
            "pl",
            "Automatyczna odpowiedź: Follow-up: your trial",
            "Jestem poza biurem do 7 stycznia.",
            EXO,
        ),
        (
            "ja",
            "自動応答: Follow-up: your trial",
            "年末年始休暇のため、1月5日まで不在にしております。",
            EXO,
        ),
        ("ko", "자동 회신: Follow-up: your trial", "1월 5일까지 부재중입니다.", EXO),
        (
            "pt",
            "Resposta automática: Follow-up: your trial",
            "Estou ausente até 6 de janeiro.",
            EXO,
        ),
        (
            "es",
            "Respuesta automática: Follow-up: your trial",
            "Estoy fuera de la oficina hasta el 7 de enero.",
            [],
        ),
        (
            "en",
            "Out of Office: Follow-up: your trial",
            "I'm out of the office until Monday 4 January.",
            [("X-Autorespond", "Follow-up: your trial")],
        ),
        (
            "de",
            "Auto-Reply: Follow-up: your trial",
            "Danke für Ihre Nachricht, ich bin ab 4. Januar wieder erreichbar.",
            [("Auto-Submitted", "auto-notified")],
        ),
    ]
    cs = {"ja": "iso-2022-jp", "ru": "windows-1251", "ko": "euc-kr", "pl": "windows-1250"}
    for lang, subj, body, hdrs in ooo:
        n = c.next()
        d = when(n, lang)
        p = pers(lang, style="initial")
        col = OUR_SENDERS[n % len(OUR_SENDERS)]
        hs = [
            ("Return-Path", f"<{p[1]}>"),
            received(p[1].split("@")[1], "mx.example.com", d, n),
            ("From", addr(*p)),
            ("To", addr(*col)),
            ("Subject", hval(subj, cs.get(lang, "utf-8"))),
            ("Date", rfc(d)),
            ("Message-ID", mid(n, p[1].split("@")[1], 1)),
            ("In-Reply-To", mid(n + 5000, "example.com")),
        ] + hdrs
        c.add(
            "autoreply",
            "exchange" if hdrs == EXO else "other",
            lang,
            message(
                hs,
                leaf(
                    body + f"\n\n{p[0]}\n",
                    "text/plain",
                    cs.get(lang, "utf-8"),
                    "quoted-printable" if lang != "ja" else "7bit",
                ),
                n % 2 == 0,
            ),
            n,
            stem="ooo_more",
            case=None if hdrs else "no auto-reply header; localised subject only",
        )
    # success DSN and a Gmail 'message blocked'
    for sysname, lang, frm, subj, human, status, action, diag in (
        (
            "postfix",
            "de",
            "MAILER-DAEMON@mail.example.com (Mail Delivery System)",
            "Erfolgreiche Zustellung",
            "Dies ist das Mailprogramm auf dem Rechner mail.example.com.\n\nIhre Nachricht wurde erfolgreich an die unten genannten Empfänger zugestellt.\n",
            "2.0.0",
            "delivered",
            "250 2.0.0 Ok: queued as 4Q7x9",
        ),
        (
            "google_workspace",
            "es",
            "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            "Delivery Status Notification (Failure)",
            "** Mensaje bloqueado **\n\nTu mensaje a compras@filtro-estricto.es se ha bloqueado. Consulta los detalles técnicos.\n\nLa respuesta fue:\n550 5.7.1 Message rejected due to local policy\n",
            "5.7.1",
            "failed",
            "550 5.7.1 Message rejected due to local policy",
        ),
    ):
        n = c.next()
        d = when(n, lang)
        col = OUR_SENDERS[n % len(OUR_SENDERS)]
        rcpt = "kunde@zugestellt-gmbh.de" if lang == "de" else "compras@filtro-estricto.es"
        ds = f"Reporting-MTA: dns; mail.example.com\n\nFinal-Recipient: rfc822; {rcpt}\nAction: {action}\nStatus: {status}\nDiagnostic-Code: smtp; {diag}\n"
        body = multi(
            "report",
            [
                leaf(human, "text/plain", "utf-8", "8bit"),
                leaf(ds, "message/delivery-status", None, "7bit"),
                {
                    "h": [("Content-Type", "text/rfc822-headers")],
                    "b": headers_only(our_original(n, rcpt, lang)),
                },
            ],
            params="; report-type=delivery-status",
            n=n,
        )
        hs = [
            ("Return-Path", "<>"),
            ("From", frm),
            ("To", addr(*col)),
            ("Subject", hval(subj)),
            ("Date", rfc(d)),
            ("Message-ID", mid(n, "mail.example.com")),
        ]
        c.add(
            "bounce",
            sysname,
            lang,
            message(hs, body, n % 2 == 0),
            n,
            stem=f"{sysname}_{action}",
            case="success DSN (Action: delivered) — a report, not a lead"
            if action == "delivered"
            else "policy block (5.7.1)",
        )
    # quarantine digests and a security notice
    for sysname, frm, subj, text in (
        (
            "m365_quarantine",
            "Microsoft 365 <quarantine@messaging.microsoft.com>",
            "Microsoft 365 security: You have messages in quarantine",
            "Review these messages\n\n3 messages are being held for you to review as of 12/7/2026 6:00:00 AM (UTC).\n\nSender: offers@cheap-leads.example.net  Subject: 10,000 verified B2B leads\n",
        ),
        (
            "proofpoint_digest",
            "End User Digest <digest@pphosted.example.com>",
            "End User Digest: 4 New Messages",
            "The emails listed below have been placed in your personal Quarantine.\n\nScore  From                     Subject\n100    promo@coupons.example.org  Claim your reward\n",
        ),
    ):
        n = c.next()
        d = when(n, "en")
        hs = [
            ("Return-Path", "<" + frm.split("<")[1]),
            ("From", frm),
            ("To", ALIAS),
            ("Subject", subj),
            ("Date", rfc(d)),
            ("Message-ID", mid(n, "messaging.microsoft.com")),
            ("Auto-Submitted", "auto-generated"),
        ]
        c.add(
            "noreply",
            sysname,
            "en",
            message(hs, leaf(text, "text/plain", "utf-8", "quoted-printable"), True),
            n,
            stem=sysname,
            case="quarantine digest: it names other senders' addresses",
        )
    # marketing mail that pretends to be a person
    n = c.next()
    d = when(n, "en")
    hs = [
        ("Return-Path", "<bounces+4412@em1234.ridgeline-crm.com>"),
        ("From", "Sarah from Ridgeline <sarah@ridgeline-crm.com>"),
        ("To", ALIAS),
        ("Subject", "quick question"),
        ("Date", rfc(d)),
        ("Message-ID", mid(n, "ridgeline-crm.com")),
        ("List-Unsubscribe", "<https://ridgeline-crm.com/unsubscribe?e=sales%40example.com>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("X-SG-EID", "xyz"),
    ]
    c.add(
        "bulk",
        "sendgrid",
        "en",
        message(
            hs,
            leaf(
                "Hi there,\n\nquick question - who handles CRM tooling at Example?\n\nSarah\n\nDon't want these emails? Unsubscribe.\n",
                "text/plain",
                "utf-8",
                "7bit",
            ),
        ),
        n,
        stem="sendgrid_persona",
        case="a mass cold-outreach campaign written as if by a person; not a reply to anything",
    )
