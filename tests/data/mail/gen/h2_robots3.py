"""Holdout 2: bulk mail, no-reply notifications, calendar answers, challenge-response."""

from __future__ import annotations

from collections.abc import Iterator

from tests.data.mail.gen.h2_mime import ALIAS, hdr, message, msgid, multipart, part, to_html
from tests.data.mail.gen.h2_robots import Entry, robot

BULK = (
    # from, subject, extra headers
    (
        "Cloudly Team <news@cloudly-saas.io>",
        "Our December product update",
        (
            ("List-Id", "Cloudly News <news.cloudly-saas.io>"),
            ("List-Unsubscribe", "<https://cloudly-saas.io/u/abc>, <mailto:unsub@cloudly-saas.io>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ),
    ),
    (
        "Anna from Trellix <anna@trellix-startup.com>",
        "Quick question about your workflow",
        (
            ("List-Unsubscribe", "<https://trellix-startup.com/unsubscribe?u=42>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ),
    ),
    (
        "Branchen-Newsletter <info@fachverband-logistik.de>",
        "Newsletter Dezember 2026",
        (("Precedence", "bulk"),),
    ),
    (
        "SaaS Weekly <hello@saasweekly.email>",
        "Issue #212: pricing pages that convert",
        (
            ("List-Id", "<saasweekly.list-id.mcsv.net>"),
            ("X-Mailer", "MailChimp Mailer"),
            ("List-Unsubscribe", "<https://saasweekly.us1.list-manage.com/unsubscribe>"),
        ),
    ),
    (
        "Événements Pro <contact@salon-pro.fr>",
        "Invitation : Salon du numérique 2027",
        (("Precedence", "list"), ("List-Unsubscribe", "<mailto:desinscription@salon-pro.fr>")),
    ),
    (
        "Marketing <marketing@bigvendor.com>",
        "Webinar: AI for sales teams",
        (("X-HubSpot-Email", "1"), ("List-Unsubscribe", "<https://hs.bigvendor.com/unsub>")),
    ),
    (
        "discuss@lists.opensource-proj.org",
        "[discuss] Release 4.2 is out",
        (
            ("List-Id", "General discussion <discuss.lists.opensource-proj.org>"),
            ("List-Post", "<mailto:discuss@lists.opensource-proj.org>"),
            ("Precedence", "list"),
        ),
    ),
    (
        "Rabatt Shop <angebote@rabatt-shop.de>",
        "Nur heute: 30 % auf alles",
        (
            ("Feedback-ID", "123:456:shop:esp"),
            ("Precedence", "bulk"),
            ("List-Unsubscribe", "<https://rabatt-shop.de/abmelden>"),
        ),
    ),
)

NOREPLY = (
    (
        "GitHub <notifications@github.com>",
        "[acme/crm] Fix login redirect (PR #42)",
        "mergebot approved this pull request.",
        (("X-GitHub-Reason", "review_requested"),),
    ),
    (
        "Jira <jira@acme-team.atlassian.net>",
        "[JIRA] (SALES-118) Update pricing page",
        "Kim Berger changed the status to Done.",
        (("Auto-Submitted", "auto-generated"),),
    ),
    (
        "Calendly <notifications@calendly.com>",
        "New Event: Lara Okafor - 30 Minute Meeting",
        "Invitee: Lara Okafor\nInvitee Email: lara.okafor@okafor-consulting.ng\n"
        "Event Date/Time: 09:00 - Wednesday, 9 December 2026",
        (),
    ),
    (
        "Stripe <notifications@stripe.com>",
        "Payment of €1,200.00 from Tejo Sistemas",
        "You received a payment of €1,200.00 from billing@tejo-sistemas.pt.",
        (),
    ),
    (
        "DocuSign NA3 System <dse_NA3@docusign.net>",
        "Completed: Please DocuSign: Order form",
        "All parties have completed Please DocuSign: Order form.",
        (),
    ),
    (
        "LinkedIn <messages-noreply@linkedin.com>",
        "You have a new message from Tom Reyes",
        "Tom Reyes sent you a message: Hi, are you the right person for partnerships?",
        (),
    ),
    (
        "Zoom <no-reply@zoom.us>",
        "Cloud Recording - Demo call is now available",
        "Your cloud recording is now available.",
        (),
    ),
    (
        "Google Calendar <calendar-notification@google.com>",
        "Notification: Demo with Fyn Robotik @ Wed 9 Dec 2026 10am",
        "This is a reminder.",
        (),
    ),
    (
        "Typeform <notifications@followups.typeform.io>",
        "New response to Contact us",
        "Name: Ada Lungu\nEmail: ada.lungu@carpati-data.ro\nMessage: Please call me.",
        (),
    ),
    (
        "Slack <feedback@slack.com>",
        "[Slack] Notifications from the Example workspace",
        "You have 3 unread messages in #sales.",
        (),
    ),
    (
        "HubSpot <noreply@notifications.hubspot.com>",
        "You've been assigned a new contact",
        "Contact: Ben Ito (ben.ito@ito-design.jp) was assigned to you.",
        (),
    ),
    (
        "Intercom <do-not-reply@intercom.io>",
        "New conversation from Ola Nordmann",
        "Ola Nordmann (ola@nordmann-as.no) started a conversation.",
        (),
    ),
)

CALENDAR = (
    ("en", "Accepted: Product demo @ Wed 9 Dec 2026 10:00", "ACCEPTED"),
    ("de", "Angenommen: Produktdemo", "ACCEPTED"),
    ("fr", "Refusé : Démo produit", "DECLINED"),
    ("en", "Declined: Product demo", "DECLINED"),
    ("nl", "Voorlopig: Productdemo", "TENTATIVE"),
    ("es", "Aceptado: Demostración del producto", "ACCEPTED"),
)


def bulk(start: int) -> Iterator[Entry]:
    for j, (frm, subject, extra) in enumerate(BULK):
        i = start + j
        text = f"{subject}\n\nRead online. Unsubscribe at any time.\n"
        body = multipart(
            "alternative", [part("text/plain", text), part("text/html", to_html(text))], f"bulk{i}"
        )
        headers = [
            ("From", hdr(frm)),
            ("To", ALIAS),
            ("Subject", hdr(subject)),
            ("Date", "Mon, 07 Dec 2026 07:00:00 +0000"),
            ("Message-ID", msgid(f"bulk{i}", "esp.invalid")),
            *extra,
        ]
        yield (f"bulk/{j + 1:02d}.eml", message(headers, body), robot("bulk", "newsletter"))


def noreply(start: int) -> Iterator[Entry]:
    for j, (frm, subject, text, extra) in enumerate(NOREPLY):
        i = start + j
        headers = [
            ("From", hdr(frm)),
            ("To", ALIAS),
            ("Subject", hdr(subject)),
            ("Date", "Mon, 07 Dec 2026 12:00:00 +0000"),
            ("Message-ID", msgid(f"nr{i}", "notify.invalid")),
            *extra,
        ]
        yield (
            f"noreply/{frm.split('<')[1].split('@')[1].rstrip('>')}-{j}.eml",
            message(headers, part("text/plain", text + "\n")),
            robot("noreply", "notification"),
        )


def calendar(start: int) -> Iterator[Entry]:
    for j, (lang, subject, partstat) in enumerate(CALENDAR):
        i = start + j
        who = f"invitee{i}@customer-{lang}-{i}.com"
        ics = (
            "BEGIN:VCALENDAR\nMETHOD:REPLY\nPRODID:Microsoft Exchange Server 2010\nVERSION:2.0\n"
            f"BEGIN:VEVENT\nATTENDEE;PARTSTAT={partstat}:mailto:{who}\nUID:demo-{i}@example.com"
            "\nSUMMARY:Product demo\nDTSTART:20261209T090000Z\nEND:VEVENT\nEND:VCALENDAR\n"
        )
        body = multipart(
            "alternative",
            [
                part("text/plain", f"{subject}\n"),
                part("text/calendar; method=REPLY", ics, "utf-8", "7bit").replace(
                    b'; charset="utf-8"', b'; charset="utf-8"; method=REPLY', 0
                ),
            ],
            f"cal{i}",
        )
        headers = [
            ("From", f"Invitee {i} <{who}>"),
            ("To", ALIAS),
            ("Subject", hdr(subject)),
            ("Date", "Mon, 07 Dec 2026 13:00:00 +0100"),
            ("Message-ID", msgid(f"cal{i}", f"customer-{lang}-{i}.com")),
        ]
        yield (
            f"autoreply/calendar-{lang}-{i}.eml",
            message(headers, body),
            robot("autoreply", "calendar", lang),
        )


def challenge(start: int) -> Iterator[Entry]:
    rows = (
        ("Boxbe <notification@boxbe.com>", "Request to join my Guest List (Following up)", ()),
        ("Spam Arrest <verify@spamarrest.com>", "Please verify your email address", ()),
        (
            "Mikael Berg <mikael.berg@berg-konsult.se>",
            "[Verification required] Following up",
            (("Auto-Submitted", "auto-replied"),),
        ),
    )
    for j, (frm, subject, extra) in enumerate(rows):
        i = start + j
        text = (
            "I protect my inbox from spam. Please click the link below to confirm you "
            "are a person; your message will be delivered once you do.\n"
        )
        headers = [
            ("From", hdr(frm)),
            ("To", ALIAS),
            ("Subject", subject),
            ("Date", "Mon, 07 Dec 2026 14:00:00 +0100"),
            ("Message-ID", msgid(f"cr{i}", "challenge.invalid")),
            *extra,
        ]
        yield (
            f"autoreply/challenge-{j}.eml",
            message(headers, part("text/plain", text)),
            robot("autoreply", "challenge-response"),
        )
