"""More robots: RFC 3834 auto-replies and localised out-of-office notes, RFC 5965 feedback
reports (ARF) and DMARC aggregate reports, RFC 8098 read receipts, bulk mail (List-Id,
List-Unsubscribe, Precedence) and no-reply notifications (GitHub and others)."""

from __future__ import annotations

import base64
import gzip
import io
import random
import zipfile
from datetime import timedelta

from .fmt import (
    ALIAS,
    Person,
    exchange_id,
    gmail_id,
    header_bytes,
    html_paras,
    rfc_date,
    token,
    uid,
)
from .langs import LANGS
from .robots import _when, crlf, multipart, our_original, part
from .texts import T


def _head(
    rng: random.Random, sender: str, subject: str, when, msgid: str, to: str = ALIAS
) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [
        (
            "Received",
            f"from out.{msgid.split('@')[-1].rstrip('>')} (203.0.113.{rng.randrange(2, 250)})"
            f" by mx1.example.com (Postfix) with ESMTPS id {token(rng, 11)} for <{ALIAS}>; "
            f"{rfc_date(when)}",
        ),
        ("From", sender),
        ("To", to),
        ("Subject", subject),
        ("Date", rfc_date(when)),
        ("Message-ID", msgid),
    ]


def autoreply(rng: random.Random, lang: str, person: Person, style: str) -> bytes:
    """An out-of-office answer to a mail of ours. ``style``: exchange (Auto-Submitted and
    Exchange's headers), gmail (vacation responder, own subject, Auto-Submitted), bare
    (only the localised subject, as some servers send), x-autoreply (X-Autoreply: yes)."""
    lg, t = LANGS[lang], T[lang]
    when = _when(rng)
    orig = t.inquiries[rng.randrange(3)][0]
    colon = " : " if lang == "fr" else ": "
    subject = f"{lg.ooo_subject}{colon}{orig}"
    extra: list[tuple[str, str]] = []
    if style == "exchange":
        msgid = exchange_id(rng)
        extra = [
            ("Auto-Submitted", "auto-generated"),
            ("X-Auto-Response-Suppress", "All"),
            ("X-MS-Exchange-Inbox-Rules-Loop", person.email),
            ("Thread-Topic", orig),
            ("Content-Language", f"{lang}-{lang.upper()}"),
        ]
    elif style == "gmail":
        msgid = gmail_id(rng)
        subject = {
            "de": "Urlaub bis 2. September",
            "en": "Out of office until Monday",
            "fr": "Absence jusqu'au 26 août",
            "es": "Fuera de la oficina",
            "it": "Fuori ufficio",
            "nl": "Afwezig tot maandag",
        }.get(lang, subject)
        extra = [("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")]
    elif style == "x-autoreply":
        msgid = f"<{uid(rng).lower()}@{person.email.split('@')[1]}>"
        extra = [("X-Autoreply", "yes"), ("X-Autorespond", "yes")]
    else:
        msgid = f"<{uid(rng).lower()}@{person.email.split('@')[1]}>"
    head = _head(rng, person.addr(), subject, when, msgid)
    head += [("In-Reply-To", f"<{uid(rng).lower()}@example.com>"), *extra, ("MIME-Version", "1.0")]
    if lang == "de" and style == "bare" and rng.random() < 0.5:  # 8-bit Latin-1, no charset named
        return header_bytes([*head, ("Content-Type", "text/plain")]) + (t.ooo + "\r\n").encode(
            "latin-1"
        )
    head += [("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "8bit")]
    return header_bytes(head) + crlf(t.ooo + f"\n\n{t.regards}\n{person.name}\n")


def ticket_autoreply(rng: random.Random, domain: str) -> bytes:
    when = _when(rng)
    n = rng.randrange(10000, 99999)
    head = _head(
        rng,
        f"Support <support@{domain}>",
        f"[Request #{n}] We received your request",
        when,
        f"<{token(rng, 16).lower()}_{n}@{domain}>",
    )
    head += [
        ("Auto-Submitted", "auto-replied"),
        ("X-Autoreply", "yes"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
    ]
    return header_bytes(head) + crlf(
        f"Hello,\n\nThank you for contacting us. Your request (#{n}) has been received and "
        "is being "
        "reviewed by our support staff.\n\nTo add additional comments, reply to this email.\n"
    )


def arf(rng: random.Random, *, provider: str, subject: str, auth_failure: bool = False) -> bytes:
    when = _when(rng)
    reporter = {
        "yahoo": (
            "Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>",
            "Yahoo!-Mail-Feedback/2.0",
        ),
        "comcast": ("Comcast Feedback Loop <feedbackloop@comcast.net>", "Comcast FBL/1.0"),
        "mailru": ("Mail.Ru FBL <fbl@corp.mail.ru>", "MailRu-FBL/1.0"),
        "generic": ("abuse-reports@mailbox-provider.example.net", "SomeGenerator/1.0"),
    }[provider]
    victim = f"user{rng.randrange(100, 999)}@{provider}.example.net"
    original = our_original(rng, victim, when - timedelta(hours=3), "Spring product update")
    ftype = "auth-failure" if auth_failure else "abuse"
    report = (
        f"Feedback-Type: {ftype}\nUser-Agent: {reporter[1]}\nVersion: "
        f"1\nOriginal-Mail-From: <{ALIAS}>\n"
        f"Original-Rcpt-To: <{victim}>\nArrival-Date: {rfc_date(when - timedelta(hours=3))}\n"
        f"Source-IP: 198.51.100.{rng.randrange(2, 250)}\nReported-Domain: example.com\n"
    )
    if auth_failure:
        report += "Auth-Failure: dkim\nDKIM-Domain: example.com\nDKIM-Selector: s1\n"
    text = (
        "This is an email abuse report for an email message received from IP 198.51.100.7 on "
        f"{rfc_date(when)}.\nFor more information about this format please see "
        "http://www.mipassoc.org/arf/.\n"
    )
    head = _head(
        rng, reporter[0], subject, when, f"<{uid(rng).lower()}@fbl.{provider}.example.net>"
    )
    return multipart(
        head,
        "multipart/report; report-type=feedback-report",
        [
            part("text/plain; charset=us-ascii", text, "Content-Transfer-Encoding: 7bit"),
            part("message/feedback-report", report),
            part("message/rfc822", original, "Content-Disposition: inline"),
        ],
        rng,
    )


def _dmarc_xml(rng: random.Random, org: str, begin: int) -> bytes:
    rows = "".join(
        f"<record><row><source_ip>198.51.100.{rng.randrange(2, 250)}</source_ip>"
        f"<count>{rng.randrange(1, 900)}"
        "</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf>"
        "</policy_evaluated></row><identifiers><header_from>example.com</header_from></identifiers>"
        "<auth_results><dkim><domain>example.com</domain><result>pass</result></dkim><spf><domain>"
        "example.com</domain><result>pass</result></spf></auth_results></record>"
        for _ in range(rng.randrange(1, 4))
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" ?><feedback><report_metadata><org_name>{org}'
        f"</org_name><email>noreply-dmarc@{org}</email><report_id>{rng.randrange(10**17, 10**18)}"
        f"</report_id><date_range><begin>{begin}</begin><end>{begin + 86399}</end></date_range>"
        "</report_metadata><policy_published><domain>example.com</domain><adkim>r</adkim>"
        f"<aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct></policy_published>{rows}"
        "</feedback>"
    ).encode()


def dmarc(rng: random.Random, *, reporter: str, container: str, binary: bool = False) -> bytes:
    when = _when(rng)
    begin = int(when.timestamp()) // 86400 * 86400 - 86400
    org, sender = {
        "google": ("google.com", "noreply-dmarc-support@google.com"),
        "microsoft": (
            "protection.outlook.com",
            "DMARC Aggregate Report <dmarcreport@microsoft.com>",
        ),
        "yahoo": ("yahoo.com", "noreply@dmarc.yahoo.com"),
        "mailru": ("mail.ru", "dmarc_support@corp.mail.ru"),
    }[reporter]
    name = f"{org}!example.com!{begin}!{begin + 86399}"
    xml = _dmarc_xml(rng, org, begin)
    if container == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(zipfile.ZipInfo(name + ".xml", date_time=(2024, 5, 1, 0, 0, 0)), xml)
        data, ctype, fname = buf.getvalue(), "application/zip", name + ".zip"
    else:
        data = gzip.compress(xml, mtime=0)
        ctype, fname = "application/gzip", name + ".xml.gz"
    subject = (
        f"Report domain: example.com Submitter: {org} Report-ID: <{rng.randrange(10**17, 10**18)}>"
    )
    head = _head(rng, sender, subject, when, f"<{uid(rng).lower()}@{org}>")
    if binary:  # a reporter that sends the archive raw: NUL bytes straight in the body
        chunks = [data[i : i + 400] for i in range(0, len(data), 400)]  # SMTP's line limit
        cte, payload = "binary", b"\r\n".join(chunks) + b"\r\n"
    else:
        cte, payload = "base64", base64.encodebytes(data).replace(b"\n", b"\r\n")
    attachment = (
        crlf(
            f'Content-Type: {ctype}; name="{fname}"\nContent-Disposition: attachment; '
            f'filename="{fname}"\nContent-Transfer-Encoding: {cte}\n\n'
        )
        + payload
    )
    if reporter == "google":
        head += [
            ("MIME-Version", "1.0"),
            ("Content-Type", f'{ctype}; name="{fname}"'),
            ("Content-Disposition", f'attachment; filename="{fname}"'),
            ("Content-Transfer-Encoding", cte),
        ]
        return header_bytes(head) + payload
    text = (
        f"This is an aggregate report from {org}.\n\nReport domain: example.com\nSubmitter: {org}\n"
        f"Report-ID: {name}\n"
    )
    return multipart(
        head, "multipart/mixed", [part("text/plain; charset=us-ascii", text), attachment], rng
    )


def receipt(rng: random.Random, lang: str, person: Person, style: str) -> bytes:
    """RFC 8098 read receipt from a customer who opened a mail of ours."""
    lg = LANGS[lang]
    when = _when(rng)
    orig_subject = T[lang].inquiries[rng.randrange(3)][0]
    orig_id = f"<{uid(rng).lower()}@example.com>"
    if style == "thunderbird":
        subject, ua = f"Return Receipt (displayed) - {orig_subject}", "Mozilla Thunderbird"
        text = (
            "This is a Return Receipt for the mail that you sent to " + person.email + ".\n\n"
            "Note: This Return Receipt only acknowledges that the message was displayed on the "
            "recipient's computer. There is no guarantee that the recipient has read or "
            "understood the message contents.\n"
        )
    else:
        colon = " : " if lang == "fr" else ": "
        subject, ua = f"{lg.read_subject}{colon}{orig_subject}", "Microsoft Exchange Server"
        text = (
            f"Your message\n\n  To: {person.name}\n  Subject: {orig_subject}\n  Sent: "
            f"{rfc_date(when - timedelta(hours=2))}\n\nwas read on {rfc_date(when)}.\n"
        )
    disposition = (
        "manual-action/MDN-sent-manually; displayed"
        if style != "deleted"
        else "automatic-action/MDN-sent-automatically; deleted"
    )
    mdn = (
        f"Reporting-UA: {person.email.split('@')[1]}; {ua}\nFinal-Recipient: "
        f"rfc822;{person.email}\n"
        f"Original-Message-ID: {orig_id}\nDisposition: {disposition}\n"
    )
    head = _head(
        rng, person.addr(), subject, when, f"<{uid(rng).lower()}@{person.email.split('@')[1]}>"
    )
    return multipart(
        head,
        "multipart/report; report-type=disposition-notification",
        [
            part("text/plain; charset=UTF-8", text, "Content-Transfer-Encoding: 8bit"),
            part("message/disposition-notification", mdn),
            part(
                "text/rfc822-headers",
                f"From: Example Sales <{ALIAS}>\nTo: {person.email}\n"
                f"Subject: {orig_subject}\nMessage-ID: {orig_id}\n",
            ),
        ],
        rng,
    )


NEWSLETTERS = [
    (
        "Cloudscale Weekly <news@mail.cloudscale-weekly.com>",
        "Your weekly infrastructure digest: 7 reads",
        "list-id",
        "en",
    ),
    (
        "SaaS Growth Summit <events@saasgrowthsummit.example.org>",
        "Last chance: early-bird tickets end Friday",
        "unsubscribe",
        "en",
    ),
    (
        "Datenschutz Aktuell <newsletter@datenschutz-aktuell.de>",
        "Newsletter 14/2024: Neues zur DSGVO",
        "precedence",
        "de",
    ),
    (
        "Le Journal du Marketing <lettre@journaldumarketing.fr>",
        "Votre lettre hebdomadaire – 5 tendances",
        "unsubscribe",
        "fr",
    ),
    (
        "Product Led Digest <digest@productled-digest.io>",
        "The PLG playbook everyone is copying",
        "esp",
        "en",
    ),
    (
        "Boletín TecnoPyme <boletin@tecnopyme.es>",
        "Boletín de marzo: subvenciones digitales",
        "list-id",
        "es",
    ),
    (
        "Webinar Team <webinars@analyticsacademy.example.com>",
        "Reminder: Your webinar starts in 1 hour",
        "esp",
        "en",
    ),
    (
        "Nieuwsbrief Ondernemen <nieuws@ondernemen-nu.nl>",
        "Deze week: btw-aangifte en AI",
        "unsubscribe",
        "nl",
    ),
    (
        "Ofertas Cloud <ofertas@nubehosting.example.pt>",
        "Só esta semana: 30% em servidores",
        "precedence",
        "pt",
    ),
    (
        "Konferencja DevDays <info@devdays-krakow.pl>",
        "Ostatnie miejsca na DevDays 2024",
        "esp",
        "pl",
    ),
    (
        "dev-discuss mailing list <dev-discuss@lists.opensource-hub.org>",
        "[dev-discuss] Release 4.2 planning",
        "mailman",
        "en",
    ),
    (
        "Japan SaaS News <news@saas-news.example.jp>",
        "【週刊】SaaS業界ニュース 第112号",
        "unsubscribe",
        "ja",
    ),
]


def bulk(rng: random.Random, sender: str, subject: str, style: str, lang: str) -> bytes:
    when = _when(rng)
    domain = sender.split("@")[1].rstrip(">")
    head = _head(
        rng,
        sender,
        subject,
        when,
        f"<{token(rng, 20).lower()}@{domain}>",
        to=f"Example Sales <{ALIAS}>",
    )
    unsub = (
        f"<https://{domain}/u/{token(rng, 24).lower()}>, "
        f"<mailto:unsubscribe@{domain}?subject=unsubscribe>"
    )
    if style in ("list-id", "mailman"):
        head += [
            ("List-Id", f"<{token(rng, 6).lower()}.{domain}>"),
            ("List-Unsubscribe", unsub),
            ("Precedence", "list"),
        ]
        if style == "mailman":
            head += [
                ("List-Post", f"<mailto:{sender.split('<')[1].rstrip('>')}>"),
                ("X-Mailman-Version", "3.3.8"),
            ]
            head[1] = ("From", "Rui Tavares via dev-discuss <dev-discuss@lists.opensource-hub.org>")
    elif style == "precedence":
        head += [("Precedence", "bulk"), ("List-Unsubscribe", unsub)]
    elif style == "esp":
        head += [
            ("List-Unsubscribe", unsub),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ("X-Mailer", "MailChimp Mailer - **CID" + token(rng, 20).lower() + "**"),
            ("Feedback-ID", f"{rng.randrange(10**6, 10**7)}:{token(rng, 8)}:mc"),
        ]
    else:
        head += [("List-Unsubscribe", unsub)]
    body = (
        f"{subject}\n\nRead online: https://{domain}/issues/{rng.randrange(100, 999)}\n\n"
        "You are receiving this email because you subscribed to our updates.\n"
        f"Unsubscribe: https://{domain}/u/{token(rng, 24).lower()}\n"
    )
    head += [("MIME-Version", "1.0")]
    pixel = f'<img src="https://{domain}/o.gif" width=1 height=1>'
    html = f"<html><body>{html_paras(body)}{pixel}</body></html>"
    return multipart(
        head,
        "multipart/alternative",
        [
            part("text/plain; charset=utf-8", body, "Content-Transfer-Encoding: 8bit"),
            part("text/html; charset=utf-8", html, "Content-Transfer-Encoding: 8bit"),
        ],
        rng,
        "",
    )


GITHUB = [
    ("noreply", "[GitHub] A third-party OAuth application has been added to your account"),
    ("noreply", "[GitHub] Please verify your device"),
    ("noreply", "[GitHub] Your Dependabot alerts digest"),
    ("notifications", "[example/salesops-infra] Bump fastapi from 0.110.0 to 0.111.0 (PR #412)"),
    ("notifications", "Re: [example/website] Pricing page typo (Issue #88)"),
    ("noreply", "[GitHub] Sudo email verification code"),
]
OTHER_NOREPLY = [
    ("Google <no-reply@accounts.google.com>", "Security alert"),
    ("Calendly <no-reply@calendly.com>", "New Event: Olivia Whitfield - 30 Minute Meeting"),
    ("Stripe <no-reply@stripe.com>", "Your receipt from Example Cloud #1482-3391"),
    ("Zoom <no-reply@zoom.us>", "Cloud Recording - Pipeline review is now available"),
    ("LinkedIn <messages-noreply@linkedin.com>", "Marcus, you appeared in 9 searches this week"),
    ("DocuSign NA3 System <dse_NA3@docusign.net>", "Completed: Please DocuSign: Order Form Q3"),
    ("Microsoft 365 <no-reply@microsoft.com>", "Your subscription renews soon"),
    ("donotreply@portal.kundenservice-bank.de", "Ihre neue Kontomitteilung ist verfügbar"),
    ("Typeform <notifications@typeform.com>", "New response to Contact us"),
]


def github(rng: random.Random, local: str, subject: str) -> bytes:
    when = _when(rng)
    if local == "notifications":
        who = rng.choice(["dependabot[bot]", "Olivia Whitfield", "kim-berger"])
        sender = f"{who} <notifications@github.com>"
    else:
        sender = "GitHub <noreply@github.com>"
    head = _head(
        rng,
        sender,
        subject,
        when,
        f"<example/repo/pull/{rng.randrange(100, 999)}@github.com>",
        to=f"example/salesops-infra <salesops-infra@noreply.github.com>, {ALIAS}",
    )
    if local == "notifications":
        head += [
            ("Reply-To", f"example/repo <reply+{token(rng, 30)}@reply.github.com>"),
            ("List-ID", "example/salesops-infra <salesops-infra.example.github.com>"),
            ("List-Unsubscribe", f"<mailto:unsub+{token(rng, 20)}@reply.github.com>"),
            ("X-GitHub-Reason", "subscribed"),
            ("Precedence", "list"),
        ]
    head += [
        ("X-GitHub-Sender", "github"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "7bit"),
    ]
    return header_bytes(head) + crlf(
        f"Hey there!\n\n{subject}\n\nIf this wasn't you, please review your account at "
        "https://github.com/settings/security\n\nThanks,\nThe GitHub Team\n"
    )


def noreply(rng: random.Random, sender: str, subject: str) -> bytes:
    when = _when(rng)
    domain = sender.split("@")[1].rstrip(">")
    head = _head(rng, sender, subject, when, f"<{token(rng, 24).lower()}@{domain}>")
    head += [
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    return header_bytes(head) + crlf(
        f"{subject}\n\nThis is an automated message; please do not reply.\n"
    )


__all__ = ["autoreply", "arf", "bulk", "dmarc", "github", "noreply", "receipt", "ticket_autoreply"]
_ = our_original
