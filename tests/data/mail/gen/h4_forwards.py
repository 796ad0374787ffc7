# ruff: noqa: E501 - tables of localised texts, one entry a line
"""Holdout 4 (task h15fix): forwards the earlier corpora do not have — IDN domains
(Unicode and punycode) in forwarded header blocks, forwards topped by a colleague's
reply, header blocks in languages the label tables do not list (native digits
included), HTML-only blocks, nested and attached forwards. Written before the detector
was changed; every person and company is invented."""

from __future__ import annotations

from collections.abc import Iterator

from tests.data.mail.gen.h4_mime import (
    ALEX,
    ALIAS,
    KIM,
    SAM,
    Entry,
    fields,
    message,
    multipart,
    text_part,
    who,
)

ASK = "Could you send us pricing for 40 seats and tell us whether you support SSO?"

# IDN: (lang, client, customer name, address as written in the forwarded block)
IDN = (
    ("de", "outlook_desktop", "Jürgen Großmann", "j.grossmann@müller-bau.de"),
    ("de", "gmail", "Dörte Kühn", "doerte@bäckerei-kühn.de"),
    ("ru", "gmail", "Ольга Смирнова", "olga.smirnova@завод-север.рф"),
    ("en", "outlook_desktop", "Liam Byrne", "liam@xn--caf-dma.ie"),
    ("ja", "apple_mail", "田中 太郎", "tanaka@日本企業.jp"),
    ("da", "thunderbird", "Søren Ærø", "soren@xn--brbar-vua.dk"),
    ("sv", "outlook_web", "Åsa Öberg", "asa.oberg@åkeri-öst.se"),
    ("el", "gmail", "Νίκος Παππάς", "nikos@ελληνική-εταιρεία.gr"),
)


def _outlook_block(
    name: str, email: str, subject: str, sent: str = "Tuesday, 3 November 2026 09:12"
) -> str:
    return f"From: {name} <{email}>\nSent: {sent}\nTo: {KIM[0]} <{KIM[1]}>\nSubject: {subject}\n"


def idn(start: int) -> Iterator[Entry]:
    for j, (lang, client, name, email) in enumerate(IDN):
        i = start + j
        subject = f"Angebot {i}" if lang == "de" else f"Inquiry {i}"
        if client == "outlook_desktop" or client == "outlook_web":
            body = (
                "Please take this one.\n\n________________________________\n"
                + _outlook_block(name, email, subject)
                + f"\n{ASK}\n\n{name}\n"
            )
            outer = f"FW: {subject}"
        elif client == "apple_mail":
            body = (
                "よろしくお願いします。\n\n転送されたメッセージ:\n\n"
                f"差出人: {name} <{email}>\n件名: {subject}\n日付: 2026年11月3日 9:12:40 JST\n"
                f"宛先: {KIM[1]}\n\n{ASK}\n"
            )
            outer = f"転送: {subject}"
        elif client == "thunderbird":
            body = (
                "Til jer.\n\n-------- Videresendt meddelelse --------\n"
                f"Emne: \t{subject}\nDato: \tTue, 3 Nov 2026 09:12:40 +0100\n"
                f"Fra: \t{name} <{email}>\nTil: \t{KIM[0]} <{KIM[1]}>\n\n{ASK}\n"
            )
            outer = f"Fwd: {subject}"
        else:
            body = (
                "FYI\n\n---------- Forwarded message ---------\n"
                f"From: {name} <{email}>\nDate: Tue, 3 Nov 2026 at 09:12\nSubject: {subject}\n"
                f"To: <{KIM[1]}>\n\n{ASK}\n"
            )
            outer = f"Fwd: {subject}"
        raw = message(i, who(*KIM), outer, text_part(body), day=j)
        yield (
            f"forward/idn/{lang}-{i}.eml",
            raw,
            fields("forward", f"idn_{client}", lang, lead=email.lower(), referrer=KIM[1],
                   case="IDN domain in the forwarded header block"),
        )  # fmt: skip


# Attached forward whose inner From carries a punycode domain.
def idn_attached(i: int) -> Entry:
    email = "info@xn--mnchen-ost-9db.de"
    inner = (
        f"From: Maria Huber <{email}>\r\nTo: {KIM[1]}\r\nSubject: Anfrage\r\n"
        "Date: Mon, 2 Nov 2026 16:00:00 +0100\r\nMessage-ID: <inner.h4.attached@mail.muenchen>\r\n"
        "MIME-Version: 1.0\r\n"
    ).encode() + text_part("Guten Tag, wir brauchen ein Angebot für 25 Lizenzen.\n")
    body = multipart(
        "mixed",
        [
            text_part("Siehe Anhang.\n"),
            b"Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + inner,
        ],
        f"att{i}",
    )
    raw = message(i, who(*SAM), "WG: Anfrage", body)
    return (
        f"forward/idn/de-attached-{i}.eml",
        raw,
        fields("forward", "idn_rfc822", "de", lead=email, referrer=SAM[1],
               case="IDN domain in an attached forward"),
    )  # fmt: skip


# A colleague's reply on top of a forward: (lang, outer subject, note, layout)
TOPPED = (
    (
        "en",
        "RE: FW: Pricing for 40 seats",
        "Sales team, can someone pick this up? I'm travelling.",
        "outlook",
    ),
    ("de", "AW: WG: Angebot Lizenzen", "Kann das bitte jemand vom Vertrieb übernehmen?", "outlook"),
    ("fr", "RE: TR: Demande de devis", "Quelqu'un peut-il s'en occuper ?", "outlook"),
    ("es", "RE: RV: Solicitud de precios", "¿Alguien de ventas puede encargarse?", "outlook"),
    ("en", "Re: Fwd: Question about SSO", "Adding sales — this one is yours.", "gmail"),
    ("nl", "Re: Fwd: Offerte aanvraag", "Kan sales dit oppakken?", "gmail"),
)


def topped(start: int) -> Iterator[Entry]:
    for j, (lang, outer, note, layout) in enumerate(TOPPED):
        i = start + j
        cust = f"Petra Lindholm {i}", f"petra.lindholm{i}@nordlys-tech.no"
        subject = outer.split(": ", 2)[-1]
        if layout == "outlook":
            body = (
                f"{note}\n\nKim\n\nFrom: {SAM[0]} <{SAM[1]}>\nSent: Tuesday, 3 November 2026 10:02\n"
                f"To: {KIM[0]} <{KIM[1]}>\nSubject: {outer.split(': ', 1)[1]}\n\n"
                "Kim, this reached me by mistake.\n\nSam\n\n"
                f"From: {cust[0]} <{cust[1]}>\nSent: Tuesday, 3 November 2026 09:12\n"
                f"To: {SAM[0]} <{SAM[1]}>\nSubject: {subject}\n\n{ASK}\n"
            )
        else:
            body = (
                f"{note}\n\nKim\n\nOn Tue, 3 Nov 2026 at 10:02, {SAM[0]} <{SAM[1]}> wrote:\n\n"
                "> Kim, this reached me by mistake.\n>\n"
                "> ---------- Forwarded message ---------\n"
                f"> From: {cust[0]} <{cust[1]}>\n> Date: Tue, 3 Nov 2026 at 09:12\n"
                f"> Subject: {subject}\n> To: {SAM[0]} <{SAM[1]}>\n>\n> {ASK}\n"
            )
        raw = message(i, who(*KIM), outer, text_part(body), to=f"{ALIAS}", cc=SAM[1], day=j)
        yield (
            f"forward/topped/{lang}-{layout}-{i}.eml",
            raw,
            fields("forward", f"topped_{layout}", lang, lead=cust[1], referrer=KIM[1],
                   case="forward topped by a colleague's reply"),
        )  # fmt: skip


# Languages the label tables do not list: (lang, From, To, Date, Subject labels,
# separator words, date value, subject prefix)
UNLISTED = (
    (
        "lb",
        "Vum",
        "Un",
        "Datum",
        "Sujet",
        "Weidergeleet Message",
        "Dënschdeg, 3. November 2026 um 09:12",
        "Fwd",
    ),
    (
        "uz",
        "Kimdan",
        "Kimga",
        "Sana",
        "Mavzu",
        "Yo‘naltirilgan xabar",
        "2026-yil 3-noyabr, 09:12",
        "Fwd",
    ),
    (
        "mn",
        "Илгээгч",
        "Хүлээн авагч",
        "Огноо",
        "Гарчиг",
        "Дамжуулсан захидал",
        "2026 оны 11-р сарын 3, 09:12",
        "Fwd",
    ),
    ("am", "ከ", "ለ", "ቀን", "ርዕሰ ጉዳይ", "የተላለፈ መልዕክት", "ማክሰኞ፣ ኖቬምበር 3 2026 09:12", "Fwd"),
    (
        "ta",
        "அனுப்புநர்",
        "பெறுநர்",
        "தேதி",
        "பொருள்",
        "முன்னனுப்பப்பட்ட செய்தி",
        "செவ்., 3 நவ., 2026, 9:12 AM",
        "Fwd",
    ),
    ("bn", "প্রেরক", "প্রাপক", "তারিখ", "বিষয়", "ফরওয়ার্ড করা মেসেজ", "মঙ্গল, ৩ নভে, ২০২৬ ৯:১২ AM", "Fwd"),
    (
        "zu",
        "Kusuka",
        "Ku",
        "Usuku",
        "Isihloko",
        "Umlayezo odluliselwe",
        "Lwesibili, Nov 3, 2026 ngo-9:12",
        "Fwd",
    ),
    ("si", "යවන්නා", "වෙත", "දිනය", "විෂයය", "ඉදිරියට යැවූ පණිවිඩය", "2026 නොවැ 3, අඟ, පෙ.ව. 9.12", "Fwd"),
    (
        "km",
        "ពី",
        "ទៅ",
        "កាលបរិច្ឆេទ",
        "ប្រធានបទ",
        "សារដែលបានបញ្ជូនបន្ត",
        "ថ្ងៃអង្គារ ទី៣ ខែវិច្ឆិកា ឆ្នាំ២០២៦ ម៉ោង ៩:១២",
        "Fwd",
    ),
    (
        "ha",
        "Daga",
        "Zuwa",
        "Kwanan wata",
        "Magana",
        "Saƙon da aka tura",
        "Talata, 3 Nuwamba 2026 09:12",
        "Fwd",
    ),
    ("lo", "ຈາກ", "ເຖິງ", "ວັນທີ", "ຫົວຂໍ້", "ຂໍ້ຄວາມທີ່ສົ່ງຕໍ່", "ວັນອັງຄານ, 3 ພ.ຈ. 2026 09:12", "Fwd"),
    ("my", "မှ", "သို့", "ရက်စွဲ", "အကြောင်းအရာ", "ထပ်ဆင့်ပို့ထားသော စာ", "၂၀၂၆ နို ၃ ၀၉:၁၂", "Fwd"),
    ("pa", "ਤੋਂ", "ਨੂੰ", "ਮਿਤੀ", "ਵਿਸ਼ਾ", "ਅੱਗੇ ਭੇਜਿਆ ਸੁਨੇਹਾ", "ਮੰਗਲ, 3 ਨਵੰ 2026, 9:12", "Fwd"),
    (
        "tg",
        "Аз",
        "Ба",
        "Сана",
        "Мавзӯъ",
        "Паёми интиқолшуда",
        "Сешанбе, 3 ноябри 2026, 09:12",
        "Инт",
    ),
    (
        "yo",
        "Láti",
        "Sí",
        "Ọjọ́",
        "Kókó ọ̀rọ̀",
        "Ìfiránṣẹ́ tí a dárí",
        "Ọjọ́rú, 3 Nov 2026 ní 09:12",
        "Dárí",
    ),
    ("ky", "Кимден", "Кимге", "Күнү", "Темасы", "Багытталган кат", "2026-ж., 3-ноя., 09:12", "Баг"),
)
LAYOUTS = ("gmail", "outlook", "gmail", "outlook_html", "bare")


def _block(row: tuple[str, ...], name: str, email: str, subject: str, order: str) -> list[str]:
    lang, frm, to, date, subj = row[:5]
    value = row[6]
    lines = {
        "f": f"{frm}: {name} <{email}>",
        "d": f"{date}: {value}",
        "s": f"{subj}: {subject}",
        "t": f"{to}: {KIM[0]} <{KIM[1]}>",
    }
    return [lines[c] for c in order]


def unlisted(start: int) -> Iterator[Entry]:
    for j, row in enumerate(UNLISTED):
        i = start + j
        lang, sep_words, prefix = row[0], row[5], row[7]
        name, email = f"Kofi Mensah {i}", f"kofi.mensah{i}@savanna-{lang}-trade.com"
        subject = f"Pricing question {i}"
        layout = LAYOUTS[j % len(LAYOUTS)]
        note = "FYI — see below."
        if layout == "gmail":
            block = _block(row, name, email, subject, "fdst")
            text = f"{note}\n\n---------- {sep_words} ---------\n" + "\n".join(block)
            body = text_part(f"{text}\n\n{ASK}\n")
        elif layout == "outlook":
            block = _block(row, name, email, subject, "fdts")
            text = f"{note}\n\n________________________________\n" + "\n".join(block)
            body = text_part(f"{text}\n\n{ASK}\n")
        elif layout == "outlook_html":
            block = _block(row, name, email, subject, "fdts")
            cells = "<br>\n".join(
                f"<b>{b.split(': ', 1)[0]}:</b> {b.split(': ', 1)[1].replace('<', '&lt;').replace('>', '&gt;')}"
                for b in block
            )
            html = (
                f"<html><body><div>{note}</div><div><br></div>"
                '<hr style="display:inline-block;width:98%" tabindex="-1">'
                f'<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri">{cells}</font>'
                f"<div>&nbsp;</div></div><div>{ASK}</div></body></html>"
            )
            body = text_part(html, "html")
        else:  # no separator at all: the block under the colleague's note
            block = _block(row, name, email, subject, "fdst")
            body = text_part(f"{note}\n\n" + "\n".join(block) + f"\n\n{ASK}\n")
        colleague = (KIM, SAM, ALEX)[j % 3]
        raw = message(i, who(*colleague), f"{prefix}: {subject}", body, day=j)
        yield (
            f"forward/unlisted/{lang}-{layout}-{i}.eml",
            raw,
            fields("forward", f"unlisted_{layout}", lang, lead=email, referrer=colleague[1],
                   case="labels the tables do not list"),
        )  # fmt: skip


def odd_senders(start: int) -> Iterator[Entry]:
    """Sender lines as some clients and conversions write them."""
    forms = (
        ("name_then_address_below", "From: Ines Duarte\n<ines.duarte{i}@lisboa-moveis.pt>"),
        ("mailto", "From: Ines Duarte [mailto:ines.duarte{i}@lisboa-moveis.pt]"),
        ("parenthesised", "From: ines.duarte{i}@lisboa-moveis.pt (Ines Duarte)"),
        ("quoted_comma", 'From: "Duarte, Ines" <ines.duarte{i}@lisboa-moveis.pt>'),
        ("bare_no_date", "From: ines.duarte{i}@lisboa-moveis.pt"),
    )
    for j, (case, line) in enumerate(forms):
        i = start + j
        date = "" if case == "bare_no_date" else "Sent: Tuesday, 3 November 2026 09:12\n"
        body = (
            "Over to you.\n\n-----Original Message-----\n"
            + line.format(i=i)
            + "\n"
            + date
            + f"To: {KIM[1]}\nSubject: Orçamento {i}\n\n{ASK}\n"
        )
        raw = message(i, who(*KIM), f"FW: Orçamento {i}", text_part(body), day=j)
        yield (
            f"forward/senders/{case}-{i}.eml",
            raw,
            fields("forward", f"sender_{case}", "pt", lead=f"ines.duarte{i}@lisboa-moveis.pt",
                   referrer=KIM[1], case=f"sender form: {case}"),
        )  # fmt: skip


def nested_and_traps(start: int) -> Iterator[Entry]:
    # Nested in an unlisted language (Luxembourgish): colleague -> colleague -> customer.
    i = start
    cust = f"marc.weber{i}@lux-logistik.lu"
    body = (
        "Fir iech.\n\n---------- Weidergeleet Message ---------\n"
        f"Vum: {SAM[0]} <{SAM[1]}>\nDatum: Dënschdeg, 3. November 2026 um 10:00\n"
        f"Sujet: Fwd: Offer\nUn: <{KIM[1]}>\n\nKuck mol.\n\n"
        "---------- Weidergeleet Message ---------\n"
        f"Vum: Marc Weber <{cust}>\nDatum: Dënschdeg, 3. November 2026 um 09:00\n"
        f"Sujet: Offer\nUn: <{SAM[1]}>\n\n{ASK}\n"
    )
    yield (
        f"forward/nested/lb-{i}.eml",
        message(i, who(*KIM), "Fwd: Fwd: Offer", text_part(body)),
        fields("forward", "nested_unlisted", "lb", lead=cust, referrer=KIM[1], case="nested forward"),
    )  # fmt: skip
    # A forwarded customer mail that quotes a competitor's reply (unlisted labels).
    i = start + 1
    cust = f"amina.bello{i}@lagos-agro.ng"
    body = (
        "Please follow up.\n\n---------- Saƙon da aka tura ---------\n"
        f"Daga: Amina Bello <{cust}>\nKwanan wata: Talata, 3 Nuwamba 2026 09:12\n"
        f"Magana: Re: Quote\nZuwa: <{KIM[1]}>\n\nWe got the quote below from another vendor; "
        "can you beat it?\n\n"
        "Daga: Rival Rep <rep@rival-vendor.com>\nKwanan wata: Litinin, 2 Nuwamba 2026 15:00\n"
        f"Zuwa: Amina Bello <{cust}>\nMagana: Quote\n\nOur price is 30 EUR per seat.\n"
    )
    yield (
        f"forward/traps/ha-quoted-competitor-{i}.eml",
        message(i, who(*KIM), "Fwd: Re: Quote", text_part(body)),
        fields("forward", "quoted_competitor", "ha", lead=cust, referrer=KIM[1],
               case="quotes an earlier header block"),
    )  # fmt: skip


def forwards(start: int = 4000) -> list[Entry]:
    out: list[Entry] = []
    out += list(idn(start))
    out.append(idn_attached(start + 20))
    out += list(topped(start + 30))
    out += list(unlisted(start + 40))
    out += list(odd_senders(start + 70))
    out += list(nested_and_traps(start + 80))
    return out
