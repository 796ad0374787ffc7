# ruff: noqa: E501  (data tables: long header and body strings, kept whole)
"""Per-language people, companies, customer texts and client labels (invented; task auth)."""

from __future__ import annotations

import unicodedata

# lang: (people [(display first, display last, ascii first, ascii last)], company domains,
#        subject, body, charsets to try)
_T = {
    "en": (
        [
            ("Harriet", "Quill"),
            ("Owen", "Barraclough"),
            ("Priyanka", "Desai"),
            ("Marcus", "Ellery"),
        ],
        ["fenwick-robotics.co.uk", "tallgrass-health.com", "brightlane.io"],
        "Pricing for session replay + feature flags",
        "Hi {to},\n\nWe're moving off our current analytics tool (the session replay sampling\nkeeps dropping the sessions we actually need). We have roughly 60k MAU across\na React web app and an iOS app. Could you send pricing for the team plan and\nlet us know if SSO and EU hosting are included?\n\nThanks,\n{me}\nHead of Product",
        ["us-ascii", "utf-8"],
    ),
    "de": (
        [
            ("Jörg", "Wendeler"),
            ("Anneliese", "Brückner"),
            ("Fabian", "Strauß"),
            ("Mareike", "Lohmüller"),
        ],
        ["moorbach-logistik.de", "kessler-it.de", "hafenkante-software.de"],
        "Angebot für 25 Lizenzen – Produktanalyse",
        "Hallo {to},\n\nwie telefonisch besprochen: Wir möchten Ihre Lösung für Session Replays und\nFeature Flags in unserer Web-App einsetzen (ca. 30.000 aktive Nutzer im Monat).\nKönnten Sie uns ein Angebot für 25 Lizenzen inkl. Hosting in der EU schicken?\n\nViele Grüße\n{me}\nLeitung Produktentwicklung",
        ["iso-8859-1", "iso-8859-15", "windows-1252", "utf-8"],
    ),
    "fr": (
        [
            ("Séverine", "Lacombe"),
            ("Loïc", "Perrault"),
            ("Élodie", "Marchetti"),
            ("Benoît", "Guérin"),
        ],
        ["atelier-lacombe.fr", "nuagebleu.fr", "groupe-verdier.com"],
        "Demande de devis – analytics produit",
        "Bonjour {to},\n\nNous cherchons à remplacer notre outil d'analytics actuel, trop limité sur les\nentonnoirs. Pourriez-vous nous envoyer un devis pour environ 40 000 utilisateurs\nactifs par mois, avec l'hébergement des données en Europe ?\n\nBien cordialement,\n{me}\nDirectrice produit",
        ["iso-8859-1", "iso-8859-15", "windows-1252", "utf-8"],
    ),
    "es": (
        [("Iñaki", "Barrenetxea"), ("Lucía", "Ortiz"), ("Maite", "Gómez"), ("Andrés", "Peñalver")],
        ["olivares-distribucion.es", "tramontana-soft.es", "grupo-alcazar.com"],
        "Solicitud de presupuesto",
        "Hola {to}:\n\nEstamos valorando vuestra plataforma para sustituir nuestra herramienta actual de\nanalítica (nos falta la grabación de sesiones). Tenemos unos 25.000 usuarios\nactivos al mes. ¿Nos podéis enviar un presupuesto y agendar una demo la semana que viene?\n\nUn saludo,\n{me}",
        ["iso-8859-1", "windows-1252", "utf-8"],
    ),
    "pt": (
        [
            ("João", "Magalhães"),
            ("Inês", "Carvalho"),
            ("Thiago", "Assunção"),
            ("Mariana", "Leitão"),
        ],
        ["tejo-sistemas.pt", "cerrado-digital.com.br", "ondaazul.pt"],
        "Pedido de proposta comercial",
        "Olá {to},\n\nGostaríamos de receber uma proposta para a vossa ferramenta de análise de produto.\nSomos cerca de 12 pessoas na equipa de produto e temos 50 mil utilizadores ativos.\nÉ possível agendar uma demonstração esta semana?\n\nCumprimentos,\n{me}",
        ["iso-8859-1", "windows-1252", "utf-8"],
    ),
    "it": (
        [
            ("Lucrezia", "Ferrandi"),
            ("Niccolò", "Bassi"),
            ("Giulia", "De Santis"),
            ("Pietro", "Cantù"),
        ],
        ["ferrandi-meccanica.it", "laguna-software.it", "tessiture-orsini.it"],
        "Richiesta di preventivo",
        "Buongiorno {to},\n\nvorremmo valutare la vostra piattaforma per le registrazioni delle sessioni e gli\nesperimenti A/B. Siamo circa 35.000 utenti attivi al mese. Potreste inviarci un\npreventivo e qualche data per una demo?\n\nCordiali saluti,\n{me}",
        ["iso-8859-1", "iso-8859-15", "windows-1252", "utf-8"],
    ),
    "nl": (
        [("Femke", "van der Wiel"), ("Joost", "Bakker"), ("Sanne", "de Vries"), ("Ruud", "Jansen")],
        ["polderlicht.nl", "grachtdata.nl", "duinzicht-it.be"],
        "Offerte aanvraag productanalyse",
        "Hoi {to},\n\nWij zijn op zoek naar een alternatief voor onze huidige analytics-tool. Kun je\nons een offerte sturen voor ongeveer 20.000 maandelijkse gebruikers, inclusief\nsession replay? Een demo volgende week zou ook fijn zijn.\n\nGroeten,\n{me}",
        ["iso-8859-1", "windows-1252", "utf-8"],
    ),
    "pl": (
        [
            ("Małgorzata", "Żółkiewska"),
            ("Paweł", "Wiśniewski"),
            ("Agnieszka", "Kołodziej"),
            ("Tomasz", "Grabowski"),
        ],
        ["wislany-handel.pl", "krakbit.pl", "mazury-software.pl"],
        "Zapytanie ofertowe",
        "Dzień dobry {to},\n\nChcielibyśmy otrzymać ofertę na Państwa narzędzie do analityki produktowej\n(nagrywanie sesji, flagi funkcji). Mamy około 45 tys. aktywnych użytkowników\nmiesięcznie. Czy możemy umówić prezentację?\n\nPozdrawiam,\n{me}",
        ["iso-8859-2", "windows-1250", "utf-8"],
    ),
    "cs": (
        [("Čeněk", "Dvořák"), ("Lucie", "Horáková"), ("Ondřej", "Šimek"), ("Tereza", "Křížová")],
        ["vltava-stroje.cz", "brnosoft.cz", "krkonose-data.cz"],
        "Poptávka – analytika produktu",
        "Dobrý den {to},\n\nrádi bychom od Vás dostali cenovou nabídku na Vaši platformu pro záznam\nrelací a A/B testy. Máme přibližně 15 000 aktivních uživatelů měsíčně.\nBylo by možné domluvit krátkou ukázku?\n\nS pozdravem\n{me}",
        ["iso-8859-2", "windows-1250", "utf-8"],
    ),
    "sk": (
        [("Ľubomír", "Šťastný"), ("Zuzana", "Kováčová"), ("Matúš", "Oravec")],
        ["tatry-data.sk", "dunajsoft.sk"],
        "Žiadosť o cenovú ponuku",
        "Dobrý deň {to},\n\nzaujíma nás Vaše riešenie na analýzu produktu a nahrávanie relácií. Mohli by\nste nám poslať cenovú ponuku pre približne 10 000 aktívnych používateľov?\n\nĎakujem a prajem pekný deň,\n{me}",
        ["iso-8859-2", "windows-1250", "utf-8"],
    ),
    "sl": (
        [("Žiga", "Kranjc"), ("Maša", "Novak"), ("Matej", "Potočnik")],
        ["savinja-tech.si", "triglav-soft.si"],
        "Povpraševanje za ponudbo",
        "Pozdravljeni {to},\n\nzanima nas vaše orodje za analitiko izdelka. Nas bi lahko poslali ponudbo za\npribližno 8.000 aktivnih uporabnikov na mesec in predstavitev?\n\nLep pozdrav,\n{me}",
        ["iso-8859-2", "windows-1250", "utf-8"],
    ),
    "hr": (
        [("Željko", "Kovačić"), ("Ivana", "Marić"), ("Dario", "Đurić")],
        ["jadran-tehnika.hr", "plitvice-it.hr"],
        "Upit za ponudu",
        "Poštovani {to},\n\nmolimo vas za ponudu za vašu platformu za analitiku proizvoda (snimanje sesija,\nfeature flagovi). Imamo oko 20.000 aktivnih korisnika mjesečno.\n\nLijep pozdrav,\n{me}",
        ["iso-8859-2", "windows-1250", "utf-8"],
    ),
    "hu": (
        [("Ödön", "Győri"), ("Réka", "Szűcs"), ("Bálint", "Horváth")],
        ["tisza-szoftver.hu", "balaton-adat.hu"],
        "Árajánlatkérés",
        "Kedves {to}!\n\nSzeretnénk árajánlatot kérni a termékanalitikai platformjukra. Havonta kb.\n30 000 aktív felhasználónk van, és a munkamenet-visszajátszás a legfontosabb.\nTudnánk egyeztetni egy bemutatót?\n\nÜdvözlettel:\n{me}",
        ["iso-8859-2", "windows-1250", "utf-8"],
    ),
    "ro": (
        [("Ștefan", "Bălănescu"), ("Ioana", "Munteanu"), ("Radu", "Țepeș")],
        ["carpati-soft.ro", "delta-analitica.ro"],
        "Cerere de ofertă",
        "Bună ziua {to},\n\nAm dori o ofertă pentru platforma dumneavoastră de analiză a produsului. Avem\naproximativ 18.000 de utilizatori activi lunar. Putem programa o demonstrație?\n\nCu stimă,\n{me}",
        ["iso-8859-16", "utf-8"],
    ),
    "bg": (
        [
            ("Калина", "Петрова", "Kalina", "Petrova"),
            ("Димитър", "Стоянов", "Dimitar", "Stoyanov"),
            ("Веселина", "Иванова", "Veselina", "Ivanova"),
        ],
        ["rila-soft.bg", "varna-data.bg"],
        "Запитване за оферта",
        "Здравейте, {to},\n\nБихме искали да получим оферта за вашата платформа за продуктов анализ.\nИмаме около 12 000 активни потребители месечно. Възможно ли е демо следващата седмица?\n\nПоздрави,\n{me}",
        ["windows-1251", "utf-8"],
    ),
    "el": (
        [
            ("Ελένη", "Παπαδοπούλου", "Eleni", "Papadopoulou"),
            ("Γιώργος", "Νικολάου", "Giorgos", "Nikolaou"),
            ("Κατερίνα", "Βλάχου", "Katerina", "Vlachou"),
        ],
        ["aigaio-tech.gr", "olympos-data.gr"],
        "Αίτημα προσφοράς",
        "Καλημέρα {to},\n\nθα θέλαμε μια προσφορά για την πλατφόρμα ανάλυσης προϊόντος σας (session replay,\nfeature flags). Έχουμε περίπου 22.000 ενεργούς χρήστες τον μήνα.\n\nΜε εκτίμηση,\n{me}",
        ["iso-8859-7", "windows-1253", "utf-8"],
    ),
    "fi": (
        [("Aino", "Mäkelä"), ("Juhani", "Lähteenmäki"), ("Sanna", "Virtanen")],
        ["saimaa-ohjelmistot.fi", "revontuli-data.fi"],
        "Tarjouspyyntö",
        "Hei {to},\n\nvoisitteko lähettää tarjouksen tuoteanalytiikka-alustastanne? Meillä on noin\n14 000 kuukausittaista käyttäjää ja tarvitsemme session replayn ja A/B-testit.\n\nYstävällisin terveisin\n{me}",
        ["iso-8859-15", "iso-8859-1", "utf-8"],
    ),
    "sv": (
        [("Åsa", "Lindqvist"), ("Björn", "Ekström"), ("Linnéa", "Öberg")],
        ["malaren-verktyg.se", "norrsken-it.se"],
        "Offertförfrågan",
        "Hej {to}!\n\nVi skulle vilja ha en offert på er plattform för produktanalys. Vi har ungefär\n28 000 aktiva användare per månad och vill byta från vårt nuvarande verktyg.\n\nMed vänliga hälsningar\n{me}",
        ["iso-8859-1", "windows-1252", "utf-8"],
    ),
    "da": (
        [("Søren", "Møller"), ("Mette", "Kjær"), ("Rasmus", "Østergaard")],
        ["fjordlys.dk", "aarhus-analyse.dk"],
        "Tilbud på produktanalyse",
        "Hej {to}\n\nKan I sende os et tilbud på jeres platform? Vi har ca. 16.000 aktive brugere om\nmåneden og er især interesserede i session replay og feature flags.\n\nVenlig hilsen\n{me}",
        ["iso-8859-1", "windows-1252", "utf-8"],
    ),
    "et": (
        [("Kadri", "Tamm"), ("Märt", "Sepp"), ("Liis", "Kask")],
        ["peipsi-tarkvara.ee", "saaremaa-data.ee"],
        "Hinnapakkumise päring",
        "Tere {to}!\n\nSooviksime hinnapakkumist teie tooteanalüütika platvormile. Meil on umbes\n9000 igakuist aktiivset kasutajat. Kas saaksime kokku leppida demo?\n\nLugupidamisega\n{me}",
        ["iso-8859-13", "windows-1257", "utf-8"],
    ),
    "lv": (
        [("Ilze", "Kalniņa"), ("Jānis", "Bērziņš"), ("Agnese", "Ozoliņa")],
        ["daugava-soft.lv", "gauja-dati.lv"],
        "Cenu piedāvājuma pieprasījums",
        "Labdien, {to}!\n\nLūdzu, atsūtiet cenu piedāvājumu jūsu produktu analītikas platformai. Mums ir\naptuveni 11 000 aktīvo lietotāju mēnesī.\n\nAr cieņu,\n{me}",
        ["iso-8859-13", "windows-1257", "utf-8"],
    ),
    "lt": (
        [("Rūta", "Kazlauskienė"), ("Žygimantas", "Petrauskas"), ("Eglė", "Vaitkutė")],
        ["nemunas-it.lt", "kursiu-duomenys.lt"],
        "Komercinio pasiūlymo užklausa",
        "Laba diena, {to},\n\nnorėtume gauti komercinį pasiūlymą jūsų produkto analitikos platformai. Turime\napie 13 000 aktyvių naudotojų per mėnesį.\n\nPagarbiai\n{me}",
        ["iso-8859-13", "windows-1257", "utf-8"],
    ),
    "mt": (
        [
            ("Ġorġ", "Borġ", "Gorg", "Borg"),
            ("Marija", "Camilleri"),
            ("Ċensu", "Farrugia", "Censu", "Farrugia"),
        ],
        ["kemmuna-tech.com.mt", "valletta-data.mt"],
        "Talba għal kwotazzjoni",
        "Bonġu {to},\n\nnixtiequ kwotazzjoni għall-pjattaforma tagħkom tal-analitika tal-prodott.\nGħandna madwar 5,000 utent attiv fix-xahar.\n\nGrazzi,\n{me}",
        ["utf-8"],
    ),
    "ga": (
        [
            ("Siobhán", "Ní Bhriain", "Siobhan", "NiBhriain"),
            ("Cathal", "Ó Súilleabháin", "Cathal", "OSuilleabhain"),
            ("Aoife", "Nic Ghiolla", "Aoife", "NicGhiolla"),
        ],
        ["tonnta-teo.ie", "corrib-sonrai.ie"],
        "Iarratas ar luachan",
        "A {to}, a chara,\n\nBa mhaith linn luachan a fháil do bhur n-ardán anailísíochta táirge. Tá thart ar\n7,000 úsáideoir gníomhach againn in aghaidh na míosa.\n\nLe meas,\n{me}",
        ["iso-8859-1", "utf-8"],
    ),
    "ja": (
        [
            ("佐藤", "花子", "hanako", "sato"),
            ("高橋", "健一", "kenichi", "takahashi"),
            ("山本", "美咲", "misaki", "yamamoto"),
        ],
        ["sakura-systems.co.jp", "kawasemi-data.jp"],
        "お見積りのお願い",
        "{to}様\n\nお世話になっております。\n貴社のプロダクト分析ツール（セッションリプレイ、機能フラグ）について、\n月間アクティブユーザー約3万人規模でのお見積りをお願いできますでしょうか。\nまた、来週デモのお時間をいただけますと幸いです。\n\nよろしくお願いいたします。\n{me}",
        ["iso-2022-jp", "shift_jis", "utf-8"],
    ),
    "zh": (
        [
            ("王", "丽娜", "lina", "wang"),
            ("陈", "志强", "zhiqiang", "chen"),
            ("刘", "晓燕", "xiaoyan", "liu"),
        ],
        ["huaxin-tech.cn", "dongfang-data.com.cn"],
        "询价：产品分析平台",
        "{to}您好，\n\n我们正在评估贵公司的产品分析平台（会话回放、功能开关）。我们每月活跃用户约4万，\n请问能否提供报价，并安排下周的产品演示？\n\n谢谢！\n{me}",
        ["gb2312", "gbk", "gb18030", "utf-8"],
    ),
    "ko": (
        [
            ("김", "지은", "jieun", "kim"),
            ("박", "민수", "minsu", "park"),
            ("이", "서연", "seoyeon", "lee"),
        ],
        ["hangang-soft.co.kr", "jeju-data.kr"],
        "견적 요청 드립니다",
        "{to}님 안녕하세요.\n\n귀사의 제품 분석 플랫폼(세션 리플레이, 기능 플래그) 도입을 검토하고 있습니다.\n월간 활성 사용자는 약 2만 명입니다. 견적서와 데모 일정을 부탁드립니다.\n\n감사합니다.\n{me} 드림",
        ["euc-kr", "utf-8"],
    ),
    "ru": (
        [
            ("Екатерина", "Соколова", "ekaterina", "sokolova"),
            ("Дмитрий", "Воронцов", "dmitry", "vorontsov"),
            ("Анна", "Кузнецова", "anna", "kuznetsova"),
        ],
        ["volga-tehno.ru", "severnaya-data.ru"],
        "Запрос коммерческого предложения",
        "Добрый день, {to}!\n\nМы рассматриваем вашу платформу продуктовой аналитики вместо текущего решения.\nУ нас около 50 000 активных пользователей в месяц. Пришлите, пожалуйста,\nкоммерческое предложение и возможные даты для демо.\n\nС уважением,\n{me}",
        ["koi8-r", "windows-1251", "utf-8"],
    ),
    "uk": (
        [
            ("Олена", "Шевченко", "olena", "shevchenko"),
            ("Тарас", "Гнатюк", "taras", "hnatiuk"),
            ("Ірина", "Бондар", "iryna", "bondar"),
        ],
        ["dnipro-soft.com.ua", "karpaty-data.ua"],
        "Запит комерційної пропозиції",
        "Добрий день, {to}!\n\nМи хотіли б отримати комерційну пропозицію на вашу платформу аналітики продукту.\nУ нас приблизно 17 000 активних користувачів на місяць.\n\nЗ повагою,\n{me}",
        ["koi8-u", "windows-1251", "utf-8"],
    ),
    "tr": (
        [("Ayşe", "Yıldız"), ("Mehmet", "Çelik"), ("Gülşen", "Öztürk")],
        ["bogazici-yazilim.com.tr", "ege-veri.com"],
        "Fiyat teklifi talebi",
        "Merhaba {to},\n\nÜrün analitiği platformunuz için fiyat teklifi almak istiyoruz. Aylık yaklaşık\n26.000 aktif kullanıcımız var. Gelecek hafta bir demo ayarlayabilir miyiz?\n\nSaygılarımla,\n{me}",
        ["iso-8859-9", "windows-1254", "utf-8"],
    ),
    "no": (
        [("Ingrid", "Haugland"), ("Eirik", "Sæther"), ("Kari", "Bråten")],
        ["fjellvind.no", "lofoten-data.no"],
        "Forespørsel om tilbud",
        "Hei {to},\n\nKan dere sende oss et tilbud på produktanalyseplattformen deres? Vi har rundt\n19 000 aktive brukere i måneden.\n\nMed vennlig hilsen\n{me}",
        ["iso-8859-1", "utf-8"],
    ),
    "ca": (
        [("Jordi", "Puigdomènech"), ("Núria", "Serrat")],
        ["montseny-digital.cat", "ebre-dades.com"],
        "Sol·licitud de pressupost",
        "Hola {to},\n\nens podríeu enviar un pressupost per a la vostra plataforma d'analítica de producte?\nTenim uns 9.000 usuaris actius al mes.\n\nSalutacions,\n{me}",
        ["iso-8859-1", "utf-8"],
    ),
    "is": (
        [("Guðrún", "Sigurðardóttir"), ("Þórður", "Jónsson", "Thordur", "Jonsson")],
        ["hekla-hugbunadur.is"],
        "Beiðni um tilboð",
        "Sæl {to},\n\ngætuð þið sent okkur tilboð í vöruna ykkar? Við erum með um 4.000 virka notendur á mánuði.\n\nKveðja,\n{me}",
        ["iso-8859-1", "utf-8"],
    ),
}

_TRANS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "ß": "ss",
        "æ": "ae",
        "đ": "d",
        "ı": "i",
        "Ø": "O",
        "Ł": "L",
        "Æ": "AE",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "Þ": "Th",
        "ħ": "h",
        "Ħ": "H",
        "ö": "oe",
        "ü": "ue",
        "ä": "ae",
    }
)


def ascii_fold(s: str, german: bool = False) -> str:
    if not german:
        s = s.replace("ö", "o").replace("ü", "u").replace("ä", "a")
    s = s.translate(_TRANS)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isascii() and (c.isalnum() or c in ".-")).lower()


class Lang:
    def __init__(self, code: str) -> None:
        people, domains, subj, body, charsets = _T[code]
        self.code, self.domains, self.subject, self.body, self.charsets = (
            code,
            domains,
            subj,
            body,
            charsets,
        )
        self.people = []
        for p in people:
            if len(p) == 4:
                self.people.append((p[0], p[1], p[2].lower(), p[3].lower()))
            else:
                g = code == "de"
                self.people.append(
                    (p[0], p[1], ascii_fold(p[0], g), ascii_fold(p[1].replace(" ", ""), g))
                )

    def display(self, first: str, last: str) -> str:
        if self.code in ("ja", "zh", "ko"):
            return f"{first} {last}" if self.code == "ja" else f"{first}{last}"
        if self.code == "hu":
            return f"{last} {first}"
        return f"{first} {last}"


LANGS = {c: Lang(c) for c in _T}

_USED: set[str] = set()
_PATTERNS = ["{f}.{l}", "{f0}.{l}", "{f}", "{f}{l0}", "{l}.{f}", "{f0}{l}", "{f}_{l}", "{l}"]


def new_lead(code: str, idx: int, domain: str | None = None) -> tuple[str, str]:
    """A person never used before in this corpus: (display name, email)."""
    lang = LANGS[code]
    for k in range(200):
        first, last, af, al = lang.people[(idx + k) % len(lang.people)]
        dom = domain or lang.domains[(idx + k // len(lang.people)) % len(lang.domains)]
        pat = _PATTERNS[(k // (len(lang.people) * len(lang.domains))) % len(_PATTERNS)]
        local = pat.format(f=af, l=al, f0=af[0], l0=al[0])
        if k >= 120:
            local += str(k)
        email = f"{local}@{dom}"
        if email not in _USED:
            _USED.add(email)
            return lang.display(first, last), email
    raise RuntimeError("out of people")


def used(email: str) -> None:
    if email in _USED:
        raise RuntimeError(f"duplicate {email}")
    _USED.add(email)
