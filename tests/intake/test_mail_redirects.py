# ruff: noqa: E501
"""Issue 15 (task h15): the classes the sixth held-out corpus showed missing, each fixed by
a general rule and tested with messages of our own — a colleague's *redirect* (RFC 5322
``Resent-*`` fields: Thunderbird's and Outlook's "Redirect", mutt's "bounce"), GroupWise's
``>>> Name <x@y> date >>>`` attribution under a forward subject, and an absence said in a
postscript (I-3, I-4). With the safety halves: a redirect by an outsider, GroupWise's line
under a reply."""

from __future__ import annotations

from fastapi.testclient import TestClient

from salesops.intake.email_parse import parse_message
from salesops.intake.forwards import find_forward
from salesops.intake.robots import robot_reason
from salesops.intake.rules import resent
from salesops.playbook.runtime import Runtime
from tests.intake.helpers import mail
from tests.intake.mail_corpus import HttpTransport, smtp_transport

OURS = frozenset({"example.com"})


def redirect(by: str, message_id: str, to: str = "Kim Berger <kim@example.com>") -> bytes:
    """A customer's mail to ``to``, redirected by ``by`` to the sales alias."""
    raw = mail(sender="Rosa Vidal <rosa@vidal-textil.es>", to=to, subject="Presupuesto 25 licencias",
               body="Hola Kim,\n\n¿Nos podéis enviar un presupuesto para 25 licencias?\n\nRosa",
               message_id=message_id)  # fmt: skip
    resent_fields = f"Resent-From: {by}\r\nResent-To: sales@example.com\r\n"
    resent_fields += "Resent-Date: Thu, 03 Dec 2026 10:00:00 +0100\r\n"
    return resent_fields.encode() + raw


def test_i4_resent_fields_name_who_redirected_and_to_whom() -> None:
    msg = parse_message(redirect("Kim Berger <Kim@Example.com>", "<r0@vidal-textil.es>"))
    assert resent(msg.headers) == ("kim@example.com", frozenset({"sales@example.com"}))
    assert resent(parse_message(mail()).headers) == ("", frozenset())
    copied = b"Resent-From: kim@example.com\r\nResent-Cc: sales@example.com\r\n" + mail()
    assert resent(parse_message(copied).headers) == ("kim@example.com", frozenset())  # a copy


def test_i4_a_colleagues_redirect_makes_the_customer_the_lead_over_http_and_smtp(
    client: TestClient, rt: Runtime
) -> None:
    http = HttpTransport(client, rt)
    with smtp_transport(rt) as smtp:
        got = [
            t.send(redirect("Kim Berger <kim@example.com>", f"<r-{t.name}@vidal-textil.es>"))
            for t in (http, smtp)
        ]
        outsider = [
            t.send(redirect("Ana <ana@partner-agency.es>", f"<o-{t.name}@vidal-textil.es>"))
            for t in (http, smtp)
        ]
    for o in got:
        assert (o.status, o.lead, o.referrer) == (
            "accepted",
            "rosa@vidal-textil.es",
            "kim@example.com",
        )
    # redirected by someone outside the company, to a colleague: the alias is not in To
    assert [o.status for o in outsider] == ["ignored", "ignored"]
    assert all("alias" in o.reason for o in outsider), outsider


GROUPWISE = (
    "Bitte als Lead anlegen.\n\nKim\n\n"
    ">>> Gereon Brandt <g.brandt@nordhafen-logistik.de> 01.12.2026 09:42 >>>\n"
    "Guten Tag,\n\nbitte senden Sie uns ein Angebot für 35 Nutzer.\n\nGereon Brandt\n"
)


def test_i4_groupwise_attribution_under_a_forward_subject_is_the_forwarded_sender() -> None:
    msg = parse_message(mail(sender="Kim <kim@example.com>", subject="Fw: Angebot", body=GROUPWISE))
    found = find_forward(msg)
    assert found is not None and found.chain[-1].email == "g.brandt@nordhafen-logistik.de"


def test_i4_groupwise_attribution_under_a_reply_subject_is_no_forward() -> None:
    msg = parse_message(mail(sender="Kim <kim@example.com>", subject="Re: Angebot", body=GROUPWISE))
    assert find_forward(msg) is None


def test_i3_an_absence_said_in_a_postscript_is_an_aside() -> None:
    bodies = [
        "您好：\n请提供40个账号的报价，包含单点登录。\n谢谢！\n王丽娜\n\n附言：我下周不在办公室，如有急事请联系李先生。",
        "Hi,\nPlease send a quote for 40 seats with SSO.\nThanks, Jane\n\nP.S. I am out of the office"
        " from 14 December; for urgent matters contact Tom.",
    ]
    for body in bodies:
        raw = mail(sender="Jane <jane@acme.io>", subject="Quote", body=body)
        assert robot_reason(parse_message(raw), own_domains=OURS) is None, body
    away = "您好，我目前正在休假，12月20日返回。如有急事请联系李先生。谢谢！\n附言：祝好"
    raw = mail(sender="王 <wang@hua-tech.cn>", subject="Re: 报价", body=away)
    assert "out-of-office" in (robot_reason(parse_message(raw), own_domains=OURS) or "")
