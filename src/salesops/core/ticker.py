"""A per-process timer: run a function in a daemon thread now and every N seconds.

The API process uses it to drain the new-lead pipeline at start-up and periodically
(``flows.pipeline.drain_queued``), so leads a crashed process acknowledged are routed
without waiting for the next request. A thread, not an event-loop task: the work is
blocking database I/O and must not hold up requests.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("salesops")


class Ticker:
    def __init__(self, name: str, tick: Callable[[], Any], every: float) -> None:
        self.name = name
        self.tick = tick
        self.every = every
        self.ticks = 0  # passes run, for tests
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # the next tick tries again
                log.exception("%s: a periodic pass failed", self.name)
            self.ticks += 1
            self._stop.wait(self.every)

    def stop(self, timeout: float = 30.0) -> None:
        """No new pass starts; wait up to ``timeout`` seconds for the running one."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
