"""Issue 15's acceptance harness: run every message of ``tests/data/mail/`` through raw-mail
intake — ``POST /api/v1/intake/email`` (signed, I-10) and the built-in SMTP listener —
and score the outcomes against ``manifest.yaml`` (I-3, I-4; O-8 for the logged reasons).

An outcome is read back from what intake recorded, the same way for both transports:
the delivery row (its stored answer, the task's contact and referrer) or the rejections
log (its code and reason), plus the HTTP status or SMTP reply. Each message's lead is a
different person, so outcomes do not depend on the order messages run in; each
transport runs on its own fresh database. Used by ``tests/intake/test_mail_corpus.py``
and ``bench/mail_corpus.py``.
"""

from __future__ import annotations

import re
import smtplib
import socket
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select

from salesops.accounts.models import Contact
from salesops.core.addresses import normalise_email
from salesops.intake.models import IntakeDelivery, IntakeRejection
from salesops.intake.rules import sign_hex
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task

MAIL_DIR = Path(__file__).resolve().parent.parent / "data" / "mail"
HOLDOUT_DIR = MAIL_DIR.parent / "mail_holdout"  # issue 15 item 5: not tuned on
HOLDOUT2_DIR = MAIL_DIR.parent / "mail_holdout2"  # issue 15, task h15u: written unseen
HOLDOUT4_DIR = MAIL_DIR.parent / "mail_holdout4"  # task h15fix: written before its fixes
HOLDOUT3_DIR = MAIL_DIR.parent / "mail_holdout3"  # issue 15, task auth: written unseen
HOLDOUT5_DIR = MAIL_DIR.parent / "mail_holdout5"  # issue 15, task auth5: written unseen
HOLDOUT6_DIR = MAIL_DIR.parent / "mail_holdout6"  # issue 15, task a15: written unseen
HOLDOUT7_DIR = MAIL_DIR.parent / "mail_holdout7"  # issue 15, task a15b: written unseen
ROBOT_KINDS = frozenset({"bounce", "autoreply", "feedback", "receipt", "bulk", "noreply"})
HUMAN_KINDS = frozenset({"forward", "direct", "reply", "internal"})

# Issue 15's targets.
MIN_FORWARD_RATE = 0.95
MAX_ROBOTS_REFUSED = 0.01


@dataclass(frozen=True)
class Expected:
    """One manifest entry: a message and what intake should make of it."""

    file: str
    kind: str
    client: str
    language: str
    lead: str | None = None
    referrer: str | None = None
    case: str | None = None

    @property
    def robot(self) -> bool:
        return self.kind in ROBOT_KINDS

    def raw(self, root: Path = MAIL_DIR) -> bytes:
        return (root / self.file).read_bytes()


@dataclass(frozen=True)
class Manifest:
    alias: str
    company_domains: tuple[str, ...]
    messages: tuple[Expected, ...]


def load_manifest(root: Path = MAIL_DIR) -> Manifest:
    data = yaml.safe_load((root / "manifest.yaml").read_text(encoding="utf-8"))
    messages = []
    for item in data["messages"]:
        item = dict(item)
        item.pop("ignored", None)
        for key in ("client", "language"):  # YAML 1.1 reads an unquoted `no` (Norwegian) as False
            if isinstance(item.get(key), bool):
                item[key] = "no" if item[key] is False else "yes"
        messages.append(Expected(**item))
    return Manifest(data["alias"], tuple(data["company_domains"]), tuple(messages))


@dataclass(frozen=True)
class Outcome:
    """What intake made of one message on one transport."""

    status: str  # accepted | ignored | refused (4xx/5xx but 500; SMTP 5xx) | error (500; 451)
    code: int  # HTTP status or SMTP reply code
    lead: str | None = None  # the task's contact
    referrer: str | None = None
    reason: str = ""  # why it was ignored or refused (the rejection's code and reason)

    def same_as(self, other: Outcome) -> bool:
        """SMTP = HTTP: the same decision, lead, referrer and reason (not the wire code)."""
        mine = (self.status, self.lead, self.referrer, self.reason)
        return mine == (other.status, other.lead, other.referrer, other.reason)

    def describe(self) -> str:
        if self.lead:
            return f"lead {self.lead}" + (f" (referrer {self.referrer})" if self.referrer else "")
        return f"{self.status} {self.code}" + (f": {self.reason}" if self.reason else "")


# --- reading an outcome back ------------------------------------------------------------


class Recorder:
    """Reads what intake recorded since the previous message (delivery, rejection)."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        with rt.uow(readonly=True) as s:
            self.last_delivery = s.scalar(select(func.max(IntakeDelivery.id))) or 0
            self.last_rejection = s.scalar(select(func.max(IntakeRejection.id))) or 0

    def outcome(self, code: int, ok: bool, error: bool, detail: str = "") -> Outcome:
        with self.rt.uow(readonly=True) as s:
            deliveries = list(
                s.scalars(
                    select(IntakeDelivery)
                    .where(IntakeDelivery.id > self.last_delivery)
                    .order_by(IntakeDelivery.id)
                )
            )
            rejections = list(
                s.scalars(
                    select(IntakeRejection)
                    .where(IntakeRejection.id > self.last_rejection)
                    .order_by(IntakeRejection.id)
                )
            )
            if deliveries:
                self.last_delivery = deliveries[-1].id
            if rejections:
                self.last_rejection = rejections[-1].id
            why = "; ".join(f"{r.code}: {r.reason}" for r in rejections)
            if error:
                return Outcome("error", code, reason=detail[:300])
            if not ok:
                return Outcome("refused", code, reason=why or detail[:300])
            if not deliveries:
                return Outcome("accepted", code, reason="no delivery recorded")
            result = deliveries[-1].result or {}
            status = str(result.get("status", deliveries[-1].status))
            task_id = result.get("task_id")
            if task_id is None:
                return Outcome(status, code, reason=why)
            task = s.get(Task, task_id)
            if task is None:
                return Outcome(status, code, reason=f"task {task_id} not found")
            contact = s.get(Contact, task.contact_id)
            return Outcome(
                status,
                code,
                lead=contact.email if contact else None,
                referrer=task.referrer_email,
                reason=why,
            )


# --- transports ----------------------------------------------------------------------


def envelope_sender(raw: bytes) -> str:
    """The SMTP MAIL FROM an MTA would use: Return-Path, else the From address ('' for
    the null sender of bounces)."""
    headers = BytesHeaderParser().parsebytes(raw)
    path = str(headers.get("Return-Path", "") or "").strip()
    if path:
        return path.strip("<>").strip()
    found = [addr for _, addr in getaddresses([str(headers.get("From", "") or "")]) if "@" in addr]
    return found[0] if found else ""


class HttpTransport:
    """``POST /api/v1/intake/email``, signed with ``SALESOPS_EMAIL_SECRET``, the alias as
    envelope recipient (as the SMTP listener passes it)."""

    name = "http"

    def __init__(self, client: Any, rt: Runtime) -> None:  # a TestClient or an httpx.Client
        self.client, self.rt = client, rt
        self.recorder = Recorder(rt)

    def send(self, raw: bytes) -> Outcome:
        r = self.client.post(
            "/api/v1/intake/email",
            content=raw,
            params={"envelope_to": [self.rt.settings.sales_alias]},
            headers={
                "Content-Type": "message/rfc822",
                "X-Salesops-Signature": sign_hex(self.rt.settings.email_secret, raw),
            },
        )
        try:  # a problem document names what was wrong
            detail = str(r.json().get("detail", r.text))
        except (ValueError, AttributeError):
            detail = r.text
        return self.recorder.outcome(
            r.status_code, r.status_code < 300, r.status_code >= 500, detail
        )


_BARE_LF = re.compile(rb"(?<!\r)\n")


class SmtpTransport:
    """The built-in SMTP listener (``salesops smtp``) on an ephemeral port, one session."""

    name = "smtp"

    def __init__(self, rt: Runtime, port: int) -> None:
        self.rt = rt
        self.smtp = smtplib.SMTP("127.0.0.1", port, timeout=60)
        self.smtp.ehlo("corpus.test")
        self.recorder = Recorder(rt)

    def send(self, raw: bytes) -> Outcome:
        try:
            code, reply = self.smtp.mail(envelope_sender(raw))
            if code == 250:
                code, reply = self.smtp.rcpt(self.rt.settings.sales_alias)
            if code in (250, 251):
                # On the wire every line ends CRLF (RFC 5321 2.3.8): a sending MTA turns a
                # file's bare LFs into CRLF (smtplib does it only for str), and a listener
                # refuses bare LFs (SMTP smuggling), as ours does ("Line too long").
                code, reply = self.smtp.data(_BARE_LF.sub(b"\r\n", raw))
            else:
                self.smtp.rset()
        except smtplib.SMTPDataError as exc:
            code, reply = exc.smtp_code, exc.smtp_error
            self.smtp.rset()
        text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
        return self.recorder.outcome(code, code == 250, 400 <= code < 500, text)

    def close(self) -> None:
        with suppress(smtplib.SMTPException):
            self.smtp.quit()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_transport(rt: Runtime) -> Iterator[SmtpTransport]:
    from salesops.smtp import start_smtp

    controller = start_smtp(rt, "127.0.0.1", free_port())
    transport = SmtpTransport(rt, controller.port)
    try:
        yield transport
    finally:
        transport.close()
        controller.stop()


def run(
    send: Callable[[bytes], Outcome], messages: Iterable[Expected], root: Path = MAIL_DIR
) -> dict[str, Outcome]:
    """Every message through one transport, in manifest order: file -> outcome."""
    return {m.file: send(m.raw(root)) for m in messages}


# --- scoring --------------------------------------------------------------------------


def _same(a: str | None, b: str | None) -> bool:
    return (normalise_email(a) if a else None) == (normalise_email(b) if b else None)


def verdict(e: Expected, o: Outcome) -> str:
    """right | missed | wrong-lead | wrong-referrer | robot-task | refused | error."""
    if o.status == "error":
        return "error"
    if o.status == "refused":
        return "refused"
    if e.lead is not None:
        if o.lead is None:
            return "missed"
        if normalise_email(o.lead) != normalise_email(e.lead):  # an IDN in either form
            return "wrong-lead"
        return "right" if _same(o.referrer, e.referrer) else "wrong-referrer"
    if o.lead is not None:
        return "robot-task" if e.robot else "wrong-lead"
    return "right"


@dataclass
class Report:
    """Scores of one corpus run (per transport), and how the transports compare."""

    messages: tuple[Expected, ...]
    outcomes: dict[str, dict[str, Outcome]]  # transport -> file -> outcome
    verdicts: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_file = {m.file: m for m in self.messages}
        for transport, got in self.outcomes.items():
            self.verdicts[transport] = {f: verdict(by_file[f], o) for f, o in got.items()}

    def of(self, transport: str, pred: Callable[[Expected], bool]) -> list[tuple[Expected, str]]:
        v = self.verdicts[transport]
        return [(m, v[m.file]) for m in self.messages if m.file in v and pred(m)]

    def rate(self, transport: str, pred: Callable[[Expected], bool]) -> tuple[int, int]:
        rows = self.of(transport, pred)
        return sum(1 for _, v in rows if v == "right"), len(rows)

    def listed(self, transport: str, *verdicts: str) -> list[Expected]:
        return [m for m, v in self.of(transport, lambda _: True) if v in verdicts]

    def disagreements(self) -> list[tuple[Expected, Outcome, Outcome]]:
        if not {"http", "smtp"} <= set(self.outcomes):
            return []
        http, smtp = self.outcomes["http"], self.outcomes["smtp"]
        return [
            (m, http[m.file], smtp[m.file])
            for m in self.messages
            if m.file in http and m.file in smtp and not http[m.file].same_as(smtp[m.file])
        ]

    def failures(self) -> list[str]:
        """Issue 15's targets this run misses (empty when all are met)."""
        out: list[str] = []
        for t in self.outcomes:
            right, n = self.rate(t, lambda m: m.kind == "forward")
            if n and right / n < MIN_FORWARD_RATE:
                out.append(f"{t}: {right}/{n} forwards give the right lead ({right / n:.1%} < 95%)")
            for label, kinds in (
                ("wrong leads", ("wrong-lead",)),
                ("tasks from robots", ("robot-task",)),
                ("errors (5xx / SMTP 4xx)", ("error",)),
            ):
                found = self.listed(t, *kinds)
                if found:
                    out.append(f"{t}: {len(found)} {label}")
            robots = self.of(t, lambda m: m.robot)
            refused = sum(1 for _, v in robots if v == "refused")
            if robots and refused / len(robots) > MAX_ROBOTS_REFUSED:
                out.append(
                    f"{t}: {refused}/{len(robots)} robots refused "
                    f"({refused / len(robots):.1%} > 1%)"
                )
            right, n = self.rate(t, lambda m: m.kind == "direct")
            if right < n:
                out.append(f"{t}: {n - right}/{n} direct customer mails lost their lead")
        if self.disagreements():
            out.append(f"SMTP and HTTP disagree on {len(self.disagreements())} messages")
        return out

    def table(self, transport: str) -> str:
        lines = [f"== {transport} =="]
        for title, key in (("forwards by client", "client"), ("forwards by language", "language")):
            groups: dict[str, list[str]] = defaultdict(list)
            for m, v in self.of(transport, lambda m: m.kind == "forward"):
                groups[getattr(m, key)].append(v)
            if not groups:
                continue
            lines.append(f"{title}: {'':<22} right/n   rate  missed wrong refused error")
            for name in sorted(
                groups, key=lambda g: (sum(x == "right" for x in groups[g]) / len(groups[g]), g)
            ):
                c = Counter(groups[name])
                n = len(groups[name])
                lines.append(
                    f"  {name:<40} {c['right']:>4}/{n:<4} {c['right'] / n:>6.1%} {c['missed']:>6} "
                    f"{c['wrong-lead'] + c['wrong-referrer']:>5} {c['refused']:>7} {c['error']:>5}"
                )
        lines.append(
            "by kind:                                   right/n   rate  tasks  refused error"
        )
        kinds: dict[str, list[str]] = defaultdict(list)
        for m, v in self.of(transport, lambda m: True):
            kinds[m.kind].append(v)
        for kind in sorted(kinds):
            c, n = Counter(kinds[kind]), len(kinds[kind])
            tasks = c["robot-task"] + c["wrong-lead"]
            lines.append(
                f"  {kind:<40} {c['right']:>4}/{n:<4} {c['right'] / n:>6.1%} {tasks:>6} "
                f"{c['refused']:>7} {c['error']:>5}"
            )
        return "\n".join(lines)

    def details(self, transport: str, *verdicts: str) -> str:
        got = self.outcomes[transport]
        lines = []
        for m in self.listed(transport, *verdicts):
            want = f"lead {m.lead}" if m.lead else "ignored"
            lines.append(
                f"  {self.verdicts[transport][m.file]:<14} {m.file}: want {want}, got "
                f"{got[m.file].describe()}"
            )
        return "\n".join(lines)
