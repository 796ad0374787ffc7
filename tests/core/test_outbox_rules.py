"""X-1 (issue 13 items 3-4): what follows a delivery attempt, as plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from salesops.core.config import Settings
from salesops.core.outbox_rules import (
    after_failure,
    after_lost_lease,
    attempt_deadline,
    not_configured,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_refused_is_retried_with_backoff_then_dead() -> None:
    again = after_failure(attempts=1, max_attempts=8, unsure=False, dedupes=False, now=NOW,
                          error="slack: answered 503")  # fmt: skip
    assert again.state == "pending" and not again.maybe_sent
    assert again.due_at is not None and NOW + timedelta(seconds=1) <= again.due_at
    assert again.due_at <= NOW + timedelta(seconds=2)
    dead = after_failure(attempts=8, max_attempts=8, unsure=False, dedupes=True, now=NOW,
                         error="boom")  # fmt: skip
    assert (dead.state, dead.due_at) == ("dead", None) and "dead after 8 attempts" in dead.reason


def test_unsure_is_held_where_the_receiver_cannot_tell_a_resend() -> None:
    held = after_failure(attempts=1, max_attempts=8, unsure=True, dedupes=False, now=NOW,
                         error="no complete answer")  # fmt: skip
    assert (held.state, held.due_at, held.maybe_sent) == ("unknown", None, True)
    assert "not resent automatically" in held.reason
    resend = after_failure(attempts=1, max_attempts=8, unsure=True, dedupes=True, now=NOW,
                           error="no complete answer")  # fmt: skip
    assert resend.state == "pending" and resend.maybe_sent


def test_retry_after_is_honoured_and_capped() -> None:
    asked = after_failure(attempts=1, max_attempts=8, unsure=False, dedupes=True, now=NOW,
                          error="429", retry_after=120)  # fmt: skip
    assert asked.due_at is not None and asked.due_at >= NOW + timedelta(seconds=120)
    greedy = after_failure(attempts=1, max_attempts=8, unsure=False, dedupes=True, now=NOW,
                           error="429", retry_after=10**9)  # fmt: skip
    assert greedy.due_at == NOW + timedelta(hours=1)


def test_a_lost_lease_holds_slack_and_reclaims_the_others() -> None:
    held = after_lost_lease(dedupes=False, now=NOW, holder="host:42")
    assert held is not None and held.state == "unknown" and "host:42" in held.reason
    assert after_lost_lease(dedupes=True, now=NOW, holder="host:42") is None


def test_deadline_is_within_half_the_lease_and_settings_say_so() -> None:
    assert attempt_deadline(30, 120) == 30 and attempt_deadline(100, 120) == 60
    assert not_configured("slack", ["slack_webhook_url"]).startswith(
        "slack is not configured: set SALESOPS_SLACK_WEBHOOK_URL"
    )
    with pytest.raises(ValidationError) as bad:
        Settings(_env_file=None, outbox_deadline_seconds=90)  # type: ignore[call-arg]
    assert "SALESOPS_OUTBOX_LEASE_SECONDS" in str(bad.value)
    assert "SALESOPS_OUTBOX_DEADLINE_SECONDS" in str(bad.value)
    with pytest.raises(ValidationError) as zero:
        Settings(_env_file=None, outbox_concurrency={"slack": 0})  # type: ignore[call-arg]
    assert "SALESOPS_OUTBOX_CONCURRENCY" in str(zero.value)
