"""I-4 / issue 15 item 1: the words mail clients write around a forwarded message, per
language — header labels, forward separators and subject prefixes.

Tables, not patterns: ``forwards.py`` looks each candidate up in a set after cutting
it out of a line with one linear scan, so adding a language never adds regex work.
Written from the clients' own localisations (Outlook desktop / web / Mac, Gmail, Apple
Mail, Thunderbird, Yahoo, Zimbra, Open-Xchange/IONOS, HubSpot, Missive, MailMate) in the
EU's 24 languages plus Japanese, Russian, Ukrainian, Turkish, Norwegian, Catalan,
Brazilian Portuguese, Serbian, Chinese and Korean. Labels are compared lower-cased,
with ``*`` (bold in text renderings of HTML) and surrounding blanks removed.

Where a label is unknown, ``forwards.py`` still recognises a header block by its shape
(short ``Label: value`` lines, one with an address, one with a date) when a separator
line or a forward subject announces it — the fallback for languages not listed here.
"""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in text.split("|") if w.strip())


FROM = _set(
    "from|sender|von|absender|de|de la|expéditeur|expediteur|da|mittente|van|afzender|"
    "od|nadawca|från|avsändare|fra|afsender|lähettäjä|feladó|küldő|expeditor|expeditorul|"
    "от|отправитель|від|від кого|відправник|kimden|gönderen|差出人|送信者|送信元|"
    "από|αποστολέας|saatja|nuo|siuntėjas|no|sūtītājs|šalje|pošiljatelj|pošiljatelj|"
    "pošiljalec|ó|minn|odesílatel|odosielateľ|remitente|remetente|emissor|"
    "发件人|發件人|寄件者|寄件人|보낸 사람|보낸사람|šalje|od koga|pošiljalac|"
    "frá|sendandi|dari|pengirim|người gửi|từ|de:|"
    # beyond the EU (Outlook / Gmail / Apple localisations): he ar fa hi th ms sr mk sq eu
    # gl be ka hy az kk cy af sw fil ur bs
    "מאת|השולח|من|المرسل|از|فرستنده|प्रेषक|से|จาก|ผู้ส่ง|daripada|од|пошиљалац|nga|"
    "dërguesi|nork|igorlea|ад|адпраўнік|ვისგან|გამგზავნი|ումից|ուղարկող|kimdən|göndərən|"
    "кімнен|жіберуші|oddi wrth|anfonwr|kutoka|mtumaji|mula kay|nagpadala|منجانب|بھیجنے والا|"
    "pošiljalac|寄件者"
)
TO = _set(
    "to|an|à|a|pour|para|aan|do|till|til|vastaanottaja|címzett|către|destinatarul|"
    "кому|kime|宛先|送信先|受信者|προς|adressaat|saaja|kam|prima|za|chuig|komu|pre|"
    "adresat|adresát|destinatari|收件人|收件者|받는 사람|받는사람|primatelj|prejemnik|"
    "kepada|tới|đến|viðtakandi|til:|per|"
    "אל|נמען|إلى|الى|به|प्रति|ถึง|до|за|për|marrësi|nori|hartzailea|каму|ვის|"
    "ում|kimə|кімге|at|derbynnydd|aan:|kwa|mpokeaji|para kay|بنام|وصول کنندہ|lil"
)
CC = _set(
    "cc|kopie|kopie (cc)|copie à|copie|cópia|copia|kopia|dw|kopio|másolat|másolatot kap|"
    "копия|копія|копие|bilgi|κοιν.|κοιν|koopia|kopija|kp|kópia|cc:|抄送|副本|참조|"
    "c.c.|bcc|kopi|afrit|tembusan|"
    "עותק|نسخة|نسخه|प्रतिलिपि|สำเนา|s.k.|копија|kopja|kopia:|копія:|ასლი|պատճեն|"
    "surət|көшірме|copi|nakala|kopya|kopja"
)
DATE = _set(
    "date|sent|datum|gesendet|envoyé|envoye|date d'envoi|enviado|enviado el|fecha|"
    "inviato|data|verzonden|wysłano|wysłane|skickat|sendt|dato|lähetetty|päivämäärä|"
    "päiväys|odesláno|odoslané|dátum|elküldve|trimis|dată|отправлено|дата|надіслано|"
    "відправлено|gönderildi|gönderilen|tarih|送信日時|日付|日時|στάλθηκε|ημερομηνία|"
    "saadetud|kuupäev|išsiųsta|nosūtīts|datums|poslano|seolta|dáta|изпратено|"
    "data d'enviament|enviat|发送时间|時間|日期|날짜|보낸 날짜|sent at|when|"
    "poslato|sendt:|dagsetning|sent:|tanggal|terkirim|ngày|đã gửi|"
    "נשלח|תאריך|تم الإرسال|التاريخ|أرسل|ارسال شده|تاریخ|भेजा गया|दिनांक|ส่ง|ส่งเมื่อ|"
    "วันที่|dihantar|tarikh|послато|датум|испратено|dërguar|data:|noiz|data|bidalia|"
    "enviado:|адпраўлена|дата:|გაგზავნილია|თარიღი|ուղարկված|ամսաթիվ|göndərilib|tarix|"
    "жіберілді|күні|anfonwyd|dyddiad|gestuur|imetumwa|tarehe|ipinadala|petsa|"
    "بھیجا گیا|تاریخ:|寄件日期|mibgħut|mibgћut|intbagħat"
)
SUBJECT = _set(
    "subject|betreff|objet|sujet|asunto|oggetto|onderwerp|temat|ämne|emne|aihe|"
    "předmět|predmet|tárgy|subiect|subiectul|тема|konu|件名|θέμα|teema|tema|tēma|temats|"
    "zadeva|naslov|ábhar|assumpte|assunto|主题|主旨|제목|efni|perihal|subjek|chủ đề|"
    "נושא|الموضوع|موضوع|विषय|เรื่อง|subjek:|subjekti|gaia|asunto:|тэма|თემა|թեմա|"
    "mövzu|тақырып|pwnc|onderwerp:|mada|paksa|مضمون|suġġett|sugett"
)
# Thunderbird (≥ 102), Roundcube and others show a forwarded mail's Reply-To: the person
# when a list or group rewrote the From for DMARC ("'Jane' via Sales <sales@…>").
REPLY_TO = _set(
    "reply-to|reply to|antwort an|répondre à|repondre a|responder a|responder para|"
    "rispondi a|antwoord aan|odpowiedź do|svara till|svar til|vastaus|odpověď na|"
    "válaszcím|ответить|відповісти|yanıt adresi|返信先|回复至|回覆至|答复|회신 주소|"
    "trả lời đến|balas ke|השב אל|الرد على|उत्तर दें"
)
LABELS = FROM | TO | CC | DATE | SUBJECT
# "No" is Latvian for "From" and "VS" is Finnish for a reply: words that mean one
# thing in one language and another elsewhere are resolved by the block around them.

# A separator line's words that say "forwarded" (Gmail, Thunderbird, Yahoo, Zimbra,
# HubSpot, Apple Mail): compared as substrings of the lower-cased line.
FORWARD_WORDS = (
    "forward", "fwd", "weitergeleitet", "transféré", "transfere", "transmis",
    "réexpédié", "reenviado", "reenviat", "inoltrato", "doorgestuurd", "przekazan",
    "przesłana dalej", "vidarebefordrat", "videresendt", "välitetty", "edelleenlähetetty",
    "přeposlan", "přeposílan", "preposlan", "továbbított", "redirecționat", "redirectionat",
    "переслан", "пересыл", "пересила", "перенаправлен", "переадресован", "препратено",
    "iletilen", "iletilmiş", "ileti başlangıcı", "転送", "προωθημένο", "προωθ",
    "edastatud", "persiųst", "pārsūtīt", "posredovan", "proslijeđen", "prosleđen",
    "ar aghaidh", "encaminhad", "reencaminhad", "mensaje reenviado", "videresend",
    "转发", "轉寄", "전달", "áframsend", "diteruskan", "chuyển tiếp", "mail transféré",
    "message transféré", "start på videresendt", "reenviad", "yönlendiril",
    "edasisaadetud", "edasi saadetud", "framsend", "mgħoddi", "mgħadd",
    # beyond the EU: he ar fa hi th ms sr mk sq eu gl be ka hy az kk cy af sw fil
    "הועבר", "שהועברה", "توجيه", "المحولة", "بازارسال", "ارسال شده", "अग्रेषित",
    "ส่งต่อ", "dimajukan", "прослеђен", "препратена", "проследен", "përcjell",
    "birbidal", "перасла", "გადაგზავნილ", "փոխանցված", "yönləndiril", "жіберілген",
    "hanfon ymlaen", "aangestuur", "imesambaz", "uliosambaz", "ipinasa", "továbbküld",
)  # fmt: skip
# Separators that open a quoted or forwarded original alike (Outlook, IONOS).
ORIGINAL_WORDS = (
    "original message", "ursprüngliche nachricht", "message d'origine", "mensaje original",
    "messaggio originale", "oorspronkelijk bericht", "wiadomość oryginalna",
    "ursprungligt meddelande", "oprindelig meddelelse", "alkuperäinen viesti",
    "původní zpráva", "pôvodná správa", "eredeti üzenet", "mesaj original",
    "mesajul original", "исходное сообщение", "оригінальне повідомлення",
    "оригинално", "özgün ileti", "αρχικό μήνυμα", "algsõnum", "pradinis laiškas",
    "sākotnējais ziņojums", "izvirno sporočilo", "izvorna poruka",
    "teachtaireacht bhunaidh", "mensagem original", "opprinnelig melding",
    "missatge original", "原始邮件", "원본 메시지", "upprunaleg skilaboð",
    "元のメッセージ", "原始郵件", "הודעה מקורית", "الرسالة الأصلية", "ursprungligt",
    "originalt", "původní", "eredeti", "orijinal ileti", "оригинална порака",
    "originalna poruka", "оригинална порука", "mesazhi origjinal", "jatorrizko mezua",
    "mensaxe orixinal", "арыгінальнае паведамленне",
)  # fmt: skip

# Subject prefixes (before the colon, lower-cased, dots kept).
FORWARD_PREFIXES = _set(
    "fw|fwd|fwd.|wg|tr|rv|i|enc|pd|vs|vl|vb|videresend|vidarebefordra|redir.|redir|"
    "i̇lt|ilt|ilt.|doorst|doorgestuurd|tov|továbbítás|пересл|переслать|fw:|πρθ|προώθ|"
    "转发|轉寄|転送|전달|prosl|přepos|preposl|ar aghaidh|reenv|inoltro|weiterleitung|wtr|"
    "prsl|pārs|pārsūt|pārsūtīt|edasi|edast|posr|posred|proslijedi|препр|препрати|"
    "továbbít|áfr|áframs|redirecționare|redirectionare|encaminhar|reenc|הועבר|העבר|"
    "توجيه|ส่งต่อ|tt|chuyển tiếp|fyi"
)
REPLY_PREFIXES = _set(
    "re|aw|sv|antw|antwort|r|ref|res|odp|odg|ynt|απ|ответ|отв|відп|отг|vá|válasz|"
    "atb|ats|vast|svar|回复|答复|回覆|답장|rif|rép|rep|ris|yanit|yanıt|返信|tr:re"
)
# Prefixes that are a forward in some languages and a reply in others.
AMBIGUOUS_REPLY = {"vs": frozenset({"fi", "et"})}
FINNISH_LABELS = _set("lähettäjä|vastaanottaja|lähetetty|aihe|päivämäärä|kopio|saatja")
