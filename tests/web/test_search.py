"""Global search (issue 17 item 2): accounts, contacts by name and email, tasks open and
closed, opportunities; FTS5 on SQLite, trigram indexes on PostgreSQL, kept current by
the database (triggers / expression indexes), never a LIKE scan."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from salesops.core import clock
from salesops.flows import conversion
from salesops.playbook.runtime import Runtime
from salesops.reports.search import search, words
from salesops.tasks.models import Task
from salesops.users.service import get_user
from tests.factories import make_account, make_contact, make_task, token_for
from tests.web.conftest import SIX


def _world(rt: Runtime, sales: Any) -> dict[str, Any]:
    hooli = make_account(rt, "Hooli", domain="hooli.com", owner_id=sales.id)
    gavin = make_contact(rt, "gavin.belson@hooli.com", name="Gavin Belson", account_id=hooli.id)
    other = make_contact(rt, "richard@piedpiper.com", name="Richard Hendricks")
    task = make_task(rt, hooli, gavin, owner_id=sales.id, title="Contact form: Gavin Belson")
    with rt.uow() as s:
        opp = conversion.convert(
            s,
            get_user(s, sales.id),
            s.get(Task, task.id),  # type: ignore[arg-type]
            now=clock.now(),
            criteria={**dict.fromkeys(SIX, True), "engineer_on_first_call": True},
            opportunity={"name": "Hooli Nucleus annual"},
        )
    return {"hooli": hooli, "gavin": gavin, "other": other, "task": task, "opp": opp}


def test_search_finds_every_kind_by_words_and_prefixes(rt: Runtime, sales: Any) -> None:
    w = _world(rt, sales)
    with rt.uow(readonly=True) as s:
        by_name = {(h.kind, h.id) for h in search(s, "gav bel")}
        assert ("contact", w["gavin"].id) in by_name
        assert ("task", w["task"].id) in by_name  # a converted (closed) task too
        assert ("contact", w["other"].id) not in by_name
        assert [h.id for h in search(s, "gavin.belson@hooli.com", kinds=("contact",))] == [
            w["gavin"].id
        ]
        assert [h.kind for h in search(s, "nucleus")] == ["opportunity"]
        assert ("account", w["hooli"].id) in {(h.kind, h.id) for h in search(s, "hooli")}
        assert search(s, "zzzz") == [] and search(s, "  %_ ") == []


def test_the_index_follows_edits_and_deletes(rt: Runtime, sales: Any) -> None:
    """The index is kept by the database itself, so raw-SQL writes are indexed too."""
    w = _world(rt, sales)
    with rt.uow() as s:
        s.execute(
            text("UPDATE contacts SET name = 'Gavin Hooli-CEO' WHERE id = :i"),
            {"i": w["gavin"].id},
        )
    with rt.uow(readonly=True) as s:
        assert search(s, "ceo", kinds=("contact",))[0].id == w["gavin"].id
        assert search(s, "belson", kinds=("contact",))[0].id == w["gavin"].id  # email still
    with rt.uow() as s:
        s.execute(text("DELETE FROM contacts WHERE id = :i"), {"i": w["other"].id})
    with rt.uow(readonly=True) as s:
        assert search(s, "richard", kinds=("contact",)) == []


def test_search_page_and_api(rt: Runtime, app: Any, as_user: Any, sales: Any) -> None:
    from fastapi.testclient import TestClient

    w = _world(rt, sales)
    c = as_user(sales)
    page = c.get("/search", params={"q": "gavin"}).text
    assert f'href="/contacts/{w["gavin"].id}"' in page and "Contacts" in page
    assert 'id="global-search"' in c.get("/app").text  # the box in the top bar ('/')
    assert "Nothing matches" in c.get("/search", params={"q": "qqqq"}).text
    api = TestClient(app, headers={"authorization": f"Bearer {token_for(rt, sales)}"})
    r = api.get("/api/v1/search", params={"q": "hooli", "kind": "account"})
    assert r.status_code == 200 and r.json() == [
        {
            "kind": "account",
            "id": w["hooli"].id,
            "title": "Hooli",
            "detail": "hooli.com",
            "url": f"/accounts/{w['hooli'].id}",
        }
    ]
    assert api.get("/api/v1/search", params={"q": ""}).status_code == 422


def test_query_words_are_bounded() -> None:
    assert words("  Gavin   BELSON@hooli.com ") == ["gavin", "belson", "hooli", "com"]
    assert words("carla.white9@company9.com") == ["carla", "white9", "company9"]
    assert len(words(" ".join(f"w{i}x" for i in range(100)))) == 6
    assert words("a a a") == ["a"]
