# ruff: noqa: E501  (data tables: long header and body strings, kept whole)
"""Forward layouts of mail clients, written from how each client's forwards look in public
mail-parsing fixtures and help pages (own text; task auth). Each layout returns
(subject prefix, plain-text block or None, HTML block or None) for one forwarded original."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_datetime, format_time

from tests.data.mail.gen.h3_mime import R, esc, text_to_html

LOC = {"no": "nb", "zh": "zh_Hans_CN", "pt": "pt_PT", "en": "en_US"}


def loc(code: str) -> str:
    return LOC.get(code, code)


def d_full(d: dt.datetime, code: str) -> str:
    return f"{format_date(d, 'full', locale=loc(code))} {format_time(d, 'short', locale=loc(code))}"


def d_long(d: dt.datetime, code: str) -> str:
    return format_datetime(d, "long", locale=loc(code)).replace("\u202f", " ")


def d_medium(d: dt.datetime, code: str) -> str:
    return format_datetime(d, "medium", locale=loc(code)).replace("\u202f", " ")


def d_rfc(d: dt.datetime) -> str:
    return d.strftime("%a, %d %b %Y %H:%M:%S ") + d.strftime("%z")


def clean(s: str) -> str:
    return s.replace("\u202f", " ").replace("\u00a0", " ")


# Outlook (desktop, web, new): From, Sent, To, Cc, Subject, subject prefix
OUTLOOK = {
    "en": ("From", "Sent", "To", "Cc", "Subject", "FW: "),
    "de": ("Von", "Gesendet", "An", "Cc", "Betreff", "WG: "),
    "fr": ("De", "Envoyé", "À", "Cc", "Objet", "TR : "),
    "es": ("De", "Enviado el", "Para", "CC", "Asunto", "RV: "),
    "pt": ("De", "Enviada", "Para", "Cc", "Assunto", "ENC: "),
    "it": ("Da", "Inviato", "A", "Cc", "Oggetto", "I: "),
    "nl": ("Van", "Verzonden", "Aan", "CC", "Onderwerp", "FW: "),
    "pl": ("Od", "Wysłano", "Do", "DW", "Temat", "PD: "),
    "cs": ("Od", "Odesláno", "Komu", "Kopie", "Předmět", "FW: "),
    "sk": ("Od", "Odoslané", "Komu", "Kópia", "Predmet", "FW: "),
    "sl": ("Od", "Poslano", "Za", "Kp", "Zadeva", "FW: "),
    "hr": ("Šalje", "Poslano", "Prima", "Kopija", "Predmet", "FW: "),
    "hu": ("Feladó", "Elküldve", "Címzett", "Másolatot kap", "Tárgy", "TOV: "),
    "ro": ("De la", "Trimis", "Către", "Cc", "Subiect", "FW: "),
    "bg": ("От", "Изпратено", "До", "Як", "Относно", "FW: "),
    "el": ("Από", "Στάλθηκε", "Προς", "Κοιν.", "Θέμα", "ΠΡΘ: "),
    "fi": ("Lähettäjä", "Lähetetty", "Vastaanottaja", "Kopio", "Aihe", "VL: "),
    "sv": ("Från", "Skickat", "Till", "Kopia", "Ämne", "VB: "),
    "da": ("Fra", "Sendt", "Til", "Cc", "Emne", "VS: "),
    "no": ("Fra", "Sendt", "Til", "Kopi", "Emne", "VS: "),
    "et": ("Saatja", "Saadetud", "Adressaat", "Koopia", "Teema", "FW: "),
    "lv": ("No", "Nosūtīts", "Kam", "Kopija", "Tēma", "PĀRS.: "),
    "lt": ("Nuo", "Išsiųsta", "Kam", "Kopija", "Tema", "PRSN: "),
    "mt": ("Minn", "Mibgħut", "Lil", "Cc", "Suġġett", "FW: "),
    "ga": ("Ó", "Seolta", "Chuig", "Cc", "Ábhar", "FW: "),
    "ja": ("差出人", "送信日時", "宛先", "CC", "件名", "FW: "),
    "zh": ("发件人", "发送时间", "收件人", "抄送", "主题", "转发: "),
    "ko": ("보낸 사람", "보낸 날짜", "받는 사람", "참조", "제목", "FW: "),
    "ru": ("От", "Отправлено", "Кому", "Копия", "Тема", "FW: "),
    "uk": ("Від", "Надіслано", "Кому", "Копія", "Тема", "FW: "),
    "tr": ("Kimden", "Gönderildi", "Kime", "Bilgi", "Konu", "İLT: "),
    "ca": ("De", "Enviat el", "Per a", "A/c", "Assumpte", "RV: "),
    "is": ("Frá", "Sent", "Til", "Afrit", "Efni", "FW: "),
}

APPLE = {
    "en": ("Begin forwarded message:", "From", "Subject", "Date", "To"),
    "de": ("Anfang der weitergeleiteten Nachricht:", "Von", "Betreff", "Datum", "An"),
    "fr": ("Début du message réexpédié :", "De", "Objet", "Date", "À"),
    "es": ("Inicio del mensaje reenviado:", "De", "Asunto", "Fecha", "Para"),
    "it": ("Inizio messaggio inoltrato:", "Da", "Oggetto", "Data", "A"),
    "nl": ("Begin doorgestuurd bericht:", "Van", "Onderwerp", "Datum", "Aan"),
    "pt": ("Início da mensagem reencaminhada:", "De", "Assunto", "Data", "Para"),
    "sv": ("Vidarebefordrat mejl:", "Från", "Ämne", "Datum", "Till"),
    "da": ("Start på videresendt besked:", "Fra", "Emne", "Dato", "Til"),
    "fi": ("Välitetty viesti alkaa:", "Lähettäjä", "Aihe", "Päivämäärä", "Vastaanottaja"),
    "pl": ("Początek przekazywanej wiadomości:", "Od", "Temat", "Data", "Do"),
    "cs": ("Začátek přeposílané zprávy:", "Od", "Předmět", "Datum", "Komu"),
    "hu": ("Továbbított levél kezdete:", "Feladó", "Tárgy", "Dátum", "Címzett"),
    "ro": ("Începutul mesajului redirecționat:", "De la", "Subiect", "Dată", "Către"),
    "el": ("Έναρξη προωθημένου μηνύματος:", "Από", "Θέμα", "Ημερομηνία", "Προς"),
    "ja": ("転送されたメッセージ:", "差出人", "件名", "日付", "宛先"),
    "ru": ("Начало переадресованного сообщения:", "От", "Тема", "Дата", "Кому"),
    "tr": ("Yönlendirilmiş iletinin başı:", "Kimden", "Konu", "Tarih", "Kime"),
    "ko": ("전달된 메시지:", "보낸 사람", "제목", "날짜", "받는 사람"),
}
IPHONE_SIG = {
    "en": "Sent from my iPhone",
    "de": "Von meinem iPhone gesendet",
    "pt": "Enviado do meu iPhone",
    "ja": "iPhoneから送信",
    "ru": "Отправлено с iPhone",
    "cs": "Odesláno z iPhonu",
    "fr": "Envoyé de mon iPhone",
    "es": "Enviado desde mi iPhone",
}

THUNDERBIRD = {
    "en": ("-------- Forwarded Message --------", "Subject", "Date", "From", "To"),
    "de": ("-------- Weitergeleitete Nachricht --------", "Betreff", "Datum", "Von", "An"),
    "fr": ("-------- Message transféré --------", "Sujet", "Date", "De", "Pour"),
    "es": ("-------- Mensaje reenviado --------", "Asunto", "Fecha", "De", "Para"),
    "it": ("-------- Messaggio Inoltrato --------", "Oggetto", "Data", "Mittente", "A"),
    "nl": ("-------- Doorgestuurd bericht --------", "Onderwerp", "Datum", "Van", "Aan"),
    "pl": ("-------- Przekazana wiadomość --------", "Temat", "Data", "Od", "Do"),
    "cs": ("-------- Přeposlaná zpráva --------", "Předmět", "Datum", "Od", "Komu"),
    "ru": ("-------- Перенаправленное сообщение --------", "Тема", "Дата", "От", "Кому"),
    "sl": ("-------- Posredovano sporočilo --------", "Zadeva", "Datum", "Od", "Za"),
    "et": ("-------- Edastatud kiri --------", "Teema", "Kuupäev", "Saatja", "Adressaat"),
    "hu": ("-------- Továbbított üzenet --------", "Tárgy", "Dátum", "Feladó", "Címzett"),
    "sk": ("-------- Preposlaná správa --------", "Predmet", "Dátum", "Od", "Komu"),
    "uk": ("-------- Переслане повідомлення --------", "Тема", "Дата", "Від", "Кому"),
}

GMAIL = {  # separator, From label (Gmail localises only some labels), prefix
    "en": ("---------- Forwarded message ---------", "From", "Date", "Subject", "To", "Fwd: "),
    "de": ("---------- Forwarded message ---------", "Von", "Date", "Subject", "To", "Fwd: "),
    "fr": ("---------- Forwarded message ---------", "De", "Date", "Subject", "To", "Fwd: "),
    "es": ("---------- Forwarded message ---------", "De", "Date", "Subject", "To", "Fwd: "),
    "pt": ("---------- Forwarded message ---------", "De", "Date", "Subject", "To", "Fwd: "),
    "it": ("---------- Forwarded message ---------", "Da", "Date", "Subject", "To", "Fwd: "),
    "nl": ("---------- Forwarded message ---------", "Van", "Date", "Subject", "To", "Fwd: "),
    "pl": ("---------- Forwarded message ---------", "Od", "Date", "Subject", "To", "Fwd: "),
    "ja": ("---------- Forwarded message ---------", "From", "Date", "Subject", "To", "Fwd: "),
    "ko": ("---------- Forwarded message ---------", "보낸사람", "Date", "Subject", "To", "Fwd: "),
    "tr": ("---------- Forwarded message ---------", "Gönderen", "Date", "Subject", "To", "Fwd: "),
    "ro": ("---------- Forwarded message ---------", "De la", "Date", "Subject", "To", "Fwd: "),
    "is": ("---------- Forwarded message ---------", "From", "Date", "Subject", "To", "Fwd: "),
    "ca": ("---------- Forwarded message ---------", "De", "Date", "Subject", "To", "Fwd: "),
    "sv": ("---------- Forwarded message ---------", "Från", "Date", "Subject", "To", "Fwd: "),
}


def who(name: str, email: str) -> str:
    return f"{name} <{email}>" if name else email


def who_html(name: str, email: str) -> str:
    return (
        f'{esc(name)} &lt;<a href="mailto:{email}">{email}</a>&gt;'
        if name
        else (f'<a href="mailto:{email}">{email}</a>')
    )


def gmail(code: str, o: dict) -> tuple[str, str, str]:
    sep, f, d, s, t, pre = GMAIL[code]
    date = (
        o["date"].strftime("%a, %b %-d, %Y at %-I:%M %p")
        if code == "en"
        else clean(format_date(o["date"], "EEE, d MMM y", locale=loc(code)))
        + o["date"].strftime(" %H:%M")
    )
    plain = (
        f"{sep}\n{f}: {who(o['name'], o['email'])}\n{d}: {date}\n{s}: {o['subject']}\n"
        f"{t}: {who(o['to_name'], o['to_email'])}\n\n\n{o['body']}\n"
    )
    htm = (
        f'<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">{sep}<br>'
        f'{f}: <strong class="gmail_sendername" dir="auto">{esc(o["name"])}</strong> '
        f'<span dir="auto">&lt;<a href="mailto:{o["email"]}">{o["email"]}</a>&gt;</span><br>'
        f"{d}: {esc(date)}<br>{s}: {esc(o['subject'])}<br>"
        f'{t}: {esc(o["to_name"])} &lt;<a href="mailto:{o["to_email"]}">{o["to_email"]}</a>&gt;<br></div>'
        f'<br><br><div dir="ltr">{text_to_html(o["body"])}</div></div>'
    )
    return pre, plain, htm


def apple(code: str, o: dict, ios: bool = False) -> tuple[str, str, str]:
    intro, f, s, d, t = APPLE[code]
    off = o["date"].utcoffset().total_seconds() / 3600
    date = (
        clean(format_date(o["date"], "long", locale=loc(code)))
        + o["date"].strftime(" %H:%M:%S")
        + (f" GMT{off:+g}" if off else " GMT")
    )
    if ios:
        rows = [
            (f, who(o["name"], o["email"])),
            (d, date),
            (t, who(o["to_name"], o["to_email"])),
            (s, o["subject"]),
        ]
        plain = (
            f"{IPHONE_SIG.get(code, IPHONE_SIG['en'])}\n\n{intro}\n\n"
            + "".join(f"> {k}: {v}\n" for k, v in rows)
            + ">\n"
            + "".join(f"> {line}\n".replace("> \n", ">\n") for line in o["body"].split("\n"))
        )
    else:
        rows = [
            (f, who(o["name"], o["email"])),
            (s, o["subject"]),
            (d, date),
            (t, who(o["to_name"], o["to_email"])),
        ]
        plain = f"{intro}\n\n" + "".join(f"{k}: {v}\n" for k, v in rows) + "\n" + o["body"] + "\n"
        if R.random() < 0.5:  # the text part of an HTML forward quotes the blockquote
            plain = "".join(("> " + x).rstrip(" ") + "\n" for x in plain.rstrip("\n").split("\n"))
    htm = (
        f'<div><br><blockquote type="cite"><div>{esc(intro)}</div><br class="Apple-interchange-newline">'
        + "".join(
            f'<div style="margin: 0px;"><span style="font-family: -apple-system, Helvetica, '
            f'Arial, sans-serif;"><b>{esc(k)}: </b></span><span>{esc(v)}</span></div>'
            for k, v in rows
        )
        + f"<br><div><div>{text_to_html(o['body'])}</div></div></blockquote></div>"
    )
    return "Fwd: ", plain, htm


def outlook_desktop(code: str, o: dict, plain_only: bool = False) -> tuple[str, str, str | None]:
    f, se, t, c, s, pre = OUTLOOK[code]
    colon = " :" if code == "fr" else ":"
    date = clean(d_full(o["date"], code))
    rows = [(f, who(o["name"], o["email"])), (se, date), (t, who(o["to_name"], o["to_email"]))]
    if o.get("cc"):
        rows.append((c, o["cc"]))
    rows.append((s, o["subject"]))
    if plain_only:
        plain = (
            "-----Original Message-----\n"
            + "".join(f"{k}{colon} {v}\n" for k, v in rows)
            + "\n"
            + o["body"]
            + "\n"
        )
        return pre, plain, None
    plain = "".join(f"{k}{colon} {v}\n" for k, v in rows) + "\n" + o["body"] + "\n"
    if R.random() < 0.5:
        plain = "\n" + plain
    htm = (
        '<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        '<p class="MsoNormal"><b><span lang="EN-US">'
        + "<br>\n<b>".join(f"{esc(k)}{colon}</b> {esc(v)}" for k, v in rows)
        + '<o:p></o:p></span></p></div></div>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        f'<p class="MsoNormal">{text_to_html(o["body"])}<o:p></o:p></p>'
    )
    return pre, plain, htm


def outlook_web(code: str, o: dict, new: bool = False) -> tuple[str, str | None, str]:
    f, se, t, c, s, pre = OUTLOOK[code]
    colon = " :" if code == "fr" else ":"
    date = clean(d_full(o["date"], code))
    rows = [(f, who(o["name"], o["email"])), (se, date), (t, who(o["to_name"], o["to_email"]))]
    if o.get("cc"):
        rows.append((c, o["cc"]))
    rows.append((s, o["subject"]))
    htm = (
        '<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" '
        'color="#000000">'
        + "<br>\n".join(f"<b>{esc(k)}{colon}</b> {esc(v)}" for k, v in rows)
        + f'</font>\n<div>&nbsp;</div>\n</div>\n<div><div dir="ltr">{text_to_html(o["body"])}</div></div>'
    )
    if new:
        return pre, None, htm
    plain = (
        "________________________________\n"
        + "".join(f"{k}{colon} {v}\n" for k, v in rows)
        + "\n"
        + o["body"]
        + "\n"
    )
    return pre, plain, htm


def outlook_mac(code: str, o: dict) -> tuple[str, str, str]:
    f, _, t, _, s, pre = OUTLOOK[code]
    dl = {"en": "Date", "de": "Datum", "fr": "Date", "es": "Fecha", "it": "Data", "nl": "Datum"}[
        code
    ]
    date = (
        clean(format_date(o["date"], "full", locale=loc(code)))
        + (" at " if code == "en" else " um " if code == "de" else " à ")
        + o["date"].strftime("%H:%M")
    )
    rows = [
        (f, who(o["name"], o["email"])),
        (dl, date),
        (t, who(o["to_name"], o["to_email"])),
        (s, o["subject"]),
    ]
    plain = "".join(f"{k}: {v}\n" for k, v in rows) + "\n" + o["body"] + "\n"
    htm = (
        '<div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        '<p class="MsoNormal" style="margin-bottom:12.0pt"><b><span style="font-size:12.0pt;color:black">'
        + "<br>\n".join(f"{esc(k)}: </span></b><span>{esc(v)}</span><b><span>" for k, v in rows)
        + f'</span></b></p></div><div><p class="MsoNormal">{text_to_html(o["body"])}</p></div>'
    )
    return pre, plain, htm


def outlook_mac_2019(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    if code == "en":
        line = f'On {d.strftime("%d/%m/%Y, %H:%M")}, "{o["name"]}" <{o["email"]}> wrote:'
    else:
        line = f'Am {d.strftime("%d.%m.%y, %H:%M")} schrieb "{o["name"]}" <{o["email"]}>:'
    plain = (
        "\n"
        + line
        + "\n\n"
        + "\n".join("    " + x if x else "" for x in o["body"].split("\n"))
        + "\n"
    )
    htm = (
        f'<div><p class="MsoNormal">{esc(line)}</p></div><blockquote style="border-left:solid '
        f'#B5C4DF 4.5pt;padding:0cm 0cm 0cm 4.0pt;margin-left:3.75pt">{text_to_html(o["body"])}'
        "</blockquote>"
    )
    return "FW: ", plain, htm


def thunderbird(code: str, o: dict) -> tuple[str, str, str]:
    sep, s, d, f, t = THUNDERBIRD[code]
    rows = [
        (s, o["subject"]),
        (d, d_rfc(o["date"])),
        (f, who(o["name"], o["email"])),
        (t, who(o["to_name"], o["to_email"])),
    ]
    plain = (
        f"\n\n\n{sep}\n" + "".join(f"{k}: \t{v}\n" for k, v in rows) + "\n\n\n" + o["body"] + "\n"
    )
    htm = (
        f'<div class="moz-forward-container"><br><br>{esc(sep)}\n<table class="moz-email-headers-table" '
        'border="0" cellpadding="0" cellspacing="0">'
        + "".join(
            f'<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{esc(k)}: </th><td>{esc(v)}</td></tr>'
            for k, v in rows
        )
        + f"</table><br><br><pre>{esc(o['body'])}</pre></div>"
    )
    return "Fwd: ", plain, htm


YAHOO = {
    "en": ("----- Forwarded Message -----", "From", "To", "Sent", "Subject", "Fwd: "),
    "fr": ("----- Message transféré -----", "De", "À", "Envoyé", "Objet", "Fwd: "),
    "de": ("----- Weitergeleitete Nachricht -----", "Von", "An", "Gesendet", "Betreff", "Fwd: "),
}


def yahoo(code: str, o: dict, one_line: bool = False) -> tuple[str, str, str]:
    sep, f, t, se, s, pre = YAHOO[code]
    date = (
        o["date"].strftime("%A, %B %-d, %Y, %I:%M:%S %p GMT+1")
        if code == "en"
        else clean(d_full(o["date"], code))
    )
    rows = [
        (f, who(o["name"], o["email"])),
        (t, who(o["to_name"], o["to_email"])),
        (se, date),
        (s, o["subject"]),
    ]
    if one_line:
        plain = f"\n\n{sep} " + "".join(f"{k}: {v}" for k, v in rows) + "\n \n" + o["body"] + "\n"
    else:
        plain = f"\n\n{sep}\n" + "".join(f"{k}: {v}\n" for k, v in rows) + "\n" + o["body"] + "\n"
    htm = (
        f'<div class="yahoo_quoted" style="font-size:13px;color:#26282a;"><div>{esc(sep)}</div>'
        + "".join(f"<div><b>{esc(k)}:</b> {esc(v)}</div>" for k, v in rows)
        + f'<div><br></div><div><div dir="ltr">{text_to_html(o["body"])}</div></div></div>'
    )
    return pre, plain, htm


def proton(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    day = d.day
    suf = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    date = d.strftime(f"On %A, %B {day}{suf}, %Y at %-I:%M %p")
    if code == "de":
        date = clean(d_full(d, "de"))
    rows = [
        ("From", who(o["name"], o["email"])),
        ("Date", date),
        ("Subject", o["subject"]),
        ("To", who(o["to_name"], o["to_email"])),
    ]
    plain = (
        "\n\n\n\nSent with Proton Mail secure email.\n\n------- Forwarded Message -------\n"
        + "".join(f"{k}: {v}\n" for k, v in rows)
        + "\n\n"
        + o["body"]
        + "\n"
    )
    htm = (
        '<div class="protonmail_quote">------- Forwarded Message -------<br>'
        + "".join(f"{k}: {esc(v)}<br>" for k, v in rows)
        + f'<br><blockquote class="protonmail_quote" type="cite">{text_to_html(o["body"])}</blockquote></div>'
    )
    return "Fwd: ", plain, htm


def fastmail(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    rows = [
        ("From", who(o["name"], o["email"])),
        ("To", who(o["to_name"], o["to_email"])),
        ("Subject", o["subject"]),
        ("Date", d.strftime("%A, %B %-d, %Y %-I:%M %p")),
    ]
    plain = (
        "\n----- Original message -----\n"
        + "".join(f"{k}: {v}\n" for k, v in rows)
        + "\n"
        + o["body"]
        + "\n"
    )
    htm = (
        "<div>----- Original message -----</div><div>"
        + "".join(f"<div>{k}: {esc(v)}</div>" for k, v in rows)
        + "</div>"
        f'<blockquote type="cite" id="qt"><div>{text_to_html(o["body"])}</div></blockquote>'
    )
    return "Fwd: ", plain, htm


def zoho(code: str, o: dict) -> tuple[str, str, str]:
    if code == "de":
        sep, labels = (
            "============ Weitergeleitete Nachricht ============",
            ("Von", "An", "Datum", "Betreff"),
        )
    else:
        sep, labels = (
            "============ Forwarded message ============",
            ("From", "To", "Date", "Subject"),
        )
    rows = list(
        zip(
            labels,
            [
                who(o["name"], o["email"]),
                who(o["to_name"], o["to_email"]),
                d_rfc(o["date"]),
                o["subject"],
            ],
            strict=False,
        )
    )
    plain = (
        f"\n\n\n{sep}\n" + "".join(f"{k}: {v}\n" for k, v in rows) + f"{sep}\n\n" + o["body"] + "\n"
    )
    htm = (
        f'<div class="zmail_extra"><div><br></div><div id="Zm-_Id_-Sgn1">{sep}<br></div>'
        + "".join(f"<div><b>{k}</b>: {esc(v)}<br></div>" for k, v in rows)
        + f"<div>{sep}<br></div><div><br></div><div>{text_to_html(o['body'])}</div></div>"
    )
    return "Fwd: ", plain, htm


def gmx(code: str, o: dict, old: bool = False) -> tuple[str, str | None, str]:
    d = o["date"]
    if code == "de":
        labels = ("Gesendet", "Von", "An", "Betreff")
        date = format_date(d, "EEEE, dd. MMMM y", locale="de") + d.strftime(" um %H:%M Uhr")
    else:
        labels = ("Sent", "From", "To", "Subject")
        date = d.strftime("%A, %B %d, %Y at %-I:%M %p")
    rows = list(
        zip(
            labels,
            [date, f'"{o["name"]}" <{o["email"]}>', who(o["to_name"], o["to_email"]), o["subject"]],
            strict=False,
        )
    )
    if old:
        plain = (
            "\n-------- Original-Nachricht --------\n"
            + "".join(
                f"{k}: {v}\n"
                for k, v in [
                    ("Betreff", o["subject"]),
                    ("Datum", d_rfc(d)),
                    ("Von", f'"{o["name"]}" <{o["email"]}>'),
                    ("An", o["to_email"]),
                ]
            )
            + "\n"
            + o["body"]
            + "\n"
        )
        return "WG: ", plain, "<pre>" + esc(plain) + "</pre>"
    htm = (
        '<html><head></head><body><div style="font-family: Verdana;font-size: 12.0px;"><div>&nbsp;</div>'
        '<div>&nbsp;\n<div style="margin: 5.0px 5.0px 5.0px 5.0px;padding: 10.0px 0 10.0px 10.0px;'
        'border-left: 2.0px solid #C3D9E5;"><div style="margin: 0 0 10.0px 0;"><b>'
        + "<br/>\n<b>".join(f"{k}:</b>&nbsp;{esc(v)}" for k, v in rows)
        + f'</div><div name="quoted-content">{text_to_html(o["body"])}</div></div></div></div></body></html>'
    )
    return ("WG: " if code == "de" else "Fwd: "), None, htm


def yandex(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    if code == "ru":
        start, end = (
            "-------- Пересылаемое сообщение --------",
            "-------- Конец пересылаемого сообщения --------",
        )
    else:
        start, end = (
            "-------- Forwarded message --------",
            "-------- End of forwarded message --------",
        )
    line = f'{d.strftime("%d.%m.%Y, %H:%M")}, "{o["name"]}" <{o["email"]}>:'
    plain = f"\n\n{start}\n{line}\n\n{o['body']}\n\n{end}\n"
    htm = (
        f"<div>&nbsp;</div><div>&nbsp;</div><div>{start}</div><div>{esc(line)}</div><div>&nbsp;</div>"
        f"<div>{text_to_html(o['body'])}</div><div>&nbsp;</div><div>{end}</div>"
    )
    return "Fwd: ", plain, htm


def mailru(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    date = clean(format_date(d, "EEEE, d MMMM y", locale=code)).capitalize() + d.strftime(
        ", %H:%M +03:00"
    )
    if code == "ru":
        start, labels = (
            "-------- Пересылаемое сообщение --------",
            ("От кого", "Кому", "Дата", "Тема"),
        )
    else:
        start, labels = "-------- Пересланий лист --------", ("Від кого", "Кому", "Дата", "Тема")
    rows = list(
        zip(labels, [who(o["name"], o["email"]), o["to_email"], date, o["subject"]], strict=False)
    )
    plain = (
        f"\n\n\n{start}\n"
        + "".join(f"{k}: {v}\n" for k, v in rows)
        + "\n"
        + o["body"]
        + "\n\n----------------------------------------------------------------------\n"
    )
    htm = (
        f"<div><br><br><br>{start}<br><table><tbody>"
        + "".join(
            f'<tr><td class="mr_read__fwdlabel">{k}:</td><td>{esc(v)}</td></tr>' for k, v in rows
        )
        + f'</tbody></table><div id="mr_fwd_body"><div>{text_to_html(o["body"])}</div></div></div>'
    )
    return "Fwd: ", plain, htm


def naver(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    wd = "월화수목금토일"[d.weekday()]
    rows = [
        ("From", f'"{o["name"]}"<{o["email"]}>'),
        ("To", f'"{o["to_name"]}"<{o["to_email"]}>;'),
        ("Cc", ""),
        ("Sent", d.strftime(f"%Y-%m-%d ({wd}) %H:%M:%S (GMT+09:00)")),
        ("Subject", o["subject"]),
    ]
    plain = (
        "\n\n-----Original Message-----\n"
        + "".join(f"{k}: {v}\n" for k, v in rows)
        + "\n"
        + o["body"]
        + "\n"
    )
    htm = (
        "<div><br></div><div>-----Original Message-----<br>"
        + "".join(f"<b>{k}:</b> {esc(v)}<br>" for k, v in rows)
        + f"<br>{text_to_html(o['body'])}</div>"
    )
    return "FW: ", plain, htm


def qq(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    if code == "zh":
        wd = "一二三四五六日"[d.weekday()]
        ampm = "上午" if d.hour < 12 else "下午"
        h = d.hour if d.hour <= 12 else d.hour - 12
        rows = [
            ("发件人", f'"{o["name"]}"<{o["email"]}>;'),
            ("发送时间", f"{d.year}年{d.month}月{d.day}日(星期{wd}) {ampm}{h}:{d.minute:02d}"),
            ("收件人", f'"{o["to_name"]}"<{o["to_email"]}>;'),
            ("主题", o["subject"]),
        ]
        sep = "------------------ 原始邮件 ------------------"
        pre = "转发："
    else:
        rows = [
            ("From", f'"{o["name"]}"<{o["email"]}>;'),
            ("Date", d.strftime("%a, %b %-d, %Y %I:%M %p")),
            ("To", f'"{o["to_name"]}"<{o["to_email"]}>;'),
            ("Subject", o["subject"]),
        ]
        sep = "------------------ Original ------------------"
        pre = "Fwd: "
    plain = f"\n\n\n{sep}\n" + "".join(f"{k}: {v}\n" for k, v in rows) + "\n\n\n" + o["body"] + "\n"
    htm = (
        f'<div><br></div><div><br></div><div style="font-size: 12px;font-family: Arial Narrow;'
        f'padding:2px 0 2px 0;">{sep.replace(" ", "&nbsp;", 1)}</div><div style="font-size: 12px;'
        'background:#efefef;padding:8px;">'
        + "".join(f"<div><b>{k}:</b>&nbsp;{esc(v)}</div>" for k, v in rows)
        + f"</div><div><br></div>{text_to_html(o['body'])}"
    )
    return pre, plain, htm


def seznam(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    rows = [
        ("Od", who(o["name"], o["email"])),
        ("Komu", o["to_email"]),
        ("Datum", f"{d.day}. {d.month}. {d.year} {d.hour}:{d.minute:02d}:{d.second:02d}"),
        ("Předmět", o["subject"]),
    ]
    plain = (
        "\n\n---------- Původní e-mail ----------\n"
        + "".join(f"{k}: {v}\n" for k, v in rows)
        + "\n"
        + o["body"]
        + "\n"
    )
    htm = (
        "<div><br></div><div>---------- Původní e-mail ----------<br>"
        + "".join(f"{k}: {esc(v)}<br>" for k, v in rows)
        + f"<br><blockquote>{text_to_html(o['body'])}</blockquote></div>"
    )
    return "Fwd: ", plain, htm


def orange(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    rows = [
        ("De", f'"{o["name"]}" <{o["email"]}>'),
        ("A", o["to_email"]),
        ("Copie à", ""),
        ("Objet", o["subject"]),
    ]
    plain = (
        "\n\n\n> Message du "
        + d.strftime("%d/%m/%y %H:%M")
        + "\n"
        + "".join(f"> {k} : {v}\n" for k, v in rows)
        + ">\n"
        + "".join(f"> {line}\n" for line in o["body"].split("\n"))
    )
    htm = (
        '<div><br></div><blockquote style="padding-left:5px;margin-left:5px;border-left:#ff6600 2px solid;">'
        f"<div>&gt; Message du {d.strftime('%d/%m/%y %H:%M')}<br>"
        + "".join(f"&gt; {k} : {esc(v)}<br>" for k, v in rows)
        + f"&gt;<br>{text_to_html(o['body'])}</div></blockquote>"
    )
    return "TR : ", plain, htm


def libero(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    months = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"]
    rows = [
        ("Da", o["email"]),
        ("Data", f"{d.day}-{months[d.month - 1]}-{d.year} {d.hour}.{d.minute:02d}"),
        ("A", f'"{o["to_name"]}"<{o["to_email"]}>'),
        ("Ogg", o["subject"]),
    ]
    plain = (
        "\n\n\n----Messaggio originale----\n"
        + "".join(f"{k}: {v}\n" for k, v in rows)
        + "\n"
        + o["body"]
        + "\n"
    )
    htm = (
        "<br><br>----Messaggio originale----<br>"
        + "".join(f"{k}: {esc(v)}<br>" for k, v in rows)
        + f"<br>{text_to_html(o['body'])}"
    )
    return "I: ", plain, htm


def samsung(code: str, o: dict) -> tuple[str, str, str]:
    d = o["date"]
    if code == "de":
        sep, labels = "-------- Ursprüngliche Nachricht --------", ("Von", "Datum", "An", "Betreff")
    else:
        sep, labels = "-------- Original message --------", ("From", "Date", "To", "Subject")
    rows = list(
        zip(
            labels,
            [
                who(o["name"], o["email"]),
                d.strftime("%d/%m/%Y %H:%M (GMT+01:00)"),
                who(o["to_name"], o["to_email"]),
                o["subject"],
            ],
            strict=False,
        )
    )
    sig = "Sent from my Galaxy" if code != "de" else "Von meinem Galaxy gesendet"
    plain = (
        f"\n\n\n{sig}\n\n\n{sep}\n"
        + "".join(f"{k}: {v} \n" for k, v in rows)
        + "\n"
        + o["body"]
        + "\n"
    )
    htm = (
        f'<div dir="auto"><br><br><br><div id="composer_signature" dir="auto">{sig}</div><br><br>'
        f'<div align="left" dir="auto" style="font-size:100%;color:#000000"><div>{sep}</div>'
        + "".join(f"<div>{k}: {esc(v)} </div>" for k, v in rows)
        + f"<div><br></div></div>{text_to_html(o['body'])}</div>"
    )
    return "Fwd: ", plain, htm


def outlook_ios(code: str, o: dict) -> tuple[str, str, str]:
    f, se, t, c, s, pre = OUTLOOK[code]
    sig = {"de": "Outlook für iOS beziehen", "fr": "Télécharger Outlook pour iOS"}.get(
        code, "Get Outlook for iOS"
    )
    date = clean(d_full(o["date"], code))
    rows = [
        (f, who(o["name"], o["email"])),
        (se, date),
        (t, who(o["to_name"], o["to_email"])),
        (s, o["subject"]),
    ]
    plain = (
        f"\n{sig}<https://aka.ms/o0ukef>\n________________________________\n"
        + "".join(f"{k}: {v}\n" for k, v in rows)
        + "\n"
        + o["body"]
        + "\n"
    )
    htm = (
        f'<div dir="ltr">{sig}</div><div id="ms-outlook-mobile-signature"></div><hr style="display:inline-block;width:98%">'
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt">'
        + "<br>".join(f"<b>{esc(k)}:</b> {esc(v)}" for k, v in rows)
        + f'</font><div>&nbsp;</div></div><div dir="ltr">{text_to_html(o["body"])}</div>'
    )
    return pre, plain, htm


LAYOUTS = {
    "outlook_ios": outlook_ios,
    "gmail_web": gmail,
    "gmail_android": gmail,
    "apple_mail": apple,
    "apple_mail_ios": lambda c, o: apple(c, o, ios=True),
    "outlook_desktop": outlook_desktop,
    "outlook_desktop_plain": lambda c, o: outlook_desktop(c, o, plain_only=True),
    "outlook_web": outlook_web,
    "new_outlook": lambda c, o: outlook_web(c, o, new=True),
    "outlook_mac": outlook_mac,
    "outlook_mac_2019": outlook_mac_2019,
    "thunderbird": thunderbird,
    "yahoo": yahoo,
    "yahoo_one_line": lambda c, o: yahoo(c, o, True),
    "proton": proton,
    "fastmail": fastmail,
    "zoho": zoho,
    "gmx": gmx,
    "gmx_old": lambda c, o: gmx(c, o, old=True),
    "yandex": yandex,
    "mailru": mailru,
    "naver": naver,
    "qq": qq,
    "seznam": seznam,
    "orange": orange,
    "libero": libero,
    "samsung": samsung,
}

# Mailbox provider domain of a colleague's personal/mobile client is always example.com here
# (the company's hosted mail); X-Mailer / User-Agent per client:
AGENT = {
    "gmail_web": None,
    "gmail_android": None,
    "apple_mail": ("X-Mailer", "Apple Mail (2.3826.300.87.4.3)"),
    "apple_mail_ios": ("X-Mailer", "iPhone Mail (22B91)"),
    "outlook_desktop": ("X-Mailer", "Microsoft Outlook 16.0"),
    "outlook_desktop_plain": ("X-Mailer", "Microsoft Office Outlook 12.0"),
    "outlook_web": None,
    "new_outlook": None,
    "outlook_ios": ("X-Mailer", "Outlook for iOS and Android"),
    "outlook_mac": ("User-Agent", "Microsoft-MacOutlook/16.92.24121620"),
    "outlook_mac_2019": ("User-Agent", "Microsoft-MacOutlook/16.16.20101200"),
    "thunderbird": ("User-Agent", "Mozilla Thunderbird"),
    "yahoo": ("X-Mailer", "WebService/1.1.22941 YMailNorrin"),
    "yahoo_one_line": ("X-Mailer", "WebService/1.1.22941 YMailNodin"),
    "proton": None,
    "fastmail": ("User-Agent", "Cyrus-JMAP/3.11.0-alpha0-1108"),
    "zoho": ("User-Agent", "Zoho Mail"),
    "gmx": ("X-UI-Message-Type", "mail"),
    "gmx_old": None,
    "yandex": None,
    "mailru": ("X-Mailer", "Mail.Ru Mailer 1.0"),
    "naver": ("X-Mailer", "NaverMail"),
    "qq": ("X-Mailer", "QQMail 2.x"),
    "seznam": ("X-Mailer", "Email.cz"),
    "orange": ("X-Mailer", "Orange Webmail"),
    "libero": ("X-Mailer", "Libero Mail"),
    "samsung": None,
}
