"""Sign-in throttling as pure functions (issue 13, item 9; U-1): counts, times and a
policy in, a lockout out. No I/O.

Every sign-in attempt counts against two keys, the account (the e-mail as typed,
normalised) and the client address, each with its own policy. A few failures are
free; after that each further failure locks the key for twice as long as the one
before, up to a cap. A key with no failure for ``forget_after`` starts over. While a
key is locked, attempts are refused before any password is checked and do not count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    free_failures: int  # failures in a row before the first lockout
    first_lockout: timedelta  # doubles with every further failure …
    max_lockout: timedelta  # … up to this
    forget_after: timedelta  # no failure for this long: the count starts over


# One person mistyping: 5 tries, then 30 s, 1 min, 2 min … 15 min between guesses.
ACCOUNT = ThrottlePolicy(5, timedelta(seconds=30), timedelta(minutes=15), timedelta(hours=1))
# One address (an office behind NAT has many people): 20 tries, then the same backoff.
ADDRESS = ThrottlePolicy(20, timedelta(seconds=30), timedelta(minutes=15), timedelta(hours=1))


def account_key(email: str) -> str:
    return "account:" + email.strip().lower()[:254]


def address_key(address: str | None) -> str:
    return "address:" + (address or "unknown")[:45]


def current_failures(
    failures: int, last_failure_at: datetime | None, now: datetime, policy: ThrottlePolicy
) -> int:
    """The failures that still count at ``now`` (0 once forgotten)."""
    if last_failure_at is None or now - last_failure_at >= policy.forget_after:
        return 0
    return failures


def locked_until(
    failures: int, last_failure_at: datetime | None, now: datetime, policy: ThrottlePolicy
) -> datetime | None:
    """When the key may try again, if it is locked at ``now``; else None."""
    failures = current_failures(failures, last_failure_at, now, policy)
    if last_failure_at is None or failures < policy.free_failures:
        return None
    doublings = min(failures - policy.free_failures, 30)
    lockout = min(policy.first_lockout * (2**doublings), policy.max_lockout)
    until = last_failure_at + lockout
    return until if until > now else None


def retry_after_seconds(until: datetime, now: datetime) -> int:
    """The ``Retry-After`` value: whole seconds, at least 1."""
    return max(1, math.ceil((until - now).total_seconds()))


def may_proceed(counted: int, seen: int, policy: ThrottlePolicy) -> bool:
    """After counting this attempt (``counted`` = the key's failures including it), may its
    password be checked? Within the free failures, yes; past them only the one attempt
    that took the count from ``seen`` (read before) — concurrent guesses racing past a
    lockout get one password check between them, not one each."""
    return counted <= policy.free_failures or counted == seen + 1


def lockout_message(seconds: int) -> str:
    """What a person is told (the web form and the API say the same)."""
    wait = f"{seconds} seconds" if seconds < 90 else f"{math.ceil(seconds / 60)} minutes"
    return f"Too many failed sign-ins. Wait {wait} before trying again."
