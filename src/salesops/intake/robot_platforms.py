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

from salesops.intake.robot_text import TICKET, asks, own_text

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
)  # fmt: skip
# ESP campaign headers (lower-cased names, or prefixes ending "-").
CAMPAIGN_HEADERS = (
    "x-campaign", "x-campaign-id", "x-campaignid", "x-campaign-name", "x-mailjet-campaign",
    "x-mc-user", "x-mailchimp-", "x-mailgun-campaign-id", "x-rpcampaign", "x-newsletter",
    "x-newsletter-id", "x-sib-id", "x-mkto-", "x-marketo-", "x-sfmc-", "x-klaviyo-",
    "x-cleverreach-", "x-hs-cid", "x-emarsys-", "x-cmail-", "x-ems-campaign",
    "x-mailerlite-", "x-acoustic-", "x-ac-campaign", "x-cm-campaign",
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


def helpdesk_ack(headers: Mapping[str, str], subject: str, text: str) -> str | None:
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
    return None


def campaign(headers: Mapping[str, str], text: str) -> str | None:
    """Why a mail reads as a marketing campaign sent without ``List-*`` headers: an ESP's
    campaign header or mailer *and* an unsubscribe link or sentence, else None."""
    sign = _names(headers, CAMPAIGN_HEADERS)
    if sign is None:
        mailer = headers.get("x-mailer", "").lower()
        if any(m in mailer for m in MARKETING_MAILERS):
            sign = f"x-mailer {mailer[:40]}"
    if sign is None:
        return None
    low = text.lower()
    seen = low if len(low) <= 2 * TAIL_CHARS else low[:TAIL_CHARS] + low[-TAIL_CHARS:]
    seen = " ".join(seen.split())
    word = next((w for w in UNSUBSCRIBE if w in seen), None)
    if word is None:
        return None
    return f"bulk mail: campaign header {sign} and an unsubscribe ({word!r})"


def platform_reason(headers: Mapping[str, str], subject: str, text: str) -> str | None:
    """Help-desk acknowledgement or campaign (``headers`` with lower-cased names)."""
    low = " ".join(subject.lower().split())
    return helpdesk_ack(headers, low, text) or campaign(headers, text)
