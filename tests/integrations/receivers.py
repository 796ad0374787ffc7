"""Misbehaving receivers on 127.0.0.1 (ephemeral ports) for the delivery lanes' tests.

``SlowReceiver`` acts on a POST the moment it has read it (as Slack posts the message,
or a ticketing system creates the ticket) and *ignores* ``Idempotency-Key``; then it
either trickles its answer back one byte at a time (``gap`` seconds apart) or holds
it until ``release()``. It answers ``GET /api/v2/tickets.json?external_id=…`` at once
with the tickets its POSTs created (Zendesk's lookup), and counts the most POSTs it
was handling at the same time.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    at: float
    finished: bool = False  # the whole answer was written


@dataclass
class SlowReceiver:
    gap: float = 0.0  # seconds between the answer's bytes
    hold: bool = False  # keep every POST's answer until release()
    requests: list[Received] = field(default_factory=list)
    url: str = ""
    max_concurrent: int = 0
    _concurrent: int = 0
    _tickets: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _released: threading.Event = field(default_factory=threading.Event)
    _stopped: threading.Event = field(default_factory=threading.Event)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def posts(self) -> list[Received]:
        return [r for r in self.requests if r.method == "POST"]

    def release(self) -> None:
        self._released.set()

    def wait_for_posts(self, n: int, timeout: float = 10.0) -> bool:
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.posts()) >= n, timeout)

    def wait_concurrent(self, n: int, timeout: float = 10.0) -> bool:
        with self.arrived:
            return self.arrived.wait_for(lambda: self._concurrent >= n, timeout)

    def _record(self, seen: Received) -> None:
        with self.arrived:
            self.requests.append(seen)
            self.arrived.notify_all()

    def serve(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("content-length") or 0)
        raw = handler.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in handler.headers.items()}
        seen = Received(handler.command, handler.path, headers, json.loads(raw) if raw else None,
                        time.monotonic())  # fmt: skip
        if handler.command == "GET":
            query = parse_qs(urlsplit(handler.path).query)
            key = (query.get("external_id") or [""])[0]
            with self._lock:
                found = [{"id": self._tickets[key]}] if key in self._tickets else []
            self._record(seen)
            self._answer(handler, seen, json.dumps({"tickets": found}).encode(), slow=False)
            return
        with self._lock:  # the effect happens now, whatever becomes of the answer
            self._concurrent += 1
            self.max_concurrent = max(self.max_concurrent, self._concurrent)
            ticket = 5000 + len(self._tickets) + 1
            ticket_key = (seen.body or {}).get("ticket", {}).get("external_id")
            if ticket_key:
                self._tickets[ticket_key] = ticket
        self._record(seen)
        try:
            if self.hold:
                while not self._released.wait(0.02) and not self._stopped.is_set():
                    pass
            answer = json.dumps({"ticket": {"id": ticket}, "ok": True}).encode()
            self._answer(handler, seen, answer, slow=True)
        finally:
            with self._lock:
                self._concurrent -= 1

    def _answer(self, handler: BaseHTTPRequestHandler, seen: Received, body: bytes,
                *, slow: bool) -> None:  # fmt: skip
        data = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + body
        )
        try:
            if slow and self.gap:
                for i in range(len(data)):
                    if self._stopped.is_set():
                        return
                    handler.wfile.write(data[i : i + 1])
                    handler.wfile.flush()
                    time.sleep(self.gap)  # the receiver's slowness, not the test's
            else:
                handler.wfile.write(data)
            seen.finished = True
        except OSError:  # the client gave up on us
            return
        handler.close_connection = True

    def stop(self) -> None:
        self._stopped.set()
        self._released.set()


def start_slow_receiver(gap: float = 0.0, hold: bool = False) -> tuple[SlowReceiver, Any]:
    receiver = SlowReceiver(gap=gap, hold=hold)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            receiver.serve(self)

        def do_GET(self) -> None:  # noqa: N802
            receiver.serve(self)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver, server
