"""Real ``salesops`` processes for operations tests: ``serve`` and ``worker`` as
subprocesses on the test database, on an ephemeral 127.0.0.1 port, and what those
tests need around them (signed form posts, waiting on another process's effects)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from salesops.intake.rules import sign_hex
from salesops.playbook.runtime import Runtime

FORM_SECRET = "ops-test-form-secret-0123456789"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_env(rt: Runtime, **extra: str) -> dict[str, str]:
    """The test database and explicit secrets; nothing from a developer's .env."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESOPS_")}
    env.update(
        SALESOPS_DATABASE_URL=rt.db.url,
        SALESOPS_SECRET_KEY="ops-test-secret-key-0123456789abcdef",
        SALESOPS_FORM_SECRET=FORM_SECRET,
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class Proc:
    proc: subprocess.Popen[bytes]
    log: Path
    url: str = ""

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def signal(self, signum: int) -> None:
        self.proc.send_signal(signum)

    def wait(self, timeout: float) -> int:
        return self.proc.wait(timeout)


@contextmanager
def salesops(rt: Runtime, tmp_path: Path, *args: str, **env: str) -> Iterator[Proc]:
    """``salesops ARGS`` in a subprocess (cwd ``tmp_path``, output in a log file); killed
    at the end if still running."""
    log = tmp_path / f"{args[0]}-{time.monotonic_ns()}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "salesops.cli", *args],
            cwd=tmp_path,
            env=process_env(rt, **env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    handle = Proc(proc, log)
    try:
        yield handle
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


@contextmanager
def serve(rt: Runtime, tmp_path: Path, *args: str, **env: str) -> Iterator[Proc]:
    """``salesops serve`` on a free port; ``url`` is set, readiness is not awaited (see
    ``wait_ready``)."""
    port = free_port()
    cmd = ("serve", "--host", "127.0.0.1", "--port", str(port), "--no-migrate", *args)
    with salesops(rt, tmp_path, *cmd, **env) as handle:
        handle.url = f"http://127.0.0.1:{port}"
        yield handle


def eventually(check: Callable[[], bool], timeout: float, what: str, proc: Proc) -> None:
    """Wait for another process's effect (polling, bounded): fail with its output."""
    deadline = time.monotonic() + timeout
    while not check():
        if proc.proc.poll() is not None:
            raise AssertionError(f"{what}: the process exited\n{proc.output()[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout}s\n{proc.output()[-3000:]}")
        time.sleep(0.05)


def wait_ready(proc: Proc, timeout: float = 60) -> None:
    def up() -> bool:
        try:
            return httpx.get(proc.url + "/api/v1/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    eventually(up, timeout, "serve answering /api/v1/health", proc)


def form_body(email: str, **fields: object) -> bytes:
    data = {"email": email, "name": "Ops Test", "company": "Co", "country": "DE", **fields}
    return json.dumps(data).encode()


def post_form(client: httpx.Client, url: str, body: bytes) -> httpx.Response:
    return client.post(
        url + "/api/v1/intake/form",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Salesops-Signature": sign_hex(FORM_SECRET, body),
        },
    )


def terminate(proc: Proc, timeout: float = 30) -> int:
    """SIGTERM and wait: the exit code (uvicorn re-raises the signal after a graceful
    shutdown, so ``serve`` ends with -SIGTERM)."""
    proc.signal(signal.SIGTERM)
    return proc.wait(timeout)
