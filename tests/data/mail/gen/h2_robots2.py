"""Holdout 2: robots other than DSNs (see h2_robots for the sources)."""

from __future__ import annotations

import base64
import gzip
import io
import zipfile
from collections.abc import Iterator

from tests.data.mail.gen.h2_mime import ALIAS, COLLEAGUES, hdr, message, msgid, multipart, part
from tests.data.mail.gen.h2_robots import Entry, headers_of, report, robot

# lang, subject prefix, text, headers variant
AUTOREPLIES = (
    (
        "en",
        "Automatic reply:",
        "I am out of the office until 4 January with limited access to email.",
        "rfc3834",
    ),
    ("en", "Out of Office:", "Thank you for your message. I'm away until Monday.", "xar"),
    ("en", "Auto:", "I'm currently on annual leave.", "subject"),
    ("de", "Automatische Antwort:", "Ich bin bis zum 4. Januar nicht im Büro.", "subject"),
    ("de", "Abwesenheitsnotiz:", "Vielen Dank für Ihre Nachricht. Ich bin im Urlaub.", "xar"),
    ("fr", "Réponse automatique :", "Je suis absent du bureau jusqu'au 4 janvier.", "subject"),
    ("es", "Respuesta automática:", "Estoy fuera de la oficina hasta el 4 de enero.", "xars"),
    ("it", "Risposta automatica:", "Sono fuori ufficio fino al 4 gennaio.", "subject"),
    ("nl", "Automatisch antwoord:", "Ik ben afwezig tot 4 januari.", "subject"),
    ("pt", "Resposta automática:", "Estou ausente do escritório até 4 de janeiro.", "prec"),
    ("pl", "Odpowiedź automatyczna:", "Jestem poza biurem do 4 stycznia.", "subject"),
    ("cs", "Automatická odpověď:", "Jsem mimo kancelář do 4. ledna.", "subject"),
    ("sk", "Automatická odpoveď:", "Som mimo kancelárie do 4. januára.", "rfc3834"),
    ("hu", "Automatikus válasz:", "Január 4-ig szabadságon vagyok.", "subject"),
    ("ro", "Răspuns automat:", "Sunt în concediu până pe 4 ianuarie.", "subject"),
    ("sv", "Automatiskt svar:", "Jag är ledig till den 4 januari.", "subject"),
    ("da", "Automatisk svar:", "Jeg er på ferie indtil den 4. januar.", "xar"),
    ("fi", "Automaattinen vastaus:", "Olen lomalla 4. tammikuuta asti.", "subject"),
    ("ru", "Автоматический ответ:", "Я в отпуске до 4 января.", "subject"),
    ("uk", "Автоматична відповідь:", "Я у відпустці до 4 січня.", "subject"),
    ("tr", "Otomatik yanıt:", "4 Ocak'a kadar ofis dışındayım.", "subject"),
    ("el", "Αυτόματη απάντηση:", "Βρίσκομαι εκτός γραφείου έως τις 4 Ιανουαρίου.", "subject"),
    ("ja", "自動応答:", "1月4日まで不在にしております。", "subject"),
    ("zh", "自动回复:", "我在休假，1月4日返回。", "subject"),
    ("ko", "자동 회신:", "1월 4일까지 부재중입니다.", "subject"),
    ("bg", "Автоматичен отговор:", "Отсъствам до 4 януари.", "subject"),
    ("hr", "Automatski odgovor:", "Odsutan sam do 4. siječnja.", "subject"),
    ("sl", "Samodejni odgovor:", "Odsoten sem do 4. januarja.", "subject"),
    ("lt", "Automatinis atsakymas:", "Atostogauju iki sausio 4 d.", "subject"),
    ("lv", "Automātiskā atbilde:", "Esmu atvaļinājumā līdz 4. janvārim.", "subject"),
    ("et", "Automaatne vastus:", "Olen puhkusel kuni 4. jaanuarini.", "subject"),
    ("no", "Automatisk svar:", "Jeg er på ferie til 4. januar.", "subject"),
    ("en", "On holiday until 4 January", "Gmail vacation responder: back soon.", "rfc3834"),
    ("en", "Re: Following up on our call", "This is an automated vacation reply.", "xar"),
)


def autoreplies(start: int) -> Iterator[Entry]:
    for j, (lang, prefix, text, variant) in enumerate(AUTOREPLIES):
        i = start + j
        who = f"client{i}@customer-{lang}-{i}.com"
        subject = prefix if prefix.startswith(("On ", "Re:")) else f"{prefix} Following up"
        headers = [
            ("Return-Path", f"<{who}>" if variant != "rfc3834" else "<>"),
            ("From", f"Client {i} <{who}>"),
            ("To", ALIAS),
            ("Subject", hdr(subject)),
            ("Date", "Mon, 07 Dec 2026 10:00:00 +0100"),
            ("Message-ID", msgid(f"ar{i}", f"customer-{lang}-{i}.com")),
        ]
        if variant == "rfc3834":
            headers.append(("Auto-Submitted", "auto-replied (vacation)"))
        elif variant == "xar":
            headers += [("X-Autoreply", "yes"), ("X-Auto-Response-Suppress", "All")]
        elif variant == "xars":
            headers.append(("X-Autorespond", "Fuera de la oficina"))
        elif variant == "prec":
            headers.append(("Precedence", "auto_reply"))
        body = part("text/plain", text + "\n", "utf-8", "quoted-printable")
        yield (
            f"autoreply/{lang}-{variant}-{i}.eml",
            message(headers, body),
            robot("autoreply", f"autoreply-{variant}", lang),
        )


RECEIPTS = (
    ("en", "Read: Following up on our call", True),
    ("de", "Gelesen: Angebot", True),
    ("fr", "Lu : Votre devis", True),
    ("es", "Leído: Presupuesto", True),
    ("it", "Letto: Preventivo", False),
    ("nl", "Gelezen: Offerte", False),
    ("sv", "Läst: Offert", True),
    ("fi", "Luettu: Tarjous", False),
    ("pl", "Przeczytano: Oferta", True),
    ("ru", "Прочитано: Предложение", False),
    ("en", "Not read: Following up on our call", True),
    ("en", "Return Receipt (displayed) - Following up on our call", True),
)


def receipts(start: int) -> Iterator[Entry]:
    for j, (lang, subject, is_report) in enumerate(RECEIPTS):
        i = start + j
        who = f"reader{i}@customer-{lang}-{i}.com"
        human = "Your message was read on Monday, 7 December 2026 10:15 (UTC+01:00).\n"
        if is_report:
            mdn = (
                f"Reporting-UA: mail.customer-{lang}-{i}.com; Microsoft Outlook 16.0\r\n"
                f"Final-Recipient: rfc822;{who}\r\nOriginal-Message-ID: <out{i}@mail.example.com>"
                "\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n"
            ).encode()
            body = report(
                i,
                "disposition-notification",
                human,
                b"Content-Type: message/disposition-notification\r\n\r\n" + mdn,
                headers_of(i),
                f"r{i}",
            )
        else:
            body = part("text/plain", human, "utf-8", "7bit")
        headers = [
            ("From", f"Reader {i} <{who}>"),
            ("To", ALIAS),
            ("Subject", hdr(subject)),
            ("Date", "Mon, 07 Dec 2026 10:15:00 +0100"),
            ("Message-ID", msgid(f"mdn{i}", f"customer-{lang}-{i}.com")),
        ]
        yield (f"receipt/{lang}-{i}.eml", message(headers, body), robot("receipt", "mdn", lang))


def gz(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as f:
        f.write(data)
    return out.getvalue()


def zipped(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo(name, (2026, 12, 7, 0, 0, 0)), data)
    return out.getvalue()


def attachment(ctype: str, name: str, data: bytes) -> bytes:
    return (
        f'Content-Type: {ctype}; name="{name}"\r\nContent-Transfer-Encoding: base64\r\n'
        f'Content-Disposition: attachment; filename="{name}"\r\n\r\n'
    ).encode() + base64.encodebytes(data).replace(b"\n", b"\r\n")


def dmarc_xml(org: str) -> bytes:
    return (
        f'<?xml version="1.0"?><feedback><report_metadata><org_name>{org}</org_name>'
        "<report_id>1733529600</report_id></report_metadata><policy_published><domain>"
        "example.com</domain><p>none</p></policy_published></feedback>"
    ).encode()


def feedback(start: int) -> Iterator[Entry]:
    i = start
    reports = (
        ("google.com", "noreply-dmarc-support@google.com", "zip"),
        ("Outlook.com", "dmarcreport@microsoft.com", "gzip"),
        ("Yahoo", "noreply@dmarc.yahoo.com", "gzip"),
        ("customer-gmbh.de", "dmarc-reports@customer-gmbh.de", "zip"),
    )
    for org, frm, how in reports:
        i += 1
        name = f"{org.lower()}!example.com!1733529600!1733615999"
        data = dmarc_xml(org)
        att = (
            attachment("application/zip", name + ".zip", zipped(name + ".xml", data))
            if how == "zip"
            else attachment("application/gzip", name + ".xml.gz", gz(data))
        )
        text = part(
            "text/plain", "This is an aggregate report from " + org + ".\n", "utf-8", "7bit"
        )
        body = multipart("mixed", [text, att], f"dm{i}") if i % 2 else att
        headers = [
            ("From", frm),
            ("To", "dmarc@example.com, " + ALIAS),
            (
                "Subject",
                f"Report domain: example.com Submitter: {org} Report-ID: "
                f"<{i}.1733529600@{org.lower()}>",
            ),
            ("Date", "Tue, 08 Dec 2026 01:00:00 +0000"),
            ("Message-ID", msgid(f"dmarc{i}", "reports.invalid")),
        ]
        yield (
            f"feedback/dmarc-{how}-{i}.eml",
            message(headers, body),
            robot("feedback", "dmarc", "en"),
        )
    for submitter, frm in (
        ("google.com", "noreply-smtp-tls-reporting@google.com"),
        ("mail.partner-co.com", "tlsrpt@mail.partner-co.com"),
    ):
        i += 1
        js = b'{"organization-name":"x","policies":[{"policy":{"policy-domain":"example.com"}}]}'
        body = multipart(
            "report",
            [
                part("text/plain", "This is an aggregate TLS report.\n", "utf-8", "7bit"),
                attachment("application/tlsrpt+gzip", f"{submitter}!example.com!1.json.gz", gz(js)),
            ],
            f"tls{i}",
            "; report-type=tlsrpt",
        )
        headers = [
            ("From", frm),
            ("To", ALIAS),
            ("TLS-Report-Domain", "example.com"),
            ("TLS-Report-Submitter", submitter),
            (
                "Subject",
                f"Report Domain: example.com Submitter: {submitter} Report-ID: <{i}@{submitter}>",
            ),
            ("Date", "Tue, 08 Dec 2026 02:00:00 +0000"),
            ("Message-ID", msgid(f"tls{i}", submitter)),
        ]
        yield (f"feedback/tlsrpt-{i}.eml", message(headers, body), robot("feedback", "tlsrpt"))
    for ftype, frm in (
        ("abuse", "staff@hotmail.com"),
        ("abuse", "scomp@aol.net"),
        ("auth-failure", "dmarc-forensic@mail.customer-nl.nl"),
    ):
        i += 1
        fb = (
            f"Feedback-Type: {ftype}\r\nUser-Agent: SomeGenerator/1.0\r\nVersion: 1\r\n"
            f"Original-Mail-From: <{COLLEAGUES[i % 4][1]}>\r\n"
            f"Arrival-Date: Mon, 07 Dec 2026 09:00:02 +0100\r\n"
            "Reported-Domain: example.com\r\n"
        ).encode()
        body = report(
            i,
            "feedback-report",
            "This is an email abuse report for an email message received on Mon, 7 Dec 2026.\n",
            b"Content-Type: message/feedback-report\r\n\r\n" + fb,
            headers_of(i),
            f"arf{i}",
        )
        headers = [
            ("From", frm),
            ("To", ALIAS),
            ("Subject", "Abuse report" if ftype == "abuse" else "FW: Following up on our call"),
            ("Date", "Mon, 07 Dec 2026 11:00:00 +0000"),
            ("Message-ID", msgid(f"arf{i}", "reports.invalid")),
        ]
        yield (f"feedback/arf-{ftype}-{i}.eml", message(headers, body), robot("feedback", "arf"))
