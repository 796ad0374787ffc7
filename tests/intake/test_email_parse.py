"""The mail parser and forward detection (I-3, I-4): formats, odd MIME, and a fuzz test
proving it never raises anything but the documented rejection."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesops.intake.email_parse import MailRejected, parse_message
from salesops.intake.forwards import find_forward, original_external_sender
from salesops.intake.robots import robot_reason
from salesops.intake.rules import is_internal
from tests.intake.helpers import mail

COMPANY = frozenset({"example.com"})


def internal(email: str) -> bool:
    return is_internal(email, COMPANY)


def colleague_forward(body: str, subject: str = "Fwd: Pricing", html: str | None = None) -> bytes:
    return mail(sender="Kim <kim@example.com>", subject=subject, body=body, html=html)


GMAIL = """FYI, hot lead below.

---------- Forwarded message ---------
From: Jane Doe <jane@acme.io>
Date: Tue, Apr 30, 2024 at 4:12 PM
Subject: Pricing
To: Kim <kim@example.com>

Could you send pricing for 50M events/month?
"""

OUTLOOK_EN = """Please pick this up.

________________________________
From: Jane Doe <jane@acme.io>
Sent: Tuesday, April 30, 2024 4:12 PM
To: Kim <kim@example.com>
Subject: Pricing

Could you send pricing?
"""

OUTLOOK_DE = """Bitte übernehmen.

Von: Jürgen Müller <juergen@firma.de>
Gesendet: Dienstag, 30. April 2024 16:12
An: Kim <kim@example.com>
Betreff: Preise

Können Sie uns ein Angebot schicken?
"""

OUTLOOK_FR = """Pour toi.

De : Amélie Martin <amelie@societe.fr>
Envoyé : mardi 30 avril 2024 16:12
À : Kim <kim@example.com>
Objet : Tarifs

Pouvez-vous nous envoyer vos tarifs ?
"""

APPLE = """Lead for you.

Begin forwarded message:

From: Jane Doe <jane@acme.io>
Subject: Pricing
Date: 30 April 2024 at 16:12:00 CEST
To: Kim <kim@example.com>

Pricing please.
"""


@pytest.mark.parametrize(
    ("body", "expected", "fmt"),
    [
        (GMAIL, "jane@acme.io", "gmail"),
        (OUTLOOK_EN, "jane@acme.io", "outlook"),
        (OUTLOOK_DE, "juergen@firma.de", "outlook"),
        (OUTLOOK_FR, "amelie@societe.fr", "outlook"),
        (APPLE, "jane@acme.io", "apple"),
    ],
)
def test_i4_inline_forward_formats_find_the_original_sender(
    body: str, expected: str, fmt: str
) -> None:
    subject = {"outlook": "WG: Preise" if "Von:" in body else "TR: Tarifs"}.get(fmt, "Fwd: x")
    if fmt == "outlook" and "From:" in body:
        subject = "FW: Pricing"
    parsed = parse_message(colleague_forward(body, subject=subject))
    forward = find_forward(parsed)
    assert forward is not None and forward.format == fmt
    sender = original_external_sender(forward, internal)
    assert sender is not None and sender.email == expected
    assert forward.chain[0].email == "kim@example.com"


def test_i4_reply_with_quoted_outlook_block_is_not_a_forward() -> None:
    parsed = parse_message(colleague_forward(OUTLOOK_EN, subject="RE: Pricing"))
    assert find_forward(parsed) is None
    plain_reply = "Sounds good!\n\nOn Tue, Jane Doe <jane@acme.io> wrote:\n> pricing?"
    assert find_forward(parse_message(colleague_forward(plain_reply, "Re: x"))) is None


def test_i4_nested_forward_takes_the_innermost_external_sender() -> None:
    nested = f"""See below.

---------- Forwarded message ---------
From: Lee <lee@example.com>
Date: Wed, May 1, 2024
Subject: Fwd: Pricing
To: Kim <kim@example.com>

{GMAIL}"""
    forward = find_forward(parse_message(colleague_forward(nested)))
    assert forward is not None
    assert [s.email for s in forward.chain] == [
        "kim@example.com",
        "lee@example.com",
        "jane@acme.io",
    ]
    sender = original_external_sender(forward, internal)
    assert sender is not None and sender.email == "jane@acme.io"
    assert "50M events" in forward.text


def test_i4_html_only_outlook_forward_with_mailto_link() -> None:
    html = (
        "<html><body><p>Please handle</p><hr>"
        "<div><b>From:</b> <a href='mailto:jane@acme.io'>Jane Doe</a><br>"
        "<b>Sent:</b> Tuesday, April 30, 2024<br><b>To:</b> Kim<br>"
        "<b>Subject:</b> Pricing</div><p>Pricing &amp; terms?</p></body></html>"
    )
    raw = colleague_forward("", subject="FW: Pricing", html=html)
    parsed = parse_message(raw)
    assert "Pricing & terms?" in parsed.text
    forward = find_forward(parsed)
    assert forward is not None
    sender = original_external_sender(forward, internal)
    assert sender is not None and sender.email == "jane@acme.io" and sender.name == "Jane Doe"


def test_i4_forward_as_attached_message() -> None:
    inner = EmailMessage()
    inner["From"] = "Jane Doe <jane@acme.io>"
    inner["To"] = "kim@example.com"
    inner["Subject"] = "Pricing"
    inner.set_content("Pricing for 10 seats?")
    outer = EmailMessage()
    outer["From"] = "kim@example.com"
    outer["To"] = "sales@example.com"
    outer["Subject"] = "Fwd: Pricing"
    outer.set_content("see attached")
    outer.add_attachment(inner)
    forward = find_forward(parse_message(bytes(outer)))
    assert forward is not None and forward.format == "attachment"
    sender = original_external_sender(forward, internal)
    assert sender is not None and sender.email == "jane@acme.io"
    assert "10 seats" in forward.text


def test_odd_mime_parses_encoded_words_8bit_and_unknown_charsets() -> None:
    raw = (
        b"From: =?utf-8?q?J=C3=BCrgen?= <j@firma.de>\r\n"
        b"To: sales@example.com\r\n"
        b"Subject: =?iso-8859-1?q?Pr=E4sentation?=\r\n"
        b"X-Weird: caf\xe9\r\n"
        b"Content-Type: text/plain; charset=x-unknown-charset\r\n\r\n"
        b"caf\xe9 body\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.from_name == "Jürgen" and parsed.subject == "Präsentation"
    assert "caf" in parsed.text
    nested = EmailMessage()
    nested["From"] = "a@b.io"
    nested.make_mixed()
    assert parse_message(bytes(nested)).text == ""  # multipart with no body at all


def test_missing_sender_is_the_documented_rejection() -> None:
    with pytest.raises(MailRejected) as exc:
        parse_message(b"To: sales@example.com\r\nSubject: hi\r\n\r\nbody")
    assert exc.value.code == "missing-sender" and exc.value.field == "From"


header_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    names = ["From", "To", "Cc", "Subject", "Content-Type", "Content-Transfer-Encoding",
             "MIME-Version", "Message-ID", "Date", "Auto-Submitted"]  # fmt: skip
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        name = draw(st.sampled_from(names) | st.text(min_size=1, max_size=10))
        value = draw(
            header_text
            | st.sampled_from(["multipart/mixed; boundary=x", "message/rfc822", "base64",
                               "=?utf-8?b?w6k=?=", "<a@b.c>", "a@b.co, <bad", "text/html",
                               "text/calendar; method=REPLY", "text/calendar",
                               "=?utf-8?q?A_=3Ca=40b=2Eco=3E?=", "=?x?q?<a@b.co>?="])
        )  # fmt: skip
        lines.append(f"{name}: {value}".encode("utf-8", "surrogatepass"))
    body = draw(st.binary(max_size=200) | st.sampled_from([b"--x\r\n\r\n--x--", b"<p>hi"]))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messages() | st.binary(max_size=300))
def test_fuzz_parser_raises_only_the_documented_rejection(raw: bytes) -> None:
    try:
        parsed = parse_message(raw)
    except MailRejected as exc:
        assert exc.code in ("malformed", "missing-sender")
        return
    find_forward(parsed)  # forward detection must not raise either
    reason = robot_reason(parsed)  # nor the robot checks (task h15u: calendar METHOD, labels)
    # a sender address, or a robot's null sender (ignored as a bounce, never a lead)
    assert "@" in parsed.from_addr or (reason or "").startswith("bounce: null")
