"""Imports every domain's tables so ``Base.metadata`` is complete (for Alembic and tests).

At the top of the house, beside the app: it names every domain (core knows none)."""

from __future__ import annotations

import importlib

from salesops.core.db import Base

DOMAIN_MODEL_MODULES = [
    "salesops.core.audit",
    "salesops.core.jobs",
    "salesops.core.outbox",
    "salesops.core.system_jobs",
    "salesops.core.secretstore",
    "salesops.playbook.models",
    "salesops.users.models",
    "salesops.users.notifications",
    "salesops.routing.models",
    "salesops.accounts.models",
    "salesops.tasks.models",
    "salesops.opportunities.models",
    "salesops.activities.models",
    "salesops.intake.models",
    "salesops.intake.mailboxes",
    "salesops.flows.imports.models",
    "salesops.flows.deactivation_models",  # the stored hand-over plans (issue 17)
    "salesops.reports.rollups",  # the lead reports' rollups and their commit hook
]


def load_all() -> type[Base]:
    for name in DOMAIN_MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a domain that has no tables yet
            if exc.name != name:
                raise
    return Base
