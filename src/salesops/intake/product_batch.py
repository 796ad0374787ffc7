"""The analytics SDK's batch capture (``POST /batch/``; I-1, I-8): a batch prepared outside
any transaction (``prepare_batch``: authenticated, each event prepared or rejected), then
stored in parts of at most ``BATCH_PART_EVENTS`` events or ``BATCH_PART_SECONDS`` (one
unit of work each, ``store_batch``), so it never holds SQLite's write lock for long.
Each event is the webhook's (``product_events``)."""

from __future__ import annotations

import hmac
import json
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from salesops.core.config import Settings
from salesops.core.errors import DomainError, Unauthorized, ValidationFailed
from salesops.intake import service
from salesops.intake.product_events import (
    SOURCE,
    PreparedEvent,
    prepare_event,
    relevant,
    store_event,
)

BATCH_PART_EVENTS = 100
BATCH_PART_SECONDS = 0.1


@dataclass
class PreparedBatch:
    """An SDK batch, validated outside the transaction: each event prepared, or the
    error it is rejected with; ``raws`` are what the rejections log keeps."""

    items: list[PreparedEvent | DomainError]
    raws: list[bytes]
    positions: list[int] = field(default_factory=list)  # each item's place in the batch
    uuids: list[str | None] = field(default_factory=list)  # each item's event uuid
    ignored: dict[str, int] = field(default_factory=dict)  # left out at once, by type

    def __post_init__(self) -> None:
        if len(self.positions) != len(self.items):
            self.positions = list(range(len(self.items)))
        if len(self.uuids) != len(self.items):
            self.uuids = [None] * len(self.items)

    def without_ignored(self) -> tuple[PreparedBatch, dict[str, int]]:
        """The events intake acts on, and how many of each other type there were (to be
        counted, not written row by row: issue 15 item 6)."""
        keep: list[int] = []
        ignored = dict(self.ignored)
        for i, item in enumerate(self.items):
            if isinstance(item, PreparedEvent) and not item.relevant:
                ignored[item.name] = ignored.get(item.name, 0) + 1
            else:
                keep.append(i)
        if len(keep) == len(self.items):
            return replace(self, ignored={}), ignored
        return PreparedBatch(
            [self.items[i] for i in keep], [self.raws[i] for i in keep],
            [self.positions[i] for i in keep], [self.uuids[i] for i in keep],
        ), ignored  # fmt: skip


@dataclass
class BatchCounts:
    accepted: int = 0
    ignored: int = 0
    duplicates: int = 0
    rejected: int = 0
    dropped: list[tuple[str | None, str]] = field(default_factory=list)  # uuid, why

    def results(self) -> dict[str, Any]:
        """The v1 capture answer: per-event results by uuid (absent = ok)."""
        return {
            "results": {u: {"result": "drop", "details": why} for u, why in self.dropped if u},
            **{k: v for k, v in self.body().items() if k != "status"},
        }

    def add(self, other: BatchCounts) -> None:
        for name in ("accepted", "ignored", "duplicates", "rejected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.dropped += other.dropped

    def body(self) -> dict[str, Any]:
        return {"status": 1, **{k: v for k, v in asdict(self).items() if k != "dropped"}}


def prepare_batch(settings: Settings, body: bytes, bearer: str | None = None) -> PreparedBatch:
    """``POST /batch/`` (or ``/i/v1/analytics/events``) from the SDK (the decompressed
    body): authenticated by the project ``api_key`` in the body or as a Bearer token;
    every event validated (a bad one is rejected alone)."""
    expected = settings.product_api_key
    if not expected:  # I-10: an empty key disables the route, it never accepts everything
        raise Unauthorized(
            "this intake source is disabled: SALESOPS_PRODUCT_API_KEY is empty",
            field="api_key",
            rule="I-10",
        )
    if bearer is not None and not hmac.compare_digest(bearer, expected):
        raise Unauthorized("the Bearer token is not the project api_key", rule="I-10")
    data = service.parse_json(body)
    key = bearer or data.get("api_key") or data.get("token")
    if not isinstance(key, str) or not hmac.compare_digest(key, expected):
        raise Unauthorized("api_key is missing or wrong", field="api_key", rule="I-10")
    batch = data.get("batch")
    if batch is None and "event" in data:
        batch = [data]  # the single-event capture shape
    if not isinstance(batch, list):
        raise ValidationFailed("batch must be a list of events", field="batch")
    items: list[PreparedEvent | DomainError] = []
    raws: list[bytes] = []
    uuids: list[str | None] = []
    ignored: dict[str, int] = {}
    positions: list[int] = []
    for position, event in enumerate(batch):
        if isinstance(event, dict) and _plainly_ignored(event):  # $pageview & co: no work
            name = event["event"].strip().lower()
            ignored[name] = ignored.get(name, 0) + 1
            continue
        positions.append(position)
        raw = json.dumps(event, default=str).encode()
        raws.append(raw)
        uuid = event.get("uuid") if isinstance(event, dict) else None
        uuids.append(str(uuid)[:100] if uuid else None)
        try:
            if not isinstance(event, dict):
                raise ValidationFailed("each event must be an object")
            items.append(prepare_event(event, {}, raw))
        except DomainError as exc:
            items.append(exc)
    return PreparedBatch(items, raws, positions, uuids, ignored)


def _plainly_ignored(event: dict[str, Any]) -> bool:
    name, props = event.get("event"), event.get("properties")
    if not isinstance(name, str) or not name.strip():
        return False
    return not relevant(name.strip().lower(), props if isinstance(props, dict) else {})


def store_batch(
    session: Session,
    batch: PreparedBatch,
    start: int,
    now: datetime,
    *,
    max_events: int = BATCH_PART_EVENTS,
    max_seconds: float = BATCH_PART_SECONDS,
) -> tuple[int, BatchCounts]:
    """Store a batch's events from ``start`` in the caller's unit of work until
    ``max_events`` are done or ``max_seconds`` have passed; returns where the next
    unit of work starts and the counts. Bounded units of work keep a big batch from
    holding SQLite's write lock (issue 13). Each event runs in its own savepoint: a
    bad one is logged and skipped, never losing the others."""
    counts = BatchCounts()
    stop = time.monotonic() + max_seconds  # lock-hold time, not the business clock
    at = start
    while at < len(batch.items) and at - start < max_events:
        if at > start and time.monotonic() > stop:
            break
        item, raw = batch.items[at], batch.raws[at]
        try:
            if isinstance(item, DomainError):
                raise item
            with session.begin_nested():
                outcome = store_event(session, item, now)
        except DomainError as exc:
            counts.rejected += 1
            counts.dropped.append((batch.uuids[at], exc.detail))
            pos = batch.positions[at]
            service.log_rejection(
                session, SOURCE, code=exc.code, reason=exc.detail, now=now,
                field=f"batch.{pos}.{exc.field}" if exc.field else f"batch.{pos}",
                http_status=exc.status, body=raw,
            )  # fmt: skip
        else:
            if outcome.duplicate:
                counts.duplicates += 1
            elif outcome.status == "accepted":
                counts.accepted += 1
            else:
                counts.ignored += 1
        at += 1
    return at, counts
