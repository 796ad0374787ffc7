"""Per-language header labels, separators and subject prefixes of each mail client.

Written from the layouts that public mail-parsing projects' fixtures and the clients'
own localisations show (Gmail, Apple Mail, Outlook desktop / web / Mac, Thunderbird,
Yahoo, HubSpot, Zimbra, IONOS). ``None`` means the client is not generated in that
language (no known localisation, or the client shows English there).

Label tuples keep each client's own order:
  outlook  (from, sent, to, cc, subject)        Windows desktop, web, new Outlook
  nol      (from, date, to, cc, subject)        Outlook for Mac ("new Outlook"), no separator
  apple    (from, subject, date, to, cc)
  tb       (subject, date, from, to, cc)        Thunderbird
  yahoo    (from, to, cc, sent, subject)        one line
  hubspot  (from, date, subject, to, cc)
  zimbra   (from, to, cc, sent, subject)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lang:
    code: str
    colon: str  # ": " or, in French typography, " : "
    gmail_from: str
    gmail_at: str  # the word between Gmail's date and time ("at", "um", "à" …)
    outlook: tuple[str, str, str, str, str]
    outlook_prefix: str  # Outlook's forward prefix in this language ("FW", "WG", "TR" …)
    original_message: str  # "-----Original Message-----" in this language
    reply_prefix: str
    ooo_subject: str  # the localised "Automatic reply" subject prefix
    read_subject: str  # the localised read-receipt subject prefix
    ndr_subject: str  # Exchange's localised "Undeliverable" subject prefix
    nol: tuple[str, str, str, str, str] | None = None
    mac_wrote: str | None = None  # Outlook 2019 for Mac: 'On {date}, "{name}" <{email}> wrote:'
    apple_sep: str | None = None
    apple: tuple[str, str, str, str, str] | None = None
    apple_ios_sep: str | None = None
    tb_sep: str | None = None
    tb: tuple[str, str, str, str, str] | None = None
    yahoo_sep: str | None = None
    yahoo: tuple[str, str, str, str, str] | None = None
    hubspot_sep: str | None = None
    hubspot: tuple[str, str, str, str, str] | None = None
    zimbra_sep: str | None = None
    zimbra: tuple[str, str, str, str, str] | None = None
    owa_sent: str | None = None  # Outlook on the web's "Sent" label when it differs
    tld: str = "com"


LANGS: dict[str, Lang] = {}


def _add(lang: Lang) -> None:
    LANGS[lang.code] = lang


_add(
    Lang(
        "en",
        ": ",
        "From",
        "at",
        ("From", "Sent", "To", "Cc", "Subject"),
        "FW",
        "Original Message",
        "RE",
        "Automatic reply",
        "Read",
        "Undeliverable",
        nol=("From", "Date", "To", "Cc", "Subject"),
        mac_wrote='On {date}, "{name}" <{email}> wrote:',
        apple_sep="Begin forwarded message:",
        apple=("From", "Subject", "Date", "To", "Cc"),
        tb_sep="-------- Forwarded Message --------",
        tb=("Subject", "Date", "From", "To", "CC"),
        yahoo_sep="Forwarded Message",
        yahoo=("From", "To", "Cc", "Sent", "Subject"),
        hubspot_sep="Forwarded message",
        hubspot=("From", "Date", "Subject", "To", "Cc"),
        zimbra_sep="Forwarded Message",
        zimbra=("From", "To", "Cc", "Sent", "Subject"),
        tld="com",
    )
)
_add(
    Lang(
        "de",
        ": ",
        "Von",
        "um",
        ("Von", "Gesendet", "An", "Cc", "Betreff"),
        "WG",
        "Ursprüngliche Nachricht",
        "AW",
        "Automatische Antwort",
        "Gelesen",
        "Unzustellbar",
        nol=("Von", "Datum", "An", "Cc", "Betreff"),
        mac_wrote='Am {date} schrieb "{name}" <{email}>:',
        apple_sep="Anfang der weitergeleiteten Nachricht:",
        apple=("Von", "Betreff", "Datum", "An", "Kopie"),
        tb_sep="-------- Weitergeleitete Nachricht --------",
        tb=("Betreff", "Datum", "Von", "An", "Kopie (CC)"),
        yahoo_sep="Weitergeleitete Nachricht",
        yahoo=("Von", "An", "CC", "Gesendet", "Betreff"),
        hubspot_sep="Weitergeleitete Nachricht",
        hubspot=("Von", "Datum", "Betreff", "An", "Cc"),
        zimbra_sep="Weitergeleitete Nachricht",
        zimbra=("Von", "An", "CC", "Gesendet", "Betreff"),
        tld="de",
    )
)
_add(
    Lang(
        "fr",
        " : ",
        "De",
        "à",
        ("De", "Envoyé", "À", "Cc", "Objet"),
        "TR",
        "Message d'origine",
        "RE",
        "Réponse automatique",
        "Lu",
        "Non remis",
        nol=("De", "Date", "À", "Cc", "Objet"),
        mac_wrote="Le {date}, « {name} » <{email}> a écrit :",
        apple_sep="Début du message réexpédié :",
        apple=("De", "Objet", "Date", "À", "Cc"),
        apple_ios_sep="Début du message transféré :",
        tb_sep="-------- Message transféré --------",
        tb=("Sujet", "Date", "De", "Pour", "Copie à"),
        yahoo_sep="Message transmis",
        yahoo=("De", "À", "Cc", "Envoyé", "Objet"),
        hubspot_sep="Message transféré",
        hubspot=("De", "Date", "Objet", "À", "Cc"),
        zimbra_sep="Mail transféré",
        zimbra=("De", "À", "Cc", "Envoyé", "Objet"),
        tld="fr",
    )
)
_add(
    Lang(
        "es",
        ": ",
        "De",
        "a las",
        ("De", "Enviado el", "Para", "CC", "Asunto"),
        "RV",
        "Mensaje original",
        "RE",
        "Respuesta automática",
        "Leído",
        "No se puede entregar",
        nol=("De", "Fecha", "Para", "CC", "Asunto"),
        mac_wrote='El {date}, "{name}" <{email}> escribió:',
        apple_sep="Inicio del mensaje reenviado:",
        apple=("De", "Asunto", "Fecha", "Para", "Cc"),
        tb_sep="-------- Mensaje reenviado --------",
        tb=("Asunto", "Fecha", "De", "Para", "CC"),
        yahoo_sep="Mensaje reenviado",
        yahoo=("De", "Para", "CC", "Enviado", "Asunto"),
        hubspot_sep="Mensaje reenviado",
        hubspot=("De", "Fecha", "Asunto", "A", "Cc"),
        zimbra_sep="Mensaje reenviado",
        zimbra=("De", "Para", "CC", "Enviado", "Asunto"),
        owa_sent="Enviado",
        tld="es",
    )
)
_add(
    Lang(
        "it",
        ": ",
        "Da",
        "alle ore",
        ("Da", "Inviato", "A", "Cc", "Oggetto"),
        "I",
        "Messaggio originale",
        "R",
        "Risposta automatica",
        "Letto",
        "Non recapitabile",
        nol=("Da", "Data", "A", "Cc", "Oggetto"),
        mac_wrote='Il giorno {date} "{name}" <{email}> ha scritto:',
        apple_sep="Inizio messaggio inoltrato:",
        apple=("Da", "Oggetto", "Data", "A", "Cc"),
        tb_sep="-------- Messaggio Inoltrato --------",
        tb=("Oggetto", "Data", "Mittente", "A", "CC"),
        yahoo_sep="Messaggio inoltrato",
        yahoo=("Da", "A", "Cc", "Inviato", "Oggetto"),
        hubspot_sep="Messaggio inoltrato",
        hubspot=("Da", "Data", "Oggetto", "A", "Cc"),
        zimbra_sep="Messaggio inoltrato",
        zimbra=("Da", "A", "Cc", "Inviato", "Oggetto"),
        tld="it",
    )
)
_add(
    Lang(
        "nl",
        ": ",
        "Van",
        "om",
        ("Van", "Verzonden", "Aan", "CC", "Onderwerp"),
        "FW",
        "Oorspronkelijk bericht",
        "RE",
        "Automatisch antwoord",
        "Gelezen",
        "Onbestelbaar",
        nol=("Van", "Datum", "Aan", "CC", "Onderwerp"),
        mac_wrote="Op {date} heeft {name} <{email}> geschreven:",
        apple_sep="Begin doorgestuurd bericht:",
        apple=("Van", "Onderwerp", "Datum", "Aan", "Kopie"),
        tb_sep="-------- Doorgestuurd bericht --------",
        tb=("Onderwerp", "Datum", "Van", "Aan", "CC"),
        yahoo_sep="Doorgestuurd bericht",
        yahoo=("Van", "Aan", "Cc", "Verzonden", "Onderwerp"),
        hubspot_sep="Doorgestuurd bericht",
        hubspot=("Van", "Datum", "Onderwerp", "Aan", "Cc"),
        zimbra_sep="Doorgestuurd bericht",
        zimbra=("Van", "Aan", "Cc", "Verzonden", "Onderwerp"),
        tld="nl",
    )
)
_add(
    Lang(
        "pt",
        ": ",
        "De",
        "às",
        ("De", "Enviado", "Para", "Cc", "Assunto"),
        "ENC",
        "Mensagem original",
        "RE",
        "Resposta automática",
        "Lida",
        "Não é possível entregar",
        nol=("De", "Data", "Para", "CC", "Assunto"),
        mac_wrote='Em {date}, "{name}" <{email}> escreveu:',
        apple_sep="Início da mensagem reencaminhada:",
        apple=("De", "Assunto", "Data", "Para", "Cc"),
        apple_ios_sep="Início da mensagem encaminhada:",
        tb_sep="-------- Mensagem reencaminhada --------",
        tb=("Assunto", "Data", "De", "Para", "CC"),
        yahoo_sep="Mensagem reencaminhada",
        yahoo=("De", "Para", "Cc", "Enviado", "Assunto"),
        hubspot_sep="Mensagem encaminhada",
        hubspot=("De", "Data", "Assunto", "Para", "Cc"),
        tld="pt",
    )
)
_add(
    Lang(
        "pl",
        ": ",
        "Od",
        "o",
        ("Od", "Wysłano", "Do", "DW", "Temat"),
        "PD",
        "Wiadomość oryginalna",
        "RE",
        "Odpowiedź automatyczna",
        "Przeczytano",
        "Niedostarczalne",
        nol=("Od", "Data", "Do", "DW", "Temat"),
        mac_wrote="Dnia {date} „{name}” <{email}> napisał:",
        apple_sep="Początek przekazywanej wiadomości:",
        apple=("Od", "Temat", "Data", "Do", "Dw"),
        tb_sep="--- Treść przekazanej wiadomości ---",
        tb=("Temat", "Data", "Nadawca", "Adresat", "Kopia"),
        yahoo_sep="Przekazana wiadomość",
        yahoo=("Od", "Do", "Dw", "Wysłano", "Temat"),
        hubspot_sep="Wiadomość przesłana dalej",
        hubspot=("Od", "Data", "Temat", "Do", "DW"),
        zimbra_sep="Przekazana wiadomość",
        zimbra=("Od", "Do", "DW", "Wysłane", "Temat"),
        tld="pl",
    )
)
_add(
    Lang(
        "sv",
        ": ",
        "Från",
        "kl.",
        ("Från", "Skickat", "Till", "Kopia", "Ämne"),
        "VB",
        "Ursprungligt meddelande",
        "SV",
        "Autosvar",
        "Läst",
        "Ej levererbart",
        nol=("Från", "Datum", "Till", "Kopia", "Ämne"),
        mac_wrote='Den {date} skrev "{name}" <{email}> följande:',
        apple_sep="Vidarebefordrat mejl:",
        apple=("Från", "Ämne", "Datum", "Till", "Kopia"),
        tb_sep="-------- Vidarebefordrat meddelande --------",
        tb=("Ämne", "Datum", "Från", "Till", "Kopia"),
        yahoo_sep="Vidarebefordrat meddelande",
        yahoo=("Från", "Till", "Kopia", "Skickat", "Ämne"),
        hubspot_sep="Vidarebefordrat meddelande",
        hubspot=("Från", "Datum", "Ämne", "Till", "Kopia"),
        tld="se",
    )
)
_add(
    Lang(
        "da",
        ": ",
        "Fra",
        "kl.",
        ("Fra", "Sendt", "Til", "Cc", "Emne"),
        "VS",
        "Oprindelig meddelelse",
        "SV",
        "Automatisk svar",
        "Læst",
        "Kan ikke leveres",
        nol=("Fra", "Dato", "Til", "Cc", "Emne"),
        mac_wrote='D. {date} skrev "{name}" <{email}>:',
        apple_sep="Start på videresendt besked:",
        apple=("Fra", "Emne", "Dato", "Til", "Cc"),
        tb_sep="-------- Videresendt meddelelse --------",
        tb=("Subject", "Date", "From", "To", "CC"),
        yahoo_sep="Videresendt meddelelse",
        yahoo=("Fra", "Til", "Cc", "Sendt", "Emne"),
        tld="dk",
    )
)
_add(
    Lang(
        "fi",
        ": ",
        "Lähettäjä",
        "klo",
        ("Lähettäjä", "Lähetetty", "Vastaanottaja", "Kopio", "Aihe"),
        "VL",
        "Alkuperäinen viesti",
        "VS",
        "Automaattinen vastaus",
        "Luettu",
        "Ei voitu toimittaa",
        nol=("Lähettäjä", "Päivämäärä", "Vastaanottaja", "Kopio", "Aihe"),
        mac_wrote="{name} <{email}> kirjoitti {date}:",
        apple_sep="Välitetty viesti alkaa:",
        apple=("Lähettäjä", "Aihe", "Päivämäärä", "Vastaanottaja", "Kopio"),
        tb_sep="-------- Välitetty viesti / Fwd.Msg --------",
        tb=("Aihe", "Päiväys", "Lähettäjä", "Vastaanottaja", "Kopio"),
        yahoo_sep="Edelleenlähetetty viesti",
        yahoo=("Lähettäjä", "Vastaanottaja", "Kopio", "Lähetetty", "Aihe"),
        hubspot_sep="Edelleenlähetetty viesti",
        hubspot=("Lähettäjä", "Päivämäärä", "Aihe", "Vastaanottaja", "Kopio"),
        tld="fi",
    )
)
_add(
    Lang(
        "cs",
        ": ",
        "Od",
        "v",
        ("Od", "Odesláno", "Komu", "Kopie", "Předmět"),
        "FW",
        "Původní zpráva",
        "RE",
        "Automatická odpověď",
        "Přečteno",
        "Nedoručitelné",
        nol=("Od", "Datum", "Komu", "Kopie", "Předmět"),
        mac_wrote="Dne {date}, {name} <{email}> napsal(a):",
        apple_sep="Začátek přeposílané zprávy:",
        apple=("Od", "Předmět", "Datum", "Komu", "Kopie"),
        tb_sep="-------- Přeposlaná zpráva --------",
        tb=("Předmět", "Datum", "Od", "Komu", "Kopie"),
        yahoo_sep="Přeposlaná zpráva",
        yahoo=("Od", "Komu", "Kopie", "Datum", "Předmět"),
        tld="cz",
    )
)
_add(
    Lang(
        "sk",
        ": ",
        "Od",
        "o",
        ("Od", "Odoslané", "Komu", "Kópia", "Predmet"),
        "FW",
        "Pôvodná správa",
        "RE",
        "Automatická odpoveď",
        "Prečítané",
        "Nedoručiteľné",
        nol=("Od", "Dátum", "Komu", "Kópia", "Predmet"),
        mac_wrote="{date} používateľ {name} (<{email}>) napísal:",
        apple_sep="Začiatok preposlanej správy:",
        apple=("Od", "Predmet", "Dátum", "Pre", "Cc"),
        tb_sep="-------- Preposlaná správa --- Forwarded Message --------",
        tb=("Predmet", "Dátum", "Od", "Pre", "Kópia"),
        yahoo_sep="Preposlaná správa",
        yahoo=("Od", "Komu", "Kópia", "Odoslané", "Predmet"),
        tld="sk",
    )
)
_add(
    Lang(
        "hu",
        ": ",
        "Feladó",
        "",
        ("Feladó", "Elküldve", "Címzett", "Másolatot kap", "Tárgy"),
        "FW",
        "Eredeti üzenet",
        "V",
        "Automatikus válasz",
        "Olvasva",
        "Kézbesíthetetlen",
        nol=("Feladó", "Dátum", "Címzett", "Másolatot kap", "Tárgy"),
        mac_wrote="{date} időpontban {name} ({email}) ezt írta:",
        apple_sep="Továbbított levél kezdete:",
        apple=("Feladó", "Tárgy", "Dátum", "Címzett", "Másolat"),
        tb_sep="-------- Továbbított üzenet --------",
        tb=("Tárgy", "Dátum", "Feladó", "Címzett", "CC"),
        yahoo_sep="Továbbított üzenet",
        yahoo=("Feladó", "Címzett", "Másolat", "Elküldve", "Tárgy"),
        tld="hu",
    )
)
_add(
    Lang(
        "ro",
        ": ",
        "De la",
        "la",
        ("De la", "Trimis", "Către", "Cc", "Subiect"),
        "Redir.",
        "Mesaj original",
        "RE",
        "Răspuns automat",
        "Citit",
        "Nelivrabil",
        apple_sep="Începe mesajul redirecționat:",
        apple=("Expeditorul", "Subiectul", "Dată", "Destinatarul", "Cc"),
        tb_sep="-------- Mesajul original --------",
        tb=("Subiectul", "Dată", "de la", "Către", "CC"),
        yahoo_sep="Mesaj redirecționat",
        yahoo=("De la", "Către", "Cc", "Trimis", "Subiect"),
        tld="ro",
    )
)
_add(
    Lang(
        "ru",
        ": ",
        "От",
        "в",
        ("От", "Отправлено", "Кому", "Копия", "Тема"),
        "FW",
        "Исходное сообщение",
        "RE",
        "Автоматический ответ",
        "Прочитано",
        "Не доставлено",
        nol=("От", "Дата", "Кому", "Копия", "Тема"),
        mac_wrote='{date} пользователь "{name}" <{email}> написал:',
        apple_sep="Начало переадресованного сообщения:",
        apple=("Отправитель", "Тема", "Дата", "Кому", "Копия"),
        tb_sep="-------- Перенаправленное сообщение --------",
        tb=("Тема", "Дата", "От", "Кому", "Копия"),
        yahoo_sep="Пересылаемое сообщение",
        yahoo=("От", "Кому", "Копия", "Отправлено", "Тема"),
        tld="ru",
    )
)
_add(
    Lang(
        "uk",
        ": ",
        "Від",
        "о",
        ("Від", "Надіслано", "Кому", "Копія", "Тема"),
        "FW",
        "Оригінальне повідомлення",
        "RE",
        "Автоматична відповідь",
        "Прочитано",
        "Не доставлено",
        apple_sep="Початок листа, що пересилається:",
        apple=("Від кого", "Тема", "Дата", "Кому", "Копія"),
        tb_sep="-------- Переслане повідомлення --------",
        tb=("Тема", "Дата", "Від", "Кому", "CC"),
        yahoo_sep="Перенаправлене повідомлення",
        yahoo=("Від", "Кому", "Копія", "Відправлено", "Тема"),
        tld="com.ua",
    )
)
_add(
    Lang(
        "tr",
        ": ",
        "Gönderen",
        "",
        ("Kimden", "Gönderildi", "Kime", "Bilgi", "Konu"),
        "İLT",
        "Özgün İleti",
        "YNT",
        "Otomatik yanıt",
        "Okundu",
        "Teslim edilemedi",
        nol=("Kimden", "Tarih", "Kime", "Bilgi", "Konu"),
        mac_wrote='"{name}" <{email}>, {date} tarihinde şunu yazdı:',
        apple_sep="İleti başlangıcı:",
        apple=("Kimden", "Konu", "Tarih", "Kime", "Bilgi"),
        tb_sep="-------- İletilen İleti --------",
        tb=("Konu", "Tarih", "Kimden", "Kime", "CC"),
        yahoo_sep="İletilmiş Mesaj",
        yahoo=("Kimden", "Kime", "Cc", "Gönderilen", "Konu"),
        tld="com.tr",
    )
)
_add(
    Lang(
        "ja",
        ": ",
        "差出人",
        "",
        ("差出人", "送信日時", "宛先", "CC", "件名"),
        "FW",
        "Original Message",
        "RE",
        "自動応答",
        "開封済み",
        "配信不能",
        apple_sep="転送されたメッセージ:",
        apple=("差出人", "件名", "日付", "宛先", "Cc"),
        tb_sep="-------- Forwarded Message --------",
        tb=("件名", "日付", "差出人", "宛先", "CC"),
        hubspot_sep="メッセージを転送",
        hubspot=("送信元", "日付", "件名", "送信先", "CC"),
        tld="co.jp",
    )
)
_add(
    Lang(
        "bg",
        ": ",
        "От",
        "в",
        ("От", "Изпратено", "До", "Копие", "Тема"),
        "FW",
        "Оригинално съобщение",
        "RE",
        "Автоматичен отговор",
        "Прочетено",
        "Недоставимо",
        tb_sep="-------- Оригинално писмо --------",
        tb=("Тема", "Дата", "От", "До", "Копие"),
        tld="bg",
    )
)
_add(
    Lang(
        "el",
        ": ",
        "Από",
        "στις",
        ("Από", "Στάλθηκε", "Προς", "Κοιν.", "Θέμα"),
        "ΠΡΘ",
        "Αρχικό μήνυμα",
        "ΑΠ",
        "Αυτόματη απάντηση",
        "Αναγνωσμένο",
        "Δεν ήταν δυνατή η παράδοση",
        apple_sep="Έναρξη προωθημένου μηνύματος:",
        apple=("Από", "Θέμα", "Ημερομηνία", "Προς", "Κοιν."),
        tb_sep="-------- Forwarded Message --------",
        tb=("Θέμα", "Ημερομηνία", "Από", "Προς", "Κοιν."),
        tld="gr",
    )
)
_add(
    Lang(
        "et",
        ": ",
        "Saatja",
        "kell",
        ("Saatja", "Saadetud", "Adressaat", "Koopia", "Teema"),
        "FW",
        "Algsõnum",
        "RE",
        "Automaatvastus",
        "Loetud",
        "Kättetoimetamatu",
        tb_sep="-------- Edastatud kiri --------",
        tb=("Teema", "Kuupäev", "Saatja", "Saaja", "Koopia"),
        tld="ee",
    )
)
_add(
    Lang(
        "lt",
        ": ",
        "Nuo",
        "",
        ("Nuo", "Išsiųsta", "Kam", "Kopija", "Tema"),
        "FW",
        "Pradinis laiškas",
        "RE",
        "Automatinis atsakymas",
        "Perskaityta",
        "Nepristatyta",
        tb_sep="-------- Persiųstas laiškas --------",
        tb=("Tema", "Data", "Nuo", "Kam", "Kopija"),
        tld="lt",
    )
)
_add(
    Lang(
        "lv",
        ": ",
        "No",
        "",
        ("No", "Nosūtīts", "Kam", "Kopija", "Tēma"),
        "FW",
        "Sākotnējais ziņojums",
        "RE",
        "Automātiskā atbilde",
        "Izlasīts",
        "Nevar piegādāt",
        tb_sep="-------- Pārsūtīta vēstule --------",
        tb=("Temats", "Datums", "No", "Kam", "Kopija"),
        tld="lv",
    )
)
_add(
    Lang(
        "sl",
        ": ",
        "Od",
        "ob",
        ("Od", "Poslano", "Za", "Kp", "Zadeva"),
        "FW",
        "Izvirno sporočilo",
        "RE",
        "Samodejni odgovor",
        "Prebrano",
        "Ni mogoče dostaviti",
        tb_sep="-------- Posredovano sporočilo --------",
        tb=("Zadeva", "Datum", "Od", "Za", "Kp"),
        tld="si",
    )
)
_add(
    Lang(
        "hr",
        ": ",
        "Šalje",
        "u",
        ("Šalje", "Poslano", "Prima", "Kopija", "Predmet"),
        "FW",
        "Izvorna poruka",
        "RE",
        "Automatski odgovor",
        "Pročitano",
        "Neisporučivo",
        apple_sep="Započni proslijeđenu poruku:",
        apple=("Šalje", "Predmet", "Datum", "Prima", "Cc"),
        tb_sep="-------- Proslijeđena poruka --------",
        tb=("Naslov", "Datum", "Šalje", "Prima", "CC"),
        tld="hr",
    )
)
_add(
    Lang(
        "ga",
        ": ",
        "Ó",
        "ag",
        ("Ó", "Seolta", "Chuig", "Cc", "Ábhar"),
        "FW",
        "Teachtaireacht Bhunaidh",
        "RE",
        "Freagra uathoibríoch",
        "Léite",
        "Neamhsheachadta",
        tb_sep="-------- Teachtaireacht Ar Aghaidh --------",
        tb=("Ábhar", "Dáta", "Ó", "Chuig", "CC"),
        tld="ie",
    )
)
_add(
    Lang(
        "mt",
        ": ",
        "Minn",
        "fil-",
        ("From", "Sent", "To", "Cc", "Subject"),
        "FW",
        "Original Message",
        "RE",
        "Tweġiba awtomatika",
        "Moqri",
        "Undeliverable",
        tld="com.mt",
    )
)

EU_AND_MORE = tuple(LANGS)
