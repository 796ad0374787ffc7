"""Email addresses and internet domains (M-1, M-2): normalised emails, registrable
domains, the free-mail list; offline. Generic (no domain object), so in core: accounts,
matching, intake, scoring and routing all use them.

Pure functions, no I/O beyond the public-suffix snapshot bundled with
tldextract (never fetched: ``suffix_list_urls=()``).
"""

from __future__ import annotations

from functools import lru_cache

import tldextract

# M-2: free-mail and personal domains never form a shared account. A maintained
# list: the big providers plus regional ones; the playbook can add more.
FREE_MAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "hotmail.co.uk",
        "hotmail.fr",
        "live.com",
        "live.co.uk",
        "msn.com",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.fr",
        "yahoo.de",
        "yahoo.co.jp",
        "ymail.com",
        "rocketmail.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "t-online.de",
        "freenet.de",
        "mail.com",
        "email.com",
        "zoho.com",
        "zohomail.com",
        "yandex.com",
        "yandex.ru",
        "mail.ru",
        "inbox.ru",
        "list.ru",
        "bk.ru",
        "qq.com",
        "163.com",
        "126.com",
        "sina.com",
        "sohu.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "fastmail.com",
        "fastmail.fm",
        "hey.com",
        "tutanota.com",
        "tuta.io",
        "laposte.net",
        "orange.fr",
        "free.fr",
        "sfr.fr",
        "wanadoo.fr",
        "libero.it",
        "virgilio.it",
        "seznam.cz",
        "wp.pl",
        "o2.pl",
        "interia.pl",
        "onet.pl",
        "rediffmail.com",
        "btinternet.com",
        "sky.com",
        "virginmedia.com",
        "comcast.net",
        "verizon.net",
        "att.net",
        "sbcglobal.net",
        "bellsouth.net",
        "cox.net",
        "charter.net",
        "earthlink.net",
        "juno.com",
        "optonline.net",
        "shaw.ca",
        "rogers.com",
        "bigpond.com",
        "optusnet.com.au",
        "xtra.co.nz",
        "telus.net",
        "uol.com.br",
        "bol.com.br",
        "terra.com.br",
        "hushmail.com",
        "duck.com",
        "skiff.com",
    ]
)

_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def normalise_email(email: str) -> str:
    """M-1: contacts match by email, case-insensitive and trimmed."""
    return email.strip().lower()


def email_domain(email: str) -> str:
    return normalise_email(email).rsplit("@", 1)[-1]


@lru_cache(maxsize=65536)
def registrable_domain(host_or_email: str) -> str | None:
    """M-2: ``eu.acme.co.uk`` → ``acme.co.uk`` using the offline public suffix list."""
    host = host_or_email.strip().lower().rsplit("@", 1)[-1].strip(".")
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
