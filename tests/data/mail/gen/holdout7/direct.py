"""Direct customer mails, internal mails and colleague replies (holdout7)."""

from mime import *

# (lang, client, name, email, subject, body, charset, cte, extra)
DIRECT = [
    (
        "en",
        "gmail",
        "Tobias Grennan",
        "tobias.grennan@gmail.com",
        "Thanks for your message - follow-up on pricing",
        "Thanks for your message last week. I have now talked to my manager and we would like a formal quote for 12 seats.\n\nTobias",
        "utf-8",
        "8bit",
        "",
    ),
    (
        "en",
        "outlook_desktop",
        "Yasmin Haddad",
        "yasmin.haddad@oasisbridge-consulting.ae",
        "Out of office next week - can we talk today?",
        "Hi,\nI will be out of office from Monday, so could someone call me today about the enterprise plan?\n+971 4 555 0142\n\nYasmin",
        "utf-8",
        "quoted-printable",
        "",
    ),
    (
        "de",
        "thunderbird",
        "Anneliese Trautwein",
        "a.trautwein@gmx.at",
        "Anfrage: weitergeleitet von unserem IT-Leiter",
        "Sehr geehrte Damen und Herren,\nunser IT-Leiter hat mir Ihre Broschüre weitergeleitet. Wir interessieren uns für 8 Lizenzen.\n\nFreundliche Grüße\nAnneliese Trautwein",
        "iso-8859-1",
        "quoted-printable",
        "",
    ),
    (
        "pl",
        "outlook_desktop",
        "Bożena Kaczmarczyk",
        "bozena.kaczmarczyk@o2.pl",
        "Automatyczna odpowiedź? Nie - pytanie o ofertę",
        "Dzień dobry,\nto nie jest automatyczna odpowiedź :) Proszę o kontakt w sprawie 10 licencji.\n\nBożena Kaczmarczyk",
        "windows-1250",
        "quoted-printable",
        "",
    ),
    (
        "cs",
        "seznam",
        "Radek Procházka",
        "radek.prochazka@seznam.cz",
        "Dotaz na cenu",
        "Dobrý den,\nkolik by stálo 5 uživatelů na rok? Kolega mi přeposlal váš odkaz.\n\nRadek",
        "utf-8",
        "base64",
        "",
    ),
    (
        "hu",
        "freemail",
        "Szalai Krisztina",
        "szalai.krisztina@freemail.hu",
        "Érdeklődés",
        "Jó napot!\nSzabadságon voltam, most látom csak a hírlevelüket. Kérnék egy ajánlatot 6 főre.\n\nSzalai Krisztina",
        "iso-8859-2",
        "quoted-printable",
        "",
    ),
    (
        "ru",
        "yandex",
        "Тимофей Ласточкин",
        "lastochkin.t@yandex.ru",
        "Вопрос по тарифам",
        "Здравствуйте!\nПереслали мне вашу презентацию. Интересует тариф на 15 пользователей.\n\nТимофей",
        "koi8-r",
        "8bit",
        "",
    ),
    (
        "uk",
        "ukr_net",
        "Мирослава Ткачук",
        "myroslava.tkachuk@ukr.net",
        "Запит щодо ціни",
        "Добрий день!\nЦікавить ціна для 7 користувачів. Дякую!\n\nМирослава",
        "windows-1251",
        "base64",
        "",
    ),
    (
        "bg",
        "abv",
        "Светослав Драганов",
        "svetoslav.draganov@abv.bg",
        "Оферта",
        "Здравейте,\nбих искал оферта за 9 потребители.\n\nСветослав",
        "windows-1251",
        "quoted-printable",
        "",
    ),
    (
        "ja",
        "outlook_desktop",
        "松本 健太",
        "kenta.matsumoto@hoshizora-denki.co.jp",
        "Re: 資料送付のお礼",
        "資料をお送りいただきありがとうございました。\n不在にしておりましたので返信が遅くなりました。\n25ユーザーでのお見積もりをお願いします。\n\n星空電機　松本",
        "iso-2022-jp",
        "7bit",
        "",
    ),
    (
        "zh",
        "netease",
        "陈思远",
        "chen_siyuan88@163.com",
        "咨询价格",
        "您好，\n请问10个用户一年的价格是多少？\n\n陈思远",
        "gb2312",
        "base64",
        "",
    ),
    (
        "ko",
        "naver",
        "이서연",
        "seoyeon.lee@naver.com",
        "가격 문의드립니다",
        "안녕하세요,\n팀 12명이 사용할 요금제 견적 부탁드립니다.\n\n이서연",
        "euc-kr",
        "base64",
        "",
    ),
    (
        "tr",
        "mynet",
        "Emre Çağlayan",
        "emre.caglayan@mynet.com",
        "Bilgi talebi",
        "Merhaba,\nizindeydim, dönüşte yazıyorum. 20 kullanıcı için fiyat alabilir miyim?\n\nEmre Çağlayan",
        "iso-8859-9",
        "quoted-printable",
        "",
    ),
    (
        "el",
        "gmail",
        "Δημήτρης Κουτσούκος",
        "d.koutsoukos@gmail.com",
        "Ερώτηση για τιμές",
        "Καλησπέρα,\nθα ήθελα τιμές για 4 χρήστες.\n\nΔημήτρης",
        "iso-8859-7",
        "base64",
        "",
    ),
    (
        "he",
        "outlook_web",
        "יואב כהן-לוי",
        "yoav.cohenlevi@karmel-bio.co.il",
        "שאלה לגבי רישוי",
        "שלום,\nאשמח לשמוע על רישוי ל-30 משתמשים.\n\nיואב",
        "windows-1255",
        "quoted-printable",
        "",
    ),
    (
        "ar",
        "gmail",
        "عمر الزهراني",
        "omar.alzahrani.sa@gmail.com",
        "استفسار عن الأسعار",
        "السلام عليكم،\nأرغب في معرفة سعر الباقة لـ 10 مستخدمين.\n\nعمر",
        "utf-8",
        "base64",
        "",
    ),
    (
        "hi",
        "rediff",
        "कविता नायर",
        "kavita.nair@rediffmail.com",
        "मूल्य जानकारी",
        "नमस्ते,\n15 उपयोगकर्ताओं के लिए मूल्य बताएं।\n\nकविता",
        "utf-8",
        "quoted-printable",
        "",
    ),
    (
        "vi",
        "gmail",
        "Trần Minh Quân",
        "quan.tranminh@gmail.com",
        "Hỏi giá",
        "Chào anh chị,\ncho em xin báo giá 8 người dùng ạ.\n\nMinh Quân",
        "utf-8",
        "base64",
        "",
    ),
    (
        "th",
        "outlook_web",
        "สุภาวดี แก้วมณี",
        "supawadee.k@siam-packaging.co.th",
        "สอบถามราคา",
        "สวัสดีค่ะ\nขอราคาสำหรับผู้ใช้ 12 คนค่ะ\n\nสุภาวดี",
        "tis-620",
        "base64",
        "",
    ),
    (
        "id",
        "yahoo",
        "Rizky Ramadhan",
        "rizky.ramadhan@yahoo.co.id",
        "Tanya harga - diteruskan dari teman",
        "Halo,\nteman saya meneruskan info produk Anda. Berapa harga untuk 5 pengguna?\n\nRizky",
        "utf-8",
        "8bit",
        "",
    ),
    (
        "fi",
        "outlook_desktop",
        "Aino Kähkönen",
        "aino.kahkonen@lapin-matkat.fi",
        "Poissaoloilmoitus... ei vaan tarjouspyyntö",
        "Hei,\nolin lomalla, mutta nyt palasin. Pyydän tarjousta 9 käyttäjälle.\n\nAino",
        "iso-8859-15",
        "quoted-printable",
        "",
    ),
    (
        "sv",
        "apple_mail",
        "Nils Öberg",
        "nils.oberg@outlook.com",
        "Fråga om pris",
        "Hej!\nVad kostar 3 användare per månad?\n\nSkickat från min iPhone",
        "utf-8",
        "quoted-printable",
        "",
    ),
    (
        "da",
        "gmail",
        "Mette Frederiksen-Holm",
        "mette.fholm@hotmail.dk",
        "Videresendt fra min chef: spørgsmål",
        "Hej,\nmin chef bad mig skrive til jer. Vi er 11 brugere.\n\nMette",
        "utf-8",
        "8bit",
        "",
    ),
    (
        "no",
        "outlook_desktop",
        "Kristoffer Aasheim",
        "kristoffer@aasheim-bygg.no",
        "Automatisk svar fra dere?",
        "Hei,\njeg fikk bare et automatisk svar sist. Kan noen ringe meg om pris for 7 brukere?\n\nKristoffer",
        "iso-8859-1",
        "quoted-printable",
        "",
    ),
    (
        "ro",
        "yahoo",
        "Corina Vlădescu",
        "corina.vladescu@yahoo.ro",
        "Ofertă",
        "Bună ziua,\naș dori o ofertă pentru 6 utilizatori.\n\nCorina",
        "utf-8",
        "base64",
        "",
    ),
    (
        "en",
        "superhuman",
        "Devon Achterberg",
        "devon@achterberg.vc",
        "Intro: portfolio company needs a CRM",
        "Hi Example team,\none of our portfolio companies needs 40 seats by January. Happy to connect you.\n\nDevon",
        "utf-8",
        "8bit",
        "",
    ),
]


def make(write):
    for i, (L, client, name, email, subj, body, cs, cte, extra) in enumerate(DIRECT):
        n = 800 + i
        hd = headers(
            [
                (
                    "Received",
                    "from mail-out.%s (mail-out.%s [203.0.113.%d])\r\n\tby mx.example.com; %s"
                    % (email.split("@")[1], email.split("@")[1], i + 10, date(n)),
                ),
                ("From", addr(name, email, cs if cs not in ("tis-620",) else "utf-8")),
                ("To", "sales@example.com"),
                ("Subject", ew(subj)),
                ("Date", date(n) if i % 7 else None),
                ("Message-ID", mid("dir%d" % i, email.split("@")[1]) if i % 9 else None),
                ("MIME-Version", "1.0"),
            ]
        )
        if i % 5 == 3:  # HTML-only variants
            import html as H

            body_e = body_part(
                "<html><body><p>%s</p></body></html>" % H.escape(body).replace("\n", "<br>"),
                "html",
                cs,
                cte,
            )
        else:
            body_e = body_part(body, "plain", cs, cte)
        write("direct", client, L, hd + body_e, email)
    # direct calendar invite from a customer
    ics = (
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
        "DTSTART:20261210T150000Z\r\nDTEND:20261210T153000Z\r\nORGANIZER;CN=Matteo Ruggiero:mailto:matteo.ruggiero@dolomiti-sensori.it\r\n"
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=sales@example.com:mailto:sales@example.com\r\n"
        "SUMMARY:Demo richiesta - Dolomiti Sensori\r\nUID:4f1c2a9e7b@google.com\r\nDTSTAMP:20261201T101500Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    alt_ct, alt = multipart(
        "alternative",
        [
            body_part(
                "Matteo Ruggiero ti ha invitato a: Demo richiesta - Dolomiti Sensori\nmercoledì 10 dic 2026 16:00 - 16:30 (CET)",
                "plain",
                "utf-8",
                "quoted-printable",
            ),
            b'Content-Type: text/calendar; charset="UTF-8"; method=REQUEST\r\nContent-Transfer-Encoding: 7bit\r\n\r\n'
            + ics.encode(),
        ],
    )
    ct, b = multipart(
        "mixed",
        [
            entity(alt_ct, alt),
            b64part(
                'application/ics; name="invite.ics"',
                ics.encode(),
                'attachment; filename="invite.ics"',
            ),
        ],
    )
    hd = headers(
        [
            ("From", "Matteo Ruggiero <matteo.ruggiero@dolomiti-sensori.it>"),
            ("To", "sales@example.com"),
            (
                "Subject",
                ew("Invito: Demo richiesta - Dolomiti Sensori - mer 10 dic 2026 16:00 (CET)"),
            ),
            ("Date", date(850)),
            ("Message-ID", mid("dircal", "google.com")),
            ("MIME-Version", "1.0"),
            ("Content-Type", ct),
        ]
    )
    write(
        "direct", "google_calendar", "it", hd + b"\r\n" + b, "matteo.ruggiero@dolomiti-sensori.it"
    )
    # S/MIME-signed direct mail
    ct, b = multipart(
        "signed",
        [
            body_part(
                "Guten Tag,\nbitte senden Sie uns Unterlagen zur Enterprise-Version (ca. 120 Nutzer).\n\nDr. Henrike Lammers\nStadtwerke Lammersdorf",
                "plain",
                "utf-8",
                "quoted-printable",
            ),
            b64part(
                'application/pkcs7-signature; name="smime.p7s"',
                b"\x30\x82\x0a\x11" + rnd(500),
                'attachment; filename="smime.p7s"',
            ),
        ],
        '; protocol="application/pkcs7-signature"; micalg=sha-256',
    )
    hd = headers(
        [
            ("From", "Dr. Henrike Lammers <h.lammers@stadtwerke-lammersdorf.de>"),
            ("To", "sales@example.com"),
            ("Subject", "Unterlagen Enterprise"),
            ("Date", date(851)),
            ("Message-ID", mid("dirsmime", "stadtwerke-lammersdorf.de")),
            ("MIME-Version", "1.0"),
            ("Content-Type", ct),
        ]
    )
    write(
        "direct",
        "outlook_desktop_smime",
        "de",
        hd + b"\r\n" + b,
        "h.lammers@stadtwerke-lammersdorf.de",
    )
    # no-reply CEO with a personal Reply-To -> lead = Reply-To (see manifest header)
    hd = headers(
        [
            ("From", '"Mira Jovanovic (CEO, Tinyshop)" <no-reply@tinyshop-belgrade.rs>'),
            ("Reply-To", "mira@tinyshop-belgrade.rs"),
            ("To", "sales@example.com"),
            ("Subject", "Need a CRM for our 6-person team"),
            ("Date", date(852)),
            ("Message-ID", mid("ceo", "tinyshop-belgrade.rs")),
            ("MIME-Version", "1.0"),
        ]
    )
    write(
        "direct",
        "noreply_ceo",
        "en",
        hd
        + body_part(
            "Hello,\nsorry for the odd sender address, our shop system sends everything from no-reply.\n"
            "Please reply to mira@tinyshop-belgrade.rs. We are 6 people and need a simple CRM.\n\nMira Jovanović\nCEO, Tinyshop",
            "plain",
            "utf-8",
            "quoted-printable",
        ),
        "mira@tinyshop-belgrade.rs",
    )
    # ---- internal and replies (ignored)
    cols = [
        ("Marta Kowalczyk", "marta.kowalczyk@example.com"),
        ("Jonas Vestergaard", "jonas.vestergaard@example.com"),
        ("Aiko Morimoto", "aiko.morimoto@example.com"),
    ]
    internal = [
        (
            "internal",
            "outlook_desktop",
            "en",
            cols[0],
            "Team lunch Friday",
            "Hi all, lunch on Friday at 12:30, my treat for closing Q4.\n\nMarta",
            None,
        ),
        (
            "internal",
            "gmail",
            "de",
            cols[1],
            "Urlaubsplanung Dezember",
            "Hallo Team, bitte tragt eure Urlaube bis Freitag ein.\n\nJonas",
            None,
        ),
        (
            "internal",
            "apple_mail",
            "ja",
            cols[2],
            "週次ミーティングの件",
            "皆さん、来週の定例は水曜に変更です。\n森本",
            None,
        ),
        (
            "reply",
            "outlook_desktop",
            "en",
            cols[0],
            "RE: Quote for 25 seats and SAML SSO",
            "Done - I have sent them the quote.\n\nMarta\n\n________________________________\nFrom: Jonas Vestergaard <jonas.vestergaard@example.com>\nSent: Monday, November 30, 2026 10:02 AM\nTo: Sales <sales@example.com>\nSubject: FW: Quote for 25 seats\n\nCan someone take this?",
            None,
        ),
        (
            "reply",
            "gmail",
            "de",
            cols[1],
            "AW: Angebot für 60 Lizenzen",
            "Habe ich übernommen.\n\nAm Mo., 30. Nov. 2026 um 09:41 Uhr schrieb Wolfram Eichenlaub <w.eichenlaub@moorbach-antriebe.de>:\n> Guten Tag,\n> wir möchten rund 60 Lizenzen beschaffen.",
            None,
        ),
        (
            "reply",
            "thunderbird",
            "pl",
            cols[0],
            "Re: Zapytanie ofertowe",
            "Dzięki, już dzwoniłam do klienta.\n\nW dniu 30.11.2026 o 10:15, Tomasz Lewandowski pisze:\n> Kto bierze ten lead?",
            None,
        ),
    ]
    for j, (kind, client, L, col, subj, body, _) in enumerate(internal):
        hd = headers(
            [
                ("From", addr(*col)),
                ("To", "sales@example.com"),
                ("Subject", ew(subj)),
                ("Date", date(900 + j)),
                ("Message-ID", mid("int%d" % j)),
                ("In-Reply-To", mid("intparent%d" % j) if kind == "reply" else None),
                ("MIME-Version", "1.0"),
            ]
        )
        write(
            kind,
            client,
            L,
            hd + body_part(body, "plain", "utf-8", "quoted-printable" if j % 2 else "8bit"),
        )
