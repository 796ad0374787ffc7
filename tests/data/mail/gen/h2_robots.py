"""Holdout 2: robots — DSNs of many MTAs and ESPs (RFC 3464), auto-replies in many languages
with and without RFC 3834 headers, read receipts (RFC 8098 and Outlook's), feedback
reports (RFC 5965 ARF, DMARC aggregate, TLS-RPT), bulk mail, no-reply notifications,
calendar answers and challenge-response filters. Layouts follow the RFCs' examples and
the MTAs' usual wording; every address and text is invented."""

from __future__ import annotations

from collections.abc import Iterator

from tests.data.mail.gen.h2_mime import COLLEAGUES, hdr, message, msgid, multipart, part

Entry = tuple[str, bytes, dict[str, object]]


def robot(kind: str, client: str, lang: str = "en") -> dict[str, object]:
    return {"kind": kind, "client": client, "language": lang, "ignored": True}


def sent_original(i: int) -> bytes:
    """The colleague's outgoing mail a DSN returns (headers and a line of body)."""
    c = COLLEAGUES[i % 4]
    return (
        f"From: {c[0]} <{c[1]}>\r\nTo: <buyer{i}@gone-customer-{i}.com>\r\n"
        f"Subject: Following up on our call\r\nDate: Mon, 07 Dec 2026 09:00:00 +0100\r\n"
        f"Message-ID: <out{i}@mail.example.com>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\nHi, following up as promised.\r\n"
    ).encode()


def dsn(i: int, mta: str, action: str = "failed", status: str = "5.1.1") -> bytes:
    fields = (
        f"Reporting-MTA: dns; {mta}\r\nArrival-Date: Mon, 07 Dec 2026 09:00:02 +0100\r\n\r\n"
        f"Final-Recipient: rfc822; buyer{i}@gone-customer-{i}.com\r\n"
        f"Original-Recipient: rfc822;buyer{i}@gone-customer-{i}.com\r\nAction: {action}\r\n"
        f"Status: {status}\r\nRemote-MTA: dns; mx.gone-customer-{i}.com\r\n"
        f"Diagnostic-Code: smtp; 550 {status} <buyer{i}@gone-customer-{i}.com>: "
        "Recipient address rejected: User unknown\r\n"
    )
    return b"Content-Type: message/delivery-status\r\n\r\n" + fields.encode()


def report(i: int, rtype: str, human: str, machine: bytes, original: bytes, seed: str) -> bytes:
    return multipart(
        "report",
        [
            part("text/plain", human, "utf-8", "7bit" if human.isascii() else "8bit"),
            machine,
            original,
        ],
        seed,
        f"; report-type={rtype}",
    )


def headers_of(i: int) -> bytes:
    raw = sent_original(i)
    return b"Content-Type: text/rfc822-headers\r\n\r\n" + raw.split(b"\r\n\r\n")[0] + b"\r\n"


def rfc822(i: int) -> bytes:
    return b"Content-Type: message/rfc822\r\n\r\n" + sent_original(i)


BOUNCES = (
    # client, From, Subject, human text, multipart/report?, extra headers
    (
        "postfix",
        "MAILER-DAEMON@mx1.example.com (Mail Delivery System)",
        "Undelivered Mail Returned to Sender",
        "This is the mail system at host mx1.example.com.\n\nI'm sorry to have to inform you "
        "that your message could not\nbe delivered to one or more recipients.",
        True,
        (),
    ),
    (
        "postfix-delay",
        "MAILER-DAEMON@mx1.example.com (Mail Delivery System)",
        "Delayed Mail (still being retried)",
        "This is the mail system at host mx1.example.com.\n\n####################################"
        "\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #",
        True,
        (),
    ),
    (
        "exim",
        "Mail Delivery System <Mailer-Daemon@srv17.hosting-eu.net>",
        "Mail delivery failed: returning message to sender",
        "This message was created automatically by mail delivery software.\n\nA message that "
        "you sent could not be delivered to one or more of its\nrecipients. This is a "
        "permanent error.",
        False,
        (("X-Failed-Recipients", "buyer{i}@gone-customer-{i}.com"),),
    ),
    (
        "exim-de",
        "Mail Delivery System <Mailer-Daemon@mout.gmx.net>",
        "Mail delivery failed: returning message to sender",
        "Diese Nachricht wurde automatisch vom Mailsystem erstellt.\n\nDie Nachricht konnte "
        "nicht zugestellt werden.",
        False,
        (),
    ),
    (
        "exchange",
        "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com>",
        "Undeliverable: Following up on our call",
        "Your message to buyer{i}@gone-customer-{i}.com couldn't be delivered.\nbuyer{i} wasn't "
        "found at gone-customer-{i}.com.",
        True,
        (("X-MS-Exchange-Message-Is-Ndr", ""),),
    ),
    (
        "exchange-de",
        "Microsoft Outlook <postmaster@example.com>",
        "Unzustellbar: Following up on our call",
        "Ihre Nachricht an buyer{i}@gone-customer-{i}.com konnte nicht übermittelt werden.",
        True,
        (),
    ),
    (
        "exchange-fr",
        "postmaster@example.com",
        "Non remis : Following up on our call",
        "Votre message n'a pas pu être remis à buyer{i}@gone-customer-{i}.com.",
        True,
        (),
    ),
    (
        "exchange-es",
        "postmaster@example.com",
        "No se puede entregar: Following up on our call",
        "No se pudo entregar el mensaje a buyer{i}@gone-customer-{i}.com.",
        True,
        (),
    ),
    (
        "exchange-nl",
        "postmaster@example.com",
        "Onbestelbaar: Following up on our call",
        "Uw bericht aan buyer{i}@gone-customer-{i}.com kan niet worden bezorgd.",
        False,
        (),
    ),
    (
        "exchange-it",
        "postmaster@example.com",
        "Non recapitabile: Following up on our call",
        "Impossibile recapitare il messaggio a buyer{i}@gone-customer-{i}.com.",
        False,
        (),
    ),
    (
        "exchange-pl",
        "postmaster@example.com",
        "Niedostarczalne: Following up on our call",
        "Nie można dostarczyć wiadomości do buyer{i}@gone-customer-{i}.com.",
        False,
        (),
    ),
    (
        "exchange-2003",
        "System Administrator <postmaster@example.com>",
        "Undeliverable: Following up on our call",
        "Your message did not reach some or all of the intended recipients.\n\n"
        "The following recipient(s) cannot be reached:",
        False,
        (),
    ),
    (
        "gmail",
        "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        "Delivery Status Notification (Failure)",
        "** Address not found **\n\nYour message wasn't delivered to buyer{i}@gone-customer-{i}"
        ".com because the address couldn't be found.",
        True,
        (),
    ),
    (
        "yahoo",
        "MAILER-DAEMON@yahoo.com",
        "Failure Notice",
        "Sorry, we were unable to deliver your message to the following address.\n\n"
        "<buyer{i}@gone-customer-{i}.com>:\n554: delivery error",
        False,
        (),
    ),
    (
        "ses",
        "MAILER-DAEMON@amazonses.com",
        "Delivery Status Notification (Failure)",
        "An error occurred while trying to deliver the mail to the following recipients:\n"
        "buyer{i}@gone-customer-{i}.com",
        True,
        (),
    ),
    (
        "sendgrid",
        "MAILER-DAEMON@o1.ptr2317.sendgrid.net",
        "Undelivered Mail Returned to Sender",
        "The message could not be delivered.",
        True,
        (),
    ),
    (
        "mailgun",
        "Mailgun <mailer-daemon@mailgun.net>",
        "Delivery Status Notification (Failure)",
        "Delivery to the following recipient failed permanently.",
        True,
        (),
    ),
    (
        "postmark",
        "MAILER-DAEMON@pm.mtasv.net",
        "Undelivered Mail Returned to Sender",
        "This is the mail system at host pm.mtasv.net.",
        True,
        (),
    ),
    (
        "qmail",
        "MAILER-DAEMON@mail.old-isp.net",
        "failure notice",
        "Hi. This is the qmail-send program at mail.old-isp.net.\nI'm afraid I wasn't able to "
        "deliver your message to the following addresses.\nThis is a permanent error; I've "
        "given up. Sorry it didn't work out.",
        False,
        (),
    ),
    (
        "sendmail",
        "Mail Delivery Subsystem <MAILER-DAEMON@relay.campus.edu>",
        "Returned mail: see transcript for details",
        "The original message was received at Mon, 7 Dec 2026 09:00:02 +0100\n\n"
        "   ----- The following addresses had permanent fatal errors -----",
        True,
        (),
    ),
    (
        "sendmail-delay",
        "Mail Delivery Subsystem <MAILER-DAEMON@relay.campus.edu>",
        "Warning: could not send message for past 4 hours",
        "    **********************************************\n    **      THIS IS A WARNING "
        "MESSAGE ONLY      **\n    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **",
        True,
        (),
    ),
    (
        "domino",
        "Postmaster@domino.acme-corp.com",
        "DELIVERY FAILURE: User buyer{i} (buyer{i}@gone-customer-{i}.com) not listed in "
        "Domino Directory",
        "Your message\n\n  Subject: Following up on our call\n\nwas not delivered to:\n\n  "
        "buyer{i}@gone-customer-{i}.com",
        False,
        (),
    ),
    (
        "zimbra",
        "MAILER-DAEMON@zimbra.uni-campus.de (Mail Delivery System)",
        "Undelivered Mail Returned to Sender",
        "This is the mail system at host zimbra.uni-campus.de.",
        True,
        (("X-Zimbra-Received", "yes"),),
    ),
    (
        "mailru",
        "mailer-daemon@corp.mail.ru",
        "Не удалось доставить письмо",
        "Это письмо создано автоматически сервером Mail.Ru.\nНе удалось доставить письмо.",
        False,
        (),
    ),
    (
        "yandex",
        "mailer-daemon@yandex.ru",
        "Недоставленное сообщение",
        "Сообщение не удалось доставить по адресу buyer{i}@gone-customer-{i}.com.",
        True,
        (),
    ),
    (
        "orange",
        "MAILER-DAEMON@orange.fr",
        "Échec de la remise du message",
        "Votre message n'a pas pu être remis.",
        True,
        (),
    ),
    (
        "unqualified",
        "MAILER-DAEMON",
        "Returned mail: User unknown",
        "The following address was not found: buyer{i}@gone-customer-{i}.com",
        False,
        (),
    ),
    (
        "angle-unqualified",
        "<MAILER-DAEMON>",
        "Undelivered Mail Returned to Sender",
        "Delivery failed.",
        True,
        (),
    ),
    (
        "empty-from",
        "<>",
        "Delivery Status Notification (Failure)",
        "Delivery to the following recipient failed permanently.",
        True,
        (),
    ),
)


def bounces(start: int) -> Iterator[Entry]:
    for j, (client, frm, subject, human, is_report, extra) in enumerate(BOUNCES):
        i = start + j
        human = human.replace("{i}", str(i)) + "\n"
        subject = subject.replace("{i}", str(i))
        if is_report:
            status = "4.4.7" if "delay" in client else "5.1.1"
            action = "delayed" if "delay" in client else "failed"
            tail = headers_of(i) if j % 2 else rfc822(i)
            body = report(
                i,
                "delivery-status",
                human,
                dsn(i, "mx1.example.com", action, status),
                tail,
                f"b{i}",
            )
        else:
            text = human + "\n------ This is a copy of the message, including all the headers."
            text += " ------\n\n" + sent_original(i).decode()
            body = part("text/plain", text, "utf-8", "8bit")
        headers = [
            ("Return-Path", "<>"),
            ("From", frm),
            ("To", COLLEAGUES[i % 4][1]),
            ("Subject", hdr(subject)),
            ("Date", "Mon, 07 Dec 2026 09:00:05 +0100"),
            ("Message-ID", msgid(f"bounce{i}", "mx1.example.com")),
        ]
        headers += [(k, v.replace("{i}", str(i))) for k, v in extra]
        if j % 4 == 1:  # delivered without Return-Path: the envelope is the From address
            headers = headers[1:]
        if j % 3 == 0:
            headers.append(("Auto-Submitted", "auto-replied"))
        lang = (
            client.split("-")[1]
            if client.count("-") == 1 and len(client.split("-")[1]) == 2
            else ("ru" if client in ("mailru", "yandex") else "fr" if client == "orange" else "en")
        )
        yield (f"bounce/{client}.eml", message(headers, body), robot("bounce", client, lang))
