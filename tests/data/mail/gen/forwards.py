"""The systematic part of the forward corpus: every client in every language it is
localised in, a few variants each (with or without a note, Cc lines, free-mail customers,
quoted replies inside the forwarded mail)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from email.message import EmailMessage

from . import clients as c
from . import clients2 as c2
from .clients import Fwd
from .fmt import Built, Person, seed, to_bytes, when
from .langs import LANGS
from .people import Registry
from .texts import T

Make = Callable[[Fwd], EmailMessage]


def new_case(
    reg: Registry,
    lang: str,
    key: str,
    *,
    note: bool = True,
    cc: bool = False,
    free_mail: bool = False,
) -> Fwd:
    rng = seed("forward", lang, key)
    t = T[lang]
    cust = reg.customer(lang, rng, free_mail=free_mail)
    subject, body = t.inquiries[rng.randrange(len(t.inquiries))]
    sent, fwd = when(rng, lang)
    case = Fwd(
        lang=LANGS[lang],
        texts=t,
        colleague=reg.colleague(lang, rng),
        customer=cust.person,
        company=cust.company,
        subject=subject,
        body=body.format(first=cust.first, company=cust.company),
        note=rng.choice(t.notes) if note else None,
        sent=sent,
        fwd=fwd,
        rng=rng,
    )
    if cc:
        other = reg.customer(lang, rng)
        case.cc = [Person(other.person.name, other.person.email.split("@")[0] + "@" + cust.domain)]
    return case


def _variants(lang: str) -> list[tuple[str, int, Make, dict[str, bool]]]:
    lg = LANGS[lang]
    out: list[tuple[str, int, Make, dict[str, bool]]] = [
        ("gmail", 1, c.gmail, {}),
        ("gmail", 2, c.gmail, {"note": False, "cc": True}),
        (
            "gmail",
            3,
            lambda f: c.gmail(f, quoted_reply=True),
            {"free_mail": lang in ("en", "de", "fr")},
        ),
        ("outlook_desktop", 1, c.outlook_desktop, {"cc": True}),
        ("outlook_desktop", 2, lambda f: c.outlook_desktop(f, mailto=True), {}),
        ("outlook_web", 1, c.owa, {"cc": True}),
        ("outlook_web", 2, c.owa, {"note": False}),
    ]
    if lang in (
        "en",
        "de",
        "fr",
        "es",
        "it",
        "nl",
        "pl",
        "sv",
        "da",
        "fi",
        "cs",
        "pt",
        "ru",
        "ja",
        "tr",
        "hu",
    ):
        out.append(("outlook_desktop_plain", 1, lambda f: c.outlook_desktop(f, plain=True), {}))
    if lang in ("de", "fr", "es", "it", "nl", "pl", "sv", "da", "fi", "pt", "cs", "ro"):
        out.append(("new_outlook", 1, lambda f: c.owa(f, english_labels=True), {}))
    if lang in ("en", "de", "fr", "nl"):
        out.append(("new_outlook", 2, lambda f: c.owa(f, html_only=True), {}))
    if lg.nol:
        out.append(("outlook_mac", 1, c.new_outlook_mac, {"cc": True}))
    if lg.mac_wrote:
        out.append(("outlook_mac_2019", 1, c.outlook_mac_2019, {}))
    if lg.apple:
        out.append(("apple_mail", 1, c.apple, {"cc": True}))
        out.append(("apple_mail", 2, lambda f: c.apple(f, quote=True), {"note": False}))
        if lang in ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "ja", "pl", "tr"):
            out.append(("apple_mail_ios", 1, lambda f: c.apple(f, ios=True), {"note": False}))
    if lg.tb:
        out.append(("thunderbird", 1, c2.thunderbird, {"cc": True}))
        if lang in ("en", "de", "fr", "it", "pl", "ru"):
            out.append(("thunderbird", 2, lambda f: c2.thunderbird(f, html=True), {}))
    if lg.yahoo:
        out.append(("yahoo", 1, c2.yahoo, {"cc": lang in ("en", "de", "fr")}))
    if lg.hubspot:
        out.append(("hubspot", 1, c2.hubspot, {"cc": True}))
    if lang in c2.IONOS:
        out.append(("ionos", 1, c2.ionos, {}))
        out.append(("ionos", 2, c2.ionos, {"note": False}))
    if lg.zimbra:
        out.append(("zimbra", 1, c2.zimbra, {"cc": lang == "en"}))
    if lang == "en":
        out += [
            ("missive", 1, c2.missive, {"cc": True}),
            ("missive", 2, c2.missive, {}),
            ("mailmate", 1, c2.mailmate, {"cc": True}),
            ("mailmate", 2, c2.mailmate, {}),
        ]
    return out


ATTACHED = [  # (language, encoding, outer client)
    ("en", "7bit", "outlook"),
    ("de", "7bit", "thunderbird"),
    ("fr", "8bit", "gmail"),
    ("en", "quoted-printable", "outlook"),
    ("es", "quoted-printable", "thunderbird"),
    ("it", "quoted-printable", "gmail"),
    ("en", "base64", "outlook"),
    ("de", "base64", "outlook"),
    ("nl", "base64", "thunderbird"),
    ("pl", "base64", "gmail"),
    ("ja", "base64", "outlook"),
    ("ru", "base64", "thunderbird"),
    ("en", "eml", "gmail"),
    ("de", "eml", "outlook"),
    ("fr", "eml", "thunderbird"),
    ("sv", "eml", "gmail"),
    ("cs", "eml", "outlook"),
    ("tr", "7bit", "outlook"),
    ("fi", "quoted-printable", "outlook"),
    ("pt", "base64", "gmail"),
    ("el", "base64", "outlook"),
    ("hu", "eml", "thunderbird"),
    ("uk", "quoted-printable", "outlook"),
    ("da", "7bit", "gmail"),
]


def systematic(reg: Registry) -> Iterator[Built]:
    for lang in LANGS:
        for client, n, make, opts in _variants(lang):
            f = new_case(reg, lang, f"{client}-{n}", **opts)
            raw = to_bytes(make(f))
            yield Built(
                f"forward/{client}/{lang}-{n}.eml",
                raw,
                "forward",
                client,
                lang,
                lead=f.customer.email,
                referrer=f.colleague.email,
            )
    for i, (lang, encoding, outer) in enumerate(ATTACHED, 1):
        f = new_case(reg, lang, f"attached-{i}")
        raw = c2.attached(f, encoding=encoding, outer=outer)
        client = "eml_attachment" if encoding == "eml" else f"rfc822_{encoding.replace('-', '_')}"
        yield Built(
            f"forward/attached/{lang}-{client}-{i}.eml",
            raw,
            "forward",
            client,
            lang,
            lead=f.customer.email,
            referrer=f.colleague.email,
            case=f"forwarded as an attachment from {outer}",
        )
