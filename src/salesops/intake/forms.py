"""I-2 contact form: a signed JSON submission becomes contact + account + task, and the
sales channel and the sales alias are notified through the outbox (X-1)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, ValidationError, field_validator
from sqlalchemy.orm import Session

from salesops.accounts.service import clean_country, clean_us_state
from salesops.core.config import Settings
from salesops.core.errors import Unauthorized, ValidationFailed
from salesops.core.outbox import enqueue_deliveries
from salesops.intake import service
from salesops.intake.rules import verify_hmac_hex
from salesops.matching.service import match_contact

SOURCE = "form"
LEAD_SOURCE = "Contact form"


class FormSubmission(BaseModel):
    """I-2 fields. Unknown fields (tracking parameters, …) are ignored."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    submission_id: str | None = Field(default=None, max_length=200)
    name: str = Field(default="", max_length=200)
    email: EmailStr
    company: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=60)
    country: str | None = Field(default=None, max_length=60)
    us_state: str | None = Field(default=None, max_length=30)
    interest: list[str] = Field(default_factory=list, max_length=50)
    mau: int | None = Field(default=None, ge=0)
    monthly_events: int | None = Field(default=None, ge=0)
    message: str = Field(default="", max_length=20_000)
    consent: bool = False

    @field_validator("interest", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value


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


def parse_submission(body: bytes) -> FormSubmission:
    data = service.parse_json(body)
    if "products" in data and "interest" not in data:
        data["interest"] = data.pop("products")
    try:
        return FormSubmission.model_validate(data)
    except ValidationError as exc:
        raise validation_failed(exc) from None


def receive_form(
    session: Session, settings: Settings, body: bytes, signature: str | None, now: datetime
) -> service.Outcome:
    """I-2 (authenticated per I-10, idempotent by submission id)."""
    verdict = verify_hmac_hex(settings.form_secret, body, signature)
    if not verdict.ok:
        raise Unauthorized(verdict.reason, rule="I-10")
    form = parse_submission(body)
    country = clean_country(form.country)
    us_state = clean_us_state(form.us_state, country)
    key = form.submission_id or "sha256:" + hashlib.sha256(body).hexdigest()
    delivery, seen = service.claim(session, SOURCE, key, now)
    if seen is not None:
        return seen
    ban = service.banned(session, form.email)
    if ban is not None:
        return service.ignore(
            session, delivery, "banned-sender", f"sender {ban} is banned", now,
            rule_ids=["I-9"], sender=form.email,
        )  # fmt: skip
    match = match_contact(
        session,
        form.email,
        now=now,
        name=form.name,
        company=form.company,
        lead_source=LEAD_SOURCE,
        fill={"role": form.role, "country": country, "us_state": us_state},
        source=SOURCE,
    )
    task = service.create_lead_task(
        session,
        match,
        lead_source=LEAD_SOURCE,
        rule_id="I-2",
        now=now,
        message=form.message or None,
        interest=form.interest,
        mau=form.mau,
        monthly_events=form.monthly_events,
        source_ref=f"form:{key}",
    )
    service.timeline(
        session, match, "system", "Contact form submitted", form.message, now,
        task=task, source_ref=f"form:{key}",
        meta={"consent": form.consent, "interest": form.interest, "company": form.company},
    )  # fmt: skip
    _notify(session, settings, delivery.id, match.contact.email, form, task.id, now)
    return service.finish(
        delivery,
        service.Outcome(
            "accepted",
            ids={
                "task_id": task.id,
                "contact_id": match.contact.id,
                "account_id": match.account.id,
            },
        ),
    )


def _notify(
    session: Session,
    settings: Settings,
    delivery_id: int,
    email: str,
    form: FormSubmission,
    task_id: int,
    now: datetime,
) -> None:
    """I-2: tell the sales channel (Slack) and the sales alias (email), via the outbox."""
    who = f"{form.name} <{email}>" if form.name else email
    company = f" ({form.company})" if form.company else ""
    link = f"{settings.base_url}/app/tasks/{task_id}"
    text = f"New contact form lead: {who}{company}\n{form.message[:500]}\n{link}"
    enqueue_deliveries(  # one INSERT for both; the keys keep a retried delivery from doubling
        session,
        [
            {
                "channel": "slack",
                "payload": {"text": text, "task_id": task_id},
                "idempotency_key": f"intake-form:{delivery_id}:slack",
                "subject": ("task", task_id),
            },
            {
                "channel": "email",
                "payload": {
                    "to": [settings.sales_alias],
                    "subject": f"New contact form lead: {who}{company}",
                    "body": text,
                    "reply_to": email,
                    "task_id": task_id,
                },
                "idempotency_key": f"intake-form:{delivery_id}:email",
                "subject": ("task", task_id),
            },
        ],
        now=now,
    )
