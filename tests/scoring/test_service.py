"""The scoring pipeline steps end to end (S-1 … S-4, R-1) through the service layer."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from salesops.accounts import service as accounts
from salesops.accounts.models import Account, Contact
from salesops.core import clock
from salesops.core.audit import Decision
from salesops.flows import records
from salesops.playbook import service as playbooks
from salesops.playbook.loader import default_playbook_text
from salesops.playbook.runtime import Runtime
from salesops.scoring import service
from salesops.scoring.enrichment import provider_for
from salesops.tasks.models import Task
from tests.factories import _actor, make_account, make_contact, make_task

CSV = """\
domain,name,industry,employee_count,estimated_revenue,total_funding,country,us_state,\
business_model
finlytics.io,Finlytics,Financial Services,450,25000000,30000000,USA,CA,b2b
shopbuzz.com,Shopbuzz,Retail,12abc,2m,0,Narnia,,b2c
"""


def _with_firmographics(rt: Runtime, tmp_path: Path) -> Path:
    path = tmp_path / "firmographics.csv"
    path.write_text(CSV)
    rt.settings.firmographics_path = path
    return path


def _decisions(rt: Runtime, kind: str, subject_type: str, subject_id: int) -> list[Decision]:
    with rt.uow(readonly=True) as s:
        return list(
            s.scalars(
                select(Decision)
                .where(
                    Decision.kind == kind,
                    Decision.subject_type == subject_type,
                    Decision.subject_id == subject_id,
                )
                .order_by(Decision.id)
            )
        )


def test_s1_s2_s3_new_task_is_enriched_and_scored_with_breakdowns(
    rt: Runtime, tmp_path: Path
) -> None:
    _with_firmographics(rt, tmp_path)
    account = make_account(rt, "Finlytics", domain="finlytics.io")
    contact = make_contact(
        rt, "maria@finlytics.io", account_id=account.id, title="Staff Software Engineer"
    )
    task = make_task(
        rt, account, contact, sales_form_message="Pricing for 40M events a month please"
    )
    with rt.uow(readonly=True) as s:
        acct = s.get(Account, account.id)
        con = s.get(Contact, contact.id)
        t = s.get(Task, task.id)
        assert acct is not None and con is not None and t is not None
        assert acct.industry == "Financial Services"
        assert acct.country == "US" and acct.us_state == "CA"  # S-1: "USA" normalised
        assert acct.field_sources["industry"] == "firmographics:firmographics.csv"
        assert acct.territory == "U.S. West"
        assert (con.role, con.sub_role) == ("engineering", "software_engineer")
        assert con.field_sources["role"] == "title"
        # S-3: 11–1000 → 10, $10–100m → 10, engineering 10, software_engineer 10, US 10
        assert con.lead_score == 50
        assert {r["rule"]: r["points"] for r in con.lead_score_breakdown}["S-3 revenue"] == 10
        # S-2: 1 + 1 + 1 + 1 + 1
        assert acct.icp_score == 5
        assert t.classification == "sales"
        assert t.triage["disposition"] == "qualify"
    assert _decisions(rt, "enrich", "account", account.id)
    assert _decisions(rt, "icp_score", "account", account.id)[-1].outcome["score"] == 5
    lead = _decisions(rt, "lead_score", "contact", contact.id)[-1]
    assert lead.rule_ids == ["S-3", "S-4"] and lead.outcome["breakdown"]
    assert _decisions(rt, "classify", "task", task.id)[-1].rule_ids == ["R-1"]


def test_s1_form_values_win_over_the_file(rt: Runtime, tmp_path: Path) -> None:
    _with_firmographics(rt, tmp_path)
    account = make_account(rt, "Finlytics", domain="finlytics.io", employee_count=30)
    contact = make_contact(rt, "cto@finlytics.io", account_id=account.id, title="CTO")
    make_task(rt, account, contact)
    with rt.uow(readonly=True) as s:
        acct = s.get(Account, account.id)
        assert acct is not None
        assert acct.employee_count == 30  # the form / person said so
        assert acct.field_sources["employee_count"] == "manual"
        assert acct.estimated_revenue == 25_000_000


def test_s1_bad_enrichment_rows_do_not_stop_intake(rt: Runtime, tmp_path: Path) -> None:
    _with_firmographics(rt, tmp_path)
    account = make_account(rt, "Shopbuzz", domain="shopbuzz.com")
    contact = make_contact(rt, "a@shopbuzz.com", account_id=account.id)
    task = make_task(rt, account, contact)
    with rt.uow(readonly=True) as s:
        acct = s.get(Account, account.id)
        assert acct is not None
        assert acct.industry == "Retail" and acct.estimated_revenue == 2_000_000
        assert acct.employee_count is None and acct.country is None  # garbage dropped
        assert acct.is_b2b is False
        assert s.get(Task, task.id) is not None
    problems = [str(p) for p in provider_for(rt.settings).providers[0].problems]  # type: ignore[attr-defined]
    assert any(":3: employee_count" in p for p in problems)
    assert any(":3: country: unknown country 'Narnia'" in p for p in problems)


def test_r1_support_task_is_disqualified_and_skips_routing(rt: Runtime) -> None:
    account = make_account(rt, "Smallsaas", domain="smallsaas.io")
    contact = make_contact(rt, "dev@smallsaas.io", account_id=account.id)
    task = make_task(
        rt,
        account,
        contact,
        sales_form_message="There's a bug in funnels: the chart crashes with a blank screen.",
    )
    with rt.uow(readonly=True) as s:
        t = s.get(Task, task.id)
        assert t is not None
        assert t.classification == "support"
        assert t.status == "Unqualified"
        assert t.disqualification_reason == "Support Request"
        assert t.owner_id is None
        assert len(t.disqualification_notes or "") <= 250
        assert any(sig["signal"] == "not_working" for sig in t.classification_signals)
    dq = _decisions(rt, "disqualify", "task", task.id)[-1]
    assert dq.rule_ids == ["R-1", "D-3"] and dq.actor_id is None


def test_r1_spam_is_disqualified_and_unassigned(rt: Runtime) -> None:
    account = make_account(rt, "Leadsdata", domain="b2bleadsdata.com")
    contact = make_contact(rt, "sales@b2bleadsdata.com", account_id=account.id)
    task = make_task(
        rt,
        account,
        contact,
        sales_form_message="Interested in the attendee list of SaaStr? 12,000 verified contacts.",
    )
    with rt.uow(readonly=True) as s:
        t = s.get(Task, task.id)
        assert t is not None
        assert (t.classification, t.status, t.disqualification_reason, t.owner_id) == (
            "spam",
            "Unqualified",
            "Spam",
            None,
        )


def test_s4_account_update_recomputes_scores_and_keeps_old_decisions(rt: Runtime) -> None:
    account = make_account(rt, "Acme")
    contact = make_contact(rt, "eng@acme.com", account_id=account.id, title="Data Scientist")
    make_task(rt, account, contact)
    before = _decisions(rt, "lead_score", "contact", contact.id)
    assert before[-1].outcome["score"] == 20  # engineering + data_science_engineer
    with rt.uow() as s:
        acct = accounts.get_account(s, account.id)
        records.update_account(s, _actor(rt), acct, {"employee_count": 5000}, clock.now())
    after = _decisions(rt, "lead_score", "contact", contact.id)
    assert after[-1].outcome["score"] == 40
    assert [d.outcome for d in after[: len(before)]] == [d.outcome for d in before]
    with rt.uow(readonly=True) as s:
        c = s.get(Contact, contact.id)
        assert c is not None and c.lead_score == 40


def test_s4_contact_title_change_rederives_role(rt: Runtime) -> None:
    account = make_account(rt, "Acme")
    contact = make_contact(rt, "x@acme.com", account_id=account.id, title="Office Manager")
    make_task(rt, account, contact)
    with rt.uow() as s:
        c = accounts.get_contact(s, contact.id)
        records.update_contact(s, _actor(rt), c, {"title": "Founder & CEO"}, clock.now())
        assert (c.role, c.sub_role, c.lead_score) == ("leadership", "founder-ceo", 20)


def test_p2_playbook_weight_change_affects_new_scores_not_stored_decisions(rt: Runtime) -> None:
    account = make_account(rt, "Acme", country="DE")
    contact = make_contact(rt, "eng@acme.com", account_id=account.id, title="Software Engineer")
    make_task(rt, account, contact)
    first = _decisions(rt, "lead_score", "contact", contact.id)[-1]
    assert first.outcome["score"] == 30 and first.playbook_version == 1
    text = default_playbook_text().replace(
        "      software_engineer: 10\n", "      software_engineer: 5\n", 1
    )
    with rt.uow() as s:
        playbooks.activate(s, text, source="test", actor="admin", now=clock.now())
    rt.playbooks.invalidate()
    with rt.uow() as s:
        service.recompute_all(s, clock.now())
    decisions = _decisions(rt, "lead_score", "contact", contact.id)
    assert decisions[-1].outcome["score"] == 25 and decisions[-1].playbook_version == 2
    old = next(d for d in decisions if d.id == first.id)
    assert old.outcome["score"] == 30 and old.playbook_version == 1
