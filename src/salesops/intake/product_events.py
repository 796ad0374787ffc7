"""Product events (I-1, I-8) from the analytics platform: its webhook destination
(``{"event": {...}, "person": {...}}``) and its SDK batch capture (``POST /batch/``).

``user signed up`` (cloud) and ``license purchased`` (self-host) create or update
the contact and account and set the signup properties. Usage events raise the
account's signals (events ingested, invited users); product-led rules (I-8) read
those signals and create a task when one fires. Idempotent by event uuid.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import zlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core.audit import record_decision
from salesops.core.config import Settings
from salesops.core.errors import DomainError, PayloadTooLarge, Unauthorized, ValidationFailed
from salesops.core.runtime import playbook_of
from salesops.intake import service
from salesops.intake.models import ProductSignals
from salesops.intake.rules import AccountSignals, product_led_rule_fired, verify_hmac_hex
from salesops.matching.rules import normalise_email
from salesops.matching.service import ContactMatch, insert_or_get, match_contact

SOURCE = "product"
SIGNUP_EVENTS = {"user signed up": "cloud", "license purchased": "self-host"}
# Usage events and the signal each one counts (I-8); ``count`` property, default 1.
COUNT_EVENTS = {
    "events ingested": "events_ingested",
    "user invited": "invited_users",
    "invite sent": "invited_users",
}
# Absolute totals a product may report on any event's properties (I-8).
TOTAL_PROPERTIES = ("events_ingested", "invited_users")
SIGNUP_PROPERTIES = (
    "selected_deployment_type",
    "is_organization_first_user",
    "role_at_organization",
)


def decode_body(body: bytes, encoding: str | None, compression: str | None, limit: int) -> bytes:
    """The SDK's compression options: ``Content-Encoding: gzip|deflate`` or
    ``?compression=gzip|gzip-js``; a gzip body is recognised by its magic bytes too."""
    enc = (encoding or "").strip().lower()
    comp = (compression or "").strip().lower()
    try:
        if enc == "gzip" or comp in ("gzip", "gzip-js") or body[:2] == b"\x1f\x8b":
            return _bounded(zlib.decompressobj(16 + zlib.MAX_WBITS), body, limit)
        if enc == "deflate":
            return _bounded(zlib.decompressobj(), body, limit)
    except (zlib.error, gzip.BadGzipFile, EOFError) as exc:
        raise ValidationFailed(f"body could not be decompressed ({exc})", field="body") from None
    if enc not in ("", "identity"):
        raise ValidationFailed(f"unsupported Content-Encoding {enc!r}", field="content-encoding")
    return body


def _bounded(decoder: Any, body: bytes, limit: int) -> bytes:
    out = decoder.decompress(body, limit + 1)
    if len(out) > limit or decoder.unconsumed_tail:
        raise PayloadTooLarge(
            f"decompressed body is larger than the {limit} byte limit", field="body"
        )
    return bytes(out)


def receive_webhook(
    session: Session, settings: Settings, body: bytes, signature: str | None, now: datetime
) -> service.Outcome:
    """``POST /intake/product-events``: one event, signed with X-Salesops-Signature (I-10)."""
    verdict = verify_hmac_hex(settings.product_events_secret, body, signature)
    if not verdict.ok:
        raise Unauthorized(verdict.reason, rule="I-10")
    data = service.parse_json(body)
    event = data.get("event")
    person = data.get("person") or {}
    if not isinstance(event, dict):
        raise ValidationFailed("event must be an object", field="event")
    if not isinstance(person, dict):
        raise ValidationFailed("person must be an object", field="person")
    props = person.get("properties") or {}
    return handle_event(session, event, props if isinstance(props, dict) else {}, now, body=body)


def receive_batch(
    session: Session, settings: Settings, body: bytes, now: datetime
) -> dict[str, Any]:
    """``POST /batch/`` from the SDK: authenticated by the project ``api_key``; each event
    in its own savepoint so one bad event is logged and skipped, never losing the others."""
    data = service.parse_json(body)
    key = data.get("api_key") or data.get("token")
    if not isinstance(key, str) or not hmac.compare_digest(key, settings.product_api_key):
        raise Unauthorized("api_key is missing or wrong", field="api_key", rule="I-10")
    batch = data.get("batch")
    if batch is None and "event" in data:
        batch = [data]  # the single-event capture shape
    if not isinstance(batch, list):
        raise ValidationFailed("batch must be a list of events", field="batch")
    counts = {"accepted": 0, "ignored": 0, "duplicates": 0, "rejected": 0}
    for i, event in enumerate(batch):
        raw = json.dumps(event, default=str).encode()
        try:
            with session.begin_nested():
                if not isinstance(event, dict):
                    raise ValidationFailed("each event must be an object")
                outcome = handle_event(session, event, {}, now, body=raw)
        except DomainError as exc:
            counts["rejected"] += 1
            service.log_rejection(
                session, SOURCE, code=exc.code, reason=exc.detail, now=now,
                field=f"batch.{i}.{exc.field}" if exc.field else f"batch.{i}",
                http_status=exc.status, body=raw,
            )  # fmt: skip
            continue
        if outcome.duplicate:
            counts["duplicates"] += 1
        else:
            counts[outcome.status] += 1
    return {"status": 1, **counts}


def _email_of(event: dict[str, Any], person_props: dict[str, Any]) -> str | None:
    props = event.get("properties") or {}
    sets = props.get("$set") or {}
    for value in (
        person_props.get("email"),
        props.get("email"),
        sets.get("email") if isinstance(sets, dict) else None,
        event.get("distinct_id"),
    ):
        if isinstance(value, str) and "@" in value and "." in value.rsplit("@", 1)[-1]:
            return normalise_email(value)
    return None


def _timestamp(value: Any) -> datetime | None:
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, UTC)
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def handle_event(
    session: Session,
    event: dict[str, Any],
    person_props: dict[str, Any],
    now: datetime,
    *,
    body: bytes = b"",
) -> service.Outcome:
    """One product event (I-1 / I-8), idempotent by its uuid."""
    name = event.get("event")
    if not isinstance(name, str) or not name.strip():
        raise ValidationFailed("event name is missing", field="event.event")
    props = event.get("properties") or {}
    if not isinstance(props, dict):
        raise ValidationFailed("properties must be an object", field="event.properties")
    uuid = event.get("uuid")
    key = str(uuid) if uuid else "sha256:" + hashlib.sha256(body).hexdigest()
    delivery, seen = service.claim(session, SOURCE, key, now)
    if seen is not None:
        return seen
    name = name.strip().lower()
    email = _email_of(event, person_props)
    known = name in SIGNUP_EVENTS or name in COUNT_EVENTS
    has_totals = any(isinstance(props.get(p), int) for p in TOTAL_PROPERTIES)
    if not known and not has_totals:
        return service.ignore(
            session, delivery, "unknown-event", f"unknown event type {name!r}", now,
            rule_ids=["I-1"], sender=email, body=body,
        )  # fmt: skip
    if email is None:
        if name in SIGNUP_EVENTS:
            raise ValidationFailed(
                "a signup event needs the person's email", field="person.properties.email"
            )
        return service.ignore(
            session, delivery, "unknown-person", f"{name!r} names no person's email", now,
            rule_ids=["I-8"], body=body,
        )  # fmt: skip
    at = _timestamp(event.get("timestamp")) or now
    if name in SIGNUP_EVENTS:
        match = _signup(session, email, name, props, person_props, at, now)
    else:
        contact = session.scalar(select(Contact).where(Contact.email == email))
        if contact is None:
            return service.ignore(
                session, delivery, "unknown-person", f"no contact {email} for {name!r}", now,
                rule_ids=["I-8"], sender=email, body=body,
            )  # fmt: skip
        account = session.get(Account, contact.account_id)
        assert account is not None
        match = ContactMatch(contact, account, False, False, "contact matched by email (M-1)")
    signals = _signals(session, match.account.id, now)
    _count(signals, name, props, match, at)
    service.timeline(
        session, match, "system", f"Product: {name}", "", now,
        source_ref=f"product:{key}", meta={"event": name}, occurred_at=at,
    )  # fmt: skip
    ids: dict[str, Any] = {"contact_id": match.contact.id, "account_id": match.account.id}
    task_id = _product_led(session, match, signals, now)
    if task_id is not None:
        ids["task_id"] = task_id
    return service.finish(delivery, service.Outcome("accepted", ids=ids))


def _signup(
    session: Session,
    email: str,
    name: str,
    props: dict[str, Any],
    person_props: dict[str, Any],
    at: datetime,
    now: datetime,
) -> ContactMatch:
    """I-1: create or update the contact and account; set the signup properties present."""
    merged = {**props.get("$set", {}), **person_props, **props} if isinstance(
        props.get("$set"), dict
    ) else {**person_props, **props}  # fmt: skip
    overwrite: dict[str, Any] = {"product_signup_ts": _timestamp(merged.get("signup_ts")) or at}
    for prop in SIGNUP_PROPERTIES:
        if merged.get(prop) is not None:
            overwrite[prop] = merged[prop]
    if isinstance(overwrite.get("is_organization_first_user"), str):
        overwrite["is_organization_first_user"] = overwrite["is_organization_first_user"] in (
            "true", "True", "1", "yes",
        )  # fmt: skip
    for key in ("selected_deployment_type", "role_at_organization"):
        if key in overwrite:
            overwrite[key] = str(overwrite[key])[:120]
    full_name = (
        merged.get("name")
        or " ".join(str(merged.get(k) or "") for k in ("first_name", "last_name")).strip()
    )
    company = merged.get("company_name") or merged.get("organization_name")
    return match_contact(
        session,
        email,
        now=now,
        name=str(full_name)[:200] or None,
        company=str(company)[:200] if company else None,
        lead_source="Product signup",
        overwrite=overwrite,
        source=f"product:{name}",
    )


def _signals(session: Session, account_id: int, now: datetime) -> ProductSignals:
    row = session.get(ProductSignals, account_id)
    if row is not None:
        return row
    fresh = ProductSignals(
        account_id=account_id, signups=0, events_ingested=0, invited_users=0,
        fired_rules=[], updated_at=now,
    )  # fmt: skip
    created, _ = insert_or_get(session, fresh, lambda: session.get(ProductSignals, account_id))
    return created


def _count(
    signals: ProductSignals, name: str, props: dict[str, Any], match: ContactMatch, at: datetime
) -> None:
    if name in SIGNUP_EVENTS:
        signals.signups += 1
        if signals.first_signup_contact_id is None:
            signals.first_signup_contact_id = match.contact.id
            signals.first_signup_at = at
    elif name in COUNT_EVENTS:
        count = props.get("count", 1)
        step = count if isinstance(count, int) and count > 0 else 1
        field = COUNT_EVENTS[name]
        setattr(signals, field, getattr(signals, field) + step)
    for prop in TOTAL_PROPERTIES:
        value = props.get(prop)
        if isinstance(value, int) and value > getattr(signals, prop):
            setattr(signals, prop, value)
    signals.updated_at = at


def _product_led(
    session: Session, match: ContactMatch, signals: ProductSignals, now: datetime
) -> int | None:
    """I-8: when a product-led rule fires for the account, a task (once per rule)."""
    facts = AccountSignals(
        employees=match.account.employee_count,
        events_ingested=signals.events_ingested,
        invited_users=signals.invited_users,
        signups=signals.signups,
        fired_rules=tuple(signals.fired_rules or ()),
    )
    fired = product_led_rule_fired(playbook_of(session).intake.product_led_rules, facts)
    if fired is None:
        return None
    rule, reason = fired
    signals.fired_rules = [*(signals.fired_rules or []), rule.name]
    delivery, seen = service.claim(session, "product-led", f"{match.account.id}:{rule.name}", now)
    if seen is not None:
        return None
    contact = match.contact
    if rule.first_signup_only and signals.first_signup_contact_id not in (None, contact.id):
        contact = session.get(Contact, signals.first_signup_contact_id) or contact
    lead = ContactMatch(contact, match.account, False, False, reason)
    record_decision(
        session, "product_led", match.account,
        {"rule": rule.name, "employees": facts.employees, "events_ingested": facts.events_ingested,
         "invited_users": facts.invited_users, "signups": facts.signups},
        ["I-8"], reason, outcome={"contact_id": contact.id}, at=now,
    )  # fmt: skip
    task = service.create_lead_task(
        session, lead, lead_source=rule.lead_source, rule_id="I-8", now=now,
        title=f"{rule.lead_source}: {match.account.name} ({rule.name})",
        message=rule.description or None, source_ref=f"product-led:{rule.name}",
    )  # fmt: skip
    service.finish(delivery, service.Outcome("accepted", ids={"task_id": task.id}))
    return task.id
