# ruff: noqa  (task auth5's generator, adapted: data tables, long header and body strings)
"""~150 forwards: colleagues forwarding a customer's mail to the sales alias."""

from __future__ import annotations

from datetime import datetime

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
from tests.data.mail.gen.h5_people import ask, first_name, note, person

CHARSET = {
    "ja": "iso-2022-jp",
    "zh-CN": "gb2312",
    "zh-TW": "big5",
    "ko": "euc-kr",
    "ru": "koi8-r",
    "uk": "koi8-u",
    "he": "windows-1255",
    "ar": "windows-1256",
    "th": "tis-620",
    "el": "iso-8859-7",
    "tr": "iso-8859-9",
    "pl": "iso-8859-2",
    "cs": "windows-1250",
    "sk": "iso-8859-2",
    "hu": "iso-8859-2",
    "bg": "windows-1251",
    "de": "iso-8859-15",
    "fr": "windows-1252",
    "es": "iso-8859-1",
    "it": "iso-8859-1",
    "pt": "windows-1252",
    "lt": "iso-8859-13",
    "lv": "windows-1257",
    "et": "iso-8859-15",
    "sl": "iso-8859-2",
    "hr": "windows-1250",
    "ro": "iso-8859-16",
}


def a(name: str, email: str, style: str = "std") -> str:
    if style == "quoted":
        return f'"{name}" <{email}>'
    if style == "qq":
        return f'"{name}"<{email}>;'
    if style == "bare":
        return email
    if style == "angle":
        return f"<{email}>"
    if style == "mailto":
        return f"{name} [mailto:{email}]"
    return f"{name} <{email}>"


# client -> lang -> (top separator, [(field, label)], end separator, date function, address style)
def _rfcd(d: datetime, lang: str) -> str:
    return rfc(d)


def _num_dmy(d, lang):
    return f"{d.day:02d}.{d.month:02d}.{d.year} {hm(d)}"


def _iso(d, lang):
    return f"{d.year}-{d.month:02d}-{d.day:02d} {hm(d)}"


def _proton(d, lang):
    if lang == "de":
        return f"Am {wd(d, 'de')}, {d.day}. {mon(d, 'de')} {d.year} um {hm(d)}"
    if lang == "fr":
        return f"Le {wd(d, 'fr')} {d.day} {mon(d, 'fr')} {d.year} à {hm(d)}"
    if lang == "nl":
        return f"Op {wd(d, 'nl')} {d.day} {mon(d, 'nl')} {d.year} om {hm(d)}"
    if lang == "sv":
        return f"Den {wd(d, 'sv')} {d.day} {mon(d, 'sv')} {d.year} kl. {hm(d)}"
    sfx = "th" if 10 < d.day < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return f"On {wd(d, 'en')}, {mon(d, 'en')} {d.day}{sfx}, {d.year} at {d.strftime('%-I:%M %p')}"


def _gmail(d, lang):
    return gmail_date(d, lang)


def _outlook(d, lang):
    return outlook_long(d, lang)


F = "from"
D = "date"
T = "to"
C = "cc"
S = "subject"
RT = "replyto"

L: dict[str, dict[str, tuple]] = {
    "zoho_mail": {
        "en": (
            "============ Forwarded message ============",
            [(F, "From : "), (T, "To : "), (D, "Date : "), (S, "Subject : ")],
            "============ Forwarded message ============",
            _rfcd,
            "quoted",
        ),
        "de": (
            "============ Weitergeleitete Nachricht ============",
            [(F, "Von : "), (T, "An : "), (D, "Datum : "), (S, "Betreff : ")],
            "============ Weitergeleitete Nachricht ============",
            _rfcd,
            "quoted",
        ),
        "fr": (
            "============ Message transféré ============",
            [(F, "De : "), (T, "À : "), (D, "Date : "), (S, "Objet : ")],
            "============ Message transféré ============",
            _rfcd,
            "quoted",
        ),
        "es": (
            "============ Mensaje reenviado ============",
            [(F, "De : "), (T, "Para : "), (D, "Fecha : "), (S, "Asunto : ")],
            "============ Mensaje reenviado ============",
            _rfcd,
            "quoted",
        ),
        "hi": (
            "============ Forwarded message ============",
            [(F, "From : "), (T, "To : "), (D, "Date : "), (S, "Subject : ")],
            "============ Forwarded message ============",
            _rfcd,
            "quoted",
        ),
    },
    "proton_mail": {
        "en": (
            "------- Forwarded Message -------",
            [(F, "From: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _proton,
            "std",
        ),
        "de": (
            "------- Weitergeleitete Nachricht -------",
            [(F, "Von: "), (D, "Datum: "), (S, "Betreff: "), (T, "An: ")],
            None,
            _proton,
            "std",
        ),
        "fr": (
            "------- Message transféré -------",
            [(F, "De : "), (D, "Date : "), (S, "Objet : "), (T, "À : ")],
            None,
            _proton,
            "std",
        ),
        "nl": (
            "------- Doorgestuurd bericht -------",
            [(F, "Van: "), (D, "Datum: "), (S, "Onderwerp: "), (T, "Aan: ")],
            None,
            _proton,
            "std",
        ),
        "sv": (
            "------- Vidarebefordrat meddelande -------",
            [(F, "Från: "), (D, "Datum: "), (S, "Ämne: "), (T, "Till: ")],
            None,
            _proton,
            "std",
        ),
    },
    "fastmail": {
        "en": (
            "----- Original message -----",
            [(F, "From: "), (T, "To: "), (S, "Subject: "), (D, "Date: ")],
            None,
            lambda d, l: (
                f"{wd(d, 'en')}, {mon(d, 'en')} {d.day}, {d.year} {d.strftime('%-I:%M %p')}"
            ),
            "quoted",
        ),
        "da": (
            "----- Oprindelig meddelelse -----",
            [(F, "Fra: "), (T, "Til: "), (S, "Emne: "), (D, "Dato: ")],
            None,
            lambda d, l: f"{wd(d, 'da')} den {d.day}. {mon(d, 'da')} {d.year} {hm(d)}",
            "quoted",
        ),
        "nb": (
            "----- Opprinnelig melding -----",
            [(F, "Fra: "), (T, "Til: "), (S, "Emne: "), (D, "Dato: ")],
            None,
            lambda d, l: f"{wd(d, 'nb')} {d.day}. {mon(d, 'nb')} {d.year} kl. {hm(d)}",
            "quoted",
        ),
    },
    "roundcube": {
        "de": (
            "-------- Originalnachricht --------",
            [(S, "Betreff: "), (D, "Datum: "), (F, "Von: "), (T, "An: ")],
            None,
            _num_dmy,
            "std",
        ),
        "fr": (
            "-------- Message original --------",
            [(S, "Sujet : "), (D, "Date : "), (F, "De : "), (T, "Destinataire : ")],
            None,
            lambda d, l: f"{d.day:02d}/{d.month:02d}/{d.year} {hm(d)}",
            "std",
        ),
        "es": (
            "-------- Mensaje original --------",
            [(S, "Asunto: "), (D, "Fecha: "), (F, "Remitente: "), (T, "Destinatario: ")],
            None,
            _iso,
            "std",
        ),
        "it": (
            "-------- Messaggio originale --------",
            [(S, "Oggetto: "), (D, "Data: "), (F, "Mittente: "), (T, "Destinatario: ")],
            None,
            lambda d, l: f"{d.day:02d}/{d.month:02d}/{d.year} {hm(d)}",
            "std",
        ),
        "pl": (
            "-------- Oryginalna wiadomość --------",
            [(S, "Temat: "), (D, "Data: "), (F, "Nadawca: "), (T, "Odbiorca: ")],
            None,
            _iso,
            "std",
        ),
        "cs": (
            "-------- Původní zpráva --------",
            [(S, "Předmět: "), (D, "Datum: "), (F, "Odesílatel: "), (T, "Adresát: ")],
            None,
            lambda d, l: f"{d.day}.{d.month}.{d.year} {hm(d)}",
            "std",
        ),
        "ru": (
            "-------- Исходное сообщение --------",
            [(S, "Тема: "), (D, "Дата: "), (F, "От: "), (T, "Кому: ")],
            None,
            _iso,
            "std",
        ),
        "pt": (
            "-------- Mensagem original --------",
            [(S, "Assunto: "), (D, "Data: "), (F, "Remetente: "), (T, "Destinatário: ")],
            None,
            _iso,
            "std",
        ),
    },
    "sogo": {
        "en": (
            "-------- Original Message --------",
            [(S, "Subject: "), (D, "Date: "), (F, "From: "), (T, "To: ")],
            None,
            _rfcd,
            "std",
        ),
        "fr": (
            "-------- Message d'origine --------",
            [(S, "Sujet : "), (D, "Date : "), (F, "De : "), (T, "À : ")],
            None,
            lambda d, l: f"{wd(d, 'fr')} {d.day} {mon(d, 'fr')} {d.year} {hm(d)}",
            "std",
        ),
        "de": (
            "-------- Ursprüngliche Nachricht --------",
            [(S, "Betreff: "), (D, "Datum: "), (F, "Von: "), (T, "An: ")],
            None,
            lambda d, l: f"{wd(d, 'de')}, {d.day}. {mon(d, 'de')} {d.year} {hm(d)}",
            "std",
        ),
    },
    "tuta": {
        "en": (
            "========== Forwarded message ==========",
            [(F, "From: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            lambda d, l: f"{mon(d, 'en')[:3]} {d.day}, {d.year}, {d.strftime('%-I:%M %p')}",
            "std",
        ),
        "de": (
            "========== Weitergeleitete Nachricht ==========",
            [(F, "Von: "), (D, "Datum: "), (S, "Betreff: "), (T, "An: ")],
            None,
            lambda d, l: f"{d.day}. {mon(d, 'de')[:3]}. {d.year}, {hm(d)}",
            "std",
        ),
    },
    "spark": {
        "en": (
            "---------- Forwarded message ----------",
            [(F, "From: "), (D, "Date: "), (T, "To: "), (S, "Subject: ")],
            None,
            lambda d, l: f"{d.day} {mon(d, 'en')[:3]} {d.year} at {hm(d)} {d.strftime('%z')}",
            "std",
        ),
        "de": (
            "---------- Weitergeleitete Nachricht ----------",
            [(F, "Von: "), (D, "Datum: "), (T, "An: "), (S, "Betreff: ")],
            None,
            lambda d, l: f"{d.day}. {mon(d, 'de')} {d.year} um {hm(d)} {d.strftime('%z')}",
            "std",
        ),
        "it": (
            "---------- Messaggio inoltrato ----------",
            [(F, "Da: "), (D, "Data: "), (T, "A: "), (S, "Oggetto: ")],
            None,
            lambda d, l: f"{d.day} {mon(d, 'it')[:3]} {d.year}, {hm(d)} {d.strftime('%z')}",
            "std",
        ),
    },
    "airmail": {
        "en": (
            "Begin forwarded message:\n",
            [(F, "From: "), (D, "Date: "), (T, "To: "), (S, "Subject: ")],
            None,
            lambda d, l: f"{d.day} {mon(d, 'en')} {d.year} at {hm(d)}:{d.second:02d}",
            "quoted",
        ),
        "fr": (
            "Début du message réexpédié :\n",
            [(F, "De: "), (D, "Date: "), (T, "À: "), (S, "Objet: ")],
            None,
            lambda d, l: f"{d.day} {mon(d, 'fr')} {d.year} à {hm(d)}:{d.second:02d}",
            "quoted",
        ),
    },
    "superhuman": {
        "en": (
            "---------- Forwarded message ---------",
            [(F, "From: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
    },
    "front": {
        "en": (
            "---------- Forwarded message ----------",
            [(F, "From: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            lambda d, l: (
                f"{mon(d, 'en')} {d.day}, {d.year} at {d.strftime('%-I:%M %p')} GMT{d.strftime('%z')[:3]}"
            ),
            "std",
        ),
        "es": (
            "---------- Mensaje reenviado ----------",
            [(F, "De: "), (D, "Fecha: "), (S, "Asunto: "), (T, "Para: ")],
            None,
            lambda d, l: f"{d.day} de {mon(d, 'es')} de {d.year}, {hm(d)}",
            "std",
        ),
    },
    "missive": {
        "en": (
            "---------- Forwarded message ----------",
            [(F, "From: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            lambda d, l: f"{mon(d, 'en')} {d.day}, {d.year} at {d.strftime('%-I:%M %p')}",
            "std",
        ),
        "fr": (
            "---------- Message transféré ----------",
            [(F, "De : "), (D, "Date : "), (S, "Objet : "), (T, "À : ")],
            None,
            lambda d, l: f"{d.day} {mon(d, 'fr')} {d.year} à {hm(d)}",
            "std",
        ),
    },
    "hey": {
        "en": (
            "Begin forwarded message:\n",
            [(F, "From: "), (S, "Subject: "), (D, "Date: "), (T, "To: ")],
            None,
            lambda d, l: (
                f"{mon(d, 'en')} {d.day}, {d.year} at {d.strftime('%-I:%M:%S %p')} GMT{d.strftime('%z')[:3]}"
            ),
            "std",
        ),
    },
    "samsung_email": {
        "en": (
            "-------- Original message --------",
            [(F, "From: "), (D, "Date: "), (T, "To: "), (S, "Subject: ")],
            None,
            lambda d, l: (
                f"{d.month:02d}/{d.day:02d}/{d.year} {d.strftime('%-I:%M %p')} (GMT{d.strftime('%z')[:3]}:{d.strftime('%z')[3:]}) "
            ),
            "std",
        ),
        "de": (
            "-------- Ursprüngliche Nachricht --------",
            [(F, "Von: "), (D, "Datum: "), (T, "An: "), (S, "Betreff: ")],
            None,
            lambda d, l: (
                f"{d.day:02d}.{d.month:02d}.{d.year % 100} {hm(d)} (GMT{d.strftime('%z')[:3]}:{d.strftime('%z')[3:]}) "
            ),
            "std",
        ),
        "ko": (
            "-------- 원본 메일 --------",
            [(F, "보낸 사람: "), (D, "날짜: "), (T, "받는 사람: "), (S, "제목: ")],
            None,
            lambda d, l: f"{d.year}/{d.month:02d}/{d.day:02d} {hm(d)} (GMT+09:00) ",
            "std",
        ),
        "es": (
            "-------- Mensaje original --------",
            [(F, "De: "), (D, "Fecha: "), (T, "Para: "), (S, "Asunto: ")],
            None,
            lambda d, l: (
                f"{d.day}/{d.month}/{d.year % 100} {hm(d)} (GMT{d.strftime('%z')[:3]}:{d.strftime('%z')[3:]}) "
            ),
            "std",
        ),
        "ar": (
            "-------- الرسالة الأصلية --------",
            [(F, "من: "), (D, "التاريخ: "), (T, "إلى: "), (S, "الموضوع: ")],
            None,
            lambda d, l: f"{d.day}/{d.month}/{d.year} {hm(d)} (GMT+04:00) ",
            "std",
        ),
    },
    "bluemail": {
        "en": (
            "---------- Forwarded message ----------",
            [(F, "From: "), (D, "Sent: "), (T, "To: "), (S, "Subject: ")],
            None,
            lambda d, l: f"{wd(d, 'en')}, {mon(d, 'en')} {d.day}, {d.year} {hm(d)}",
            "quoted",
        ),
        "ro": (
            "---------- Mesaj redirecționat ----------",
            [(F, "De la: "), (D, "Trimis: "), (T, "Către: "), (S, "Subiect: ")],
            None,
            lambda d, l: f"{wd(d, 'ro')}, {d.day} {mon(d, 'ro')} {d.year} {hm(d)}",
            "quoted",
        ),
    },
    "em_client": {
        "en": (
            "------ Original Message ------",
            [(F, "From: "), (T, "To: "), (D, "Sent: "), (S, "Subject: ")],
            None,
            lambda d, l: f"{d.month}/{d.day}/{d.year} {d.strftime('%-I:%M:%S %p')}",
            "quoted",
        ),
        "cs": (
            "------ Původní zpráva ------",
            [(F, "Od: "), (T, "Komu: "), (D, "Odesláno: "), (S, "Předmět: ")],
            None,
            lambda d, l: f"{d.day}.{d.month}.{d.year} {hm(d)}:{d.second:02d}",
            "quoted",
        ),
        "de": (
            "------ Originalnachricht ------",
            [(F, "Von: "), (T, "An: "), (D, "Gesendet: "), (S, "Betreff: ")],
            None,
            lambda d, l: f"{d.day:02d}.{d.month:02d}.{d.year} {hm(d)}:{d.second:02d}",
            "quoted",
        ),
        "sk": (
            "------ Pôvodná správa ------",
            [(F, "Od: "), (T, "Komu: "), (D, "Odoslané: "), (S, "Predmet: ")],
            None,
            lambda d, l: f"{d.day}. {d.month}. {d.year} {hm(d)}:{d.second:02d}",
            "quoted",
        ),
    },
    "mailbird": {
        "en": (
            "--- Forwarded Message ---",
            [(F, "From: "), (T, "To: "), (S, "Subject: "), (D, "Date: ")],
            None,
            lambda d, l: f"{mon(d, 'en')[:3]} {d.day}, {d.year}, {d.strftime('%-I:%M %p')}",
            "std",
        ),
        "pt": (
            "--- Mensagem encaminhada ---",
            [(F, "De: "), (T, "Para: "), (S, "Assunto: "), (D, "Data: ")],
            None,
            lambda d, l: f"{d.day} de {mon(d, 'pt')[:3]} de {d.year}, {hm(d)}",
            "std",
        ),
    },
    "thunderbird": {
        "de": (
            "-------- Weitergeleitete Nachricht --------",
            [(S, "Betreff: \t"), (D, "Datum: \t"), (F, "Von: \t"), (T, "An: \t")],
            None,
            _rfcd,
            "std",
        ),
        "fr": (
            "-------- Message transféré --------",
            [(S, "Sujet : \t"), (D, "Date : \t"), (F, "De : \t"), (T, "Pour : \t")],
            None,
            _rfcd,
            "std",
        ),
        "it": (
            "-------- Messaggio Inoltrato --------",
            [(S, "Oggetto: \t"), (D, "Data: \t"), (F, "Mittente: \t"), (T, "A: \t")],
            None,
            _rfcd,
            "std",
        ),
        "hu": (
            "-------- Továbbított üzenet --------",
            [(S, "Tárgy: \t"), (D, "Dátum: \t"), (F, "Feladó: \t"), (T, "Címzett: \t")],
            None,
            _rfcd,
            "std",
        ),
        "fi": (
            "-------- Välitetty viesti --------",
            [
                (S, "Aihe: \t"),
                (D, "Päivämäärä: \t"),
                (F, "Lähettäjä: \t"),
                (T, "Vastaanottaja: \t"),
            ],
            None,
            _rfcd,
            "std",
        ),
        "uk": (
            "-------- Переслане повідомлення --------",
            [(S, "Тема: \t"), (D, "Дата: \t"), (F, "Від: \t"), (T, "Кому: \t")],
            None,
            _rfcd,
            "std",
        ),
        "el": (
            "-------- Προωθημένο μήνυμα --------",
            [(S, "Θέμα: \t"), (D, "Ημερομηνία: \t"), (F, "Από: \t"), (T, "Προς: \t")],
            None,
            _rfcd,
            "std",
        ),
        "tr": (
            "-------- İletilmiş İleti --------",
            [(S, "Konu: \t"), (D, "Tarih: \t"), (F, "Kimden: \t"), (T, "Kime: \t")],
            None,
            _rfcd,
            "std",
        ),
        "ja": (
            "-------- 転送メッセージ --------",
            [(S, "件名: \t"), (D, "日付: \t"), (F, "差出人: \t"), (T, "宛先: \t")],
            None,
            _rfcd,
            "std",
        ),
        "zh-CN": (
            "-------- 转发的消息 --------",
            [(S, "主题: \t"), (D, "日期: \t"), (F, "发件人: \t"), (T, "收件人: \t")],
            None,
            _rfcd,
            "std",
        ),
        "en": (
            "-------- Forwarded Message --------",
            [
                (S, "Subject: \t"),
                (D, "Date: \t"),
                (F, "From: \t"),
                (RT, "Reply-To: \t"),
                (T, "To: \t"),
            ],
            None,
            _rfcd,
            "std",
        ),
        "he": (
            "-------- הודעה שהועברה --------",
            [(S, "נושא: \t"), (D, "תאריך: \t"), (F, "מאת: \t"), (T, "אל: \t")],
            None,
            _rfcd,
            "std",
        ),
    },
    "outlook_desktop": {
        "zh-CN": (
            "-----邮件原件-----",
            [(F, "发件人: "), (D, "发送时间: "), (T, "收件人: "), (C, "抄送: "), (S, "主题: ")],
            None,
            _outlook,
            "std",
        ),
        "zh-TW": (
            "-----原始郵件-----",
            [(F, "寄件者: "), (D, "寄件日期: "), (T, "收件者: "), (S, "主旨: ")],
            None,
            _outlook,
            "std",
        ),
        "ko": (
            "-----Original Message-----",
            [(F, "보낸 사람: "), (D, "보낸 날짜: "), (T, "받는 사람: "), (S, "제목: ")],
            None,
            _outlook,
            "std",
        ),
        "ar": (
            "________________________________",
            [(F, "من: "), (D, "تم الإرسال: "), (T, "إلى: "), (S, "الموضوع: ")],
            None,
            _outlook,
            "std",
        ),
        "he": (
            "________________________________",
            [(F, "מאת: "), (D, "נשלח: "), (T, "אל: "), (S, "נושא: ")],
            None,
            _outlook,
            "std",
        ),
        "th": (
            "________________________________",
            [(F, "จาก: "), (D, "ส่ง: "), (T, "ถึง: "), (S, "เรื่อง: ")],
            None,
            _outlook,
            "std",
        ),
        "vi": (
            "________________________________",
            [(F, "Từ: "), (D, "Đã gửi: "), (T, "Đến: "), (S, "Chủ đề: ")],
            None,
            _outlook,
            "std",
        ),
        "id": (
            "-----Original Message-----",
            [(F, "Dari: "), (D, "Dikirim: "), (T, "Kepada: "), (S, "Subjek: ")],
            None,
            _outlook,
            "std",
        ),
        "hi": (
            "________________________________",
            [(F, "प्रेषक: "), (D, "भेजा गया: "), (T, "प्रति: "), (S, "विषय: ")],
            None,
            _outlook,
            "std",
        ),
        "uk": (
            "-----Original Message-----",
            [(F, "Від: "), (D, "Надіслано: "), (T, "Кому: "), (S, "Тема: ")],
            None,
            _outlook,
            "std",
        ),
        "ms": (
            "-----Original Message-----",
            [(F, "Daripada: "), (D, "Dihantar: "), (T, "Kepada: "), (S, "Subjek: ")],
            None,
            _outlook,
            "std",
        ),
        "bg": (
            "-----Original Message-----",
            [(F, "От: "), (D, "Изпратено: "), (T, "До: "), (S, "Тема: ")],
            None,
            _outlook,
            "std",
        ),
        "hr": (
            "________________________________",
            [(F, "Šalje: "), (D, "Poslano: "), (T, "Prima: "), (S, "Predmet: ")],
            None,
            _outlook,
            "std",
        ),
        "sl": (
            "-----Original Message-----",
            [(F, "Od: "), (D, "Poslano: "), (T, "Za: "), (S, "Zadeva: ")],
            None,
            _outlook,
            "std",
        ),
        "lt": (
            "-----Original Message-----",
            [(F, "Nuo: "), (D, "Išsiųsta: "), (T, "Kam: "), (S, "Tema: ")],
            None,
            _outlook,
            "std",
        ),
        "lv": (
            "-----Original Message-----",
            [(F, "No: "), (D, "Nosūtīts: "), (T, "Kam: "), (S, "Tēma: ")],
            None,
            _outlook,
            "std",
        ),
        "et": (
            "-----Original Message-----",
            [(F, "Saatja: "), (D, "Saadetud: "), (T, "Adressaat: "), (S, "Teema: ")],
            None,
            _outlook,
            "std",
        ),
        "en": (
            "________________________________",
            [(F, "From: "), (D, "Sent: "), (T, "To: "), (C, "Cc: "), (S, "Subject: ")],
            None,
            _outlook,
            "std",
        ),
        "de": (
            "________________________________",
            [(F, "Von: "), (D, "Gesendet: "), (T, "An: "), (C, "Cc: "), (S, "Betreff: ")],
            None,
            _outlook,
            "std",
        ),
        "fr": (
            "________________________________",
            [(F, "De : "), (D, "Envoyé : "), (T, "À : "), (C, "Cc : "), (S, "Objet : ")],
            None,
            _outlook,
            "std",
        ),
        "es": (
            "________________________________",
            [(F, "De: "), (D, "Enviado: "), (T, "Para: "), (C, "CC: "), (S, "Asunto: ")],
            None,
            _outlook,
            "std",
        ),
    },
    "gmail_web": {
        "zh-CN": (
            "---------- 转发的邮件 ---------",
            [(F, "发件人： "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "zh-TW": (
            "---------- 轉寄的郵件 ---------",
            [(F, "寄件者： "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "ko": (
            "---------- 전달된 메일 ---------",
            [(F, "보낸사람: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "vi": (
            "---------- Forwarded message ---------",
            [(F, "Từ: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "id": (
            "---------- Pesan terusan ---------",
            [(F, "Dari: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "th": (
            "---------- ข้อความที่ส่งต่อ ---------",
            [(F, "จาก: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "he": (
            "---------- הודעה שהועברה ---------",
            [(F, "מאת: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "ar": (
            "---------- الرسالة المُعاد توجيهها ---------",
            [(F, "من: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "hi": (
            "---------- अग्रेषित संदेश ---------",
            [(F, "प्रेषक: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "uk": (
            "---------- Пересланий лист ---------",
            [(F, "Від: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "ru": (
            "---------- Пересылаемое сообщение ---------",
            [(F, "От: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "bg": (
            "---------- Препратено съобщение ---------",
            [(F, "От: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "sk": (
            "---------- Preposlaná správa ---------",
            [(F, "Od: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "sl": (
            "---------- Posredovano sporočilo ---------",
            [(F, "Od: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "hr": (
            "---------- Proslijeđena poruka ---------",
            [(F, "Od: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "lt": (
            "---------- Persiųstas laiškas ---------",
            [(F, "Nuo: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "lv": (
            "---------- Pārsūtīts ziņojums ---------",
            [(F, "No: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "et": (
            "---------- Edastatud kiri ---------",
            [(F, "Saatja: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "ms": (
            "---------- Mesej dimajukan ---------",
            [(F, "Daripada: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "ca": (
            "---------- Missatge reenviat ---------",
            [(F, "De: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
        "en": (
            "---------- Forwarded message ---------",
            [(F, "From: "), (D, "Date: "), (S, "Subject: "), (T, "To: ")],
            None,
            _gmail,
            "std",
        ),
    },
    "mail_ru": {
        "ru": (
            "-------- Пересылаемое сообщение --------",
            [(F, "От кого: "), (T, "Кому: "), (D, "Дата: "), (S, "Тема: ")],
            "-------- Конец пересылаемого сообщения --------",
            lambda d, l: (
                f"{wd(d, 'ru').capitalize()}, {d.day} {mon(d, 'ru')} {d.year}, {hm(d)} +03:00"
            ),
            "std",
        ),
    },
    "naver": {
        "ko": (
            "-----Original Message-----",
            [(F, "From: "), (T, "To: "), (C, "Cc: "), (D, "Sent: "), (S, "Subject: ")],
            None,
            lambda d, l: (
                f"{d.year}-{d.month:02d}-{d.day:02d} ({'월화수목금토일'[d.weekday()]}) {hm(d)}:{d.second:02d}"
            ),
            "naver",
        ),
    },
    "qq_mail": {
        "zh-CN": (
            "------------------ 原始邮件 ------------------",
            [(F, "发件人: "), (D, "发送时间: "), (T, "收件人: "), (S, "主题: ")],
            None,
            lambda d, l: (
                f"{d.year}年{d.month}月{d.day}日({wd(d, 'zh-CN')}) {'上午' if d.hour < 12 else '下午'}{hm(d)}"
            ),
            "qq",
        ),
    },
    "mail_163": {
        "zh-CN": (
            "-------- 转发邮件信息 --------",
            [(F, "发件人："), (D, "发送日期："), (T, "收件人："), (S, "主题：")],
            None,
            lambda d, l: f"{d.year}-{d.month:02d}-{d.day:02d} {hm(d)}:{d.second:02d}",
            "quoted",
        ),
    },
    "seznam": {
        "cs": (
            "---------- Původní e-mail ----------",
            [(F, "Od: "), (T, "Komu: "), (D, "Datum: "), (S, "Předmět: ")],
            None,
            lambda d, l: f"{d.day}. {d.month}. {d.year} {hm(d)}:{d.second:02d}",
            "std",
        ),
    },
    "onet": {
        "pl": (
            "----- Wiadomość przekazana -----",
            [(F, "Od: "), (T, "Do: "), (D, "Wysłane: "), (S, "Temat: ")],
            None,
            lambda d, l: f"{d.day:02d}.{d.month:02d}.{d.year} {hm(d)}",
            "quoted",
        ),
    },
    "wp_pl": {
        "pl": (
            "---------- Oryginalna wiadomość ----------",
            [(F, "Od: "), (T, "Do: "), (D, "Data: "), (S, "Temat: ")],
            None,
            lambda d, l: f"{wd(d, 'pl')}, {d.day} {mon(d, 'pl')} {d.year} {hm(d)}",
            "quoted",
        ),
    },
    "libero": {
        "it": (
            "----Messaggio originale----",
            [(F, "Da: "), (D, "Data: "), (T, "A: "), (S, "Ogg: ")],
            None,
            lambda d, l: f"{d.day}-{mon(d, 'it')[:3]}-{d.year} {d.hour}.{d.minute:02d}",
            "bare",
        ),
    },
    "webde": {
        "de": (
            "",
            [(D, "Gesendet: "), (F, "Von: "), (T, "An: "), (S, "Betreff: ")],
            None,
            lambda d, l: f"{wd(d, 'de')}, {d.day:02d}. {mon(d, 'de')} {d.year} um {hm(d)} Uhr",
            "quoted",
        ),
    },
    "icloud_web": {
        "en": (
            "Begin forwarded message:\n",
            [(F, "From: "), (D, "Date: "), (T, "To: "), (S, "Subject: ")],
            None,
            lambda d, l: f"{mon(d, 'en')} {d.day}, {d.year} at {d.strftime('%-I:%M %p')}",
            "std",
        ),
        "fr": (
            "Début du message réexpédié :\n",
            [(F, "De: "), (D, "Date: "), (T, "À: "), (S, "Objet: ")],
            None,
            lambda d, l: f"{d.day} {mon(d, 'fr')} {d.year} à {hm(d)}",
            "std",
        ),
        "ja": (
            "転送されたメッセージ:\n",
            [(F, "差出人: "), (D, "日付: "), (T, "宛先: "), (S, "件名: ")],
            None,
            lambda d, l: f"{d.year}年{d.month}月{d.day}日 {hm(d)}",
            "std",
        ),
    },
}

PREFIX = {
    "gmail_web": "Fwd:",
    "superhuman": "Fwd:",
    "proton_mail": "Fwd:",
    "fastmail": "Fwd:",
    "hey": "Fwd:",
    "icloud_web": "Fwd:",
    "airmail": "Fwd:",
    "spark": "Fwd:",
    "front": "Fwd:",
    "missive": "Fwd:",
    "mailbird": "Fwd:",
    "bluemail": "Fwd:",
    "samsung_email": "Fwd:",
    "zoho_mail": "Fwd:",
    "sogo": "Fwd:",
    "roundcube": "Fwd:",
}
OUTLOOK_PFX = {
    "zh-CN": "转发:",
    "zh-TW": "轉寄:",
    "ko": "전달:",
    "ja": "転送:",
    "de": "WG:",
    "fr": "TR:",
    "es": "RV:",
    "it": "I:",
    "pl": "PD:",
    "sv": "VB:",
    "da": "VS:",
    "nb": "VS:",
    "fi": "VL:",
    "tr": "İLT:",
    "he": "העבר:",
    "ar": "إعادة توجيه:",
    "vi": "FW:",
    "th": "FW:",
    "id": "FW:",
    "hi": "अग्रेषित करें:",
    "uk": "Пересл.:",
    "bg": "FW:",
    "hr": "FW:",
    "sl": "FW:",
    "lt": "FW:",
    "lv": "FW:",
    "et": "VS:",
    "ms": "FW:",
}
OTHER_PFX = {
    ("tuta", "de"): "WG:",
    ("tuta", "en"): "Fwd:",
    ("thunderbird", "de"): "WG:",
    ("thunderbird", "fr"): "Tr :",
    ("thunderbird", "it"): "I:",
    ("thunderbird", "hu"): "Fwd:",
    ("thunderbird", "fi"): "VL:",
    ("thunderbird", "ja"): "Fwd:",
    ("thunderbird", "tr"): "İlt:",
    ("mail_ru", "ru"): "Fwd:",
    ("naver", "ko"): "FW:",
    ("qq_mail", "zh-CN"): "转发：",
    ("mail_163", "zh-CN"): "Fw:",
    ("seznam", "cs"): "Fwd:",
    ("onet", "pl"): "Fwd:",
    ("wp_pl", "pl"): "PD:",
    ("libero", "it"): "I:",
    ("webde", "de"): "Fwd:",
    ("em_client", "cs"): "Fw:",
    ("em_client", "de"): "WG:",
    ("em_client", "sk"): "Fw:",
}

XMAILER = {
    "zoho_mail": [("User-Agent", "Zoho Mail"), ("X-Mailer", "Zoho Mail")],
    "proton_mail": [("X-Pm-Origin", "internal"), ("X-Pm-Content-Encryption", "end-to-end")],
    "fastmail": [
        ("User-Agent", "Cyrus-JMAP/3.11.0-alpha0-1108-g3a29173c6-fm-20241203.001-g3a29173c")
    ],
    "roundcube": [("User-Agent", "Roundcube Webmail/1.6.9")],
    "sogo": [("User-Agent", "SOGoMail 5.11.2")],
    "horde": [("User-Agent", "Horde Application Framework 5")],
    "tuta": [],
    "spark": [("X-Readdle-Message-ID", "b1c2d3e4-f5a6-47b8-9c0d-1e2f3a4b5c6d@Spark")],
    "airmail": [("X-Mailer", "Airmail (609)")],
    "superhuman": [
        ("X-Superhuman-ID", "m4d2k1x9.7a3b"),
        ("X-Superhuman-Draft-ID", "draft00f1a2b3c4d5e6f7"),
    ],
    "front": [("X-Mailer", "Front (1.0; +https://frontapp.com; +msgid=cnv_9kz1x2-msg_1y2z3)")],
    "missive": [("X-Mailer", "Missive Mailer")],
    "hey": [("X-Mailer", "HEY")],
    "samsung_email": [("X-Mailer", "Samsung Email 6.1.97.1")],
    "bluemail": [("User-Agent", "BlueMail 1.140.29")],
    "em_client": [("User-Agent", "eM_Client/10.1.4588.0")],
    "mailbird": [("X-Mailer", "Mailbird/3.0.25.0")],
    "thunderbird": [("User-Agent", "Mozilla Thunderbird 128.5.1")],
    "outlook_desktop": [
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AdtHq5e1cX0bR2m3Tn6uVb8wYz0A1w=="),
    ],
    "gmail_web": [],
    "mail_ru": [("X-Mailer", "Mail.Ru Mailer 1.0")],
    "naver": [("X-Mailer", "NaverMailClient")],
    "qq_mail": [("X-Mailer", "QQMail 2.x"), ("X-QQ-mid", "xmsezb8a1b2c3d4e5f6a7b8")],
    "mail_163": [("X-Mailer", "Coremail Webmail Server Version XT5.0.14")],
    "seznam": [("X-Mailer", "Email.cz")],
    "onet": [("X-Mailer", "Poczta Onet")],
    "wp_pl": [("X-Mailer", "Poczta WP")],
    "libero": [("X-Mailer", "Libero Mail")],
    "webde": [("X-UI-Message-Type", "mail"), ("X-Priority", "3")],
    "icloud_web": [("X-Mailer", "iCloud MailClient2412Build7 MailServer14.6.0")],
    "yandex": [("X-Mailer", "Yamail [ http://yandex.ru ] 5.0")],
    "lotus_notes": [("X-Mailer", "HCL Notes Release 12.0.2 November 03, 2022")],
    "groupwise": [("X-Mailer", "GroupWise Internet Agent 18.5.0")],
    "horde_de": [],
}


def orig_values(
    lang: str, cust: tuple[str, str], to: tuple[str, str], d, subj: str, cc=None, rt=None
) -> dict:
    return {"from": cust, "to": to, "date": d, "subject": subj, "cc": cc, "replyto": rt}


def render(client: str, lang: str, o: dict, astyle: str | None = None) -> str:
    top, fields, end, dfn, style = L[client][lang]
    style = astyle or style
    lines = [top] if top else []
    for f, lab in fields:
        if f == F:
            v = a(*o["from"], style) if style != "naver" else f'"{o["from"][0]}"<{o["from"][1]}>'
        elif f == T:
            v = a(*o["to"], style) if style != "naver" else f"<{o['to'][1]}>;"
        elif f == C:
            if not o["cc"]:
                if client == "naver":
                    v = ""
                else:
                    continue
            else:
                v = a(*o["cc"], style)
        elif f == D:
            v = dfn(o["date"], lang)
        elif f == RT:
            if not o["replyto"]:
                continue
            v = a(*o["replyto"], "std")
        else:
            v = o["subject"]
        line = f"{lab}{v}".rstrip(" ") if not (lab.endswith(" ") and v == "") else lab.rstrip()
        if client == "samsung_email":
            line += " "  # Samsung Email ends every header line of the block with a space
        lines.append(line)
    return "\n".join(lines)


class Fwd:
    def __init__(self, corpus):
        self.c = corpus

    def emit(
        self,
        client: str,
        lang: str,
        text: str,
        subject: str,
        sender,
        lead: str,
        *,
        html: str | None = None,
        charset: str | None = None,
        cte: str = "qp",
        crlf: bool | None = None,
        case: str | None = None,
        extra_parts=None,
        to=None,
        cc=None,
        n=None,
        headers_extra=None,
        no_mid: bool = False,
        referrer: str | None = "sender",
        ignored: bool = False,
    ) -> None:
        n = n or self.c.next()
        charset = charset or CHARSET.get(lang, "utf-8")
        d = when(n, lang)
        crlf = (n % 3 == 0) if crlf is None else crlf
        hs = [
            ("Return-Path", f"<{sender[1]}>"),
            received("mail.example.com", "mx.example.com", d, n),
        ]
        hs += [("From", addr(*sender)), ("To", to or addr("Example Sales", ALIAS))]
        if cc:
            hs.append(("Cc", cc))
        hs += [
            ("Subject", hval(subject, charset if charset not in ("tis-620",) else "utf-8")),
            ("Date", rfc(d)),
        ]
        if not no_mid:
            hs.append(("Message-ID", mid(n, "example.com", n % 4)))
        hs += XMAILER.get(client, []) + (headers_extra or [])
        if html is not None and cte in ("7bit", "8bit"):
            html = html.replace("><", ">\n<")  # keep lines under 998 octets (RFC 5322 2.1.1)
        if html is not None and text is None:
            body = leaf(html, "text/html", charset, cte)
        elif html is not None:
            body = multi(
                "alternative",
                [
                    leaf(text, "text/plain", charset, cte),
                    leaf(html, "text/html", charset, "base64" if cte == "qp" else cte),
                ],
                n=n,
            )
        else:
            body = leaf(
                text,
                "text/plain",
                charset,
                cte,
                params="; format=flowed"
                if n % 5 == 0 and cte != "base64" and " \n" not in text
                else "",
            )
        if extra_parts:
            body = multi("mixed", [body] + extra_parts, n=n + 1000)
        raw = message(hs, body, crlf)
        ref = sender[1] if referrer == "sender" else referrer
        self.c.add(
            "forward",
            client,
            lang,
            raw,
            n,
            lead=None if ignored else lead,
            referrer=None if ignored else ref,
            case=case,
            ignored=ignored,
        )

    def standard(
        self,
        client: str,
        lang: str,
        *,
        note_lang: str | None = None,
        case: str | None = None,
        cust=None,
        quote: bool = False,
        end_note: bool = False,
        astyle: str | None = None,
        cte: str | None = None,
        charset: str | None = None,
        sig_before: bool = False,
    ) -> None:
        n = self.c.next()
        col = colleague(n)
        cust = cust or person(lang)
        subj, body = ask(lang, first_name(cust[0], lang))
        d0 = when(n, lang, minutes_back=180)
        o = orig_values(lang, cust, col, d0, subj)
        block = render(client, lang, o, astyle)
        end = L[client][lang][2]
        orig_body = (
            body if not quote else "\n".join("> " + ln if ln else ">" for ln in body.split("\n"))
        )
        top = note(note_lang or lang, n)
        sig = (
            f"\n\n--\n{col[0]}\nAccount Executive | Example\n+1 555 0100 {n:03d}"
            if sig_before
            else f"\n\n{col[0].split()[0]}"
        )
        text = f"{top}{sig}\n\n{block}\n\n{orig_body}\n" + (f"\n{end}\n" if end else "")
        pfx = (
            PREFIX.get(client)
            or OTHER_PFX.get((client, lang))
            or (OUTLOOK_PFX.get(lang, "FW:") if client == "outlook_desktop" else "Fwd:")
        )
        sep = "" if pfx.endswith("：") else " "
        self.emit(
            client,
            lang,
            text,
            f"{pfx}{sep}{subj}",
            col,
            cust[1],
            case=case,
            n=n,
            no_mid=n % 31 == 0,
            cte=cte or ("8bit" if n % 4 == 1 else "qp"),
            charset=charset,
        )


def build(c) -> None:
    f = Fwd(c)
    plan = [
        ("zoho_mail", ["en", "de", "fr", "es", "hi"]),
        ("proton_mail", ["en", "de", "fr", "nl", "sv"]),
        ("fastmail", ["en", "da", "nb"]),
        ("roundcube", ["de", "fr", "es", "it", "pl", "cs", "ru", "pt"]),
        ("sogo", ["en", "fr", "de"]),
        ("tuta", ["en", "de"]),
        ("spark", ["en", "de", "it"]),
        ("airmail", ["en", "fr"]),
        ("superhuman", ["en"]),
        ("front", ["en", "es"]),
        ("missive", ["en", "fr"]),
        ("hey", ["en"]),
        ("samsung_email", ["en", "de", "ko", "es", "ar"]),
        ("bluemail", ["en", "ro"]),
        ("em_client", ["en", "cs", "de", "sk"]),
        ("mailbird", ["en", "pt"]),
        ("thunderbird", ["de", "fr", "it", "hu", "fi", "uk", "el", "tr", "ja", "zh-CN", "he"]),
        (
            "outlook_desktop",
            [
                "zh-CN",
                "zh-TW",
                "ko",
                "ar",
                "he",
                "th",
                "vi",
                "id",
                "hi",
                "uk",
                "ms",
                "bg",
                "hr",
                "sl",
                "lt",
                "lv",
                "et",
            ],
        ),
        (
            "gmail_web",
            [
                "zh-CN",
                "zh-TW",
                "ko",
                "vi",
                "id",
                "th",
                "he",
                "ar",
                "hi",
                "uk",
                "ru",
                "bg",
                "sk",
                "sl",
                "hr",
                "lt",
                "lv",
                "et",
                "ms",
                "ca",
            ],
        ),
        ("mail_ru", ["ru"]),
        ("naver", ["ko"]),
        ("qq_mail", ["zh-CN"]),
        ("mail_163", ["zh-CN"]),
        ("seznam", ["cs"]),
        ("onet", ["pl"]),
        ("wp_pl", ["pl"]),
        ("libero", ["it"]),
        ("webde", ["de"]),
        ("icloud_web", ["en", "fr", "ja"]),
    ]
    k = 0
    for client, langs in plan:
        for lang in langs:
            k += 1
            kw = {}
            if client in ("fastmail", "mail_163", "icloud_web") and k % 2 == 0:
                kw["quote"] = True
            if k % 7 == 0:
                kw["sig_before"] = True
            if lang in ("ar", "he", "hi", "th", "vi") and k % 2:
                kw["note_lang"] = "en"
            if client == "libero":
                kw["case"] = "Libero prints only the bare address after 'Da:'"
            if client == "webde":
                kw["case"] = "web.de/GMX block starts with 'Gesendet:' and has no separator line"
            if client in ("samsung_email",):
                kw["case"] = "Samsung Email: trailing spaces after each header value"
            f.standard(client, lang, **kw)
    from tests.data.mail.gen.h5_fwd_special import rtl_and_cjk_html, specials

    specials(f, c)
    rtl_and_cjk_html(f, c)
