"""Installation secrets: never a built-in, published or empty one (issue 13 item 1; U-1, I-10).

Every secret setting is resolved once per process, before anything uses it
(``Runtime.ensure_secrets``: ``prepare``, ``create_app``, ``salesops secrets``):

- the environment (``SALESOPS_<NAME>``, or ``.env``) always wins. A value published
  as a default by an earlier release, or shorter than the setting's minimum, refuses
  to start with a message naming the setting;
- set but empty: an intake source's secret disables that source (its endpoint answers
  401 and says why, never "accept everything"); an empty ``SALESOPS_SECRET_KEY``
  refuses to start;
- unset: a strong random value is generated on first run and stored in the database
  (``installation_secrets``), so every process of one installation — API workers,
  background workers, the CLI, on one PostgreSQL or one SQLite file — uses the same
  value. Concurrent first runs insert with ``ON CONFLICT DO NOTHING`` and all read
  back the winner's value.

Anyone who can read the database can read these values; that reader can already
change every record, so the database is the right place (docs/operations.md).
A rotated value (``salesops secrets rotate``) is picked up when a process starts.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Mapped, Session, mapped_column

from salesops.core.config import Settings
from salesops.core.db import Base, Database, UTCDateTime


class InstallationSecret(Base):
    """One generated secret of this installation (the environment overrides it)."""

    __tablename__ = "installation_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


@dataclass(frozen=True)
class SecretSpec:
    name: str  # the Settings field
    purpose: str
    min_length: int = 16
    empty_disables: bool = True  # an intake source: empty turns it off
    prefix: str = ""  # generated values start with it (the SDK's project-key shape)

    @property
    def env(self) -> str:
        return "SALESOPS_" + self.name.upper()


SPECS: tuple[SecretSpec, ...] = (
    SecretSpec("secret_key", "signs web sessions", min_length=32, empty_disables=False),
    SecretSpec("form_secret", "contact-form intake, POST /api/v1/intake/form (I-2)"),
    SecretSpec(
        "product_events_secret", "product-event webhooks, POST /api/v1/intake/product-events"
    ),
    SecretSpec("product_api_key", "the analytics SDK's POST /batch/ (project key)", prefix="phc_"),
    SecretSpec("zendesk_secret", "support-ticket webhooks, POST /api/v1/intake/zendesk (I-5)"),
    SecretSpec("slack_signing_secret", "Slack events, POST /api/v1/intake/slack (I-6)"),
    SecretSpec("email_secret", "raw mail over HTTP, POST /api/v1/intake/email (I-3)"),
)
BY_NAME = {spec.name: spec for spec in SPECS}
# Not a setting: the demo users' password (``salesops demo``), generated like the rest so
# no demo install signs in with a published one.
DEMO_PASSWORD = SecretSpec("demo_password", "the demo users' password")

# Defaults published by earlier releases (and placeholders people paste): anyone can
# sign with these, so they protect nothing.
KNOWN_WEAK = frozenset(
    {
        "dev-insecure-secret-change-me",
        "dev-form-secret",
        "dev-product-events-secret",
        "phc_dev_project_key",
        "dev-zendesk-secret",
        "dev-slack-signing-secret",
        "dev-email-secret",
        "change-me",
        "changeme",
        "secret",
        "password",
    }
)
MIN_DISTINCT_CHARACTERS = 8


class SecretError(Exception):
    """A secret setting that must not be used: the process refuses to start."""


def weakness(spec: SecretSpec, value: str) -> str | None:
    """Why ``value`` must not protect ``spec`` (None if it may). Pure."""
    if value.strip().lower() in KNOWN_WEAK:
        return f"{spec.env} is a published default value; anyone could sign with it"
    if len(value) < spec.min_length:
        return f"{spec.env} is too short ({len(value)} characters; at least {spec.min_length})"
    if len(set(value)) < MIN_DISTINCT_CHARACTERS:
        return (
            f"{spec.env} is too simple (fewer than {MIN_DISTINCT_CHARACTERS} distinct characters)"
        )
    return None


def generate(spec: SecretSpec) -> str:
    """A fresh value: 256 random bits, URL-safe."""
    return spec.prefix + secrets.token_urlsafe(32)


def check(spec: SecretSpec, value: str) -> None:
    """Refuse (``SecretError``) a value that must not be used; empty is checked by callers."""
    reason = weakness(spec, value)
    if reason is not None:
        raise SecretError(
            f"{reason}. Unset it to use a generated secret (`salesops secrets show`), "
            f"or set a long random value, e.g. `python -c 'import secrets; "
            f"print(secrets.token_urlsafe(32))'`."
        )


def check_given(settings: Settings) -> dict[str, str]:
    """Check the secrets set in the environment (no database needed, so a process refuses
    before it touches anything): each one's source, environment or disabled (empty)."""
    sources: dict[str, str] = {}
    for spec in SPECS:
        value = getattr(settings, spec.name)
        if value is None:
            continue
        if value == "":
            if not spec.empty_disables:
                raise SecretError(
                    f"{spec.env} is empty; unset it to use a generated secret, or set a "
                    f"long random value"
                )
            sources[spec.name] = "disabled"
        else:
            check(spec, value)
            sources[spec.name] = "environment"
    return sources


def resolve(settings: Settings, db: Database, now: datetime) -> dict[str, str]:
    """Check the given secrets, then fill the unset ones from the database (generating
    them on first run). Returns each setting's source: environment, disabled (set
    empty) or database."""
    sources = check_given(settings)
    missing = [spec for spec in SPECS if spec.name not in sources]
    if missing:
        stored = ensure_stored(db, missing, now)
        for spec in missing:
            check(spec, stored[spec.name])
            setattr(settings, spec.name, stored[spec.name])
            sources[spec.name] = "database"
    return sources


def required(settings: Settings, name: str) -> str:
    """A resolved secret's value (``resolve`` ran); refuses an unresolved or empty one."""
    value = getattr(settings, name)
    if not value:
        raise SecretError(f"{BY_NAME[name].env} is not resolved or empty")
    return str(value)


def ensure_stored(db: Database, specs: Iterable[SecretSpec], now: datetime) -> dict[str, str]:
    """The stored values of ``specs``, generating those not stored yet (first run)."""
    wanted = {spec.name: spec for spec in specs}
    names = list(wanted)
    try:
        with db.unit_of_work(readonly=True) as s:
            found = _load(s, names)
        absent = [wanted[n] for n in names if n not in found]
        if absent:
            with db.unit_of_work() as s:
                rows = [
                    {"name": spec.name, "value": generate(spec), "created_at": now}
                    for spec in absent
                ]
                s.execute(_insert(s).values(rows).on_conflict_do_nothing(index_elements=["name"]))
                found = _load(s, names)  # ours, or a concurrent first run's
    except (OperationalError, ProgrammingError) as exc:
        if "installation_secrets" not in str(exc):
            raise
        raise SecretError(
            "the database has no installation_secrets table yet: run `salesops db upgrade`"
        ) from None
    return found


def rotate(db: Database, name: str, now: datetime) -> str:
    """Replace the stored value of ``name`` with a new random one; returns it. Processes
    pick it up when they next start; the environment still overrides it."""
    spec = BY_NAME.get(name)
    if spec is None:
        raise SecretError(f"unknown secret {name!r}; one of: {', '.join(BY_NAME)}")
    value = generate(spec)
    with db.unit_of_work() as s:
        row = s.get(InstallationSecret, name)
        if row is None:
            s.add(InstallationSecret(name=name, value=value, created_at=now, rotated_at=now))
        else:
            row.value = value
            row.rotated_at = now
    return value


def stored(db: Database) -> dict[str, InstallationSecret]:
    """Every stored secret, by name."""
    with db.unit_of_work(readonly=True) as s:
        return {row.name: row for row in s.scalars(select(InstallationSecret))}


def _load(session: Session, names: list[str]) -> dict[str, str]:
    rows = session.execute(
        select(InstallationSecret.name, InstallationSecret.value).where(
            InstallationSecret.name.in_(names)
        )
    )
    return {name: value for name, value in rows}


def _insert(session: Session) -> postgresql.Insert | sqlite.Insert:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(InstallationSecret)
    return sqlite.insert(InstallationSecret)
