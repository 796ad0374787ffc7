"""Pure intake rules: signatures (I-10), auto-replies (I-3), bans (I-9), product-led (I-8)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from salesops.intake.rules import (
    AccountSignals,
    auto_reply_reason,
    ban_for,
    is_internal,
    product_led_rule_fired,
    sign_hex,
    sign_slack,
    sign_zendesk,
    verify_hmac_hex,
    verify_slack,
    verify_zendesk,
)
from salesops.playbook.loader import load_default_playbook
from salesops.playbook.schema import ProductLedRule

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
BODY = b'{"email": "jane@acme.io"}'


def test_i10_form_hmac_accepts_exact_body_only() -> None:
    good = sign_hex("s3cret", BODY)
    assert verify_hmac_hex("s3cret", BODY, good).ok
    assert verify_hmac_hex("s3cret", BODY, good.upper().replace("SHA256", "sha256")).ok
    assert not verify_hmac_hex("s3cret", BODY + b" ", good).ok
    assert not verify_hmac_hex("other", BODY, good).ok
    missing = verify_hmac_hex("s3cret", BODY, None)
    assert not missing.ok and "missing" in missing.reason
    assert not verify_hmac_hex("s3cret", BODY, good.removeprefix("sha256=")).ok


def test_i10_zendesk_signs_timestamp_plus_body() -> None:
    ts = "2024-05-01T12:00:00Z"
    at = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    sig = sign_zendesk("zd", BODY, ts)
    assert verify_zendesk("zd", BODY, sig, ts, at).ok
    assert not verify_zendesk("zd", BODY, sig, "2024-05-01T12:00:01Z", at).ok
    assert not verify_zendesk("zd", BODY, None, ts, at).ok


def test_i10_zendesk_five_minute_replay_window_on_the_injected_clock() -> None:
    """Issue 15 item 7: a 2019 timestamp (or any outside ±5 minutes) is refused."""
    ts = "2024-05-01T12:00:00Z"
    sig = sign_zendesk("zd", BODY, ts)
    at = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    assert verify_zendesk("zd", BODY, sig, ts, at + timedelta(minutes=5)).ok
    assert verify_zendesk("zd", BODY, sig, ts, at - timedelta(minutes=5)).ok
    late = verify_zendesk("zd", BODY, sig, ts, at + timedelta(minutes=5, seconds=1))
    assert not late.ok and "5-minute replay window" in late.reason
    old = "2019-03-01T09:00:00Z"
    assert not verify_zendesk("zd", BODY, sign_zendesk("zd", BODY, old), old, at).ok
    assert not verify_zendesk("zd", BODY, sign_zendesk("zd", BODY, "soon"), "soon", at).ok


def test_i10_slack_v0_with_five_minute_replay_window() -> None:
    ts = str(int(NOW.timestamp()))
    sig = sign_slack("sl", BODY, ts)
    assert sig.startswith("v0=")
    assert verify_slack("sl", BODY, ts, sig, NOW).ok
    old = str(int(NOW.timestamp()) - 301)
    stale = verify_slack("sl", BODY, old, sign_slack("sl", BODY, old), NOW)
    assert not stale.ok and "5-minute" in stale.reason
    edge = str(int(NOW.timestamp()) - 299)
    assert verify_slack("sl", BODY, edge, sign_slack("sl", BODY, edge), NOW).ok
    assert not verify_slack("sl", BODY, "yesterday", sig, NOW).ok
    assert not verify_slack("sl", BODY + b"x", ts, sig, NOW).ok


def test_i3_auto_replies_and_bounces_are_recognised() -> None:
    markers = load_default_playbook().intake.auto_reply_markers
    assert auto_reply_reason({"Auto-Submitted": "auto-replied"}, "a@b.com", "Hi", markers)
    assert auto_reply_reason({"Auto-Submitted": "no"}, "a@b.com", "Hi", markers) is None
    assert auto_reply_reason({"Precedence": "bulk"}, "a@b.com", "Hi", markers)
    assert auto_reply_reason({"Precedence": "first-class"}, "a@b.com", "Hi", markers) is None
    assert auto_reply_reason({}, "MAILER-DAEMON@mx.acme.io", "failure", markers)
    assert auto_reply_reason({}, "a@b.com", "Automatic reply: away", markers)
    assert auto_reply_reason({}, "a@b.com", "Pricing question", markers) is None


def test_i9_ban_covers_address_domain_and_subdomains() -> None:
    assert ban_for("Spam@Lists.io", {"spam@lists.io"}) == "spam@lists.io"
    assert ban_for("bob@mail.lists.io", {"lists.io"}) == "lists.io"
    assert ban_for("bob@lists.io", {"other.io"}) is None


def test_internal_sender_by_company_domain() -> None:
    domains = frozenset({"example.com"})
    assert is_internal("kim@example.com", domains)
    assert is_internal("kim@eu.example.com", domains)
    assert not is_internal("kim@example.co", domains)


def test_i8_product_led_rule_needs_every_threshold() -> None:
    rule = ProductLedRule(
        name="Large", min_employees=500, min_events_ingested=1, min_invited_users=1
    )
    big = AccountSignals(employees=800, events_ingested=3, invited_users=1, signups=1)
    fired = product_led_rule_fired([rule], big)
    assert fired is not None and fired[0].name == "Large"
    assert "employees 800 ≥ 500" in fired[1]
    small = AccountSignals(employees=20, events_ingested=3, invited_users=1, signups=1)
    assert product_led_rule_fired([rule], small) is None
    unknown = AccountSignals(employees=None, events_ingested=3, invited_users=1, signups=1)
    assert product_led_rule_fired([rule], unknown) is None
    no_invites = AccountSignals(employees=800, events_ingested=3, invited_users=0, signups=1)
    assert product_led_rule_fired([rule], no_invites) is None
    once = AccountSignals(800, 3, 1, 1, fired_rules=("Large",))
    assert product_led_rule_fired([rule], once) is None
    off = rule.model_copy(update={"enabled": False})
    assert product_led_rule_fired([off], big) is None
