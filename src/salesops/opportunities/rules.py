"""Opportunity rules (Q-1 … Q-13): plain values + playbook + ``today`` in, decision out.

No session, no I/O: every function here is unit-tested with plain values.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from salesops.playbook.schema import Playbook
from salesops.playbook.schema_opportunities import Stage


@dataclass(frozen=True)
class Check:
    """A yes/no decision with the reason and what is missing (named for the 4xx)."""

    ok: bool
    reason: str
    missing: list[str] = field(default_factory=list)


def add_months(day: date, months: int) -> date:
    """Calendar months later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- Q-1 record type vs the account's paying status ---------------------------


def check_record_type(pb: Playbook, record_type: str, customer_status: str) -> Check:
    """Q-1: New Revenue only for never-paid accounts; the others only for paying ones."""
    try:
        rt = pb.record_type(record_type)
    except ValueError:
        names = ", ".join(r.name for r in pb.opportunities.record_types)
        return Check(False, f"unknown record type {record_type!r}; one of: {names}")
    paying = customer_status == "paying"
    if rt.requires_paying is True and not paying:
        return Check(
            False,
            f"record type {record_type!r} is for paying accounts; this account is "
            f"{customer_status} (use New Revenue)",
        )
    if rt.requires_paying is False and paying:
        return Check(
            False,
            f"record type {record_type!r} is for accounts that never paid; this account is "
            "paying (use New Revenue – Existing Customer or Existing – Convert to Annual)",
        )
    return Check(True, f"{record_type} agrees with a {customer_status} account")


# -- defaults and computed fields -----------------------------------


def default_type(pb: Playbook, opp_type: str | None) -> str:
    """Q-2: a blank type is the playbook's default (Monthly Plan)."""
    return pb.opportunity_type(opp_type or None).name


def default_amount(pb: Playbook, amount: Decimal | int | None) -> Decimal:
    """Q-3: ARR is $20,000 when blank."""
    return Decimal(pb.opportunities.default_amount) if amount is None else Decimal(amount)


def check_type_amount(pb: Playbook, opp_type: str, amount: Decimal) -> Check:
    """Q-2: a Monthly Contract is month-to-month below $20k annual."""
    ot = pb.opportunity_type(opp_type)
    if ot.max_arr is not None and amount >= ot.max_arr:
        return Check(False, f"a {opp_type} must be below ${ot.max_arr:,} ARR (got {amount})")
    return Check(True, "amount fits the type")


def arr_discounted(
    total: Decimal | None, discount_pct: Decimal | None, term_months: int
) -> Decimal | None:
    """Q-3: total × (1 − discount) × 12 / term (discount in percent); None without a total."""
    if total is None or term_months <= 0:
        return None
    discount = (discount_pct or Decimal(0)) / Decimal(100)
    value = Decimal(total) * (Decimal(1) - discount) * Decimal(12) / Decimal(term_months)
    return value.quantize(Decimal("0.01"))


def contract_end(start: date | None, term_months: int) -> date | None:
    """Q-3: contract end = start + term; None past the calendar's end (a start stored
    before dates were bounded still reads, issue 16 item 5)."""
    try:
        return add_months(start, term_months) if start else None
    except ValueError:
        return None


# MEDDPICC as typed fields (Q-3; handbook "Maximizing your chance of success"), in the
# order they are usually discovered. Other keys an API client stored are kept as they are.
MEDDPICC_FIELDS: tuple[tuple[str, str], ...] = (
    ("pain", "Pain: the problem, and why it must be solved now"),
    ("timeline", "Timeline: when a contract is signed / the solution in place"),
    ("pricing", "Pricing: rough size, in line with their budget"),
    ("champion", "Champion: who sells internally"),
    ("decision_process", "Decision process and criteria"),
    ("economic_buyer", "Economic buyer"),
    ("paper_process", "Paper process: DPA/MSA, security review, who signs"),
)


def merge_meddpicc(old: dict[str, Any], typed: dict[str, str | None]) -> dict[str, Any]:
    """Q-3: the typed MEDDPICC fields over the stored ones; a blank field is cleared,
    keys the form does not show (set through the API) are kept."""
    merged = dict(old or {})
    for key, value in typed.items():
        if value:
            merged[key] = value
        else:
            merged.pop(key, None)
    return merged


def merge_next_step(
    old: dict[str, Any], edits: dict[str, str | None], now: datetime
) -> dict[str, Any]:
    """Q-3 / Q-10: the next step's what / customer-side owner / binary outcome from a form,
    over the stored one: parts the form did not carry are kept, and the timestamp (``at``)
    moves to ``now`` only when the step itself changed (issue 17 item 1: a web edit never
    wipes what the API recorded). No ``what`` means no next step."""
    step = {**(old or {})}
    changed = False
    for key in ("what", "owner", "outcome"):
        if key in edits:
            value = edits[key] or ""
            changed = changed or value != (step.get(key) or "")
            step[key] = value
    if not step.get("what"):
        return {}
    if changed or not step.get("at"):
        step["at"] = now.isoformat()
    return step


# -- stages -----------------------------------------------------------


def stage_index(stages: list[Stage], name: str) -> int:
    for i, stage in enumerate(stages):
        if stage.name == name:
            return i
    raise ValueError(f"unknown stage {name!r}; one of: {', '.join(s.name for s in stages)}")


def required_criteria(pb: Playbook, stage: Stage) -> list[str]:
    """Q-4: the bold (minimum) criteria, or all when the playbook demands all."""
    if pb.opportunities.require_all_exit_criteria:
        return [c.key for c in stage.exit_criteria]
    return [c.key for c in stage.minimum_criteria]


def check_stage_move(
    pb: Playbook,
    stages: list[Stage],
    current: str,
    target: str,
    criteria: Mapping[str, object],
    loss_reason: str | None,
) -> Check:
    """Q-4: advancing needs the exit criteria of every stage left behind; lost needs a reason.

    Moving back (or reopening a closed deal) needs nothing. Closed Lost can be
    reached from any stage but asks for a known loss reason (Q-8).
    """
    try:
        to_i = stage_index(stages, target)
    except ValueError as exc:
        return Check(False, str(exc), ["stage"])
    stage = stages[to_i]
    try:
        from_i = stage_index(stages, current)
    except ValueError:
        if not stage.lost:  # Closed Lost is reachable from any stage, a stranger one too
            # P-2: a stage this playbook does not know (a version activated elsewhere that
            # this process has not read yet, or one renamed without a mapping) — refused in
            # words, never a 500.
            return Check(False, f"this deal's stage {current!r} is not one of this "
                         f"playbook's stages; try again in a moment, or move it to "
                         f"{stages[0].name} first", ["stage"])  # fmt: skip
        from_i = 0
    if stage.lost:
        if stage.requires_loss_reason and not loss_reason:
            return Check(False, f"{target} requires a loss reason", ["loss_reason"])
        if loss_reason:
            try:
                pb.loss_reason(loss_reason)
            except ValueError:
                names = ", ".join(r.name for r in pb.opportunities.loss_reasons)
                return Check(False, f"unknown loss reason {loss_reason!r}; one of: {names}")
        return Check(True, f"closed lost: {loss_reason}")
    if stages[from_i].closed and stage.won:
        from_i = 0  # re-winning a closed deal: every stage's criteria must hold
    elif stages[from_i].closed or to_i <= from_i:
        return Check(True, f"moved back to {target}")
    missing: list[str] = []
    labels: list[str] = []
    for passed in stages[from_i:to_i]:
        if passed.closed:
            continue
        for key in required_criteria(pb, passed):
            if criteria.get(key) is not True:
                missing.append(key)
                label = next(c.label for c in passed.exit_criteria if c.key == key)
                labels.append(f"{passed.name}: {label}")  # human words; keys in `missing`
    if missing:
        return Check(
            False,
            f"cannot advance to {target}; missing exit criteria: {'; '.join(labels)}",
            missing,
        )
    return Check(True, f"exit criteria met up to {target}")


# -- Q-6 forecast categories ------------------------------------------------------


def forecast_moved_earlier(pb: Playbook, old: str | None, new: str) -> bool:
    """Q-6: a move to an earlier (less committed) category, e.g. Commit → Best case, is flagged.

    Categories are listed most to least committed; "earlier" means earlier in a
    deal's life (Pipeline comes before Best case, which comes before Commit).
    """
    names = [c.name for c in pb.opportunities.forecast_categories]
    if old is None or old not in names:
        return False
    return names.index(new) > names.index(old)


# -- Q-7 renewals -------------------------------------------------------------------


def renewal_close_date(pb: Playbook, contract_end_on: date | None, won_on: date) -> date:
    """Q-7: the original contract end, or 4 weeks after the win without contract dates."""
    if contract_end_on is not None:
        return contract_end_on
    return won_on + timedelta(weeks=pb.opportunities.renewal.close_date_fallback_weeks)


# -- Q-10 next steps ------------------------------------------------------------------


def next_step_flag(
    pb: Playbook,
    is_closed: bool,
    next_step: Mapping[str, object],
    next_step_date: date | None,
    today: date,
) -> str | None:
    """Q-10: why an open opportunity is flagged, or None."""
    if is_closed or not pb.opportunities.next_step_required:
        return None
    if not next_step or not next_step.get("what"):
        return "no next step: it should be Closed Lost"
    if next_step_date is not None and next_step_date < today:
        return f"next-step date {next_step_date.isoformat()} has passed"
    return None


# -- Q-11 trials ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrialPlan:
    weeks: int
    ends_on: date
    wrap_up_on: date
    pricing_on: date


def trial_plan(pb: Playbook, amount: Decimal | int | None, starts_on: date) -> TrialPlan | None:
    """Q-11: $20–60k → 2 weeks, $60k+ → 4; wrap-up a week before the end, pricing after a week."""
    weeks = pb.trial_weeks(float(amount) if amount is not None else None)
    if weeks is None:
        return None
    trials = pb.opportunities.trials
    ends = starts_on + timedelta(weeks=weeks)
    return TrialPlan(
        weeks=weeks,
        ends_on=ends,
        wrap_up_on=ends - timedelta(days=trials.wrap_up_days_before_end),
        pricing_on=starts_on + timedelta(days=trials.pricing_after_days),
    )


# -- Q-12 check-ins -----------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInSchedule:
    dates: list[date]  # concrete check-in dates of the bounded phases
    then_every_months: int | None  # the open-ended phase, continued by a plan
    then_from: date | None


def check_in_schedule(pb: Playbook, amount: Decimal | int | None, won_on: date) -> CheckInSchedule:
    """Q-12: $60k+ every 2 weeks for 6 months then monthly; $20–60k monthly for 3 then quarterly."""
    phases = pb.check_in_phases(float(amount) if amount is not None else None)
    dates: list[date] = []
    start = won_on
    for phase in phases:
        if phase.for_months is None:
            nxt = _step(start, phase.every_days, phase.every_months)
            if phase.every_months is None:  # open-ended day cadence: continue monthly-ish plan
                return CheckInSchedule(dates, max(1, (phase.every_days or 30) // 30), nxt)
            return CheckInSchedule(dates, phase.every_months, nxt)
        end = add_months(start, phase.for_months)
        day = _step(start, phase.every_days, phase.every_months)
        while day <= end:
            dates.append(day)
            day = _step(day, phase.every_days, phase.every_months)
        start = end
    return CheckInSchedule(dates, None, None)


def _step(day: date, every_days: int | None, every_months: int | None) -> date:
    if every_days is not None:
        return day + timedelta(days=every_days)
    return add_months(day, every_months or 1)


# -- Q-8 closed-lost follow-ups ---------------------------------------------------------------


@dataclass(frozen=True)
class LossFollowUpDecision:
    kind: str  # after_months|every_months|feature_shipped|certification_obtained|none
    due_on: date | None
    every_months: int | None
    reason: str


def loss_follow_up(pb: Playbook, loss_reason: str, today: date) -> LossFollowUpDecision:
    """Q-8: competitor → in 9 months; current setup → every 6; feature/certification → wait."""
    spec = pb.loss_reason(loss_reason).follow_up
    if spec.kind == "after_months":
        due = add_months(today, spec.months or 0)
        return LossFollowUpDecision(spec.kind, due, None, f"check in {spec.months} months later")
    if spec.kind == "every_months":
        due = add_months(today, spec.months or 0)
        return LossFollowUpDecision(
            spec.kind, due, spec.months, f"check in every {spec.months} months"
        )
    if spec.kind in ("feature_shipped", "certification_obtained"):
        what = "feature ships" if spec.kind == "feature_shipped" else "certification is obtained"
        return LossFollowUpDecision(spec.kind, None, None, f"follow up when the {what}")
    return LossFollowUpDecision("none", None, None, "no automatic follow-up")


# -- Q-9 self-serve and quota -----------------------------------------------------------------


def counts_for_quota(self_serve_post_engagement: bool) -> bool:
    """Q-9 / V-7: "Self serve – post engagement" is excluded from quota retirement."""
    return not self_serve_post_engagement


# -- Q-13 RFPs --------------------------------------------------------------------------------


def rfp_suggestion(
    pb: Playbook, rfp: str | None, prior_contact: bool, product_usage: bool
) -> str | None:
    """Q-13: an unsolicited RFP with no prior contact or usage is suggested for decline."""
    if rfp != "unsolicited" or prior_contact or product_usage:
        return None
    reason = pb.disqualification.automatic.unsolicited_rfp
    return f"decline: unsolicited RFP with no prior contact or usage ({reason!r})"
