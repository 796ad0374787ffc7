"""What becomes of a delivery after an attempt (X-1): pure rules, no session, no I/O.

An attempt ends in one of four ways, and the channel says whether its receiver can
tell a resend from a new send (``dedupes``: Zendesk by ``Idempotency-Key`` and
``external_id``, Customer.io by the event ``id``, mail readers by ``Message-ID``; a
Slack incoming webhook cannot):

- **sent**: delivered; never sent again.
- **refused**: the receiver answered with an error, or the request never left (no
  connection): nothing happened there, so it is retried with backoff and, after the
  last attempt, dead-lettered for an admin.
- **unsure**: the request may have reached the receiver but no complete answer came
  (the deadline passed, the connection dropped, or the worker holding it stopped).
  A deduplicating receiver gets it again (``maybe_sent`` lets the sender look first);
  on any other channel it is *held* as ``unknown``: never resent automatically, so a
  Slack message is never posted twice; an admin checks and re-arms it.
- **not configured**: the channel's settings are missing: ``parked`` at once, not
  retried, re-armed when the setting appears (or by an admin).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from salesops.core.jobs import backoff

# States a delivery can be in. ``due_at`` is set exactly for the claimable ones
# (pending: the next attempt; in_flight: the lease end) and NULL for the rest.
STATES = (
    "pending", "in_flight", "delivered", "dead", "parked", "unknown", "cancelled", "merged",
)  # fmt: skip
# ``merged``: coalesced into one combined delivery (its id in ``result.batch``, issue 20);
# ``delivered`` with it, never sent on its own.
#: Not sent and not being sent: what a cancellation may stop (a decision reversed).
CANCELLABLE = ("pending", "dead", "parked")
REARMABLE = ("dead", "parked", "unknown")


@dataclass(frozen=True)
class Settled:
    """The row's next state after an attempt, and why."""

    state: str
    due_at: datetime | None  # when it may be claimed again (None: not automatically)
    maybe_sent: bool
    reason: str


def after_failure(
    *,
    attempts: int,
    max_attempts: int,
    unsure: bool,
    dedupes: bool,
    now: datetime,
    error: str,
    retry_after: float | None = None,
) -> Settled:
    """X-1: the next state of a delivery whose attempt did not succeed.

    ``unsure``: the request may have reached the receiver. ``retry_after``: the
    receiver asked for a pause (429/503 ``Retry-After``); the backoff is at least that.
    """
    if unsure and not dedupes:
        return Settled(
            "unknown",
            None,
            True,
            "outcome unknown, held: the receiver may have acted on it and cannot tell "
            "a resend from a new message, so it is not resent automatically; check the "
            f"receiver, then retry it or leave it ({error})",
        )
    if attempts >= max_attempts:
        return Settled("dead", None, unsure, f"dead after {attempts} attempts: {error}")
    delay = backoff(attempts)
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=min(retry_after, 3600.0)))
    return Settled("pending", now + delay, unsure, error)


def after_lost_lease(*, dedupes: bool, now: datetime, holder: str | None) -> Settled | None:
    """A claimed delivery whose lease ran out: the worker sending it stopped (crash, kill)
    before recording an outcome. None: claim it again (a deduplicating receiver);
    otherwise hold it as ``unknown`` rather than risk a second message."""
    if dedupes:
        return None
    return Settled(
        "unknown",
        None,
        True,
        f"outcome unknown, held: worker {holder or '?'} stopped while sending it; the "
        "receiver may have acted on it and cannot tell a resend from a new message",
    )


def not_configured(channel: str, settings: list[str]) -> str:
    """The parked reason, naming the settings to set."""
    names = ", ".join(f"SALESOPS_{name.upper()}" for name in settings)
    return f"{channel} is not configured: set {names}; parked until it is (not retried)"


def attempt_deadline(deadline: float, lease: float) -> float:
    """The total time an attempt may take: the configured deadline, but never more than
    half the lease, so a claim always outlives the attempt it covers."""
    return max(0.001, min(deadline, lease / 2))


#: What a delivery's state means to the person who is waiting for it (D-3, X-1).
STATE_LABELS = {
    "pending": "queued",
    "in_flight": "being sent",
    "delivered": "done",
    "dead": "failed",
    "parked": "not configured",
    "unknown": "outcome unknown, held for an admin",
    "cancelled": "cancelled",
    "merged": "combined with others into one message",
}

#: What each channel does, in the words of the task that promised it.
CHANNEL_LABELS = {
    "ticketing": "Support ticket",
    "email_automation": "Onboarding email (email automation)",
    "slack": "Slack message",
    "slack_dm": "Slack direct message",
    "notify_email": "Notification email",
    "email": "Email",
}


def one_line_reason(error: str | None, limit: int = 160) -> str:
    """X-1: a dead letter's reason as one line a person can read. Attempt errors may end
    with a short traceback for the log; the list shows the first meaningful line (the
    exception's message), never the traceback."""
    if not error:
        return ""
    line = ""
    for raw in error.splitlines():
        text = raw.strip()
        if not text:
            continue
        if text.startswith("Traceback (most recent call last)"):
            break
        line = text
        break
    if not line:  # only a traceback: its last line is the exception
        tail = [t.strip() for t in error.splitlines() if t.strip()]
        line = tail[-1] if tail else ""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def effect_state(channel: str, state: str, error: str | None) -> dict[str, str]:
    """How a promised side effect stands, for the task's owner (D-3, X-1)."""
    return {
        "what": CHANNEL_LABELS.get(channel, channel.replace("_", " ").capitalize()),
        "state": STATE_LABELS.get(state, state.replace("_", " ")),
        "reason": one_line_reason(error) if state in ("dead", "parked", "unknown") else "",
    }
