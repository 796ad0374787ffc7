"""Per-thread reply addresses by plus-addressing (issue 20 item 1; A-1).

A mail sent from salesops about a task carries ``Reply-To: sales+t42.<sig>@company``
(the sales alias's local part, ``+``, the thread, a signature). The signature is an
HMAC of the thread with the server key, so nobody can make a reply land on a task
they only guessed the number of. Pure functions: no database, no domain.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

SIG_CHARS = 10
KINDS = {"t": "task", "c": "contact"}
_TAG = re.compile(r"^([tc])(\d{1,12})\.([0-9a-f]{" + str(SIG_CHARS) + r"})$")


@dataclass(frozen=True)
class Thread:
    kind: str  # "task" | "contact"
    id: int


def _sig(key: str, tag: str) -> str:
    return hmac.new(key.encode(), f"reply:{tag}".encode(), hashlib.sha256).hexdigest()[:SIG_CHARS]


def reply_address(alias: str, key: str, kind: str, thread_id: int) -> str:
    """The reply address for a thread (``kind``: task or contact) of the sales ``alias``."""
    letter = next(k for k, v in KINDS.items() if v == kind)
    local, _, domain = alias.strip().lower().partition("@")
    tag = f"{letter}{int(thread_id)}"
    return f"{local}+{tag}.{_sig(key, tag)}@{domain}"


def parse_reply_address(address: str, alias: str, key: str) -> Thread | None:
    """The thread a reply address names, or None (not ours, or a wrong signature)."""
    local, _, domain = address.strip().lower().partition("@")
    a_local, _, a_domain = alias.strip().lower().partition("@")
    if domain != a_domain or not local.startswith(a_local + "+"):
        return None
    match = _TAG.match(local[len(a_local) + 1 :])
    if match is None:
        return None
    letter, number, sig = match.groups()
    if not hmac.compare_digest(sig, _sig(key, f"{letter}{number}")):
        return None
    return Thread(KINDS[letter], int(number))


def message_ids(header: str | None) -> list[str]:
    """The ``<…>`` message ids in a References or In-Reply-To header (at most 50)."""
    return re.findall(r"<[^<>\s]{1,250}>", header or "")[:50]
