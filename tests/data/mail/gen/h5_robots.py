# ruff: noqa  (task auth5's generator, adapted: data tables, long header and body strings)
"""~125 robots: bounces, delayed DSNs, auto-replies, help-desk acks, challenge-response,
calendar replies, read receipts, newsletters, notifications, DMARC/TLS reports."""

from __future__ import annotations

import gzip
import io
import zipfile

from tests.data.mail.gen.h5_common import (
    ALIAS,
    COLLEAGUES,
    addr,
    hval,
    leaf,
    message,
    mid,
    multi,
    received,
    rfc,
    when,
)

OUR = COLLEAGUES


def our_original(
    n: int, rcpt: str, lang: str = "en", subject: str = "Follow-up: your trial"
) -> bytes:
    col = OUR[n % len(OUR)]
    d = when(n, lang, 30)
    hs = [
        ("From", addr(*col)),
        ("To", rcpt),
        ("Subject", hval(subject)),
        ("Date", rfc(d)),
        ("Message-ID", mid(n + 5000, "example.com")),
    ]
    return message(
        hs,
        leaf(
            f"Hi,\n\njust following up on your trial - any questions?\n\n{col[0]}\n",
            "text/plain",
            "utf-8",
            "7bit",
        ),
    )


def headers_only(raw: bytes) -> bytes:
    return raw.split(b"\n\n", 1)[0] + b"\n"


def build(c) -> None:
    # ------------------------------------------------------------------ bounces
    def dsn(
        system,
        lang,
        frm,
        subject,
        human,
        mta,
        rcpt,
        status,
        diag,
        *,
        action="failed",
        orig="full",
        extra=None,
        charset="utf-8",
        cte="qp",
        html=None,
        rp="<>",
        arrival=True,
        remote=None,
        stem=None,
        crlf=None,
        no_mid=False,
        case=None,
    ):
        n = c.next()
        d = when(n, lang)
        col = OUR[n % len(OUR)]
        hs = [
            ("Return-Path", rp),
            received(mta, "mx.example.com", d, n),
            ("From", frm),
            ("To", addr(*col)),
            ("Subject", hval(subject, charset)),
            ("Date", rfc(d)),
        ]
        if not no_mid:
            hs.append(("Message-ID", mid(n, mta.split(".", 1)[-1], 1)))
        hs += extra or []
        ds = (
            f"Reporting-MTA: dns; {mta}\n"
            + (f"X-Postfix-Queue-ID: 4Q{n:05d}XyZ\n" if system.startswith("postfix") else "")
            + (f"Arrival-Date: {rfc(when(n, lang, 5))}\n" if arrival else "")
        )
        ds += f"\nFinal-Recipient: rfc822; {rcpt}\nOriginal-Recipient: rfc822;{rcpt}\nAction: {action}\nStatus: {status}\n"
        if remote:
            ds += f"Remote-MTA: dns; {remote}\n"
        if diag:
            ds += f"Diagnostic-Code: smtp; {diag}\n"
        if action == "delayed":
            ds += f"Will-Retry-Until: {rfc(when(n + 2000, lang))}\n"
        hp = leaf(human, "text/plain", charset, cte)
        if html:
            hp = multi(
                "alternative", [hp, leaf(html, "text/html", "utf-8", "quoted-printable")], n=n
            )
        parts = [hp, leaf(ds, "message/delivery-status", None, "7bit")]
        o = our_original(n, rcpt, lang)
        if orig == "full":
            parts.append(
                {
                    "h": [
                        ("Content-Type", "message/rfc822"),
                        ("Content-Transfer-Encoding", "7bit"),
                    ],
                    "b": o,
                }
            )
        elif orig == "headers":
            parts.append(
                {
                    "h": [
                        ("Content-Type", "text/rfc822-headers"),
                        ("Content-Transfer-Encoding", "7bit"),
                    ],
                    "b": headers_only(o),
                }
            )
        body = multi("report", parts, params="; report-type=delivery-status", n=n)
        raw = message(hs, body, (n % 2 == 1) if crlf is None else crlf)
        c.add("bounce", system, lang, raw, n, case=case, stem=stem or system)

    M365 = {
        "en": (
            "Undeliverable:",
            "Your message to {r} couldn't be delivered.",
            "{u} wasn't found at {d}.",
        ),
        "de": (
            "Unzustellbar:",
            "Ihre Nachricht an {r} konnte nicht zugestellt werden.",
            "{u} wurde unter {d} nicht gefunden.",
        ),
        "fr": (
            "Non remis :",
            "Votre message à {r} n'a pas pu être remis.",
            "{u} est introuvable sur {d}.",
        ),
        "es": (
            "No se puede entregar:",
            "No se pudo entregar el mensaje a {r}.",
            "No se encontró {u} en {d}.",
        ),
        "it": (
            "Non recapitabile:",
            "Impossibile recapitare il messaggio a {r}.",
            "{u} non trovato in {d}.",
        ),
        "nl": (
            "Onbestelbaar:",
            "Uw bericht aan {r} kan niet worden bezorgd.",
            "{u} is niet gevonden op {d}.",
        ),
        "pt": (
            "Não é possível entregar:",
            "Não foi possível entregar a sua mensagem para {r}.",
            "{u} não foi encontrado em {d}.",
        ),
        "ja": (
            "配信不能:",
            "{r} にメッセージを配信できませんでした。",
            "{d} で {u} が見つかりませんでした。",
        ),
        "zh-CN": ("无法送达:", "无法将你的邮件传递给 {r}。", "在 {d} 找不到 {u}。"),
        "pl": (
            "Niedostarczalne:",
            "Nie można dostarczyć wiadomości do {r}.",
            "Nie znaleziono {u} w domenie {d}.",
        ),
        "sv": (
            "Kan inte levereras:",
            "Det gick inte att leverera ditt meddelande till {r}.",
            "{u} hittades inte på {d}.",
        ),
        "ko": (
            "배달 못 함:",
            "{r}에 메시지를 배달할 수 없습니다.",
            "{d}에서 {u}을(를) 찾을 수 없습니다.",
        ),
        "zh-TW": ("無法傳遞:", "無法將您的郵件傳遞給 {r}。", "在 {d} 找不到 {u}。"),
        "tr": (
            "Teslim Edilemedi:",
            "{r} adresine gönderdiğiniz ileti teslim edilemedi.",
            "{u}, {d} üzerinde bulunamadı.",
        ),
    }
    for i, (lang, (pfx, l1, l2)) in enumerate(M365.items()):
        rcpt = f"former.buyer{i}@gone-{lang.lower()}-corp.com"
        u, d = rcpt.split("@")
        human = f"{l1.format(r=rcpt)}\n\n{l2.format(u=u, d=d)}\n\n\nDiagnostic information for administrators:\n\nGenerating server: AM0PR01MB{i:04d}.eurprd01.prod.exchangelabs.com\n\n{rcpt}\nRemote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n"
        html = f"<html><body><div style=\"font-family:'Segoe UI'\"><p><b>{l1.format(r=rcpt)}</b></p><p>{l2.format(u=u, d=d)}</p><table><tr><td>Office 365</td><td>{d}</td></tr></table></div></body></html>"
        extra = [
            ("X-MS-Exchange-Message-Is-Ndr", ""),
            ("Content-Language", lang),
            ("X-MS-PublicTrafficType", "Email"),
        ]
        if i % 3 == 0:
            extra.append(("Auto-Submitted", "auto-replied"))
        dsn(
            "exchange_online",
            lang,
            "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com>"
            if i % 2
            else "postmaster@example.onmicrosoft.com",
            f"{pfx} Follow-up: your trial",
            human,
            f"AM0PR01MB{i:04d}.eurprd01.prod.exchangelabs.com",
            rcpt,
            "5.1.10",
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
            html=html,
            extra=extra,
            orig="headers" if i % 4 == 3 else "full",
            arrival=False,
        )
    # Google Workspace
    dsn(
        "google_workspace",
        "en",
        "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        "Delivery Status Notification (Failure)",
        "** Address not found **\n\nYour message wasn't delivered to lena.ortiz@vanished-startup.io because the address couldn't be found, or is unable to receive mail.\n\nLearn more here: https://support.google.com/mail/?p=NoSuchUser\n\nThe response was:\n\n550 5.1.1 The email account that you tried to reach does not exist.\n",
        "mx.google.com",
        "lena.ortiz@vanished-startup.io",
        "5.1.1",
        "550-5.1.1 The email account that you tried to reach does not exist.",
        remote="aspmx.l.google.com",
        extra=[
            ("X-Failed-Recipients", "lena.ortiz@vanished-startup.io"),
            ("Auto-Submitted", "auto-replied"),
        ],
    )
    dsn(
        "google_workspace",
        "de",
        "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        "Delivery Status Notification (Delay)",
        "** Zustellung verzögert **\n\nBei der Zustellung Ihrer Nachricht an einkauf@langsam-server.de ist ein vorübergehendes Problem aufgetreten. Gmail versucht es weitere 46 Stunden lang. Sie werden benachrichtigt, falls die Zustellung endgültig fehlschlägt.\n",
        "mx.google.com",
        "einkauf@langsam-server.de",
        "4.4.1",
        "421 4.4.1 Connection timed out",
        action="delayed",
        orig="headers",
        case="DSN action=delayed",
    )
    dsn(
        "zoho",
        "en",
        "Mail Delivery System <mailer-daemon@mx.zohomail.com>",
        "Undelivered Mail Returned to Sender",
        "This message was created automatically by mail delivery software.\nA message that you sent could not be delivered to one or more of its recipients.\n\nchris.a@closed-down.biz, ERROR CODE :550 - Requested action not taken: mailbox unavailable\n",
        "mx.zohomail.com",
        "chris.a@closed-down.biz",
        "5.0.0",
        "550 Requested action not taken: mailbox unavailable",
    )
    dsn(
        "fastmail",
        "en",
        "MAILER-DAEMON@messagingengine.com (Mail Delivery System)",
        "Undelivered Mail Returned to Sender",
        "This is the mail system at host fout-a3.smtp.messagingengine.com.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n\n<tobias@expired-domain.dev>: Host or domain name not found. Name service error\n    for name=expired-domain.dev type=MX: Host not found, try again\n",
        "fout-a3.smtp.messagingengine.com",
        "tobias@expired-domain.dev",
        "5.4.4",
        None,
        stem="fastmail",
        no_mid=True,
        case="no Message-ID",
    )
    dsn(
        "proton",
        "en",
        "Mail Delivery System <MAILER-DAEMON@protonmail.ch>",
        "Undelivered Mail Returned to Sender",
        "This is the mail system at host mail-4322.protonmail.ch.\n\nYour message could not be delivered to one or more recipients.\n\n<olivia@full-mailbox.net>: host mx.full-mailbox.net said: 552 5.2.2 Mailbox full\n",
        "mail-4322.protonmail.ch",
        "olivia@full-mailbox.net",
        "5.2.2",
        "552 5.2.2 Mailbox full",
        remote="mx.full-mailbox.net",
    )
    dsn(
        "icloud",
        "en",
        "MAILER-DAEMON@icloud.com (Mail Delivery System)",
        "Delivery Status Notification (Failure)",
        "Your message could not be delivered to the following recipient:\n\n  marcus.b@nolongerhere.co\n\nReason: 550 5.1.1 <marcus.b@nolongerhere.co>: Recipient address rejected: User unknown\n",
        "p00-icloudmta-asmtp-us-west-3a-100-percent-2.p00-icloudmta-asmtp-vip.icloud-mail-production.svc.kube.us-west-3a.k8s.cloud.apple.com",
        "marcus.b@nolongerhere.co",
        "5.1.1",
        "550 5.1.1 <marcus.b@nolongerhere.co>: Recipient address rejected: User unknown",
    )
    dsn(
        "sparkpost",
        "en",
        "MAILER-DAEMON@sparkpostmail.com",
        "Delivery Status Notification (Failure)",
        "The following message could not be delivered:\n\n  To: procurement@shutdown-retail.com\n  Reason: 550 5.7.1 Service unavailable; client host blocked\n",
        "mta-prd-043.sparkpostmail.com",
        "procurement@shutdown-retail.com",
        "5.7.1",
        "550 5.7.1 Service unavailable; client host blocked",
        orig="headers",
        rp="<msprvs1=20391abcdEF=bounces-123456@sparkpostmail1.com>",
        case="ESP bounce with VERP return-path, original as text/rfc822-headers",
    )
    dsn(
        "mandrill",
        "en",
        "Mandrill <bounce-md_30123456.68a1b2c3.v1-abcdef0123@mandrillapp.com>",
        "Delivery Status Notification",
        "Your message to anita.r@dormant-mail.org could not be delivered.\n\n550 5.1.1 User unknown\n",
        "mail182-12.suw21.mandrillapp.com",
        "anita.r@dormant-mail.org",
        "5.1.1",
        "550 5.1.1 User unknown",
        rp="<bounce-md_30123456.68a1b2c3.v1-abcdef0123@mandrillapp.com>",
    )
    dsn(
        "brevo",
        "fr",
        "Brevo <bounces@sendinblue.com>",
        "Échec de remise du message",
        "Votre message n'a pas pu être remis au destinataire suivant :\n\n  achats@societe-fermee.fr\n\nRaison : 550 5.1.1 Adresse inconnue\n",
        "smtp-relay.brevo.com",
        "achats@societe-fermee.fr",
        "5.1.1",
        "550 5.1.1 Adresse inconnue",
        charset="iso-8859-15",
    )
    dsn(
        "mailjet",
        "en",
        "Mailjet Delivery <bounce@bnc3.mailjet.com>",
        "Delivery failure notification",
        "Hello,\n\nWe could not deliver your message to the following address: felix@old-agency.co\nError: 550 No such user here\n",
        "bnc3.mailjet.com",
        "felix@old-agency.co",
        "5.1.1",
        "550 No such user here",
        orig="none" if False else "headers",
    )
    dsn(
        "amazon_workmail",
        "en",
        "MAILER-DAEMON@us-east-1.awsapps.com",
        "Delivery Status Notification (Failure)",
        "An error occurred while trying to deliver the mail to the following recipients:\nsupport@discontinued-app.com\n",
        "a8-93.smtp-out.amazonses.com",
        "support@discontinued-app.com",
        "5.1.1",
        "550 5.1.1 user unknown",
    )
    # Postfix / Exim in other languages
    dsn(
        "postfix",
        "de",
        "MAILER-DAEMON@mail.hostingpartner.de (Mail Delivery System)",
        "Unzustellbare Nachricht",
        "Dies ist das Mailprogramm auf dem Rechner mail.hostingpartner.de.\n\nLeider konnte Ihre Nachricht an einen oder mehrere Empfänger nicht\nzugestellt werden. Sie ist unten angehängt.\n\n<vertrieb@aufgeloest-gmbh.de>: host mx.aufgeloest-gmbh.de[203.0.113.9] said: 550\n    5.1.1 Benutzer unbekannt (in reply to RCPT TO command)\n",
        "mail.hostingpartner.de",
        "vertrieb@aufgeloest-gmbh.de",
        "5.1.1",
        "550 5.1.1 Benutzer unbekannt",
        charset="iso-8859-1",
        cte="8bit",
    )
    dsn(
        "postfix",
        "fr",
        "MAILER-DAEMON@smtp.hebergeur.fr (Système de distribution du courrier)",
        "Message non délivré retourné à l'expéditeur",
        "Ceci est le programme de distribution du courrier sur smtp.hebergeur.fr.\n\nJe suis au regret de vous informer que votre message n'a pas pu être\nremis à un ou plusieurs destinataires.\n\n<contact@ancienne-boite.fr>: boîte aux lettres pleine\n",
        "smtp.hebergeur.fr",
        "contact@ancienne-boite.fr",
        "5.2.2",
        "552 5.2.2 Mailbox full",
        charset="utf-8",
        cte="base64",
    )
    dsn(
        "postfix",
        "es",
        "MAILER-DAEMON@correo.proveedor.es",
        "Correo no entregado devuelto al remitente",
        "Este es el sistema de correo en correo.proveedor.es.\n\nLamento informarle que su mensaje no pudo ser entregado.\n\n<ventas@empresa-cerrada.es>: usuario desconocido\n",
        "correo.proveedor.es",
        "ventas@empresa-cerrada.es",
        "5.1.1",
        "550 5.1.1 usuario desconocido",
        charset="iso-8859-1",
        orig="headers",
    )
    dsn(
        "postfix",
        "ru",
        "MAILER-DAEMON@mx.hoster.ru (Система доставки почты)",
        "Недоставленное письмо возвращено отправителю",
        "Это почтовая система на узле mx.hoster.ru.\n\nК сожалению, ваше письмо не удалось доставить одному или нескольким получателям.\n\n<zakupki@zakryto.ru>: пользователь не найден\n",
        "mx.hoster.ru",
        "zakupki@zakryto.ru",
        "5.1.1",
        "550 5.1.1 user not found",
        charset="koi8-r",
        cte="8bit",
    )
    dsn(
        "postfix",
        "en",
        "MAILER-DAEMON@mail.example.com (Mail Delivery System)",
        "Delayed Mail (still being retried)",
        "This is the mail system at host mail.example.com.\n\n####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\nYour message could not be delivered for 4.0 hours.\nIt will be retried until it is 5.0 days old.\n",
        "mail.example.com",
        "ops@slow-mx.example.net",
        "4.4.1",
        "421 4.4.1 connect to mx.slow-mx.example.net: Connection timed out",
        action="delayed",
        orig="headers",
        extra=[("Auto-Submitted", "auto-replied")],
        case="DSN action=delayed (warning)",
    )
    # Exim
    n = c.next()
    d = when(n, "de")
    rawx = message(
        [
            ("Return-Path", "<>"),
            ("Received", f"from mail by exim.hoster.de with local id 1tK{n}-000AbC-7x; {rfc(d)}"),
            ("X-Failed-Recipients", "anfrage@nicht-mehr-da.de"),
            ("Auto-Submitted", "auto-replied"),
            ("From", "Mail Delivery System <Mailer-Daemon@exim.hoster.de>"),
            ("To", OUR[1][1]),
            ("Subject", "Mail delivery failed: returning message to sender"),
            ("Message-Id", f"<E1tK{n}-000AbC-7x@exim.hoster.de>"),
            ("Date", rfc(d)),
        ],
        leaf(
            "Diese Nachricht wurde automatisch vom Mailsystem erzeugt.\n\nEine Nachricht, die Sie gesendet haben, konnte nicht zugestellt werden:\n\n  anfrage@nicht-mehr-da.de\n    Mailbox unbekannt\n\n------ This is a copy of the message, including all the headers. ------\n\n"
            + our_original(n, "anfrage@nicht-mehr-da.de", "de").decode(),
            "text/plain",
            "utf-8",
            "8bit",
        ),
        False,
    )
    c.add(
        "bounce",
        "exim",
        "de",
        rawx,
        n,
        stem="exim",
        case="Exim plain-text bounce (no multipart/report), localised text",
    )
    n = c.next()
    d = when(n, "en")
    rawx = message(
        [
            ("Return-Path", "<>"),
            ("From", "Mail Delivery System <Mailer-Daemon@cpanel-host42.webspace.net>"),
            ("To", OUR[2][1]),
            ("Subject", "Warning: message 1tQ9zz-0004Xy-2A delayed 24 hours"),
            ("Date", rfc(d)),
            ("Auto-Submitted", "auto-replied"),
            ("Message-Id", f"<E1tQ{n}@cpanel-host42.webspace.net>"),
        ],
        leaf(
            "This message was created automatically by mail delivery software.\nA message that you sent has not yet been delivered to one or more of its\nrecipients after more than 24 hours on the queue on cpanel-host42.webspace.net.\n\nThe message identifier is:     1tQ9zz-0004Xy-2A\nThe subject of the message is: Follow-up: your trial\n\nThe address to which the message has not yet been delivered is:\n\n  it@stuck-queue.org\n    Delay reason: SMTP error from remote mail server after initial connection:\n    451 Temporary local problem - please try later\n\nNo action is required on your part. Delivery attempts will continue for\nsome time, and this warning may be repeated at intervals if the message\nremains undelivered. Eventually the mail delivery software will give up,\nand when that happens, the message will be returned to you.\n",
            "text/plain",
            None,
            "7bit",
        ),
        True,
    )
    c.add("bounce", "exim", "en", rawx, n, stem="exim_delay", case="Exim delay warning, plain text")
    # Exchange on-prem delayed
    dsn(
        "exchange_onprem",
        "en",
        "Microsoft Outlook <postmaster@example.com>",
        "Delivery delayed: Follow-up: your trial",
        "Delivery is delayed to these recipients or groups:\n\nhelpdesk@overloaded.example.org\n\nSubject: Follow-up: your trial\n\nThis message hasn't been delivered yet. Delivery will continue to be attempted.\n\nThe server will keep trying to deliver this message for the next 1 days, 19 hours and 52 minutes. You'll be notified if the message can't be delivered by that time.\n",
        "EXCH01.corp.example.com",
        "helpdesk@overloaded.example.org",
        "4.4.7",
        "400 4.4.7 Message delayed",
        action="delayed",
        orig="headers",
    )
    # Sendmail with text/rfc822-headers
    dsn(
        "sendmail",
        "en",
        "Mail Delivery Subsystem <MAILER-DAEMON@relay.university.edu>",
        "Returned mail: see transcript for details",
        "The original message was received at Mon, 7 Dec 2026 10:02:11 -0500\nfrom mail.example.com [198.51.100.10]\n\n   ----- The following addresses had permanent fatal errors -----\n<prof.halvorsen@university.edu>\n    (reason: 550 5.1.1 <prof.halvorsen@university.edu>... User unknown)\n",
        "relay.university.edu",
        "prof.halvorsen@university.edu",
        "5.1.1",
        "550 5.1.1 <prof.halvorsen@university.edu>... User unknown",
        orig="headers",
    )
    dsn(
        "postfix",
        "ja",
        "MAILER-DAEMON@mta.isp.ne.jp (Mail Delivery System)",
        "Undelivered Mail Returned to Sender",
        "このメールはメール配送システムによって自動的に作成されました。\n\n送信されたメッセージは次の宛先に配送できませんでした。\n\n<eigyo@haishi.co.jp>: ユーザーが存在しません\n",
        "mta.isp.ne.jp",
        "eigyo@haishi.co.jp",
        "5.1.1",
        "550 5.1.1 user unknown",
        charset="iso-2022-jp",
        cte="7bit",
    )
    dsn(
        "qq_mail",
        "zh-CN",
        '"QQ邮箱" <MAILER-DAEMON@qq.com>',
        "退信：Follow-up: your trial",
        "很抱歉您发送的邮件被退回，以下是该邮件的相关信息：\n\n收件人：caigou@guanbi-gongsi.cn\n退信原因：收件人邮箱地址不存在\n",
        "newxmmxszc6-7.qq.com",
        "caigou@guanbi-gongsi.cn",
        "5.1.1",
        "550 Mailbox not found",
        charset="gb2312",
        cte="base64",
        orig="headers",
    )

    # ------------------------------------------------------------------ auto-replies
    def auto(
        system,
        lang,
        frm,
        subject,
        body,
        *,
        extra=None,
        charset="utf-8",
        cte="qp",
        rp=None,
        stem=None,
        case=None,
        html=None,
        crlf=None,
        inreply=True,
    ):
        n = c.next()
        d = when(n, lang)
        col = OUR[n % len(OUR)]
        fa = frm
        import re as _re

        m = _re.search(r"[\w.+-]+@[\w.-]+", frm)
        hs = [
            ("Return-Path", rp if rp is not None else f"<{m.group(0) if m else ''}>"),
            received((m.group(0).split("@")[1] if m else "mx"), "mx.example.com", d, n),
            ("From", fa),
            ("To", addr(*col) if n % 3 else ALIAS),
            ("Subject", hval(subject, charset)),
            ("Date", rfc(d)),
        ] + (
            []
            if n % 13 == 0
            else [("Message-ID", mid(n, (m.group(0).split("@")[1] if m else "mx.local"), n % 4))]
        )
        if inreply:
            hs.append(("In-Reply-To", mid(n + 5000, "example.com")))
        hs += extra or []
        b = leaf(body, "text/plain", charset, cte)
        if html:
            b = multi("alternative", [b, leaf(html, "text/html", charset, cte)], n=n)
        raw = message(hs, b, (n % 2 == 0) if crlf is None else crlf)
        c.add("autoreply", system, lang, raw, n, case=case, stem=stem or system)

    RFC3834 = [("Auto-Submitted", "auto-replied")]
    EXO = [
        ("Auto-Submitted", "auto-generated"),
        ("X-Auto-Response-Suppress", "All"),
        ("X-MS-Exchange-Inbox-Rules-Loop", "x@y"),
    ]
    # help-desk acknowledgements
    auto(
        "jira_service_management",
        "en",
        "Northwind IT Help <jira@northwind-it.atlassian.net>",
        "[JIRA] (NWH-4821) Follow-up: your trial",
        "Hi,\n\nYour request has been received. Reference: NWH-4821.\nWe'll get back to you as soon as possible. You can view and comment on this request in the customer portal:\nhttps://northwind-it.atlassian.net/servicedesk/customer/portal/2/NWH-4821\n\n——\nReply above this line.\n",
        extra=[
            ("Auto-Submitted", "auto-generated"),
            ("X-JIRA-FingerPrint", "5b2f0c1e9d8a7b6c"),
            ("Precedence", "bulk"),
        ],
        case="service-desk acknowledgement",
    )
    auto(
        "servicenow",
        "en",
        "Contoso Service Desk <contoso@service-now.com>",
        "Incident INC0091234 -- opened on your behalf",
        "Incident INC0091234 has been opened on your behalf.\n\nShort description: Follow-up: your trial\nYou can view the incident here: https://contoso.service-now.com/nav_to.do?uri=incident.do\n\nRef:MSG48123456\n",
        extra=[("X-ServiceNow-Generated", "true")],
        case="ServiceNow ticket ack, no RFC 3834 header",
    )
    auto(
        "zoho_desk",
        "en",
        "Lumen Support <support@lumensupport.zohodesk.com>",
        "[##45871##] Ticket received: Follow-up: your trial",
        "Dear Customer,\n\nThank you for writing to us. This is an automated acknowledgement; your ticket number is #45871.\nOur team will respond within 24 hours.\n\nLumen Support\n",
        case="Zoho Desk ack, ticket number in subject",
    )
    auto(
        "intercom",
        "en",
        "Brightloop <reply+a1b2c3d4e5@intercom-mail.com>",
        "Re: Follow-up: your trial",
        "Thanks for reaching out! We've got your message and the team typically replies in under 2 hours.\n\nYou'll get replies here and to your email.\n\nBrightloop Support\n",
        case="Intercom auto-reply, no RFC 3834 header, 'Re:' subject",
    )
    auto(
        "zendesk",
        "de",
        "Kundenservice Alpenblick <support@alpenblick.zendesk.com>",
        "[Alpenblick] Anfrage erhalten: Follow-up: your trial",
        "##- Bitte geben Sie Ihre Antwort über dieser Zeile ein -##\n\nIhre Anfrage (#38210) ist bei uns eingegangen und wird von unseren Mitarbeitern geprüft.\n\nUm dieser Anfrage weitere Anmerkungen hinzuzufügen, antworten Sie einfach auf diese E-Mail.\n",
        extra=[
            ("Auto-Submitted", "auto-generated"),
            ("X-Zendesk-From-Account-Id", "8f1a2b3"),
            ("X-Mailer", "Zendesk Mailer"),
        ],
        charset="utf-8",
    )
    auto(
        "freshdesk",
        "en",
        "Harbor Support <support@harborapp.freshdesk.com>",
        "Ticket Received - Follow-up: your trial",
        "Dear Ines,\n\nWe would like to acknowledge that we have received your request and a ticket has been created.\nA support representative will be reviewing your request and will send you a personal response (usually within 24 hours).\n\nTicket #119283\n",
        extra=[("X-Freshdesk-Ticket-Id", "119283")],
    )
    auto(
        "hubspot_tickets",
        "en",
        "Pinecrest Support <support@pinecrest.help>",
        "We've received your request",
        "Hi there,\n\nThanks for contacting Pinecrest. We've received your request (#7719) and will be in touch soon.\n\nThis is an automated message.\n",
        extra=[("X-HubSpot-Ticket-ID", "7719")],
    )
    auto(
        "gorgias",
        "fr",
        "Maison Levant <bonjour@maisonlevant.fr>",
        "Re: Follow-up: your trial",
        "Bonjour,\n\nMerci pour votre message ! Notre équipe vous répond sous 24 à 48 h ouvrées.\nEn attendant, consultez notre centre d'aide.\n\nL'équipe Maison Levant\n",
        extra=[("X-Gorgias-Ticket-Id", "55120")],
        case="Gorgias auto-response, no RFC 3834 header",
    )
    auto(
        "kayako",
        "en",
        "Crestline Helpdesk <helpdesk@crestline.kayako.com>",
        "[#QFT-418-59217]: Follow-up: your trial",
        "Thank you for contacting Crestline. Your ticket has been created with ID QFT-418-59217.\nA staff member will reply shortly.\n",
        extra=[("X-Kayako-Ticket", "QFT-418-59217"), ("Auto-Submitted", "auto-replied")],
    )
    # vacation / out-of-office in many languages
    OOO = [
        (
            "en",
            "exchange",
            "Automatic reply: Follow-up: your trial",
            "Thank you for your email. I am out of the office until 4 January with limited access to email.\nFor urgent matters please contact my colleague at purchasing@{d}.",
            EXO,
        ),
        (
            "de",
            "exchange",
            "Automatische Antwort: Follow-up: your trial",
            "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 2. Januar nicht im Büro.\nIn dringenden Fällen wenden Sie sich bitte an zentrale@{d}.",
            EXO,
        ),
        (
            "fr",
            "exchange",
            "Réponse automatique : Follow-up: your trial",
            "Bonjour,\nJe suis absente jusqu'au 5 janvier. Pour toute urgence, contactez accueil@{d}.",
            EXO,
        ),
        (
            "es",
            "gmail_vacation",
            "Fuera de la oficina",
            "Gracias por su mensaje. Estaré fuera de la oficina hasta el 7 de enero sin acceso al correo.",
            RFC3834,
        ),
        (
            "it",
            "exchange",
            "Risposta automatica: Follow-up: your trial",
            "Sono fuori ufficio fino al 6 gennaio. Risponderò al mio rientro.",
            EXO,
        ),
        (
            "pt",
            "gmail_vacation",
            "Ausência temporária",
            "Obrigado pelo seu e-mail. Estou de férias até 8 de janeiro e responderei quando regressar.",
            RFC3834,
        ),
        (
            "nl",
            "exchange",
            "Automatisch antwoord: Follow-up: your trial",
            "Ik ben afwezig tot en met 3 januari. Uw e-mail wordt niet doorgestuurd.",
            EXO,
        ),
        (
            "pl",
            "zimbra",
            "Poza biurem: Follow-up: your trial",
            "Dziękuję za wiadomość. Jestem na urlopie do 4 stycznia.",
            [("Auto-Submitted", "auto-replied (zimbra; vacation)")],
        ),
        (
            "cs",
            "sieve",
            "Nepřítomnost: Follow-up: your trial",
            "Dobrý den, do 5. ledna jsem mimo kancelář. Děkuji za pochopení.",
            [("Auto-Submitted", "auto-replied (vacation)")],
        ),
        (
            "sv",
            "exchange",
            "Automatiskt svar: Follow-up: your trial",
            "Tack för ditt mejl. Jag är ledig till och med 6 januari.",
            EXO,
        ),
        (
            "da",
            "exchange",
            "Automatisk svar: Follow-up: your trial",
            "Tak for din mail. Jeg holder ferie indtil 4. januar.",
            EXO,
        ),
        (
            "fi",
            "exchange",
            "Automaattinen vastaus: Follow-up: your trial",
            "Kiitos viestistäsi. Olen lomalla 7.1. asti.",
            EXO,
        ),
        (
            "nb",
            "none",
            "Re: Follow-up: your trial",
            "Hei! Jeg er på ferie til 5. januar og leser ikke e-post. Ved hastesaker, ring sentralbordet.",
            [],
        ),
        (
            "hu",
            "exchange",
            "Automatikus válasz: Follow-up: your trial",
            "Köszönöm levelét. Január 4-ig szabadságon vagyok.",
            EXO,
        ),
        (
            "ro",
            "none",
            "Absent: Follow-up: your trial",
            "Vă mulțumesc pentru mesaj. Sunt în concediu până pe 6 ianuarie.",
            [],
        ),
        (
            "tr",
            "exchange",
            "Otomatik yanıt: Follow-up: your trial",
            "E-postanız için teşekkürler. 5 Ocak tarihine kadar izindeyim.",
            EXO,
        ),
        (
            "ru",
            "yandex",
            "Автоответ: Follow-up: your trial",
            "Здравствуйте! Я в отпуске до 10 января. По срочным вопросам пишите на office@{d}.",
            [("Auto-Submitted", "auto-replied"), ("X-Yandex-Autoreply", "yes")],
        ),
        (
            "uk",
            "none",
            "Re: Follow-up: your trial",
            "Доброго дня! Я у відпустці до 8 січня, відповім після повернення.",
            [("X-Autoreply", "yes")],
        ),
        (
            "el",
            "exchange",
            "Αυτόματη απάντηση: Follow-up: your trial",
            "Σας ευχαριστώ για το μήνυμά σας. Θα απουσιάζω έως τις 7 Ιανουαρίου.",
            EXO,
        ),
        (
            "he",
            "exchange",
            "תשובה אוטומטית: Follow-up: your trial",
            "תודה על פנייתך. אני מחוץ למשרד עד 4 בינואר.",
            EXO,
        ),
        (
            "ar",
            "exchange",
            "رد تلقائي: Follow-up: your trial",
            "شكراً لرسالتك. أنا خارج المكتب حتى 5 يناير.",
            EXO,
        ),
        (
            "zh-CN",
            "qq_mail",
            "自动回复: Follow-up: your trial",
            "您好，我正在休假，1月6日返回，届时回复您的邮件。",
            [("X-QQ-AUTOREPLY", "1")],
        ),
        (
            "zh-TW",
            "exchange",
            "自動回覆: Follow-up: your trial",
            "您好，我目前休假中，將於1月5日返回辦公室。",
            EXO,
        ),
        (
            "ja",
            "none",
            "Re: Follow-up: your trial",
            "誠に恐れ入りますが、1月5日まで休暇を頂いております。\n戻り次第ご返信いたします。",
            [],
        ),
        (
            "ko",
            "naver",
            "부재중 자동응답: Follow-up: your trial",
            "안녕하세요. 1월 4일까지 휴가 중입니다. 복귀 후 회신드리겠습니다.",
            [("Auto-Submitted", "auto-replied")],
        ),
        (
            "vi",
            "gmail_vacation",
            "Vắng mặt",
            "Cảm ơn bạn đã liên hệ. Tôi đang nghỉ phép đến ngày 5/1.",
            RFC3834,
        ),
        (
            "th",
            "exchange",
            "ตอบกลับอัตโนมัติ: Follow-up: your trial",
            "ขอบคุณสำหรับอีเมลของท่าน ขณะนี้ดิฉันลาพักร้อนจนถึงวันที่ 4 มกราคม",
            EXO,
        ),
        (
            "id",
            "none",
            "Balasan otomatis: Follow-up: your trial",
            "Terima kasih atas email Anda. Saya sedang cuti hingga 5 Januari.",
            [],
        ),
        (
            "hi",
            "gmail_vacation",
            "कार्यालय से बाहर",
            "आपके ईमेल के लिए धन्यवाद। मैं 6 जनवरी तक अवकाश पर हूँ।",
            RFC3834,
        ),
        (
            "ca",
            "sieve",
            "Fora de l'oficina",
            "Gràcies pel vostre missatge. Sóc de vacances fins al 7 de gener.",
            [("Auto-Submitted", "auto-replied (vacation)"), ("Precedence", "bulk")],
        ),
    ]
    from tests.data.mail.gen.h5_people import person

    for lang, system, subj, body, hdrs in OOO:
        p = person(lang, style="last")
        dom = p[1].split("@")[1]
        extra = list(hdrs)
        if system == "exchange":
            extra.append(("Thread-Topic", "Follow-up: your trial"))
        case = None if hdrs else "no auto-reply header at all: only the subject/body say so"
        cs = {
            "ja": "iso-2022-jp",
            "zh-CN": "gb2312",
            "zh-TW": "big5",
            "ru": "koi8-r",
            "he": "windows-1255",
            "ar": "windows-1256",
            "el": "iso-8859-7",
            "pl": "iso-8859-2",
        }.get(lang, "utf-8")
        auto(
            system,
            lang,
            addr(*p, "utf-8"),
            subj,
            body.format(d=dom) + f"\n\n{p[0]}\n",
            extra=extra,
            charset=cs,
            cte="base64" if lang in ("th", "hi", "vi") else "qp",
            stem=f"ooo_{system}",
            case=case,
        )
    # left the company / not monitored
    for lang, subj, body in (
        (
            "en",
            "Automatic reply: Follow-up: your trial",
            "Please note that I have left Kestrel Freight as of 30 November. This mailbox is no longer monitored.\nPlease contact hello@kestrel-freight.com.",
        ),
        (
            "de",
            "Automatische Antwort: Follow-up: your trial",
            "Herr Kranich ist nicht mehr für unser Unternehmen tätig. Ihre E-Mail wird nicht weitergeleitet.\nBitte wenden Sie sich an info@moorland-werke.de.",
        ),
        (
            "fr",
            "Re: Follow-up: your trial",
            "Je ne fais plus partie de la société depuis le 1er décembre. Merci d'écrire désormais à contact@ardoise-conseil.fr.",
        ),
    ):
        auto(
            "exchange" if lang != "fr" else "none",
            lang,
            {
                "en": "Trevor Marsh <t.marsh@kestrel-freight.com>",
                "de": "Uwe Kranich <u.kranich@moorland-werke.de>",
                "fr": "Bastien Royer <b.royer@ardoise-conseil.fr>",
            }[lang],
            subj,
            body,
            extra=EXO if lang != "fr" else [],
            stem="left_company",
            case="'I have left the company' reply" + ("" if lang != "fr" else "; no header"),
        )
    auto(
        "exchange",
        "en",
        "Accounts Payable <ap@marlow-industrial.com>",
        "Automatic reply: Follow-up: your trial",
        "This mailbox is not monitored. Invoices are processed automatically; for questions please use our supplier portal.\n",
        extra=EXO,
        stem="not_monitored",
    )
    auto(
        "none",
        "es",
        "Notificaciones <notificaciones@cortijo-logistica.es>",
        "Re: Follow-up: your trial",
        "Este buzón no se supervisa. Por favor, no responda a este mensaje.\n",
        extra=[("Precedence", "auto_reply")],
        stem="not_monitored",
    )
    # challenge-response
    auto(
        "spamarrest",
        "en",
        "Verification <verify@spamarrest.com>",
        "Re: Follow-up: your trial [Verification Required]",
        "Hello,\n\nI'm protecting myself from receiving junk mail. Please click the link below to complete the verification process.\nYou have to do this only once.\n\nhttps://www.spamarrest.com/verify/vr?k=ab12cd34ef56\n\nThis is an automated message.\n",
        extra=[("Auto-Submitted", "auto-replied"), ("X-SpamArrest-Challenge", "1")],
        stem="challenge",
        case="challenge-response",
    )
    auto(
        "mailwasher_like",
        "en",
        "Nadia Whitlock <nadia.w.filter@quarrystone-mail.net>",
        "Please confirm your message",
        "My mail filter holds messages from unknown senders. To have your message delivered, reply to this email\nwith the word CONFIRM in the subject line. Sorry for the inconvenience.\n",
        extra=[],
        stem="challenge",
        case="challenge-response without any automation header",
    )

    # ------------------------------------------------------------------ receipts
    def receipt(
        system,
        lang,
        frm_pair,
        subj,
        human,
        disp,
        *,
        extra=None,
        charset="utf-8",
        stem=None,
        case=None,
        ics=None,
    ):
        n = c.next()
        d = when(n, lang)
        col = OUR[n % len(OUR)]
        rpath = (
            f"<{frm_pair[1]}>"
            if system != "google_calendar"
            else f"<3k5x{n:03d}aGQWEbZlmm-hdjqxe-amf-ilZWmkZ.Ykkbhmlk-emZbeiZ@calendar-server.bounces.google.com>"
        )
        hs = [
            ("Return-Path", rpath),
            ("From", addr(*frm_pair)),
            ("To", addr(*col) if n % 2 else ALIAS),
            ("Subject", hval(subj, charset)),
            ("Date", rfc(d)),
            ("Message-ID", mid(n, frm_pair[1].split("@")[1], n % 4)),
        ] + (extra or [])
        if ics:
            b = multi(
                "alternative",
                [
                    leaf(human, "text/plain", charset, "qp"),
                    leaf(ics, "text/calendar", "utf-8", "7bit", params="; method=REPLY"),
                ],
                n=n,
            )
            kind_case = case
        else:
            mdn = (
                f"Reporting-UA: {system}; {frm_pair[1].split('@')[1]}\nOriginal-Recipient: rfc822;{frm_pair[1]}\nFinal-Recipient: rfc822;{frm_pair[1]}\n"
                f"Original-Message-ID: {mid(n + 5000, 'example.com')}\nDisposition: {disp}\n"
            )
            b = multi(
                "report",
                [
                    leaf(human, "text/plain", charset, "qp"),
                    leaf(mdn, "message/disposition-notification", None, "7bit"),
                    {
                        "h": [("Content-Type", "text/rfc822-headers")],
                        "b": headers_only(our_original(n, frm_pair[1], lang)),
                    },
                ],
                params="; report-type=disposition-notification",
                n=n,
            )
            kind_case = case
        c.add(
            "receipt",
            system,
            lang,
            message(hs, b, n % 2 == 0),
            n,
            case=kind_case,
            stem=stem or system,
        )

    def ics_reply(att, status):
        return (
            "BEGIN:VCALENDAR\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\nVERSION:2.0\nCALSCALE:GREGORIAN\nMETHOD:REPLY\nBEGIN:VEVENT\n"
            f"DTSTART:20261215T150000Z\nDTEND:20261215T153000Z\nORGANIZER;CN=Example Sales:mailto:{ALIAS}\n"
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={status};CN={att[0]};X-NUM-GUESTS=0:mailto:{att[1]}\n"
            "SUMMARY:Product demo\nUID:5v0c2b8kq1m3n4p5r6s7t8u9v0@google.com\nSEQUENCE:0\nEND:VEVENT\nEND:VCALENDAR\n"
        )

    cal = [
        (
            "google_calendar",
            "en",
            "Accepted: Product demo @ Tue Dec 15, 2026 4pm - 4:30pm (CET) (sales@example.com)",
            "ACCEPTED",
            "{n} has accepted this invitation.",
        ),
        (
            "google_calendar",
            "fr",
            "Invitation acceptée : Product demo @ mar. 15 déc. 2026 16:00 - 16:30 (CET) (sales@example.com)",
            "ACCEPTED",
            "{n} a accepté cette invitation.",
        ),
        (
            "google_calendar",
            "de",
            "Abgelehnt: Product demo @ Di. 15. Dez. 2026 16:00 - 16:30 (MEZ) (sales@example.com)",
            "DECLINED",
            "{n} hat diese Einladung abgelehnt.",
        ),
        (
            "outlook_calendar",
            "en",
            "Tentative: Product demo",
            "TENTATIVE",
            "{n} has tentatively accepted.",
        ),
        ("outlook_calendar", "es", "Aceptado: Product demo", "ACCEPTED", ""),
        ("outlook_calendar", "ja", "承諾: Product demo", "ACCEPTED", ""),
        (
            "icloud_calendar",
            "en",
            "Invitation: Product demo - Declined",
            "DECLINED",
            "{n} has declined your invitation.",
        ),
    ]
    for system, lang, subj, st, txt in cal:
        p = person(lang, style="flat")
        receipt(
            system,
            lang,
            p,
            subj,
            txt.format(n=p[0]) or " ",
            None,
            ics=ics_reply(p, st),
            stem=f"calendar_{system}",
            extra=[("X-Mailer", "Microsoft Outlook 16.0")]
            if system == "outlook_calendar"
            else (
                [("Sender", "Google Calendar <calendar-notification@google.com>")]
                if system == "google_calendar"
                else []
            ),
            case="calendar reply (METHOD:REPLY) sent from the attendee's own address: not a lead",
        )
    mdns = [
        (
            "outlook",
            "en",
            "Read: Follow-up: your trial",
            "Your message\n\n  To: {a}\n  Subject: Follow-up: your trial\n\nwas read on Monday, December 7, 2026 10:14:32 AM (UTC+01:00).",
            "manual-action/MDN-sent-manually; displayed",
        ),
        (
            "outlook",
            "de",
            "Gelesen: Follow-up: your trial",
            "Ihre Nachricht\n\n  An: {a}\n  Betreff: Follow-up: your trial\n\nwurde am Montag, 7. Dezember 2026 10:14:32 (UTC+01:00) gelesen.",
            "manual-action/MDN-sent-manually; displayed",
        ),
        (
            "outlook",
            "fr",
            "Lu : Follow-up: your trial",
            "Votre message\n\n  À : {a}\n  Objet : Follow-up: your trial\n\na été lu le lundi 7 décembre 2026 10:14:32 (UTC+01:00).",
            "manual-action/MDN-sent-manually; displayed",
        ),
        (
            "thunderbird",
            "en",
            "Return Receipt (displayed) - Follow-up: your trial",
            "This is a Return Receipt for the mail that you sent to {a}.\n\nNote: This Return Receipt only acknowledges that the message was displayed on the recipient's computer.",
            "manual-action/MDN-sent-manually; displayed",
        ),
        (
            "outlook",
            "ru",
            "Прочитано: Follow-up: your trial",
            "Ваше сообщение\n\n  Кому: {a}\n  Тема: Follow-up: your trial\n\nбыло прочитано 7 декабря 2026 г. 10:14:32.",
            "manual-action/MDN-sent-manually; displayed",
        ),
        (
            "outlook",
            "ja",
            "開封済み: Follow-up: your trial",
            "メッセージ\n\n  宛先: {a}\n  件名: Follow-up: your trial\n\nは 2026/12/07 10:14 に開封されました。",
            "manual-action/MDN-sent-manually; displayed",
        ),
        (
            "outlook",
            "en",
            "Not read: Follow-up: your trial",
            "Your message\n\n  To: {a}\n\nwas deleted without being read on Monday, December 7, 2026 11:00:00 AM.",
            "automatic-action/MDN-sent-automatically; deleted",
        ),
    ]
    for system, lang, subj, human, disp in mdns:
        p = person(lang, style="initial")
        receipt(
            system,
            lang,
            p,
            subj,
            human.format(a=p[1]),
            disp,
            charset={"ja": "iso-2022-jp", "ru": "koi8-r"}.get(lang, "utf-8"),
            stem=f"mdn_{system}",
        )

    # ------------------------------------------------------------------ bulk / marketing
    def bulk(
        system,
        lang,
        frm,
        subj,
        text,
        *,
        extra,
        html=None,
        charset="utf-8",
        cte="qp",
        rp=None,
        case=None,
        kind="bulk",
    ):
        n = c.next()
        d = when(n, lang)
        import re as _re

        em = _re.search(r"[\w.+=-]+@[\w.-]+", frm).group(0)
        hs = [
            ("Return-Path", rp or f"<{em}>"),
            received(em.split("@")[1], "mx.example.com", d, n),
            ("From", frm),
            ("To", ALIAS),
            ("Subject", hval(subj, charset)),
            ("Date", rfc(d)),
            ("Message-ID", mid(n, em.split("@")[1], n % 4)),
        ] + extra
        b = leaf(text, "text/plain", charset, cte)
        if html:
            b = multi("alternative", [b, leaf(html, "text/html", charset, "quoted-printable")], n=n)
        c.add(kind, system, lang, message(hs, b, n % 2 == 1), n, case=case, stem=system)

    def h(title, link="https://example.net/unsub"):
        return f'<html><body><table width="600"><tr><td><h1>{title}</h1><p>Read more in your browser.</p><p><a href="{link}">Unsubscribe</a> | <a href="#">Update preferences</a></p></td></tr></table></body></html>'

    bulk(
        "mailchimp",
        "en",
        "Fieldnotes Weekly <hello@fieldnotes-weekly.com>",
        "5 dashboards our readers loved this month",
        "View this email in your browser\n\n5 dashboards our readers loved...\n\nunsubscribe from this list | update subscription preferences",
        html=h("5 dashboards"),
        extra=[
            (
                "List-Unsubscribe",
                "<https://fieldnotes-weekly.us21.list-manage.com/unsubscribe?u=abc&id=def>, <mailto:unsubscribe-mc.us21_abc.def@unsub.mcsv.net>",
            ),
            (
                "List-Id",
                "abc123def456ghi789jkl mc list <abc123def456ghi789jkl.21.list-id.mcsv.net>",
            ),
            ("X-MC-User", "abc123def456ghi789jkl"),
            ("Precedence", "bulk"),
            ("Feedback-ID", "21:21-abc:us21:mc"),
        ],
        rp="<bounce-mc.us21_abc.def-sales=example.com@mail232.suw121.mcdlv.net>",
    )
    bulk(
        "substack",
        "en",
        "The Metrics Memo <metricsmemo@substack.com>",
        "Why retention curves lie",
        "Why retention curves lie\n\nREAD IN APP\n\nUnsubscribe https://substack.com/redirect/2/abc",
        html=h("Why retention curves lie"),
        extra=[
            (
                "List-Unsubscribe",
                "<https://metricsmemo.substack.com/action/disable_email?token=abc>",
            ),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ("List-URL", "<https://metricsmemo.substack.com/>"),
            ("X-Mailgun-Tag", "post"),
        ],
    )
    bulk(
        "beehiiv",
        "en",
        "Growth Loops <growthloops@mail.beehiiv.com>",
        "Issue #112: pricing pages that convert",
        "Issue #112\n\nUnsubscribe: https://growthloops.beehiiv.com/unsubscribe",
        extra=[
            ("List-Unsubscribe", "<https://link.mail.beehiiv.com/ls/unsub>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ("X-Beehiiv-Type", "newsletter"),
        ],
    )
    bulk(
        "klaviyo",
        "de",
        "Kaffeerösterei Nordlicht <news@nordlicht-kaffee.de>",
        "Nur heute: 20 % auf alle Bohnen",
        "Nur heute: 20 % auf alle Bohnen!\n\nAbmelden: https://manage.kmail-lists.com/subscriptions/unsubscribe",
        html=h("20 % Rabatt"),
        extra=[
            (
                "List-Unsubscribe",
                "<https://manage.kmail-lists.com/subscriptions/unsubscribe?a=XyZ>",
            ),
            ("X-Kmail-Relay", "true"),
            ("X-Kmail-Account", "XyZ"),
        ],
        charset="iso-8859-15",
    )
    bulk(
        "hubspot_marketing",
        "en",
        "Cloudcrest Events <events@cloudcrest-events.com>",
        "Last chance: early-bird tickets for DataSummit 2027",
        "Last chance for early-bird tickets.\n\nUnsubscribe or manage preferences",
        html=h("DataSummit 2027"),
        extra=[
            (
                "List-Unsubscribe",
                "<mailto:1ab2c3d4e5@unsub.hubspotemail.net>, <https://hs-1234567.s.hubspotemail.net/hs/manage-preferences/unsubscribe>",
            ),
            ("X-HubSpot-Message-Id", "abc-123"),
        ],
    )
    bulk(
        "campaign_monitor",
        "en",
        "Harbour Arts Council <news@harbourarts.org.au>",
        "December programme",
        "December programme\n\nUnsubscribe: https://harbourarts.createsend1.com/t/y-u-abc",
        extra=[
            ("List-Unsubscribe", "<https://harbourarts.createsend1.com/t/y-u-abc/>"),
            ("X-CMail-Id", "a1b2c3d4e5f6"),
        ],
    )
    bulk(
        "convertkit",
        "en",
        "Priya at Chartsmith <priya@chartsmith.co>",
        "I rebuilt our onboarding in a weekend",
        "Hey friend,\n\nThis weekend I rebuilt our onboarding...\n\nUnsubscribe | Update your profile | 123 Main St",
        extra=[
            ("List-Unsubscribe", "<https://unsubscribe.convertkit-mail2.com/abc123>"),
            ("X-Kit-Broadcast-Id", "98765"),
        ],
        case="personal-sounding creator newsletter (first-person From name)",
    )
    bulk(
        "customer_io",
        "en",
        "Nimbus Team <team@nimbus-hq.com>",
        "Your trial ends in 3 days",
        "Hi there, your Nimbus trial ends in 3 days.\n\nUnsubscribe: https://e.customeriomail.com/unsubscribe/abc",
        extra=[
            ("List-Unsubscribe", "<https://e.customeriomail.com/unsubscribe/abc>"),
            ("X-Cio-Delivery-Id", "dgSv1wQJAAAA"),
        ],
    )
    bulk(
        "intercom_marketing",
        "en",
        "Orbitly <news@orbitly.io>",
        "New in Orbitly: funnels v2",
        "Funnels v2 is here.\n\nUnsubscribe from Orbitly updates",
        extra=[
            ("List-Unsubscribe", "<https://via.intercom.io/o/unsub/abc>"),
            ("X-Intercom-Campaign", "series-442"),
        ],
    )
    # without List-* headers
    bulk(
        "sendgrid_nolist",
        "en",
        "Vertex Webinars <webinars@vertexanalytics-events.com>",
        "You're invited: Q1 forecasting masterclass",
        "Join us live on January 14.\n\nTo stop receiving these emails click here: https://u123.ct.sendgrid.net/wf/unsubscribe?upn=abc\n",
        html=h("Q1 forecasting masterclass"),
        extra=[("X-SG-EID", "abc123"), ("X-SG-ID", "def456")],
        case="marketing mail with no List-* or Precedence header (ESP headers and an unsubscribe link only)",
    )
    bulk(
        "ses_nolist",
        "fr",
        "Salon DataParis <info@salon-dataparis.fr>",
        "Votre badge gratuit pour le Salon DataParis",
        "Obtenez votre badge gratuit.\n\nSe désinscrire : https://salon-dataparis.fr/desinscription",
        extra=[
            ("X-SES-Outgoing", "2026.12.07-54.240.8.1"),
            ("Feedback-ID", "1.eu-west-1.abc=:AmazonSES"),
        ],
        case="marketing mail with no List-* header",
    )
    bulk(
        "inhouse_nolist",
        "en",
        "Granite Supply Co. <marketing@granitesupply.com>",
        "Holiday hours & year-end offers",
        "Dear valued customer,\n\nOur holiday hours and year-end offers are below.\n\nYou are receiving this because you subscribed. Unsubscribe: reply STOP.\n",
        extra=[("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)")],
        case="mass mailing from an in-house mailer, no List-* header",
    )
    bulk(
        "mailerlite",
        "pl",
        "Akademia Danych <newsletter@akademiadanych.pl>",
        "Nowy kurs: SQL dla analityków",
        "Nowy kurs już dostępny.\n\nWypisz się: https://preview.mailerlite.io/unsub",
        extra=[
            ("List-Unsubscribe", "<https://assets.mailerlite.com/unsub/abc>"),
            ("Precedence", "bulk"),
        ],
        charset="iso-8859-2",
    )

    # ------------------------------------------------------------------ no-reply notifications
    nr = [
        (
            "jira",
            "Jira <jira@acme-eng.atlassian.net>",
            "[JIRA] (SALES-204) Update pricing page copy",
            "Oliver Grant updated an issue\n\nSALES-204: Update pricing page copy\nChange By: Oliver Grant\nStatus: In Progress\n",
            [
                ("Auto-Submitted", "auto-generated"),
                ("X-JIRA-FingerPrint", "abc"),
                ("Precedence", "bulk"),
            ],
        ),
        (
            "confluence",
            "Confluence <confluence@acme-eng.atlassian.net>",
            'Lucia Ferraro mentioned you on "Q1 Sales Plan"',
            "Lucia Ferraro mentioned you on a page\n\nQ1 Sales Plan\n\nView page | Stop watching",
            [("Auto-Submitted", "auto-generated")],
        ),
        (
            "github",
            "Rahul Mehta <notifications@github.com>",
            "Re: [example/salesops] Forward parsing for Tuta (PR #412)",
            "@rahul-mehta commented on this pull request.\n\nLooks good.\n\n--\nReply to this email directly, view it on GitHub, or unsubscribe.\nYou are receiving this because you were mentioned.",
            [
                ("Reply-To", "example/salesops <reply+ABCDEF0123@reply.github.com>"),
                ("List-ID", "example/salesops <salesops.example.github.com>"),
                ("X-GitHub-Reason", "mention"),
                ("Precedence", "list"),
            ],
        ),
        (
            "gitlab",
            "GitLab <gitlab@mg.gitlab.com>",
            "crm-web | Pipeline #881274 has failed for main",
            "Pipeline #881274 has failed!\n\nProject: crm-web\nBranch: main\n",
            [
                ("X-GitLab-Project", "crm-web"),
                ("X-GitLab-Pipeline-Id", "881274"),
                ("Auto-Submitted", "auto-generated"),
            ],
        ),
        (
            "slack",
            "Slack <no-reply@slack.com>",
            "[Slack] Notifications from the Example workspace",
            "Hi,\n\nYou have 3 new messages in #deals from Jonas Berg and 2 others.\n\nOpen Slack",
            [("X-Slack-Notification", "digest")],
        ),
        (
            "calendly",
            "Calendly <notifications@calendly.com>",
            "Reminder: 30 Minute Meeting tomorrow",
            'This is a reminder that your meeting "30 Minute Meeting" is tomorrow at 10:00am (Central European Time).\n',
            [],
        ),
        (
            "docusign",
            "DocuSign NA4 System <dse_NA4@docusign.net>",
            "Completed: Please DocuSign: Order Form 2027-014",
            "All parties have completed Please DocuSign: Order Form 2027-014.\n\nDo Not Share This Email\n",
            [("X-DocuSign-Envelope", "1a2b3c")],
        ),
        (
            "stripe",
            "Stripe <notifications@stripe.com>",
            "Your payout of €4,210.00 is on its way",
            "A payout of €4,210.00 is expected to arrive in your bank account on December 9.\n",
            [("X-Stripe-Notification", "payout.paid")],
        ),
        (
            "paypal",
            "service@paypal.de <service@paypal.de>",
            "Sie haben eine Zahlung erhalten",
            "Hallo Example GmbH,\n\nSie haben eine Zahlung über 119,00 EUR erhalten.\n\nDies ist eine automatisch generierte E-Mail. Bitte antworten Sie nicht darauf.\n",
            [],
        ),
        (
            "google_drive",
            "Mei Lin (via Google Drive) <drive-shares-dm-noreply@google.com>",
            'Document shared with you: "Pricing calculator v3"',
            "Mei Lin shared a spreadsheet\n\nPricing calculator v3\n\nOpen\n",
            [("Reply-To", "Mei Lin <mei.lin@example.com>")],
        ),
        (
            "linkedin",
            "LinkedIn <messages-noreply@linkedin.com>",
            "Sara, you appeared in 14 searches this week",
            "You appeared in 14 searches this week.\n\nSee all searches\n\nUnsubscribe",
            [
                ("List-Unsubscribe", "<https://www.linkedin.com/e/v2/unsub>"),
                ("X-LinkedIn-Class", "EMAIL-DEFAULT"),
            ],
        ),
        (
            "zoom",
            "Zoom <no-reply@zoom.us>",
            "Cloud Recording - Weekly pipeline review is now available",
            "Hi Example Sales,\n\nYour cloud recording is now available.\n\nWeekly pipeline review\nDate Time: Dec 7, 2026 09:00 AM\n",
            [],
        ),
        (
            "ms_teams",
            "Microsoft Teams <noreply@email.teams.microsoft.com>",
            "You have been added to a team in Microsoft Teams",
            "Fatima Haddad added you to the team Key Accounts.\n\nOpen Microsoft Teams\n",
            [],
        ),
        (
            "notion",
            "Notion Team <notify@mail.notion.so>",
            "Updates in Deal desk",
            "Haruto Kimura edited Deal desk\n\nOpen in Notion\n",
            [("X-Notion-Id", "abc")],
        ),
        (
            "hubspot_crm",
            "HubSpot <noreply@notifications.hubspot.com>",
            "Task due today: Call back Tidewater Labs",
            "You have 1 task due today.\n\nCall back Tidewater Labs\n",
            [],
        ),
    ]
    for system, frm, subj, text, extra in nr:
        bulk(
            system,
            "en" if system != "paypal" else "de",
            frm,
            subj,
            text,
            extra=extra,
            kind="noreply",
            html=None,
        )

    # ------------------------------------------------------------------ feedback: DMARC aggregate and TLS-RPT
    def xml(org, rid):
        return (
            f'<?xml version="1.0" encoding="UTF-8" ?>\n<feedback>\n  <report_metadata>\n    <org_name>{org}</org_name>\n    <email>noreply-dmarc@{org}</email>\n    <report_id>{rid}</report_id>\n'
            "    <date_range><begin>1796515200</begin><end>1796601599</end></date_range>\n  </report_metadata>\n  <policy_published><domain>example.com</domain><adkim>r</adkim><aspf>r</aspf><p>quarantine</p><pct>100</pct></policy_published>\n"
            "  <record><row><source_ip>198.51.100.10</source_ip><count>42</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>\n"
            "    <identifiers><header_from>example.com</header_from></identifiers><auth_results><dkim><domain>example.com</domain><result>pass</result></dkim><spf><domain>example.com</domain><result>pass</result></spf></auth_results></record>\n</feedback>\n"
        ).encode()

    def gz(data):
        bio = io.BytesIO()
        with gzip.GzipFile(fileobj=bio, mode="wb", mtime=0) as g:
            g.write(data)
        return bio.getvalue()

    def zp(name, data):
        bio = io.BytesIO()
        with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(zipfile.ZipInfo(name, (2026, 12, 7, 0, 0, 0)), data)
        return bio.getvalue()

    for org, frm, fmt in (
        ("yahoo.com", "noreply@dmarc.yahoo.com", "gz"),
        ("mail.ru", "dmarc_support@corp.mail.ru", "zip"),
        ("fastmail.com", "noreply-dmarc@fastmail.com", "gz"),
        ("seznam.cz", "dmarc-noreply@seznam.cz", "xml"),
        ("t-online.de", "noreply-dmarc@t-online.de", "zip"),
    ):
        n = c.next()
        d = when(n, "en")
        rid = f"{n}{org.replace('.', '')}2026"
        fname = f"{org}!example.com!1796515200!1796601599"
        data = xml(org, rid)
        if fmt == "gz":
            part = leaf(
                gz(data),
                "application/gzip",
                None,
                "base64",
                extra=[("Content-Disposition", f'attachment; filename="{fname}.xml.gz"')],
                params=f'; name="{fname}.xml.gz"',
            )
        elif fmt == "zip":
            part = leaf(
                zp(fname + ".xml", data),
                "application/zip",
                None,
                "base64",
                extra=[("Content-Disposition", f'attachment; filename="{fname}.zip"')],
                params=f'; name="{fname}.zip"',
            )
        else:
            part = leaf(
                data,
                "text/xml",
                "utf-8",
                "base64",
                extra=[("Content-Disposition", f'attachment; filename="{fname}.xml"')],
            )
        body = multi(
            "mixed",
            [
                leaf(
                    f"This is an aggregate report from {org}.\n", "text/plain", "us-ascii", "7bit"
                ),
                part,
            ],
            n=n,
        )
        hs = [
            ("Return-Path", f"<{frm}>"),
            ("From", frm),
            ("To", ALIAS),
            ("Subject", f"Report Domain: example.com Submitter: {org} Report-ID: <{rid}>"),
            ("Date", rfc(d)),
            ("Message-ID", mid(n, org)),
        ]
        c.add(
            "feedback",
            f"dmarc_{org.split('.')[0].replace('-', '')}",
            "en",
            message(hs, body, n % 2 == 0),
            n,
            stem=f"dmarc_{org.split('.')[0].replace('-', '')}",
        )
    n = c.next()
    d = when(n, "en")
    js = b'{"organization-name":"Microsoft Corporation","date-range":{"start-datetime":"2026-12-06T00:00:00Z","end-datetime":"2026-12-06T23:59:59Z"},"contact-info":"tlsrpt-noreply@microsoft.com","report-id":"133471234567890123+example.com","policies":[{"policy":{"policy-type":"sts","policy-domain":"example.com"},"summary":{"total-successful-session-count":310,"total-failure-session-count":0}}]}'
    part = leaf(
        gz(js),
        "application/tlsrpt+gzip",
        None,
        "base64",
        extra=[
            (
                "Content-Disposition",
                'attachment; filename="microsoft.com!example.com!1796515200!1796601599.json.gz"',
            )
        ],
    )
    body = multi(
        "report",
        [
            leaf(
                "This is an aggregate TLS report from Microsoft Corporation.\n",
                "text/plain",
                "us-ascii",
                "7bit",
            ),
            part,
        ],
        params='; report-type="tlsrpt"',
        n=n,
    )
    hs = [
        ("Return-Path", "<tlsrpt-noreply@microsoft.com>"),
        ("From", "tlsrpt-noreply@microsoft.com"),
        ("To", ALIAS),
        (
            "Subject",
            "Report Domain: example.com Submitter: microsoft.com Report-ID: <133471234567890123+example.com>",
        ),
        ("TLS-Report-Domain", "example.com"),
        ("TLS-Report-Submitter", "microsoft.com"),
        ("Date", rfc(d)),
        ("Message-ID", mid(n, "microsoft.com")),
    ]
    c.add("feedback", "tlsrpt_microsoft", "en", message(hs, body, True), n, stem="tlsrpt_microsoft")
