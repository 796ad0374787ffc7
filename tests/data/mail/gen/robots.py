"""Robots: bounces (RFC 3464 DSNs from Postfix, Exim, Sendmail, Exchange / Office 365, Gmail,
Amazon SES; qmail's QSBMF text bounces; null and unqualified MAILER-DAEMON senders) and SES
notifications. None of them may become a lead or an error. Layouts written from the RFCs
and the MTAs' documented formats; hosts, ids and people are invented."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from .fmt import ALIAS, Person, header_bytes, rfc_date, token, uid
from .langs import LANGS

CRLF = b"\r\n"


def crlf(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def multipart(
    headers: list[tuple[str, str]],
    ctype: str,
    parts: list[bytes],
    rng: random.Random,
    preamble: str = "This is a MIME-encapsulated message.",
) -> bytes:
    boundary = f"{token(rng, 10)}.{rng.randrange(10**9, 10**10)}/{token(rng, 6).lower()}.example"
    head = header_bytes(
        [*headers, ("MIME-Version", "1.0"), ("Content-Type", f'{ctype}; boundary="{boundary}"')]
    )
    b = boundary.encode()
    out = head + crlf(preamble + "\n\n")
    for part in parts:
        out += b"--" + b + CRLF + part + CRLF
    return out + b"--" + b + b"--" + CRLF


def part(ctype: str, body: bytes | str, extra: str = "") -> bytes:
    data = crlf(body) if isinstance(body, str) else body
    head = f"Content-Type: {ctype}\n" + (f"{extra}\n" if extra else "")
    return crlf(head + "\n") + data


def our_original(rng: random.Random, to: str, when: datetime, subject: str) -> bytes:
    """The message of ours that bounced: sent from the sales alias to a customer."""
    return crlf(
        f"Return-Path: <{ALIAS}>\nReceived: from mail-out.example.com (mail-out.example.com "
        f"[198.51.100.{rng.randrange(2, 250)}])\n\tby smtp.example.com with ESMTPSA id "
        f"{token(rng, 10)}; {rfc_date(when)}\nFrom: Example Sales <{ALIAS}>\nTo: <{to}>\n"
        f"Subject: {subject}\nDate: {rfc_date(when)}\nMessage-ID: "
        f"<{uid(rng).lower()}@example.com>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 7bit\n\nHello,\n\nthanks for your interest - here is the "
        "pricing overview you asked for. Let me know when suits you for a call.\n\nBest,\n"
        "Example Sales\n"
    )


def dsn_fields(
    mta: str, rcpt: str, status: str, diag: str, when: datetime, action: str = "failed"
) -> str:
    return (
        f"Reporting-MTA: dns; {mta}\nX-Postfix-Queue-ID: {rcpt[:3].upper()}4F2A1C\n"
        f"Arrival-Date: {rfc_date(when - timedelta(seconds=3))}\n\n"
        f"Final-Recipient: rfc822; {rcpt}\nOriginal-Recipient: rfc822;{rcpt}\nAction: {action}\n"
        f"Status: {status}\nRemote-MTA: dns; mx.{rcpt.split('@')[1]}\nDiagnostic-Code: "
        f"smtp; {diag}\n"
    )


def _when(rng: random.Random) -> datetime:
    return datetime(2024, 2, 1, 9, tzinfo=UTC) + timedelta(
        days=rng.randrange(0, 500), minutes=rng.randrange(0, 1400)
    )


def _common(
    rng: random.Random, sender: str, subject: str, when: datetime, auto: str | None, msgid_host: str
) -> list[tuple[str, str]]:
    out = [
        ("Return-Path", "<>"),
        (
            "Received",
            f"from {msgid_host} ({msgid_host} [203.0.113.{rng.randrange(2, 250)}])"
            f" by mx1.example.com (Postfix) with ESMTPS id {token(rng, 11)}"
            f" for <{ALIAS}>; {rfc_date(when)}",
        ),
        ("From", sender),
        ("To", ALIAS),
        ("Subject", subject),
        ("Date", rfc_date(when)),
        ("Message-ID", f"<{rfc_date(when)[5:16].replace(' ', '')}{token(rng, 8)}@{msgid_host}>"),
    ]
    if auto:
        out.append(("Auto-Submitted", auto))
    return out


USERS = [
    "m.keller",
    "j.ortiz",
    "info",
    "a.novak",
    "p.sato",
    "buyer",
    "t.larsen",
    "r.silva",
    "k.meyer",
    "office",
    "l.rossi",
    "h.yilmaz",
]
DOMAINS = [
    "brauhaus-technik.de",
    "voyages-azur.fr",
    "northwindfreight.com",
    "polderdata.nl",
    "sakura-soft.co.jp",
    "tatrytravel.sk",
    "anadoluyazilim.com.tr",
    "volgasoft.ru",
    "fjallbackafisk.se",
    "bancaprimaveneta.it",
    "klovermark.dk",
    "logisoft.pt",
]


def rcpt(rng: random.Random) -> str:
    return f"{rng.choice(USERS)}@{rng.choice(DOMAINS)}"


def postfix(
    rng: random.Random, *, headers_only: bool, auto: bool, eight_bit: bool = False
) -> bytes:
    when, to = _when(rng), rcpt(rng)
    host = f"mx{rng.randrange(1, 4)}.{to.split('@')[1]}"
    original = our_original(rng, to, when, "Your pricing overview")
    if eight_bit:  # an 8-bit original with a NUL from a broken client, copied back verbatim
        original = original.replace(b"Hello,", b"Gr\xfc\xdfe aus K\xf6ln,\x00\x00 ")
    text = (
        f"This is the mail system at host {host}.\n\nI'm sorry to have to inform you that your "
        "message could not\nbe delivered to one or more recipients. It's attached below.\n\n"
        "For further assistance, please send mail to postmaster.\n\nIf you do so, please include "
        "this problem report. You can\ndelete your own text from the attached returned message.\n\n"
        f"                   The mail system\n\n<{to}>: host "
        f"{host}[192.0.2.{rng.randrange(2, 250)}] "
        f"said: 550\n    5.1.1 <{to}>: Recipient address rejected: User unknown in virtual "
        "mailbox\n"
        "    table (in reply to RCPT TO command)\n"
    )
    diag = f"550 5.1.1 <{to}>: Recipient address rejected: User unknown in virtual mailbox table"
    orig_part = (
        part("text/rfc822-headers", original.split(b"\r\n\r\n")[0] + CRLF)
        if headers_only
        else part("message/rfc822", original)
    )
    head = _common(
        rng,
        f"MAILER-DAEMON@{host} (Mail Delivery System)",
        "Undelivered Mail Returned to Sender",
        when,
        "auto-replied" if auto else None,
        host,
    )
    return multipart(
        head,
        "multipart/report; report-type=delivery-status",
        [
            part("text/plain; charset=us-ascii", text, "Content-Description: Notification"),
            part(
                "message/delivery-status",
                dsn_fields(host, to, "5.1.1", diag, when),
                "Content-Description: Delivery report",
            ),
            orig_part,
        ],
        rng,
    )


def exim(rng: random.Random, *, dsn: bool) -> bytes:
    when, to = _when(rng), rcpt(rng)
    host = f"mail.{to.split('@')[1]}"
    text = (
        "This message was created automatically by mail delivery software.\n\nA message that you "
        "sent could not be delivered to one or more of its\nrecipients. This is a permanent error. "
        f"The following address(es) failed:\n\n  {to}\n    host {host} "
        f"[192.0.2.{rng.randrange(2, 250)}]\n"
        f"    SMTP error from remote mail server after RCPT TO:<{to}>:\n    550 5.1.1 <{to}>: "
        "Recipient address rejected: User unknown\n"
    )
    head = _common(
        rng,
        f"Mail Delivery System <Mailer-Daemon@{host}>",
        "Mail delivery failed: returning message to sender",
        when,
        "auto-replied",
        host,
    )
    head.append(("X-Failed-Recipients", to))
    original = our_original(rng, to, when, "Follow-up: your trial")
    if not dsn:
        body = crlf(
            text + "\n------ This is a copy of the message, including all the headers. ------\n\n"
        )
        return (
            header_bytes([*head, ("Content-Type", "text/plain; charset=us-ascii")])
            + body
            + original
        )
    return multipart(
        head,
        "multipart/report; report-type=delivery-status",
        [
            part("text/plain; charset=us-ascii", text),
            part(
                "message/delivery-status",
                dsn_fields(host, to, "5.0.0", f"smtp; 550 5.1.1 <{to}>", when),
            ),
            part("message/rfc822", original),
        ],
        rng,
    )


def sendmail(rng: random.Random, *, sender: str) -> bytes:
    when, to = _when(rng), rcpt(rng)
    host = f"relay.{to.split('@')[1]}"
    text = (
        f"The original message was received at {rfc_date(when)}\nfrom mail-out.example.com "
        "[198.51.100.7]\n\n   ----- The following addresses had permanent fatal errors "
        f"-----\n<{to}>\n"
        "    (reason: 550 5.1.1 User unknown)\n\n   ----- Transcript of session follows -----\n"
        f"... while talking to mx.{to.split('@')[1]}.:\n>>> DATA\n<<< 550 5.1.1 User unknown\n"
        f"550 5.1.1 <{to}>... User unknown\n<<< 503 5.5.2 Need Rcpt command.\n"
    )
    head = _common(
        rng,
        sender,
        "Returned mail: see transcript for details",
        when,
        "auto-generated (failure)",
        host,
    )
    return multipart(
        head,
        "multipart/report; report-type=delivery-status",
        [
            part("text/plain", text),
            part(
                "message/delivery-status",
                dsn_fields(host, to, "5.1.1", "550 5.1.1 User unknown", when),
            ),
            part(
                "text/rfc822-headers",
                our_original(rng, to, when, "Quick question").split(b"\r\n\r\n")[0],
            ),
        ],
        rng,
    )


def exchange(rng: random.Random, lang: str, *, auto: bool, sender_kind: str) -> bytes:
    when, to = _when(rng), rcpt(rng)
    tenant = to.split("@")[1].split(".")[0]
    sender = {
        "microsoft": "Microsoft Outlook "
        "<MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{tenant}.onmicrosoft.com>",
        "postmaster": f"postmaster@{to.split('@')[1]}",
        "sysadmin": f"System Administrator <postmaster@{tenant}.local>",
    }[sender_kind]
    subject = f"{LANGS[lang].ndr_subject}{' :' if lang == 'fr' else ':'} Your pricing overview"
    text = (
        f"Your message to {to} couldn't be delivered.\n{to.split('@')[0]} wasn't found at "
        f"{to.split('@')[1]}.\n\n{rng.choice(['Kim', 'Sales'])}     Office 365     "
        f"{to.split('@')[0]}\n"
        "Action Required                    Recipient\n\nUnknown To address\n\nHow to Fix It\nThe "
        "address may be misspelled or may not exist. Try one or more of the following:\n\n"
        "Diagnostic information for administrators:\n\nGenerating server: "
        f"{token(rng, 6)}PR0{rng.randrange(1, 9)}MB{rng.randrange(1000, 9999)}"
        f".eurprd0{rng.randrange(1, 8)}.prod.outlook.com\n\n"
        f"{to}\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not "
        "found by SMTP address lookup'\n"
    )
    html = "<html><body><p>" + text.replace("\n", "<br>\n") + "</p></body></html>"
    head = _common(rng, sender, subject, when, "auto-replied" if auto else None, "outlook.com")
    head += [
        ("Thread-Topic", "Your pricing overview"),
        ("X-MS-Exchange-Message-Is-Ndr", ""),
        ("Content-Language", f"{lang}-{lang.upper()}"),
    ]
    inner = multipart(
        [],
        "multipart/alternative",
        [
            part("text/plain; charset=utf-8", text, "Content-Transfer-Encoding: 8bit"),
            part("text/html; charset=utf-8", html, "Content-Transfer-Encoding: 8bit"),
        ],
        rng,
        "",
    )
    return multipart(
        head,
        "multipart/report; report-type=delivery-status",
        [
            inner,
            part(
                "message/delivery-status",
                dsn_fields(
                    "AM0PR04MB6545.eurprd04.prod.outlook.com",
                    to,
                    "5.1.10",
                    "smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound",
                    when,
                ),
            ),
            part("message/rfc822", our_original(rng, to, when, "Your pricing overview")),
        ],
        rng,
    )


def gmail_dsn(rng: random.Random, *, delay: bool) -> bytes:
    when, to = _when(rng), rcpt(rng)
    kind = "Delay" if delay else "Failure"
    text = (
        (
            "** Delivery incomplete **\n\nThere was a temporary problem delivering your message to "
            f"{to}. Gmail will retry for 46 more hours. You'll be notified if the delivery fails "
            "permanently.\n"
        )
        if delay
        else (
            "** Address not found **\n\nYour message wasn't delivered to " + to + " because the "
            "address couldn't be found, or is unable to receive mail.\n\nLearn more here: "
            "https://support.google.com/mail/?p=NoSuchUser\n\nThe response from the remote server "
            "was:\n550 5.1.1 The email account that you tried to reach does not exist.\n"
        )
    )
    head = _common(
        rng,
        "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        f"Delivery Status Notification ({kind})",
        when,
        "auto-replied",
        "mail-sor-f69.google.com",
    )
    head.append(("X-Failed-Recipients", to))
    action, status = ("delayed", "4.4.1") if delay else ("failed", "5.1.1")
    return multipart(
        head,
        "multipart/report; report-type=delivery-status",
        [
            part("text/plain; charset=UTF-8", text),
            part(
                "message/delivery-status",
                dsn_fields("googlemail.com", to, status, "smtp; 550-5.1.1", when, action),
            ),
            part("message/rfc822", our_original(rng, to, when, "Checking in")),
        ],
        rng,
    )


def qmail(rng: random.Random, *, nul: bool) -> bytes:
    when, to = _when(rng), rcpt(rng)
    host = f"mail.{to.split('@')[1]}"
    original = our_original(rng, to, when, "Your quote")
    if nul:  # a broken attachment copied back raw: NUL bytes and 8-bit garbage
        original += b"\r\n\x00\x00\x1f\x8b\x08\x00\xff\xfe\x00binary\x00tail\xe9\xe8\r\n"
    text = (
        f"Hi. This is the qmail-send program at {host}.\nI'm afraid I wasn't able to deliver your "
        "message to the following addresses.\nThis is a permanent error; I've given up. Sorry it "
        f"didn't work out.\n\n<{to}>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
        "--- Below this line is a copy of the message.\n\n"
    )
    head = _common(rng, f"MAILER-DAEMON@{host}", "failure notice", when, None, host)
    return header_bytes(head) + crlf(text) + original


def null_sender(rng: random.Random, form: str) -> bytes:
    """Bounces whose From is the null path or an unqualified MAILER-DAEMON."""
    when, to = _when(rng), rcpt(rng)
    sender = {
        "null": "MAILER-DAEMON <>",
        "bare": "<>",
        "unqualified": "<MAILER-DAEMON>",
        "named": "Mail Delivery Subsystem <MAILER-DAEMON>",
        "plain": "MAILER-DAEMON",
    }[form]
    text = (
        f"Your message to <{to}> could not be delivered.\n\nThe recipient's mailbox is full "
        "and cannot accept messages now (552 5.2.2 Mailbox full).\n"
    )
    head = _common(
        rng,
        sender,
        "Undelivered Mail Returned to Sender"
        if form != "bare"
        else "Returned mail: see transcript for details",
        when,
        None,
        f"mx.{to.split('@')[1]}",
    )
    return multipart(
        head,
        "multipart/report; report-type=delivery-status",
        [
            part("text/plain; charset=us-ascii", text),
            part(
                "message/delivery-status",
                dsn_fields(f"mx.{to.split('@')[1]}", to, "5.2.2", "552 5.2.2 Mailbox full", when),
            ),
            part(
                "text/rfc822-headers",
                our_original(rng, to, when, "Webinar invitation").split(b"\r\n\r\n")[0],
            ),
        ],
        rng,
    )


def ses_sns(rng: random.Random, notification: str) -> bytes:
    """An Amazon SES notification delivered by SNS to an email subscription."""
    when, to = _when(rng), rcpt(rng)
    mail_obj = {
        "timestamp": when.isoformat(),
        "source": ALIAS,
        "sourceArn": "arn:aws:ses:eu-west-1:111122223333:identity/example.com",
        "sendingAccountId": "111122223333",
        "messageId": uid(rng).lower(),
        "destination": [to],
        "headersTruncated": False,
        "commonHeaders": {
            "from": [f"Example Sales <{ALIAS}>"],
            "to": [to],
            "subject": "Your pricing overview",
        },
    }
    if notification == "Bounce":
        detail = {
            "bounce": {
                "bounceType": "Permanent",
                "bounceSubType": "General",
                "bouncedRecipients": [
                    {
                        "emailAddress": to,
                        "action": "failed",
                        "status": "5.1.1",
                        "diagnosticCode": "smtp; 550 5.1.1 user unknown",
                    }
                ],
                "timestamp": when.isoformat(),
                "feedbackId": token(rng, 40).lower(),
                "reportingMTA": "dsn; a4-12.smtp-out.eu-west-1.amazonses.com",
            }
        }
    else:
        detail = {
            "complaint": {
                "complainedRecipients": [{"emailAddress": to}],
                "timestamp": when.isoformat(),
                "feedbackId": token(rng, 40).lower(),
                "complaintFeedbackType": "abuse",
                "userAgent": "Yahoo!-Mail-Feedback/2.0",
            }
        }
    payload = json.dumps({"notificationType": notification, **detail, "mail": mail_obj})
    body = (
        f"{payload}\n\n--\nIf you wish to stop receiving notifications from this topic, please "
        "click or visit the link below to unsubscribe:\nhttps://sns.eu-west-1.amazonaws.com/"
        "unsubscribe.html?SubscriptionArn=arn:aws:sns:eu-west-1:111122223333:ses-events:"
        f"{uid(rng).lower()}&Endpoint={ALIAS}\n\nPlease do not reply directly to this email. If "
        "you have any questions or comments regarding this email, please contact us at "
        "https://aws.amazon.com/support\n"
    )
    head = _common(
        rng,
        "AWS Notifications <no-reply@sns.amazonaws.com>",
        "AWS Notification Message",
        when,
        None,
        "a8-56.smtp-out.amazonses.com",
    )
    head += [
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "7bit"),
        ("x-amz-sns-message-id", uid(rng).lower()),
    ]
    return header_bytes(head) + crlf(body)


def ses_dsn(rng: random.Random) -> bytes:
    when, to = _when(rng), rcpt(rng)
    text = (
        f"An error occurred while trying to deliver the mail to the following recipients:\n{to}\n"
    )
    head = _common(
        rng,
        "MAILER-DAEMON@amazonses.com",
        "Delivery Status Notification (Failure)",
        when,
        None,
        "a4-3.smtp-out.eu-west-1.amazonses.com",
    )
    return multipart(
        head,
        "multipart/report; report-type=delivery-status",
        [
            part("text/plain; charset=UTF-8", text),
            part(
                "message/delivery-status",
                dsn_fields(
                    "a4-3.smtp-out.eu-west-1.amazonses.com",
                    to,
                    "5.1.1",
                    "smtp; 550 5.1.1 user unknown",
                    when,
                ),
            ),
            part("message/rfc822", our_original(rng, to, when, "Your pricing overview")),
        ],
        rng,
    )


def yahoo_bounce(rng: random.Random) -> bytes:
    when, to = _when(rng), f"{rng.choice(USERS)}{rng.randrange(10, 99)}@yahoo.com"
    text = (
        "Sorry, we were unable to deliver your message to the following address.\n\n"
        f"<{to}>:\n554: delivery error: dd This user doesn't have a yahoo.com account ({to}) [0] - "
        "mta1234.mail.ir2.yahoo.com\n\n--- Below this line is a copy of the message.\n\n"
    )
    head = _common(
        rng, "MAILER-DAEMON@yahoo.com", "Failure Notice", when, None, "sonic.mail.ir2.yahoo.com"
    )
    return header_bytes(head) + crlf(text) + our_original(rng, to, when, "Hello from Example")


def persons(*names: str) -> list[Person]:
    return [Person(n, f"{n.lower()}@example.com") for n in names]
