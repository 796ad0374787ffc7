"""Signing in and staying signed in (U-1; issue 13, item 9).

- Password checks are throttled per account and per client address (``users.rules``),
  with the state in the database, so every process sees the same counts.
- A check costs the same for an unknown e-mail, a user without a password or a
  deactivated one as for a real user (a dummy hash is verified), so timing does not
  tell which e-mails have accounts.
- A web session is a row (``WebSession``): logout and a password change delete it,
  so a copied cookie stops working at once.

``sign_in`` and ``change_password`` open their own units of work, like the pipeline's
drain: the password hash (tens of milliseconds of CPU, on purpose) runs between them,
never inside a transaction.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from salesops.core.db import Database
from salesops.core.errors import TooManyRequests, Unauthorized, ValidationFailed
from salesops.users import rules
from salesops.users import service as users
from salesops.users.models import LoginThrottle, User, WebSession
from salesops.users.rules import ThrottlePolicy


@dataclass(frozen=True)
class SignedIn:
    user_id: int
    session_id: str  # goes in the signed cookie; only its hash is stored


def session_digest(session_id: str) -> str:
    """Session ids are 256-bit random strings, so a plain SHA-256 is a safe at-rest hash."""
    return hashlib.sha256(session_id.encode()).hexdigest()


# --- web sessions -----------------------------------------------------------------


def start_session(session: Session, user_id: int, now: datetime, max_age: int) -> str:
    """A new web session for ``user_id``; returns its id (for the cookie)."""
    session_id = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            id_hash=session_digest(session_id),
            user_id=user_id,
            created_at=now,
            expires_at=now + timedelta(seconds=max_age),
        )
    )
    session.flush()
    return session_id


def user_for_session(session: Session, session_id: str, now: datetime) -> User | None:
    """The active user of a live session (one query), else None."""
    return session.scalar(
        select(User)
        .join(WebSession, WebSession.user_id == User.id)
        .where(
            WebSession.id_hash == session_digest(session_id),
            WebSession.expires_at > now,
            User.active.is_(True),
        )
    )


def end_session(session: Session, session_id: str) -> None:
    """Logout: this session stops working everywhere."""
    session.execute(delete(WebSession).where(WebSession.id_hash == session_digest(session_id)))


def end_all_sessions(session: Session, user_id: int) -> int:
    """Every web session of the user ends (a password change, an admin's reset)."""
    result = session.execute(delete(WebSession).where(WebSession.user_id == user_id))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def forget_expired(session: Session, now: datetime) -> None:
    """Housekeeping: expired sessions and throttle counts nobody looks at any more."""
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    oldest = now - max(rules.ACCOUNT.forget_after, rules.ADDRESS.forget_after)
    session.execute(delete(LoginThrottle).where(LoginThrottle.last_failure_at <= oldest))


# --- throttling -------------------------------------------------------------------


def _keys(email: str, address: str | None) -> list[tuple[str, ThrottlePolicy]]:
    return sorted(  # always the same order: concurrent writers never deadlock
        [(rules.account_key(email), rules.ACCOUNT), (rules.address_key(address), rules.ADDRESS)]
    )


def _seen(
    session: Session, keys: list[tuple[str, ThrottlePolicy]], now: datetime
) -> dict[str, tuple[int, datetime | None]]:
    """Each key's failures that still count, and until when it is locked."""
    rows = {
        key: (failures, last)
        for key, failures, last in session.execute(
            select(LoginThrottle.key, LoginThrottle.failures, LoginThrottle.last_failure_at).where(
                LoginThrottle.key.in_([k for k, _ in keys])
            )
        )
    }
    out: dict[str, tuple[int, datetime | None]] = {}
    for key, policy in keys:
        failures, last = rows.get(key, (0, None))
        out[key] = (
            rules.current_failures(failures, last, now, policy),
            rules.locked_until(failures, last, now, policy),
        )
    return out


def _refuse(until: datetime, now: datetime) -> TooManyRequests:
    seconds = rules.retry_after_seconds(until, now)
    return TooManyRequests(rules.lockout_message(seconds), retry_after=seconds, field="password")


def _count(session: Session, key: str, policy: ThrottlePolicy, now: datetime) -> int:
    """Count one attempt against ``key`` atomically (one upsert on both backends): the
    key's failures including this one."""
    table = LoginThrottle.__table__
    insert = (
        postgresql.insert(LoginThrottle)
        if session.get_bind().dialect.name == "postgresql"
        else sqlite.insert(LoginThrottle)
    )
    stmt = (
        insert.values(key=key, failures=1, last_failure_at=now)
        .on_conflict_do_update(
            index_elements=["key"],
            set_={
                "failures": case(
                    (table.c.last_failure_at <= now - policy.forget_after, 1),
                    else_=table.c.failures + 1,
                ),
                "last_failure_at": now,
            },
        )
        .returning(table.c.failures)
    )
    return int(session.execute(stmt).scalar_one())


def _attempt(db: Database, email: str, address: str | None, now: datetime) -> None:
    """Refuse (429) while the account or the address is locked; otherwise count this
    attempt as a failure before the password is checked (a success takes it back), so
    concurrent guesses cannot all slip through between a check and its count."""
    keys = _keys(email, address)
    with db.unit_of_work(readonly=True) as s:
        seen = _seen(s, keys, now)
    locks = [until for _, until in seen.values() if until is not None]
    if locks:
        raise _refuse(max(locks), now)
    refused = False
    with db.unit_of_work() as s:
        for key, policy in keys:
            counted = _count(s, key, policy, now)
            if not rules.may_proceed(counted, seen[key][0], policy):
                refused = True
    if refused:
        with db.unit_of_work(readonly=True) as s:
            until = max((u for _, u in _seen(s, keys, now).values() if u is not None), default=None)
        raise _refuse(until or now + rules.ACCOUNT.first_lockout, now)


def _succeeded(session: Session, email: str, address: str | None) -> None:
    """A right password: the account starts over; the address gets its attempt back."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == rules.account_key(email)))
    table = LoginThrottle.__table__
    session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == rules.address_key(address), table.c.failures > 0)
        .values(failures=table.c.failures - 1)
    )


# --- the flows --------------------------------------------------------------------

WRONG = "Email or password is wrong, or the account is deactivated."


def sign_in(
    db: Database, email: str, password: str, address: str | None, now: datetime, max_age: int
) -> SignedIn:
    """U-1: a throttled password check of constant cost, then a new web session.
    ``TooManyRequests`` (429, Retry-After) while locked; ``Unauthorized`` when wrong."""
    _attempt(db, email, address, now)
    with db.unit_of_work(readonly=True) as s:
        found = users.login_facts(s, email)
    if not users.password_matches(found.password_hash if found else None, password):
        raise Unauthorized(WRONG, field="password")
    assert found is not None  # a match needs a hash, so a user
    with db.unit_of_work() as s:
        _succeeded(s, email, address)
        session_id = start_session(s, found.id, now, max_age)
    return SignedIn(found.id, session_id)


def change_password(
    db: Database,
    user_id: int,
    current: str,
    new: str,
    address: str | None,
    now: datetime,
    max_age: int,
) -> str:
    """The user changes their own password: the current one is checked (throttled like a
    sign-in), every web session of theirs ends, and a new one starts for the caller
    (its id is returned)."""
    if len(new) < 8:
        raise ValidationFailed("password must have at least 8 characters", field="new_password")
    with db.unit_of_work(readonly=True) as s:
        user = users.get_user(s, user_id)
        email = user.email
        stored_hash = user.password_hash
    _attempt(db, email, address, now)
    if not users.password_matches(stored_hash, current):
        raise ValidationFailed("the current password is wrong", field="current_password")
    new_hash = users.hash_password(new)  # outside the transaction, like the check
    with db.unit_of_work() as s:
        _succeeded(s, email, address)
        user = users.get_user(s, user_id)
        user.password_hash = new_hash
        user.updated_at = now
        end_all_sessions(s, user_id)
        return start_session(s, user_id, now, max_age)
