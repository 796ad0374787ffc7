"""Secrets kept in the database, encrypted with the server key (issue 20 item 2).

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) with a key derived from the
installation's ``secret_key``: a database dump alone does not reveal a mailbox's app
password. Rotating the server key makes stored values unreadable: their owners connect
again (``Undecryptable``).
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken


class Undecryptable(ValueError):
    """The value was encrypted with another server key (or altered)."""


def _fernet(server_key: str) -> Fernet:
    if not server_key:
        raise ValueError("no server key to encrypt with")
    digest = hashlib.sha256(b"salesops-secretbox:" + server_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(server_key: str, plain: str) -> str:
    return _fernet(server_key).encrypt(plain.encode()).decode("ascii")


def unseal(server_key: str, sealed: str) -> str:
    try:
        return _fernet(server_key).decrypt(sealed.encode("ascii")).decode()
    except (InvalidToken, ValueError) as exc:
        raise Undecryptable("sealed with another server key, or altered") from exc
