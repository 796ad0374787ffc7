# ruff: noqa: E501  (data tables: long header and body strings, kept whole)
"""Robots that must create no task: DSNs, non-standard bounces, auto-replies, help-desk
acknowledgements, challenge-response, feedback reports, receipts, calendar replies, bulk
mail and no-reply notifications (own text, modelled on RFC 3464 / 3834 / 5965 / 8098 / 8460
/ 7489 and public fixtures; task auth)."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import io
import zipfile

from tests.data.mail.gen.h3_forwards import OUT, colleague
from tests.data.mail.gen.h3_langs import LANGS, new_lead
from tests.data.mail.gen.h3_mime import (
    ALIAS,
    R,
    addr,
    alternative,
    enc_words,
    leaf,
    message,
    mid,
    multipart,
    pick_charset,
    rfcdate,
    when,
)


def add(kind: str, client: str, lang: str, name: str, raw: bytes, case: str | None = None) -> None:
    n = len(OUT) + 1
    entry = dict(
        file=f"{kind}/{name}-{n}.eml", kind=kind, client=client, language=lang, ignored=True
    )
    if case:
        entry["case"] = case
    OUT.append((entry["file"], raw, entry))


# --- bounces ---------------------------------------------------------------------------------


def bounced_original(i: int, rcpt: str) -> tuple[bytes, str]:
    col = colleague(i)
    d = when(1, 4)
    subj = R.choice(
        [
            "Following up on your trial",
            "Your quote for the Growth plan",
            "Demo next week?",
            "Re: Pricing question",
            "Angebot Produktanalyse",
        ]
    )
    body = leaf(
        "text/plain",
        f"Hi,\n\njust checking in on your evaluation.\n\nBest,\n{col[0]}\n",
        "utf-8",
        "7bit",
    )
    h = [
        ("From", addr(col[0], col[1])),
        ("Reply-To", ALIAS),
        ("To", rcpt),
        ("Subject", subj),
        ("Date", rfcdate(d)),
        ("Message-ID", mid("example.com")),
    ]
    return message(h, body, crlf=False), subj


def dsn_fields(
    mta: str, rcpt: str, status: str, action: str, diag: str, arrival: dt.datetime
) -> str:
    per_msg = f"Reporting-MTA: dns; {mta}\nArrival-Date: {rfcdate(arrival)}\n"
    if R.random() < 0.5:
        per_msg = (
            f"Reporting-MTA: dns; {mta}\nX-Postfix-Queue-ID: {R.getrandbits(40):010X}\n"
            f"X-Postfix-Sender: rfc822; {ALIAS}\nArrival-Date: {rfcdate(arrival)}\n"
        )
    per_rcpt = (
        f"Final-Recipient: rfc822; {rcpt}\nOriginal-Recipient: rfc822;{rcpt}\nAction: {action}\n"
        f"Status: {status}\n"
    )
    if diag:
        per_rcpt += f"Remote-MTA: dns; mx.{rcpt.split('@')[1]}\nDiagnostic-Code: smtp; {diag}\n"
    if action == "delayed":
        per_rcpt += f"Will-Retry-Until: {rfcdate(arrival + dt.timedelta(days=5))}\n"
    return per_msg + "\n" + per_rcpt


def dsn(
    i: int,
    client: str,
    lang: str,
    from_hdr: str | None,
    subject: str,
    human: str,
    mta: str,
    status: str = "5.1.1",
    action: str = "failed",
    diag: str = "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown",
    headers_only: bool = False,
    return_path: str | None = "<>",
    extra: list | None = None,
    html_human: str | None = None,
    charset: str = "utf-8",
    case: str | None = None,
    nul: bool = False,
) -> None:
    rcpt_name, rcpt = new_lead(R.choice(["en", "de", "fr", "es", "nl"]), i)
    orig, osubj = bounced_original(i, rcpt)
    arrival = when(4, 7)
    human = human.format(rcpt=rcpt, mta=mta, subject=osubj)
    parts = [
        alternative(
            human, html_human.format(rcpt=rcpt, subject=osubj) if html_human else None, charset
        )
    ]
    fields = dsn_fields(mta, rcpt, status, action, diag.format(rcpt=rcpt) if diag else "", arrival)
    parts.append(("Content-Type: message/delivery-status\n\n" + fields).encode())
    if headers_only:
        hdrs = orig.split(b"\n\n", 1)[0] + b"\n"
        parts.append(b"Content-Type: text/rfc822-headers\n\n" + hdrs)
    else:
        if nul:
            orig = orig.replace(b"just checking", b"just\x00checking")
        parts.append(b"Content-Type: message/rfc822\n\n" + orig)
    entity = multipart(
        "report",
        parts,
        "; report-type=delivery-status",
        preamble="This is a MIME-encapsulated message.\n",
    )
    h = [
        ("Return-Path", return_path),
        ("From", from_hdr),
        ("To", ALIAS),
        ("Subject", enc_words(subject.format(subject=osubj), charset)),
        ("Date", rfcdate(arrival)),
        ("Message-ID", mid(mta)),
        ("Auto-Submitted", "auto-replied" if R.random() < 0.6 else None),
    ]
    h += extra or []
    add("bounce", client, lang, client, message(h, entity), case)


def text_bounce(
    i: int,
    client: str,
    lang: str,
    from_hdr: str | None,
    subject: str,
    body: str,
    return_path: str | None = "<>",
    extra: list | None = None,
    charset: str = "utf-8",
    case: str | None = None,
    garbage: bool = False,
) -> None:
    rcpt_name, rcpt = new_lead(R.choice(["en", "it", "pt", "pl"]), i)
    orig, osubj = bounced_original(i, rcpt)
    text = body.format(rcpt=rcpt, subject=osubj) + "\n" + orig.decode()
    entity = leaf("text/plain", text, charset, "8bit" if not text.isascii() else "7bit")
    if garbage:
        entity = entity.replace(b"just checking", b"just \xff\xfe\x00\x92checking")
    h = [
        ("Return-Path", return_path),
        ("From", from_hdr),
        ("To", ALIAS),
        ("Subject", enc_words(subject.format(subject=osubj, rcpt=rcpt), charset)),
        ("Date", rfcdate(when(4, 7))),
        ("Message-ID", mid("bounce.invalid")),
    ] + (extra or [])
    add("bounce", client, lang, client, message(h, entity), case)


EXCHANGE = {
    "en": (
        "Undeliverable: ",
        "Your message to {rcpt} couldn't be delivered.\n\n{rcpt} wasn't found at "
        "the destination domain. It might be misspelled or it might not exist.\n\nAction Required\n"
        "Check the recipient's address and try again.",
    ),
    "de": (
        "Unzustellbar: ",
        "Ihre Nachricht an {rcpt} konnte nicht zugestellt werden.\n\n{rcpt} wurde "
        "in der Zieldomäne nicht gefunden. Möglicherweise ist die Adresse falsch geschrieben oder existiert nicht.",
    ),
    "fr": (
        "Non remis : ",
        "Votre message à {rcpt} n'a pas pu être remis.\n\n{rcpt} est introuvable dans "
        "le domaine de destination. L'adresse est peut-être mal orthographiée ou n'existe pas.",
    ),
    "es": (
        "No se puede entregar: ",
        "No se pudo entregar el mensaje a {rcpt}.\n\nNo se encontró {rcpt} en "
        "el dominio de destino. Puede que esté mal escrita o que no exista.",
    ),
    "it": (
        "Non recapitabile: ",
        "Impossibile recapitare il messaggio a {rcpt}.\n\n{rcpt} non è stato "
        "trovato nel dominio di destinazione.",
    ),
    "nl": (
        "Onbestelbaar: ",
        "Uw bericht aan {rcpt} kan niet worden bezorgd.\n\n{rcpt} is niet gevonden "
        "in het doeldomein.",
    ),
    "pl": (
        "Niedostarczalne: ",
        "Nie można dostarczyć wiadomości do {rcpt}.\n\nNie znaleziono adresu "
        "{rcpt} w domenie docelowej.",
    ),
    "pt": (
        "Não é possível entregar: ",
        "Não foi possível entregar a sua mensagem a {rcpt}.\n\n"
        "{rcpt} não foi encontrado no domínio de destino.",
    ),
    "sv": (
        "Kan inte levereras: ",
        "Det gick inte att leverera meddelandet till {rcpt}.\n\n{rcpt} hittades inte i måldomänen.",
    ),
    "ja": (
        "配信不能: ",
        "{rcpt} にメッセージを配信できませんでした。\n\n宛先ドメインで {rcpt} が見つかりませんでした。"
        "アドレスの入力を誤ったか、存在しない可能性があります。",
    ),
    "fi": (
        "Ei voitu toimittaa: ",
        "Viestiäsi vastaanottajalle {rcpt} ei voitu toimittaa.\n\n"
        "Osoitetta {rcpt} ei löytynyt kohdetoimialueesta.",
    ),
    "da": (
        "Ikke til at levere: ",
        "Din meddelelse til {rcpt} kunne ikke leveres.\n\n{rcpt} blev ikke "
        "fundet på destinationsdomænet.",
    ),
}


def build_bounces() -> None:
    i = 600

    def nxt() -> int:
        nonlocal i
        i += 1
        return i

    pf = (
        "This is the mail system at host {mta}.\n\nYour message could not be delivered to one or more "
        "recipients.\nThe attached copy shows which message it was.\n\nFor further assistance, please send "
        "mail to postmaster.\n\n                   The mail system\n\n<{rcpt}>: host mx.example.org said: 550 "
        "5.1.1 user unknown (in reply to RCPT TO command)\n"
    )
    dsn(
        nxt(),
        "postfix",
        "en",
        "MAILER-DAEMON@mx1.hostingco.net (Mail Delivery System)",
        "Undelivered Mail Returned to Sender",
        pf,
        "mx1.hostingco.net",
    )
    dsn(
        nxt(),
        "postfix-delay",
        "en",
        "MAILER-DAEMON@relay.hostingco.net (Mail Delivery System)",
        "Delayed Mail (still being retried)",
        "This is the mail system at host {mta}.\n\n####################################################\n"
        "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
        "####################################################\n\nYour message could not be delivered for "
        "4.0 hours.\nIt will be retried until it is 5.0 days old.\n",
        "relay.hostingco.net",
        status="4.4.1",
        action="delayed",
        diag="421 4.4.1 connection timed out",
        headers_only=True,
    )
    dsn(
        nxt(),
        "postfix",
        "en",
        "MAILER-DAEMON@mail.smallbiz-hosting.eu (Mail Delivery System)",
        "Undelivered Mail Returned to Sender",
        pf,
        "mail.smallbiz-hosting.eu",
        nul=True,
        case="original part carries a NUL byte",
    )
    dsn(
        nxt(),
        "postfix-quota",
        "en",
        "MAILER-DAEMON@lmtp.mailhost.io (Mail Delivery System)",
        "Undelivered Mail Returned to Sender",
        pf.replace("user unknown", "mailbox full"),
        "lmtp.mailhost.io",
        status="5.2.2",
        diag="552 5.2.2 Mailbox over quota",
    )
    text_bounce(
        nxt(),
        "exim",
        "en",
        "Mail Delivery System <Mailer-Daemon@cpanel42.webhost.net>",
        "Mail delivery failed: returning message to sender",
        "This message was created automatically by mail delivery software.\n\nA message that you "
        "sent could not be delivered to one or more of its\nrecipients. This is a permanent error. "
        "The following address(es) failed:\n\n  {rcpt}\n    host mx.example.org [198.51.100.7]\n"
        "    SMTP error from remote mail server after RCPT TO:<{rcpt}>:\n    550 No such user here\n\n"
        "------ This is a copy of the message, including all the headers. ------\n",
        extra=[("X-Failed-Recipients", "see body"), ("Auto-Submitted", "auto-replied")],
    )
    text_bounce(
        nxt(),
        "exim-garbage",
        "en",
        "Mail Delivery System <Mailer-Daemon@vps.oldhost.org>",
        "Mail delivery failed: returning message to sender",
        "This message was created automatically by mail delivery software.\n\nA message that you "
        "sent could not be delivered to one or more of its recipients.\n\n  {rcpt}\n    Unrouteable "
        "address\n\n------ This is a copy of the message, including all the headers. ------\n",
        garbage=True,
        case="8-bit garbage and a NUL in the returned copy",
    )
    dsn(
        nxt(),
        "sendmail",
        "en",
        "Mail Delivery Subsystem <MAILER-DAEMON@smtp.univ-example.edu>",
        "Returned mail: see transcript for details",
        "The original message was received at {mta}\nfrom localhost [127.0.0.1]\n\n   ----- The following "
        "addresses had permanent fatal errors -----\n<{rcpt}>\n    (reason: 550 5.1.1 User unknown)\n\n"
        "   ----- Transcript of session follows -----\n... while talking to mx.example.org.:\n>>> RCPT "
        "To:<{rcpt}>\n<<< 550 5.1.1 User unknown\n550 5.1.1 <{rcpt}>... User unknown\n",
        "smtp.univ-example.edu",
    )
    for lang, (pre, text) in EXCHANGE.items():
        tenant = R.choice(["contoso-gmbh", "fabrikam", "northwind-sa", "tailspin"])
        dsn(
            nxt(),
            "exchange-online",
            lang,
            R.choice(
                [
                    f"postmaster@{tenant}.onmicrosoft.com",
                    f"Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{tenant}.onmicrosoft.com>",
                    "postmaster@outlook.com",
                ]
            ),
            pre + "{subject}",
            text + "\n\nDiagnostic information for administrators:\n\nGenerating server: "
            "AM9PR01MB1234.eurprd01.prod.exchangelabs.com\n\n{rcpt}\nRemote server returned '550 5.1.10 "
            "RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n",
            "AM9PR01MB1234.eurprd01.prod.exchangelabs.com",
            status="5.1.10",
            diag="550 5.1.10 RESOLVER.ADR.RecipientNotFound",
            html_human="<html><body><p>" + text.replace("\n", "<br>") + "</p></body></html>",
            extra=[("X-MS-Exchange-Message-Is-Ndr", ""), ("Content-Language", lang)],
            return_path=R.choice(["<>", None]),
        )
    dsn(
        nxt(),
        "exchange-onprem",
        "en",
        "postmaster@mail.legacy-corp.com",
        "Delivery Status Notification (Failure)",
        "Delivery has failed to these recipients or groups:\n\n{rcpt}\nThe e-mail address you entered "
        "couldn't be found.\n",
        "EXCH01.legacy-corp.local",
        headers_only=True,
    )
    dsn(
        nxt(),
        "gmail",
        "en",
        "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        "Delivery Status Notification (Failure)",
        "** Address not found **\n\nYour message wasn't delivered to {rcpt} because the address couldn't be "
        "found, or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 The email "
        "account that you tried to reach does not exist.\n",
        "mx.google.com",
        return_path="<>",
    )
    dsn(
        nxt(),
        "gmail-delay",
        "en",
        "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        "Delivery Status Notification (Delay)",
        "** Message not delivered yet **\n\nThere was a temporary problem delivering your message to {rcpt}. "
        "Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.\n",
        "mx.google.com",
        status="4.7.0",
        action="delayed",
        diag="421 4.7.0 Try again later",
    )
    text_bounce(
        nxt(),
        "yahoo",
        "en",
        "MAILER-DAEMON@yahoo.com",
        "Failure Notice",
        "Sorry, we were unable to deliver your message to the following address.\n\n<{rcpt}>:\n"
        "Remote host said: 554 delivery error: dd This user doesn't have an account [RCPT_TO]\n\n"
        "--- Below this line is a copy of the message.\n\n",
    )
    text_bounce(
        nxt(),
        "qmail",
        "en",
        "MAILER-DAEMON@mail.qmailhost.net",
        "failure notice",
        "Hi. This is the qmail-send program at mail.qmailhost.net.\nI'm afraid I wasn't able to deliver "
        "your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it "
        "didn't work out.\n\n<{rcpt}>:\n198.51.100.20 does not like recipient.\nRemote host said: 550 "
        "unknown user\n\n--- Below this line is a copy of the message.\n\n",
    )
    dsn(
        nxt(),
        "zimbra",
        "en",
        "MAILER-DAEMON@zimbra.stateagency.gov (Mail Delivery System)",
        "Undelivered Mail Returned to Sender",
        pf,
        "zimbra.stateagency.gov",
    )
    dsn(
        nxt(),
        "ses",
        "en",
        "MAILER-DAEMON@amazonses.com",
        "Delivery Status Notification (Failure)",
        "An error occurred while trying to deliver the mail to the following recipients:\n{rcpt}\n",
        "a8-12.smtp-out.amazonses.com",
        headers_only=True,
        extra=[("X-SES-Outgoing", "2026.12.05-54.240.8.12")],
    )
    # SES bounce notification via SNS e-mail (JSON body, no DSN structure)
    rn, rc = new_lead("en", nxt())
    body = (
        '{"notificationType":"Bounce","bounce":{"feedbackId":"0100018c-'
        + R.randbytes(6).hex()
        + '","bounceType":"Permanent","bounceSubType":"General","bouncedRecipients":[{"emailAddress":"'
        + rc
        + '","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],'
        '"timestamp":"2026-12-06T10:11:12.000Z","reportingMTA":"dsn; a8-12.smtp-out.amazonses.com"},'
        '"mail":{"source":"'
        + ALIAS
        + '","destination":["'
        + rc
        + '"]}}\n\n--\nIf you wish to stop '
        "receiving notifications from this topic, please click or visit the link below to unsubscribe:\n"
        "https://sns.eu-west-1.amazonaws.com/unsubscribe.html?SubscriptionArn=arn:aws:sns:eu-west-1:1234\n"
    )
    add(
        "bounce",
        "ses-sns",
        "en",
        "ses-sns",
        message(
            [
                ("From", "AWS Notifications <no-reply@sns.amazonaws.com>"),
                ("To", ALIAS),
                ("Subject", "AWS Notification Message"),
                ("Date", rfcdate(when())),
                ("Message-ID", mid("email.amazonses.com")),
                ("x-amz-sns-message-type", "Notification"),
            ],
            leaf("text/plain", body, "utf-8", "7bit"),
        ),
        "SES bounce notification delivered by SNS e-mail",
    )
    for client, host in [
        ("sendgrid", "o1.ptr4211.mail.sendgrid.net"),
        ("mailgun", "mxa.mailgun.org"),
        ("postmark", "pm-bounces.postmarkapp.com"),
    ]:
        dsn(
            nxt(),
            client,
            "en",
            f"Mail Delivery Subsystem <MAILER-DAEMON@{host}>",
            "Undelivered Mail Returned to Sender",
            pf,
            host,
            return_path="<>",
        )
    text_bounce(
        nxt(),
        "mimecast",
        "en",
        "Mimecast Notification <postmaster@eu-smtp-1.mimecast.com>",
        "Message rejected: {subject}",
        "Your message couldn't be delivered to {rcpt}.\n\nThe recipient's email security policy "
        "rejected it.\nReason: 550 Rejected by header based Anti-Spoofing policy\n\nIf you believe "
        "this is in error, contact the recipient by other means.\n\nOriginal message headers:\n",
        return_path="<>",
        case="non-standard bounce (security gateway)",
    )
    dsn(
        nxt(),
        "proofpoint",
        "en",
        "MAILER-DAEMON@mx0b-00211.pphosted.com (Mail Delivery System)",
        "Undelivered Mail Returned to Sender",
        pf,
        "mx0b-00211.pphosted.com",
    )
    text_bounce(
        nxt(),
        "barracuda",
        "en",
        "Barracuda Message Center <mailer-daemon@bsf01.customer-net.com>",
        "Message delivery notification: {subject}",
        "** This is an automatically generated message **\n\nYour message to {rcpt} was blocked by "
        "the recipient's email firewall (policy: invalid recipient).\n\nOriginal message follows:\n",
        case="non-standard bounce (security gateway)",
    )
    text_bounce(
        nxt(),
        "domino",
        "en",
        "Postmaster@ibm-legacy.example.net",
        "DELIVERY FAILURE: User {rcpt} not listed in Domino Directory",
        "Your message\n\n  Subject: {subject}\n\nwas not delivered to:\n\n  {rcpt}\n\nbecause:\n\n  "
        "User {rcpt} not listed in Domino Directory\n\n",
        return_path="<>",
    )
    text_bounce(
        nxt(),
        "groupwise",
        "en",
        "MAILER-DAEMON@gwia.county-office.org",
        "Message status - undeliverable",
        "The message that you sent was undeliverable to the following:\n\t{rcpt} (user unknown)\n\n"
        "Possibly truncated original message follows:\n",
        return_path="<>",
    )
    dsn(
        nxt(),
        "yandex",
        "ru",
        "mailer-daemon@yandex.ru",
        "Недоставленное сообщение",
        "Это письмо создано автоматически сервером Яндекс.Почты.\n\nВаше письмо не было доставлено по адресу "
        "{rcpt}: такого адреса не существует.\n\nThis message was created automatically. Your message to "
        "{rcpt} was not delivered: the address does not exist.\n",
        "forward102.mail.yandex.net",
    )
    text_bounce(
        nxt(),
        "mailru",
        "ru",
        "Mail Delivery System <mailer-daemon@corp.mail.ru>",
        "Не удалось доставить письмо",
        "Сообщение не удалось доставить одному или нескольким получателям.\n\n  {rcpt}\n    "
        "SMTP error: 550 Message was not accepted -- invalid mailbox\n\n---- Копия исходного письма ----\n",
        case="localised text bounce",
    )
    text_bounce(
        nxt(),
        "gmx",
        "de",
        '"Mail Delivery System" <mailer-daemon@gmx.net>',
        "Mail delivery failed: returning message to sender",
        "Diese Nachricht wurde automatisch vom Mailsystem erzeugt.\n\nIhre Nachricht konnte an folgende "
        "Empfänger nicht zugestellt werden:\n\n  {rcpt}\n    550 Requested action not taken: mailbox "
        "unavailable\n\n--- Kopie der Nachricht mit allen Kopfzeilen ---\n",
        charset="iso-8859-1",
    )
    dsn(
        nxt(),
        "orange",
        "fr",
        "MAILER-DAEMON@smtp.orange.fr (Mail Delivery System)",
        "Message non remis : {subject}",
        "Ceci est le système de messagerie de {mta}.\n\nVotre message n'a pas pu être remis à {rcpt} : "
        "adresse inconnue.\n",
        "smtp.orange.fr",
        charset="iso-8859-1",
    )
    text_bounce(
        nxt(),
        "mailer-daemon-bare",
        "en",
        "MAILER-DAEMON",
        "Returned mail: User unknown",
        "----- The following addresses had permanent fatal errors -----\n{rcpt}\n\n",
        return_path="<>",
        case="From: a bare MAILER-DAEMON",
    )
    text_bounce(
        nxt(),
        "mailer-daemon-unqualified",
        "en",
        "<MAILER-DAEMON>",
        "Undeliverable mail",
        "Delivery to {rcpt} failed permanently: no such user.\n\n",
        return_path="<MAILER-DAEMON>",
        case="unqualified <MAILER-DAEMON> sender",
    )
    text_bounce(
        nxt(),
        "mailer-daemon-null",
        "en",
        "Mail Delivery System <>",
        "Delivery failure",
        "The following message could not be delivered to {rcpt}: host not found.\n\n",
        return_path="<>",
        case="From: <> (null address)",
    )
    dsn(
        nxt(),
        "success-dsn",
        "en",
        "Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>",
        "Delivery Status Notification (Success)",
        "This is an automatically generated Delivery Status Notification.\n\nYour message has been "
        "successfully relayed to the following recipients, but the requested delivery status "
        "notifications may not be generated by the destination.\n\n    {rcpt}\n",
        "relay.example.net",
        status="2.0.0",
        action="relayed",
        diag="",
        headers_only=True,
    )
    text_bounce(
        nxt(),
        "hmailserver",
        "en",
        "mailer-daemon@mail.smallshop.biz",
        "Message undeliverable: {subject}",
        "Your message did not reach some or all of the intended recipients.\n\n   Sent: "
        "Fri, 04 Dec 2026 10:12:00 +0100\n   Subject: {subject}\n\nThe following recipient(s) could "
        "not be reached:\n\n{rcpt}\n   Error Type: SMTP\n   Remote server (198.51.100.9) issued an "
        "error.\n   hMailServer sent: RCPT TO:<{rcpt}>\n   Remote server replied: 550 No such user\n\n",
    )
    text_bounce(
        nxt(),
        "jp-isp",
        "ja",
        "Mail Delivery Subsystem <MAILER-DAEMON@mta.isp-example.ne.jp>",
        "Returned mail: User unknown",
        "宛先のメールアドレスが見つからないため、メールを配送できませんでした。\n\n   ----- The following "
        "addresses had permanent fatal errors -----\n<{rcpt}>\n\n",
        charset="iso-2022-jp",
        case="Japanese ISP text bounce in ISO-2022-JP",
    )


# --- auto-replies ----------------------------------------------------------------------------

OOO = {
    "en": (
        "Automatic reply: ",
        "Out of Office",
        "Thank you for your email. I am out of the office until 4 January with limited access to email. For urgent matters please contact my colleague.",
    ),
    "de": (
        "Automatische Antwort: ",
        "Abwesenheitsnotiz",
        "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 4. Januar nicht im Büro und habe keinen Zugriff auf meine E-Mails. In dringenden Fällen wenden Sie sich bitte an meine Kollegin.",
    ),
    "fr": (
        "Réponse automatique : ",
        "Absence du bureau",
        "Bonjour, je suis absente jusqu'au 4 janvier inclus. Je traiterai votre message à mon retour. Pour toute urgence, merci de contacter l'accueil.",
    ),
    "es": (
        "Respuesta automática: ",
        "Fuera de la oficina",
        "Gracias por su mensaje. Estaré fuera de la oficina hasta el 4 de enero. Responderé a su correo a mi regreso.",
    ),
    "pt": (
        "Resposta automática: ",
        "Ausência",
        "Obrigado pelo seu e-mail. Estarei ausente até 4 de janeiro, com acesso limitado ao correio eletrónico.",
    ),
    "it": (
        "Risposta automatica: ",
        "Fuori sede",
        "Grazie per il messaggio. Sarò fuori ufficio fino al 4 gennaio. Per urgenze contattare l'ufficio commerciale.",
    ),
    "nl": (
        "Automatisch antwoord: ",
        "Afwezig",
        "Bedankt voor je bericht. Ik ben afwezig tot en met 4 januari en lees mijn e-mail beperkt.",
    ),
    "pl": (
        "Odpowiedź automatyczna: ",
        "Poza biurem",
        "Dziękuję za wiadomość. Jestem poza biurem do 4 stycznia. W pilnych sprawach proszę o kontakt z biurem.",
    ),
    "cs": (
        "Automatická odpověď: ",
        "Mimo kancelář",
        "Děkuji za Váš e-mail. Do 4. ledna jsem mimo kancelář a e-maily čtu jen omezeně.",
    ),
    "sk": (
        "Automatická odpoveď: ",
        "Mimo kancelárie",
        "Ďakujem za správu. Do 4. januára som mimo kancelárie.",
    ),
    "sl": ("Samodejni odgovor: ", "Odsotnost", "Hvala za sporočilo. Do 4. januarja sem odsotna."),
    "hr": (
        "Automatski odgovor: ",
        "Izvan ureda",
        "Hvala na poruci. Izvan ureda sam do 4. siječnja.",
    ),
    "hu": (
        "Automatikus válasz: ",
        "Házon kívül",
        "Köszönöm levelét. Január 4-ig szabadságon vagyok, leveleimet korlátozottan olvasom.",
    ),
    "ro": (
        "Răspuns automat: ",
        "În afara biroului",
        "Vă mulțumesc pentru mesaj. Sunt în concediu până pe 4 ianuarie.",
    ),
    "bg": ("Автоматичен отговор: ", "Извън офиса", "Благодаря за писмото. Отсъствам до 4 януари."),
    "el": (
        "Αυτόματη απάντηση: ",
        "Εκτός γραφείου",
        "Σας ευχαριστώ για το μήνυμά σας. Θα λείπω από το γραφείο έως τις 4 Ιανουαρίου.",
    ),
    "fi": (
        "Automaattinen vastaus: ",
        "Poissa toimistolta",
        "Kiitos viestistäsi. Olen lomalla 4.1. asti enkä lue sähköpostiani.",
    ),
    "sv": (
        "Automatiskt svar: ",
        "Frånvaro",
        "Tack för ditt mejl. Jag är på semester till och med 4 januari.",
    ),
    "da": (
        "Automatisk svar: ",
        "Fravær",
        "Tak for din mail. Jeg holder ferie til og med 4. januar.",
    ),
    "et": (
        "Automaatvastus: ",
        "Kontorist eemal",
        "Aitäh kirja eest. Olen puhkusel kuni 4. jaanuarini.",
    ),
    "lv": (
        "Automātiskā atbilde: ",
        "Ārpus biroja",
        "Paldies par vēstuli. Līdz 4. janvārim esmu atvaļinājumā.",
    ),
    "lt": (
        "Automatinis atsakymas: ",
        "Ne biure",
        "Ačiū už laišką. Iki sausio 4 d. esu atostogose.",
    ),
    "mt": (
        "Tweġiba awtomatika: ",
        "Barra mill-uffiċċju",
        "Grazzi tal-email. Jien barra mill-uffiċċju sal-4 ta' Jannar.",
    ),
    "ga": (
        "Freagra uathoibríoch: ",
        "As an oifig",
        "Go raibh maith agat as do ríomhphost. Beidh mé as an oifig go dtí an 4 Eanáir.",
    ),
    "ja": (
        "自動応答: ",
        "不在のお知らせ",
        "メールありがとうございます。1月4日まで不在にしております。戻り次第ご連絡いたします。",
    ),
    "zh": ("自动回复: ", "休假通知", "您好，我将休假至1月4日，期间无法及时回复邮件。"),
    "ko": ("자동 회신: ", "부재중 안내", "메일 감사합니다. 1월 4일까지 휴가 중입니다."),
    "ru": (
        "Автоматический ответ: ",
        "Нет на месте",
        "Спасибо за письмо. Я в отпуске до 4 января, доступ к почте ограничен.",
    ),
    "uk": ("Автоматична відповідь: ", "Поза офісом", "Дякую за лист. Я у відпустці до 4 січня."),
    "tr": (
        "Otomatik yanıt: ",
        "Ofis dışında",
        "E-postanız için teşekkürler. 4 Ocak'a kadar ofis dışındayım.",
    ),
    "no": ("Automatisk svar: ", "Fravær", "Takk for e-posten. Jeg er på ferie til 4. januar."),
    "ca": (
        "Resposta automàtica: ",
        "Fora de l'oficina",
        "Gràcies pel missatge. Sóc fora de l'oficina fins al 4 de gener.",
    ),
    "is": ("Sjálfvirkt svar: ", "Fjarverandi", "Takk fyrir póstinn. Ég er í fríi til 4. janúar."),
}


def autoreply(code: str, i: int, variant: str) -> None:
    pre, oof_subject, text = OOO[code]
    name, email = new_lead(code, i)
    lang = LANGS[code]
    orig_subject = R.choice(
        ["Following up on your trial", "Your quote", "Invitation: product demo"]
    )
    h: list = [("Return-Path", "<>" if variant in ("rfc3834", "exchange") else f"<{email}>")]
    subject = pre + orig_subject
    if variant == "rfc3834":
        h.append(
            ("Auto-Submitted", "auto-replied (vacation)" if R.random() < 0.5 else "auto-replied")
        )
    elif variant == "exchange":
        h += [
            ("Auto-Submitted", "auto-generated"),
            ("X-Auto-Response-Suppress", "All"),
            ("X-MS-Exchange-Inbox-Rules-Loop", email),
            ("X-MS-Exchange-Transport-CrossTenantHeadersStamped", "AM0PR01MB9999"),
        ]
    elif variant == "xautoreply":
        h += [("X-Autoreply", "yes"), ("X-Autorespond", "yes"), ("Precedence", "auto_reply")]
        subject = R.choice([oof_subject, pre + orig_subject])
    elif variant == "gmail_vacation":
        h.append(("Auto-Submitted", "auto-replied"))
        subject = oof_subject
    elif variant == "precedence":
        h.append(("Precedence", R.choice(["bulk", "junk"])))
        subject = oof_subject + ": " + orig_subject
    elif variant == "body_only":
        subject = pre + orig_subject
    elif variant == "body_only_plain_subject":
        subject = oof_subject
    elif variant == "body_only_re":
        subject = "Re: " + orig_subject
    charset = pick_charset(text + name + subject, lang.charsets)
    body = text + "\n\n" + name + "\n"
    entity = (
        leaf("text/plain", body, charset)
        if R.random() < 0.6
        else alternative(
            body, "<html><body><p>" + body.replace("\n", "<br>") + "</p></body></html>", charset
        )
    )
    h += [
        ("From", addr(name, email, charset)),
        ("To", ALIAS),
        ("Subject", enc_words(subject, charset)),
        ("Date", rfcdate(when())),
        ("Message-ID", mid(email.split("@")[1])),
        ("In-Reply-To", mid("example.com")),
    ]
    case = {
        "body_only": "no auto-reply header, localised subject prefix only",
        "body_only_plain_subject": "no auto-reply header, out-of-office subject only",
        "body_only_re": "no auto-reply header and a 'Re:' subject: only the body says out of office",
    }.get(variant)
    add("autoreply", f"autoreply-{variant}", code, f"{code}-{variant}", message(h, entity), case)


def helpdesk(i: int, which: str) -> None:
    d = when()
    if which == "zendesk":
        frm, subj = (
            "Acme Support <support@acme-help.zendesk.com>",
            "[Acme Support] Re: Following up on your trial",
        )
        body = (
            "##- Please type your reply above this line -##\n\nYour request (48213) has been received and "
            "is being reviewed by our support staff.\n\nTo add additional comments, reply to this email.\n"
        )
        h = [
            ("X-Mailer", "Zendesk Mailer"),
            ("Auto-Submitted", "auto-generated"),
            ("X-Zendesk-From-Account-Id", "9a1c2"),
        ]
    elif which == "freshdesk":
        frm, subj = (
            "Northwind Help Desk <help@northwind-traders.freshdesk.com>",
            "Ticket Received - Your quote",
        )
        body = (
            "Dear customer,\n\nWe would like to acknowledge that we have received your request and a ticket "
            "has been created.\nA support representative will be reviewing your request and will send you "
            "a personal response (usually within 24 hours).\n\nTicket #88121\n"
        )
        h = [("X-Freshdesk-Ticket-Id", "88121")]
    elif which == "jira":
        frm, subj = "Service Desk <jira@globex.atlassian.net>", "[JIRA] (SD-4411) Demo next week?"
        body = "We've received your request SD-4411. Our team will get back to you shortly.\n\nView request: https://globex.atlassian.net/servicedesk/customer/portal/2/SD-4411\n"
        h = [("Auto-Submitted", "auto-generated"), ("X-JIRA-FingerPrint", R.randbytes(16).hex())]
    elif which == "helpscout":
        frm, subj = (
            "Initech Support <support@initech.example>",
            "Re: Your quote for the Growth plan",
        )
        body = (
            "Hi there,\n\nThanks for getting in touch! This is a quick note to let you know we've received "
            "your message and we'll reply as soon as we can – usually within one business day.\n\n"
            "In the meantime our help centre may have the answer: https://docs.initech.example\n\nThe Initech team\n"
        )
        h = [("X-Helpscout-Id", str(R.randint(10**8, 10**9)))]
    elif which == "osticket":
        frm, subj = (
            '"Umbrella IT Support" <it-support@umbrella-corp.example>',
            "Support Ticket Opened [#702931]",
        )
        body = (
            "Dear Sales,\n\nA request for support has been created and assigned #702931. A representative "
            "will follow-up with you as soon as possible.\n\nIf you wish to provide additional comments "
            "regarding this issue, please reply to this email.\n"
        )
        h = [("Precedence", "auto_reply")]
    else:  # servicenow, German
        frm, subj = (
            "Servicedesk <servicedesk@stadtwerke-beispiel.de>",
            "Vorfall INC0031207 wurde für Sie eröffnet",
        )
        body = (
            "Sehr geehrte Damen und Herren,\n\nIhre Anfrage wurde unter der Nummer INC0031207 erfasst. "
            "Wir melden uns schnellstmöglich bei Ihnen.\n\nDies ist eine automatisch erzeugte Nachricht.\n"
        )
        h = [("X-ServiceNow-Generated", "true")]
    hdr = [
        (
            "Return-Path",
            "<bounces+" + str(R.randint(1000, 9999)) + "@" + frm.split("@")[1].rstrip(">") + ">",
        ),
        ("From", frm),
        ("To", ALIAS),
        ("Subject", enc_words(subj)),
        ("Date", rfcdate(d)),
        ("Message-ID", mid(frm.split("@")[1].rstrip(">"))),
    ] + h
    add(
        "autoreply",
        f"helpdesk-{which}",
        "de" if which == "servicenow" else "en",
        f"helpdesk-{which}",
        message(hdr, leaf("text/plain", body, "utf-8")),
        "help-desk acknowledgement",
    )


def challenge(i: int, which: str) -> None:
    name, email = new_lead("en", i)
    if which == "boxbe":
        frm = f'"{name} via Boxbe" <notification@boxbe.com>'
        subj = "Request to join my Guest List: Following up on your trial"
        body = (
            f"Hello,\n\nYour message to {name} is waiting for delivery. {name.split()[0]} uses Boxbe to "
            "screen mail from new senders. Please click the link below to be added to the guest list:\n\n"
            "https://www.boxbe.com/anno?tc=12345_67890\n"
        )
        h = [("Auto-Submitted", "auto-replied")]
    elif which == "spamarrest":
        frm = f"{name} <{email}>"
        subj = "Please verify your email address (Re: Your quote)"
        body = (
            "I protect myself from spam with a sender verification system.\nTo get your message "
            "delivered, please click the verification link below. You only need to do this once.\n\n"
            "https://verify.spam-arrest-example.com/v?id=8812ab\n"
        )
        h = [("X-Challenge", "verification")]
    else:
        frm = "Mailbox Protection <verify@mailguard-example.net>"
        subj = "Action required: confirm you are a human sender"
        body = (
            "Your email was held because the recipient only accepts mail from approved senders.\n"
            "Reply to this message or open https://mailguard-example.net/c/Z91 to release it.\n"
        )
        h = [("Precedence", "junk")]
    hdr = [
        ("Return-Path", "<>"),
        ("From", frm),
        ("To", ALIAS),
        ("Subject", subj),
        ("Date", rfcdate(when())),
        ("Message-ID", mid("challenge.example")),
    ] + h
    add(
        "autoreply",
        f"challenge-{which}",
        "en",
        f"challenge-{which}",
        message(hdr, leaf("text/plain", body, "utf-8")),
        "challenge-response filter",
    )


def build_autoreplies() -> None:
    i = 700
    variants = [
        "exchange",
        "rfc3834",
        "xautoreply",
        "gmail_vacation",
        "precedence",
        "exchange",
        "rfc3834",
    ]
    for k, code in enumerate(OOO):
        i += 1
        autoreply(code, i, variants[k % len(variants)])
    for code, variant in [
        ("en", "body_only"),
        ("de", "body_only"),
        ("fr", "body_only_plain_subject"),
        ("es", "body_only_plain_subject"),
        ("en", "body_only_re"),
        ("it", "body_only_re"),
        ("nl", "body_only_re"),
        ("ja", "body_only"),
    ]:
        i += 1
        autoreply(code, i, variant)
    for which in ["zendesk", "freshdesk", "jira", "helpscout", "osticket", "servicenow"]:
        i += 1
        helpdesk(i, which)
    for which in ["boxbe", "spamarrest", "generic"]:
        i += 1
        challenge(i, which)


# --- feedback reports ------------------------------------------------------------------------


def dmarc_xml(org: str, rid: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" ?>\n<feedback>\n  <report_metadata>\n    <org_name>{org}</org_name>\n'
        f"    <email>noreply-dmarc@{org}</email>\n    <report_id>{rid}</report_id>\n    <date_range><begin>1796515200"
        "</begin><end>1796601599</end></date_range>\n  </report_metadata>\n  <policy_published><domain>example.com"
        "</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><pct>100</pct></policy_published>\n  <record><row>"
        "<source_ip>203.0.113.9</source_ip><count>3</count><policy_evaluated><disposition>none</disposition>"
        "<dkim>pass</dkim><spf>pass</spf></policy_evaluated></row><identifiers><header_from>example.com"
        "</header_from></identifiers><auth_results><dkim><domain>example.com</domain><result>pass</result>"
        "</dkim><spf><domain>example.com</domain><result>pass</result></spf></auth_results></record>\n"
        "</feedback>\n"
    ).encode()


def attach(ctype: str, name: str, data: bytes) -> bytes:
    return (
        f'Content-Type: {ctype}; name="{name}"\nContent-Transfer-Encoding: base64\n'
        f'Content-Disposition: attachment; filename="{name}"\n\n'
    ).encode() + base64.encodebytes(data)


def build_feedback() -> None:
    def zipped(name: str, data: bytes) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(
                zipfile.ZipInfo(name, date_time=(2026, 12, 6, 0, 0, 0)), data, zipfile.ZIP_DEFLATED
            )
        return buf.getvalue()

    reports = [
        ("google.com", "noreply-dmarc-support@google.com", "application/zip", "zip"),
        ("Yahoo", "dmarchelp@yahooinc.com", "application/gzip", "gz"),
        ("Enterprise Outlook", "dmarcreport@microsoft.com", "application/gzip", "gz"),
        ("Mail.Ru", "dmarc_support@corp.mail.ru", "application/zip", "zip"),
        ("smallhost.example", "dmarc@smallhost.example", "text/xml", "xml"),
    ]
    for org, frm, ctype, ext in reports:
        rid = str(R.randint(10**17, 10**18))
        fname = f"{org.split()[0].lower()}!example.com!1796515200!1796601599.xml"
        xml = dmarc_xml(org, rid)
        data = (
            zipped(fname, xml)
            if ext == "zip"
            else gzip.compress(xml, mtime=0)
            if ext == "gz"
            else xml
        )
        subj = f"Report domain: example.com Submitter: {org} Report-ID: {rid}"
        if "microsoft" in frm:
            subj = f"Report Domain: example.com Submitter: enterprise.protection.outlook.com Report-ID: {rid}"
        parts = [
            leaf("text/plain", f"This is an aggregate report from {org}.\n", "utf-8", "7bit"),
            attach(ctype, fname + ("." + ext if ext != "xml" else ""), data),
        ]
        entity = (
            multipart("mixed", parts)
            if R.random() < 0.7
            else attach(ctype, fname + "." + ext, data)
        )
        add(
            "feedback",
            "dmarc",
            "en",
            "dmarc",
            message(
                [
                    ("From", frm),
                    ("To", "dmarc-reports@example.com" if R.random() < 0.3 else ALIAS),
                    ("Cc", ALIAS if R.random() < 0.3 else None),
                    ("Subject", subj),
                    ("Date", rfcdate(when())),
                    ("Message-ID", mid(frm.split("@")[1])),
                ],
                entity,
            ),
        )
    for submitter, frm in [
        ("google.com", "noreply-smtp-tls-reporting@google.com"),
        ("microsoft.com", "tlsrpt-noreply@microsoft.com"),
    ]:
        js = (
            '{"organization-name":"'
            + submitter
            + '","date-range":{"start-datetime":"2026-12-05T00:00:00Z",'
            '"end-datetime":"2026-12-05T23:59:59Z"},"contact-info":"smtp-tls-reporting@'
            + submitter
            + '",'
            '"report-id":"2026-12-05T00:00:00Z_example.com","policies":[{"policy":{"policy-type":"sts",'
            '"policy-domain":"example.com"},"summary":{"total-successful-session-count":41,'
            '"total-failure-session-count":0}}]}'
        ).encode()
        rid = f"<2026.12.05T00.00.00Z+example.com@{submitter}>"
        entity = multipart(
            "report",
            [
                leaf(
                    "text/plain",
                    f"This is an aggregate TLS report from {submitter}\n",
                    "utf-8",
                    "7bit",
                ),
                attach(
                    "application/tlsrpt+gzip",
                    f"{submitter}!example.com!1796428800!1796515199.json.gz",
                    gzip.compress(js, mtime=0),
                ),
            ],
            "; report-type=tlsrpt",
        )
        add(
            "feedback",
            "tlsrpt",
            "en",
            "tlsrpt",
            message(
                [
                    ("From", frm),
                    ("To", ALIAS),
                    (
                        "Subject",
                        f"Report Domain: example.com Submitter: {submitter} Report-ID: {rid}",
                    ),
                    ("Date", rfcdate(when())),
                    ("Message-ID", mid(submitter)),
                    ("TLS-Report-Domain", "example.com"),
                    ("TLS-Report-Submitter", submitter),
                ],
                entity,
            ),
            "SMTP TLS report (RFC 8460)",
        )
    for kind, frm, subj in [
        (
            "abuse",
            "Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>",
            "FW: Following up on your trial",
        ),
        ("abuse", "staff@hotmail.com", "complaint about message from 203.0.113.9"),
        (
            "auth-failure",
            "dmarc-forensic@mail.provider-example.net",
            "DMARC Failure Report for example.com",
        ),
    ]:
        rn, rc = new_lead("en", R.randint(900, 999))
        orig, _ = bounced_original(950, rc)
        fb = (
            f"Feedback-Type: {kind}\nUser-Agent: ReportGen/1.2\nVersion: 1\nOriginal-Mail-From: <{ALIAS}>\n"
            f"Arrival-Date: {rfcdate(when())}\nSource-IP: 203.0.113.9\nReported-Domain: example.com\n"
        )
        if kind == "auth-failure":
            fb += "Auth-Failure: dmarc\nDelivery-Result: reject\n"
        entity = multipart(
            "report",
            [
                leaf(
                    "text/plain",
                    "This is an email abuse report for an email message received from IP "
                    "203.0.113.9.\n",
                    "utf-8",
                    "7bit",
                ),
                ("Content-Type: message/feedback-report\n\n" + fb).encode(),
                b"Content-Type: message/rfc822\nContent-Disposition: inline\n\n" + orig,
            ],
            "; report-type=feedback-report",
        )
        add(
            "feedback",
            "arf",
            "en",
            f"arf-{kind}",
            message(
                [
                    ("From", frm),
                    ("To", ALIAS),
                    ("Subject", subj),
                    ("Date", rfcdate(when())),
                    ("Message-ID", mid("arf.example")),
                ],
                entity,
            ),
        )


# --- receipts and calendar replies -----------------------------------------------------------

MDN = {
    "en": ("Read: ", "Your message\n\n  To: {to}\n  Subject: {s}\n  Sent: {d}\n\nwas read on {r}."),
    "de": (
        "Gelesen: ",
        "Ihre Nachricht\n\n  An: {to}\n  Betreff: {s}\n  Gesendet: {d}\n\nwurde am {r} gelesen.",
    ),
    "fr": (
        "Lu : ",
        "Votre message\n\n  À : {to}\n  Objet : {s}\n  Envoyé : {d}\n\na été lu le {r}.",
    ),
    "es": (
        "Leído: ",
        "Su mensaje\n\n  Para: {to}\n  Asunto: {s}\n  Enviado: {d}\n\nse leyó el {r}.",
    ),
    "nl": (
        "Gelezen: ",
        "Uw bericht\n\n  Aan: {to}\n  Onderwerp: {s}\n  Verzonden: {d}\n\nis gelezen op {r}.",
    ),
    "ja": (
        "開封済み: ",
        "メッセージ\n\n  宛先: {to}\n  件名: {s}\n  送信日時: {d}\n\nは {r} に開封されました。",
    ),
}


def build_receipts() -> None:
    i = 800
    for code, (pre, text) in MDN.items():
        i += 1
        name, email = new_lead(code, i)
        s = "Your quote for the Growth plan"
        d = when(1, 3)
        human = text.format(to=email, s=s, d=rfcdate(d), r=rfcdate(d + dt.timedelta(hours=5)))
        disp = (
            f"Reporting-UA: {email.split('@')[1]}; Microsoft Outlook 16.0\nFinal-Recipient: rfc822;{email}\n"
            f"Original-Message-ID: {mid('example.com')}\nDisposition: manual-action/MDN-sent-manually; displayed\n"
        )
        if code == "nl":
            disp = disp.replace("displayed", "deleted")
            pre, human = (
                "Niet gelezen: ",
                human.replace("is gelezen op", "is verwijderd zonder te zijn gelezen op"),
            )
        entity = multipart(
            "report",
            [
                leaf("text/plain", human, "utf-8"),
                ("Content-Type: message/disposition-notification\n\n" + disp).encode(),
            ],
            "; report-type=disposition-notification",
        )
        add(
            "receipt",
            "mdn",
            code,
            f"mdn-{code}",
            message(
                [
                    ("From", addr(name, email)),
                    ("To", ALIAS),
                    ("Subject", enc_words(pre + s)),
                    ("Date", rfcdate(d + dt.timedelta(hours=5))),
                    ("Message-ID", mid(email.split("@")[1])),
                ],
                entity,
            ),
            "read receipt that only says 'deleted without being read'" if code == "nl" else None,
        )
    # a read receipt without multipart/report (legacy client, text only)
    i += 1
    name, email = new_lead("it", i)
    add(
        "receipt",
        "legacy-receipt",
        "it",
        "legacy-receipt",
        message(
            [
                ("From", addr(name, email)),
                ("To", ALIAS),
                ("Subject", "Letto: Richiesta di preventivo"),
                ("Date", rfcdate(when())),
                ("Message-ID", mid(email.split("@")[1])),
                ("X-Mailer", "Libero Mail"),
            ],
            leaf(
                "text/plain",
                "Il messaggio inviato a " + email + " è stato letto il 05/12/2026 alle 10:14.\n",
                "iso-8859-1",
            ),
        ),
        "text-only read receipt without a report part",
    )
    for code, prefix, partstat in [
        ("en", "Accepted: ", "ACCEPTED"),
        ("de", "Angenommen: ", "ACCEPTED"),
        ("fr", "Refusé : ", "DECLINED"),
        ("en", "Tentative: ", "TENTATIVE"),
    ]:
        i += 1
        name, email = new_lead(code, i)
        col = colleague(i)
        d = when()
        ics = (
            "BEGIN:VCALENDAR\nPRODID:Microsoft Exchange Server 2010\nVERSION:2.0\nMETHOD:REPLY\nBEGIN:VEVENT\n"
            f"ATTENDEE;PARTSTAT={partstat};CN={name}:mailto:{email}\nORGANIZER;CN={col[0]}:mailto:{col[1]}\n"
            "DTSTART:20261210T140000Z\nDTEND:20261210T143000Z\nSUMMARY:Product demo\n"
            f"UID:{R.getrandbits(64):x}@example.com\nDTSTAMP:20261207T090000Z\nSEQUENCE:0\nEND:VEVENT\nEND:VCALENDAR\n"
        )
        entity = multipart(
            "alternative",
            [
                leaf(
                    "text/plain",
                    "" if partstat != "DECLINED" else "Désolée, je ne suis pas disponible.\n",
                    "utf-8",
                ),
                leaf("text/calendar", ics, "utf-8", "7bit").replace(
                    b"text/calendar; charset", b"text/calendar; method=REPLY; charset"
                ),
            ],
        )
        add(
            "receipt",
            "calendar-reply",
            code,
            f"calendar-{code}",
            message(
                [
                    ("From", addr(name, email)),
                    ("To", ALIAS),
                    ("Subject", enc_words(prefix + "Product demo")),
                    ("Date", rfcdate(d)),
                    ("Message-ID", mid(email.split("@")[1])),
                ],
                entity,
            ),
            "calendar reply (METHOD:REPLY) from an external attendee",
        )


# --- bulk and no-reply -----------------------------------------------------------------------


def build_bulk() -> None:
    items = [
        (
            "newsletter",
            "en",
            "The Product Analytics Weekly <hello@productweekly.example>",
            "Issue #212: 9 funnels that actually convert",
            [
                ("List-Id", "Product Analytics Weekly <weekly.productweekly.example>"),
                (
                    "List-Unsubscribe",
                    "<https://productweekly.example/u/abc>, <mailto:unsub@productweekly.example>",
                ),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                ("Precedence", "bulk"),
            ],
            "This week: funnels, retention curves and a teardown of three onboarding flows.\n\nUnsubscribe: https://productweekly.example/u/abc\n",
        ),
        (
            "mailchimp",
            "en",
            "Northwind Events <events@northwind-events.example>",
            "Last chance: SaaS Growth Summit tickets",
            [
                (
                    "List-Unsubscribe",
                    "<https://northwind-events.us21.list-manage.com/unsubscribe?u=1&id=2>",
                ),
                ("X-Mailer", "Mailchimp Mailer - **CID123abc**"),
                ("X-MC-User", "a1b2c3d4e5"),
                ("Feedback-ID", "123:us21:mc"),
            ],
            "Only 40 tickets left for the SaaS Growth Summit in Lisbon!\n\nWhy did I get this? You signed up at our website.\nUnsubscribe from this list\n",
        ),
        (
            "hubspot",
            "en",
            "Sarah at LeadFountain <sarah@leadfountain.example>",
            "Quick idea to fill your pipeline",
            [
                ("List-Unsubscribe", "<mailto:unsubscribe-8812@hubspotemail.example>"),
                ("X-HS-Cid", "88213"),
                ("Precedence", "bulk"),
            ],
            "Hi there,\n\nWe generate 40+ qualified B2B meetings a month for SaaS teams like yours. Worth a 15 minute call?\n\nSarah\nUnsubscribe\n",
        ),
        (
            "substack",
            "en",
            "The Metrics Letter <metricsletter@substack.com>",
            "Why your North Star metric is wrong",
            [
                (
                    "List-Unsubscribe",
                    "<https://metricsletter.substack.com/action/disable_email?token=xyz>",
                ),
                ("List-Id", "<metricsletter.substack.com>"),
                ("X-Mailgun-Tag", "post"),
            ],
            "A short essay on picking metrics.\n\nUnsubscribe https://metricsletter.substack.com/action/disable_email\n",
        ),
        (
            "google-groups",
            "en",
            "Priyanka via SaaS Founders <saas-founders@googlegroups.com>",
            "[saas-founders] Anyone using feature flags at scale?",
            [
                ("List-Id", "<saas-founders.googlegroups.com>"),
                (
                    "Mailing-list",
                    "list saas-founders@googlegroups.com; contact saas-founders+owners@googlegroups.com",
                ),
                ("Precedence", "list"),
                ("List-Post", "<https://groups.google.com/group/saas-founders/post>"),
            ],
            'We\'re hitting 2M flag evaluations a day, what do people use?\n\n--\nYou received this message because you are subscribed to the Google Groups "SaaS Founders" group.\n',
        ),
        (
            "mailman",
            "en",
            "dev-announce-request@lists.opensource-example.org",
            "dev-announce Digest, Vol 88, Issue 3",
            [
                ("List-Id", "Developer announcements <dev-announce.lists.opensource-example.org>"),
                ("Precedence", "list"),
                (
                    "List-Unsubscribe",
                    "<https://lists.opensource-example.org/mailman/options/dev-announce>",
                ),
            ],
            "Send dev-announce mailing list submissions to\n\tdev-announce@lists.opensource-example.org\n\nToday's Topics:\n\n   1. Release 4.2\n",
        ),
        (
            "cleverreach",
            "de",
            "Fachverlag Digital <newsletter@fachverlag-digital.de>",
            "Ihr Newsletter: Trends im E-Commerce 2027",
            [
                ("List-Unsubscribe", "<https://fachverlag-digital.de/abmelden?id=77>"),
                ("Precedence", "bulk"),
                ("X-Mailer", "CleverReach"),
            ],
            "Sehr geehrte Damen und Herren,\n\nin dieser Ausgabe: Checkout-Optimierung und Datenschutz.\n\nNewsletter abbestellen: https://fachverlag-digital.de/abmelden\n",
        ),
        (
            "brevo",
            "fr",
            "La Lettre SaaS <bonjour@lalettre-saas.fr>",
            "Webinaire : réduire le churn de 20 %",
            [
                ("List-Unsubscribe", "<https://r.sendibt3.example/unsub?x=1>"),
                ("X-Mailer", "Sendinblue"),
            ],
            "Bonjour,\n\nInscrivez-vous à notre webinaire de jeudi.\n\nSe désinscrire : https://r.sendibt3.example/unsub\n",
        ),
        (
            "newsletter-ja",
            "ja",
            "テック通信 <news@tech-tsushin.example.jp>",
            "【テック通信】今週のSaaSニュース",
            [
                ("List-Unsubscribe", "<mailto:leave@tech-tsushin.example.jp>"),
                ("Precedence", "bulk"),
            ],
            "今週のSaaS業界ニュースをお届けします。\n\n配信停止はこちら: https://tech-tsushin.example.jp/stop\n",
        ),
        (
            "webinar-invite",
            "en",
            "Globex Cloud <events@globex-cloud.example>",
            "You're invited: Scaling data pipelines (Dec 15)",
            [
                ("List-Unsubscribe", "<https://globex-cloud.example/pref?u=9>"),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ],
            "Join our engineers live on December 15.\n\nManage preferences or unsubscribe: https://globex-cloud.example/pref\n",
        ),
        (
            "marketing-nolist",
            "es",
            "Ofertas TiendaPro <ofertas@tiendapro.example.es>",
            "¡Solo hoy! 30 % en licencias anuales",
            [("Feedback-ID", "campaign-2219:tiendapro"), ("X-Campaign", "2219")],
            "Aprovecha el 30 % de descuento.\n\nSi no deseas recibir más correos, date de baja aquí: https://tiendapro.example.es/baja\n",
        ),
        (
            "lead-gen",
            "en",
            "Data Leads Pro <mark@dataleads-pro.example>",
            "Verified contact lists for product managers",
            [("List-Unsubscribe", "<mailto:remove@dataleads-pro.example>"), ("Precedence", "bulk")],
            "Hi,\n\nWould you be interested in 25,000 verified emails of product managers in Europe? GDPR compliant.\n\nReply REMOVE to unsubscribe.\n",
        ),
    ]
    for client, code, frm, subj, hdrs, body in items:
        cs = pick_charset(body + subj, LANGS[code].charsets if code in LANGS else ["utf-8"])
        entity = alternative(
            body, "<html><body>" + body.replace("\n", "<br>") + "</body></html>", cs
        )
        dom = frm.split("@")[1].rstrip(">")
        add(
            "bulk",
            client,
            code,
            client,
            message(
                [
                    ("Return-Path", f"<bounce-{R.randint(10**5, 10**6)}@{dom}>"),
                    (
                        "From",
                        enc_words(frm.split(" <")[0], cs) + " <" + frm.split(" <")[1]
                        if " <" in frm
                        else frm,
                    ),
                    ("To", ALIAS),
                    ("Subject", enc_words(subj, cs)),
                    ("Date", rfcdate(when())),
                    ("Message-ID", mid(dom)),
                ]
                + hdrs,
                entity,
            ),
            "marketing mail without List-Id/Precedence" if client == "marketing-nolist" else None,
        )


def build_noreply() -> None:
    items = [
        (
            "GitHub <noreply@github.com>",
            "[acme/web] Dependabot alert: lodash",
            "A new Dependabot alert was opened.",
            [("X-GitHub-Reason", "security_alert")],
        ),
        (
            "GitLab <gitlab@mg.gitlab.com>",
            "acme / api | Pipeline #55120 has failed",
            "Pipeline #55120 has failed for main.",
            [("X-GitLab-Project", "api"), ("Auto-Submitted", "auto-generated")],
        ),
        (
            "Jira <jira@acme-team.atlassian.net>",
            "[JIRA] (SALES-88) Update pricing page",
            "Sam Ortega assigned SALES-88 to you.",
            [("Auto-Submitted", "auto-generated")],
        ),
        (
            "Google <no-reply@accounts.google.com>",
            "Security alert",
            "A new sign-in on Mac for sales@example.com.\nYou received this email to let you know about important changes to your Google Account.",
            [],
        ),
        (
            "LinkedIn <messages-noreply@linkedin.com>",
            "Daniel, you have 3 new invitations",
            "You have 3 new invitations waiting.\nUnsubscribe",
            [("List-Unsubscribe", "<https://www.linkedin.com/e/unsub>")],
        ),
        (
            "Stripe <notifications@stripe.com>",
            "Your receipt from Figma #2210-8812",
            "Receipt from Figma, Inc.\nAmount paid $45.00",
            [],
        ),
        (
            "Amazon Web Services <no-reply-aws@amazon.com>",
            "AWS Notification - Billing alarm",
            "You are receiving this email because your estimated charges exceed $500.",
            [],
        ),
        (
            "Slack <feedback@slack.com>",
            "[Slack] Notifications from the Example workspace",
            "You have 4 unread messages in #deals.",
            [("X-Slack-Notification", "1")],
        ),
        (
            "Zoom <no-reply@zoom.us>",
            "Cloud Recording - Demo with Globex is now available",
            "Your cloud recording is now available.",
            [],
        ),
        (
            "DocuSign NA3 System <dse_NA3@docusign.net>",
            "Completed: Please DocuSign: Order Form Q4.pdf",
            "All parties have completed Please DocuSign: Order Form Q4.pdf.\nDo Not Share This Email",
            [],
        ),
        (
            "Microsoft 365 <donotreply@microsoft.com>",
            "Your subscription will renew soon",
            "Your Microsoft 365 Business Standard subscription renews on 1 January.",
            [],
        ),
        (
            "Calendly <notifications@calendly.com>",
            "New Event: Olga Petrenko - 30 Minute Meeting",
            "A new event has been scheduled.\nInvitee: Olga Petrenko\nInvitee Email: olga.petrenko@example.com",
            [],
        ),
        (
            "HubSpot <noreply@notifications.hubspot.com>",
            "Your export is ready",
            "The contacts export you requested is ready to download.",
            [("X-HubSpot-Notification", "export")],
        ),
        (
            "Typeform <no_reply@typeform.com>",
            "Your form 'Contact us' got a new response",
            "Your form got a new response. View it in your Results panel.",
            [],
        ),
    ]
    for frm, subj, body, hdrs in items:
        dom = frm.split("@")[1].rstrip(">")
        add(
            "noreply",
            "notification",
            "en",
            dom,
            message(
                [
                    ("Return-Path", f"<bounces+{R.randint(10**6, 10**7)}@{dom}>"),
                    ("From", frm),
                    ("To", ALIAS),
                    ("Subject", subj),
                    ("Date", rfcdate(when())),
                    ("Message-ID", mid(dom)),
                ]
                + hdrs,
                alternative(
                    body + "\n",
                    "<html><body><p>" + body.replace("\n", "<br>") + "</p></body></html>",
                    "utf-8",
                ),
            ),
        )


def build_robots() -> None:
    build_bounces()
    build_autoreplies()
    build_feedback()
    build_receipts()
    build_bulk()
    build_noreply()
