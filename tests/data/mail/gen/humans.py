"""People writing to the sales alias: the hard forwards (quoted reply headers inside a
forwarded mail, nested forwards, no-reply notifications, alias only in Cc, …), customers
writing directly, colleagues replying to customers, and internal mail."""

from __future__ import annotations

from collections.abc import Iterator

from . import clients as c
from . import clients2 as c2
from .fmt import (
    ALIAS,
    Built,
    Person,
    exchange_id,
    gmail_date,
    gmail_id,
    html_paras,
    mail,
    outlook_date,
    outlook_id,
    received,
    rfc_date,
    seed,
    to_bytes,
    uid,
    when,
)
from .forwards import new_case
from .langs import LANGS
from .people import Registry
from .texts import T


def hard_forwards(reg: Registry) -> Iterator[Built]:
    # 1. The forwarded customer mail quotes an earlier Outlook-style block from a competitor's
    #    rep: the forwarded sender is the lead, the quoted person is not.
    for i, (lang, make) in enumerate(
        [
            ("en", c.gmail),
            ("de", c.outlook_desktop),
            ("fr", c.apple),
            ("en", c.owa),
            ("nl", c2.thunderbird),
        ],
        1,
    ):
        f = new_case(reg, lang, f"quoted-competitor-{i}")
        rival = reg.external(
            f"j.{['miller', 'hartmann', 'dubois', 'grant', 'visser'][i - 1]}",
            [
                "rivalmetrics.io",
                "konkurrenz-analytics.de",
                "concurrent-data.fr",
                "rivalmetrics.io",
                "andere-tools.nl",
            ][i - 1],
            ["Jake Miller", "Jens Hartmann", "Julie Dubois", "Jo Grant", "Joost Visser"][i - 1],
        )
        lg = LANGS[lang]
        fr, sent, to, _cc, subj = lg.outlook
        f.body += (
            f"\n\n{fr}{lg.colon}{rival.plain()}\n{sent}{lg.colon}"
            f"{outlook_date(lang, f.sent.replace(day=max(1, f.sent.day - 3)))}\n"
            f"{to}{lg.colon}{f.customer.plain()}\n{subj}{lg.colon}Renewal offer\n\n"
            "Hi, following up on our call - we can match any quote you get this quarter.\n"
        )
        yield Built(
            f"forward/hard/quoted-competitor-{lang}-{i}.eml",
            to_bytes(make(f)),
            "forward",
            {"owa": "outlook_web", "apple": "apple_mail"}.get(make.__name__, make.__name__),
            lang,
            f.customer.email,
            f.colleague.email,
            case="forwarded mail quotes an earlier Outlook header block of a third party",
        )

    # 2. Nested forwards: a colleague forwards a colleague's forward; innermost external wins.
    for i, (lang, outer_client) in enumerate(
        [
            ("en", "gmail"),
            ("de", "outlook"),
            ("fr", "gmail"),
            ("es", "outlook"),
            ("en", "attached"),
        ],
        1,
    ):
        f = new_case(reg, lang, f"nested-{i}")
        first = reg.colleague(lang, seed("nested-first", i))
        if first.email == f.colleague.email:
            first = Person("Alex Meyer", "alex.meyer@example.com")
        inner = c.Fwd(
            lang=f.lang,
            texts=f.texts,
            colleague=first,
            customer=f.customer,
            company=f.company,
            subject=f.subject,
            body=f.body,
            note=f.texts.notes[2],
            sent=f.sent,
            fwd=f.fwd,
            rng=f.rng,
            to=[Person(f.colleague.name, f.colleague.email)],
        )
        inner_msg = c.gmail(inner) if i != 2 else c.outlook_desktop(inner)
        inner_text = inner_msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        if outer_client == "attached":
            raw = c2.attached(f, encoding="7bit", outer="outlook", inner=inner_msg)
        else:
            outer = c.Fwd(
                lang=f.lang,
                texts=f.texts,
                colleague=f.colleague,
                customer=first,
                company="Example",
                subject=str(inner_msg["Subject"]),
                body=inner_text,
                note=f.texts.notes[0],
                sent=f.fwd,
                fwd=f.fwd.replace(minute=(f.fwd.minute + 9) % 60),
                rng=f.rng,
            )
            raw = to_bytes(c.gmail(outer) if outer_client == "gmail" else c.outlook_desktop(outer))
        yield Built(
            f"forward/hard/nested-{lang}-{i}.eml",
            raw,
            "forward",
            "gmail"
            if outer_client == "gmail"
            else "outlook_desktop"
            if outer_client == "outlook"
            else "rfc822_7bit",
            lang,
            f.customer.email,
            f.colleague.email,
            case="nested forward: colleague forwards a colleague's forward",
        )

    # 3. A forwarded notification from a no-reply sender: no lead (noreply@ is nobody).
    for i, (lang, sender, subj) in enumerate(
        [
            (
                "en",
                Person("Webinar Platform", "noreply@webinar-platform.example.net"),
                "New registration: Pricing webinar",
            ),
            (
                "de",
                Person("Shop System", "no-reply@shopsystem-benachrichtigung.de"),
                "Neue Bestellung #10492",
            ),
            (
                "en",
                Person("", "notifications@noreply.formbuilder.example.io"),
                "New form submission: Contact us",
            ),
        ],
        1,
    ):
        f = new_case(reg, lang, f"noreply-{i}")
        f.customer, f.subject = sender, subj
        f.body = (
            f"{subj}\n\nThis is an automated notification. Please do not reply to this message.\n"
        )
        reg.used.discard(f.customer.email)
        yield Built(
            f"forward/hard/noreply-{lang}-{i}.eml",
            to_bytes(c.gmail(f)),
            "forward",
            "gmail",
            lang,
            referrer=None,
            case="forwarded notification from a no-reply sender",
        )

    # 4. Spanish Outlook without a CC line (desktop and web).
    for i, make in enumerate(
        [c.outlook_desktop, c.owa, lambda f: c.outlook_desktop(f, plain=True)], 1
    ):
        f = new_case(reg, "es", f"es-nocc-{i}")
        f.cc = []
        yield Built(
            f"forward/hard/es-outlook-no-cc-{i}.eml",
            to_bytes(make(f)),
            "forward",
            ["outlook_desktop", "outlook_web", "outlook_desktop_plain"][i - 1],
            "es",
            f.customer.email,
            f.colleague.email,
            case="Spanish Outlook without a CC line",
        )

    # 5. The alias only in Cc: a colleague forwards to a colleague, sales in copy → no lead.
    for i, lang in enumerate(["en", "de"], 1):
        f = new_case(reg, lang, f"cc-only-{i}")
        f.to = [Person("Lee Park", "lee.park@example.com")]
        f.outer_cc = [Person("", ALIAS)]
        reg.used.discard(f.customer.email)
        yield Built(
            f"forward/hard/alias-cc-only-{lang}-{i}.eml",
            to_bytes(c.gmail(f)),
            "forward",
            "gmail",
            lang,
            case="sales alias only in Cc",
        )

    # 6. A forward whose only sender is a colleague (no external sender) → no lead.
    f = new_case(reg, "en", "internal-forward")
    reg.used.discard(f.customer.email)
    f.customer = Person("Lee Park", "lee.park@example.com")
    f.subject, f.body = "Q3 territory plan", "Attached is the draft territory plan for Q3.\n\nLee\n"
    yield Built(
        "forward/hard/forward-of-colleague-en.eml",
        to_bytes(c.outlook_desktop(f)),
        "forward",
        "outlook_desktop",
        "en",
        case="forward of a colleague's mail: no external sender",
    )

    # 7. Display names Outlook writes without quotes ("Müller, Hans"), and 'x@y <x@y>'.
    f = new_case(reg, "de", "comma-name")
    f.customer = Person("Müller, Hans", f.customer.email)
    yield Built(
        "forward/hard/comma-display-name-de.eml",
        to_bytes(c.outlook_desktop(f)),
        "forward",
        "outlook_desktop",
        "de",
        f.customer.email,
        f.colleague.email,
        case="display name 'Last, First' unquoted",
    )
    f = new_case(reg, "en", "address-as-name")
    f.customer = Person(f.customer.email, f.customer.email)
    yield Built(
        "forward/hard/address-as-name-en.eml",
        to_bytes(c.owa(f)),
        "forward",
        "outlook_web",
        "en",
        f.customer.email,
        f.colleague.email,
        case="sender shown as 'x@y <x@y>'",
    )

    # 8. HTML-only Outlook on the web forward: the address only in the mailto link.
    f = new_case(reg, "en", "mailto-only")
    html = (
        f'<html><body><div>{html_paras(f.note or "")}</div><hr><div id="divRplyFwdMsg" dir="ltr">'
        f'<b>From:</b> <a href="mailto:{f.customer.email}">{f.customer.name}</a><br><b>Sent:</b> '
        f"{outlook_date('en', f.sent)}<br><b>To:</b> {f.colleague.name}<br><b>Subject:</b> "
        f"{f.subject}"
        f"</div><div>{html_paras(f.body)}</div></body></html>"
    )
    msg = mail(f.head("FW:", [("Thread-Topic", f.subject)], exchange_id(f.rng)), None, html)
    yield Built(
        "forward/hard/html-only-mailto-en.eml",
        to_bytes(msg),
        "forward",
        "outlook_web",
        "en",
        f.customer.email,
        f.colleague.email,
        case="HTML only; the address only in a mailto link",
    )

    # 9. Forward subjects a person edited or a gateway tagged.
    for i, (lang, prefix) in enumerate(
        [("en", "[EXTERNAL] FW:"), ("de", "WG: AW:"), ("en", "")], 1
    ):
        f = new_case(reg, lang, f"subject-{i}")
        msg = c.outlook_desktop(f) if prefix else c.gmail(f)
        del msg["Subject"]
        msg["Subject"] = f"{prefix} {f.subject}".strip() if prefix else f"Lead for you: {f.subject}"
        yield Built(
            f"forward/hard/subject-{lang}-{i}.eml",
            to_bytes(msg),
            "forward",
            "outlook_desktop" if prefix else "gmail",
            lang,
            f.customer.email,
            f.colleague.email,
            case=f"subject {'tagged ' + prefix if prefix else 'without a forward prefix'}",
        )

    # 10. Legacy charsets: ISO-2022-JP (Japanese Outlook), KOI8-R (Russian Thunderbird).
    f = new_case(reg, "ja", "iso2022")
    msg = mail(
        f.head("FW:", [("X-Mailer", "Microsoft Outlook 16.0")], outlook_id(f.rng)),
        f.lead_in()
        + "\n".join(c._outlook_block(f, LANGS["ja"].outlook, outlook_date("ja", f.sent), False))
        + f"\n\n{f.body}\n",
        charset="iso-2022-jp",
        cte="7bit",
    )
    yield Built(
        "forward/hard/iso-2022-jp-ja.eml",
        to_bytes(msg),
        "forward",
        "outlook_desktop",
        "ja",
        f.customer.email,
        f.colleague.email,
        case="ISO-2022-JP body",
    )
    f = new_case(reg, "ru", "koi8")
    tb = c2.thunderbird(f)
    text = tb.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    tb.set_content(text, subtype="plain", charset="koi8-r", cte="8bit", params={"format": "flowed"})
    yield Built(
        "forward/hard/koi8-r-ru.eml",
        to_bytes(tb),
        "forward",
        "thunderbird",
        "ru",
        f.customer.email,
        f.colleague.email,
        case="KOI8-R body",
    )

    # 11. The customer's mail was itself a reply to our seller (quoted "Am … schrieb …").
    for i, lang in enumerate(["de", "en"], 1):
        f = new_case(reg, lang, f"reply-inside-{i}")
        intro = "Am" if lang == "de" else "On"
        verb = "schrieb" if lang == "de" else "wrote"
        f.subject = f"{LANGS[lang].reply_prefix}: {f.subject}"
        f.body += (
            f"\n\n{intro} {rfc_date(f.sent)} {verb} {f.colleague.plain()}:\n> {T[lang].notes[1]}\n"
        )
        yield Built(
            f"forward/hard/reply-inside-forward-{lang}.eml",
            to_bytes(c.outlook_desktop(f)),
            "forward",
            "outlook_desktop",
            lang,
            f.customer.email,
            f.colleague.email,
            case="forwarded mail is the customer's reply to a colleague",
        )

    # 12. Several recipients: the alias among colleagues in To.
    f = new_case(reg, "fr", "multi-to")
    f.to = [Person("Hugo Bernard", "hugo.bernard@example.com"), Person("Ventes", ALIAS)]
    yield Built(
        "forward/hard/alias-among-recipients-fr.eml",
        to_bytes(c.outlook_desktop(f)),
        "forward",
        "outlook_desktop",
        "fr",
        f.customer.email,
        f.colleague.email,
        case="alias among several To recipients",
    )


def direct(reg: Registry) -> Iterator[Built]:
    """Customers writing to the alias themselves: the sender is the lead."""
    langs = [
        "en",
        "de",
        "fr",
        "es",
        "it",
        "nl",
        "pl",
        "sv",
        "ja",
        "ru",
        "tr",
        "pt",
        "cs",
        "fi",
        "el",
        "bg",
        "ro",
        "hu",
        "da",
        "uk",
        "lt",
        "lv",
        "et",
        "sl",
        "hr",
        "ga",
        "mt",
        "sk",
    ]
    for i, lang in enumerate(langs, 1):
        rng = seed("direct", lang)
        t = T[lang]
        cust = reg.customer(lang, rng, free_mail=i % 7 == 0)
        subject, body = t.inquiries[i % 3]
        body = body.format(first=cust.first, company=cust.company)
        sent, _ = when(rng, lang)
        domain = cust.person.email.split("@")[1]
        headers = [
            ("Received", received(rng, sent, f"mail.{domain}")),
            ("From", cust.person.addr()),
            ("To", f"Sales <{ALIAS}>"),
            ("Subject", subject),
            ("Date", rfc_date(sent)),
            ("Message-ID", gmail_id(rng) if i % 2 else f"<{uid(rng)}@{domain}>"),
            ("MIME-Version", "1.0"),
        ]
        html = f"<html><body>{html_paras(body)}</body></html>"
        msg = mail(headers, None if i % 5 == 0 else body + "\n", html if i % 3 else None)
        yield Built(
            f"direct/{lang}-{i}.eml",
            to_bytes(msg),
            "direct",
            "various",
            lang,
            cust.person.email,
            case="HTML only" if i % 5 == 0 else None,
        )
    # A customer forwards their own colleague's mail to us: the (external) sender is the lead.
    rng = seed("direct-customer-forward")
    f = new_case(reg, "en", "customer-forwards")
    boss = reg.customer("en", rng)
    f.colleague, f.customer = (
        f.customer,
        Person(
            boss.person.name, boss.person.email.split("@")[0] + "@" + f.customer.email.split("@")[1]
        ),
    )
    yield Built(
        "direct/customer-forwards-own-colleague-en.eml",
        to_bytes(c.gmail(f)),
        "direct",
        "gmail",
        "en",
        f.colleague.email,
        case="an external sender forwarding: the sender is the lead",
    )
    # A customer replies to our seller with the alias in To, quoting the seller's Outlook block.
    f = new_case(reg, "de", "customer-replies")
    seller = f.colleague
    lg = LANGS["de"]
    fr, sent_l, to_l, _cc, subj_l = lg.outlook
    body = (
        f"{f.body}\n\n{fr}: {seller.plain()}\n{sent_l}: {outlook_date('de', f.sent)}\n{to_l}: "
        f"{f.customer.plain()}\n{subj_l}: Ihr Angebot\n\nHallo, anbei unser Angebot.\n"
    )
    headers = [
        ("From", f.customer.addr()),
        ("To", ALIAS),
        ("Cc", seller.addr()),
        ("Subject", "AW: Ihr Angebot"),
        ("Date", rfc_date(f.fwd)),
        ("Message-ID", outlook_id(f.rng, f.customer.email.split("@")[1])),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ]
    yield Built(
        "direct/customer-reply-quoting-seller-de.eml",
        to_bytes(mail(headers, body)),
        "direct",
        "outlook_desktop",
        "de",
        f.customer.email,
        case="customer's reply quoting our seller",
    )


def replies_and_internal(reg: Registry) -> Iterator[Built]:
    """Colleagues' replies to customers and internal mail: never a lead."""
    for i, (lang, style) in enumerate(
        [
            ("en", "gmail"),
            ("de", "outlook"),
            ("fr", "outlook"),
            ("es", "gmail"),
            ("it", "outlook"),
            ("nl", "apple"),
            ("sv", "outlook"),
            ("pl", "outlook"),
            ("ja", "outlook"),
            ("en", "outlook"),
            ("de", "apple"),
            ("ru", "gmail"),
            ("tr", "outlook"),
            ("fi", "outlook"),
            ("da", "gmail"),
        ],
        1,
    ):
        f = new_case(reg, lang, f"reply-{i}")
        reg.used.discard(f.customer.email)
        lg = LANGS[lang]
        answer = {
            "en": "Thanks - I've added pricing for 40M events below. Happy to talk Thursday.",
            "de": "Danke für Ihre Anfrage, ich melde mich morgen mit einem Angebot.",
            "fr": "Merci, je vous envoie une proposition demain.",
        }.get(lang, f.texts.notes[1])
        if style == "outlook":
            fr, sent, to, _cc, subj = lg.outlook
            quote = (
                f"{fr}{lg.colon}{f.customer.plain()}\n"
                f"{sent}{lg.colon}{outlook_date(lang, f.sent)}\n"
                f"{to}{lg.colon}{f.colleague.plain()}\n{subj}{lg.colon}{f.subject}\n\n{f.body}"
            )
            text = f"{answer}\n\n{f.sig()}\n\n{quote}\n"
            prefix = lg.reply_prefix
        elif style == "apple":
            quote = "\n".join("> " + x for x in f.body.split("\n"))
            said = f"> On {rfc_date(f.sent)}, {f.customer.plain()} wrote:"
            text = f"{answer}\n\n{f.sig()}\n\n{said}\n>\n{quote}\n"
            prefix = "Re"
        else:
            quote = "\n".join("> " + x for x in f.body.split("\n"))
            text = (
                f"{answer}\n\nOn {gmail_date(lang, f.sent, lg.gmail_at)}, "
                f"{f.customer.plain()} wrote:\n\n"
                f"{quote}\n"
            )
            prefix = "Re"
        f.to = [Person(f.customer.name, f.customer.email), Person("", ALIAS)]
        headers = f.head(
            f"{prefix}:", [("In-Reply-To", f"<{uid(f.rng)}@example.org>")], outlook_id(f.rng)
        )
        yield Built(
            f"reply/{lang}-{style}-{i}.eml",
            to_bytes(mail(headers, text)),
            "reply",
            style,
            lang,
            case="colleague's reply to a customer, alias in To",
        )
    for i, (subject, body) in enumerate(
        [
            (
                "Pipeline review Thursday",
                "Hi all,\n\nmoving the pipeline review to Thursday 10:00.\n\nKim",
            ),
            (
                "Who covers Benelux leads?",
                "Quick one: who picks up Benelux leads while Anouk is out?",
            ),
            ("Lunch", "Anyone up for lunch at 12:30?"),
            (
                "Quartalsziele Vertrieb",
                "Hallo zusammen,\n\nanbei die Quartalsziele. Bitte bis Freitag prüfen.\n\nJana",
            ),
            (
                "Nouvelle grille tarifaire",
                "Bonjour à tous,\n\nla nouvelle grille tarifaire est en ligne sur l'intranet.",
            ),
            (
                "Re: CRM export",
                "Done, the export is in the shared drive.\n\n> Can someone export last "
                "month's leads?",
            ),
            (
                "Vacaciones de agosto",
                "Hola equipo,\n\npor favor apuntad vuestras vacaciones en el calendario.",
            ),
            ("Training: objection handling", "Reminder: training tomorrow 9:00, room Atlas."),
        ],
        1,
    ):
        rng = seed("internal", i)
        f = new_case(reg, ["en", "en", "en", "de", "fr", "en", "es", "en"][i - 1], f"internal-{i}")
        reg.used.discard(f.customer.email)
        headers = [
            ("From", f.colleague.addr()),
            ("To", f"Sales team <{ALIAS}>"),
            ("Subject", subject),
            ("Date", rfc_date(f.fwd)),
            ("Message-ID", outlook_id(rng)),
            ("MIME-Version", "1.0"),
        ]
        yield Built(
            f"internal/{i:02d}.eml",
            to_bytes(mail(headers, body + "\n")),
            "internal",
            "various",
            f.lang.code,
            case="internal mail to the alias",
        )
