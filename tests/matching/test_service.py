"""Matching (M-1 … M-3) and the returning-lead lookup (R-3a), through the service layer."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from salesops.accounts.models import Account, Contact
from salesops.core.audit import Decision
from salesops.matching import service
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.routing import facts
from salesops.tasks.models import Task
from tests.conftest import PG_URL
from tests.factories import make_account, make_contact, make_task, make_user

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def test_m1_contact_matched_case_insensitive_and_trimmed(rt: Runtime) -> None:
    with rt.uow() as s:
        first = service.match_contact(s, "Jane@Acme.io", now=NOW, name="Jane")
        again = service.match_contact(s, "  jane@ACME.IO ", now=NOW)
        assert again.contact.id == first.contact.id and not again.contact_created
        assert "M-1" in again.reason
        reasons = [d.reason for d in s.scalars(select(Decision).where(Decision.kind == "match"))]
    assert len(reasons) == 2


def test_m2_subdomains_share_the_registrable_domain_account(rt: Runtime) -> None:
    with rt.uow() as s:
        a = service.match_contact(s, "a@eu.acme.co.uk", now=NOW, company="Acme UK")
        b = service.match_contact(s, "b@acme.co.uk", now=NOW)
        assert a.account.id == b.account.id and a.account.domain == "acme.co.uk"
        assert a.account.name == "Acme UK" and a.account_created and not b.account_created


def test_m2_free_mail_gets_a_personal_account_named_after_the_person(rt: Runtime) -> None:
    with rt.uow() as s:
        a = service.match_contact(s, "x@gmail.com", now=NOW, name="Xavier")
        b = service.match_contact(s, "y@gmail.com", now=NOW, name="Yara", company="Yara Labs")
        assert a.account.id != b.account.id
        assert a.account.domain is None and a.account.name == "Xavier"
        assert b.account.name == "Yara Labs"


def test_m2_playbook_extra_free_mail_domains(rt: Runtime) -> None:
    from salesops.playbook.runtime import playbook_of

    with rt.uow() as s:
        pb = playbook_of(s)
        intake = pb.intake.model_copy(update={"free_mail_extra_domains": ["corp-mail.io"]})
        s.info["playbook"] = pb.model_copy(update={"intake": intake})
        m = service.match_contact(s, "z@corp-mail.io", now=NOW)
        assert m.account.domain is None


def test_m3_links_to_open_task_and_its_owner(rt: Runtime) -> None:
    seller = make_user(rt, "s@example.com")
    acct = make_account(rt, "Acme")
    jane = make_contact(rt, "jane@acme.com")
    bob = make_contact(rt, "bob@acme.com")
    first = make_task(rt, acct, jane, owner_id=seller.id)
    with rt.uow() as s:
        new = Task(kind="lead", account_id=acct.id, contact_id=bob.id, lead_source="Email",
                   status="New", created_at=NOW, updated_at=NOW)  # fmt: skip
        s.add(new)
        s.flush()
        assert facts.link_open_conversation(s, new, NOW)
        assert new.linked_task_id == first.id and new.owner_id == seller.id
        d = s.scalar(select(Decision).where(Decision.kind == "link"))
        assert d.subject_id == new.id and d.outcome["owner_id"] == seller.id


def test_m3_closed_tasks_do_not_link_but_open_opportunities_do(rt: Runtime) -> None:
    seller = make_user(rt, "s@example.com")
    acct = make_account(rt, "Acme")
    jane = make_contact(rt, "jane@acme.com")
    old = make_task(rt, acct, jane)
    with rt.uow() as s:
        s.get(Task, old.id).status = "Unqualified"
        new = Task(kind="lead", account_id=acct.id, contact_id=jane.id, lead_source="Email",
                   status="New", created_at=NOW, updated_at=NOW)  # fmt: skip
        s.add(new)
        s.flush()
        assert not facts.link_open_conversation(s, new, NOW)
        s.add(Opportunity(name="Deal", account_id=acct.id, owner_id=seller.id,
                          record_type="New Revenue", pipeline="new_business",
                          stage="Problem Agreement", created_at=NOW, updated_at=NOW))  # fmt: skip
        s.flush()
        assert facts.link_open_conversation(s, new, NOW)
        assert new.owner_id == seller.id


def test_r3a_previous_lead_within_four_months(rt: Runtime) -> None:
    acct = make_account(rt, "Acme")
    jane = make_contact(rt, "jane@acme.com")
    old = make_task(rt, acct, jane)
    with rt.uow() as s:
        new = Task(kind="lead", account_id=acct.id, contact_id=jane.id, lead_source="Email",
                   status="New", created_at=NOW, updated_at=NOW)  # fmt: skip
        s.add(new)
        s.flush()
        s.get(Task, old.id).created_at = NOW - timedelta(days=100)
        assert facts.previous_lead(s, new, NOW).task_id == old.id  # R-3a
        s.get(Task, old.id).created_at = NOW - timedelta(days=130)
        assert facts.previous_lead(s, new, NOW) is None


@pytest.mark.postgres_only
@pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL")
def test_concurrent_leads_for_one_new_domain_make_one_account(rt: Runtime) -> None:
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def lead(i: int) -> None:
        try:
            barrier.wait()
            with rt.uow() as s:
                service.match_contact(s, f"p{i}@newco.io", now=NOW)
                service.match_contact(s, "same@newco.io", now=NOW)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=lead, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with rt.uow(readonly=True) as s:
        assert len(s.scalars(select(Account)).all()) == 1
        assert len(s.scalars(select(Contact)).all()) == 5


def test_m1_m2_read_ahead_finds_what_it_missed_through_the_unique_keys(rt: Runtime) -> None:
    """``known`` (read ahead by ``known_later``) says which contacts and accounts exist;
    one created after that read (a concurrent transaction) is still matched, not
    duplicated: its unique key turns the INSERT away and the winner's row is used."""
    with rt.uow() as s:
        known = service.known_later(s, ["jane@acme.io", "bob@acme.io"])()
        assert known == service.Known(frozenset(), frozenset())
        first = service.match_contact(s, "jane@acme.io", now=NOW, name="Jane")
        assert service.known_later(s, ["JANE@acme.io "])() == service.Known(
            frozenset({"jane@acme.io"}), frozenset({"acme.io"})
        )
        senders = [service.Sender("jane@acme.io"), service.Sender("bob@acme.io")]
        jane, bob = service.match_contacts(s, senders, now=NOW, known=known)  # stale
        assert jane.contact.id == first.contact.id and not jane.contact_created
        assert bob.account.id == first.account.id and not bob.account_created
        assert len(s.scalars(select(Contact)).all()) == 2
        assert len(s.scalars(select(Account)).all()) == 1
