"""I-3 (issue 15 item 2, task h15fix): what a machine's mail says of itself when its
headers and structure say nothing — the weakest evidence ``robots.py`` reads, so each
rule needs two or three independent signs, and none applies to a writer who asks
something (a false "robot" is a lost lead).

- ``own_text``: the writer's own words — the body up to the first quoted line, separator
  or quoted header (an auto-reply that quotes the customer's question is still one).
- ``asks``: the own text asks a question (``?``, ``？``, ``¿``, ``؟``): a person's mail.
- ``out_of_office``: an absence (on leave, out of the office …) *and* a return or a date
  *and* an automatic reply's courtesy (an urgent-matters referral, "thank you for your
  message", "limited access to email") in about 30 languages, with no question but an
  urgent-matters one ("Need urgent help? Call …").
- ``returned_mail``: an SMTP reply with an enhanced status code ("550 5.1.1",
  "452 4.2.2", "#5.1.1", "Status: 5.1.1") *and* an address of our own in the text (the
  original we sent, quoted back) or a mail system's sender (``mailer@``, ``admin@`` …) —
  a DSN that is not ``multipart/report``.
- ``unattended``: "this mailbox is no longer monitored", "has left the company" — with
  no question.
- ``ticket_ack``: a ticket number in the subject ("[#48213]", "Ticket#…", "n° 5521")
  *and* a receipt ("has been received", "accusons réception") in the own text.

No maintained multilingual source of these phrases exists on the package index (PyPI
``autoresponse`` 0.3.1 dates from 2012); the lists are written from the clients' own
localisations and kept short: each is only one of two or three signs. Pure and linear.
"""

from __future__ import annotations

import re

OWN_CHARS = 1_500  # of the writer's own text examined
QUESTION = ("?", "？", "¿", "؟")
_QUOTE_STARTS = (">", "-----", "_____", "=====", "———", "*From:*")

ABSENCE = (
    # en de fr es it nl pt pl sv da no fi cs sk hu ro ru uk tr el ja zh ko bg hr sr sl lt
    # lv et ca id ms vi th he ar hi
    "out of the office", "out of office", "on leave", "on vacation", "on holiday",
    "annual leave", "parental leave", "away from the office", "i am away", "i'm away",
    "i am currently away", "not in the office", "on a business trip", "away until",
    "currently travelling", "currently traveling", "sick leave", "maternity leave",
    "paternity leave", "erkrankt",
    "nicht im büro", "nicht erreichbar", "abwesend", "im urlaub", "außer haus",
    "ausser haus", "auf dienstreise", "in elternzeit", "en congé", "absent du bureau",
    "absente du bureau", "en vacances", "absent jusqu", "absente jusqu", "en déplacement",
    "de vacaciones", "fuera de la oficina", "ausente", "in ferie", "fuori ufficio",
    "fuori sede", "assente", "in vacanza", "met vakantie", "op vakantie", "afwezig",
    "niet aanwezig", "niet op kantoor", "de férias", "em férias", "fora do escritório",
    "na urlopie", "poza biurem", "nieobecn", "w delegacji", "på semester", "tjänstledig",
    "frånvarande", "inte på kontoret", "på ferie", "fraværende", "ikke på kontoret",
    "lomalla", "poissa toimistolta", "na dovolené", "mimo kancelář", "nepřítom",
    "na dovolenke", "mimo kancelárie", "neprítom", "szabadságon", "házon kívül",
    "irodán kívül", "în concediu", "in concediu", "în afara biroului", "в отпуске",
    "отсутств", "вне офиса", "в командировке", "у відпустці", "відсутн", "поза офісом",
    "izindeyim", "izinde", "ofis dışında", "tatildeyim", "εκτός γραφείου", "σε άδεια",
    "απουσιάζω", "不在", "休暇", "休假", "出差", "휴가", "부재", "출장", "в отпуск",
    "отсъств", "извън офиса", "godišnjem odmoru", "odsutan", "odsutna", "na dopustu",
    "izvan ureda", "odsoten", "odsotna", "atostog", "atvaļinājumā", "prombūtnē",
    "puhkusel", "kontorist väljas", "de vacances", "fora de l'oficina", "sedang cuti",
    "di luar kantor", "bercuti", "nghỉ phép", "ลาพักร้อน", "ไม่อยู่", "מחוץ למשרד",
    "בחופשה", "خارج المكتب", "في إجازة", "छुट्टी पर", "कार्यालय से बाहर",
)  # fmt: skip
RETURN = (
    "back on", "back in the office", "back at the office", "return on", "returning on",
    "i will return", "i'll return", "upon my return", "when i return", "on my return",
    "i will be back", "i'll be back", "back at my desk", "wieder im", "wieder erreichbar",
    "wieder da", "zurück", "ab dem", "rückkehr", "de retour", "à mon retour", "retour le",
    "volveré", "regreso", "de vuelta", "me reincorporo", "rientrerò", "rientro",
    "di ritorno", "weer bereikbaar", "weer aanwezig", "terug", "weer op kantoor", "volto",
    "de volta", "retorno", "wracam", "powrócę", "po powrocie", "wrócę", "tillbaka",
    "åter", "tilbage", "tilbake", "palaan", "takaisin", "zpět", "vrátím", "po návratu",
    "späť", "vrátim", "vissza", "revin", "mă întorc", "întoarcere", "вернусь",
    "по возвращении", "повернуся", "після повернення", "döneceğim", "dönüşümde",
    "döndüğümde", "θα επιστρέψω", "επιστροφή", "対応いたします", "戻り", "出社", "帰社",
    "返回", "回来", "回到", "복귀", "돌아", "ще се върна", "връщам", "vraćam", "vratit ću",
    "vrnem", "nazaj", "grįšiu", "atgriezīšos", "tagasi", "tornaré", "kembali", "trở lại",
    "กลับ", "אחזור", "سأعود", "عودتي", "वापस",
)  # fmt: skip
COURTESY = (  # what an automatic reply adds: a referral for urgent matters, thanks, access
    "urgent", "thank you for your email", "thank you for your message",
    "thanks for your email", "thanks for your message", "will respond", "will reply",
    "will get back to you", "limited access", "no access to", "will not be forwarded",
    "dringend", "vielen dank für ihre", "danke für ihre nachricht", "nicht weitergeleitet",
    "urgence", "merci pour votre message", "merci de votre message", "merci pour votre e-mail",
    "urgente", "gracias por su", "gracias por tu mensaje", "urgenz", "grazie per il messaggio",
    "grazie per la sua", "spoed", "bedankt voor uw bericht", "bedankt voor je bericht",
    "obrigad", "pilnych", "pilne", "dziękuję za wiadomość", "brådskande", "tack för ditt",
    "haster", "hastende", "tak for din", "takk for", "kiireelli", "kiitos viestistäsi",
    "naléhav", "děkuji za", "naliehav", "ďakujem za", "sürgős", "köszönöm", "urgenț",
    "mulțumesc pentru", "срочн", "спасибо за", "благодарю за", "терміно", "дякую за",
    "acil", "için teşekkür", "επείγ", "ευχαριστώ για", "お急ぎ", "ありがとうございます",
    "急事", "紧急", "感谢您的", "급한", "긴급", "감사합니다", "спешн", "благодаря за", "hitn",
    "nujn", "hvala", "skubi", "steidzam", "kiire", "mendesak", "khẩn", "דחוף", "דחופ",
    "תודה על", "عاجل", "अत्यावश्यक", "तत्काल",
    # a mailbox not read while away (nb da sv de fr es), Norwegian urgency (task h15b)
    "leser ikke e-post", "læser ikke", "läser inte", "liest keine", "hastesak",
    "ne lis pas mes", "sin acceso al correo",
    # th vi id hi ar he zh uk thanks / urgent (task h15b)
    "เร่งด่วน", "ด่วน", "ขอบคุณ", "cảm ơn", "terima kasih", "धन्यवाद", "شكرا", "شكراً",
    "תודה", "谢谢", "謝謝", "дякую", "термінов",
    # limited access / "I will answer" (fr es it nl de pt pl sv da no fi cs ru uk tr hu ro el
    # ja zh ko)
    "accès limité", "répondrai", "acceso limitado", "responderé", "accesso limitato",
    "risponderò", "beperkt toegang", "beperkte toegang", "reageer", "eingeschränkt",
    "beantworte", "acesso limitado", "responderei", "ograniczony dostęp", "odpowiem",
    "begränsad tillgång", "svarar", "begrænset adgang", "begrenset tilgang", "svarer",
    "rajoitetusti", "vastaan", "omezený přístup", "odpovím", "ограниченный доступ",
    "отвечу", "обмежений доступ", "відповім", "sınırlı erişim", "yanıt vereceğim",
    "korlátozott", "válaszolok", "acces limitat", "voi răspunde", "περιορισμένη πρόσβαση",
    "θα απαντήσω", "返信", "回复", "회신", "답변",
)  # fmt: skip
RECEIPT = (
    "received", "erhalten", "eingegangen", "erfasst", "réception", "reçu", "recibido",
    "ricevut", "ontvangen", "recebid", "otrzymal", "mottagit", "modtaget", "mottatt",
    "vastaanot", "obdržel", "přijal", "megkaptuk", "primit", "получен", "получили",
    "отримал", "aldık", "受け付け", "受付", "收到", "접수",
)  # fmt: skip
UNATTENDED = (  # a mailbox nobody reads (one sign, plus no question)
    "mailbox is no longer monitored", "mailbox is not monitored", "inbox is not monitored",
    "inbox is no longer monitored", "address is no longer monitored",
    "address is not monitored", "is not being monitored", "is no longer being monitored",
    "is no longer in use", "is no longer active", "postfach wird nicht",
    "nicht mehr gelesen", "n'est plus surveillée", "n'est plus consultée",
    "n'est plus active", "ya no está activa", "ya no se revisa", "non è più attiva",
    "wordt niet meer gelezen", "não é mais monitorad", "не проверяется",
    "більше не використовується",
)  # fmt: skip
# A person who has left — an automatic notice only with a referral or "not forwarded"
# (a customer telling us their colleague left writes to us about it, with a question).
LEFT = (
    "no longer with", "has left the company", "have left the company", "has left ",
    "no longer works", "no longer employed", "no longer part of", "is no longer at ",
    "nicht mehr im unternehmen", "nicht mehr für", "nicht mehr bei", "nicht mehr tätig",
    "hat das unternehmen verlassen", "ne fait plus partie de", "a quitté", "ne travaille plus",
    "ya no forma parte", "ya no trabaja", "non fa più parte", "non lavora più",
    "werkt niet meer bij", "is niet meer werkzaam", "não faz mais parte", "não trabalha mais",
    "nie pracuje już", "arbetar inte längre", "jobber ikke lenger", "arbejder ikke længere",
    "ei enää työskentele", "již nepracuje", "už nepracuje", "már nem dolgozik",
    "nu mai lucrează", "больше не работает", "більше не працює", "artık çalışmıyor",
    "不再任职", "已离职", "退職いたしました", "退職しました", "퇴사", "không còn làm việc",
    "tidak lagi bekerja", "ไม่ได้ทำงาน", "אינו עובד", "אינה עובדת", "لم يعد يعمل",
    "अब काम नहीं",
)  # fmt: skip
REFERRAL = (
    "please contact", "please direct", "please send", "please reach out", "please forward",
    "please email", "please write to", "will not be forwarded", "won't be forwarded",
    "not be read", "wenden sie sich", "kontaktieren sie", "nicht weitergeleitet",
    "merci de contacter", "veuillez contacter", "ne sera pas transféré", "ne sera pas lu",
    "contacte con", "póngase en contacto", "contatti", "contattare", "neem contact",
    "entre em contato", "prosimy o kontakt", "kontakta", "kontakt", "ota yhteyttä",
    "kontaktujte", "vegye fel", "contactați", "обращайтесь", "свяжитесь", "звертайтеся",
    "iletişime geç", "请联系", "ご連絡", "연락", "liên hệ", "hubungi", "ติดต่อ", "פנו",
    "يرجى التواصل", "संपर्क करें",
)  # fmt: skip
# An SMTP reply code and an RFC 3463 enhanced status code of the same class.
# ("550 5.1.1", "452-4.2.2", Exchange's "#5.1.1", a DSN field's "Status: 5.1.1").
SMTP_STATUS = re.compile(
    r"(?<!\d)([45])\d\d[ -]{1,3}#?\1\.\d{1,3}\.\d{1,3}(?!\d)"
    r"|(?:#|\bstatus:\s{0,3})[45]\.\d{1,3}\.\d{1,3}(?!\d)",
    re.IGNORECASE,
)
# The local parts mail systems send their reports from (with a status in the text).
SYSTEM_LOCALS = frozenset({
    "mailer", "mail", "mailsystem", "mail-system", "system", "admin", "administrator",
    "smtp", "mta", "relay", "mx", "daemon", "delivery", "returns", "return", "maildelivery",
    "mailadmin", "posta", "correo", "poczta",
})  # fmt: skip
# A ticket number: bracketed ("[#48213]", "[##12345##]", "[#ABC-123-45678]"), after a
# ticket word ("Ticket#2026…", "Request #30919", "Demande n° 5521", "Incident INC0012345")
# or in a ticket system's own form ("INC0012345", "RITM0012345"). Not a bare "#12345"
# ("Order #12345" is a customer's).
_TICKET_WORDS = (
    r"ticket|case|request|incident|anfrage|vorgang|demande|dossier|solicitud|richiesta|"
    r"caso|chamado|pedido|zgłoszenie|ärende|sag|sak|tiketti|požadavek|обращение|заявка|"
    r"звернення|talep|工单|チケット|티켓|tiket|yêu cầu"
)
TICKET = re.compile(
    r"\[[^\]\n]{0,24}#\s*[a-z0-9][a-z0-9-]{2,}#*\]"
    rf"|\b(?:{_TICKET_WORDS})\s*(?:#|nr\.?|n[°º]|no\.?|id)?\s*:?\s*#?\s*[a-z]{{0,4}}\d{{3,}}"
    r"|\b(?:inc|req|ritm|tkt|cs|sr)\d{5,}\b",
    re.IGNORECASE,
)


def own_text(text: str, limit: int = OWN_CHARS) -> str:
    """The writer's own words, lower-cased: lines up to the first quoted line, separator
    or ``Label: … @…`` header line (at most ``limit`` characters)."""
    out: list[str] = []
    size = 0
    for line in text[: limit * 4].split("\n"):
        stripped = line.strip()
        if stripped.startswith(_QUOTE_STARTS):
            break
        colon = stripped.find(":", 0, 34)
        if (
            colon > 0
            and "@" in stripped
            and (stripped.endswith(":") or " " not in stripped[:colon])
        ):
            break  # "On …, Jane <jane@…> wrote:" or "From: Jane <jane@…>"
        out.append(stripped)
        size += len(stripped) + 1
        if size >= limit:
            break
    return " ".join(" ".join(out).lower().split())[:limit]


def asks(own: str) -> bool:
    return any(q in own for q in QUESTION)


URGENT = (
    "urgent", "immediate assistance", "immediate help", "dringend", "urgence", "urgenz",
    "spoed", "pilne", "brådskande", "haster", "kiire", "naléhav", "naliehav", "sürgős",
    "urgenț", "срочн", "терміно", "acil", "επείγ", "お急ぎ", "急", "급한", "긴급", "спешн",
    "hitn", "nujn", "skubi", "steidzam", "mendesak", "khẩn", "דחופ", "عاجل", "ด่วน",
    "तत्काल", "अत्यावश्यक",
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?？¿؟。！])\s*")


def _without_urgent_questions(own: str) -> str:
    """``own`` without its questions about urgent matters (an auto-reply's "Need urgent
    help?" is a referral, not a person asking)."""
    parts = _SENTENCE_END.split(own)
    return " ".join(p for p in parts if not (asks(p) and any(u in p for u in URGENT)))


def out_of_office(own: str) -> str | None:
    """Why ``own`` reads as an out-of-office reply (absence + return or date +
    courtesy, and no question but an urgent-matters one: "Need urgent help? Call …"),
    else None."""
    if asks(_without_urgent_questions(own)):
        return None
    absence = next((p for p in ABSENCE if p in own), None)
    if absence is None:
        return None
    if not any(p in own for p in RETURN) and not any(c.isdigit() for c in own):
        return None
    if not any(p in own for p in COURTESY):
        return None
    return f"out-of-office reply: the text says {absence!r} (and when, and whom to ask)"


def agrees_away(own: str) -> bool:
    """The own text bears out an automatic-reply subject: no question, and empty or an
    absence or return said (task h15b)."""
    if asks(own):
        return False
    return len(own) < 20 or any(p in own for p in ABSENCE) or any(p in own for p in RETURN)


def unattended(own: str) -> str | None:
    """Why ``own`` reads as a mailbox's automatic notice that nobody reads it."""
    if asks(own):
        return None
    found = next((p for p in UNATTENDED if p in own), None)
    if found is None:
        left = next((p for p in LEFT if p in own), None)
        if left is None or not any(r in own for r in REFERRAL):
            return None
        found = left
    return f"auto-reply: the text says {found!r}"


def returned_mail(text: str, own_domains: frozenset[str], sender: str = "") -> str | None:
    """Why ``text`` reads as a returned message: an SMTP status and either, quoted back,
    an address of one of our own domains, or a mail system's sender (``SYSTEM_LOCALS``)."""
    head = text[:8000]
    status = SMTP_STATUS.search(head)
    if status is None:
        return None
    if asks(own_text(text)):
        return None  # a person telling us our mail bounced ("use my new address?")
    low = head.lower()
    if any(f"@{d}" in low for d in own_domains):
        return f"bounce: the text gives SMTP status {status.group(0)!r} for mail of ours"
    local = sender.lower().rpartition("@")[0]
    if local in SYSTEM_LOCALS:
        return f"bounce: {sender} gives SMTP status {status.group(0)!r}"
    return None


def ticket_ack(subject: str, own: str) -> str | None:
    """Why a mail reads as a help desk's acknowledgement (a ticket number in the subject,
    a receipt in the text, no question)."""
    if asks(own):
        return None
    number = TICKET.search(subject)
    if number is None or not any(w in own for w in RECEIPT):
        return None
    return f"help desk acknowledgement: ticket {number.group(0)!r} received"
