"""The built-in SMTP listener (I-3, I-4, A-3), on aiosmtpd.

Accepts RCPT only for the sales alias, its signed reply addresses (issue 20,
``core.replies``) and active users' logging addresses (``550`` otherwise), then
hands each message to the same service as ``POST /intake/email`` with the envelope
recipients (so a Bcc to a logging
address is seen). Replies: ``250`` accepted or ignored (business rejections must
not bounce or be retried), ``554`` malformed (logged), ``451`` on an unexpected
failure so the sending server retries and nothing is lost. Messages above
``SALESOPS_MAX_BODY_BYTES`` are refused with ``552`` by aiosmtpd. The message is
parsed and its forward found before the unit of work opens (``mail.read_mail``:
linear, capped, a CPU budget; past it the message is "not understood", logged
and answered ``250 ignored``). After the commit, and before replying, the new
lead's pipeline runs (``flows.pipeline.drain``).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from datetime import datetime
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import select
from sqlalchemy.exc import DataError

from salesops.core import clock
from salesops.core.errors import DomainError
from salesops.core.replies import parse_reply_address
from salesops.flows.pipeline import drain_after_intake
from salesops.intake import service
from salesops.intake.identity import MailIdentity, identity_of
from salesops.intake.mail import read_mail, store_mail
from salesops.playbook.runtime import Runtime
from salesops.users.models import User

log = logging.getLogger("salesops.smtp")


class IntakeHandler:
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    def _identity(self) -> MailIdentity:
        """The active playbook's sales aliases and own domains (issue 16 item 4)."""
        with self.rt.uow(readonly=True) as s:
            return identity_of(s)

    def accepts(self, address: str) -> bool:
        address = address.strip().lower()
        settings = self.rt.settings
        ident = self._identity()
        if ident.is_alias(address):
            return True
        secret = str(settings.secret_key or "")
        aliases = ident.aliases | {settings.sales_alias.strip().lower()}
        if secret and any(parse_reply_address(address, a, secret) for a in aliases):
            return True  # a signed reply address (issue 20): threads onto its task
        with self.rt.uow(readonly=True) as s:
            found = s.scalar(
                select(User.id).where(User.logging_address == address, User.active.is_(True))
            )
        return found is not None

    def deliver(self, raw: bytes, rcpt_tos: list[str], peer: str | None) -> str:
        now = clock.now()
        settings = self.rt.settings
        try:
            # parse and detect outside any transaction, as the active playbook's aliases
            read = read_mail(settings, raw, self._identity())
            with self.rt.uow() as s:
                outcome = store_mail(s, settings, read, now, envelope_to=rcpt_tos)
        except DomainError as exc:
            with self.rt.uow() as s:
                service.log_rejection(
                    s, "smtp", code=exc.code, reason=exc.detail, field=exc.field,
                    http_status=exc.status, now=now, body=raw, remote_addr=peer,
                )  # fmt: skip
            return f"554 5.6.0 rejected: {exc.detail}"[:500]
        except (DataError, UnicodeError, OverflowError):
            # The message itself cannot be stored (issue 15 item 4): a retry would fail
            # the same way for days, so it is refused for good, logged without the SQL.
            log.exception("SMTP delivery refused: the message cannot be stored")
            self._log_unstorable(raw, now, peer)
            return "554 5.6.0 rejected: the message holds data that cannot be stored"
        except Exception:
            log.exception("SMTP delivery failed; the sender will retry")
            return "451 4.3.0 temporary failure, please retry"
        try:  # committed: the new lead's pipeline (S-1 … R-7) runs now, outside intake's unit
            drain_after_intake(self.rt)
        except Exception:  # the lead is safe in the queue; a worker pass picks it up
            log.exception("lead pipeline drain failed after an SMTP delivery")
        if outcome.status == "ignored":
            return f"250 2.0.0 ignored: {outcome.reason}"[:500]
        return "250 2.0.0 accepted"

    def _log_unstorable(self, raw: bytes, now: datetime, peer: str | None) -> None:
        try:
            with self.rt.uow() as s:
                service.log_rejection(
                    s, "smtp", code="malformed", reason="the message cannot be stored",
                    field="body", http_status=422, now=now, body=b"", remote_addr=peer,
                )  # fmt: skip
        except Exception:  # the log is best effort; the refusal stands
            log.exception("could not log an unstorable SMTP message (%d bytes)", len(raw))

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        loop = asyncio.get_running_loop()
        if not await loop.run_in_executor(None, self.accepts, address):
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        peer = session.peer[0] if session.peer else None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.deliver, raw, list(envelope.rcpt_tos), peer)


def start_smtp(rt: Runtime, host: str, port: int) -> Controller:
    """Start the listener in a background thread (``controller.stop()`` to end it)."""
    controller = Controller(
        IntakeHandler(rt),
        hostname=host,
        port=port,
        data_size_limit=rt.settings.max_body_bytes,
        ident="salesops",
    )
    controller.start()
    return controller


def serve_smtp(rt: Runtime, host: str, port: int) -> None:
    """Run the listener until SIGINT/SIGTERM."""
    controller = start_smtp(rt, host, port)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        stop.wait()
    finally:
        controller.stop()
