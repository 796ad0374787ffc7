"""Users, passwords, API tokens and access rules (U-1, U-2, O-6)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesops.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from salesops.users.models import ROLES, ApiToken, TimeOff, User

_hasher = PasswordHasher()
TOKEN_PREFIX = "so_"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(user: User, password: str) -> bool:
    if not user.password_hash:
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


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
    if len(password) < 8:
        raise ValidationFailed("password must have at least 8 characters", field="password")
    user.password_hash = hash_password(password)
    user.updated_at = now
    session.flush()


def authenticate_password(session: Session, email: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or not user.active or not verify_password(user, password):
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


def revoke_token(session: Session, token_id: int, now: datetime) -> None:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFound(f"token {token_id} not found", field="id")
    row.revoked_at = now
    session.flush()


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
    if actor.id == user.id and (role not in (None, "admin") or active is False):
        # An admin locking themselves out leaves nobody to undo it (U-2).
        raise Conflict(
            "you cannot take away your own admin role or deactivate yourself; ask another admin",
            field="role" if role not in (None, "admin") else "active",
            rule="U-2",
        )
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
            from salesops.routing.territories import leave_all_rotations

            leave_all_rotations(session, user.id)  # every territory's rotation too
    user.updated_at = now
    session.flush()
    return user


def add_time_off(
    session: Session, user: User, starts_on: date, ends_on: date, *, now: datetime, note: str = ""
) -> TimeOff:
    if ends_on < starts_on:
        raise ValidationFailed("ends_on must not be before starts_on", field="ends_on", rule="R-6")
    row = TimeOff(user_id=user.id, starts_on=starts_on, ends_on=ends_on, note=note, created_at=now)
    session.add(row)
    session.flush()
    return row
