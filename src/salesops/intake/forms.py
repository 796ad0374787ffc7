"""I-2 contact form: a signed JSON submission becomes contact + account + task, and the
sales channel and the sales alias are notified through the outbox (X-1)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationError
from sqlalchemy.orm import Session

from salesops.activities.service import add_activities
from salesops.core.audit import write_deferred_decisions
from salesops.core.config import Settings
from salesops.core.errors import Unauthorized, ValidationFailed
from salesops.core.fastsql import pipelined
from salesops.core.markup import mrkdwn, one_line
from salesops.core.outbox import SALES_CHANNEL, coalesced, enqueue_deliveries
from salesops.intake import service
from salesops.intake.form_fields import BIGINT_MAX, DataNote, clean_form
from salesops.intake.identity import identity_of
from salesops.intake.models import IntakeDelivery
from salesops.intake.rules import verify_hmac_hex
from salesops.matching.service import ContactMatch, Sender, known_later, match_contacts
from salesops.tasks.lead_queue import enqueue
from salesops.tasks.models import Task

SOURCE = "form"
LEAD_SOURCE = "Contact form"


class FormSubmission(BaseModel):
    """I-2 fields, as ``form_fields.clean_form`` leaves them (only the email can fail).
    Unknown fields (tracking parameters, …) are ignored."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    submission_id: str | None = Field(default=None, max_length=200)
    name: str = Field(default="", max_length=200)
    email: EmailStr
    company: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=60)
    country: str | None = Field(default=None, max_length=60)
    us_state: str | None = Field(default=None, max_length=30)
    interest: list[str] = Field(default_factory=list, max_length=50)
    mau: int | None = Field(default=None, ge=0, le=BIGINT_MAX)
    monthly_events: int | None = Field(default=None, ge=0, le=BIGINT_MAX)
    message: str = Field(default="", max_length=20_000)
    consent: bool = False


def validation_failed(exc: ValidationError, prefix: str = "") -> ValidationFailed:
    """The first pydantic error as a 422 naming the field."""
    errors = exc.errors()
    first = errors[0] if errors else {"loc": ("body",), "msg": "invalid"}
    name = prefix + ".".join(str(p) for p in first.get("loc", ())) or "body"
    listed = [
        {"field": prefix + ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg")}
        for e in errors
    ]
    return ValidationFailed(f"{name}: {first.get('msg')}", field=name, extra={"errors": listed})


def parse_submission(body: bytes) -> tuple[FormSubmission, list[DataNote]]:
    """I-2: the submission and its data-quality notes. Only a missing or invalid email
    refuses it (422 naming ``email``); any other bad value is dropped or truncated with
    a note (``form_fields``, issue 15 item 3)."""
    clean = clean_form(service.parse_json(body))
    if clean.email is None or (isinstance(clean.email, str) and not clean.email.strip()):
        raise ValidationFailed("email: a contact-form lead needs an email address", field="email")
    fields = {k: v for k, v in vars(clean).items() if k != "notes"}
    try:
        return FormSubmission.model_validate(fields), clean.notes
    except ValidationError as exc:  # only the email is left to fail
        raise validation_failed(exc) from None


@dataclass
class PreparedForm:
    """An authenticated, parsed submission, ready for ``receive_forms``."""

    form: FormSubmission
    key: str  # the idempotency key: the submission id, else the body's hash
    country: str | None
    us_state: str | None
    received_at: datetime | None = None  # when it arrived (the task's created_at), if known
    notes: list[DataNote] = field(default_factory=list)  # data-quality notes (issue 15 item 3)


def prepare_form(settings: Settings, body: bytes, signature: str | None) -> PreparedForm:
    """I-10 authentication and I-2 parsing: a 401, a 422 for the email only, else the
    submission with its data-quality notes."""
    verdict = verify_hmac_hex(settings.form_secret, body, signature, setting="SALESOPS_FORM_SECRET")
    if not verdict.ok:
        raise Unauthorized(verdict.reason, rule="I-10")
    form, notes = parse_submission(body)
    key = form.submission_id or "sha256:" + hashlib.sha256(body).hexdigest()
    return PreparedForm(form, key, form.country, form.us_state, notes=notes)


def receive_form(
    session: Session, settings: Settings, body: bytes, signature: str | None, now: datetime
) -> service.Outcome:
    """I-2 for one submission (``receive_forms`` of one)."""
    return receive_forms(session, settings, [prepare_form(settings, body, signature)], now)[0]


def receive_forms(
    session: Session, settings: Settings, forms: Sequence[PreparedForm], now: datetime
) -> list[service.Outcome]:
    """I-2: prepared submissions become contact + account + task, set-based (one statement
    per step for the whole batch), with the outcome of taking them one after another.

    Idempotent by submission id (a key already seen, or repeated in ``forms``, answers
    the first outcome, marked duplicate); banned senders are ignored (I-9); each
    accepted one is matched (M-1, M-2), gets its task (O-3, M-3), a timeline activity
    (A-1), decision records (O-8) and its notifications in the outbox (X-1)."""
    first: dict[str, int] = {}
    for i, f in enumerate(forms):
        first.setdefault(f.key, i)
    unique = [forms[i] for i in first.values()]
    emails = [f.form.email for f in unique]
    # The claim and the lookups that do not depend on it (bans, which contacts and
    # accounts exist): one round trip to PostgreSQL, BEGIN included.
    with pipelined(session):
        claim = service.claim_later(session, SOURCE, [f.key for f in unique], now)
        bans = service.bans_later(session, emails)
        known = known_later(session, emails)
    outcomes: dict[str, service.Outcome] = {}
    fresh: list[tuple[PreparedForm, IntakeDelivery, str | None]] = []
    for f, (delivery, seen), ban in zip(unique, claim(), bans(), strict=True):
        if seen is not None:
            outcomes[f.key] = seen
        else:
            fresh.append((f, delivery, ban))
    accepted: list[tuple[PreparedForm, IntakeDelivery]] = []
    for f, delivery, ban in fresh:
        if ban is None:
            accepted.append((f, delivery))
            continue
        outcomes[f.key] = service.ignore(
            session, delivery, "banned-sender", f"sender {ban} is banned", now,
            rule_ids=["I-9"], sender=f.form.email,
        )  # fmt: skip
    senders = [
        Sender(
            f.form.email,
            f.form.name,
            f.form.company,
            LEAD_SOURCE,
            fill={"role": f.form.role, "country": f.country, "us_state": f.us_state},
            source=SOURCE,
        )
        for f, _ in accepted
    ]
    matches = match_contacts(session, senders, now=now, known=known())
    leads = [
        service.NewLead(
            match,
            LEAD_SOURCE,
            "I-2",
            message=f.form.message or None,
            interest=f.form.interest,
            mau=f.form.mau,
            monthly_events=f.form.monthly_events,
            source_ref=f"form:{f.key}",
            received_at=f.received_at,
        )
        for (f, _), match in zip(accepted, matches, strict=True)
    ]
    tasks = service.create_lead_tasks(session, leads, now, queue=False)
    entries = [
        service.timeline_entry(
            match,
            "system",
            "Contact form submitted",
            f.form.message,
            now,
            task=task,
            source_ref=f"form:{f.key}",
            occurred_at=f.received_at,
            meta={
                "consent": f.form.consent,
                "interest": f.form.interest,
                "company": f.form.company,
            },
        )  # fmt: skip
        for (f, _), match, task in zip(accepted, matches, tasks, strict=True)
    ]
    contacts = [m.contact for m in matches]
    for (f, _), match, task in zip(accepted, matches, tasks, strict=True):
        if f.notes:  # issue 15 item 3: what the form sent that was dropped or changed
            entries.append(data_quality_entry(match, task, f, now))
            contacts.append(match.contact)
    alias = identity_of(session).primary  # the playbook's first sales alias (I-2)
    notices = [
        n
        for (f, delivery), match, task in zip(accepted, matches, tasks, strict=True)
        for n in _notifications(settings, alias, delivery.id, match.contact.email, f.form, task.id)
    ]
    # Writes nothing later reads back: on PostgreSQL they share one round trip.
    with pipelined(session):
        enqueue(session, [t.id for t in tasks], now)  # for the pipeline, after the commit
        add_activities(session, entries, contacts, attach=False)
        enqueue_deliveries(session, notices, now=now, counted=False)  # one INSERT for all
        done = service.finish_many(
            [
                (delivery, _accepted(task, match, f.notes))
                for (f, delivery), match, task in zip(accepted, matches, tasks, strict=True)
            ]
        )
        write_deferred_decisions(session)  # O-8, else written just before the commit
    outcomes.update({f.key: o for (f, _), o in zip(accepted, done, strict=True)})
    return [
        outcomes[f.key] if first[f.key] == i else replace(outcomes[f.key], duplicate=True)
        for i, f in enumerate(forms)
    ]


def _accepted(task: Task, match: ContactMatch, notes: list[DataNote]) -> service.Outcome:
    """The answer names what was dropped or changed, so the form's owner can fix it."""
    outcome = service.accepted(task, match)
    if notes:
        outcome.ids["data_quality"] = [n.line() for n in notes]
    return outcome


def data_quality_entry(match: ContactMatch, task: Task, f: PreparedForm, now: datetime) -> Any:
    """Issue 15 item 3: the values a form sent that were dropped or changed, as a note on
    the task's timeline (a system entry: not a touch, T-3, nor a "say hi" contact, I-6)."""
    lines = [n.line() for n in f.notes]
    return service.timeline_entry(
        match, "system", f"Data-quality note: {len(lines)} form value(s) dropped or changed",
        "\n".join(lines), now, task=task, source_ref=f"form:{f.key}:data-quality",
        occurred_at=f.received_at,
        meta={"data_quality": [{"field": n.field, "value": n.value, "note": n.note}
                               for n in f.notes]},
    )  # fmt: skip


def _notifications(
    settings: Settings,
    alias: str,
    delivery_id: int,
    email: str,
    form: FormSubmission,
    task_id: int,
) -> list[dict[str, Any]]:
    """I-2: tell the sales channel (Slack) and the sales alias (email), via the outbox; the
    keys keep a retried delivery from doubling. Every string the form sent is escaped
    for Slack (no mention, no disguised link) and kept to one line in the mail's
    subject (no header injection); the link opens the task's page."""
    who = f"{form.name} <{email}>" if form.name else email
    company = f" ({form.company})" if form.company else ""
    link = task_link(settings, task_id)
    message = form.message[:500]
    slack = (
        f"New contact form lead: {mrkdwn(who + company)}\n{mrkdwn(message)}\n"
        f"<{link}|Open task {task_id}>"
    )
    window = settings.notify_coalesce_seconds  # a burst: one message each (issue 20)
    return [
        coalesced(
            {
                "channel": "slack",
                "payload": {"text": slack, "task_id": task_id},
                "idempotency_key": f"intake-form:{delivery_id}:slack",
                "subject": ("task", task_id),
            },
            SALES_CHANNEL,
            window,
        ),
        coalesced(
            {
                "channel": "email",
                "payload": {
                    "to": [alias],
                    "subject": one_line(f"New contact form lead: {who}{company}", limit=250),
                    "body": f"New contact form lead: {who}{company}\n{message}\n{link}",
                    "reply_to": email,
                    "task_id": task_id,
                },
                "idempotency_key": f"intake-form:{delivery_id}:email",
                "subject": ("task", task_id),
            },
            f"alias:{alias}",
            window,
        ),
    ]


def task_link(settings: Settings, task_id: int) -> str:
    """The task's page in the web app (``tasks.web``: ``GET /tasks/{id}``)."""
    return f"{settings.base_url.rstrip('/')}/tasks/{task_id}"
