"""A CPU budget for work on one untrusted input (a mail message), issue 13.

Parsing is linear and capped (``email_parse``, ``forwards``), so a message costs
milliseconds; the budget is the backstop for what the caps do not foresee (a
library's worst case, a shape nobody thought of). Past it the message is handled
as "not understood" — kept in the rejections log and answered, never a 500 and
never a stall.

It counts the CPU time of the calling thread (``time.thread_time``): waiting for
the GIL, the database or another process does not count, so a busy machine does
not turn good mail into "not understood". It measures work, not dates: it is not
the business clock (``core.clock``), and time-machine leaves it alone.
"""

from __future__ import annotations

import time


class BudgetExceeded(Exception):  # noqa: N818 - an outcome, named like MailRejected
    """The work ran past its budget; ``stage`` names what it was doing."""

    def __init__(self, stage: str, seconds: float) -> None:
        super().__init__(f"{stage} took more than the {seconds * 1000:.0f} ms CPU budget")
        self.stage = stage
        self.seconds = seconds


class Budget:
    """``seconds`` of this thread's CPU time from now; ``check`` raises past it."""

    __slots__ = ("deadline", "seconds", "started")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.thread_time()
        self.deadline = self.started + seconds

    def check(self, stage: str) -> None:
        if time.thread_time() > self.deadline:
            raise BudgetExceeded(stage, self.seconds)

    def spent(self) -> float:
        """CPU seconds used since the budget started."""
        return time.thread_time() - self.started


UNLIMITED_SECONDS = 3600.0  # callers that give no budget (tests of the parser itself)
