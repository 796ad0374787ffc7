"""What the corpus's people write, per language: invented people and companies, customer
inquiries, colleagues' notes when forwarding, out-of-office texts. All written for this
corpus; any likeness to a real person or company is chance."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Texts:
    first: tuple[str, ...]
    last: tuple[str, ...]
    companies: tuple[tuple[str, str], ...]  # (name, domain stem)
    inquiries: tuple[tuple[str, str], ...]  # (subject, body with {first} {company})
    notes: tuple[str, ...]  # colleague's line above a forward
    colleagues: tuple[str, ...]
    regards: str
    ooo: str  # out-of-office body


T: dict[str, Texts] = {}

T["en"] = Texts(
    ("Olivia", "Marcus", "Priya", "Daniel", "Hannah", "Tom", "Grace", "Ethan"),
    ("Whitfield", "Okafor", "Brennan", "Caldwell", "Ashworth", "Lindqvist", "Mercer", "Hale"),
    (
        ("Northwind Freight", "northwindfreight"),
        ("Brightlane Health", "brightlanehealth"),
        ("Copperleaf Games", "copperleafgames"),
        ("Harbor & Pine Legal", "harborpine"),
        ("Quillstone Analytics", "quillstone"),
        ("Tidewater Bank", "tidewaterbank"),
    ),
    (
        (
            "Pricing for ~40M events a month",
            "Hi,\n\nWe're evaluating product analytics tools for our mobile app (about 180k MAU, "
            "roughly 40M events a month). Could you send pricing for that volume and tell us "
            "whether annual contracts are discounted?\n\nThanks,\n{first}\n{company}",
        ),
        (
            "Demo for our product team",
            "Hello,\n\nCould we book a 30-minute demo next week? Our product and data teams are "
            "moving off a home-grown pipeline and want to see funnels, session replay and the "
            "warehouse export.\n\nBest,\n{first}",
        ),
        (
            "Security questionnaire and DPA",
            "Hi there,\n\nBefore procurement can sign off we need your SOC 2 report, a completed "
            "security questionnaire and your DPA. We expect around 25M events per month to "
            "start with.\n\nKind regards,\n{first}\n{company}",
        ),
    ),
    (
        "Hi team, this came in through my inbox - can someone from sales pick it up?",
        "FYI, a good lead for the UK territory. Please take it from here.",
        "Forwarding this one, they asked for a call this week.",
    ),
    ("Kim Berger", "Sam Ortega"),
    "Best regards",
    "Thank you for your message. I am out of the office until Monday and will have "
    "limited access to email. For urgent matters please contact my colleague.",
)
T["de"] = Texts(
    ("Lukas", "Anna", "Jonas", "Katharina", "Felix", "Sabine", "Matthias", "Lea"),
    ("Schneider", "Hoffmann", "Krüger", "Wagner", "Becker", "Zimmermann", "Schulz", "Neumann"),
    (
        ("Brauhaus Technik GmbH", "brauhaus-technik"),
        ("Rheinwerk Logistik AG", "rheinwerk-logistik"),
        ("Alpenblick Software", "alpenblick-software"),
        ("Nordlicht Versicherung", "nordlicht-vers"),
        ("Kessler & Partner", "kessler-partner"),
        ("Mediplan Kliniken", "mediplan-kliniken"),
    ),
    (
        (
            "Anfrage: Preise für Produktanalyse",
            "Guten Tag,\n\nwir sind ein Logistikunternehmen mit rund 300 Mitarbeitenden und "
            "suchen eine Lösung für Produktanalyse und Session Replay. Wir rechnen mit etwa 30 "
            "Millionen Events im Monat. Können Sie uns ein Angebot schicken?\n\nMit freundlichen "
            "Grüßen\n{first}\n{company}",
        ),
        (
            "Hosting in der EU und AVV",
            "Hallo zusammen,\n\nfür uns ist wichtig, dass die Daten in der EU bleiben. Bieten Sie "
            "Hosting in Frankfurt an, und können wir einen Auftragsverarbeitungsvertrag "
            "abschließen? Gerne auch ein kurzes Telefonat.\n\nViele Grüße\n{first}",
        ),
        (
            "Termin für eine Demo",
            "Sehr geehrte Damen und Herren,\n\nwir würden gern eine Demo für unser Produktteam "
            "vereinbaren, idealerweise nächste Woche Dienstag oder Mittwoch. Aktuell nutzen wir "
            "ein anderes Tool und überlegen zu wechseln.\n\nBeste Grüße\n{first}\n{company}",
        ),
    ),
    (
        "Hallo Vertrieb, kam bei mir rein – könnt ihr das bitte übernehmen?",
        "Zur Info: Interessent aus der DACH-Region, bitte kümmert euch darum.",
        "Leite ich euch weiter, die wollen diese Woche noch ein Angebot.",
    ),
    ("Jana Vogt", "Tobias Reuter"),
    "Mit freundlichen Grüßen",
    "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich Freitag nicht im Büro und "
    "habe keinen Zugriff auf meine E-Mails. In dringenden Fällen wenden Sie sich bitte an "
    "meine Kollegin.",
)
T["fr"] = Texts(
    ("Camille", "Julien", "Élodie", "Mathieu", "Sophie", "Antoine", "Chloé", "Nicolas"),
    ("Lefèvre", "Moreau", "Girard", "Fontaine", "Rousseau", "Mercier", "Lambert", "Chevalier"),
    (
        ("Voyages Azur", "voyages-azur"),
        ("Fromagerie Delorme", "fromagerie-delorme"),
        ("Banque Ardoise", "banque-ardoise"),
        ("Clinique Saint-Vallier", "clinique-stvallier"),
        ("Atelier Numérique", "atelier-numerique"),
        ("Transports Garnier", "transports-garnier"),
    ),
    (
        (
            "Demande de tarif",
            "Bonjour,\n\nNous sommes une agence de voyages en ligne avec environ 4 millions de "
            "visiteurs par mois. Pourriez-vous nous communiquer vos tarifs pour l'analyse produit "
            "et les cartes de chaleur ?\n\nCordialement,\n{first}\n{company}",
        ),
        (
            "Hébergement des données en Europe",
            "Bonjour,\n\nNotre DPO demande que les données restent dans l'Union européenne. "
            "Proposez-vous un hébergement en Europe et un accord de traitement des données ? "
            "Nous aimerions en discuter lors d'un appel.\n\nBien à vous,\n{first}",
        ),
        (
            "Démonstration pour notre équipe",
            "Madame, Monsieur,\n\nNous souhaiterions organiser une démonstration pour notre équipe "
            "produit la semaine prochaine. Nous utilisons actuellement un autre outil et "
            "envisageons de changer.\n\nMerci d'avance,\n{first}\n{company}",
        ),
    ),
    (
        "Bonjour l'équipe, reçu ce matin – quelqu'un peut s'en occuper ?",
        "Pour info, prospect intéressant côté France. Je vous laisse reprendre.",
        "Je vous transfère, ils attendent une proposition cette semaine.",
    ),
    ("Margaux Petit", "Hugo Bernard"),
    "Cordialement",
    "Merci pour votre message. Je suis absente jusqu'au lundi inclus et je n'ai qu'un accès "
    "limité à ma messagerie. Pour toute urgence, merci de contacter mon collègue.",
)
T["es"] = Texts(
    ("Lucía", "Javier", "Carmen", "Alejandro", "Marta", "Pablo", "Elena", "Sergio"),
    ("García", "Fernández", "Navarro", "Ortiz", "Romero", "Molina", "Delgado", "Castillo"),
    (
        ("Viajes Solmar", "viajes-solmar"),
        ("Bodegas Alcázar", "bodegas-alcazar"),
        ("Clínica Mirasol", "clinica-mirasol"),
        ("Finanzas Costa Verde", "costaverde-fin"),
        ("Logística Ibérica", "logistica-iberica"),
        ("Estudio Pixelado", "estudio-pixelado"),
    ),
    (
        (
            "Solicitud de presupuesto",
            "Hola,\n\nSomos una plataforma de comercio electrónico con unos 2 millones de usuarios "
            "al mes. Nos interesa la analítica de producto y los experimentos A/B. ¿Podrían "
            "enviarnos un presupuesto?\n\nUn saludo,\n{first}\n{company}",
        ),
        (
            "Llamada con ventas",
            "Buenos días,\n\n¿Sería posible agendar una llamada con alguien del equipo comercial? "
            "Queremos entender las opciones de alojamiento en la UE y el contrato de encargo de "
            "tratamiento.\n\nGracias,\n{first}",
        ),
        (
            "Migración desde otra herramienta",
            "Estimados:\n\nEstamos valorando migrar tres años de datos históricos desde nuestra "
            "herramienta actual. ¿Cómo es el proceso y cuánto costaría con unos 60 millones de "
            "eventos mensuales?\n\nSaludos cordiales,\n{first}\n{company}",
        ),
    ),
    (
        "Hola equipo, me ha llegado esto, ¿alguien de ventas puede encargarse?",
        "Os lo reenvío, parece un buen contacto para España.",
        "Para vuestra información: piden una demo esta semana.",
    ),
    ("Nuria Vidal", "Diego Ramos"),
    "Un saludo",
    "Gracias por su mensaje. Estaré fuera de la oficina hasta el lunes con acceso limitado "
    "al correo. Para asuntos urgentes, póngase en contacto con mi compañera.",
)
T["it"] = Texts(
    ("Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Davide"),
    ("Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino"),
    (
        ("Ristorante Facile", "ristorantefacile"),
        ("Banca Prima Veneta", "bancaprimaveneta"),
        ("Officine Lombarde", "officine-lombarde"),
        ("Viaggi Lagunari", "viaggi-lagunari"),
        ("Studio Medico Arno", "studiomedicoarno"),
        ("Tessuti Bellini", "tessuti-bellini"),
    ),
    (
        (
            "Richiesta di preventivo",
            "Buongiorno,\n\nsiamo una catena di ristoranti con un'app di prenotazione "
            "usata da circa "
            "300 mila utenti al mese. Vorremmo ricevere un preventivo per l'analisi di prodotto e "
            "il session replay.\n\nCordiali saluti,\n{first}\n{company}",
        ),
        (
            "Installazione self-hosted",
            "Salve,\n\ncome banca non possiamo inviare dati a terzi. Offrite una versione "
            "self-hosted con supporto e SLA? Gradiremmo una chiamata con il vostro team "
            "commerciale.\n\nGrazie,\n{first}",
        ),
        (
            "Prova estesa",
            "Buongiorno,\n\nabbiamo iniziato la prova la settimana scorsa e vorremmo "
            "estenderla per "
            "testare con tutto il nostro traffico prima di firmare un contratto annuale.\n\n"
            "Saluti,\n{first}\n{company}",
        ),
    ),
    (
        "Ciao a tutti, mi è arrivata questa richiesta: qualcuno del commerciale può seguirla?",
        "Vi inoltro, sembra un contatto interessante per l'Italia.",
        "Per competenza: chiedono un preventivo entro venerdì.",
    ),
    ("Paola Greco", "Stefano Conti"),
    "Cordiali saluti",
    "Grazie per il messaggio. Sono fuori ufficio fino a lunedì con accesso limitato alla "
    "posta. Per urgenze contattare la mia collega.",
)
T["nl"] = Texts(
    ("Sanne", "Daan", "Lotte", "Bram", "Eva", "Joris", "Femke", "Thijs"),
    ("de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer"),
    (
        ("Fietsenmakerij Zuid", "fietsenmakerij-zuid"),
        ("Polderdata", "polderdata"),
        ("Havenstad Verzekeringen", "havenstad-verz"),
        ("Tulpenveld Retail", "tulpenveld"),
        ("Grachtenzorg", "grachtenzorg"),
        ("Windmolen Energie", "windmolen-energie"),
    ),
    (
        (
            "Prijsaanvraag productanalyse",
            "Goedemiddag,\n\nWij zijn een webshop met ongeveer 900.000 bezoekers per maand en "
            "zoeken een tool voor productanalyse en A/B-testen. Kunnen jullie een offerte "
            "sturen?\n\nMet vriendelijke groet,\n{first}\n{company}",
        ),
        (
            "Vraag over verwerkersovereenkomst",
            "Hallo,\n\nKunnen we een verwerkersovereenkomst afsluiten en staan de servers in de "
            "EU? Graag plannen we een kort gesprek.\n\nGroet,\n{first}",
        ),
        (
            "Demo aanvragen",
            "Beste,\n\nWij willen graag een demo inplannen voor ons productteam, bij voorkeur "
            "volgende week donderdag.\n\nMet vriendelijke groet,\n{first}\n{company}",
        ),
    ),
    (
        "Hoi team, dit kwam bij mij binnen, kan iemand van sales het oppakken?",
        "Ter info: leuke lead uit de Benelux. Willen jullie contact opnemen?",
        "Stuur ik even door, ze willen deze week nog een offerte.",
    ),
    ("Anouk Dekker", "Ruben Mulder"),
    "Met vriendelijke groet",
    "Bedankt voor je bericht. Ik ben tot en met vrijdag afwezig en lees mijn e-mail "
    "beperkt. Voor dringende zaken kun je contact opnemen met mijn collega.",
)
T["pt"] = Texts(
    ("Inês", "João", "Beatriz", "Tiago", "Mariana", "Rui", "Catarina", "Miguel"),
    ("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins"),
    (
        ("Conservas Atlântico", "conservas-atlantico"),
        ("LogiSoft Portugal", "logisoft"),
        ("Clínica Ribeira", "clinica-ribeira"),
        ("Vinhos do Douro Lda", "vinhosdodouro"),
        ("Banco Lusitano", "bancolusitano"),
        ("Azulejo Digital", "azulejo-digital"),
    ),
    (
        (
            "Pedido de proposta",
            "Bom dia,\n\nSomos uma empresa de software com cerca de 150 colaboradores e "
            "gostaríamos "
            "de passar do plano mensal para um plano anual. Podem enviar-nos uma proposta?\n\n"
            "Com os melhores cumprimentos,\n{first}\n{company}",
        ),
        (
            "Alojamento de dados na UE",
            "Olá,\n\nPrecisamos que os dados fiquem alojados na União Europeia. É possível assinar "
            "um acordo de tratamento de dados?\n\nObrigado,\n{first}",
        ),
        (
            "Demonstração",
            "Boa tarde,\n\nGostaríamos de marcar uma demonstração para a nossa equipa de produto "
            "na próxima semana.\n\nCumprimentos,\n{first}\n{company}",
        ),
    ),
    (
        "Olá equipa, recebi isto – alguém das vendas pode tratar?",
        "Para conhecimento: pedido interessante de Portugal.",
        "Reencaminho, pedem uma chamada ainda esta semana.",
    ),
    ("Sofia Almeida", "Pedro Gomes"),
    "Com os melhores cumprimentos",
    "Obrigada pela sua mensagem. Estou ausente do escritório até segunda-feira, com acesso "
    "limitado ao e-mail.",
)
T["pl"] = Texts(
    ("Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Magdalena", "Paweł", "Joanna", "Michał"),
    (
        "Nowak",
        "Kowalski",
        "Wiśniewska",
        "Wójcik",
        "Kamińska",
        "Lewandowski",
        "Zielińska",
        "Szymański",
    ),
    (
        ("Transport Wisła", "transport-wisla"),
        ("Apteki Zdrowie", "apteki-zdrowie"),
        ("Bursztyn Software", "bursztyn-software"),
        ("Kraków Fintech", "krakow-fintech"),
        ("Meble Tatry", "meble-tatry"),
        ("Edukacja Plus", "edukacjaplus"),
    ),
    (
        (
            "Zapytanie ofertowe",
            "Dzień dobry,\n\nJesteśmy firmą fintech z około 200 tys. aktywnych użytkowników "
            "miesięcznie. Prosimy o przesłanie oferty na analitykę produktową i nagrania sesji.\n\n"
            "Pozdrawiam serdecznie,\n{first}\n{company}",
        ),
        (
            "Umowa powierzenia danych",
            "Witam,\n\nCzy możemy podpisać umowę powierzenia przetwarzania danych i czy dane są "
            "przechowywane w UE? Chętnie umówimy się na rozmowę.\n\nPozdrawiam,\n{first}",
        ),
        (
            "Prośba o prezentację",
            "Dzień dobry,\n\nChcielibyśmy umówić prezentację dla zespołu produktowego w przyszłym "
            "tygodniu.\n\nZ poważaniem,\n{first}\n{company}",
        ),
    ),
    (
        "Cześć, przyszło to do mnie – czy ktoś ze sprzedaży może się tym zająć?",
        "Do wiadomości: ciekawy klient z Polski, proszę o kontakt.",
        "Przekazuję dalej, proszą o ofertę w tym tygodniu.",
    ),
    ("Anna Mazur", "Krzysztof Dudek"),
    "Pozdrawiam",
    "Dziękuję za wiadomość. Jestem poza biurem do poniedziałku i mam ograniczony dostęp do poczty.",
)
T["sv"] = Texts(
    ("Elin", "Oskar", "Maja", "Viktor", "Klara", "Erik", "Sara", "Johan"),
    ("Lindberg", "Andersson", "Nyström", "Holm", "Bergqvist", "Sjöberg", "Ek", "Lund"),
    (
        ("Fjällbacka Fisk AB", "fjallbackafisk"),
        ("Nordkap Data", "nordkapdata"),
        ("Skärgårdsresor", "skargardsresor"),
        ("Vasa Vård", "vasavard"),
        ("Granit Bygg AB", "granitbygg"),
        ("Ljusdal Energi", "ljusdalenergi"),
    ),
    (
        (
            "Prisförfrågan",
            "Hej,\n\nVi är ett reseföretag med cirka 500 000 besökare i månaden och vill veta vad "
            "produktanalys och sessionsinspelning skulle kosta för oss.\n\nMed vänliga hälsningar,"
            "\n{first}\n{company}",
        ),
        (
            "Personuppgiftsbiträdesavtal",
            "Hej!\n\nKan vi teckna ett personuppgiftsbiträdesavtal och lagras datan inom EU? Vi "
            "bokar gärna ett samtal.\n\nHälsningar,\n{first}",
        ),
        (
            "Demo för vårt team",
            "Hej,\n\nVi skulle vilja boka en demo för produktteamet nästa vecka.\n\nVänliga "
            "hälsningar,\n{first}\n{company}",
        ),
    ),
    (
        "Hej allihop, det här kom in till mig – kan någon på sälj ta det?",
        "För kännedom: bra lead från Sverige.",
        "Skickar vidare, de vill ha en offert den här veckan.",
    ),
    ("Linnea Berg", "Anders Falk"),
    "Med vänliga hälsningar",
    "Tack för ditt mejl. Jag är tjänstledig till och med fredag och läser inte min e-post.",
)
T["da"] = Texts(
    ("Mette", "Rasmus", "Ida", "Frederik", "Camilla", "Mikkel", "Louise", "Søren"),
    ("Nielsen", "Jensen", "Hansen", "Pedersen", "Christensen", "Sørensen", "Møller", "Lund"),
    (
        ("Havneby Shipping", "havnebyshipping"),
        ("Kløvermark Software", "klovermark"),
        ("Sundhedshuset", "sundhedshuset"),
        ("Bornholm Bryg", "bornholmbryg"),
        ("Energinord A/S", "energinord"),
        ("Vestjysk Data", "vestjyskdata"),
    ),
    (
        (
            "Forespørgsel om priser",
            "Hej,\n\nVi er en shippingvirksomhed med omkring 400 ansatte og vil gerne høre om "
            "priser på produktanalyse til vores kundeportal.\n\nVenlig hilsen\n{first}\n{company}",
        ),
        (
            "Databehandleraftale",
            "Hej,\n\nKan vi indgå en databehandleraftale, og ligger data i EU? Vi tager gerne et "
            "kort møde.\n\nMvh\n{first}",
        ),
        (
            "Møde med salg",
            "Hej,\n\nKan nogen fra salg ringe til mig? Vi vil rulle analyse ud på seks interne "
            "produkter.\n\nVenlig hilsen\n{first}\n{company}",
        ),
    ),
    (
        "Hej, det her kom ind til mig – kan nogen fra salg tage den?",
        "Til orientering: godt lead fra Danmark.",
        "Sender videre, de vil gerne have et tilbud i denne uge.",
    ),
    ("Line Kjær", "Jesper Holm"),
    "Venlig hilsen",
    "Tak for din mail. Jeg er på ferie til og med fredag og har begrænset adgang til mail.",
)
T["fi"] = Texts(
    ("Aino", "Juho", "Emilia", "Mikko", "Laura", "Antti", "Sanna", "Ville"),
    ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen"),
    (
        ("Saimaan Satama Oy", "saimaansatama"),
        ("Revontuli Software", "revontulisoft"),
        ("Kuopion Terveys", "kuopionterveys"),
        ("Lapin Matkat", "lapinmatkat"),
        ("Koivu Rakennus", "koivurakennus"),
        ("Aalto Fintech", "aaltofintech"),
    ),
    (
        (
            "Tarjouspyyntö",
            "Hei,\n\nOlemme ohjelmistoyritys ja meillä on noin 250 000 kuukausittaista käyttäjää. "
            "Voisitteko lähettää tarjouksen tuoteanalytiikasta?\n\nYstävällisin terveisin\n{first}"
            "\n{company}",
        ),
        (
            "Tietojenkäsittelysopimus",
            "Hei,\n\nVoimmeko tehdä tietojenkäsittelysopimuksen ja säilytetäänkö data EU:ssa? "
            "Sovitaan mielellään lyhyt puhelu.\n\nTerveisin\n{first}",
        ),
        (
            "Esittelyn varaus",
            "Hei,\n\nHaluaisimme varata esittelyn tuotetiimillemme ensi viikolle.\n\nTerveisin\n"
            "{first}\n{company}",
        ),
    ),
    (
        "Hei, tämä tuli minulle – voisiko joku myynnistä hoitaa?",
        "Tiedoksi: hyvä liidi Suomesta.",
        "Välitän eteenpäin, he haluavat tarjouksen tällä viikolla.",
    ),
    ("Noora Salo", "Pekka Lehto"),
    "Ystävällisin terveisin",
    "Kiitos viestistäsi. Olen lomalla perjantaihin asti enkä lue sähköpostia.",
)
T["cs"] = Texts(
    ("Tereza", "Jakub", "Petra", "Ondřej", "Lucie", "Martin", "Kateřina", "Tomáš"),
    ("Novák", "Svobodová", "Dvořák", "Černá", "Procházka", "Kučerová", "Veselý", "Horáková"),
    (
        ("Pivovar Labe", "pivovar-labe"),
        ("Vltava Software", "vltavasoftware"),
        ("Klinika Moravia", "klinika-moravia"),
        ("Doprava Brno", "doprava-brno"),
        ("Sklárna Bohemia Digital", "bohemia-digital"),
        ("Finance Praha", "financepraha"),
    ),
    (
        (
            "Poptávka cenové nabídky",
            "Dobrý den,\n\njsme e-shop s přibližně 600 tisíci návštěvníky měsíčně a zajímá nás "
            "produktová analytika. Mohli byste nám poslat cenovou nabídku?\n\nS pozdravem\n{first}"
            "\n{company}",
        ),
        (
            "Zpracování dat v EU",
            "Dobrý den,\n\nje možné uzavřít smlouvu o zpracování osobních údajů a jsou data "
            "uložena v EU? Rádi si domluvíme krátký hovor.\n\nDěkuji\n{first}",
        ),
        (
            "Ukázka produktu",
            "Dobrý den,\n\nrádi bychom si domluvili ukázku pro náš produktový tým příští týden.\n\n"
            "S pozdravem\n{first}\n{company}",
        ),
    ),
    (
        "Ahoj, přišlo mi tohle – může si to někdo z obchodu vzít?",
        "Pro info: zajímavý zákazník z Česka.",
        "Přeposílám, chtějí nabídku ještě tento týden.",
    ),
    ("Eva Králová", "Pavel Beneš"),
    "S pozdravem",
    "Děkuji za zprávu. Do pondělí jsem mimo kancelář a e-maily čtu jen omezeně.",
)
T["sk"] = Texts(
    ("Zuzana", "Marek", "Lenka", "Peter", "Martina", "Juraj", "Simona", "Michal"),
    ("Horváth", "Kováčová", "Varga", "Tóthová", "Nagy", "Baláž", "Szabóová", "Molnár"),
    (
        ("Tatry Travel", "tatrytravel"),
        ("Dunaj Logistics", "dunajlogistics"),
        ("Nemocnica Zdravie", "nemzdravie"),
        ("Bratislava Fintech", "bafintech"),
        ("Drevo Slovakia", "drevoslovakia"),
        ("Kosice Soft", "kosicesoft"),
    ),
    (
        (
            "Žiadosť o cenovú ponuku",
            "Dobrý deň,\n\nsme cestovná kancelária s približne 200 tisíc používateľmi mesačne. "
            "Mohli by ste nám poslať cenovú ponuku na produktovú analytiku?\n\nS pozdravom\n{first}"
            "\n{company}",
        ),
        (
            "Zmluva o spracúvaní údajov",
            "Dobrý deň,\n\nje možné podpísať zmluvu o spracúvaní osobných údajov? Radi by sme si "
            "dohodli krátky hovor.\n\nĎakujem\n{first}",
        ),
        (
            "Prezentácia",
            "Dobrý deň,\n\nradi by sme si dohodli prezentáciu pre náš tím budúci týždeň.\n\n"
            "S pozdravom\n{first}\n{company}",
        ),
    ),
    (
        "Ahoj, prišlo mi toto – môže si to niekto z predaja zobrať?",
        "Na vedomie: zaujímavý klient zo Slovenska.",
        "Preposielam, chcú ponuku ešte tento týždeň.",
    ),
    ("Jana Kováčová", "Róbert Polák"),
    "S pozdravom",
    "Ďakujem za správu. Do pondelka som mimo kancelárie.",
)
T["hu"] = Texts(
    ("Eszter", "Bence", "Réka", "Gábor", "Anna", "Dávid", "Zsófia", "Ádám"),
    ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár"),
    (
        ("Balaton Utazás Kft.", "balatonutazas"),
        ("Duna Szoftver", "dunaszoftver"),
        ("Pannon Egészség", "pannonegeszseg"),
        ("Tokaji Borház", "tokajiborhaz"),
        ("Hungária Fintech", "hungariafintech"),
        ("Alföld Logisztika", "alfoldlog"),
    ),
    (
        (
            "Árajánlatkérés",
            "Jó napot!\n\nWebáruházunknak havonta körülbelül 700 ezer látogatója van. Szeretnénk "
            "árajánlatot kérni termékanalitikára és munkamenet-visszajátszásra.\n\nÜdvözlettel:\n"
            "{first}\n{company}",
        ),
        (
            "Adatfeldolgozási szerződés",
            "Jó napot!\n\nKöthetünk adatfeldolgozási szerződést, és az adatok az EU-ban vannak? "
            "Szívesen egyeztetnénk telefonon.\n\nKöszönöm:\n{first}",
        ),
        (
            "Bemutató",
            "Jó napot!\n\nJövő hétre szeretnénk bemutatót kérni a termékcsapatunknak.\n\n"
            "Üdvözlettel:\n{first}\n{company}",
        ),
    ),
    (
        "Sziasztok, ez jött hozzám – valaki az értékesítésről átvenné?",
        "Tájékoztatásul: jó lead Magyarországról.",
        "Továbbítom, még ezen a héten ajánlatot kérnek.",
    ),
    ("Katalin Fehér", "László Balogh"),
    "Üdvözlettel",
    "Köszönöm levelét. Hétfőig szabadságon vagyok, e-mailjeimet nem olvasom.",
)
T["ro"] = Texts(
    ("Ioana", "Andrei", "Elena", "Mihai", "Alexandra", "Radu", "Cristina", "Vlad"),
    ("Popescu", "Ionescu", "Dumitrescu", "Stan", "Constantin", "Marin", "Georgescu", "Tudor"),
    (
        ("Carpați Logistic", "carpatilogistic"),
        ("Delta Software SRL", "deltasoftware"),
        ("Clinica Sănătatea", "clinicasanatatea"),
        ("Vinuri Dobrogea", "vinuridobrogea"),
        ("Bucur Fintech", "bucurfintech"),
        ("Transilvania Tours", "transilvaniatours"),
    ),
    (
        (
            "Cerere de ofertă",
            "Bună ziua,\n\nSuntem o platformă de e-commerce cu aproximativ un milion de "
            "utilizatori "
            "pe lună. Ne puteți trimite o ofertă pentru analiză de produs?\n\nCu stimă,\n{first}\n"
            "{company}",
        ),
        (
            "Acord de prelucrare a datelor",
            "Bună ziua,\n\nPutem semna un acord de prelucrare a datelor, iar datele sunt "
            "stocate în "
            "UE? Am dori o discuție scurtă.\n\nMulțumesc,\n{first}",
        ),
        (
            "Demonstrație",
            "Bună ziua,\n\nAm dori să programăm o demonstrație pentru echipa de produs săptămâna "
            "viitoare.\n\nCu stimă,\n{first}\n{company}",
        ),
    ),
    (
        "Salut, mi-a venit asta – poate prelua cineva de la vânzări?",
        "Spre informare: client interesant din România.",
        "Redirecționez, vor o ofertă săptămâna aceasta.",
    ),
    ("Diana Matei", "Cosmin Rusu"),
    "Cu stimă",
    "Vă mulțumesc pentru mesaj. Sunt în concediu până luni.",
)
T["ru"] = Texts(
    ("Анна", "Дмитрий", "Екатерина", "Сергей", "Ольга", "Алексей", "Мария", "Иван"),
    ("Иванова", "Смирнов", "Кузнецова", "Попов", "Соколова", "Лебедев", "Новикова", "Морозов"),
    (
        ("Северный Транзит", "severtranzit"),
        ("Волга Софт", "volgasoft"),
        ("Клиника Здоровье", "klinika-zdorovie"),
        ("Байкал Тревел", "baikaltravel"),
        ("Уральский Финтех", "uralfintech"),
        ("Невская Логистика", "nevlog"),
    ),
    (
        (
            "Запрос коммерческого предложения",
            "Добрый день!\n\nМы разрабатываем мобильное приложение, около 400 тысяч активных "
            "пользователей в месяц. Пришлите, пожалуйста, коммерческое предложение на продуктовую "
            "аналитику.\n\nС уважением,\n{first}\n{company}",
        ),
        (
            "Хранение данных в ЕС",
            "Здравствуйте!\n\nМожно ли хранить данные в ЕС и подписать соглашение об обработке "
            "данных? Будем рады созвониться.\n\nСпасибо,\n{first}",
        ),
        (
            "Демонстрация продукта",
            "Добрый день!\n\nХотели бы договориться о демонстрации для нашей продуктовой команды "
            "на следующей неделе.\n\nС уважением,\n{first}\n{company}",
        ),
    ),
    (
        "Коллеги, пришло мне – кто-нибудь из продаж может взять?",
        "К сведению: хороший лид.",
        "Пересылаю, просят предложение на этой неделе.",
    ),
    ("Ирина Волкова", "Николай Орлов"),
    "С уважением",
    "Спасибо за письмо. Я в отпуске до понедельника и не читаю почту.",
)
T["uk"] = Texts(
    ("Олена", "Андрій", "Наталія", "Тарас", "Ірина", "Богдан", "Оксана", "Максим"),
    (
        "Шевченко",
        "Коваленко",
        "Бондаренко",
        "Ткаченко",
        "Кравченко",
        "Мельник",
        "Лисенко",
        "Гончар",
    ),
    (
        ("Дніпро Софт", "dniprosoft"),
        ("Карпати Логістик", "karpatylog"),
        ("Клініка Надія", "klinikanadiya"),
        ("Львів Фінтех", "lvivfintech"),
        ("Одеса Тревел", "odesatravel"),
        ("Полтава Агро", "poltavaagro"),
    ),
    (
        (
            "Запит комерційної пропозиції",
            "Доброго дня!\n\nМи — компанія з розробки програмного забезпечення, близько 300 тисяч "
            "активних користувачів на місяць. Надішліть, будь ласка, комерційну пропозицію.\n\n"
            "З повагою,\n{first}\n{company}",
        ),
        (
            "Угода про обробку даних",
            "Вітаю!\n\nЧи можемо ми підписати угоду про обробку даних? Будемо раді короткому "
            "дзвінку.\n\nДякую,\n{first}",
        ),
        (
            "Демонстрація",
            "Доброго дня!\n\nХотіли б домовитися про демонстрацію для нашої команди наступного "
            "тижня.\n\nЗ повагою,\n{first}\n{company}",
        ),
    ),
    (
        "Колеги, прийшло мені – хтось із продажів візьме?",
        "До відома: цікавий клієнт з України.",
        "Пересилаю, просять пропозицію цього тижня.",
    ),
    ("Марія Савчук", "Олег Руденко"),
    "З повагою",
    "Дякую за лист. Я у відпустці до понеділка.",
)
T["tr"] = Texts(
    ("Elif", "Mehmet", "Zeynep", "Emre", "Ayşe", "Burak", "Selin", "Can"),
    ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan"),
    (
        ("Boğaziçi Lojistik", "bogazicilojistik"),
        ("Anadolu Yazılım", "anadoluyazilim"),
        ("Ege Sağlık", "egesaglik"),
        ("Kapadokya Turizm", "kapadokyaturizm"),
        ("İstanbul Fintek", "istanbulfintek"),
        ("Marmara Gıda", "marmaragida"),
    ),
    (
        (
            "Fiyat teklifi talebi",
            "Merhaba,\n\nAylık yaklaşık 800 bin kullanıcısı olan bir e-ticaret sitesiyiz. Ürün "
            "analitiği için fiyat teklifi alabilir miyiz?\n\nSaygılarımla,\n{first}\n{company}",
        ),
        (
            "Veri işleme sözleşmesi",
            "Merhaba,\n\nVeri işleme sözleşmesi imzalayabilir miyiz ve veriler AB'de mi tutuluyor? "
            "Kısa bir görüşme ayarlamak isteriz.\n\nTeşekkürler,\n{first}",
        ),
        (
            "Demo talebi",
            "Merhaba,\n\nÜrün ekibimiz için gelecek hafta bir demo planlamak istiyoruz.\n\n"
            "Saygılarımla,\n{first}\n{company}",
        ),
    ),
    (
        "Merhaba, bu bana geldi – satıştan biri ilgilenebilir mi?",
        "Bilginize: Türkiye'den iyi bir müşteri adayı.",
        "İletiyorum, bu hafta teklif istiyorlar.",
    ),
    ("Derya Koç", "Kerem Aksoy"),
    "Saygılarımla",
    "Mesajınız için teşekkürler. Pazartesiye kadar izindeyim.",
)
T["ja"] = Texts(
    ("陽菜", "健太", "美咲", "翔太", "由美", "大輔", "彩", "拓也"),
    ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村"),
    (
        ("株式会社みなと交通", "minato-kotsu"),
        ("さくらソフトウェア", "sakura-soft"),
        ("北斗メディカル", "hokuto-medical"),
        ("青葉フィンテック", "aoba-fintech"),
        ("富士トラベル", "fuji-travel"),
        ("東海ロジスティクス", "tokai-logi"),
    ),
    (
        (
            "お見積りのお願い",
            "お世話になっております。\n\n弊社は月間約300万人が利用する交通アプリを運営しております。"
            "プロダクト分析の料金について、お見積りをいただけますでしょうか。\n\nよろしくお願いいたします。"
            "\n{company}\n{first}",
        ),
        (
            "データの保管場所について",
            "ご担当者様\n\nデータの保管場所と、データ処理契約の締結が可能かどうか教えていただけますか。"
            "\n\n何卒よろしくお願いいたします。\n{first}",
        ),
        (
            "デモのご依頼",
            "いつもお世話になっております。\n\n来週、弊社プロダクトチーム向けにデモをお願いできますでしょうか。"
            "\n\nよろしくお願いいたします。\n{company}\n{first}",
        ),
    ),
    (
        "営業チームの皆さん、こちらの問い合わせをご対応お願いします。",
        "ご参考まで、良い見込み客です。",
        "転送します。今週中に見積りが欲しいそうです。",
    ),
    ("小林 直樹", "加藤 恵"),
    "よろしくお願いいたします。",
    "メールありがとうございます。月曜日まで不在にしております。",
)
T["bg"] = Texts(
    ("Мария", "Георги", "Елена", "Иван", "Десислава", "Николай", "Радостина", "Стефан"),
    ("Иванова", "Петров", "Георгиева", "Димитров", "Николова", "Стоянов", "Тодорова", "Христов"),
    (
        ("Балкан Софт", "balkansoft"),
        ("Черноморие Транс", "chernomorie-trans"),
        ("Клиника Витоша", "klinika-vitosha"),
        ("Родопа Фуудс", "rodopafoods"),
        ("София Финтех", "sofiafintech"),
        ("Пирин Травел", "pirintravel"),
    ),
    (
        (
            "Запитване за оферта",
            "Здравейте,\n\nНие сме софтуерна компания с около 100 хиляди активни потребители на "
            "месец. Бихте ли ни изпратили оферта за продуктов анализ?\n\nПоздрави,\n{first}\n"
            "{company}",
        ),
        (
            "Споразумение за обработка на данни",
            "Здравейте,\n\nМожем ли да подпишем споразумение за обработка на данни? Бихме искали "
            "кратък разговор.\n\nБлагодаря,\n{first}",
        ),
        (
            "Демонстрация",
            "Здравейте,\n\nБихме искали демонстрация за нашия екип следващата седмица.\n\n"
            "Поздрави,\n{first}\n{company}",
        ),
    ),
    (
        "Колеги, получих това – може ли някой от продажбите да поеме?",
        "За сведение: интересен клиент от България.",
        "Препращам, искат оферта тази седмица.",
    ),
    ("Виктория Колева", "Борис Ангелов"),
    "Поздрави",
    "Благодаря за съобщението. В отпуск съм до понеделник.",
)
T["el"] = Texts(
    ("Μαρία", "Γιώργος", "Ελένη", "Νίκος", "Κατερίνα", "Δημήτρης", "Σοφία", "Κώστας"),
    (
        "Παπαδοπούλου",
        "Παπαδόπουλος",
        "Γεωργίου",
        "Νικολάου",
        "Οικονόμου",
        "Δημητρίου",
        "Αλεξίου",
        "Βασιλείου",
    ),
    (
        ("Αιγαίο Ταξίδια", "aigaio-travel"),
        ("Ολυμπος Λογισμικό", "olympos-soft"),
        ("Κλινική Υγεία Πλους", "ygeiaplus"),
        ("Κρήτη Τρόφιμα", "kriti-foods"),
        ("Αθήνα Fintech", "athina-fintech"),
        ("Θεσσαλία Logistics", "thessalia-log"),
    ),
    (
        (
            "Αίτημα προσφοράς",
            "Καλησπέρα σας,\n\nΕίμαστε ταξιδιωτική εταιρεία με περίπου 1 εκατομμύριο "
            "επισκέπτες τον "
            "μήνα. Θα μπορούσατε να μας στείλετε μια προσφορά;\n\nΜε εκτίμηση,\n{first}\n{company}",
        ),
        (
            "Σύμβαση επεξεργασίας δεδομένων",
            "Καλημέρα,\n\nΜπορούμε να υπογράψουμε σύμβαση επεξεργασίας δεδομένων; Θα θέλαμε μια "
            "σύντομη κλήση.\n\nΕυχαριστώ,\n{first}",
        ),
        (
            "Επίδειξη",
            "Καλημέρα,\n\nΘα θέλαμε μια επίδειξη για την ομάδα μας την επόμενη εβδομάδα.\n\n"
            "Με εκτίμηση,\n{first}\n{company}",
        ),
    ),
    (
        "Γεια σας, ήρθε σε μένα – μπορεί κάποιος από τις πωλήσεις να το αναλάβει;",
        "Για ενημέρωση: καλός πελάτης από την Ελλάδα.",
        "Προωθώ, θέλουν προσφορά αυτή την εβδομάδα.",
    ),
    ("Αναστασία Καραλή", "Παύλος Μαυρίδης"),
    "Με εκτίμηση",
    "Ευχαριστώ για το μήνυμά σας. Θα λείπω από το γραφείο έως τη Δευτέρα.",
)
T["et"] = Texts(
    ("Kadri", "Mart", "Liis", "Andres", "Kristiina", "Tanel", "Piret", "Rasmus"),
    ("Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves"),
    (
        ("Tallinna Tarkvara OÜ", "tallinnatarkvara"),
        ("Pärnu Reisid", "parnureisid"),
        ("Tartu Tervis", "tartutervis"),
        ("Saaremaa Logistika", "saaremaalog"),
        ("Balti Fintech", "baltifintech"),
        ("Narva Energia", "narvaenergia"),
    ),
    (
        (
            "Hinnapäring",
            "Tere,\n\nOleme tarkvaraettevõte, meil on umbes 80 000 igakuist kasutajat. Palun "
            "saatke meile hinnapakkumine tooteanalüütika "
            "kohta.\n\nLugupidamisega\n{first}\n{company}",
        ),
        (
            "Andmetöötlusleping",
            "Tere,\n\nKas saame sõlmida andmetöötluslepingu? Sooviksime lühikest kõnet.\n\n"
            "Aitäh\n{first}",
        ),
        (
            "Demo",
            "Tere,\n\nSooviksime järgmisel nädalal oma meeskonnale demot.\n\nParimate soovidega\n"
            "{first}\n{company}",
        ),
    ),
    (
        "Tere, see tuli minu postkasti – kas keegi müügist saab selle võtta?",
        "Teadmiseks: hea müügivihje Eestist.",
        "Edastan, nad soovivad sel nädalal pakkumist.",
    ),
    ("Triin Lepp", "Madis Kuusk"),
    "Lugupidamisega",
    "Aitäh kirja eest. Olen puhkusel esmaspäevani.",
)
T["lt"] = Texts(
    ("Rūta", "Mantas", "Eglė", "Tomas", "Gintarė", "Lukas", "Ieva", "Paulius"),
    (
        "Kazlauskas",
        "Jankauskienė",
        "Petrauskas",
        "Stankevičiūtė",
        "Vasiliauskas",
        "Žukauskienė",
        "Butkus",
        "Paulauskaitė",
    ),
    (
        ("Vilniaus Programos", "vilniausprog"),
        ("Baltijos Krovinys", "baltijoskrovinys"),
        ("Kauno Klinika", "kaunoklinika"),
        ("Nemuno Kelionės", "nemunokeliones"),
        ("Lietuvos Fintech", "ltfintech"),
        ("Klaipėdos Uostas IT", "klaipedait"),
    ),
    (
        (
            "Kainos užklausa",
            "Laba diena,\n\nEsame programinės įrangos įmonė, turime apie 120 tūkstančių aktyvių "
            "naudotojų per mėnesį. Gal galėtumėte atsiųsti kainų pasiūlymą?\n\nPagarbiai\n{first}\n"
            "{company}",
        ),
        (
            "Duomenų tvarkymo sutartis",
            "Laba diena,\n\nAr galime pasirašyti duomenų tvarkymo sutartį? Norėtume trumpo "
            "pokalbio.\n\nAčiū\n{first}",
        ),
        (
            "Demonstracija",
            "Sveiki,\n\nNorėtume kitą savaitę demonstracijos mūsų komandai.\n\nPagarbiai\n{first}\n"
            "{company}",
        ),
    ),
    (
        "Sveiki, gavau šį laišką – gal kas nors iš pardavimų galėtų perimti?",
        "Žiniai: geras klientas iš Lietuvos.",
        "Persiunčiu, jie nori pasiūlymo šią savaitę.",
    ),
    ("Aistė Balčiūnaitė", "Darius Urbonas"),
    "Pagarbiai",
    "Ačiū už laišką. Atostogauju iki pirmadienio.",
)
T["lv"] = Texts(
    ("Anna", "Jānis", "Ilze", "Mārtiņš", "Laura", "Kristaps", "Līga", "Edgars"),
    ("Bērziņa", "Kalniņš", "Ozola", "Liepiņš", "Krūmiņa", "Jansons", "Zariņa", "Vītols"),
    (
        ("Rīgas Programmatūra", "rigasprog"),
        ("Daugavas Loģistika", "daugavaslog"),
        ("Jūrmalas Veselība", "jurmalasveseliba"),
        ("Latvijas Fintech", "lvfintech"),
        ("Cēsu Ceļojumi", "cesuceljojumi"),
        ("Liepājas Dati", "liepajasdati"),
    ),
    (
        (
            "Cenu pieprasījums",
            "Labdien!\n\nMēs esam programmatūras uzņēmums ar aptuveni 60 tūkstošiem aktīvo "
            "lietotāju mēnesī. Lūdzu, atsūtiet cenu piedāvājumu.\n\nAr cieņu\n{first}\n{company}",
        ),
        (
            "Datu apstrādes līgums",
            "Labdien!\n\nVai varam noslēgt datu apstrādes līgumu? Vēlētos īsu sarunu.\n\nPaldies\n"
            "{first}",
        ),
        (
            "Demonstrācija",
            "Labdien!\n\nVēlētos nākamnedēļ demonstrāciju mūsu komandai.\n\nAr cieņu\n{first}\n"
            "{company}",
        ),
    ),
    (
        "Sveiki, man atnāca šis – vai kāds no pārdošanas var pārņemt?",
        "Zināšanai: labs klients no Latvijas.",
        "Pārsūtu, viņi vēlas piedāvājumu šonedēļ.",
    ),
    ("Dace Lāce", "Andris Zariņš"),
    "Ar cieņu",
    "Paldies par vēstuli. Atvaļinājumā līdz pirmdienai.",
)
T["sl"] = Texts(
    ("Nina", "Luka", "Maja", "Jure", "Petra", "Rok", "Tjaša", "Matej"),
    ("Novak", "Horvat", "Krajnc", "Kovačič", "Zupančič", "Potočnik", "Mlakar", "Kos"),
    (
        ("Ljubljana Soft d.o.o.", "ljubljanasoft"),
        ("Bled Potovanja", "bledpotovanja"),
        ("Zdravje Maribor", "zdravjemaribor"),
        ("Jadran Logistika", "jadranlog"),
        ("Alpski Fintech", "alpskifintech"),
        ("Kras Vina", "krasvina"),
    ),
    (
        (
            "Povpraševanje za ponudbo",
            "Pozdravljeni,\n\nsmo programsko podjetje s približno 50.000 aktivnimi uporabniki na "
            "mesec. Nam lahko pošljete ponudbo?\n\nLep pozdrav,\n{first}\n{company}",
        ),
        (
            "Pogodba o obdelavi podatkov",
            "Pozdravljeni,\n\nali lahko podpišemo pogodbo o obdelavi osebnih podatkov? Želeli bi "
            "kratek klic.\n\nHvala,\n{first}",
        ),
        (
            "Predstavitev",
            "Pozdravljeni,\n\nželeli bi predstavitev za našo ekipo naslednji teden.\n\nLep "
            "pozdrav,\n"
            "{first}\n{company}",
        ),
    ),
    (
        "Živjo, to je prišlo k meni – lahko kdo iz prodaje prevzame?",
        "V vednost: dober kupec iz Slovenije.",
        "Posredujem, želijo ponudbo ta teden.",
    ),
    ("Urška Vidmar", "Gregor Kralj"),
    "Lep pozdrav",
    "Hvala za sporočilo. Na dopustu sem do ponedeljka.",
)
T["hr"] = Texts(
    ("Ana", "Ivan", "Petra", "Marko", "Ivana", "Luka", "Martina", "Tomislav"),
    ("Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Knežević", "Vuković"),
    (
        ("Jadranski Softver", "jadranskisoftver"),
        ("Dalmacija Turizam", "dalmacijaturizam"),
        ("Poliklinika Zdravlje", "poliklinikazdravlje"),
        ("Zagreb Fintech", "zagrebfintech"),
        ("Slavonija Agro", "slavonijaagro"),
        ("Istra Logistika", "istralogistika"),
    ),
    (
        (
            "Upit za ponudu",
            "Poštovani,\n\nmi smo turistička agencija s oko 400 tisuća posjetitelja mjesečno. "
            "Možete li nam poslati ponudu za analitiku proizvoda?\n\nLijep pozdrav,\n{first}\n"
            "{company}",
        ),
        (
            "Ugovor o obradi podataka",
            "Poštovani,\n\nmožemo li potpisati ugovor o obradi podataka? Rado bismo dogovorili "
            "kratki poziv.\n\nHvala,\n{first}",
        ),
        (
            "Prezentacija",
            "Dobar dan,\n\nželjeli bismo prezentaciju za naš tim sljedeći tjedan.\n\nLijep "
            "pozdrav,\n"
            "{first}\n{company}",
        ),
    ),
    (
        "Bok, ovo je stiglo meni – može li netko iz prodaje preuzeti?",
        "Na znanje: dobar klijent iz Hrvatske.",
        "Prosljeđujem, žele ponudu ovaj tjedan.",
    ),
    ("Maja Perić", "Davor Kos"),
    "Lijep pozdrav",
    "Hvala na poruci. Na godišnjem sam odmoru do ponedjeljka.",
)
T["ga"] = Texts(
    ("Aoife", "Cian", "Niamh", "Oisín", "Siobhán", "Darragh", "Caoimhe", "Ruairí"),
    (
        "Ó Briain",
        "Ní Mhurchú",
        "Mac Cárthaigh",
        "Ní Bhriain",
        "Ó Súilleabháin",
        "Nic Giolla",
        "Ó Néill",
        "Breathnach",
    ),
    (
        ("Gaillimh Bogearraí", "gaillimhbog"),
        ("Cois Farraige Taisteal", "coisfarraige"),
        ("Sláinte Chorcaí", "slaintechorcai"),
        ("Ciarraí Loighistic", "ciarrailog"),
        ("Baile Átha Cliath Fintech", "bacfintech"),
        ("Conamara Bia", "conamarabia"),
    ),
    (
        (
            "Iarratas ar phraghas",
            "A chara,\n\nIs comhlacht bogearraí muid le thart ar 40,000 úsáideoir "
            "gníomhach sa mhí. "
            "An bhféadfá praghas a sheoladh chugainn?\n\nLe meas,\n{first}\n{company}",
        ),
        (
            "Comhaontú próiseála sonraí",
            "Dia duit,\n\nAn féidir linn comhaontú próiseála sonraí a shíniú? Ba mhaith linn glao "
            "gairid.\n\nGo raibh maith agat,\n{first}",
        ),
        (
            "Taispeántas",
            "A chara,\n\nBa mhaith linn taispeántas don fhoireann an tseachtain seo chugainn.\n\n"
            "Le meas,\n{first}\n{company}",
        ),
    ),
    (
        "Dia daoibh, tháinig sé seo chugam – an féidir le duine ón díolachán é a thógáil?",
        "Mar eolas: custaiméir maith ó Éirinn.",
        "Ag seoladh ar aghaidh, tá tairiscint uathu.",
    ),
    ("Orla Ní Dhónaill", "Seán Mac Aodha"),
    "Le meas",
    "Go raibh maith agat as do theachtaireacht. Táim as an oifig go dtí Dé Luain.",
)
T["mt"] = Texts(
    ("Maria", "Joseph", "Francesca", "Matthew", "Rebecca", "Luke", "Claire", "Andrea"),
    ("Borg", "Camilleri", "Vella", "Farrugia", "Zammit", "Galea", "Micallef", "Grech"),
    (
        ("Valletta Software Ltd", "vallettasoftware"),
        ("Għawdex Travel", "ghawdextravel"),
        ("Sliema Health", "sliemahealth"),
        ("Marsaxlokk Logistics", "mxlogistics"),
        ("Mdina Fintech", "mdinafintech"),
        ("Birgu Digital", "birgudigital"),
    ),
    (
        (
            "Talba għal kwotazzjoni",
            "Bonġu,\n\nAħna kumpanija tas-software b'madwar 30,000 utent attiv fix-xahar. Tistgħu "
            "tibagħtulna kwotazzjoni?\n\nInsellimlek,\n{first}\n{company}",
        ),
        (
            "Ftehim dwar l-ipproċessar tad-data",
            "Bonġu,\n\nNistgħu niffirmaw ftehim dwar l-ipproċessar tad-data? Nixtiequ sejħa qasira."
            "\n\nGrazzi,\n{first}",
        ),
        (
            "Dimostrazzjoni",
            "Bonġu,\n\nNixtiequ dimostrazzjoni għat-tim tagħna l-ġimgħa d-dieħla.\n\nInsellimlek,\n"
            "{first}\n{company}",
        ),
    ),
    (
        "Hi, din waslitli – xi ħadd mis-sales jista' jieħu ħsiebha?",
        "Għall-informazzjoni: klijent tajjeb minn Malta.",
        "Qed ngħaddiha, iridu kwotazzjoni.",
    ),
    ("Ritianne Cassar", "Kurt Spiteri"),
    "Insellimlek",
    "Grazzi tal-messaġġ. Jien barra mill-uffiċċju sa nhar it-Tnejn.",
)
