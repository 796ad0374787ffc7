"""Slack direct messages through the Slack Web API (issue 20 item 3; X-1).

``chat.postMessage`` with the bot token (``SALESOPS_SLACK_BOT_TOKEN``) at
``SALESOPS_SLACK_API_URL`` (a local fake in tests). The payload names the person by
Slack member id (``user``) or, when they have none, by ``email``: then
``users.lookupByEmail`` finds the id first. Slack answers HTTP 200 with
``{"ok": false, "error": …}`` for a refusal: that is ``Refused`` (nothing was posted,
retried), except ``users_not_found``/``channel_not_found``, which no retry mends
(``NotConfigured``: parked for an admin). Slack cannot tell a resend, so the channel
is registered with ``dedupes=False``: an unsure attempt is held, never resent.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from salesops.core.outbox import Delivery, NotConfigured, Refused, SendContext
from salesops.integrations.clients import _base, _request, require

PERMANENT = ("users_not_found", "channel_not_found", "not_authed", "invalid_auth")


def _check(answer: Any, method: str) -> dict[str, Any]:
    if not isinstance(answer, dict):
        raise Refused(f"slack_dm: {method} answered something that is not JSON")
    if not answer.get("ok"):
        error = str(answer.get("error") or "unknown error")
        if error in PERMANENT:
            raise NotConfigured(f"slack_dm: {method} refused: {error}")
        raise Refused(f"slack_dm: {method} refused: {error}")
    return answer


async def _call(ctx: SendContext, method: str, body: dict[str, Any], key: str) -> dict[str, Any]:
    s = ctx.settings
    base = _base(s.slack_api_url)
    answer = await _request(
        ctx,
        "slack_dm",
        "POST",
        f"{base}/{method}",
        shown=f"{base}/{method}",
        bearer=str(s.slack_bot_token),
        body=body,
        key=key,
    )
    return _check(answer, method)


async def post_direct_message(ctx: SendContext, delivery: Delivery) -> dict[str, Any]:
    require("slack_dm", ctx.settings, "slack_bot_token")
    payload, key = delivery.payload, delivery.idempotency_key
    user = payload.get("user")
    if not user:
        email = str(payload.get("email") or "")
        if not email:
            raise NotConfigured("slack_dm: the person has neither a Slack id nor an email")
        found = await _call(ctx, f"users.lookupByEmail?email={quote(email)}", {}, key)
        user = (found.get("user") or {}).get("id")
        if not user:
            raise NotConfigured(f"slack_dm: no Slack member for {email}")
        ctx.sent = False  # a lookup changes nothing: the post below starts afresh
    answer = await _call(
        ctx, "chat.postMessage", {"channel": user, "text": payload.get("text", "")}, key
    )
    return {"channel": answer.get("channel"), "ts": answer.get("ts")}
