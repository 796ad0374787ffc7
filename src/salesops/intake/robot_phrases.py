"""I-3 (issue 15 item 2): what machines' mail says in its subject and opening lines — the
phrase tables ``robots.py`` reads (localised out-of-office, read-receipt and non-delivery
subject openings, calendar answers' labels, notifications' self-descriptions). Data only,
compared lower-cased; each entry is written from a client's or platform's localisation.
"""

from __future__ import annotations

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
    # read receipts
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
