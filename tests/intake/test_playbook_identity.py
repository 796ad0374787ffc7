"""P-1 (issue 16 item 4): the sales aliases (several, seed 002) and the company's own
domains are playbook settings, versioned with it; intake reads them from the active
playbook (I-3 alias in To:, I-4 colleague forwards); the environment is the fallback
only while the playbook leaves them empty."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from salesops.core import clock
from salesops.flows.playbook_change import activate_checked
from salesops.intake.identity import identity_of
from salesops.playbook.loader import default_playbook_text
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.intake.helpers import mail, post_email
from tests.intake.test_email_parse import GMAIL

OURS = (
    default_playbook_text()
    .replace(
        "  sales_aliases: []", "  sales_aliases: [sales@acme-analytics.io, hello@acme-analytics.io]"
    )
    .replace("  company_domains: []", "  company_domains: [acme-analytics.io, acme-analytics.com]")
)


def _activate(rt: Runtime, text: str) -> int:
    with rt.uow() as s:
        row, _ = activate_checked(s, text, source="test", actor="ops@x.io", now=clock.now())
        version = row.version
    rt.playbooks.invalidate()
    return version


def _leads(rt: Runtime) -> list[Task]:
    with rt.uow(readonly=True) as s:
        return list(s.scalars(select(Task).order_by(Task.id)))


def test_p1_env_alias_is_the_fallback_while_the_playbook_leaves_it_empty(rt: Runtime) -> None:
    with rt.uow(readonly=True) as s:
        ident = identity_of(s)
    assert ident.aliases == {"sales@example.com"} and ident.domains == {"example.com"}


def test_p1_i3_i4_every_playbook_alias_and_domain_drives_intake(
    client: TestClient, rt: Runtime
) -> None:
    version = _activate(rt, OURS)
    with rt.uow(readonly=True) as s:
        assert s.info["playbook_version"] == version
        ident = identity_of(s)
    assert ident.primary == "sales@acme-analytics.io"
    # I-3: mail to the second alias is a lead; to the environment's old alias it is not.
    r = post_email(client, rt, mail(to="hello@acme-analytics.io", message_id="<a@x>"))
    assert r.json()["status"] == "accepted", r.text
    r = post_email(client, rt, mail(to="sales@example.com", message_id="<b@x>"))
    assert r.json()["status"] == "ignored"
    # I-4: an alias in Cc only is ignored; a colleague (our .com domain) forwarding is a lead
    r = post_email(
        client, rt, mail(to="kim@acme.io", cc="sales@acme-analytics.io", message_id="<c@x>")
    )
    assert r.json()["status"] == "ignored"
    raw = mail(
        sender="Kim <kim@acme-analytics.com>", to="sales@acme-analytics.io",
        subject="Fwd: Pricing", body=GMAIL, message_id="<d@x>",
    )  # fmt: skip
    assert post_email(client, rt, raw).json()["status"] == "accepted"
    first, forwarded = _leads(rt)
    assert first.lead_source == "Email"
    assert forwarded.lead_source == "Forwarded"
    assert forwarded.referrer_email == "kim@acme-analytics.com"


def test_p1_aliases_and_domains_are_validated_naming_the_key() -> None:
    from salesops.playbook.loader import PlaybookError, load_playbook_text

    bad = default_playbook_text().replace("  sales_aliases: []", "  sales_aliases: [Sales]")
    bad = bad.replace("  company_domains: []", "  company_domains: [acme]")
    try:
        load_playbook_text(bad, source="bad.yaml")
    except PlaybookError as exc:
        keys = {p["key"] for p in exc.problems}
    else:
        raise AssertionError("accepted an alias without @")
    assert keys == {"intake.sales_aliases[0]", "intake.company_domains[0]"}
