# ruff: noqa  (task auth5's generator, adapted: data tables, long header and body strings)
"""Forwards with unusual structure: Horde, Notes, GroupWise, Yandex, Orange, HTML-only tables,
mailto-only senders, 'on behalf of', 'via' rewriting, chains, double forwards, colleague-sent
originals with the customer in Cc, forwarded customer replies to our own outbound mail."""

from __future__ import annotations

from html import escape as _escape


def escape(s: str) -> str:
    return _escape(s, quote=False).replace('"', "&quot;")


from tests.data.mail.gen.h5_common import (
    ALIAS,
    addr,
    colleague,
    hval,
    leaf,
    message,
    mid,
    multi,
    other_colleague,
    received,
    rfc,
    rfc822,
    when,
)
from tests.data.mail.gen.h5_dates import gmail_date, hm, mon, outlook_long, wd
from tests.data.mail.gen.h5_fwd import L, render, orig_values
from tests.data.mail.gen.h5_people import ask, first_name, person


def original_raw(
    cust, to, d, subj, body, charset="utf-8", cte="8bit", n=0, html=False, extra=None
) -> bytes:
    hs = [
        ("From", addr(*cust)),
        ("To", addr(*to)),
        ("Subject", hval(subj, charset)),
        ("Date", rfc(d)),
        ("Message-ID", mid(n, cust[1].split("@")[1], 3)),
    ] + (extra or [])
    if html:
        b = leaf(
            "<html><body><p>" + escape(body).replace("\n", "<br>\n") + "</p></body></html>",
            "text/html",
            charset,
            cte,
        )
    else:
        b = leaf(body, "text/plain", charset, cte)
    return message(hs, b)


def specials(f, c) -> None:
    # --- Horde (3) ---
    for lang in ("de", "en", "es"):
        n = c.next()
        col = colleague(n)
        cust = person(lang)
        subj, body = ask(lang, first_name(cust[0], lang))
        d0 = when(n, lang, 200)
        lab = {
            "de": (
                "Weitergeleitete Nachricht von",
                "Datum",
                "Von",
                "Betreff",
                "An",
                "Ende der weitergeleiteten Nachricht",
            ),
            "en": (
                "Forwarded message from",
                "Date",
                "From",
                "Subject",
                "To",
                "End forwarded message",
            ),
            "es": (
                "Mensaje reenviado de",
                "Fecha",
                "De",
                "Asunto",
                "Para",
                "Terminar mensaje reenviado",
            ),
        }[lang]
        w = max(len(x) for x in lab[1:5])
        block = (
            f"----- {lab[0]} {cust[1]} -----\n"
            + f"{lab[1]:>{w}}: {rfc(d0)}\n"
            + f"{lab[2]:>{w}}: {cust[0]} <{cust[1]}>\n"
            + f"{lab[3]:>{w}}: {subj}\n"
            + f"{lab[4]:>{w}}: {col[0]} <{col[1]}>\n"
        )
        text = (
            f"Bitte übernehmen.\n\n{block}\n{body}\n\n----- {lab[5]} -----\n"
            if lang == "de"
            else f"Please take this one.\n\n{block}\n{body}\n\n----- {lab[5]} -----\n"
        )
        f.emit(
            "horde",
            lang,
            text,
            f"Fwd: {subj}",
            col,
            cust[1],
            n=n,
            case="Horde: right-aligned labels, sender address in the separator line",
        )

    # --- Lotus / HCL Notes (3) ---
    n = c.next()
    col = colleague(n)
    cust = person("en")
    subj, body = ask("en", first_name(cust[0], "en"))
    d0 = when(n, "en", 300)
    text = (
        f"Please follow up.\n\n----- Forwarded by {col[0]}/Sales/Example on {d0.month:02d}/{d0.day:02d}/{d0.year} {d0.strftime('%I:%M %p')} -----\n\n"
        f'"{cust[0]}" <{cust[1]}>\n{d0.month:02d}/{d0.day:02d}/{d0.year} {d0.strftime("%I:%M %p")}\n\nTo\n"{col[0]}" <{col[1]}>\ncc\n\nSubject\n{subj}\n\n\n\n\n{body}\n'
    )
    f.emit(
        "lotus_notes",
        "en",
        text,
        f"Fw: {subj}",
        col,
        cust[1],
        n=n,
        charset="us-ascii",
        cte="7bit",
        case="Notes 8 layout: sender on its own line, no 'From:' label; labels To/cc/Subject on separate lines",
    )
    n = c.next()
    col = colleague(n)
    cust = person("de")
    subj, body = ask("de", first_name(cust[0], "de"))
    d0 = when(n, "de", 300)
    text = (
        f"zur Kenntnis\n\n----- Weitergeleitet von {col[0]}/EXAMPLE am {d0.day:02d}.{d0.month:02d}.{d0.year} {hm(d0)} -----\n\n"
        f"Von:\t{cust[0]} <{cust[1]}>\nAn:\t{col[1]}\nDatum:\t{d0.day:02d}.{d0.month:02d}.{d0.year} {hm(d0)}\nBetreff:\t{subj}\n\n\n\n{body}\n"
    )
    f.emit("lotus_notes", "de", text, f"WG: {subj}", col, cust[1], n=n, charset="iso-8859-1")
    n = c.next()
    col = colleague(n)
    cust = person("en")
    subj, body = ask("en", first_name(cust[0], "en"))
    d0 = when(n, "en", 300)
    text = (
        f"FYI\n\n----- Forwarded by {col[0]}/US/EXAMPLE on {d0.month:02d}/{d0.day:02d}/{d0.year} {d0.strftime('%I:%M %p')} -----\n\n"
        f"From:\t{cust[0]} <{cust[1]}>\nTo:\t{col[0]}/US/EXAMPLE@EXAMPLE\nDate:\t{d0.month:02d}/{d0.day:02d}/{d0.year} {d0.strftime('%I:%M %p')}\nSubject:\t{subj}\n\n\n\n{body}\n"
    )
    f.emit(
        "lotus_notes",
        "en",
        text,
        f"Fw: {subj}",
        col,
        cust[1],
        n=n,
        charset="us-ascii",
        cte="7bit",
        case="Notes canonical name 'Name/US/EXAMPLE@EXAMPLE' in To (not an address)",
    )

    # --- GroupWise: original attached as Mime.822 (2) ---
    for lang, cte in (("en", "7bit"), ("de", "base64")):
        n = c.next()
        col = colleague(n)
        cust = person(lang)
        subj, body = ask(lang, first_name(cust[0], lang))
        d0 = when(n, lang, 240)
        raw = original_raw(
            cust,
            col,
            d0,
            subj,
            body,
            "iso-8859-1" if lang == "de" else "utf-8",
            "quoted-printable" if lang == "de" else "7bit",
            n,
        )
        text = (
            "Forwarding as discussed.\n\n>>> "
            + f'"{cust[0]}" <{cust[1]}> {d0.month}/{d0.day}/{d0.year} {d0.strftime("%I:%M %p")} >>>\n(see attached)\n'
        )
        if lang == "de":
            text = "Bitte anlegen.\n"
        f.emit(
            "groupwise",
            lang,
            text,
            f"Fwd: {subj}",
            col,
            cust[1],
            n=n,
            charset="us-ascii",
            cte="7bit",
            extra_parts=[rfc822(raw, cte, name="Mime.822")],
            case="GroupWise: original attached as Mime.822 (message/rfc822)",
        )

    # --- Yandex (3): date/name line then body, end marker ---
    for lang in ("ru", "tr", "uk"):
        n = c.next()
        col = colleague(n)
        cust = person(lang)
        subj, body = ask(lang, first_name(cust[0], lang))
        d0 = when(n, lang, 200)
        top, endm = {
            "ru": (
                "-------- Пересылаемое сообщение --------",
                "-------- Конец пересылаемого сообщения --------",
            ),
            "tr": ("-------- İletilen ileti --------", "-------- İletilen iletinin sonu --------"),
            "uk": (
                "-------- Пересилання повідомлення --------",
                "-------- Кінець пересилання повідомлення --------",
            ),
        }[lang]
        text = f'Коллеги, лид.\n\n{top}\n{d0.day:02d}.{d0.month:02d}.{d0.year}, {hm(d0)}, "{cust[0]}" <{cust[1]}>:\n\n{body}\n\n{endm}\n'
        if lang == "tr":
            text = text.replace("Коллеги, лид.", "Merhaba, ilgilenebilir misiniz?")
        f.emit(
            "yandex",
            lang,
            text,
            f"Fwd: {subj}",
            col,
            cust[1],
            n=n,
            charset="utf-8",
            case="Yandex: a single 'date, \"Name\" <addr>:' line, no labels",
        )

    # --- second messages for national webmails (mail.ru, naver, qq, 163, seznam, onet, libero) ---
    for client, lang in (
        ("mail_ru", "ru"),
        ("naver", "ko"),
        ("qq_mail", "zh-CN"),
        ("mail_163", "zh-CN"),
        ("seznam", "cs"),
        ("onet", "pl"),
        ("libero", "it"),
    ):
        f.standard(client, lang, cte="base64", case="whole body base64")

    # --- Orange webmail (2): quoted '> Message du ...' block ---
    for k in range(2):
        n = c.next()
        col = colleague(n)
        cust = person("fr")
        subj, body = ask("fr", first_name(cust[0], "fr"))
        d0 = when(n, "fr", 200)
        q = "\n".join("> " + x for x in body.split("\n"))
        text = (
            f'Bonjour, un prospect pour vous.\n\n> Message du {d0.day:02d}/{d0.month:02d}/{d0.year % 100} {hm(d0)}\n> De : "{cust[0]}" <{cust[1]}>\n'
            f'> A : "{col[0]}" <{col[1]}>\n> Copie à : \n> Objet : {subj}\n>\n{q}\n'
        )
        f.emit(
            "orange_webmail",
            "fr",
            text,
            f"TR: {subj}",
            col,
            cust[1],
            n=n,
            charset="iso-8859-15" if k else "utf-8",
            case="Orange: every line of the forwarded block quoted with '> '",
        )

    # --- web.de / GMX new UI: HTML-only, header in a table (2) ---
    for k, (client, host) in enumerate((("webde", "web.de"), ("gmx_new", "gmx.net"))):
        n = c.next()
        col = colleague(n)
        cust = person("de")
        subj, body = ask("de", first_name(cust[0], "de"))
        d0 = when(n, "de", 200)
        rows = [
            (
                "Gesendet",
                f"{wd(d0, 'de')}, {d0.day:02d}. {mon(d0, 'de')} {d0.year} um {hm(d0)} Uhr",
            ),
            (
                "Von",
                f'&quot;{escape(cust[0])}&quot; &lt;<a href="mailto:{cust[1]}">{cust[1]}</a>&gt;',
            ),
            ("An", f"&quot;{escape(col[0])}&quot; &lt;{col[1]}&gt;"),
            ("Betreff", escape(subj)),
        ]
        tbl = "".join(
            f'<tr><td style="font-weight:bold;padding-right:6px">{k2}:</td><td>{v}</td></tr>'
            for k2, v in rows
        )
        html = (
            f'<html><head></head><body><div style="font-family: Verdana;font-size: 12.0px;"><div>Hallo Team, bitte übernehmen.</div>'
            f'<div>&nbsp;</div><div name="quote" style="margin:10.0px 5.0px 5.0px 10.0px;padding: 10.0px 0 10.0px 10.0px;border-left:2.0px solid #C3D9E5;">'
            f'<div style="margin:0 0 10.0px 0;"><b>Weitergeleitete Nachricht</b><table>{tbl}</table></div>'
            f'<div name="quoted-content">{escape(body).replace(chr(10), "<br>")}</div></div></div></body></html>'
        )
        f.emit(
            client,
            "de",
            None,
            f"Fwd: {subj}",
            col,
            cust[1],
            html=html,
            n=n,
            charset="utf-8",
            cte="quoted-printable",
            case="HTML-only forward, original header in a table, sender in a mailto link",
        )

    # --- Thunderbird HTML-only with moz-email-headers-table, Reply-To differs (Google Group 'via') ---
    n = c.next()
    col = colleague(n)
    cust = person("en")
    subj, body = ask("en", first_name(cust[0], "en"))
    d0 = when(n, "en", 200)
    grp = ("'" + cust[0] + "' via Procurement", "procurement@" + cust[1].split("@")[1])
    rows = [
        ("Subject", escape(subj)),
        ("Date", rfc(d0)),
        ("From", escape(f"{grp[0]} <{grp[1]}>")),
        ("Reply-To", escape(f"{cust[0]} <{cust[1]}>")),
        ("To", escape(f"{col[0]} <{col[1]}>")),
    ]
    tbl = "".join(
        f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{k2}: </th><td>{v}</td></tr>'
        for k2, v in rows
    )
    html = (
        f'<html><head><meta http-equiv="content-type" content="text/html; charset=UTF-8"></head><body><p>New lead from the Procurement list, see below.</p>'
        f'<div class="moz-forward-container"><br><br>-------- Forwarded Message --------<table class="moz-email-headers-table" border="0" cellpadding="0" cellspacing="0"><tbody>{tbl}</tbody></table><br>'
        f'<pre class="moz-quote-pre" wrap="">{escape(body)}</pre></div></body></html>'
    )
    f.emit(
        "thunderbird",
        "en",
        None,
        f"Fwd: {subj}",
        col,
        cust[1],
        html=html,
        n=n,
        charset="utf-8",
        cte="8bit",
        case="HTML-only; the original came through the customer's Google Group ('X via Procurement' <procurement@...>) with Reply-To the person: the person is the lead",
    )

    # --- Outlook variations (en/de/fr) ---
    # mailto-only in HTML (Outlook desktop HTML forward, address only in href)
    for lang in ("en", "de"):
        n = c.next()
        col = colleague(n)
        cust = person(lang)
        subj, body = ask(lang, first_name(cust[0], lang))
        d0 = when(n, lang, 200)
        lab = {"en": ("From", "Sent", "To", "Subject"), "de": ("Von", "Gesendet", "An", "Betreff")}[
            lang
        ]
        html = (
            f'<html><body><div class="WordSection1"><p class="MsoNormal">{"Please create the lead." if lang == "en" else "Bitte Lead anlegen."}</p>'
            f'<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>{lab[0]}:</b> <a href="mailto:{cust[1]}">{escape(cust[0])}</a><br>'
            f'<b>{lab[1]}:</b> {outlook_long(d0, lang)}<br><b>{lab[2]}:</b> <a href="mailto:{col[1]}">{escape(col[0])}</a><br><b>{lab[3]}:</b> {escape(subj)}</p></div>'
            f'<p class="MsoNormal">{escape(body).replace(chr(10), "<br>")}</p></div></body></html>'
        )
        f.emit(
            "outlook_desktop_html",
            lang,
            None,
            f"{'FW' if lang == 'en' else 'WG'}: {subj}",
            col,
            cust[1],
            html=html,
            n=n,
            charset="utf-8" if lang == "en" else "iso-8859-1",
            cte="quoted-printable",
            case="HTML-only; the sender's address appears only in a mailto: link behind the display name",
        )
    # display name with commas, 'On Behalf Of', [mailto:] style
    n = c.next()
    col = colleague(n)
    cust = person("en", style="initial")
    subj, body = ask("en", first_name(cust[0], "en"))
    last, first = cust[0].split(" ")[1], cust[0].split(" ")[0]
    dn = f"{last}, {first} (Procurement, EMEA)"
    d0 = when(n, "en", 100)
    text = (
        f'Another one for the queue.\n\n-----Original Message-----\nFrom: "{dn}" <{cust[1]}>\nSent: {outlook_long(d0, "en")}\nTo: {col[0]} <{col[1]}>\n'
        f'Cc: "Accounts Payable, EMEA" <ap-emea@{cust[1].split("@")[1]}>\nSubject: {subj}\n\n{body}\n'
    )
    f.emit(
        "outlook_desktop",
        "en",
        text,
        f"FW: {subj}",
        col,
        cust[1],
        n=n,
        charset="windows-1252",
        case="display name 'Last, First (Dept, Region)' with commas; the customer's AP role mailbox in Cc is not the lead",
    )
    n = c.next()
    col = colleague(n)
    cust = person("en")
    subj, body = ask("en", first_name(cust[0], "en"))
    d0 = when(n, "en", 100)
    text = f"Lead below.\n\nFrom: {cust[0]} <{cust[1]}> On Behalf Of Office of the COO\nSent: {outlook_long(d0, 'en')}\nTo: {col[0]} <{col[1]}>\nSubject: {subj}\n\n{body}\n"
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
        case="'From: X <addr> On Behalf Of Y': the only address is the person's",
    )
    n = c.next()
    col = colleague(n)
    cust = person("fr")
    subj, body = ask("fr", first_name(cust[0], "fr"))
    d0 = when(n, "fr", 100)
    text = f"Pour suite à donner.\n\n-----Message d'origine-----\nDe : {cust[0]} [mailto:{cust[1]}] \nEnvoyé : {outlook_long(d0, 'fr')}\nÀ : {col[0]}\nObjet : {subj}\n\n{body}\n"
    f.emit(
        "outlook_desktop",
        "fr",
        text,
        f"TR: {subj}",
        col,
        cust[1],
        n=n,
        charset="windows-1252",
        case="Outlook 2010 '[mailto:...]' sender, recipient as a bare display name",
    )
    # original sent by a colleague with the customer in Cc (introduction)
    for lang in ("en", "fr"):
        n = c.next()
        col = colleague(n)
        col2 = other_colleague(col)
        cust = person(lang)
        d0 = when(n, lang, 400)
        fn = first_name(cust[0], lang)
        if lang == "en":
            subj = f"Intro: {fn} ({cust[1].split('@')[1]}) <> {col[0].split()[0]}"
            inner = f"Hi {col[0].split()[0]},\n\nMeet {fn}, whom I met at the partner summit. {fn} is looking at replacing their\nanalytics stack next quarter and asked for a proper quote. I'll let you two take it from here.\n\n{col2[0].split()[0]}"
            top = "Adding to the pipeline - the customer is in Cc of the intro below."
            block = f"From: {col2[0]} <{col2[1]}>\nSent: {outlook_long(d0, 'en')}\nTo: {col[0]} <{col[1]}>\nCc: {cust[0]} <{cust[1]}>\nSubject: {subj}"
        else:
            subj = f"Mise en relation : {fn} / {col[0].split()[0]}"
            inner = f"Bonjour {col[0].split()[0]},\n\nJe te présente {fn}, rencontré(e) au salon. Son équipe veut un devis pour janvier.\nJe vous laisse échanger.\n\n{col2[0].split()[0]}"
            top = "Le client est en copie du message ci-dessous."
            block = f"De : {col2[0]} <{col2[1]}>\nEnvoyé : {outlook_long(d0, 'fr')}\nÀ : {col[0]} <{col[1]}>\nCc : {cust[0]} <{cust[1]}>\nObjet : {subj}"
        text = f"{top}\n\n________________________________\n{block}\n\n{inner}\n"
        f.emit(
            "outlook_desktop",
            lang,
            text,
            f"{'FW' if lang == 'en' else 'TR'}: {subj}",
            col,
            cust[1],
            n=n,
            charset="utf-8",
            case="the forwarded original was written by a colleague (example.com) introducing the customer, who is in Cc: the only external person is the customer, so the customer is the lead",
        )
    # forward inside a reply chain: the top forwarded message is our colleague's reply, the customer's mail quoted below it
    for lang in ("en", "de"):
        n = c.next()
        col = colleague(n)
        cust = person(lang)
        subj, body = ask(lang, first_name(cust[0], lang))
        d0 = when(n, lang, 500)
        d1 = when(n, lang, 90)
        if lang == "en":
            reply = f"Hi {first_name(cust[0], lang)},\n\nThanks - I'm looping in our sales desk, they'll send the quote today.\n\n{col[0]}"
            block = f"---------- Forwarded message ---------\nFrom: {col[0]} <{col[1]}>\nDate: {gmail_date(d1, 'en')}\nSubject: Re: {subj}\nTo: {cust[0]} <{cust[1]}>\n"
            quoted = f"On {gmail_date(d0, 'en')} {cust[0]} <{cust[1]}> wrote:\n" + "\n".join(
                "> " + x for x in body.split("\n")
            )
            top = "Sales team - this is the thread, please take over."
        else:
            reply = f"Hallo {first_name(cust[0], lang)},\n\ndanke, ich gebe das an unseren Vertrieb weiter.\n\n{col[0]}"
            block = f"---------- Forwarded message ---------\nVon: {col[0]} <{col[1]}>\nDate: {gmail_date(d1, 'en')}\nSubject: Re: {subj}\nTo: {cust[0]} <{cust[1]}>\n"
            quoted = (
                f"Am {d0.day:02d}.{d0.month:02d}.{d0.year} um {hm(d0)} schrieb {cust[0]} <{cust[1]}>:\n"
                + "\n".join("> " + x for x in body.split("\n"))
            )
            top = "Bitte übernehmen, Verlauf unten."
        text = f"{top}\n\n{block}\n{reply}\n\n{quoted}\n"
        f.emit(
            "gmail_web",
            lang,
            text,
            f"Fwd: Re: {subj}",
            col,
            cust[1],
            n=n,
            charset="utf-8",
            case="forwarded thread whose top message is our colleague's reply TO the customer; the customer's mail is quoted below: the customer is the lead",
        )
    # forwarded twice by two colleagues (Outlook inside Gmail)
    for lang in ("de", "en"):
        n = c.next()
        col = colleague(n)
        col2 = other_colleague(col)
        cust = person(lang)
        subj, body = ask(lang, first_name(cust[0], lang))
        d0, d1 = when(n, lang, 600), when(n, lang, 120)
        inner = render("outlook_desktop", lang, orig_values(lang, cust, col2, d0, subj))
        text = (
            f"Sales desk: {col2[0].split()[0]} sent me this, it's really yours.\n\n---------- Forwarded message ---------\nFrom: {col2[0]} <{col2[1]}>\n"
            f"Date: {gmail_date(d1, 'en')}\nSubject: {'WG' if lang == 'de' else 'FW'}: {subj}\nTo: {col[0]} <{col[1]}>\n\n"
            f"{'Kannst du das übernehmen?' if lang == 'de' else 'Can you handle this?'}\n\n{inner}\n\n{body}\n"
        )
        f.emit(
            "gmail_web",
            lang,
            text,
            f"Fwd: {'WG' if lang == 'de' else 'FW'}: {subj}",
            col,
            cust[1],
            n=n,
            charset="utf-8",
            case="forwarded twice: colleague B forwarded to colleague A, who forwarded to the alias; referrer is A (the sender to the alias)",
        )
    # long colleague note naming other addresses
    n = c.next()
    col = colleague(n)
    cust = person("en")
    subj, body = ask("en", first_name(cust[0], "en"))
    d0 = when(n, "en", 200)
    dom = cust[1].split("@")[1]
    top = (
        f"Hi all,\n\nContext before you reply: I spoke with their CTO last week (cto.office@{dom} is her assistant's\nmailbox, "
        f"please don't email it directly). Their reseller is Brightpath (deals@brightpath-partners.com,\ncontact: sam.ellery@brightpath-partners.com) "
        f"- keep them in the loop for pricing but the buyer is the\nsender below. Legal will come from legal@{dom} later.\n\nThanks,\n{col[0]}"
    )
    block = render("gmail_web", "en", orig_values("en", cust, col, d0, subj))
    f.emit(
        "gmail_web",
        "en",
        f"{top}\n\n{block}\n\n{body}\n",
        f"Fwd: {subj}",
        col,
        cust[1],
        n=n,
        charset="utf-8",
        case="the colleague's long note names four other addresses (customer role mailboxes, a reseller): the forwarded sender is the lead",
    )
    # Apple Mail: forwarded customer reply to our own outbound
    for lang in ("en", "es"):
        n = c.next()
        col = colleague(n)
        cust = person(lang)
        d0, d1 = when(n, lang, 2000), when(n, lang, 300)
        fn = first_name(cust[0], lang)
        if lang == "en":
            out = f"Hi {fn},\n\nFollowing up on our call - happy to prepare a proposal whenever you're ready.\n\nBest,\n{col[0]}"
            rep = f"Hi {col[0].split()[0]},\n\nWe're ready now. Please send the proposal for 30 seats, annual billing.\n\n{fn}"
            subj = "Re: Following up on our call"
            qhdr = f"On {mon(d0, 'en')[:3]} {d0.day}, {d0.year}, at {hm(d0)}, {col[0]} <{col[1]}> wrote:"
            block = f"Begin forwarded message:\n\nFrom: {cust[0]} <{cust[1]}>\nSubject: {subj}\nDate: {d1.day} {mon(d1, 'en')} {d1.year} at {hm(d1)}:{d1.second:02d} {d1.strftime('%Z')}\nTo: {col[0]} <{col[1]}>"
        else:
            out = f"Hola {fn}:\n\nTe escribo para retomar la propuesta que comentamos.\n\nSaludos,\n{col[0]}"
            rep = f"Hola {col[0].split()[0]}:\n\nSí, seguimos interesados. ¿Nos mandas la propuesta actualizada?\n\n{fn}"
            subj = "Re: Propuesta comercial"
            qhdr = f"El {d0.day} {mon(d0, 'es')[:3]} {d0.year}, a las {hm(d0)}, {col[0]} <{col[1]}> escribió:"
            block = f"Inicio del mensaje reenviado:\n\nDe: {cust[0]} <{cust[1]}>\nAsunto: {subj}\nFecha: {d1.day} de {mon(d1, 'es')} de {d1.year}, {hm(d1)}:{d1.second:02d} {d1.strftime('%Z')}\nPara: {col[0]} <{col[1]}>"
        q = "\n".join("> " + x for x in out.split("\n"))
        text = f"{'Hot one, please send the proposal.' if lang == 'en' else 'Para el equipo de ventas.'}\n\n{block}\n\n{rep}\n\n{qhdr}\n\n{q}\n"
        f.emit(
            "apple_mail",
            lang,
            text,
            f"Fwd: {subj}",
            col,
            cust[1],
            n=n,
            charset="utf-8",
            headers_extra=[("X-Mailer", "Apple Mail (2.3826.300.87.4.3)")],
            case="a forwarded customer reply to our colleague's outbound mail; the quoted 'wrote:' line names the colleague",
        )
    # Spark reply-chain forward with 'On ..., Name <x>, wrote:' only (Spark forward of a reply)
    n = c.next()
    col = colleague(n)
    cust = person("en")
    subj, body = ask("en", first_name(cust[0], "en"))
    d0 = when(n, "en", 200)
    block = render("spark", "en", orig_values("en", cust, col, d0, subj))
    text = f"Sent with Spark\n\n{block}\n\n{body}\n\nOn {d0.day} {mon(d0, 'en')[:3]} {d0.year}, {hm(d0)} {d0.strftime('%z')}, {col[0]} <{col[1]}>, wrote:\n> Hi, thanks for stopping by our booth!\n"
    f.emit(
        "spark",
        "en",
        text,
        f"Fwd: {subj}",
        col,
        cust[1],
        n=n,
        charset="utf-8",
        case="signature above the block; the original quotes our colleague",
    )
    # eM Client forwarding as attachment .eml octet-stream
    n = c.next()
    col = colleague(n)
    cust = person("nl")
    subj, body = ask("nl", first_name(cust[0], "nl"))
    d0 = when(n, "nl", 200)
    raw = original_raw(cust, col, d0, subj, body, "utf-8", "quoted-printable", n)
    f.emit(
        "em_client",
        "nl",
        "Zie bijlage.\n",
        f"Fw: {subj}",
        col,
        cust[1],
        n=n,
        charset="utf-8",
        extra_parts=[rfc822(raw, "base64", name=f"{subj}.eml", octet=True)],
        case="forwarded as an .eml attachment (application/octet-stream, base64)",
    )
    # Thunderbird forward-as-attachment message/rfc822 in quoted-printable, Japanese original in iso-2022-jp
    n = c.next()
    col = colleague(n)
    cust = person("ja")
    subj, body = ask("ja", cust[0])
    d0 = when(n, "ja", 200)
    raw = original_raw(cust, col, d0, subj, body, "iso-2022-jp", "7bit", n)
    f.emit(
        "thunderbird",
        "ja",
        "営業チームへ転送します。\n",
        f"Fwd: {subj}",
        col,
        cust[1],
        n=n,
        charset="iso-2022-jp",
        cte="7bit",
        extra_parts=[rfc822(raw, "7bit", name="original.eml")],
        case="forwarded as attachment; original in ISO-2022-JP",
    )
    # ServiceNow-like 'via' sender: forwarded block with From "X via LinkedIn"? no: Gmail delegated 'on behalf' in Gmail form
    n = c.next()
    col = colleague(n)
    cust = person("es")
    subj, body = ask("es", first_name(cust[0], "es"))
    d0 = when(n, "es", 200)
    text = (
        f"Hola, para registrar.\n\n---------- Forwarded message ---------\nDe: {cust[0]} <{cust[1]}>\nDate: {gmail_date(d0, 'en')}\nSubject: {subj}\n"
        f"To: <{col[1]}>\nCc: Compras <compras@{cust[1].split('@')[1]}>\n\n{body}\n"
    )
    f.emit(
        "gmail_web",
        "es",
        text,
        f"Fwd: {subj}",
        col,
        cust[1],
        n=n,
        charset="iso-8859-1",
        cte="quoted-printable",
        case="customer's purchasing role mailbox in Cc; To is angle-bracket only",
    )

    # --- forwarded no-reply notifications (ignored) ---
    for client, lang in (("gmail_web", "en"), ("outlook_desktop", "de")):
        n = c.next()
        col = colleague(n)
        d0 = when(n, lang, 100)
        if lang == "en":
            text = (
                f"Not sure if this matters for us?\n\n---------- Forwarded message ---------\nFrom: Calendly <notifications@calendly.com>\nDate: {gmail_date(d0, 'en')}\n"
                f'Subject: Reminder: Your event starts in 24 hours\nTo: <{col[1]}>\n\nThis is a friendly reminder that your event "30 Minute Meeting" starts in 24 hours.\nNeed to make changes? Reschedule or cancel from your Calendly account.\n'
            )
            subj = "Fwd: Reminder: Your event starts in 24 hours"
        else:
            text = (
                f"Zur Info.\n\nVon: DocuSign NA3 System <dse_NA3@docusign.net>\nGesendet: {outlook_long(d0, 'de')}\nAn: {col[0]} <{col[1]}>\nBetreff: Abgeschlossen: Bitte unterschreiben Sie: Rahmenvertrag 2027\n\n"
                "Alle Parteien haben das Dokument abgeschlossen.\nDokument anzeigen\nDiese Nachricht wurde automatisch gesendet. Bitte nicht antworten.\n"
            )
            subj = "WG: Abgeschlossen: Bitte unterschreiben Sie: Rahmenvertrag 2027"
        f.emit(
            client,
            lang,
            text,
            subj,
            col,
            None,
            n=n,
            charset="utf-8",
            ignored=True,
            case="a colleague forwarded a no-reply notification: no task",
        )


def rtl_and_cjk_html(f, c) -> None:
    """New Outlook / Outlook on the web, HTML-only, right-to-left and CJK label sets."""
    labels = {
        "ar": ("من", "تم الإرسال", "إلى", "الموضوع", "rtl", "FW:"),
        "he": ("מאת", "נשלח", "אל", "נושא", "rtl", "FW:"),
        "zh-CN": ("发件人", "发送时间", "收件人", "主题", "ltr", "转发:"),
        "ja": ("差出人", "送信日時", "宛先", "件名", "ltr", "RE: 転送:"),
    }
    for lang, (lf, ls, lt, lsub, dr, pfx) in labels.items():
        n = c.next()
        col = colleague(n)
        cust = person(lang)
        subj, body = ask(lang, first_name(cust[0], lang))
        d0 = when(n, lang, 200)
        if lang == "ja":
            pfx = "FW:"
        note = {
            "ar": "يرجى المتابعة مع هذا العميل.",
            "he": "נא לטפל בליד הזה.",
            "zh-CN": "请跟进这个客户。",
            "ja": "対応をお願いします。",
        }[lang]
        html = (
            f'<html dir="{dr}"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body dir="{dr}">'
            f'<div dir="{dr}" style="font-family:Aptos,sans-serif">{note}</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
            f'<div id="divRplyFwdMsg" dir="{dr}"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>{lf}:</b> {escape(cust[0])} &lt;{cust[1]}&gt;<br>'
            f"<b>{ls}:</b> {outlook_long(d0, lang)}<br><b>{lt}:</b> {escape(col[0])} &lt;{col[1]}&gt;<br><b>{lsub}:</b> {escape(subj)}</font><div>&nbsp;</div></div>"
            f'<div dir="{dr}">{escape(body).replace(chr(10), "<br>")}</div></body></html>'
        )
        f.emit(
            "outlook_web_html",
            lang,
            None,
            f"{pfx} {subj}",
            col,
            cust[1],
            html=html,
            n=n,
            charset="utf-8",
            cte="base64" if lang in ("ar", "ja") else "quoted-printable",
            headers_extra=[
                ("X-MS-Exchange-Organization-AuthAs", "Internal"),
                ("Content-Language", lang),
            ],
            case="new Outlook / OWA HTML-only forward (divRplyFwdMsg), "
            + ("right-to-left" if dr == "rtl" else "CJK labels"),
        )
