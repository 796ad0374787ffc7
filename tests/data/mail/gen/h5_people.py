# ruff: noqa  (task auth5's generator, adapted: data tables, long header and body strings)
"""Invented customers and what they write, per language."""

from __future__ import annotations

# lang: (first names [(native, ascii)], last names [(native, ascii)], domains, order)
# order: "fl" = First Last, "lf" = LastFirst (no space, zh/ja), "l f" = Last First (ko, hu, vi)
P = {
    "en": (
        [
            ("Harper", "harper"),
            ("Desmond", "desmond"),
            ("Imogen", "imogen"),
            ("Caleb", "caleb"),
            ("Rosalind", "rosalind"),
            ("Trevor", "trevor"),
            ("Nadia", "nadia"),
            ("Wesley", "wesley"),
        ],
        [
            ("Whitlock", "whitlock"),
            ("Okonkwo", "okonkwo"),
            ("Prescott", "prescott"),
            ("Vance", "vance"),
            ("Lindgren", "lindgren"),
            ("Marsh", "marsh"),
        ],
        [
            "bluefinch-analytics.com",
            "harbourline.co.uk",
            "quarrystone.io",
            "redwood-ledger.com",
            "tidewater-labs.com",
            "northgate-retail.com.au",
        ],
        "fl",
    ),
    "de": (
        [
            ("Jürgen", "juergen"),
            ("Svenja", "svenja"),
            ("Matthias", "matthias"),
            ("Friederike", "friederike"),
            ("Ulf", "ulf"),
        ],
        [
            ("Kühne", "kuehne"),
            ("Oberländer", "oberlaender"),
            ("Brandt", "brandt"),
            ("Weißgerber", "weissgerber"),
        ],
        ["elbufer-systeme.de", "alpenblick-software.at", "rheinauen-data.de", "zuerichsee-it.ch"],
        "fl",
    ),
    "fr": (
        [
            ("Gaëlle", "gaelle"),
            ("Thibault", "thibault"),
            ("Séverine", "severine"),
            ("Aurélien", "aurelien"),
        ],
        [
            ("Lefèvre", "lefevre"),
            ("Chauvin", "chauvin"),
            ("Delacroix", "delacroix"),
            ("Rousseau", "rousseau"),
        ],
        ["vignoble-numerique.fr", "atelier-garonne.fr", "lumen-conseil.be"],
        "fl",
    ),
    "es": (
        [("Nerea", "nerea"), ("Álvaro", "alvaro"), ("Ximena", "ximena"), ("Rodrigo", "rodrigo")],
        [("Echeverría", "echeverria"), ("Quintana", "quintana"), ("Montoya", "montoya")],
        ["sierra-datos.es", "pampa-software.com.ar", "mezcal-digital.mx"],
        "fl",
    ),
    "it": (
        [
            ("Beatrice", "beatrice"),
            ("Tommaso", "tommaso"),
            ("Ginevra", "ginevra"),
            ("Edoardo", "edoardo"),
        ],
        [("Caruso", "caruso"), ("Lombardi", "lombardi"), ("Pellegrini", "pellegrini")],
        ["laguna-informatica.it", "dolomiti-cloud.it"],
        "fl",
    ),
    "pt": (
        [("Joana", "joana"), ("Rui", "rui"), ("Thaís", "thais"), ("Gonçalo", "goncalo")],
        [("Figueiredo", "figueiredo"), ("Antunes", "antunes"), ("Barbosa", "barbosa")],
        ["tejo-sistemas.pt", "ipanema-tech.com.br"],
        "fl",
    ),
    "nl": (
        [("Femke", "femke"), ("Bram", "bram"), ("Lieke", "lieke")],
        [("van Dijk", "vandijk"), ("Smits", "smits"), ("de Graaf", "degraaf")],
        ["dijkwerk-data.nl", "schelde-it.be"],
        "fl",
    ),
    "pl": (
        [
            ("Agnieszka", "agnieszka"),
            ("Przemysław", "przemyslaw"),
            ("Zofia", "zofia"),
            ("Bartłomiej", "bartlomiej"),
        ],
        [("Wróbel", "wrobel"), ("Kaczmarek", "kaczmarek"), ("Nowak", "nowak")],
        ["wisla-systemy.pl", "tatry-soft.pl"],
        "fl",
    ),
    "cs": (
        [("Radka", "radka"), ("Lenka", "lenka"), ("Jiřina", "jirina")],
        [("Dvořáková", "dvorakova"), ("Procházková", "prochazkova"), ("Šimková", "simkova")],
        ["vltava-data.cz", "brnosoft.cz"],
        "fl",
    ),
    "sk": (
        [("Zuzana", "zuzana"), ("Katarína", "katarina")],
        [("Horváthová", "horvathova"), ("Kováčová", "kovacova")],
        ["tatrabyte.sk"],
        "fl",
    ),
    "hu": (
        [("Eszter", "eszter"), ("Gergő", "gergo")],
        [("Szabó", "szabo"), ("Kovács", "kovacs")],
        ["balaton-szoftver.hu"],
        "l f",
    ),
    "ro": (
        [("Ioana", "ioana"), ("Mihai", "mihai")],
        [("Constantinescu", "constantinescu"), ("Dumitru", "dumitru")],
        ["carpati-soft.ro"],
        "fl",
    ),
    "sv": (
        [("Linnea", "linnea"), ("Oskar", "oskar")],
        [("Sjöberg", "sjoberg"), ("Holmqvist", "holmqvist")],
        ["skargard-data.se"],
        "fl",
    ),
    "da": (
        [("Mette", "mette"), ("Søren", "soren")],
        [("Kjær", "kjaer"), ("Mortensen", "mortensen")],
        ["limfjord-it.dk"],
        "fl",
    ),
    "nb": (
        [("Ingrid", "ingrid"), ("Håkon", "hakon")],
        [("Solberg", "solberg"), ("Bråten", "braten")],
        ["fjordlys.no"],
        "fl",
    ),
    "fi": (
        [("Venla", "venla"), ("Jussi", "jussi")],
        [("Heikkinen", "heikkinen"), ("Lähteenmäki", "lahteenmaki")],
        ["pohjoistuuli.fi"],
        "fl",
    ),
    "et": (
        [("Kadri", "kadri"), ("Tõnu", "tonu")],
        [("Tamm", "tamm"), ("Saar", "saar")],
        ["laanemere-tarkvara.ee"],
        "fl",
    ),
    "lv": (
        [("Līga", "liga"), ("Ilze", "ilze")],
        [("Bērziņa", "berzina"), ("Ozola", "ozola")],
        ["daugava-it.lv"],
        "fl",
    ),
    "lt": (
        [("Rūta", "ruta"), ("Eglė", "egle")],
        [("Kazlauskienė", "kazlauskiene"), ("Petrauskienė", "petrauskiene")],
        ["nemunas-sistemos.lt"],
        "fl",
    ),
    "sl": (
        [("Maja", "maja"), ("Žiga", "ziga")],
        [("Novak", "novak"), ("Kranjc", "kranjc")],
        ["triglav-soft.si"],
        "fl",
    ),
    "hr": (
        [("Ivana", "ivana"), ("Domagoj", "domagoj")],
        [("Horvat", "horvat"), ("Babić", "babic")],
        ["jadran-data.hr"],
        "fl",
    ),
    "bg": (
        [("Десислава", "desislava"), ("Мария", "mariya")],
        [("Георгиева", "georgieva"), ("Петрова", "petrova")],
        ["rila-soft.bg"],
        "fl",
    ),
    "el": (
        [("Δέσποινα", "despoina"), ("Ελένη", "eleni")],
        [("Παπαδάκη", "papadaki"), ("Αντωνίου", "antoniou")],
        ["aigaio-data.gr"],
        "fl",
    ),
    "tr": (
        [("Ebru", "ebru"), ("Oğuz", "oguz"), ("Şule", "sule")],
        [("Yıldırım", "yildirim"), ("Çelik", "celik")],
        ["anadolu-yazilim.com.tr", "kapadokya-bilisim.com.tr"],
        "fl",
    ),
    "ru": (
        [
            ("Екатерина", "ekaterina"),
            ("Марина", "marina"),
            ("Ольга", "olga"),
            ("Анастасия", "anastasia"),
        ],
        [("Соколова", "sokolova"), ("Воронцова", "vorontsova"), ("Лебедева", "lebedeva")],
        ["volga-soft.ru", "uralsystems.ru"],
        "fl",
    ),
    "uk": (
        [("Оксана", "oksana"), ("Тарас", "taras"), ("Соломія", "solomiia")],
        [("Бондаренко", "bondarenko"), ("Шевчук", "shevchuk")],
        ["dnipro-tech.com.ua", "karpaty-it.ua"],
        "fl",
    ),
    "zh-CN": (
        [
            ("晓明", "xiaoming"),
            ("丽娜", "lina"),
            ("建国", "jianguo"),
            ("雪梅", "xuemei"),
            ("浩然", "haoran"),
        ],
        [("王", "wang"), ("陈", "chen"), ("赵", "zhao")],
        ["huanghe-tech.cn", "xihu-data.com.cn"],
        "lf",
    ),
    "zh-TW": (
        [("怡君", "yichun"), ("志豪", "chihhao"), ("淑芬", "shufen")],
        [("林", "lin"), ("黃", "huang")],
        ["yushan-tech.com.tw"],
        "lf",
    ),
    "ja": (
        [("陽菜", "hina"), ("大輔", "daisuke"), ("美咲", "misaki")],
        [("高橋", "takahashi"), ("渡辺", "watanabe")],
        ["sakura-systems.co.jp", "fujimi-data.jp"],
        "lf",
    ),
    "ko": (
        [("지현", "jihyun"), ("성민", "sungmin"), ("서연", "seoyeon"), ("도윤", "doyun")],
        [("김", "kim"), ("이", "lee"), ("최", "choi")],
        ["hanbit-soft.co.kr", "namsan-data.kr"],
        "lf",
    ),
    "vi": (
        [("Thu Trang", "trang"), ("Minh Quân", "quan"), ("Ngọc Anh", "ngocanh")],
        [("Nguyễn", "nguyen"), ("Trần", "tran"), ("Phạm", "pham")],
        ["songhong-tech.vn", "mekong-data.com.vn"],
        "l f",
    ),
    "id": (
        [("Siti", "siti"), ("Budi", "budi"), ("Ayu", "ayu")],
        [("Rahmawati", "rahmawati"), ("Santoso", "santoso"), ("Wijaya", "wijaya")],
        ["nusantara-data.co.id"],
        "fl",
    ),
    "th": (
        [("สมชาย", "somchai"), ("พิมพ์ชนก", "pimchanok"), ("อนุชา", "anucha")],
        [("ศรีสุข", "srisuk"), ("วงศ์ใหญ่", "wongyai")],
        ["chaophraya-tech.co.th"],
        "fl",
    ),
    "he": (
        [("נועה", "noa"), ("איתי", "itai"), ("מיכל", "michal")],
        [("לוי", "levi"), ("מזרחי", "mizrahi"), ("פרידמן", "friedman")],
        ["carmel-data.co.il", "negev-soft.co.il"],
        "fl",
    ),
    "ar": (
        [("ليلى", "layla"), ("يوسف", "youssef"), ("مريم", "mariam")],
        [("العتيبي", "alotaibi"), ("منصور", "mansour"), ("الحسن", "alhassan")],
        ["nakheel-tech.ae", "delta-nile.com.eg"],
        "fl",
    ),
    "hi": (
        [("प्रिया", "priya"), ("अर्जुन", "arjun"), ("कविता", "kavita")],
        [("शर्मा", "sharma"), ("वर्मा", "verma"), ("अय्यर", "iyer")],
        ["ganga-software.in", "deccan-analytics.co.in"],
        "fl",
    ),
    "ms": (
        [("Nurul", "nurul"), ("Hafiz", "hafiz")],
        [("Aziz", "aziz"), ("Ismail", "ismail")],
        ["selat-data.com.my"],
        "fl",
    ),
    "ca": (
        [("Núria", "nuria"), ("Pau", "pau")],
        [("Vilaseca", "vilaseca"), ("Soler", "soler")],
        ["empordà-digital.cat".replace("à", "a")],
        "fl",
    ),
}

_used: set[str] = set()
_counter: dict[str, int] = {}


def person(lang: str, domain: str | None = None, style: str = "dot") -> tuple[str, str]:
    """(display name, email) of a new, unused customer in this language."""
    firsts, lasts, domains, order = P[lang]
    k = _counter.get(lang, 0)
    while True:
        nf, nl, nd = len(firsts), len(lasts), len(domains)
        f = firsts[k % nf]
        l = lasts[(k // nf + k) % nl]
        d = domain or domains[(k // (nf * nl) + k) % nd]
        extra = k // (nf * nl * nd)
        k += 1
        if order == "lf":
            name = l[0] + f[0]
        elif order == "l f":
            name = f"{l[0]} {f[0]}"
        else:
            name = f"{f[0]} {l[0]}"
        if style == "initial":
            local = f"{f[1][0]}.{l[1]}"
        elif style == "flat":
            local = f"{f[1]}{l[1]}"
        elif style == "last":
            local = f"{l[1]}.{f[1]}"
        else:
            local = f"{f[1]}.{l[1]}"
        email = f"{local}{extra + 1 if extra else ''}@{d}"
        if email not in _used:
            _used.add(email)
            _counter[lang] = k
            return name, email


def first_name(name: str, lang: str) -> str:
    order = P[lang][3]
    if order == "lf":
        return name
    if order == "l f":
        return name.split(" ", 1)[1]
    return name.split(" ")[0]


# lang: [(subject, body)] -- the customer's own words ({sig} = their name)
ASK = {
    "en": [
        (
            "Pricing for 40 seats and SSO",
            "Hi,\n\nWe're consolidating our product analytics tools and would like a quote for about 40 seats,\nincluding SSO and the EU data region. Could someone walk us through the enterprise tier\nnext week? Tuesday or Thursday afternoon works for us.\n\nThanks,\n{sig}",
        ),
        (
            "Question about annual billing",
            "Hello,\n\nOur finance team prefers annual invoices. Is there a discount for paying yearly, and can\nyou invoice in GBP? We expect roughly 120k monthly tracked users.\n\nBest regards,\n{sig}",
        ),
        (
            "Demo request - retail dashboards",
            "Hi there,\n\nI run the data team at our company and we'd like a demo focused on retail dashboards and\ncohort analysis. Is there a slot before the holidays?\n\nCheers,\n{sig}",
        ),
    ],
    "de": [
        (
            "Angebot für 60 Nutzer inkl. SSO",
            "Guten Tag,\n\nwir möchten Ihre Lösung für rund 60 Mitarbeitende einführen und bitten um ein Angebot\ninklusive SSO und Datenhaltung in Frankfurt. Wäre ein Termin nächste Woche möglich?\n\nMit freundlichen Grüßen\n{sig}",
        ),
        (
            "Rückfrage zu Lizenzmodell",
            "Hallo zusammen,\n\nkönnen Sie mir erklären, wie die Lizenzen bei saisonalen Spitzen abgerechnet werden?\nWir überlegen, ab Februar umzusteigen.\n\nViele Grüße\n{sig}",
        ),
    ],
    "fr": [
        (
            "Demande de devis – 25 licences",
            "Bonjour,\n\nNous souhaitons recevoir un devis pour 25 licences avec hébergement en Europe.\nSerait-il possible d'organiser une démonstration la semaine prochaine ?\n\nCordialement,\n{sig}",
        ),
        (
            "Question tarifaire",
            "Bonjour,\n\nPouvez-vous m'indiquer vos tarifs pour une association d'environ 300 utilisateurs ?\nNous aimerions démarrer en janvier.\n\nBien à vous,\n{sig}",
        ),
    ],
    "es": [
        (
            "Solicitud de presupuesto",
            "Hola,\n\nNos interesa su plataforma para unos 50 usuarios. ¿Podrían enviarnos un presupuesto\ny proponer una demostración esta semana o la próxima?\n\nSaludos cordiales,\n{sig}",
        ),
        (
            "Consulta sobre el plan Enterprise",
            "Buenos días:\n\n¿El plan Enterprise incluye soporte en español y facturación en euros? Somos una empresa\nde logística con tres sedes.\n\nUn saludo,\n{sig}",
        ),
    ],
    "it": [
        (
            "Richiesta di preventivo",
            "Buongiorno,\n\nvorremmo ricevere un preventivo per 35 utenti con hosting in UE e una breve demo.\nSiamo disponibili giovedì pomeriggio.\n\nCordiali saluti,\n{sig}",
        ),
        (
            "Informazioni sulle licenze",
            "Salve,\n\npotreste spiegarmi come funzionano le licenze per i collaboratori esterni?\nGrazie mille.\n\n{sig}",
        ),
    ],
    "pt": [
        (
            "Pedido de orçamento",
            "Olá,\n\nGostaríamos de receber um orçamento para 30 utilizadores e agendar uma demonstração.\nTêm disponibilidade na próxima semana?\n\nCumprimentos,\n{sig}",
        ),
        (
            "Dúvida sobre planos",
            "Boa tarde,\n\nVocês oferecem desconto para contratos de dois anos? Somos cerca de 80 pessoas.\n\nAbraços,\n{sig}",
        ),
    ],
    "nl": [
        (
            "Offerteaanvraag 45 gebruikers",
            "Goedemiddag,\n\nWij willen graag een offerte voor 45 gebruikers, inclusief SSO. Is een demo volgende\nweek mogelijk?\n\nMet vriendelijke groet,\n{sig}",
        )
    ],
    "pl": [
        (
            "Zapytanie ofertowe",
            "Dzień dobry,\n\nprosimy o ofertę na 40 licencji wraz z hostingiem w UE. Czy możemy umówić się na\nprezentację w przyszłym tygodniu?\n\nPozdrawiam serdecznie,\n{sig}",
        ),
        (
            "Pytanie o cennik",
            "Witam,\n\nczy macie Państwo cennik dla organizacji non-profit? Jesteśmy fundacją z Krakowa.\n\nZ poważaniem,\n{sig}",
        ),
    ],
    "cs": [
        (
            "Poptávka – 20 licencí",
            "Dobrý den,\n\nrádi bychom získali cenovou nabídku na 20 licencí a krátkou ukázku produktu.\nHodil by se nám čtvrtek dopoledne.\n\nS pozdravem\n{sig}",
        ),
        (
            "Dotaz na ceník",
            "Dobrý den,\n\nmůžete mi prosím poslat ceník pro roční předplatné? Děkuji.\n\n{sig}",
        ),
    ],
    "sk": [
        (
            "Žiadosť o cenovú ponuku",
            "Dobrý deň,\n\nprosím o cenovú ponuku na 15 používateľov a informáciu o podpore v slovenčine.\n\nS pozdravom\n{sig}",
        )
    ],
    "hu": [
        (
            "Árajánlatkérés",
            "Tisztelt Hölgyem/Uram!\n\nSzeretnénk árajánlatot kérni 25 felhasználóra, EU-s adattárolással.\nLehetséges lenne egy bemutató a jövő héten?\n\nÜdvözlettel:\n{sig}",
        )
    ],
    "ro": [
        (
            "Cerere de ofertă",
            "Bună ziua,\n\nDorim o ofertă pentru 30 de utilizatori și o demonstrație online.\nVă mulțumesc!\n\nCu stimă,\n{sig}",
        )
    ],
    "sv": [
        (
            "Offertförfrågan",
            "Hej,\n\nVi skulle vilja ha en offert för 20 användare samt en demo. Passar det nästa vecka?\n\nMed vänliga hälsningar\n{sig}",
        )
    ],
    "da": [
        (
            "Tilbud på 30 brugere",
            "Hej,\n\nVi vil gerne have et tilbud på 30 brugere inkl. SSO. Kan vi aftale en demo?\n\nVenlig hilsen\n{sig}",
        )
    ],
    "nb": [
        (
            "Forespørsel om pris",
            "Hei,\n\nKan dere sende oss et pristilbud for 25 brukere? Vi ønsker også en kort demo.\n\nMed vennlig hilsen\n{sig}",
        )
    ],
    "fi": [
        (
            "Tarjouspyyntö",
            "Hei,\n\nPyytäisimme tarjousta 40 käyttäjälle sekä esittelyä ensi viikolla.\n\nYstävällisin terveisin\n{sig}",
        )
    ],
    "et": [
        (
            "Hinnapäring",
            "Tere!\n\nPalun saatke meile hinnapakkumine 12 kasutajale. Kas demo oleks võimalik?\n\nLugupidamisega\n{sig}",
        )
    ],
    "lv": [
        (
            "Cenu piedāvājuma pieprasījums",
            "Labdien!\n\nLūdzu, atsūtiet cenu piedāvājumu 18 lietotājiem un piedāvājiet demonstrācijas laiku.\n\nAr cieņu,\n{sig}",
        )
    ],
    "lt": [
        (
            "Kainos užklausa",
            "Laba diena,\n\nprašytume pateikti kainos pasiūlymą 22 naudotojams. Ar galėtume susitarti dėl demonstracijos?\n\nPagarbiai\n{sig}",
        )
    ],
    "sl": [
        (
            "Povpraševanje za ponudbo",
            "Pozdravljeni,\n\nprosimo za ponudbo za 16 uporabnikov in kratko predstavitev.\n\nLep pozdrav,\n{sig}",
        )
    ],
    "hr": [
        (
            "Upit za ponudu",
            "Poštovani,\n\nmolimo ponudu za 28 korisnika te termin za demonstraciju.\n\nLijep pozdrav,\n{sig}",
        )
    ],
    "bg": [
        (
            "Запитване за оферта",
            "Здравейте,\n\nБихме искали оферта за 20 потребители и кратка демонстрация.\n\nПоздрави,\n{sig}",
        )
    ],
    "el": [
        (
            "Αίτημα προσφοράς",
            "Καλησπέρα σας,\n\nθα θέλαμε μια προσφορά για 15 χρήστες και μια σύντομη παρουσίαση.\n\nΜε εκτίμηση,\n{sig}",
        )
    ],
    "tr": [
        (
            "Fiyat teklifi talebi",
            "Merhaba,\n\n35 kullanıcı için fiyat teklifi ve kısa bir demo rica ediyoruz.\n\nSaygılarımla,\n{sig}",
        )
    ],
    "ru": [
        (
            "Запрос коммерческого предложения",
            "Добрый день!\n\nПросим направить коммерческое предложение на 50 пользователей и\nпровести демонстрацию на следующей неделе.\n\nС уважением,\n{sig}",
        ),
        (
            "Вопрос по лицензиям",
            "Здравствуйте!\n\nПодскажите, пожалуйста, есть ли у вас годовые лицензии с оплатой по счёту?\n\nСпасибо,\n{sig}",
        ),
    ],
    "uk": [
        (
            "Запит комерційної пропозиції",
            "Доброго дня!\n\nПросимо надіслати комерційну пропозицію на 30 користувачів та\nзапропонувати час для демонстрації.\n\nЗ повагою,\n{sig}",
        )
    ],
    "zh-CN": [
        (
            "关于企业版报价的咨询",
            "您好，\n\n我们公司计划采购贵司的产品分析平台，大约60个账号，\n请提供企业版报价，并安排一次线上演示。\n\n谢谢！\n{sig}",
        ),
        (
            "询价：年度订阅",
            "您好：\n\n请问年度订阅是否有折扣？我们团队大约25人。\n\n此致\n敬礼\n{sig}",
        ),
    ],
    "zh-TW": [
        (
            "企業方案報價詢問",
            "您好：\n\n我們想了解貴公司企業方案的報價，約40位使用者，\n也希望能安排一次線上展示。\n\n謝謝！\n{sig}",
        )
    ],
    "ja": [
        (
            "お見積りのお願い",
            "ご担当者様\n\nお世話になっております。\n貴社サービスの導入を検討しており、30ユーザー分のお見積りをお願いできますでしょうか。\nあわせてオンラインでのデモもご相談させてください。\n\nよろしくお願いいたします。\n{sig}",
        )
    ],
    "ko": [
        (
            "견적 요청드립니다",
            "안녕하세요,\n\n저희 회사에서 귀사 솔루션 도입을 검토하고 있습니다.\n30명 기준 견적과 데모 일정을 안내해 주시면 감사하겠습니다.\n\n감사합니다.\n{sig}",
        )
    ],
    "vi": [
        (
            "Yêu cầu báo giá",
            "Chào anh/chị,\n\nCông ty chúng tôi muốn nhận báo giá cho 20 người dùng và đặt lịch demo.\n\nTrân trọng,\n{sig}",
        )
    ],
    "id": [
        (
            "Permintaan penawaran harga",
            "Selamat siang,\n\nKami ingin meminta penawaran harga untuk 25 pengguna serta jadwal demo.\n\nTerima kasih,\n{sig}",
        )
    ],
    "th": [
        (
            "ขอใบเสนอราคา",
            "เรียน ฝ่ายขาย\n\nบริษัทของเราสนใจระบบของท่าน ต้องการใบเสนอราคาสำหรับผู้ใช้ 20 คน\nและขอนัดสาธิตการใช้งาน\n\nขอบคุณครับ\n{sig}",
        )
    ],
    "he": [
        (
            "בקשה להצעת מחיר",
            "שלום,\n\nנשמח לקבל הצעת מחיר עבור 25 משתמשים ולתאם הדגמה בשבוע הבא.\n\nבברכה,\n{sig}",
        )
    ],
    "ar": [
        (
            "طلب عرض سعر",
            "مرحباً،\n\nنرغب في الحصول على عرض سعر لعدد 30 مستخدماً وتحديد موعد لعرض توضيحي.\n\nمع خالص التحية،\n{sig}",
        )
    ],
    "hi": [
        (
            "मूल्य उद्धरण के लिए अनुरोध",
            "नमस्ते,\n\nहम 40 उपयोगकर्ताओं के लिए आपके प्लेटफ़ॉर्म का मूल्य उद्धरण चाहते हैं।\nक्या अगले सप्ताह डेमो संभव है?\n\nधन्यवाद,\n{sig}",
        )
    ],
    "ms": [
        (
            "Permintaan sebut harga",
            "Salam sejahtera,\n\nKami ingin mendapatkan sebut harga untuk 15 pengguna dan sesi demo.\n\nTerima kasih,\n{sig}",
        )
    ],
    "ca": [
        (
            "Sol·licitud de pressupost",
            "Bon dia,\n\nens agradaria rebre un pressupost per a 20 usuaris i fer una demostració.\n\nSalutacions cordials,\n{sig}",
        )
    ],
}

_ask_i: dict[str, int] = {}


def ask(lang: str, sig: str) -> tuple[str, str]:
    lst = ASK[lang]
    i = _ask_i.get(lang, 0)
    _ask_i[lang] = i + 1
    s, b = lst[i % len(lst)]
    return s, b.format(sig=sig)


NOTE = {
    "en": [
        "Hi team, can someone pick this up? Came in to me directly.",
        "FYI - new inbound, please create a lead.",
        "Forwarding for the pipeline. I met them at the conference last month.",
        "Please log this one, thanks!",
    ],
    "de": ["Hallo zusammen, bitte als Lead anlegen.", "Zur Info – kam direkt bei mir an."],
    "fr": ["Bonjour l'équipe, pouvez-vous créer le lead ?", "Pour info, à traiter svp."],
    "es": ["Hola equipo, ¿alguien puede encargarse?", "Para registrar, gracias."],
    "it": ["Ciao, potete inserirlo come lead?"],
    "pt": ["Olá equipa, podem tratar deste contacto?"],
    "ja": ["営業チームの皆さん、対応をお願いします。"],
    "ko": ["영업팀 확인 부탁드립니다."],
    "zh-CN": ["请销售团队跟进，谢谢。"],
    "zh-TW": ["請業務團隊協助跟進，謝謝。"],
    "ru": ["Коллеги, возьмите, пожалуйста, в работу."],
    "uk": ["Колеги, візьміть, будь ласка, в роботу."],
    "pl": ["Cześć, proszę o założenie leada."],
    "cs": ["Ahoj, prosím založte lead."],
}


def note(lang: str, n: int) -> str:
    lst = NOTE.get(lang) if n % 3 == 0 else None
    lst = lst or NOTE["en"]
    return lst[n % len(lst)]
