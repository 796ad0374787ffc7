"""I-3 (issue 15 item 2): what machines' mail says in its subject and opening lines — the
phrase tables ``robots.py`` reads (localised out-of-office, read-receipt and non-delivery
subject openings, calendar answers' labels, notifications' self-descriptions) and every table
and compiled pattern ``robot_text.py`` reads (absences, returns, courtesies, receipts, SMTP
status codes, ticket numbers). Data only, compared lower-cased; each entry is written from a
client's or platform's localisation. One place: no other module keeps a phrase table of
these kinds.
"""

from __future__ import annotations

import re

# What a notification says of itself near its top (checked in the first BODY_CHARS of
# the text before any quote).
ROBOT_BODY = (
    "please do not reply", "do not reply to this", "this is an automated message",
    "this is an automated notification", "this is an automatically generated",
    "this message was automatically generated", "this email was automatically generated",
    "this message was sent automatically", "bitte antworten sie nicht auf diese",
    "diese nachricht wurde automatisch", "merci de ne pas répondre", "ne pas répondre à ce",
    "por favor, no responda", "no responda a este", "si prega di non rispondere",
    "gelieve niet te antwoorden", "prosimy nie odpowiadać",
    "このメールは送信専用", "не отвечайте на это", "lütfen bu e-postayı yanıtlamayın",
    # "this is an automatic message" (en fr de es it nl pt pl sv da no fi cs hu ro ru uk tr)
    # challenge-response filters (Boxbe, SpamArrest, MailWasher …)
    "confirm you are a human", "confirm that you are a human", "verify you are a human",
    "verify that you are a human", "verify that you are human", "to get your message delivered",
    "your message is being held", "awaiting your verification",
    "to have your message delivered", "messages from unknown senders",
    "holds messages from unknown", "with the word confirm", "confirm that you sent",
    "bestätigen sie, dass sie ein mensch",
    "confirmer que vous êtes un humain", "confirme que eres humano",
    "please don't reply", "please do not respond", "do not respond to this",
    "don't reply to this", "replies to this email are not monitored",
    "this mailbox is not monitored", "this is a system generated",
    "this is a system-generated", "this email was sent automatically",
    "this is an automatic", "ceci est un message automatique",
    "ceci est une réponse automatique", "dies ist eine automatisch",
    "dies ist eine automatische", "este es un mensaje generado automáticamente",
    "este es un mensaje automático", "questo è un messaggio automatico",
    "messaggio generato automaticamente", "dit is een automatisch",
    "esta é uma mensagem automática", "esta é uma resposta automática",
    "to jest wiadomość automatyczna", "wiadomość wygenerowana automatycznie",
    "detta är ett automatiskt", "dette er en automatisk", "tämä on automaattinen",
    "toto je automaticky", "ez egy automatikus", "acesta este un mesaj automat",
    "это автоматическое сообщение", "сообщение сгенерировано автоматически",
    "це автоматичне повідомлення", "bu otomatik bir", "このメールは自動",
)  # fmt: skip
# A calendar's automatic answer to an invitation (a text/calendar METHOD:REPLY part),
# by its subject label: Outlook, Google, Apple, Zoho, Proton, Thunderbird — en de fr es
# it nl pt pl sv da no fi cs hu ro ru uk tr el ja zh ko vi id th he ar hi.
CALENDAR_REPLIES = (
    "accepted:", "declined:", "tentative:", "tentatively accepted:", "angenommen:",
    "abgelehnt:", "mit vorbehalt angenommen:", "accepté", "refusé", "provisoire",
    "aceptado:", "rechazado:", "accettato:", "rifiutato:", "geaccepteerd:", "geweigerd:",
    "zugesagt:", "abgesagt:", "akzeptiert:", "vorläufig:", "mit vorbehalt:", "décliné",
    "provisional:", "aceptada:", "rechazada:", "provvisorio:", "accettata:", "voorlopig:",
    "aceito:", "recusado:", "provisório:", "zaakceptowano:", "odrzucono:", "wstępnie",
    "accepterat:", "avböjt:", "preliminärt:", "accepteret:", "afvist:", "foreløbig:",
    "godtatt:", "avslått:", "hyväksytty:", "hylätty:", "alustava:", "přijato:",
    "odmítnuto:", "předběžně", "elfogadva:", "elutasítva:", "acceptat:", "refuzat:",
    "принято:", "отклонено:", "под вопросом:", "прийнято:", "відхилено:", "під питанням:",
    "kabul edildi:", "reddedildi:", "αποδεκτό:", "承諾:", "辞退:", "仮承諾:", "已接受:",
    "已拒绝:", "暂定:", "已接受：", "已拒絕:", "수락:", "거절:", "미정:", "đã chấp nhận:",
    "đã từ chối:", "diterima:", "ditolak:", "ตอบรับ:", "ปฏิเสธ:", "התקבל:", "נדחה:",
    "مقبول:", "مرفوض:", "स्वीकृत:", "अस्वीकृत:", "invitation accepted", "invitation declined",
    "updated invitation with note", "event accepted", "event declined",
)  # fmt: skip
# An answer to an invitation says so (when it carries no iCalendar part).
INVITATION_WORDS = (
    "invitation", "einladung", "invitación", "invito", "uitnodiging", "convite",
    "zaproszeni", "inbjudan", "invitasjon", "invitationen", "kutsu", "pozvánk", "meghívó",
    "invitați", "приглашени", "запрошенн", "davet", "πρόσκληση", "招待", "邀请", "邀請",
    "초대", "lời mời", "undangan", "คำเชิญ", "הזמנה", "دعوة", "आमंत्रण", "accepted this",
    "declined this", "has accepted", "has declined",
)  # fmt: skip
# Subject openings of read and delivery receipts (Outlook's "Read:", Exchange's
# "Delivered:", Lotus's "Return receipt" …). People write "Read: our requirements" too, so a
# receipt subject counts only with a receipt's text (``RECEIPT_SAID``: "was read on …").
RECEIPT_SUBJECTS = (
    "read:", "read receipt", "return receipt", "gelesen:", "lu :", "lu:", "leído:",
    "letto:", "gelezen:", "lida:", "przeczytano:", "przeczytana:", "läst:", "læst:",
    "luettu:", "přečteno:", "prečítané:", "olvasva:", "citit:", "прочитано:",
    "okundu:", "開封済み:", "開封確認", "прочетено:", "αναγνωσμένο:", "loetud:",
    "perskaityta:", "izlasīts:", "prebrano:", "pročitano:", "léite:", "moqri:",
    "disposition notification", "not read:", "nicht gelesen:", "non lu :",
    "lesebestätigung", "accusé de lecture", "confirmación de lectura", "conferma di lettura",
    "leesbevestiging", "potwierdzenie przeczytania", "уведомление о прочтении",
    "läskvitto", "læsekvittering", "lukukuittaus", "potvrzení o přečtení",
    "olvasási visszaigazolás",
    "confirmare de citire", "confirmação de leitura", "delivered:", "zugestellt:",
    "remis :", "remis:", "entregado:", "consegnato:", "bezorgd:", "levererat:",
    "доставлено:", "配信済み:", "przeczytane:", "przeczytany:", "lest:", "elolvasva:",
    "已读:", "已讀:", "읽음:", "נקרא:", "مقروءة:", "lesið:", "llegit:",
    # zh vi id ms th hi ar he uk (task h15b)
    "已阅读:", "已閱讀:", "已读：", "已讀：", "đã đọc:", "dibaca:", "telah dibaca:",
    "sudah dibaca:", "อ่านแล้ว:", "पढ़ा गया:", "पढ़ा:", "تمت القراءة:", "مقروء:",
    "נקראה:", "прочитано :", "xác nhận đã đọc", "ใบตอบรับการอ่าน", "रसीद पढ़ें",
)  # fmt: skip
# What a receipt's text says of the message: it *was* read / displayed / delivered (a
# person says "we read your proposal"), en de fr es it nl pt pl sv da no fi cs sk hu ro ru
# uk tr el ja zh ko bg hr sl lt lv et ga mt vi id ms th he ar hi.
RECEIPT_SAID = re.compile(
    r"\b(?:was|were|has been|have been) (?:read|displayed|opened|delivered)\b"
    r"|without being read|wurde\b.{0,80}?\b(?:gelesen|angezeigt|zugestellt|gelöscht)"
    r"|\bgelesen am\b|ungelesen gelöscht|a été (?:lue?|affichée?|remise?|supprimée? sans)"
    r"|(?:fue|ha sido) (?:leíd[oa]|entregad[oa]|mostrad[oa])|se leyó"
    r"|è stat[oa] (?:lett[oa]|consegnat[oa]|visualizzat[oa])"
    r"|(?:is|werd) (?:gelezen|afgeleverd|bezorgd)|gelezen op"
    r"|foi (?:lid[oa]|entregue|exibid[oa])|został[aoy]? (?:przeczytan|dostarczon|wyświetlon)"
    r"|przeczytano|(?:har|blev) (?:lästs|läst|levererats|læst|leveret)|lästes"
    r"|(?:ble|er blevet|er) (?:lest|levert|læst)\b|luettiin|on luettu|toimitettiin"
    r"|byl[aoiy]? (?:přečten|doručen|zobrazen)|bol[aoiy]? (?:prečítan|doručen)"
    r"|elolvast|el lett olvasva|kézbesítve|a fost (?:citit|livrat|afișat)"
    r"|(?:было|была|был|було|була|був) (?:прочитан|доставлен)|okundu|teslim edildi"
    r"|διαβάστηκε|παραδόθηκε|開封されました|表示されました|読まれました|配信されました"
    r"|已被阅读|已被閱讀|已阅读|已閱讀|已送达|已送達|已投递|읽었습니다|읽혔습니다"
    r"|열람(?:되었|했)습니다|전달되었습니다|배달되었습니다|беше прочетен|прочетено на"
    r"|(?:je|bila je|bilo je) (?:pročitan|prebran)|perskaityt|izlasīt|loeti|léadh|inqrat"
    r"|đã được đọc|telah dibaca|sudah dibaca|telah dihantar|ถูกอ่าน|נקראה? ב|تمت قراءة"
    r"|पढ़ा गया|पढ़ लिया गया",
    re.IGNORECASE,
)
# Localised subject openings of out-of-office replies, read receipts and non-delivery
# reports (Exchange / Outlook, Gmail, Thunderbird, Zimbra, Lotus), compared lower-cased.
ROBOT_SUBJECTS = (
    # out of office / automatic reply
    "automatic reply", "auto reply", "auto-reply", "autoreply", "auto response",
    "auto-response", "out of office", "out of the office", "ooo:",
    "automatische antwort", "abwesenheitsnotiz", "abwesend:", "réponse automatique",
    "absence du bureau", "message d'absence", "respuesta automática", "respuesta automatica",
    "fuera de la oficina", "risposta automatica", "fuori sede", "fuori ufficio",
    "automatisch antwoord", "afwezigheidsbericht", "niet aanwezig", "resposta automática",
    "resposta automatica", "ausente do escritório", "fora do escritório",
    "odpowiedź automatyczna", "autoodpowiedź", "poza biurem", "autosvar", "automatiskt svar",
    "frånvaro", "automatisk svar", "fraværende", "ikke på kontoret", "automaattinen vastaus",
    "poissa toimistolta", "lomavastaaja", "automatická odpověď", "mimo kancelář",
    "automatická odpoveď", "mimo kancelárie", "automatikus válasz", "házon kívül",
    "irodán kívül", "răspuns automat", "автоматический ответ", "автоответ",
    "нет на месте", "автоматична відповідь", "автовідповідь", "otomatik yanıt",
    "otomatik cevap", "ofis dışında", "自動応答", "自動返信", "автоматичен отговор",
    "αυτόματη απάντηση", "εκτός γραφείου", "automaatvastus", "automatinis atsakymas",
    "automātiskā atbilde", "samodejni odgovor", "automatski odgovor", "freagra uathoibríoch",
    "tweġiba awtomatika", "resposta automàtica", "自动回复", "自動回覆", "자동 회신", "자동 응답",
    "vacation reply", "trả lời tự động", "balasan otomatis", "balas otomatis",
    "jawapan automatik", "ตอบกลับอัตโนมัติ", "תשובה אוטומטית", "رد تلقائي", "الرد التلقائي",
    "स्वचालित उत्तर", "स्वतः उत्तर", "自动答复", "自動答覆", "不在通知",
    # non-delivery
    "undeliverable", "undelivered mail", "undelivered:", "delivery status notification",
    "delivery failure", "delivery has failed", "delivery notification", "mail delivery failed",
    "mail delivery failure", "returned mail", "failure notice", "message not delivered",
    "delivery delayed", "warning: could not send", "mail system error",
    "unzustellbar", "nicht zustellbar", "non remis", "non distribuable",
    "no se puede entregar", "no entregado", "non recapitabile", "onbestelbaar",
    "não é possível entregar", "não entregue", "niedostarczalne", "niedostarczona",
    "ej levererbart", "kan ikke leveres", "ei voitu toimittaa", "nedoručitelné",
    "nedoručiteľné", "kézbesíthetetlen", "nelivrabil", "не доставлено", "недоставлено",
    "teslim edilemedi", "配信不能", "配信できません", "недоставимо",
    "δεν ήταν δυνατή η παράδοση", "kättetoimetamatu", "nepristatyta", "nevar piegādāt",
    "ni mogoče dostaviti", "neisporučivo", "neamhsheachadta", "ndr:",
    "message delivery failure", "delivery failed", "undelivered message", "mail failure",
    "returned to sender", "could not be delivered", "non-delivery", "nondelivery",
    "échec de la remise", "échec de remise", "не удалось доставить", "недоставленное",
    "zustellung fehlgeschlagen", "benachrichtigung zum übermittlungsstatus",
    "notificación de estado de entrega", "notification d'état de remise",
    "delayed mail", "warning: message delayed", "nondeliverable", "non-deliverable",
    # zh ko vi id th he ar hi uk cs (task h15b)
    "退信", "系统退信", "无法投递", "投递失败", "邮件退回", "無法投遞", "傳送失敗",
    "메일 발송 실패", "[메일 발송 실패", "전달 실패", "배달 실패", "không thể gửi",
    "gửi thư thất bại", "tidak terkirim", "gagal terkirim", "ส่งไม่สำเร็จ",
    "ไม่สามารถส่ง", "לא ניתן למסור", "לא נמסר", "تعذر التسليم", "تعذّر التسليم",
    "فشل التسليم", "वितरित नहीं", "डिलीवर नहीं", "не доставлено:", "недоставлений",
    "не вдалося доставити", "nedoručiteln", "nedoručen",
    # out of office without a label
    "i am out of the office", "i'm out of the office", "away from the office",
    "on vacation until", "on holiday until", "vacation auto", "abwesend",
    # help desks' automatic acknowledgements
    "your request has been received", "request received:",
)  # fmt: skip


# --- what a writer's own text says (``robot_text.py`` reads these) ---------------------

QUESTION = ("?", "？", "¿", "؟")
# Questions written without a question mark: Japanese "…でしょうか。", "…ますか。", Chinese
# "…吗", Korean "…습니까", "…까요", "…나요" (task h15, item 2).
QUESTION_FORMS = (
    "でしょうか", "ますか", "ませんか", "ですか", "吗", "嗎", "습니까", "까요", "나요",
)  # fmt: skip
# A postscript: what follows is an aside ("P.S. I'm out next week; my auto-reply will
# name a colleague"), never what an automatic reply is about (task h15).
POSTSCRIPT = re.compile(
    r"(?:^|\s)(?:p\.\s?s\.|p\.?s\s?:|pps\.?:?|p\.\s?-\s?s\.|p\.d\.|post scriptum)"
    r"|附言|附注|附記|又及|追伸|추신",
    re.IGNORECASE,
)
# A writer back from an absence, saying so in passing: the absence is past ("先週は休暇
# でした", "I was on leave last week", "지난주 휴가 중이었습니다") or they apologise for a
# late answer. Not "I am back on Monday": auto-replies say that; they speak of an absence
# now and a return to come (task h15, item 2).
BACK = (
    "i was away", "i was out", "i was on ", "while i was away", 
    "just got back", "back from my", "back from holiday", "back from vacation",
    "sorry for the late", "sorry for the delay", "apologies for the late",
    "apologies for the delay", "last week", "war ich im urlaub", "war im urlaub",
    "war ich nicht im büro", "war ich abwesend", 
    "letzte woche", "späte antwort", "verspätete antwort",
    "j'étais en", "j'étais absent", "je suis rentré",
    "la semaine dernière", "réponse tardive", "retard de ma réponse", "estuve de",
    "estaba de vacaciones", "estuve fuera", "ya estoy de vuelta", "he vuelto",
    "la semana pasada", "respuesta tardía", "demora en responder", "ero in ferie",
    "ero in vacanza", "sono rientrat", "la settimana scorsa", "risposta tardiva",
    "ik was met vakantie", "ik was op vakantie", "was ik met vakantie", 
    "vorige week", "late reactie", "estive de férias", "estava de férias", "já voltei",
    "semana passada", "resposta tardia", "byłem na urlopie", "byłam na urlopie",
    "wróciłem", "wróciłam", "w zeszłym tygodniu", "jag var ledig", "var på semester",
    "förra veckan", "был в отпуске", "была в отпуске", "вернулся",
    "вернулась", "на прошлой неделе", "izindeydim", "geçen hafta", "döndüm",
    # ja zh ko: a past absence, a return made, a late answer
    "でした", "ておりました", "ていました", "戻りました", "帰ってきました", "先週", "先日",
    "遅くなりました", "遅れました", "お待たせ", "上周", "上週", "上星期", "前几天", "前幾天",
    "刚回来", "剛回來", "回来了", "回來了", "已经回来", "已經回來", "晚回复", "回复晚",
    "回覆晚", "迟复", "遲覆", "久等", "지난주", "지난 주", "다녀왔", "복귀했", "돌아왔",
    "늦었", "늦어서", "늦어져", "이었습니다", "였습니다", "중이었",
)  # fmt: skip
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

URGENT = (
    "urgent", "immediate assistance", "immediate help", "dringend", "urgence", "urgenz",
    "spoed", "pilne", "brådskande", "haster", "kiire", "naléhav", "naliehav", "sürgős",
    "urgenț", "срочн", "терміно", "acil", "επείγ", "お急ぎ", "急", "급한", "긴급", "спешн",
    "hitn", "nujn", "skubi", "steidzam", "mendesak", "khẩn", "דחופ", "عاجل", "ด่วน",
    "तत्काल", "अत्यावश्यक",
)  # fmt: skip
