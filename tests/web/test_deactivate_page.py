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
