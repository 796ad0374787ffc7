"""Bring a database to a runnable state: migrations, the active playbook, territories."""

from __future__ import annotations

import gc
from pathlib import Path

from salesops.core import clock
from salesops.core.migrate import upgrade
from salesops.playbook.runtime import Runtime
from salesops.reports import rollups  # noqa: F401  (the rollups' commit hook, issue 18)


def playbook_source(rt: Runtime) -> tuple[str, str]:
    """The playbook text to activate and where it came from (settings path or built-in)."""
    from salesops.playbook.loader import default_playbook_text

    path: Path | None = rt.settings.playbook_path
    if path is not None:
        return path.read_text(encoding="utf-8"), str(path)
    return default_playbook_text(), "default"


def prepare(rt: Runtime, *, migrate: bool = True, actor: str = "system") -> int:
    """Migrate, resolve the secrets (core.secretstore), activate the configured playbook
    (P-2: a changed file → new version), sync territories. Returns the active playbook
    version."""
    from salesops.core.secretstore import check_given
    from salesops.flows.playbook_change import activate_checked
    from salesops.routing.territories import sync_territories

    check_given(rt.settings)  # a weak secret refuses before anything is touched
    if migrate:
        upgrade(rt.db.engine)
    rt.ensure_secrets()  # first run: generate and store the unset ones
    text, source = playbook_source(rt)
    now = clock.now()
    with rt.db.unit_of_work() as s:
        # P-2: a changed file that drops values records use is refused here too, naming
        # them; `salesops playbook load FILE --map FIELD:OLD=NEW` moves them.
        version, _ = activate_checked(s, text, source=source, actor=actor, now=now)
        number = version.version
    rt.playbooks.invalidate()
    with rt.uow() as s:
        from salesops.playbook.runtime import playbook_of

        sync_territories(s, playbook_of(s), now)
    return number


def settle_heap() -> None:
    """Before a long-running process (API, worker) takes work: build what the first
    delivery would otherwise build (the public-suffix trie, about 80 ms), then move
    everything allocated so far (modules, routes, mappers, the playbook) out of the
    garbage collector's reach (``gc.freeze``). A full collection then walks only what
    requests allocated since, instead of stopping a request for 100 ms or more. Once
    a process."""
    global _settled
    if _settled:  # once a process (tests start many apps)
        return
    _settled = True
    from salesops.core.addresses import registrable_domain

    registrable_domain("warm-up@example.co.uk")
    gc.collect()
    gc.freeze()


_settled = False
