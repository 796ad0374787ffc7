"""My queue's search (issue 17 item 2, benchmarks): the title, the contact's name or
email and the account's name or domain, case-insensitive, within the user's own queue;
the total is counted only when the first page is full (and then up to 1,000)."""

from __future__ import annotations

from typing import Any

from salesops.playbook.runtime import Runtime
from tests.factories import make_account, make_contact, make_task, make_user


def test_queue_search_matches_title_contact_and_account_in_my_queue_only(
    rt: Runtime, as_user: Any, sales: Any
) -> None:
    other = make_user(rt, "olga@example.com", role="sales", name="Olga")
    hooli = make_account(rt, "Hooli Europe", domain="hooli.eu")
    acme = make_account(rt, "Acme", domain="acme.com")
    gavin = make_contact(rt, "gavin@hooli.eu", name="Gavin Belson", account_id=hooli.id)
    jorg = make_contact(rt, "jorg@acme.com", name="Jörg Müller", account_id=acme.id)
    plain = make_contact(rt, "x@acme.com", name="X", account_id=acme.id)
    make_task(rt, hooli, gavin, owner_id=sales.id, title="Pricing question")
    make_task(rt, acme, jorg, owner_id=sales.id, title="Demo request")
    make_task(rt, acme, plain, owner_id=sales.id, title="URGENT Callback")
    make_task(rt, hooli, gavin, owner_id=other.id, title="Olga's Pricing lead")
    c = as_user(sales)

    def titles(q: str) -> set[str]:
        page = c.get("/app", params={"q": q}).text
        found = {"Pricing question", "Demo request", "URGENT Callback", "Olga's Pricing lead"}
        return {t for t in found if t.replace("'", "&#39;") in page}

    assert titles("pricing") == {"Pricing question"}  # the title; not Olga's task
    assert titles("urgent callback") == {"URGENT Callback"}  # case-insensitive
    assert titles("gavin@hooli") == {"Pricing question"}  # the contact's email
    assert titles("BELSON") == {"Pricing question"}  # the contact's name
    assert titles("müller") == {"Demo request"}  # a non-ASCII term
    assert titles("hooli europe") == {"Pricing question"}  # the account's name
    assert titles("acme.com") == {"Demo request", "URGENT Callback"}  # its domain
    assert titles("nobody-matches") == set()


def test_queue_search_counts_only_a_full_first_page(rt: Runtime, as_user: Any, sales: Any) -> None:
    account = make_account(rt, "Bulk GmbH", domain="bulk.de")
    contact = make_contact(rt, "p@bulk.de", name="P", account_id=account.id)
    for i in range(60):
        make_task(rt, account, contact, owner_id=sales.id, title=f"Bulk lead {i}")
    c = as_user(sales)
    full = c.get("/app", params={"q": "bulk lead"}).text
    assert "60 in all" in full and 'rel="next"' in full  # 50 a page
    second = c.get("/app", params={"q": "bulk lead", "page": "2"}).text
    assert "60 in all" in second and 'rel="prev"' in second
    few = c.get("/app", params={"q": "bulk lead 2"}).text  # 2, 20 … 29: one page
    assert "11 in all" in few and 'rel="next"' not in few
    assert "Bulk lead 29" in few and "Bulk lead 3<" not in few
