"""M-1/M-2 (issue 15, task h15 item 3): migration 0007_idna_one_form rewrites stored
punycode domains and emails to the one form ``core.addresses`` reads them in (Unicode),
and makes one row of the two where both forms were stored — tasks, opportunities'
contacts, activities, contacts and product signals moved to the older row, a decision
record (O-8) each. On the backend under test (``matching.one_form.rewrite``, what the
migration runs), and the migration itself on a SQLite file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, text

from salesops.accounts.models import Account, Contact, SpamBan
from salesops.activities.models import Activity
from salesops.core import clock
from salesops.core.audit import Decision
from salesops.intake.models import ProductSignals
from salesops.matching.one_form import KIND, rewrite
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_account, make_contact, make_task

UNICODE = "müller-bau.de"
PUNY = UNICODE.encode("idna").decode()  # xn--mller-bau-q9a.de
OTHER = "завод-север.рф"
OTHER_PUNY = OTHER.encode("idna").decode()


def _stored_as(rt: Runtime, table: str, column: str, row_id: int, value: str) -> None:
    """What an intake before task h15b stored: the punycode form, as written."""
    with rt.uow() as s:
        s.execute(
            text(f"UPDATE {table} SET {column} = :v WHERE id = :id"), {"v": value, "id": row_id}
        )


def _signals(rt: Runtime, account_id: int, signups: int, events: int, rules: list[str]) -> None:
    with rt.uow() as s:
        s.add(
            ProductSignals(
                account_id=account_id, signups=signups, events_ingested=events,
                invited_users=1, fired_rules=rules, updated_at=clock.now(),
            )
        )  # fmt: skip


def test_m1_m2_both_forms_stored_become_one_account_and_one_contact(rt: Runtime) -> None:
    old = make_account(rt, "Mueller Bau", domain="placeholder-old.de")
    jens_old = make_contact(rt, "jens@placeholder-old.de", name="Jens")
    _stored_as(rt, "accounts", "domain", old.id, PUNY)
    _stored_as(rt, "contacts", "email", jens_old.id, f"jens@{PUNY}")
    task_old = make_task(rt, old, jens_old)
    new = make_account(rt, "Müller-Bau", domain=UNICODE, employee_count=120)
    jens_new = make_contact(rt, f"jens@{UNICODE}", title="Einkauf")
    anna = make_contact(rt, f"anna@{UNICODE}")
    task_new = make_task(rt, new, jens_new)
    task_anna = make_task(rt, new, anna)
    _signals(rt, old.id, 1, 100, ["big-team"])
    _signals(rt, new.id, 2, 50, ["heavy-usage"])
    with rt.uow(readonly=True) as s:
        activities = s.scalar(select(func.count()).select_from(Activity))

    with rt.uow() as s:
        changes = rewrite(s.connection())

    assert [(c.table, c.kept_id, c.merged_id) for c in changes] == [
        ("accounts", old.id, new.id), ("contacts", jens_old.id, jens_new.id),
    ]  # fmt: skip
    with rt.uow(readonly=True) as s:
        [account] = s.scalars(select(Account))
        assert (account.id, account.domain, account.employee_count) == (old.id, UNICODE, 120)
        contacts = {c.email: c for c in s.scalars(select(Contact))}
        assert sorted(contacts) == [f"anna@{UNICODE}", f"jens@{UNICODE}"]
        jens = contacts[f"jens@{UNICODE}"]
        assert (jens.id, jens.name, jens.title, jens.account_id) == (
            jens_old.id,
            "Jens",
            "Einkauf",
            old.id,
        )
        assert contacts[f"anna@{UNICODE}"].account_id == old.id
        tasks = {t.id: t for t in s.scalars(select(Task))}
        assert {t.account_id for t in tasks.values()} == {old.id}
        assert tasks[task_old.id].contact_id == tasks[task_new.id].contact_id == jens_old.id
        assert tasks[task_anna.id].contact_id == anna.id
        assert (
            s.scalar(select(func.count()).select_from(Activity)) == activities
        )  # moved, none lost
        assert set(s.scalars(select(Activity.account_id))) <= {old.id}
        [signals] = s.scalars(select(ProductSignals))
        assert (
            signals.account_id,
            signals.signups,
            signals.events_ingested,
            signals.invited_users,
        ) == (old.id, 3, 150, 2)
        assert signals.fired_rules == ["big-team", "heavy-usage"]
        decisions = list(
            s.scalars(select(Decision).where(Decision.kind == KIND).order_by(Decision.id))
        )
        got = [(d.subject_type, d.subject_id, d.inputs["merged_id"], d.rule_ids) for d in decisions]
        assert got == [
            ("account", old.id, new.id, ["M-2"]), ("contact", jens_old.id, jens_new.id, ["M-1"]),
        ]  # fmt: skip
        assert decisions[0].outcome["moved"]["tasks.account_id"] == 2
        assert "merged into" in decisions[0].reason


def test_m1_m2_a_punycode_row_alone_is_rewritten_and_invalid_punycode_kept(rt: Runtime) -> None:
    plant = make_account(rt, "Zavod", domain="placeholder-ru.com")
    olga = make_contact(rt, "olga@placeholder-ru.com")
    _stored_as(rt, "accounts", "domain", plant.id, OTHER_PUNY)
    _stored_as(rt, "contacts", "email", olga.id, f"olga@{OTHER_PUNY}")
    odd = make_contact(rt, "x@xn--zz-not-punycode.com")
    with rt.uow() as s:
        s.add(SpamBan(value=f"spam@{OTHER_PUNY}", kind="address", created_at=clock.now()))
    with rt.uow() as s:
        changes = rewrite(s.connection())
    assert [(c.table, c.now, c.merged_id) for c in changes] == [
        ("accounts", OTHER, None), ("contacts", f"olga@{OTHER}", None),
    ]  # fmt: skip
    with rt.uow(readonly=True) as s:
        assert s.get(Account, plant.id).domain == OTHER  # type: ignore[union-attr]
        assert s.get(Contact, olga.id).email == f"olga@{OTHER}"  # type: ignore[union-attr]
        assert s.get(Contact, odd.id).email == "x@xn--zz-not-punycode.com"  # type: ignore[union-attr]
        assert s.scalar(select(SpamBan.value)) == f"spam@{OTHER}"
        assert (
            s.scalar(select(func.count()).select_from(Decision).where(Decision.kind == KIND)) == 2
        )
    with rt.uow() as s:  # a second run finds nothing left to do
        assert rewrite(s.connection()) == []


def test_the_migration_runs_the_rewrite_after_0006(tmp_path: Path) -> None:
    """The revision itself, over rows as they stood before it (SQLite file at head, the
    revision re-run alone, as tests/core/test_migrations.py does)."""
    from alembic import command

    from salesops.core.config import Settings
    from salesops.core.db import Database
    from salesops.core.migrate import alembic_config, upgrade
    from salesops.flows.bootstrap import prepare

    db = Database(f"sqlite:///{tmp_path / 'idn.db'}")
    upgrade(db.engine)
    rt = Runtime(Settings(database_url=db.url, _env_file=None), db=db)  # type: ignore[call-arg]
    prepare(rt, migrate=False)
    a = make_account(rt, "A", domain="placeholder-a.de")
    _stored_as(rt, "accounts", "domain", a.id, PUNY)
    make_account(rt, "B", domain=UNICODE)
    command.stamp(alembic_config(db.engine), "0006_movement_indexes")
    upgrade(db.engine, "0007_idna_one_form")
    command.stamp(alembic_config(db.engine), "head")
    with rt.uow(readonly=True) as s:
        assert [(x.id, x.domain) for x in s.scalars(select(Account))] == [(a.id, UNICODE)]
    db.dispose()
