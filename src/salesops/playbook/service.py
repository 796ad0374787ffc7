"""Activating and reading playbook versions (P-1, P-2).

A change is validated before it is stored, stored with who/when/diff, and
takes effect for new decisions only: decisions record the version number they
were made under (O-8), and ``PlaybookStore.get`` returns any past version.

Services flush but never commit; the entrypoint owns the transaction (STYLE 4).
"""

from __future__ import annotations

import difflib
import threading
import time
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesops.core.errors import NotFound
from salesops.core.jobs import enqueue
from salesops.playbook.loader import (
    default_playbook_text,
    load_default_playbook,
    load_playbook_text,
    playbook_digest,
)
from salesops.playbook.models import PlaybookVersion
from salesops.playbook.schema import Playbook

#: The version number ``PlaybookStore.current`` reports before any version is activated.
BUILTIN_VERSION = 0


def latest(session: Session) -> PlaybookVersion | None:
    """The newest activated version, or None before the first activation."""
    stmt = select(PlaybookVersion).order_by(PlaybookVersion.version.desc()).limit(1)
    return session.scalars(stmt).first()


def get_version(session: Session, version: int) -> PlaybookVersion:
    """One stored version; ``NotFound`` when there is no such version."""
    row = session.scalars(select(PlaybookVersion).where(PlaybookVersion.version == version)).first()
    if row is None:
        raise NotFound(f"playbook version {version} does not exist", field="version", rule="P-2")
    return row


def _unified_diff(before: PlaybookVersion | None, text: str, version: int) -> str:
    if before is None:
        return ""
    return "".join(
        difflib.unified_diff(
            before.content.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"playbook v{before.version}",
            tofile=f"playbook v{version}",
        )
    )


def activate(
    session: Session, text: str, *, source: str, actor: str | None, now: datetime
) -> PlaybookVersion:
    """P-2: validate ``text`` and store it as the next version unless it equals the latest.

    Raises ``PlaybookError`` (naming each bad key and line) and stores nothing
    when the text is invalid. Two concurrent activations collide on the unique
    ``version`` column; the loser's transaction fails and can be retried.
    """
    load_playbook_text(text, source=source)
    digest = playbook_digest(text)
    previous = latest(session)
    if previous is not None and previous.digest == digest:
        return previous
    version = previous.version + 1 if previous is not None else 1
    row = PlaybookVersion(
        version=version,
        digest=digest,
        content=text,
        diff=_unified_diff(previous, text, version),
        source=source,
        loaded_by=actor,
        loaded_at=now,
    )
    session.add(row)
    session.flush()
    if previous is not None and _rescore_needed(previous.content, text):
        # S-4: scores follow the new weights; a background job with progress
        # (``flows.rescoring``), not a manual admin call (issue 16 item 1).
        enqueue(
            session,
            RECOMPUTE_JOB,
            {"version": version, "after_id": 0, "done": 0},
            now=now,
            dedupe_key=f"{RECOMPUTE_JOB}:v{version}",
        )
    return row


#: The job ``flows.rescoring`` registers; queued here by name (the playbook sits below it).
RECOMPUTE_JOB = "scoring.recompute"


def _rescore_needed(before: str, after: str) -> bool:
    """Whether a new version changes what scores (S-2, S-3) or I-8 rules read."""
    try:
        old = load_playbook_text(before, source="previous playbook", stored=True)
    except Exception:  # an older version this code no longer reads: recompute to be safe
        return True
    new = load_playbook_text(after, source="new playbook")
    return bool(
        old.scoring.icp != new.scoring.icp
        or old.scoring.lead != new.scoring.lead
        or old.intake.product_led_rules != new.intake.product_led_rules
    )


def ensure_default(session: Session, *, now: datetime) -> PlaybookVersion:
    """Activate the built-in default playbook as version 1 when no version exists yet."""
    existing = latest(session)
    if existing is not None:
        return existing
    return activate(session, default_playbook_text(), source="default", actor="system", now=now)


class PlaybookStore:
    """Per-process cache of parsed playbooks, keyed by version number.

    Why: rules need the playbook on every decision, parsing YAML each time is
    wasteful, and several processes (web, worker, CLI) must converge on a new
    version soon after it is activated anywhere. ``current`` therefore asks
    the database for the newest version number at most every ``ttl_seconds``
    (monotonic clock) and parses each version's text once. Versions are
    immutable, so a cached parse never goes stale. Not bound to one
    ``Database``: the caller passes the session.
    """

    def __init__(
        self, ttl_seconds: float = 2.0, *, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._parsed: dict[int, Playbook] = {}
        self._latest: int | None = None
        self._checked_at = 0.0

    def current(self, session: Session) -> tuple[int, Playbook]:
        """The newest version number and its playbook (P-2: new decisions use it).

        Before any activation this is ``(BUILTIN_VERSION, default playbook)``;
        call ``ensure_default`` at startup so every decision names a stored version.
        """
        now = self._monotonic()
        with self._lock:
            fresh = self._latest is not None and now - self._checked_at < self.ttl_seconds
            version = self._latest
        if not fresh or version is None:
            version = session.scalar(select(func.max(PlaybookVersion.version))) or BUILTIN_VERSION
            with self._lock:
                self._latest, self._checked_at = version, now
        return version, self.get(session, version)

    def get(self, session: Session, version: int) -> Playbook:
        """A specific version's playbook, e.g. the one a past decision was made under."""
        if version == BUILTIN_VERSION:
            return load_default_playbook()
        with self._lock:
            cached = self._parsed.get(version)
        if cached is None:
            row = get_version(session, version)
            cached = load_playbook_text(row.content, source=f"playbook v{version}", stored=True)
            with self._lock:
                self._parsed[version] = cached
        return cached

    def invalidate(self) -> None:
        """Re-check the newest version on the next ``current`` (e.g. right after ``activate``)."""
        with self._lock:
            self._latest = None
