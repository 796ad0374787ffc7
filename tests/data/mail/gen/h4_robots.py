# ruff: noqa: E501 - tables of localised texts, one entry a line
"""Holdout 4 (task h15fix): robots that mark themselves only by structure or by what the
body says — out-of-office replies with a neutral subject and no RFC 3834 header, DSNs
outside ``multipart/report``, ticket-system acknowledgements, no-reply senders in many
languages — and people whose mail looks a little like a robot's (they must stay leads).
Written before the detector was changed; every person and company is invented."""

from __future__ import annotations

from collections.abc import Iterator

from tests.data.mail.gen.h4_mime import KIM, Entry, fields, message, multipart, text_part, who

# Out-of-office bodies, neutral subjects, no Auto-Submitted / X-Autoreply header.
OOO = (
    ("en", "Re: Your proposal", "Thank you for your email. I am out of the office from 12 August to 23 August with no access to email. I will be back on Monday 26 August. For urgent matters, please contact my colleague Tom Reid."),
    ("de", "Urlaub", "Vielen Dank für Ihre Nachricht. Ich bin vom 12.08. bis einschließlich 23.08. nicht erreichbar. Ab dem 26.08. bin ich wieder im Haus. In dringenden Fällen wenden Sie sich bitte an Frau Keller."),
    ("fr", "Congés d'été", "Bonjour, je suis actuellement en congé du 12 au 23 août inclus. Je serai de retour le lundi 26 août. Pour toute urgence, merci de contacter Mme Roux."),
    ("es", "Re: Propuesta", "Gracias por su mensaje. Estaré de vacaciones del 12 al 23 de agosto. Volveré el lunes 26 de agosto. Para asuntos urgentes, contacte con Pablo Ruiz."),
    ("it", "Ferie", "Grazie per il messaggio. Sarò in ferie dal 12 al 23 agosto. Rientrerò in ufficio lunedì 26 agosto. Per urgenze contattare Giulia Neri."),
    ("nl", "Re: Offerte", "Bedankt voor uw bericht. Ik ben met vakantie van 12 tot en met 23 augustus. Vanaf maandag 26 augustus ben ik weer bereikbaar. Voor dringende zaken kunt u contact opnemen met Joost de Vries."),
    ("pt", "Férias", "Obrigado pela sua mensagem. Estarei de férias de 12 a 23 de agosto. Regresso na segunda-feira, 26 de agosto. Para assuntos urgentes contacte a Ana Lopes."),
    ("pl", "Urlop", "Dziękuję za wiadomość. Jestem na urlopie od 12 do 23 sierpnia. Wracam w poniedziałek 26 sierpnia. W pilnych sprawach proszę o kontakt z Piotrem Nowakiem."),
    ("sv", "Re: Offert", "Tack för ditt mejl. Jag är på semester 12–23 augusti och är tillbaka måndag 26 augusti. Vid brådskande ärenden, kontakta Erik Holm."),
    ("fi", "Loma", "Kiitos viestistäsi. Olen lomalla 12.–23.8. ja palaan töihin maanantaina 26.8. Kiireellisissä asioissa ota yhteyttä Mikko Laineeseen."),
    ("cs", "Dovolená", "Děkuji za zprávu. Od 12. do 23. srpna jsem na dovolené. Zpět budu v pondělí 26. srpna. V naléhavých případech kontaktujte pana Novotného."),
    ("ru", "Отпуск", "Спасибо за письмо. С 12 по 23 августа я в отпуске. Вернусь 26 августа. По срочным вопросам обращайтесь к Ивану Петрову."),
    ("ja", "夏季休暇のお知らせ", "メールありがとうございます。8月12日から8月23日まで夏季休暇のため不在にしております。8月26日より通常通り対応いたします。お急ぎの場合は佐藤までご連絡ください。"),
    ("tr", "İzin", "Mesajınız için teşekkürler. 12-23 Ağustos tarihleri arasında izindeyim. 26 Ağustos Pazartesi günü döneceğim. Acil durumlar için Ayşe Kaya ile iletişime geçebilirsiniz."),
    ("zh", "休假通知", "感谢您的来信。我将于8月12日至8月23日休假，8月26日返回办公室。如有急事，请联系王先生。"),
    ("hu", "Szabadság", "Köszönöm levelét. Augusztus 12. és 23. között szabadságon vagyok, augusztus 26-án, hétfőn térek vissza. Sürgős ügyben keresse Nagy Pétert."),
    ("ro", "Concediu", "Vă mulțumesc pentru mesaj. Sunt în concediu în perioada 12–23 august. Revin luni, 26 august. Pentru urgențe, contactați-o pe Ioana Pop."),
    ("ko", "휴가 안내", "메일 감사합니다. 8월 12일부터 8월 23일까지 휴가 중입니다. 8월 26일에 복귀합니다. 급한 용무는 김민수 과장에게 연락해 주십시오."),
)  # fmt: skip


def ooo(start: int) -> Iterator[Entry]:
    for j, (lang, subject, text) in enumerate(OOO):
        i = start + j
        sender = who(f"Customer {i}", f"person{i}@firm-{lang}-{i}.com")
        raw = message(i, sender, subject, text_part(text + "\n"), day=j)
        yield (
            f"autoreply/body-only/{lang}-{i}.eml",
            raw,
            fields("autoreply", "body_only", lang, case="out-of-office said only in the body"),
        )


def _original(i: int) -> bytes:
    return (
        f"From: {KIM[0]} <{KIM[1]}>\r\nTo: <buyer{i}@gone-{i}.example.org>\r\n"
        "Subject: Following up\r\nDate: Mon, 2 Nov 2026 09:00:00 +0100\r\n"
        f"Message-ID: <out.h4.{i}@mail.example.com>\r\n"
    ).encode()


def bounces(start: int) -> Iterator[Entry]:
    i = start  # text/rfc822-headers inside multipart/mixed (no report), neutral subject
    body = multipart(
        "mixed",
        [
            text_part("Your message could not be delivered.\n\n<buyer@gone.example.org>: "
                      "host mx.gone.example.org said: 550 5.1.1 mailbox unavailable\n"),
            b"Content-Type: text/rfc822-headers\r\n\r\n" + _original(i),
        ],
        f"b{i}",
    )  # fmt: skip
    yield (
        f"bounce/structural/rfc822-headers-{i}.eml",
        message(i, "System <system@relay7.hosting-eu.net>", "Message status", body),
        fields("bounce", "rfc822_headers_part", "en"),
    )
    i += 1  # X-Failed-Recipients only
    yield (
        f"bounce/structural/x-failed-{i}.eml",
        message(i, "Mail Relay <relay@smtp.provider-x.net>", "Problem with your message",
                text_part("A message you sent could not be delivered.\n\n  buyer@gone.example.org\n"
                          "    SMTP error from remote server: 550 no such user\n"),
                extra=(("X-Failed-Recipients", "buyer@gone.example.org"),)),
        fields("bounce", "x_failed_recipients", "en"),
    )  # fmt: skip
    i += 1  # Return-Path <> and a DSN-looking body (German, subject not in any list)
    text = (
        "Dies ist eine automatisch erstellte Nachricht des Mailservers.\n\n"
        "Ihre Nachricht konnte nicht zugestellt werden an:\n  einkauf@verzogen.example.de\n"
        "Grund: 550 5.1.1 <einkauf@verzogen.example.de>: Recipient address rejected\n\n"
        "------ Ursprüngliche Nachricht ------\n"
        f"From: {KIM[1]}\nTo: einkauf@verzogen.example.de\nSubject: Angebot\n"
        "Date: Mon, 2 Nov 2026 09:00:00 +0100\n"
    )
    yield (
        f"bounce/structural/return-path-null-{i}.eml",
        message(i, "Mailserver <mailer@mx.stadtwerk-example.de>", "Nachricht konnte nicht zugestellt werden",
                text_part(text), extra=(("Return-Path", "<>"),)),
        fields("bounce", "return_path_null", "de"),
    )  # fmt: skip
    i += 1  # DSN-looking body only (Spanish), ordinary-looking sender
    text = (
        "Este es un mensaje generado automáticamente.\n\n"
        "No se pudo entregar el mensaje a los siguientes destinatarios:\n"
        "  compras@cerrada.example.es\n  Error: 550 5.7.1 Mensaje rechazado\n\n"
        "--- Mensaje original ---\n"
        f"De: {KIM[1]}\nPara: compras@cerrada.example.es\nAsunto: Presupuesto\n"
        "Fecha: lunes, 2 de noviembre de 2026 9:00\n"
    )
    yield (
        f"bounce/structural/dsn-body-{i}.eml",
        message(i, "Administrador de correo <admin@correo.cerrada.example.es>",
                "Mensaje devuelto", text_part(text)),
        fields("bounce", "dsn_body", "es"),
    )  # fmt: skip
    i += 1  # message/delivery-status inside multipart/mixed
    body = multipart(
        "mixed",
        [
            text_part("Delivery to the following recipient has been delayed.\n"),
            b"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; out.example.net\r\n"
            b"\r\nFinal-Recipient: rfc822; buyer@slow.example.org\r\nAction: delayed\r\n"
            b"Status: 4.4.7\r\n",
        ],
        f"b{i}",
    )
    yield (
        f"bounce/structural/dsn-in-mixed-{i}.eml",
        message(i, "Postmaster <pm@out.example.net>", "Status", body),
        fields("bounce", "dsn_in_mixed", "en"),
    )
    i += 1  # Italian, DSN body with 4.x.x and the quoted original
    text = (
        "Messaggio generato automaticamente dal server di posta.\n"
        "Il messaggio non è stato recapitato: 452 4.2.2 casella piena\n\n"
        "-------- Messaggio originale --------\n"
        f"Da: {KIM[1]}\nA: acquisti@piena.example.it\nOggetto: Offerta\n"
        "Data: lun 2 nov 2026 09:00\n"
    )
    yield (
        f"bounce/structural/dsn-body-it-{i}.eml",
        message(i, "Server di posta <posta@mail.piena.example.it>", "Non recapitato: Offerta",
                text_part(text)),
        fields("bounce", "dsn_body", "it"),
    )  # fmt: skip


# No-reply senders in many languages: (lang, local part, subject, body)
NOREPLY = (
    ("fr", "ne-pas-repondre", "Votre facture", "Votre facture de novembre est disponible dans votre espace client."),
    ("fr", "nepasrepondre", "Confirmation de commande", "Votre commande n° 58213 a bien été enregistrée."),
    ("es", "noresponder", "Su factura", "Su factura de noviembre ya está disponible en su área de cliente."),
    ("pt", "nao-responda", "Sua fatura", "Sua fatura de novembro está disponível na área do cliente."),
    ("de", "nicht-antworten", "Ihre Rechnung", "Ihre Rechnung für November steht im Kundenportal bereit."),
    ("it", "non-rispondere", "La tua fattura", "La tua fattura di novembre è disponibile nell'area clienti."),
    ("nl", "niet-beantwoorden", "Uw factuur", "Uw factuur van november staat klaar in uw klantomgeving."),
    ("pl", "nie-odpowiadaj", "Twoja faktura", "Twoja faktura za listopad jest dostępna w panelu klienta."),
)  # fmt: skip


def noreply(start: int) -> Iterator[Entry]:
    for j, (lang, local, subject, text) in enumerate(NOREPLY):
        i = start + j
        raw = message(i, who("Service", f"{local}@shop-{lang}-{i}.com"), subject,
                      text_part(text + "\n"), day=j)  # fmt: skip
        yield (f"noreply/{lang}-{local}-{i}.eml", raw, fields("noreply", "noreply_local", lang))


def tickets(start: int) -> Iterator[Entry]:
    rows = (
        ("en", "support@helpdesk-vendor.com", "[#48213] Pricing question",
         "##- Please type your reply above this line -##\n\nYour request (48213) has been "
         "received and is being reviewed by our support staff.\n\nTo add additional comments, "
         "reply to this email.", ()),
        ("de", "service@anbieter-example.de", "[Ticket#2026110310000123] Anfrage",
         "Vielen Dank für Ihre Anfrage. Wir haben Ihr Ticket unter der Nummer "
         "2026110310000123 erfasst und melden uns in Kürze.", (("X-Loop", "service@anbieter-example.de"),)),
        ("en", "help@saas-vendor.io", "Re: Question about invoices",
         "Hello,\n\nThis is an automatic confirmation that we received your message. "
         "A member of our team will get back to you within 24 hours.\n\nTicket: #7731",
         (("RT-Ticket", "saas-vendor.io #7731"), ("X-RT-Loop-Prevention", "saas-vendor.io"))),
        ("fr", "assistance@editeur-example.fr", "Demande n° 5521 reçue",
         "Bonjour,\n\nNous accusons réception de votre demande n° 5521. Notre équipe vous "
         "répondra dans les meilleurs délais.\n\nCeci est un message automatique.", ()),
    )  # fmt: skip
    for j, (lang, frm, subject, text, extra) in enumerate(rows):
        i = start + j
        raw = message(i, who("Support", frm), subject, text_part(text + "\n"), extra=extra)
        yield (f"autoreply/ticket/{lang}-{i}.eml", raw, fields("autoreply", "ticket_ack", lang))


def headers_only(start: int) -> Iterator[Entry]:
    """Auto-replies that say so only in a header the earlier corpora did not use."""
    rows = (
        ("en", (("X-Auto-Response-Suppress", "All"),), "Re: Meeting next week",
         "I'm away until 26 August and will reply when I return."),
        ("de", (("X-Autoreply", "yes"), ("X-Autoreply-From", "lena@kanzlei-example.de")),
         "Re: Termin", "Ich bin bis 26. August nicht im Büro."),
        ("en", (("Feedback-ID", "1:campaign:h4:esp"), ("X-CSA-Complaints", "csa-complaints@eco.de")),
         "November product news", "Our November update: three new features."),
        ("en", (("X-MS-Exchange-Generated-Message-Source", "Mailbox Rules Agent"),),
         "Re: Invoice 2211", "This mailbox is no longer monitored. Please write to accounts@example.org."),
    )  # fmt: skip
    for j, (lang, extra, subject, text) in enumerate(rows):
        i = start + j
        kind = "bulk" if "Feedback-ID" in dict(extra) else "autoreply"
        raw = message(i, who(f"Person {i}", f"person{i}@org-{i}.example.net"), subject,
                      text_part(text + "\n"), extra=extra)  # fmt: skip
        yield (f"{kind}/headers/{lang}-{i}.eml", raw, fields(kind, "header_only", lang))


def calendar(i: int) -> Entry:
    ics = (
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:-//Example//Cal//EN\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nUID:h4-demo-1\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:marta@firma-pl.example\r\n"
        "DTSTART:20261110T090000Z\r\nSUMMARY:Demo\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    body = multipart(
        "alternative",
        [
            text_part("Marta zaakceptowała zaproszenie.\n"),
            f'Content-Type: text/calendar; charset="utf-8"; method=REPLY\r\n\r\n{ics}'.encode(),
        ],
        f"cal{i}",
    )
    raw = message(i, who("Marta Nowak", "marta@firma-pl.example"), "Zaakceptowano: Demo", body)
    return f"autoreply/calendar/pl-{i}.eml", raw, fields("autoreply", "calendar_reply", "pl")


def robots(start: int = 5000) -> list[Entry]:
    out: list[Entry] = []
    out += list(ooo(start))
    out += list(bounces(start + 30))
    out += list(noreply(start + 40))
    out += list(tickets(start + 50))
    out += list(headers_only(start + 60))
    out.append(calendar(start + 70))
    return out
