# ruff: noqa  (task auth5's generator, adapted: data tables, long header and body strings)
"""~38 direct customer mails that LOOK robotic but are people: each must become a lead."""

from __future__ import annotations

from tests.data.mail.gen.h5_common import (
    ALIAS,
    addr,
    colleague,
    hval,
    leaf,
    message,
    mid,
    multi,
    received,
    rfc,
    when,
)
from tests.data.mail.gen.h5_dates import gmail_date, hm, outlook_long
from tests.data.mail.gen.h5_people import first_name, person

OUR_ACK = {
    "en": (
        "Automatic reply: {s}",
        "Thank you for contacting Example Sales. This is an automated confirmation:\nwe have received your message and a member of our team will get back to you\nwithin one business day.\n\nExample Sales",
    ),
    "de": (
        "Automatische Antwort: {s}",
        "Vielen Dank für Ihre Nachricht an Example Sales. Dies ist eine automatische\nEingangsbestätigung. Wir melden uns innerhalb eines Werktags.\n\nExample Sales",
    ),
    "fr": (
        "Réponse automatique : {s}",
        "Merci d'avoir contacté Example Sales. Ceci est un accusé de réception automatique :\nnous reviendrons vers vous sous un jour ouvré.\n\nExample Sales",
    ),
    "it": (
        "Risposta automatica: {s}",
        "Grazie per aver contattato Example Sales. Questa è una conferma automatica:\nvi risponderemo entro un giorno lavorativo.\n\nExample Sales",
    ),
}


def build(c) -> None:
    def send(
        client,
        lang,
        subject,
        body,
        *,
        cust=None,
        charset="utf-8",
        cte="qp",
        extra=None,
        case,
        reply_to_ours=False,
        html=None,
        crlf=None,
        frm=None,
        lead=None,
        parts=None,
        ua=None,
    ):
        n = c.next()
        cust = cust or person(lang)
        d = when(n, lang)
        rp = (
            f"<{cust[1]}>"
            if client != "google_groups"
            else f"<sales+bncBCX7RJ4WTM{n:04d}LBBZ2X3WNQMGQE5FYQ4BQ@example.com>"
        )
        hs = [
            ("Return-Path", rp),
            received(cust[1].split("@")[1], "mx.example.com", d, n),
            ("From", frm or addr(*cust, charset if charset not in ("tis-620",) else "utf-8")),
            ("To", ALIAS),
            ("Subject", hval(subject, charset if charset != "tis-620" else "utf-8")),
            ("Date", rfc(d)),
        ] + ([] if n % 17 == 0 else [("Message-ID", mid(n, cust[1].split("@")[1], n % 4))])
        if reply_to_ours:
            ours = mid(n + 7000, "example.com")
            hs += [("In-Reply-To", ours), ("References", ours)]
        if ua:
            hs.append(ua)
        hs += extra or []
        if html:
            b = multi(
                "alternative",
                [leaf(body, "text/plain", charset, cte), leaf(html, "text/html", charset, cte)],
                n=n,
            )
        else:
            b = leaf(body, "text/plain", charset, cte)
        if parts:
            b = multi("mixed", [b] + parts, n=n + 1)
        raw = message(hs, b, (n % 2 == 0) if crlf is None else crlf)
        # adapted (task h15b): an entry the spec decides otherwise is expected ignored
        spec = bool(case) and case.startswith("SPEC")
        c.add(
            "direct", client, lang, raw, n, lead=None if spec else (lead or cust[1]),
            case=case, ignored=spec, stem=f"{client}",
        )  # fmt: skip

    OL = ("X-Mailer", "Microsoft Outlook 16.0")
    GM = None
    # --- 'auto' words in the subject ---
    p = person("en")
    send(
        "outlook",
        "en",
        "Automatic invoice reconciliation — pricing?",
        f"Hi,\n\nDoes your platform handle automatic invoice reconciliation against Stripe payouts?\nIf so, what would it cost for ~15 finance users? We'd like to decide before Q1.\n\nThanks,\n{first_name(p[0], 'en')}",
        cust=p,
        ua=OL,
        case="subject contains 'Automatic'; a person asking for a price",
    )
    p = person("de")
    send(
        "outlook",
        "de",
        "Automatische Rechnungsprüfung – Angebot?",
        f"Guten Tag,\n\nbieten Sie eine automatische Rechnungsprüfung an? Wir bräuchten ein Angebot für 12 Nutzer.\n\nFreundliche Grüße\n{p[0]}",
        cust=p,
        charset="iso-8859-1",
        ua=OL,
        case="subject starts with 'Automatische' (like 'Automatische Antwort') but is a question",
    )
    p = person("fr")
    send(
        "gmail",
        "fr",
        "Réponses automatiques dans votre outil ?",
        f"Bonjour,\n\nVotre outil permet-il de programmer des réponses automatiques aux clients ?\nNous sommes 20 au service client. Merci de m'envoyer vos tarifs.\n\n{p[0]}",
        cust=p,
        cte="8bit",
        case="subject mentions 'réponses automatiques'",
    )
    p = person("ja")
    send(
        "outlook",
        "ja",
        "自動返信機能についてのお問い合わせ",
        f"ご担当者様\n\n貴社製品の自動返信機能について詳しく伺いたく、ご連絡いたしました。\n20名程度での利用を想定しております。お見積りをお願いいたします。\n\n{p[0]}",
        cust=p,
        charset="iso-2022-jp",
        cte="7bit",
        ua=OL,
        case="subject: 'inquiry about the auto-reply feature'",
    )
    p = person("en")
    send(
        "outlook",
        "en",
        "Auto-renewal question for our plan",
        f"Hello,\n\nWe're on the monthly plan and want to move to annual with auto-renewal switched off.\nCan you send a quote for 25 seats?\n\n{p[0]}\nHead of Ops",
        cust=p,
        ua=OL,
        extra=[("X-Auto-Response-Suppress", "All")],
        case="'Auto-' in subject and Outlook's X-Auto-Response-Suppress: All, which Outlook sets on ordinary mail too",
    )
    p = person("es")
    send(
        "gmail",
        "es",
        "¿Su plataforma permite respuestas automáticas?",
        f"Hola:\n\n¿Se pueden configurar respuestas automáticas por segmento? Somos 40 agentes.\nNecesitaríamos precio y una demo.\n\nGracias,\n{p[0]}",
        cust=p,
        charset="iso-8859-1",
        case="subject mentions automatic replies",
    )
    p = person("en")
    send(
        "gmail",
        "en",
        "Out of office handling in your product?",
        f"Hi there,\n\nDo your workflows pause when an assignee is out of office? That's a must for us.\nIf yes, I'd like pricing for 60 users.\n\nCheers,\n{p[0]}",
        cust=p,
        case="subject contains 'Out of office' but is a product question",
    )
    p = person("zh-CN")
    send(
        "qq",
        "zh-CN",
        "自动化报表功能咨询",
        f"您好：\n\n我们想了解贵司的自动化报表功能，团队约30人，请发一份报价。\n\n{p[0]}",
        cust=p,
        charset="gbk",
        cte="base64",
        case="subject 'automation reports inquiry' (自动…)",
    )
    p = person("ru")
    send(
        "yandex",
        "ru",
        "Автоматизация отчётов — запрос цены",
        f"Добрый день!\n\nИнтересует автоматизация отчётности, 25 пользователей. Пришлите, пожалуйста, цену.\n\n{p[0]}",
        cust=p,
        charset="koi8-r",
        cte="8bit",
        case="subject starts with 'Автоматизация' (automation)",
    )
    p = person("ko")
    send(
        "naver",
        "ko",
        "자동 응답 기능 문의",
        f"안녕하세요,\n\n자동 응답 기능이 포함된 요금제가 있는지 문의드립니다. 15명 사용 예정입니다.\n\n{p[0]} 드림",
        cust=p,
        charset="euc-kr",
        cte="base64",
        case="subject: 'auto-response feature inquiry'",
    )
    p = person("tr")
    send(
        "outlook",
        "tr",
        "Otomatik yanıt ve faturalama modülü hakkında",
        f"Merhaba,\n\nOtomatik faturalama modülünüz için 20 kullanıcılık fiyat alabilir miyiz?\n\nSaygılarımla,\n{p[0]}",
        cust=p,
        charset="iso-8859-9",
        ua=OL,
        case="subject starts with 'Otomatik yanıt' (automatic reply) but is a question",
    )
    p = person("pt")
    send(
        "gmail",
        "pt",
        "Resposta automática de e-mails — vocês integram?",
        f"Olá,\n\nA vossa ferramenta integra com respostas automáticas do Outlook? Precisamos de 18 licenças.\n\n{p[0]}",
        cust=p,
        charset="iso-8859-1",
        cte="8bit",
        case="subject starts with 'Resposta automática'",
    )
    # --- back from out of office ---
    p = person("en")
    send(
        "gmail",
        "en",
        "Re: Proposal for Q1",
        f"Hi,\n\nSorry for the silence - I was out of office last week. Now ready to talk; does Thursday 3pm work\nfor a call about the proposal?\n\n{p[0]}",
        cust=p,
        reply_to_ours=True,
        case="'I was out of office last week' in a human reply",
    )
    p = person("de")
    send(
        "outlook",
        "de",
        "Zurück aus dem Urlaub – können wir den Termin nachholen?",
        f"Hallo,\n\nich bin seit heute wieder im Büro (war zwei Wochen abwesend). Können wir die Demo\nnächste Woche nachholen?\n\nGrüße\n{p[0]}",
        cust=p,
        charset="iso-8859-15",
        ua=OL,
        case="'Urlaub'/'abwesend' words in a human mail",
    )
    p = person("fr")
    send(
        "outlook",
        "fr",
        "De retour de congés : on reprend ?",
        f"Bonjour,\n\nJe suis de retour de congés. On peut reprendre la discussion sur le devis ?\n\n{p[0]}",
        cust=p,
        charset="windows-1252",
        ua=OL,
        reply_to_ours=True,
        case="'De retour de congés' (back from leave)",
    )
    p = person("nl")
    send(
        "gmail",
        "nl",
        "Terug van vakantie - offerte nog geldig?",
        f"Hoi,\n\nIk ben terug van vakantie. Is jullie offerte van november nog geldig? Dan tekenen we deze week.\n\n{p[0]}",
        cust=p,
        case="'vakantie' in subject, a buying signal",
    )
    p = person("es")
    send(
        "outlook",
        "es",
        "De vuelta de vacaciones: retomemos la propuesta",
        f"Hola:\n\nYa estoy de vuelta de vacaciones. ¿Retomamos la propuesta esta semana?\n\n{p[0]}",
        cust=p,
        charset="windows-1252",
        ua=OL,
        case="'vacaciones' in subject",
    )
    # --- human replies to our own auto-acknowledgement, quoting it ---
    for lang, cl in (("en", "gmail"), ("de", "outlook"), ("fr", "outlook"), ("it", "gmail")):
        p = person(lang)
        s0 = {
            "en": "Pricing for 200 seats",
            "de": "Anfrage Lizenzen",
            "fr": "Demande de tarif",
            "it": "Richiesta prezzi",
        }[lang]
        sub, ack = OUR_ACK[lang]
        sub = sub.format(s=s0)
        pre = {"en": "Re: ", "de": "AW: ", "fr": "RE : ", "it": "R: "}[lang]
        human = {
            "en": "Thanks. One more detail: we also need SSO and an EU data region. Budget is approved.",
            "de": "Danke. Noch ein Detail: Wir brauchen auch SSO. Das Budget ist freigegeben.",
            "fr": "Merci. Précision : il nous faut aussi le SSO. Le budget est validé.",
            "it": "Grazie. Un dettaglio: ci serve anche il SSO. Il budget è approvato.",
        }[lang]
        q = "\n".join("> " + x for x in ack.split("\n"))
        hdr = {
            "en": "On Mon, Dec 7, 2026 at 9:02 AM Example Sales <sales@example.com> wrote:",
            "de": "Von: Example Sales <sales@example.com>\nGesendet: Montag, 7. Dezember 2026 09:02\nAn: "
            + p[0]
            + "\nBetreff: "
            + sub,
            "fr": "De : Example Sales <sales@example.com>\nEnvoyé : lundi 7 décembre 2026 09:02\nÀ : "
            + p[0]
            + "\nObjet : "
            + sub,
            "it": "Il giorno lun 7 dic 2026 alle ore 09:02 Example Sales <sales@example.com> ha scritto:",
        }[lang]
        body = f"{human}\n\n{p[0]}\n\n{hdr}\n{q if lang in ('en', 'it') else ack}\n"
        send(
            cl,
            lang,
            pre + sub,
            body,
            cust=p,
            reply_to_ours=True,
            charset="utf-8" if lang != "de" else "iso-8859-1",
            case="a person answering our own auto-acknowledgement: subject 'Re: <auto-reply subject>', body quotes our automated text, no auto-reply headers",
        )
    # --- sales-engagement tool with List-Unsubscribe / misconfigured gateways ---
    p = person("en")
    send(
        "apollo",
        "en",
        "Re: Quick question about reseller pricing",
        f"Hi team,\n\nThanks for getting back to me. We resell analytics tools to about a dozen mid-size retailers and\nwant to buy 10 licences for a first client this month. Can you send reseller pricing?\n\n{p[0]}\nPartner Manager",
        cust=p,
        reply_to_ours=True,
        extra=[
            ("List-Unsubscribe", f"<https://app.apollo.io/unsubscribe/7f3a9c21e0b4>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ("X-Mailer", "Apollo.io"),
        ],
        case="JUDGEMENT: a person's 1:1 reply in our thread (In-Reply-To our mail), sent through a sales-engagement tool that adds List-Unsubscribe to everything; a careful seller treats it as a lead (conflicts with a literal 'List-Unsubscribe = bulk' rule)",
    )
    p = person("en")
    send(
        "outlook",
        "en",
        "Pricing for a 3-year agreement",
        f"Hi,\n\nWe'd like pricing for a 3-year agreement, 80 users, invoiced annually.\n\nRegards,\n{p[0]}",
        cust=p,
        ua=OL,
        extra=[("Precedence", "bulk"), ("X-Gateway-Policy", "outbound-default; disclaimer=on")],
        case="SPEC I-3 names 'Precedence: bulk' among the signs that create nothing (the default playbook's auto_reply_markers: Precedence bulk, junk, auto_reply): ignored and logged. The author's judgement was a lead ('stamped on all outbound mail by the customer's misconfigured gateway; one person writing to one address'); an installation that meets such gateways removes the marker from its playbook, and intake's own rules then ask for a second sign of bulk mail",
    )
    p = person("de")
    send(
        "outlook",
        "de",
        "Angebot für Schulungen und Lizenzen",
        f"Guten Tag,\n\nbitte senden Sie uns ein Angebot für 10 Lizenzen und einen Schulungstag vor Ort.\n\n{p[0]}",
        cust=p,
        charset="iso-8859-1",
        ua=OL,
        extra=[("Precedence", "junk"), ("X-Mail-Gateway", "mgw02 (disclaimer appended)")],
        case="SPEC I-3 and the default playbook's marker (Precedence: junk): ignored and logged; the author's judgement was a lead ('from the customer's gateway on a personal request') — see the entry above",
    )
    # --- role / odd-looking but real addresses ---
    send(
        "gmail",
        "en",
        "Pricing for a small team",
        "Hi!\n\nWe're a 6-person SaaS startup. Is there a startup discount? Happy to pay annually.\n\n-- Maya, co-founder\n(writing from our shared support inbox)",
        cust=("Tiny SaaS Support", "support@tinyledger-app.io"),
        case="a founder writing from her company's support@ mailbox: role address, still a person",
    )
    send(
        "outlook",
        "de",
        "Anfrage für unsere Bäckerei",
        "Hallo,\n\nwir sind eine kleine Bäckerei mit 3 Filialen. Was kostet Ihr Tool für 4 Nutzer?\n\nViele Grüße\nFamilie Brenner",
        cust=("Bäckerei Brenner", "info@baeckerei-brenner.de"),
        charset="iso-8859-1",
        ua=OL,
        case="small business writing from info@",
    )
    send(
        "onet",
        "pl",
        "Zapytanie o licencje",
        "Dzień dobry,\n\nprosimy o cenę za 5 licencji dla biura rachunkowego.\n\nBiuro Rachunkowe Lipa",
        cust=("Biuro Rachunkowe Lipa", "biuro@lipa-rachunkowosc.pl"),
        charset="iso-8859-2",
        case="role mailbox 'biuro@' (office)",
    )
    p = ("Keira Wells", "k.wells@postmaster-logistics.co.uk")
    send(
        "outlook",
        "en",
        "Fleet analytics - pricing",
        f"Hi,\n\nPostmaster Logistics runs 140 vans; we need route analytics dashboards for 12 planners.\nCould you send pricing?\n\nKeira Wells\nPostmaster Logistics Ltd",
        cust=p,
        ua=OL,
        case="company named 'Postmaster Logistics' (domain contains 'postmaster')",
    )
    # --- customers forwarding their own bounce to the alias ---
    p = person("en")
    col = colleague(3)
    ndr = (
        f"From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{p[1].split('@')[1]}>\nSent: {outlook_long(when(5, 'en'), 'en')}\nTo: {p[0]} <{p[1]}>\n"
        f"Subject: Undeliverable: Renewal pricing\n\nYour message to former.rep@example.com couldn't be delivered.\nformer.rep wasn't found at example.com.\n\n"
        "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'"
    )
    send(
        "outlook",
        "en",
        "FW: Undeliverable: Renewal pricing",
        f"Hello,\n\nMy account manager's address bounced (see below). Who can help me with our renewal? We have 35 seats\nand want to add 10.\n\n{p[0]}\n\n{ndr}\n",
        cust=p,
        ua=OL,
        case="a customer forwarding the NDR they received: the sender is a person, the bounce text is quoted content",
    )
    p = person("en")
    dsn = (
        f"---------- Forwarded message ---------\nFrom: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nDate: {gmail_date(when(9, 'en'), 'en')}\nSubject: Delivery Status Notification (Failure)\nTo: <{p[1]}>\n\n"
        "** Address not found **\n\nYour message wasn't delivered to old.sales@example.com because the address couldn't be found, or is unable to receive mail.\n"
    )
    send(
        "gmail",
        "en",
        "Fwd: Delivery Status Notification (Failure)",
        f"Hi - my mail to your sales rep bounced. We'd still like a quote for 50 seats. Can someone call me?\n\n{p[0]}\n\n{dsn}",
        cust=p,
        case="a customer forwarding a Gmail bounce to the alias: a person, not a DSN",
    )
    p = person("en")
    send(
        "outlook",
        "en",
        "Your invoice email was undeliverable - please resend",
        f"Hi,\n\nYour invoice mail to our old AP address was returned as undeliverable. Please resend it to me\nand also quote 15 additional seats.\n\nThanks,\n{p[0]}",
        cust=p,
        ua=OL,
        case="'undeliverable' in a human subject",
    )
    # --- headers that look automatic on a human mail ---
    p = person("de")
    send(
        "outlook",
        "de",
        "Rahmenvertrag 2027",
        f"Sehr geehrte Damen und Herren,\n\nwir möchten einen Rahmenvertrag für 2027 verhandeln (ca. 150 Lizenzen). Bitte um Rückruf.\n\nMit freundlichen Grüßen\n{p[0]}",
        cust=p,
        charset="iso-8859-15",
        ua=OL,
        extra=[("Disposition-Notification-To", addr(*p)), ("Return-Receipt-To", p[1])],
        case="a person asking for a read receipt (Disposition-Notification-To)",
    )
    p = person("en")
    send(
        "thunderbird",
        "en",
        "Enterprise plan questions",
        f"Hello,\n\nA few questions about the enterprise plan: audit logs, SCIM, data retention. 90 users.\n\n{p[0]}",
        cust=p,
        extra=[("Auto-Submitted", "no")],
        case="explicit 'Auto-Submitted: no' (RFC 3834: not automatic)",
    )
    p = person("en")
    send(
        "outlook",
        "en",
        "Request for proposal",
        f"Dear Sales,\n\nPlease find our requirements below; we'd like a proposal by 18 December for 45 users.\n\n{p[0]}\n\n"
        "-----\nDISCLAIMER: This e-mail was automatically scanned for viruses. It is intended only for the addressee.\n"
        "If you received it in error, do not reply to this automated notice; delete it and inform the sender.\n",
        cust=p,
        ua=OL,
        case="corporate footer full of 'automatically'/'do not reply' words",
    )
    # --- calendar invitation from a customer (a person proposing a meeting) ---
    p = person("en")
    ics = (
        "BEGIN:VCALENDAR\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\nVERSION:2.0\nMETHOD:REQUEST\nBEGIN:VEVENT\n"
        f'ORGANIZER;CN="{p[0]}":mailto:{p[1]}\nATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{ALIAS}\nDTSTART:20261215T150000Z\nDTEND:20261215T153000Z\n'
        "SUMMARY:Pricing discussion - 60 seats\nUID:040000008200E00074C5B7101A82E0080000000090a1b2c3d4e5f6\nSEQUENCE:0\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    send(
        "outlook",
        "en",
        "Pricing discussion - 60 seats",
        f"Hi,\n\nI've sent an invite for Tuesday to go through pricing for 60 seats. Feel free to propose another time.\n\n{p[0]}",
        cust=p,
        ua=OL,
        parts=[leaf(ics, "text/calendar", "utf-8", "7bit", params="; method=REQUEST")],
        case="JUDGEMENT: a meeting REQUEST written by a customer with a personal note (not an accept/decline reply): a lead",
    )
    # --- Google Group 'via' rewriting on our own sales@ group ---
    p = person("en")
    dom = p[1].split("@")[1]
    send(
        "google_groups",
        "en",
        "Quote for 25 seats",
        f"Hello,\n\nCould you send a quote for 25 seats with SSO?\n\nBest,\n{p[0]}",
        cust=p,
        frm=f"\"'{p[0]}' via Example Sales\" <{ALIAS}>",
        extra=[
            ("Reply-To", addr(*p)),
            ("X-Original-Sender", p[1]),
            ("X-Original-From", addr(*p)),
            ("Mailing-list", f"list {ALIAS}; contact sales+owners@example.com"),
            ("List-ID", "<sales.example.com>"),
            (
                "List-Post",
                "<https://groups.google.com/a/example.com/group/sales/post>, <mailto:sales@example.com>",
            ),
            (
                "List-Help",
                "<https://support.google.com/a/example.com/bin/topic.py?topic=25838>, <mailto:sales+help@example.com>",
            ),
            (
                "List-Unsubscribe",
                "<mailto:googlegroups-manage+000000000000+unsubscribe@googlegroups.com>, <https://groups.google.com/a/example.com/group/sales/subscribe>",
            ),
            ("Precedence", "list"),
            ("X-Spam-Checked-In-Group", f"{p[1]}"),
        ],
        case="JUDGEMENT: our sales@ is a Google Group that rewrites From (DMARC) to \"'Name' via Example Sales\" <sales@example.com> and adds List-*/Precedence: list; Reply-To and X-Original-From carry the customer, who is the lead",
    )
    p = person("fr")
    send(
        "google_groups",
        "fr",
        "Demande de démo",
        f"Bonjour,\n\nPourriez-vous nous proposer une démo la semaine prochaine ? Nous sommes 30.\n\n{p[0]}",
        cust=p,
        frm=f"\"'{p[0]}' via Example Sales\" <{ALIAS}>",
        extra=[
            ("Reply-To", addr(*p)),
            ("X-Original-Sender", p[1]),
            ("X-Original-From", addr(*p)),
            ("Mailing-list", f"list {ALIAS}; contact sales+owners@example.com"),
            ("List-ID", "<sales.example.com>"),
            ("Precedence", "list"),
        ],
        case="JUDGEMENT: same Google Group 'via' rewrite, French, no List-Unsubscribe",
    )
    # --- plain direct mails in RTL / Indic scripts with Exchange-ish headers ---
    for lang, cs in (
        ("ar", "windows-1256"),
        ("he", "windows-1255"),
        ("hi", "utf-8"),
        ("th", "tis-620"),
    ):
        p = person(lang)
        from tests.data.mail.gen.h5_people import ask

        s, b = ask(lang, p[0])
        send(
            "outlook",
            lang,
            s,
            b,
            cust=p,
            charset=cs,
            cte="base64" if lang in ("hi", "th") else "qp",
            ua=OL,
            extra=[("X-Auto-Response-Suppress", "DR, RN, NRN, OOF, AutoReply")],
            case="ordinary inquiry with Outlook's X-Auto-Response-Suppress (set on ordinary sends)",
        )
