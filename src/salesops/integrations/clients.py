"""Outbound clients (X-1): ticketing, email automation, Slack webhooks, SMTP email.

Each client is an ``async`` sender the delivery lanes (``core.lanes``) call after
commit with one outbox row, within the attempt's total deadline; it returns what the
remote side said and raises on anything but success: ``Refused`` when nothing
happened there (no connection, or an error answer; retried with backoff),
``NotConfigured`` when a setting is missing (parked), anything else once the request
may have reached the receiver (an unsure outcome, ``core.outbox_rules``). Every
request carries the row's idempotency key (``Idempotency-Key`` header and body).

Exactly once, per channel (docs/operations.md "Outbound deliveries"):

- ``ticketing`` (Zendesk): ``Idempotency-Key`` and ``external_id`` = the key; after an
  unsure attempt the ticket is looked up by ``external_id`` before any resend, so
  even a receiver that ignores the header gets one ticket.
- ``email_automation`` (Customer.io Track API): the event ``id`` is a ULID derived
  from the key; Customer.io drops an event whose ``id`` it has seen.
- ``email`` (SMTP): a stable ``Message-ID`` derived from the key. SMTP itself has no
  deduplication: an unsure attempt is resent (at least once), and mail readers
  that thread by Message-ID show one message.
- ``slack`` (incoming webhook): no deduplication at all, so an unsure attempt is
  held as ``unknown``, never resent automatically (at most once, and visible).

Payload contract per channel (what services put in ``enqueue_delivery``):

- ``ticketing``: ``subject``, ``body``, ``requester {name, email}``, ``cc`` (emails),
  ``team``, ``tags`` → ``POST {url}/api/v2/tickets.json``, basic auth
  ``{user}/token:{token}``. Result: ``ticket_id``, ``url`` (agent link).
- ``email_automation``: ``customer_id`` (email or id), ``name`` (event), ``data`` →
  ``POST {url}/api/v1/customers/{id}/events``, basic auth ``{site_id}:{api_key}``.
- ``slack``: ``text`` (and optional ``blocks``) → the incoming-webhook URL. Text that
  carries user input is escaped by its producer (``core.markup.mrkdwn``).
- ``email``: ``to`` (list), ``cc`` (list, optional), ``reply_to`` (optional), ``subject``,
  ``body`` (plain text), ``from`` and ``in_reply_to`` (optional) → SMTP.
- ``slack_dm`` (``integrations.slack_api``): ``user`` (Slack id) or ``email``, ``text`` →
  Slack Web API ``chat.postMessage``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime
from email.header import Header
from email.utils import formatdate
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp
import aiosmtplib
from yarl import URL

from salesops.core.markup import one_line
from salesops.core.outbox import Delivery, NotConfigured, Refused, SendContext

USER_AGENT = "salesops-outbox/1"
MAX_ANSWER = 1 << 20  # bytes of a receiver's answer read at most
NOT_SENT = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)


def require(channel: str, settings: Any, *names: str) -> None:
    missing = [name for name in names if not getattr(settings, name, None)]
    if missing:
        env = ", ".join(f"SALESOPS_{name.upper()}" for name in missing)
        raise NotConfigured(f"{channel} is not configured: set {env}")


def _headers(key: str) -> dict[str, str]:
    return {"Idempotency-Key": key, "User-Agent": USER_AGENT}


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


async def _request(
    ctx: SendContext,
    channel: str,
    method: str,
    url: str,
    *,
    shown: str,
    auth: tuple[str, str] | None = None,
    bearer: str | None = None,
    body: dict[str, Any] | None = None,
    key: str,
) -> Any:
    """One HTTP request; the decoded JSON answer (or its text). ``shown`` names the
    target in errors (a Slack webhook URL is a secret: never shown)."""
    try:
        headers = _headers(key)
        if auth is not None:
            basic = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            headers["Authorization"] = f"Basic {basic}"
        if bearer is not None:
            headers["Authorization"] = f"Bearer {bearer}"
        async with ctx.http.request(
            method,
            URL(url, encoded=True),  # as built: the path's escapes stay
            json=body,
            headers=headers,
            allow_redirects=False,
            trace_request_ctx=ctx,
        ) as response:
            raw = await response.content.read(MAX_ANSWER)
            text = raw.decode("utf-8", "replace")
            if response.status >= 300:
                asked = response.status in (429, 503)
                raise Refused(
                    f"{channel}: {method} {shown} answered {response.status}: {text[:500]}",
                    retry_after=_retry_after(response.headers.get("Retry-After"))
                    if asked
                    else None,
                )
    except NOT_SENT as exc:
        raise Refused(f"{channel}: could not connect to {shown}: {exc}") from exc
    try:
        return json.loads(text) if text.strip() else None
    except ValueError:
        return text


def _base(url: str | None) -> str:
    return str(url).rstrip("/")


async def create_ticket(ctx: SendContext, delivery: Delivery) -> dict[str, Any]:
    """D-3: a support/billing ticket, owner CC'd, in a Zendesk-compatible ticketing system."""
    s, key, payload = ctx.settings, delivery.idempotency_key, delivery.payload
    require("ticketing", s, "ticketing_url", "ticketing_user", "ticketing_token")
    base = _base(s.ticketing_url)
    auth = (f"{s.ticketing_user}/token", str(s.ticketing_token))
    if delivery.maybe_sent:  # an earlier attempt may have created it: look before resending
        found = await _request(
            ctx,
            "ticketing",
            "GET",
            f"{base}/api/v2/tickets.json?external_id={quote(key, safe='')}",
            shown=f"{base}/api/v2/tickets.json",
            auth=auth,
            key=key,
        )
        tickets = found.get("tickets") if isinstance(found, dict) else None
        if tickets:
            return _ticket_result(base, tickets[0])
        ctx.sent = False  # the lookup proves nothing was created: the POST starts afresh
    requester = payload.get("requester") or {}
    ticket = {
        "subject": payload.get("subject", ""),
        "comment": {"body": payload.get("body", "")},
        "requester": {k: v for k, v in requester.items() if v},
        "email_ccs": [{"user_email": e, "action": "put"} for e in payload.get("cc", []) if e],
        "tags": [t for t in [payload.get("team"), *payload.get("tags", [])] if t],
        "external_id": key,
    }
    answer = await _request(
        ctx,
        "ticketing",
        "POST",
        f"{base}/api/v2/tickets.json",
        shown=f"{base}/api/v2/tickets.json",
        auth=auth,
        body={"ticket": ticket, "idempotency_key": key},
        key=key,
    )
    return _ticket_result(
        base, (answer or {}).get("ticket", {}) if isinstance(answer, dict) else {}
    )


def _ticket_result(base: str, ticket: dict[str, Any]) -> dict[str, Any]:
    ticket_id = ticket.get("id")
    return {"ticket_id": ticket_id, "url": f"{base}/agent/tickets/{ticket_id}"}


async def track_event(ctx: SendContext, delivery: Delivery) -> dict[str, Any]:
    """D-3 / Q-9: an event for the email-automation system (Customer.io Track API)."""
    s, key, payload = ctx.settings, delivery.idempotency_key, delivery.payload
    names = ("email_automation_url", "email_automation_site_id", "email_automation_api_key")
    require("email_automation", s, *names)
    base = _base(s.email_automation_url)
    customer = quote(str(payload["customer_id"]), safe="")
    await _request(
        ctx,
        "email_automation",
        "POST",
        f"{base}/api/v1/customers/{customer}/events",
        shown=f"{base}/api/v1/customers/…/events",
        auth=(str(s.email_automation_site_id), str(s.email_automation_api_key)),
        body={
            "name": payload["name"],
            "id": ulid_for(key, delivery.created_at),  # Customer.io deduplicates by it
            "data": {**payload.get("data", {}), "idempotency_key": key},
        },
        key=key,
    )
    return {"status": 200}


async def post_slack(ctx: SendContext, delivery: Delivery) -> dict[str, Any]:
    """I-2 and others: a message to the sales channel through a Slack incoming webhook."""
    require("slack", ctx.settings, "slack_webhook_url")
    url = str(ctx.settings.slack_webhook_url)
    body = {k: v for k, v in delivery.payload.items() if k in ("text", "blocks", "attachments")}
    await _request(
        ctx,
        "slack",
        "POST",
        url,
        shown=f"the Slack webhook at {urlsplit(url).hostname}",
        body={**body, "idempotency_key": delivery.idempotency_key},
        key=delivery.idempotency_key,
    )
    return {"status": 200}


def ulid_for(key: str, at: datetime) -> str:
    """A ULID that is a function of the key: the row's creation time in its first 48 bits
    (milliseconds), the key's SHA-256 in the other 80; Crockford base32."""
    millis = int(at.timestamp() * 1000) & ((1 << 48) - 1)
    rest = int.from_bytes(hashlib.sha256(key.encode()).digest()[:10], "big")
    value = (millis << 80) | rest
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    return "".join(alphabet[(value >> shift) & 31] for shift in range(125, -1, -5))


def email_message(ctx: SendContext, delivery: Delivery) -> tuple[bytes, list[str], str]:
    """The message's bytes, its recipients and its Message-ID. Header values are one line
    each (a CR or LF in a name or subject cannot add a header; non-ASCII ones RFC 2047
    encoded); the body is plain text (UTF-8, base64), never HTML. Written directly:
    ``email.message.EmailMessage`` costs 1.5 ms a message, most of a delivery's CPU."""
    s, payload, key = ctx.settings, delivery.payload, delivery.idempotency_key
    to = [one_line(a) for a in payload.get("to", []) if a]
    cc = [one_line(a) for a in payload.get("cc", []) if a]
    if not to:
        raise Refused("email: no recipient in payload['to']")
    message_id = message_id_for(s.outbound_from, key)
    thread = [one_line(payload[h]) for h in ("in_reply_to",) if payload.get(h)]
    headers = [
        ("From", one_line(payload.get("from") or s.outbound_from)),
        ("To", ", ".join(to)),
        *([("Cc", ", ".join(cc))] if cc else []),
        *([("Reply-To", one_line(payload["reply_to"]))] if payload.get("reply_to") else []),
        ("Subject", one_line(payload.get("subject", ""), limit=250)),
        ("Date", formatdate(usegmt=True)),
        ("Message-ID", message_id),
        *([("In-Reply-To", thread[0]), ("References", thread[0])] if thread else []),
        ("Idempotency-Key", one_line(key)),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain; charset="utf-8"'),
        ("Content-Transfer-Encoding", "base64"),
    ]
    head = "".join(f"{name}: {_header_value(value)}\r\n" for name, value in headers)
    body = base64.encodebytes(str(payload.get("body", "")).encode()).replace(b"\n", b"\r\n")
    return head.encode("ascii") + b"\r\n" + body, to + cc, message_id


def message_id_for(outbound_from: str, key: str) -> str:
    """The Message-ID of the email delivery with idempotency ``key``: stable, so a resend
    is the same message, and known before sending (replies thread by it, issue 20)."""
    domain = outbound_from.rpartition("@")[2] or "salesops"
    return f"<{quote(key, safe='')}@{domain}>"


def _header_value(value: str) -> str:
    """ASCII as is (one line already); anything else as RFC 2047 encoded words."""
    if value.isascii():
        return value
    return Header(value, "utf-8").encode(linesep="\r\n")


class SmtpPool:
    """Open SMTP connections to one server, reused by the sends of one lane."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._idle: list[aiosmtplib.SMTP] = []

    async def take(self, fresh: bool) -> aiosmtplib.SMTP:
        while self._idle and not fresh:
            smtp = self._idle.pop()
            if smtp.is_connected:
                return smtp
        smtp = aiosmtplib.SMTP(
            hostname=self.host, port=self.port, timeout=self.timeout, start_tls=False
        )
        await smtp.connect()
        return smtp

    def give(self, smtp: aiosmtplib.SMTP) -> None:
        self._idle.append(smtp)

    async def aclose(self) -> None:
        while self._idle:
            smtp = self._idle.pop()
            try:
                await smtp.quit()
            except Exception:  # noqa: BLE001 - closing anyway
                smtp.close()


async def send_email(ctx: SendContext, delivery: Delivery) -> dict[str, Any]:
    """Email over SMTP; the Message-ID is derived from the idempotency key."""
    s = ctx.settings
    require("email", s, "outbound_smtp_host")
    message, recipients, message_id = email_message(ctx, delivery)
    sender = one_line(delivery.payload.get("from") or s.outbound_from)
    pool = ctx.pools.get("smtp")
    if not isinstance(pool, SmtpPool):
        pool = ctx.pools["smtp"] = SmtpPool(
            str(s.outbound_smtp_host), s.outbound_smtp_port, s.outbox_deadline_seconds
        )
    where = f"{s.outbound_smtp_host}:{s.outbound_smtp_port}"
    for fresh in (False, True):  # a pooled connection the server closed: one new one
        try:
            smtp = await pool.take(fresh)
        except (OSError, aiosmtplib.SMTPException) as exc:
            raise Refused(f"email: could not connect to {where}: {exc}") from exc
        try:
            refused = await _transaction(ctx, smtp, sender, message, recipients)
        except (aiosmtplib.SMTPServerDisconnected, ConnectionError):
            smtp.close()
            if ctx.sent or fresh:
                raise
            continue
        except BaseException:
            smtp.close()
            raise
        pool.give(smtp)
        return {"message_id": message_id, "refused": sorted(refused)}
    raise AssertionError("unreachable")


async def _transaction(
    ctx: SendContext, smtp: aiosmtplib.SMTP, sender: str, message: bytes, recipients: list[str]
) -> list[str]:
    """MAIL, RCPT for each recipient, DATA. Only DATA can leave the outcome unknown."""
    try:
        await smtp.mail(sender)
        refused = []
        for rcpt in recipients:
            try:
                await smtp.rcpt(rcpt)
            except aiosmtplib.SMTPRecipientRefused:
                refused.append(rcpt)
        if len(refused) == len(recipients):
            await smtp.rset()
            raise Refused(f"email: every recipient was refused: {', '.join(refused)}")
    except aiosmtplib.SMTPResponseException as exc:
        raise Refused(f"email: the server refused the message: {exc.code} {exc.message}") from exc
    ctx.sent = True
    try:
        await smtp.data(message)
    except aiosmtplib.SMTPResponseException as exc:  # it answered: nothing was accepted
        ctx.sent = False
        raise Refused(f"email: the server refused the data: {exc.code} {exc.message}") from exc
    return refused
