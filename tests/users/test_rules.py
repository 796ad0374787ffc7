"""Sign-in throttling rules, with plain values (issue 13 item 9; users.rules)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from salesops.users import rules
from salesops.users.rules import ACCOUNT, ADDRESS

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_the_free_failures_lock_nothing() -> None:
    assert rules.locked_until(ACCOUNT.free_failures - 1, T0, T0, ACCOUNT) is None
    assert rules.locked_until(ADDRESS.free_failures - 1, T0, T0, ADDRESS) is None


def test_the_lockout_doubles_per_failure_up_to_the_cap() -> None:
    free = ACCOUNT.free_failures
    waits = [
        rules.locked_until(free + extra, T0, T0, ACCOUNT) for extra in range(8)
    ]  # 30 s, 1, 2, 4, 8 min, then the 15 min cap
    assert [w - T0 for w in waits if w] == [
        timedelta(seconds=30),
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
        timedelta(minutes=15),
        timedelta(minutes=15),
        timedelta(minutes=15),
    ]
    assert rules.locked_until(10_000, T0, T0, ACCOUNT) == T0 + ACCOUNT.max_lockout


def test_a_lockout_ends_and_old_failures_are_forgotten() -> None:
    free = ACCOUNT.free_failures
    assert rules.locked_until(free, T0, T0 + timedelta(seconds=31), ACCOUNT) is None
    later = T0 + ACCOUNT.forget_after
    assert rules.current_failures(50, T0, later, ACCOUNT) == 0
    assert rules.locked_until(50, T0, later, ACCOUNT) is None


def test_only_one_racing_attempt_past_the_free_failures_is_checked() -> None:
    seen = ACCOUNT.free_failures  # read before counting: the lockout had just ended
    assert rules.may_proceed(seen + 1, seen, ACCOUNT)
    assert not rules.may_proceed(seen + 2, seen, ACCOUNT)  # a concurrent guess
    assert rules.may_proceed(3, 0, ACCOUNT)  # within the free failures, all are


def test_retry_after_and_the_message_say_the_wait() -> None:
    assert rules.retry_after_seconds(T0 + timedelta(seconds=29.2), T0) == 30
    assert rules.retry_after_seconds(T0, T0) == 1
    assert (
        rules.lockout_message(30)
        == "Too many failed sign-ins. Wait 30 seconds before trying again."
    )
    assert "Wait 15 minutes" in rules.lockout_message(900)


def test_keys_normalise_the_email_and_name_the_address() -> None:
    assert rules.account_key(" Ana@Example.COM ") == "account:ana@example.com"
    assert rules.address_key(None) == "address:unknown"
    assert rules.address_key("203.0.113.9") == "address:203.0.113.9"
