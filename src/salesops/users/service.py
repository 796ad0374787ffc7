"""Users, passwords, API tokens and access rules (U-1, U-2, O-6)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from salesops.core.audit import record_change, record_decision
from salesops.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from salesops.users.models import ROLES, ApiToken, TimeOff, User, WebSession

_hasher = PasswordHasher()
TOKEN_PREFIX = "so_"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@cache
def _dummy_hash() -> str:
    """A hash of nothing anyone knows, with the real parameters (made once a process)."""
    return _hasher.hash(secrets.token_urlsafe(32))


def password_matches(password_hash: str | None, password: str) -> bool:
    """Constant cost (issue 13 item 9): without a hash (an unknown e-mail, a user without a
    password, a deactivated one) a dummy hash is verified, so answering takes as long
    as for a real user and timing does not reveal which e-mails have accounts."""
    try:
        matched = _hasher.verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return matched and password_hash is not None


def verify_password(user: User, password: str) -> bool:
    return password_matches(user.password_hash, password)


@dataclass(frozen=True)
class LoginFacts:
    id: int
    password_hash: str | None  # None for a deactivated user: nothing matches


def login_facts(session: Session, email: str) -> LoginFacts | None:
    """What a sign-in needs to know about an e-mail (None: no such user)."""
    row = session.execute(
        select(User.id, User.password_hash, User.active).where(User.email == normalise_email(email))
    ).one_or_none()
    if row is None:
        return None
    return LoginFacts(row.id, row.password_hash if row.active else None)


def token_digest(token: str) -> str:
    """API tokens are 256-bit random strings, so a plain SHA-256 is a safe at-rest hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} not found", field="user_id")
    return user


def get_user_by_email(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise NotFound(f"no user with email {email!r}", field="email")
    return user


def create_user(
    session: Session,
    *,
    email: str,
    role: str,
    now: datetime,
    name: str = "",
    password: str | None = None,
    timezone: str = "UTC",
    in_round_robin: bool = True,
) -> User:
    """Create a user (O-6); each gets a personal logging address for A-3."""
    email = normalise_email(email)
    if role not in ROLES:
        raise ValidationFailed(
            f"role must be one of {', '.join(ROLES)}, not {role!r}", field="role", rule="U-2"
        )
    if "@" not in email:
        raise ValidationFailed("email must be an email address", field="email")
    if session.scalar(select(func.count()).where(User.email == email)):
        raise Conflict(f"a user with email {email} already exists", field="email")
    if password is not None and len(password) < 8:
        raise ValidationFailed("password must have at least 8 characters", field="password")
    local = email.split("@", 1)[0]
    user = User(
        email=email,
        name=name or local.replace(".", " ").title(),
        role=role,
        password_hash=hash_password(password) if password else None,
        active=True,
        in_round_robin=in_round_robin and role == "sales",
        timezone=timezone,
        logging_address=f"log+{local}-{secrets.token_hex(3)}@salesops.local",
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, user: User, password: str, now: datetime) -> None:
    """Set a password (an admin's reset): every web session of the user ends (issue 13)."""
    if len(password) < 8:
        raise ValidationFailed("password must have at least 8 characters", field="password")
    user.password_hash = hash_password(password)
    user.updated_at = now
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    session.flush()


def authenticate_password(session: Session, email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None; constant cost. (The web
    sign-in goes through ``users.auth.sign_in``, which also throttles.)"""
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    usable = user is not None and user.active
    if not password_matches(user.password_hash if usable and user else None, password):
        return None
    return user


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def create_token(session: Session, user: User, *, now: datetime, name: str = "") -> IssuedToken:
    """Issue an API token (U-1): the secret is returned once; only its hash is stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=user.id,
        name=name or "token",
        prefix=secret[:10],
        token_hash=token_digest(secret),
        created_at=now,
    )
    session.add(row)
    session.flush()
    return IssuedToken(row, secret)


def user_for_token(session: Session, secret: str) -> User | None:
    row = session.execute(
        select(User)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_digest(secret), ApiToken.revoked_at.is_(None))
    ).scalar_one_or_none()
    if row is None or not row.active:
        return None
    return row


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    """A user's API tokens, newest first (their secrets are never stored)."""
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


def get_token(session: Session, token_id: int) -> ApiToken:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFound(f"token {token_id} not found", field="token_id")
    return row


def find_token(session: Session, ref: str) -> ApiToken:
    """A token by its id or by the prefix shown when it was made (``so_…``, CLI)."""
    ref = ref.strip().rstrip("…")
    if ref.isdigit():
        return get_token(session, int(ref))
    rows = list(session.scalars(select(ApiToken).where(ApiToken.prefix == ref[:10]).limit(2)))
    if len(rows) != 1 or len(ref) < 10:
        raise NotFound(
            f"no single token with prefix {ref!r}; give its id (`salesops tokens list EMAIL`)",
            field="token",
        )
    return rows[0]


def revoke_token(session: Session, actor: User | None, token: ApiToken, now: datetime) -> ApiToken:
    """U-1: a revoked token stops authenticating at once. Users revoke their own; admins
    anyone's (``actor`` None: the CLI, which has the database's rights)."""
    if actor is not None and actor.id != token.user_id:
        require_role(actor, "admin")
    if token.revoked_at is None:
        token.revoked_at = now
        session.flush()
    return token


# --- access (U-2) -------------------------------------------------------------


def require_role(user: User, *roles: str) -> None:
    if user.role not in roles:
        raise PermissionDenied(
            f"this action needs the {' or '.join(roles)} role; you are {user.role}", rule="U-2"
        )


def require_writer(user: User) -> None:
    """Viewers read only (U-2)."""
    require_role(user, "admin", "sales")


def require_can_edit_owned(user: User, owner_id: int | None) -> None:
    """Sales edit their own and unowned records; admins edit all (U-2)."""
    require_writer(user)
    if user.role == "sales" and owner_id not in (None, user.id):
        raise PermissionDenied(
            "sales can change only their own or unowned records", field="owner_id", rule="U-2"
        )


def require_can_add_to_account(
    user: User, account_owner_id: int | None, *, through: tuple[int | None, ...] = ()
) -> None:
    """U-2: adding to an account — a contact, an activity, a task, an opportunity — or
    editing its contacts is editing the account: sales may on their own and unowned
    accounts, or ``through`` a task or opportunity of it that is theirs (the stale
    sweep can give someone a task on a colleague's account, T-1). Owning the new
    record is no way in: sales cannot give themselves another's account's work."""
    require_writer(user)
    if user.role != "sales" or account_owner_id in (None, user.id) or user.id in through:
        return
    raise PermissionDenied(
        f"this account belongs to another salesperson (user {account_owner_id}); "
        "sales add to and edit only their own or unowned accounts",
        field="account_id",
        rule="U-2",
    )


def require_can_reassign(user: User, current_owner: int | None, new_owner: int | None) -> None:
    """Only admins reassign an owned record to someone else (U-2)."""
    if new_owner == current_owner:
        return
    if user.role == "admin":
        return
    if user.role == "sales" and current_owner is None and new_owner == user.id:
        return  # taking an unowned record
    raise PermissionDenied(
        "reassigning an owner needs the admin role", field="owner_id", rule="U-2"
    )


def require_assignable(session: Session, user_id: int | None, field: str = "owner_id") -> None:
    """A record goes only to an existing, active user (O-6, R-7): else a 422 naming the
    field, never a foreign-key error from the database."""
    if user_id is None:
        return
    user = session.get(User, user_id)
    if user is None:
        raise ValidationFailed(f"{field}: there is no user {user_id}", field=field)
    if not user.active:
        raise ValidationFailed(
            f"{field}: user {user_id} is deactivated and cannot own records",
            field=field,
            rule="R-7",
        )


def update_user(
    session: Session,
    actor: User,
    user: User,
    *,
    now: datetime,
    name: str | None = None,
    role: str | None = None,
    active: bool | None = None,
    in_round_robin: bool | None = None,
    timezone: str | None = None,
) -> User:
    require_role(actor, "admin")
    demoted = user.role == "admin" and (
        (role is not None and role != "admin") or (active is False and user.active)
    )
    if demoted and user.active and not _other_active_admins(session, user.id):
        # Issue 17 item 6: the last active admin stays one (nobody could undo it).
        raise Conflict(
            f"{user.name or user.email} is the last active admin: make someone else an admin first",
            field="role" if role not in (None, "admin") else "active",
            rule="U-2",
        )
    if actor.id == user.id and (role not in (None, "admin") or active is False):
        # An admin locking themselves out leaves nobody to undo it (U-2).
        raise Conflict(
            "you cannot take away your own admin role or deactivate yourself; ask another admin",
            field="role" if role not in (None, "admin") else "active",
            rule="U-2",
        )
    before = _audited(user)
    if role is not None:
        if role not in ROLES:
            raise ValidationFailed(f"role must be one of {', '.join(ROLES)}", field="role")
        user.role = role
    if name is not None:
        user.name = name
    if timezone is not None:
        user.timezone = timezone
    if in_round_robin is not None:
        user.in_round_robin = in_round_robin
    if active is not None and active != user.active:
        user.active = active
        user.deactivated_at = None if active else now
        if not active:
            user.in_round_robin = False  # a user who leaves is removed from rotation
            # ... and from every territory's rotation: the caller's (flows.people.update_user)
    user.updated_at = now
    session.flush()
    # Issue 16 item 4: roles, activation and round-robin membership audited like playbook
    # versions (who, when, before → after).
    record_change(
        session, user, f"user {user.email}", before, _audited(user), ["U-2", "R-7", "P-2"],
        actor_id=actor.id, at=now,
    )  # fmt: skip
    return user


def _audited(user: User) -> dict[str, object]:
    return {"role": user.role, "active": user.active, "in_round_robin": user.in_round_robin}


def _other_active_admins(session: Session, user_id: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == "admin", User.active.is_(True), User.id != user_id)
        )
        or 0
    )


def record_password_reset(session: Session, actor: User, user: User, now: datetime) -> None:
    """O-8: who reset whose password (never the password)."""
    record_decision(
        session,
        "password_reset",
        user,
        {"user_id": user.id},
        ["U-1"],
        f"password of {user.email} reset by {actor.email}; their sessions ended",
        actor_id=actor.id,
        at=now,
    )


def add_time_off(
    session: Session,
    user: User,
    starts_on: date,
    ends_on: date,
    *,
    now: datetime,
    note: str = "",
    actor: User | None = None,
) -> TimeOff:
    """R-6: record an absence; audited (who, when, the range; issue 16 item 4)."""
    if ends_on < starts_on:
        raise ValidationFailed("ends_on must not be before starts_on", field="ends_on", rule="R-6")
    row = TimeOff(user_id=user.id, starts_on=starts_on, ends_on=ends_on, note=note, created_at=now)
    session.add(row)
    session.flush()
    record_change(
        session, user, f"time off of {user.email}", {"time_off": None},
        {"time_off": f"{starts_on.isoformat()} to {ends_on.isoformat()}"}, ["R-6", "P-2"],
        actor_id=actor.id if actor else None, at=now,
    )  # fmt: skip
    return row
