"""I-3 (issue 15, task h15c): mail that a platform sends on a company's behalf and marks
only with its own headers — help-desk acknowledgements and marketing campaigns without
``List-*`` headers. Two independent signs each, one from the machinery (a header only
the platform sets, a VERP bounce address) and one from the text, and never for a
writer who asks something (a false "robot" is a lost lead):

- ``helpdesk_ack``: a ticket system's header (``X-Freshdesk-*``, ``X-Helpscout-*``,
  ``X-ServiceNow-*``, ``X-Zendesk-*``, Jira Service Management's ``X-JSD-*`` …) or a VERP
  return path with a ticket number, *and* the text acknowledges a request ("we have
  received your request", "a ticket has been created", "nous avons bien reçu votre
  demande" … in about 20 languages), with no question in the writer's own text.
- ``campaign``: an e-mail service provider's campaign header (``X-Campaign``,
  ``X-Mailjet-Campaign``, ``X-MC-User``, ``X-SIB-Id`` …) or an ``X-Mailer`` naming a
  marketing platform, *and* an unsubscribe link or sentence in the text (about 25
  languages). ``Feedback-ID`` alone is no sign: SES sets it on every mail.

Pure functions; ``robots.robot_reason`` calls ``platform_reason``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from salesops.intake.robot_phrases import TICKET
from salesops.intake.robot_text import asks, own_text

# Header-name prefixes that only ticket systems set (lower-cased).
HELPDESK_HEADERS = (
    "x-freshdesk-", "x-fd-", "x-freshservice-", "x-helpscout-", "x-servicenow-",
    "x-zendesk-", "x-zammad-", "x-jsd-", "x-jira-", "x-kayako-", "x-osticket",
    "x-zoho-desk", "x-gorgias-", "x-happyfox-", "x-groove-", "x-deskpro-", "x-ticket-id",
    "x-helpdesk-", "x-request-tracker",
)  # fmt: skip
# What a help desk says when it files a request (checked in the writer's own text and
# the subject, lower-cased): en de fr es it nl pt pl sv da no fi cs sk hu ro ru uk tr el
# ja zh ko.
ACKNOWLEDGED = (
    "received your request", "received your message", "received your email",
    "received your e-mail", "received your inquiry", "received your enquiry",
    "received your ticket", "received your support request", "request has been received",
    "message has been received", "request was received", "ticket has been created",
    "ticket has been opened", "ticket has been logged", "ticket was created",
    "ticket created", "ticket received", "case has been created", "case has been opened",
    "request has been logged", "support request has been",
    "anfrage ist bei uns eingegangen", "nachricht ist bei uns eingegangen",
    "haben ihre anfrage erhalten", "haben ihre nachricht erhalten", "ticket wurde erstellt",
    "ticket wurde angelegt", "ticket wurde eröffnet", "anfrage wurde erfasst",
    "bestätigen den eingang", "avons bien reçu votre", "avons reçu votre",
    "accusons réception", "ticket a été créé", "demande a été enregistrée",
    "hemos recibido su", "hemos recibido tu", "ticket ha sido creado",
    "se ha creado un ticket", "solicitud ha sido registrada", "abbiamo ricevuto la sua",
    "abbiamo ricevuto la tua", "ticket è stato creato", "richiesta è stata registrata",
    "hebben uw verzoek ontvangen", "hebben je verzoek ontvangen", "hebben uw bericht ontvangen",
    "hebben je bericht ontvangen", "ticket is aangemaakt", "recebemos a sua",
    "recebemos sua", "recebemos o seu", "ticket foi criado", "chamado foi aberto",
    "otrzymaliśmy twoje", "otrzymaliśmy państwa", "zgłoszenie zostało zarejestrowane",
    "vi har tagit emot", "ärendet har skapats", "vi har modtaget din", "vi har mottatt din",
    "olemme vastaanottaneet", "obdrželi jsme váš", "obdrželi jsme vaš", "prijali sme vaš",
    "megkaptuk", "am primit solicitarea", "am primit mesajul", "ваше обращение",
    "ваш запрос получен", "мы получили ваш", "ми отримали ваш", "ваше звернення",
    "talebiniz alınmıştır", "talebinizi aldık", "mesajınızı aldık",
    "λάβαμε το αίτημά", "お問い合わせを受け付け", "受け付けました", "我们已收到", "已收到您的",
    "접수되었습니다",
    # (task h15b) Zoho Desk, Kayako, ServiceNow, Help Scout, Intercom, Gorgias, Jira SM
    "received your", "we have received", "we've received", "we received your",
    "has been opened on your behalf", "has now been opened", "has been opened for you",
    "confirming the receipt", "confirm receipt of your", "acknowledge receipt",
    "acknowledge that we have received", "thanks for reaching out", "thanks for contacting",
    "thank you for contacting", "thanks for getting in touch", "thank you for getting in touch",
    "we usually reply", "we typically reply", "will get back to you within",
    "will be in touch", "has been received and", "is being reviewed by our",
    "please type your reply above this line", "chúng tôi đã nhận được",
    "kami telah menerima", "เราได้รับ",
    "קיבלנו את פנייתך", "تم استلام طلبك", "لقد تلقينا", "हमें आपका अनुरोध", "我们已经收到",
    "已受理", "ми отримали",
)  # fmt: skip
# Help-desk platforms' sending domains (the sender's, ``Sender:`` or return path's).
HELPDESK_DOMAINS = (
    "zendesk.com", "freshdesk.com", "freshservice.com", "zohodesk.com", "zohodesk.eu",
    "helpscout.net", "helpscout.com", "intercom-mail.com", "intercom.io", "gorgias.com",
    "gorgias.io", "kayako.com", "service-now.com", "servicenow.com", "atlassian.net",
    "happyfox.com", "groovehq.com", "deskpro.com", "hubspot-inbox.com", "front-mail.com",
    "helpshift.com", "liveagent.com", "otrs.com", "zammad.com",
)  # fmt: skip
# Sender local parts of a support desk's mailbox.
HELPDESK_LOCALS = frozenset({
    "support", "help", "helpdesk", "servicedesk", "service-desk", "service", "care",
    "customercare", "customerservice", "customer-service", "customer.service", "tickets",
    "ticket", "kundenservice", "kundendienst", "assistance", "soporte", "supporto",
    "suporte", "hilfe", "reply", "desk", "it", "itsupport", "it-support",
})  # fmt: skip
# The text calls itself automatic (one more sign beside an acknowledgement).
AUTOMATIC_WORDS = (
    "automated", "automatic", "automatisch", "automatique", "automático", "automatico",
    "automatico", "automatyczn", "automatisk", "автоматическ", "автоматичн", "自動", "自动",
    "자동", "tự động", "otomatis", "อัตโนมัติ", "אוטומטי", "تلقائي", "स्वचालित",
)  # fmt: skip
# ESP campaign headers (lower-cased names, or prefixes ending "-").
CAMPAIGN_HEADERS = (
    "x-campaign", "x-campaign-id", "x-campaignid", "x-campaign-name", "x-mailjet-campaign",
    "x-mc-user", "x-mailchimp-", "x-mailgun-campaign-id", "x-rpcampaign", "x-newsletter",
    "x-newsletter-id", "x-sib-id", "x-mkto-", "x-marketo-", "x-sfmc-", "x-klaviyo-",
    "x-cleverreach-", "x-hs-cid", "x-emarsys-", "x-cmail-", "x-ems-campaign",
    "x-mailerlite-", "x-acoustic-", "x-ac-campaign", "x-cm-campaign",
    # ESPs' and newsletter platforms' sending headers (task h15b): Mailgun, SendGrid, SES,
    # Mailjet, SparkPost, Mandrill, Postmark, Klaviyo, Customer.io, ConvertKit / Kit,
    # Beehiiv, Substack, Brevo, Iterable, Braze, Campaign Monitor, Zoho Campaigns
    "x-mailgun-", "x-sg-eid", "x-sg-id", "x-smtpapi", "x-ses-", "x-mj-", "x-msys-api",
    "x-mandrill-", "x-pm-message-id", "x-pm-tag", "x-kmail-", "x-klaviyo", "x-customerio",
    "x-cio-", "x-convertkit", "x-kit-", "x-beehiiv", "x-substack", "x-sib-", "x-iterable-",
    "x-braze-", "x-cmail-", "x-zcsend-", "x-zoho-campaigns", "x-campaignid",
)  # fmt: skip
# Domains newsletters and campaigns are sent from (the sender's, Sender's or return
# path's registrable domain ends with one).
CAMPAIGN_DOMAINS = (
    "substack.com", "beehiiv.com", "ck.page", "convertkit-mail.com", "convertkit-mail2.com",
    "kit-mail.com", "mcsv.net", "mailchimpapp.net", "mcdlv.net", "rsgsv.net", "list-manage.com",
    "klaviyomail.com", "klaviyodns.com", "customeriomail.com", "sendgrid.net", "mailgun.org",
    "amazonses.com", "sparkpostmail.com", "mandrillapp.com", "mailjet.com", "sendinblue.com",
    "brevosend.com", "createsend.com", "cmail19.com", "cmail20.com", "hubspotemail.net",
    "hs-email.com", "mktomail.com", "exacttarget.com", "zcsend.net", "mailerlite.com",
    "ghost.io", "buttondown.email", "revue.email", "mailpoet.com", "postmarkapp.com",
)  # fmt: skip
# Why the reader gets it — only a platform writes this of its own mail.
WHY_FOOTER = (
    "you are receiving this email because", "you're receiving this email because",
    "you received this email because", "you are receiving this because",
    "you're receiving this because", "you received this message because",
    "you are receiving this notification because", "you're receiving this notification",
    "sie erhalten diese e-mail, weil", "vous recevez cet e-mail car", "vous recevez ce message car",
    "recibes este correo porque", "ricevi questa email perché", "u ontvangt deze e-mail omdat",
    "você está recebendo este e-mail porque", "вы получили это письмо, потому что",
)  # fmt: skip
# What only a mass mailing's footer says of why the reader gets it (lower-cased).
FOOTER = (
    "you are receiving this email because", "you're receiving this email because",
    "you received this email because", "you are receiving this because",
    "you're receiving this because", "you are receiving this newsletter",
    "you received this message because", "this email was sent to", "this message was sent to",
    "view this email in your browser", "view in browser", "view it in your browser",
    "manage your email preferences", "update your preferences", "update your email preferences",
    "email preferences", "notification settings", "manage notifications",
    "sie erhalten diese e-mail", "sie erhalten diesen newsletter", "im browser ansehen",
    "vous recevez cet e-mail", "vous recevez ce message", "voir la version en ligne",
    "recibes este correo", "recibe este correo", "ver en el navegador", "ricevi questa email",
    "u ontvangt deze e-mail", "je ontvangt deze e-mail", "você está recebendo",
    "otrzymujesz tę wiadomość", "du får detta", "du modtager denne", "du mottar denne",
    "вы получили это письмо", "ви отримали цей лист", "bu e-postayı", "您收到此邮件",
)  # fmt: skip
MARKETING_MAILERS = (
    "mailchimp", "sendinblue", "brevo", "cleverreach", "rapidmail", "klaviyo", "mailjet",
    "campaign monitor", "constant contact", "exacttarget", "marketing cloud", "marketo",
    "mailerlite", "getresponse", "activecampaign", "newsletter2go", "emarsys", "acoustic",
    "hubspot marketing", "mailpoet", "sendy", "acumbamail", "mailrelay",
)  # fmt: skip
# An unsubscribe link or sentence (lower-cased), en de fr es it nl pt pl sv da no fi cs
# sk hu ro ru uk tr el ja zh ko.
UNSUBSCRIBE = (
    "unsubscribe", "opt out", "opt-out", "manage your preferences",
    "manage your subscription", "abmelden", "abbestellen", "austragen",
    "désinscri", "désabonne", "desinscri", "désinscription", "darse de baja",
    "date de baja", "darte de baja", "dar de baja", "cancelar la suscripción",
    "cancelar suscripción", "annulla l'iscrizione", "disiscriv",
    "afmelden", "uitschrijven", "descadastr", "cancelar inscrição", "cancelar a inscrição",
    "cancelar subscrição", "wypisz się", "wypisać się", "rezygnacja z subskrypcji",
    "avregistrera", "avsluta prenumeration", "afmeld", "avmeld", "peruuta tilaus",
    "peru tilaus", "odhlásit", "odhlásiť", "leiratkoz", "dezabon", "отписаться",
    "отказаться от рассылки", "відписатися", "abonelikten çık", "aboneliği iptal",
    "απεγγραφ", "配信停止", "配信解除", "退订", "取消订阅", "수신거부", "수신 거부",
    # a platform's notification opt-out (task h15b)
    "notification settings", "notification preferences", "turn off notifications",
    "turn off these notifications", "notifications enabled", "stop receiving",
    "benachrichtigungseinstellungen", "paramètres de notification", "hủy đăng ký",
    "berhenti berlangganan", "ยกเลิกการรับ", "הסרה מרשימת", "إلغاء الاشتراك",
    "सदस्यता समाप्त", "відписатись",
)  # fmt: skip
_VERP = re.compile(r"^<?(?:bounces?|bnc|return|rp)[+\-=.][^@>]*\d[^@>]*@", re.IGNORECASE)
TAIL_CHARS = 4000  # an unsubscribe footer sits at the end; a preheader link at the top


def _names(headers: Mapping[str, str], prefixes: tuple[str, ...]) -> str | None:
    for name, value in headers.items():
        if value.strip() and any(
            name == p or (p.endswith("-") and name.startswith(p)) or name.startswith(p + "-")
            for p in prefixes
        ):
            return name
    return None


def helpdesk_ack(
    headers: Mapping[str, str], subject: str, text: str, sender: str = ""
) -> str | None:
    """Why a mail reads as a ticket system's acknowledgement of a request, else None.
    ``headers``: lower-cased names; ``subject``: lower-cased."""
    own = own_text(text)
    if asks(own):
        return None
    said = " ".join(f"{subject} {own}".split())
    phrase = next((p for p in ACKNOWLEDGED if p in said), None)
    if phrase is None:
        return None
    header = _names(headers, HELPDESK_HEADERS)
    if header is not None:
        return f"help desk acknowledgement: header {header} and the text says {phrase!r}"
    ticket = TICKET.search(said)
    if ticket is not None and _VERP.match(headers.get("return-path", "").strip()):
        return f"help desk acknowledgement: ticket {ticket.group(0)!r}, a VERP return path"
    # (task h15b) A desk that marks nothing in its headers: the acknowledgement and a
    # second sign — a ticket number in the subject, a help-desk platform's domain, a
    # support mailbox that says its answer is automatic.
    in_subject = TICKET.search(subject)
    if in_subject is not None:
        return f"help desk acknowledgement: ticket {in_subject.group(0)!r} and {phrase!r}"
    domain = _domain_among(headers, sender, HELPDESK_DOMAINS) or next(
        (d for d in HELPDESK_DOMAINS if d in said), None
    )
    if domain is not None:
        return f"help desk acknowledgement: sent through {domain} and {phrase!r}"
    local = sender.lower().rpartition("@")[0].split("+", 1)[0]
    if local in HELPDESK_LOCALS and any(w in said for w in AUTOMATIC_WORDS):
        return f"help desk acknowledgement: an automatic answer from {sender} ({phrase!r})"
    return None


def _domain_among(headers: Mapping[str, str], sender: str, domains: tuple[str, ...]) -> str | None:
    """One of ``domains`` among the sender's, ``Sender:`` and the return path's."""
    for value in (sender, headers.get("sender", ""), headers.get("return-path", "")):
        domain = value.lower().rpartition("@")[2].strip(" <>")
        if domain and any(domain == d or domain.endswith("." + d) for d in domains):
            return domain
    return None


def _sending_domain(headers: Mapping[str, str], sender: str) -> str | None:
    """A campaign platform's domain among the sender's, ``Sender:`` and the return path."""
    return _domain_among(headers, sender, CAMPAIGN_DOMAINS)


def _edges(text: str) -> str:
    """A mass mailing's preheader and footer: the text's first and last ``TAIL_CHARS``."""
    low = text.lower()
    seen = low if len(low) <= 2 * TAIL_CHARS else low[:TAIL_CHARS] + low[-TAIL_CHARS:]
    return " ".join(seen.split())


def campaign(
    headers: Mapping[str, str], text: str, sender: str = "", subject: str = ""
) -> str | None:
    """Why a mail reads as a marketing campaign sent without ``List-*`` headers: an ESP's
    sending header, mailer or domain *and* an unsubscribe link or sentence; or, with no
    machinery sign, an unsubscribe *and* a mass mailing's "why you get this" footer when
    the mail is not a reply that asks something. Else None."""
    sign = _names(headers, CAMPAIGN_HEADERS)
    if sign is None:
        mailer = headers.get("x-mailer", "").lower()
        if any(m in mailer for m in MARKETING_MAILERS):
            sign = f"x-mailer {mailer[:40]}"
    if sign is None:
        domain = _sending_domain(headers, sender)
        sign = f"sent through {domain}" if domain else None
    seen = _edges(text)
    word = next((w for w in UNSUBSCRIBE if w in seen), None)
    if word is None:
        # a platform's notice: "you're receiving this email because you're an admin"
        why = next((f for f in WHY_FOOTER if f in seen), None)
        if why is None or subject_is_reply(subject) or asks(own_text(text)):
            return None
        return f"automated notification: its footer says {why!r}"
    if sign is not None:
        return f"bulk mail: campaign header {sign} and an unsubscribe ({word!r})"
    footer = next((f for f in FOOTER if f in seen), None)
    if footer is None:
        return None
    if subject_is_reply(subject) and asks(own_text(text)):
        return None  # a person's reply over a quoted newsletter
    return f"bulk mail: an unsubscribe ({word!r}) and a mailing's footer ({footer!r})"


def mass_mailing_signs(headers: Mapping[str, str], text: str, sender: str = "") -> bool:
    """Anything besides ``List-Unsubscribe`` / ``Precedence: bulk`` that says many got
    this mail: a campaign header, mailer or sending domain, an unsubscribe or a
    mailing's footer in the text."""
    if _names(headers, CAMPAIGN_HEADERS) is not None or _sending_domain(headers, sender):
        return True
    if any(m in headers.get("x-mailer", "").lower() for m in MARKETING_MAILERS):
        return True
    seen = _edges(text)
    return any(w in seen for w in UNSUBSCRIBE) or any(f in seen for f in FOOTER)


def subject_is_reply(subject: str) -> bool:
    """``Re:``/``Fwd:``-style opening (any short label before a colon)."""
    at = subject.find(":", 0, 8)
    return at > 0 and " " not in subject[:at].strip()


def platform_reason(
    headers: Mapping[str, str], subject: str, text: str, sender: str = ""
) -> str | None:
    """Help-desk acknowledgement or campaign (``headers`` with lower-cased names)."""
    low = " ".join(subject.lower().split())
    return helpdesk_ack(headers, low, text, sender) or campaign(headers, text, sender, low)
