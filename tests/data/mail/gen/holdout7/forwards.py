"""Forwarded-mail builders for holdout7 (invented people; formats modelled on public client fixtures)."""

import base64, html
from data import LANG, COLLEAGUES, NOTE
from mime import *

DATEL = {
    "en": "Date",
    "de": "Datum",
    "fr": "Date",
    "pl": "Data",
    "cs": "Datum",
    "sk": "Dátum",
    "hu": "Dátum",
    "ro": "Dată",
    "bg": "Дата",
    "hr": "Datum",
    "sl": "Datum",
    "el": "Ημερομηνία",
    "fi": "Päiväys",
    "sv": "Datum",
    "da": "Dato",
    "no": "Dato",
    "et": "Kuupäev",
    "lv": "Datums",
    "lt": "Data",
    "tr": "Tarih",
    "ru": "Дата",
    "uk": "Дата",
    "ja": "日付",
    "zh": "日期",
    "ko": "날짜",
    "he": "תאריך",
    "ar": "التاريخ",
    "hi": "दिनांक",
    "vi": "Ngày",
    "th": "วันที่",
    "id": "Tanggal",
    "es": "Fecha",
    "it": "Data",
    "nl": "Datum",
    "pt": "Data",
}
TB_MARK = {
    "en": "Forwarded Message",
    "de": "Weitergeleitete Nachricht",
    "fr": "Message transféré",
    "pl": "Treść przekazanej wiadomości",
    "cs": "Přeposlaná zpráva",
    "sk": "Preposlaná správa",
    "hu": "Továbbított üzenet",
    "ro": "Mesajul original",
    "bg": "Оригинално писмо",
    "hr": "Proslijeđena poruka",
    "sl": "Posredovano sporočilo",
    "fi": "Välitetty viesti",
    "sv": "Vidarebefordrat meddelande",
    "da": "Videresendt meddelelse",
    "no": "Videresendt melding",
    "et": "Edastatud kiri",
    "lt": "Persiųstas laiškas",
    "tr": "İletilmiş İleti",
    "ru": "Перенаправленное сообщение",
    "ko": "전달된 메시지",
    "zh": "转发的消息",
    "nl": "Doorgestuurd bericht",
    "it": "Messaggio Inoltrato",
    "es": "Mensaje reenviado",
    "pt": "Mensagem encaminhada",
}
APPLE_MARK = {
    "en": "Begin forwarded message:",
    "de": "Anfang der weitergeleiteten Nachricht:",
    "fr": "Début du message réexpédié :",
    "sv": "Vidarebefordrat brev:",
    "pl": "Początek przekazywanej wiadomości:",
    "ja": "転送されたメッセージ:",
    "ru": "Начало переадресованного сообщения:",
    "fi": "Välitetty viesti alkaa:",
    "da": "Start på videresendt besked:",
    "no": "Videresendt melding:",
    "cs": "Začátek přeposílané zprávy:",
    "hu": "Továbbított levél kezdete:",
    "tr": "İletilen ileti başlangıcı:",
    "ko": "전달된 메일:",
    "zh": "以下为转发的邮件：",
    "uk": "Початок пересланого листа:",
    "el": "Έναρξη προωθημένου μηνύματος:",
    "he": "תחילת הודעה שהועברה:",
    "it": "Inizio messaggio inoltrato:",
    "es": "Inicio del mensaje reenviado:",
    "nl": "Begin doorgestuurd bericht:",
    "pt": "Início da mensagem reencaminhada:",
}
ORIG_MARK = {
    "en": "-----Original Message-----",
    "de": "-----Ursprüngliche Nachricht-----",
    "fr": "-----Message d'origine-----",
    "pl": "-----Wiadomość oryginalna-----",
    "cs": "-----Původní zpráva-----",
    "sk": "-----Pôvodná správa-----",
    "hu": "-----Eredeti üzenet-----",
    "ru": "-----Исходное сообщение-----",
    "uk": "-----Оригінальне повідомлення-----",
    "fi": "-----Alkuperäinen viesti-----",
    "sv": "-----Ursprungligt meddelande-----",
    "da": "-----Oprindelig meddelelse-----",
    "no": "-----Opprinnelig melding-----",
    "tr": "-----Özgün İleti-----",
    "ro": "-----Mesaj original-----",
    "bg": "-----Original Message-----",
    "hr": "-----Izvorna poruka-----",
    "sl": "-----Izvirno sporočilo-----",
    "el": "-----Αρχικό μήνυμα-----",
    "ja": "-----Original Message-----",
    "es": "-----Mensaje original-----",
    "it": "-----Messaggio originale-----",
    "nl": "-----Oorspronkelijk bericht-----",
    "pt": "-----Mensagem original-----",
}
HUMAN_DATE = {
    "en": "Monday, November 30, 2026 9:41 AM",
    "de": "Montag, 30. November 2026 09:41",
    "fr": "lundi 30 novembre 2026 09:41",
    "pl": "poniedziałek, 30 listopada 2026 09:41",
    "cs": "pondělí 30. listopadu 2026 9:41",
    "sk": "pondelok 30. novembra 2026 9:41",
    "hu": "2026. november 30., hétfő 9:41",
    "ro": "luni, 30 noiembrie 2026 09:41",
    "bg": "понеделник, 30 ноември 2026 г. 9:41",
    "hr": "ponedjeljak, 30. studenoga 2026. 9:41",
    "sl": "ponedeljek, 30. november 2026 9:41",
    "el": "Δευτέρα, 30 Νοεμβρίου 2026 9:41 π.μ.",
    "fi": "maanantai 30. marraskuuta 2026 9.41",
    "sv": "den 30 november 2026 09:41",
    "da": "30. november 2026 09:41",
    "no": "mandag 30. november 2026 09:41",
    "et": "esmaspäev, 30. november 2026 9:41",
    "lv": "pirmdiena, 2026. gada 30. novembris 9:41",
    "lt": "2026 m. lapkričio 30 d., pirmadienis 9:41",
    "tr": "30 Kasım 2026 Pazartesi 09:41",
    "ru": "понедельник, 30 ноября 2026 г. 9:41",
    "uk": "понеділок, 30 листопада 2026 р. 9:41",
    "ja": "2026年11月30日 月曜日 9:41",
    "zh": "2026年11月30日 星期一 9:41",
    "ko": "2026년 11월 30일 월요일 오전 9:41",
    "he": "יום שני 30 נובמבר 2026 09:41",
    "ar": "الاثنين، 30 نوفمبر 2026 9:41 ص",
    "hi": "सोमवार, 30 नवंबर 2026 9:41 पूर्वाह्न",
    "vi": "Thứ Hai, ngày 30 tháng 11 năm 2026 9:41 SA",
    "th": "วันจันทร์ที่ 30 พฤศจิกายน 2026 9:41",
    "id": "Senin, 30 November 2026 09.41",
    "es": "lunes, 30 de noviembre de 2026 9:41",
    "it": "lunedì 30 novembre 2026 09:41",
    "nl": "maandag 30 november 2026 09:41",
    "pt": "segunda-feira, 30 de novembro de 2026 09:41",
}

FREEMAIL = {
    "de": "web.de",
    "pl": "wp.pl",
    "cs": "seznam.cz",
    "ru": "yandex.ru",
    "ko": "naver.com",
    "zh": "qq.com",
    "hu": "freemail.hu",
    "bg": "abv.bg",
    "uk": "ukr.net",
    "it": "libero.it",
    "fr": "orange.fr",
    "ja": "yahoo.co.jp",
    "en": "gmail.com",
    "tr": "hotmail.com.tr",
    "sk": "azet.sk",
    "hi": "rediffmail.com",
    "et": "hot.ee",
    "lt": "inbox.lt",
    "lv": "inbox.lv",
    "fi": "luukku.com",
    "ro": "yahoo.ro",
    "es": "outlook.es",
    "nl": "ziggo.nl",
    "pt": "sapo.pt",
    "vi": "yahoo.com.vn",
    "id": "yahoo.co.id",
    "el": "otenet.gr",
    "sv": "telia.com",
}
STEMS = [
    "amberline",
    "kestrelworks",
    "fernhollow",
    "quarzwerk",
    "bluemoss",
    "stillwater",
    "ironbark",
    "copperleaf",
    "northgate",
    "windrose",
    "silverfir",
    "oakridge",
    "saltmarsh",
    "larchfield",
    "heronsgate",
    "brightwell",
]
_uses = {}


def customer(lang, free=False):
    """Return (name, email) for the k-th use of a language's invented customer, varying the company."""
    name, email = LANG[lang][0], LANG[lang][1]
    k = _uses.get(lang, 0)
    _uses[lang] = k + 1
    local, dom = email.split("@")
    if free and lang in FREEMAIL:
        return name, "%s%d@%s" % (local.replace(".", "_"), 70 + k, FREEMAIL[lang])
    if k == 0:
        return name, email
    tld = dom.split(".", 1)[1] if dom.count(".") >= 1 else "com"
    stem = STEMS[(k * 5 + len(lang)) % len(STEMS)]
    return name, "%s@%s-%s.%s" % (local, stem, lang, tld)


def fmt_from(name, email, style):
    if style == "nodisplay":
        return email
    if style == "angle":
        return "<%s>" % email
    if style == "emaildisplay":
        return '"%s" <%s>' % (email, email)
    if style == "lastfirst":
        parts = name.split()
        return '"%s, %s" <%s>' % (parts[-1], " ".join(parts[:-1]), email)
    if style == "encword":
        return "=?utf-8?B?%s?= <%s>" % (base64.b64encode(name.encode()).decode(), email)
    if style == "mailto":
        return "%s [mailto:%s]" % (name, email)
    if style == "mailto2":
        return "%s <mailto:%s>" % (name, email)
    return "%s <%s>" % (name, email)


def block(client, L, frm, subj, to, cname, cemail, colleague):
    """The forwarded header block as text lines, labels in language L."""
    lab = LANG[L][4]
    Fr, Se, To, Cc, Su = lab
    Da = DATEL[L]
    hd = HUMAN_DATE[L]
    rfc = "Mon, 30 Nov 2026 09:41:17 +0100"
    if client in ("gmail", "android_gmail", "mailbird", "superhuman", "spark"):
        m = (
            "---------- Forwarded message ---------"
            if client != "mailbird"
            else "---------- Forwarded message ----------"
        )
        return [
            m,
            "%s: %s" % (Fr if L != "en" else "From", frm),
            "Date: %s" % hd,
            "Subject: %s" % subj,
            "To: %s" % to,
        ]
    if client in ("apple_mail", "hey", "airmail", "apple_ios"):
        return [
            APPLE_MARK.get(L, APPLE_MARK["en"]),
            "",
            "%s: %s" % (Fr, frm),
            "%s: %s" % (Su, subj),
            "%s: %s" % (Da, hd),
            "%s: %s" % (To, to),
        ]
    if client in (
        "outlook_desktop",
        "outlook_web",
        "outlook_new",
        "outlook_ios",
        "outlook_android",
    ):
        return [
            "________________________________",
            "%s: %s" % (Fr, frm),
            "%s: %s" % (Se, hd),
            "%s: %s" % (To, to),
            "%s: %s" % (Su, subj),
        ]
    if client in ("outlook_classic", "exchange_owa2010"):
        return [
            ORIG_MARK.get(L, ORIG_MARK["en"]),
            "%s: %s" % (Fr, frm),
            "%s: %s" % (Se, hd),
            "%s: %s" % (To, to),
            "%s: " % Cc,
            "%s: %s" % (Su, subj),
        ]
    if client == "outlook_mac":
        if L == "de":
            return ["Am %s schrieb %s:" % (hd, frm), ""]
        return ["On %s, %s wrote:" % (hd, frm), ""]
    if client == "thunderbird":
        return [
            "-------- %s --------" % TB_MARK.get(L, TB_MARK["en"]),
            "%s: \t%s" % (Su, subj),
            "%s: \t%s" % (Da, hd),
            "%s: \t%s" % (Fr, frm),
            "%s: \t%s" % (To, to),
        ]
    if client == "yahoo":
        return [
            "----- Forwarded Message ----- From: %s To: %s Sent: %s Subject: %s"
            % (frm, to, hd, subj)
        ]
    if client == "yahoo_multi":
        return [
            "----- Forwarded Message -----",
            "From: %s" % frm,
            "To: %s" % to,
            "Sent: %s" % hd,
            "Subject: %s" % subj,
        ]
    if client == "proton_mail":
        return [
            "------- Forwarded Message -------",
            "From: %s" % frm,
            "Date: On Monday, November 30th, 2026 at 9:41 AM",
            "Subject: %s" % subj,
            "To: %s" % to,
        ]
    if client == "fastmail":
        return [
            "----- Original message -----",
            "From: %s" % frm,
            "To: %s" % to,
            "Subject: %s" % subj,
            "Date: %s" % hd,
        ]
    if client == "mail_ru":
        return [
            "-------- Пересылаемое сообщение --------",
            "От кого: %s" % frm,
            "Кому: %s" % to,
            "Дата: Понедельник, 30 ноября 2026, 9:41 +03:00",
            "Тема: %s" % subj,
        ]
    if client == "yandex":
        return [
            "-------- Начало переадресованного сообщения --------",
            '30.11.2026, 09:41, "%s" <%s>:' % (cname, cemail),
        ]
    if client == "seznam":
        return [
            "---------- Původní e-mail ----------",
            "Od: %s" % frm,
            "Komu: %s" % to,
            "Datum: 30. 11. 2026 9:41:17",
            "Předmět: %s" % subj,
        ]
    if client == "naver":
        return [
            "-----Original Message-----",
            "From: %s" % frm,
            "To: %s" % to,
            "Cc: ",
            "Sent: 2026-11-30 (월) 09:41:17",
            "Subject: %s" % subj,
        ]
    if client == "qq_mail":
        return [
            "------------------ 原始邮件 ------------------",
            '发件人: "%s"<%s>;' % (cname, cemail),
            "发送时间: 2026年11月30日(星期一) 上午9:41",
            '收件人: "%s"<%s>;' % colleague,
            "主题: %s" % subj,
        ]
    if client == "netease":
        return [
            "---- 转发邮件信息 ----",
            "发件人：%s" % frm,
            "发送日期：2026年11月30日 09:41",
            "收件人：%s" % to,
            "主题：%s" % subj,
        ]
    if client == "lotus_notes":
        return [
            "----- Forwarded by %s/Sales/EXAMPLE on 30.11.2026 09:55 -----" % colleague[0],
            "",
            "From:\t%s" % frm,
            "To:\t%s" % to,
            "Date:\t30.11.2026 09:41",
            "Subject:\t%s" % subj,
        ]
    if client == "groupwise":
        return [">>> %s 30.11.2026 09:41 >>>" % frm]
    if client == "horde":
        return [
            "----- Weitergeleitete Nachricht von %s -----" % cemail
            if L == "de"
            else "----- Forwarded message from %s -----" % cemail,
            "     %s: %s" % (Da, rfc),
            "       %s: %s" % (Fr, frm),
            "%s: %s" % (Su, subj),
            "        %s: %s" % (To, to),
        ]
    if client in ("roundcube", "sogo"):
        m = {
            "de": "Originalnachricht",
            "fr": "Message original",
            "pl": "Oryginalna wiadomość",
            "cs": "Původní zpráva",
        }.get(L, "Original Message")
        return [
            "-------- %s --------" % m,
            "%s: %s" % (Su, subj),
            "%s: %s" % (Da, rfc),
            "%s: %s" % (Fr, frm),
            "%s: %s" % (To, to),
        ]
    if client == "kerio":
        return [
            "---------- Original message ----------",
            "%s: %s" % (Fr, frm),
            "%s: %s" % (To, to),
            "%s: %s" % (Da, hd),
            "%s: %s" % (Su, subj),
        ]
    if client == "em_client":
        return [
            "------ Original Message ------",
            "From: %s" % frm,
            "To: %s" % to,
            "Sent: %s" % hd,
            "Subject: %s" % subj,
        ]
    if client == "zimbra":
        return [
            "----- %s -----"
            % (
                {"de": "Weitergeleitete Nachricht", "fr": "Mail transféré"}.get(
                    L, "Forwarded Message"
                )
            ),
            "%s: %s" % (Fr, frm),
            "%s: %s" % (To, to),
            "%s: %s" % (Se, hd),
            "%s: %s" % (Su, subj),
        ]
    if client == "samsung_email":
        m = {
            "de": "-------- Ursprüngliche Nachricht --------",
            "ko": "-------- 원본 메시지 --------",
        }.get(L, "-------- Original message --------")
        return [
            m,
            "%s: %s " % (Fr, frm),
            "%s: 30.11.26 09:41 (GMT+01:00) " % Da,
            "%s: %s " % (To, to),
            "%s: %s " % (Su, subj),
        ]
    if client == "gmx":
        return [
            "Gesendet: Montag, 30. November 2026 um 09:41 Uhr",
            "Von: %s" % frm,
            "An: %s" % to,
            "Betreff: %s" % subj,
        ]
    raise ValueError(client)


MOBILE = {
    "apple_ios": "Sent from my iPhone",
    "outlook_ios": "Get Outlook for iOS",
    "outlook_android": "Get Outlook for Android",
    "samsung_email": "Sent from my Galaxy",
    "android_gmail": "Sent from my Pixel",
    "hey": "Sent from HEY on my iPad",
}
SUBJ_PREFIX = {
    "gmail": "Fwd",
    "android_gmail": "Fwd",
    "apple_mail": "Fwd",
    "apple_ios": "Fwd",
    "hey": "Fwd",
    "thunderbird": "Fwd",
    "proton_mail": "Fwd",
    "fastmail": "Fwd",
    "superhuman": "Fwd",
    "spark": "Fwd",
    "airmail": "Fwd",
    "mailbird": "Fwd",
    "yahoo": "Fw",
    "yahoo_multi": "Fwd",
    "mail_ru": "Fwd",
    "yandex": "Fwd",
    "roundcube": "Fwd",
    "sogo": "Fwd",
    "kerio": "Fwd",
    "em_client": "Fwd",
    "naver": "FW",
    "qq_mail": "转发",
    "netease": "Fw",
    "lotus_notes": "Fw",
    "groupwise": "Fwd",
    "horde": "Fwd",
    "zimbra": "Fwd",
    "samsung_email": "Fwd",
    "gmx": "WG",
    "seznam": "Fwd",
}
XMAILER = {
    "gmail": None,
    "apple_mail": "Apple Mail (2.3826.300.87.4.3)",
    "apple_ios": "iPhone Mail (22B91)",
    "thunderbird": None,
    "outlook_desktop": "Microsoft Outlook 16.0",
    "outlook_classic": "Microsoft Office Outlook 12.0",
    "lotus_notes": "Lotus Notes Release 9.0.1FP10 January 20, 2020",
    "groupwise": "GroupWise Internet Agent 18.4.1",
    "em_client": "eM_Client/10.1.4588.0",
    "mailbird": "Mailbird/3.0.12.0",
    "kerio": "Kerio Connect 10.0.3",
    "netease": "Coremail Webmail Server Version XT5.0.14",
    "qq_mail": "QQMail 2.x",
    "zimbra": "Zimbra 10.0.6_GA_4654 (ZimbraWebClient - FF120)",
    "horde": "Horde Application Framework 5",
    "roundcube": None,
    "sogo": None,
    "naver": None,
    "seznam": None,
}
UA = {
    "thunderbird": "Mozilla Thunderbird",
    "roundcube": "Roundcube Webmail/1.6.5",
    "sogo": "SOGoMail 5.9.1",
    "horde": "Internet Messaging Program (IMP) H5 (6.2.27)",
    "hey": None,
    "fastmail": "Cyrus-JMAP/3.11.0",
    "proton_mail": None,
}


def build_forward(n, client, L, cust_lang=None, opts=(), colleague=None, cust=None):
    """Return (bytes, lead, referrer)."""
    opts = set(opts)
    CL = cust_lang or L
    cname, cemail = cust or customer(CL, free="free" in opts)
    colleague = colleague or COLLEAGUES[n % len(COLLEAGUES)]
    subj0 = LANG[CL][2]
    style = next((o[5:] for o in opts if o.startswith("from:")), "plain")
    frm = fmt_from(cname, cemail, style)
    to = (
        "%s <%s>" % colleague
        if client not in ("outlook_desktop", "outlook_web", "outlook_new", "outlook_classic")
        else colleague[0]
    )
    lines = block(client, L, frm, subj0, to, cname, cemail, colleague)
    cbody = LANG[CL][3]
    if "quotedreply" in opts:
        # customer quotes an earlier reply from a competitor's rep (Outlook-style) - NOT a forward marker
        cbody += (
            "\n\n________________________________"
            + "\nFrom: Quentin Marlowe <q.marlowe@rivalsoft-crm.com>\nSent: Thursday, November 26, 2026 4:02 PM\nTo: %s <%s>\nSubject: RE: pricing\n\n"
            "Happy to offer you 20%% off if you sign before year end.\n\nQuentin Marlowe | Account Executive | RivalSoft"
            % (cname, cemail)
        )
    if "longthread" in opts:
        cbody += "\n\n" + "\n".join(
            "> " + x
            for x in (
                "On Wed, Nov 25, 2026 at 3:10 PM Priyanka Desai <priyanka.desai@cloudnest-hosting.com> wrote:\n"
                "We can host it in Frankfurt, but you will need your vendor to confirm the SSO setup.\n\n"
                "> On Tue, Nov 24, 2026 at 11:02 AM %s <%s> wrote:\n> Priyanka, could you check hosting options for us?\n>\n"
                ">> From: Bernd Vogelsang <b.vogelsang@treuhand-vogelsang.de>\n>> Sent: Monday, November 23, 2026 8:15 AM\n>> Subject: Budget 2027\n"
                ">> Budget for the new tool is approved, max 30k EUR.\n>>\n"
                ">>> From: Lucía Ferreyra <lucia.ferreyra@andes-partners.com.ar>\n>>> Date: Fri, 20 Nov 2026\n>>> Let us know when you pick a vendor."
                % (cname, cemail)
            ).split("\n")
        )
    parts_txt = []
    note = NOTE[L]
    if "partnernote" in opts:
        note += (
            "\n\nContext: they came through our reseller Nordlicht IT (contact: Hauke Petersen <h.petersen@nordlicht-it.de>),\n"
            "and their consultant Ewa Sikora (ewa.sikora@sikora-consulting.pl) is in copy on the customer side.\n"
            "Please keep the reseller informed; partner desk is partners@nordlicht-it.de."
        )
    sig = (
        "\n\n-- \n%s\nAccount Executive | Example Inc.\n%s | +44 20 7946 0%03d\nwww.example.com"
        % (colleague[0], colleague[1], n)
    )
    if "disclaimer" in opts:
        sig += (
            "\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee.\n"
            "If you received it in error, notify the sender at legal@example.com and delete it."
        )
    if client in MOBILE or "mobile" in opts:
        sig = "\n\n" + MOBILE.get(client, "Sent from my iPhone")
    pre = note + sig
    if "linewrap" in opts:
        # plain-text mail whose long header lines got wrapped at 72 columns
        new = []
        for ln in lines:
            if len(ln) > 40 and ":" in ln[:20] and "<" in ln:
                i = ln.index("<")
                new += [ln[:i].rstrip(), ln[i:]]
            else:
                new.append(ln)
        lines = new
    if "fwdfwd" in opts:
        # inner forward: a reseller / another colleague forwarded the customer mail first
        inner_from = (
            "Hauke Petersen <h.petersen@nordlicht-it.de>"
            if "reseller" in opts
            else "%s <%s>" % COLLEAGUES[(n + 3) % len(COLLEAGUES)]
        )
        inner = [
            "---------- Forwarded message ---------",
            "From: %s" % inner_from,
            "Date: Mon, Nov 30, 2026 at 10:05 AM",
            "Subject: Fwd: %s" % subj0,
            "To: %s <%s>" % colleague,
            "",
            "FYI, see below." if "reseller" in opts else "Can you take this one?",
            "",
        ]
        text = pre + "\n\n" + "\n".join(inner + lines) + "\n\n" + cbody + "\n"
    elif client == "horde":
        text = (
            pre
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + cbody
            + "\n\n----- End forwarded message -----\n"
        )
    elif client == "groupwise":
        text = pre + "\n\n" + "\n".join(lines) + "\n" + cbody + "\n"
    else:
        text = pre + "\n\n" + "\n".join(lines) + "\n\n" + cbody + "\n"
    if client == "outlook_mac":
        text = (
            pre
            + "\n\n"
            + "\n".join(lines)
            + "\n"
            + "\n".join("> " + x for x in cbody.split("\n"))
            + "\n"
        )
    subj = "%s: %s" % (SUBJ_PREFIX.get(client, LANG[L][5]), subj0)
    if "fwdfwd" in opts:
        subj = "%s: Fwd: %s" % (SUBJ_PREFIX.get(client, LANG[L][5]), subj0)
    # ---- build the body entity
    cs = "utf-8"
    cte = "8bit"
    if "legacy" in opts and LANG[CL][6] and LANG[L][6] in (LANG[CL][6], None):
        try:
            text.encode(LANG[CL][6])
            cs = LANG[CL][6]
        except UnicodeEncodeError:
            pass
    if "qp" in opts:
        cte = "quoted-printable"
    if "b64" in opts:
        cte = "base64"
    if "html" in opts or "htmlonly" in opts or "bold" in opts or "related" in opts:
        hb = html_body(pre, lines, cbody, bold="bold" in opts, img="related" in opts)
        hpart = body_part(hb, "html", cs, cte if cte != "8bit" else "quoted-printable")
        if "htmlonly" in opts or "bold" in opts:
            bodyent = hpart
        else:
            ct, b = multipart("alternative", [body_part(text, "plain", cs, cte), hpart])
            bodyent = entity(ct, b)
        if "related" in opts:
            ct, b = multipart(
                "related",
                [
                    bodyent,
                    b64part(
                        'image/png; name="image001.png"',
                        PNG,
                        'inline; filename="image001.png"',
                        "image001.png@01DB4A2E.5C3F1B20",
                    ),
                ],
                '; type="text/html"',
            )
            bodyent = entity(ct, b)
    else:
        bodyent = body_part(
            text,
            "plain",
            cs,
            cte,
            "; format=flowed" if client in ("thunderbird", "apple_mail") else "",
        )
    if "tnef" in opts:
        ct, b = multipart(
            "mixed",
            [
                bodyent,
                b64part(
                    'application/ms-tnef; name="winmail.dat"',
                    b"\x78\x9f\x3e\x22" + rnd(300),
                    'attachment; filename="winmail.dat"',
                ),
            ],
        )
        bodyent = entity(ct, b)
    if "cal" in opts:
        ics = (
            "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
            'ORGANIZER;CN="%s":mailto:%s\r\nATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:%s\r\nDTSTART:20261209T130000Z\r\n'
            "DTEND:20261209T133000Z\r\nSUMMARY:Intro call - %s\r\nUID:%s\r\nDTSTAMP:20261130T084100Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ) % (cname, cemail, colleague[1], subj0, mid("cal%d" % n)[1:-1])
        calp = (
            b'Content-Type: text/calendar; charset="utf-8"; method=REQUEST\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
            + ics.encode()
        )
        ct, b = multipart("mixed", [bodyent, calp])
        bodyent = entity(ct, b)
    if "smime" in opts:
        ct, b = multipart(
            "signed",
            [
                bodyent,
                b64part(
                    'application/pkcs7-signature; name="smime.p7s"',
                    b"\x30\x82\x0b\x4a" + rnd(600),
                    'attachment; filename="smime.p7s"',
                ),
            ],
            '; protocol="application/pkcs7-signature"; micalg=sha-256',
        )
        bodyent = entity(ct, b)
    if "pgp" in opts:
        sigtxt = (
            "-----BEGIN PGP SIGNATURE-----\r\n\r\n"
            + base64.encodebytes(rnd(400)).decode().replace("\n", "\r\n")
            + "=Xq3T\r\n-----END PGP SIGNATURE-----\r\n"
        )
        sp = (
            b'Content-Type: application/pgp-signature; name="OpenPGP_signature.asc"\r\nContent-Description: OpenPGP digital signature\r\nContent-Disposition: attachment; filename="OpenPGP_signature.asc"\r\n\r\n'
            + sigtxt.encode()
        )
        ct, b = multipart(
            "signed", [bodyent, sp], '; micalg=pgp-sha256; protocol="application/pgp-signature"'
        )
        bodyent = entity(ct, b)
    hdrs = [
        ("Return-Path", "<%s>" % colleague[1]),
        (
            "Received",
            "from mail.example.com (mail.example.com [198.51.100.%d])\r\n\tby mx.example.com with ESMTPS id h7%05d\r\n\tfor <sales@example.com>; %s"
            % (10 + n % 200, n, date(n)),
        ),
        ("From", addr(*colleague)),
        ("To", "Sales <sales@example.com>" if n % 3 else "sales@example.com"),
        ("Subject", ew(subj)),
        ("Date", date(n) if n % 11 else None),
        ("Message-ID", mid("fwd%d" % n) if n % 13 else None),
        ("X-Mailer", XMAILER.get(client)),
        ("User-Agent", UA.get(client)),
        ("MIME-Version", "1.0"),
    ]
    if "resent" in opts:
        pass
    return headers(hdrs) + bodyent, cemail, colleague[1]


def html_body(pre, lines, cbody, bold=False, img=False):
    e = lambda s: html.escape(s).replace("\n", "<br>\n")
    hl = []
    for ln in lines:
        if bold and ":" in ln and not ln.startswith("-") and not ln.startswith("_"):
            k, v = ln.split(":", 1)
            hl.append("<b>%s:</b>%s" % (html.escape(k), html.escape(v)))
        elif ln.startswith("____"):
            hl.append('<hr style="display:inline-block;width:98%" tabindex="-1">')
        else:
            hl.append(html.escape(ln))
    imgtag = (
        '<p><img src="cid:image001.png@01DB4A2E.5C3F1B20" width="120" height="40" alt="Example logo"></p>'
        if img
        else ""
    )
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>\n'
        '<div dir="ltr">%s</div>%s\n<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt">%s</font></div>\n'
        "<div><br>%s</div>\n</body></html>\n"
    ) % (e(pre), imgtag, "<br>\n".join(hl), e(cbody))
