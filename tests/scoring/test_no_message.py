"""R-1: a lead with no message is never disqualified by the models alone (found by the
whole-suite run after the probe9 retrain: a task titled "Email: b@hooli.com" with no text
was read as support at 36 % and closed Unqualified — a lost lead, the costly error)."""

from __future__ import annotations

import pytest

from salesops.playbook.loader import load_default_playbook
from salesops.scoring.classify import Inquiry, classify


@pytest.mark.parametrize(
    "subject, sender",
    [
        ("Email: b@hooli.com", "b@hooli.com"),
        ("Contact form: ana@globex.com", "ana@globex.com"),
        ("", "kim@gmail.com"),
        ("Slack: new member", "lee@initech.io"),
    ],
)
def test_r1_no_message_stays_a_lead(subject: str, sender: str) -> None:
    clf = load_default_playbook().routing.classifier
    result = classify(Inquiry(message="", subject=subject, sender=sender), clf)
    assert result.label == "sales", result.signals


def test_r1_a_blank_message_with_a_support_subject_is_still_read() -> None:
    """Only evidence-free blanks are kept: a subject that says support still says it."""
    clf = load_default_playbook().routing.classifier
    result = classify(
        Inquiry(message="", subject="Error: SDK not recording, CORS error", sender="x@acme.io"),
        clf,
    )
    assert result.label == "support", result.signals
