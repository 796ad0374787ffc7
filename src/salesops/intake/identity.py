"""Who "we" are in mail (I-3, I-4, A-3): the sales aliases and the company's own domains.

Both are playbook settings (``intake.sales_aliases``, ``intake.company_domains``;
P-1, issue 16 item 4), so they are versioned and audited with the playbook. The
environment's ``SALESOPS_SALES_ALIAS`` / ``SALESOPS_COMPANY_DOMAINS`` are a fallback,
used only for a key the active playbook leaves empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from salesops.core.config import Settings
from salesops.playbook.runtime import playbook_of, settings_of
from salesops.playbook.schema import Playbook


@dataclass(frozen=True)
class MailIdentity:
    primary: str  # the alias replies are signed with and notices are sent to
    aliases: frozenset[str]
    domains: frozenset[str]

    def is_alias(self, address: str) -> bool:
        return address.strip().lower() in self.aliases


def mail_identity(playbook: Playbook | None, settings: Settings) -> MailIdentity:
    """The playbook's aliases and domains; the environment's for a key it leaves empty."""
    configured = playbook.intake if playbook is not None else None
    aliases = list(configured.sales_aliases) if configured else []
    if not aliases:
        aliases = [settings.sales_alias.strip().lower()]
    domains = frozenset(configured.company_domains) if configured else frozenset()
    return MailIdentity(aliases[0], frozenset(aliases), domains or settings.company_domain_set)


def identity_of(session: Session) -> MailIdentity:
    """The identity under the unit of work's playbook."""
    return mail_identity(playbook_of(session), settings_of(session))
