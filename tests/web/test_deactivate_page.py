"""The admin users page's Deactivate button (R-7, issue 16 item 3): it shows who gets the
user's open work and deactivates only when the admin confirms that preview."""

from __future__ import annotations

import re

from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from salesops.users.models import User
from tests.factories import make_account, make_contact, make_task, make_user
from tests.web.conftest import post, refused_page

EU = "Europe & Africa"


def test_r7_deactivate_button_previews_then_confirms(as_user, admin, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    ana = make_user(rt, "ana@example.com", name="Ana", territory=EU)
    ben = make_user(rt, "ben@example.com", name="Ben", territory=EU)
    account = make_account(rt, "Leaving GmbH", country="DE", domain="leaving-gmbh.de",
                           owner_id=ana.id)  # fmt: skip
    contact = make_contact(rt, "x@leaving-gmbh.de", account_id=account.id)
    task = make_task(rt, account, contact, owner_id=ana.id)
    c = as_user(admin, "admin-password")
    page = c.get("/admin/users").text
    assert f'href="/admin/users/{ana.id}/deactivate"' in page
    preview = c.get(f"/admin/users/{ana.id}/deactivate")
    assert preview.status_code == 200
    assert "Deactivate ana@example.com?" in preview.text and "ben@example.com" in preview.text
    assert "R-7" in preview.text
    with rt.uow(readonly=True) as s:
        assert s.get(User, ana.id).active  # type: ignore[union-attr]  # a preview writes nothing
    digest = re.search(r'name="digest" value="([^"]+)"', preview.text)
    assert digest is not None
    r = post(c, f"/admin/users/{ana.id}/deactivate", {"digest": "changed"})
    assert "preview again" in refused_page(c, r)  # PRG (issue 17 item 9)
    r = post(c, f"/admin/users/{ana.id}/deactivate", {"digest": digest.group(1)})
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        assert not s.get(User, ana.id).active  # type: ignore[union-attr]
        assert s.get(Task, task.id).owner_id == ben.id  # type: ignore[union-attr]


def test_r7_preview_is_paged_with_counts_per_new_owner_and_confirm_applies_it(
    as_user, admin, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: the plan is one routing decision per account (round robin read once per
    territory); the page shows counts per new owner and one page of accounts' records;
    the same rows give the same plan, which the confirmation applies as shown."""
    from salesops.accounts.models import Account
    from salesops.core.audit import Decision
    from salesops.flows import deactivation

    ana = make_user(rt, "ana@example.com", name="Ana", territory=EU)
    ben = make_user(rt, "ben@example.com", name="Ben", territory=EU)
    cleo = make_user(rt, "cleo@example.com", name="Cleo", territory=EU)
    accounts = []
    for i in range(30):
        account = make_account(rt, f"Leaving {i} GmbH", country="DE", domain=f"leaving{i}.de",
                               owner_id=ana.id)  # fmt: skip
        contact = make_contact(rt, f"x@leaving{i}.de", account_id=account.id)
        make_task(rt, account, contact, owner_id=ana.id, title=f"Lead {i}")
        accounts.append(account.id)
    c = as_user(admin, "admin-password")
    first = c.get(f"/admin/users/{ana.id}/deactivate")
    assert first.status_code == 200
    assert "Who gets ana@example.com's work" in first.text
    assert "Lead 0<" in first.text and "Lead 24<" in first.text and "Lead 25<" not in first.text
    assert 'rel="next"' in first.text and "30 in all" in first.text
    link = re.search(r'href="([^"]+)" rel="next"', first.text).group(1)  # type: ignore[union-attr]
    assert "plan=" in link  # the further pages show the plan the first one made
    second = c.get(link.replace("&amp;", "&"))
    assert "Lead 25<" in second.text and "Lead 29<" in second.text and "Lead 0<" not in second.text
    with rt.uow(readonly=True) as s:
        me, her = s.get(User, admin.id), s.get(User, ana.id)
        plan = deactivation.preview_deactivation(s, me, her, ana.created_at)  # type: ignore[arg-type]
    owners = {row["owner_id"]: row for row in plan.by_owner()}
    assert set(owners) == {ben.id, cleo.id}  # the round robin shares the accounts
    assert owners[ben.id]["accounts"] + owners[cleo.id]["accounts"] == 30
    assert abs(owners[ben.id]["accounts"] - owners[cleo.id]["accounts"]) <= 1
    assert plan.counts == {"task": 30, "opportunity": 0, "account": 30} and plan.total == 60
    expected = {a.work.id: a.new_owner_id for a in plan.accounts}
    digests = {
        re.search(r'name="digest" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        for page in (first, second)
    }
    assert len(digests) == 1  # the same rows, the same plan
    r = post(c, f"/admin/users/{ana.id}/deactivate", {"digest": digests.pop()})
    assert r.status_code == 303
    with rt.uow(readonly=True) as s:
        for account_id in accounts:
            account = s.get(Account, account_id)
            assert account is not None and account.owner_id == expected[account_id]
            tasks = s.query(Task).filter(Task.account_id == account_id).all()
            assert [t.owner_id for t in tasks] == [expected[account_id]]  # one account, one owner
        mine = s.query(Decision).filter(Decision.actor_id == admin.id)
        moved = mine.filter(Decision.kind.in_(["assign", "reassign"])).count()
        assert moved == 60  # O-8: a decision record per record moved


def test_unticking_active_in_the_users_table_leads_to_the_preview_not_a_silent_deactivation(
    as_user, admin, rt: Runtime
) -> None:  # type: ignore[no-untyped-def]
    """Issue 17 item 4: the table's "active" box used to deactivate at once, stranding the
    user's open tasks; it now saves the rest and sends the admin to R-7's preview."""
    ana = make_user(rt, "ana@example.com", name="Ana", territory=EU)
    make_user(rt, "ben@example.com", name="Ben", territory=EU)
    account = make_account(rt, "Leaving GmbH", country="DE", domain="leaving-gmbh.de",
                           owner_id=ana.id)  # fmt: skip
    task = make_task(rt, account, make_contact(rt, "x@leaving-gmbh.de", account_id=account.id),
                     owner_id=ana.id)  # fmt: skip
    c = as_user(admin, "admin-password")
    r = post(c, f"/admin/users/{ana.id}", {"role": "sales", "in_round_robin": "1"})
    assert r.status_code == 303 and r.headers["location"] == f"/admin/users/{ana.id}/deactivate"
    page = c.get(r.headers["location"]).text
    assert "Ana is still active: see who gets their open work, then confirm." in page
    assert "Deactivate ana@example.com?" in page
    with rt.uow(readonly=True) as s:
        assert s.get(User, ana.id).active  # type: ignore[union-attr]
        assert s.get(Task, task.id).owner_id == ana.id  # type: ignore[union-attr]


def test_a_refused_change_in_the_users_table_says_why_after_the_redirect(as_user, admin) -> None:  # type: ignore[no-untyped-def]
    """The last-admin guard's refusal is shown on the row after Post/Redirect/Get (the
    error used to be keyed by a number the redirect turned into text, and was lost)."""
    c = as_user(admin, "admin-password")
    r = post(c, f"/admin/users/{admin.id}", {"role": "sales", "active": "1"})
    page = refused_page(c, r)
    assert 'id="form-error">' in page and "is the last active admin" in page


def test_r7_hands_on_scheduled_follow_ups_too(as_user, admin, rt: Runtime) -> None:  # type: ignore[no-untyped-def]
    """A follow-up waiting for its day ("Scheduled") or due ("Open") is work too: the
    demo's deactivation left seven such tasks on the rep who had left."""
    from datetime import timedelta

    from salesops.core import clock
    from salesops.tasks.service import create_follow_up_task

    ana = make_user(rt, "ana@example.com", name="Ana", territory=EU)
    ben = make_user(rt, "ben@example.com", name="Ben", territory=EU)
    account = make_account(rt, "Leaving GmbH", country="DE", domain="leaving-gmbh.de",
                           owner_id=ana.id)  # fmt: skip
    contact = make_contact(rt, "x@leaving-gmbh.de", account_id=account.id)
    with rt.uow() as s:
        ids = [
            create_follow_up_task(
                s, kind="follow_up", title=f"Follow up {days}", account_id=account.id,
                contact_id=contact.id, owner_id=ana.id, lead_source="Contact form",
                due_on=clock.now().date() + timedelta(days=days), now=clock.now(),
            ).id
            for days in (0, 30)
        ]  # fmt: skip
    c = as_user(admin, "admin-password")
    preview = c.get(f"/admin/users/{ana.id}/deactivate").text
    digest = re.search(r'name="digest" value="([^"]+)"', preview)
    assert digest is not None
    assert (
        post(c, f"/admin/users/{ana.id}/deactivate", {"digest": digest.group(1)}).status_code == 303
    )
    with rt.uow(readonly=True) as s:
        assert [s.get(Task, i).owner_id for i in ids] == [ben.id, ben.id]  # type: ignore[union-attr]
        assert {s.get(Task, i).status for i in ids} == {"Open", "Scheduled"}  # type: ignore[union-attr]
