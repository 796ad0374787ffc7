"""Intake rules as pure functions: signatures (I-10), auto-replies (I-3), bans (I-9),
internal senders (I-3/I-4) and product-led rules (I-8).

No I/O: values, ``now`` and the playbook in; a verdict with its reason out.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import getaddresses

from salesops.core.addresses import canonical_host, normalise_email, registrable_domain
from salesops.playbook.schema import AutoReplyMarkers, ProductLedRule

SLACK_REPLAY_WINDOW_SECONDS = 5 * 60  # I-10
ZENDESK_REPLAY_WINDOW_SECONDS = 5 * 60  # I-10, issue 15 item 7


@dataclass(frozen=True)
class Verdict:
    """A rule's outcome: ``ok`` or not, and why (shown to the sender and in the log)."""

    ok: bool
    reason: str


OK = Verdict(True, "ok")


def _fail(reason: str) -> Verdict:
    return Verdict(False, reason)


def disabled(setting: str) -> Verdict:
    """I-10: a source whose secret is empty (or unresolved) is off — it accepts nothing,
    rather than everything signed with an empty key (issue 13)."""
    return _fail(f"this intake source is disabled: {setting} is empty")


def verify_hmac_hex(
    secret: str | None, body: bytes, header: str | None, *, setting: str = "its secret"
) -> Verdict:
    """I-10 forms and product events: ``X-Salesops-Signature: sha256=<hex HMAC(secret, body)>``."""
    if not secret:
        return disabled(setting)
    if not header:
        return _fail("missing X-Salesops-Signature header")
    scheme, _, given = header.strip().partition("=")
    if scheme.lower() != "sha256" or not given:
        return _fail("X-Salesops-Signature must look like sha256=<hex>")
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, given.strip().lower()):
        return _fail("X-Salesops-Signature does not match the body")
    return OK


def sign_hex(secret: str, body: bytes) -> str:
    """The header value :func:`verify_hmac_hex` accepts (for clients, tests and the bench)."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def zendesk_time(timestamp: str) -> datetime | None:
    """The signature timestamp Zendesk sends (ISO 8601, ``2024-05-01T10:00:00Z``), or Unix
    seconds; None if it is neither."""
    text = timestamp.strip()
    if text.isdigit():
        return datetime.fromtimestamp(int(text), UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def verify_zendesk(
    secret: str | None,
    body: bytes,
    signature: str | None,
    timestamp: str | None,
    now: datetime,
    *,
    setting: str = "SALESOPS_ZENDESK_SECRET",
) -> Verdict:
    """I-10: ``X-Zendesk-Webhook-Signature`` = base64(HMAC-SHA256(secret, timestamp + body)),
    its timestamp within a 5-minute replay window of ``now`` (issue 15 item 7)."""
    if not secret:
        return disabled(setting)
    if not signature or not timestamp:
        return _fail("missing X-Zendesk-Webhook-Signature or X-Zendesk-Webhook-Signature-Timestamp")
    at = zendesk_time(timestamp)
    if at is None:
        return _fail("X-Zendesk-Webhook-Signature-Timestamp is not an ISO 8601 time")
    if abs((now - at).total_seconds()) > ZENDESK_REPLAY_WINDOW_SECONDS:
        return _fail("X-Zendesk-Webhook-Signature-Timestamp is outside the 5-minute replay window")
    digest = hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).digest()
    if not hmac.compare_digest(base64.b64encode(digest).decode(), signature.strip()):
        return _fail("X-Zendesk-Webhook-Signature does not match timestamp + body")
    return OK


def sign_zendesk(secret: str, body: bytes, timestamp: str) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def verify_slack(
    secret: str | None,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    now: datetime,
    *,
    setting: str = "SALESOPS_SLACK_SIGNING_SECRET",
) -> Verdict:
    """I-10: Slack v0 signature over ``v0:{timestamp}:{body}``, within a 5-minute window."""
    if not secret:
        return disabled(setting)
    if not signature or not timestamp:
        return _fail("missing X-Slack-Signature or X-Slack-Request-Timestamp")
    try:
        ts = int(timestamp.strip())
    except ValueError:
        return _fail("X-Slack-Request-Timestamp is not a Unix timestamp")
    if abs(now.timestamp() - ts) > SLACK_REPLAY_WINDOW_SECONDS:
        return _fail("X-Slack-Request-Timestamp is outside the 5-minute replay window")
    expected = sign_slack(secret, body, str(ts))
    if not hmac.compare_digest(expected, signature.strip()):
        return _fail("X-Slack-Signature does not match")
    return OK


def sign_slack(secret: str, body: bytes, timestamp: str) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def auto_reply_reason(
    headers: Mapping[str, str], sender: str, subject: str, markers: AutoReplyMarkers
) -> str | None:
    """I-3: why a message is an auto-reply or bounce (``None`` if it is not one)."""
    lowered = {k.lower(): v.strip().lower() for k, v in headers.items()}
    for marker in markers.headers:
        value = lowered.get(marker.header.lower())
        if value is None:
            continue
        if marker.values and value not in [v.lower() for v in marker.values]:
            continue
        if value in [v.lower() for v in marker.except_values]:
            continue
        return f"auto-reply: header {marker.header}: {value}"
    local = sender.rsplit("@", 1)[0].lower()
    if local in [p.lower() for p in markers.sender_local_parts]:
        return f"auto-reply: sender {sender}"
    subj = subject.strip().lower()
    for prefix in markers.subject_prefixes:
        if subj.startswith(prefix.lower()):
            return f"auto-reply: subject starts with {prefix!r}"
    return None


def ban_for(email: str, banned: Iterable[str]) -> str | None:
    """I-9: the ban (address, exact domain or registrable domain) that covers a sender."""
    email = normalise_email(email)
    host = email.rsplit("@", 1)[-1]
    values = set(banned)
    if email in values:
        return email
    if host in values:
        return host
    reg = registrable_domain(host)
    if reg and reg in values:
        return reg
    return None


def is_internal(email: str, company_domains: frozenset[str]) -> bool:
    """I-3: mail from the company's own domains (or their subdomains), an IDN in either
    form."""
    host = canonical_host(email.strip().lower().rsplit("@", 1)[-1])
    if host in company_domains:
        return True
    reg = registrable_domain(host)
    return reg is not None and reg in company_domains


def resent(headers: Mapping[str, str]) -> tuple[str, frozenset[str]]:
    """RFC 5322 3.6.6: who redirected ("resent") this message and to whom — the topmost
    ``Resent-From`` address ('' when absent) and the ``Resent-To`` addresses (I-4: the
    alias in ``Resent-Cc`` is a copy, as in ``Cc``). Thunderbird's and Outlook's
    "Redirect", mutt's "bounce": the message keeps its original From and To (task h15,
    holdout6's class)."""
    low = {k.lower(): v for k, v in headers.items()}
    senders = [a.strip().lower() for _, a in getaddresses([low.get("resent-from", "")]) if "@" in a]
    to = [low.get("resent-to", "")]
    return (senders[0] if senders else ""), frozenset(
        a.strip().lower() for _, a in getaddresses(to) if "@" in a
    )


@dataclass(frozen=True)
class AccountSignals:
    """I-8 inputs: what we know of an account from firmographics and product events."""

    employees: int | None
    events_ingested: int
    invited_users: int
    signups: int
    fired_rules: tuple[str, ...] = ()


def product_led_rule_fired(
    rules: Iterable[ProductLedRule], signals: AccountSignals
) -> tuple[ProductLedRule, str] | None:
    """I-8: the first enabled rule whose thresholds the account meets, with the reason."""
    for rule in rules:
        if not rule.enabled or rule.name in signals.fired_rules:
            continue
        if rule.first_signup_only and signals.signups < 1:
            continue
        met: list[str] = []
        checks = (
            ("employees", rule.min_employees, signals.employees),
            ("events ingested", rule.min_events_ingested, signals.events_ingested),
            ("invited users", rule.min_invited_users, signals.invited_users),
        )
        if all(need is None or (have is not None and have >= need) for _, need, have in checks):
            met = [f"{label} {have} ≥ {need}" for label, need, have in checks if need is not None]
            return rule, f"product-led rule {rule.name!r} fired: " + ", ".join(met or ["no limits"])
    return None
