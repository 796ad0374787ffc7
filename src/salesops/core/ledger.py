"""The database side of the delivery lanes (X-1): claims, outcomes, parking, leases.

``core.lanes`` runs the sends; everything here runs on its helper thread, one unit
of work per round (``Ledger.round``): record the outcomes since the last round, park
the due rows of channels that are not configured (not retried; re-armed when the
setting appears), and claim what is due up to each lane's free slots with one
indexed query (``claim.pick_due``). What each outcome leads to is
``core.outbox_rules``; what the outbox decides on its own is recorded (O-8).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, case, func, select, update

from salesops.core import coalesce
from salesops.core.audit import record_decision
from salesops.core.claim import pick_due
from salesops.core.claim import renew as renew_leases
from salesops.core.config import Settings
from salesops.core.db import Database
from salesops.core.outbox import AFTER_DELIVERY, CHANNELS, Delivery, DeliveryResult
from salesops.core.outbox_rules import Settled, after_failure, after_lost_lease

log = logging.getLogger("salesops.outbox")
TABLE: Table = Delivery.__table__  # type: ignore[assignment]

PARK_CHUNK = 1000  # rows parked per unit of work (a big backlog never holds the lock long)
STRAY_EVERY = 600.0  # seconds between looks for rows of channels nobody registered


@dataclass
class Outcome:
    row: Delivery
    result: DeliveryResult | None = None  # sent
    parked: str | None = None  # NotConfigured raised by the sender
    error: str = ""
    unsure: bool = False
    retry_after: float | None = None


@dataclass
class RoundResult:
    handled: int = 0  # claimed + parked + held this round
    claimed: list[Delivery] = field(default_factory=list)
    more: bool = False  # a park chunk was full: go again without waiting
    ripe_at: datetime | None = None  # coalesced deliveries wait until then (issue 20)


class Ledger:
    """One worker's bookkeeping of its deliveries (``worker_id`` is the name on its leases)."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        worker_id: str,
        channels: frozenset[str] | None = None,
    ) -> None:
        self.db, self.settings, self.worker_id = db, settings, worker_id
        # The channels this worker serves (None: every registered one). A worker that
        # runs some lanes only (``salesops worker --lanes``) parks, re-arms and claims
        # rows of those only; the rest are another worker's.
        self.channels = channels
        self.stats: Counter[str] = Counter()  # claimed, delivered, failed, parked, held
        self._configured: frozenset[str] | None = None
        self._strays_at = 0.0
        self._park_at = 0.0
        # Coalescing channels: when the rows waiting for siblings are due (not looked
        # at again before; ``core.coalesce``).
        self._ripe_at: dict[str, datetime] = {}

    def serves(self, channel: str) -> bool:
        return self.channels is None or channel in self.channels

    def park_now(self) -> None:
        """The next round looks for rows to park, however recently the last one did."""
        self._park_at = 0.0

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.settings.outbox_lease_seconds)

    def renew(self, ids: list[int], now: datetime) -> None:
        """Extend this worker's leases on the sends still in flight."""
        if not ids:
            return
        until = now + self.lease
        with self.db.unit_of_work() as s:
            held = renew_leases(
                s,
                Delivery,
                ids,
                worker_id=self.worker_id,
                state="in_flight",
                until=until,
                values={"due_at": until},
            )
        if held < len(ids):
            log.warning("%d delivery lease(s) lost by %s", len(ids) - held, self.worker_id)

    def round(self, done: list[Outcome], now: datetime, free: dict[str, int] | None) -> RoundResult:
        """One unit of work: record ``done``; then (unless ``free`` is None) re-arm or
        park by configuration, and claim what is due up to each lane's ``free`` slots."""
        got = RoundResult()
        with self.db.unit_of_work() as s:
            if done:
                self._settle(s, done, now)
            if free is not None:
                self._follow_configuration(s, now, got)
                got.claimed = self._claim(s, now, free, got)
        return got

    def _follow_configuration(self, s: Any, now: datetime, got: RoundResult) -> None:
        """Park due rows of unconfigured channels (not retried), re-arm parked rows of
        channels configured since, and park rows of channels no sender serves."""
        served = {n: ch for n, ch in CHANNELS.items() if self.serves(n)}
        configured = frozenset(n for n, ch in served.items() if not ch.missing(self.settings))
        if configured != self._configured:
            for name in sorted(configured - (self._configured or frozenset())):
                parked = Delivery.state == "parked", Delivery.channel == name
                first = s.scalar(select(func.min(Delivery.id)).where(*parked))
                if first is None:
                    continue
                n = s.execute(
                    update(Delivery)
                    .where(*parked)
                    .values(state="pending", due_at=now, next_attempt_at=now)
                ).rowcount
                reason = f"re-armed {n} parked {name} deliveries: the channel is configured now"
                _decide(s, first, name, reason, {"count": n}, now)
            self._configured = configured
        unconfigured = {n: r for n, ch in served.items() if (r := ch.parked_reason(self.settings))}
        if unconfigured:  # one probe for all of them (idle: it finds nothing)
            got.more |= self._park(s, unconfigured, now, got)
        if self.channels is None and time.monotonic() >= self._strays_at:
            self._strays_at = time.monotonic() + STRAY_EVERY
            strays = s.scalars(
                select(Delivery.channel)
                .where(Delivery.due_at <= now, Delivery.channel.not_in(list(CHANNELS)))
                .distinct()
            ).all()
            reasons = {
                n: f"no sender is registered for channel {n!r} in this worker" for n in strays
            }
            if reasons:
                self._park(s, reasons, now, got)

    def _park(self, s: Any, reasons: dict[str, str], now: datetime, got: RoundResult) -> bool:
        """Park up to ``PARK_CHUNK`` due rows of each of the ``reasons``' channels, each
        with its channel's reason; found with ``pick_due`` (one statement, an ordered
        index range per channel: cheap whatever the planner's statistics say). Returns
        whether a chunk was full (more to park)."""
        limits = dict.fromkeys(reasons, PARK_CHUNK)
        by_channel: dict[str, list[int]] = {}
        for delivery_id, _, _, channel in pick_due(
            s, Delivery, Delivery.channel, Delivery.due_at, limits, now
        ):
            by_channel.setdefault(channel, []).append(delivery_id)
        for channel, ids in by_channel.items():
            s.execute(
                update(Delivery)
                .where(Delivery.id.in_(ids))
                .values(
                    state="parked",
                    due_at=None,
                    locked_by=None,
                    locked_until=None,
                    last_error=reasons[channel],
                    maybe_sent=Delivery.maybe_sent | (Delivery.state == "in_flight"),
                )
            )
            first, last = min(ids), max(ids)
            inputs = {"count": len(ids), "first_id": first, "last_id": last}
            why = f"parked {len(ids)} deliveries: {reasons[channel]}"
            _decide(s, first, channel, why, inputs, now)
            got.handled += len(ids)
            self.stats["parked"] += len(ids)
        return any(len(ids) == PARK_CHUNK for ids in by_channel.values())

    def _claim(
        self, s: Any, now: datetime, free: dict[str, int], got: RoundResult
    ) -> list[Delivery]:
        free = {name: n for name, n in free.items() if n > 0}
        window = self.settings.notify_coalesce_seconds
        gathered = {name: n for name, n in free.items() if window > 0 and CHANNELS[name].combine}
        plain = {name: n for name, n in free.items() if name not in gathered}
        picked = (
            pick_due(s, Delivery, Delivery.channel, Delivery.due_at, plain, now) if plain else []
        )
        groups: list[list[coalesce.Row]] = []
        for name, n in gathered.items():
            ripe = self._ripe_at.pop(name, None)
            if ripe is not None and ripe > now:  # nothing of it is due before then
                self._ripe_at[name] = ripe
                continue
            look = coalesce.look(s, name, now, window, n)
            picked += look.singles
            groups += look.groups
            if look.ripe_at is not None:
                self._ripe_at[name] = look.ripe_at
        got.ripe_at = min(self._ripe_at.values(), default=None)
        held = self._hold_lost(s, [p for p in picked if p[1] == "in_flight"], now)
        rows = self._take(s, [p[0] for p in picked if p[0] not in held], now)
        rows += [coalesce.combine(s, g, now, self.worker_id, self.lease) for g in groups]
        got.handled += len(rows) + len(held)
        self.stats["claimed"] += len(rows)
        self.stats["merged"] += sum(len(g) for g in groups)
        return rows

    def _take(self, s: Any, ids: list[int], now: datetime) -> list[Delivery]:
        """Lease the picked rows still due to this worker (``claim.take``'s conditional
        UPDATE … RETURNING, the arbiter between workers): one statement built once, its
        rows made into detached ``Delivery`` objects without the ORM's bulk-update
        machinery (which cost a round more than the rest of the claim)."""
        if not ids:
            return []
        until = now + self.lease
        found = s.connection().execute(
            _claim_statement(),
            {"b_ids": ids, "b_now": now, "b_until": until, "b_worker": self.worker_id},
        )
        return [Delivery(**row._mapping) for row in found]

    def _hold_lost(
        self, s: Any, lost: list[tuple[int, str, str | None, Any]], now: datetime
    ) -> set[int]:
        """Rows whose lease ran out mid-send, on channels whose receiver cannot tell a
        resend: held as ``unknown`` (outbox_rules.after_lost_lease), not claimed."""
        held: set[int] = set()
        for delivery_id, _, holder, channel in lost:
            ch = CHANNELS.get(channel)
            settled = after_lost_lease(dedupes=ch.dedupes if ch else True, now=now, holder=holder)
            if settled is None:
                continue
            done = s.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id, Delivery.due_at <= now)
                .values(
                    state=settled.state,
                    due_at=None,
                    maybe_sent=True,
                    locked_by=None,
                    locked_until=None,
                    last_error=settled.reason,
                )
            ).rowcount
            if done:
                held.add(delivery_id)
                self.stats["held"] += 1
                _decide(s, delivery_id, channel, settled.reason, {"holder": holder}, now)
        return held

    def _settle(self, s: Any, done: list[Outcome], now: datetime) -> None:
        """Write each attempt's outcome: delivered (whoever holds the lease: it happened),
        or, while this worker still holds it, retry / dead / parked / held."""
        sent = [o for o in done if o.result is not None]
        if sent:
            s.connection().execute(
                update(TABLE)
                .where(Delivery.id == bindparam("b_id"), Delivery.state != "delivered")
                .values(
                    state="delivered",
                    due_at=None,
                    delivered_at=now,
                    locked_until=None,
                    last_error=None,
                    result=bindparam("b_result"),
                ),
                [{"b_id": o.row.id, "b_result": o.result.data} for o in sent if o.result],
            )
            self.stats["delivered"] += len(sent)
            for o in sent:
                if o.result and o.row.payload.get("members"):  # a combined message
                    coalesce.members_delivered(s, o.row, o.result.data, now)
                self._after_delivery(s, o, now)
        failed = [(o, self._settled(o, now)) for o in done if o.result is None]
        if failed:
            s.connection().execute(
                update(TABLE)
                .where(
                    Delivery.id == bindparam("b_id"),
                    Delivery.locked_by == self.worker_id,
                    Delivery.state == "in_flight",
                )
                .values(
                    state=bindparam("b_state"),
                    due_at=bindparam("b_due"),
                    next_attempt_at=bindparam("b_next"),
                    locked_until=None,
                    last_error=bindparam("b_error"),
                    maybe_sent=bindparam("b_maybe"),
                ),
                [
                    {
                        "b_id": o.row.id,
                        "b_state": st.state,
                        "b_due": st.due_at,
                        "b_next": st.due_at or now,
                        "b_error": st.reason[-4000:],
                        "b_maybe": st.maybe_sent or o.row.maybe_sent,
                    }
                    for o, st in failed
                ],
            )
            for o, st in failed:
                self.stats[{"pending": "failed"}.get(st.state, st.state)] += 1
                if st.state == "unknown":
                    _decide(s, o.row.id, o.row.channel, st.reason, {"error": o.error[:500]}, now)

    def _settled(self, o: Outcome, now: datetime) -> Settled:
        if o.parked is not None:
            return Settled("parked", None, o.row.maybe_sent, o.parked)
        ch = CHANNELS.get(o.row.channel)
        return after_failure(
            attempts=o.row.attempts,
            max_attempts=o.row.max_attempts,
            unsure=o.unsure,
            dedupes=ch.dedupes if ch is not None else True,
            now=now,
            error=o.error,
            retry_after=o.retry_after,
        )

    def _after_delivery(self, s: Any, o: Outcome, now: datetime) -> None:
        after = AFTER_DELIVERY.get(o.row.channel)
        if after is None or o.result is None:
            return
        try:
            with s.begin_nested():
                after(s, o.row, o.result, now)
        except Exception as exc:  # noqa: BLE001 - the send happened; say what did not
            log.exception("after-delivery step of delivery %s failed", o.row.id)
            s.execute(
                update(Delivery)
                .where(Delivery.id == o.row.id)
                .values(last_error=f"delivered; writing the result back failed: {exc}"[:4000])
            )


_STATEMENTS: dict[str, Any] = {}


def _claim_statement() -> Any:
    statement = _STATEMENTS.get("claim")
    if statement is None:
        c, when = TABLE.c, Delivery.due_at.type
        until = bindparam("b_until", type_=when)
        statement = _STATEMENTS["claim"] = (
            update(TABLE)
            .where(
                c.id.in_(bindparam("b_ids", expanding=True)),
                c.due_at <= bindparam("b_now", type_=when),
            )
            .values(
                state="in_flight",
                attempts=c.attempts + 1,
                due_at=until,
                locked_by=bindparam("b_worker", type_=c.locked_by.type),
                locked_until=until,
                maybe_sent=case((c.state == "in_flight", True), else_=c.maybe_sent),
            )
            .returning(*TABLE.c)
        )
    return statement


def _decide(
    s: Any, delivery_id: int, channel: str, reason: str, inputs: dict[str, Any], now: Any
) -> None:
    """O-8: what the outbox decided on its own (parked, held, re-armed), on the record."""
    inputs = {"channel": channel, **inputs}
    record_decision(
        s, "delivery_outcome", ("delivery", delivery_id), inputs, ["X-1"], reason[:500], at=now
    )
