"""What a process needs to serve requests, run commands or jobs: settings, database, playbook.

HTTP, CLI and worker entrypoints all open their unit of work here, so every
service sees the active playbook (``playbook_of(session)``) and every decision
records the playbook version it was made under (P-2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy.orm import Session

from salesops.core.config import Settings
from salesops.core.db import Database

if TYPE_CHECKING:
    from salesops.playbook.schema import Playbook

T = TypeVar("T")


class Runtime:
    def __init__(self, settings: Settings, db: Database | None = None) -> None:
        from salesops.playbook.service import PlaybookStore

        self.settings = settings
        self.db = db or Database(settings.sqlalchemy_url)
        self.playbooks = PlaybookStore()
        # Per-process state of hot paths, by name (a group commit, the pipeline's drain).
        self._local: dict[str, Any] = {}
        self.secret_sources: dict[str, str] | None = None

    def ensure_secrets(self, settings: Settings | None = None) -> dict[str, str]:
        """Resolve the secret settings once (core.secretstore): the environment's, checked,
        else this installation's generated ones. Raises ``SecretError`` for a weak one."""
        from salesops.core import clock, secretstore

        if settings is not None and settings is not self.settings:
            return secretstore.resolve(settings, self.db, clock.now())
        if self.secret_sources is None:
            self.secret_sources = secretstore.resolve(self.settings, self.db, clock.now())
        return self.secret_sources

    @contextmanager
    def uow(self, *, readonly: bool = False, **info: Any) -> Iterator[Session]:
        """A unit of work with the active playbook attached to the session."""
        with self.db.unit_of_work(readonly=readonly, **info) as session:
            version, playbook = self.playbooks.current(session)
            session.info["playbook"] = playbook
            session.info["playbook_version"] = version
            session.info["settings"] = self.settings
            yield session

    def local(self, name: str, make: Callable[[], T]) -> T:
        """This process's ``name`` object, made by ``make`` on first use (thread-safe:
        two threads racing get the same one)."""
        found = self._local.get(name)
        if found is None:
            found = self._local.setdefault(name, make())
        return cast(T, found)

    def close(self) -> None:
        self.db.dispose()


def playbook_of(session: Session) -> Playbook:
    """The playbook the current unit of work runs under."""
    playbook = session.info.get("playbook")
    if playbook is None:
        from salesops.playbook.loader import load_default_playbook

        playbook = load_default_playbook()
        session.info["playbook"] = playbook
    return playbook


def settings_of(session: Session) -> Settings:
    settings = session.info.get("settings")
    if settings is None:
        settings = Settings()
        session.info["settings"] = settings
    return settings
