"""Issue 15 (task h15b), M-1/M-2: an internationalised domain is one company whichever
form it is written in — punycode (``xn--…``, as mail headers and some forms carry it) or
Unicode — at every intake path: mail, contact form, API (``core.addresses``)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from salesops.accounts.models import Account, Contact
from salesops.core.addresses import canonical_host, normalise_email, registrable_domain
from salesops.playbook.runtime import Runtime
from tests.intake.helpers import mail, post_email, post_form

UNICODE = "müller-bau.de"
PUNYCODE = UNICODE.encode("idna").decode()  # xn--mller-bau-q9a.de


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        (f"J.Grossmann@{PUNYCODE.upper()}", f"j.grossmann@{UNICODE}"),
        ("j.grossmann@Müller-Bau.DE", f"j.grossmann@{UNICODE}"),
        ("olga@" + "завод-север.рф".encode("idna").decode(), "olga@завод-север.рф"),
        ("tanaka@日本企業。jp", "tanaka@日本企業.jp"),  # an ideographic full stop
        ("jane@acme.io", "jane@acme.io"),
        ("x@xn--zz-not-punycode.com", "x@xn--zz-not-punycode.com"),  # kept as written
    ],
)
def test_m1_an_email_has_one_form_whichever_way_its_idn_is_written(
    written: str, canonical: str
) -> None:
    assert normalise_email(written) == canonical


def test_m2_the_registrable_domain_of_both_forms_is_the_same() -> None:
    assert registrable_domain(f"info@sales.{PUNYCODE}") == registrable_domain(UNICODE) == UNICODE
    assert canonical_host(PUNYCODE) == UNICODE


def test_m1_m2_mail_in_punycode_and_a_form_in_unicode_are_one_contact_and_account(
    client: TestClient, rt: Runtime
) -> None:
    raw = mail(sender=f"Jens <jens@{PUNYCODE}>", subject="Angebot", message_id="<idn1@x>",
               body="Guten Tag, bitte ein Angebot.")  # fmt: skip
    assert post_email(client, rt, raw).json()["status"] == "accepted"
    form = post_form(client, rt, email=f"jens@{UNICODE}", name="Jens", company="Müller-Bau")
    assert form.status_code == 200, form.text
    other = post_form(client, rt, email=f"anna@{PUNYCODE}", name="Anna", company="Müller-Bau")
    assert other.status_code == 200, other.text
    with rt.uow() as s:
        emails = sorted(s.scalars(select(Contact.email)))
        assert emails == [f"anna@{UNICODE}", f"jens@{UNICODE}"]
        assert s.scalar(select(func.count()).select_from(Account)) == 1
        assert s.scalar(select(Account.domain)) == UNICODE
