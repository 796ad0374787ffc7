# ruff: noqa: E501  (data tables: long header and body strings, kept whole)
"""Forwards by colleagues to the sales alias, and direct / internal / reply mail (task auth)."""

from __future__ import annotations

import datetime as dt

from tests.data.mail.gen.h3_clients import (
    AGENT,
    LAYOUTS,
    OUTLOOK,
    d_full,
    gmail,
    outlook_desktop,
)
from tests.data.mail.gen.h3_langs import LANGS, new_lead, used
from tests.data.mail.gen.h3_mime import (
    ALIAS,
    STYLE,
    R,
    addr,
    alternative,
    enc_words,
    leaf,
    message,
    mid,
    multipart,
    pick_charset,
    rfcdate,
    text_to_html,
    when,
)

COLLEAGUES = [
    ("Lena Hartmann", "lena.hartmann"),
    ("Tomás Novak", "tomas.novak"),
    ("Priya Raman", "priya.raman"),
    ("Marco Bellini", "marco.bellini"),
    ("Sofia Lindqvist", "sofia.lindqvist"),
    ("Kenji Sato", "kenji.sato"),
    ("Olga Petrenko", "olga.petrenko"),
    ("Daniel Okafor", "daniel.okafor"),
    ("Claire Dubois", "claire.dubois"),
    ("Jakub Zieliński", "jakub.zielinski"),
]

COMMENT = {
    "en": [
        "Hi team, inbound from the webinar – can someone pick this up? They're on a competitor today.",
        "FYI – warm lead, please route.",
        "Please take this one, I'm out until Monday.",
        "See below. Looks like a good fit (60k MAU, wants SSO).",
        "",
    ],
    "de": [
        "Hallo zusammen, bitte übernehmen – Anfrage von der Messe.",
        "Zur Info, bitte zuordnen. Danke!",
        "",
    ],
    "fr": ["Bonjour, pouvez-vous prendre cette demande ? Merci !", "Pour info, lead entrant.", ""],
    "es": ["Hola equipo, ¿alguien puede encargarse de esto?", "Os reenvío esta solicitud.", ""],
    "pt": ["Olá, podem tratar deste pedido? Obrigado.", ""],
    "it": ["Ciao, potete seguire voi questa richiesta?", "Inoltro per competenza.", ""],
    "nl": ["Hoi, kan iemand dit oppakken?", "Ter info, graag opvolgen.", ""],
    "pl": ["Cześć, czy ktoś może się tym zająć?", "Do wiadomości – proszę przejąć.", ""],
    "cs": ["Ahoj, může to prosím někdo převzít?", ""],
    "sv": ["Hej, kan någon ta hand om detta?", ""],
    "da": ["Hej, kan I tage den her?", ""],
    "fi": ["Moi, voisiko joku hoitaa tämän?", ""],
    "ja": ["営業チームの皆さま、こちらの対応をお願いします。", ""],
    "ru": ["Коллеги, возьмите, пожалуйста, в работу.", ""],
    "uk": ["Колеги, візьміть, будь ласка, в роботу.", ""],
    "tr": ["Merhaba, bunu biri üstlenebilir mi?", ""],
    "zh": ["请销售团队跟进，谢谢。", ""],
    "ko": ["영업팀에서 확인 부탁드립니다.", ""],
}

SIGNATURE = (
    "--\n{name}\nAccount Executive | Example Inc.\n{email} | +49 30 1234 5678\nhttps://example.com"
)

OUT: list[tuple[str, bytes, dict]] = []  # (relative path, raw, manifest entry)


def colleague(i: int) -> tuple[str, str]:
    name, local = COLLEAGUES[i % len(COLLEAGUES)]
    return name, f"{local}@example.com"


def comment_for(code: str, i: int) -> str:
    options = COMMENT.get(code) or COMMENT["en"]
    return options[i % len(options)]


def original(
    code: str,
    i: int,
    col: tuple[str, str],
    lead: tuple[str, str] | None = None,
    fwd_date: dt.datetime | None = None,
) -> dict:
    lang = LANGS[code]
    name, email = lead or new_lead(code, i)
    first = name.split()[0] if code not in ("hu", "ja", "zh", "ko") else name
    col_first = col[0].split()[0]
    date = (fwd_date or when()) - dt.timedelta(hours=R.randint(1, 70), minutes=R.randint(0, 59))
    subject, body = lang.subject, lang.body
    alts = ALT.get(code, [])
    if alts and i % (len(alts) + 1):
        subject, body = alts[i % (len(alts) + 1) - 1]
    return dict(
        name=name,
        email=email,
        date=date,
        subject=subject,
        body=body.format(to=col_first, me=first),
        to_name=col[0],
        to_email=col[1],
    )


ALT = {
    "en": [
        (
            "Quick question re: feature flags",
            "Hey {to},\n\ngreat chatting at the meetup. As promised: we're a 25-person team running about\n"
            "300 flags in LaunchDarkly and the renewal quote is way over budget. Could you walk us through\n"
            "your pricing and how migration of existing flags works?\n\nCheers,\n{me}",
        ),
        (
            "Follow-up from our call",
            "Hi {to},\n\nthanks for the call yesterday. Our VP Engineering would like to see a demo of the\n"
            "experiments module before we go to procurement. Any slot Thursday or Friday works.\n\nBest regards,\n{me}",
        ),
        (
            "Analytics for our mobile app",
            "Hello {to},\n\nWe launched our Android and iOS apps last month (about 90k installs) and need\n"
            "product analytics + crash-free session replay. What would it cost and is there a trial?\n\nThanks\n{me}",
        ),
    ],
    "de": [
        (
            "Ihre Präsentation auf der Messe",
            "Hallo {to},\n\nvielen Dank für das nette Gespräch am Stand. Wir würden gern eine Teststellung\n"
            "für unser Entwicklerteam (12 Personen) einrichten. Was brauchen Sie dafür von uns?\n\nBeste Grüße\n{me}",
        ),
        (
            "Rückfrage Preise Session Replay",
            "Guten Tag {to},\n\nwir nutzen derzeit ein anderes Tool, das aber bei den Replays zu teuer wird.\n"
            "Wie rechnen Sie Aufnahmen ab, und gibt es einen Jahresrabatt?\n\nMit freundlichen Grüßen\n{me}",
        ),
    ],
    "fr": [
        (
            "Suite à notre échange",
            "Bonjour {to},\n\nmerci pour la présentation de mardi. Notre CTO souhaite un essai de deux semaines\n"
            "avant de valider le budget. Pouvez-vous nous l'activer ?\n\nCordialement,\n{me}",
        )
    ],
    "es": [
        (
            "Seguimiento de la llamada",
            "Hola {to},\n\ngracias por la llamada. Nuestro director técnico quiere ver los experimentos A/B\n"
            "antes de pedir presupuesto formal. ¿Tenéis hueco el jueves?\n\nSaludos,\n{me}",
        )
    ],
}


THIRD_PARTY = {
    "en": ("Rob Tanner", "rob.tanner@competitor-insights.io", "From", "Sent", "To", "Subject"),
    "fr": ("Julien Marchal", "j.marchal@concurrent-analytics.fr", "De", "Envoyé", "À", "Objet"),
    "nl": ("Pieter Smit", "pieter@andere-leverancier.nl", "Van", "Verzonden", "Aan", "Onderwerp"),
    "de": ("Uwe Krämer", "u.kraemer@wettbewerber-software.de", "Von", "Gesendet", "An", "Betreff"),
}


def add_third_party(code: str, o: dict, style: str) -> None:
    """The customer's own mail quotes an earlier reply of a third party (not our lead)."""
    tname, temail, f, s, t, subj = THIRD_PARTY[code]
    used(temail) if temail not in _THIRD_SEEN else None
    _THIRD_SEEN.add(temail)
    d = o["date"] - dt.timedelta(days=3)
    if style == "outlook":
        o["body"] += (
            f"\n\n{f}: {tname} <{temail}>\n{s}: {d_full(d, code)}\n{t}: {o['name']} "
            f"<{o['email']}>\n{subj}: RE: Renewal\n\nHi, attached is our renewal quote "
            "for next year (+18%). Let me know if you have questions.\n\nRob"
        )
    else:
        o["body"] += (
            f"\n\nOn {d.strftime('%a, %d %b %Y at %H:%M')}, {tname} <{temail}> wrote:\n"
            "> Following up on the renewal – can we get a call on the books?\n> Thanks"
        )


_THIRD_SEEN: set[str] = set()


def fwd_headers(
    col: tuple[str, str],
    subject: str,
    charset: str,
    client: str,
    date: dt.datetime,
    to: str | None = None,
    cc: str | None = None,
    code: str = "en",
) -> list:
    h = [
        ("Return-Path", f"<{col[1]}>") if R.random() < 0.85 else ("Return-Path", None),
        (
            "Received",
            f"from mail.example.com (mail.example.com [203.0.113.{R.randint(2, 250)}])\n"
            f"\tby mx.example.com with ESMTPS id {R.getrandbits(40):x}\n"
            f"\tfor <{ALIAS}>; {rfcdate(date)}",
        )
        if R.random() < 0.5
        else ("Received", None),
        ("From", addr(col[0], col[1], charset)),
        (
            "To",
            to or R.choice([ALIAS, f"Sales <{ALIAS}>", f'"Example Sales" <{ALIAS}>', f"<{ALIAS}>"]),
        ),
        ("Cc", cc),
        ("Subject", enc_words(subject, charset)),
        ("Date", rfcdate(date)),
        ("Message-ID", mid("gmail" if client.startswith("gmail") else "example.com")),
    ]
    if client.startswith("outlook") or client == "new_outlook":
        h += [
            ("Thread-Topic", enc_words(subject.split(": ", 1)[-1], charset)),
            ("Thread-Index", "Ad" + R.randbytes(20).hex()[:30]),
            ("Content-Language", {"en": "en-US"}.get(code, code)),
        ]
    ag = AGENT.get(client)
    if ag:
        h.append(ag)
    return h


def add(path: str, raw: bytes, entry: dict) -> None:
    OUT.append((path, raw, entry))


def forward(
    client: str,
    code: str,
    i: int,
    case: str | None = None,
    *,
    third: str | None = None,
    sig_first: bool = False,
    idn: str | None = None,
    comment: str | None = None,
    cte: str | None = None,
    ignored_original: dict | None = None,
    last_first: bool = False,
    freemail: str | None = None,
    to: str | None = None,
    subject: str | None = None,
    reply_thread: bool = False,
    mention: bool = False,
) -> None:
    lang = LANGS[code]
    STYLE["client"] = client
    col = colleague(i)
    fdate = when()
    lead = None
    if idn:
        lead = new_lead(code, i, domain=idn.encode("idna").decode())
    if freemail:
        lead = new_lead(code, i, domain=freemail)
    o = ignored_original or original(code, i, col, lead, fdate)
    if last_first:
        parts = o["name"].split(" ", 1)
        o["name"] = f"{parts[1]}, {parts[0]}"
    if reply_thread:
        o["subject"] = "Re: Quick question about your analytics stack"
        o["body"] += (
            f"\n\n{col[0]} <{col[1]}> wrote on {rfcdate(o['date'] - dt.timedelta(days=4))}:\n"
            "> Hi, I saw you're hiring product analysts - happy to show you how teams like yours\n"
            "> replaced two tools with one. 20 minutes next week?\n"
        )
    if third:
        add_third_party(code if code in THIRD_PARTY else "en", o, third)
    pre, plain, htm = LAYOUTS[client](code, o)
    if idn and htm:
        htm = htm.replace(f">{o['email']}<", f">{o['email'].split('@')[0]}@{idn}<")
    com = comment if comment is not None else comment_for(code, i)
    if mention:
        helper = new_lead(code, i + 500, domain=o["email"].split("@")[1])
        com = (
            f"Warm lead from the meetup. Their assistant {helper[0]} ({helper[1]}) handles scheduling, "
            "please cc her when you propose times."
        )
    sig = SIGNATURE.format(name=col[0], email=col[1])
    top = f"{com}\n\n{sig}\n" if sig_first else f"{com}\n" if com else ""
    charset = pick_charset(
        top + (plain or "") + o["subject"] + o["name"] + (htm or ""), lang.charsets
    )
    if client == "qq":
        charset = R.choice(["gb18030", "gbk"]) if code == "zh" else "utf-8"
    if client in ("outlook_web", "new_outlook", "gmail_web", "gmail_android", "proton", "fastmail"):
        charset = "utf-8" if charset.startswith("iso-2022") is False else charset
    p = (top + "\n" + plain) if plain is not None else None
    h = None
    if htm is not None:
        h = (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f'</head><body><div dir="ltr">{text_to_html(top)}</div>{htm}</body></html>'
        )
    entity = alternative(p, h, charset, cte)
    subject = subject or (pre + o["subject"])
    raw = message(fwd_headers(col, subject, charset, client, fdate, to=to, code=code), entity)
    n = len(OUT) + 1
    entry = dict(
        file=f"forward/{client}/{code}-{n}.eml", kind="forward", client=client, language=code
    )
    if ignored_original:
        entry["ignored"] = True
    else:
        entry.update(lead=o["email"], referrer=col[1])
    if case:
        entry["case"] = case
    add(entry["file"], raw, entry)
    STYLE["client"] = None


def inner_message(o: dict, charset: str, cte: str) -> bytes:
    body = leaf("text/plain", o["body"] + "\n", charset, cte)
    h = [
        (
            "Received",
            f"from mx.{o['email'].split('@')[1]} by mail.example.com; {rfcdate(o['date'])}",
        ),
        ("From", addr(o["name"], o["email"], charset)),
        ("To", addr(o["to_name"], o["to_email"])),
        ("Subject", enc_words(o["subject"], charset)),
        ("Date", rfcdate(o["date"])),
        ("Message-ID", mid(o["email"].split("@")[1])),
    ]
    return message(h, body, crlf=False)


def attached(kind: str, code: str, i: int) -> None:
    """Forward as attachment: message/rfc822 in 7bit/8bit/QP/base64, or an .eml octet-stream."""
    import base64 as b64
    import quopri

    lang = LANGS[code]
    col = colleague(i)
    fdate = when()
    o = original(code, i, col, fwd_date=fdate)
    charset = pick_charset(o["body"] + o["name"] + o["subject"], lang.charsets)
    inner_cte = {"rfc822_7bit": "quoted-printable"}.get(
        kind, R.choice(["8bit", "quoted-printable", "base64"])
    )
    if kind == "rfc822_8bit":
        inner_cte = "8bit"
    inner = inner_message(o, charset, inner_cte)
    fname = f"{o['subject'][:40]}.eml"
    fparam = enc_words(fname) if not fname.isascii() else fname
    if kind in ("rfc822_7bit", "rfc822_8bit"):
        part = (
            f'Content-Type: message/rfc822\nContent-Disposition: attachment; filename="{fparam}"\n'
            + ("Content-Transfer-Encoding: 8bit\n" if kind == "rfc822_8bit" else "")
            + "\n"
        ).encode() + inner
    elif kind == "rfc822_quoted_printable":
        part = (
            f'Content-Type: message/rfc822; name="{fparam}"\nContent-Transfer-Encoding: quoted-printable\n'
            f'Content-Disposition: attachment; filename="{fparam}"\n\n'
        ).encode() + quopri.encodestring(inner)
    elif kind == "rfc822_base64":
        part = (
            f'Content-Type: message/rfc822; name="{fparam}"\nContent-Transfer-Encoding: base64\n'
            f'Content-Disposition: attachment; filename="{fparam}"\n\n'
        ).encode() + b64.encodebytes(inner)
    else:  # eml_octet_stream
        safe = f"message-{R.randint(1000, 9999)}.eml"
        part = (
            f'Content-Type: application/octet-stream; name="{safe}"\nContent-Transfer-Encoding: base64\n'
            f'Content-Disposition: attachment; filename="{safe}"\n\n'
        ).encode() + b64.encodebytes(inner)
    com = comment_for(code, i) or "FYI"
    text = leaf(
        "text/plain", com + "\n\n" + SIGNATURE.format(name=col[0], email=col[1]) + "\n", "utf-8"
    )
    entity = multipart("mixed", [text, part])
    pre = R.choice(["Fwd: ", "FW: "]) if code == "en" else OUTLOOK.get(code, OUTLOOK["en"])[5]
    raw = message(
        fwd_headers(col, pre + o["subject"], "utf-8", "thunderbird", fdate, code=code), entity
    )
    n = len(OUT) + 1
    entry = dict(
        file=f"forward/{kind}/{code}-{n}.eml",
        kind="forward",
        client=kind,
        language=code,
        lead=o["email"],
        referrer=col[1],
        case="attached forward",
    )
    add(entry["file"], raw, entry)


def nested(code: str, i: int, outer_client: str = "gmail_web") -> None:
    """Colleague B forwarded the customer's mail to colleague A (Outlook); A forwards to sales."""
    col_a, col_b = colleague(i), colleague(i + 3)
    fdate = when()
    o = original(code, i, col_b, fwd_date=fdate)
    pre, inner_plain, _ = outlook_desktop(code if code in OUTLOOK else "en", o)
    o2 = dict(
        name=col_b[0],
        email=col_b[1],
        date=fdate - dt.timedelta(minutes=37),
        subject=pre + o["subject"],
        body=comment_for(code, i + 1) + "\n\n" + inner_plain,
        to_name=col_a[0],
        to_email=col_a[1],
    )
    pre2, plain, htm = (gmail if outer_client == "gmail_web" else LAYOUTS[outer_client])(code, o2)
    top = "Moving this to the sales queue.\n"
    charset = pick_charset(top + plain, LANGS[code].charsets)
    entity = alternative(top + "\n" + plain, f"<div>{text_to_html(top)}</div>{htm}", charset)
    raw = message(
        fwd_headers(col_a, pre2 + o2["subject"], charset, outer_client, fdate, code=code), entity
    )
    n = len(OUT) + 1
    entry = dict(
        file=f"forward/nested/{code}-{n}.eml",
        kind="forward",
        client="nested",
        language=code,
        lead=o["email"],
        referrer=col_a[1],
        case="forward of a colleague's forward",
    )
    add(entry["file"], raw, entry)


def noreply_forward(client: str, code: str, i: int) -> None:
    col = colleague(i)
    o = dict(
        name="LinkedIn",
        email="messages-noreply@linkedin.com",
        date=when(1, 5),
        subject="You appeared in 14 searches this week",
        body="You appeared in 14 searches this week.\nSee who's looking at your profile: "
        "https://www.linkedin.com/me/search-appearances\n\nYou are receiving notification emails.\n"
        "Unsubscribe: https://www.linkedin.com/e/v2?e=unsub",
        to_name=col[0],
        to_email=col[1],
    )
    if i % 2:
        o.update(
            name="Calendly",
            email="no-reply@calendly.com",
            subject="Canceled: 30 Minute Meeting",
            body="Hi,\n\nThe event below has been canceled.\n\nEvent Type: 30 Minute Meeting\n"
            "Canceled by: invitee\n\nPowered by Calendly.com",
        )
    forward(
        client,
        code,
        i,
        "a forwarded no-reply notification (no task)",
        ignored_original=o,
        comment="Is this something for us?",
    )


def build_forwards() -> None:
    plan = [
        ("gmail_web", "en de fr es pt it nl pl ja ko ro ca"),
        ("gmail_android", "en tr is"),
        ("apple_mail", "en de fr es it nl sv da fi el hu ro cs"),
        ("apple_mail_ios", "en pt ja ru"),
        (
            "outlook_desktop",
            "en de fr es it pl cs sk sl hr hu ro bg el fi sv da et lv lt mt ga tr ko zh uk no",
        ),
        ("outlook_desktop_plain", "en de nl"),
        ("outlook_web", "en es pt nl uk lt ja"),
        ("new_outlook", "en de fr ja lv pl"),
        ("outlook_mac", "en de fr"),
        ("outlook_mac_2019", "en de"),
        ("thunderbird", "en de fr it pl ru sl et hu"),
        ("yahoo", "en fr"),
        ("yahoo_one_line", "en de"),
        ("proton", "en de"),
        ("fastmail", "en"),
        ("zoho", "en de"),
        ("gmx", "de en"),
        ("gmx_old", "de"),
        ("yandex", "ru en"),
        ("mailru", "ru uk"),
        ("naver", "ko"),
        ("qq", "zh en"),
        ("seznam", "cs"),
        ("orange", "fr"),
        ("libero", "it"),
        ("samsung", "en de"),
    ]
    i = 0
    for client, langs in plan:
        for code in langs.split():
            i += 1
            case = None
            kw: dict = {}
            if i % 9 == 4:
                kw["sig_first"] = True
                case = "signature before the forwarded block"
            forward(client, code, i, case, **kw)
    # hard cases
    forward(
        "outlook_desktop",
        "en",
        201,
        "original quotes a third party's Outlook header",
        third="outlook",
    )
    forward("gmail_web", "fr", 202, "original quotes a third party's reply header", third="outlook")
    forward(
        "apple_mail", "nl", 203, "original quotes a third party's reply header", third="outlook"
    )
    forward("outlook_web", "de", 204, "original quotes an 'On … wrote:' line", third="wrote")
    forward(
        "outlook_desktop", "de", 205, "IDN company domain (punycode)", idn="müller-präzision.de"
    )
    forward("gmail_web", "sv", 206, "IDN company domain (punycode)", idn="bärnsten-ö.se")
    forward("apple_mail", "es", 207, "IDN company domain (punycode)", idn="diseño-ibérico.es")
    forward("outlook_desktop", "en", 208, "no comment, HTML+plain", comment="")
    forward("new_outlook", "es", 209, "Spanish, no Cc line, HTML only")
    forward("outlook_ios", "en", 210)
    forward("outlook_ios", "de", 211)
    forward("outlook_desktop", "de", 212, "'Last, First' display name", last_first=True)
    forward("outlook_web", "nl", 213, "'Last, First' display name", last_first=True)
    forward("gmail_web", "en", 214, "original sent from a free-mail address", freemail="gmail.com")
    forward("apple_mail", "fr", 215, "original sent from a free-mail address", freemail="yahoo.fr")
    forward("thunderbird", "de", 216, "original sent from a free-mail address", freemail="web.de")
    forward(
        "outlook_desktop",
        "en",
        217,
        "alias and a second colleague in To",
        to=f"{ALIAS}; Kim Berger <kim.berger@example.com>",
    )
    forward(
        "gmail_web",
        "es",
        218,
        "subject edited, no forward prefix",
        subject="Lead: Grupo Alcázar (webinar)",
    )
    forward(
        "outlook_desktop",
        "fr",
        219,
        "subject edited, no forward prefix",
        subject="Nouveau lead – à traiter",
    )
    forward(
        "outlook_desktop",
        "en",
        220,
        "customer's reply to our seller, forwarded (Fwd: Re:)",
        reply_thread=True,
    )
    forward(
        "apple_mail",
        "de",
        221,
        "customer's reply to our seller, forwarded (Fwd: Re:)",
        reply_thread=True,
    )
    forward(
        "gmail_web",
        "en",
        222,
        "colleague's comment names another address at the customer",
        mention=True,
    )
    forward(
        "outlook_desktop",
        "de",
        223,
        "colleague's comment names another address at the customer",
        mention=True,
    )
    for k, (kind, code) in enumerate(
        [
            ("rfc822_7bit", "en"),
            ("rfc822_7bit", "de"),
            ("rfc822_8bit", "fr"),
            ("rfc822_quoted_printable", "es"),
            ("rfc822_base64", "pl"),
            ("rfc822_base64", "ja"),
            ("eml_octet_stream", "sv"),
            ("eml_octet_stream", "en"),
            ("rfc822_base64", "ru"),
        ]
    ):
        attached(kind, code, 300 + k)
    for k, code in enumerate(["en", "de", "es"]):
        nested(code, 320 + k)
    noreply_forward("gmail_web", "en", 330)
    noreply_forward("outlook_desktop", "en", 331)


# --- direct mail, replies, internal mail -----------------------------------------------------


def direct(code: str, i: int, case: str, how: str = "plain") -> None:
    lang = LANGS[code]
    if how == "freemail":
        name, e = new_lead(code, i)
        email = (
            e.split("@")[0]
            + str(R.randint(70, 99))
            + "@"
            + {"es": "hotmail.es", "pt": "sapo.pt"}.get(code, "gmail.com")
        )
        used(email)
    else:
        name, email = new_lead(code, i)
    d = when()
    body = lang.body.format(to="team", me=name.split()[0])
    subject = lang.subject
    extra: list = []
    if how == "reply_to_seller":
        col = colleague(i)
        subject = "Re: Quick question about your analytics stack"
        body = (
            "Hi " + col[0].split()[0] + ",\n\nThanks for reaching out – timing is good, we're "
            "reviewing our contract with our current vendor next month. Could you send pricing?\n\n"
            + name.split()[0]
            + f"\n\nOn {rfcdate(d - dt.timedelta(days=2))}, {col[0]} <{col[1]}> wrote:\n"
            "> Hi, I noticed you're hiring product analysts – are you happy with your current tooling?\n"
        )
        extra = [("In-Reply-To", mid("example.com"))]
    elif how == "own_forward":
        cname, cemail = new_lead(code, i + 50, domain=email.split("@")[1])
        subject = "Fwd: " + subject
        body = (
            "Hi, forwarding my colleague's request below – I'm the budget owner, please reply to me.\n\n"
            f"---------- Forwarded message ---------\nFrom: {cname} <{cemail}>\nDate: {rfcdate(d)}\n"
            f"Subject: {lang.subject}\nTo: {name} <{email}>\n\n"
            + lang.body.format(to=name, me=cname)
        )
    elif how == "quotes_outlook":
        body += (
            "\n\nFrom: Support <help@someothervendor.example.net>\nSent: Monday, November 30, 2026 10:02 AM\n"
            f"To: {name} <{email}>\nSubject: RE: your cancellation\n\nWe're sorry to see you go."
        )
    charset = pick_charset(body + name + subject, lang.charsets)
    entity = (
        leaf("text/plain", body, charset)
        if how != "html"
        else alternative(None, f"<html><body><p>{text_to_html(body)}</p></body></html>", charset)
    )
    h = [
        ("Return-Path", f"<{email}>"),
        ("From", addr(name, email, charset)),
        ("To", R.choice([ALIAS, f"Sales <{ALIAS}>"])),
        ("Subject", enc_words(subject, charset)),
        ("Date", rfcdate(d)),
        ("Message-ID", mid(email.split("@")[1])),
    ] + extra
    raw = message(h, entity)
    n = len(OUT) + 1
    entry = dict(
        file=f"direct/{code}-{how}-{n}.eml",
        kind="direct",
        client="various",
        language=code,
        lead=email,
        case=case,
    )
    add(entry["file"], raw, entry)


def internal(i: int, how: str) -> None:
    col = colleague(i)
    d = when()
    kind = "internal"
    cc = None
    to = ALIAS
    if how == "handover":
        subject, body = (
            "Handover: my open deals while I'm on leave",
            (
                "Team,\n\nI'm on parental leave from "
                "Monday. Open deals are in the CRM, notes attached to each account.\n\n" + col[0]
            ),
        )
        case = "internal announcement to the alias"
    elif how == "question":
        subject, body = (
            "Who covers the Berlin demo on Thursday?",
            "Hi all,\n\nI'm sick today – who can cover the 2pm demo?\n\nThanks\n" + col[0],
        )
        case = "colleague writes to the alias (no forward)"
    elif how == "colleague_forward":
        other = colleague(i + 1)
        o = dict(
            name=other[0],
            email=other[1],
            date=d - dt.timedelta(hours=3),
            subject="Q1 territory split",
            body="Here is the draft territory split for Q1, comments welcome.",
            to_name=col[0],
            to_email=col[1],
        )
        pre, plain, htm = outlook_desktop("en", o)
        subject, body = pre + o["subject"], "FYI\n\n" + plain
        case = "a colleague's own internal mail forwarded (no task)"
    elif how == "bcc_only":
        lead = new_lead("fr", i)
        o = original("fr", i, col, lead, d)
        pre, plain, htm = gmail("fr", o)
        subject, body = pre + o["subject"], "Pour info.\n\n" + plain
        to, cc = "Claire Dubois <claire.dubois@example.com>", None
        case = "a forward with the alias only in Bcc (I-4: no task)"
    elif how == "cc_only":
        lead = new_lead("en", i)
        o = original("en", i, col, lead, d)
        pre, plain, htm = gmail("en", o)
        subject, body = pre + o["subject"], "Looping in sales.\n\n" + plain
        to, cc = addr(lead[0], lead[1]), ALIAS
        case = "a forward with the alias only in Cc (I-4: no task)"
    else:  # reply
        lead = new_lead("de" if i % 2 else "en", i)
        subject = "RE: Angebot" if i % 2 else "RE: Pricing question"
        body = (
            f"Thanks {lead[0].split()[0]}, I'll send the quote today.\n\n{col[0]}\n\n"
            f"From: {lead[0]} <{lead[1]}>\nSent: {rfcdate(d - dt.timedelta(hours=5))}\nTo: {col[0]} <{col[1]}>\n"
            "Subject: Pricing question\n\nCould you send a quote for 30 seats?"
        )
        to, cc = (addr(lead[0], lead[1]), ALIAS) if i % 3 else (ALIAS, addr(lead[0], lead[1]))
        kind = "reply"
        case = "a colleague's reply (not a forward)"
    h = [
        ("Return-Path", f"<{col[1]}>"),
        ("From", addr(col[0], col[1])),
        ("To", to),
        ("Cc", cc),
        ("Subject", enc_words(subject)),
        ("Date", rfcdate(d)),
        ("Message-ID", mid("example.com")),
    ]
    if kind == "reply":
        h.append(("In-Reply-To", mid("example.org")))
    raw = message(h, leaf("text/plain", body, "utf-8"))
    n = len(OUT) + 1
    lang_code = "fr" if how == "bcc_only" else "de" if (how == "reply" and i % 2) else "en"
    entry = dict(
        file=f"{kind}/{how}-{n}.eml",
        kind=kind,
        client="various",
        language=lang_code,
        ignored=True,
        case=case,
    )
    add(entry["file"], raw, entry)


def build_humans() -> None:
    k = 400
    for code, how, case in [
        ("en", "plain", "direct inquiry"),
        ("de", "plain", "direct inquiry"),
        ("fr", "html", "direct, HTML only"),
        ("es", "freemail", "direct from a free-mail address"),
        ("ja", "plain", "direct inquiry"),
        ("pl", "plain", "direct inquiry"),
        ("it", "reply_to_seller", "customer replies to our seller's outreach"),
        ("en", "reply_to_seller", "customer replies to our seller's outreach"),
        ("nl", "quotes_outlook", "direct mail quoting another vendor's Outlook header"),
        (
            "en",
            "own_forward",
            "customer forwards their own colleague's mail: the sender is the lead (I-3)",
        ),
        ("pt", "freemail", "direct from a free-mail address"),
        ("ru", "html", "direct, HTML only"),
        ("tr", "plain", "direct inquiry"),
        ("sv", "plain", "direct inquiry"),
    ]:
        k += 1
        direct(code, k, case, how)
    for j, how in enumerate(
        [
            "question",
            "handover",
            "colleague_forward",
            "cc_only",
            "cc_only",
            "bcc_only",
            "reply",
            "reply",
            "reply",
        ]
    ):
        internal(450 + j, how)
