"""Reading the ticketing system (Zendesk API) for I-5: an event-style webhook names its
requester only by ``requester_id``; this client fetches the person (and the ticket's
latest requester comment) from ``SALESOPS_TICKETING_URL`` (issue 15 item 7).

A plain HTTP client (httpx), called while the delivery is prepared, outside any
transaction. Basic auth ``{SALESOPS_TICKETING_USER}/token:{SALESOPS_TICKETING_TOKEN}``
as the outbound ticket client uses (``integrations.clients``). The system unreachable or
failing answers 503 (the webhook is retried); an unknown requester is a 422.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from salesops.core.config import Settings
from salesops.core.errors import Unavailable, ValidationFailed

TIMEOUT_SECONDS = 5.0
USER_AGENT = "salesops-intake/1"


@dataclass(frozen=True)
class Requester:
    email: str
    name: str


class TicketingClient:
    """``GET /api/v2/users/{id}.json`` and ``GET /api/v2/tickets/{id}/comments.json``."""

    def __init__(self, settings: Settings, *, timeout: float = TIMEOUT_SECONDS) -> None:
        missing = [
            f"SALESOPS_{n.upper()}"
            for n in ("ticketing_url", "ticketing_user", "ticketing_token")
            if not getattr(settings, n, None)
        ]
        if missing:
            raise ValidationFailed(
                "the ticket event names its requester only by id, and the ticketing system "
                f"to look it up is not configured: set {', '.join(missing)}",
                field="detail.requester_id",
                rule="I-5",
            )
        self.base = str(settings.ticketing_url).rstrip("/")
        self.auth = (f"{settings.ticketing_user}/token", str(settings.ticketing_token))
        self.timeout = timeout

    def _get(self, path: str, field: str) -> dict[str, Any]:
        url = f"{self.base}{path}"
        try:
            answer = httpx.get(
                url, auth=self.auth, timeout=self.timeout, follow_redirects=False,
                headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            )  # fmt: skip
        except httpx.HTTPError as exc:
            raise Unavailable(
                f"the ticketing system at {self.base} could not be reached ({type(exc).__name__})"
                ": nothing was stored, send it again",
                retry_after=30,
            ) from None
        if answer.status_code == 404:
            raise ValidationFailed(f"the ticketing system has no {field} {path}", field=field)
        if answer.status_code >= 300:
            raise Unavailable(
                f"the ticketing system answered {answer.status_code} for {path}: nothing was "
                "stored, send it again (check SALESOPS_TICKETING_USER/TOKEN on 401/403)",
                retry_after=30,
            )
        try:
            data = answer.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise Unavailable(f"the ticketing system's answer for {path} is not JSON")
        return data

    def requester(self, user_id: str) -> Requester:
        """The person behind a ``requester_id``."""
        user = self._get(f"/api/v2/users/{user_id}.json", "detail.requester_id").get("user")
        user = user if isinstance(user, dict) else {}
        return Requester(str(user.get("email") or "").strip().lower(), str(user.get("name") or ""))

    def latest_comment_by(self, ticket_id: str, user_id: str) -> str | None:
        """The ticket's latest public comment written by ``user_id`` (I-5), if any."""
        data = self._get(f"/api/v2/tickets/{ticket_id}/comments.json?sort_order=desc", "detail.id")
        for comment in data.get("comments") or []:
            if isinstance(comment, dict) and str(comment.get("author_id")) == user_id:
                body = comment.get("plain_body") or comment.get("body")
                return str(body) if body else None
        return None
