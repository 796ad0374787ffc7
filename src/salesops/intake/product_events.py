"""Product events (I-1, I-8) from the analytics platform: its webhook destination
(``{"event": {...}, "person": {...}}``) and its SDK batch capture (``POST /batch/``).

``user signed up`` (cloud) and ``license purchased`` (self-host) create or update
the contact and account and set the signup properties. Usage events raise the
account's signals (events ingested, invited users); product-led rules (I-8) read
those signals and create a task when one fires. Idempotent by event uuid.

Two steps (issue 13): ``prepare_*`` authenticates, decompresses, parses and
validates outside any transaction; ``store_event`` writes in the entrypoint's unit
of work (an SDK batch: ``product_batch``). The signals are counted atomically (``signals``).
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, Contact
from salesops.core.addresses import normalise_email
from salesops.core.config import Settings
from salesops.core.errors import DomainError, PayloadTooLarge, Unauthorized, ValidationFailed
from salesops.core.limits import INT32
from salesops.intake import service
from salesops.intake.person_profiles import (
    PROFILE_EVENTS,
    is_profile_event,
    profile_of,
    remember,
    valid_email,
)
from salesops.intake.rejections import count_ignored
from salesops.intake.rules import verify_hmac_hex
from salesops.intake.signals import Bump, bump_signals, product_led
from salesops.matching.service import ContactMatch, match_contact
from salesops.scoring.service import enrich_and_score

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
# A batch is stored in units of work of at most this many events or seconds (issue 13).
GZIP_MAGIC = b"\x1f\x8b"


def decode_body(body: bytes, encoding: str | None, compression: str | None, limit: int) -> bytes:
    """The SDK's compression options: ``Content-Encoding: gzip|deflate`` or
    ``?compression=gzip|gzip-js``; a gzip body is recognised by its magic bytes too."""
    enc = (encoding or "").strip().lower()
    comp = (compression or "").strip().lower()
    try:
        if enc == "gzip" or comp in ("gzip", "gzip-js") or body[:2] == GZIP_MAGIC:
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


@dataclass
class PreparedEvent:
    """One product event, validated outside the transaction (``prepare_event``)."""

    name: str  # lower-cased
    props: dict[str, Any]
    person_props: dict[str, Any]
    key: str  # the idempotency key: the event's uuid, else the body's hash
    email: str | None
    at: datetime | None  # the event's own timestamp
    body: bytes  # what the rejections log keeps of it
    distinct_id: Any = None  # the analytics platform's person id (issue 15 item 6)

    @property
    def relevant(self) -> bool:
        return relevant(self.name, self.props)


def relevant(name: str, props: dict[str, Any]) -> bool:
    """Whether intake does anything with an event: a signup, a usage event, totals, or
    person properties. Anything else ($pageview, …) is counted, never written row by
    row (issue 15 item 6)."""
    return (
        name in SIGNUP_EVENTS
        or name in COUNT_EVENTS
        or any(isinstance(props.get(p), int) for p in TOTAL_PROPERTIES)
        or is_profile_event(name, props)
    )


def prepare_webhook(
    settings: Settings, body: bytes, signature: str | None, encoding: str | None = None
) -> PreparedEvent:
    """``POST /intake/product-events``: one event, signed with X-Salesops-Signature (I-10)
    over the bytes as sent (a gzip body's compressed bytes, or its JSON)."""
    secret = settings.product_events_secret
    setting = "SALESOPS_PRODUCT_EVENTS_SECRET"
    verdict = verify_hmac_hex(secret, body, signature, setting=setting)
    compressed = (encoding or "").strip().lower() in ("gzip", "deflate") or body[:2] == GZIP_MAGIC
    if verdict.ok:
        data = decode_body(body, encoding, None, settings.max_body_bytes) if compressed else body
    elif compressed and secret and signature:  # signed over the JSON inside the gzip?
        try:
            data = decode_body(body, encoding, None, settings.max_body_bytes)
        except DomainError:
            raise Unauthorized(verdict.reason, rule="I-10") from None
        if not verify_hmac_hex(secret, data, signature, setting=setting).ok:
            raise Unauthorized(verdict.reason, rule="I-10")
    else:
        raise Unauthorized(verdict.reason, rule="I-10")
    return _webhook_event(service.parse_json(data), body)


def _webhook_event(data: dict[str, Any], body: bytes) -> PreparedEvent:
    event = data.get("event")
    person = data.get("person") or {}
    if not isinstance(event, dict):
        raise ValidationFailed("event must be an object", field="event")
    if not isinstance(person, dict):
        raise ValidationFailed("person must be an object", field="person")
    props = person.get("properties") or {}
    return prepare_event(event, props if isinstance(props, dict) else {}, body)


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


def prepare_event(
    event: dict[str, Any], person_props: dict[str, Any], body: bytes
) -> PreparedEvent:
    """One product event's name, properties, key and person, or a 422 naming the field."""
    name = event.get("event")
    if not isinstance(name, str) or not name.strip():
        raise ValidationFailed("event name is missing", field="event.event")
    props = event.get("properties") or {}
    if not isinstance(props, dict):
        raise ValidationFailed("properties must be an object", field="event.properties")
    for prop in ("count", *TOTAL_PROPERTIES):
        value = props.get(prop)
        if isinstance(value, int) and value > INT32:
            raise ValidationFailed(
                f"{prop} is larger than {INT32}", field=f"event.properties.{prop}", rule="I-8"
            )
    uuid = event.get("uuid")
    key = str(uuid) if uuid else "sha256:" + hashlib.sha256(body).hexdigest()
    name = name.strip().lower()
    email = _email_of(event, person_props)
    at = _timestamp(event.get("timestamp"))
    return PreparedEvent(
        name, props, person_props, key, email, at, body, distinct_id=event.get("distinct_id")
    )


def ignored_event(ev: PreparedEvent) -> service.Outcome:
    return service.Outcome("ignored", f"unknown event type {ev.name!r}")


def store_event(session: Session, ev: PreparedEvent, now: datetime) -> service.Outcome:
    """One product event (I-1 / I-8), idempotent by its uuid. Person properties it sets
    are kept for its ``distinct_id`` first (``person_profiles``); an event intake does
    nothing with is only counted (no delivery, decision or sample row)."""
    if not ev.relevant:
        count_ignored(session, SOURCE, "unknown-event", ignored_event(ev).reason, 1, now)
        return ignored_event(ev)
    profiles = remember(session, ev.name, ev.distinct_id, ev.props, now)
    if ev.name in PROFILE_EVENTS:
        return service.Outcome("accepted", ids={"profiles": profiles})
    if ev.email is None and ev.name in SIGNUP_EVENTS:
        ev = _with_profile(session, ev)
    elif ev.email is None:  # I-8: the SDK's usage events after identify name only the id
        ev = replace(ev, email=valid_email(profile_of(session, ev.distinct_id).get("email")))
    delivery, seen = service.claim(session, SOURCE, ev.key, now)
    if seen is not None:
        return seen
    name, props, email, body = ev.name, ev.props, ev.email, ev.body
    if (
        name not in SIGNUP_EVENTS
        and name not in COUNT_EVENTS
        and not any(isinstance(props.get(p), int) for p in TOTAL_PROPERTIES)
    ):  # it only set person properties
        return service.finish(delivery, service.Outcome("accepted", ids={"profiles": profiles}))
    if email is None:
        return service.ignore(
            session, delivery, "unknown-person", f"{name!r} names no person's email", now,
            rule_ids=["I-8"], body=body,
        )  # fmt: skip
    at = ev.at or now
    if name in SIGNUP_EVENTS:
        match = _signup(session, email, name, props, ev.person_props, at, now)
        # S-1 … S-4 before the signals: I-8 reads the enriched employee count (issue 16).
        enrich_and_score(session, match.account, match.contact, now)
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
    signals = bump_signals(session, match.account.id, _bump(name, props, match), at)
    service.timeline(
        session, match, "system", f"Product: {name}", "", now,
        source_ref=f"product:{ev.key}", meta={"event": name}, occurred_at=at,
    )  # fmt: skip
    ids: dict[str, Any] = {"contact_id": match.contact.id, "account_id": match.account.id}
    task_id = product_led(session, match, signals, now)
    if task_id is not None:
        ids["task_id"] = task_id
    return service.finish(delivery, service.Outcome("accepted", ids=ids))


def _with_profile(session: Session, ev: PreparedEvent) -> PreparedEvent:
    """I-1: a signup that names no email takes its person from the profile an earlier
    ``$identify``/``$set`` left for its ``distinct_id``; a 422 when there is none."""
    profile = profile_of(session, ev.distinct_id)
    email = valid_email(profile.get("email"))
    if email is None:
        raise ValidationFailed(
            "a signup event needs the person's email: none on the event, its person, or "
            f"an earlier $identify/$set for distinct_id {str(ev.distinct_id)[:80]!r}",
            field="person.properties.email",
        )
    return replace(ev, email=email, person_props={**profile, **ev.person_props})


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


def _bump(name: str, props: dict[str, Any], match: ContactMatch) -> Bump:
    """What one event adds to its account's signals (I-8)."""
    totals = {p: v for p in TOTAL_PROPERTIES if isinstance(v := props.get(p), int) and v > 0}
    bump = Bump(
        total_events_ingested=totals.get("events_ingested"),
        total_invited_users=totals.get("invited_users"),
    )
    if name in SIGNUP_EVENTS:
        return replace(bump, signups=1, signup_contact_id=match.contact.id)
    if name in COUNT_EVENTS:
        count = props.get("count", 1)
        step = count if isinstance(count, int) and count > 0 else 1
        return replace(bump, **{COUNT_EVENTS[name]: step})
    return bump
