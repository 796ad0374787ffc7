"""Local fake receivers on 127.0.0.1 for the outbound integrations (X-1).

``FakeServices`` is one threaded HTTP server playing the ticketing system
(Zendesk ``/api/v2/tickets.json``), the email-automation system (Customer.io
``/api/v1/customers/{id}/events``) and a Slack incoming webhook (``/slack``).
It records every request, checks each route's auth header, fails on demand,
and — like Zendesk with ``Idempotency-Key`` — replays the first answer for a
key it has already acted on, so ``effects`` counts each key's effect once.
``SmtpSink`` is an aiosmtpd server that keeps the messages it received.
"""

from __future__ import annotations

import base64
import json
import socket
import threading
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SLACK_BOT_TOKEN = "xoxb-test-token"
TICKET_AUTH = ("agent@example.com/token", "zd-token")
CIO_AUTH = ("site-1", "cio-key")


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    status: int


@dataclass
class FakeServices:
    requests: list[Seen] = field(default_factory=list)
    effects: Counter[str] = field(default_factory=Counter)  # idempotency key → effects
    fail_remaining: int = 0
    fail_status: int = 503
    _answers: dict[str, tuple[int, Any]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _next_ticket: int = 1000
    url: str = ""

    def fail_next(self, n: int, status: int = 503) -> None:
        with self._lock:
            self.fail_remaining, self.fail_status = n, status

    def to(self, path_prefix: str) -> list[Seen]:
        return [r for r in self.requests if r.path.startswith(path_prefix)]

    def handle(
        self, method: str, path: str, headers: dict[str, str], raw: bytes
    ) -> tuple[int, Any]:
        body: Any = json.loads(raw) if raw else None
        with self._lock:
            status, answer = self._route(method, path, headers, body)
            self.requests.append(Seen(method, path, headers, body, status))
            return status, answer

    def _route(self, method: str, path: str, headers: dict[str, str], body: Any) -> tuple[int, Any]:
        if path == "/api/v2/tickets.json":
            expected = basic(*TICKET_AUTH)
        elif path.startswith("/api/v1/customers/") and path.endswith("/events"):
            expected = basic(*CIO_AUTH)
        elif path == "/slack":
            expected = None
        elif path.startswith("/slackapi/"):  # the Slack Web API (issue 20 item 3)
            return self._slack_api(method, path, headers, body)
        else:
            return 404, {"error": "not found"}
        if method != "POST":
            return 405, {"error": "method"}
        if expected is not None and headers.get("authorization") != expected:
            return 401, {"error": "bad credentials"}
        if self.fail_remaining > 0:
            self.fail_remaining -= 1
            return self.fail_status, {"error": "temporarily unavailable"}
        key = headers.get("idempotency-key", "")
        if key and key in self._answers:
            return self._answers[key]  # replay: no second effect
        if path == "/api/v2/tickets.json":
            self._next_ticket += 1
            answer: tuple[int, Any] = (
                201,
                {
                    "ticket": {
                        "id": self._next_ticket,
                        "url": f"{self.url}/api/v2/tickets/{self._next_ticket}.json",
                    }
                },
            )
        else:
            answer = (200, {} if path != "/slack" else "ok")
        self.effects[key] += 1
        if key:
            self._answers[key] = answer
        return answer

    def _slack_api(
        self, method: str, path: str, headers: dict[str, str], body: Any
    ) -> tuple[int, Any]:
        """``chat.postMessage`` and ``users.lookupByEmail`` as Slack answers them: HTTP 200
        with ``ok``; a direct message is an effect counted by its idempotency key."""
        if headers.get("authorization") != f"Bearer {SLACK_BOT_TOKEN}":
            return 200, {"ok": False, "error": "invalid_auth"}
        if self.fail_remaining > 0:
            self.fail_remaining -= 1
            return 200, {"ok": False, "error": "ratelimited"}
        if path.startswith("/slackapi/users.lookupByEmail"):
            email = path.split("email=", 1)[-1]
            if "nobody" in email:
                return 200, {"ok": False, "error": "users_not_found"}
            return 200, {"ok": True, "user": {"id": f"U-{email.split('%40')[0].split('@')[0]}"}}
        if path == "/slackapi/chat.postMessage" and method == "POST":
            self.effects[headers.get("idempotency-key", "")] += 1
            return 200, {"ok": True, "channel": body.get("channel"), "ts": "1700000000.000100"}
        return 404, {"ok": False, "error": "unknown_method"}


def start_fake_services() -> tuple[FakeServices, ThreadingHTTPServer]:
    fake = FakeServices()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self._serve()

        def do_GET(self) -> None:  # noqa: N802
            self._serve()

        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, answer = fake.handle(self.command, self.path, headers, raw)
            data = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", "120")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake, server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpSink:
    """An aiosmtpd server on 127.0.0.1 keeping every message it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.fail_remaining = 0  # answer DATA with a temporary failure this many times
        sink = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                if sink.fail_remaining > 0:
                    sink.fail_remaining -= 1
                    return "451 4.3.0 try again later"
                sink.messages.append(message_from_bytes(envelope.original_content))
                sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()
