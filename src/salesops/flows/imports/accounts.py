"""Accounts (O-1, M-2, M-3) from an export (issue 19): matched by the registrable domain
of their website (free mail never makes a shared account), the source's firmographics
on them (S-1, the territory following the country, R-4), one owner each (M-3), enriched
and scored (S-1, S-2) with the rest of the batch (``Importer.rescore``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.accounts.service import territory_name
from salesops.core.addresses import is_free_mail, registrable_domain
from salesops.core.fastsql import among
from salesops.flows.imports.records import AccountIn
from salesops.flows.imports.writer import Importer, Item
from salesops.playbook.runtime import playbook_of


def account_domain(session: Session, website: str | None) -> str | None:
    """M-2: the registrable domain of a website; free mail never makes a shared account."""
    if not website:
        return None
    host = website.strip().lower()
    for prefix in ("https://", "http://"):
        host = host.removeprefix(prefix)
    host = host.split("/", 1)[0].split("?", 1)[0].split(":", 1)[0].removeprefix("www.")
    domain = registrable_domain(host) if host else None
    extra = frozenset(playbook_of(session).intake.free_mail_extra_domains)
    if domain is None or is_free_mail(domain, extra):
        return None
    return domain


FIRMO = ("industry", "employee_count", "estimated_revenue", "country", "us_state")


def apply_firmographics(
    imp: Importer, s: Session, account: Account, rec: Any, *, overwrite: bool
) -> None:
    """The source's firmographics on an account: blanks filled (a merge) or overwritten
    (an update of the source's own record); their source is the system (S-1); the
    territory follows the country (R-4)."""
    sources = dict(account.field_sources or {})
    for f in FIRMO:
        value = getattr(rec, f, None)
        if value is None:
            continue
        if overwrite or getattr(account, f) is None:
            setattr(account, f, value)
            sources[f] = imp.system
    if sources != (account.field_sources or {}):
        account.field_sources = sources
    account.territory = territory_name(s, account.country, account.us_state)


def import_accounts(imp: Importer, items: Iterable[Item[AccountIn]], obj: str = "Account") -> None:
    for s, batch in imp.batches(items, obj):
        new, changed, _ = imp.split(s, obj, batch)
        touched: list[Account] = []
        if changed:
            ids = [link.record_id for _, link in changed]
            loaded = {a.id: a for a in s.scalars(select(Account).where(among(s, Account.id, ids)))}
            for rec, link in changed:
                acct = loaded.get(link.record_id)
                if acct is None:
                    continue
                acct.name = rec.name or acct.name
                apply_firmographics(imp, s, acct, rec, overwrite=True)
                owner = imp.owner(s, rec.owner_key)
                if owner is not None and owner != acct.owner_id:
                    acct.owner_id = owner
                acct.updated_at = imp.now
                imp.relink(link, rec)
                imp.report.count(obj, "updated")
                imp.decide(acct, obj, rec.key, ["S-4"], "updated from a later export")
                touched.append(acct)
        domains = {r.key: account_domain(s, r.website) for r in new}
        wanted = sorted({d for d in domains.values() if d})
        by_domain: dict[str, Account] = {}
        if wanted:
            by_domain = {
                cast(str, a.domain): a
                for a in s.scalars(select(Account).where(among(s, Account.domain, wanted)))
            }
        created: list[tuple[Account, AccountIn]] = []
        for rec in new:
            d = domains[rec.key]
            owner = imp.owner(s, rec.owner_key)
            acct = by_domain.get(d) if d else None
            if acct is not None:
                apply_firmographics(imp, s, acct, rec, overwrite=False)
                rules, why = ["M-2"], f"merged into account {acct.name!r} by domain {d}"
                if acct.owner_id is None and owner is not None:
                    acct.owner_id = owner
                elif owner is not None and owner != acct.owner_id:
                    rules.append("M-3")
                    why += "; kept its owner (one account, one owner)"
                imp.report.count(obj, "merged")
                imp.decide(acct, obj, rec.key, rules, why, domain=d, source_owner=owner)
            else:
                acct = Account(
                    name=rec.name or d or rec.key,
                    domain=d,
                    owner_id=owner,
                    created_at=rec.created_at or imp.now,
                    updated_at=imp.now,
                    field_sources={},
                )
                apply_firmographics(imp, s, acct, rec, overwrite=True)
                created.append((acct, rec))
                if d:
                    by_domain[d] = acct
                imp.report.count(obj, "created")
            imp.link(obj, rec.key, "account", rec, acct)
            touched.append(acct)
        # S-2 for the new accounts before their INSERT (no contact yet: no role), so the
        # INSERT carries the score and no UPDATE follows; ``rescore`` then finds it current
        scored = {id(a): imp.icp.compute(s, a, None) for a, _ in created}
        lost = imp.insert_unique(s, obj, [a for a, _ in created], Account.domain, "domain")
        created = [(a, r) for a, r in created if id(a) not in lost]
        touched = [lost.get(id(a), a) for a in touched]
        imp.fresh = {a.id for a, _ in created}
        for acct, rec in created:
            d = acct.domain
            why = f"new account for domain {d}" if d else "new account (no website)"
            found = scored[id(acct)]  # S-2 in the same decision record (O-8)
            imp.decide(
                acct, obj, rec.key, ["M-2"], why, scored=("icp_score", found) if found else None
            )
        s.flush()
        imp.rescore(s, touched)


def count_rows(session: Session, model: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)
