"""Inline forwards as each client writes them: Gmail, Apple Mail (macOS and iOS), Outlook
desktop (HTML and plain-text mode), Outlook on the web / new Outlook, new Outlook for Mac,
and Outlook 2019 for Mac ("On …, Name <x@…> wrote:" under "FW:")."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.message import EmailMessage

from .fmt import (
    ALIAS,
    Person,
    apple_date,
    esc,
    exchange_id,
    gmail_date,
    gmail_id,
    html_paras,
    mac_new_date,
    mail,
    outlook_date,
    outlook_id,
    owa_date,
    received,
    rfc_date,
    uid,
)
from .langs import Lang
from .texts import Texts


@dataclass
class Fwd:
    """One forward to write: who sent what to whom, and the colleague passing it on."""

    lang: Lang
    texts: Texts
    colleague: Person
    customer: Person
    company: str
    subject: str
    body: str
    note: str | None
    sent: datetime
    fwd: datetime
    rng: random.Random
    cc: list[Person] = field(default_factory=list)
    to: list[Person] = field(default_factory=lambda: [Person("", ALIAS)])
    outer_cc: list[Person] = field(default_factory=list)

    def sig(self) -> str:
        return f"{self.colleague.name}\nExample | Sales Engineering"

    def head(self, prefix: str, extra: list[tuple[str, str]], msgid: str) -> list[tuple[str, str]]:
        rcv = received(self.rng, self.fwd, "mail-out.example.com")
        out = [("Return-Path", f"<{self.colleague.email}>"), ("Received", rcv)]
        out += [("From", self.colleague.addr()), ("To", ", ".join(p.addr() for p in self.to))]
        if self.outer_cc:
            out.append(("Cc", ", ".join(p.addr() for p in self.outer_cc)))
        subject = f"{prefix} {self.subject}".strip() if prefix else self.subject
        out += [("Subject", subject), ("Date", rfc_date(self.fwd)), ("Message-ID", msgid)]
        return out + [("MIME-Version", "1.0"), *extra]

    def lead_in(self) -> str:
        return f"{self.note}\n\n{self.sig()}\n\n" if self.note else ""


def _l(lang: Lang, label: str) -> str:
    return f"{label}{lang.colon}"


def gmail(f: Fwd, *, quoted_reply: bool = False) -> EmailMessage:
    """Gmail: '---------- Forwarded message ---------' (every locale); only 'From' is
    localised, Date/Subject/To/Cc stay English; the date is localised."""
    lg = f.lang
    date = gmail_date(lg.code, f.sent, lg.gmail_at)
    lines = [
        "---------- Forwarded message ---------",
        f"{_l(lg, lg.gmail_from)}{f.customer.plain()}",
        f"Date: {date}",
        f"Subject: {f.subject}",
        f"To: {f.colleague.plain()}",
    ]
    if f.cc:
        lines.append("Cc: " + ", ".join(p.plain() for p in f.cc))
    body = f.body
    if quoted_reply:  # the customer answered the colleague: Gmail's quote inside the forward
        earlier = gmail_date(lg.code, f.sent.replace(day=max(1, f.sent.day - 1)), lg.gmail_at)
        body += f"\n\nOn {earlier}, {f.colleague.plain()} wrote:\n> " + f.texts.notes[1]
    note = f"{f.note}\n\n" if f.note else ""
    block = "\n".join(lines)
    text = f"{note}{block}\n\n\n{body}\n\n\n-- \n{f.sig()}\n"
    attr = (
        f"---------- Forwarded message ---------<br>{esc(_l(lg, lg.gmail_from))}<strong "
        f'class="gmail_sendername" dir="auto">{esc(f.customer.name)}</strong> <span dir="auto">'
        f'&lt;<a href="mailto:{f.customer.email}">{f.customer.email}</a>&gt;</span><br>'
        f"Date: {esc(date)}<br>Subject: {esc(f.subject)}<br>To: {esc(f.colleague.plain())}<br>"
    )
    html = (
        f'<div dir="ltr">{html_paras(f.note or "")}<br><div class="gmail_quote">'
        f'<div dir="ltr" class="gmail_attr">{attr}</div><br><br>'
        f'<div dir="ltr">{html_paras(body)}</div></div><br clear="all"><div><br></div>-- <br>'
        f'<div dir="ltr" class="gmail_signature">{html_paras(f.sig())}</div></div>'
    )
    headers = f.head("Fwd:", [], gmail_id(f.rng))
    return mail(headers, text, html)


def apple(f: Fwd, *, ios: bool = False, quote: bool = False) -> EmailMessage:
    """Apple Mail: a localised 'Begin forwarded message:' and localised labels (From,
    Subject, Date, To, Cc); iOS quotes the block with '> ' and signs 'Sent from my iPhone'."""
    lg = f.lang
    assert lg.apple is not None and lg.apple_sep is not None
    fr, subj, date, to, cc = lg.apple
    sep = lg.apple_ios_sep if ios and lg.apple_ios_sep else lg.apple_sep
    block = [
        f"{_l(lg, fr)}{f.customer.plain()}",
        f"{_l(lg, subj)}{f.subject}",
        f"{_l(lg, date)}{apple_date(lg.code, f.sent, lg.gmail_at)}",
        f"{_l(lg, to)}{f.colleague.plain()}",
    ]
    if f.cc:
        block.append(_l(lg, cc) + ", ".join(p.plain() for p in f.cc))
    body_lines = [*block, "", *f.body.split("\n")]
    if ios or quote:
        body_lines = [("> " + x).rstrip() if x else ">" for x in body_lines]
    note = (f.note + "\n\n") if f.note else ""
    tail = "Sent from my iPhone\n\n" if ios else ""
    text = f"{note}{tail}{sep}\n\n" + "\n".join(body_lines) + "\n"
    html = (
        f'<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
        f'<body dir="auto">{html_paras(f.note or "")}<div><br><blockquote type="cite">'
        f"<div>{esc(sep)}</div><br>"
        + "".join(
            f"<div><b>{esc(x.split(lg.colon.strip())[0])}"
            f"{esc(lg.colon.strip())}</b>{esc(x.split(lg.colon.strip(), 1)[1])}</div>"
            for x in block
        )
        + f"<br><div>{html_paras(f.body)}</div></blockquote></div></body></html>"
    )
    mailer = (
        [("X-Mailer", f"iPhone Mail (21{f.rng.choice('DEFG')}{f.rng.randrange(50, 99)})")]
        if ios
        else [("X-Mailer", "Apple Mail (2.3774.500.171.1.1)")]
    )
    prefix = "転送:" if lg.code == "ja" and ios else "Fwd:"
    headers = f.head(prefix, mailer, f"<{uid(f.rng)}@example.com>")
    headers = [
        (
            k,
            "1.0 (Mac OS X Mail 16.0 \\(3774.500.171.1.1\\))"
            if k == "MIME-Version" and not ios
            else "1.0 (1.0)"
            if k == "MIME-Version"
            else v,
        )
        for k, v in headers
    ]
    return mail(headers, text, html)


def _outlook_block(
    f: Fwd, labels: tuple[str, ...], date: str, mailto: bool, colon: str | None = None
) -> list[str]:
    lg = replace(f.lang, colon=colon) if colon else f.lang
    fr, sent, to, cc, subj = labels
    sender = f"{f.customer.name} [mailto:{f.customer.email}]" if mailto else f.customer.plain()
    out = [f"{_l(lg, fr)}{sender} ", f"{_l(lg, sent)}{date}", f"{_l(lg, to)}{f.colleague.plain()}"]
    if f.cc:
        out.append(_l(lg, cc) + "; ".join(p.plain() for p in f.cc))
    out.append(f"{_l(lg, subj)}{f.subject}")
    return out


def _mso_html(f: Fwd, block: list[str], border: str = "#E1E1E1") -> str:
    lg = f.lang
    rows = []
    for line in block:
        label, _, value = line.partition(lg.colon.strip())
        rows.append(
            f'<b><span lang="{lg.code.upper()}">{esc(label.strip())}:</span></b> '
            f"{esc(value.strip())}"
        )
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta '
        'http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="Generator" '
        'content="Microsoft Word 15 (filtered medium)"></head><body lang="'
        f'{lg.code.upper()}" link="#0563C1"><div class="WordSection1"><p class="MsoNormal">'
        f'{esc(f.note or "")}<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        f'<div><div style="border:none;border-top:solid {border} 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        f'<p class="MsoNormal">{"<br>".join(rows)}<o:p></o:p></p></div></div>'
        f'<p class="MsoNormal"><o:p>&nbsp;</o:p></p>{html_paras(f.body, "p")}</div></body></html>'
    )


def outlook_desktop(f: Fwd, *, plain: bool = False, mailto: bool = False) -> EmailMessage:
    """Outlook for Windows. HTML mode: the text part carries the header block with no
    separator line. Plain-text mode: '-----Original Message-----' above the block."""
    lg = f.lang
    block = _outlook_block(f, lg.outlook, outlook_date(lg.code, f.sent), mailto)
    extra = [
        ("Thread-Topic", f.subject),
        ("Thread-Index", "AQHa" + uid(f.rng).replace("-", "")[:20]),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Content-Language", f"{lg.code}-{lg.code}"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
    ]
    headers = f.head(f"{lg.outlook_prefix}:", extra, outlook_id(f.rng))
    lead = f.lead_in()
    if plain:
        text = f"{lead}-----{lg.original_message}-----\n" + "\n".join(block) + f"\n\n{f.body}\n"
        charset = "windows-1252" if lg.code in ("de", "fr", "es", "it", "nl", "en") else "utf-8"
        try:
            text.encode(charset)
        except UnicodeEncodeError:
            charset = "utf-8"
        return mail(headers, text, charset=charset)
    text = lead + "\n".join(block) + f"\n\n{f.body}\n"
    return mail(headers, text, _mso_html(f, block))


def owa(f: Fwd, *, english_labels: bool = False, html_only: bool = False) -> EmailMessage:
    """Outlook on the web, new Outlook for Windows, Outlook.com: a 32-underscore line, then
    From/Sent/To/Cc/Subject (localised, or English in some tenants)."""
    lg = f.lang
    fr, sent, to, cc, subj = (
        ("From", "Sent", "To", "Cc", "Subject") if english_labels else lg.outlook
    )
    sent = lg.owa_sent or sent if not english_labels else sent
    colon = ": " if english_labels else None
    block = _outlook_block(f, (fr, sent, to, cc, subj), owa_date(lg.code, f.sent), False, colon)
    block = [b.rstrip() for b in block]
    text = f.lead_in() + "_" * 32 + "\n" + "\n".join(block) + f"\n\n{f.body}\n"
    rows = "<br>".join(
        f"<b>{esc(x.partition(lg.colon.strip())[0].strip())}:</b> "
        f"{esc(x.partition(lg.colon.strip())[2].strip())}"
        for x in block
    )
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>'
        f'</head><body dir="ltr"><div class="elementToProof" style="font-family: Aptos, '
        f'sans-serif; font-size: 12pt;">{html_paras(f.note or "")}</div>'
        '<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt"'
        f' color="#000000">{rows}</font><div>&nbsp;</div></div>'
        f"<div>{html_paras(f.body)}</div></body></html>"
    )
    extra = [
        ("Thread-Topic", f.subject),
        ("Thread-Index", "AQHa" + uid(f.rng).replace("-", "")[:24]),
        ("Accept-Language", f"{lg.code}-{lg.code.upper()}, en-US"),
        ("Content-Language", f"{lg.code}-{lg.code.upper()}"),
        ("X-MS-Has-Attach", ""),
        ("msip_labels", ""),
    ]
    headers = f.head(f"{lg.outlook_prefix}:", extra, exchange_id(f.rng))
    return mail(headers, None if html_only else text, html)


def new_outlook_mac(f: Fwd) -> EmailMessage:
    """New Outlook for Mac: no separator line; From/Date/To/Cc/Subject, the body right
    under the Subject line."""
    lg = f.lang
    assert lg.nol is not None
    fr, date, to, cc, subj = lg.nol
    block = [
        f"{_l(lg, fr)}{f.customer.plain()}",
        f"{_l(lg, date)}{mac_new_date(lg.code, f.sent, lg.gmail_at)}",
        f"{_l(lg, to)}{f.colleague.email} <{f.colleague.email}>",
    ]
    if f.cc:
        block.append(_l(lg, cc) + ", ".join(p.plain() for p in f.cc))
    block.append(f"{_l(lg, subj)}{f.subject}")
    text = f.lead_in() + "\n".join(block) + f"\n{f.body}\n"
    extra = [("User-Agent", "Microsoft-MacOutlook/16.78.23100802"), ("Thread-Topic", f.subject)]
    headers = f.head(f"{lg.outlook_prefix}:", extra, f"<{uid(f.rng)}@example.com>")
    return mail(headers, text, _mso_html(f, block, "#B5C4DF"))


def outlook_mac_2019(f: Fwd) -> EmailMessage:
    """Outlook 2019 for Mac: 'FW:' and an attribution line ('On 28/10/2021 12:46, "Name"
    <x@…> wrote:', localised), the original indented by four spaces, no header block."""
    lg = f.lang
    assert lg.mac_wrote is not None
    sep = ", " if lg.code == "de" else " "
    date = f"{f.sent:%d/%m/%Y}{sep}{f.sent:%H:%M}"
    wrote = lg.mac_wrote.format(date=date, name=f.customer.name, email=f.customer.email)
    indented = "\n".join(("    " + x) if x else "" for x in f.body.split("\n"))
    text = f"{f.lead_in()}{wrote}\n\n{indented}\n"
    extra = [("User-Agent", "Microsoft-MacOutlook/10.10.1b.191012"), ("Thread-Topic", f.subject)]
    headers = f.head("FW:", extra, f"<{uid(f.rng)}@example.com>")
    return mail(headers, text)
