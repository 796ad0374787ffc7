"""Holdout 2: how each client lays out a forwarded message's header block, in plain text and
(where the client writes HTML) in HTML. Formats follow the clients' real layouts as public
forward-parser fixtures show them; the wording of every message is our own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.data.mail.gen.h2_langs import Lang
from tests.data.mail.gen.h2_mime import esc


@dataclass(frozen=True)
class Orig:
    """The customer's original message, as the forward shows it."""

    name: str
    email: str
    to_name: str
    to_email: str
    subject: str
    when: str
    body: str


Render = Callable[[Lang, Orig], tuple[str, str | None]]  # (plain, html or None)

ORIGINAL = {  # Outlook's "-----Original Message-----" and Roundcube / SOGo separators
    "de": "Ursprüngliche Nachricht",
    "fr": "Message d'origine",
    "es": "Mensaje original",
    "it": "Messaggio originale",
    "nl": "Oorspronkelijk bericht",
    "pt": "Mensagem original",
    "pl": "Wiadomość oryginalna",
    "cs": "Původní zpráva",
    "sv": "Originalmeddelande",
    "da": "Oprindelig meddelelse",
    "fi": "Alkuperäinen viesti",
    "no": "Opprinnelig melding",
    "ru": "Исходное сообщение",
    "uk": "Оригінальне повідомлення",
    "tr": "Özgün İleti",
    "hu": "Eredeti üzenet",
    "ja": "元のメッセージ",
    "zh": "原始邮件",
    "ko": "원본 메시지",
}


def orig_sep(lang: Lang) -> str:
    return ORIGINAL.get(lang.code, "Original Message")


def bare(label: str) -> str:
    return label.rstrip(":").rstrip()


def who(o: Orig) -> str:
    return f"{o.name} <{o.email}>"


def to_(o: Orig) -> str:
    return f"{o.to_name} <{o.to_email}>"


def html_who(o: Orig) -> str:
    return f'{esc(o.name)} &lt;<a href="mailto:{o.email}">{o.email}</a>&gt;'


# --- Microsoft ----------------------------------------------------------------------


def outlook_desktop(L: Lang, o: Orig) -> tuple[str, str | None]:
    plain = (
        f"{L.note}\n\n{'_' * 32}\n{L.frm} {who(o)}\n{L.sent} {L.when}\n{L.to} {to_(o)}\n"
        f"{L.subj} {o.subject}\n\n{o.body}\n"
    )
    lab = '<b><span lang="EN-GB">{}</span></b><span lang="EN-GB"> {}<br>'
    rows = "\n".join(
        lab.format(esc(k), v)
        for k, v in (
            (L.frm, html_who(o)),
            (L.sent, esc(L.when)),
            (L.to, f"{esc(o.to_name)} &lt;{o.to_email}&gt;"),
            (L.subj, esc(o.subject)),
        )
    )
    html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang="EN-GB">'
        f'<div class="WordSection1"><p class="MsoNormal">{esc(L.note)}</p>\n'
        '<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        f'<p class="MsoNormal">{rows}</span></p></div></div>\n'
        f'<p class="MsoNormal">{esc(o.body)}</p></div></body></html>\n'
    )
    return plain, html


def outlook_2010(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n-----{orig_sep(L)}-----\n{L.frm} {o.name} [mailto:{o.email}]\n"
        f"{L.sent} {L.when}\n{L.to} {o.to_name}\n{L.subj} {o.subject}\n\n{o.body}\n"
    ), None


def outlook_web(L: Lang, o: Orig) -> tuple[str, str | None]:
    rows = (
        f"<b>{esc(L.frm)}</b> {html_who(o)}<br>\n<b>{esc(L.sent)}</b> {esc(L.when)}<br>\n"
        f"<b>{esc(L.to)}</b> {esc(o.to_name)} &lt;{o.to_email}&gt;<br>\n"
        f"<b>{esc(L.subj)}</b> {esc(o.subject)}"
    )
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f'</head><body dir="ltr"><div>{esc(L.note)}</div>\n<div id="appendonsend"></div>\n'
        '<hr style="display:inline-block;width:98%" tabindex="-1">\n'
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" '
        f'style="font-size:11pt" color="#000000">{rows}</font>\n<div>&nbsp;</div></div>\n'
        f'<div dir="ltr">{esc(o.body)}</div></body></html>\n'
    )
    return "", html


def new_outlook(L: Lang, o: Orig) -> tuple[str, str | None]:
    rows = "".join(
        f"<b>{esc(k)}</b>&nbsp;{v}<br>\n"
        for k, v in (
            (L.frm, f"{esc(o.name)} &lt;{o.email}&gt;"),
            (L.sent, esc(L.when)),
            (L.to, f"{esc(o.to_name)} &lt;{o.to_email}&gt;"),
            (L.subj, esc(o.subject)),
        )
    )
    html = (
        '<html><body><div class="elementToProof" style="font-family: Aptos, sans-serif">'
        f'{esc(L.note)}</div>\n<div id="Signature"><p>-- <br>Sales team</p></div>\n'
        '<hr style="display:inline-block;width:98%">\n'
        f'<div id="divRplyFwdMsg" dir="ltr"><span style="font-size:11pt">{rows}</span></div>\n'
        f"<div><p>{esc(o.body)}</p></div></body></html>\n"
    )
    plain = (
        f"{L.note}\n\n-- \nSales team\n\n{'_' * 32}\n{L.frm} {who(o)}\n{L.sent} {L.when}\n"
        f"{L.to} {to_(o)}\n{L.subj} {o.subject}\n\n{o.body}\n"
    )
    return plain, html


def outlook_mac_2016(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n{L.frm} {who(o)}\n{L.date} {L.when}\n{L.to} {to_(o)}\n"
        f"{L.subj} {o.subject}\n\n{o.body}\n"
    ), None


WROTE = {  # Outlook for Mac 2019 / reply-style attribution line
    "en": 'On 07/12/2026, 09:41, "{n}" <{e}> wrote:',
    "de": 'Am 07.12.26, 09:41 schrieb "{n}" <{e}>:',
    "fr": "Le 07/12/2026 09:41, « {n} » <{e}> a écrit :",
    "nl": 'Op 07-12-2026 09:41 heeft "{n}" <{e}> geschreven:',
    "es": 'El 7/12/26 9:41, "{n}" <{e}> escribió:',
    "it": 'Il 07/12/26, 09:41, "{n}" <{e}> ha scritto:',
}


def outlook_mac_2019(L: Lang, o: Orig) -> tuple[str, str | None]:
    line = WROTE.get(L.code, WROTE["en"]).format(n=o.name, e=o.email)
    body = "\n".join(f"    {x}" for x in o.body.split("\n"))
    return f"{L.note}\n\n{line}\n\n{body}\n", None


# --- Google, Apple, Mozilla -----------------------------------------------------------


def gmail(L: Lang, o: Orig) -> tuple[str, str | None]:
    plain = (
        f"{L.note}\n\n---------- {L.gmail} ---------\n{L.frm} {who(o)}\n"
        f"{L.date} {L.when}\n{L.subj} {o.subject}\n{L.to} <{o.to_email}>\n\n\n{o.body}\n"
    )
    html = (
        f'<div dir="ltr"><div>{esc(L.note)}</div><br><div class="gmail_quote">'
        f'<div dir="ltr" class="gmail_attr">---------- {esc(L.gmail)} ---------<br>'
        f'{esc(L.frm)} <strong class="gmail_sendername" dir="auto">{esc(o.name)}</strong> '
        f'<span dir="auto">&lt;<a href="mailto:{o.email}">{o.email}</a>&gt;</span><br>'
        f"{esc(L.date)} {esc(L.when)}<br>{esc(L.subj)} {esc(o.subject)}<br>"
        f'{esc(L.to)} &lt;<a href="mailto:{o.to_email}">{o.to_email}</a>&gt;<br></div><br><br>'
        f'<div dir="ltr">{esc(o.body)}</div></div></div>\n'
    )
    return plain, html


def gmail_english_labels(L: Lang, o: Orig) -> tuple[str, str | None]:
    """Gmail apps that localise only the separator line."""
    return (
        f"{L.note}\n\n---------- {L.gmail} ---------\nFrom: {who(o)}\nDate: {L.when}\n"
        f"Subject: {o.subject}\nTo: {to_(o)}\n\n{o.body}\n"
    ), None


def gmail_bold_markdown(L: Lang, o: Orig) -> tuple[str, str | None]:
    """The text part some tools derive from Gmail's bold labels: ``*From:* …``."""
    return (
        f"{L.note}\n\n---------- {L.gmail} ---------\n*{L.frm}* {o.name} <{o.email}>\n"
        f"*{L.date}* {L.when}\n*{L.subj}* {o.subject}\n*{L.to}* {o.to_email}\n\n{o.body}\n"
    ), None


def apple(L: Lang, o: Orig) -> tuple[str, str | None]:
    plain = (
        f"{L.note}\n\n{L.apple}\n\n{L.frm} {who(o)}\n{L.subj} {o.subject}\n"
        f"{L.date} {L.when}\n{L.to} {to_(o)}\n\n{o.body}\n"
    )
    span = (
        '<div style="margin-top:0px;margin-right:0px;margin-bottom:0px;margin-left:0px;">'
        '<span style="font-family:-apple-system, Helvetica, Arial, sans-serif;">'
        "<b>{k} </b></span><span>{v}<br></span></div>"
    )
    rows = "".join(
        span.format(k=esc(bare(k) + ":"), v=v)
        for k, v in (
            (L.frm, html_who(o)),
            (L.subj, f"<b>{esc(o.subject)}</b>"),
            (L.date, esc(L.when)),
            (L.to, f"{esc(o.to_name)} &lt;{o.to_email}&gt;"),
        )
    )
    html = (
        f'<html><body style="overflow-wrap: break-word;">{esc(L.note)}<br><div><br>'
        f'<blockquote type="cite"><div>{esc(L.apple)}</div><br>{rows}<br>'
        f"<div>{esc(o.body)}</div></blockquote></div></body></html>\n"
    )
    return plain, html


def apple_ios(L: Lang, o: Orig) -> tuple[str, str | None]:
    q = "\n".join(f"> {x}" if x else ">" for x in o.body.split("\n"))
    return (
        f"{L.note}\n\nSent from my iPhone\n\n{L.apple}\n\n> {L.frm} {who(o)}\n"
        f"> {L.date} {L.when}\n> {L.to} {to_(o)}\n> {L.subj} {o.subject}\n>\n{q}\n"
    ), None


def thunderbird(L: Lang, o: Orig) -> tuple[str, str | None]:
    plain = (
        f"{L.note}\n\n\n-------- {L.tbird} --------\n{L.subj} \t{o.subject}\n"
        f"{L.date} \t{L.when}\n{L.frm} \t{who(o)}\n{L.to} \t{to_(o)}\n\n\n\n{o.body}\n"
    )
    th = '<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">{k} </th><td>{v}</td></tr>'
    rows = "".join(
        th.format(k=esc(k), v=v)
        for k, v in (
            (L.subj, esc(o.subject)),
            (L.date, esc(L.when)),
            (
                L.frm,
                f'{esc(o.name)} <a class="moz-txt-link-rfc2396E" '
                f'href="mailto:{o.email}">&lt;{o.email}&gt;</a>',
            ),
            (L.to, f"{esc(o.to_name)} &lt;{o.to_email}&gt;"),
        )
    )
    html = (
        f'<html><body><p>{esc(L.note)}</p><div class="moz-forward-container"><br><br>'
        f'-------- {esc(L.tbird)} --------\n<table class="moz-email-headers-table" '
        f'cellspacing="0" cellpadding="0" border="0"><tbody>{rows}</tbody></table><br>'
        f"<p>{esc(o.body)}</p></div></body></html>\n"
    )
    return plain, html


def thunderbird_html_only(L: Lang, o: Orig) -> tuple[str, str | None]:
    return "", thunderbird(L, o)[1]


# --- webmail ----------------------------------------------------------------------------


def yahoo(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n\n----- {L.tbird} -----\n{L.frm} {who(o)}\n{L.to} {to_(o)}\n"
        f"{L.sent} {L.when}\n{L.subj} {o.subject}\n\n{o.body}\n"
    ), None


def yahoo_one_line(L: Lang, o: Orig) -> tuple[str, str | None]:
    """Yahoo's HTML header block flattened to text: one line, labels glued to values."""
    return (
        f"{L.note}\n\n----- {L.tbird} ----- {L.frm} {who(o)}{L.to} {o.to_email}"
        f"{L.sent} {L.when}{L.subj} {o.subject}\n {o.body}\n"
    ), None


def zoho(L: Lang, o: Orig) -> tuple[str, str | None]:
    sep = f"============ {L.gmail} ============"
    return (
        f"{L.note}\n\n\n{sep}\n{bare(L.frm)} : {who(o)}\n{bare(L.to)} : {to_(o)}\n"
        f"{bare(L.date)} : {L.when}\n{bare(L.subj)} : {o.subject}\n{sep}\n\n{o.body}\n"
    ), None


def proton(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n\n------- Forwarded Message -------\n{L.frm} {who(o)}\n"
        f"{L.date} {L.when}\n{L.subj} {o.subject}\n{L.to} {o.to_email}\n\n\n{o.body}\n"
    ), None


def fastmail(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n----- Original message -----\n{L.frm} {who(o)}\n{L.to} {to_(o)}\n"
        f"{L.subj} {o.subject}\n{L.date} {L.when}\n\n{o.body}\n"
    ), None


def roundcube(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n-------- {orig_sep(L)} --------\n{L.subj} {o.subject}\n"
        f"{L.date} {L.when}\n{L.frm} {who(o)}\n{L.to} {o.to_email}\n\n{o.body}\n"
    ), None


HORDE = {  # "----- Forwarded message from … -----"
    "en": "Forwarded message from",
    "de": "Weitergeleitete Nachricht von",
    "fr": "Message transféré de",
    "es": "Mensaje reenviado de",
    "it": "Messaggio inoltrato da",
    "nl": "Doorgestuurd bericht van",
    "pl": "Wiadomość przekazana od",
}


def horde(L: Lang, o: Orig) -> tuple[str, str | None]:
    head = "\n".join(
        f"{bare(k):>9}: {v}"
        for k, v in ((L.date, L.when), (L.frm, who(o)), (L.subj, o.subject), (L.to, o.to_email))
    )
    return (
        f"{L.note}\n\n----- {HORDE.get(L.code, HORDE['en'])} {o.name} <{o.email}> -----\n"
        f"{head}\n\n{o.body}\n\n"
        f"----- End forwarded message -----\n"
    ), None


def sogo(L: Lang, o: Orig) -> tuple[str, str | None]:
    html = (
        f"<html><body><p>{esc(L.note)}</p><br><br>-------- {esc(orig_sep(L))} --------<br>"
        f"<b>{esc(L.subj)}</b> {esc(o.subject)}<br><b>{esc(L.date)}</b> {esc(L.when)}<br>"
        f"<b>{esc(L.frm)}</b> &quot;{esc(o.name)}&quot; &lt;{o.email}&gt;<br>"
        f"<b>{esc(L.to)}</b> {o.to_email}<br><br><div>{esc(o.body)}</div></body></html>\n"
    )
    return "", html


def gmx(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f'{L.note}\n\n{L.sent} {L.when}\n{L.frm} "{o.name}" <{o.email}>\n'
        f"{L.to} {o.to_email}\n{L.subj} {o.subject}\n\n{o.body}\n"
    ), None


def ionos(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n---------- {orig_sep(L)} ----------\n{L.frm} {who(o)}\n"
        f"{L.to} {to_(o)}\n{L.date} {L.when}\n{L.subj} {o.subject}\n\n{o.body}\n"
    ), None


def hubspot(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n---------- {L.gmail} ----------\n{L.frm} {who(o)}\n"
        f"{L.date} {L.when}\n{L.subj} {o.subject}\n{L.to} {to_(o)}\n\n{o.body}\n"
    ), None


def mailmate(L: Lang, o: Orig) -> tuple[str, str | None]:
    q = "\n".join(f"> {x}" if x else ">" for x in o.body.split("\n"))
    return (
        f"{L.note}\n\nForwarded message:\n\n> {L.frm} {who(o)}\n> {L.to} {to_(o)}\n"
        f"> {L.subj} {o.subject}\n> {L.date} {L.when}\n>\n{q}\n"
    ), None


def missive(L: Lang, o: Orig) -> tuple[str, str | None]:
    html = (
        f'<html><body><div>{esc(L.note)}</div><div class="missive_quote">'
        f"<div>---------- {esc(L.gmail)} ---------</div>"
        f"<div>{esc(L.frm)} {html_who(o)}</div><div>{esc(L.date)} {esc(L.when)}</div>"
        f"<div>{esc(L.subj)} {esc(o.subject)}</div><div>{esc(L.to)} {o.to_email}</div>"
        f"<br><blockquote>{esc(o.body)}</blockquote></div></body></html>\n"
    )
    return "", html


def samsung(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n\n\nSent from my Galaxy\n\n\n-------- {orig_sep(L)} --------\n"
        f"{L.frm} {who(o)} \n{L.date} {L.when} (GMT+01:00) \n{L.to} {to_(o)} \n"
        f"{L.subj} {o.subject} \n\n{o.body}\n"
    ), None


def airmail(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f'{L.note}\n\n{L.apple}\n\n{L.frm} "{o.name}" <{o.email}>\n{L.subj} {o.subject}\n'
        f"{L.date} {L.when}\n{L.to} {o.to_email}\n\n{o.body}\n"
    ), None


def superhuman(L: Lang, o: Orig) -> tuple[str, str | None]:
    html = (
        f'<html><body><div>{esc(L.note)}</div><div class="gmail_quote">'
        f"---------- {esc(L.gmail)} ---------<br>{esc(L.frm)} <strong>{esc(o.name)}</strong> "
        f"&lt;{o.email}&gt;<br>{esc(L.date)} {esc(L.when)}<br>{esc(L.subj)} {esc(o.subject)}"
        f"<br>{esc(L.to)} &lt;{o.to_email}&gt;<br><br>{esc(o.body)}</div></body></html>\n"
    )
    return "", html


# --- regional webmail -------------------------------------------------------------------


def mailru(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n\n-------- Пересылаемое сообщение --------\n"
        f"Понедельник, 7 декабря 2026, 9:41 +03:00 от {o.name} <{o.email}>:\n\n{o.body}\n"
    ), None


def mailru_table(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n-------- Пересылаемое сообщение --------\nОт кого: {who(o)}\n"
        f"Кому: {o.to_email}\nДата: {L.when}\nТема: {o.subject}\n\n{o.body}\n"
    ), None


def yandex(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n-------- Начало переадресованного сообщения --------\n"
        f'07.12.2026, 09:41, "{o.name}" <{o.email}>:\n\n{o.body}\n\n'
        f"-------- Конец переадресованного сообщения --------\n"
    ), None


def naver(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f'{L.note}\n\n-----Original Message-----\nFrom: "{o.name}"<{o.email}>\n'
        f'To: "{o.to_name}"<{o.to_email}>;\nCc: \nSent: 2026-12-07 (월) 09:41:00\n'
        f"Subject: {o.subject}\n\n{o.body}\n"
    ), None


def qq(L: Lang, o: Orig) -> tuple[str, str | None]:
    rows = "".join(
        f"<div><b>{k}</b>&nbsp;{v}</div>"
        for k, v in (
            ("发件人:", f"&quot;{esc(o.name)}&quot;&lt;{o.email}&gt;;"),
            ("发送时间:", "2026年12月7日(星期一) 上午9:41"),
            ("收件人:", f"&quot;{esc(o.to_name)}&quot;&lt;{o.to_email}&gt;;"),
            ("主题:", esc(o.subject)),
        )
    )
    html = (
        f'<div>{esc(L.note)}</div><div><br></div><div style="font-size: 12px;font-family: '
        'Arial Narrow;padding:2px 0 2px 0;">------------------&nbsp;原始邮件&nbsp;'
        '------------------</div><div style="font-size: 12px;background:#efefef;padding:8px;">'
        f"{rows}</div><div><br></div>{esc(o.body)}\n"
    )
    plain = (
        f"{L.note}\n\n------------------ 原始邮件 ------------------\n"
        f'发件人: "{o.name}"<{o.email}>;\n发送时间: 2026年12月7日(星期一) 上午9:41\n'
        f'收件人: "{o.to_name}"<{o.to_email}>;\n主题: {o.subject}\n\n{o.body}\n'
    )
    return plain, html


def foxmail(L: Lang, o: Orig) -> tuple[str, str | None]:
    return (
        f"{L.note}\n\n\n{o.to_email}\n \nFrom: {o.email}\nDate: 2026-12-07 09:41\n"
        f"To: {o.to_email}\nSubject: {o.subject}\n{o.body}\n"
    ), None


CLIENTS: dict[str, Render] = {
    "outlook_desktop": outlook_desktop,
    "outlook_2010": outlook_2010,
    "outlook_web": outlook_web,
    "new_outlook": new_outlook,
    "outlook_mac_2016": outlook_mac_2016,
    "outlook_mac_2019": outlook_mac_2019,
    "gmail_web": gmail,
    "gmail_android": gmail_english_labels,
    "gmail_ios": gmail_bold_markdown,
    "apple_mail": apple,
    "apple_mail_ios": apple_ios,
    "thunderbird_old": thunderbird,
    "thunderbird_new": thunderbird_html_only,
    "yahoo": yahoo,
    "yahoo_one_line": yahoo_one_line,
    "zoho": zoho,
    "proton": proton,
    "fastmail": fastmail,
    "roundcube": roundcube,
    "horde": horde,
    "sogo": sogo,
    "gmx": gmx,
    "ionos": ionos,
    "hubspot": hubspot,
    "mailmate": mailmate,
    "missive": missive,
    "samsung": samsung,
    "airmail": airmail,
    "spark": apple,
    "superhuman": superhuman,
    "front": hubspot,
    "mailru": mailru,
    "mailru_table": mailru_table,
    "yandex": yandex,
    "naver": naver,
    "qq": qq,
    "foxmail": foxmail,
}

# Clients that only exist in some languages' markets.
FIXED_LANGS = {
    "mailru": ("ru", "uk", "ru"),
    "mailru_table": ("ru", "uk", "en"),
    "yandex": ("ru", "uk", "tr"),
    "naver": ("ko", "ko", "en"),
    "qq": ("zh", "zh", "en"),
    "foxmail": ("zh", "en", "zh"),
    "gmx": ("de", "de", "en", "fr"),
    "outlook_mac_2019": ("en", "de", "fr", "nl"),
}
