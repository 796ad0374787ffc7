# ruff: noqa: E501 - tables of localised texts, one entry a line
"""Holdout 4 (task h15fix): people whose mail looks a little like a robot's or a forward —
they stay leads (direct) or stay non-forwards (a colleague's reply). A false "robot" is a
lost lead. Written before the detector was changed; every person is invented."""

from __future__ import annotations

from collections.abc import Iterator

from tests.data.mail.gen.h4_mime import (
    ALIAS,
    KIM,
    Entry,
    fields,
    message,
    multipart,
    text_part,
    who,
)

DIRECT = (
    ("en", "Absence management software: quote for 200 staff",
     "Hello, we are looking for an absence management tool for 200 employees. "
     "Could you send us a quote?", ()),
    ("en", "Out of office hours support - pricing?",
     "Do you offer support outside office hours, and what does it cost for 50 users?", ()),
    ("en", "Automatic renewal: question about our contract",
     "Our contract renews automatically in January. Can we add 20 seats before that?", ()),
    ("en", "Undeliverable parcels: do you integrate with DHL?",
     "We ship 3,000 parcels a month. Does your tool flag undeliverable parcels?", ()),
    ("en", "Quote before my holiday",
     "Hi, I'll be on vacation from 12 to 23 August and back on 26 August. Could you send "
     "the quote for 40 seats before the 10th so I can sign it?", ()),
    ("de", "Angebot vor meinem Urlaub",
     "Guten Tag, ich bin vom 12. bis 23. August im Urlaub und ab dem 26. August wieder "
     "im Büro. Können Sie mir bis Freitag ein Angebot für 40 Lizenzen schicken?", ()),
    ("fr", "Devis avant mes congés",
     "Bonjour, je serai en congé du 12 au 23 août, de retour le 26 août. Pourriez-vous "
     "m'envoyer un devis pour 40 licences avant vendredi ?", ()),
    ("en", "Bounce rates in our CRM",
     "We keep getting '550 5.1.1 user unknown' bounces from our CRM. Does your product "
     "clean lists before sending? We'd like a demo.", ()),
    ("en", "Demo request", "Hi, we'd like a demo next week for our team of 25.",
     (("Auto-Submitted", "no"),)),
    ("en", "Pricing for our studio", "Hello, what would 12 seats cost per year?", ()),
)  # fmt: skip
SENDERS = {  # index -> (name, address) where it matters
    9: ("Lea Fischer", "lea@bounce.studio"),
}


def direct(start: int) -> Iterator[Entry]:
    for j, (lang, subject, text, extra) in enumerate(DIRECT):
        i = start + j
        name, email = SENDERS.get(j, (f"Buyer {i}", f"buyer{i}@company-{lang}-{i}.com"))
        raw = message(i, who(name, email), subject, text_part(text + "\n"), extra=extra, day=j)
        yield (f"direct/{lang}-{i}.eml", raw, fields("direct", "direct", lang, lead=email))
    # A customer's meeting invitation (METHOD:REQUEST) is a person's mail.
    i = start + len(DIRECT)
    email = f"olivia.grant{i}@harbour-freight.co.uk"
    ics = (
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nPRODID:-//Example//Cal//EN\r\nVERSION:2.0\r\n"
        f"BEGIN:VEVENT\r\nUID:h4-invite-{i}\r\nORGANIZER:mailto:{email}\r\n"
        "DTSTART:20261112T140000Z\r\nSUMMARY:Intro call: pricing\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    body = multipart(
        "alternative",
        [
            text_part("Hi, let's talk pricing on Thursday. Invitation attached.\n"),
            f'Content-Type: text/calendar; charset="utf-8"; method=REQUEST\r\n\r\n{ics}'.encode(),
        ],
        f"inv{i}",
    )
    raw = message(i, who("Olivia Grant", email), "Invitation: Intro call: pricing", body)
    yield f"direct/en-invite-{i}.eml", raw, fields("direct", "invite", "en", lead=email)
    # A customer whose domain is written in punycode in the From header.
    i += 1
    email = f"hello{i}@xn--brotchen-shop-ilb.de"
    raw = message(i, who("Bärbel Sauer", email), "Anfrage Lizenzen",
                  text_part("Hallo, was kosten 15 Lizenzen?\n"))  # fmt: skip
    yield f"direct/de-punycode-{i}.eml", raw, fields("direct", "punycode_from", "de", lead=email)


def replies(start: int) -> Iterator[Entry]:
    """A colleague's reply to a customer with the alias in To: not a forward (I-4)."""
    i = start  # customer also in To; Luxembourgish quoted block
    cust = f"nico.schmit{i}@lux-bau.lu"
    body = (
        "Moien Nico, mir schécken Iech muer eng Offer.\n\nKim\n\n"
        f"Vum: Nico Schmit <{cust}>\nDatum: Dënschdeg, 3. November 2026 um 09:12\n"
        f"Un: {ALIAS}\nSujet: Offer\n\nKënnt Dir eis eng Offer schécken?\n"
    )
    raw = message(i, who(*KIM), "Äntw: Offer", text_part(body), to=f"{cust}, {ALIAS}")
    yield f"reply/lb-{i}.eml", raw, fields("reply", "reply_unlisted", "lb")
    i += 1  # Re: with a Gmail quote line, customer in To
    cust = f"rosa.mendez{i}@andes-export.cl"
    body = (
        "Hola Rosa, te envío la propuesta mañana.\n\nKim\n\n"
        f"El mar, 3 nov 2026 a las 9:12, Rosa Mendez <{cust}> escribió:\n> ¿Nos pueden cotizar?\n"
    )
    raw = message(i, who(*KIM), "Re: Cotización", text_part(body), to=f"{cust}, {ALIAS}")
    yield f"reply/es-{i}.eml", raw, fields("reply", "reply_gmail", "es")


def humans(start: int = 6000) -> list[Entry]:
    return [*direct(start), *replies(start + 30)]
