"""Inline forwards from Thunderbird, Yahoo (one-line header), HubSpot, IONOS (Open-Xchange),
Missive, MailMate and Zimbra, and forwards attached as a message (message/rfc822 in 7bit,
quoted-printable or base64, or an .eml file sent as application/octet-stream)."""

from __future__ import annotations

import base64
import quopri
from email.message import EmailMessage

from .clients import Fwd, _l
from .fmt import (
    ALIAS,
    esc,
    exchange_id,
    flowed,
    gmail_id,
    header_bytes,
    html_paras,
    long_date,
    mail,
    outlook_id,
    received,
    rfc_date,
    to_bytes,
    token,
    uid,
)

IONOS = {  # Open-Xchange webmail: separator and (from, to, date, subject)
    "en": ("Original Message", ("From", "To", "Date", "Subject")),
    "de": ("Ursprüngliche Nachricht", ("Von", "An", "Datum", "Betreff")),
    "fr": ("Message d'origine", ("De", "À", "Date", "Objet")),
    "es": ("Mensaje original", ("De", "Para", "Fecha", "Asunto")),
    "it": ("Messaggio originale", ("Da", "A", "Data", "Oggetto")),
}


def _numbers(f: Fwd) -> str:
    """The dotted numbers Yahoo's and Zimbra's Message-IDs are made of."""
    r = f.rng
    return f"{r.randrange(10**8, 10**9)}.{r.randrange(10**6, 10**7)}.{r.randrange(10**12, 10**13)}"


def thunderbird(f: Fwd, *, html: bool = False) -> EmailMessage:
    """Thunderbird inline forward: '-------- Forwarded Message --------', then Subject,
    Date (RFC 5322), From, To, CC with a tab after each label, three blank lines."""
    lg = f.lang
    assert lg.tb is not None and lg.tb_sep is not None
    subj, date, fr, to, cc = lg.tb
    rows = [
        (subj, f.subject),
        (date, rfc_date(f.sent)),
        (fr, f.customer.plain()),
        (to, f.colleague.plain()),
    ]
    if f.cc:
        rows.append((cc, ", ".join(p.plain() for p in f.cc)))
    block = "\n".join(f"{_l(lg, k)}\t{v}" for k, v in rows)
    note = f"{f.note}\n\n" if f.note else ""
    text = flowed(f"{note}\n{lg.tb_sep}\n{block}\n\n\n\n{f.body}\n\n-- \n{f.sig()}\n")
    extra = [("User-Agent", "Mozilla Thunderbird"), ("Content-Language", lg.code)]
    headers = f.head("Fwd:", extra, f"<{uid(f.rng).lower()}@example.com>")
    if html:
        table = "".join(
            '<tr><th valign="BASELINE" nowrap="nowrap" '
            f'align="RIGHT">{esc(k)}{esc(lg.colon.strip())}'
            f" </th><td>{esc(v)}</td></tr>\n"
            for k, v in rows
        )
        page = (  # Thunderbird sends 8bit HTML, one element a line
            f'<html>\n<head></head>\n<body>\n<p>{esc(f.note or "")}</p>\n<div class="moz-forward-'
            f'container"><br>\n<br>\n{esc(lg.tb_sep)}<br>\n<table class="moz-email-headers-table" '
            'border="0" cellspacing="0" '
            f'cellpadding="0">\n<tbody>\n{table}</tbody>\n</table>\n<br>\n'
            + html_paras(f.body, "p").replace("</p>", "</p>\n")
            + "</div>\n</body>\n</html>\n"
        )
        return mail(headers, None, page, cte="8bit")
    return mail(headers, text, cte="8bit", params={"format": "flowed"})


def yahoo(f: Fwd) -> EmailMessage:
    """Yahoo Mail: the whole forwarded header on one line, fields run together."""
    lg = f.lang
    assert lg.yahoo is not None and lg.yahoo_sep is not None
    fr, to, cc, sent, subj = lg.yahoo
    parts = [
        f"{_l(lg, fr)}{f.customer.plain()}",
        f'{_l(lg, to)}"{f.colleague.email}" <{f.colleague.email}>',
    ]
    if f.cc:
        parts.append(_l(lg, cc) + "; ".join(p.plain() for p in f.cc))
    zone = f"GMT+{int(f.sent.utcoffset().total_seconds() // 3600)}"  # type: ignore[union-attr]
    parts += [f"{_l(lg, sent)}{long_date(lg.code, f.sent)} {zone}", f"{_l(lg, subj)}{f.subject}"]
    note = f"{f.note}\n\n\n" if f.note else ""
    text = f"{note}   ----- {lg.yahoo_sep} ----- " + "".join(parts) + f"\n {f.body}\n"
    html = (
        '<html><head></head><body><div class="ydp-yahoo-style-wrapper" style="font-family:'
        f'Helvetica Neue, Helvetica, Arial, sans-serif;font-size:16px;">{html_paras(f.note or "")}'
        f'<div><br></div><div id="ydpyahoo_quoted"><div>----- {esc(lg.yahoo_sep)} -----'
        f"</div><div>{'</div><div>'.join(esc(p) for p in parts)}</div><div><br></div>"
        f"<div>{html_paras(f.body)}</div></div></div></body></html>"
    )
    msgid = f"<{_numbers(f)}@mail.yahoo.com>"
    extra = [("X-Mailer", "WebService/1.1.22046 YMailNorrin")]
    return mail(f.head("Fw:", extra, msgid), text, html)


def hubspot(f: Fwd) -> EmailMessage:
    """HubSpot's inbox: a Gmail-like dashed line with a localised title; From, Date,
    Subject, To, Cc (Japanese with full-width colons)."""
    lg = f.lang
    assert lg.hubspot is not None and lg.hubspot_sep is not None
    fr, date, subj, to, cc = lg.hubspot
    colon = "：" if lg.code == "ja" else lg.colon
    sep = {"en": ", ", "de": ", ", "pl": ", ", "fr": " à ", "fi": " klo "}.get(lg.code, " ")
    rows = [
        (fr, f.customer.plain()),
        (date, long_date(lg.code, f.sent, sep) + " +0100"),
        (subj, f.subject),
        (to, f.colleague.email),
    ]
    if f.cc:
        rows.append((cc, ", ".join(p.plain() for p in f.cc)))
    block = "\n".join(f"{k}{colon}{v}" for k, v in rows)
    text = f"{f.lead_in()}---------- {lg.hubspot_sep} ---------\n{block}\n\n{f.body}\n"
    html = (
        f"<div>{html_paras(f.lead_in())}<div>"
        + html_paras(text[len(f.lead_in()) :])
        + "</div></div>"
    )
    extra = [("X-HubSpot-Inbox", "conversations"), ("X-Mailer", "HubSpot Conversations")]
    msgid = f"<{token(f.rng, 24).lower()}@hubspot-inbox.example.com>"
    return mail(f.head("Fwd:", extra, msgid), text, html)


def ionos(f: Fwd) -> EmailMessage:
    """IONOS webmail (Open-Xchange): '> ---------- Original Message ----------', quoted."""
    sep, (fr, to, date, subj) = IONOS[f.lang.code]
    stamp = (
        f"{f.sent:%d/%m/%Y %H:%M} CET"
        if f.lang.code != "en"
        else f"{f.sent:%m/%d/%Y %-I:%M %p} EST"
    )
    lines = [
        f"---------- {sep} ----------",
        f"{fr}: {f.customer.plain()}",
        f'{to}: "{f.colleague.email}" <{f.colleague.email}>',
        f"{date}: {stamp}",
        f"{subj}: {f.subject}",
        " ",
        " ",
        *f.body.split("\n"),
    ]
    text = f.lead_in() + "\n".join(f"> {x}" if x else ">" for x in lines) + "\n"
    extra = [
        ("X-Mailer", "Open-Xchange Mailer v7.10.6-Rev52"),
        ("X-Priority", "3"),
        ("Importance", "Normal"),
    ]
    msgid = f"<{f.rng.randrange(10**8, 10**9)}.{f.rng.randrange(10**5, 10**6)}@email.ionos.de>"
    return mail(f.head("Fwd:", extra, msgid), text)


def missive(f: Fwd) -> EmailMessage:
    """Missive: Gmail-like marker with ten dashes each side, the body quoted with '>'."""
    lines = [
        "---------- Forwarded message ----------",
        f"From: {f.customer.plain()}",
        f"Date: {f.sent:%B %-d, %Y at %-I:%M %p}",
        f"To: {f.colleague.email}",
    ]
    if f.cc:
        lines.append("Cc: " + ", ".join(p.plain() for p in f.cc))
    lines.append(f"Subject: {f.subject}")
    quoted = "\n".join(f"> {x}" if x else ">" for x in f.body.split("\n"))
    text = f.lead_in() + "\n".join(lines) + f"\n\n{quoted}\n>\n"
    msgid = f"<{uid(f.rng).lower()}@missiveapp.com>"
    return mail(f.head("Fwd:", [("X-Mailer", "Missive Email")], msgid), text)


def mailmate(f: Fwd) -> EmailMessage:
    """MailMate: 'Forwarded message:' and the whole original quoted, headers first."""
    lines = [f"From: {f.customer.plain()}", f"To: {f.colleague.email}"]
    if f.cc:
        lines.append("Cc: " + ", ".join(p.plain() for p in f.cc))
    lines += [f"Subject: {f.subject}", f"Date: {rfc_date(f.sent)}", "", *f.body.split("\n")]
    quoted = "\n".join(f"> {x}" if x else ">" for x in lines)
    text = f.lead_in() + "Forwarded message:\n\n" + quoted + "\n"
    extra = [("X-Mailer", "MailMate (1.14r6029)")]
    return mail(
        f.head("Fwd:", extra, f"<{uid(f.rng)}@example.com>"),
        text,
        cte="8bit",
        params={"format": "flowed"},
    )


def zimbra(f: Fwd) -> EmailMessage:
    """Zimbra web client: '----- Forwarded Message -----', From/To/Cc/Sent/Subject with
    quoted display names."""
    lg = f.lang
    assert lg.zimbra is not None and lg.zimbra_sep is not None
    fr, to, cc, sent, subj = lg.zimbra
    lines = [
        f"----- {lg.zimbra_sep} -----",
        f'{_l(lg, fr)}"{f.customer.name}" <{f.customer.email}>',
        f'{_l(lg, to)}"{f.colleague.name}" <{f.colleague.email}>',
    ]
    if f.cc:
        lines.append(_l(lg, cc) + ", ".join(f'"{p.name}" <{p.email}>' for p in f.cc))
    lines += [f"{_l(lg, sent)}{long_date(lg.code, f.sent, ' ')}", f"{_l(lg, subj)}{f.subject}"]
    text = f.lead_in() + "\n".join(lines) + f"\n\n{f.body}\n"
    extra = [
        ("X-Mailer", "Zimbra 9.0.0_GA_4546 (ZimbraWebClient - FF121 (Linux)/9.0.0_GA_4546)"),
        ("Thread-Topic", f.subject),
    ]
    msgid = f"<{_numbers(f)}.JavaMail.zimbra@example.com>"
    return mail(f.head("Fwd:", extra, msgid), text)


# --- forwarded as an attachment ----------------------------------------------------


def customer_original(f: Fwd, client: str) -> EmailMessage:
    """The customer's own message, as their client sent it (the attached original)."""
    cust = f.customer
    if client == "outlook":
        msgid, extra = exchange_id(f.rng), [("X-MS-Has-Attach", ""), ("Thread-Topic", f.subject)]
    elif client == "gmail":
        msgid, extra = gmail_id(f.rng), []
    else:
        msgid = f"<{uid(f.rng).lower()}@{cust.email.split('@')[1]}>"
        extra = [("User-Agent", "Mozilla Thunderbird")]
    mx = f"mail.{cust.email.split('@')[1]}"
    headers = [
        ("Received", received(f.rng, f.sent, mx, rcpt=f.colleague.email)),
        ("From", cust.addr()),
        ("To", f.colleague.addr()),
    ]
    if f.cc:
        headers.append(("Cc", ", ".join(p.addr() for p in f.cc)))
    headers += [
        ("Subject", f.subject),
        ("Date", rfc_date(f.sent)),
        ("Message-ID", msgid),
        ("MIME-Version", "1.0"),
        *extra,
    ]
    html = f"<html><body>{html_paras(f.body)}</body></html>" if client != "thunderbird" else None
    return mail(headers, f.body + "\n", html)


def attached(f: Fwd, *, encoding: str, outer: str, inner: EmailMessage | None = None) -> bytes:
    """The colleague's message with the original attached: ``encoding`` is 7bit, 8bit,
    quoted-printable or base64 (message/rfc822), or 'eml' (application/octet-stream)."""
    inner = (
        inner
        if inner is not None
        else customer_original(f, f.rng.choice(["outlook", "gmail", "thunderbird"]))
    )
    inner_bytes = to_bytes(inner)
    boundary = f"----=_Part_{f.rng.randrange(10**5, 10**6)}_{f.rng.randrange(10**8, 10**9)}"
    if outer == "outlook":
        head = f.head(
            f"{f.lang.outlook_prefix}:",
            [("X-Mailer", "Microsoft Outlook 16.0"), ("X-MS-Has-Attach", "yes")],
            outlook_id(f.rng),
        )
    elif outer == "gmail":
        head = f.head("Fwd:", [], gmail_id(f.rng))
    else:
        head = f.head(
            "Fwd:", [("User-Agent", "Mozilla Thunderbird")], f"<{uid(f.rng).lower()}@example.com>"
        )
    head = [(k, v) for k, v in head if k != "MIME-Version"] + [("MIME-Version", "1.0")]
    head.append(("Content-Type", f'multipart/mixed; boundary="{boundary}"'))
    top = header_bytes(head)
    note = (f.note or "") + "\n\n" + f.sig() + "\n"
    note_part = (
        b'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: '
        b"quoted-printable\r\n\r\n" + quopri.encodestring(note.encode()).replace(b"\n", b"\r\n")
    )
    safe = f.subject.encode("ascii", "ignore").decode().strip().replace('"', "") or "message"
    if encoding == "eml":
        body = base64.encodebytes(inner_bytes).replace(b"\n", b"\r\n")
        part = (
            f'Content-Type: application/octet-stream; name="{safe[:40]}.eml"\r\n'
            f'Content-Disposition: attachment; filename="{safe[:40]}.eml"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n"
        ).encode() + body
    else:
        if encoding == "base64":
            body = base64.encodebytes(inner_bytes).replace(b"\n", b"\r\n")
        elif encoding == "quoted-printable":
            body = quopri.encodestring(inner_bytes.replace(b"\r\n", b"\n")).replace(b"\n", b"\r\n")
        else:
            body = inner_bytes
        part = (
            "Content-Type: message/rfc822\r\n"
            f'Content-Disposition: attachment; filename="{safe[:40]}.eml"\r\n'
            f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
        ).encode() + body
    b = boundary.encode()
    return (
        top
        + b"This is a multi-part message in MIME format.\r\n\r\n--"
        + b
        + b"\r\n"
        + note_part
        + b"\r\n--"
        + b
        + b"\r\n"
        + part.rstrip(b"\r\n")
        + b"\r\n--"
        + b
        + b"--\r\n"
    )


__all__ = [
    "ALIAS",
    "attached",
    "customer_original",
    "hubspot",
    "ionos",
    "mailmate",
    "missive",
    "thunderbird",
    "yahoo",
    "zimbra",
]
