"""Robots for holdout7: bounces (of our own outbound), auto-replies, read receipts, feedback reports, bulk, no-reply."""

import gzip
from mime import *

COL = ("Renée Dubois", "renee.dubois@example.com")


def outbound(
    i,
    rcpt,
    subj="Your quote from Example",
    lang_body="Hello, please find our quote attached.\n\nRenée",
):
    return headers(
        [
            ("Return-Path", "<sales@example.com>"),
            ("From", addr("Example Sales", "sales@example.com")),
            ("To", rcpt),
            ("Subject", ew(subj)),
            ("Date", "Tue, 01 Dec 2026 09:%02d:00 +0100" % i),
            ("Message-ID", mid("out%d" % i)),
            ("MIME-Version", "1.0"),
        ]
    ) + body_part(lang_body, "plain", "utf-8", "quoted-printable")


def dsn_fields(rcpt, mta, status, diag, action="failed"):
    return (
        "Reporting-MTA: dns; %s\r\nArrival-Date: Tue, 01 Dec 2026 09:12:03 +0100\r\n\r\n"
        "Final-Recipient: rfc822; %s\r\nOriginal-Recipient: rfc822;%s\r\nAction: %s\r\nStatus: %s\r\n"
        "Remote-MTA: dns; %s\r\nDiagnostic-Code: smtp; %s\r\n"
    ) % (mta, rcpt, rcpt, action, status, mta, diag)


def report(
    kind, human, human_cs, fields, orig, orig_type="message/rfc822", rtype="delivery-status"
):
    parts = [
        body_part(human, "plain", human_cs, "quoted-printable" if human_cs == "utf-8" else "8bit"),
        (
            "Content-Type: message/%s\r\n\r\n"
            % (
                "delivery-status"
                if rtype == "delivery-status"
                else "disposition-notification"
                if rtype == "disposition-notification"
                else "feedback-report"
            )
        ).encode()
        + fields.encode(),
    ]
    if orig is not None:
        if orig_type == "text/rfc822-headers":
            hdr_only = orig.split(b"\r\n\r\n", 1)[0] + b"\r\n"
            parts.append(b"Content-Type: text/rfc822-headers\r\n\r\n" + hdr_only)
        else:
            parts.append(b"Content-Type: message/rfc822\r\n\r\n" + orig)
    return multipart("report", parts, "; report-type=%s" % rtype)


def make(write):
    k = [1000]

    def w(kind, client, lang, hdrs, body, ct=None):
        k[0] += 1
        h = list(hdrs)
        if ct:
            h.append(("Content-Type", ct))
        data = headers(h) + (b"\r\n" + body if ct else body)
        write(kind, client, lang, data)

    # ------------------------------------------------------------ bounces
    B = [
        (
            "postfix",
            "en",
            "MAILER-DAEMON@mx.example.com (Mail Delivery System)",
            "Undelivered Mail Returned to Sender",
            "harriet.q@brackenmoor-logistic.co.uk",
            "This is the mail system at host mx.example.com.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n\n"
            "                   The mail system\n\n<harriet.q@brackenmoor-logistic.co.uk>: Host or domain name not found. Name service error\n    for name=brackenmoor-logistic.co.uk type=MX: Host not found, try again",
            "5.4.4",
            "Host not found",
            "message/rfc822",
        ),
        (
            "postfix",
            "de",
            "MAILER-DAEMON@mx.example.com (Mail-Zustellsystem)",
            "Unzustellbare Nachricht an den Absender zurückgeschickt",
            "w.eichenlaub@moorbach-antriebe.de",
            "Dies ist das Mailsystem auf mx.example.com.\n\nIhre Nachricht konnte leider nicht an einen oder mehrere Empfänger zugestellt werden.\n\n<w.eichenlaub@moorbach-antriebe.de>: host mx1.moorbach-antriebe.de said: 550 5.1.1\n    Benutzer unbekannt",
            "5.1.1",
            "550 5.1.1 User unknown",
            "message/rfc822",
        ),
        (
            "exim",
            "en",
            "Mail Delivery System <Mailer-Daemon@mx2.cotes-d-ardoise.fr>",
            "Mail delivery failed: returning message to sender",
            "contact@cotes-d-ardoise.fr",
            "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  contact@cotes-d-ardoise.fr\n    mailbox is full: retry timeout exceeded",
            None,
            None,
            "inline",
        ),
        (
            "exchange",
            "de",
            "Microsoft Outlook <postmaster@moorbach-antriebe.de>",
            "Unzustellbar: Angebot für 60 Lizenzen",
            "einkauf@moorbach-antriebe.de",
            "Ihre Nachricht konnte nicht an einen oder mehrere Empfänger übermittelt werden.\n\nDiagnoseinformationen für Administratoren:\nGenerierender Server: EXCH02.moorbach-antriebe.local\neinkauf@moorbach-antriebe.de\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
            "5.1.10",
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound",
            "text/rfc822-headers",
        ),
        (
            "exchange",
            "fr",
            "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@cotes-d-ardoise.fr>",
            "Non remis : Demande de devis",
            "achats@cotes-d-ardoise.fr",
            "Votre message n'a pas pu être remis à achats@cotes-d-ardoise.fr car l'adresse e-mail est introuvable ou n'existe pas.",
            "5.1.1",
            "550 5.1.1 RESOLVER.ADR.RecipientNotFound",
            "message/rfc822",
        ),
        (
            "exchange",
            "es",
            "Microsoft Outlook <postmaster@cantabrico-datos.es>",
            "No se puede entregar: Solicitud de presupuesto",
            "compras@cantabrico-datos.es",
            "Su mensaje no se pudo entregar a uno o más destinatarios.\n\ncompras@cantabrico-datos.es\nEl buzón del destinatario está lleno.",
            "5.2.2",
            "552 5.2.2 Mailbox full",
            "text/rfc822-headers",
        ),
        (
            "office365",
            "ja",
            "Microsoft Outlook <postmaster@kawasemi-seiki.co.jp>",
            "配信不能: 見積もりのお願い",
            "sales-info@kawasemi-seiki.co.jp",
            "メッセージを次の宛先に配信できませんでした:\n\nsales-info@kawasemi-seiki.co.jp\nメールボックスが見つかりません。",
            "5.1.1",
            "550 5.1.1 RESOLVER.ADR.RecipientNotFound",
            "message/rfc822",
        ),
        (
            "gmail",
            "en",
            "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            "Delivery Status Notification (Failure)",
            "tgrennan.old@gmail.com",
            "** Address not found **\n\nYour message wasn't delivered to tgrennan.old@gmail.com because the address couldn't be found, or is unable to receive mail.",
            "5.1.1",
            "550-5.1.1 The email account that you tried to reach does not exist.",
            "message/rfc822",
        ),
        (
            "gmail",
            "de",
            "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            "Benachrichtigung zum Übermittlungsstatus (Fehler)",
            "a.trautwein.alt@gmail.com",
            "** Adresse nicht gefunden **\n\nIhre Nachricht wurde nicht an a.trautwein.alt@gmail.com zugestellt, weil die Adresse nicht gefunden wurde.",
            "5.1.1",
            "550 5.1.1 user unknown",
            "message/rfc822",
        ),
        (
            "qmail",
            "en",
            "MAILER-DAEMON@mail.pohjanmaan-kone.fi",
            "failure notice",
            "myynti@pohjanmaan-kone.fi",
            "Hi. This is the qmail-send program at mail.pohjanmaan-kone.fi.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<myynti@pohjanmaan-kone.fi>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.",
            None,
            None,
            "inline",
        ),
        (
            "sendmail",
            "en",
            "Mail Delivery Subsystem <MAILER-DAEMON@relay.uralsky-metiz.ru>",
            "Returned mail: see transcript for details",
            "sales@uralsky-metiz.ru",
            "The original message was received at Tue, 1 Dec 2026 11:12:03 +0300\nfrom mx.example.com [198.51.100.4]\n\n   ----- The following addresses had permanent fatal errors -----\n<sales@uralsky-metiz.ru>\n    (reason: 550 5.7.1 Message rejected as spam)",
            "5.7.1",
            "550 5.7.1 Message rejected as spam",
            "message/rfc822",
        ),
        (
            "amazon_ses",
            "en",
            "MAILER-DAEMON@amazonses.com",
            "Delivery Status Notification (Failure)",
            "info@galil-data.co.il",
            "An error occurred while trying to deliver the mail to the following recipients:\ninfo@galil-data.co.il",
            "5.1.1",
            "550 5.1.1 <info@galil-data.co.il>: Recipient address rejected",
            "message/rfc822",
        ),
        (
            "yahoo",
            "en",
            "MAILER-DAEMON@yahoo.com",
            "Failure Notice",
            "corina.v.old@yahoo.ro",
            "Sorry, we were unable to deliver your message to the following address.\n\n<corina.v.old@yahoo.ro>:\n554: delivery error: dd This user doesn't have a yahoo.ro account",
            "5.0.0",
            "554 delivery error: dd This user doesn't have an account",
            "message/rfc822",
        ),
        (
            "unqualified",
            "en",
            "<MAILER-DAEMON>",
            "Undeliverable: Your quote from Example",
            "ops@oasisbridge-consulting.ae",
            "Delivery has failed to these recipients or groups:\n\nops@oasisbridge-consulting.ae\nThe recipient's mailbox is full and can't accept messages now.",
            "5.2.2",
            "552 5.2.2 mailbox full",
            "text/rfc822-headers",
        ),
        (
            "null_sender",
            "en",
            "MAILER-DAEMON <>",
            "Undelivered Mail Returned to Sender",
            "sales@lanjiang-keji.cn",
            "This is the mail system at host mx.lanjiang-keji.cn.\n\nYour message could not be delivered.\n<sales@lanjiang-keji.cn>: 550 Mailbox not found",
            "5.1.1",
            "550 Mailbox not found",
            "message/rfc822",
        ),
        (
            "postfix",
            "pl",
            "MAILER-DAEMON@poczta.mazowiecka-chlodnia.pl (System pocztowy)",
            "Zwrot: wiadomość niedostarczona",
            "biuro@mazowiecka-chlodnia.pl",
            "Niestety Twoja wiadomość nie mogła zostać dostarczona do jednego lub więcej odbiorców.\n\n<biuro@mazowiecka-chlodnia.pl>: skrzynka przepełniona",
            "5.2.2",
            "552 5.2.2 Quota exceeded",
            "message/rfc822",
        ),
        (
            "exim",
            "ru",
            "Mail Delivery System <mailer-daemon@mx.uralsky-metiz.ru>",
            "Недоставленное сообщение",
            "zakupki@uralsky-metiz.ru",
            "Это письмо создано автоматически сервером доставки почты.\n\nВаше сообщение не было доставлено следующим адресатам:\n\n  zakupki@uralsky-metiz.ru\n    Почтовый ящик не существует",
            "5.1.1",
            "550 5.1.1 No such user",
            "text/rfc822-headers",
        ),
        (
            "postfix",
            "en",
            "MAILER-DAEMON@mx.example.com (Mail Delivery System)",
            "Delayed Mail (still being retried)",
            "it@tatranske-pily.sk",
            "This is the mail system at host mx.example.com.\n\n####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\nYour message could not be delivered for 4.0 hours.\nIt will be retried until it is 5.0 days old.",
            "4.4.1",
            "421 4.4.1 Connection timed out",
            "text/rfc822-headers",
        ),
    ]
    for i, (client, L, frm, subj, rcpt, human, status, diag, otype) in enumerate(B):
        orig = outbound(
            i,
            rcpt,
            subj.split(": ", 1)[1]
            if ": " in subj and client in ("exchange", "office365", "unqualified")
            else "Your quote from Example",
        )
        hd = [
            ("Return-Path", "<>"),
            ("From", frm if not any(ord(c) > 127 for c in frm) else ew(frm)),
            ("To", "sales@example.com"),
            ("Subject", ew(subj)),
            ("Date", date(1000 + i) if i % 6 else None),
            ("Message-ID", mid("bnc%d" % i, "mx.example.com") if i % 5 else None),
            (
                "Auto-Submitted",
                "auto-replied" if client in ("postfix", "exchange", "office365", "gmail") else None,
            ),
            ("MIME-Version", "1.0"),
        ]
        if otype == "inline":
            body = (
                human
                + "\n\n------ This is a copy of the message, including all the headers. ------\n\n"
            )
            w(
                "bounce",
                client,
                L,
                hd,
                body_part(
                    body + orig.decode("ascii").replace("\r\n", "\n"), "plain", "utf-8", "8bit"
                ),
            )
            continue
        mta = rcpt.split("@")[1] if client not in ("postfix",) else "mx.example.com"
        ct, b = report(
            "bounce",
            human,
            "utf-8",
            dsn_fields(
                rcpt,
                "mx." + mta if not mta.startswith("mx") else mta,
                status,
                diag,
                "delayed" if status.startswith("4") else "failed",
            ),
            orig,
            otype,
        )
        w("bounce", client, L, hd, b, ct)

    # ------------------------------------------------------------ auto-replies (to our outbound from sales@)
    A = [
        (
            "exchange",
            "de",
            "Wolfram Eichenlaub <w.eichenlaub@moorbach-antriebe.de>",
            "Automatische Antwort: Ihr Angebot",
            "Vielen Dank für Ihre Nachricht. Ich bin bis 4. Januar nicht im Büro und habe keinen Zugriff auf meine E-Mails.",
            [("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")],
        ),
        (
            "exchange",
            "fr",
            "Solène Marchetti <solene.marchetti@cotes-d-ardoise.fr>",
            "Réponse automatique : Votre devis",
            "Bonjour, je suis absente jusqu'au 7 décembre. Pour toute urgence, contactez accueil@cotes-d-ardoise.fr.",
            [
                ("Auto-Submitted", "auto-replied"),
                ("X-MS-Exchange-Inbox-Rules-Loop", "solene.marchetti@cotes-d-ardoise.fr"),
            ],
        ),
        (
            "exchange",
            "pl",
            "Zdzisław Wróblewski <z.wroblewski@mazowiecka-chlodnia.pl>",
            "Automatyczna odpowiedź: Oferta",
            "Dziękuję za wiadomość. Jestem na urlopie do 14.12.2026.",
            [("Auto-Submitted", "auto-replied")],
        ),
        (
            "exchange",
            "cs",
            "Květoslava Řeháková <kvetoslava.rehakova@podjestedi-strojirny.cz>",
            "Automatická odpověď: Cenová nabídka",
            "Dobrý den, do 10. 12. jsem mimo kancelář.",
            [("X-Auto-Response-Suppress", "All"), ("Auto-Submitted", "auto-generated")],
        ),
        (
            "exchange",
            "hu",
            "Böröczky Előd <borocczky.elod@tiszaparti-gepgyar.hu>",
            "Automatikus válasz: Árajánlat",
            "Köszönöm levelét, szabadságon vagyok december 9-ig.",
            [("Auto-Submitted", "auto-replied")],
        ),
        (
            "exchange",
            "fi",
            "Ilmari Järvenpää <ilmari.jarvenpaa@pohjanmaan-kone.fi>",
            "Automaattinen vastaus: Tarjous",
            "Olen lomalla 11.12. asti. Kiireellisissä asioissa ota yhteyttä vaihteeseen.",
            [("Auto-Submitted", "auto-replied")],
        ),
        (
            "exchange",
            "sv",
            "Ebba Lindqvist-Åhlén <ebba.ahlen@norrskogs-frakt.se>",
            "Autosvar: Offert",
            "Tack för ditt mejl. Jag är föräldraledig och läser inte e-post.",
            [("Auto-Submitted", "auto-replied")],
        ),
        (
            "office365",
            "ja",
            "高橋 美咲 <misaki.takahashi@kawasemi-seiki.co.jp>",
            "自動応答: お見積もり",
            "誠に恐れ入りますが、12月8日まで不在にしております。",
            [("Auto-Submitted", "auto-replied")],
        ),
        (
            "exchange",
            "ru",
            "Всеволод Карамышев <v.karamyshev@uralsky-metiz.ru>",
            "Автоматический ответ: Коммерческое предложение",
            "Я в отпуске до 15 декабря. По срочным вопросам: +7 343 555-01-23.",
            [("Auto-Submitted", "auto-replied")],
        ),
        (
            "exchange",
            "tr",
            "Gülşen Yıldırımoğlu <gulsen.yildirimoglu@karadeniz-lojistik.com.tr>",
            "Otomatik yanıt: Teklif",
            "Merhaba, 9 Aralık'a kadar ofis dışındayım.",
            [("Auto-Submitted", "auto-replied")],
        ),
        (
            "exchange",
            "zh",
            "王雪梅 <wang.xuemei@lanjiang-keji.cn>",
            "自动回复: 报价",
            "您好，我正在休假，12月10日返回。",
            [("Auto-Submitted", "auto-replied")],
        ),
        (
            "google_workspace",
            "en",
            "Harriet Quillfeather <h.quillfeather@brackenmoor-logistics.co.uk>",
            "Away until 4 January",
            "Hi, I am away with limited access to email until 4 January.\n\nOn Tue, Dec 1, 2026 at 9:03 AM Example Sales <sales@example.com> wrote:\n> Hello, please find our quote attached.\n> Renée",
            [("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")],
        ),
        (
            "zimbra",
            "de",
            "Anneliese Trautwein <a.trautwein@gmx.at>",
            "Re: Ihr Angebot",
            'Ich bin derzeit im Urlaub.\n\n----- Ursprüngliche Mail -----\nVon: "Example Sales" <sales@example.com>\nAn: a.trautwein@gmx.at\nGesendet: Dienstag, 1. Dezember 2026 09:03:00\nBetreff: Ihr Angebot\n\nGuten Tag, anbei unser Angebot.',
            [("X-Autoreply", "yes"), ("X-Autorespond", "yes")],
        ),
        (
            "helpdesk",
            "en",
            "Oasisbridge Support <support@oasisbridge-consulting.ae>",
            "[Ticket #48213] We received your request: Your quote from Example",
            "Thanks for contacting Oasisbridge. Your request #48213 has been received and an agent will reply within 24 hours.\n\nThis is an automated acknowledgement.",
            [("Auto-Submitted", "auto-replied"), ("X-Mailer", "Freshdesk")],
        ),
        (
            "roundcube_sieve",
            "no",
            "Ingvild Haugstøl <ingvild.haugstol@fjordkraft-maskin.no>",
            "Re: Pristilbud",
            "Jeg er på ferie til 8. desember.\n\nDen 01.12.2026 09:03, skrev Example Sales:\n> Hei, vedlagt finner du tilbudet.",
            [("X-Autoreply", "yes")],
        ),
        (
            "outlook_subject_only",
            "en",
            "Tobias Grennan <tobias.grennan@gmail.com>",
            "Out of Office: Your quote from Example",
            "I am out of the office until Monday with no access to email.",
            [],
        ),
        (
            "exchange",
            "ko",
            "박지훈 <jihoon.park@hanbit-robotics.co.kr>",
            "자동 회신: 견적",
            "12월 9일까지 부재중입니다.",
            [("Auto-Submitted", "auto-replied")],
        ),
        (
            "exchange",
            "el",
            "Σταυρούλα Παπαδημητρίου <s.papadimitriou@aigaio-systems.gr>",
            "Αυτόματη απάντηση: Προσφορά",
            "Βρίσκομαι εκτός γραφείου έως τις 10 Δεκεμβρίου.",
            [("Auto-Submitted", "auto-replied")],
        ),
    ]
    for i, (client, L, frm, subj, body, extra) in enumerate(A):
        name, em = frm.rsplit(" <", 1)
        hd = [
            ("From", addr(name, em[:-1])),
            ("To", "Example Sales <sales@example.com>"),
            ("Subject", ew(subj)),
            ("Date", date(1100 + i)),
            ("Message-ID", mid("ar%d" % i, em[:-1].split("@")[1]) if i % 4 else None),
            ("In-Reply-To", mid("out%d" % i)),
            ("MIME-Version", "1.0"),
        ] + extra
        w(
            "autoreply",
            client,
            L,
            hd,
            body_part(body, "plain", "utf-8", "quoted-printable" if i % 2 else "base64"),
        )

    # ------------------------------------------------------------ read receipts (RFC 8098 MDN)
    R_ = [
        (
            "outlook_desktop",
            "en",
            "Harriet Quillfeather <h.quillfeather@brackenmoor-logistics.co.uk>",
            "Read: Your quote from Example",
            "Your message was read on Tuesday, December 1, 2026 10:15 AM.",
            "displayed",
        ),
        (
            "outlook_desktop",
            "de",
            "Wolfram Eichenlaub <w.eichenlaub@moorbach-antriebe.de>",
            "Gelesen: Ihr Angebot",
            "Ihre Nachricht wurde am Dienstag, 1. Dezember 2026 10:15:22 gelesen.",
            "displayed",
        ),
        (
            "thunderbird",
            "ja",
            "高橋 美咲 <misaki.takahashi@kawasemi-seiki.co.jp>",
            "開封確認 (表示済み) - お見積もり",
            "これは 2026/12/01 10:15 に送信したメッセージの開封確認です。",
            "displayed",
        ),
        (
            "outlook_desktop",
            "fr",
            "Solène Marchetti <solene.marchetti@cotes-d-ardoise.fr>",
            "Lu : Votre devis",
            "Votre message a été lu le mardi 1 décembre 2026 10:15.",
            "displayed",
        ),
        (
            "outlook_desktop",
            "en",
            "Yasmin Haddad <yasmin.haddad@oasisbridge-consulting.ae>",
            "Not read: Your quote from Example",
            "Your message was deleted without being read on Tuesday, December 1, 2026.",
            "deleted",
        ),
    ]
    for i, (client, L, frm, subj, human, disp) in enumerate(R_):
        name, em = frm.rsplit(" <", 1)
        em = em[:-1]
        fields = (
            "Reporting-UA: %s\r\nFinal-Recipient: rfc822;%s\r\nOriginal-Message-ID: %s\r\nDisposition: manual-action/MDN-sent-manually; %s\r\n"
            % (
                "Microsoft Outlook 16.0" if "outlook" in client else "Mozilla Thunderbird",
                em,
                mid("out%d" % (40 + i)),
                disp,
            )
        )
        ct, b = report(
            "mdn",
            human,
            "utf-8",
            fields,
            outbound(40 + i, em) if i % 2 == 0 else None,
            rtype="disposition-notification",
        )
        hd = [
            ("From", addr(name, em)),
            ("To", "sales@example.com"),
            ("Subject", ew(subj)),
            ("Date", date(1200 + i)),
            ("Message-ID", mid("mdn%d" % i, em.split("@")[1])),
            ("MIME-Version", "1.0"),
        ]
        w("receipt", client, L, hd, b, ct)

    # ------------------------------------------------------------ feedback reports
    arf_fields = (
        "Feedback-Type: abuse\r\nUser-Agent: ExampleFBL/2.1\r\nVersion: 1\r\nOriginal-Mail-From: <sales@example.com>\r\n"
        "Arrival-Date: Tue, 01 Dec 2026 09:03:00 +0100\r\nSource-IP: 198.51.100.4\r\nReported-Domain: example.com\r\n"
    )
    ct, b = report(
        "arf",
        "This is an email abuse report for an email message received from IP 198.51.100.4.",
        "utf-8",
        arf_fields,
        outbound(60, "x@mailbox-provider.example.net"),
        rtype="feedback-report",
    )
    w(
        "feedback",
        "arf_fbl",
        "en",
        [
            ("From", "Complaints <fbl@feedback.mailbox-provider.net>"),
            ("To", "sales@example.com"),
            ("Subject", "FW: Your quote from Example"),
            ("Date", date(1300)),
            ("Message-ID", mid("arf", "feedback.mailbox-provider.net")),
            ("MIME-Version", "1.0"),
        ],
        b,
        ct,
    )
    forensic = (
        "Feedback-Type: auth-failure\r\nUser-Agent: DMARC-Forensics/1.0\r\nVersion: 1\r\nOriginal-Mail-From: sales@example.com\r\n"
        "Auth-Failure: dmarc\r\nReported-Domain: example.com\r\nSource-IP: 192.0.2.77\r\nDelivery-Result: reject\r\n"
    )
    ct, b = report(
        "ruf",
        "A message claiming to be from you failed DMARC evaluation.",
        "utf-8",
        forensic,
        outbound(61, "victim@some-isp.example.org"),
        "text/rfc822-headers",
        rtype="feedback-report",
    )
    w(
        "feedback",
        "dmarc_forensic",
        "en",
        [
            ("From", "dmarc-ruf@some-isp.example.org"),
            ("To", "sales@example.com"),
            ("Subject", "DMARC Forensic Report for example.com"),
            ("Date", date(1301)),
            ("MIME-Version", "1.0"),
        ],
        b,
        ct,
    )
    xml = b'<?xml version="1.0" encoding="UTF-8"?><feedback><report_metadata><org_name>google.com</org_name><report_id>1764547200</report_id></report_metadata><policy_published><domain>example.com</domain><p>none</p></policy_published></feedback>'
    for i, (frm, subj, fn, ctype, data, txt, L) in enumerate(
        [
            (
                "noreply-dmarc-support@google.com",
                "Report domain: example.com Submitter: google.com Report-ID: 1764547200",
                "google.com!example.com!1764547200!1764633599.zip",
                "application/zip",
                b"PK\x03\x04" + rnd(200),
                "",
                "en",
            ),
            (
                "DMARC Aggregate Report <dmarc_agg@auth.returnpath.example.net>",
                "Report Domain: example.com Submitter: yahoo.com Report-ID: <1764633601.462901>",
                "yahoo.com!example.com!1764547200!1764633599.xml.gz",
                "application/gzip",
                gzip.compress(xml, mtime=0),
                "This is an aggregate report from Yahoo.",
                "en",
            ),
            (
                "tlsrpt-noreply@microsoft.com",
                "Report Domain: example.com Submitter: microsoft.com Report-ID: <2026.12.01T00.00.00Z+example.com@microsoft.com>",
                "microsoft.com!example.com!1764547200!1764633599.json.gz",
                "application/tlsrpt+gzip",
                gzip.compress(b'{"organization-name":"Microsoft"}', mtime=0),
                "This is an aggregate TLS report from Microsoft",
                "en",
            ),
        ]
    ):
        parts = ([body_part(txt, "plain", "utf-8", "7bit")] if txt else []) + [
            b64part('%s; name="%s"' % (ctype, fn), data, 'attachment; filename="%s"' % fn)
        ]
        ct, b = multipart("mixed", parts)
        hd = [
            ("From", frm),
            ("To", "sales@example.com"),
            ("Subject", subj),
            ("Date", date(1310 + i)),
            ("Message-ID", mid("agg%d" % i, frm.split("@")[-1].rstrip(">"))),
            ("MIME-Version", "1.0"),
            ("TLS-Report-Domain", "example.com" if i == 2 else None),
            ("TLS-Report-Submitter", "microsoft.com" if i == 2 else None),
        ]
        w("feedback", ["dmarc_google", "dmarc_yahoo", "tlsrpt"][i], L, hd, b, ct)

    # ------------------------------------------------------------ bulk / newsletters
    BU = [
        (
            "mailchimp",
            "en",
            "Sarah at Pipedrift <sarah@news.pipedrift.io>",
            "Quick question about your pipeline, friend",
            "Hi there,\nI noticed you have not tried our new forecasting board yet. Want a walkthrough?\n\nSarah\n\nUnsubscribe: https://news.pipedrift.io/u/abc",
            [
                (
                    "List-Unsubscribe",
                    "<https://news.pipedrift.io/u/abc>, <mailto:unsub-abc@news.pipedrift.io>",
                ),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                ("List-Id", "Pipedrift News <news.pipedrift.io>"),
                ("X-Mailer", "MailChimp Mailer - **CIDa1b2c3**"),
                ("Precedence", "bulk"),
            ],
        ),
        (
            "sendinblue",
            "de",
            "Messe Nordwest <info@messe-nordwest.de>",
            "Einladung: Fachmesse Logistik 2027 – jetzt Ticket sichern",
            "Sehr geehrte Damen und Herren,\nsichern Sie sich jetzt Ihr Ticket zur Fachmesse.\n\nAbmelden: https://messe-nordwest.de/abmelden",
            [
                ("List-Unsubscribe", "<https://messe-nordwest.de/abmelden?id=77>"),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                ("Precedence", "bulk"),
            ],
        ),
        (
            "substack",
            "en",
            "The RevOps Letter <revopsletter@substack.com>",
            "Issue #112: forwarded emails are killing your CRM data",
            "This week: why forwarded emails and out-of-office replies pollute your CRM.\n\nUnsubscribe https://revopsletter.substack.com/action/disable_email",
            [
                (
                    "List-Unsubscribe",
                    "<https://revopsletter.substack.com/action/disable_email?token=x>",
                ),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                ("List-Id", "<revopsletter.substack.com>"),
            ],
        ),
        (
            "listmonk",
            "pl",
            "Zespół Chmurka <newsletter@chmurka-hosting.pl>",
            "Newsletter grudzień: nowe serwery w Warszawie",
            "Dzień dobry!\nW grudniu uruchomiliśmy nowe serwery.\n\nWypisz się: https://chmurka-hosting.pl/wypisz",
            [
                ("List-Id", "Newsletter Chmurka <newsletter.chmurka-hosting.pl>"),
                ("List-Unsubscribe", "<https://chmurka-hosting.pl/wypisz>"),
            ],
        ),
        (
            "bulk_jp",
            "ja",
            "クラウド通信 <magazine@cloud-tsushin.jp>",
            "【メルマガ】12月号：営業DXの最新事例",
            "いつもご愛読ありがとうございます。\n配信停止はこちら: https://cloud-tsushin.jp/stop",
            [
                ("Precedence", "bulk"),
                ("List-Unsubscribe", "<mailto:stop@cloud-tsushin.jp>"),
                ("X-Mailer", "Benchmark Email"),
            ],
        ),
        (
            "hubspot_marketing",
            "en",
            "Daniel Okafor <daniel.okafor@marketing.ledgerlane.com>",
            "Daniel, 15 minutes this week?",
            "Hi,\nI help sales teams like yours cut admin time in half. Worth a quick call?\n\nDaniel\n\nIf you would rather not hear from me, unsubscribe here.",
            [
                (
                    "List-Unsubscribe",
                    "<https://marketing.ledgerlane.com/hs/manage-preferences/unsubscribe?d=1>",
                ),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                ("X-HubSpot-Message-Id", "5f1e2c"),
            ],
        ),
    ]
    for i, (client, L, frm, subj, body, extra) in enumerate(BU):
        name, em = frm.rsplit(" <", 1)
        hd = [
            ("From", addr(name, em[:-1])),
            ("To", "sales@example.com"),
            ("Subject", ew(subj)),
            ("Date", date(1400 + i)),
            ("Message-ID", mid("bulk%d" % i, em[:-1].split("@")[1])),
            ("MIME-Version", "1.0"),
        ] + extra
        if i % 2:
            import html as H

            w(
                "bulk",
                client,
                L,
                hd,
                body_part(
                    "<html><body><table><tr><td>%s</td></tr></table></body></html>"
                    % H.escape(body).replace("\n", "<br>"),
                    "html",
                    "utf-8",
                    "quoted-printable",
                ),
            )
        else:
            w("bulk", client, L, hd, body_part(body, "plain", "utf-8", "quoted-printable"))

    # ------------------------------------------------------------ no-reply notifications
    NR = [
        (
            "jira",
            "en",
            "Leona Brandt (Jira) <jira@brackenmoor.atlassian.net>",
            "[JIRA] (PROC-311) Vendor evaluation: Example CRM",
            "Leona Brandt updated PROC-311: status changed to In Review.",
            [("Auto-Submitted", "auto-generated"), ("Precedence", "bulk")],
        ),
        (
            "calendly",
            "en",
            "Calendly <notifications@calendly.com>",
            "New Event: Femke van der Gijp - 30 Minute Meeting",
            "A new event has been scheduled.\nInvitee: Femke van der Gijp\nInvitee Email: femke.vandergijp@polderwerk-installaties.nl",
            [],
        ),
        (
            "docusign",
            "en",
            "Dropbox Sign via DocuSign <dse_NA4@docusign.net>",
            "Completed: Please DocuSign: Order Form Q4",
            "All parties have completed Please DocuSign: Order Form Q4.",
            [("Auto-Submitted", "auto-generated")],
        ),
        (
            "linkedin",
            "en",
            "LinkedIn <messages-noreply@linkedin.com>",
            "Kenta just messaged you",
            "Kenta Matsumoto sent you a new message. View message.",
            [("List-Unsubscribe", "<https://www.linkedin.com/e/v2?e=x>")],
        ),
        (
            "zoom",
            "en",
            "Zoom <no-reply@zoom.us>",
            "Cloud Recording - Example demo is now available",
            "Hi Example Sales, your cloud recording is now available.",
            [],
        ),
        (
            "github",
            "en",
            "GitHub <noreply@github.com>",
            "[GitHub] A new SSH key was added to your account",
            "The following SSH key was added to your account.",
            [],
        ),
        (
            "person_noreply",
            "en",
            "Ivo Marković <noreply@markovic-keramika.hr>",
            "Inquiry about your CRM",
            "Hi, I run a small tile shop and would like to know your prices.\n\nIvo Marković\nOwner",
            [],
        ),
        (
            "typeform",
            "de",
            "Typeform <notifications@followups.typeform.io>",
            "Neue Antwort auf Ihr Formular „Kontakt“",
            "Sie haben eine neue Antwort erhalten.",
            [("Auto-Submitted", "auto-generated")],
        ),
    ]
    for i, (client, L, frm, subj, body, extra) in enumerate(NR):
        name, em = frm.rsplit(" <", 1)
        hd = [
            ("From", addr(name, em[:-1])),
            ("To", "sales@example.com"),
            ("Subject", ew(subj)),
            ("Date", date(1500 + i)),
            ("Message-ID", mid("nr%d" % i, em[:-1].split("@")[1])),
            ("MIME-Version", "1.0"),
        ] + extra
        w("noreply", client, L, hd, body_part(body, "plain", "utf-8", "quoted-printable"))
