"""R-1: each classifier signal fires on its own, and doubt resolves to sales."""

from __future__ import annotations

import pytest

from salesops.playbook.loader import load_default_playbook
from salesops.scoring.classify import Inquiry, classify
from salesops.scoring.evaluation import evaluate, load_set

CLF = load_default_playbook().routing.classifier


def _signals(**kw: object) -> dict[str, str]:
    result = classify(Inquiry(**kw), CLF)  # type: ignore[arg-type]
    return {s.name: s.why for s in result.signals}


def test_r1_billing_keyword_signal_names_the_phrase() -> None:
    result = classify(Inquiry(message="Please resend the invoice for March."), CLF)
    assert result.label == "billing"
    assert result.signals[0].why == "mentions 'invoice'"


def test_r1_free_mail_how_to_signal() -> None:
    why = _signals(message="How do I create a cohort?", sender="sam@gmail.com")
    assert why["free_mail_how_to"] == (
        "sender on free-mail (gmail.com) and message is a how-to question"
    )
    assert (
        classify(Inquiry(message="How do I create a cohort?", sender="sam@gmail.com"), CLF).label
        == "support"
    )


def test_r1_how_to_from_a_company_alone_is_not_enough() -> None:
    result = classify(Inquiry(message="How do I create a cohort?", sender="a@acme.com"), CLF)
    assert result.label == "sales"
    assert "how_to" in {s.name for s in result.signals}


def test_r1_link_heavy_with_unsubscribe_footer_signal() -> None:
    msg = "Deals! https://a.biz https://a.biz/1 https://a.biz/2 Unsubscribe here"
    result = classify(Inquiry(message=msg, sender="x@a.biz"), CLF)
    assert result.label == "spam"
    assert "link-heavy message (3 links) with unsubscribe footer" in [s.why for s in result.signals]


def test_r1_error_text_signal() -> None:
    why = _signals(message="Getting TypeError: undefined is not an object", sender="a@b.io")
    assert why["error_text"] == "quotes an error or stack trace"


def test_r1_spam_keywords_signal() -> None:
    result = classify(Inquiry(message="Want our attendee list?", sender="x@lists.biz"), CLF)
    assert result.label == "spam" and "spam_keywords" in {s.name for s in result.signals}


@pytest.mark.parametrize(
    "message",
    [
        "We want error tracking and session replay for 200 engineers, pricing please",
        "Our current vendor has errors; we need a quote for 30M events per month",
        "Can we pay by invoice? We want an annual contract and SSO.",
    ],
)
def test_r1_sales_signals_outweigh_incidental_support_or_billing_words(message: str) -> None:
    """R-1: product names are masked ("error tracking"), and sales context wins ties."""
    assert classify(Inquiry(message=message, sender="cto@acme.com"), CLF).label == "sales"


def test_r1_sales_lead_source_signal() -> None:
    why = _signals(message="it is not working", sender="a@acme.com", lead_source="Forwarded")
    assert why["sales_lead_source"] == "lead source 'Forwarded' is a sales path"


def test_r1_empty_message_is_sales() -> None:
    result = classify(Inquiry(sender="someone@gmail.com"), CLF)
    assert result.label == "sales"
    assert result.reason.startswith("sales: no support, billing or spam signal")


def test_r1_labelled_set_meets_the_precision_bar() -> None:
    """R-1: ≥ 0.9 precision on support and spam over tests/data/classification."""
    rows = load_set()
    assert len(rows) >= 300
    assert {r.label for r in rows} == {"sales", "support", "billing", "spam"}
    report = evaluate(rows, CLF)
    print(report.table())
    for label in ("support", "spam"):
        assert report.rows[label]["precision"] >= 0.9
